"""Independent parts of the problem: connected components of the eligibility graph.

Persons and functions that share no candidate cannot influence each other under any rule
(H1–H5, O2 and O6 all stay within a function's candidates), and a lexicographic optimum of
sums over independent parts is the combination of the parts' optima — so each component is
solved on its own, in a fixed order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from plaatsing.regels.kandidaten import Kandidaten, bepaal_kandidaten
from plaatsing.regels.maat import minuten_per_medewerker, opt_out_functies, prioriteit, ruimte_per_functie, uitkomst
from plaatsing.parameters import IEDEREEN_PLAATSEN
from plaatsing.scenario import Scenario
from plaatsing.waarden import tabelrijen


@dataclass
class Optie:
    persoon: str
    functie: str
    tier: int
    vpos: int
    minuten: int   # the person's hours per week in minutes (§8.13)
    kosten: int    # minutes × scales below the personal scale (O5, §8.6)
    regel: str
    uitkomst: tuple = ()  # the outcome for this person (§4): (tier, or 1 for an H4 (a) opt-out; voorkeur)


@dataclass
class Component:
    personen: list[str]                    # non-pinned persons, in SEL-A order
    functies: list[str]                    # sorted codes
    opties: dict[str, list[Optie]]         # persoon -> options, best outcome first
    ruimte: dict[str, int]                 # functie -> room(n) − minutes of the pinned (§8.13, §8.2)
    t1_volgorde: dict[str, list[str]]      # functie -> non-pinned T1 candidates, selection order
    sel_a: dict[str, int]
    minuten: dict[str, int]                # persoon -> hours per week in minutes
    tijdelijk: frozenset = frozenset()     # the tijdelijk persons (H5)
    t1: dict[str, list[str]] = field(default_factory=dict)        # persoon -> T1 functions
    opt_out: dict[str, set[str]] = field(default_factory=dict)    # persoon -> H4(a) functions
    overbezetting: bool = False   # beleid 'iedereen plaatsen' (§6): H1 may be exceeded, all placed
    voornemen: dict[str, str | None] | None = None                # P2: persoon -> voorgenomen functie
    _index: dict = field(default_factory=dict, repr=False, compare=False)          # (persoon, functie) -> Optie
    _per_functie: dict = field(default_factory=dict, repr=False, compare=False)    # functie -> persons
    _rang: dict = field(default_factory=dict, repr=False, compare=False)           # functie -> T1 rank
    _voorgangers: dict = field(default_factory=dict, repr=False, compare=False)    # (persoon, functie) -> list
    _prioriteit: dict = field(default_factory=dict, repr=False, compare=False)     # (persoon, functie) -> tuple
    _met_tijdelijke_volgers: set | None = field(default=None, repr=False, compare=False)

    def optie(self, persoon: str, functie: str) -> Optie | None:
        if not self._index:
            self._index.update({(o.persoon, o.functie): o for p in self.personen for o in self.opties[p]})
        return self._index.get((persoon, functie))

    def prioriteit(self, persoon: str, functie: str) -> tuple:
        """The priority at `functie` (§4): vast before tijdelijk, tier, then the selection order there."""
        sleutel = (persoon, functie)
        waarde = self._prioriteit.get(sleutel)
        if waarde is None:
            volgorde = self._rang.get(functie)
            if volgorde is None:
                volgorde = self._rang[functie] = {p: i for i, p in enumerate(self.t1_volgorde.get(functie, ()))}
            o = self.optie(persoon, functie)
            rang = volgorde[persoon] if o.tier == 1 else self.sel_a[persoon]
            waarde = self._prioriteit[sleutel] = prioriteit(persoon in self.tijdelijk, o.tier, rang)
        return waarde

    def tijdelijke_volgers(self, functie: str) -> bool:
        """Whether a tijdelijk person is functievolger (T1) of `functie` (H4 b counts vast colleagues then)."""
        if self._met_tijdelijke_volgers is None:
            self._met_tijdelijke_volgers = {f for f, v in self.t1_volgorde.items() if any(p in self.tijdelijk for p in v)}
        return functie in self._met_tijdelijke_volgers

    def zekere_plaatsen(self) -> dict[str, str]:
        """H4 without a plan: persoon -> the T1 function he holds in every plan meeting the rules.

        Per function, down its selection order: a functievolger with this as his only T1 function and no
        opt-out (H4 a) holds it when the colleagues before him there (H4 b, with H5) leave his hours free
        however they are placed: those certain of a place there count their hours, those certain not to fit
        there count nothing, every other colleague counts as if placed. A colleague is certain not to fit
        when the certain places before him leave less than his hours (H1)."""
        zeker: dict[str, str] = {}
        for f in sorted(self.t1_volgorde):
            past_niet: set[str] = set()
            for p in self.t1_volgorde[f]:
                voor = self.voorgangers_h4(p, f)
                bezet = sum(self.minuten[q] for q in voor if zeker.get(q) == f)
                hoogstens = sum(self.minuten[q] for q in voor if q not in past_niet)
                if bezet + self.minuten[p] > self.ruimte[f]:
                    past_niet.add(p)
                elif hoogstens + self.minuten[p] <= self.ruimte[f] and self.t1.get(p) == [f] and not self.opt_out.get(p):
                    zeker[p] = f
        return zeker

    def voorgangers_h4(self, persoon: str, functie: str) -> list[str]:
        """H4 (b): who counts before `persoon` at its T1 function `functie` when placed there — the T1
        candidates above it in the selection order and, for a tijdelijk persoon, every vast candidate (H5)."""
        sleutel = (persoon, functie)
        if sleutel not in self._voorgangers:
            volgorde = self.t1_volgorde[functie]
            voor = volgorde[:volgorde.index(persoon)]
            if persoon in self.tijdelijk:
                t1 = set(volgorde)
                voor = voor + [q for q in self.kandidaten(functie) if q not in t1 and q not in self.tijdelijk]
            self._voorgangers[sleutel] = voor
        return self._voorgangers[sleutel]

    def kandidaten(self, functie: str) -> list[str]:
        """The persons with an option in `functie`, in SEL-A order."""
        if not self._per_functie:
            for p in self.personen:
                for o in self.opties[p]:
                    self._per_functie.setdefault(o.functie, []).append(p)
        return self._per_functie.get(functie, [])


def uitkomst_sleutel(o: Optie) -> tuple:
    """The options in the order of the stages O3, O4, O5 (real tier, voorkeur, cost), then code, so that
    every option has its own place (the final tie-break that makes the plan unique). The person's own
    outcome order of O6, where an opt-out counts as T1, is `Optie.uitkomst` (regels/maat.py)."""
    return (o.tier, o.vpos, o.kosten, o.functie)


def splits(k: Kandidaten, ruimte: dict[str, int], minuten: dict[str, int], *,
           overbezetting: bool = False, tijdelijk: frozenset = frozenset()) -> list[Component]:
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
    velden = ("personeelsnummer", "functie", "tier", "vpos", "minuten", "kosten", "regel")
    for persoon, functie, tier, vpos, minuten_, kosten, regel in tabelrijen(vrij[list(velden)]):
        opties_per_persoon.setdefault(persoon, []).append(
            Optie(persoon, functie, int(tier), int(vpos), int(minuten_), int(kosten), regel))
    for persoon, eigen in opties_per_persoon.items():
        opt_out = opt_out_functies(eigen)
        for o in eigen:
            o.uitkomst = uitkomst(o.tier, o.vpos, o.functie in opt_out)
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
            sel_a={p: int(k.sel_a[p]) for p in personen}, minuten={p: minuten[p] for p in personen},
            tijdelijk=frozenset(p for p in personen if p in tijdelijk), overbezetting=overbezetting)
        for p in personen:
            t1 = [o.functie for o in opties[p] if o.tier == 1]
            comp.t1[p] = t1
            if t1:
                comp.opt_out[p] = opt_out_functies(opties[p])  # H4 (a)
        componenten.append(comp)
    return componenten


def vrije_opties(k: Kandidaten) -> pd.DataFrame:
    """Options of persons who are not pinned (pinned persons are decided by SS-7)."""
    gepind = set(k.opties.loc[k.opties["vastgezet"], "personeelsnummer"])
    return k.opties[~k.opties["personeelsnummer"].isin(gepind)]


def voorbereiden(s: Scenario, k: Kandidaten | None = None):
    """Candidates, pins and the components (each with its room per function in minutes, pins subtracted).

    Pass the kandidaten when they are already built for this scenario (computed once per plan); the
    components are then made once too (solver, toets and bound read them, none changes them)."""
    if k is not None and k.__dict__.get("_voorbereid", (None,))[0] is s:
        return k.__dict__["_voorbereid"][1]
    k = k if k is not None else bepaal_kandidaten(s)
    minuten = minuten_per_medewerker(s)
    gepind = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    ruimte = ruimte_per_functie(s)
    for m, f in gepind.items():
        ruimte[f] -= minuten[m]
    tijdelijk = frozenset(s.medewerkers.index[s.medewerkers["dienstverband"] == "tijdelijk"])
    componenten = splits(k, ruimte, minuten, overbezetting=s.parameters.beleid == IEDEREEN_PLAATSEN,
                         tijdelijk=tijdelijk)
    if s.voornemen is not None:  # regels.md P2: the second round keeps as many decisions as it can
        for comp in componenten:
            comp.voornemen = {p: s.voornemen[p] for p in comp.personen if p in s.voornemen}
    k.__dict__["_voorbereid"] = (s, (k, gepind, componenten))  # frozen dataclass: a cache, not a field
    return k, gepind, componenten
