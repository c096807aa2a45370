"""Per-person files as one set: safe file names, written in a temporary folder beside the target and moved in
only when complete, with a manifest of what the run wrote (docs/formaat.md, "Brieven").

A personeelsnummer comes from a workbook anyone may have edited: it is never used as a path unchanged. A folder
of letters is replaced as a whole, so it never mixes letters of two runs; a run that is stopped leaves the old
set as it was and no temporary folder behind (also not after a kill: the next run removes the remains).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

from plaatsing.uitvoer.excel import UitvoerFout
from plaatsing.waarden import ONZICHTBAAR

MANIFEST = "plaatsing-brieven.json"
_ONVEILIG = re.compile(r'[\\/:*?"<>|\s]+')
_BRIEF = re.compile(r"^(.+)-(?:voorgenomen-)?(?:plaatsingsbesluit|besluit-boventalligheid|"
                    r"besluit-einde-tijdelijk-contract)\.docx$")
MAX_NAAMDEEL = 80


def bestandsdeel(nummer) -> str:
    """A personeelsnummer as part of a file name: NFKC, no control or invisible characters, no separators
    (/ \\ : and the other characters Windows refuses become '_'), no leading dot, at most 80 characters."""
    tekst = unicodedata.normalize("NFKC", str(nummer))
    tekst = "".join(c for c in tekst if unicodedata.category(c) not in ONZICHTBAAR)
    tekst = _ONVEILIG.sub("_", tekst).lstrip(".")
    return tekst[:MAX_NAAMDEEL] or "_"


def binnen(map_: Path, naam: str) -> Path:
    """`map_ / naam`, checked to lie directly inside `map_` after resolving."""
    pad = (map_ / naam).resolve()
    if pad.parent != map_.resolve() or naam in ("", ".", ".."):
        raise UitvoerFout(f"de bestandsnaam '{naam}' valt buiten de map '{map_}'; er is niets geschreven.")
    return pad


def schrijf_reeks(map_: Path, bestanden: Iterable[tuple[str, str, Callable[[], bytes]]], *, overschrijf: bool,
                  deel: bool = False, soort: str = "brieven") -> list[Path]:
    """Write (personeelsnummer, file name, make bytes) as one set into `map_`.

    The whole set replaces what is in `map_` (with `overschrijf`); `deel` (only some people): the files of the
    other people in the folder are kept, those of these people replaced. Nothing in `map_` changes until every
    file is made. Returns the paths in `map_` of the files of this run."""
    doel = Path(os.path.abspath(map_))
    bestanden = list(bestanden)
    _controleer_namen(bestanden)
    doel.parent.mkdir(parents=True, exist_ok=True)
    ruim_restanten_op(doel)
    bestaand = _bestaande_reeks(doel)
    eigen = {bestandsdeel(p).casefold() for p, _, _ in bestanden}
    geraakt = [naam for naam, persoon in bestaand.items() if not deel or persoon in eigen]
    if geraakt and not overschrijf:
        raise UitvoerFout(f"'{doel / sorted(geraakt)[0]}' bestaat al; geef --overschrijf op of kies een andere map.")
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{doel.name}.tmp-", dir=doel.parent))
    try:
        inhoud = []
        if deel:
            for naam, persoon in sorted(bestaand.items()):
                if persoon not in eigen:
                    _kopieer(doel / naam, tijdelijk / naam)
                    inhoud.append(naam)
        for _persoon, naam, maak in bestanden:
            binnen(tijdelijk, naam).write_bytes(maak())
        _schrijf_manifest(tijdelijk, sorted([*inhoud, *(naam for _, naam, _ in bestanden)]), soort)
        _wissel(tijdelijk, doel)
    finally:
        if tijdelijk.exists():
            shutil.rmtree(tijdelijk, ignore_errors=True)
    return [doel / naam for _, naam, _ in bestanden]


def _controleer_namen(bestanden) -> None:
    gezien: dict[str, str] = {}
    for persoon, naam, _ in bestanden:
        sleutel = naam.casefold()
        if sleutel in gezien:
            raise UitvoerFout(f"de personeelsnummers '{gezien[sleutel]}' en '{persoon}' geven dezelfde bestandsnaam "
                              f"'{naam}'; maak de nummers in het blad Medewerkers duidelijk verschillend. Er is niets "
                              "geschreven.")
        gezien[sleutel] = persoon


def _bestaande_reeks(doel: Path) -> dict[str, str]:
    """File name -> person (bestandsdeel, case-folded) of the set in `doel`; an error when `doel` holds
    other files, because the set is replaced as a whole."""
    if not doel.exists():
        return {}
    if not doel.is_dir():
        raise UitvoerFout(f"'{doel}' is een bestand, geen map; kies een map voor de brieven.")
    gemaakt = set()
    if (doel / MANIFEST).is_file():
        try:
            gemaakt = set(json.loads((doel / MANIFEST).read_text(encoding="utf-8")).get("bestanden", {}))
        except (ValueError, OSError, AttributeError):
            gemaakt = set()
    reeks, vreemd = {}, []
    for pad in sorted(doel.iterdir()):
        gevonden = _BRIEF.match(pad.name)
        if pad.name == MANIFEST:
            continue
        if pad.is_file() and (gevonden or pad.name in gemaakt):
            reeks[pad.name] = (gevonden.group(1) if gevonden else pad.stem).casefold()
        else:
            vreemd.append(pad.name)
    if vreemd:
        raise UitvoerFout(f"de map '{doel}' bevat ook andere bestanden dan brieven van plaatsing (bijvoorbeeld "
                          f"'{vreemd[0]}'). Plaatsing vervangt de brieven als één geheel en schrijft ze daarom in een "
                          "eigen map: kies een nieuwe of lege map, of verplaats die bestanden. Er is niets geschreven.")
    return reeks


def _kopieer(bron: Path, doel: Path) -> None:
    try:
        os.link(bron, doel)
    except OSError:
        shutil.copy2(bron, doel)


def _schrijf_manifest(map_: Path, namen: list[str], soort: str) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        versie = version("plaatsing")
    except PackageNotFoundError:
        versie = "onbekend"
    manifest = {
        "soort": soort, "plaatsing": versie, "gemaakt": dt.datetime.now().isoformat(timespec="seconds"),
        "aantal": len(namen),
        "bestanden": {naam: hashlib.sha256((map_ / naam).read_bytes()).hexdigest() for naam in namen},
    }
    (map_ / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _wissel(nieuw: Path, doel: Path) -> None:
    """Put the complete folder `nieuw` in the place of `doel` (two renames on the same disk)."""
    if not doel.exists():
        os.replace(nieuw, doel)
        return
    oud = Path(tempfile.mkdtemp(prefix=f".{doel.name}.oud-", dir=doel.parent))
    oud.rmdir()
    os.replace(doel, oud)
    try:
        os.replace(nieuw, doel)
    except BaseException:
        os.replace(oud, doel)
        raise
    shutil.rmtree(oud, ignore_errors=True)


def ruim_restanten_op(doel: Path) -> None:
    """Clean up after a run beside `doel` that was killed before it could: its temporary folders go; when it
    was killed between the two renames of _wissel, the old set (the last complete one) goes back in place."""
    patroon = re.compile(rf"\.{re.escape(doel.name)}\.(tmp|oud)-\w+")
    resten = sorted(p for p in doel.parent.glob(f".{glob_veilig(doel.name)}.*-*")
                    if p.is_dir() and patroon.fullmatch(p.name))
    oud = [p for p in resten if ".oud-" in p.name]
    if oud and not doel.exists():
        os.replace(oud[0], doel)
    for pad in resten:
        if pad.exists():
            shutil.rmtree(pad, ignore_errors=True)


def glob_veilig(naam: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", naam)
