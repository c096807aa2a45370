"""Solving: per component, the lexicographic stages O1, O3, O4, O5 and O6 of regels.md §4.

O2 holds in every stage after O1 through cuts added where a solution violates it (a
relaxation that is optimal and satisfies every O2 condition is optimal for the full
model). The last stage, O6, maximises the outcomes person by person in SEL-A order; as
every option has its own place in a person's outcome order, that optimum is unique, so
the plan is the same on every run, machine and worker count (F5).
"""
from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable

from ortools.sat.python import cp_model

from plaatsing.model import instellingen
from plaatsing.fouten import H4Conflict
from plaatsing.regels.deelproblemen import Component, splits
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.regels.kandidaten import ONGENOEMD, Kandidaten
from plaatsing.toets.regelcontrole import heeft_ruimte, o2_schendingen, o6_ruilen
from plaatsing.model.model import (Model, add_o2_verdringing, build_model, define_h1_vullingen, define_o2_vooraf,
                             remove_h1_vullingen)
from plaatsing.parameters import IEDEREEN_PLAATSEN
from plaatsing.scenario import Scenario

FASEN = (
    ("O1", "minimale boventalligheid"),
    ("P2", "minste wijzigingen ten opzichte van het voornemen"),  # regels.md §9; empty in a first round
    ("O3", "beste tier (T1, T2, T3, T4)"),
    ("O4", "voorkeuren (1e, 2e, … keuze)"),
    ("O5", "minste salarisgarantie"),
    ("O6", "anciënniteit beslist resterende gelijke stand"),
)
STATUS_NL = {  # what a user reads; the CP-SAT term stays beside it for the audit
    "OPTIMAL": "optimaal, bewezen",
    "FEASIBLE": "oplossing gevonden, niet bewezen optimaal",
    "UNKNOWN": "geen bewijs binnen de tijdslimiet",
    "INFEASIBLE": "geen oplossing mogelijk",
    "MODEL_INVALID": "model ongeldig",
}
STATUS = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE", cp_model.INFEASIBLE: "INFEASIBLE",
          cp_model.MODEL_INVALID: "MODEL_INVALID", cp_model.UNKNOWN: "UNKNOWN"}


@dataclass
class FaseVerslag:
    code: str
    naam: str
    status: str = "OPTIMAL"
    objectief: int = 0
    grens: int = 0
    seconden: float = 0.0
    solves: int = 0
    o2_cuts: int = 0
    vullingen: int = 0      # functions that needed the exact integer form of H1 to prove this stage

    @property
    def bewezen(self) -> bool:
        return self.status == "OPTIMAL"

    @property
    def status_nl(self) -> str:
        return f"{STATUS_NL.get(self.status, self.status)} (CP-SAT: {self.status})"

    def tel_op(self, deel: "FaseVerslag") -> None:
        """Add the report of this stage for one component."""
        if not deel.bewezen and self.bewezen:
            self.status = deel.status
        self.objectief += deel.objectief
        self.grens += deel.grens
        self.seconden += deel.seconden
        self.solves += deel.solves
        self.o2_cuts += deel.o2_cuts
        self.vullingen += deel.vullingen


@dataclass
class Oplossing:
    toewijzing: dict[str, str | None]       # personeelsnummer -> functie (None = not placed)
    kandidaten: Kandidaten
    fasen: list[FaseVerslag]
    componenten: int
    triviaal: int
    seconden: float


class _Klok:
    def __init__(self, limiet: float):
        self.einde = time.monotonic() + limiet

    def over(self) -> float:
        return max(0.0, self.einde - time.monotonic())


