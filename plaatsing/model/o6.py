"""Stage O6 (regels.md §4 O6, §7 example 7): seniority decides the remaining ties, a code never.

Among the plans with the O1–O5 totals (and H1–H5, O2), a serial dictatorship in SEL-A order:
each person in turn gets the best outcome *class* — placed, then tier, then voorkeur position,
the person's outcome order of §4 — that the totals and everyone ranked higher still allow. Only
when every person's class is fixed does a final tie-break choose between the functions of the
same class (cost, then function code: `uitkomst_sleutel`), again person by person; it can no
longer change who is placed or anyone's outcome. This gives O6 (a) (no swap betters the more
senior) and (b) (nobody unplaced while a less senior colleague keeps a place a same-outcome
chain would free): in both cases the senior person could have had the better class at their turn.

Both passes solve persons in batches whose lexicographic weights stay below MAX_GEWICHT; a
person who already has the best they can have is fixed without a solve.

Where the dictatorship is not proven within its work, O6 is proven on the rule itself (`o6_nagaan`): the repair
of model/herstel.py makes the swaps (a) and chains (b) it finds, the toets's check of every pair rules out (a), and
CP-SAT proves that no plan exists in which an unplaced person is placed and one less senior colleague is not while
everyone else keeps their outcome (b, with chains of any length).
"""
from __future__ import annotations

import time
from typing import Callable

from ortools.sat.python import cp_model

from plaatsing import determinisme
from plaatsing.model import instellingen
from plaatsing.model.herstel import herstel_o2_o6
from plaatsing.model.model import Model, add_o2_verdringing, build_model, define_o2_vooraf
from plaatsing.toets.regelcontrole import h4_schendingen, o2_schendingen, o6_ruilen


def klasse(o) -> tuple[int, int]:
    """The outcome class of an option: the person's outcome order of §4 (tier, an H4 (a) opt-out
    counting as T1, then voorkeur position)."""
    return o.uitkomst


def klassen_rang(comp) -> dict[str, dict[str, int]]:
    """Per person, per function: the rank of its outcome class among the person's classes (0 = best)."""
    rang = {}
    for p in comp.personen:
        volgorde = sorted({klasse(o) for o in comp.opties[p]})
        rang[p] = {o.functie: volgorde.index(klasse(o)) for o in comp.opties[p]}
    return rang


def o6_anciënniteit(m: Model, fase, budget: instellingen.Budget, oplossing: dict, los: Callable,
                    meld_status: Callable) -> dict:
    """Both passes of O6 on the model holding the O1–O5 totals; returns the plan.

    `los(m, fase, budget, hint, met_o2, termen)` solves the current objective with the O2 cuts
    (fasen._los_met_o2). `stand.plan` is the plan as far as it is solved."""
    comp = m.comp
    stand = _Stand(oplossing)
    krang = klassen_rang(comp)
    aantal = {p: max(r.values()) + 1 for p, r in krang.items()}

    def klasse_vast(p):
        f = stand.plan[p]
        if f is None:
            m.cp.Add(m.geplaatst[p] == 0)
        else:
            m.cp.Add(sum(m.x[p, g] for g, r in krang[p].items() if r == krang[p][f]) == 1)

    # pass 1: the outcome class, in SEL-A order (unplaced is the worst class)
    _dictatuur(m, stand, fase, budget, los, meld_status,
               waarde={p: {f: aantal[p] - r for f, r in krang[p].items()} for p in comp.personen},
               bereik={p: aantal[p] + 1 for p in comp.personen}, zet_vast=klasse_vast)
    fase.objectief += klassenwaarde(comp, stand.plan, krang)
    fase.grens = fase.objectief
    # pass 2: the unique tie-break within each fixed class (the options are in uitkomst_sleutel order)
    binnen = {}
    for p in comp.personen:
        f = stand.plan[p]
        gelijk = [] if f is None else [o.functie for o in comp.opties[p] if krang[p][o.functie] == krang[p][f]]
        binnen[p] = {g: len(gelijk) - i for i, g in enumerate(gelijk)}

    def functie_vast(p):
        f = stand.plan[p]
        m.cp.Add(m.geplaatst[p] == 0) if f is None else m.cp.Add(m.x[p, f] == 1)

    _dictatuur(m, stand, fase, budget, los, meld_status, waarde=binnen,
               bereik={p: len(binnen[p]) + 1 for p in comp.personen}, zet_vast=functie_vast)
    fase.grens_bewezen = fase.bewezen  # its bound is its value: a bound only where every batch is proven
    return stand.plan


