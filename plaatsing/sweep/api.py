"""The sweep as a library call: build the variants, run them (local or Dask), gather the tables.

    from plaatsing import read_scenario
    from plaatsing.sweep import sweep
    uitkomst = sweep(read_scenario("scenario.xlsx"), raster={"drempel_wijziging": [25, 30]})
    uitkomst.varianten        # DataFrame, one row per variant
"""
from __future__ import annotations

import hashlib

import time
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Callable

import pandas as pd

from plaatsing.parameters import formatteer
from plaatsing.plan import Plan
from plaatsing.scenario import Scenario
from plaatsing.invoer.inhoud import RIJ as INHOUD_RIJ, inhoud_sha256
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.uitvoer.excel import UitvoerFout, controleer_uitvoer, schrijf_besluiten
from plaatsing.sweep.scenario_kopie import ScenarioKopie
from plaatsing.sweep.tabellen import grafiek, per_medewerker_tabel, varianten_tabel
from plaatsing.sweep.uitvoeren import VariantResultaat, Verslag, voer_uit
from plaatsing.sweep.varianten import STANDAARD_SEED, Variant, maak_varianten


@dataclass(frozen=True)
class SweepUitkomst:
    scenario: Scenario
    resultaten: tuple[VariantResultaat, ...]   # in variant order
    varianten: pd.DataFrame
    per_medewerker: pd.DataFrame
    verantwoording: pd.DataFrame
    uitvoerder: str
    opnieuw: tuple[str, ...]        # variants that ran again because their worker was lost
    workers_weg: tuple[str, ...]    # Dask workers that left the cluster during the sweep
    seconden: float

    @property
    def plannen(self) -> dict[str, Plan]:
        """The plan of every variant (only with `plannen=True`)."""
        return {r.variant.naam: r.plan for r in self.resultaten if r.plan is not None}

    @property
    def bewezen(self) -> bool:
        return bool((self.varianten["bewezen"] == "ja").all())

    def grafiek(self):
        return grafiek(self.varianten)

    def herstartregel(self) -> str | None:
        """One Dutch line about lost workers and re-run variants, or None when nothing was lost."""
        if not self.workers_weg and not self.opnieuw:
            return None
        weg = len(self.workers_weg)
        tekst = f"{weg} Dask-worker{'s' if weg != 1 else ''} viel{'en' if weg != 1 else ''} weg tijdens de sweep"
        if self.opnieuw:
            n = len(self.opnieuw)
            tekst += (f"; {n} variant{'en' if n != 1 else ''} ({', '.join(self.opnieuw)}) "
                      f"{'zijn' if n != 1 else 'is'} op een andere worker opnieuw uitgerekend")
        return tekst + f". Alle {len(self.resultaten)} varianten zijn klaar."


def sweep(scenario: Scenario, varianten: list[Variant] | None = None, *, raster=(), steekproef: int = 0,
          variatie: str | None = None, seed: int = STANDAARD_SEED, dask: str | None = None,
          workers: int | None = None, plannen: bool = False, bewaar: Path | None = None,
          overschrijf: bool = False, voortgang: Callable[[VariantResultaat, int, int], None] | None = None,
          client=None) -> SweepUitkomst:
    """Solve every variant of `scenario` (given, or built from raster/steekproef) and gather the tables.

    `dask`: a scheduler address (or pass a distributed `client`); otherwise local processes
    (`workers`, default one per core). `bewaar`: a folder that gets each variant's besluiten and,
    when the scenario came from a workbook, the variant's own scenario workbook beside it."""
    start = time.perf_counter()
    if varianten is None:
        varianten = maak_varianten(scenario, raster, steekproef=steekproef, variatie=variatie, seed=seed)
    doelen = _bewaar_doelen(scenario, varianten, bewaar, overschrijf) if bewaar else {}
    kopie = ScenarioKopie(Path(scenario.bron)) if bewaar and _heeft_bronbestand(scenario) else None
    verslag = Verslag()
    resultaten = []
    for resultaat in voer_uit(scenario, varianten, dask=dask, workers=workers, met_plan=plannen or bool(bewaar),
                              verslag=verslag, client=client):
        if bewaar and resultaat.plan is not None:
            scenario_pad, besluiten_pad = doelen[resultaat.variant.naam]
            bron = None
            if kopie is not None:
                kopie.schrijf(resultaat.plan.scenario, scenario_pad, overschrijf=overschrijf)
                bron = scenario_pad
            schrijf_besluiten(met_variant(resultaat.plan, resultaat.variant, bron=bron), besluiten_pad,
                              overschrijf=overschrijf)
            if not plannen:
                resultaat.plan = None
        resultaten.append(resultaat)
        if voortgang:
            voortgang(resultaat, len(resultaten), len(varianten))
    resultaten.sort(key=lambda r: r.variant.naam)
    tabel = varianten_tabel(resultaten)
    verantwoording = _verantwoording(scenario, varianten, verslag)
    return SweepUitkomst(scenario, tuple(resultaten), tabel, per_medewerker_tabel(scenario, resultaten),
                         verantwoording, verslag.uitvoerder, tuple(verslag.opnieuw), tuple(verslag.workers_weg),
                         time.perf_counter() - start)


