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


def herstel_o2_o6(comp: Component, plan: dict) -> dict:
    """O2 and O6 on a plan kept after a time-out. O2: put each pushed-out colleague in the place of
    the lower-ranked occupant (who becomes unplaced); each such replacement keeps H1–H5 and raises
    that function's occupants in its priority (regels.md O2). O6 (a): make each seniority-improving
    swap that keeps H1–H5, O2 and the totals. O6 (b): place an unplaced colleague instead of a less
    senior one through a chain of same-outcome moves (toets.regelcontrole.o6b_ketens). Each step is
    checked against the full conditions by the functions the toets uses; the number of steps is
    bounded."""
    plan = dict(plan)
    for _ in range(10 * len(comp.personen) + 10):
        schendingen = o2_schendingen(comp, plan)
        if schendingen:
            persoon, ander, functie = schendingen[0]
            plan[persoon], plan[ander] = functie, None
            continue
        ruilen = o6_ruilen(comp, plan)
        if ruilen:
            persoon, n1, ander, n2 = ruilen[0]
            plan[persoon], plan[ander] = n2, n1
            continue
        ketens = o6b_ketens(comp, plan, eerste=True)
        if not ketens:
            break
        for persoon, _van, naar in ketens[0][2]:
            plan[persoon] = naar
    return plan