def los_op(s: Scenario, *, workers: int | None = None,
           voortgang: Callable[[str], None] | None = None) -> Oplossing:
    """Place everyone: pins, then each component through the stages of §4.

    `workers` is the number of processes that solve components side by side (each with one
    CP-SAT worker); the plan does not depend on it (F5)."""
    start = time.monotonic()
    meld = voortgang or (lambda _tekst: None)
    workers = workers or instellingen.standaard_workers()
    einde = time.time() + s.parameters.tijdslimiet  # wall clock: the same in every process
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
        oplossing = _triviaal(comp)
        if oplossing is None:
            te_doen.append(comp)
            continue
        toewijzing.update(oplossing)
        for fase, waarde in zip(fasen, _waarden(comp, oplossing)):
            fase.objectief += waarde
            fase.grens += waarde
    # the largest parts first, each with a fair share of the time left when it starts, so that
    # one hard part cannot starve the others
    te_doen.sort(key=_grootte, reverse=True)
    rest = sum(map(_grootte, te_doen))
    taken = []
    for comp in te_doen:
        taken.append((comp, min(1.0, 2 * _grootte(comp) / rest), einde, instellingen.RANDOM_SEED))
        rest -= _grootte(comp)
    processen = min(workers, len(taken)) if sum(_grootte(c) for c in te_doen) >= instellingen.PARALLEL_VANAF else 1
    if processen > 1:
        meld(f"{len(taken)} deelproblemen met de solver, in {processen} processen naast elkaar")
    resultaten = _los_taken_op(taken, processen)
    # Parts not proven within their share get more rounds with the time that is left, each with
    # another seed and twice the time of the round before: CP-SAT's proof time on a hard part
    # varies widely with the seed, and the plan does not depend on it once proven (the optimum
    # of every stage is unique after O6).
    ronde, budget = 1, instellingen.EERSTE_RONDE
    while True:
        open_ = [i for i, (_, deel) in enumerate(resultaten) if not all(d.bewezen for d in deel)]
        over = einde - time.time()
        if not open_ or over < 1:
            break
        ronde += 1
        meld(f"ronde {ronde}: {_deelproblemen(len(open_))} nog niet bewezen; opnieuw met een ander seed")
        per_deel = over if budget * 2 > over else budget  # the last round gets all that is left
        budget *= 2
        opnieuw = _los_taken_op([(taken[i][0], 1.0, einde, instellingen.RANDOM_SEED + ronde - 1, per_deel)
                                 for i in open_], min(processen, len(open_)))
        for i, (oplossing, deel) in zip(open_, opnieuw):
            for d, eerder in zip(deel, resultaten[i][1]):
                d.seconden += eerder.seconden
                d.solves += eerder.solves
            if sum(d.bewezen for d in deel) >= sum(d.bewezen for d in resultaten[i][1]):
                resultaten[i] = (oplossing, deel)
            else:
                resultaten[i] = (resultaten[i][0], [_met_tijd(e, d) for e, d in zip(resultaten[i][1], deel)])
    for oplossing, deel in resultaten:
        toewijzing.update(oplossing)
        for fase, d in zip(fasen, deel):
            fase.tel_op(d)
    for fase in fasen:
        meld(f"fase {fase.code} {fase.naam}: {STATUS_NL.get(fase.status, fase.status)} ({fase.solves} solver-aanroepen, "
             f"{fase.seconden:.1f} s)".replace(".", ",", 1))
    if s.voornemen is None:
        fasen = [f for f in fasen if f.code != "P2"]
    return Oplossing(toewijzing, k, fasen, len(componenten), len(componenten) - len(te_doen),
                     time.monotonic() - start)


