"""The besluiten compute each motivering from the options it speaks of only (`verklaar(..., voor_motivering=True)`,
session 10: the occupancy of every worse option was worked out for nothing). That shortcut must not change a
word: the motivering, the uitkomst and the rule IDs are those of the full explanation that `plaatsing uitleg`
gives, for every person (every sentence to a person is a fact of the same data)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.uitleg.feiten import gegevens_van, verklaar
from plaatsing.uitleg.zinnen import motivering
from plaatsing.voorbeelden import genereer
from scenario_gen import small_scenarios

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def _zelfde_voor_iedereen(plan) -> int:
    g = gegevens_van(plan)
    korter = 0
    for p in plan.scenario.medewerkers.index:
        vol, kort = verklaar(g, p), verklaar(g, p, voor_motivering=True)
        assert (kort.uitkomst, kort.functie, kort.regels) == (vol.uitkomst, vol.functie, vol.regels), p
        assert motivering(g, kort) == motivering(g, vol), p
        korter += len(kort.opties) < len(vol.opties)
    return korter


@pytest.mark.traag
def test_motivering_gelijk_op_demo_en_realistisch(tmp_path):
    genereer(400, tmp_path / "r.xlsx", seed=3)
    for pad in (DEMO, tmp_path / "r.xlsx"):
        plan = solve(read_scenario(pad).met_parameters(tijdslimiet=5))
        assert _zelfde_voor_iedereen(plan) > 0  # the shortcut did leave options out, and nothing changed


@pytest.mark.traag
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_motivering_gelijk_op_kleine_scenarios(tables):
    _zelfde_voor_iedereen(solve(scenario_from_tables(tables)))
