"""O1 not proven (model/fasen.py): the best plan CP-SAT found may leave someone out who fits as it is. Who fits is
added before the later stages, so that the count they keep is the higher one and their hint meets O2. Before, such
a place was found only by the repair after the last stage, and only when no stage had changed the plan (the
2.000 benchmark gave 235 or 236 unplaced by that luck)."""
from __future__ import annotations

import checker
from plaatsing import scenario_from_tables, solve
from plaatsing.model import fasen
from test_aggregaat import geblokkeerd as scenario  # A (longer in service) for N1 or N2, B only for N1


def test_o1_niet_bewezen_vult_aan_wie_past(monkeypatch):
    echt = fasen._los_stadium

    def o1_zonder_bewijs(m, fase, budget, hint, met_o2, termen):
        if fase.code != "O1":
            return echt(m, fase, budget, hint, met_o2, termen)
        # a time-out with the worst plan: nobody placed, the bound says two
        fase.status = "FEASIBLE"
        return dict.fromkeys(m.comp.personen), 0, 2

    monkeypatch.setattr(fasen, "_los_stadium", o1_zonder_bewijs)
    plan = solve(scenario_from_tables(scenario()))
    o1 = next(f for f in plan.fasen if f.code == "O1")
    # A added in his first choice (1 placed after O1); the later stages placed B too, and a plan that reaches the
    # bound CP-SAT proved is optimal in O1, whichever stage found it (oplossen._o1_met_grens)
    assert (o1.objectief, o1.grens, o1.status) == (2, 2, "OPTIMAL")
    assert plan.toewijzing == {"A": "N2", "B": "N1"}  # O3: two passend placements
    assert checker.hard_violations(checker.as_context(scenario()), plan.toewijzing) == []