def _los_taken_op(taken: list, processen: int):
    """Solve the components, here or in `processen` processes ('spawn': safe on every platform);
    the results come back in the order of `taken`."""
    if processen <= 1:
        return [_los_taak_op(*taak) for taak in taken]
    pool = ProcessPoolExecutor(max_workers=processen, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [pool.submit(_los_taak_op, *taak) for taak in taken]
        resultaten = [f.result() for f in futures]
    except BaseException:
        # an H4 conflict or Ctrl-C: stop the other processes now instead of letting them finish
        for proces in list(getattr(pool, "_processes", {}).values()):
            proces.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return resultaten


def _los_taak_op(comp: Component, aandeel: float, einde: float, seed: int,
                 max_seconden: float = float("inf")) -> tuple[dict, list[FaseVerslag]]:
    """One component through all stages, with its share of the time left (runs in any process)."""
    fasen = [FaseVerslag(c, n) for c, n in FASEN]
    over = max(0.0, einde - time.time())
    seconden = min(over, max(over * aandeel, instellingen.MIN_SECONDEN_PER_DEEL), max_seconden)
    oplossing = _los_component_op(comp, fasen, _Klok(seconden), seed)
    if not all(f.bewezen for f in fasen):
        oplossing = herstel_o2_o6(comp, oplossing)
    return oplossing, fasen


def herstel_o2_o6(comp: Component, plan: dict) -> dict:
    """O2 and O6 on a plan kept after a time-out. O2: put each pushed-out colleague in the place of
    the lower-ranked occupant (who becomes unplaced); each such replacement keeps H1–H5 and raises
    that function's occupants in its priority (regels.md O2). O6: make each seniority-improving swap
    that keeps H1–H5, O2 and the totals; each gives the more senior one a better outcome. Both end."""
    plan = dict(plan)
    for _ in range(10 * len(comp.personen) + 10):
        schendingen = o2_schendingen(comp, plan)
        if schendingen:
            persoon, ander, functie = schendingen[0]
            plan[persoon], plan[ander] = functie, None
            continue
        ruilen = o6_ruilen(comp, plan)
        if not ruilen:
            break
        persoon, n1, ander, n2 = ruilen[0]
        plan[persoon], plan[ander] = n2, n1
    return plan


def _deelproblemen(aantal: int) -> str:
    return f"{aantal} deelprobleem" if aantal == 1 else f"{aantal} deelproblemen"


def _met_tijd(verslag: FaseVerslag, later: FaseVerslag) -> FaseVerslag:
    """A stage report that keeps its result but counts the time of a later, unsuccessful round."""
    return replace(verslag, seconden=later.seconden, solves=later.solves)


def _grootte(comp: Component) -> int:
    return sum(len(comp.opties[p]) for p in comp.personen)


def _triviaal(comp: Component) -> dict | None:
    """Everyone gets their own best option and it all fits: optimal in every stage."""
    belasting = dict.fromkeys(comp.functies, 0)
    for p in comp.personen:
        belasting[comp.opties[p][0].functie] += comp.fte[p]
    plan = {p: comp.opties[p][0].functie for p in comp.personen}
    if comp.voornemen is not None and plan != comp.voornemen:
        return None  # P2 may prefer the voornemen over the best options
    if all(belasting[f] <= comp.ruimte[f] for f in comp.functies):
        return plan
    return None


def _niveaus(comp: Component, m: Model | None = None):
    """The levels of each stage: (stage code, [(expression terms, sign)])."""
    tiers = [[(m.x[p, o.functie] if m else (p, o.functie), 1) for p in comp.personen
              for o in comp.opties[p] if o.tier == t] for t in (1, 2, 3, 4)]
    voorkeur = [[(m.x[p, o.functie] if m else (p, o.functie), 1) for p in comp.personen
                 for o in comp.opties[p] if o.vpos == pos] for pos in range(1, ONGENOEMD)]
    kosten = [[(m.x[p, o.functie] if m else (p, o.functie), -o.kosten) for p in comp.personen
               for o in comp.opties[p] if o.kosten]]
    geplaatst = [[(m.geplaatst[p] if m else (p, None), 1) for p in comp.personen]]
    if comp.overbezetting:
        # §6 'iedereen plaatsen': everyone is placed (a constraint); O1 becomes fewest functions
        # over formatie, then fewest fte over formatie (zero in a component that needs the solver
        # for nothing else, so without a model there is nothing to count)
        geplaatst = [[(v, -1) for v in m.boven.values()], [(v, -1) for v in m.over.values()]] if m else []
    return (("O1", geplaatst), ("P2", _p2_zelfde(comp, m)), ("O3", tiers), ("O4", voorkeur), ("O5", kosten))


def _p2_zelfde(comp: Component, m: Model | None):
    """P2: one level, the number of persons whose decision equals the voornemen (placed in the same
    function; or, voorgenomen not placed, not placed: −1 per placement, a constant offset)."""
    if comp.voornemen is None:
        return []
    termen = []
    for p in comp.personen:
        if p not in comp.voornemen:
            continue  # new in the scenario: no voorgenomen decision to keep
        f = comp.voornemen[p]
        if f is None:
            termen.append((m.geplaatst[p] if m else (p, None), -1))
        elif comp.optie(p, f) is not None:
            termen.append((m.x[p, f] if m else (p, f), 1))
    return [termen]


def _bereik(niveau, bovengrens: dict[int, int] | None = None) -> int:
    """The range of a level's sum: Σ |coefficient| × largest value (1 for a Boolean)."""
    grens = bovengrens or {}
    return sum(abs(c) * (grens.get(v.Index(), 1) if grens else 1) for v, c in niveau)


def _waarden(comp: Component, oplossing: dict) -> list[int]:
    """Stage values of a solution: placed, then the weighted level sums as the solver sees them."""
    waarden = []
    for _code, niveaus in _niveaus(comp):
        totaal = 0
        for gewicht, termen in zip(_gewichten(comp, niveaus), niveaus):
            for (p, f), c in termen:
                if (f is None and oplossing[p] is not None) or (f is not None and oplossing[p] == f):
                    totaal += gewicht * c
        waarden.append(totaal)
    waarden.append(0)
    return waarden


def _gewichten(comp: Component, niveaus, bovengrens: dict[int, int] | None = None) -> list[int]:
    """Lexicographic weights: a level outweighs everything in the levels after it."""
    gewichten = [1] * len(niveaus)
    for i in range(len(niveaus) - 2, -1, -1):
        gewichten[i] = gewichten[i + 1] * (_bereik(niveaus[i + 1], bovengrens) + 1)
    return gewichten


def _los_component_op(comp: Component, fasen: list[FaseVerslag], klok: _Klok,
                      seed: int = instellingen.RANDOM_SEED) -> dict:
    m = build_model(comp)
    m.seed = seed
    oplossing: dict = startplan(comp)
    for fase, (code, niveaus) in zip(fasen, _niveaus(comp, m)):
        if code == "P2":
            define_o2_vooraf(m)  # O2 binds from here on (it never changes the O1 count)
        # a stage may not take all the time: O6 (and with it the unique, O2-checked plan) must still run
        fase_klok = _Klok(klok.over() * instellingen.FASE_AANDEEL)
        for groep in _splits_niveaus(comp, niveaus, m.bovengrens):
            gewichten = _gewichten(comp, groep, m.bovengrens)
            termen = [(v, g * c) for g, niveau in zip(gewichten, groep) for v, c in niveau]
            if not termen:
                continue
            doel = cp_model.LinearExpr.WeightedSum([v for v, _ in termen], [c for _, c in termen])
            m.cp.Maximize(doel)
            oplossing, waarde, grens = _los_stadium(m, fase, fase_klok, oplossing, code != "O1", termen)
            fase.objectief += waarde
            fase.grens += grens
            m.cp.Add(doel >= waarde)
    remove_h1_vullingen(m)  # O6 fixes person after person; the exact H1 form only slows it down
    _o6_anciënniteit(m, fasen[-1], klok, oplossing)
    return m.oplossing


def _los_stadium(m: Model, fase: FaseVerslag, klok: _Klok, hint: dict, met_o2: bool, termen):
    """Solve one objective. When the plain model does not prove it within EERSTE_POGING seconds,
    add the exact integer form of H1 (model.define_h1_vullingen) and go on from the best plan."""
    if m.vullingen is None:
        eerste = _Klok(min(klok.over(), instellingen.EERSTE_POGING))
        hint, waarde, grens, status = _los_met_o2(m, fase, eerste, hint, met_o2, termen)
        if status == "OPTIMAL" or klok.over() <= 0:
            _meld_status(fase, status)
            return hint, waarde, grens
        fase.vullingen += define_h1_vullingen(m)
    oplossing, waarde, grens, status = _los_met_o2(m, fase, klok, hint, met_o2, termen)
    _meld_status(fase, status)
    return oplossing, waarde, grens


def _meld_status(fase: FaseVerslag, status: str) -> None:
    """A stage is proven only if it is proven in every component."""
    if status != "OPTIMAL" and fase.status == "OPTIMAL":
        fase.status = status


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


def _splits_niveaus(comp, niveaus, bovengrens: dict[int, int] | None = None):
    """Combine consecutive levels into one weighted objective while the weights stay small."""
    groepen, huidig = [], []
    for niveau in niveaus:
        kandidaat = huidig + [niveau]
        if huidig and _gewichten(comp, kandidaat, bovengrens)[0] * (_bereik(kandidaat[0], bovengrens) + 1) > instellingen.MAX_GEWICHT:
            groepen.append(huidig)
            kandidaat = [niveau]
        huidig = kandidaat
    if huidig:
        groepen.append(huidig)
    return groepen


def _los_met_o2(m: Model, fase: FaseVerslag, klok: _Klok, hint: dict, met_o2: bool, termen):
    """Solve; while the solution violates O2, add those O2 conditions and solve again.

    When the time limit leaves no solution, the hint (a plan meeting H1–H5) is kept and the
    status says the stage is not proven. Returns (plan, value, bound, status of the last solve)."""
    while True:
        _zet_hint(m, hint)
        if klok.over() <= 0:
            m.oplossing = hint
            waarde = _evalueer(m, termen, hint)
            return hint, waarde, waarde, "UNKNOWN"
        solver = instellingen.solver(klok.over(), m.seed)
        begin = time.monotonic()
        status = solver.Solve(m.cp)
        fase.seconden += time.monotonic() - begin
        fase.solves += 1
        if status == cp_model.INFEASIBLE and fase.code != "O1":
            # Only after a time-out: the plan kept then (the hint) may miss an O2 condition, and the
            # stages after it fix people to that plan. Keep it; the stage is not proven.
            m.oplossing = hint
            waarde = _evalueer(m, termen, hint)
            return hint, waarde, waarde, "UNKNOWN"
        if status == cp_model.INFEASIBLE:
            # O1 holds H1–H5 only: infeasible means the functievolgerrechten conflict (SEL-B)
            comp = m.comp
            betrokken = sorted(p for p in comp.personen if len(comp.t1.get(p, ())) > 1 or comp.opt_out.get(p))
            functies = sorted({f for p in comp.personen for f in comp.t1.get(p, ())})
            raise H4Conflict(betrokken or sorted(p for p in comp.personen if comp.t1.get(p)), functies)
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"fase {fase.code}: het model is ongeldig ({STATUS[status]})")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            m.oplossing = hint
            return hint, _evalueer(m, termen, hint), round(solver.BestObjectiveBound()), STATUS.get(status, "UNKNOWN")
        oplossing = {p: next((o.functie for o in m.comp.opties[p] if solver.Value(m.x[p, o.functie])), None)
                     for p in m.comp.personen}
        m.oplossing = oplossing
        nieuw = 0
        if met_o2:
            for persoon, ander, functie in o2_schendingen(m.comp, oplossing):
                nieuw += add_o2_verdringing(m, persoon, ander, functie)
        fase.o2_cuts += nieuw
        if not nieuw:
            return oplossing, round(solver.ObjectiveValue()), round(solver.BestObjectiveBound()), STATUS[status]
        hint = oplossing


