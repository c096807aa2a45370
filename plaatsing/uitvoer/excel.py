"""Writing workbooks: readable in Excel and LibreOffice, no formulas, never half-written."""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import multiprocessing
import os
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager, suppress
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from plaatsing import signalen
from plaatsing.determinisme import VAST_TIJDSTIP, VasteZip, standaard_workers
from plaatsing.regels.functievergelijking import functievergelijking
from plaatsing.regels.herplaatsing import bladen as herplaatsing_bladen
from plaatsing.waarden import MAX_TEKST_CEL, tabelrijen
from plaatsing.zegel import VERANTWOORDING, verzegel

KOP_STIJL = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E78")
BREED = {"motivering": 100, "probleem": 80, "waarde": 70, "onderdeel": 55}
OMLOOP = Alignment(wrap_text=True, vertical="top")
DATUM = "DD-MM-YYYY"
FORMULE_TEKENS = ("=", "+", "-", "@")


def is_riskant(waarde) -> bool:
    """Text that Excel would read as a formula once a user edits the cell (=, +, - or @ first)."""
    return isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS)


class UitvoerFout(Exception):
    """The output cannot be written (exists, same as the input, folder missing, not writable, disk full)."""


GESCHREVEN: list[Path] = []  # every output completed by atomair, in order (a command reports what it wrote)


def controleer_uitvoer(pad: Path, *, overschrijf: bool, invoer: Path | None = None, soort: str = ".xlsx") -> None:
    pad = Path(pad)
    if invoer is not None and pad.resolve() == Path(invoer).resolve():
        raise UitvoerFout(f"het uitvoerbestand '{pad}' is hetzelfde als het scenario; kies een andere naam.")
    if pad.exists() and not overschrijf:
        raise UitvoerFout(f"'{pad}' bestaat al; geef --overschrijf op of kies een andere naam.")
    if not pad.parent.exists():
        raise UitvoerFout(f"de map '{pad.parent}' bestaat niet; maak die eerst aan.")
    if pad.is_dir():
        raise UitvoerFout(f"'{pad}' is een map; geef een bestandsnaam op.")
    if pad.suffix.lower() != soort:
        raise UitvoerFout(f"'{pad.name}' moet eindigen op {soort}.")


def schrijffout(pad: Path, fout: OSError) -> UitvoerFout:
    """An OS error while writing `pad` as a Dutch message: which path, what is wrong, what to do."""
    pad, map_ = Path(pad), Path(pad).parent
    code = errno.errorcode.get(fout.errno or 0, "")
    if code in ("ENOSPC", "EDQUOT"):
        tekst = f"de schijf van de map '{map_}' is vol; maak ruimte vrij of kies een andere map"
    elif code == "EROFS":
        tekst = f"de map '{map_}' is alleen-lezen; kies een andere map"
    elif code == "ENAMETOOLONG":
        tekst = f"het pad '{pad}' is te lang; kies een kortere naam of een map dichter bij de schijf"
    elif code in ("EACCES", "EPERM") or isinstance(fout, PermissionError):
        tekst = (f"'{pad}' kan niet worden geschreven: geen schrijfrechten in de map '{map_}', of het bestand is "
                 "geopend in een ander programma (bijvoorbeeld Excel of Word); sluit het of kies een andere map")
    elif code in ("EBUSY", "ETXTBSY"):
        tekst = f"'{pad}' is in gebruik door een ander programma; sluit het en probeer het opnieuw"
    else:
        soort = f"systeemfout {code or fout.errno}" if fout.errno is not None else "onbekende systeemfout"
        tekst = f"'{pad}' kan niet worden geschreven ({soort}); kies een andere map"
    return UitvoerFout(f"{tekst}. Er is niets geschreven.")


@contextmanager
def atomair(pad: Path, *, overschrijf: bool = True):
    """Yield a temporary path beside `pad`; only a completed write becomes `pad`.

    `overschrijf=False`: create-exclusive, also against another run that writes the same new file at
    the same moment (the second refuses instead of replacing the first). An OS error (no rights,
    disk full, file open elsewhere) becomes a UitvoerFout that names the path."""
    with atomair_samen([pad], overschrijf=overschrijf) as (tijdelijk,):
        yield tijdelijk


