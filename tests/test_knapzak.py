"""The knapsack facts behind the capacity bounds (plaatsing/knapzak.py), against brute force,
and the exact H1 form (model.define_h1_vullingen) changing no plan, only the proof."""
from itertools import combinations, product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaatsing import scenario_from_tables, solve
from plaatsing.model import instellingen
from plaatsing.model.knapzak import grootste_deelsom, maximale_vullingen
from plaatsing.voorbeelden import deeltijd_scenario

from checker import brute_force, score
from scenario_gen import small_scenarios

FTE = [1_000_000, 888_900, 777_800, 555_600, 500_000, 333_333, 200_000]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(FTE), max_size=9), st.integers(0, 6_000_000))
def test_grootste_deelsom_is_de_grootste_bereikbare_som(gewichten, grens):
    sommen = {sum(c) for k in range(len(gewichten) + 1) for c in combinations(gewichten, k)}
    assert grootste_deelsom(gewichten, grens) == max(s for s in sommen if s <= grens)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(FTE), st.integers(1, 4), min_size=1, max_size=4),
       st.integers(0, 5_000_000))
def test_maximale_vullingen_zijn_precies_de_maximale_tellingen(klassen, grens):
    klassen = sorted(klassen.items(), reverse=True)
    waarden = [v for v, _ in klassen]
    haalbaar = [t for t in product(*(range(b + 1) for _, b in klassen))
                if sum(v * k for v, k in zip(waarden, t)) <= grens]
    maximaal = [t for t in haalbaar
                if not any(a != t and all(x >= y for x, y in zip(a, t)) for a in haalbaar)]
    assert sorted(maximale_vullingen(klassen, grens, 10_000)) == sorted(maximaal)


def test_maximale_vullingen_geeft_op_boven_de_grens():
    assert maximale_vullingen([(1_000_000, 30), (555_600, 30), (500_000, 30)], 20_000_000, 10) is None


def test_voorbeeld_knapzak_met_deeltijd():
    # 3 × 0,8889 + 2 × 0,5556 in 3,5 fte: all five is 3,7779; the best that fits is 3 × 0,8889 + 0,5556
    assert grootste_deelsom([888_900] * 3 + [555_600] * 2, 3_500_000) == 3_222_300


def test_exacte_h1_vorm_verandert_geen_plan(monkeypatch):
    # A deeltijd scenario where the exact form is really added; the plan must be the same.
    tables = deeltijd_scenario()
    gewoon = solve(scenario_from_tables(tables))
    monkeypatch.setattr(instellingen, "EERSTE_POGING", 0.0)
    exact = solve(scenario_from_tables(tables))
    assert sum(f.vullingen for f in exact.fasen) > 0
    verantwoording = dict(zip(exact.verantwoording["onderdeel"], exact.verantwoording["waarde"]))
    assert sum(int(verantwoording[f"fase {f.code}: functies met de exacte H1-vorm (bewijs)"]) for f in exact.fasen) > 0
    assert exact.bewezen_optimaal and gewoon.bewezen_optimaal
    assert exact.besluiten.equals(gewoon.besluiten)


@pytest.mark.traag
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(small_scenarios(selectiemethode="anciënniteit"))
def test_exacte_h1_vorm_haalt_het_lexicografische_optimum(tables):
    instellingen.EERSTE_POGING, oud = 0.0, instellingen.EERSTE_POGING
    try:
        besluiten = solve(scenario_from_tables(tables)).besluiten
    finally:
        instellingen.EERSTE_POGING = oud
    plan = {str(r.personeelsnummer): r.nieuwe_functie if isinstance(r.nieuwe_functie, str) and r.nieuwe_functie
            else None for r in besluiten.itertuples()}
    assert score(tables, plan) == brute_force(tables).score
