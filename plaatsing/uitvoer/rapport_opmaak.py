"""Layout of the OR-bijlage: Dutch number formats, columns sized to their content, real numbers in Excel."""
from __future__ import annotations

import math
import re

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from plaatsing.uitvoer.excel import KOP_STIJL, KOP_VULLING, bewaar, is_riskant, nieuw_werkboek

GETAL_SOORTEN = ("aantal", "fte", "bedrag", "procent")
# [$-413]: Dutch (nl-NL) separators whatever the language of the reader's Excel or LibreOffice
EXCEL_FORMAAT = {"aantal": "[$-413]#,##0", "fte": "[$-413]#,##0.0#", "bedrag": '[$-413]"€ "#,##0',
                 "procent": "[$-413]0.####"}
TEKEN_CM = 0.7 * 0.03528   # widest average character (bold DejaVu Sans) per pt of font size, in cm
MARGE_CM = 0.5             # cell padding left + right, with room to spare


def _nl(getal: float, decimalen: int) -> str:
    tekst = f"{getal:,.{decimalen}f}"
    if decimalen:
        tekst = tekst.rstrip("0").rstrip(".")
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def tekst_van(waarde, soort: str = "tekst") -> str:
    """A value as printed in the Word document: 1.234 · 0,5 · € 11.398.287 · 30,0001."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return ""
    if isinstance(waarde, str):
        return waarde
    if soort == "bedrag":
        return f"€ {_nl(round(waarde), 0)}"
    if soort == "fte":
        return _nl(float(waarde), 2)
    if soort == "procent":
        return _nl(float(waarde), 4)
    if isinstance(waarde, float) and not waarde.is_integer():
        return _nl(waarde, 2)
    return _nl(waarde, 0)


def _lengtes(teksten) -> tuple[int, int]:
    """(longest word, longest text) in characters."""
    woord = max((len(w) for t in teksten for w in re.split(r"[ \n]", t) if w), default=1)
    return woord, max((len(t) for t in teksten), default=1)


def kolombreedtes(kolommen: list[list[str]], breedte_cm: float, punt: float) -> list[float] | None:
    """Widths (cm) so that no word is broken and the table fills `breedte_cm`; None if it cannot fit."""
    per_teken = TEKEN_CM * punt
    minimaal, natuurlijk = [], []
    for teksten in kolommen:
        woord, geheel = _lengtes(teksten)
        minimaal.append(woord * per_teken + MARGE_CM)
        natuurlijk.append(max(geheel, woord) * per_teken + MARGE_CM)
    if sum(minimaal) > breedte_cm:
        return None
    if sum(natuurlijk) <= breedte_cm:
        schaal = breedte_cm / sum(natuurlijk)
        return [n * schaal for n in natuurlijk]
    ruimte = breedte_cm - sum(minimaal)
    extra = [n - m for n, m in zip(natuurlijk, minimaal)]
    return [m + ruimte * e / sum(extra) for m, e in zip(minimaal, extra)]


def _teksten(tabel) -> tuple[list[str], list[list[str]]]:
    koppen = [str(k) for k in tabel.data.columns]
    return koppen, [[tekst_van(v, tabel.soorten.get(k, "tekst")) for v in tabel.data[k]] for k in tabel.data.columns]


def opmaak(tabel, breedte_cm: float, *, kleinste_punt: float = 7) -> tuple[float, list[float]] | None:
    """(font size, column widths) of the largest font from 9 pt down that fits without breaking a word."""
    koppen, teksten = _teksten(tabel)
    for punt in (9, 8.5, 8, 7.5, 7, 6.5, 6):
        if punt < kleinste_punt:
            break
        breedtes = kolombreedtes([[kop, *kolom] for kop, kolom in zip(koppen, teksten)], breedte_cm, punt)
        if breedtes:
            return punt, breedtes
    return None


def docx_tabel(doc, tabel, *, breedte_cm: float) -> None:
    """A Word table: header repeated on each page, numbers right-aligned, widths from the content."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    data, soorten = tabel.data, tabel.soorten
    koppen, teksten = _teksten(tabel)
    gekozen = opmaak(tabel, breedte_cm, kleinste_punt=6)
    punt, breedtes = gekozen if gekozen else (6, [breedte_cm / len(koppen)] * len(koppen))
    t = doc.add_table(rows=1 + len(data), cols=len(koppen))
    t.style = "Light Grid Accent 1"
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    kop_rij = t.rows[0]._tr.get_or_add_trPr()
    herhaal = OxmlElement("w:tblHeader")
    herhaal.set(qn("w:val"), "true")
    kop_rij.append(herhaal)
    for j, kolom in enumerate(t.columns):
        kolom.width = Cm(breedtes[j])  # the grid LibreOffice reads
    for i, rij in enumerate(t.rows):
        if i:
            blijf = OxmlElement("w:cantSplit")
            rij._tr.get_or_add_trPr().append(blijf)
        for j, cel in enumerate(rij.cells):
            cel.width = Cm(breedtes[j])  # the cell widths Word reads
            tekst = koppen[j] if i == 0 else teksten[j][i - 1]
            alinea = cel.paragraphs[0]
            stuk = alinea.add_run(tekst)
            stuk.font.size = Pt(punt)
            stuk.bold = i == 0 or (i == len(data) and str(data.iloc[-1, 0]) == "Totaal")
            if soorten.get(data.columns[j], "tekst") in GETAL_SOORTEN:
                alinea.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def schrijf_werkboek(pad, delen, legenda: list[str], *, titel: str, kop: str = "") -> None:
    """The bijlage as Excel: a Toelichting sheet, then one sheet per section; counts as numbers,
    protected counts as right-aligned text, Dutch number formats, widths from the content; `kop`
    (e.g. 'Vertrouwelijk') and the page number on every printed page."""
    boek = nieuw_werkboek()
    boek.properties.title = titel
    toelichting = boek.create_sheet("Toelichting")
    toelichting.column_dimensions["A"].width = 28
    toelichting.column_dimensions["B"].width = 110
    toelichting.append([titel])
    toelichting["A1"].font = Font(bold=True, size=13)
    toelichting.append([])
    for regel in legenda:
        toelichting.append(["Anonimiteit", regel])
    for blad, _tabel, uitleg in delen:
        toelichting.append([blad, uitleg])
    for nummer, rij in enumerate(toelichting.iter_rows(min_row=3), start=3):
        rij[1].alignment = Alignment(wrap_text=True, vertical="top")
        rij[0].alignment = Alignment(vertical="top")
        regels = math.ceil(len(str(rij[1].value or "")) / 100) or 1
        toelichting.row_dimensions[nummer].height = 15 * regels
    rechts = Alignment(horizontal="right")
    for blad, tabel, _uitleg in delen:
        ws = boek.create_sheet(blad[:31])
        data, soorten = tabel.data, tabel.soorten
        ws.append(list(map(str, data.columns)))
        for cel in ws[1]:
            cel.font, cel.fill = KOP_STIJL, KOP_VULLING
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        for rij in data.itertuples(index=False):
            ws.append([_excelwaarde(v) for v in rij])
        for j, kolom in enumerate(data.columns, start=1):
            soort = soorten.get(kolom, "tekst")
            teksten = [tekst_van(v, soort) for v in data[kolom]]
            woord, geheel = _lengtes([str(kolom)])
            breedte = max([woord + 2, min(geheel, 24) + 2] + [len(t) + 2 for t in teksten])
            ws.column_dimensions[get_column_letter(j)].width = min(70, breedte)
            for i in range(2, len(data) + 2):
                cel = ws.cell(row=i, column=j)
                if soort in GETAL_SOORTEN:
                    if isinstance(cel.value, str):
                        cel.alignment = rechts
                    else:
                        cel.number_format = EXCEL_FORMAAT[soort]
        if len(data) and str(data.iloc[-1, 0]) == "Totaal":
            for cel in ws[len(data) + 1]:
                cel.font = Font(bold=True)
        ws.freeze_panes = "B2"
    for ws in boek.worksheets:  # text that Excel would take for a formula stays text, also after editing
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        if kop:
            ws.oddHeader.center.text = kop.replace("&", "&&")
        ws.oddFooter.right.text = "Pagina &P van &N"
        for rij in ws.iter_rows():
            for cel in rij:
                if is_riskant(cel.value):
                    cel.data_type = "s"  # never a formula
                    cel.quotePrefix = True
    bewaar(boek, pad)


def _excelwaarde(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item") and not isinstance(v, str):
        return v.item()
    return v
