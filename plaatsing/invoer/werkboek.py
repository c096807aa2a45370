"""Opening a scenario workbook: from an .xlsx file or from plain Python tables, to raw sheets.

Raw sheets keep Excel row numbers and number formats, so that every later problem can be
reported as blad, rij, kolom, and a percentage cell can be told from a plain number.
"""
from __future__ import annotations

import gc
import re
import warnings
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer.cellen import is_leeg

BESTAND = "Bestand"
TABELLEN = "Tabellen"


@dataclass(frozen=True)
class Cel:
    waarde: object
    formaat: str = "General"
    formule: bool = False
    foutwaarde: bool = False  # an Excel error such as #N/A or #VERW!


@dataclass(frozen=True)
class RuwBlad:
    titel: str
    kop: tuple[object, ...]
    rijen: tuple[tuple[int, tuple[Cel, ...]], ...]  # (Excel row number, cells)
    samengevoegd: tuple[str, ...] = ()  # merged ranges such as "A3:B3"


@contextmanager
def zonder_gc():
    """Pause the cyclic garbage collector while a workbook is read.

    Reading makes millions of small objects and no cycles worth collecting; for a sheet of
    65,000 rows the collector otherwise takes about a third of the reading time.
    """
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def _melding(tekst: str) -> InvoerFout:
    return InvoerFout([Melding(BESTAND, None, None, tekst)])


def open_werkboek(pad: Path) -> list[RuwBlad]:
    """All sheets of an .xlsx file as raw sheets; a clear InvoerFout when it is no workbook."""
    import openpyxl

    pad = Path(pad)
    _controleer_bestand(pad)
    opnieuw_opslaan = ("open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx), "
                       "of gebruik een eerdere versie van het bestand.")
    try:
        archief = zipfile.ZipFile(pad)
        namen = set(archief.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise _melding(f"'{pad.name}' is beschadigd of onvolledig en kan niet worden gelezen; "
                       f"{opnieuw_opslaan}") from None
    with archief:
        if "mimetype" in namen and b"opendocument" in archief.read("mimetype"):
            raise _melding(f"'{pad.name}' is een OpenDocument-werkblad (.ods); open het in Excel of "
                           "LibreOffice en sla het op als Excel-werkmap (.xlsx).")
        if "xl/workbook.bin" in namen:
            raise _melding(f"'{pad.name}' is een binaire Excel-werkmap (.xlsb); open het in Excel en sla het "
                           "op als Excel-werkmap (.xlsx).")
        if not any(naam.startswith("xl/") for naam in namen):
            raise _melding(f"'{pad.name}' is geen Excel-werkmap; gebruik een Excel-werkmap (.xlsx) "
                           "volgens het scenarioformaat (maak er een met 'plaatsing template').")
        if "xl/workbook.xml" in namen and b"purl.oclc.org/ooxml" in archief.read("xl/workbook.xml")[:4000]:
            raise _melding(f"'{pad.name}' is opgeslagen als Strikt Open XML-werkblad; open het in Excel en sla "
                           "het op als gewone Excel-werkmap (.xlsx).")
        try:
            with pad.open("rb") as f, warnings.catch_warnings():
                # openpyxl warns about Excel features it ignores (data validation extensions, …)
                warnings.simplefilter("ignore")
                # a file object, so that the file name's extension does not matter
                boek = openpyxl.load_workbook(f, read_only=True, data_only=False)
                try:
                    return [_lees_blad(blad, _samengevoegd(archief, blad)) for blad in boek.worksheets]
                finally:
                    boek.close()
        except InvoerFout:
            raise
        except Exception:  # noqa: BLE001 - anything that goes wrong inside the file means it is damaged
            raise _melding(f"'{pad.name}' is beschadigd en kan niet worden gelezen; {opnieuw_opslaan}") from None


MAX_BESTAND = 50_000_000  # bytes; 65,000 medewerkers take about 5 MB


def _controleer_bestand(pad: Path) -> None:
    if not pad.exists():
        raise _melding(f"het bestand '{pad}' bestaat niet; controleer het pad en de bestandsnaam.")
    if pad.is_dir():
        raise _melding(f"'{pad}' is een map, geen Excel-werkmap; geef het pad van het .xlsx-bestand op.")
    grootte = pad.stat().st_size
    if grootte > MAX_BESTAND:
        raise _melding(f"'{pad.name}' is {grootte // 1_000_000} MB; een scenario, ook van 65.000 medewerkers, is "
                       f"hooguit enkele MB (de grens is {MAX_BESTAND // 1_000_000} MB). Kopieer alleen de bladen van "
                       "het scenarioformaat naar een nieuwe werkmap (zonder afbeeldingen, draaitabellen of opmaak "
                       "tot de laatste rij) en probeer het opnieuw.")
    try:
        with pad.open("rb") as f:
            begin = f.read(8)
    except OSError:
        raise _melding(f"'{pad.name}' kan niet worden geopend; sluit het bestand in Excel of een ander "
                       "programma, controleer of u leesrechten hebt en probeer het opnieuw.") from None
    if begin.startswith(b"\xd0\xcf\x11\xe0"):
        if _is_versleuteld(pad):
            tekst = (f"'{pad.name}' is met een wachtwoord beveiligd; sla het op zonder wachtwoord "
                     "(Bestand > Info > Werkmap beveiligen) en probeer het opnieuw.")
        else:
            tekst = (f"'{pad.name}' is een oud Excel-bestand (.xls); open het in Excel en sla het op "
                     "als Excel-werkmap (.xlsx).")
        raise _melding(tekst)
    if not begin.startswith(b"PK"):
        if not begin:
            soort = "leeg (0 bytes)"
        elif pad.suffix.lower() in (".csv", ".txt"):
            soort = "een CSV- of tekstbestand"
        else:
            soort = "geen Excel-werkmap"
        raise _melding(f"'{pad.name}' is {soort}; gebruik een Excel-werkmap (.xlsx) volgens het "
                       "scenarioformaat (maak er een met 'plaatsing template').")


def _is_versleuteld(pad: Path) -> bool:
    merk = "EncryptionInfo".encode("utf-16-le")
    with pad.open("rb") as f:
        return merk in f.read(4_000_000)


_SAMENVOEGING = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)"')


