"""The stage engine: one component through the lexicographic stages O1, P2, O3, O4, O5 and O6 of regels.md §4.

O2 holds in every stage after O1 through cuts added where a solution violates it (a relaxation that is
optimal and satisfies every O2 condition is optimal for the full model). The last stage, O6 (model/o6.py),
maximises each person's outcome class in SEL-A order and then breaks the remaining ties by a fixed order of
the options; that optimum is unique. Each call is bounded in deterministic work (instellingen.Budget), never
by the clock, so the plan is the same on every run (F5). The scheduling of the components over processes and
rounds is model/oplossen.py; the solution is returned, never kept in the Model.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from plaatsing import determinisme
from plaatsing.fouten import H4Conflict
from plaatsing.model import instellingen
from plaatsing.model.aggregaat import o1_grens, o1_startplan
from plaatsing.model.herstel import herstel_o2, herstel_o2_o6, startplan, toevoegen_en_o2, voornemen_als_start
from plaatsing.model.model import (Model, add_o2_verdringing, build_model, define_h1_vullingen, define_o2_vooraf,
                                   remove_h1_vullingen)
from plaatsing.model.o6 import o6_anciënniteit, o6_nagaan
from plaatsing.regels.deelproblemen import Component
from plaatsing.regels.kandidaten import ONGENOEMD
from plaatsing.toets.regelcontrole import o2_schendingen

FASEN = (
    ("O1", "minimale boventalligheid"),
    ("P2", "minste wijzigingen ten opzichte van het voornemen"),  # regels.md §9; empty in a first round
    ("O3", "beste trede (T1, T2, T3, T4)"),
    ("O4", "voorkeuren (1e, 2e, … keuze)"),
    ("O5", "minste salarisgarantie"),
    ("O6", "anciënniteit beslist resterende gelijke stand"),
)

STATUS_NL = {  # what a user reads; the CP-SAT term stays beside it for the audit
    "OPTIMAL": "optimaal, bewezen",
    # O6 proven on the rule itself (o6.o6_nagaan): no swap (a), and CP-SAT proved that no chain (b) exists
    "VOLDAAN": "voldaan, bewezen: geen ruil (a) en geen keten (b) die een collega met langere diensttijd beter "
               "plaatst",
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
    werk: float = 0.0       # CP-SAT deterministic time used (the same on every run, F5)
    grens_bewezen: bool = True  # `grens` is CP-SAT's proven bound, not the plan's own value for want of a solve

    @property
    def bewezen(self) -> bool:
        return self.status in ("OPTIMAL", "VOLDAAN")

    @property
    def status_nl(self) -> str:
        if self.status == "VOLDAAN":
            return f"{STATUS_NL[self.status]} (CP-SAT: INFEASIBLE voor een keten (b))"
        return f"{STATUS_NL.get(self.status, self.status)} (CP-SAT: {self.status})"

    def tel_op(self, deel: "FaseVerslag") -> None:
        """Add the report of this stage for one component (proven in every one of them: OPTIMAL only where each
        component's is)."""
        if (not deel.bewezen and self.bewezen) or (deel.status == "VOLDAAN" and self.status == "OPTIMAL"):
            self.status = deel.status
        self.objectief += deel.objectief
        self.grens += deel.grens
        self.seconden += deel.seconden
        self.solves += deel.solves
        self.o2_cuts += deel.o2_cuts
        self.vullingen += deel.vullingen
        self.werk += deel.werk
        self.grens_bewezen = self.grens_bewezen and deel.grens_bewezen


def los_deel_op(comp: Component, werk: float, seed: int, vorig: dict | None = None,
                alleen_grens: bool = False) -> tuple[dict | None, list[FaseVerslag]]:
    """One component through all stages within its work budget (runs in any process). `vorig`: the plan of an
    earlier round, from which a part solved by the aggregated model alone goes on. `alleen_grens`: only the
    bound call beside the part (`grens_apart`, `_o1_grens`: the aggregated model, then the full model's O1 call from
    the greedy start plan); no plan."""
    fasen = [FaseVerslag(c, n) for c, n in FASEN]
    budget = instellingen.Budget(werk)
    if alleen_grens:
        return None, [_o1_grens(comp, fasen[0], budget, seed)]
    oplossing = _los_component_op(comp, fasen, budget, seed, vorig)
    if all(f.bewezen for f in fasen[:-1]) and not fasen[-1].bewezen:
        # O1–O5 proven, the dictatorship of O6 not: O6 proven on the rule itself, (a) and (b), with the work left
        oplossing = o6_op_de_regel(comp, fasen[-1], budget, oplossing, seed)
    if not all(f.bewezen for f in fasen):
        oplossing = herstel_o2_o6(comp, oplossing)
    return oplossing, fasen


def o6_op_de_regel(comp: Component, fase: FaseVerslag, budget: instellingen.Budget, plan: dict,
                   seed: int = determinisme.RANDOM_SEED) -> dict:
    """O6 proven on the rule itself, (a) and (b), for a plan with the proven O1–O5 totals (o6.o6_nagaan):
    fase.status becomes 'VOLDAAN' when proven. Returns the plan, repaired where needed."""
    return o6_nagaan(comp, fase, budget, plan, seed, lambda m: _niveaus(comp, m), _evalueer)


def triviaal_plan(comp: Component) -> dict | None:
    """Everyone gets their own best option and it all fits: optimal in every stage."""
    belasting = dict.fromkeys(comp.functies, 0)
    for p in comp.personen:
        belasting[comp.opties[p][0].functie] += comp.minuten[p]
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


def fasewaarden(comp: Component, oplossing: dict) -> list[int]:
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


def grens_apart(comp: Component) -> bool:
    """Whether the part's bound comes from a call of its own beside the part: a part large enough for the
    aggregated model with its neighbourhood search (instellingen.GRENS_APART_VANAF), or too large for the full
    model (instellingen.ALLEEN_AGGREGAAT_VANAF), where it is the only bound CP-SAT proves."""
    return not comp.overbezetting and sum(map(len, comp.opties.values())) >= instellingen.GRENS_APART_VANAF


def _o1_grens(comp: Component, fase: FaseVerslag, budget: instellingen.Budget, seed: int) -> FaseVerslag:
    """The bound call beside a part (`grens_apart`): CP-SAT's bound on the most placed (fase.grens, valid where
    fase.grens_bewezen). First the aggregated model's (aggregaat.o1_grens) with AGGREGAAT_GRENS_AANDEEL of the work,
    then O1 on the full model from the greedy start plan with the rest (fase.objectief is the most placed it found);
    the tighter of the two counts. A part too large for the full model gets the aggregated model's bound alone."""
    begin, werk, aanroepen = time.monotonic(), budget.gebruikt, budget.aanroepen
    alleen = alleen_aggregaat(comp)
    aandeel = 1.0 if alleen else instellingen.AGGREGAAT_GRENS_AANDEEL
    geaggregeerd = o1_grens(comp, budget.deel(budget.over() * aandeel), seed)
    fase.werk += budget.gebruikt - werk
    fase.solves += budget.aanroepen - aanroepen
    fase.seconden += time.monotonic() - begin
    if alleen:
        fase.status, fase.objectief, fase.grens_bewezen = "UNKNOWN", 0, geaggregeerd is not None
        fase.grens = len(comp.personen) if geaggregeerd is None else geaggregeerd
        return fase
    m = build_model(comp)
    m.seed = seed
    termen = [(v, 1) for v in m.geplaatst.values()]
    m.cp.Maximize(sum(m.geplaatst.values()))
    _plan, fase.objectief, fase.grens, status = _los_met_o2(m, fase, budget, startplan(comp), False, termen)
    _meld_status(fase, status)
    if geaggregeerd is not None and (not fase.grens_bewezen or geaggregeerd < fase.grens):
        fase.grens, fase.grens_bewezen = max(geaggregeerd, fase.objectief), True
    return fase


def alleen_aggregaat(comp: Component) -> bool:
    """Whether the part is too large for the full model (instellingen.ALLEEN_AGGREGAAT_VANAF)."""
    return not comp.overbezetting and sum(map(len, comp.opties.values())) >= instellingen.ALLEEN_AGGREGAAT_VANAF


def _los_component_op(comp: Component, fasen: list[FaseVerslag], budget: instellingen.Budget,
                      seed: int = determinisme.RANDOM_SEED, vorig: dict | None = None) -> dict:
    if alleen_aggregaat(comp):
        # too large for the full model to search within the budget: the aggregated model gets all of it, and
        # no stage is proven (O2 and O6 are repaired as after any time-out, los_deel_op)
        begin = time.monotonic()
        oplossing = o1_startplan(comp, budget, seed, aandeel=1.0, start=vorig or voornemen_als_start(comp))
        _niet_gerekend(comp, fasen, oplossing)
        # all of the solver's work here is for O1; the Verantwoording reports it there
        fasen[0].werk, fasen[0].solves, fasen[0].seconden = budget.gebruikt, budget.aanroepen, time.monotonic() - begin
        return oplossing
    m = build_model(comp)
    m.seed = seed
    werk, aanroepen, begin = budget.gebruikt, budget.aanroepen, time.monotonic()
    # a second round (§9) keeps the usual share: P2, the fewest changes against the voornemen, needs work of its own
    aandeel = instellingen.GROOT_AGGREGAAT_AANDEEL if grens_apart(comp) and comp.voornemen is None else None
    start = voornemen_als_start(comp)
    oplossing: dict = o1_startplan(comp, budget, seed, aandeel=aandeel, start=start)
    # the work of the aggregated model is O1's (the Verantwoording reports it there, as for a part of it alone)
    fasen[0].werk += budget.gebruikt - werk
    fasen[0].solves += budget.aanroepen - aanroepen
    fasen[0].seconden += time.monotonic() - begin
    for i, (fase, (code, niveaus)) in enumerate(zip(fasen, _niveaus(comp, m))):
        if code != "O1" and not _kan_aanroepen(m, budget):
            # no call of a later stage can be paid for (a large part whose work went to O1): their values are the
            # plan's, as for a part of the aggregated model alone, and O2 and O6 are repaired after (los_deel_op)
            _niet_gerekend(comp, fasen[i:], oplossing, i)
            return oplossing
        if code == "P2":
            define_o2_vooraf(m)  # O2 binds from here on (it never changes the O1 count)
            oplossing = herstel_o2(comp, oplossing)  # so the hint meets it (a proven O1 plan need not)
        # a stage may not take all the time: O6 (and with it the unique, O2-checked plan) must still run
        aandeel = instellingen.O1_AANDEEL if code == "O1" else instellingen.FASE_AANDEEL
        fase_budget = budget.deel(budget.over() * aandeel)
        for groep in _splits_niveaus(comp, niveaus, m.bovengrens):
            gewichten = _gewichten(comp, groep, m.bovengrens)
            termen = [(v, g * c) for g, niveau in zip(gewichten, groep) for v, c in niveau]
            if not termen:
                continue
            doel = cp_model.LinearExpr.WeightedSum([v for v, _ in termen], [c for _, c in termen])
            m.cp.Maximize(doel)
            if code == "O1" and grens_apart(comp):
                # its O1 call runs beside it (oplossen.py), with the work that a call here would get from the
                # aggregated model's share (which pays more here); the bound there may still prove O1 for this plan
                waarde = grens = _evalueer(m, termen, oplossing)
                fase.status, fase.grens_bewezen = "UNKNOWN", False
            else:
                oplossing, waarde, grens = _los_stadium(m, fase, fase_budget, oplossing, code != "O1", termen)
                if code == "O1" and start is not None and _evalueer(m, termen, start) >= waarde:
                    # §9: placing no more than the voornemen, O1 keeps it. A call that is not proven may return
                    # another plan of the same count (300 people at 1 s: two colleagues swapped, one lost his
                    # first choice), and a small budget may leave P2 no call to set it right.
                    oplossing = start
            if code == "O1" and not comp.overbezetting and waarde < grens:
                # O1 not proven: the best plan found may leave someone out who fits as it is. Who fits is added
                # (and O2 repaired, toevoegen_en_o2): the count the later stages keep is then the higher one,
                # and their hint meets O2 (before, such a place was found only by the repair after the last stage,
                # when a stage happened to keep the plan: 2.000 gave 235 or 236 by that luck)
                aangevuld = toevoegen_en_o2(comp, oplossing)
                meer = _evalueer(m, termen, aangevuld)
                if meer > waarde:
                    oplossing, waarde = aangevuld, meer
            fase.objectief += waarde
            fase.grens += grens
            _houd_vast(m, groep, doel, waarde, grens, oplossing)
    remove_h1_vullingen(m)  # O6 fixes person after person; the exact H1 form only slows it down
    # the dictatorship leaves work for proving O6 on the rule itself where it is not proven (o6_nagaan)
    return o6_anciënniteit(m, fasen[-1], budget.deel(budget.over() * instellingen.O6_AANDEEL), oplossing,
                           _los_met_o2, _meld_status)


def _houd_vast(m: Model, groep, doel, waarde: int, grens: int, oplossing: dict) -> None:
    """The later stages keep this objective. Proven, it holds one value per level: every plan of the weighted
    optimum has exactly the plan's count on each level (the weights make the sum one-to-one), so a row per level is
    the same set of plans, and its LP is far tighter. The one weighted row lets the LP trade a fraction of a level
    for many of the next: on 1,500 people with fte 1 O4 (first choices) had an LP bound of 133 where 102 is the
    optimum, and was not proven in 150 s with 8 workers; with a row per level of O3 one worker proves it with 13
    units of work (not yet within the budget of 30 s: issue 24).
    Not proven, the weighted row keeps the plan's value or better."""
    if waarde < grens or len(groep) == 1:
        m.cp.Add(doel >= waarde)
        return
    for niveau in groep:
        if niveau:
            m.cp.Add(cp_model.LinearExpr.WeightedSum([v for v, _ in niveau], [c for _, c in niveau])
                     >= _evalueer(m, niveau, oplossing))


def _niet_gerekend(comp: Component, fasen: list[FaseVerslag], oplossing: dict, vanaf: int = 0) -> None:
    """Stages the solver did not run: the plan's own values, not proven (P2 without a voornemen is empty)."""
    for fase, waarde in zip(fasen, fasewaarden(comp, oplossing)[vanaf:]):
        fase.status = "UNKNOWN" if fase.code != "P2" or comp.voornemen is not None else "OPTIMAL"
        fase.objectief += waarde
        fase.grens += waarde
        fase.grens_bewezen = fase.status == "OPTIMAL"


def _los_stadium(m: Model, fase: FaseVerslag, budget: instellingen.Budget, hint: dict, met_o2: bool, termen):
    """Solve one objective. When the plain model does not prove it within EERSTE_POGING work,
    add the exact integer form of H1 (model.define_h1_vullingen) and go on from the best plan.
    A large part (more than VULLINGEN_TOT options) gets one call with all the work instead: the
    exact form would only slow it down, and each call costs it much time of its own."""
    if m.vullingen is None and len(m.x) <= instellingen.VULLINGEN_TOT:
        eerste = budget.deel(instellingen.EERSTE_POGING)
        hint, waarde, grens, status = _los_met_o2(m, fase, eerste, hint, met_o2, termen)
        if status == "OPTIMAL" or budget.over() <= 0:
            _meld_status(fase, status)
            return hint, waarde, grens
        fase.vullingen += define_h1_vullingen(m)
    oplossing, waarde, grens, status = _los_met_o2(m, fase, budget, hint, met_o2, termen)
    _meld_status(fase, status)
    return oplossing, waarde, grens


def _meld_status(fase: FaseVerslag, status: str) -> None:
    """A stage is proven only if it is proven in every component."""
    if status != "OPTIMAL" and fase.status == "OPTIMAL":
        fase.status = status


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


def _los_met_o2(m: Model, fase: FaseVerslag, budget: instellingen.Budget, hint: dict, met_o2: bool, termen):
    """Solve; while the solution violates O2, add those O2 conditions and solve again.

    When the time limit leaves no solution, the hint (a plan meeting H1–H5) is kept and the
    status says the stage is not proven. Returns (plan, value, bound, status of the last solve)."""
    while True:
        # the overhead of a call on this model is charged as work too (instellingen.AANROEP_WERK_PER_OPTIE); a call
        # the work left cannot pay for is not made (it would search nothing and take a second on a large part)
        if budget.over() <= 0 or not _kan_aanroepen(m, budget):
            waarde = _evalueer(m, termen, hint)
            fase.grens_bewezen = False
            return hint, waarde, waarde, "UNKNOWN"
        _zet_hint(m, hint)
        aanroep = instellingen.AANROEP_WERK_PER_OPTIE * len(m.x)
        solver = determinisme.cpsat(max(0.0, budget.over() - aanroep), m.seed)
        begin = time.monotonic()
        status = solver.Solve(m.cp)
        fase.seconden += time.monotonic() - begin
        fase.solves += 1
        budget.gebruik(solver.deterministic_time + aanroep)
        fase.werk += solver.deterministic_time + aanroep
        if status == cp_model.INFEASIBLE and fase.code != "O1":
            # Only after a time-out: the plan kept then (the hint) may miss an O2 condition, and the
            # stages after it fix people to that plan. Keep it; the stage is not proven.
            waarde = _evalueer(m, termen, hint)
            fase.grens_bewezen = False
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
            waarde, grens = _evalueer(m, termen, hint), round(solver.BestObjectiveBound())
            # Without a solution CP-SAT may report no bound at all: 0 (measured on a part of 451 people after its
            # presolve). A bound at or above the plan's value (the hint meets H1–H5) is a real one: on the part of
            # 1,864 people of a 2,000 (seed 2) 1,644 placed at most after 0.5 units, where the LP of the toets
            # gives 1,652. Only for O1, whose model is exact: later stages may start from a hint that breaks O2.
            if fase.code != "O1" or grens < waarde or grens <= 0:
                fase.grens_bewezen = False
                grens = waarde
            return hint, waarde, grens, STATUS.get(status, "UNKNOWN")
        oplossing = {p: next((o.functie for o in m.comp.opties[p] if solver.Value(m.x[p, o.functie])), None)
                     for p in m.comp.personen}
        nieuw = 0
        if met_o2:
            for persoon, ander, functie in o2_schendingen(m.comp, oplossing):
                nieuw += add_o2_verdringing(m, persoon, ander, functie)
        fase.o2_cuts += nieuw
        if not nieuw:
            return oplossing, round(solver.ObjectiveValue()), round(solver.BestObjectiveBound()), STATUS[status]
        hint = oplossing


def _kan_aanroepen(m: Model, budget: instellingen.Budget) -> bool:
    """Whether the work left pays for a call on this model beyond its overhead. On a small part a call is always
    made: its overhead is small, and CP-SAT's presolve alone often proves the stage there."""
    aanroep = instellingen.AANROEP_WERK_PER_OPTIE * len(m.x)
    return budget.over() > aanroep or aanroep < instellingen.AANROEP_ALTIJD


def _evalueer(m: Model, termen, oplossing: dict) -> int:
    """The value of an objective (list of (variable, coefficient)) for a plan."""
    if not m._sleutels:  # once per model: its variables are all made by build_model
        m._sleutels = {v.Index(): sleutel for sleutel, v in m.x.items()}
        m._sleutels.update({v.Index(): (p, None) for p, v in m.geplaatst.items()})
        m._sleutels.update({v.Index(): ("over", f) for f, v in m.over.items()})
        m._sleutels.update({v.Index(): ("boven", f) for f, v in m.boven.items()})
    sleutels = m._sleutels
    over = {}
    if m.over:  # §6: fte over formatie per function in this plan
        belasting = dict.fromkeys(m.over, 0)
        for p, g in oplossing.items():
            if g in belasting:
                belasting[g] += m.comp.minuten[p]
        over = {f: max(0, belasting[f] - m.comp.ruimte[f]) for f in m.over}
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
    """The plan as the solver's hint (written to the proto at once: AddHint per variable is slow)."""
    m.cp.ClearHints()
    hint = m.cp.Proto().solution_hint
    hint.vars.extend([var.Index() for var in m.x.values()])
    hint.values.extend([int(oplossing[p] == f) for p, f in m.x])
    hint.vars.extend([var.Index() for var in m.geplaatst.values()])
    hint.values.extend([int(oplossing[p] is not None) for p in m.geplaatst])
