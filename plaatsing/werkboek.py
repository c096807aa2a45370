"""Opening a scenario workbook: from an .xlsx file or from plain Python tables, to raw sheets.

Raw sheets keep Excel row numbers and number formats, so that every later problem can be
reported as blad, rij, kolom, and a percentage cell can be told from a plain number.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from plaatsing.fouten import InvoerFout, Melding

BESTAND = "Bestand"


@dataclass(frozen=True)
class Cel:
    waarde: object
    formaat: str = "General"
    formule: bool = False


@dataclass(frozen=True)
class RuwBlad:
    titel: str
    kop: tuple[object, ...]
    rijen: tuple[tuple[int, tuple[Cel, ...]], ...]  # (Excel row number, cells)


def open_werkboek(pad: Path) -> list[RuwBlad]:
    """All sheets of an .xlsx file as raw sheets; a clear InvoerFout when it is no workbook."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    pad = Path(pad)
    _controleer_bestand(pad)
    try:
        boek = openpyxl.load_workbook(pad, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as fout:
        raise InvoerFout([Melding(BESTAND, None, None,
            f"'{pad.name}' kan niet als Excel-werkmap worden gelezen ({type(fout).__name__}); "
            "open het bestand in Excel en sla het opnieuw op als Excel-werkmap (.xlsx).")]) from None
    try:
        return [_lees_blad(blad) for blad in boek.worksheets]
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as fout:
        raise InvoerFout([Melding(BESTAND, None, None,
            f"'{pad.name}' is beschadigd ({type(fout).__name__}); sla het bestand opnieuw op in Excel.")]) from None
    finally:
        boek.close()


def _controleer_bestand(pad: Path) -> None:
    if not pad.exists():
        raise InvoerFout([Melding(BESTAND, None, None, f"het bestand '{pad}' bestaat niet; controleer het pad.")])
    if pad.is_dir():
        raise InvoerFout([Melding(BESTAND, None, None, f"'{pad}' is een map, geen Excel-werkmap.")])
    with pad.open("rb") as f:
        begin = f.read(8)
    if begin.startswith(b"\xd0\xcf\x11\xe0"):
        if _is_versleuteld(pad):
            tekst = (f"'{pad.name}' is met een wachtwoord beveiligd; sla het op zonder wachtwoord "
                     "(Bestand > Info > Werkmap beveiligen) en probeer het opnieuw.")
        else:
            tekst = (f"'{pad.name}' is een oud Excel-bestand (.xls); open het in Excel en sla het op "
                     "als Excel-werkmap (.xlsx).")
        raise InvoerFout([Melding(BESTAND, None, None, tekst)])
    if not begin.startswith(b"PK"):
        soort = "een CSV- of tekstbestand" if pad.suffix.lower() in (".csv", ".txt") else "geen Excel-werkmap"
        raise InvoerFout([Melding(BESTAND, None, None,
            f"'{pad.name}' is {soort}; gebruik een Excel-werkmap (.xlsx) volgens het scenarioformaat "
            "(maak er een met 'plaatsing template').")])


def _is_versleuteld(pad: Path) -> bool:
    merk = "EncryptionInfo".encode("utf-16-le")
    with pad.open("rb") as f:
        return merk in f.read(4_000_000)


def _lees_blad(blad) -> RuwBlad:
    kop: tuple = ()
    rijen = []
    for nummer, rij in enumerate(blad.iter_rows(), start=1):
        cellen = tuple(_cel(c) for c in rij)
        if nummer == 1:
            kop = tuple(c.waarde for c in cellen)
            continue
        if any(c.waarde is not None and not (isinstance(c.waarde, str) and not c.waarde.strip()) for c in cellen):
            rijen.append((nummer, cellen))
    return RuwBlad(blad.title, kop, tuple(rijen))


def _cel(cel) -> Cel:
    waarde = getattr(cel, "value", None)
    formule = getattr(cel, "data_type", None) == "f"
    formaat = getattr(cel, "number_format", None) or "General"
    return Cel(waarde, formaat, formule)


def bladen_uit_tabellen(tabellen: dict[str, list[dict]]) -> list[RuwBlad]:
    """Raw sheets from plain tables (sheet name -> list of row dicts), as the API and tests use."""
    bladen = []
    for titel, rijen in tabellen.items():
        kolommen: list[str] = []
        for rij in rijen:
            kolommen.extend(k for k in rij if k not in kolommen)
        if isinstance(rijen, dict):
            raise TypeError(f"tabel '{titel}' moet een lijst van rijen zijn")
        ruw = tuple((i + 2, tuple(Cel(rij.get(k)) for k in kolommen)) for i, rij in enumerate(rijen)
                    if any(v is not None and v != "" for v in rij.values()))
        bladen.append(RuwBlad(titel, tuple(kolommen), ruw))
    return bladen
