"""O1 at scale: a start plan from the aggregated model (issue 24, regels.md §4 O1).

On a large part the full model (a variable per person and option) is too big for CP-SAT to improve
the greedy start plan within the budget. For O1 only the count per function matters, and people who
share their eligible functions and their hours are interchangeable for it. So (`_Aggregaat`):

1. Functievolgers: the certain places (`Component.zekere_plaatsen`) are fixed. In the first step every
   functievolger keeps his place of the start plan (`herstel.startplan`, which meets H4); that keeps H4 (b)
   for every functievolger who lost the selection, as the colleagues ranked above him stay where they are.
   In the second step, from the plan of the first, every other functievolger is free (a Boolean per T1 and
   opt-out function), with H4 (b) exact: over the functievolgers before him, and for a tijdelijk one over every
   vast colleague placed in the function (H5), the grouped ones through the counts of their groups. (Before,
   tijdelijk functievolgers and those sharing a T1 function with one were held; freeing them: 20,000 2,523 →
   2,516 not placed, 2,000 235 → 233, in the same budget.)
2. Everyone else is grouped by (eligible functions, minutes, tijdelijk) — a *klasse* — and the integer model is over
   the groups: y[klasse, functie] people of the group placed in the function, at most the group's size
   over its functions, the minutes within the room (H1, H2). It is far smaller than the full model
   (measured on a part of 14,204 people: 15,203 variables instead of 183,000) and starts from the counts
   of the plan it improves, so it never places fewer.
   - The first step solves it whole with CP-SAT (`los_op`).
   - The second step (`verbeter`) is a large neighbourhood search: CP-SAT alone does not improve the whole
     model with its functievolgers free (measured: 25 units of work on that part of 14,204 people gave not
     one more place), but it solves a neighbourhood of some 25 functions exactly in a fraction of a unit.
     So, again and again, the functions around one with a group that has people left over are freed,
     everything else held, and a better plan is kept (measured on that part: 1,717 → 1,659 not placed
     in 11 units, 16 s).
3. The counts become people in the selection order: in each group, in SEL-A order, each person takes
   the best of their own options (outcome order) that still has a count left. A tijdelijk functievolger
   who has room in a T1 function again (its vast occupants, grouped, moved) takes it (`herstel.herstel_h4`),
   and who then still fits anywhere is added (`herstel.herstel_toevoegen`).

4. The same model gives a bound (`o1_grens`): CP-SAT's proven bound on the whole model with every functievolger free.
   It is a relaxation of H1–H5 (every plan gives a solution of it with the same number placed; on small scenarios its
   optimum is the brute-force one, test_aggregaat), and far smaller than the full model, so CP-SAT proves much more
   of it in the same work. It runs beside a large part, in the bound call of fasen.py (`_o1_grens`).

The plan is the first hint of the full model (whose O1 stage can improve it further) and the plan
kept when the budget leaves no better one. A part of ALLEEN_AGGREGAAT_VANAF options or more gets no
full model at all (each of its calls would cost more than the budget pays for a search), and this
model gets its whole budget. O2 and O6 are repaired afterwards as for any plan after a time-out
(`herstel.herstel_o2_o6`). The work of the solve counts against the part's budget, in deterministic
time (F5): every neighbourhood, seed and limit follows from the input and the work used, so the plan
is the same on every run.
"""
from __future__ import annotations

import math
import random

from ortools.sat.python import cp_model

from plaatsing import determinisme
from plaatsing.model import instellingen
from plaatsing.model.herstel import herstel_h4, herstel_toevoegen, startplan
from plaatsing.regels.deelproblemen import Component
from plaatsing.toets.regelcontrole import h4_schendingen


