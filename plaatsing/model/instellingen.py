"""Deterministic solver settings, in one place (stijl.md)."""
from __future__ import annotations

import os

from ortools.sat.python import cp_model

RANDOM_SEED = 20181001
MAX_GEWICHT = 2 ** 50  # largest product of level ranges combined into one weighted objective
EERSTE_POGING = 4.0  # seconds a stage gets on the plain model before the exact H1 form is added
FASE_AANDEEL = 0.5  # a stage of O1–O5 may use at most this part of its component's remaining time
MIN_SECONDEN_PER_DEEL = 10.0  # a part may always use this much (when there is time), whatever its share
EERSTE_RONDE = 15.0  # seconds for the first extra round of parts not proven in their share (doubles)
PARALLEL_VANAF = 3000  # options in components that need the solver; below this one process is faster
MAX_PROCESSEN = 8


def standaard_workers() -> int:
    """Processes that solve components side by side: one per core (at most MAX_PROCESSEN)."""
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSEN))


def solver(seconden: float, seed: int = RANDOM_SEED) -> cp_model.CpSolver:
    """A CP-SAT solver with fixed seed and one worker.

    Parallelism comes from solving independent components in separate processes, not from CP-SAT
    threads: OR-Tools 9.15 can abort the whole process in multi-worker presolve (absl::btree_map::at,
    google/or-tools#5288), which we hit on our own models. The plan does not depend on it anyway:
    every stage is solved to proven optimality and the last stage makes the optimum unique.
    """
    s = cp_model.CpSolver()
    s.parameters.random_seed = seed
    s.parameters.num_workers = 1
    s.parameters.max_time_in_seconds = max(0.01, seconden)
    s.parameters.log_search_progress = False
    # The capacity rows are knapsacks over part-time fte: the full LP relaxation (level 2)
    # proves their optima far faster than the default (measured: 0.5 s instead of 26 s).
    s.parameters.linearization_level = 2
    return s