def _samengevoegd(archief: zipfile.ZipFile, blad) -> tuple[str, ...]:
    """Merged ranges of a sheet, read from its XML: read-only openpyxl does not expose them.

    The <mergeCell> elements follow the cell data, so the sheet is streamed once in blocks.
    """
    pad = getattr(blad, "_worksheet_path", None)
    if not pad:
        return ()
    gevonden: dict[str, None] = {}
    staart = b""
    with archief.open(pad.lstrip("/")) as bron:
        while blok := bron.read(1 << 20):
            stuk = staart + blok
            if b"mergeCell" in stuk:
                gevonden.update((m.group(1).decode("ascii").upper(), None) for m in _SAMENVOEGING.finditer(stuk))
            staart = stuk[-200:]
    return tuple(gevonden)


def _lees_blad(blad, samengevoegd: tuple[str, ...] = ()) -> RuwBlad:
    # Exporters sometimes write a wrong <dimension>; read-only openpyxl would then cut rows off.
    if hasattr(blad, "reset_dimensions"):
        blad.reset_dimensions()
    kop: tuple = ()
    rijen = []
    for nummer, rij in enumerate(blad.iter_rows(), start=1):
        cellen = tuple(_cel(c) for c in rij)
        if nummer == 1:
            kop = tuple(c.waarde for c in cellen)
            continue
        if any(not is_leeg(c.waarde) for c in cellen):
            rijen.append((nummer, cellen))
    return RuwBlad(blad.title, kop, tuple(rijen), samengevoegd)


def _cel(cel) -> Cel:
    waarde = getattr(cel, "value", None)
    soort = getattr(cel, "data_type", None)
    formaat = getattr(cel, "number_format", None) or "General"
    if soort == "f" and not isinstance(waarde, str):
        waarde = getattr(waarde, "text", None) or str(waarde)  # array and data-table formulas
    return Cel(waarde, str(formaat), soort == "f", soort == "e")


def bladen_uit_tabellen(tabellen: dict[str, list[dict]]) -> list[RuwBlad]:
    """Raw sheets from plain tables (sheet name -> list of row dicts), as the API and tests use."""
    if not isinstance(tabellen, dict):
        raise InvoerFout([Melding(TABELLEN, None, None,
                                  "geef de tabellen als dict: bladnaam -> lijst van rijen (dicts).")])
    bladen, meldingen = [], []
    for titel, rijen in tabellen.items():
        if isinstance(rijen, (str, bytes, dict)) or not hasattr(rijen, "__iter__"):
            meldingen.append(Melding(str(titel), None, None,
                                     "de tabel moet een lijst van rijen zijn (één dict per rij)."))
            continue
        rijen = list(rijen)
        fout = next((i for i, rij in enumerate(rijen) if not isinstance(rij, dict)), None)
        if fout is not None:
            meldingen.append(Melding(str(titel), fout + 2, None,
                                     "deze rij is geen dict van kolomnaam -> waarde."))
            continue
        kolommen: dict = {}
        for rij in rijen:
            kolommen.update(dict.fromkeys(rij))
        ruw = tuple((i + 2, tuple(Cel(rij.get(k)) for k in kolommen)) for i, rij in enumerate(rijen)
                    if any(not is_leeg(v) for v in rij.values()))
        bladen.append(RuwBlad(str(titel), tuple(kolommen), ruw))
    if meldingen:
        raise InvoerFout(meldingen)
    return bladen
