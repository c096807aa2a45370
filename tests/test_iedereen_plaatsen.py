"""Beleid 'iedereen plaatsen' (regels.md §6): H1 may be exceeded, everyone eligible is placed, first
the fewest functions over formatie, then the fewest fte over formatie, then O2–O6 as usual."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.voorbeelden import functie, medewerker, tabellen

from checker import as_context, brute_force, check_plan, overbezetting, score
from scenario_gen import small_scenarios

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
IEDEREEN = "iedereen plaatsen"


def _plan(besluiten) -> dict:
    return {str(r.personeelsnummer): r.nieuwe_functie if isinstance(r.nieuwe_functie, str) else None
            for r in besluiten.itertuples()}


def _uitkomsten(besluiten) -> dict:
    return {str(r.personeelsnummer): r.uitkomst for r in besluiten.itertuples()}


def test_wie_de_selectie_verliest_komt_boven_de_formatie_van_zijn_functie():
    # A and B are functievolgers of N (1.0); A (1990) goes first, B (0.5) lost the selection (H4b) and
    # has no other function: under §6 B is placed over formatie in N. C fits in M.
    t = tabellen([medewerker("A", "OA", dt.date(1990, 1, 1)), medewerker("B", "OA", dt.date(2000, 1, 1), fte=0.5),
                  medewerker("C", "OC", dt.date(2005, 1, 1))],
                 [functie("OA"), functie("OC", familie="F")],
                 [functie("N", formatie=1.0), functie("M", formatie=1.0, familie="F")],
                 [("OA", "N", 10), ("OC", "M", 50)], beleid=IEDEREEN)
    plan = solve(scenario_from_tables(t))
    assert _plan(plan.besluiten) == {"A": "N", "B": "N", "C": "M"}
    assert dict(zip(plan.besluiten["personeelsnummer"], plan.besluiten["boven_formatie"])) == \
        {"A": "nee", "B": "ja", "C": "nee"}
    bezetting = plan.bezetting.set_index("functiecode")
    assert bezetting.at["N", "boven_formatie_fte"] == 0.5 and bezetting.at["M", "boven_formatie_fte"] == 0
    assert bezetting.at["N", "status"] == "boven formatie (iedereen plaatsen)"
    b = plan.besluiten.set_index("personeelsnummer")
    assert "boven de formatie" in b.at["B", "motivering"] and "boven de formatie" not in b.at["A", "motivering"]
    assert plan.toets.empty and plan.bewezen_optimaal


def test_minste_fte_boven_formatie_beslist_waar_de_extra_medewerker_gaat():
    # X (1.0) is passend for N and M, both full: over formatie in N costs 1.0 fte, in M (Z has 0.6) 0.6.
    t = tabellen([medewerker("X", "OX", dt.date(1980, 1, 1), schaal=9), medewerker("Y", "ON", dt.date(1990, 1, 1)),
                  medewerker("Z", "OM", dt.date(1990, 1, 1), fte=0.6)],
                 [functie("OX", familie="F"), functie("ON"), functie("OM")],
                 [functie("N", formatie=1.0, familie="F"), functie("M", formatie=1.0, familie="F")],
                 [("ON", "N", 0), ("OM", "M", 0)], beleid=IEDEREEN)
    assert _plan(solve(scenario_from_tables(t)).besluiten) == {"X": "M", "Y": "N", "Z": "M"}


def test_minste_functies_boven_formatie_gaan_voor_minste_fte():
    # X1 and X2 (0.5 each) fit nowhere; one function over by 1.0 beats two functions over by 0.5 each.
    mensen = [medewerker("Y", "ON", dt.date(1990, 1, 1)), medewerker("Z", "OM", dt.date(1990, 1, 1)),
              medewerker("X1", "OX", dt.date(2000, 1, 1), fte=0.5), medewerker("X2", "OX", dt.date(2001, 1, 1), fte=0.5)]
    t = tabellen(mensen, [functie("OX", familie="F"), functie("ON"), functie("OM")],
                 [functie("N", formatie=1.0, familie="F"), functie("M", formatie=1.0, familie="F")],
                 [("ON", "N", 0), ("OM", "M", 0)], beleid=IEDEREEN)
    plan = _plan(solve(scenario_from_tables(t)).besluiten)
    assert plan["Y"] == "N" and plan["Z"] == "M" and plan["X1"] == plan["X2"]


def test_zonder_beleid_blijft_de_capaciteit_hard():
    t = tabellen([medewerker("A", "OA", dt.date(1990, 1, 1)), medewerker("B", "OA", dt.date(2000, 1, 1), fte=0.5)],
                 [functie("OA")], [functie("N", formatie=1.0)], [("OA", "N", 10)])
    besluiten = solve(scenario_from_tables(t)).besluiten
    assert _plan(besluiten) == {"A": "N", "B": None} and "boven_formatie" not in besluiten


@pytest.mark.traag
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(small_scenarios(max_medewerkers=5, selectiemethode="anciënniteit"))
def test_gelijk_aan_brute_kracht_en_de_checker(tables):
    rijen = [r for r in tables.get("Parameters", []) if r["parameter"] != "beleid"]
    tables = dict(tables, Parameters=rijen + [{"parameter": "beleid", "waarde": IEDEREEN}])
    besluiten = solve(scenario_from_tables(tables)).besluiten
    plan = _plan(besluiten)
    assert check_plan(tables, plan, _uitkomsten(besluiten)) == []
    optimum = brute_force(tables)
    ctx = as_context(tables)
    assert overbezetting(ctx, plan) == overbezetting(ctx, optimum.plan)
    assert score(tables, plan) == optimum.score


def _demo_tabellen() -> dict:
    boek = openpyxl.load_workbook(DEMO, read_only=True, data_only=True)
    tabellen_ = {}
    for blad in boek.worksheets:
        rijen = list(blad.values)
        kop = ["_".join(str(k).strip().lower().split()) if k is not None else None for k in rijen[0]]
        tabellen_[blad.title] = [{k: (v.date() if isinstance(v, dt.datetime) else v) for k, v in zip(kop, r) if k}
                                 for r in rijen[1:] if any(v is not None for v in r)]
    return tabellen_


@pytest.mark.traag
def test_demo_iedereen_die_ergens_in_aanmerking_komt_is_geplaatst():
    plan = solve(read_scenario(DEMO).met_parameters(beleid=IEDEREEN))
    tables = _demo_tabellen()
    tables["Parameters"] = [r for r in tables.get("Parameters", []) if r["parameter"] != "beleid"] + \
        [{"parameter": "beleid", "waarde": IEDEREEN}]
    ctx = as_context(tables)
    toewijzing = _plan(plan.besluiten)
    kan = {m for (m, n), t in ctx.tiers.items() if t} | set(ctx.pins)
    assert kan and all(toewijzing[m] is not None for m in kan)
    assert check_plan(tables, toewijzing, _uitkomsten(plan.besluiten)) == []
    gewoon = solve(read_scenario(DEMO))
    assert (plan.besluiten["nieuwe_functie"].isna().sum() < gewoon.besluiten["nieuwe_functie"].isna().sum())
    assert plan.toets.empty and plan.bewezen_optimaal
