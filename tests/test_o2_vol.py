"""The rows of model.define_o2_vol (O2 with O1 at its optimum, for functions whose candidates all work the same
hours): an unplaced medewerker finds each function he is eligible for full with colleagues who go before him there,
or who hold a T1 right somewhere.

The claim is checked by brute force with the independent checker alone (every plan meeting H1–H5 with the most
placed and without O2 violation meets it), and the engine must still reach the brute-force lexicographic optimum on
scenarios where every function qualifies (all fte 1), so a row that cut off an optimal plan would show.
"""
import math

import pytest
from hypothesis import given

from plaatsing import scenario_from_tables, solve

from checker import (O2, all_valid_plans, as_context, brute_force, check_plan, priority_key, score)
from scenario_gen import small_scenarios
from test_eigenschappen import EIGENSCHAP, leeg


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


def schendingen_van_de_rijen(ctx, plan) -> list[tuple[str, str]]:
    """(u, n) where unplaced u finds eligible n not full with those before him (the rows of define_o2_vol, read
    from the rules: the places of n are its room less the pinned, in whole places of the candidates' hours)."""
    fouten = []
    for n in ctx.nieuw:
        kandidaten = [m for m in ctx.medewerkers if ctx.tiers[(m, n)] and m not in ctx.pins and m not in ctx.gebonden]
        uren = {ctx.minuten[m] for m in kandidaten}
        if len(uren) != 1:
            continue
        vrij = ctx.ruimte[n] - sum(ctx.minuten[p] for p, f in ctx.pins.items() if f == n)
        plaatsen = min(len(kandidaten), max(0, vrij) // uren.pop())
        if len(kandidaten) <= plaatsen:
            continue
        for u in kandidaten:
            if plan[u] is not None:
                continue
            ervoor = [q for q in kandidaten if q != u and plan[q] == n
                      and (priority_key(ctx, q, n) < priority_key(ctx, u, n) or ctx.t1[q])]
            if len(ervoor) < plaatsen:
                fouten.append((u, n))
    return fouten


@pytest.mark.traag
@EIGENSCHAP
@given(small_scenarios())
def test_wie_niet_geplaatst_is_vindt_elke_functie_vol_met_wie_voor_hem_gaat(tables):
    ctx = as_context(alle_fte_1(tables))
    plannen = all_valid_plans(ctx)
    if not plannen:
        return
    meeste = max(sum(f is not None for f in p.values()) for p in plannen)
    for plan in plannen:
        if sum(f is not None for f in plan.values()) == meeste and not list(O2(ctx, plan)):
            assert schendingen_van_de_rijen(ctx, plan) == []


def test_de_rijen_zijn_streng_genoeg_om_iets_uit_te_sluiten():
    """The check above can fail: with two fte-1 candidates for one place, the plan that places the one after and
    leaves the one before out breaks a row (it also breaks O2, which is why the optimum keeps it out)."""
    from plaatsing.voorbeelden import functie, medewerker, tabellen
    from datetime import date
    tables = tabellen([medewerker("M1", "O1", date(2010, 1, 1)), medewerker("M2", "O1", date(2015, 1, 1))],
                      [functie("O1", schaal=8, formatie=2.0, familie="ICT")],
                      [functie("N1", schaal=8, formatie=1.0, familie="ICT")],
                      [("O1", "N1", 50)], [], [])
    ctx = as_context(tables)
    assert ctx.tiers[("M1", "N1")] == ctx.tiers[("M2", "N1")] == "T2"
    assert schendingen_van_de_rijen(ctx, {"M1": None, "M2": "N1"}) == [("M1", "N1")]
    assert schendingen_van_de_rijen(ctx, {"M1": "N1", "M2": None}) == []


def test_wie_een_t1_recht_heeft_telt_mee_ook_als_hij_na_hem_komt():
    """Why the rows count a colleague with a T1 right wherever he ranks: Q opts out of his T1 function G (he wishes F
    first) into F, one place; U goes before Q at F and stays out. Q cannot be replaced by U (Q would then have room
    in G, H4), and moving Q to G only takes the place of R: the same number placed. Without that term the row of
    (U, F) would cut off this plan, which meets every rule."""
    from plaatsing.voorbeelden import functie, medewerker, tabellen
    from datetime import date
    tables = tabellen(
        [medewerker("Q", "OQ", date(2015, 1, 1), voorkeuren=("F",)), medewerker("R", "OR", date(2012, 1, 1)),
         medewerker("U", "OU", date(2010, 1, 1))],
        [functie("OQ", schaal=8, familie="B"), functie("OR", schaal=8, familie="A"),
         functie("OU", schaal=8, familie="B")],
        [functie("G", schaal=8, familie="A"), functie("F", schaal=8, familie="B")],
        [("OQ", "G", 10), ("OQ", "F", 50), ("OR", "G", 50), ("OU", "F", 50)])
    ctx = as_context(tables)
    assert (ctx.tiers[("Q", "G")], ctx.tiers[("Q", "F")], ctx.tiers[("R", "G")], ctx.tiers[("U", "F")]) == \
        ("T1", "T2", "T2", "T2")
    assert ctx.tiers[("R", "F")] is None and ctx.tiers[("U", "G")] is None
    assert priority_key(ctx, "U", "F") < priority_key(ctx, "Q", "F")
    plan = {"Q": "F", "R": "G", "U": None}
    assert check_plan(tables, plan) == [] and brute_force(tables).niet_geplaatst == 1
    assert schendingen_van_de_rijen(ctx, plan) == []


@pytest.mark.traag
@EIGENSCHAP
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
