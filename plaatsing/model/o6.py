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
"""
from __future__ import annotations

from typing import Callable

from ortools.sat.python import cp_model

from plaatsing.model import instellingen
from plaatsing.model.model import Model


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
    fase.objectief += sum(aantal[p] - krang[p][f] for p, f in stand.plan.items() if f is not None)
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
