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
from functools import cache
from pathlib import Path

from plaatsing.fouten import InvoerFout, Melding
from openpyxl.utils import get_column_letter

from plaatsing.waarden import citeer, is_leeg

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
    verborgen: tuple[str, ...] = ()     # hidden in Excel: "het hele blad", "2 rijen (4, 9)", "kolom C"


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


def open_werkboek(pad: Path, *, besluiten: bool = False) -> list[RuwBlad]:
    """All sheets of an .xlsx file as raw sheets; a clear InvoerFout when it is no workbook. `besluiten`: a
    besluiten workbook of plaatsing, read within its own limits (65,000 people write ~63 MB, of which ~1.1 million
    rows Herplaatsing) and read once per process (each command checks its seal and then reads its sheets)."""
    pad = Path(pad)
    if not besluiten:
        return _open_werkboek(pad, _grenzen(False))
    try:
        stat = pad.stat()
        sleutel = (str(pad.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    except OSError:
        sleutel = None
    if sleutel is None or _GELEZEN.get("sleutel") != sleutel:
        _GELEZEN.clear()
        bladen = _open_werkboek(pad, _grenzen(True))
        if sleutel is not None:
            _GELEZEN.update(sleutel=sleutel, bladen=tuple(bladen))
        return bladen
    return list(_GELEZEN["bladen"])


_GELEZEN: dict = {}  # the last besluiten workbook read (its raw sheets are immutable), by path, inode, size, time


@dataclass(frozen=True)
class _Grenzen:
    bestand: int
    deel: int
    totaal: int
    rijen: int
    wat: str   # what the file is, in the messages
    raad: str  # what to do when it is too large


def _grenzen(besluiten: bool) -> _Grenzen:
    if besluiten:
        return _Grenzen(MAX_BESTAND_BESLUITEN, MAX_DEEL_BESLUITEN, MAX_TOTAAL_BESLUITEN, MAX_RIJEN_BESLUITEN,
                        "een besluitenbestand", "Geef het besluitenbestand op zoals 'plaatsing solve' het schreef.")
    return _Grenzen(MAX_BESTAND, MAX_DEEL, MAX_TOTAAL, MAX_RIJEN, "een scenario", _TE_GROOT)


def _open_werkboek(pad: Path, grenzen: _Grenzen) -> list[RuwBlad]:
    import openpyxl

    _controleer_bestand(pad, grenzen)
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
        _controleer_archief(archief, pad.name, grenzen)
        try:
            with pad.open("rb") as f, warnings.catch_warnings():
                # openpyxl warns about Excel features it ignores (data validation extensions, …)
                warnings.simplefilter("ignore")
                # a file object, so that the file name's extension does not matter
                boek = openpyxl.load_workbook(f, read_only=True, data_only=False)
                try:
                    _controleer_afmetingen(boek, grenzen)
                    return [_lees_blad(blad, _samengevoegd(archief, blad), grenzen) for blad in boek.worksheets]
                finally:
                    boek.close()
        except InvoerFout:
            raise
        except Exception:  # noqa: BLE001 - anything that goes wrong inside the file means it is damaged
            raise _melding(f"'{pad.name}' is beschadigd en kan niet worden gelezen; {opnieuw_opslaan}") from None


MAX_BESTAND = 50_000_000  # bytes; 65,000 medewerkers take about 5 MB
# Limits a real formatiehuis never reaches (docs/formaat.md, "Grenzen"), checked before anything is parsed:
# 65,000 medewerkers are a sheet part of about 30 MB with a compression ratio below 10.
MAX_DELEN = 1_000                 # parts in the zip (a workbook of ten sheets has about 25)
MAX_DEEL = 250_000_000            # uncompressed bytes of one part
MAX_GEDEELDE_TEKSTEN = 50_000_000 # uncompressed bytes of xl/sharedStrings.xml (read into memory whole)
MAX_TOTAAL = 500_000_000          # uncompressed bytes of all parts together
MAX_VERHOUDING = 100              # uncompressed / compressed, for a part above VERHOUDING_VANAF bytes
VERHOUDING_VANAF = 5_000_000
MAX_RIJEN = 200_000               # rows per sheet (declared, and rows with data)
# A besluiten workbook of plaatsing (open_werkboek with `besluiten`): 65,000 people write ~63 MB, with a sheet part of
# ~520 MB for the 1,048,575 rows of Herplaatsing (uitvoer/excel.py splits there, at the rows Excel opens).
MAX_BESTAND_BESLUITEN = 400_000_000
MAX_DEEL_BESLUITEN = 1_000_000_000
MAX_TOTAAL_BESLUITEN = 2_000_000_000
MAX_RIJEN_BESLUITEN = 1_048_575
MAX_KOLOMMEN = 500                # columns per sheet (up to SF): the contract's and carried columns fit easily

_TE_GROOT = ("Kopieer alleen de bladen van het scenarioformaat naar een nieuwe werkmap (zonder afbeeldingen, "
             "draaitabellen of opmaak tot de laatste rij) en probeer het opnieuw.")


def _controleer_archief(archief: zipfile.ZipFile, naam: str, grenzen: _Grenzen) -> None:
    """The zip directory against the limits, before a part is unpacked: a small file cannot exhaust memory."""
    delen = archief.infolist()
    if len(delen) > MAX_DELEN:
        raise _melding(f"'{naam}' bestaat uit {len(delen)} onderdelen; {grenzen.wat} heeft er hooguit enkele tientallen "
                       f"(de grens is {MAX_DELEN}). {_TE_GROOT}")
    totaal = 0
    for deel in delen:
        grens = MAX_GEDEELDE_TEKSTEN if deel.filename.lower().endswith("sharedstrings.xml") else grenzen.deel
        verhouding = deel.file_size / max(deel.compress_size, 1)
        if deel.file_size > grens or (deel.file_size > VERHOUDING_VANAF and verhouding > MAX_VERHOUDING):
            raise _melding(f"'{naam}' bevat een onderdeel ({citeer(deel.filename)}) dat uitgepakt "
                           f"{deel.file_size // 1_000_000} MB is{f', {round(verhouding)} keer zo groot als ingepakt' if verhouding > MAX_VERHOUDING else ''}; "
                           f"zo groot wordt {grenzen.wat} niet (de grens is {grens // 1_000_000} MB per onderdeel en "
                           f"{MAX_VERHOUDING} keer ingepakt). {grenzen.raad}")
        totaal += deel.file_size
    if totaal > grenzen.totaal:
        raise _melding(f"'{naam}' is uitgepakt {totaal // 1_000_000} MB; de grens is {grenzen.totaal // 1_000_000} MB. "
                       f"{grenzen.raad}")


def _controleer_afmetingen(boek, grenzen: _Grenzen) -> None:
    """The size each sheet declares (<dimension ref>) against the rows of `grenzen` and MAX_KOLOMMEN."""
    for blad in boek.worksheets:
        rijen, kolommen = getattr(blad, "max_row", None) or 0, getattr(blad, "max_column", None) or 0
        if rijen > grenzen.rijen + 1 or kolommen > MAX_KOLOMMEN:
            raise InvoerFout([Melding(blad.title, None, None,
                                      f"het blad is volgens de werkmap {rijen} rijen lang en {kolommen} kolommen breed "
                                      f"(tot en met kolom {get_column_letter(min(kolommen, 18278))}); plaatsing leest "
                                      f"hoogstens {grenzen.rijen} rijen en {MAX_KOLOMMEN} kolommen (tot en met kolom "
                                      f"{get_column_letter(MAX_KOLOMMEN)}). Verwijder de lege rijen en kolommen na de "
                                      "gegevens (selecteer ze en kies Verwijderen) en sla de werkmap opnieuw op.")])


def _controleer_bestand(pad: Path, grenzen: _Grenzen) -> None:
    if not pad.exists():
        raise _melding(f"het bestand '{pad}' bestaat niet; controleer het pad en de bestandsnaam.")
    if pad.is_dir():
        raise _melding(f"'{pad}' is een map, geen Excel-werkmap; geef het pad van het .xlsx-bestand op.")
    grootte = pad.stat().st_size
    if grootte > grenzen.bestand:
        omvang = "hooguit enkele MB" if grenzen.wat == "een scenario" else "ongeveer 1 MB per 1.000 medewerkers"
        raise _melding(f"'{pad.name}' is {grootte // 1_000_000} MB; {grenzen.wat}, ook van 65.000 medewerkers, is "
                       f"{omvang} (de grens is {grenzen.bestand // 1_000_000} MB). {grenzen.raad}")
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


_LEEG = Cel(None)


def _xml_parser(blad, bron):
    """openpyxl's sheet parser: it yields the cells in the XML of each row, sparse, unlike iter_rows, which pads
    every row up to its last cell (one value in column XFD would make 16,384 cells of each row)."""
    boek = blad.parent
    return _parser_klasse()(bron, blad._shared_strings, data_only=boek.data_only, epoch=boek.epoch,
                            date_formats=boek._date_formats, timedelta_formats=boek._timedelta_formats)


@cache
def _parser_klasse():
    """openpyxl's WorkSheetParser, with the text of an inline string (how openpyxl itself writes every text, so
    every besluitenbestand) taken straight from the XML. openpyxl builds a Text object per such cell, which took
    over half the time of reading back a large besluitenbestand; the text is the same (Text.content: the plain
    text, then each run's, without phonetic runs)."""
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    tekst, run = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            inline = element.find(INLINE_STRING) if element.get("t") == "inlineStr" and not self.rich_text else None
            if inline is None:
                return super().parse_cell(element)
            element.remove(inline)  # the rest (place, style, a formula) as openpyxl reads it
            cel = super().parse_cell(element)
            if cel["data_type"] == "inlineStr":
                delen = [inline.findtext(tekst)] + [r.findtext(tekst) for r in inline if r.tag == run]
                cel.update(value="".join(d for d in delen if d is not None), data_type="s")
            return cel

    return Parser


def _verborgen(blad, parser) -> tuple[str, ...]:
    """What Excel does not show: the sheet itself, rows and columns (their content is read all the same)."""
    verborgen = [] if getattr(blad, "sheet_state", "visible") == "visible" else ["het hele blad"]
    rijen = [int(r) for r, a in parser.row_dimensions.items() if a.get("hidden") in ("1", "true")]
    kolommen = [a.get("index", k) for k, a in parser.column_dimensions.items() if a.get("hidden") in ("1", "true")]
    if rijen:
        verborgen.append(f"{len(rijen)} {'rij' if len(rijen) == 1 else 'rijen'} (" + ", ".join(map(str, sorted(rijen)[:5]))
                         + (", …" if len(rijen) > 5 else "") + ")")
    if kolommen:
        verborgen.append(f"{'kolom' if len(kolommen) == 1 else 'kolommen'} " + ", ".join(kolommen[:5])
                         + (", …" if len(kolommen) > 5 else ""))
    return tuple(verborgen)


def _lees_blad(blad, samengevoegd: tuple[str, ...] = (), grenzen: _Grenzen | None = None) -> RuwBlad:
    """The header and the rows with data of a read-only sheet, within the rows of `grenzen` and MAX_KOLOMMEN, and
    what Excel hides. The sheet's declared <dimension> is not used for reading: exporters sometimes write a wrong one."""
    grenzen = grenzen or _grenzen(False)
    max_rijen = grenzen.rijen
    kop: tuple = ()
    rijen = []
    with blad._get_source() as bron:
        parser = _xml_parser(blad, bron)
        formaten: dict[int, str] = {}
        for nummer, xml in parser.parse():
            cellen = _cellen(blad, nummer, xml, formaten)
            if nummer == 1:
                kop = tuple(c.waarde for c in cellen)
            elif any(not is_leeg(c.waarde) for c in cellen):
                if len(rijen) >= max_rijen:
                    raise InvoerFout([Melding(blad.title, nummer, None,
                                              f"het blad heeft meer dan {max_rijen} rijen met gegevens; zo groot wordt "
                                              f"{grenzen.wat} niet. Verwijder wat onder de gegevens staat (bijvoorbeeld "
                                              "een doorgetrokken formule of waarde) en sla de werkmap opnieuw op.")])
                rijen.append((nummer, cellen))
        verborgen = _verborgen(blad, parser)
    return RuwBlad(blad.title, kop, tuple(rijen), samengevoegd, verborgen)


def _cellen(blad, nummer: int, xml: list, formaten: dict) -> tuple[Cel, ...]:
    """The cells of one row up to its last one, at most MAX_KOLOMMEN (a value further right is refused)."""
    if not xml:
        return ()
    cellen = [_LEEG] * min(max(c["column"] for c in xml), MAX_KOLOMMEN)
    for c in xml:
        if c["column"] > MAX_KOLOMMEN:
            if not is_leeg(c["value"]):
                raise _te_breed(blad.title, nummer, c["column"])
            continue
        stijl = c["style_id"]
        if stijl not in formaten:
            formaten[stijl] = _formaat(blad, stijl)
        cellen[c["column"] - 1] = _cel(c["value"], c["data_type"], formaten[stijl])
    return tuple(cellen)


def _formaat(blad, stijl: int) -> str:
    """The number format of a style, as openpyxl's read-only cell gives it (once per style, not per cell)."""
    from openpyxl.cell.read_only import ReadOnlyCell

    return str(ReadOnlyCell(blad, 1, 1, None, style_id=stijl).number_format or "General")


def _te_breed(titel: str, rij: int, kolom: int) -> InvoerFout:
    return InvoerFout([Melding(titel, rij, get_column_letter(kolom),
                               f"in deze cel staat een waarde ver rechts van de gegevens; plaatsing leest hoogstens "
                               f"{MAX_KOLOMMEN} kolommen (tot en met kolom {get_column_letter(MAX_KOLOMMEN)}). Verwijder "
                               "de kolommen na de gegevens en sla de werkmap opnieuw op.")])


def _cel(waarde, soort: str, formaat: str) -> Cel:
    if soort == "f" and not isinstance(waarde, str):
        waarde = getattr(waarde, "text", None) or str(waarde)  # array and data-table formulas
    return Cel(waarde, formaat, soort == "f", soort == "e")


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
