"""End-to-end benchmark: read_scenario, solve and schrijf_besluiten, per size in a fresh process.

    python benchmarks/bench.py                         # demo; 2000, 20000, 65000 in both shapes
    python benchmarks/bench.py --snel                  # demo, 2000 and 2000@400
    python benchmarks/bench.py --groottes demo,300,2000 --profiel

Scenarios come from genereer.py (seed 1) into benchmarks/data/ (git-ignored) and are made
only when missing; `demo` is scenarios/almelo-2018.xlsx. `N` is the realistic shape (families
through the whole organisation), `N@S` the earlier shape with families within sectors of S
people. Each size runs in its own child process so import time, peak memory and the solver's
processes are measured as a user would see them: the parent samples the resident memory of the
whole process tree (/proc) and reports the peak of the sum. The table is printed and written to
benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
REPO = HIER.parent
DATA = HIER / "data"
DEMO = REPO / "scenarios" / "almelo-2018.xlsx"
STANDAARD = ["demo", "2000", "20000", "65000", "2000@400", "20000@400", "65000@400"]
SNEL = ["demo", "2000", "2000@400"]
# seconds end to end, every stage proven (issue 12; the same targets for both shapes)
DOELEN = {"demo": 10.0, "300": 10.0, "2000": 10.0, "20000": 60.0, "65000": 600.0}
# the scenario's tijdslimiet per size: the target itself (a user who wants the answer within a minute sets
# 60); it becomes a deterministic work budget (instellingen.WERK_PER_SECONDE), shared over the processes
TIJDSLIMIET = {"2000": DOELEN["2000"], "20000": DOELEN["20000"], "65000": DOELEN["65000"]}


# --- child: one measured run ---------------------------------------------------------------

def meet(pad: Path, uitvoer: Path, tijdslimiet: float | None, profiel: Path | None) -> dict:
    """Run read -> solve -> write once; timings per step and per stage (in this process)."""
    begin = time.perf_counter()
    import plaatsing
    from plaatsing import read_scenario, solve
    from plaatsing.uitvoer.excel import schrijf_besluiten
    t_import = time.perf_counter() - begin
    broncode = _vingerafdruk(Path(plaatsing.__file__).parent)

    def voortgang(tekst: str) -> None:
        print(f"    [{time.perf_counter() - begin:7.1f} s] {tekst}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    from plaatsing.signalen import voorverwarm
    voorverwarm()  # as `plaatsing solve` does: the solver's processes start from it, it imports while we read
    scenario = read_scenario(pad)
    if tijdslimiet:
        scenario = scenario.met_parameters(tijdslimiet=tijdslimiet)
    t_lezen = time.perf_counter() - t0
    voortgang(f"ingelezen: {len(scenario.medewerkers)} medewerkers ({t_lezen:.1f} s)")

    profiler = None
    if profiel:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    t0 = time.perf_counter()
    plan = solve(scenario, voortgang=voortgang)
    t_oplossen = time.perf_counter() - t0
    if profiler:
        profiler.disable()
        _schrijf_profiel(profiler, profiel)

    t0 = time.perf_counter()
    schrijf_besluiten(plan, uitvoer, overschrijf=True)
    t_schrijven = time.perf_counter() - t0

    verantwoording = dict(zip(plan.verantwoording["onderdeel"], plan.verantwoording["waarde"]))
    sys.path.insert(0, str(HIER))
    from baselines import vergelijk_baselines
    niet_geplaatst = int(plan.besluiten["nieuwe_functie"].fillna("").eq("").sum())
    voortgang("baselines: greedy P&O-procedure en stabiele matching (matching, alle fte 1)")
    (uitvoer.parent / "baselines").touch()  # the parent's memory meter stops here: ours only
    t0 = time.perf_counter()
    rekenprocessen_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # before the baselines run
    baselines = vergelijk_baselines(scenario, niet_geplaatst)
    baselines["seconden"] = time.perf_counter() - t0
    o1 = next(f for f in plan.fasen if f.code == "O1")
    geplaatst_vrij = len(scenario.medewerkers) - len(scenario.vastgezet) - niet_geplaatst
    baselines["ons_is_minimum"] = o1.bewezen and geplaatst_vrij == o1.objectief
    from plaatsing.toets.grens import GRENS_RIJ
    from plaatsing.plannen.tabellen import GRENS_BEWEZEN_RIJ
    # the best bound: with the proven parts at their optimum where there are any (else the LP and knelpunten)
    baselines["ondergrens"] = max(int(str(verantwoording.get(GRENS_RIJ, 0))),
                                  int(str(verantwoording.get(GRENS_BEWEZEN_RIJ, "0")).split()[0]))
    return {
        "medewerkers": len(scenario.medewerkers),
        "oude_functies": len(scenario.oude_functies),
        "nieuwe_functies": len(scenario.nieuwe_functies),
        "import": t_import, "lezen": t_lezen, "oplossen": t_oplossen, "schrijven": t_schrijven,
        "los_op": float(verantwoording.get("totale rekentijd (s)", "nan")),
        "componenten": int(verantwoording.get("deelproblemen (componenten)", 0)),
        "grootste": verantwoording.get("grootste deelproblemen (medewerkers)", "–"),
        "budget": verantwoording.get("rekenbudget (deterministische tijd, uit tijdslimiet)", "–"),
        "triviaal": int(verantwoording.get("deelproblemen zonder solver opgelost", 0)),
        "fasen": [{"code": f.code, "naam": f.naam, "status": f.status, "seconden": f.seconden,
                   "solves": f.solves, "o2_cuts": f.o2_cuts, "bewezen": f.bewezen, "werk": f.werk}
                  for f in plan.fasen],
        "bewezen_optimaal": plan.bewezen_optimaal,
        "samenvatting": dict(zip(plan.samenvatting()["uitkomst"], map(int, plan.samenvatting()["aantal"]))),
        "toets": verantwoording.get("toets (F1–F3)", ""),
        "broncode": broncode,
        "baselines": baselines,
        "rekenprocessen_kb": rekenprocessen_kb,
    }


def _vingerafdruk(map_: Path) -> str:
    """Short sha256 of the engine's source files: shows which version of plaatsing was measured."""
    import hashlib
    h = hashlib.sha256()
    for bestand in sorted(map_.rglob("*.py")):
        h.update(bestand.relative_to(map_).as_posix().encode() + b"\0" + bestand.read_bytes())
    return h.hexdigest()[:10]


