"""Scheduling the solve (regels.md §4, F5): pins, the components that need the solver over processes and
rounds of the budget; each component goes through the stages in model/fasen.py.

Every choice here depends on the input only, never on the clock or on the number of processes, so the
plan is the same on every run, machine and worker count, also when a stage is not proven (F5).
"""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field, replace
from typing import Callable

from plaatsing import determinisme, signalen
from plaatsing.model import instellingen
from plaatsing.model.fasen import (FASEN, STATUS_NL, FaseVerslag, alleen_aggregaat, fasewaarden, grens_apart,
                                   los_deel_op, triviaal_plan)
from plaatsing.model.voortgang import Voortgang, deelproblemen as _deelproblemen, grootte as _grootte
from plaatsing.parameters import IEDEREEN_PLAATSEN
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.regels.kandidaten import Kandidaten
from plaatsing.scenario import Scenario

KIJK_SECONDEN = 1.0  # how often the main process looks at the parts that run (for the progress line)


@dataclass
class Oplossing:
    toewijzing: dict[str, str | None]       # personeelsnummer -> functie (None = not placed)
    kandidaten: Kandidaten
    fasen: list[FaseVerslag]
    componenten: int
    triviaal: int
    seconden: float
    budget: float = 0.0     # deterministic work the solver could use (from tijdslimiet)
    ronden: int = 1         # rounds of the solver (parts not proven get more, with another seed)
    grootste: tuple = ()    # people in the largest components that needed the solver
    o1_open: frozenset = frozenset()  # the unplaced in a component whose O1 stage is not proven (§8.12)
    # per component that needed the solver, by its people (sorted): the fewest unplaced that CP-SAT proved for it in
    # O1 (its bound on the most placed), also where the plan does not reach it (issue 24)
    o1_grenzen: dict = field(default_factory=dict)