def _evalueer(m: Model, termen, oplossing: dict) -> int:
    """The value of an objective (list of (variable, coefficient)) for a plan."""
    sleutels = {v.Index(): sleutel for sleutel, v in m.x.items()}
    sleutels.update({v.Index(): (p, None) for p, v in m.geplaatst.items()})
    over = {}
    if m.over:  # §6: fte over formatie per function in this plan
        for f in m.over:
            belasting = sum(m.comp.fte[p] for p, g in oplossing.items() if g == f)
            over[f] = max(0, belasting - m.comp.ruimte[f])
        sleutels.update({v.Index(): ("over", f) for f, v in m.over.items()})
        sleutels.update({v.Index(): ("boven", f) for f, v in m.boven.items()})
    totaal = 0
    for var, coef in termen:
        p, f = sleutels[var.Index()]
        if p == "over":
            totaal += coef * over[f]
        elif p == "boven":
            totaal += coef * (over[f] > 0)
        elif (f is None and oplossing[p] is not None) or (f is not None and oplossing[p] == f):
            totaal += coef
    return totaal


def _zet_hint(m: Model, oplossing: dict) -> None:
    m.cp.ClearHints()
    for (p, f), var in m.x.items():
        m.cp.AddHint(var, oplossing[p] == f)


def _o6_anciënniteit(m: Model, fase: FaseVerslag, klok: _Klok, oplossing: dict) -> None:
    """O6 and the unique tie-break: in SEL-A order, each person gets the best outcome that the
    totals of O1–O5 and everyone ranked higher still allow (lexicographic, in batches whose
    weights stay below MAX_GEWICHT)."""
    comp = m.comp
    rang = {p: {o.functie: i for i, o in enumerate(comp.opties[p])} for p in comp.personen}
    m.oplossing = oplossing
    partij: list[str] = []
    product = 1

    def zet_vast(p):
        f = m.oplossing[p]
        m.cp.Add(m.geplaatst[p] == 0) if f is None else m.cp.Add(m.x[p, f] == 1)

    def los_partij_op():
        if any(m.oplossing[q] is None or rang[q][m.oplossing[q]] > 0 for q in partij):
            _los_partij(m, fase, klok, partij, rang)
        for q in partij:
            zet_vast(q)

    for p in comp.personen:
        bereik = len(comp.opties[p]) + 1
        if partij and product * bereik > instellingen.MAX_GEWICHT:
            los_partij_op()
            partij, product = [], 1
        if not partij and m.oplossing[p] is not None and rang[p][m.oplossing[p]] == 0:
            zet_vast(p)  # already the best this person can have
            continue
        partij.append(p)
        product *= bereik
    if partij:
        los_partij_op()
    fase.objectief += sum(len(comp.opties[p]) - rang[p][f] for p, f in m.oplossing.items() if f is not None)
    fase.grens = fase.objectief


def _los_partij(m: Model, fase: FaseVerslag, klok: _Klok, partij: list[str], rang: dict) -> None:
    comp = m.comp
    variabelen, gewichten = [], []
    gewicht = 1
    for p in reversed(partij):
        k = len(comp.opties[p])
        for o in comp.opties[p]:
            variabelen.append(m.x[p, o.functie])
            gewichten.append(gewicht * (k - rang[p][o.functie]))
        gewicht *= k + 1
    m.cp.Maximize(cp_model.LinearExpr.WeightedSum(variabelen, gewichten))
    *_, status = _los_met_o2(m, fase, klok, m.oplossing, True, list(zip(variabelen, gewichten)))
    _meld_status(fase, status)