def _schrijf_profiel(profiler, pad: Path) -> None:
    import io
    import pstats
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).strip_dirs()
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    pad.write_text(buffer.getvalue(), encoding="utf-8")


def kind(argv: list[str]) -> None:
    """Entry point of the child process: prints one JSON line on stdout."""
    pad, uitvoer, tijdslimiet, profiel = argv
    resultaat = meet(Path(pad), Path(uitvoer), float(tijdslimiet) or None, Path(profiel) if profiel else None)
    resultaat["ru_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(resultaat))


# --- parent: generate, run children, report ------------------------------------------------

def scenario_pad(grootte: str, seed: int) -> Path:
    if grootte == "demo":
        return DEMO
    n, _, sector = grootte.partition("@")
    sectorgrootte = int(sector) if sector else None
    pad = DATA / (f"bench-{int(n)}-realistisch-s{seed}.xlsx" if sectorgrootte is None
                  else f"bench-{int(n)}-sector{sectorgrootte}-s{seed}.xlsx")
    if not pad.exists():
        sys.path.insert(0, str(HIER))
        from genereer import genereer
        begin = time.perf_counter()
        genereer(int(n), pad, seed, sectorgrootte)
        print(f"  {pad.relative_to(REPO)} gegenereerd ({time.perf_counter() - begin:.1f} s)", flush=True)
    return pad


def draai(grootte: str, pad: Path, *, max_seconden: float, tijdslimiet: float, profiel: bool) -> dict:
    """One child process; wall time, peak memory (ru_maxrss via wait4) and its JSON result."""
    uitvoer = Path(tempfile.mkdtemp(prefix="bench-")) / f"{pad.stem}-besluiten.xlsx"
    profielpad = DATA / f"profiel-{grootte}.txt" if profiel else ""
    opdracht = [sys.executable, str(Path(__file__).resolve()), "--kind", str(pad), str(uitvoer),
                str(tijdslimiet or 0), str(profielpad)]
    begin = time.perf_counter()
    # a session of its own: an abort ends the solver's worker processes too (they hold the pipe open)
    proces = subprocess.Popen(opdracht, stdout=subprocess.PIPE, text=True, cwd=REPO, start_new_session=True)
    geheugen = _GeheugenMeter(proces.pid, uitvoer.parent / "baselines")
    afgebroken = False
    try:
        uit, _ = proces.communicate(timeout=max_seconden) if max_seconden else proces.communicate()
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)
        uit, _ = proces.communicate()
        afgebroken = True
    wand = time.perf_counter() - begin
    piek_samen = geheugen.stop()
    for bestand in uitvoer.parent.iterdir():
        bestand.unlink()
    uitvoer.parent.rmdir()
    regels = [r for r in uit.splitlines() if r.startswith("{")]
    if afgebroken or proces.returncode != 0 or not regels:
        reden = f"afgebroken na {max_seconden:.0f} s" if afgebroken else f"exitcode {proces.returncode}"
        return {"grootte": grootte, "fout": reden, "totaal": wand}
    resultaat = json.loads(regels[-1])
    # the baselines run in the same process after ours; they are not part of our time
    resultaat.update(grootte=grootte, totaal=wand - resultaat["baselines"]["seconden"],
                     scenario=str(pad.relative_to(REPO)), piek_samen_kb=piek_samen, belasting=_belasting())
    if profiel:
        resultaat["profiel"] = str(profielpad.relative_to(REPO))
    return resultaat


