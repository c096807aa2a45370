"""OR-bijlage v2 (scenario-formaat.md): the plan it describes, totals never suppressed, one source
for every figure, restformatie apart, VWNW for vast boventalligen, the SS-0 band from the drempel;
and documents only from a plan that passes the toets (exit 4 unless --toch)."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from plaatsing import read_scenario, solve
from plaatsing.uitvoer.brieven import brieftekst
from plaatsing.uitvoer.excel import schrijf_besluiten
from cli_hulp import draai

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"



def tekst(pad: Path) -> str:
    doc = Document(pad)
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("v2")
    s = read_scenario(DEMO, parameters={"drempel_wijziging": 40})
    plan = solve(s)
    besluiten = schrijf_besluiten(plan, map_ / "almelo-2018-besluiten-d40.xlsx")
    uit = draai("rapport", DEMO, besluiten, "--map", map_)
    assert uit.exit_code == 0, uit.output
    return s, plan, map_, besluiten


@pytest.mark.traag
def test_de_bijlage_noemt_haar_plan_en_is_vertrouwelijk_met_paginanummers(demo):
    s, plan, map_, besluiten = demo
    pad = map_ / "almelo-2018-d40-OR-bijlage.docx"   # named after the besluiten: another plan, another file
    t = tekst(pad)
    boek = openpyxl.load_workbook(besluiten)["Verantwoording"]
    zegel = next(r[1] for r in boek.iter_rows(values_only=True) if r[0] == "sha256 inhoud")
    assert f"Plan: {besluiten.name} (ronde: voorgenomen)" in t
    assert f"sha256 van het scenario: {s.sha256[:12]}; sha256 van de besluiten: {zegel[:12]}." in t
    assert "Parameters die afwijken van de standaard: drempel_wijziging = 40." in t
    doc = Document(pad)
    for sectie in doc.sections:
        assert sectie.header.paragraphs[0].text.startswith("Vertrouwelijk — OR-bijlage almelo-2018-d40")
        assert "PAGE" in sectie.footer._element.xml and "NUMPAGES" in sectie.footer._element.xml
    ws = openpyxl.load_workbook(map_ / "almelo-2018-d40-OR-bijlage.xlsx")["Samenvatting"]
    assert ws.oddHeader.center.text.startswith("Vertrouwelijk") and "&P" in ws.oddFooter.right.text
    # the SS-0 band follows the drempel
    assert "van 38 tot en met 42 %" in t


@pytest.mark.traag
def test_totalen_nooit_afgeschermd_en_een_bron_voor_elk_getal(demo):
    s, plan, map_, _ = demo
    boek = openpyxl.load_workbook(map_ / "almelo-2018-d40-OR-bijlage.xlsx")
    samenvatting = {r[0]: r[1] for r in boek["Samenvatting"].iter_rows(min_row=2, values_only=True)}
    telling = plan.besluiten["uitkomst"].value_counts()
    for uitkomst in ("boventallig", "geschikt", "niet geplaatst (tijdelijk)", "passend lager"):
        assert samenvatting[f"waarvan {uitkomst}"] == int(telling.get(uitkomst, 0)), uitkomst
    vacant = dict(plan.verantwoording.itertuples(index=False))["vacante formatie (fte)"]
    assert samenvatting["vacante formatie na plaatsing (totaal, als in de besluiten)"] == \
        f"{float(vacant):.2f}".replace(".", ",").rstrip("0").rstrip(",") + " fte"
    nieuw = list(boek["Formatie nieuw"].iter_rows(values_only=True))
    assert nieuw[-1][0] == "Totaal" and round(nieuw[-1][-1], 4) == round(plan.bezetting["vacant_fte"].sum(), 4)
    vacatures = [r[4] for r in list(boek["Vacatures"].iter_rows(values_only=True))[1:]]
    rest = [r[4] for r in list(boek["Restformatie"].iter_rows(values_only=True))[1:]]
    assert rest and round(sum(vacatures) + sum(rest), 4) == round(plan.bezetting["vacant_fte"].sum(), 4)
    kleinste = s.medewerkers["fte"].min()
    assert max(rest) < kleinste <= min(vacatures)
    financieel = {r[0]: r[1] for r in boek["Financiële gevolgen"].iter_rows(min_row=2, values_only=True)}
    salaris = s.salaristabel["maandsalaris"]
    b = plan.besluiten[plan.besluiten["uitkomst"] == "boventallig"]
    verwacht = round(sum(f * salaris[sch] * 12 for f, sch in zip(b["fte"], b["schaal"])))
    assert financieel["loonsom boventalligen (vast) tijdens van-werk-naar-werk (per jaar)"] == verwacht


@pytest.mark.traag
def test_drempel_afscherming_en_uitvoer_optie(demo, tmp_path):
    _s, plan, _map, besluiten = demo
    uit = draai("rapport", DEMO, besluiten, "--uitvoer", tmp_path / "eigen.docx", "-p", "drempel_afscherming=10")
    assert uit.exit_code == 0, uit.output
    assert (tmp_path / "eigen.docx").exists() and (tmp_path / "eigen.xlsx").exists()
    t = tekst(tmp_path / "eigen.docx")
    assert "staat als '<10' (drempel_afscherming = 10)" in t and "drempel_afscherming = 10" in t
    rijen = list(openpyxl.load_workbook(tmp_path / "eigen.xlsx")["Uitkomsten per eenheid"].iter_rows(values_only=True))
    cellen = [c for r in rijen[1:-1] for c in r[1:]]
    assert not [c for c in cellen if isinstance(c, int) and 0 < c < 10]
    assert rijen[-1][-1] == 300
    assert draai("rapport", DEMO, besluiten, "--uitvoer", tmp_path / "eigen.pdf").exit_code == 2


@pytest.fixture(scope="module")
def gebroken(demo, tmp_path_factory):
    """The demo plan with one boventallige put by hand into a full function: H1 (and more) broken."""
    _s, plan, map_, besluiten = demo
    map_ = tmp_path_factory.mktemp("gebroken")
    boek = openpyxl.load_workbook(besluiten)
    ws = boek["Plaatsingsbesluiten"]
    kop = [c.value for c in ws[1]]
    vol = plan.bezetting[plan.bezetting["status"] == "volledig bezet"]["functiecode"].iloc[0]
    rij = next(r for r in ws.iter_rows(min_row=2) if r[kop.index("uitkomst")].value == "boventallig")
    rij[kop.index("nieuwe_functie")].value = vol
    rij[kop.index("uitkomst")].value = "passend"
    pad = map_ / "almelo-2018-besluiten-gebroken.xlsx"
    boek.save(pad)
    return map_, pad, str(rij[0].value)


@pytest.mark.traag
def test_rapport_en_brieven_weigeren_een_plan_dat_de_toets_niet_haalt(gebroken):
    map_, pad, nummer = gebroken
    for opdracht, args in (("rapport", ("--map", map_)), ("brieven", ("--map", map_ / "brieven", "-m", nummer))):
        uit = draai(opdracht, DEMO, pad, *args, "-p", "drempel_wijziging=40")
        assert uit.exit_code == 4, uit.output
        assert "voldoet niet aan de regels" in uit.stderr and re.search(r"\n  H1 ", uit.stderr)
        assert "Er is niets geschreven" in uit.stderr
    assert not list(map_.glob("*OR-bijlage*")) and not (map_ / "brieven").exists()
    uit = draai("rapport", DEMO, pad, "--map", map_, "--toch", "-p", "drempel_wijziging=40")
    assert uit.exit_code == 0, uit.output
    doc = Document(map_ / "almelo-2018-gebroken-OR-bijlage.docx")
    for sectie in doc.sections:
        assert "Let op: dit plan voldoet niet aan de regels" in sectie.header.paragraphs[0].text
    # (the person placed where not eligible has no letter type at all; a colleague's letter carries the warning)
    uit = draai("brieven", DEMO, pad, "--map", map_ / "brieven", "-m", "A0001", "--toch", "-p", "drempel_wijziging=40")
    assert uit.exit_code == 0, uit.output
    brief = next((map_ / "brieven").iterdir())
    assert "Let op: dit plan voldoet niet aan de regels" in Document(brief).sections[0].header.paragraphs[0].text
    assert brieftekst(brief)


def test_de_bijlage_noemt_ook_een_andere_tijdslimiet(demo):
    # scenario-formaat.md: "every parameter that differs from its default"; the tijdslimiet can change the plan
    from plaatsing.uitvoer.rapport import identiteit

    s, plan, _map, _besluiten = demo
    anders = dataclasses.replace(plan, scenario=plan.scenario.met_parameters(tijdslimiet=120))
    assert identiteit(anders, "b.xlsx", "0" * 64).afwijkend == (("drempel_wijziging", "40"), ("tijdslimiet", "120"))
