"""Executors for a sweep: one variant is one normal solve; the variants run in local processes
or on a Dask distributed cluster (client, futures, as_completed — nothing of the cluster is
written here). What goes to a worker is the scenario's tables (scattered once) and the
variant; nothing reads a file there. The plans are unique once proven (F5), so the results
are the same whichever executor or worker solved them.
"""
from __future__ import annotations

import re
import time
import uuid
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Iterator

import pandas as pd

from plaatsing import signalen
from plaatsing.fouten import H4Conflict
from plaatsing.determinisme import standaard_workers
from plaatsing.plan import UITKOMSTEN, Plan
from plaatsing.plannen.maken import solve
from plaatsing.scenario import Scenario
from plaatsing.sweep.varianten import Variant, pas_toe

ONDERWERP = "plaatsing-sweep"  # topic of the Dask events: one per started variant
_ADRES = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx)://)?[^\s:/]+:\d{1,5}$")
WACHT_OP_WORKERS = 60.0       # seconds to wait for a first worker on the cluster


class ClusterFout(Exception):
    """The Dask cluster cannot be used (not reachable, no workers, plaatsing missing there)."""


@dataclass
class VariantResultaat:
    """The figures of one variant's plan; `uitkomsten` per personeelsnummer; the plan on request."""

    variant: Variant
    cijfers: dict
    uitkomsten: pd.DataFrame | None      # index personeelsnummer: uitkomst, nieuwe_functie
    seconden: float
    plan: Plan | None = None
    fout: str | None = None


def kengetallen(plan: Plan) -> dict:
    """The figures of the sheet Varianten for one plan (issue 17), counted from its tables."""
    b = plan.besluiten
    telling = b["uitkomst"].value_counts()
    cijfers = {u: int(telling.get(u, 0)) for u in UITKOMSTEN}
    cijfers["voorkeur_1_gehonoreerd"] = int((b["voorkeur_gehonoreerd"] == 1).sum())
    cijfers["salarisgarantie_eur"] = salarisgarantie_eur(plan)
    cijfers["vacant_fte"] = round(float(plan.bezetting["vacant_fte"].sum()), 4)
    cijfers["bewezen"] = "ja" if plan.bewezen_optimaal else "nee"
    return cijfers


def salarisgarantie_eur(plan: Plan) -> int | None:
    """Yearly cost of the salarisgarantie (12 × fte × the difference in maandsalaris between the
    own and the new scale), as in the OR-bijlage; None without a Salaristabel."""
    salaris = plan.scenario.salaristabel
    if salaris.empty:
        return None
    per_schaal = salaris["maandsalaris"]
    b = plan.besluiten[plan.besluiten["salarisgarantie"] == "ja"]
    verschil = b["schaal"].map(per_schaal) - b["nieuwe_schaal"].astype(float).map(per_schaal)
    return int(round(float((b["fte"] * verschil.clip(lower=0) * 12).sum())))


def los_variant_op(scenario: Scenario, variant: Variant, met_plan: bool = False) -> VariantResultaat:
    """Solve one variant (in any process; one process per solve, the sweep runs variants side by side)."""
    start = time.perf_counter()
    s = pas_toe(variant, scenario)
    try:
        plan = solve(s, workers=1)
    except H4Conflict as fout:
        return VariantResultaat(variant, {}, None, time.perf_counter() - start, fout=str(fout))
    uitkomsten = plan.besluiten.set_index("personeelsnummer")[["uitkomst", "nieuwe_functie"]]
    return VariantResultaat(variant, kengetallen(plan), uitkomsten, time.perf_counter() - start,
                            plan if met_plan else None)


# --- local processes -------------------------------------------------------------------------

_SCENARIO: Scenario | None = None  # the scenario of this pool process, set once by its initializer


def _zet_scenario(scenario: Scenario) -> None:
    global _SCENARIO
    _SCENARIO = scenario


def _lokale_taak(variant: Variant, met_plan: bool) -> VariantResultaat:
    return los_variant_op(_SCENARIO, variant, met_plan)


@dataclass
class Verslag:
    """What the executor tells afterwards: how it ran, and which variants had to run again."""

    uitvoerder: str = ""
    opnieuw: list[str] = field(default_factory=list)   # variants started again after a worker was lost
    workers_weg: list[str] = field(default_factory=list)


def lokaal(scenario: Scenario, varianten: list[Variant], *, workers: int | None, met_plan: bool,
           verslag: Verslag) -> Iterator[VariantResultaat]:
    """The variants in `workers` local processes ('spawn'), results as they complete."""
    processen = max(1, min(workers or standaard_workers(), len(varianten)))
    verslag.uitvoerder = f"lokaal, {processen} {'proces' if processen == 1 else 'processen'}"
    if processen == 1:
        for v in varianten:
            yield los_variant_op(scenario, v, met_plan)
        return
    pool = signalen.pool(processen, _zet_scenario, (scenario,))
    try:
        futures = [pool.submit(_lokale_taak, v, met_plan) for v in varianten]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        signalen.stop_pool(pool)
        raise
    pool.shutdown()


# --- Dask distributed ------------------------------------------------------------------------

def _dask_taak(scenario: Scenario, variant: Variant, met_plan: bool, sweep_id: str) -> VariantResultaat:
    """Runs on a Dask worker: log the start (so the client sees a re-run), then solve."""
    from distributed import get_worker

    worker = get_worker()
    worker.log_event(ONDERWERP, {"sweep": sweep_id, "variant": variant.naam, "worker": worker.address})
    return los_variant_op(scenario, variant, met_plan)


