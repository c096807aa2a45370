"""Variants of one scenario for a sweep: a grid of parameter and formatie changes (cartesian
product) and Monte-Carlo variations of the stated voorkeuren with a fixed seed.

A Variant only describes the change; `pas_toe` turns it into a normal Scenario, in any process
(the client checks every variant with `controleer` before anything is solved).
"""
from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, replace

import pandas as pd

from plaatsing.fouten import ParameterFout
from plaatsing.invoer.contract import VOORKEUR_KOLOMMEN
from plaatsing.parameters import formatteer, normaliseer_naam, parse_parameter
from plaatsing.regels.maat import minuten_per_medewerker, pins_te_vol, ruimte_per_functie
from plaatsing.scenario import Scenario

FORMATIE = "formatie:"
STEEKPROEF = "steekproef"
VARIATIES = ("voorkeuren",)
STANDAARD_SEED = 1
MAX_VARIANTEN = 10_000
_WIJZIGING = re.compile(r"^([+-]?)(\d+(?:[.,]\d+)?)\s*(%?)$")


@dataclass(frozen=True)
class Variant:
    """One variant: `instellingen` are (kolom, waarde) in raster order, as they appear in the
    sheet Varianten; a parameter's waarde is typed, a formatie change stays text ("+1.0")."""

    naam: str
    instellingen: tuple[tuple[str, object], ...] = ()
    steekproef: int | None = None
    seed: int = STANDAARD_SEED

    @property
    def parameters(self) -> dict:
        return {k: v for k, v in self.instellingen if not k.startswith(FORMATIE)}

    @property
    def formatie(self) -> list[tuple[str, str]]:
        return [(k.removeprefix(FORMATIE), v) for k, v in self.instellingen if k.startswith(FORMATIE)]

    def beschrijving(self) -> str:
        delen = [f"{k}={formatteer(v)}" for k, v in self.instellingen]
        if self.steekproef is not None:
            delen.append(f"steekproef {self.steekproef} (seed {self.seed})")
        return ", ".join(delen) or "ongewijzigd"


def lees_raster(items) -> list[tuple[str, list[str]]]:
    """'naam=w1,w2,…' options as (naam, waarden). Values are split on ';' when there is one (so
    that decimal commas work: fte_marge=0;0,1), otherwise on ','."""
    raster: list[tuple[str, list[str]]] = []
    for item in items:
        if "=" not in item:
            raise ParameterFout(f"--raster '{item}' heeft niet de vorm naam=waarde1,waarde2.")
        links, rechts = (d.strip() for d in item.split("=", 1))
        if links.lower().startswith(FORMATIE):
            doel = links[len(FORMATIE):].strip()
            if not doel:
                raise ParameterFout(f"--raster '{item}': noem na 'formatie:' een functiecode of eenheid.")
            naam = FORMATIE + doel
        else:
            naam = normaliseer_naam(links)
        waarden = [w.strip() for w in rechts.split(";" if ";" in rechts else ",")]
        if not rechts or any(not w for w in waarden):
            raise ParameterFout(f"--raster '{item}': er ontbreekt een waarde; scheid de waarden met komma's.")
        if len(set(waarden)) < len(waarden):
            raise ParameterFout(f"--raster '{item}': een waarde staat er twee keer in.")
        if naam in (n for n, _ in raster):
            raise ParameterFout(f"--raster {naam} is twee keer opgegeven; zet alle waarden in één --raster.")
        if naam in (STEEKPROEF, "variant"):
            raise ParameterFout(f"--raster {naam}: gebruik --steekproef N --variatie voorkeuren.")
        raster.append((naam, waarden))
    return raster


def maak_varianten(scenario: Scenario, raster=(), *, steekproef: int = 0, variatie: str | None = None,
                   seed: int = STANDAARD_SEED) -> list[Variant]:
    """Every combination of the raster (in the given order, the last name varying fastest),
    each `steekproef` times with varied voorkeuren when asked; checked against the scenario."""
    if isinstance(raster, dict):
        raster = list(raster.items())
    raster = [(naam if naam.startswith(FORMATIE) else normaliseer_naam(naam), [str(w) for w in waarden])
              for naam, waarden in raster]
    if steekproef and (variatie or "voorkeuren") not in VARIATIES:
        raise ParameterFout(f"onbekende variatie '{variatie}'; kies {' of '.join(VARIATIES)}.")
    if variatie and not steekproef:
        raise ParameterFout("--variatie hoort bij --steekproef N: geef het aantal varianten op.")
    if steekproef < 0:
        raise ParameterFout("--steekproef moet een positief aantal zijn.")
    getypt = [(naam, [_typeer(scenario, naam, w) for w in waarden]) for naam, waarden in raster]
    combinaties = list(itertools.product(*(waarden for _, waarden in getypt)))
    trekkingen = list(range(1, steekproef + 1)) if steekproef else [None]
    totaal = len(combinaties) * len(trekkingen)
    if not raster and not steekproef:
        raise ParameterFout("geef minstens één --raster naam=waarden of --steekproef N op.")
    if totaal > MAX_VARIANTEN:
        raise ParameterFout(f"dit raster geeft {totaal} varianten; het maximum is {MAX_VARIANTEN}.")
    breedte = max(2, len(str(totaal)))
    varianten = []
    for combinatie in combinaties:
        instellingen = tuple((naam, waarde) for (naam, _), waarde in zip(getypt, combinatie))
        for trekking in trekkingen:
            varianten.append(Variant(f"v{len(varianten) + 1:0{breedte}d}", instellingen, trekking, seed))
    for v in varianten:
        controleer(scenario, v)
    return varianten