def klassenwaarde(comp, plan: dict, krang: dict | None = None) -> int:
    """O6's objective: Σ over the placed of (number of the person's outcome classes − rank of their class)."""
    krang = krang or klassen_rang(comp)
    return sum(max(krang[p].values()) + 1 - krang[p][f] for p, f in plan.items() if f is not None)


def o6_nagaan(comp, fase, budget: instellingen.Budget, plan: dict, seed: int, niveaus: Callable,
              evalueer: Callable) -> dict:
    """O6 proven on the rule itself (regels.md §4 O6, F2) for a plan with the proven O1–O5 totals whose
    dictatorship was not proven within its work. In turn: the repair (herstel_o2_o6: O2, the swaps of (a) and
    the short chains of (b) it finds); the toets's check of every pair for (a) (`o6_ruilen`); then the CP-SAT
    model of (b) (`_keten_model`). Infeasible proves (b) for chains of any length: the stage is 'VOLDAAN'. A
    plan the model finds places a more senior colleague instead of a less senior one with everyone else's
    outcome kept, so every round raises the outcome of the most senior person that changes; it ends.
    `niveaus(m)`: the levels of O1–O5 on a model (fasen._niveaus); `evalueer(m, termen, plan)`: a level's value."""
    begin, bewezen_plan = time.monotonic(), plan
    for _ in range(len(comp.personen) + 1):
        plan = herstel_o2_o6(comp, plan)
        if o6_ruilen(comp, plan) or o2_schendingen(comp, plan) or h4_schendingen(comp, plan):
            break  # the repair left a swap (a) or broke a rule: not proven (a safeguard; never seen)
        beter, status = _keten_model(comp, fase, budget, plan, bewezen_plan, seed, niveaus, evalueer)
        if status == "INFEASIBLE":
            fase.status = "VOLDAAN"
            fase.objectief = fase.grens = klassenwaarde(comp, plan)
            fase.grens_bewezen = True
            break
        if beter is None:
            break  # no answer within the work: the stage stays not proven
        plan = beter
    fase.seconden += time.monotonic() - begin
    return plan


