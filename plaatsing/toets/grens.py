"""A lower bound on the number not placed that anyone can check (issue 24, regels.md §4 O1, §5 F4).

Three relaxations of the rules (every plan meeting them places at most this many); per component the best
of the three counts:

- **Knelpunten** (a certificate in words): a group of functions and its candidates — the people whose
  every option lies in the group. When they work more hours than the group offers (room of §8.13,
  pins subtracted), at least as many of them stay unplaced as it takes, dropping the largest contracts
  first, to bring their hours within the room. Groups here: each function on its own, and each
  component (connected part) as a whole; groups of different components are disjoint, so per
  component the better of the two counts and the sum over components is a bound.
- **LP**: first the places H4 makes certain (a functievolger with one T1 function whom the colleagues
  before him cannot push out, even all together), then the linear relaxation of H1–H4 in the room those
  places leave: the other functievolgers each with their own variables and H4 (b) as an inequality,
  everyone else grouped by (eligible functions, hours, tijdelijk), one variable per group and function;
  per function the room as whole people can fill it (the largest sum of their hours within it), and for
  each size of contract m at most as many people of at least m hours as fit (the smallest first). With
  every contract the same size and no functievolgers it is the exact b-matching optimum.
- **Exact**: on parts up to EXACT_TOT options, the bound CP-SAT proves on the toets's own exact model
  (toets/minimum.py) within EXACT_WERK deterministic work; where it proves the optimum, that is the bound.
  Its tight form (`strak`): each room as the largest total of candidates' hours within it, and CP-SAT's full
  linearisation (2.000: 217 → 221; 20.000: 2.253 → 2.263, in the same time).

The solver writes the bound into the Verantwoording and the sheet Knelpunten; the toets recomputes them
(`controleer_grens`) and reports a recorded bound that does not follow from the scenario.
"""
from __future__ import annotations

import math

import pandas as pd
from ortools.linear_solver import pywraplp

from plaatsing.regels.deelproblemen import Component, voorbereiden
from plaatsing.scenario import Scenario
from plaatsing.toets.minimum import grootste_som, minimum_deel

GRENS_RIJ = "ondergrens niet geplaatst (LP en knelpunten, na te rekenen)"
# who is unplaced in every plan: eligible nowhere, a tijdelijk contract ending before the ingang (H5), or
# bound as not placed by an adopted advice (P1)
ZONDER_FUNCTIE = ("(niet te plaatsen: voor geen functie in aanmerking, tijdelijk contract dat vóór de ingang "
                  "eindigt, of overgenomen advies 'boventallig')")
# Parts up to this many options also get the bound of the toets's own exact model (toets/minimum.py), after this
# much deterministic work each (F5: the same bound on every run): CP-SAT's proven bound on the most placed, which
# on the parts that it proves is their optimum. Measured on the 20,000 benchmark: +33 over the LP in about 3 s.
EXACT_TOT = 20_000
EXACT_WERK = 0.1
KNELPUNTEN_KOLOMMEN = ["groep", "functies", "medewerkers", "uren_nodig", "uren_beschikbaar", "tekort_uren",
                       "minimaal_niet_geplaatst"]


def minst_te_laten(minuten: list[int], ruimte: int) -> int:
    """The fewest people to leave out, so that the hours of the others fit in `ruimte`: the largest first."""
    over = sum(minuten) - max(0, ruimte)
    weg = 0
    for m in sorted(minuten, reverse=True):
        if over <= 0:
            break
        over -= m
        weg += 1
    return weg


def knelpunten_deel(comp: Component) -> tuple[int, list[dict]]:
    """(bound, rows of the sheet Knelpunten) for one component: the better of its single functions
    together and the component as a whole."""
    alleen: dict[str, list[str]] = {}
    for p in comp.personen:
        functies = {o.functie for o in comp.opties[p]}
        if len(functies) == 1:
            alleen.setdefault(next(iter(functies)), []).append(p)
    los = []
    for f, mensen in sorted(alleen.items()):
        weg = minst_te_laten([comp.minuten[p] for p in mensen], comp.ruimte[f])
        if weg:
            los.append(_rij([f], mensen, comp, comp.ruimte[f], weg))
    geheel_ruimte = sum(comp.ruimte[f] for f in comp.functies)
    geheel = minst_te_laten([comp.minuten[p] for p in comp.personen], geheel_ruimte)
    if geheel > sum(r["minimaal_niet_geplaatst"] for r in los):
        return geheel, [_rij(comp.functies, comp.personen, comp, geheel_ruimte, geheel)]
    return sum(r["minimaal_niet_geplaatst"] for r in los), los


def _rij(functies, mensen, comp: Component, ruimte: int, weg: int) -> dict:
    nodig = sum(comp.minuten[p] for p in mensen)
    groep = ", ".join(functies) if len(functies) <= 6 else ", ".join(functies[:6]) + f" en {len(functies) - 6} meer"
    return {"groep": groep, "functies": len(functies), "medewerkers": len(mensen),
            "uren_nodig": round(nodig / 60, 2), "uren_beschikbaar": round(max(0, ruimte) / 60, 2),
            "tekort_uren": round((nodig - ruimte) / 60, 2), "minimaal_niet_geplaatst": weg}


