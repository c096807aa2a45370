"""Writing workbooks: readable in Excel and LibreOffice, no formulas, never half-written."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

VAST_TIJDSTIP = dt.datetime(2000, 1, 1)  # document properties do not change between runs
KOP_STIJL = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E78")
BREED = {"motivering": 100, "probleem": 80, "waarde": 70, "onderdeel": 55}


class UitvoerFout(Exception):
    """The output cannot be written (exists, same as the input, folder missing)."""


def controleer_uitvoer(pad: Path, *, overschrijf: bool, invoer: Path | None = None, soort: str = ".xlsx") -> None:
    pad = Path(pad)
    if invoer is not None and pad.resolve() == Path(invoer).resolve():
        raise UitvoerFout(f"het uitvoerbestand '{pad}' is hetzelfde als het scenario; kies een andere naam.")
    if pad.exists() and not overschrijf:
        raise UitvoerFout(f"'{pad}' bestaat al; geef --overschrijf op of kies een andere naam met --uitvoer.")
    if not pad.parent.exists():
        raise UitvoerFout(f"de map '{pad.parent}' bestaat niet; maak die eerst aan.")
    if pad.suffix.lower() != soort:
        raise UitvoerFout(f"'{pad.name}' moet eindigen op {soort}.")


@contextmanager
def atomair(pad: Path):
    """Yield a temporary path beside `pad`; only a completed write replaces `pad`."""
    pad = Path(pad)
    handle, tijdelijk = tempfile.mkstemp(prefix=f".{pad.stem}-", suffix=f".tmp{pad.suffix}", dir=pad.parent)
    os.close(handle)
    try:
        yield Path(tijdelijk)
        os.replace(tijdelijk, pad)
    finally:
        if os.path.exists(tijdelijk):
            os.unlink(tijdelijk)


def nieuw_werkboek() -> Workbook:
    boek = Workbook()
    boek.remove(boek.active)
    boek.properties.creator = "plaatsing"
    boek.properties.created = VAST_TIJDSTIP
    boek.properties.modified = VAST_TIJDSTIP
    return boek


def schrijf_tabel(boek: Workbook, titel: str, tabel: pd.DataFrame) -> None:
    """One sheet: bold frozen header, filter, sensible widths, values only (text stays text)."""
    blad = boek.create_sheet(titel)
    blad.append([str(k) for k in tabel.columns])
    for rij in tabel.itertuples(index=False):
        blad.append([_celwaarde(v) for v in rij])
    for cel in blad[1]:
        cel.font = KOP_STIJL
        cel.fill = KOP_VULLING
    for rij in blad.iter_rows(min_row=2):
        for cel in rij:
            if isinstance(cel.value, str):
                cel.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(cel.value, (dt.date, dt.datetime)):
                cel.number_format = "DD-MM-YYYY"
    blad.freeze_panes = "A2"
    if len(tabel.columns):
        blad.auto_filter.ref = f"A1:{get_column_letter(len(tabel.columns))}{max(1, len(tabel) + 1)}"
    for index, kolom in enumerate(tabel.columns, start=1):
        letter = get_column_letter(index)
        if kolom in BREED:
            blad.column_dimensions[letter].width = BREED[kolom]
            for cel in blad[letter][1:]:
                cel.alignment = Alignment(wrap_text=True, vertical="top")
            continue
        lengtes = [len(str(kolom))] + [len(str(v)) for v in tabel[kolom].head(500) if v is not None]
        blad.column_dimensions[letter].width = min(45, max(8, max(lengtes) + 2))


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


def schrijf_besluiten(plan, pad: Path, *, overschrijf: bool = False, pseudoniemen: bool = False) -> Path:
    """The output workbook of the contract: Plaatsingsbesluiten, Bezetting, (Afspiegeling), Verantwoording."""
    pad = Path(pad)
    bron = Path(plan.scenario.bron) if plan.scenario.bron else None
    controleer_uitvoer(pad, overschrijf=overschrijf, invoer=bron)
    boek = nieuw_werkboek()
    schrijf_tabel(boek, "Plaatsingsbesluiten", pseudonimiseer(plan.besluiten) if pseudoniemen else plan.besluiten)
    schrijf_tabel(boek, "Bezetting", plan.bezetting)
    if plan.afspiegeling is not None and not plan.afspiegeling.empty:
        schrijf_tabel(boek, "Afspiegeling", plan.afspiegeling)
    schrijf_tabel(boek, "Verantwoording", plan.verantwoording)
    if plan.selectie is not None and not plan.selectie.empty:
        schrijf_tabel(boek, "Selectie", plan.selectie)
    with atomair(pad) as tijdelijk:
        boek.save(tijdelijk)
    return pad
