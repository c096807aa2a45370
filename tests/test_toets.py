"""toets, uitleg and wat-als: every check flags a hand-broken plan with the right rule and person,
and passes the solver's plan of the same scenario; uitleg names the deciding rule on regels.md §7."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.plannen.toetsen import toets_toewijzing
from plaatsing.plannen.wat_als import wat_als
from plaatsing.uitleg.verklaring import uitleg
from plaatsing.voorbeelden import (functie, medewerker, tabellen, voorbeeld_2, voorbeeld_3a, voorbeeld_3b, voorbeeld_4,
                                   voorbeeld_5, voorbeeld_6)

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def schendingen(tables, plan, uitkomsten=None):
    s = scenario_from_tables(tables)
    t = toets_toewijzing(s, {p: plan.get(p) for p in s.medewerkers.index}, uitkomsten)
    return sorted(zip(t["regel"], t["personeelsnummer"], t["functie"]))


def goed(tables):
    """The solver's plan for the same scenario: the toets must pass it."""
    plan = solve(scenario_from_tables(tables))
    return plan.toewijzing, dict(zip(plan.besluiten["personeelsnummer"], plan.besluiten["uitkomst"]))


@pytest.mark.traag
def test_solverplan_van_elk_voorbeeld_is_schoon():
    for maak in (voorbeeld_2, voorbeeld_3a, voorbeeld_3b, voorbeeld_4, voorbeeld_5, voorbeeld_6):
        t = maak()
        assert schendingen(t, *goed(t)) == []


def test_h1_capaciteit():
    t = voorbeeld_2()
    assert ("H1", "", "BV-FO") in schendingen(t, {"M01": "BV-FO", "M02": "BV-FO", "M03": "BV-FO"})


def test_h2_niet_in_aanmerking():
    t = voorbeeld_4()
    t["Nieuwe functies"].append(functie("X"))
    t["Functiemapping"].append({"oude_functie": "OC", "nieuwe_functie": "X", "wijzigingspercentage": 90})
    t["Nieuwe functies"][-1]["schaal"] = 12
    assert ("H2", "D", "X") in schendingen(t, {"C": "P", "D": "X"})


def test_h3_vastzetting_niet_gevolgd():
    t = voorbeeld_4()
    t["Vastgezet"] = [{"personeelsnummer": "D", "nieuwe_functie": "P"}]
    assert ("H3", "D", "P") in schendingen(t, {"C": "P", "D": None})
    assert schendingen(t, *goed(t)) == []


def test_h4_functievolger_met_ruimte_elders_geplaatst():
    t = voorbeeld_3a()
    t["Nieuwe functies"][1]["formatie_fte"] = 2.0  # M has room for both
    assert ("H4", "A", "N") in schendingen(t, {"A": "M", "B": "N"})


def test_h5_uitkomst_tijdelijk():
    t = voorbeeld_4()
    t["Medewerkers"][1]["dienstverband"] = "tijdelijk"
    rijen = schendingen(t, {"C": "P", "D": None}, {"C": "passend", "D": "boventallig"})
    assert rijen == [("H5", "D", "")]
    assert schendingen(t, *goed(t)) == []


def test_o2_verdrongen():  # regels.md §7.6 broken by hand
    t = voorbeeld_6()
    assert schendingen(t, {"G": None, "H": "Q"}) == [("O2", "G", "Q")]


def test_o6_ruil_bij_gelijke_stand():
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), voorkeuren=("X", "Y")),
                  medewerker("B", "O", date(2000, 1, 1), voorkeuren=("X", "Y"))],
                 [functie("O", formatie=2, familie="f")], [functie("X", familie="f"), functie("Y", familie="f")],
                 [("O", "X", 80), ("O", "Y", 80)])
    assert schendingen(t, {"A": "Y", "B": "X"}) == [("O6", "A", "X")]
    assert schendingen(t, *goed(t)) == []


def test_f3_selectievolgorde_en_h4():  # regels.md §7.2 broken by hand
    rijen = schendingen(voorbeeld_2(), {"M01": None, "M02": "BV-FO", "M03": "BV-FO"})
    assert ("F3", "M01", "BV-FO") in rijen and ("H4", "M01", "BV-FO") in rijen


def test_f4_niet_minimaal():  # regels.md §7.3b: A -> N leaves B out, though A -> M, B -> N places both
    assert schendingen(voorbeeld_3b(), {"A": "N", "B": None}) == [("F4", "", "")]


@pytest.mark.parametrize("maak, persoon, functie_, regel", [
    (voorbeeld_2, "M03", "BV-FO", "H4"),    # lost the selection (H4b)
    (voorbeeld_3a, "B", "N", "H4"),         # held by a functievolger
    (voorbeeld_3b, "A", "N", "O1"),         # own function would leave B boventallig
    (voorbeeld_4, "D", "P", "O2"),          # colleague with longer service
    (voorbeeld_5, "F", "BV", "H4"),         # fte does not fit next to E (H4b)
    (voorbeeld_6, "H", "Q", "O2"),          # colleague for whom Q is more suitable
])
def test_uitleg_noemt_beslissende_regel(maak, persoon, functie_, regel):
    s = scenario_from_tables(maak())
    plan = solve(s)
    u = uitleg(plan, persoon)
    optie = next(o for o in u["opties"] if o["functie"] == functie_)
    assert optie["status"] == "beter"
    assert optie["beslissende_regel"] == regel
    tekst = " ".join(optie["bezet_door"] + [optie["waarom_niet"]])
    assert "M0" not in tekst and ("collega" in tekst or "functievolger" in tekst)  # anonymous categories only


@pytest.mark.traag
def test_wat_als_pin_in_plaats_van_functievolger_op_demo():
    s = read_scenario(DEMO)
    uitkomst = wat_als(solve(s), vastzetten={"A0035": "BV-HRM-02"})
    v = uitkomst.verschil.set_index("personeelsnummer")
    assert v.at["A0035", "wordt_functie"] == "BV-HRM-02"
    assert v.at["A0035", "wordt_uitkomst"] == "vastgezet"
    # the place was a functievolger's: one of them is pushed to another function (the cascade)
    verdrongen = v[(v["was_functie"] == "BV-HRM-02") & (v["was_uitkomst"] == "functievolger")]
    assert len(verdrongen) == 1 and verdrongen.iloc[0]["wordt_functie"] != "BV-HRM-02"
    kosten = uitkomst.kosten.set_index("kengetal")
    assert kosten.at["functievolger (O3)", "verschil"] == -1
    assert toets_toewijzing(uitkomst.nieuw.scenario, uitkomst.nieuw.toewijzing).query("regel != 'F4'").empty
