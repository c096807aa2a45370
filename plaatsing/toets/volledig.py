"""The full toets of a plan (regels.md §5 F1–F4), with the F4 minimum computed by the toets itself."""
from __future__ import annotations

import pandas as pd

from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.scenario import Scenario
from plaatsing.toets.grens import controleer_grens
from plaatsing.toets.minimum import minimum_niet_geplaatst
from plaatsing.toets.regelcontrole import toets


def toets_plan(plan_of_scenario, toewijzing=None, uitkomsten: dict | None = None) -> pd.DataFrame:
    """Every violation of regels.md §5 F1–F4 in a plan; F4 with the minimum computed here.

    `toets_plan(plan)` judges a Plan (from `solve` or rebuilt from a besluiten workbook) under the
    parameters it was made with; `toets_plan(scenario, toewijzing, uitkomsten)` a plan given as a
    dict (under the scenario's parameters). `toets_plan(scenario, plan)` is the same as `toets_plan(plan)`."""
    from plaatsing.plan import Plan

    if isinstance(toewijzing, Plan):
        plan_of_scenario, toewijzing = toewijzing, None
    if isinstance(plan_of_scenario, Plan):
        plan = plan_of_scenario
        s, k, toewijzing = plan.scenario, plan.gegevens.k, plan.toewijzing
        if uitkomsten is None:
            uitkomsten = plan.gelezen_uitkomsten if plan.gelezen_uitkomsten is not None else plan.uitkomsten
    elif isinstance(plan_of_scenario, Scenario):
        s, k = plan_of_scenario, bepaal_kandidaten(plan_of_scenario)
    else:
        raise TypeError("toets_plan verwacht een Plan, of een Scenario met een toewijzing (dict)")
    minimum, bewezen = minimum_niet_geplaatst(s, kandidaten=k)
    schendingen = toets(s, k, toewijzing, uitkomsten=uitkomsten, minimum=minimum)
    if isinstance(plan_of_scenario, Plan):  # a recorded bound must follow from the scenario (issue 24)
        grens = controleer_grens(s, plan_of_scenario.verantwoording, sum(f is None for f in toewijzing.values()), k)
        if grens:
            schendingen = pd.concat([schendingen, pd.DataFrame(grens, columns=schendingen.columns)],
                                    ignore_index=True)
    if not bewezen:
        onbewezen = pd.DataFrame([{"regel": "F4", "personeelsnummer": "", "functie": "",
                                   "probleem": f"het minimum aantal niet geplaatsten ({minimum} of minder) is niet "
                                               "binnen de tijdslimiet bewezen",
                                   "oplossing": "verhoog de tijdslimiet (parameter tijdslimiet) en toets opnieuw"}])
        schendingen = pd.concat([schendingen, onbewezen], ignore_index=True)
    return schendingen
