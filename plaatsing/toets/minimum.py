"""F4: the fewest medewerkers not placed under H1–H5, computed by the toets itself.

A small CP-SAT model of its own, written from regels.md §2 and sharing nothing with model/: a bug
in the solver's model cannot hide here. One Boolean per option of a component (regels/), H1 as a
capacity row in minutes (§8.13), H4 with opt-out (a) and lost selection (b); pinned persons are placed by
SS-7 and counted as placed.
"""
from __future__ import annotations

import math

from ortools.sat.python import cp_model

from plaatsing.determinisme import cpsat

from plaatsing.regels.deelproblemen import Component, voorbereiden
from plaatsing.scenario import Scenario

SEED = 1  # fixed: the minimum is the same whatever the seed; only the proof time varies


def grootste_som(minuten: list[int], grens: int) -> int:
    """The largest total of some of `minuten` that is at most `grens` (subset sums as the bits of an int).
    The toets's own: model/knapzak.py computes the same for the solver, and the toets shares no code with it."""
    if sum(minuten) <= grens or grens <= 0:
        return min(sum(minuten), grens)
    masker = (1 << (grens + 1)) - 1
    bereikbaar = 1
    for m in minuten:
        bereikbaar = (bereikbaar | bereikbaar << m) & masker
    return bereikbaar.bit_length() - 1


def minimum_niet_geplaatst(s: Scenario, seconden: float | None = None, kandidaten=None) -> tuple[int, bool]:
    """(fewest not placed, whether that minimum is proven) over all components."""
    _k, gepind, componenten = voorbereiden(s, kandidaten)
    over = s.parameters.tijdslimiet if seconden is None else seconden
    geplaatst, bewezen = len(gepind), True
    for comp in sorted(componenten, key=lambda c: len(c.personen)):
        aantal, _grens, zeker = minimum_deel(comp, max(0.1, over / max(1, len(componenten))))
        geplaatst += aantal
        bewezen &= zeker
    return len(s.medewerkers) - geplaatst, bewezen


def minimum_deel(comp: Component, seconden: float, *, strak: bool = False) -> tuple[int, int, bool]:
    """(most placed found, the most that can be placed as far as proven, whether proven) in one component.
    Without a plan within the work, the proven most is every option (no bound at all).

    `strak`: the same plans, a tighter relaxation for the bound (toets/grens.py): each room as the largest total
    of candidates' hours within it (the load is always such a total), and CP-SAT's full linearisation."""
    cp = cp_model.CpModel()
    x = {(o.persoon, o.functie): cp.NewBoolVar("") for p in comp.personen for o in comp.opties[p]}
    per_persoon = {p: [x[p, o.functie] for o in comp.opties[p]] for p in comp.personen}
    for p, vars_ in per_persoon.items():
        cp.AddAtMostOne(vars_)  # H1: a person is placed whole, in at most one function
    ruimte = dict(comp.ruimte)
    if strak and not comp.overbezetting:
        ruimte = {f: grootste_som([comp.minuten[p] for p in comp.kandidaten(f)], comp.ruimte[f]) for f in comp.functies}
    for f in comp.functies if not comp.overbezetting else ():  # H1 capacity (not under §6)
        termen = [(x[p, f], comp.minuten[p]) for p in comp.kandidaten(f)]
        cp.Add(sum(v * c for v, c in termen) <= ruimte[f])
    for p in comp.personen:
        t1 = comp.t1.get(p)
        if not t1:
            continue
        # H4: in a T1 function, or (a) in a function listed above all T1 functions, or (b) lost the
        # selection in every T1 function: those who go before p there leave less room than hours(p)
        toegestaan = [x[p, f] for f in t1] + [x[p, f] for f in sorted(comp.opt_out.get(p, ()))]
        verloren = []
        for f in t1:
            voor = [(x[q, f], comp.minuten[q]) for q in comp.voorgangers_h4(p, f)]
            v = cp.NewBoolVar("")
            drempel = ruimte[f] - comp.minuten[p] + 1  # a load above the room is above its largest total too
            cp.Add(sum(b * c for b, c in voor) >= drempel).OnlyEnforceIf(v)
            verloren.append(v)
        alles_verloren = cp.NewBoolVar("")
        cp.AddBoolAnd(verloren).OnlyEnforceIf(alles_verloren)
        cp.AddBoolOr(toegestaan + [alles_verloren])
    cp.Maximize(sum(v for vars_ in per_persoon.values() for v in vars_))
    # deterministic work, not wall clock: the same F4 verdict on every run and machine (F5), also under load;
    # the toets's own seed and CP-SAT's default linearisation (its model shares nothing with model/)
    solver = cpsat(seconden, SEED, linearisatie=2 if strak else None)
    status = solver.Solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # no plan within the work: CP-SAT's bound is then not always one (0 when it did not get that far)
        return 0, sum(map(len, per_persoon.values())), False
    grens = math.floor(solver.BestObjectiveBound() + 1e-6)
    return round(solver.ObjectiveValue()), grens, status == cp_model.OPTIMAL
