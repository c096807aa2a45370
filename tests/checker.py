"""Independent checker of placement plans, written from regels.md alone.

Brute force on purpose: every rule is a small function named after its rule ID, and
nothing here imports or copies the `plaatsing` package, so the property tests can use
it as the reference for the solver. Input is the "tables" form of a scenario (sheet
name -> list of row dicts, see tests/scenario_gen.py); a plan is a dict
personeelsnummer -> nieuwe functiecode, or None when not placed.

Rules v2: capacity is compared in whole minutes per week (regels.md §8.13), never in fte:
minutes(m) = round(60 x hours(m)), hours(m) = `uren` when given else fte x normuren, and
room(n) = round(60 x (formatie_fte + fte_marge) x normuren), rounded half up on the decimal
values as written (Decimal), so 3 fte = 6480 minutes holds 36, 32, 20 and 20 hours (§7.10).
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import product
from typing import NamedTuple

DEFAULTS = {
    "drempel_wijziging": 30,
    "selectiemethode": "anciënniteit",
    "max_schalen_lager": 1,
    "max_schalen_hoger": 0,
    "fte_marge": 0.0,
    "beleid": "maximaal plaatsen",
    "normuren": 36,
}
TIERS = ("T1", "T2", "T3", "T4")
NIET_GENOEMD = 6  # voorkeur position of an unlisted function: after all five columns
LEEFTIJDSGRENZEN = (25, 35, 45, 55)  # groups [15,25) [25,35) [35,45) [45,55) [55,inf)


class Violation(NamedTuple):
    rule: str
    personeelsnummer: str | None
    functie: str | None
    tekst: str


class Score(NamedTuple):
    """The lexicographic objective O1, O3, O4, O5 of one plan."""

    niet_geplaatst: int  # O1, lower is better
    tiers: tuple  # O3: placements per T1..T4 (non-pinned), higher is better
    voorkeuren: tuple  # O4: honoured voorkeur positions 1..5 (non-pinned), higher is better
    salarisgarantie: int  # O5: minutes x scales below the personal scale (all placements), lower

    def key(self):
        """Sort key: smaller is better."""
        return (self.niet_geplaatst, tuple(-x for x in self.tiers),
                tuple(-x for x in self.voorkeuren), self.salarisgarantie)


class Optimum(NamedTuple):
    niet_geplaatst: int  # minimum over all plans meeting H1-H5 (F4)
    score: Score  # best score among those with that minimum that also meet O2
    plan: dict  # one plan reaching it


def micro(fte) -> int:
    return round(float(fte) * 1_000_000)


def _dec(x) -> Decimal:
    if isinstance(x, Decimal):
        return x
    return Decimal(str(x).strip().replace(",", ".")) if isinstance(x, str) else Decimal(repr(float(x)))


def minuten(uren) -> int:
    """§8.13: whole minutes per week of a number of hours, half a minute rounded up."""
    return int((_dec(uren) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def leeftijd(geboortedatum: date, peildatum: date) -> int:
    """Age in full years; a birthday on the peildatum counts."""
    nog_niet_jarig = (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day)
    return peildatum.year - geboortedatum.year - nog_niet_jarig


def percentage(waarde) -> float:
    """§8.4: a plain number is the percentage itself; compare after rounding to 6 decimals."""
    if isinstance(waarde, str):
        waarde = waarde.strip().rstrip("%").replace(",", ".")
    return round(float(waarde), 6)


def task_shares(tables) -> dict:
    """SS-0: functiecode -> {task name without case and spaces: share} from the sheet Taken."""
    taken: dict = {}
    for r in tables.get("Taken", []):
        naam = "".join(str(r["taak"]).lower().split())
        taken.setdefault(str(r["functiecode"]), {})[naam] = float(r["aandeel"])
    return taken


def ss0_change(oud: dict, nieuw: dict) -> int:
    """SS-0: 100 - sum of min(share in o, share in n), whole percents, .5 rounded up."""
    common = sum(min(a, nieuw[t]) for t, a in oud.items() if t in nieuw)
    return int(100 - common + 0.5 + 1e-9)


class Context:
    """The facts of one scenario, looked up once: people, functions, tiers, orders."""

    def __init__(self, tables):
        params = dict(DEFAULTS)
        for row in tables.get("Parameters", []):
            if row.get("waarde") is not None:  # an empty cell keeps the default
                params[str(row["parameter"]).strip().lower().replace(" ", "_")] = row["waarde"]
        self.params = params
        self.peildatum = params["peildatum"]
        self.ingangsdatum = params.get("ingangsdatum") or self.peildatum  # H5
        self.afspiegeling = str(params["selectiemethode"]).strip().lower().startswith("afspiegel")
        self.medewerkers = {str(r["personeelsnummer"]): r for r in tables["Medewerkers"]}
        self.oud = {str(r["functiecode"]): r for r in tables["Oude functies"]}
        self.nieuw = {str(r["functiecode"]): r for r in tables["Nieuwe functies"]}
        self.pct = {}  # (oud, nieuw) -> lowest percentage (§8.4)
        taken = task_shares(tables)
        for r in tables.get("Functiemapping", []):
            pair = (str(r["oude_functie"]), str(r["nieuwe_functie"]))
            waarde = r.get("wijzigingspercentage")
            if waarde is None or waarde == "":
                waarde = ss0_change(taken[pair[0]], taken[pair[1]])
            self.pct[pair] = min(self.pct.get(pair, 1e9), percentage(waarde))
        self.gemapt = {n for (_, n) in self.pct}  # new functions some old function maps to
        self.oordeel = {(str(r["personeelsnummer"]), str(r["nieuwe_functie"])):
                        str(r["oordeel"]).strip().lower() for r in tables.get("Geschiktheid", [])}
        self.pins = {str(r["personeelsnummer"]): str(r["nieuwe_functie"])
                     for r in tables.get("Vastgezet", [])}
        normuren = _dec(params["normuren"])  # §8.13: every capacity comparison is in these minutes
        self.minuten = {m: minuten(_dec(r["fte"]) * normuren if leeg(r.get("uren")) else r["uren"])
                        for m, r in self.medewerkers.items()}
        # micro-fte, shown only (fte may be absent when uren is given); no rule compares them
        self.fte = {m: micro(r["fte"] if leeg(r.get("uren")) else _dec(r["uren"]) / normuren)
                    for m, r in self.medewerkers.items()}
        self._vpos, self._prio, self._uitkomst = {}, {}, {}  # memos only
        marge = micro(params["fte_marge"])
        self.cap = {n: micro(r["formatie_fte"]) + marge for n, r in self.nieuw.items()}  # idem
        self.ruimte = {n: minuten((_dec(r["formatie_fte"]) + _dec(params["fte_marge"])) * normuren)
                       for n, r in self.nieuw.items()}
        # P1: an adopted advice `boventallig` binds m as not placed (scenario-formaat.md, Adviezen)
        self.gebonden = {str(r["personeelsnummer"]) for r in tables.get("Adviezen", [])
                         if str(r.get("besluit") or "").strip().lower() == "overgenomen"
                         and str(r.get("advies") or "").strip().lower() == "boventallig"}
        self.iedereen = str(params["beleid"]).strip().lower() == "iedereen plaatsen"  # §6
        self.tiers = {(m, n): ss_tier(self, m, n) for m in self.medewerkers for n in self.nieuw}
        self.t1 = {m: [n for n in self.nieuw if self.tiers[(m, n)] == "T1"]
                   for m in self.medewerkers}
        self.volgorde = {n: sel_order(self, n) for n in self.nieuw}
        self.rang = {n: {m: i for i, m in enumerate(order)} for n, order in self.volgorde.items()}

    def tijdelijk(self, m) -> bool:
        return str(self.medewerkers[m].get("dienstverband") or "vast").strip().lower() == "tijdelijk"

    def voorkeur_positie(self, m, n) -> int:
        """§8.5: the column number of n in m's voorkeur list, NIET_GENOEMD if absent."""
        if (m, n) in self._vpos:  # memo only: large plans call this millions of times
            return self._vpos[m, n]
        self._vpos[m, n] = next((k for k in range(1, 6) if self.medewerkers[m].get(f"voorkeur_{k}") == n),
                                NIET_GENOEMD)
        return self._vpos[m, n]


