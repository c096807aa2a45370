"""O1 at scale: a start plan from the aggregated model (issue 24, regels.md §4 O1).

On a large part the full model (a variable per person and option) is too big for CP-SAT to improve
the greedy start plan within the budget. For O1 only the count per function matters, and people who
share their eligible functions and their hours are interchangeable for it. So:

1. The functievolgers keep the T1 places of the start plan (`herstel.startplan`: in SEL-A order into
   their T1 functions where they fit). That is what H4 asks of them, and leaving those places as
   they are keeps H4 (b) for every functievolger who lost the selection: the colleagues ranked above
   them are the same.
2. Everyone else is grouped by (eligible functions, minutes) — a *klasse* — and CP-SAT solves the
   integer model over the groups: y[klasse, functie] people of the group placed in the function,
   at most the group's size over its functions, the minutes within the room the functievolgers leave
   (H1, H2). It is far smaller than the full model (measured on a part of 14,204 people: 15,203
   variables instead of 183,000) and starts from the counts of the start plan, so it never places
   fewer.
3. The counts become people in the selection order: in each group, in SEL-A order, each person takes
   the best of their own options (outcome order) that still has a count left. Who then still fits
   anywhere is added (`herstel.herstel_toevoegen`).

The plan is the first hint of the full model (whose O1 stage can improve it further) and the plan
kept when the budget leaves no better one; O2 and O6 are repaired afterwards as for any plan after a
time-out (`herstel.herstel_o2_o6`). The work of the solve counts against the part's budget, in
deterministic time (F5): the same plan on every run.
"""
from __future__ import annotations

from ortools.sat.python import cp_model

from plaatsing.model import instellingen
from plaatsing.model.herstel import herstel_toevoegen, startplan
from plaatsing.regels.deelproblemen import Component
from plaatsing.toets.regelcontrole import h4_schendingen


def o1_startplan(comp: Component, budget: instellingen.Budget, seed: int = instellingen.RANDOM_SEED) -> dict:
    """The better of the greedy start plan and the plan from the aggregated model (for a large part)."""
    plan = startplan(comp)
    if comp.overbezetting or sum(map(len, comp.opties.values())) < instellingen.AGGREGAAT_VANAF:
        return plan
    vast = {p: f for p, f in plan.items() if f is not None and f in comp.t1.get(p, ())}
    klassen = _klassen(comp, vast)
    if not klassen:
        return plan
    aantallen = _los_klassen_op(comp, vast, klassen, plan, budget.deel(budget.over() * instellingen.AGGREGAAT_AANDEEL),
                                seed)
    if aantallen is None:
        return plan
    nieuw = herstel_toevoegen(comp, _personen_bij_aantallen(comp, vast, klassen, aantallen))
    if sum(f is not None for f in nieuw.values()) <= sum(f is not None for f in plan.values()):
        return plan
    if h4_schendingen(comp, nieuw):  # cannot happen by step 1; a safeguard, as the hint must meet H1–H5
        return plan
    return nieuw


def _klassen(comp: Component, vast: dict) -> dict[tuple, list[str]]:
    """The people not held in a T1 place, grouped by (eligible functions, minutes); members in SEL-A order."""
    klassen: dict[tuple, list[str]] = {}
    for p in comp.personen:
        if p not in vast:
            sleutel = (tuple(sorted(o.functie for o in comp.opties[p])), comp.minuten[p])
            klassen.setdefault(sleutel, []).append(p)
    return dict(sorted(klassen.items()))


def _los_klassen_op(comp: Component, vast: dict, klassen: dict, plan: dict, budget: instellingen.Budget,
                    seed: int) -> dict | None:
    """The aggregated O1 model: (klasse index, functie) -> number placed, or None without a solution."""
    ruimte = dict(comp.ruimte)
    for p, f in vast.items():
        ruimte[f] -= comp.minuten[p]
    cp = cp_model.CpModel()
    y: dict[tuple[int, str], cp_model.IntVar] = {}
    per_functie: dict[str, list] = {}
    hint: dict[tuple[int, str], int] = {}
    for i, ((functies, minuten), leden) in enumerate(klassen.items()):
        for p in leden:
            if plan[p] is not None:
                hint[i, plan[p]] = hint.get((i, plan[p]), 0) + 1
        eigen = []
        for f in functies:
            if ruimte[f] < minuten:
                continue
            hoogstens = min(len(leden), ruimte[f] // minuten)
            var = cp.NewIntVar(0, hoogstens, f"y[{i},{f}]")
            y[i, f] = var
            eigen.append(var)
            per_functie.setdefault(f, []).append((var, minuten, hoogstens))
        if len(eigen) > 1:
            cp.Add(sum(eigen) <= len(leden))
    if not y:
        return None
    for f, termen in sorted(per_functie.items()):
        if sum(m * hoogstens for _, m, hoogstens in termen) > ruimte[f]:
            cp.Add(cp_model.LinearExpr.WeightedSum([v for v, _, _ in termen], [m for _, m, _ in termen]) <= ruimte[f])
    cp.Maximize(sum(y.values()))
    for sleutel, var in y.items():
        cp.AddHint(var, hint.get(sleutel, 0))
    aanroep = instellingen.AANROEP_WERK_PER_OPTIE * len(y)
    if budget.over() <= aanroep:
        return None
    solver = instellingen.solver(budget.over() - aanroep, seed)
    status = solver.Solve(cp)
    budget.gebruik(solver.deterministic_time + aanroep)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {sleutel: solver.Value(var) for sleutel, var in y.items() if solver.Value(var)}


def _personen_bij_aantallen(comp: Component, vast: dict, klassen: dict, aantallen: dict) -> dict:
    """The counts as people: per group, in SEL-A order, each the best own option with a count left."""
    plan: dict[str, str | None] = dict.fromkeys(comp.personen)
    plan.update(vast)
    per_klasse: dict[int, dict[str, int]] = {}
    for (i, f), n in aantallen.items():
        per_klasse.setdefault(i, {})[f] = n
    for i, leden in enumerate(klassen.values()):
        over = per_klasse.get(i)
        if not over:
            continue
        for p in leden:
            for o in comp.opties[p]:
                if over.get(o.functie):
                    plan[p] = o.functie
                    over[o.functie] -= 1
                    break
    return plan
