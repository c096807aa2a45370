"""Checking a plan (regels.md §5 F1–F4): `toets_plan(plan)` for a Plan, `toets_toewijzing` for a plan given as
a dict. The CLI (`plaatsing toets`), the app and notebooks use the same functions, so they give one verdict."""
from __future__ import annotations

import pandas as pd

from plaatsing.plan import Plan
from plaatsing.procedure.adviezen import bind_handhaven
from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.scenario import Scenario
from plaatsing.toets.alle_regels import alle_schendingen


def toets_plan(plan: Plan) -> pd.DataFrame:
    """Every violation of regels.md §5 F1–F4 in a Plan (from `solve`, or read back with `lees_plan`) under the
    parameters it was made with; F4 with the minimum computed by the toets itself. In the second round an
    adopted 'handhaven' advice keeps the voorgenomen decision (P1): it is bound before the plan is judged."""
    uitkomsten = plan.gelezen_uitkomsten if plan.gelezen_uitkomsten is not None else plan.uitkomsten
    gebonden = bind_handhaven(plan.scenario, plan.toewijzing)
    if gebonden is plan.scenario:
        return alle_schendingen(plan.scenario, plan.k, plan.toewijzing, uitkomsten, plan.verantwoording)
    return toets_toewijzing(gebonden, plan.toewijzing, uitkomsten)


def toets_toewijzing(s: Scenario, toewijzing: dict, uitkomsten: dict | None = None) -> pd.DataFrame:
    """Every violation of regels.md §5 F1–F4 in a plan given as a dict (personeelsnummer -> functie or None)
    under the scenario's parameters; `uitkomsten` (personeelsnummer -> uitkomst) as a besluiten sheet states them."""
    return alle_schendingen(s, bepaal_kandidaten(s), toewijzing, uitkomsten)