def o1_startplan(comp: Component, budget: instellingen.Budget, seed: int = determinisme.RANDOM_SEED,
                 aandeel: float | None = None, start: dict | None = None) -> dict:
    """The best of the greedy start plan and the plans from the aggregated model (for a large part): first
    with every functievolger held in his place of the start plan (small and fast), then, from that plan,
    with the functievolgers free (H4 exact). From `start` (a plan meeting H1–H5: of an earlier round, or the
    voornemen in a second round, herstel.voornemen_als_start) only the second step, which goes on from it."""
    plan = startplan(comp) if start is None else dict(start)
    if comp.overbezetting or sum(map(len, comp.opties.values())) < instellingen.AGGREGAAT_VANAF:
        return plan
    deel = budget.deel(budget.over() * (instellingen.AGGREGAAT_AANDEEL if aandeel is None else aandeel))
    stappen = ((False, deel.over() * instellingen.AGGREGAAT_EERSTE_STAP), (True, deel.over()))
    for flexibel, werk in stappen if start is None else stappen[1:]:
        a = _Aggregaat(comp, plan, flexibel)
        if not (a.klassen or a.volgers):
            continue
        # the first step solves its whole (small) model; the second improves the plan by neighbourhoods
        gekozen = a.verbeter(deel.deel(werk), seed) if flexibel else a.los_op(deel.deel(werk), seed)
        if gekozen is None:
            continue
        # The model meets H4 itself (test_het_geaggregeerde_model_zelf_houdt_h4); the repair of a tijdelijk
        # functievolger who has room in a T1 function (herstel_h4, then who made way is added elsewhere if he fits)
        # and the check below are a safeguard: the plan is a hint and may be kept.
        nieuw = herstel_toevoegen(comp, herstel_h4(comp, a.personen(*gekozen)))
        if sum(f is not None for f in nieuw.values()) > sum(f is not None for f in plan.values()) \
                and not h4_schendingen(comp, nieuw):  # a safeguard: the plan is a hint and may be kept (H1–H5)
            plan = nieuw
    return plan


def o1_grens(comp: Component, budget: instellingen.Budget, seed: int = determinisme.RANDOM_SEED) -> int | None:
    """CP-SAT's proven bound on the most people of the part that any plan meeting H1–H5 places, from the aggregated
    model (`_Aggregaat.grens`), or None. Measured (benchmarks/genereer.py): the bound on the unplaced of the part of
    14,204 people of 20,000 (seed 1) rises from 1,487 (the LP of toets/grens.py) to 1,562 with 0.5 units of work and
    1,581 with 1.0, that of the part of 45,814 people of 65,000 from 4,967 to 5,225 with 4; on the parts of
    1,549–1,864 people of 2,000 (seeds 2, 3, 5) it is as strong as the full model's after a quarter of its work,
    and 2 stronger on one of the three."""
    if comp.overbezetting:
        return None
    return _Aggregaat(comp, startplan(comp), True).grens(budget, seed)


def _geplaatst(x: dict, y: dict, gekozen: dict, aantallen: dict) -> int:
    """The number placed, in the variables `x` (volger, functie) and `y` (klasse, functie) of a model, by the plan
    (gekozen, aantallen) that the model starts from."""
    return sum(int(gekozen[p] == f) for p, f in x) + sum(aantallen.get(sleutel, 0) for sleutel in y)


