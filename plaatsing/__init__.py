"""Plaatsing: placement of medewerkers in a new formatiehuis under the sociaal statuut.

    from plaatsing import read_scenario, solve
    plan = solve(read_scenario("scenario.xlsx").met_parameters(drempel_wijziging=40))
    plan.besluiten  # DataFrame, one row per medewerker
    definitief(met_adviezen(scenario, adviezen), plan)  # the second round (regels.md §9)
    toets_plan(plan); uitleg(plan, "A0135"); wat_als(plan, vastzetten={"A0035": "BV-HRM-02"})
    lees_plan("besluiten.xlsx", scenario)  # a besluiten workbook back as a Plan
"""
from plaatsing.fouten import InvoerFout, Melding, ParameterFout
from plaatsing.plan import Plan
from plaatsing.plannen.inlezen import read_scenario, scenario_from_tables
from plaatsing.plannen.lezen import lees_plan
from plaatsing.plannen.maken import solve
from plaatsing.plannen.toetsen import toets_plan
from plaatsing.plannen.tweede_ronde import definitief
from plaatsing.plannen.wat_als import wat_als
from plaatsing.procedure.adviezen import met_adviezen
from plaatsing.scenario import Scenario
from plaatsing.uitleg.verklaring import uitleg

__all__ = ["InvoerFout", "Melding", "ParameterFout", "Plan", "Scenario", "definitief", "lees_plan", "met_adviezen",
           "read_scenario", "scenario_from_tables", "solve", "toets_plan", "uitleg", "wat_als"]
