"""The solver's work budget (the seeds and CP-SAT parameters are in plaatsing/determinisme.py).

F5: the plan may depend only on the input, never on the clock or the machine. So every CP-SAT
call is bounded in CP-SAT's *deterministic time* (`max_deterministic_time`, a count of work that
is the same on every run), never in seconds: the parameter `tijdslimiet` (seconds) becomes a work
budget of `tijdslimiet × WERK_PER_SECONDE` units, shared over the components by their size.
There is no wall-clock limit at all: a wall-clock limit that fires would make the plan depend on
the load of the machine.
"""
from __future__ import annotations

MAX_GEWICHT = 2 ** 50  # largest product of level ranges combined into one weighted objective
# CP-SAT deterministic time per second of `tijdslimiet`. Measured on the benchmark machine (2 cores,
# quiet, one CP-SAT worker with linearization level 2): one unit takes 3.4–3.7 s on the large parts of
# the realistic shape (10,675, 13,037 and 183,174 options), so a second buys 0.28 units.
WERK_PER_SECONDE = 0.28
# What a call costs beyond its deterministic time (copying the model, presolve, the first LP): measured
# 9 s on a part of 183,174 options and 0.2 s on 13,037, ~1.4e-5 units per option per call. Charged to
# the budget as work, so that `tijdslimiet` bounds the run also where every call is large.
AANROEP_WERK_PER_OPTIE = 1.4e-5
# A call whose overhead is at least this much is made only when the work left pays for more than its overhead (on
# 2,000 of seed 2 a part of 24,958 options made three such calls, ~1 s each, that searched nothing).
AANROEP_ALTIJD = 0.05
EERSTE_POGING = 4.0  # work a stage gets on the plain model before the exact H1 form is added
# Parts with more options than this never get the exact H1 form: it makes the model ~3 times as large
# (measured: 14,406 -> 41,950 variables on a part of 13,037 options), and on the large parts of the
# realistic shape CP-SAT then does not even accept the hint within 30 units; on small parts it proves
# the O5 optima that depend on how full a function can get.
VULLINGEN_TOT = 10_000
FASE_AANDEEL = 0.5  # a stage of O3–O5 may use at most this part of its component's remaining work
# O1 may use more: on a part that O1 does not prove the later stages prove nothing either, and the full model's O1
# call is what gives the part its bound. 2,000 (seeds 2, 3, 5; parts of 1,549–1,864 people): with half, CP-SAT proved
# no bound or a weak one (164 not placed at least, where 192 holds); with 0.8 the bounds 221, 161, 192, the same plans.
O1_AANDEEL = 0.8
# O6's dictatorship may use at most this part of the work left; the rest proves O6 on the rule itself where the
# dictatorship is not proven (o6.o6_nagaan). 1,500 with fte 1: the dictatorship was not proven with 43 units.
O6_AANDEEL = 0.25
EERSTE_AANDEEL = 0.9  # part of the budget shared over the parts by size in the first round (rest: later rounds)
EERSTE_RONDE = 15.0  # work for the first extra round of parts not proven in their share (doubles)
# No extra round when less work than this is left (nor for a part of the aggregated model alone). 20,000: round 1 leaves
# 1.7 units; two more rounds on the small open parts took ~3 s on the clock for a few more T1 and first choices, the
# same number placed, and the run then missed 60 s (62.8 s): with 2.0 they are not made.
MIN_RONDE = 2.0
MAX_RONDEN = 12  # a part that stays open while using (almost) no work must not keep the run going round after round
MIN_DEEL_RONDE = 0.05  # the least work a part of the full model needs in a round, besides its calls' overhead
NIEUWE_START_AANROEPEN = 20  # a part gets another round only with at least the overhead of this many calls
# Parts with at least this many options start O1 from the aggregated model (model/aggregaat.py), which
# may use this share of the part's work: on smaller parts the full model proves O1 by itself. Half: on the
# parts of 807 and 1,034 people of 2,000 the aggregated model keeps finding places where the full model from
# its plan stalls (2,000 in 10 s: 233 not placed with a quarter, 230 with half, 232 with 0.8; 20,000: 2,516 → 2,499).
AGGREGAAT_VANAF = 3000
AGGREGAAT_AANDEEL = 0.5
AGGREGAAT_EERSTE_STAP = 0.05  # of that: the first step (functievolgers held); the rest is the neighbourhood search
# Parts with at least this many options get no full model at all: each of its calls costs more than the budget
# of a realistic time limit can pay for a search (measured on a part of 183,174 options: 2.6 units per call, the
# O1 call found nothing in 2.6 units), so the aggregated model gets the part's whole budget.
ALLEEN_AGGREGAAT_VANAF = 50_000
# Parts with at least this many options (and fewer than ALLEEN_AGGREGAAT_VANAF) give the aggregated model
# GROOT_AGGREGAAT_AANDEEL of their work: per unit of work its neighbourhood search finds more places there than the
# full model (2,000 of seeds 2, 3, 5, one part of 1,549–1,864 people: 228, 170, 200 not placed with half, 227, 168,
# 199 with 0.95). Their bound comes from a call beside it (`los_deel_op` with `alleen_grens`: the aggregated model,
# then the full model), with GRENS_APART_AANDEEL of the part's work on top: it runs on a core that the one large part
# leaves free. 0.6 rather than 0.5 since the aggregated model takes its share first: with 0.5 the full model's bound
# on seed 3 came out one lower (162 against 163). Parts of ALLEEN_AGGREGAAT_VANAF options or more get a bound call
# too, with the aggregated model alone (GRENS_AGGREGAAT_AANDEEL below).
GRENS_APART_VANAF = 20_000
GROOT_AGGREGAAT_AANDEEL = 0.95
GRENS_APART_AANDEEL = 0.6
# The bound call first asks the aggregated model for its bound (aggregaat.o1_grens), with this share of its work; the
# full model gets the rest. Measured on the parts of 1,549–1,864 people of 2,000 (seeds 2, 3, 5; bound on the unplaced):
# aggregated 223, 161, 192 after 0.3 units and no further after 0.5; full model 221, 163, 192 after 0.9 and 1.22
# units, and far weaker before 0.7 (154 on seed 2). Each is the stronger on some part, so both, the full model last.
AGGREGAAT_GRENS_AANDEEL = 0.25
# A part too large for the full model (ALLEEN_AGGREGAAT_VANAF) gets a bound call with the aggregated model alone: this
# share of the part's work, at most GRENS_AGGREGAAT_MAX units (overhead included). Bound on the unplaced, part of
# 14,204 people (20,000): 1,487 (LP) → 1,562 after 0.5 units, 1,581 after 1.0, 1,588 after 2.0; part of 45,814 (65,000):
# 4,967 (LP) → 5,225 with 4 units (~2 of them the overhead of the model's ~140,000 variables; 2 units pay for no call).
GRENS_AGGREGAAT_AANDEEL = 0.2
GRENS_AGGREGAAT_MAX = 4.0
# The neighbourhood search of the aggregated model (model/aggregaat.py `verbeter`): functions per neighbourhood,
# the most work one neighbourhood may take, its overhead charged as work (building the model in Python), and how
# many neighbourhoods in a row may bring nothing before it stops. Functions per neighbourhood, 25 → 20, measured with
# the CLI at tijdslimiet 10 on 2,000 of seeds 1–8 (not placed): 230, 252, 241, 263, 241, 233, 259, 264 → 230, 250,
# 239, 260, 241, 234, 258, 263 (the difference with the bound ≤ 2% on 5 of 8 seeds instead of 3); 20,000 at 60: 2,491
# → 2,489. 15 and 40 were worse on most of them.
LNS_FUNCTIES = 20
LNS_STAP_MAX = 0.05
LNS_STAP_WERK = 0.01
LNS_GEDULD = 60
PARALLEL_VANAF = 3000  # options in components that need the solver; below this one process is faster


class Budget:
    """Deterministic work (CP-SAT deterministic time) that a part of the solve may use.

    `deel` makes a sub-budget (a stage, a first attempt) whose use counts for its parents too."""

    def __init__(self, werk: float, ouder: "Budget | None" = None):
        self.limiet = max(0.0, werk)
        self.gebruikt = 0.0
        self.aanroepen = 0  # solver calls charged (each call charges its work once)
        self.ouder = ouder

    def over(self) -> float:
        eigen = max(0.0, self.limiet - self.gebruikt)
        return eigen if self.ouder is None else min(eigen, self.ouder.over())

    def deel(self, werk: float) -> "Budget":
        return Budget(min(werk, self.over()), self)

    def gebruik(self, werk: float) -> None:
        """Charge the work of one solver call (it may go beyond the limit by the call's overhead; `over` is then 0)."""
        self.gebruikt += werk
        self.aanroepen += 1
        if self.ouder is not None:
            self.ouder.gebruik(werk)