class _Aggregaat:
    """The aggregated O1 model of one part.

    - *vast*: the certain places (`Component.zekere_plaatsen`), and, when not `flexibel`, every functievolger
      where the plan put him.
    - *volgers*: the other functievolgers, each with a Boolean per T1 and opt-out function (H4 a), with
      H4 (b) exact: in none of them only when in each T1 function the colleagues before him fill it (for a
      tijdelijk one every vast colleague placed there counts, H5: the groups of vast people by their counts).
      Who is in none of them joins the group of his other options (there is no room for him in his T1
      functions then anyway).
    - *klassen*: everyone else, grouped by (eligible functions, minutes, tijdelijk)."""

    def __init__(self, comp: Component, plan: dict, flexibel: bool):
        self.comp, self.plan, self.flexibel = comp, plan, flexibel
        zeker = comp.zekere_plaatsen()
        self.volgers = {p: sorted({*comp.t1[p], *comp.opt_out.get(p, ())}) for p in comp.personen
                        if flexibel and comp.t1.get(p) and p not in zeker}
        self.vast = {p: f for p, f in plan.items()
                     if f is not None and p not in self.volgers and (p in zeker or f in comp.t1.get(p, ()))}
        self.klassen: dict[tuple, list[str]] = {}
        self.sleutel: dict[str, tuple] = {}
        for p in comp.personen:
            if p in self.vast:
                continue
            t1 = set(comp.t1.get(p, ())) if p in self.volgers else set()
            functies = tuple(sorted(o.functie for o in comp.opties[p] if o.functie not in t1))
            if functies:
                self.sleutel[p] = (functies, comp.minuten[p], p in comp.tijdelijk)
                self.klassen.setdefault(self.sleutel[p], [])
                if p not in self.volgers:
                    self.klassen[self.sleutel[p]].append(p)
        self.klassen = dict(sorted(self.klassen.items()))
        # per function the groups of vast people with it (H4 b of a tijdelijk volger counts every vast colleague, H5)
        self.vast_klassen_van: dict[str, list[int]] = {}
        self._extra_index: dict[str, int] | None = None  # volger -> the group he joins (`_extra_van`)
        for i, (functies, _minuten, tijdelijk) in enumerate(self.klassen):
            for f in functies if not tijdelijk else ():
                self.vast_klassen_van.setdefault(f, []).append(i)

    def los_op(self, budget: instellingen.Budget, seed: int) -> tuple[dict, dict] | None:
        """The first step: the whole model with every functievolger held (no volgers, so H4 holds as in the start
        plan). ({}, (klasse index, functie) -> number placed), or None."""
        comp, plan = self.comp, self.plan
        assert not self.volgers, "los_op is the step with every functievolger held"
        ruimte = dict(comp.ruimte)
        for p, f in self.vast.items():
            ruimte[f] -= comp.minuten[p]
        cp = cp_model.CpModel()
        belasting: dict[str, list] = {}
        y: dict[tuple[int, str], cp_model.IntVar] = {}
        for i, ((functies, minuten, _tijdelijk), leden) in enumerate(self.klassen.items()):
            eigen = []
            for f in functies:
                if ruimte[f] < minuten:
                    continue
                hoogstens = min(len(leden), ruimte[f] // minuten)
                y[i, f] = cp.NewIntVar(0, hoogstens, f"y[{i},{f}]")
                eigen.append(y[i, f])
                belasting.setdefault(f, []).append((y[i, f], minuten, hoogstens))
            if len(eigen) > 1:
                cp.Add(sum(eigen) <= len(leden))  # the group's members, each in one function at most
        for f, termen in sorted(belasting.items()):
            if sum(m * hoogstens for _, m, hoogstens in termen) > ruimte[f]:
                cp.Add(cp_model.LinearExpr.WeightedSum([v for v, _, _ in termen], [m for _, m, _ in termen]) <= ruimte[f])
        if not y:
            return None
        cp.Maximize(sum(y.values()))
        _gekozen, hint = self.huidig()
        for sleutel, var in y.items():
            cp.AddHint(var, hint.get(sleutel, 0))
        aanroep = instellingen.AANROEP_WERK_PER_OPTIE * len(y)
        if budget.over() <= aanroep:
            return None
        solver = determinisme.cpsat(budget.over() - aanroep, seed)
        status = solver.Solve(cp)
        budget.gebruik(solver.deterministic_time + aanroep)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return {}, {sleutel: solver.Value(var) for sleutel, var in y.items() if solver.Value(var)}

    def huidig(self) -> tuple[dict, dict]:
        """The plan this model starts from, in its own terms: (volger -> his function or None, (klasse index,
        functie) -> number placed)."""
        index = {sleutel: i for i, sleutel in enumerate(self.klassen)}
        gekozen = {p: (self.plan[p] if self.plan[p] in functies else None) for p, functies in self.volgers.items()}
        aantallen: dict[tuple[int, str], int] = {}
        for p, f in self.plan.items():
            if f is not None and p not in self.vast and gekozen.get(p) is None:
                sleutel = (index[self.sleutel[p]], f)
                aantallen[sleutel] = aantallen.get(sleutel, 0) + 1
        return gekozen, aantallen

    def verbeter(self, budget: instellingen.Budget, seed: int) -> tuple[dict, dict] | None:
        """Large neighbourhood search on the aggregated model: again and again a neighbourhood of
        functions (around a function of someone not placed, through the groups and volgers that join
        functions) is solved exactly by CP-SAT with everything outside it held, and a better plan is kept.
        Every neighbourhood, limit and seed follows from the input and the work used, never from the clock
        (F5). Stops when the budget is used or LNS_GEDULD neighbourhoods in a row bring nothing."""
        comp = self.comp
        gekozen, aantallen = self.huidig()
        klassen, extra, ruimte, klassen_van, volgers_van = self._opzet()
        buren: dict[str, set[str]] = {f: set() for f in comp.functies}
        for functies, _m, _n, _l in klassen:
            for f in functies:
                buren[f].update(functies)
        for p, functies in self.volgers.items():  # a volger moves between his own functions and those of his group
            alle = [*functies, *(self.sleutel[p][0] if p in self.sleutel else ())]
            for f in alle:
                buren[f].update(alle)
        buren = {f: sorted(b) for f, b in buren.items()}
        rng = random.Random(seed)

        def heeft_over(i: int) -> bool:  # a group with people left over
            functies, _m, grootte, _l = klassen[i]
            return grootte + len(extra.get(i, ())) > sum(aantallen.get((i, g), 0) for g in functies)

        # where someone is not placed: per function the number of its groups with people left over (kept up to
        # date for the groups a neighbourhood changes)
        met_over = {i for i in range(len(klassen)) if heeft_over(i)}
        open_per_functie: dict[str, int] = {}
        for i in met_over:
            for f in klassen[i][0]:
                open_per_functie[f] = open_per_functie.get(f, 0) + 1
        zonder_winst, verbeterd = 0, False
        while budget.over() > instellingen.LNS_STAP_WERK and zonder_winst < instellingen.LNS_GEDULD:
            open_ = sorted(f for f, n in open_per_functie.items() if n)
            if not open_:
                break
            buurt = self._buurt(rng.choice(open_), buren, rng)
            nieuw = self._los_buurt_op(buurt, gekozen, aantallen, klassen, extra, ruimte, klassen_van, volgers_van,
                                       budget, seed)
            if nieuw is None:
                zonder_winst += 1
                continue
            gekozen, aantallen = nieuw
            zonder_winst, verbeterd = 0, True
            for i in {i for f in buurt for i in klassen_van.get(f, ())}:
                if heeft_over(i) != (i in met_over):
                    met_over ^= {i}
                    for f in klassen[i][0]:
                        open_per_functie[f] = open_per_functie.get(f, 0) + (1 if i in met_over else -1)
        return (gekozen, aantallen) if verbeterd else None

    def _opzet(self):
        """What the model of a neighbourhood reads: the groups as (functions, minutes, size, members), per group the
        volgers who join it when in none of their own functions, the room left by the certain places, and per
        function its groups and its volgers."""
        comp = self.comp
        klassen = [(functies, minuten, len(leden), leden) for (functies, minuten, _t), leden in self.klassen.items()]
        index = {sleutel: i for i, sleutel in enumerate(self.klassen)}
        extra: dict[int, list[str]] = {}
        for p in self.volgers:
            if p in self.sleutel:
                extra.setdefault(index[self.sleutel[p]], []).append(p)
        ruimte = dict(comp.ruimte)
        for p, f in self.vast.items():
            ruimte[f] -= comp.minuten[p]
        klassen_van: dict[str, list[int]] = {}
        for i, (functies, _m, _n, _l) in enumerate(klassen):
            for f in functies:
                klassen_van.setdefault(f, []).append(i)
        volgers_van: dict[str, list[str]] = {}
        for p, functies in self.volgers.items():
            for f in functies:
                volgers_van.setdefault(f, []).append(p)
        return klassen, extra, ruimte, klassen_van, volgers_van

    def grens(self, budget: instellingen.Budget, seed: int) -> int | None:
        """CP-SAT's proven bound on the number placed in the part, from the whole model with every functievolger
        free (`flexibel`), or None when no call can be paid for. The model is a relaxation of H1–H5 (with H4 exact):
        every plan meeting them gives its counts per group and function, its volgers' choices, and the certain
        places. Its bound is often far stronger than that of the full model in the same work (the
        interchangeable people of a group make one variable, not a symmetry the search must undo)."""
        assert self.flexibel, "with functievolgers held the model is no relaxation: its bound is none"
        gekozen, aantallen = self.huidig()
        cp, x, y, _volgers, _binnen = self._buurt_model(set(self.comp.functies), gekozen, aantallen, *self._opzet())
        aanroep = instellingen.AANROEP_WERK_PER_OPTIE * (len(x) + len(y))
        if budget.over() <= aanroep:
            return None
        solver = determinisme.cpsat(budget.over() - aanroep, seed)
        status = solver.Solve(cp)
        budget.gebruik(solver.deterministic_time + aanroep)
        if not math.isfinite(solver.BestObjectiveBound()):
            return None
        grens = math.floor(solver.BestObjectiveBound() + 1e-6)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # Without a solution CP-SAT may report no bound at all (0, or below the plan it was given, which meets
            # H1–H5): only a bound at or above that plan's count is one (as in fasen._los_met_o2).
            if status != cp_model.UNKNOWN or grens < _geplaatst(x, y, gekozen, aantallen) or grens <= 0:
                return None
        return grens + len(self.vast)

    @staticmethod
    def _buurt(begin: str, buren: dict[str, list[str]], rng: random.Random) -> set[str]:
        """About LNS_FUNCTIES functions around `begin`, breadth first in a random order of neighbours."""
        buurt, rij = {begin}, [begin]
        while rij and len(buurt) < instellingen.LNS_FUNCTIES:
            f = rij.pop(0)
            volgende = [g for g in buren[f] if g not in buurt]
            rng.shuffle(volgende)
            for g in volgende[:instellingen.LNS_FUNCTIES - len(buurt)]:
                buurt.add(g)
                rij.append(g)
        return buurt

    def _los_buurt_op(self, buurt: set[str], gekozen: dict, aantallen: dict, klassen, extra, ruimte, klassen_van,
                      volgers_van, budget: instellingen.Budget, seed: int) -> tuple[dict, dict] | None:
        """The aggregated model with only the functions of `buurt` free (the rest as constants); the new
        (gekozen, aantallen) when it places more, else None."""
        cp, x, y, volgers, binnen = self._buurt_model(buurt, gekozen, aantallen, klassen, extra, ruimte, klassen_van,
                                                      volgers_van)
        begin = _geplaatst(x, y, gekozen, aantallen)
        aanroep = instellingen.LNS_STAP_WERK + instellingen.AANROEP_WERK_PER_OPTIE * (len(x) + len(y))
        solver = determinisme.cpsat(max(0.001, min(instellingen.LNS_STAP_MAX, budget.over() - aanroep)), seed)
        status = solver.Solve(cp)
        budget.gebruik(solver.deterministic_time + aanroep)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or round(solver.ObjectiveValue()) <= begin:
            return None
        gekozen = dict(gekozen)
        for p in volgers:
            if any(f in buurt for f in self.volgers[p]):
                gekozen[p] = next((f for f in self.volgers[p] if solver.Value(binnen[p, f])), None)
        aantallen = {k: v for k, v in aantallen.items() if k not in y}
        aantallen.update({k: solver.Value(v) for k, v in y.items() if solver.Value(v)})
        return gekozen, aantallen

    def _buurt_model(self, buurt: set[str], gekozen: dict, aantallen: dict, klassen, extra, ruimte, klassen_van,
                     volgers_van):
        """The CP-SAT model of `_los_buurt_op` (maximise the number placed; what lies outside `buurt` as
        constants): (model, x, y, volgers, (volger, functie) -> his variable or constant there). Built once per
        neighbourhood, so in the time of the search: the sums of variables go to CP-SAT in one piece (the same
        model as term by term)."""
        comp = self.comp
        cp = cp_model.CpModel()
        volgers = sorted({p for f in buurt for p in volgers_van.get(f, ())}, key=comp.sel_a.__getitem__)
        x = {(p, f): cp.new_bool_var("") for p in volgers for f in self.volgers[p] if f in buurt}

        def waarde_x(p, f):
            return x[p, f] if (p, f) in x else int(gekozen[p] == f)

        binnen = {p: sum(waarde_x(p, f) for f in self.volgers[p]) for p in volgers}
        extra_van = self._extra_van(extra)
        betrokken = sorted({i for f in buurt for i in klassen_van.get(f, ())}
                           | {extra_van[p] for p in binnen if p in extra_van})
        y: dict[tuple[int, str], cp_model.IntVar] = {}
        belasting: dict[str, list] = {f: [] for f in buurt}
        for i in betrokken:
            functies, minuten, grootte, _leden = klassen[i]
            grootte += len(extra.get(i, ()))
            for f in functies:
                if f in buurt and ruimte[f] >= minuten:
                    y[i, f] = cp.new_int_var(0, min(grootte, ruimte[f] // minuten), "")
                    belasting[f].append((y[i, f], minuten))
            geplaatst = [y[i, f] if (i, f) in y else aantallen.get((i, f), 0) for f in functies]
            cp.add(sum(geplaatst) + sum(binnen[p] if p in binnen else int(gekozen[p] is not None)
                                        for p in extra.get(i, ())) <= grootte)
        for (p, f), var in x.items():
            belasting[f].append((var, comp.minuten[p]))
        for p in volgers:
            if len(self.volgers[p]) > 1:
                cp.add(binnen[p] <= 1)
        for f in sorted(buurt):
            # H1: the minutes of the groups and volgers placed in f within its room; what lies outside the
            # neighbourhood is a constant
            vast = sum(aantallen.get((i, f), 0) * klassen[i][1] for i in klassen_van.get(f, ()) if (i, f) not in y)
            vast += sum(int(gekozen[p] == f) * comp.minuten[p] for p in volgers_van.get(f, ()) if p not in binnen)
            termen = belasting[f]
            som = cp_model.LinearExpr.WeightedSum([v for v, _ in termen], [m for _, m in termen]) if termen else 0
            cp.add(som <= ruimte[f] - vast)
        for p in volgers:
            # H4 (b): in none of his functions only when those before him fill each T1 function (Σ minutes of
            # those before him placed there + grens × (placed in one of his functions) ≥ grens)
            for f in comp.t1[p]:
                voor, grens = self._h4(p, f)
                if grens <= 0:
                    continue
                vast = []  # a tijdelijk volger: every vast colleague placed in f, the grouped ones too (H5)
                if p in comp.tijdelijk:
                    vast = [(y[i, f] if (i, f) in y else aantallen.get((i, f), 0)) * klassen[i][1]
                            for i in self.vast_klassen_van.get(f, ())]
                cp.add(sum(waarde_x(q, f) * comp.minuten[q] for q in voor if q in self.volgers and f in self.volgers[q])
                       + sum(vast) + grens * binnen[p] >= grens)
        for (p, f), var in x.items():
            cp.add_hint(var, int(gekozen[p] == f))
        for sleutel, var in y.items():
            cp.add_hint(var, aantallen.get(sleutel, 0))
        cp.maximize(cp_model.LinearExpr.Sum([*x.values(), *y.values()]))
        return cp, x, y, volgers, {(p, f): waarde_x(p, f) for p in volgers for f in self.volgers[p]}

    def _extra_van(self, extra: dict[int, list[str]]) -> dict[str, int]:
        """volger -> the group he joins when in none of his own functions (the inverse of `extra`, kept)."""
        if self._extra_index is None:
            self._extra_index = {p: index for index, leden in extra.items() for p in leden}
        return self._extra_index

    def _h4(self, p: str, f: str) -> tuple[list[str], int]:
        """H4 (b) for volger p at his T1 function f: (who goes before him there, grens), where p lost the selection
        exactly when the minutes of those before him placed in f, besides the ones held there, reach grens
        (room − his minutes + 1 − the minutes of those held in f)."""
        comp = self.comp
        voor = comp.voorgangers_h4(p, f)
        return voor, comp.ruimte[f] - comp.minuten[p] + 1 - sum(comp.minuten[q] for q in voor if self.vast.get(q) == f)

    def personen(self, gekozen: dict, aantallen: dict) -> dict:
        """The counts as people: volgers as chosen; per group, in SEL-A order (the volgers in none of their
        own functions among them), each the best own option with a count left."""
        comp = self.comp
        plan: dict[str, str | None] = dict.fromkeys(comp.personen)
        plan.update(self.vast)
        plan.update({p: f for p, f in gekozen.items() if f is not None})
        leden: dict[tuple, list[str]] = {sleutel: list(ps) for sleutel, ps in self.klassen.items()}
        for p, f in gekozen.items():
            if f is None and p in self.sleutel:
                leden[self.sleutel[p]].append(p)
        per_klasse: dict[int, dict[str, int]] = {}
        for (i, f), n in aantallen.items():
            per_klasse.setdefault(i, {})[f] = n
        for i, sleutel in enumerate(self.klassen):
            over = per_klasse.get(i)
            if not over:
                continue
            for p in sorted(leden[sleutel], key=comp.sel_a.__getitem__):
                for o in comp.opties[p]:
                    if over.get(o.functie):
                        plan[p] = o.functie
                        over[o.functie] -= 1
                        break
        return plan
