"""Deterministic solver settings, in one place (stijl.md)."""
from __future__ import annotations

import os

from ortools.sat.python import cp_model

RANDOM_SEED = 20181001
MAX_GEWICHT = 2 ** 50  # largest product of level ranges combined into one weighted objective


def standaard_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def solver(seconden: float, workers: int, grootte: int) -> cp_model.CpSolver:
    """A CP-SAT solver with fixed seed. Small models use one worker (less overhead).

    The plan does not depend on the number of workers: every stage is solved to proven
    optimality and the last stage makes the optimum unique (see oplossen.py).
    """
    s = cp_model.CpSolver()
    s.parameters.random_seed = RANDOM_SEED
    s.parameters.num_workers = 1 if grootte < 2000 else workers
    s.parameters.max_time_in_seconds = max(0.01, seconden)
    s.parameters.log_search_progress = False
    return s