def as_context(tables) -> Context:
    return tables if isinstance(tables, Context) else Context(tables)


# §1 Eligibility ------------------------------------------------------------------------

def ss_tier(ctx: Context, m, n):
    """SS-1 ... SS-6 for one pair (medewerker m, nieuwe functie n)."""
    persoon = ctx.medewerkers[m]
    if ctx.tijdelijk(m) and persoon.get("einddatum") and persoon["einddatum"] < ctx.ingangsdatum:
        return None  # H5: a tijdelijk contract ending before the ingangsdatum is not placed at all
    oud = str(persoon["functie"])
    pct = ctx.pct.get((oud, n))
    if pct is not None and pct <= float(ctx.params["drempel_wijziging"]):
        return "T1"  # SS-1; a judgment never removes it (SS-6)
    # rules v2: the level of the old *function*, not the personal scale (that only decides §8.6)
    delta = int(ctx.nieuw[n]["schaal"]) - int(ctx.oud[oud]["schaal"])
    oordeel = ctx.oordeel.get((m, n))
    if oordeel == "passend":  # SS-6, no floor for explicit judgments (§8.3)
        return "T2" if delta >= 0 else "T3"
    if oordeel == "geschikt":
        return "T4"
    if oordeel == "niet":
        return None
    if n not in ctx.gemapt:  # SS-5: a nieuwe functie is only reachable by judgment or pin
        return None
    familie_oud = ctx.oud.get(oud, {}).get("functiefamilie")
    familie_nieuw = ctx.nieuw[n].get("functiefamilie")
    verwant = pct is not None or (bool(familie_oud) and familie_oud == familie_nieuw)
    if not verwant:
        return None
    if delta == 0:
        return "T2"  # SS-2
    if -int(ctx.params["max_schalen_lager"]) <= delta < 0:
        return "T3"  # SS-3
    if 0 < delta <= int(ctx.params["max_schalen_hoger"]):
        return "T4"  # SS-4
    return None


