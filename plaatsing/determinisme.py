"""Determinism in one place (regels.md F5: the same input and parameters give byte-identical decisions,
also when a time limit is hit): the seeds, the worker counts, the fixed timestamps of the documents and the
CP-SAT parameters, which the Verantwoording names (`CPSAT_VERANTWOORDING`).

The rules behind them:
- Every CP-SAT call has one worker, a fixed seed and a limit in *deterministic time* (a count of work
  that is the same on every run), never in seconds: a wall-clock limit would make the plan depend on
  the load of the machine. Several workers are not deterministic under a limit, and OR-Tools 9.15 can
  abort the whole process in multi-worker presolve (google/or-tools#5288), which we hit on our own
  models. Parallelism comes from solving independent parts in separate processes instead.
- No document carries the clock: creation and modification dates are VAST_TIJDSTIP.
"""
from __future__ import annotations

import datetime as dt
import os
import zipfile

from ortools.sat.python import cp_model

from plaatsing.signalen import volg

RANDOM_SEED = 20181001        # the solver's seed; an unproven part gets RANDOM_SEED + round − 1 (model/oplossen.py)
MAX_PROCESSEN = 8             # processes that solve parts side by side, at most
VAST_TIJDSTIP = dt.datetime(2000, 1, 1)  # creation and modification date of every document we write
# The capacity rows are knapsacks over part-time hours: the full LP relaxation (level 2) proves their
# optima far faster than the default (measured: 0.5 s instead of 26 s).
LINEARISATIE = 2
CPSAT_VERANTWOORDING = (f"één werker per aanroep, random_seed {RANDOM_SEED} (een volgende ronde +1), "
                        f"linearization_level {LINEARISATIE}, grens in deterministische tijd (max_deterministic_time, "
                        "uit de tijdslimiet), geen wandkloklimiet")


class VasteZip(zipfile.ZipFile):
    """A zip file whose every member carries one fixed time (`tijdstip`, default VAST_TIJDSTIP) instead of the clock,
    so that the same document gives the same bytes (openpyxl's ExcelWriter writes its workbooks through it). The
    example generators keep a copy of their own (voorbeelden/werkboek.py): they import nothing else of the package.
    `vervang`: member name -> bytes written in place of what is offered for that member (a sheet written by
    another process, uitvoer/excel.py); `vervangen` holds the names so replaced."""

    def __init__(self, *args, tijdstip: dt.datetime = VAST_TIJDSTIP, vervang: dict[str, bytes] | None = None,
                 **kwargs):
        self.tijdstip = tijdstip
        self.vervang = dict(vervang or {})
        self.vervangen: set[str] = set()
        super().__init__(*args, **kwargs)

    def writestr(self, naam, data, *args, **kwargs):
        if not isinstance(naam, zipfile.ZipInfo):
            naam = zipfile.ZipInfo(naam, date_time=self.tijdstip.timetuple()[:6])
            naam.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(naam, data, *args, **kwargs)

    def write(self, bestand, arcname=None, *args, **kwargs):
        naam = arcname or str(bestand)
        if naam in self.vervang:
            self.vervangen.add(naam)
            self.writestr(naam, self.vervang[naam])
            return
        with open(bestand, "rb") as fh:  # openpyxl writes the sheets from temporary files
            self.writestr(naam, fh.read())


def standaard_workers() -> int:
    """Processes that solve parts side by side: one per core (at most MAX_PROCESSEN). The plan does not
    depend on it."""
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSEN))


def cpsat(werk: float, seed: int = RANDOM_SEED, *, linearisatie: int | None = LINEARISATIE) -> cp_model.CpSolver:
    """A CP-SAT solver that does the same search on every run: one worker, a fixed seed and at most
    `werk` deterministic time (None for `linearisatie` keeps CP-SAT's default). Ctrl-C, SIGTERM and
    SIGHUP stop the run, not just this search (plaatsing/signalen.py)."""
    s = cp_model.CpSolver()
    s.parameters.random_seed = seed
    s.parameters.num_workers = 1
    s.parameters.max_deterministic_time = max(0.001, werk)
    s.parameters.log_search_progress = False
    if linearisatie is not None:
        s.parameters.linearization_level = linearisatie
    volg(s)
    return s
