"""The sha256 of a scenario's *content* (scenario-formaat.md, Verantwoording): the cell values of the
contract's sheets in a canonical form, so that a scenario opened and saved unchanged in Excel or
LibreOffice (other bytes, other styles, other XML) keeps its besluiten, and any changed value does not.

Canonical form, per contract sheet in contract order (the sheet's name in the contract, not its title):
its header row and its data rows, each row the values of its cells with empty cells at the end and
empty rows left out; a value as text: empty for None or blank text, whole numbers without decimals,
other numbers with 12 significant digits, a date without a time as JJJJ-MM-DD, text as it stands
(line ends as \\n); a percentage cell and a formula are marked, since they read differently.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from plaatsing.invoer import contract as schema
from plaatsing.invoer.werkboek import Cel, RuwBlad
from plaatsing.waarden import kopsleutel

RIJ = "sha256 inhoud invoer"  # the row in Verantwoording (beside 'sha256 invoer', the file's bytes)
VERSIE = "inhoud-v1"  # part of the hash: a change of the canonical form gives other hashes, never equal ones


def inhoud_sha256(bladen: list[RuwBlad]) -> str:
    """The content sha256 of the contract sheets among `bladen` (the raw sheets of open_werkboek)."""
    h = hashlib.sha256(VERSIE.encode())
    for definitie in schema.BLADEN:
        namen = {kopsleutel(n) for n in (definitie.naam, *definitie.aliassen)}  # as the reader finds a sheet
        gevonden = [b for b in bladen if kopsleutel(b.titel) in namen]
        if len(gevonden) != 1:
            continue  # absent (or twice: the reader refuses that workbook anyway)
        blad = gevonden[0]
        rijen = [_rij([_waarde(k) for k in blad.kop])]
        rijen += [_rij([_cel(c) for c in cellen]) for _nummer, cellen in blad.rijen]
        tekst = json.dumps([definitie.naam, [r for r in rijen if r]], ensure_ascii=False, separators=(",", ":"))
        h.update(tekst.encode("utf-8"))
    return h.hexdigest()


def hoort_bij(s, sha256_bestand: str | None, sha256_inhoud: str | None) -> bool:
    """Whether besluiten that recorded these hashes were made with scenario `s`: by content when both
    know it (a re-saved scenario keeps its besluiten), else by the file's bytes (besluiten written before
    the content hash existed); without a recorded hash nothing can be said against it."""
    if sha256_inhoud and s.inhoud_sha256:
        return sha256_inhoud == s.inhoud_sha256
    if sha256_bestand and s.sha256:
        return sha256_bestand == s.sha256
    return True


def _rij(waarden: list[str]) -> list[str]:
    while waarden and waarden[-1] == "":
        waarden.pop()
    return waarden


def _cel(cel: Cel) -> str:
    tekst = _waarde(cel.waarde)
    if cel.formule:
        return "formule:" + tekst
    if tekst and "%" in (cel.formaat or "") and isinstance(cel.waarde, (int, float)):
        return tekst + "%"  # 0,3 as 30 % is not the number 0,3 to the reader
    return tekst


def _waarde(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "WAAR" if waarde else "ONWAAR"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        if waarde != waarde:  # NaN
            return ""
        if waarde.is_integer() and abs(waarde) < 1e15:
            return str(int(waarde))
        return format(waarde, ".12g")
    if isinstance(waarde, dt.datetime):
        if waarde.time() == dt.time(0):
            return waarde.date().isoformat()
        return waarde.replace(microsecond=0).isoformat()
    if isinstance(waarde, (dt.date, dt.time)):
        return waarde.isoformat()
    tekst = str(waarde).replace("\r\n", "\n").replace("\r", "\n")
    return "" if not tekst.strip() else tekst