def verbind(adres: str):
    """A Dask client on the scheduler at `adres`, with at least one worker that has plaatsing."""
    from distributed import Client

    if not _ADRES.match(adres.strip()):
        raise ClusterFout(f"'{adres}' is geen adres van een Dask-scheduler; schrijf het als tcp://host:8786.")
    try:  # the connect timeout is Dask's own setting (distributed.comm.timeouts.connect, 30 s)
        client = Client(adres, set_as_default=False)
    except (OSError, TimeoutError, ValueError):
        raise ClusterFout(f"de Dask-scheduler op '{adres}' is niet bereikbaar. Start hem met 'dask scheduler' en "
                          "controleer het adres (tcp://host:8786). Er is niets geschreven.") from None
    try:
        client.wait_for_workers(1, timeout=WACHT_OP_WORKERS)
    except (TimeoutError, OSError):
        client.close()
        raise ClusterFout(f"op de Dask-scheduler '{adres}' is na {WACHT_OP_WORKERS:g} s nog geen worker aangesloten; "
                          f"start er een met 'dask worker {adres} --nthreads 1'. Er is niets geschreven.") from None
    eigen = version("plaatsing")
    versies = client.run(_plaatsing_versie)
    afwijkend = sorted(w for w, v in versies.items() if v != eigen)
    if afwijkend:
        client.close()
        raise ClusterFout(f"{len(afwijkend)} Dask-worker(s) hebben niet plaatsing {eigen} geïnstalleerd "
                          f"(bijvoorbeeld {afwijkend[0]}: {versies[afwijkend[0]]}); installeer op elke worker "
                          "dezelfde versie. Er is niets geschreven.")
    return client


def _plaatsing_versie() -> str:
    try:
        return version("plaatsing")
    except PackageNotFoundError:
        return "niet geïnstalleerd"


def op_dask(scenario: Scenario, varianten: list[Variant], *, adres: str, met_plan: bool,
            verslag: Verslag, client=None) -> Iterator[VariantResultaat]:
    """The variants as Dask futures; the scenario tables scattered once to every worker.
    A worker that dies mid-task: the scheduler gives its task to another worker (its
    allowed-failures), and the start events show which variants ran twice."""
    from distributed import KilledWorker
    from distributed import as_completed as dask_as_completed

    eigen_client = client is None
    client = client or verbind(adres)
    try:
        workers = len(client.scheduler_info()["workers"])
        verslag.uitvoerder = f"Dask {adres} ({workers} {'worker' if workers == 1 else 'workers'})"
        sweep_id = uuid.uuid4().hex
        [tabellen] = client.scatter([scenario], broadcast=True, hash=False)
        futures = [client.submit(_dask_taak, tabellen, v, met_plan, sweep_id, pure=False,
                                 key=f"plaatsing-{v.naam}-{sweep_id}") for v in varianten]
        for future in dask_as_completed(futures, loop=client.loop):
            try:
                resultaat = future.result()
            except KilledWorker:
                naam = next(v.naam for v, f in zip(varianten, futures) if f.key == future.key)
                raise ClusterFout(f"bij variant {naam} vielen steeds weer workers weg (de scheduler gaf het na "
                                  "enkele pogingen op); kijk in de logboeken van de workers, bijvoorbeeld naar "
                                  "te weinig geheugen. De sweep-werkmap is niet geschreven.") from None
            future.release()
            yield resultaat
        verslag.opnieuw, verslag.workers_weg = _herstarts(client, sweep_id, {f.key for f in futures})
    finally:
        if eigen_client:
            client.close()


def _herstarts(client, sweep_id: str, keys: set[str]) -> tuple[list[str], list[str]]:
    """(variants that ran again, workers lost) from the cluster's own records. A variant ran again
    when it has start events from two workers. Lost: a worker that started a variant and has left,
    or one the scheduler removed while it held a task of this sweep (also one only queued there)."""
    gestart: dict[str, list[str]] = {}
    for _tijd, bericht in client.get_events(ONDERWERP):
        if isinstance(bericht, dict) and bericht.get("sweep") == sweep_id:
            gestart.setdefault(bericht["variant"], []).append(bericht["worker"])
    nu = set(client.scheduler_info()["workers"])
    weg = ({w for ws in gestart.values() for w in ws} - nu) | set(_verwijderde_workers(client, keys))
    return sorted(v for v, w in gestart.items() if len(w) > 1), sorted(weg)


def _verwijderde_workers(client, keys: set[str]) -> list[str]:
    """The workers the scheduler removed while they were processing one of `keys`. Read on the
    scheduler: its remove-worker events hold sets, which the event comm cannot send. The function
    is nested so that it travels by value (the scheduler need not have plaatsing installed)."""
    def op_scheduler(keys, dask_scheduler=None):
        return [str(bericht.get("worker")) for _tijd, bericht in dask_scheduler.get_events("all")
                if isinstance(bericht, dict) and bericht.get("action") == "remove-worker"
                and keys & set(bericht.get("processing-tasks", ()))]

    try:
        return client.run_on_scheduler(op_scheduler, keys)
    except Exception:  # noqa: BLE001 - only a supplement to the start events; the sweep itself is done
        return []


def voer_uit(scenario: Scenario, varianten: list[Variant], *, dask: str | None = None, workers: int | None = None,
             met_plan: bool = False, verslag: Verslag | None = None, client=None) -> Iterator[VariantResultaat]:
    """Results of every variant, in the order they complete (local processes or Dask)."""
    verslag = verslag if verslag is not None else Verslag()
    if dask or client is not None:
        return op_dask(scenario, varianten, adres=dask or str(client.scheduler.address), met_plan=met_plan,
                       verslag=verslag, client=client)
    return lokaal(scenario, varianten, workers=workers, met_plan=met_plan, verslag=verslag)