@contextmanager
def atomair_samen(paden, *, overschrijf: bool = True):
    """Like `atomair` for files that belong together (the Word and Excel files of one document): all of
    them or none; a file that stood there before is only replaced with `overschrijf`."""
    paden = [Path(p) for p in paden]
    tijdelijk: list[Path] = []
    gezet: list[Path] = []
    try:
        try:
            for pad in paden:
                handle, naam = tempfile.mkstemp(prefix=f".{pad.stem}-", suffix=f".tmp{pad.suffix}", dir=pad.parent)
                os.close(handle)
                tijdelijk.append(Path(naam))
        except OSError as fout:
            raise schrijffout(paden[len(tijdelijk)], fout) from None
        try:
            yield tuple(tijdelijk)
        except OSError as fout:
            raise schrijffout(paden[0], fout) from None
        signalen.controleer()  # a run stopped by a signal puts nothing in place
        for bron, pad in zip(tijdelijk, paden):
            try:
                _zet(bron, pad, overschrijf)
            except FileExistsError:
                raise UitvoerFout(f"'{pad}' bestaat al (zojuist geschreven door een andere opdracht?); geef "
                                  "--overschrijf op of kies een andere naam. Er is niets geschreven.") from None
            except OSError as fout:
                raise schrijffout(pad, fout) from None
            gezet.append(pad)
    except BaseException:
        if not overschrijf:  # all or none: new files of this set go again
            for pad in gezet:
                with suppress(OSError):
                    os.unlink(pad)
        raise
    finally:
        for naam in tijdelijk:
            with suppress(OSError):
                os.unlink(naam)
    GESCHREVEN.extend(paden)


def _zet(bron: Path, pad: Path, overschrijf: bool) -> None:
    """Move the finished temporary file to its place: replace, or create-exclusive (a hard link fails
    when the name exists; where the file system has no hard links, an exclusive create claims it)."""
    if overschrijf:
        os.replace(bron, pad)
        return
    try:
        os.link(bron, pad)
    except FileExistsError:
        raise
    except OSError:
        fd = os.open(pad, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.close(fd)
        os.replace(bron, pad)


def nieuw_werkboek(*, alleen_schrijven: bool = False) -> Workbook:
    """An empty workbook with fixed properties. `alleen_schrijven`: openpyxl's write-only mode,
    which streams rows to disk (about twice as fast for the large sheets of schrijf_tabel); every cell style
    of schrijf_tabel then has a fixed number, so that a sheet written elsewhere (`blad_elders`) fits."""
    boek = Workbook(write_only=alleen_schrijven)
    if alleen_schrijven:
        _vaste_stijlen(boek)
    else:
        boek.remove(boek.active)
    boek.properties.creator = "plaatsing"
    boek.properties.created = VAST_TIJDSTIP
    boek.properties.modified = VAST_TIJDSTIP
    return boek


def bewaar(boek: Workbook, pad: Path, elders: dict | None = None) -> None:
    """Save; when that fails, finish the streamed sheets of a write-only workbook first, so that
    no half-open sheet complains later (openpyxl removes its temporary files at exit). `elders`: sheet -> the
    XML of that sheet as written in another process (`blad_elders`), in place of what the sheet holds here."""
    buffer = io.BytesIO()  # the archive is made in memory: a full disk fails in our own write, never in
    try:                   # a half-open zip file that complains in English when it is cleaned up
        if boek.write_only and not boek.worksheets:
            boek.create_sheet()  # as Workbook.save does
        # openpyxl names the sheet parts by position (xl/worksheets/sheet1.xml, …) when it saves
        vervang = {f"xl/worksheets/sheet{boek.worksheets.index(blad) + 1}.xml": xml
                   for blad, xml in (elders or {}).items()}
        archief = VasteZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True, vervang=vervang)
        # not Workbook.save: that stamps the time of saving into docProps/core.xml, and the zip members get it too
        ExcelWriter(boek, archief).save()
        if archief.vervangen != set(vervang):
            raise RuntimeError(f"bladen niet op hun plaats gezet: {sorted(set(vervang) - archief.vervangen)}")
    except BaseException:
        _sluit(boek)
        raise
    schrijf_bytes(pad, buffer.getbuffer())