class _GeheugenMeter:
    """Samples the resident memory (VmRSS, /proc) of a process and all its descendants every
    0.2 s in a thread, until the file `stopteken` appears (the baselines start); `stop` returns the
    peak of the sum in kB (0 where /proc is missing)."""

    def __init__(self, pid: int, stopteken: Path):
        import threading
        self.pid, self.piek, self.klaar, self.stopteken = pid, 0, threading.Event(), stopteken
        self.draad = threading.Thread(target=self._meet, daemon=True)
        self.draad.start()

    def _meet(self) -> None:
        while not self.klaar.wait(0.2) and not self.stopteken.exists():
            self.piek = max(self.piek, sum(_rss_kb(p) for p in _boom(self.pid)))

    def stop(self) -> int:
        self.klaar.set()
        self.draad.join()
        return self.piek


def _boom(pid: int) -> list[int]:
    """pid and all its descendants (Linux /proc/<pid>/task/<tid>/children)."""
    alle, rij = [], [pid]
    while rij:
        p = rij.pop()
        alle.append(p)
        try:
            for taak in Path(f"/proc/{p}/task").iterdir():
                rij += [int(k) for k in (taak / "children").read_text().split()]
        except OSError:
            pass
    return alle


def _rss_kb(pid: int) -> int:
    try:
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1])
    except OSError:
        pass
    return 0


