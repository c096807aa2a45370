"""Plaatsing: placement of medewerkers in a new formatiehuis under the sociaal statuut.

    from plaatsing import read_scenario, solve
    plan = solve(read_scenario("scenario.xlsx").met_parameters(drempel_wijziging=40))
    plan.besluiten  # DataFrame, one row per medewerker
    definitief(met_adviezen(scenario, adviezen), plan)  # the second round (regels.md §9)
"""
from plaatsing.fouten import InvoerFout, Melding, ParameterFout
from plaatsing.invoer.lezen import read_scenario, scenario_from_tables
from plaatsing.plan import Plan, solve
from plaatsing.procedure.adviezen import met_adviezen
from plaatsing.procedure.tweede_ronde import definitief
from plaatsing.scenario import Scenario

__all__ = ["InvoerFout", "Melding", "ParameterFout", "Plan", "Scenario", "definitief", "met_adviezen",
           "read_scenario", "scenario_from_tables", "solve"]
