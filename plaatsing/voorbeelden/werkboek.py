"""What every example generator shares: weighted draws, dates, sheets and reproducible workbook bytes."""
from __future__ import annotations

import datetime as dt
import os
import random
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

MEDEWERKER_KOLOMMEN = (["personeelsnummer", "naam", "geboortedatum", "datum_in_dienst", "functie", "schaal", "fte",
                        "dienstverband", "einddatum"] + [f"voorkeur_{i}" for i in range(1, 6)] + ["geslacht"])
FUNCTIE_KOLOMMEN = ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte", "functiefamilie"]


def gewogen(rng: random.Random, keuzes):
    """One value from [(value, weight)]."""
    return rng.choices([k for k, _ in keuzes], [w for _, w in keuzes])[0]


def plus_jaren(dag: dt.date, jaren: int) -> dt.date:
    """The same calendar day `jaren` later (29 February becomes 28 February)."""
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:
        return dag.replace(year=dag.year + jaren, day=28)


def willekeurige_datum(rng: random.Random, van: dt.date, tot: dt.date) -> dt.date:
    return van + dt.timedelta(days=rng.randint(0, max(0, (tot - van).days)))


def blad(wb: Workbook, titel: str, koppen, rijen, *, breedtes: bool = False) -> None:
    """A sheet with a frozen header row and dates as date cells (DD-MM-YYYY); `breedtes` fits the column
    widths to the contents (for a workbook people open)."""
    ws = wb.create_sheet(titel)
    ws.append(list(koppen))
    for rij in rijen:
        ws.append(list(rij))
    for kolom in ws.iter_cols():
        if breedtes:
            teksten = [v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else str(v or "")
                       for v in (cel.value for cel in kolom)]
            ws.column_dimensions[kolom[0].column_letter].width = min(max(map(len, teksten)) + 2, 55)
        for cel in kolom:
            if isinstance(cel.value, dt.date):
                cel.number_format = "DD-MM-YYYY"
    ws.freeze_panes = "A2"


def nieuw_werkboek(maker: str, titel: str | None, tijdstip: dt.datetime) -> Workbook:
    """An empty workbook whose properties carry a fixed time instead of the current one."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = maker
    if titel:
        wb.properties.title = titel
    wb.properties.created = wb.properties.modified = tijdstip
    return wb


class _VasteZip(zipfile.ZipFile):
    """Every zip member gets one fixed timestamp, so the same input gives the same bytes."""

    def __init__(self, *args, tijdstip: dt.datetime, **kwargs):
        self.tijdstip = tijdstip
        super().__init__(*args, **kwargs)

    def writestr(self, naam, data, *args, **kwargs):
        if not isinstance(naam, zipfile.ZipInfo):
            naam = zipfile.ZipInfo(naam, date_time=self.tijdstip.timetuple()[:6])
            naam.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(naam, data, *args, **kwargs)

    def write(self, bestand, arcname=None, *args, **kwargs):
        with open(bestand, "rb") as fh:  # openpyxl writes the sheets from temporary files
            self.writestr(arcname or str(bestand), fh.read())


def bewaar(wb: Workbook, pad, tijdstip: dt.datetime) -> Path:
    """Like Workbook.save, without the current time in docProps or the zip entries, and never a half-written
    file at `pad` (written next to it, then moved into place)."""
    pad = Path(pad)
    pad.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = pad.with_name(f".{pad.name}.{os.getpid()}.tmp")  # two processes never share one
    ExcelWriter(wb, _VasteZip(tijdelijk, "w", zipfile.ZIP_DEFLATED, tijdstip=tijdstip)).save()
    tijdelijk.replace(pad)
    return pad
