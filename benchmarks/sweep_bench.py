"""Sweep benchmark (issue 17): one sweep of 20 variants of a 2,000-person scenario, run with
local processes (2) and on a local Dask cluster of 2 workers (1 thread each); wall time and
overhead of each, and whether both give the same results.

    python benchmarks/sweep_bench.py                      # 2000 medewerkers, 20 varianten
    python benchmarks/sweep_bench.py --grootte demo       # quick check on the demo

Each sweep runs as `plaatsing sweep` in its own process (start-up, reading, the sweep and the
workbook included). The Dask cluster is distributed's LocalCluster (its start is measured
apart). *Overhead* = wall time − (sum of the variants' solve times ÷ 2): what a perfect
executor with two workers would not need. Writes benchmarks/RESULTS_SWEEP.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
REPO = HIER.parent
PLAATSING = Path(sys.executable).with_name("plaatsing")
# 5 × 4 = 20 variants, all anciënniteit (afspiegeling may meet an H4 conflict on generated data)
RASTER = ["-r", "drempel_wijziging=20,25,30,35,40", "-r", "fte_marge=0,0.2,0.5,1"]
WORKERS = 2


def sweep(pad: Path, uitvoer: Path, extra: list[str], tijdslimiet: float) -> dict:
    opdracht = [str(PLAATSING), "sweep", str(pad), *RASTER, "--uitvoer", str(uitvoer), "--overschrijf",
                "--tijdslimiet", str(tijdslimiet), *extra]
    begin = time.perf_counter()
    proces = subprocess.run(opdracht, capture_output=True, text=True, cwd=REPO)
    wand = time.perf_counter() - begin
    if proces.returncode not in (0, 3):
        raise SystemExit(f"sweep mislukt (exitcode {proces.returncode}):\n{proces.stderr[-3000:]}")
    import pandas as pd
    varianten = pd.read_excel(uitvoer, sheet_name="Varianten")
    oplossen = float(varianten["seconden"].sum())
    ideaal = oplossen / WORKERS
    return {"wand": wand, "oplossen": oplossen, "ideaal": ideaal, "overhead": wand - ideaal,
            "varianten": len(varianten), "bewezen": int((varianten["bewezen"] == "ja").sum()),
            "tabel": varianten.drop(columns="seconden"),
            "per_medewerker": pd.read_excel(uitvoer, sheet_name="Per medewerker"),
            "uitvoer": proces.stdout.strip().splitlines()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grootte", default="2000", help="demo of een aantal medewerkers (genereer.py, seed 1)")
    parser.add_argument("--tijdslimiet", type=float, default=120.0, help="tijdslimiet per variant (s)")
    parser.add_argument("--resultaten", type=Path, default=HIER / "RESULTS_SWEEP.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HIER))
    from bench import machine, scenario_pad

    pad = scenario_pad(args.grootte, 1)
    last_voor = os.getloadavg()
    map_ = Path(tempfile.mkdtemp(prefix="sweep-bench-"))
    print(f"lokaal: {WORKERS} processen …", flush=True)
    lokaal = sweep(pad, map_ / "lokaal.xlsx", ["--workers", str(WORKERS)], args.tijdslimiet)
    print(f"  {lokaal['wand']:.1f} s", flush=True)

    from distributed import LocalCluster
    print(f"Dask: LocalCluster met {WORKERS} workers (1 thread elk) …", flush=True)
    begin = time.perf_counter()
    with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        cluster_start = time.perf_counter() - begin
        dask = sweep(pad, map_ / "dask.xlsx", ["--dask", cluster.scheduler_address], args.tijdslimiet)
    print(f"  {dask['wand']:.1f} s (cluster gestart in {cluster_start:.1f} s)", flush=True)
    last_na = os.getloadavg()

    gelijk = lokaal["tabel"].equals(dask["tabel"]) and lokaal["per_medewerker"].equals(dask["per_medewerker"])
    # F5 holds for proven plans; a plan cut off by the time limit depends on how far the solver got
    beide = (lokaal["tabel"]["bewezen"] == "ja") & (dask["tabel"]["bewezen"] == "ja")
    gelijk_bewezen = lokaal["tabel"][beide].equals(dask["tabel"][beide])
    m = machine()
    regels = [
        "# Sweep-benchmark (issue 17)", "",
        f"Gemeten op {dt.date.today().isoformat()} met `python benchmarks/sweep_bench.py --grootte {args.grootte}`.", "",
        f"**Machine:** {m['nproc']} cores (nproc), {m['geheugen']} geheugen, {m['cpu']}; {m['os']}; Python "
        f"{m['python']}, OR-Tools {m['ortools']}, plaatsing {m['plaatsing']}.",
        f"**Belasting:** de machine werd gedeeld met andere processen; load average (1 min) "
        f"{last_voor[0]:.1f} bij de start en {last_na[0]:.1f} aan het eind, op {m['nproc']} cores. "
        "De tijden zijn daardoor hoger dan op een vrije machine; de verhouding tussen de twee "
        "uitvoerders is het cijfer om op te letten.", "",
        f"Scenario: `{pad.relative_to(REPO)}` ({len(lokaal['per_medewerker'])} medewerkers"
        f"{'' if args.grootte == 'demo' else ', genereer.py seed 1'}). "
        f"Varianten: `{' '.join(RASTER)}` = {lokaal['varianten']} varianten, tijdslimiet {args.tijdslimiet:g} s per variant.",
        "*wand* is de wandkloktijd van `plaatsing sweep` (start, inlezen, alle varianten, werkmap schrijven); "
        "*oplossen* de som van de kolom `seconden` (één variant per proces of worker); *ideaal* = oplossen ÷ 2; "
        "*overhead* = wand − ideaal.", "",
        "| uitvoerder | wand s | oplossen s (som) | ideaal s | overhead s | overhead % | bewezen |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for naam, r in (("lokaal, 2 processen", lokaal), ("Dask LocalCluster, 2 workers × 1 thread", dask)):
        regels.append(f"| {naam} | {r['wand']:.1f} | {r['oplossen']:.1f} | {r['ideaal']:.1f} | {r['overhead']:.1f} | "
                      f"{100 * r['overhead'] / r['wand']:.0f} % | {r['bewezen']}/{r['varianten']} |")
    regels += ["", f"Dask-cluster gestart in {cluster_start:.1f} s (niet in *wand*). "
               f"Uitkomsten (blad Varianten zonder `seconden`, blad Per medewerker) gelijk: **{'ja' if gelijk else 'NEE'}**; "
               f"de {int(beide.sum())} varianten die bij beide bewezen optimaal zijn: "
               f"**{'gelijk' if gelijk_bewezen else 'NIET gelijk'}** (F5 geldt voor bewezen plannen; een plan dat de "
               "tijdslimiet afbreekt, hangt af van hoe ver de solver kwam).",
               "", "Uitvoer van de sweeps:", "", "```", *lokaal["uitvoer"], *dask["uitvoer"], "```", ""]
    args.resultaten.write_text("\n".join(regels), encoding="utf-8")
    print("\n".join(regels))
    return 0 if gelijk_bewezen else 1


if __name__ == "__main__":
    sys.exit(main())
