"""OR-adviesbijlage: real documents, opened again and checked; anonymous against an interval attack."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from docx import Document

from aanvaller import val_aan
from plaatsing import read_scenario, solve
from plaatsing.plan import UITKOMSTEN
from plaatsing.uitvoer.rapport_opmaak import schrijf_werkboek, tekst_van
from plaatsing.uitvoer.rapport_tabellen import Tabel
from plaatsing.uitvoer.excel import nieuw_werkboek, schrijf_besluiten, schrijf_tabel
from cli_hulp import draai

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
BLADEN = ["Toelichting", "Samenvatting", "Formatie oud", "Formatie nieuw", "Uitkomsten per eenheid", "Vacatures",
          "Restformatie", "Was-wordt", "Grensgevallen", "Selectie", "Leeftijd voor en na", "Geslacht voor en na", "Voltijd en deeltijd voor en na",
          "Financiële gevolgen"]



@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("demo")
    s = read_scenario(DEMO)
    plan = solve(s)
    besluiten = schrijf_besluiten(plan, map_ / "almelo-2018-besluiten.xlsx")
    uitkomst = draai("rapport", DEMO, besluiten, "--map", map_)
    assert uitkomst.exit_code == 0, uitkomst.output
    return s, plan, map_, besluiten


def docx_tekst(pad: Path) -> str:
    doc = Document(pad)
    delen = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        delen += [c.text for rij in tabel.rows for c in rij.cells]
    return "\n".join(delen)


def bladen(pad: Path) -> dict:
    boek = openpyxl.load_workbook(pad)
    return {ws.title: [list(r) for r in ws.values] for ws in boek}


@pytest.mark.traag
def test_bijlage_hoofdstukken_samenvatting_vooraan_en_geen_afspiegeling_bij_ancienniteit(demo):
    _s, plan, map_, _ = demo
    doc = Document(map_ / "almelo-2018-OR-bijlage.docx")
    koppen = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert koppen == ["1. Samenvatting", "2. Formatie oud per eenheid", "3. Formatie nieuw per eenheid",
                      "4. Uitkomsten per huidige eenheid", "5. Vacatures", "6. Restformatie", "7. Was-wordtoverzicht",
                      "8. Grensgevallen functies (SS-0)", "9. Selectie in uitwisselbare groepen",
                      "10. Leeftijdsopbouw voor en na", "11. Verdeling naar geslacht voor en na",
                      "12. Voltijd en deeltijd voor en na", "13. Financiële gevolgen"]
    assert "De selectie volgt de anciënniteit" in docx_tekst(map_ / "almelo-2018-OR-bijlage.docx")
    assert len(doc.inline_shapes) == 2  # the charts
    samenvatting = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    telling = plan.besluiten["uitkomst"].value_counts()
    assert ["medewerkers in de huidige organisatie", "300"] in samenvatting
    assert ["geplaatst in de nieuwe organisatie", str(int(telling.drop(["boventallig", "niet geplaatst (tijdelijk)"]).sum()))] in samenvatting
    assert ["niet geplaatst", str(int(telling["boventallig"] + telling["niet geplaatst (tijdelijk)"]))] in samenvatting
    assert ["functievolger" in r[0] for r in samenvatting].count(True) == 1
    assert list(bladen(map_ / "almelo-2018-OR-bijlage.xlsx")) == BLADEN
    assert all(len(b) <= 31 for b in BLADEN)


@pytest.mark.traag
def test_afspiegeling_alleen_bij_sel_b(tmp_path):
    s = read_scenario(DEMO, parameters={"selectiemethode": "afspiegeling"})
    besluiten = schrijf_besluiten(solve(s), tmp_path / "b.xlsx")
    assert draai("rapport", DEMO, besluiten, "--map", tmp_path, "-p", "selectiemethode=afspiegeling").exit_code == 0
    doc = Document(tmp_path / "b-OR-bijlage.docx")   # named after the besluiten, not the scenario
    koppen = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "9. Afspiegeling en selectie" in koppen
    assert "Afspiegeling" in bladen(tmp_path / "b-OR-bijlage.xlsx")


@pytest.mark.traag
def test_bijlage_anoniem_en_zonder_onthulling(demo):
    s, _plan, map_, _ = demo
    tekst = docx_tekst(map_ / "almelo-2018-OR-bijlage.docx")
    namen = [n for n in s.medewerkers["naam"].dropna() if len(n) > 3]
    alles = bladen(map_ / "almelo-2018-OR-bijlage.xlsx")
    cellen = " ".join(str(c) for rijen in alles.values() for r in rijen for c in r if c is not None)
    for inhoud in (tekst, cellen):
        assert not re.search(r"\bA\d{4}\b", inhoud) and not any(n in inhoud for n in namen)
        assert "../shared" not in inhoud and "regels.md" not in inhoud
    tabellen = {k: v for k, v in alles.items() if k not in ("Toelichting", "Vacatures", "Was-wordt", "Financiële gevolgen")}
    assert val_aan(tabellen) == []
    # the Word tables print exactly the same counts and marks as the Excel sheets
    doc = Document(map_ / "almelo-2018-OR-bijlage.docx")
    woord = [[c.text for c in r.cells] for r in doc.tables[3].rows]
    excel = alles["Uitkomsten per eenheid"]
    assert [[tekst_van(c, "aantal") if i else c for i, c in enumerate(r)] for r in excel] == woord


@pytest.mark.traag
def test_legenda_zegt_wat_er_is_gedaan(demo):
    _s, _plan, map_, _ = demo
    alles = bladen(map_ / "almelo-2018-OR-bijlage.xlsx")
    bullets = sum(1 for k, rijen in alles.items() if k != "Toelichting" for r in rijen for c in r if c == "•")
    tekst = docx_tekst(map_ / "almelo-2018-OR-bijlage.docx")
    assert "Een aantal van 1 tot en met 4 medewerkers in een uitsplitsing staat als '<5' (drempel_afscherming = 5)" in tekst
    assert "Een groep van minder dan 5 medewerkers wordt niet verder uitgesplitst" in tekst
    assert "Altijd samengevoegd, ongeacht de grootte: geslacht X en onbekend samen als 'X of onbekend'." in tekst
    gemeld = int(re.search(r"Verder zijn (\d+) andere aantallen afgeschermd", tekst).group(1))
    # every '•' is either a part of a '<5' group, a protected fte/amount, or one of the counted ones
    assert 0 < gemeld <= bullets
    assert ["geslacht", "voor", "na"] == alles["Geslacht voor en na"][0]
    assert "x" not in [r[0] for r in alles["Geslacht voor en na"]]


@pytest.mark.traag
def test_uitkomstentabel_klopt_en_getallen_zijn_getallen(demo):
    _s, plan, map_, _ = demo
    rijen = bladen(map_ / "almelo-2018-OR-bijlage.xlsx")["Uitkomsten per eenheid"]
    kop, totaal = rijen[0], rijen[-1]
    assert kop == ["eenheid (huidig)", *UITKOMSTEN, "Totaal"]
    telling = plan.besluiten["uitkomst"].value_counts()
    for kolom, waarde in zip(kop[1:-1], totaal[1:-1]):
        echt = int(telling.get(kolom, 0))
        assert waarde == echt   # totals per uitkomst are never suppressed (OR-bijlage v2)
    assert totaal[-1] == 300 and isinstance(totaal[-1], int)
    per_eenheid = plan.besluiten.groupby("huidige_eenheid")["uitkomst"].value_counts()
    for rij in rijen[1:-1]:
        for kolom, waarde in zip(kop[1:-1], rij[1:-1]):
            echt = int(per_eenheid.get((rij[0], kolom), 0))
            assert waarde in ("<5", "•") or (isinstance(waarde, int) and waarde == echt and (echt == 0 or echt >= 5))
            if 0 < echt < 5:
                assert waarde in ("<5", "•")
    ws = openpyxl.load_workbook(map_ / "almelo-2018-OR-bijlage.xlsx")["Uitkomsten per eenheid"]
    laatste = ws[f"I{ws.max_row}"]
    assert laatste.number_format == "[$-413]#,##0" and laatste.data_type == "n"
    assert all(c.alignment.horizontal == "right" for r in ws.iter_rows(min_row=2) for c in r[1:] if isinstance(c.value, str))


@pytest.mark.traag
def test_financiele_paragraaf_in_euro(demo):
    s, plan, map_, _ = demo
    ws = openpyxl.load_workbook(map_ / "almelo-2018-OR-bijlage.xlsx")["Financiële gevolgen"]
    posten = {r[0].value: r[1] for r in ws.iter_rows(min_row=2)}
    salaris = s.salaristabel["maandsalaris"]
    b = plan.besluiten
    lager = b[b["salarisgarantie"] == "ja"]
    verwacht = sum(r.fte * (salaris[r.schaal] - salaris[int(r.nieuwe_schaal)]) * 12 for r in lager.itertuples())
    assert len(lager) >= 5 and posten["salarisgarantie (per jaar)"].value == round(verwacht)
    oud = round(sum(r.fte * salaris[r.schaal] * 12 for r in s.medewerkers.itertuples()))
    assert posten["loonsom oud (per jaar, exclusief toeslagen)"].value == oud
    assert posten["loonsom oud (per jaar, exclusief toeslagen)"].number_format == '[$-413]"€ "#,##0'
    tekst = docx_tekst(map_ / "almelo-2018-OR-bijlage.docx")
    assert f"€ {oud:,}".replace(",", ".") in tekst          # € 11.398.287
    assert "283,58 fte" in tekst and "11398287" not in tekst


def test_nederlandse_getalnotatie():
    assert tekst_van(11398287, "bedrag") == "€ 11.398.287"
    assert tekst_van(0.5, "fte") == "0,5" and tekst_van(14.11, "fte") == "14,11" and tekst_van(2.0, "fte") == "2"
    assert tekst_van(1234, "aantal") == "1.234" and tekst_van("<5", "aantal") == "<5"
    assert tekst_van(30.0001, "procent") == "30,0001"


def test_tekst_die_op_een_formule_lijkt_krijgt_het_aanhalingsteken(tmp_path):
    """Excel's quote prefix on text beginning with = + - @, in every workbook the product writes."""
    riskant = ["=SUM(A1:A3)", "+31 6 1234", "-5 dagen", "@gebruiker"]
    tabel = pd.DataFrame({"tekst": [*riskant, "gewoon"], "getal": [1, 2, 3, 4, 5]})
    boek = nieuw_werkboek(alleen_schrijven=True)
    schrijf_tabel(boek, "Blad", tabel)      # besluiten, verschil
    boek.save(tmp_path / "a.xlsx")
    schrijf_werkboek(tmp_path / "b.xlsx", [("Blad", Tabel(tabel, {"tekst": "tekst", "getal": "aantal"}), "=uitleg")],
                     ["-regel"], titel="t")  # bijlage
    for naam in ("a.xlsx", "b.xlsx"):
        ws = openpyxl.load_workbook(tmp_path / naam)["Blad"]
        cellen = {c.value: c for r in ws.iter_rows() for c in r}
        assert all(cellen[t].quotePrefix and cellen[t].data_type == "s" for t in riskant)
        assert not cellen["gewoon"].quotePrefix
    toelichting = openpyxl.load_workbook(tmp_path / "b.xlsx")["Toelichting"]
    assert all(c.quotePrefix for r in toelichting.iter_rows() for c in r if isinstance(c.value, str) and c.value[0] in "=-")