def schrijf_bytes(pad: Path, data) -> None:
    """Write a finished document (made in memory) to its temporary path."""
    with open(pad, "wb") as uit:
        uit.write(data)


def bewaar_als(boek: Workbook, pad: Path, *, overschrijf: bool, elders: dict | None = None) -> None:
    """Save `boek` as `pad` through `atomair`: whole or not at all, a new file never written twice, and
    when the folder refuses even the temporary file, no half-open sheet prints English at exit."""
    try:
        with atomair(pad, overschrijf=overschrijf) as tijdelijk:
            bewaar(boek, tijdelijk, elders)
    except BaseException:
        _sluit(boek)
        raise


def _sluit(boek: Workbook) -> None:
    for blad in boek.worksheets:
        if isinstance(blad, WriteOnlyWorksheet) and not blad.closed:
            with suppress(Exception):
                blad.close()


def schrijf_tabel(boek: Workbook, titel: str, tabel: pd.DataFrame, totaal: int | None = None) -> None:
    """One sheet: bold frozen header, filter, sensible widths, values only (text stays text).
    Everything about the sheet is set before the first row, as write-only mode requires. `totaal`: `tabel` is the
    first part of a table of that many rows (blad_elders); the sheet's size and filter are those of the whole."""
    _past_in_cellen(titel, tabel)
    blad = begin_blad(boek, titel, tabel, totaal)
    _schrijf_rijen(blad, tabel)


def _schrijf_rijen(blad, tabel: pd.DataFrame) -> None:
    kolommen = [_kolom(blad, tabel.iloc[:, k], tabel.columns[k] in BREED) for k in range(tabel.shape[1])]
    for rij in zip(*kolommen):
        blad.append(rij)


def _past_in_cellen(titel: str, tabel: pd.DataFrame, eerste_rij: int = 2) -> None:
    """No text longer than an Excel cell holds: openpyxl would cut it off without a word, and the file would then
    say less than the plan (and its seal would not hold). The tables split such lists over rows themselves.
    `eerste_rij`: the sheet row of the table's first row."""
    for k in range(tabel.shape[1]):
        kolom = tabel.iloc[:, k]
        if pd.api.types.is_numeric_dtype(kolom.dtype) or pd.api.types.is_datetime64_any_dtype(kolom.dtype):
            continue
        for rij, waarde in enumerate(kolom.tolist(), start=eerste_rij):
            if isinstance(waarde, str) and len(waarde) > MAX_TEKST_CEL:
                raise ValueError(f"blad {titel}, rij {rij}, kolom {tabel.columns[k]}: een tekst van {len(waarde)} "
                                 f"tekens, meer dan de {MAX_TEKST_CEL} die een cel van Excel bevat")


def begin_blad(boek: Workbook, titel: str, tabel: pd.DataFrame, totaal: int | None = None):
    """The sheet of `tabel` with everything but its rows: widths, frozen header row, filter, the header.
    `totaal`: the rows of the whole table when `tabel` is its first part (widths from the first 500 rows)."""
    blad = boek.create_sheet(titel)
    rijen = len(tabel) if totaal is None else totaal
    # the sheet's size (<dimension>), which openpyxl writes "if known": without it a reader (openpyxl's too) goes
    # through the whole sheet to find it before it reads a row
    grootte = f"A1:{get_column_letter(max(1, tabel.shape[1]))}{rijen + 1}"
    blad.calculate_dimension = lambda: grootte
    kolommen = [str(k) for k in tabel.columns]
    for index, kolom in enumerate(tabel.columns, start=1):
        letter = get_column_letter(index)
        if kolom in BREED:
            blad.column_dimensions[letter].width = BREED[kolom]
            continue
        lengtes = [len(str(kolom))] + [len(str(v)) for v in tabel[kolom].head(500) if v is not None]
        blad.column_dimensions[letter].width = min(45, max(8, max(lengtes) + 2))
    blad.freeze_panes = "A2"
    if kolommen:
        blad.auto_filter.ref = f"A1:{get_column_letter(len(kolommen))}{max(1, rijen + 1)}"
    kop = []
    for naam in kolommen:
        cel = WriteOnlyCell(blad, value=naam)
        cel.data_type = "s"
        kop.append(_stijl(cel, kop=True, quote=is_riskant(naam)))
    blad.append(kop)
    return blad


