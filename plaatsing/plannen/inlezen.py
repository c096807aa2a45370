"""Reading a scenario for use: the reader checks the format (invoer/lezen.py), then the rules that depend on the
parameters run under the parameters in force — the adopted advices bound (P1), the SS-0 drempel warnings — and
the scenario keeps them, so that `met_parameters` runs them again (`Scenario.regels_in_werking`)."""
from __future__ import annotations

from dataclasses import replace

from plaatsing.invoer.lezen import Gelezen, lees_scenario, lees_tabellen
from plaatsing.procedure.adviezen import Meldingen, bind_adviezen, p1_in_werking, pins_uit_advies
from plaatsing.regels.functievergelijking import drempel_in_werking, drempel_waarschuwingen
from plaatsing.regels.vastzettingen import vastzettingen_in_werking
from plaatsing.scenario import Scenario


def ss7_in_werking(s: Scenario, vorige: Scenario) -> Scenario:
    """SS-7 under the parameters in force: the pins of the sheet Vastgezet (the advices' pins are P1's)."""
    return vastzettingen_in_werking(s, vorige, pins_uit_advies(s))


REGELS_IN_WERKING = (drempel_in_werking, ss7_in_werking, p1_in_werking)


def read_scenario(pad, *, parameters: dict | None = None) -> Scenario:
    """Read and validate a scenario workbook; raises InvoerFout listing every problem.

    `parameters` (name -> raw value) override the Parameters sheet, as the CLI does.
    """
    return in_werking(lees_scenario(pad, parameters=parameters))


def scenario_from_tables(tabellen: dict[str, list[dict]], *, parameters: dict | None = None) -> Scenario:
    """A scenario from plain tables (sheet name -> list of row dicts), validated like a workbook."""
    return in_werking(lees_tabellen(tabellen, parameters=parameters))


def in_werking(gelezen: Gelezen) -> Scenario:
    """The scenario as read under the parameters in force: the SS-0 drempel warnings made, the adopted advices
    bound (P1), and these rules remembered for `met_parameters`."""
    s = gelezen.scenario
    s = replace(s, waarschuwingen=drempel_waarschuwingen(s, s.waarschuwingen))
    s = bind_adviezen(s, gelezen.adviezen, Meldingen(s.plekken))
    return replace(s, regels_in_werking=REGELS_IN_WERKING)
