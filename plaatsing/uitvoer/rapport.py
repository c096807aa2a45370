"""The OR-adviesbijlage (personele gevolgen) as Word and Excel documents, with charts."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from plaatsing.uitvoer.rapport_tabellen import AFGESCHERMD, KLEIN, TOTAAL, Bijlage, maak_bijlage
from plaatsing.uitvoer.excel import atomair, bewaar, controleer_uitvoer, nieuw_werkboek, schrijf_tabel

VAST_TIJDSTIP = dt.datetime(2000, 1, 1)
LEGENDA = (f"'{KLEIN}' = minder dan 5 medewerkers; '{AFGESCHERMD}' = afgeschermd zodat niemand een klein "
           "aantal uit een totaal kan terugrekenen. Er staan geen namen of personeelsnummers in deze bijlage.")

HOOFDSTUKKEN = [
    ("formatie_oud", "Formatie oud per eenheid", "Functies, formatie (fte) en medewerkers in de huidige organisatie."),
    ("formatie_nieuw", "Formatie nieuw per eenheid", "Functies, formatie, geplaatsten en vacante formatie in de nieuwe organisatie."),
    ("uitkomsten", "Uitkomsten per huidige eenheid",
     "Hoe de medewerkers van elke huidige eenheid worden geplaatst (regels.md: functievolger SS-1, passend SS-2, "
     "passend lager SS-3, geschikt SS-4/SS-6, vastgezet SS-7)."),
    ("vacatures", "Vacatures", "Formatie die na plaatsing vacant is, ook in nieuwe functies die via werving worden vervuld (SS-5)."),
    ("was_wordt", "Was-wordtoverzicht", "Elke oude functie met de nieuwe functie(s) en de mate van wijziging."),
    ("grensgevallen", "Grensgevallen functies (SS-0)",
     "Functievergelijkingen uit de taken (regels.md SS-0) met een wijzigingspercentage van 28 tot en met 32 %, en "
     "vergelijkingen met bijna dezelfde taakwijziging die aan verschillende kanten van de drempel vallen."),
    ("afspiegeling", "Afspiegeling en selectie", "Per leeftijdsgroep behouden en vervallen plaatsen in uitwisselbare groepen."),
    ("leeftijd", "Leeftijdsopbouw voor en na", "Aantal medewerkers per leeftijdsgroep op de peildatum, voor en na plaatsing."),
    ("geslacht", "Verdeling naar geslacht voor en na", ""),
    ("deeltijd", "Voltijd en deeltijd voor en na", ""),
    ("financieel", "Financiële gevolgen", "Op basis van het blad Salaristabel; bedragen per jaar (12 maandsalarissen, zonder toeslagen)."),
]


def grafieken(b: Bijlage) -> list[tuple[str, bytes]]:
    """Two pictures: formatie per new eenheid, and formatie old vs new in total (no counts of people)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "plaatsing"
    nieuw = b.formatie_nieuw[b.formatie_nieuw["eenheid"] != TOTAAL]
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=110)
    y = range(len(nieuw))
    ax.barh([i + 0.2 for i in y], nieuw["formatie_fte"], height=0.4, label="formatie (fte)", color="#1F4E78")
    ax.barh([i - 0.2 for i in y], nieuw["bezet_fte"], height=0.4, label="bezet na plaatsing (fte)", color="#9DC3E6")
    ax.set_yticks(list(y), nieuw["eenheid"])
    ax.invert_yaxis()
    ax.set_xlabel("fte")
    ax.set_title("Formatie en bezetting per nieuwe eenheid")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
    fig.tight_layout()
    eerste = _png(fig, plt)
    k = b.kerncijfers
    fig, ax = plt.subplots(figsize=(6, 3.6), dpi=110)
    namen = ["formatie oud", "bezetting oud", "formatie nieuw", "bezetting nieuw"]
    waarden = [k["formatie_oud"], k["fte_oud"], k["formatie_nieuw"], k["bezet_nieuw"]]
    staven = ax.bar(namen, waarden, color=["#7F7F7F", "#BFBFBF", "#1F4E78", "#9DC3E6"])
    ax.bar_label(staven, labels=[f"{w:.1f}".replace(".", ",") for w in waarden])
    ax.set_ylabel("fte")
    ax.set_title("Formatie en bezetting oud en nieuw (totaal)")
    fig.tight_layout()
    return [("Formatie en bezetting per nieuwe eenheid", eerste), ("Formatie oud en nieuw", _png(fig, plt))]


