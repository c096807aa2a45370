"""A lower bound on the number not placed that anyone can check (issue 24, regels.md §4 O1, §5 F4).

Two relaxations of the rules (every plan meeting them places at most this many):

- **Knelpunten** (a certificate in words): a group of functions and its candidates — the people whose
  every option lies in the group. When they work more hours than the group offers (room of §8.13,
  pins subtracted), at least as many of them stay unplaced as it takes, dropping the largest contracts
  first, to bring their hours within the room. Groups here: each function on its own, and each
  component (connected part) as a whole; groups of different components are disjoint, so per
  component the better of the two counts and the sum over components is a bound.
- **LP**: first the places H4 makes certain (a functievolger with one T1 function whom the colleagues
  before him cannot push out, even all together), then the linear relaxation of H1–H3 for everyone
  else in the room those places leave: people grouped by (eligible functions, hours), one variable per
  group and function, at most as many as fit in the function; per function the room as whole people
  can fill it (the largest sum of their hours within it) and the most people that fit at all (the
  smallest contracts first). With every contract the same size and no functievolgers it is the exact
  b-matching optimum.

The solver writes both into the Verantwoording and the sheet Knelpunten; the toets recomputes them
(`controleer_grens`) and reports a recorded bound that does not follow from the scenario.
"""
from __future__ import annotations

import math

import pandas as pd
from ortools.linear_solver import pywraplp

from plaatsing.regels.deelproblemen import Component, voorbereiden
from plaatsing.scenario import Scenario

GRENS_RIJ = "ondergrens niet geplaatst (LP en knelpunten, na te rekenen)"
# who is unplaced in every plan: eligible nowhere, a tijdelijk contract ending before the ingang (H5), or
# bound as not placed by an adopted advice (P1)
ZONDER_FUNCTIE = ("(niet te plaatsen: voor geen functie in aanmerking, tijdelijk contract dat vóór de ingang "
                  "eindigt, of overgenomen advies 'boventallig')")
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
    leave is what the others share. The rest is the relaxation of H1–H3."""
    if comp.overbezetting:
        return 0
    zeker = comp.zekere_plaatsen()
    ruimte = dict(comp.ruimte)
    for p, f in zeker.items():
        ruimte[f] -= comp.minuten[p]
    klassen: dict[tuple, int] = {}
    kandidaten: dict[str, list[int]] = {f: [] for f in comp.functies}
    for p in comp.personen:
        if p in zeker:
            continue
        functies = tuple(sorted(o.functie for o in comp.opties[p]))
        klassen[functies, comp.minuten[p]] = klassen.get((functies, comp.minuten[p]), 0) + 1
        for f in functies:
            kandidaten[f].append(comp.minuten[p])
    # the room as whole people can fill it, and the most of them that fit at all (the smallest first)
    vol = {f: _grootste_som(w, ruimte[f]) for f, w in kandidaten.items()}
    lp = pywraplp.Solver.CreateSolver("GLOP")
    y: dict[tuple, object] = {}
    per_functie: dict[str, list] = {f: [] for f in comp.functies}
    for i, ((functies, minuten), aantal) in enumerate(sorted(klassen.items())):
        eigen = []
        for f in functies:
            v = lp.NumVar(0, min(aantal, max(0, vol[f]) // minuten), f"y{i}_{f}")
            y[i, f] = v
            eigen.append(v)
            per_functie[f].append((v, minuten))
        lp.Add(lp.Sum(eigen) <= aantal)
    for f, termen in per_functie.items():
        lp.Add(lp.Sum([v * m for v, m in termen]) <= vol[f])
        lp.Add(lp.Sum([v for v, _ in termen]) <= _hoogstens(kandidaten[f], vol[f]))
    lp.Maximize(lp.Sum(list(y.values())))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    return len(comp.personen) - len(zeker) - math.floor(lp.Objective().Value() + 1e-6)


def _grootste_som(minuten: list[int], grens: int) -> int:
    """The largest total of some of `minuten` that is at most `grens` (subset sums as the bits of an int).
    The toets's own: model/knapzak.py computes the same for the solver, and the toets shares no code with it."""
    if sum(minuten) <= grens or grens <= 0:
        return min(sum(minuten), grens)
    masker = (1 << (grens + 1)) - 1
    bereikbaar = 1
    for m in minuten:
        bereikbaar = (bereikbaar | bereikbaar << m) & masker
    return bereikbaar.bit_length() - 1


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
        lp = lp_deel(comp)
        per_deel.append(max(knel, lp))
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
                 f"({aantal_niet_geplaatst}): het plan breekt H1–H3", "laat 'plaatsing toets' de schendingen tonen")]
    return []


def grens_zin(grens: int, niet_geplaatst: int) -> str:
    """'ondergrens 13, verschil 2 (13,3%)' for the summary and the Verantwoording."""
    verschil = niet_geplaatst - grens
    procent = f"{100 * verschil / niet_geplaatst:.1f}".replace(".", ",") if niet_geplaatst else "0,0"
    return f"{grens} (verschil {verschil}, {procent}% van {niet_geplaatst})"