def bewaar_namen(scenario: Scenario, variant: Variant) -> tuple[str, str]:
    """The variant's scenario workbook and its besluiten, named like `solve` names them."""
    stam = f"{Path(scenario.bron).stem if scenario.bron else 'scenario'}-{variant.naam}"
    return f"{stam}.xlsx", f"{stam}-besluiten.xlsx"


def _heeft_bronbestand(scenario: Scenario) -> bool:
    return bool(scenario.bron) and Path(scenario.bron).is_file()


def _bewaar_doelen(scenario: Scenario, varianten: list[Variant], map_: Path,
                   overschrijf: bool) -> dict[str, tuple[Path, Path]]:
    """Checked before any solve: the folder can be made and no variant file would be overwritten."""
    map_ = Path(map_)
    if map_.exists() and not map_.is_dir():
        raise UitvoerFout(f"'{map_}' is geen map; kies met --bewaar een map.")
    if not map_.parent.exists():
        raise UitvoerFout(f"de map '{map_.parent}' bestaat niet; maak die eerst aan.")
    map_.mkdir(exist_ok=True)
    doelen = {v.naam: tuple(map_ / naam for naam in bewaar_namen(scenario, v)) for v in varianten}
    bron = Path(scenario.bron) if scenario.bron else None
    for scenario_pad, besluiten_pad in doelen.values():
        if _heeft_bronbestand(scenario):
            controleer_uitvoer(scenario_pad, overschrijf=overschrijf, invoer=bron)
        controleer_uitvoer(besluiten_pad, overschrijf=overschrijf, invoer=bron)
    return doelen


def met_variant(plan: Plan, variant: Variant, *, bron: Path | None = None) -> Plan:
    """The plan with the variant in its Verantwoording, so a saved file says what it is. With `bron`
    (the variant's own scenario workbook) the besluiten name that file and its sha256, so that
    `toets`, `uitleg`, `rapport` and `brieven` accept the pair (regels.md §8.10)."""
    verantwoording = plan.verantwoording
    if bron is not None:
        sha256 = hashlib.sha256(Path(bron).read_bytes()).hexdigest()
        inhoud = inhoud_sha256(open_werkboek(Path(bron)))
        verantwoording = verantwoording.copy()
        verantwoording.loc[verantwoording["onderdeel"] == "invoerbestand", "waarde"] = Path(bron).name
        verantwoording.loc[verantwoording["onderdeel"] == "sha256 invoer", "waarde"] = sha256
        verantwoording.loc[verantwoording["onderdeel"] == INHOUD_RIJ, "waarde"] = inhoud
        plan = replace(plan, scenario=replace(plan.scenario, bron=str(bron), sha256=sha256, inhoud_sha256=inhoud))
    rijen = [("sweep: variant", variant.naam)]
    rijen += [(f"sweep: {k}", formatteer(w)) for k, w in variant.instellingen]
    if variant.steekproef is not None:
        rijen.append(("sweep: steekproef voorkeuren", f"{variant.steekproef} (seed {variant.seed})"))
    extra = pd.DataFrame(rijen, columns=["onderdeel", "waarde"])
    return replace(plan, verantwoording=pd.concat([verantwoording, extra], ignore_index=True))


def _verantwoording(scenario: Scenario, varianten: list[Variant], verslag: Verslag) -> pd.DataFrame:
    rijen = [
        ("programma", f"plaatsing {version('plaatsing')}"),
        ("invoerbestand", Path(scenario.bron).name if scenario.bron else "(tabellen via de Python-API)"),
        ("sha256 invoer", scenario.sha256 or ""),
        ("aantal varianten", str(len(varianten))),
    ]
    rijen += [(f"parameter {naam} (basis)", waarde) for naam, waarde in scenario.parameters.als_rijen()]
    steekproef = [v for v in varianten if v.steekproef is not None]
    if steekproef:
        rijen.append(("steekproef voorkeuren", f"{max(v.steekproef for v in steekproef)} trekkingen per rasterpunt, "
                                               f"seed {steekproef[0].seed}: per medewerker met voorkeuren blijft de "
                                               "lijst, wordt hij geschud of valt er één voorkeur af (elk 1/3)"))
    rijen.append(("uitgevoerd", verslag.uitvoerder))
    rijen.append(("workers weggevallen", str(len(verslag.workers_weg))))
    rijen.append(("varianten opnieuw uitgerekend", ", ".join(verslag.opnieuw) or "geen"))
    rijen += [(f"variant {v.naam}", v.beschrijving()) for v in varianten]
    return pd.DataFrame(rijen, columns=["onderdeel", "waarde"])