def _png(fig, plt) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def schrijf_rapport(s, toewijzing: dict, uitkomsten: dict, kandidaten, map_: Path, naam: str, *,
                    overschrijf: bool = False) -> tuple[Path, Path]:
    """`<naam>-OR-bijlage.docx` and `<naam>-OR-bijlage.xlsx` in `map_`."""
    b = maak_bijlage(s, kandidaten, toewijzing, uitkomsten)
    docx_pad, xlsx_pad = Path(map_) / f"{naam}-OR-bijlage.docx", Path(map_) / f"{naam}-OR-bijlage.xlsx"
    for pad in (docx_pad, xlsx_pad):
        controleer_uitvoer(pad, overschrijf=overschrijf, invoer=Path(s.bron) if s.bron else None, soort=pad.suffix)
    _schrijf_docx(b, s, naam, docx_pad)
    boek = nieuw_werkboek(alleen_schrijven=True)
    for sleutel, titel, _ in HOOFDSTUKKEN:
        tabel = getattr(b, sleutel)
        if tabel is not None:
            schrijf_tabel(boek, titel[:31], tabel)
    with atomair(xlsx_pad) as tijdelijk:
        bewaar(boek, tijdelijk)
    return docx_pad, xlsx_pad


def _schrijf_docx(b: Bijlage, s, naam: str, pad: Path) -> None:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.created = VAST_TIJDSTIP
    doc.core_properties.modified = VAST_TIJDSTIP
    doc.core_properties.author = "plaatsing"
    doc.core_properties.title = f"OR-adviesbijlage personele gevolgen {naam}"
    stijl = doc.styles["Normal"]
    stijl.font.name = "Calibri"
    stijl.font.size = Pt(10)
    for sectie in doc.sections:
        sectie.left_margin = sectie.right_margin = Cm(2)
    doc.add_heading("Bijlage bij de adviesaanvraag: personele gevolgen", level=0)
    k = b.kerncijfers
    doc.add_paragraph(
        f"Scenario: {naam}. Peildatum: {s.parameters.peildatum:%d-%m-%Y}. Deze bijlage hoort bij de adviesaanvraag "
        "aan de ondernemingsraad (artikel 25 WOR) en beschrijft de gevolgen van de reorganisatie voor de "
        f"medewerkers. Van de {k['medewerkers']} medewerkers worden er {k['geplaatst']} geplaatst in de nieuwe "
        f"formatie. De formatie gaat van {_getal(k['formatie_oud'])} fte naar {_getal(k['formatie_nieuw'])} fte.")
    doc.add_paragraph(LEGENDA).italic = True
    figuren = dict(grafieken(b))
    nummer = 0
    for sleutel, titel, uitleg in HOOFDSTUKKEN:
        tabel = getattr(b, sleutel)
        if tabel is None:
            continue
        nummer += 1
        doc.add_heading(f"{nummer}. {titel}", level=1)
        if uitleg:
            doc.add_paragraph(uitleg)
        _tabel(doc, tabel)
        if sleutel == "formatie_nieuw":
            for onderschrift, png in figuren.items():
                doc.add_picture(io.BytesIO(png), width=Cm(15))
                doc.add_paragraph(f"Figuur: {onderschrift}.").italic = True
    with atomair(pad) as tijdelijk:
        doc.save(tijdelijk)


def _tabel(doc, tabel: pd.DataFrame) -> None:
    from docx.shared import Cm, Pt

    t = doc.add_table(rows=1, cols=len(tabel.columns))
    t.style = "Light Grid Accent 1"
    t.autofit = False
    for cel, kolom in zip(t.rows[0].cells, tabel.columns):
        cel.text = str(kolom).replace("_", " ")
    for rij in tabel.itertuples(index=False):
        cellen = t.add_row().cells
        for cel, waarde in zip(cellen, rij):
            cel.text = _tekst(waarde)
    eerste = 4.5 if len(tabel.columns) > 4 else 6.0
    overig = (17.0 - eerste) / max(1, len(tabel.columns) - 1)
    for index, kolom in enumerate(t.columns):
        kolom.width = Cm(eerste if index == 0 else overig)  # the grid LibreOffice reads
    for rij in t.rows:
        for index, cel in enumerate(rij.cells):
            cel.width = Cm(eerste if index == 0 else overig)  # the cell widths Word reads
            for alinea in cel.paragraphs:
                for stuk in alinea.runs:
                    stuk.font.size = Pt(8)


def _tekst(waarde) -> str:
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return ""
    if isinstance(waarde, float):
        return _getal(waarde)
    return str(waarde)


def _getal(x: float) -> str:
    tekst = f"{x:,.2f}".rstrip("0").rstrip(".") if not float(x).is_integer() else f"{int(x):,}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")