def _stijl(cel, *, kop: bool = False, datum: bool = False, omloop: bool = False, quote: bool = False):
    """The cell styles of schrijf_tabel, in one place: `_vaste_stijlen` numbers each of them beforehand."""
    if kop:
        cel.font, cel.fill = KOP_STIJL, KOP_VULLING
    if datum:
        cel.number_format = DATUM
    if omloop:
        cel.alignment = OMLOOP
    if quote:
        cel.quotePrefix = True  # Excel's quote prefix: stays text even after the user edits the cell
    return cel


STIJLEN = [dict(kop=True), dict(kop=True, quote=True), dict(datum=True), dict(omloop=True), dict(quote=True),
           dict(omloop=True, quote=True)]  # every style _stijl gives, each with a fixed number in every workbook


def _vaste_stijlen(boek: Workbook) -> None:
    """Number the styles of STIJLEN in this order (style 1, 2, …), before any cell is written: the number of a
    cell's style is then the same in every write-only workbook, also in one made by another process."""
    hulp = boek.create_sheet("stijlen")
    for stijl in STIJLEN:
        _ = _stijl(WriteOnlyCell(hulp), **stijl).style_id  # asking for the number registers the style
    boek.remove(hulp)


# cells (rows × columns): from here the largest sheet is written by a second core (~2.5 s of writing; starting a
# process from the fork server costs ~0.1 s, and moving the table there and its XML back ~10% of the writing)
GROOT_BLAD = 200_000


# cells from which the largest sheet is split by rows over two processes (each writes its rows in a workbook of its
# own, and the rows are put together in order, `_aan_elkaar`): 65,000 people, Herplaatsing of 1,048,575 rows and
# ~10 million cells, ~130 s of one core in openpyxl
DELEN_VANAF = 3_000_000
MIN_RIJEN_DEEL = 500  # the first part holds the rows that the column widths are taken from (begin_blad)