def los_op(s: Scenario, *, workers: int | None = None,
           voortgang: Callable[[str], None] | None = None) -> Oplossing:
    """Place everyone: pins, then each component through the stages of §4.

    The solver's work is bounded by a deterministic budget derived from `tijdslimiet`
    (instellingen.Budget), shared over the components by their size; every choice below depends
    on the input only, never on the clock or on `workers` (the number of processes that solve
    components side by side, each with one CP-SAT worker), so the plan is the same on every run,
    also when a stage is not proven (F5)."""
    start = time.monotonic()
    meld = voortgang or (lambda _tekst: None)
    workers = workers or determinisme.standaard_workers()
    budget = max(0.0, s.parameters.tijdslimiet) * instellingen.WERK_PER_SECONDE
    k, gepind, componenten = voorbereiden(s)
    meld(f"kandidaten bepaald: {len(k.opties)} mogelijke plaatsingen, {len(componenten)} deelproblemen "
         f"({time.monotonic() - start:.1f} s)".replace(".", ",", 1))
    toewijzing: dict[str, str | None] = {m: None for m in s.medewerkers.index}
    toewijzing.update(gepind)
    fasen = [FaseVerslag(c, n) for c, n in FASEN]
    if s.parameters.beleid == IEDEREEN_PLAATSEN:
        fasen[0].naam = "iedereen geplaatst, minste overbezetting (functies, dan fte)"
    te_doen = []
    for comp in componenten:
        oplossing = triviaal_plan(comp)
        if oplossing is None:
            te_doen.append(comp)
            continue
        toewijzing.update(oplossing)
        for fase, waarde in zip(fasen, fasewaarden(comp, oplossing)):
            fase.objectief += waarde
            fase.grens += waarde
    # the largest parts first; in the first round each gets a share of EERSTE_AANDEEL of the budget by
    # its size, so that one hard part cannot starve the others and the shares together stay within the
    # budget (the budget bounds the whole run, not each part); the rounds below give the rest of the
    # budget to the parts not yet proven
    te_doen.sort(key=_grootte, reverse=True)
    totaal = max(1, sum(map(_grootte, te_doen)))
    taken = [(comp, budget * instellingen.EERSTE_AANDEEL * _grootte(comp) / totaal, determinisme.RANDOM_SEED)
             for comp in te_doen]
    # a part with a bound call of its own (fasen.grens_apart) has it right after it, so that it runs beside it
    alle, grens_bij = [], {}
    for i, taak in enumerate(taken):
        alle.append(taak)
        if grens_apart(taak[0]):
            grens_bij[i] = len(alle)
            werk = (min(taak[1] * instellingen.GRENS_AGGREGAAT_AANDEEL, instellingen.GRENS_AGGREGAAT_MAX)
                    if alleen_aggregaat(taak[0]) else taak[1] * instellingen.GRENS_APART_AANDEEL)
            alle.append((taak[0], werk, taak[2], None, True))
    processen = min(workers, len(alle)) if totaal >= instellingen.PARALLEL_VANAF else 1
    if processen > 1:
        meld(f"{_deelproblemen(len(taken))} met de solver, in {processen} processen naast elkaar")
    uitkomsten = _los_taken_op(alle, processen, meld)
    resultaten = [u for j, u in enumerate(uitkomsten) if j not in grens_bij.values()]
    meest = {}  # part -> the most placed CP-SAT proved possible in O1, the best over its rounds
    for i, (_, deel) in enumerate(resultaten):
        _noteer_grens(meest, i, deel)
        if i in grens_bij:
            _voeg_grens_toe(meest, i, resultaten[i], uitkomsten[grens_bij[i]][1][0])
    # Parts not proven within their share get more rounds from the budget that is left, each with
    # another seed and twice the work of the round before: CP-SAT's proof effort on a hard part
    # varies widely with the seed, and the plan does not depend on it once proven (the optimum
    # of every stage is unique after O6). The work used is deterministic, so are the rounds.
    ronde, per_ronde = 1, instellingen.EERSTE_RONDE
    klaar: set[int] = set()  # parts of the aggregated model alone that a round did not improve: no more rounds
    while True:
        open_ = [i for i, (_, deel) in enumerate(resultaten) if not all(d.bewezen for d in deel) and i not in klaar]
        over = budget - sum(d.werk for _, deel in resultaten for d in deel)
        # a part is solved again only when its share can pay for a new start on it (the model, every
        # stage's calls and the repair cost work of their own, by its size): else the budget would not
        # bound the run (measured: a second round on a part of 46,100 people took another 550 s). The
        # smallest parts first, as many as the work left pays for: many open parts must not leave it unused,
        # and small ones share one round (measured on 20,000: thirteen rounds of one part each, before).
        gekozen, nodig = [], 0.0
        for i in sorted(open_, key=lambda i: (_grootte(taken[i][0]), i)):
            herstart = instellingen.MIN_RONDE if alleen_aggregaat(taken[i][0]) else (
                instellingen.MIN_DEEL_RONDE + instellingen.NIEUWE_START_AANROEPEN * instellingen.AANROEP_WERK_PER_OPTIE
                * _grootte(taken[i][0]))
            if nodig + herstart > over:
                break
            gekozen.append(i)
            nodig += herstart
        open_ = sorted(gekozen)
        if not open_ or over < instellingen.MIN_RONDE or ronde >= instellingen.MAX_RONDEN:
            break
        ronde += 1
        meld(f"ronde {ronde}: {_deelproblemen(len(open_))} nog niet bewezen; opnieuw met een ander seed")
        per_deel = over / len(open_) if per_ronde * 2 * len(open_) > over else per_ronde  # the last gets all
        per_ronde *= 2
        # a part of the aggregated model alone goes on from its plan; the others start anew
        opnieuw = _los_taken_op([(taken[i][0], per_deel, determinisme.RANDOM_SEED + ronde - 1,
                                  resultaten[i][0] if alleen_aggregaat(taken[i][0]) else None) for i in open_],
                                min(processen, len(open_)), meld)
        for i, (oplossing, deel) in zip(open_, opnieuw):
            _noteer_grens(meest, i, deel)
            for d, eerder in zip(deel, resultaten[i][1]):
                d.seconden += eerder.seconden
                d.solves += eerder.solves
                d.werk += eerder.werk
            # the plan with more stages proven, and at a tie the one that places more (the values of stages that
            # are not proven are not comparable: a plan kept after a time-out may break O2 before its repair)
            if (sum(d.bewezen for d in deel), sum(f is not None for f in oplossing.values())) \
                    >= (sum(d.bewezen for d in resultaten[i][1]), sum(f is not None for f in resultaten[i][0].values())):
                resultaten[i] = (oplossing, deel)
            else:
                resultaten[i] = (resultaten[i][0], [_met_tijd(e, d) for e, d in zip(resultaten[i][1], deel)])
            if alleen_aggregaat(taken[i][0]) and resultaten[i][0] is not oplossing:
                klaar.add(i)
    for i, (oplossing, deel) in enumerate(resultaten):
        if i in meest and not taken[i][0].overbezetting:  # (§6: O1 counts functions and fte over formatie there)
            _o1_met_grens(deel[0], oplossing, meest[i])
    o1_grenzen = {tuple(sorted(comp.personen)): len(comp.personen) - meest[i] for i, (comp, *_rest) in enumerate(taken)
                  if i in meest and not comp.overbezetting}
    o1_open = set()
    for oplossing, deel in resultaten:
        toewijzing.update(oplossing)
        for fase, d in zip(fasen, deel):
            fase.tel_op(d)
        if not deel[0].bewezen:  # §8.12: the O1 claim only where O1 is proven for that part
            o1_open.update(p for p, f in oplossing.items() if f is None)
    for fase in fasen:
        meld(f"fase {fase.code} {fase.naam}: {STATUS_NL.get(fase.status, fase.status)} ({fase.solves} solver-aanroepen, "
             f"{fase.seconden:.1f} s)".replace(".", ",", 1))
    if s.voornemen is None:
        fasen = [f for f in fasen if f.code != "P2"]
    return Oplossing(toewijzing, k, fasen, len(componenten), len(componenten) - len(te_doen),
                     time.monotonic() - start, budget, ronde,
                     tuple(sorted((len(c.personen) for c in te_doen), reverse=True)[:5]), frozenset(o1_open), o1_grenzen)


