"""Making a plan: `solve` (the solver under regels.md) and `herbouw_plan` (the plan of a given toewijzing).
Both compute the kandidaten once and build the tables of plannen/tabellen.py."""
from __future__ import annotations

import os
from contextlib import suppress
from typing import Callable

import pandas as pd

from plaatsing import determinisme, signalen

from plaatsing.invoer.inhoud import RIJ as INHOUD_RIJ
from plaatsing.model.oplossen import los_op
from plaatsing.model.voorkeur_leidend import los_op_voorkeur_leidend
from plaatsing.parameters import AFSPIEGELING, VOORKEUR_LEIDEND
from plaatsing.plan import Plan
from plaatsing.plannen.tabellen import (grens_rijen, maak_besluiten, maak_bezetting, maak_verantwoording,
                                        o1_open_uit)
from plaatsing.procedure.antwoord import FEITBRONNEN
from plaatsing.regels.herplaatsing import herplaatsing
from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.regels.selectieverslag import maak_afspiegeling, maak_selectie
from plaatsing.scenario import Scenario
from plaatsing.toets.grens import ondergrens
from plaatsing.toets.regelcontrole import toets


GRENS_APART_VANAF = 5000  # medewerkers from which the bound is computed beside the solver (issue 24)
# below GRENS_APART_VANAF: options from which the bound is computed in a process after the solver, where a process
# starts from the fork server (signalen.start_goedkoop); with 'spawn' its imports cost more than the bound
GRENS_NA_VANAF = 3000
# The process beside the solver yields the cores to the solver's processes (a higher nice value): the bound is
# needed only when the solver is done, and the largest part of the solver decides how long that takes; the bound
# gets the core the other parts leave (measured on 20,000, 2 cores, two runs each: `solve` 41.0 / 42.3 s with nice
# 0, 37.0 / 41.9 s with nice 10; the plan does not depend on it).
APART_NICE = 10


_NAAST: dict = {}  # in the process beside the solver: the scenario and kandidaten of this solve (for the toets)


def _ondergrens(scenario: Scenario, kandidaten=None) -> tuple[int, pd.DataFrame, list[tuple[list[str], int]]]:
    """The bound anyone can check (issue 24, toets/grens.py): the number, the sheet Knelpunten, and per part its
    people and bound (no Component: sent back from another process, that is all the plan needs)."""
    if kandidaten is None:  # beside the solver: kept for the toets of the plan (`_toets_naast`)
        kandidaten = bepaal_kandidaten(scenario)
        _NAAST.update(scenario=scenario, kandidaten=kandidaten)
    grens, knelpunten, per_deel = ondergrens(scenario, kandidaten)
    return grens, knelpunten, [(comp.personen, deel) for comp, deel in per_deel]


def _op_de_achtergrond(nice: int) -> None:
    if hasattr(os, "nice"):  # not on Windows; where it is refused, the bound is computed side by side as before
        with suppress(OSError):
            os.nice(nice)


def _toets_naast(toewijzing: dict) -> pd.DataFrame:
    """The rule checks of the plan, in the process beside the solver (with its scenario and kandidaten), while
    the main process writes the motiveringen."""
    return toets(_NAAST["scenario"], _NAAST["kandidaten"], toewijzing)