def tier(tables, m, n):
    """'T1'..'T4' or None for medewerker m and nieuwe functie n."""
    return as_context(tables).tiers.get((m, n))


# §3 Selection order --------------------------------------------------------------------

def sel_a_key(ctx: Context, m):
    """SEL-A with H5: vast before tijdelijk, earlier in dienst, older, lower number."""
    p = ctx.medewerkers[m]
    return (ctx.tijdelijk(m), p["datum_in_dienst"], p["geboortedatum"], m)


def afspiegeling_removal_order(ctx: Context, leden):
    """SEL-B removal order within one set of candidates (vast or tijdelijk)."""
    groepen = {}
    for m in leden:
        age = leeftijd(ctx.medewerkers[m]["geboortedatum"], ctx.peildatum)
        groepen.setdefault(sum(age >= grens for grens in LEEFTIJDSGRENZEN), []).append(m)
    for g in groepen.values():  # shortest service first: latest in dienst, younger, higher nr
        g.sort(key=lambda m: (ctx.medewerkers[m]["datum_in_dienst"],
                              ctx.medewerkers[m]["geboortedatum"], m), reverse=True)
    weg = {g: 0 for g in groepen}
    order = []
    for j in range(1, len(leden) + 1):
        open_groepen = [g for g in groepen if weg[g] < len(groepen[g])]
        # largest j*s/|G| - r (times |G| to stay in integers); tie: larger s, younger group
        g = max(open_groepen, key=lambda g: (j * len(groepen[g]) - weg[g] * len(leden),
                                             len(groepen[g]), -g))
        order.append(groepen[g][weg[g]])
        weg[g] += 1
    return order


def sel_order(ctx: Context, n):
    kandidaten = [m for m in ctx.medewerkers if ctx.tiers[(m, n)] == "T1"]
    if not ctx.afspiegeling:
        return sorted(kandidaten, key=lambda m: sel_a_key(ctx, m))
    vast = [m for m in kandidaten if not ctx.tijdelijk(m)]
    tijdelijk = [m for m in kandidaten if ctx.tijdelijk(m)]
    # H5 first (§8.1): tijdelijk all removed before any vast, so they come last here
    return (afspiegeling_removal_order(ctx, vast)[::-1]
            + afspiegeling_removal_order(ctx, tijdelijk)[::-1])


