"""OR-adviesbijlage and letters: real documents, opened again and checked; anonymous by design."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from docx import Document

from plaatsing import read_scenario, solve
from plaatsing.cli import main
from plaatsing.uitvoer.rapport_tabellen import anonimiseer
from plaatsing.uitvoer.excel import schrijf_besluiten

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def draai(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="plaatsing")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("demo")
    s = read_scenario(DEMO)
    plan = solve(s)
    besluiten = schrijf_besluiten(plan, map_ / "almelo-2018-besluiten.xlsx")
    assert draai("rapport", DEMO, besluiten, "--map", map_).exit_code == 0
    return s, plan, map_, besluiten


def docx_tekst(pad: Path) -> str:
    doc = Document(pad)
    delen = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        delen += [c.text for rij in tabel.rows for c in rij.cells]
    return "\n".join(delen)


def test_anonimiseer_primair_en_secundair():
    t = pd.DataFrame({"eenheid": ["A", "B", "C"], "x": [10, 2, 0], "y": [7, 8, 9]})
    uit = anonimiseer(t, ["x", "y"])
    assert uit["x"].tolist() == ["x", "<5", "0", "12"]   # 2 -> <5; the 10 beside it is shielded (x)
    assert uit["y"].tolist() == ["x", "x", "9", "24"]    # column y then needs a second one too
    assert uit["Totaal"].tolist() == ["17", "10", "9", "36"]
    klein = anonimiseer(pd.DataFrame({"eenheid": ["A"], "x": [3]}), ["x"])
    assert klein["x"].tolist() == ["<5", "<5"] and klein["Totaal"].tolist() == ["<5", "<5"]


def test_bijlage_inhoud_en_anonimiteit(demo):
    s, _plan, map_, _ = demo
    pad = map_ / "almelo-2018-OR-bijlage.docx"
    doc = Document(pad)
    koppen = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for titel in ("Formatie oud per eenheid", "Formatie nieuw per eenheid", "Uitkomsten per huidige eenheid",
                  "Vacatures", "Was-wordtoverzicht", "Leeftijdsopbouw voor en na", "Verdeling naar geslacht voor en na",
                  "Voltijd en deeltijd voor en na", "Financiële gevolgen"):
        assert any(titel in k for k in koppen), titel
    assert len(doc.inline_shapes) >= 2  # the charts
    tekst = docx_tekst(pad)
    namen = [n for n in s.medewerkers["naam"].dropna() if len(n) > 3]
    assert not re.search(r"\bA\d{4}\b", tekst)
    assert not any(n in tekst for n in namen)
    boek = openpyxl.load_workbook(map_ / "almelo-2018-OR-bijlage.xlsx")
    cellen = " ".join(str(c) for ws in boek for rij in ws.values for c in rij if c is not None)
    assert not re.search(r"\bA\d{4}\b", cellen) and not any(n in cellen for n in namen)


def test_uitkomstentabel_klopt_met_plan_en_verbergt_kleine_aantallen(demo):
    _s, plan, map_, _ = demo
    ws = openpyxl.load_workbook(map_ / "almelo-2018-OR-bijlage.xlsx")["Uitkomsten per huidige eenheid"]
    rijen = list(ws.values)
    kop, totaal = rijen[0], rijen[-1]
    telling = plan.besluiten["uitkomst"].value_counts()
    for kolom, waarde in zip(kop[1:-1], totaal[1:-1]):
        echt = int(telling.get(kolom, 0))
        assert waarde == (str(echt) if echt == 0 or echt >= 5 else "<5")
    assert totaal[-1] == "300"
    for rij in rijen[1:]:
        for waarde in rij[1:]:
            assert waarde in ("<5", "x", "0") or int(waarde) >= 5


def test_financiele_paragraaf_rekent_salarisgarantie(demo):
    s, plan, map_, _ = demo
    ws = openpyxl.load_workbook(map_ / "almelo-2018-OR-bijlage.xlsx")["Financiële gevolgen"]
    posten = {r[0]: r[1] for r in list(ws.values)[1:]}
    salaris = s.salaristabel["maandsalaris"]
    b = plan.besluiten
    lager = b[b["salarisgarantie"] == "ja"]
    verwacht = sum(r.fte * (salaris[r.schaal] - salaris[int(r.nieuwe_schaal)]) * 12 for r in lager.itertuples())
    assert posten["salarisgarantie (per jaar)"] == round(verwacht)
    assert posten["loonsom oud (per jaar, exclusief toeslagen)"] == round(
        sum(r.fte * salaris[r.schaal] * 12 for r in s.medewerkers.itertuples()))


def test_brieven_een_per_medewerker_met_eigen_sjabloon(demo, tmp_path):
    s, plan, _map, besluiten = demo
    sjabloon = tmp_path / "brief.ini"
    standaard = (Path(__file__).resolve().parents[1] / "plaatsing" / "uitvoer" / "sjablonen" / "brief.ini").read_text(encoding="utf-8")
    sjabloon.write_text(standaard.replace("drs. A. de Vries", "mr. B. Jansen"), encoding="utf-8")
    uitkomst = draai("brieven", DEMO, besluiten, "--map", tmp_path / "brieven", "--sjabloon", sjabloon,
                     "--datum", "2018-11-01")
    assert uitkomst.exit_code == 0, uitkomst.output
    brieven = sorted((tmp_path / "brieven").glob("*.docx"))
    assert len(brieven) == len(s.medewerkers)
    b = plan.besluiten.set_index("personeelsnummer")
    boventallig = b[b["uitkomst"] == "boventallig"].index[0]
    tekst = docx_tekst(tmp_path / "brieven" / f"{boventallig}-voorgenomen-plaatsingsbesluit.docx")
    assert "geen: u wordt niet geplaatst in de nieuwe formatie" in tekst
    assert b.at[boventallig, "motivering"] in tekst
    assert f"Beste {b.at[boventallig, 'naam']}," in tekst
    assert "mr. B. Jansen" in tekst and "01-11-2018" in tekst and "bezwaar" in tekst
    geplaatst = b[b["salarisgarantie"] == "ja"].index[0]
    tekst = docx_tekst(tmp_path / "brieven" / f"{geplaatst}-voorgenomen-plaatsingsbesluit.docx")
    assert f"Nieuwe functie: {b.at[geplaatst, 'nieuwe_functie']}" in tekst
    assert "Salarisgarantie: ja, u behoudt uw huidige salaris" in tekst


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is niet geïnstalleerd (CI installeert het)")
def test_libreoffice_opent_bijlage_en_brief(demo, tmp_path):
    _s, plan, map_, besluiten = demo
    assert draai("brieven", DEMO, besluiten, "--map", tmp_path / "b", "--datum", "2018-11-01").exit_code == 0
    brief = tmp_path / "b" / f"{plan.besluiten['personeelsnummer'].iloc[0]}-voorgenomen-plaatsingsbesluit.docx"
    for bron, verwacht in ((map_ / "almelo-2018-OR-bijlage.docx", "personele gevolgen"),
                           (map_ / "almelo-2018-OR-bijlage.xlsx", "salarisgarantie (per jaar)"),
                           (brief, "Voorgenomen plaatsingsbesluit")):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(bron)],
                       check=True, capture_output=True, timeout=180)
        pdf = tmp_path / f"{bron.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert verwacht in tekst
