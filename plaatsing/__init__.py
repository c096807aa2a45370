"""Plaatsing: placement of medewerkers in a new formatiehuis under the sociaal statuut.

    from plaatsing import read_scenario, solve
    plan = solve(read_scenario("scenario.xlsx").met_parameters(drempel_wijziging=40))
    plan.besluiten  # DataFrame, one row per medewerker
    definitief(met_adviezen(scenario, adviezen), plan)  # the second round (regels.md §9)
    toets_plan(plan); uitleg(plan, "A0135"); wat_als(plan, vastzetten={"A0035": "BV-HRM-02"})
    lees_plan("besluiten.xlsx", scenario)  # a besluiten workbook back as a Plan

The names are loaded when first used (PEP 562): `import plaatsing` itself loads nothing heavy, so that the
command line can stop cleanly on a Ctrl-C during its first half second (plaatsing/cli/__init__.py).
"""
from __future__ import annotations

import sys as _sys

# The command line (`python -m plaatsing.cli`, or the script `plaatsing`) loads this package first: a Ctrl-C in
# these first milliseconds ends it as later on (cli/__init__.py), with a Dutch sentence and 130, not a traceback
# (seen on a slow machine: a Ctrl-C 0.05 s after the start landed in `from typing import ...` below). A library
# user (a notebook) keeps Python's own KeyboardInterrupt.
_ARGV = getattr(_sys, "argv", None) or [""]  # (an embedded interpreter may have none)
_OPDRACHTREGEL = _ARGV[0] == "-m" or _ARGV[0].replace("\\", "/").rsplit("/", 1)[-1] in ("plaatsing", "plaatsing.exe")
try:
    if _OPDRACHTREGEL:
        from plaatsing import opstart as _opstart  # a Ctrl-C from here on is recorded, also one Python drops

        _opstart.bewaak()
    import importlib
    from typing import TYPE_CHECKING

    import plaatsing.uitleg  # noqa: F401 (light: a docstring) loaded now, so that the name below stays the function
except KeyboardInterrupt:
    if not _OPDRACHTREGEL:
        raise
    _sys.stderr.write("Afgebroken door Ctrl-C. Er is niets geschreven.\n")
    _sys.exit(130)

_WAAR = {"InvoerFout": "plaatsing.fouten", "Melding": "plaatsing.fouten", "ParameterFout": "plaatsing.fouten",
         "Plan": "plaatsing.plan", "read_scenario": "plaatsing.plannen.inlezen",
         "scenario_from_tables": "plaatsing.plannen.inlezen", "lees_plan": "plaatsing.plannen.lezen",
         "solve": "plaatsing.plannen.maken", "toets_plan": "plaatsing.plannen.toetsen",
         "definitief": "plaatsing.plannen.tweede_ronde", "wat_als": "plaatsing.plannen.wat_als",
         "met_adviezen": "plaatsing.procedure.adviezen", "Scenario": "plaatsing.scenario"}

__all__ = sorted([*_WAAR, "uitleg"], key=lambda naam: (naam[0].islower(), naam))


def uitleg(plan, persoon: str) -> dict:
    """Outcome, rules and every function the person could have had, with why not for the better ones.

    `uitleg(plan, "A0035")`; for a plan given as a dict first `herbouw_plan(scenario, toewijzing)`.
    (plaatsing.uitleg.verklaring.uitleg; the name `uitleg` is also the subpackage, loaded above.)"""
    from plaatsing.uitleg.verklaring import uitleg as verklaar
    return verklaar(plan, persoon)


def __getattr__(naam: str):
    if naam not in _WAAR:
        raise AttributeError(f"module 'plaatsing' has no attribute {naam!r}")
    waarde = getattr(importlib.import_module(_WAAR[naam]), naam)
    globals()[naam] = waarde
    return waarde


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WAAR))


if TYPE_CHECKING:  # for type checkers and editors: the same names, read statically
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