def selection_order(tables, n):
    """The T1 candidates of n (the uitwisselbare groep), best first."""
    return list(as_context(tables).volgorde[n])


# §2 Hard rules -------------------------------------------------------------------------

def normalise(ctx: Context, plan) -> dict:
    return {m: (plan.get(m) or None) for m in ctx.medewerkers}


def room(ctx: Context, plan, n, m) -> int:
    """H4(b), in minutes: room(n) - the pinned in n - the non-pinned placed in n who rank above
    m in the priority at n (§4). For a vast T1 m: the vast T1 candidates above m in the selection
    order; for a tijdelijk m also every vast medewerker placed in n (H5)."""
    eigen = priority_key(ctx, m, n)
    bezet = sum(ctx.minuten[p] for p, f in ctx.pins.items() if f == n)
    bezet += sum(ctx.minuten[p] for p, f in plan.items()
                 if f == n and p not in ctx.pins and p != m and priority_key(ctx, p, n) < eigen)
    return ctx.ruimte[n] - bezet


def opt_out_functie(ctx: Context, m, n) -> bool:
    """H4(a): n is eligible for m and m's voorkeur list ranks it strictly before every T1
    function of m (m has at least one)."""
    if n is None or not ctx.t1[m] or ctx.tiers.get((m, n)) is None:
        return False
    return all(ctx.voorkeur_positie(m, n) < ctx.voorkeur_positie(m, t) for t in ctx.t1[m])


def opted_out(ctx: Context, plan, m) -> bool:
    """H4(a): placed, eligibly, strictly before every T1 function in m's voorkeur list."""
    return opt_out_functie(ctx, m, plan[m])


def bezetting(ctx, plan) -> dict:
    """Minutes per week placed in each nieuwe functie."""
    bezet = dict.fromkeys(ctx.nieuw, 0)
    for m, n in plan.items():
        if n in bezet:  # an unknown code is H2's business
            bezet[n] += ctx.minuten[m]
    return bezet


def H1(ctx, plan):
    if ctx.iedereen:  # §6: capacity may be exceeded, but nobody eligible stays unplaced
        for m, n in plan.items():
            if n is None and any(ctx.tiers[(m, f)] for f in ctx.nieuw):
                yield Violation("§6", m, None, "niet geplaatst onder 'iedereen plaatsen'")
        return
    for n, bezet in bezetting(ctx, plan).items():
        if bezet > ctx.ruimte[n]:
            yield Violation("H1", None, n, f"{bezet} minuten per week geplaatst, ruimte {ctx.ruimte[n]}")


def H2(ctx, plan):
    for m, n in plan.items():
        if n is not None and ctx.pins.get(m) != n and ctx.tiers.get((m, n)) is None:
            yield Violation("H2", m, n, f"{m} is niet plaatsbaar in {n}")


def H3(ctx, plan):
    for m, n in ctx.pins.items():
        if plan.get(m) != n:
            yield Violation("H3", m, n, f"{m} is vastgezet op {n} maar staat op {plan.get(m)}")


def H4(ctx, plan):
    for m in ctx.medewerkers:
        if not ctx.t1[m] or m in ctx.pins or plan[m] in ctx.t1[m] or opted_out(ctx, plan, m):
            continue
        past = [n for n in ctx.t1[m] if room(ctx, plan, n, m) >= ctx.minuten[m]]
        if past:
            yield Violation("H4", m, past[0], f"functievolger {m} past nog in {past[0]}")


def H5(ctx, plan, uitkomsten):
    """The ranking half of H5 lives in sel_a_key/sel_order; this checks the uitkomst."""
    for m in ctx.medewerkers:
        if uitkomsten is None or plan[m] is not None:
            continue
        verwacht = "niet geplaatst (tijdelijk)" if ctx.tijdelijk(m) else "boventallig"
        if uitkomsten.get(m) != verwacht:
            yield Violation("H5", m, None, f"uitkomst {uitkomsten.get(m)!r}, verwacht {verwacht!r}")