def lp_deel(comp: Component) -> int:
    """The LP bound on the unplaced of one component. H4 counts where it is certain without a plan: a
    functievolger with one T1 function and no opt-out, whose colleagues ranked above him there (H4 b)
    cannot fill it even all together, holds that place in every plan (`Component.zekere_plaatsen`); the room they
    leave is what the others share. The other functievolgers each have their own variables, with H4 (b) as the
    inequality every plan meets: placed in none of his T1 and opt-out functions only when, in each T1 function f,
    those before him fill it — Σ hours of those before him placed in f + grens × (placed in one of them) ≥ grens,
    grens = room(f) − hours(him) + 1 (for a tijdelijk functievolger every vast colleague placed in f counts, H5).
    The rest is the relaxation of H1–H3, everyone else grouped by (eligible functions, hours, tijdelijk)."""
    if comp.overbezetting:
        return 0
    zeker = comp.zekere_plaatsen()
    ruimte = dict(comp.ruimte)
    for p, f in zeker.items():
        ruimte[f] -= comp.minuten[p]
    volgers = {p: sorted({*comp.t1[p], *comp.opt_out.get(p, ())}) for p in comp.personen
               if comp.t1.get(p) and p not in zeker}
    # groups: everyone else by (eligible functions, hours, tijdelijk); a functievolger joins the group of his
    # other functions, for when he is in none of his own (then he is not placed there either)
    klassen: dict[tuple, list[int]] = {}  # key -> [members, functievolgers who may join]
    kandidaten: dict[str, list[int]] = {f: [] for f in comp.functies}
    uit_volgers: dict[tuple, list[str]] = {}
    for p in comp.personen:
        if p in zeker:
            continue
        for o in comp.opties[p]:
            kandidaten[o.functie].append(comp.minuten[p])
        eigen_functies = set(volgers.get(p, ()))
        functies = tuple(sorted(o.functie for o in comp.opties[p] if o.functie not in eigen_functies))
        if not functies:
            continue
        sleutel = (functies, comp.minuten[p], p in comp.tijdelijk)
        klassen.setdefault(sleutel, [0, 0])[1 if eigen_functies else 0] += 1
        if eigen_functies:
            uit_volgers.setdefault(sleutel, []).append(p)
    # the room as whole people can fill it, and the most of them that fit at all (the smallest first)
    vol = {f: grootste_som(w, ruimte[f]) for f, w in kandidaten.items()}
    lp = pywraplp.Solver.CreateSolver("GLOP")
    alle: list = []
    per_functie: dict[str, list] = {f: [] for f in comp.functies}
    vast_in: dict[str, list] = {f: [] for f in comp.functies}  # the terms of vast people per function (H5)
    x: dict[tuple[str, str], object] = {}
    persoon_rijen = []  # (variables of one person or group, how many)
    for p, eigen_functies in volgers.items():
        eigen = []
        for f in eigen_functies:
            v = lp.NumVar(0, 1 if comp.minuten[p] <= vol[f] else 0, "")
            x[p, f] = v
            eigen.append(v)
            per_functie[f].append((v, comp.minuten[p]))
            if p not in comp.tijdelijk:
                vast_in[f].append((v, comp.minuten[p]))
        persoon_rijen.append(([(v, 1) for v in eigen], 1))
        alle += eigen
    for sleutel, (leden, volgers_erbij) in sorted(klassen.items()):
        functies, minuten, tijdelijk = sleutel
        aantal = leden + volgers_erbij
        eigen = []
        for f in functies:
            v = lp.NumVar(0, min(aantal, max(0, vol[f]) // minuten), "")
            eigen.append(v)
            per_functie[f].append((v, minuten))
            if not tijdelijk:
                vast_in[f].append((v, minuten))
        # the group's members, and each functievolger of it who is in none of his own functions
        persoon_rijen.append(([(v, 1) for v in eigen] + [(x[p, g], 1) for p in uit_volgers.get(sleutel, ())
                                                        for g in volgers[p]], aantal))
        alle += eigen
    for termen, aantal in persoon_rijen:
        _lp_rij(lp, termen, hoogstens=aantal)
    for f, termen in per_functie.items():
        _lp_rij(lp, termen, hoogstens=vol[f])
        # at most as many people of at least m hours as fit (the smallest of them first), for each m where
        # that says more than the hours (Σ hours ≤ room gives at most room / m of them)
        for m in sorted({m for _, m in termen}):
            groot = [w for w in kandidaten[f] if w >= m]
            hoogstens = _hoogstens(groot, vol[f])
            if hoogstens < len(groot) and hoogstens < vol[f] / m:
                _lp_rij(lp, [(v, 1) for v, mv in termen if mv >= m], hoogstens=hoogstens)
    for p, eigen_functies in volgers.items():
        for f in comp.t1[p]:
            voor = comp.voorgangers_h4(p, f)
            grens = comp.ruimte[f] - comp.minuten[p] + 1 - sum(comp.minuten[q] for q in voor if zeker.get(q) == f)
            if grens <= 0:
                continue
            if p in comp.tijdelijk:  # every vast colleague in f goes before him (H5), and the tijdelijke before him
                termen = vast_in[f] + [(x[q, f], comp.minuten[q]) for q in voor if q in comp.tijdelijk and (q, f) in x]
            else:
                termen = [(x[q, f], comp.minuten[q]) for q in voor if (q, f) in x]
            _lp_rij(lp, termen + [(x[p, g], grens) for g in eigen_functies], minstens=grens)
    doel = lp.Objective()
    for v in alle:
        doel.SetCoefficient(v, 1)
    doel.SetMaximization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    return len(comp.personen) - len(zeker) - math.floor(doel.Value() + 1e-6)


def _lp_rij(lp, termen, *, hoogstens=None, minstens=None) -> None:
    """One row Σ coefficient × variable within [minstens, hoogstens] (each variable once in `termen`)."""
    rij = lp.Constraint(-lp.infinity() if minstens is None else minstens, lp.infinity() if hoogstens is None else hoogstens)
    for v, c in termen:
        rij.SetCoefficient(v, c)


def exact_deel(comp: Component) -> int:
    """The bound of the toets's own exact model of one part (0 for a larger part, or under §6)."""
    if comp.overbezetting or sum(map(len, comp.opties.values())) > EXACT_TOT:
        return 0
    _gevonden, grens, _bewezen = minimum_deel(comp, EXACT_WERK, strak=True)
    return len(comp.personen) - min(len(comp.personen), grens)


def _hoogstens(minuten: list[int], ruimte: int) -> int:
    """The most of these people that fit in the room together: the smallest contracts first."""
    over, aantal = ruimte, 0
    for m in sorted(minuten):
        if m > over:
            break
        over -= m
        aantal += 1
    return aantal


def ondergrens(s: Scenario, kandidaten=None) -> tuple[int, pd.DataFrame, list[tuple[Component, int]]]:
    """(bound on the number not placed in any plan meeting H1–H3, the sheet Knelpunten, per component
    its bound). People with no option at all (or bound as not placed) count as unplaced."""
    k, gepind, componenten = voorbereiden(s, kandidaten)
    in_deel = {p for c in componenten for p in c.personen}
    zonder = sum(1 for p in s.medewerkers.index if p not in in_deel and p not in gepind)
    rijen, per_deel = [], []
    for comp in componenten:
        knel, knel_rijen = knelpunten_deel(comp) if not comp.overbezetting else (0, [])
        per_deel.append(max(knel, lp_deel(comp), exact_deel(comp)))
        rijen += knel_rijen
    if zonder:
        rijen.append({"groep": ZONDER_FUNCTIE, "functies": 0, "medewerkers": zonder, "uren_nodig": None,
                      "uren_beschikbaar": 0.0, "tekort_uren": None, "minimaal_niet_geplaatst": zonder})
    tabel = pd.DataFrame(rijen, columns=KNELPUNTEN_KOLOMMEN)
    return zonder + sum(per_deel), tabel, list(zip(componenten, per_deel))


def controleer_grens(s: Scenario, verantwoording: pd.DataFrame | None, aantal_niet_geplaatst: int,
                     kandidaten=None) -> list[tuple]:
    """Toets rows for a recorded bound that does not follow from the scenario (forged or stale), or that
    exceeds the plan's own number not placed."""
    if verantwoording is None:
        return []
    waarden = verantwoording.loc[verantwoording["onderdeel"] == GRENS_RIJ, "waarde"]
    if waarden.empty:
        return []
    try:
        vastgelegd = int(str(waarden.iloc[0]).strip())
    except ValueError:
        vastgelegd = None
    berekend, _tabel, _per_deel = ondergrens(s, kandidaten)
    if vastgelegd != berekend:
        return [("F4", "", "", f"de vastgelegde ondergrens ({waarden.iloc[0]}) volgt niet uit het scenario; "
                 f"nagerekend is die {berekend}", "maak de besluiten opnieuw met 'plaatsing solve'")]
    if berekend > aantal_niet_geplaatst:
        return [("F4", "", "", f"de ondergrens ({berekend}) is groter dan het aantal niet geplaatst "
                 f"({aantal_niet_geplaatst}): het plan breekt H1–H3", "los eerst de schendingen van H1–H3 op (capaciteit, "
                 "geschiktheid, vastzettingen); die staan in dezelfde toets")]
    return []


def grens_zin(grens: int, niet_geplaatst: int) -> str:
    """'ondergrens 13, verschil 2 (13,3%)' for the summary and the Verantwoording."""
    verschil = niet_geplaatst - grens
    procent = f"{100 * verschil / niet_geplaatst:.1f}".replace(".", ",") if niet_geplaatst else "0,0"
    return f"{grens} (verschil {verschil}, {procent}% van {niet_geplaatst})"

