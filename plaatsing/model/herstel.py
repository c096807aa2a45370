"""Plans without the solver: the start plan (a plan meeting H1–H5, the first hint and the plan when the
budget leaves no better one) and the repair after a time-out (O2, O6 a and b), both checked with the
rule checks of the toets."""
from __future__ import annotations

from plaatsing.regels.deelproblemen import Component
from plaatsing.toets.regelcontrole import (bezetting_van, h4_schendingen, keten_geldig, o2_schendingen, o6_ruilen,
                                           o6b_ketens, ruil_geldig, toevoegbaar)


def startplan(comp: Component) -> dict:
    """A plan that meets H1–H5 (regels.md H4): functievolgers in SEL-A order into the first of their
    T1 functions (own voorkeur order) where they fit, set right where a function's selection order is
    not SEL-A (`herstel_h4`), then everyone still unplaced into their first option that fits.
    Used as the first hint, and as the plan when the time limit leaves no better one."""
    plan = _vul_aan(comp, dict.fromkeys(comp.personen),
                    lambda p: sorted((o for o in comp.opties[p] if o.tier == 1), key=lambda o: (o.vpos, o.functie)))
    plan = _vul_aan(comp, herstel_h4(comp, plan), comp.opties.__getitem__)
    if comp.overbezetting:  # §6: who did not fit goes over formatie in their best option
        for p in comp.personen:
            if plan[p] is None:
                plan[p] = comp.opties[p][0].functie
    return plan


def voornemen_als_start(comp: Component) -> dict | None:
    """The second round (regels.md §9): the voornemen of this part, made to meet H1–H5 in this scenario, as the
    start of O1 when it places at least as many as the greedy start plan; None in a first round. A decision the
    scenario no longer allows (an advice, a pin, a changed judgment) is dropped: a placement that is no option any
    more, and where a function is over its room the occupants last in its priority. Then H4 is set right
    (`herstel_h4`) and who fits is added (`herstel_toevoegen`). Starting from the greedy plan instead, the aggregated
    model of a large part could end with fewer placed than the voornemen itself (2,000 of seed 2, nothing changed:
    253 not placed against 252, and 43 decisions changed)."""
    if comp.voornemen is None or comp.overbezetting:
        return None
    plan = {p: f if f is not None and comp.optie(p, f) is not None else None
            for p in comp.personen for f in (comp.voornemen.get(p),)}
    for f, bezetters in bezetting_van(plan).items():
        teveel = sum(comp.minuten[q] for q in bezetters) - comp.ruimte[f]
        for q in sorted(bezetters, key=lambda q: comp.prioriteit(q, f), reverse=True):
            if teveel <= 0:
                break
            plan[q] = None
            teveel -= comp.minuten[q]
    plan = herstel_toevoegen(comp, herstel_h4(comp, plan))
    if h4_schendingen(comp, plan):
        return None  # a safeguard: herstel_h4 leaves none
    gretig = startplan(comp)
    return plan if sum(f is not None for f in plan.values()) >= sum(f is not None for f in gretig.values()) else None


def herstel_h4(comp: Component, plan: dict) -> dict:
    """H4 on a plan made in SEL-A order: where the selection order of a function differs (afspiegeling,
    vast before tijdelijk), a functievolger can be left out while the colleagues before him there leave
    room. He is placed there, and those after him in that function's priority make way, the last first,
    until his hours fit (they stay unplaced; whoever of them still has a T1 right is placed the same way).
    Each step puts someone in the place of people of lower priority there, so it ends."""
    plan = dict(plan)
    te_zien = list(comp.personen)
    for _ in range(4 * len(comp.personen) + 10):
        rijen = [r for r in h4_schendingen(comp, plan, te_zien) if r[0] == "H4"]
        if not rijen:
            break
        _regel, p, f, *_rest = rijen[0]
        voor = set(comp.voorgangers_h4(p, f))
        in_f = [q for q, g in plan.items() if g == f]
        vrij = comp.ruimte[f] - sum(comp.minuten[q] for q in in_f)
        wijken = []
        for q in sorted((q for q in in_f if q not in voor), key=lambda q: comp.prioriteit(q, f), reverse=True):
            if vrij >= comp.minuten[p]:
                break
            plan[q] = None
            vrij += comp.minuten[q]
            wijken.append(q)
        van = plan[p]
        plan[p] = f
        # whose room can have grown: those who made way, and the functievolgers of f and of p's former function
        geraakt = {*wijken, *comp.t1_volgorde.get(f, ()), *(comp.t1_volgorde.get(van, ()) if van else ()),
                   *(r[1] for r in rijen[1:])}
        te_zien = sorted(geraakt, key=comp.sel_a.__getitem__)
    return plan