def hard_violations(ctx, plan, uitkomsten=None):
    return [*H1(ctx, plan), *H2(ctx, plan), *H3(ctx, plan), *H4(ctx, plan),
            *H5(ctx, plan, uitkomsten)]


# §4 Optimisation rules that any single plan can be checked on --------------------------

def tier_rank(ctx, m, n) -> int:
    t = ctx.tiers.get((m, n))
    return TIERS.index(t) if t else len(TIERS)


def priority_key(ctx, m, n):
    """Priority at n (§4, rules v2), smaller first: vast before tijdelijk (H5), then the better
    tier for n, then n's selection order among its T1 candidates (SEL-B when afspiegeling
    applies) or SEL-A (with H5) for T2-T4. Someone not eligible for n ranks after each tier."""
    if (m, n) not in ctx._prio:  # memo only: room() asks it for every occupant
        ctx._prio[m, n] = ((ctx.tijdelijk(m), 0, ctx.rang[n][m]) if ctx.tiers.get((m, n)) == "T1"
                           else (ctx.tijdelijk(m), tier_rank(ctx, m, n), sel_a_key(ctx, m)))
    return ctx._prio[m, n]


def O2(ctx, plan):
    """No unplaced m who outranks a placed, non-pinned m2 at n (priority_key: a T1 m2 is safe
    from a vast non-T1 m, a tijdelijk m2 is not safe from a vast m) and fits in m2's place."""
    bezet = bezetting(ctx, plan)
    for m in ctx.medewerkers:
        if plan[m] is not None or m in ctx.pins or m in ctx.gebonden:
            continue
        for n in ctx.nieuw:
            if ctx.tiers[(m, n)] is None:
                continue
            for m2 in [p for p, f in plan.items() if f == n]:
                if m2 in ctx.pins or priority_key(ctx, m, n) >= priority_key(ctx, m2, n):
                    continue
                if not ctx.iedereen and bezet[n] - ctx.minuten[m2] + ctx.minuten[m] > ctx.ruimte[n]:
                    continue  # shortcut only: the trial would break H1 at n
                trial = dict(plan)
                trial[m], trial[m2] = n, None
                if not hard_violations(ctx, trial):
                    yield Violation("O2", m, n, f"{m} gaat voor {m2} in {n} en past op diens plaats")


def outcome_key(ctx, m, n):
    """Outcome order for m (smaller is better): placed, tier, voorkeur position. Rules v2: an
    H4 (a) opt-out function (m's voorkeur list ranks it above all of m's T1 functions) counts
    as a T1 outcome, so O6 never moves m back. Only this order uses it: the O6 totals (§8.7,
    score) keep the real tiers, as O3 counts real tiers."""
    if n is None:
        return (1, len(TIERS), NIET_GENOEMD)
    if (m, n) not in ctx._uitkomst:  # memo only: O6 asks it for every pair of placed people
        rang = 0 if opt_out_functie(ctx, m, n) else tier_rank(ctx, m, n)
        ctx._uitkomst[m, n] = (0, rang, ctx.voorkeur_positie(m, n))
    return ctx._uitkomst[m, n]


def O6(ctx, plan):
    geplaatst = sorted((m for m, f in plan.items() if f is not None and m not in ctx.pins),
                       key=lambda m: sel_a_key(ctx, m))
    for i, m in enumerate(geplaatst):
        for m2 in geplaatst[i + 1:]:  # m ranks higher in SEL-A (with H5) than m2
            n1, n2 = plan[m], plan[m2]
            if outcome_key(ctx, m, n2) >= outcome_key(ctx, m, n1):
                continue
            # same O3-O5 totals (§8.7): only m's and m2's share of the score changes
            voor = totaal([bijdrage(ctx, m, n1), bijdrage(ctx, m2, n2)])
            na = totaal([bijdrage(ctx, m, n2), bijdrage(ctx, m2, n1)])
            trial = dict(plan)
            trial[m], trial[m2] = n2, n1
            if (na[1:] == voor[1:] and not hard_violations(ctx, trial)
                    and overbezetting(ctx, trial) == overbezetting(ctx, plan)  # §6: O1 there
                    and not any(O2(ctx, trial))):
                yield Violation("O6", m, n2, f"ruil met {m2} geeft {m} een betere uitkomst")