def _typeer(s: Scenario, naam: str, waarde: str):
    if naam.startswith(FORMATIE):
        _doelen(s, naam.removeprefix(FORMATIE))
        _lees_wijziging(naam, waarde)
        return waarde
    try:
        return parse_parameter(naam, waarde)
    except ValueError as fout:
        raise ParameterFout(f"--raster {naam}: waarde '{waarde}': {fout}.") from None


def controleer(s: Scenario, v: Variant) -> None:
    """The parameter and formatie part of the variant fits the scenario (SS-7 included)."""
    _controleer_vastzettingen(pas_toe(replace(v, steekproef=None), s), v)


def pas_toe(v: Variant, s: Scenario) -> Scenario:
    """The scenario of this variant: parameters, then formatie changes, then voorkeuren."""
    if v.parameters:  # the rules that depend on them run again (Scenario.regels_in_werking): no stale warning
        s = s.met_parameters(**v.parameters)
    if v.formatie:
        s = _met_formatie(s, v)
    if v.steekproef is not None:
        s = replace(s, medewerkers=varieer_voorkeuren(s.medewerkers, v.seed, v.steekproef))
    return s


def _doelen(s: Scenario, doel: str) -> list[str]:
    """The new functions a formatie change applies to: one functiecode, or every function of an eenheid."""
    nf = s.nieuwe_functies
    if doel in nf.index:
        return [doel]
    codes = [c for c, e in zip(nf.index, nf["eenheid"]) if str(e).casefold() == doel.casefold()]
    if not codes:
        raise ParameterFout(f"--raster formatie:{doel}: '{doel}' is geen functiecode en geen eenheid in het blad "
                            "Nieuwe functies.")
    return codes


def _lees_wijziging(naam: str, waarde: str) -> tuple[float, bool]:
    """'+1.0' / '-0,5' (fte erbij of eraf) or '-10%' (procent van de formatie)."""
    m = _WIJZIGING.match(waarde.strip())
    if not m:
        raise ParameterFout(f"--raster {naam}: '{waarde}' is geen wijziging; schrijf bijvoorbeeld +1.0 (fte) of "
                            "-10% (procent van de formatie).")
    getal = float(m.group(2).replace(",", "."))
    return (-getal if m.group(1) == "-" else getal), bool(m.group(3))


def _met_formatie(s: Scenario, v: Variant) -> Scenario:
    nf = s.nieuwe_functies.copy()
    for doel, waarde in v.formatie:
        getal, procent = _lees_wijziging(FORMATIE + doel, waarde)
        for code in _doelen(s, doel):
            oud = float(nf.at[code, "formatie_fte"])
            nieuw = round(oud * (1 + getal / 100) if procent else oud + getal, 4)
            if nieuw < 0:
                raise ParameterFout(f"--raster formatie:{doel}={waarde}: de formatie van {code} ({formatteer(oud)} fte) "
                                    "zou negatief worden; kies een kleinere verlaging.")
            nf.at[code, "formatie_fte"] = nieuw
    return replace(s, nieuwe_functies=nf)


def _controleer_vastzettingen(s: Scenario, v: Variant) -> None:
    """SS-7: pinned people must still fit in the formatie of the variant (plus its fte_marge)."""
    nf = s.nieuwe_functies
    pins = zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"])
    te_vol = pins_te_vol(minuten_per_medewerker(s), ruimte_per_functie(s), pins)
    if te_vol:
        code = te_vol[0][0]
        raise ParameterFout(f"variant {v.naam} ({v.beschrijving()}): de vastgezette medewerkers in {code} passen "
                            f"niet meer in de formatie van {formatteer(float(nf.at[code, 'formatie_fte']))} fte "
                            "(SS-7); kies een kleinere verlaging of een grotere fte_marge.")


def varieer_voorkeuren(mw: pd.DataFrame, seed: int, trekking: int) -> pd.DataFrame:
    """Draw `trekking` of the voorkeuren: per person who stated voorkeuren, with equal chance the
    list stays, is reshuffled, or loses one voorkeur (the rest moves up). A string seed makes the
    draw the same in every process and on every machine (random.Random hashes it with sha512)."""
    rng = random.Random(f"plaatsing-sweep:{seed}:{trekking}")
    kolommen = [k for k in VOORKEUR_KOLOMMEN if k in mw.columns]
    uit = mw.copy()
    waarden = uit[kolommen].astype(object).to_numpy()
    for i, rij in enumerate(waarden):
        lijst = [w for w in rij if isinstance(w, str) and w]
        if not lijst:
            continue
        worp = rng.random()
        if worp < 1 / 3:
            continue
        if worp < 2 / 3:
            rng.shuffle(lijst)
        else:
            del lijst[rng.randrange(len(lijst))]
        waarden[i] = lijst + [None] * (len(kolommen) - len(lijst))
    for j, kolom in enumerate(kolommen):
        uit[kolom] = pd.Series(waarden[:, j], index=uit.index, dtype=mw[kolom].dtype)
    return uit
