"""Independent parts of the problem: connected components of the eligibility graph.

Persons and functions that share no candidate cannot influence each other under any rule
(H1–H5, O2 and O6 all stay within a function's candidates), and a lexicographic optimum of
sums over independent parts is the combination of the parts' optima — so each component is
solved on its own, in a fixed order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from plaatsing.invoer.cellen import micro
from plaatsing.regels.kandidaten import Kandidaten, bepaal_kandidaten
from plaatsing.parameters import IEDEREEN_PLAATSEN
from plaatsing.scenario import Scenario


@dataclass
class Optie:
    persoon: str
    functie: str
    tier: int
    vpos: int
    fte: int       # micro-fte
    kosten: int    # micro-fte × scales dropped
    regel: str


@dataclass
class Component:
    personen: list[str]                    # non-pinned persons, in SEL-A order
    functies: list[str]                    # sorted codes
    opties: dict[str, list[Optie]]         # persoon -> options, best outcome first
    ruimte: dict[str, int]                 # functie -> formatie + marge − pinned fte (micro)
    t1_volgorde: dict[str, list[str]]      # functie -> non-pinned T1 candidates, selection order
    sel_a: dict[str, int]
    fte: dict[str, int]
    t1: dict[str, list[str]] = field(default_factory=dict)        # persoon -> T1 functions
    opt_out: dict[str, set[str]] = field(default_factory=dict)    # persoon -> H4(a) functions
    overbezetting: bool = False   # beleid 'iedereen plaatsen' (§6): H1 may be exceeded, all placed
    voornemen: dict[str, str | None] | None = None                # P2: persoon -> voorgenomen functie
    _index: dict = field(default_factory=dict, repr=False, compare=False)          # (persoon, functie) -> Optie
    _per_functie: dict = field(default_factory=dict, repr=False, compare=False)    # functie -> persons

    def optie(self, persoon: str, functie: str) -> Optie | None:
        if not self._index:
            self._index.update({(o.persoon, o.functie): o for p in self.personen for o in self.opties[p]})
        return self._index.get((persoon, functie))

    def kandidaten(self, functie: str) -> list[str]:
        """The persons with an option in `functie`, in SEL-A order."""
        if not self._per_functie:
            for p in self.personen:
                for o in self.opties[p]:
                    self._per_functie.setdefault(o.functie, []).append(p)
        return self._per_functie.get(functie, [])


def uitkomst_sleutel(o: Optie) -> tuple:
    """A person's outcome order (§4): better tier, earlier voorkeur; then cost and code, so
    that every option has its own place (the final tie-break that makes the plan unique)."""
    return (o.tier, o.vpos, o.kosten, o.functie)


def splits(k: Kandidaten, ruimte: dict[str, int], fte: dict[str, int], *,
           overbezetting: bool = False) -> list[Component]:
    """The components of the options of persons who are not pinned, in a fixed order."""
    vrij = vrije_opties(k)
    ouder: dict[str, str] = {}

    def vind(x):
        while ouder.setdefault(x, x) != x:
            ouder[x] = ouder[ouder[x]]
            x = ouder[x]
        return x

    for persoon, functie in zip(vrij["personeelsnummer"].tolist(), vrij["functie"].tolist()):
        a, b = vind("p:" + persoon), vind("f:" + functie)
        if a != b:
            ouder[max(a, b)] = min(a, b)
    groepen: dict[str, list] = {}
    opties_per_persoon: dict[str, list[Optie]] = {}
    for r in vrij.itertuples(index=False):
        opties_per_persoon.setdefault(r.personeelsnummer, []).append(
            Optie(r.personeelsnummer, r.functie, int(r.tier), int(r.vpos), int(r.fte), int(r.kosten), r.regel))
    for persoon in opties_per_persoon:
        groepen.setdefault(vind("p:" + persoon), []).append(persoon)
    componenten = []
    for wortel in sorted(groepen):
        personen = sorted(groepen[wortel], key=k.sel_a.__getitem__)
        opties = {p: sorted(opties_per_persoon[p], key=uitkomst_sleutel) for p in personen}
        functies = sorted({o.functie for p in personen for o in opties[p]})
        t1_volgorde = {f: [p for p in k.selectievolgorde.get(f, ()) if p in opties] for f in functies}
        comp = Component(
            personen=personen, functies=functies, opties=opties,
            ruimte={f: ruimte[f] for f in functies},
            t1_volgorde={f: v for f, v in t1_volgorde.items() if v},
            sel_a={p: int(k.sel_a[p]) for p in personen}, fte={p: fte[p] for p in personen},
            overbezetting=overbezetting)
        for p in personen:
            t1 = [o for o in opties[p] if o.tier == 1]
            comp.t1[p] = [o.functie for o in t1]
            if t1:
                # H4(a): a function ranked above all T1 functions in the own voorkeur list
                grens = min(o.vpos for o in t1)
                comp.opt_out[p] = {o.functie for o in opties[p] if o.tier != 1 and o.vpos < grens}
        componenten.append(comp)
    return componenten


def vrije_opties(k: Kandidaten) -> pd.DataFrame:
    """Options of persons who are not pinned (pinned persons are decided by SS-7)."""
    gepind = set(k.opties.loc[k.opties["vastgezet"], "personeelsnummer"])
    return k.opties[~k.opties["personeelsnummer"].isin(gepind)]


def voorbereiden(s: Scenario, k: Kandidaten | None = None):
    """Candidates, pins and the components (each with its room per function: micro-fte, pins subtracted).

    Pass the kandidaten when they are already built for this scenario (computed once per plan)."""
    k = k if k is not None else bepaal_kandidaten(s)
    fte = {nr: micro(v) for nr, v in s.medewerkers["fte"].items()}
    gepind = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    ruimte = {f: micro(formatie) + micro(s.parameters.fte_marge)
              for f, formatie in s.nieuwe_functies["formatie_fte"].items()}
    for m, f in gepind.items():
        ruimte[f] -= fte[m]
    componenten = splits(k, ruimte, fte, overbezetting=s.parameters.beleid == IEDEREEN_PLAATSEN)
    if s.voornemen is not None:  # regels.md P2: the second round keeps as many decisions as it can
        for comp in componenten:
            comp.voornemen = {p: s.voornemen[p] for p in comp.personen if p in s.voornemen}
    return k, gepind, componenten