@pytest.mark.traag
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is niet geïnstalleerd (CI installeert het)")
def test_libreoffice_zet_de_bijlage_om_zonder_afgebroken_woorden(demo, tmp_path):
    _s, _plan, map_, _ = demo
    for soort in ("docx", "xlsx"):
        (tmp_path / soort).mkdir()
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / soort),
                        str(map_ / f"almelo-2018-OR-bijlage.{soort}")], check=True, capture_output=True, timeout=300)
        assert (tmp_path / soort / "almelo-2018-OR-bijlage.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        lees = lambda soort: subprocess.run(["pdftotext", str(tmp_path / soort / "almelo-2018-OR-bijlage.pdf"), "-"],  # noqa: E731
                                            capture_output=True, text=True, check=True).stdout
        tekst = lees("docx")
        blad = lees("xlsx")
        assert "€ 11.398.287" in blad and re.search(r"\b\d+,\d\d\b", blad)   # Dutch number formats in the spreadsheet too
        woorden = set(re.findall(r"\S+", tekst))
        # every word of every table header and first column is printed whole (no 'passen d', 'geschi kt')
        doc = Document(map_ / "almelo-2018-OR-bijlage.docx")
        for tabel in doc.tables:
            for tekst_cel in [c.text for c in tabel.rows[0].cells] + [r.cells[0].text for r in tabel.rows]:
                for woord in tekst_cel.split():
                    assert woord in woorden, (woord, tekst_cel)
        assert "personele gevolgen" in tekst and "€ 11.398.287" in tekst