def _belasting() -> str:
    """The load average of the machine (1, 5, 15 minutes) right after the run."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "onbekend"


def machine() -> dict:
    """nproc, memory, CPU model, python and ortools versions."""
    from importlib.metadata import version
    cpu = "onbekend"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    geheugen = "onbekend"
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemTotal"):
                geheugen = f"{int(regel.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "geheugen": geheugen, "cpu": cpu,
            "python": platform.python_version(), "ortools": version("ortools"),
            "plaatsing": version("plaatsing"), "os": platform.platform()}


def _mb(kb) -> str:
    return f"{kb / 1024:.0f}" if kb else "–"


def _s(x) -> str:
    return f"{x:.1f}" if isinstance(x, (int, float)) else "–"


def _gemist(r: dict) -> list[str] | None:
    """What a measured size misses of its goal (issue 24, Done when), or None for a size without one: the time
    end to end; at 2,000 a gap to the bound of at most 2% or a proven minimum; at 20,000 and 65,000 at most 0.88 ×
    the greedy procedure's unplaced and a gap of at most 10%; at 65,000 at most 8 GB over all processes."""
    grootte = r["grootte"].partition("@")[0]
    doel = DOELEN.get(grootte)
    if doel is None or "fout" in r:
        return None
    gemist = [] if r["totaal"] < doel else [f"tijd > {doel:.0f} s"]
    b = r.get("baselines")
    if b and grootte in ("2000", "20000", "65000") and "@" not in r["grootte"]:
        ons, grens, greedy = b["ons_niet_geplaatst"], b.get("ondergrens"), b["greedy_niet_geplaatst"]
        verschil = (ons - grens) / ons if ons and grens is not None else 0.0
        if grootte == "2000" and verschil > 0.02 and not b["ons_is_minimum"]:
            gemist.append(f"verschil met de grens {100 * verschil:.1f}% > 2%")
        if grootte != "2000":
            if greedy and ons > 0.88 * greedy:
                gemist.append(f"{ons / greedy:.3f} × greedy > 0.88")
            if verschil > 0.10:
                gemist.append(f"verschil met de grens {100 * verschil:.1f}% > 10%")
    if grootte == "65000" and (r.get("piek_samen_kb") or 0) > 8 * 1024 * 1024:
        gemist.append("geheugen > 8 GB")
    return gemist


def _oordeel(r: dict) -> str:
    gemist = _gemist(r)
    if gemist is None:
        return "–"
    return "gehaald" if not gemist else "niet gehaald: " + "; ".join(gemist)