def O6b(ctx, plan):
    """O6 (b): nobody unplaced while a less senior colleague keeps a place that a chain of
    same-outcome moves of placed, non-pinned colleagues would free for them (regels.md §7.7).

    Brute force: for each unplaced m and placed, non-pinned m2 below m in SEL-A (with H5), try
    every plan in which m2 is out, m is in, and everyone else keeps the function or moves to one
    with the same outcome (tier and voorkeur position); such a plan must keep H1-H5, O2 and the
    O1-O5 totals. Like O6 itself, it only ranks plans that keep H1-H5 and O2."""
    if hard_violations(ctx, plan) or any(O2(ctx, plan)):
        return
    totals = score(ctx, plan)
    geplaatst = [m for m, f in plan.items() if f is not None and m not in ctx.pins]
    for m in sorted(ctx.medewerkers, key=lambda x: sel_a_key(ctx, x)):
        if plan[m] is not None or m in ctx.pins or m in ctx.gebonden:
            continue
        for m2 in geplaatst:
            if sel_a_key(ctx, m2) <= sel_a_key(ctx, m):
                continue
            if _vrije_keten(ctx, plan, m, m2, totals):
                yield Violation("O6", m, plan[m2], f"{m} is niet geplaatst terwijl {m2} (kortere diensttijd) "
                                "een plaats houdt die door verschuiven bij gelijke uitkomst vrij zou komen")
                break


def _vrije_keten(ctx, plan, m, m2, totals) -> bool:
    anderen = [q for q, f in plan.items() if f is not None and q not in ctx.pins and q != m2]
    keuzes = [[plan[q]] + [n for n in ctx.nieuw if n != plan[q] and ctx.tiers.get((q, n))
                             and outcome_key(ctx, q, n) == outcome_key(ctx, q, plan[q])] for q in anderen]
    voor_m = [n for n in ctx.nieuw if ctx.tiers.get((m, n))]
    for kies in product(*keuzes):
        for n in voor_m:
            trial = dict(plan)
            trial.update(zip(anderen, kies))
            trial[m], trial[m2] = n, None
            if score(ctx, trial) == totals and not hard_violations(ctx, trial) and not any(O2(ctx, trial)):
                return True
    return False


def F3(ctx, plan):
    for n in ctx.nieuw:
        for m in ctx.volgorde[n]:
            if m in ctx.pins or plan[m] in ctx.t1[m] or opted_out(ctx, plan, m):
                continue
            if room(ctx, plan, n, m) >= ctx.minuten[m]:
                yield Violation("F3", m, n, f"{m} valt af in {n} terwijl er ruimte is")


def O1_toevoegbaar(ctx, plan):
    """O1 (issue 23): nobody stays unplaced who could simply be added: an unplaced m (not
    pinned, not bound as not placed by an advice; H5 einddatum leaves m no eligible function)
    and an eligible n such that m in n, nobody else moving, keeps H1-H5. Brute force."""
    if ctx.iedereen:  # §6 already reports every unplaced eligible medewerker
        return
    bezet = bezetting(ctx, plan)
    for m in ctx.medewerkers:
        if plan[m] is not None or m in ctx.pins or m in ctx.gebonden:
            continue
        for n in ctx.nieuw:
            if ctx.tiers[(m, n)] is None or bezet[n] + ctx.minuten[m] > ctx.ruimte[n]:
                continue  # the capacity test is a shortcut only: the trial would break H1 at n
            if not hard_violations(ctx, {**plan, m: n}):
                yield Violation("O1", m, n, f"{m} is niet geplaatst maar past zonder verschuiven in {n}")
                break


def check_plan(tables, plan, uitkomsten=None):
    """All violations of F1 (H1-H5), O1 (nobody who could simply be added), F2 (O2, O6) and
    F3. `uitkomsten` (personeelsnummer -> uitkomst) is optional; without it H5 is only checked
    through the selection order."""
    ctx = as_context(tables)
    plan = normalise(ctx, plan)
    return [*hard_violations(ctx, plan, uitkomsten), *O1_toevoegbaar(ctx, plan), *O2(ctx, plan),
            *O6(ctx, plan), *O6b(ctx, plan), *F3(ctx, plan)]


