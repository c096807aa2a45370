"""Plans without the solver: the start plan (a plan meeting H1–H5, the first hint and the plan when the
budget leaves no better one) and the repair after a time-out (O2, O6 a and b), both checked with the
rule checks of the toets."""
from __future__ import annotations

from plaatsing.regels.deelproblemen import Component
from plaatsing.toets.regelcontrole import o2_schendingen, o6_ruilen, o6b_ketens


def startplan(comp: Component) -> dict:
    """A plan that meets H1–H5 (regels.md H4): functievolgers in SEL-A order into the first of their
    T1 functions (own voorkeur order) where they fit, then the others into any option that fits.
    Used as the first hint, and as the plan when the time limit leaves no better one."""
    over = dict(comp.ruimte)
    plan: dict[str, str | None] = dict.fromkeys(comp.personen)
    for ronde in ("T1", "rest"):
        for p in comp.personen:
            if plan[p] is not None:
                continue
            opties = [o for o in comp.opties[p] if o.tier == 1] if ronde == "T1" else comp.opties[p]
            for o in sorted(opties, key=lambda o: (o.vpos, o.functie)) if ronde == "T1" else opties:
                if comp.fte[p] <= over[o.functie]:
                    plan[p] = o.functie
                    over[o.functie] -= comp.fte[p]
                    break
    if comp.overbezetting:  # §6: who did not fit goes over formatie in their best option
        for p in comp.personen:
            if plan[p] is None:
                plan[p] = comp.opties[p][0].functie
    return plan


def herstel_o2(comp: Component, plan: dict) -> dict:
    """O2 alone: put each pushed-out colleague in the place of the lower-ranked occupant, who becomes
    unplaced, until none is left (regels.md O2: each step keeps H1–H5 and the number placed, and
    raises that function's occupants in its priority, so it ends). One pass makes every replacement
    of the list that is still valid when it is made: its function and the occupant's T1 functions
    are untouched by the replacements before it in the pass (their load decides whether it is valid)."""
    plan = dict(plan)
    for _ in range(10 * len(comp.personen) + 10):
        schendingen = o2_schendingen(comp, plan)
        if not schendingen:
            break
        geraakt: set[str] = set()
        for persoon, ander, functie in schendingen:
            if plan[persoon] is not None or plan[ander] != functie or functie in geraakt \
                    or not geraakt.isdisjoint(comp.t1.get(ander, ())):
                continue
            plan[persoon], plan[ander] = functie, None
            geraakt.add(functie)
    return plan


def herstel_o2_o6(comp: Component, plan: dict) -> dict:
    """O2 and O6 on a plan kept after a time-out. O2: replacements as in `herstel_o2`. O6 (a): make
    each seniority-improving swap that keeps H1–H5, O2 and the totals. O6 (b): place an unplaced
    colleague instead of a less senior one through a chain of same-outcome moves
    (toets.regelcontrole.o6b_ketens). Each step is checked against the full conditions by the
    functions the toets uses; the number of steps is bounded."""
    plan = herstel_o2(comp, plan)
    for _ in range(10 * len(comp.personen) + 10):
        ruilen = o6_ruilen(comp, plan)
        if ruilen:
            persoon, n1, ander, n2 = ruilen[0]
            plan[persoon], plan[ander] = n2, n1
            plan = herstel_o2(comp, plan)
            continue
        ketens = o6b_ketens(comp, plan, eerste=True)
        if not ketens:
            break
        for persoon, _van, naar in ketens[0][2]:
            plan[persoon] = naar
        plan = herstel_o2(comp, plan)
    return plan