def _keten_model(comp, fase, budget: instellingen.Budget, plan: dict, bewezen_plan: dict, seed: int,
                 niveaus: Callable, evalueer: Callable) -> tuple[dict | None, str]:
    """O6 (b) as a CP-SAT model: H1–H5 and O2 (up front and as cuts, as in every stage), the O1–O5 totals of
    `plan` one row per level, every placed person in a function of their own outcome class or not placed, and
    exactly one unplaced person placed, ranked above (SEL-A) the one placed person who is then not placed. Every
    chain of (b), whatever its length, is a solution of this model. Returns (a plan of it, 'FEASIBLE'), (None,
    'INFEASIBLE'), or (None, 'UNKNOWN') when the work left gives no answer, or when `plan` does not have the
    totals of `bewezen_plan`, the plan whose O1–O5 are proven (a safeguard: the repair keeps them)."""
    m = build_model(comp)
    m.seed = seed
    define_o2_vooraf(m)
    for _code, groep in niveaus(m):
        for niveau in groep:
            if not niveau:
                continue
            waarde = evalueer(m, niveau, bewezen_plan)
            if evalueer(m, niveau, plan) != waarde:
                return None, "UNKNOWN"
            m.cp.Add(cp_model.LinearExpr.WeightedSum([v for v, _ in niveau], [c for _, c in niveau]) == waarde)
    erin, eruit, rang_eruit = [], [], 0
    for p in comp.personen:
        if plan[p] is None:
            erin.append((comp.sel_a[p], m.geplaatst[p]))
            continue
        klasse = comp.optie(p, plan[p]).uitkomst
        for o in comp.opties[p]:
            if o.uitkomst != klasse:
                m.cp.Add(m.x[p, o.functie] == 0)
        eruit.append((comp.sel_a[p], m.geplaatst[p]))
        rang_eruit += comp.sel_a[p]
    if not erin or not eruit:
        return None, "INFEASIBLE"
    m.cp.Add(sum(v for _, v in erin) == 1)
    m.cp.Add(sum(v for _, v in eruit) == len(eruit) - 1)
    # the newly placed ranks above the one who leaves: Σ rank·erin < Σ rank·(1 − geplaatst) over the placed
    m.cp.Add(cp_model.LinearExpr.WeightedSum([v for _, v in erin] + [v for _, v in eruit],
                                             [r for r, _ in erin] + [r for r, _ in eruit]) <= rang_eruit - 1)
    aanroep = instellingen.AANROEP_WERK_PER_OPTIE * len(m.x)
    while True:
        if budget.over() <= aanroep:
            return None, "UNKNOWN"
        solver = determinisme.cpsat(budget.over() - aanroep, seed)
        status = solver.Solve(m.cp)
        budget.gebruik(solver.deterministic_time + aanroep)
        fase.werk += solver.deterministic_time + aanroep
        fase.solves += 1
        if status == cp_model.INFEASIBLE:
            return None, "INFEASIBLE"
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, "UNKNOWN"
        nieuw = {p: next((o.functie for o in comp.opties[p] if solver.Value(m.x[p, o.functie])), None)
                 for p in comp.personen}
        cuts = sum(add_o2_verdringing(m, *v) for v in o2_schendingen(comp, nieuw))
        fase.o2_cuts += cuts
        if not cuts:
            return nieuw, "FEASIBLE"


class _Stand:
    """The plan of O6 while its batches are solved one after the other."""

    def __init__(self, plan: dict):
        self.plan = plan


def _dictatuur(m: Model, stand: _Stand, fase, budget, los, meld_status, *, waarde: dict, bereik: dict,
               zet_vast) -> None:
    """Maximise `waarde[p][functie]` person after person in SEL-A order (lexicographic), fixing each
    person's result with `zet_vast` once their batch is solved."""
    comp = m.comp
    partij: list[str] = []
    product = 1

    def beste(p) -> bool:
        f = stand.plan[p]
        hoogste = max(waarde[p].values(), default=0)
        return (f is None and hoogste == 0) or (f is not None and waarde[p][f] == hoogste)

    def los_partij_op():
        if not all(beste(q) for q in partij):
            variabelen, gewichten, gewicht = [], [], 1
            for q in reversed(partij):
                for f, w in waarde[q].items():
                    variabelen.append(m.x[q, f])
                    gewichten.append(gewicht * w)
                gewicht *= bereik[q]
            m.cp.Maximize(cp_model.LinearExpr.WeightedSum(variabelen, gewichten))
            stand.plan, *_, status = los(m, fase, budget, stand.plan, True, list(zip(variabelen, gewichten)))
            meld_status(fase, status)
        for q in partij:
            zet_vast(q)

    for p in comp.personen:
        if partij and product * bereik[p] > instellingen.MAX_GEWICHT:
            los_partij_op()
            partij, product = [], 1
        if not partij and beste(p):
            zet_vast(p)  # already the best this person can have
            continue
        partij.append(p)
        product *= bereik[p]
    if partij:
        los_partij_op()
