"""What the later stages keep of a stage (fasen._houd_vast): proven, one row per level with the plan's count on that
level (the same plans as the one weighted row, with a far tighter LP); not proven, the one weighted row. And the
engine still reaches the brute-force lexicographic optimum where every medewerker works 1,0 fte, the shape where the
rows per level decide whether O4 is proven at all (issue 24)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from ortools.sat.python import cp_model

from checker import brute_force, check_plan, score
from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.model import fasen
from plaatsing.model.herstel import startplan
from plaatsing.model.model import build_model
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.voorbeelden import genereer
from scenario_gen import small_scenarios
from test_eigenschappen import EIGENSCHAP, leeg


@pytest.fixture(scope="module")
def deel(tmp_path_factory):
    pad = tmp_path_factory.mktemp("vast") / "r.xlsx"
    genereer(300, pad, seed=1)
    return max(voorbereiden(read_scenario(pad))[2], key=lambda c: len(c.personen))


def _o3(comp, m):
    groep = dict(fasen._niveaus(comp, m))["O3"]
    gewichten = fasen._gewichten(comp, groep, m.bovengrens)
    termen = [(v, g * c) for g, niveau in zip(gewichten, groep) for v, c in niveau]
    return groep, termen, cp_model.LinearExpr.WeightedSum([v for v, _ in termen], [c for _, c in termen])


def _nieuwe_rijen(m, voor):
    """(lower bound, number of terms) of each linear row added since `voor`."""
    rijen = m.cp.Proto().constraints
    return [(rijen[i].linear.domain[0], len(rijen[i].linear.vars)) for i in range(voor, len(rijen))]


def test_een_bewezen_fase_houdt_elk_niveau_apart(deel):
    m = build_model(deel)
    plan = startplan(deel)
    groep, termen, doel = _o3(deel, m)
    waarde = fasen._evalueer(m, termen, plan)
    per_tier = [sum(plan[p] == o.functie for p in deel.personen for o in deel.opties[p] if o.tier == t)
                for t in (1, 2, 3, 4)]
    opties = [sum(o.tier == t for p in deel.personen for o in deel.opties[p]) for t in (1, 2, 3, 4)]
    assert sum(map(bool, per_tier)) >= 2  # the group has more than one level to keep apart
    voor = len(m.cp.Proto().constraints)
    fasen._houd_vast(m, groep, doel, waarde, waarde, plan)
    assert _nieuwe_rijen(m, voor) == [(n, k) for n, k in zip(per_tier, opties) if k]


def test_een_fase_zonder_bewijs_houdt_de_gewogen_waarde(deel):
    m = build_model(deel)
    plan = startplan(deel)
    groep, termen, doel = _o3(deel, m)
    waarde = fasen._evalueer(m, termen, plan)
    voor = len(m.cp.Proto().constraints)
    fasen._houd_vast(m, groep, doel, waarde, waarde + 1, plan)  # the bound lies above the plan: not proven
    assert _nieuwe_rijen(m, voor) == [(waarde, len(termen))]


def alle_fte_1(tables):
    """Every medewerker 1,0 fte (no uren), formatie in whole places, and only the pins that fit in them."""
    tables = {blad: [dict(r) for r in rijen] for blad, rijen in tables.items()}
    for r in tables["Medewerkers"]:
        r["fte"], r["uren"] = 1.0, None
    for r in tables["Nieuwe functies"]:
        r["formatie_fte"] = float(math.floor(r["formatie_fte"]))
    for r in tables.get("Parameters", []):
        if r["parameter"] == "fte_marge":
            r["waarde"] = 0.0
    plaatsen = {r["functiecode"]: int(r["formatie_fte"]) for r in tables["Nieuwe functies"]}
    pins = []
    for r in tables.get("Vastgezet", []):
        if plaatsen[r["nieuwe_functie"]] > 0:
            plaatsen[r["nieuwe_functie"]] -= 1
            pins.append(r)
    if "Vastgezet" in tables:
        tables["Vastgezet"] = pins
    return tables


@pytest.mark.traag
@settings(EIGENSCHAP, max_examples=80)
@given(small_scenarios(selectiemethode="anciënniteit"))
def test_met_alle_fte_1_haalt_de_motor_het_lexicografische_optimum(tables):
    tables = alle_fte_1(tables)
    optimum = brute_force(tables)
    if optimum is None:
        return
    besluiten = solve(scenario_from_tables(tables)).besluiten
    plan = {str(r.personeelsnummer): None if leeg(r.nieuwe_functie) else str(r.nieuwe_functie)
            for r in besluiten.itertuples()}
    assert check_plan(tables, plan) == []
    assert score(tables, plan) == optimum.score
