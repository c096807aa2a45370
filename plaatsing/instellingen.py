"""Deterministic solver settings, in one place (stijl.md)."""
from __future__ import annotations

from ortools.sat.python import cp_model

RANDOM_SEED = 20181001
MAX_GEWICHT = 2 ** 50  # largest product of level ranges combined into one weighted objective
KLEIN_MODEL = 300  # variables; below this one worker is fastest whatever is asked
EERSTE_POGING = 4.0  # seconds a stage gets on the plain model before the exact H1 form is added
FASE_AANDEEL = 0.5  # a stage of O1–O5 may use at most this part of its component's remaining time


def standaard_workers() -> int:
    """One worker: with the full linearisation it proved these models fastest and most steadily on
    2 cores (measured on the 2,000-medewerker benchmark); --workers overrides it."""
    return 1


def solver(seconden: float, workers: int, grootte: int) -> cp_model.CpSolver:
    """A CP-SAT solver with fixed seed. Small models use one worker (less overhead).

    The plan does not depend on the number of workers: every stage is solved to proven
    optimality and the last stage makes the optimum unique (see oplossen.py).
    """
    s = cp_model.CpSolver()
    s.parameters.random_seed = RANDOM_SEED
    s.parameters.num_workers = 1 if grootte < KLEIN_MODEL else workers
    s.parameters.max_time_in_seconds = max(0.01, seconden)
    s.parameters.log_search_progress = False
    # The capacity rows are knapsacks over part-time fte: the full LP relaxation (level 2)
    # proves their optima far faster than the default (measured: 0.5 s instead of 26 s).
    s.parameters.linearization_level = 2
    return s