def herstel_o2(comp: Component, plan: dict) -> dict:
    """O2 alone: put each pushed-out colleague in the place of the lower-ranked occupant, who becomes
    unplaced, until none is left (regels.md O2: each step keeps H1–H5 and the number placed, and
    raises that function's occupants in its priority, so it ends). One pass makes every replacement
    of the list that is still valid when it is made: its function and the occupant's T1 functions
    are untouched by the replacements before it in the pass (their load decides whether it is valid).
    After the first pass only those are checked again whom a replacement can have touched (as in
    toets.regelcontrole._blijft_geldig): the unplaced with an option in a changed function or in the
    function of someone with a T1 right in one, the newly unplaced, and those whose replacement waited."""
    plan = dict(plan)
    bezetting = bezetting_van(plan)
    personen = None
    for _ in range(10 * len(comp.personen) + 10):
        schendingen = o2_schendingen(comp, plan, personen, bezet=lambda f: bezetting.get(f, ()))
        if not schendingen:
            break
        geraakt: set[str] = set()
        opnieuw: set[str] = set()
        for persoon, ander, functie in schendingen:
            if plan[persoon] is not None:
                continue
            if plan[ander] != functie or functie in geraakt or not geraakt.isdisjoint(comp.t1.get(ander, ())):
                opnieuw.add(persoon)
                continue
            plan[persoon], plan[ander] = functie, None
            bezetting[functie].remove(ander)
            bezetting[functie].append(persoon)
            geraakt.add(functie)
            opnieuw.add(ander)
        t1_betrokken = {q for f in geraakt for q in comp.t1_volgorde.get(f, ())}
        functies = geraakt | {plan[q] for q in t1_betrokken if plan[q] is not None}
        opnieuw |= {q for f in functies for q in comp.kandidaten(f) if plan[q] is None}
        personen = sorted((q for q in opnieuw if plan[q] is None), key=comp.sel_a.__getitem__)
    return plan


def herstel_toevoegen(comp: Component, plan: dict) -> dict:
    """Never a boventallige next to an open place (issue 23): each unplaced person, in SEL-A order, into
    the best option (own outcome order) where the free room holds their hours. Adding someone keeps
    H1–H5: the free room is at most the H4 (b) room of a functievolger (so nobody gets a T1 right back),
    and others' rooms only shrink. O2 and O6 are repaired after it (herstel_o2_o6)."""
    if comp.overbezetting:
        return plan
    return _vul_aan(comp, dict(plan), comp.opties.__getitem__)


def _vul_aan(comp: Component, plan: dict, opties_van) -> dict:
    """Each unplaced person, in SEL-A order, into the first of `opties_van(persoon)` where the free room
    holds their hours (changes and returns `plan`)."""
    vrij = dict(comp.ruimte)
    for p, f in plan.items():
        if f is not None:
            vrij[f] -= comp.minuten[p]
    for p in comp.personen:
        if plan[p] is not None:
            continue
        for o in opties_van(p):
            if comp.minuten[p] <= vrij[o.functie]:
                plan[p] = o.functie
                vrij[o.functie] -= comp.minuten[p]
                break
    return plan


def herstel_o2_o6(comp: Component, plan: dict) -> dict:
    """O2 and O6 on a plan kept after a time-out. O2: replacements as in `herstel_o2`. O6 (a): the
    seniority-improving swaps that keep H1–H5, O2 and the totals. O6 (b): an unplaced colleague
    placed instead of a less senior one through a chain of same-outcome moves
    (toets.regelcontrole.o6b_ketens). One scan finds the swaps (or chains) of the whole plan; they
    are made in that order, each one checked again against the plan as it is by then, with the full
    conditions of the toets (`ruil_geldig`, `keten_geldig`), so every step keeps H1–H5, O2 and the
    O1–O5 totals. The plan ends when a scan finds neither; the number of scans is bounded."""
    plan = toevoegen_en_o2(comp, plan)
    for _ in range(10 * len(comp.personen) + 10):
        stand = _Stand(comp, plan)
        ruilen = o6_ruilen(comp, plan)
        for persoon, _n1, ander, _n2 in ruilen:
            if ruil_geldig(comp, stand.plan, stand.bezetting, stand.belasting, persoon, ander):
                stand.zet({persoon: stand.plan[ander], ander: stand.plan[persoon]})
        if not ruilen:
            for _m, _ander, keten in o6b_ketens(comp, plan):
                if keten_geldig(comp, stand.plan, stand.bezetting, stand.belasting, keten):
                    stand.zet({persoon: naar for persoon, _van, naar in keten})
        if stand.plan == plan:
            break
        plan = toevoegen_en_o2(comp, stand.plan)
    return plan


def toevoegen_en_o2(comp: Component, plan: dict) -> dict:
    """Add who fits (herstel_toevoegen), then repair O2, until nobody can simply be added any more: an O2
    replacement by a colleague with fewer hours can leave room for the one it puts out. Each round
    places at least one more person, so it ends."""
    for _ in range(len(comp.personen) + 1):
        plan = herstel_o2(comp, herstel_toevoegen(comp, plan))
        if not toevoegbaar(comp, plan):
            break
    return plan


class _Stand:
    """The plan during a repair scan, with its occupants and load per function kept up to date."""

    def __init__(self, comp: Component, plan: dict):
        self.comp, self.plan = comp, dict(plan)
        self.bezetting = bezetting_van(plan)
        self.belasting = {f: sum(comp.minuten[q] for q in ps) for f, ps in self.bezetting.items()}

    def zet(self, zetten: dict) -> None:
        minuten = self.comp.minuten
        for persoon in zetten:
            van = self.plan[persoon]
            if van is not None:
                self.bezetting[van].remove(persoon)
                self.belasting[van] -= minuten[persoon]
        for persoon, naar in zetten.items():
            self.plan[persoon] = naar
            if naar is not None:
                self.bezetting.setdefault(naar, []).append(persoon)
                self.belasting[naar] = self.belasting.get(naar, 0) + minuten[persoon]