def tabellen(resultaten: list[dict]) -> tuple[str, str, str, str]:
    """Markdown: totals per size, stages per size, outcomes per size, baselines per size."""
    kop = ("| scenario | medewerkers | functies oud/nieuw | grootste deelproblemen | import s | lezen s | oplossen s | "
           "(solver s) | schrijven s | totaal s | piek MB alle processen | piek MB hoofdproces | budget / werk | "
           "alle fasen bewezen optimaal | doel | belasting | broncode |\n"
           "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n")
    rijen, fasen, uitkomsten = [], [], []
    for r in resultaten:
        if "fout" in r:
            leeg = " – |" * 8
            rijen.append(f"| {r['grootte']} |{leeg} {_s(r['totaal'])} | – | – | – | {r['fout']} | – | – | – |")
            continue
        solver = sum(f["seconden"] for f in r["fasen"])
        oordeel = _oordeel(r)
        werk = sum(f.get("werk", 0.0) for f in r["fasen"])
        rijen.append(
            f"| {r['grootte']} | {r['medewerkers']} | {r['oude_functies']}/{r['nieuwe_functies']} | "
            f"{r.get('grootste', '–')} | "
            f"{_s(r['import'])} | {_s(r['lezen'])} | {_s(r['oplossen'])} | {_s(solver)} | {_s(r['schrijven'])} | "
            f"{_s(r['totaal'])} | {_mb(r.get('piek_samen_kb'))} | {r['ru_maxrss_kb'] / 1024:.0f} | "
            f"{r.get('budget', '–')} / {werk:.1f} | {'ja' if r['bewezen_optimaal'] else 'NEE'} | "
            f"{oordeel} | {r.get('belasting', '–')} | `{r['broncode']}` |")
        for f in r["fasen"]:
            fasen.append(f"| {r['grootte']} | {f['code']} {f['naam']} | {f['status']} | {f['seconden']:.2f} | "
                         f"{f.get('werk', 0.0):.2f} | {f['solves']} | {f['o2_cuts']} |")
        s = r["samenvatting"]
        uitkomsten.append(f"| {r['grootte']} | {r['componenten']} ({r['triviaal']} zonder solver) | "
                          + " | ".join(str(v) for v in s.values()) + f" | {r['toets']} |")
    fase_kop = ("| scenario | fase | status | solver s | werk (det. tijd) | solver-aanroepen | O2-voorwaarden |\n"
                "|---|---|---|---:|---:|---:|---:|\n")
    namen = next((list(r["samenvatting"]) for r in resultaten if "samenvatting" in r), [])
    uit_kop = ("| scenario | deelproblemen | " + " | ".join(namen) + " | toets |\n"
               "|---|---:|" + "---:|" * len(namen) + "---|\n")
    geen = "(geen afgeronde metingen)"
    base_kop = ("| scenario | ons: niet geplaatst | = bewezen minimum | ondergrens | verschil met de grens | "
                "greedy P&O: niet geplaatst | ons / greedy | greedy s | "
                "alle fte 1: ons minimum | ons s | `matching` stabiel: niet geplaatst | matching s |\n"
                "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    base = []
    for r in resultaten:
        b = r.get("baselines")
        if not b:
            continue
        ons, grens, greedy = b["ons_niet_geplaatst"], b.get("ondergrens"), b["greedy_niet_geplaatst"]
        verschil = "–" if grens is None else f"{100 * (ons - grens) / ons:.1f}%" if ons else "0.0%"
        base.append(f"| {r['grootte']} | {ons} | {'ja' if b['ons_is_minimum'] else 'NEE'} | "
                    f"{'–' if grens is None else grens} | {verschil} | "
                    f"{greedy} | {ons / greedy if greedy else 1:.3f} | {b['greedy_seconden']:.1f} | {b['ons_fte1_niet_geplaatst']}"
                    f"{'' if b['ons_fte1_bewezen'] else ' (niet bewezen)'} | {b['ons_fte1_seconden']:.1f} | "
                    f"{b['matching_niet_geplaatst']} | {b['matching_seconden']:.1f} |")
    return (kop + "\n".join(rijen), fase_kop + "\n".join(fasen) if fasen else geen,
            uit_kop + "\n".join(uitkomsten) if uitkomsten else geen, base_kop + "\n".join(base) if base else geen)


def schrijf_resultaten(pad: Path, resultaten: list[dict], m: dict, opdracht: str) -> None:
    """Write the tables; a hand-written section from '## Analyse' on in the old file is kept."""
    totaal, fasen, uitkomsten, baselines = tabellen(resultaten)
    oud = pad.read_text(encoding="utf-8") if pad.exists() else ""
    analyse = oud[oud.index("## Analyse"):] if "## Analyse" in oud else ""
    tekst = f"""# Benchmarkresultaten

Gemeten op {dt.date.today().isoformat()} met `{opdracht}`.

**Machine:** {m['nproc']} cores (nproc), {m['geheugen']} geheugen, {m['cpu']};
{m['os']}; Python {m['python']}, OR-Tools {m['ortools']}, plaatsing {m['plaatsing']}.

Elke grootte draait in een eigen proces. *totaal* is de wandkloktijd van dat proces (start van
Python, imports, inlezen, oplossen, schrijven); *oplossen* is `solve()` als geheel (kandidaten,
modellen, alle fasen, besluiten met motivering, toets), *solver* het deel daarvan in CP-SAT.
*piek MB alle processen* is de hoogste som van het residente geheugen van het meetproces en al zijn
rekenprocessen samen (elke 0,2 s gemeten via /proc), *hoofdproces* is `ru_maxrss` van het meetproces;
*totaal* telt de baselines niet mee; *broncode* is een vingerafdruk van `plaatsing/*.py`; *belasting* is
de load average van de machine direct na de meting (1/5/15 min; 2 cores gedeeld met andere processen).
Tijdslimiet = het doel van de grootte (2000: 10 s, 20000: 60 s, 65000: 600 s, in beide vormen); de solver
maakt daar een rekenbudget in deterministische tijd van (0,28 eenheid per seconde, plus de kosten per
aanroep naar de modelgrootte; F5: hetzelfde plan bij elke run). *budget / werk*: het budget en het werk
dat de solver gebruikte (deterministische tijd).
Scenario's: `benchmarks/genereer.py`, seed 1; `N` is de realistische vorm (HR21-families door de hele
organisatie), `N@S` de vorige vorm met functiefamilies binnen sectoren van S medewerkers.

## Totaal per grootte

{totaal}

## Per fase

{fasen}

## Uitkomsten

{uitkomsten}

## Vergelijking met wat P&O anders zou doen

Zelfde instantie, zelfde kandidaten (wie waar geschikt is, selectievolgorde). *greedy P&O*: de
procedure met de hand — eerst de functievolgers op anciënniteit, ieder in de eerste eigen
T1-functie (eigen voorkeur) waar die nog past; daarna de rest op anciënniteit, ieder in de beste
vrije functie waar die past. *matching*: de bewoner-optimale stabiele toewijzing van het PyPI-pakket
`matching` (HospitalResident) op de variant met alle fte 1,0, formatie in hele plaatsen
(afgerond naar beneden, marge meegeteld) en zonder vastzettingen; op díe variant staat ook ons
minimum (`minimum_niet_geplaatst`, het F4-minimum van de toets: fase O1 met H1–H5, de tijdslimiet van de
grootte gelijk over de delen verdeeld). Staat er "niet bewezen", dan is het het beste plan binnen dat
budget, en een deel waarin binnen zijn budget geen plan gevonden is, telt helemaal als niet geplaatst:
zo bij 20.000 en 65.000 realistisch, waar het grote deel maar 60/89 en 600/255 eenheid krijgt. Dat getal
is dan een zwakke bovengrens, geen vergelijking met `matching`. Tijden: alleen het toewijzen
(inclusief kandidaten bepalen), niet het inlezen.

{baselines}
"""
    pad.write_text(tekst + ("\n" + analyse if analyse else ""), encoding="utf-8")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--kind"]:
        kind(argv[1:])
        return 0
    parser = argparse.ArgumentParser(
        description="Meet inlezen, oplossen en schrijven per grootte, elk in een eigen proces.")
    parser.add_argument("--groottes", default=",".join(STANDAARD),
                        help="kommagescheiden aantallen medewerkers (standaard demo,2000,20000,65000); 'demo' = "
                             "scenarios/almelo-2018.xlsx; N@S = N medewerkers met sectoren van S (functiefamilies "
                             "over S medewerkers, standaard 400)")
    parser.add_argument("--snel", action="store_true", help="alleen demo en 2000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconden", type=float, default=2400,
                        help="breek een grootte af na zoveel seconden (0 = nooit; standaard 2400)")
    parser.add_argument("--tijdslimiet", type=float, default=0,
                        help="overschrijf de parameter tijdslimiet van het scenario (0 = niet)")
    parser.add_argument("--profiel", action="store_true",
                        help="profileer solve() met cProfile naar benchmarks/data/profiel-<grootte>.txt")
    parser.add_argument("--resultaten", type=Path, default=HIER / "RESULTS.md",
                        help="markdownbestand voor de resultaten (standaard benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    groottes = SNEL if args.snel else [g.strip() for g in args.groottes.split(",") if g.strip()]
    DATA.mkdir(exist_ok=True)
    opdracht = ("python benchmarks/bench.py " + " ".join(argv) if argv else "make bench").strip()
    resultaten = []
    for grootte in groottes:
        pad = scenario_pad(grootte, args.seed)
        print(f"== {grootte}: {pad.relative_to(REPO)}", flush=True)
        r = draai(grootte, pad, max_seconden=args.max_seconden,
                  tijdslimiet=args.tijdslimiet or TIJDSLIMIET.get(grootte, TIJDSLIMIET.get(grootte.partition("@")[0], 0)),
                  profiel=args.profiel)
        resultaten.append(r)
        # written after every size, so that a long run leaves the sizes measured so far
        schrijf_resultaten(args.resultaten, resultaten, machine(), opdracht)
        if "fout" in r:
            print(f"   {r['fout']}", flush=True)
        else:
            print(f"   totaal {r['totaal']:.1f} s, piek {r['ru_maxrss_kb'] / 1024:.0f} MB, "
                  f"bewezen optimaal: {'ja' if r['bewezen_optimaal'] else 'NEE'}", flush=True)
    totaal, fasen, uitkomsten, baselines = tabellen(resultaten)
    print("\n" + totaal + "\n\n" + fasen + "\n\n" + uitkomsten + "\n\n" + baselines)
    print(f"\n{args.resultaten} geschreven")
    if all("fout" not in r and not _gemist(r) for r in resultaten):
        return 0
    print("Niet elke grootte is gemeten en haalt zijn doel (kolom 'doel', issue 24); daarom eindigt de bench met "
          "code 1.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