def blad_elders(tabel: pd.DataFrame, titel: str, map_: str | None = None, begin: int = 0,
                totaal: int | None = None) -> bytes:
    """The XML of the sheet schrijf_tabel makes of `tabel`, made in a workbook of its own (in a process beside
    the one that writes the other sheets): the same bytes, as the styles have the same numbers. `map_`: the folder
    for openpyxl's temporary file of the sheet, which the caller removes however this process ends (a process of a
    pool runs no exit handlers, and a stopped one would leave the rows behind in the system's temporary folder).
    `begin`, `totaal`: `tabel` holds the rows from data row `begin` (from 0) of a table of `totaal` rows. The first
    part gives the sheet with the size and filter of the whole; a later part only its <row> elements, numbered as
    in the whole sheet."""
    if map_ is not None:
        tempfile.tempdir = map_  # this process writes this one sheet only
    boek = nieuw_werkboek(alleen_schrijven=True)
    if begin == 0:
        schrijf_tabel(boek, titel, tabel, totaal)
    else:
        _past_in_cellen(titel, tabel, begin + 2)
        blad = boek.create_sheet(titel)
        for _ in range(begin + 1):  # the header and the rows of the parts before, empty: cut off below
            blad.append(())
        _schrijf_rijen(blad, tabel)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archief:
        ExcelWriter(boek, archief).save()
    with zipfile.ZipFile(buffer) as archief:
        (naam,) = [n for n in archief.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = archief.read(naam)
    if begin == 0:
        return xml
    eerste = re.search(rb'<row r="%d"[ />]' % (begin + 2), xml)
    if eerste is None:
        raise RuntimeError(f"blad {titel}: rij {begin + 2} niet gevonden in het deel vanaf die rij")
    return xml[eerste.start():xml.rindex(b"</sheetData>")]


def _delen(tabel: pd.DataFrame) -> list[tuple[int, int]]:
    """The row ranges (begin, end) in which the largest sheet is written, each in a process of its own."""
    if tabel.size < DELEN_VANAF or len(tabel) < 2 * MIN_RIJEN_DEEL:
        return [(0, len(tabel))]
    midden = len(tabel) // 2
    return [(0, midden), (midden, len(tabel))]


def _aan_elkaar(delen: list[bytes]) -> bytes:
    """The sheet XML of the first part with the rows of the later parts after its own (blad_elders)."""
    eerste = delen[0]
    if len(delen) == 1:
        return eerste
    einde = eerste.rindex(b"</sheetData>")
    return b"".join([eerste[:einde], *delen[1:], eerste[einde:]])


def _kolom(blad, kolom: pd.Series, breed: bool) -> list:
    """One column as its cells, the same as `_cel(blad, _celwaarde(v), breed)` for each value, but a column at a
    time where its type allows (20,000 people: ~1.4 million cells, most of them plain numbers and text)."""
    waarden = kolom.tolist()
    soort = kolom.dtype
    if isinstance(soort, pd.StringDtype) and not breed:
        # text: empty, or what Excel would take for a formula or an error value, gets its own cell
        bijzonder = kolom.isna() | kolom.str.startswith(FORMULE_TEKENS) | kolom.isin(ERROR_CODES)
    elif pd.api.types.is_numeric_dtype(soort) and not pd.api.types.is_bool_dtype(soort) and not breed:
        bijzonder = kolom.isna()  # NaN: an empty cell
    else:
        return [_cel(blad, _celwaarde(v), breed) for v in waarden]
    for i in bijzonder.to_numpy(dtype=bool, na_value=True).nonzero()[0]:
        waarden[i] = _cel(blad, _celwaarde(waarden[i]), False)
    return waarden


def _cel(blad, waarde, breed: bool):
    """A plain value where that is safe; a styled cell for dates, wrapped text and any text that
    openpyxl or Excel would otherwise take for a formula or an error value (never a formula)."""
    if isinstance(waarde, (dt.date, dt.datetime)):
        return _stijl(WriteOnlyCell(blad, value=waarde), datum=True)
    riskant = is_riskant(waarde)
    if not breed and not riskant and not (isinstance(waarde, str) and waarde in ERROR_CODES):
        return waarde
    cel = WriteOnlyCell(blad, value=waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"
    return _stijl(cel, omloop=breed, quote=riskant)


def _celwaarde(v):
    if v is None:
        return None
    if isinstance(v, float) and pd.isna(v):
        return None
    if v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()  # numpy scalar
    return v


def pseudoniem(personeelsnummer: str) -> str:
    """A stable pseudonym: the same personeelsnummer always gives the same text, the name is not in it."""
    return "Medewerker " + hashlib.sha256(f"plaatsing:{personeelsnummer}".encode()).hexdigest()[:8].upper()


def pseudonimiseer(besluiten: pd.DataFrame) -> pd.DataFrame:
    return besluiten.assign(naam=besluiten["personeelsnummer"].map(pseudoniem))


def schrijf_besluiten(plan, pad: Path, *, overschrijf: bool = False, pseudoniemen: bool = False,
                      extra_bladen: dict[str, pd.DataFrame] | None = None) -> Path:
    """The output workbook of the contract: Plaatsingsbesluiten, Bezetting, (Afspiegeling),
    (Functievergelijking, SS-0), (`extra_bladen`, e.g. Bijna geplaatst), Verantwoording."""
    pad = Path(pad)
    bron = Path(plan.scenario.bron) if plan.scenario.bron else None
    controleer_uitvoer(pad, overschrijf=overschrijf, invoer=bron)

    boek = nieuw_werkboek(alleen_schrijven=True)
    bladen = [("Plaatsingsbesluiten", pseudonimiseer(plan.besluiten) if pseudoniemen else plan.besluiten),
              ("Bezetting", plan.bezetting)]
    if not plan.herplaatsing.empty:  # regels.md §10: the open places examined for each boventallige
        bladen += herplaatsing_bladen(plan.herplaatsing)  # more than Excel opens in one sheet: split
    if plan.knelpunten is not None and not plan.knelpunten.empty:  # issue 24: the bound in words
        bladen.append(("Knelpunten", plan.knelpunten))
    if plan.afspiegeling is not None and not plan.afspiegeling.empty:
        bladen.append(("Afspiegeling", plan.afspiegeling))
    vergelijking = functievergelijking(plan.scenario)
    if vergelijking is not None:
        bladen.append(("Functievergelijking", vergelijking))
    bladen += list((extra_bladen or {}).items())
    bladen.append(("Verantwoording", plan.verantwoording))
    if plan.selectie is not None and not plan.selectie.empty:
        bladen.append(("Selectie", plan.selectie))
    schrijf_bladen(boek, bladen, pad, overschrijf=overschrijf, verzegelen=True)
    return pad


def schrijf_bladen(boek: Workbook, bladen: list[tuple[str, pd.DataFrame]], pad: Path, *, overschrijf: bool,
                   verzegelen: bool = False) -> None:
    """Write the sheets and save the workbook as `pad` (bewaar_als); `verzegelen`: with the sha256 of the content in
    Verantwoording (regels.md P3, zegel.verzegel). The largest sheet, from GROOT_BLAD cells and when there is a second
    core, is written in a process of its own while this one seals and writes the others (20,000 people: the 108,000
    rows of Herplaatsing take ~15 s of a core), from DELEN_VANAF cells in two, by rows: the same bytes either way."""
    titel_elders = _titel_elders(bladen)
    if titel_elders is None:
        for titel, tabel in (verzegel(bladen) if verzegelen else bladen):
            schrijf_tabel(boek, titel, tabel)
        bewaar_als(boek, pad, overschrijf=overschrijf)
        return
    tabel_elders = dict(bladen)[titel_elders]
    delen = _delen(tabel_elders)
    hulp = signalen.pool(len(delen))
    map_ = tempfile.mkdtemp(prefix="plaatsing-blad-")  # private (0700), removed below whatever happens
    try:
        taken = [hulp.submit(blad_elders, tabel_elders.iloc[begin:eind], titel_elders, map_, begin, len(tabel_elders))
                 for begin, eind in delen]
        if verzegelen:  # the seal changes Verantwoording only, which is never written elsewhere (_titel_elders)
            bladen = verzegel(bladen)
        plaatshouder = None
        for titel, tabel in bladen:
            if titel == titel_elders:
                plaatshouder = begin_blad(boek, titel, tabel)  # its rows come from the other process
            else:
                schrijf_tabel(boek, titel, tabel)
        elders = {plaatshouder: _aan_elkaar([taak.result() for taak in taken])}
    except BaseException:
        signalen.stop_pool(hulp)
        _sluit(boek)
        raise
    finally:
        shutil.rmtree(map_, ignore_errors=True)
    hulp.shutdown()
    bewaar_als(boek, pad, overschrijf=overschrijf, elders=elders)


def _titel_elders(bladen: list[tuple[str, pd.DataFrame]]) -> str | None:
    if standaard_workers() < 2 or not bladen or multiprocessing.current_process().daemon:
        return None  # one core, or a process that may not start one (a daemon)
    titel, tabel = max(((t, b) for t, b in bladen if t != VERANTWOORDING), key=lambda blad: blad[1].size,
                       default=("", pd.DataFrame()))
    # without a fork server the process imports pandas and openpyxl itself first (~1.5 s of a core)
    grens = GROOT_BLAD if signalen.start_goedkoop() else 5 * GROOT_BLAD
    return titel if tabel.size >= grens else None
