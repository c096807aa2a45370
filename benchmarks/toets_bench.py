"""Benchmark of `plaatsing toets` on a large plan (issue: toets 20,000 within 2 minutes).

    .venv/bin/python benchmarks/toets_bench.py benchmarks/data/bench-20000-s1.xlsx

Makes a plan with a short time limit (its quality does not matter for timing the toets), writes it,
reads it back like a hand-edited plan, and times toets_toewijzing (H1–H5, O2, O6, F3, F4 with its own minimum).
"""
from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from plaatsing import read_scenario, solve
from plaatsing.plannen.toetsen import toets_toewijzing
from plaatsing.invoer.besluiten import lees_besluiten
from plaatsing.uitvoer.excel import schrijf_besluiten


def main(pad: str) -> None:
    s = read_scenario(pad)
    plan = solve(s.met_parameters(tijdslimiet=60))
    with tempfile.TemporaryDirectory() as map_:
        besluiten = schrijf_besluiten(plan, Path(map_) / "plan.xlsx")
        begin = time.monotonic()
        toewijzing, uitkomsten = lees_besluiten(besluiten, s)
        schendingen = toets_toewijzing(s, toewijzing, uitkomsten)
        duur = time.monotonic() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(s.medewerkers)} medewerkers: toets (plan inlezen + toetsen) {duur:.1f} s, "
          f"{len(schendingen)} meldingen, piek {piek:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