def _noteer_grens(meest: dict, i: int, deel: list[FaseVerslag], geplaatst: int = 0) -> None:
    """Keep the tightest bound CP-SAT proved on the number placed in part i (stage O1), over its rounds and the
    bound call beside it. A bound on the most placed is never below a plan's number placed: else it is no bound."""
    if deel[0].grens_bewezen and deel[0].grens >= max(deel[0].objectief, geplaatst):
        meest[i] = min(meest.get(i, deel[0].grens), deel[0].grens)


def _voeg_grens_toe(meest: dict, i: int, resultaat: tuple, grens: FaseVerslag) -> None:
    """The bound call beside part i (fasen.grens_apart): its bound counts, its work and calls are O1's."""
    oplossing, deel = resultaat
    deel[0].werk += grens.werk
    deel[0].solves += grens.solves
    deel[0].seconden += grens.seconden
    _noteer_grens(meest, i, [grens], sum(f is not None for f in oplossing.values()))


def _o1_met_grens(o1: FaseVerslag, oplossing: dict, meest: int) -> None:
    """O1 of a part with the best bound proved over its rounds and bound calls; proven when the plan reaches it
    (a plan that places as many as can be placed is optimal, whichever call found it)."""
    geplaatst = sum(f is not None for f in oplossing.values())
    if meest == geplaatst and not o1.bewezen:
        o1.status, o1.objectief = "OPTIMAL", geplaatst
    o1.grens, o1.grens_bewezen = meest, True


def _los_taken_op(taken: list, processen: int, meld: Callable[[str], None] = lambda _t: None):
    """Solve the components, here or in `processen` processes ('spawn': safe on every platform);
    the results come back in the order of `taken`. Long runs report their progress."""
    # a bound call beside a part (its fifth element, `alleen_grens`) is not a part of its own in the progress lines
    delen = [i for i, taak in enumerate(taken) if not (len(taak) > 4 and taak[4])]
    voortgang = Voortgang([taken[i] for i in delen], meld, processen)
    nr = {i: j for j, i in enumerate(delen)}
    if processen <= 1:
        resultaten = []
        for i, taak in enumerate(taken):
            if i in nr:
                voortgang.loopt(nr[i])
            resultaten.append(los_deel_op(*taak))
            if i in nr:
                voortgang.klaar(nr[i], resultaten[-1][1])
        return resultaten
    pool = signalen.pool(processen)
    try:
        futures = [pool.submit(los_deel_op, *taak) for taak in taken]
        nummer = {f: i for i, f in enumerate(futures)}
        open_ = set(futures)
        while open_:
            klaar, open_ = wait(open_, timeout=KIJK_SECONDEN, return_when=FIRST_COMPLETED)
            # the executor marks a task running once it is queued for a process; the pool takes them in
            # order, so the first `processen` of those are the ones that run
            for i in sorted(nummer[f] for f in open_ if f.running())[:processen]:
                if i in nr:
                    voortgang.loopt(nr[i])
            for f in sorted(klaar, key=nummer.__getitem__):
                if nummer[f] in nr:
                    voortgang.klaar(nr[nummer[f]], f.result()[1])
            if not klaar:
                voortgang.bezig()
        resultaten = [f.result() for f in futures]
    except BaseException:
        signalen.stop_pool(pool)
        raise
    pool.shutdown()
    return resultaten


def _met_tijd(verslag: FaseVerslag, later: FaseVerslag) -> FaseVerslag:
    """A stage report that keeps its result but counts the time of a later, unsuccessful round."""
    return replace(verslag, seconden=later.seconden, solves=later.solves, werk=later.werk)
