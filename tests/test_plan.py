"""The plan as one object (issue 13, regels.md §8.10, §8.11, H5): parameters travel with the plan
through toets, uitleg, wat-als, rapport and brieven; besluiten of another scenario are refused; the
README's Python flow runs as written; tijdelijk contracts ending before the ingangsdatum; pins
against functievolgers."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.plannen.lezen import lees_plan
from plaatsing.plannen.toetsen import toets_plan, toets_toewijzing
from plaatsing.uitleg.feiten import gegevens_van
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
from cli_hulp import draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"



def blad(pad, naam="Plaatsingsbesluiten"):
    return [tuple(r) for r in openpyxl.load_workbook(pad, read_only=True)[naam].values]


@pytest.fixture(scope="module")
def d40(tmp_path_factory):
    pad = tmp_path_factory.mktemp("d40") / "d40.xlsx"
    uit = draai("solve", DEMO, "-p", "drempel_wijziging=40", "-o", pad, "--stil")
    assert uit.exit_code == 0, uit.output
    return pad


@pytest.mark.traag
def test_drempel_40_reist_mee_door_toets_en_uitleg(d40):
    toets = draai("toets", DEMO, d40)
    assert toets.exit_code == 0, toets.output
    assert toets.stdout.startswith("Het plan voldoet aan de regels") and "Let op" not in toets.stdout
    u = draai("uitleg", DEMO, d40, "-m", "A0071", "--json")
    assert u.exit_code == 0, u.output
    antwoord = json.loads(u.stdout)
    b = {r[0]: r for r in blad(d40)[1:]}
    kop = blad(d40)[0]
    assert antwoord["motivering"] == b["A0071"][kop.index("motivering")]  # explained under drempel 40
    assert "drempel van 40%" in antwoord["motivering"]
    assert set(antwoord) >= {"personeelsnummer", "uitkomst", "nieuwe_functie", "regels", "motivering", "opties"}


@pytest.mark.traag
def test_drempel_40_reist_mee_naar_rapport_en_brieven(tmp_path):
    from docx import Document

    t = tabellen([medewerker("A", "O", date(1990, 1, 1)), medewerker("B", "O", date(2000, 1, 1))],
                 [functie("O", formatie=2)], [functie("N", formatie=2)], [("O", "N", 35)])
    scenario = write_xlsx(t, tmp_path / "s.xlsx")
    besluiten = tmp_path / "b.xlsx"
    assert draai("solve", scenario, "-p", "drempel_wijziging=40", "-o", besluiten, "--stil").exit_code == 0
    assert draai("toets", scenario, besluiten).exit_code == 0
    rapport = draai("rapport", scenario, besluiten, "--map", tmp_path)
    assert rapport.exit_code == 0 and "Let op" not in rapport.stdout, rapport.output
    brieven = draai("brieven", scenario, besluiten, "--map", tmp_path / "brieven", "--datum", "2025-02-01")
    assert brieven.exit_code == 0, brieven.output
    tekst = "\n".join(p.text for p in Document(tmp_path / "brieven" / "A-voorgenomen-plaatsingsbesluit.docx").paragraphs)
    assert "wijzigt 35%, niet meer dan de drempel van 40%" in tekst  # the letter under drempel 40, not 30 (no rule ID in a letter)


@pytest.mark.traag
def test_min_p_overschrijft_zichtbaar(d40):
    toets = draai("toets", DEMO, d40, "-p", "drempel_wijziging=30")
    assert toets.stdout.startswith("Let op: parameter drempel_wijziging = 30 (opgegeven met -p); de besluiten zijn "
                                   "gemaakt met drempel_wijziging = 40.")
    assert toets.exit_code == 4  # under 30 the plan of 40 places people where they are not eligible (H2)


@pytest.mark.traag
def test_afspiegeling_reist_mee(tmp_path):
    pad = tmp_path / "sel-b.xlsx"
    assert draai("solve", DEMO, "-p", "selectiemethode=afspiegeling", "-o", pad, "--stil").exit_code == 0
    toets = draai("toets", DEMO, pad)
    assert toets.exit_code == 0, toets.output
    alle = draai("uitleg", DEMO, pad, "--alle", "--json")
    assert alle.exit_code == 0
    regels = [json.loads(r) for r in alle.stdout.splitlines()]
    assert len(regels) == 300
    kop, *rijen = blad(pad)
    motivering = {r[0]: r[kop.index("motivering")] for r in rijen}
    assert all(u["motivering"] == motivering[u["personeelsnummer"]] for u in regels)
    assert any("SEL-B" in u["regels"] for u in regels)


@pytest.mark.traag
def test_wat_als_uitvoer_is_dezelfde_als_solve(d40, tmp_path):
    variant = tmp_path / "v.xlsx"
    uit = draai("wat-als", DEMO, "-p", "drempel_wijziging=40", "--uitvoer", variant)
    assert uit.exit_code == 0, uit.output
    assert f"Variant geschreven naar {variant}" in uit.stdout
    assert blad(variant) == blad(d40)
    assert draai("toets", DEMO, variant).exit_code == 0


@pytest.mark.traag
def test_besluiten_van_een_ander_scenario_geweigerd(d40, tmp_path):
    t = tabellen([medewerker("A0001", "O", date(1990, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)])
    ander = write_xlsx(t, tmp_path / "ander.xlsx")
    uit = draai("toets", ander, d40)
    assert uit.exit_code == 1
    # the personeelsnummers differ too; a same-shaped scenario with another hash gets the sha256 message
    s = read_scenario(DEMO)
    from dataclasses import replace
    with pytest.raises(Exception) as fout:
        lees_plan(d40, replace(s, inhoud_sha256="0" * 64))
    assert "gemaakt met een ander scenario" in str(fout.value.meldingen[0])
    # the content decides, not the bytes: the same content saved again (other bytes) keeps its besluiten
    assert lees_plan(d40, replace(s, sha256="0" * 64)).toewijzing


@pytest.mark.traag
def test_readme_python_stroom_draait_zoals_geschreven(monkeypatch):
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    code = next(b for b in re.findall(r"```python\n(.*?)```", tekst, re.S) if "toets_plan(plan)" in b)
    monkeypatch.chdir(ROOT)
    ruimte: dict = {}
    exec(compile(code, "README.md", "exec"), ruimte)  # noqa: S102 - the README's own example
    assert ruimte["toets_plan"](ruimte["plan"]).empty
    assert ruimte["plan"].parameters.drempel_wijziging == 40
    assert ruimte["uitleg"](ruimte["plan"], "A0035")["motivering"] == \
        ruimte["plan"].besluiten.set_index("personeelsnummer").at["A0035", "motivering"]
    assert ruimte["variant"].nieuw.parameters.selectiemethode == "afspiegeling"
    assert ruimte["variant"].nieuw.parameters.drempel_wijziging == 40


def test_toets_plan_onder_de_parameters_van_het_plan():
    s = scenario_from_tables(tabellen([medewerker("A", "O", date(1990, 1, 1))], [functie("O")], [functie("N")],
                                      [("O", "N", 35)]))
    plan = solve(s.met_parameters(drempel_wijziging=40))
    assert plan.toewijzing == {"A": "N"} and plan.uitkomsten == {"A": "functievolger"}
    assert toets_plan(plan).empty  # judged under drempel 40, not 30
    assert not toets_toewijzing(s, plan.toewijzing, plan.uitkomsten).empty  # under 30: A is no functievolger


# H5: a tijdelijk contract that ends before the ingangsdatum --------------------------------------

def tijdelijk(einddatum, **parameters):
    t = tabellen([medewerker("V", "O", date(2010, 1, 1)),
                  medewerker("T", "O", date(2015, 1, 1), dienstverband="tijdelijk")],
                 [functie("O", formatie=2)], [functie("N", formatie=2)], [("O", "N", 10)], **parameters)
    t["Medewerkers"][1]["einddatum"] = einddatum
    return t


@pytest.mark.parametrize("einddatum, parameters, geplaatst", [
    (date(2024, 12, 31), {}, False),                                  # ends before the peildatum 1-1-2025
    (date(2025, 1, 1), {}, True),                                     # ends on the ingangsdatum: not before
    (date(2025, 3, 1), {}, True),
    (date(2025, 3, 1), {"ingangsdatum": date(2025, 4, 1)}, False),    # the organisation starts later
    (date(2025, 3, 1), {"ingangsdatum": date(2025, 3, 1)}, True),
    (None, {}, True),                                                 # no einddatum: placed (and a warning)
])
def test_h5_einddatum(einddatum, parameters, geplaatst):
    plan = solve(scenario_from_tables(tijdelijk(einddatum, **parameters)))
    b = plan.besluiten.set_index("personeelsnummer")
    assert b.at["V", "nieuwe_functie"] == "N"
    if geplaatst:
        assert (b.at["T", "nieuwe_functie"], b.at["T", "uitkomst"]) == ("N", "functievolger")
    else:
        assert b.at["T", "uitkomst"] == "niet geplaatst (tijdelijk)" and not isinstance(b.at["T", "nieuwe_functie"], str)
        ingang = parameters.get("ingangsdatum", date(2025, 1, 1))
        assert b.at["T", "motivering"].startswith(
            f"Uw tijdelijk dienstverband eindigt op {einddatum:%d-%m-%Y}, vóór de ingangsdatum van de nieuwe "
            f"organisatie ({ingang:%d-%m-%Y}); u wordt daarom niet geplaatst")
        assert b.at["T", "regels"] == "H5"
    assert toets_plan(plan).empty


def test_valideer_waarschuwt_bij_tijdelijk_zonder_of_met_vroege_einddatum(tmp_path):
    for einddatum, tekst in ((None, "tijdelijk dienstverband zonder einddatum"),
                             (date(2024, 6, 1), "ligt vóór de peildatum")):
        pad = write_xlsx(tijdelijk(einddatum), tmp_path / f"t{einddatum}.xlsx")
        uit = draai("valideer", pad)
        assert uit.exit_code == 0
        assert re.search(rf"Let op: Medewerkers, rij 3, kolom [A-Z]+ \(einddatum\): .*{tekst}", uit.stderr), uit.stderr
    pad = write_xlsx(tijdelijk(date(2026, 1, 1)), tmp_path / "goed.xlsx")
    assert "einddatum" not in draai("valideer", pad).stderr


# §8.11: a pin that takes a functievolger's place -----------------------------------------------

def pin_tegen_volger():
    t = tabellen([medewerker("F", "O", date(2000, 1, 1), fte=0.8), medewerker("P", "X", date(2010, 1, 1), fte=0.5)],
                 [functie("O"), functie("X")], [functie("N", formatie=1.0)], [("O", "N", 10)],
                 vastgezet=[("P", "N")])
    t["Vastgezet"][0]["toelichting"] = "Benoemd door de directie op 1-9-2024"
    return t


def test_pin_tegen_functievolger_waarschuwing_en_motivering(tmp_path):
    s = scenario_from_tables(pin_tegen_volger())
    plan = solve(s)
    assert plan.toewijzing == {"F": None, "P": "N"}
    waarschuwingen = [str(w) for w in plan.kandidaten.waarschuwingen]
    assert any("de vastzetting in N neemt 18 uur per week van de formatie; daardoor houdt 1 functievolger daar "
               "mogelijk geen plaats" in w for w in waarschuwingen)
    motivering = plan.besluiten.set_index("personeelsnummer").at["F", "motivering"]
    assert ("de formatie van 36 uur per week is bezet door 1 vooraf genomen besluit; naast wie voor u gaat blijft "
            "18 uur over en u werkt 28,8 uur; zonder het vooraf genomen besluit (Benoemd door de directie op "
            "1-9-2024) was er 36 uur ruimte voor u geweest (SS-7)") in motivering
    assert "P" not in motivering.replace("(SS-7", "").split(":")[1].split()  # the pinned colleague is not named
    assert "SS-7" in plan.besluiten.set_index("personeelsnummer").at["F", "regels"]
    pad = write_xlsx(pin_tegen_volger(), tmp_path / "pin.xlsx")
    assert "de vastzetting in N neemt 18 uur per week" in draai("valideer", pad).stderr
    assert "de vastzetting in N neemt 18 uur per week" in draai("solve", pad).stderr


def test_geen_pin_geen_vooraf():
    t = pin_tegen_volger()
    del t["Vastgezet"]
    t["Medewerkers"].append(medewerker("G", "O", date(1990, 1, 1), fte=0.5))
    plan = solve(scenario_from_tables(t))
    assert all("vooraf" not in m for m in plan.besluiten["motivering"])
    assert plan.kandidaten.waarschuwingen == ()


@pytest.mark.traag
def test_wat_als_met_vastzetting_bewaard_en_teruggelezen(tmp_path):
    variant = tmp_path / "pin.xlsx"
    uit = draai("wat-als", DEMO, "-v", "A0035=BV-HRM-02", "--uitvoer", variant)
    assert uit.exit_code == 0, uit.output
    toets = draai("toets", DEMO, variant)  # the variant's pin is read back from its Verantwoording
    assert toets.exit_code == 0, toets.output
    plan = lees_plan(variant, read_scenario(DEMO))
    assert plan.uitkomsten["A0035"] == "vastgezet" and plan.toewijzing["A0035"] == "BV-HRM-02"
    tekst = draai("uitleg", DEMO, variant, "--alle")
    assert tekst.exit_code == 0 and tekst.stdout.count("Medewerker A0") == 300


def test_toets_h5_tijdelijk_geplaatst_na_einddatum():
    s = scenario_from_tables(tijdelijk(date(2024, 12, 31)))
    t = toets_toewijzing(s, {"V": "N", "T": "N"}, {"V": "functievolger", "T": "functievolger"})
    assert [(r.regel, r.personeelsnummer) for r in t.itertuples()] == [("H5", "T")]
    assert "eindigt op 31-12-2024, vóór de ingangsdatum" in t.iloc[0]["probleem"]


def test_vastzetting_houdt_de_plaats_van_een_passende_collega():
    t = tabellen([medewerker("A", "O", date(2000, 1, 1), fte=0.8), medewerker("P", "X", date(2010, 1, 1), fte=0.5)],
                 [functie("O", familie="F"), functie("X")], [functie("N", familie="F"), functie("M")],
                 [("X", "N", 50)], vastgezet=[("P", "N")])
    plan = solve(scenario_from_tables(t))
    b = plan.besluiten.set_index("personeelsnummer")
    assert b.at["A", "nieuwe_functie"] is None or not isinstance(b.at["A", "nieuwe_functie"], str)
    assert ("Voor N Functie N (Bedrijfsvoering, schaal 9) (passend): de formatie van 36 uur per week is bezet door "
            "1 vooraf genomen besluit; naast wie voor u gaat blijft 18 uur over en u werkt 28,8 uur; zonder het "
            "vooraf genomen besluit was er 36 uur ruimte voor u geweest (SS-7).") in b.at["A", "motivering"]
    assert "SS-7" in b.at["A", "regels"].split("; ")


def test_plan_gaat_heel_door_pickle_naar_een_ander_proces():
    """The app and the sweep send Plans between processes (regression: row tuples in the decision data)."""
    import pickle

    from plaatsing import read_scenario, solve
    from plaatsing.uitleg.verklaring import uitleg

    plan = solve(read_scenario(DEMO))
    gegevens_van(plan)  # the derived data exists before pickling
    kopie = pickle.loads(pickle.dumps(plan))
    assert kopie.besluiten.equals(plan.besluiten)
    assert uitleg(kopie, "A0035") == uitleg(plan, "A0035")