def solve(scenario: Scenario, *, workers: int | None = None,
          voortgang: Callable[[str], None] | None = None, extra_bronnen: tuple | None = None) -> Plan:
    """Place every medewerker of the scenario under regels.md and return the Plan.

    `extra_bronnen`: functions (Beslisgegevens, persoon) -> list of Feit whose sentences are appended
    to the motiveringen (default procedure.antwoord.FEITBRONNEN: the answers to zienswijzen and advices)."""
    extra_bronnen = FEITBRONNEN if extra_bronnen is None else tuple(extra_bronnen)
    # the bound depends on the scenario only: on a large one it is computed in a process of its own while the
    # solver runs (the solver's processes leave a core free for much of that time: its parts differ in size),
    # and the same process checks the plan (toets) while this one writes the motiveringen. On a smaller one the
    # solver's processes keep both cores busy: the bound is computed after the solver, in a process of its own
    # while this one writes the motiveringen (2,000 people: ~2 s of bound beside ~1 s of motiveringen).
    apart = grens_taak = None
    parallel = (workers or determinisme.standaard_workers()) > 1
    if len(scenario.medewerkers) >= GRENS_APART_VANAF and parallel:
        apart = signalen.pool(1, initializer=_op_de_achtergrond, initargs=(APART_NICE,))
    try:
        grens_taak = apart.submit(_ondergrens, scenario) if apart else None
        if scenario.parameters.beleid == VOORKEUR_LEIDEND:
            oplossing, vergelijking = los_op_voorkeur_leidend(scenario, workers=workers, voortgang=voortgang)
        else:
            oplossing, vergelijking = los_op(scenario, workers=workers, voortgang=voortgang), []
        k = oplossing.kandidaten
        toets_taak = apart.submit(_toets_naast, oplossing.toewijzing) if apart else None
        if apart is None and parallel and len(k.opties) >= GRENS_NA_VANAF and signalen.start_goedkoop():
            apart = signalen.pool(1)
            grens_taak = apart.submit(_ondergrens, scenario, k)
        grens_uitkomst = None if grens_taak else _ondergrens(scenario, k)
        selectie = maak_selectie(scenario, k, oplossing.toewijzing)
        open_plaatsen = herplaatsing(scenario, k, oplossing.toewijzing)  # §10, once: motiveringen and the sheet
        besluiten = maak_besluiten(scenario, k, oplossing.toewijzing, selectie, extra_bronnen, oplossing.o1_open,
                                   open_plaatsen)
        schendingen = toets_taak.result() if toets_taak else toets(scenario, k, oplossing.toewijzing)
        grens, knelpunten, per_deel = grens_taak.result() if grens_taak else grens_uitkomst
    except BaseException:
        if apart:
            signalen.stop_pool(apart)
        raise
    if apart:
        apart.shutdown()
    bezetting = maak_bezetting(scenario, oplossing.toewijzing)
    vergelijking = list(vergelijking) + grens_rijen(oplossing, grens, per_deel)
    verantwoording = maak_verantwoording(scenario, oplossing, besluiten, bezetting, schendingen, vergelijking)
    afspiegeling = maak_afspiegeling(selectie) if scenario.parameters.selectiemethode == AFSPIEGELING else None
    plan = Plan(scenario, besluiten, bezetting, verantwoording, schendingen, tuple(oplossing.fasen),
                selectie, afspiegeling, k, extra_bronnen=extra_bronnen,
                o1_open=oplossing.o1_open, knelpunten=knelpunten)
    plan.__dict__["herplaatsing"] = open_plaatsen  # the cached_property, already computed
    return plan


def herbouw_plan(s: Scenario, toewijzing: dict, uitkomsten: dict | None = None, *,
                 verantwoording: pd.DataFrame | None = None, overschreven: tuple = (),
                 extra_bronnen: tuple | None = None) -> Plan:
    """The Plan of a given toewijzing (a besluiten workbook, a hand-edited plan) under the scenario's
    parameters: kandidaten, motiveringen, bezetting and rule checks computed once, no solver."""
    extra_bronnen = FEITBRONNEN if extra_bronnen is None else tuple(extra_bronnen)
    k = bepaal_kandidaten(s)
    toewijzing = {p: (toewijzing.get(p) or None) for p in s.medewerkers.index}
    selectie = maak_selectie(s, k, toewijzing)
    o1_open = o1_open_uit(verantwoording, toewijzing)
    besluiten = maak_besluiten(s, k, toewijzing, selectie, extra_bronnen, o1_open)
    schendingen = toets(s, k, toewijzing, uitkomsten=uitkomsten)
    if verantwoording is None:
        verantwoording = pd.DataFrame([("sha256 invoer", s.sha256 or ""), (INHOUD_RIJ, s.inhoud_sha256 or "")] +
                                      [(f"parameter {n}", w) for n, w in s.parameters.als_rijen()],
                                      columns=["onderdeel", "waarde"])
    afspiegeling = maak_afspiegeling(selectie) if s.parameters.selectiemethode == AFSPIEGELING else None
    return Plan(s, besluiten, maak_bezetting(s, toewijzing), verantwoording, schendingen, (), selectie,
                afspiegeling, k, uitkomsten, tuple(overschreven),
                extra_bronnen, o1_open)