# Brute force optimum -------------------------------------------------------------------

def bijdrage(ctx, m, n) -> Score:
    """m's share of the score when in n (None: not placed); tiers and voorkeuren count the
    non-pinned only, the salarisgarantie counts everyone."""
    if n is None:
        return Score(1, (0,) * len(TIERS), (0,) * 5, 0)
    tiers, voorkeuren = [0] * len(TIERS), [0] * 5
    if m not in ctx.pins:
        if ctx.tiers.get((m, n)):
            tiers[tier_rank(ctx, m, n)] = 1
        if ctx.voorkeur_positie(m, n) != NIET_GENOEMD:
            voorkeuren[ctx.voorkeur_positie(m, n) - 1] = 1
    # §8.6: salarisgarantie = placed below the personal scale (not the old function's level)
    kosten = ctx.minuten[m] * max(0, int(ctx.medewerkers[m]["schaal"]) - int(ctx.nieuw[n]["schaal"]))
    return Score(0, tuple(tiers), tuple(voorkeuren), kosten)


def totaal(delen) -> Score:
    """The sum of shares (bijdrage); the empty sum is a zero score."""
    delen = [Score(0, (0,) * len(TIERS), (0,) * 5, 0), *delen]
    return Score(sum(d.niet_geplaatst for d in delen), tuple(map(sum, zip(*(d.tiers for d in delen)))),
                 tuple(map(sum, zip(*(d.voorkeuren for d in delen)))), sum(d.salarisgarantie for d in delen))


def score(tables, plan) -> Score:
    ctx = as_context(tables)
    return totaal(bijdrage(ctx, m, n) for m, n in normalise(ctx, plan).items())


def all_valid_plans(ctx: Context):
    """Every plan meeting H1-H5; capacity (H1) prunes while enumerating."""
    mensen = sorted(ctx.medewerkers)
    opties = {m: [ctx.pins[m]] if m in ctx.pins else [None] if m in ctx.gebonden
              else [None] + [n for n in ctx.nieuw if ctx.tiers[(m, n)]] for m in mensen}
    if ctx.iedereen:  # §6: everyone eligible is placed, capacity does not prune
        opties = {m: [n for n in o if n is not None] or [None] for m, o in opties.items()}
    plan, bezet, gevonden = {}, {n: 0 for n in ctx.nieuw}, []

    def extend(i):
        if i == len(mensen):
            if not hard_violations(ctx, plan):
                gevonden.append(dict(plan))
            return
        m = mensen[i]
        for n in opties[m]:
            if n is not None and (n not in bezet or (bezet[n] + ctx.minuten[m] > ctx.ruimte[n]
                                                     and not ctx.iedereen)):
                continue
            plan[m] = n
            if n is not None:
                bezet[n] += ctx.minuten[m]
            extend(i + 1)
            if n is not None:
                bezet[n] -= ctx.minuten[m]
        plan.pop(m, None)

    extend(0)
    return gevonden


def overbezetting(ctx, plan) -> tuple[int, int]:
    """§6: (functions over capacity, minutes over capacity); (0, 0) under the other policies."""
    over = [max(0, bezet - ctx.ruimte[n]) for n, bezet in bezetting(ctx, plan).items()]
    return sum(o > 0 for o in over), sum(over)


def brute_force(tables) -> Optimum | None:
    """O1 minimum, and the O3-O5 optimum among minimal plans that meet O2. None when no
    plan meets H1-H5 at all (regels.md H4: possible under SEL-B only)."""
    ctx = as_context(tables)
    assert len(ctx.medewerkers) <= 7, "brute force is for tiny scenarios"
    plans = all_valid_plans(ctx)
    if not plans:
        return None
    minimum = min(score(ctx, p).niet_geplaatst for p in plans)
    kandidaten = sorted((p for p in plans if score(ctx, p).niet_geplaatst == minimum),
                        key=lambda p: (overbezetting(ctx, p), score(ctx, p).key()))
    for plan in kandidaten:
        if not any(O2(ctx, plan)):
            return Optimum(minimum, score(ctx, plan), plan)
    raise AssertionError("regels.md O2 promises a plan without push-outs; none found")
