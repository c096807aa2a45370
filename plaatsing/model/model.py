"""The CP-SAT model of one component: one function per rule of regels.md §2 and §4.

`build_model` reads like the rulebook: capacity (H1), eligibility (H2: a variable exists
only for an eligible pair), functievolgerrecht (H4); O2 is added as cuts where a solution
violates it (`add_o2_verdringing`), the O-stages are objectives set by `oplossen`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from plaatsing.regels.deelproblemen import Component
from plaatsing.model.knapzak import grootste_deelsom, maximale_vullingen

MAX_VULLINGEN = 5000  # maximal fillings per function for the exact H1 form (define_h1_vullingen)


@dataclass
class Model:
    comp: Component
    cp: cp_model.CpModel
    x: dict[tuple[str, str], cp_model.IntVar]
    geplaatst: dict[str, cp_model.IntVar]
    belasting: dict[str, cp_model.LinearExpr]        # functie -> Σ minutes·x (non-pinned)
    ruimte_t1: dict[tuple[str, str], object]         # (persoon, T1 functie) -> literal or bool
    vol: dict[str, int] = field(default_factory=dict)            # functie -> largest load whole candidates reach
    o2_cuts: set = field(default_factory=set)
    _passen_niet: dict = field(default_factory=dict)
    _kan_weg: dict = field(default_factory=dict)
    _ruimte_na: dict = field(default_factory=dict)
    vullingen: tuple[int, int] | None = None                     # constraint range of define_h1_vullingen
    nooit_verloren: set = field(default_factory=set)             # functievolgers who always keep a T1 right
    seed: int = 0                                                # CP-SAT random_seed for this component
    boven: dict[str, cp_model.IntVar] = field(default_factory=dict)  # functie -> over formatie (§6)
    over: dict[str, cp_model.IntVar] = field(default_factory=dict)   # functie -> minutes over formatie (§6)
    bovengrens: dict[int, int] = field(default_factory=dict)        # variable index -> upper bound, if not 0/1
    _sleutels: dict = field(default_factory=dict)                   # variable index -> (persoon, functie) etc.


def build_model(comp: Component) -> Model:
    cp = cp_model.CpModel()
    x = {(o.persoon, o.functie): cp.NewBoolVar(f"x[{o.persoon},{o.functie}]")
         for p in comp.personen for o in comp.opties[p]}
    m = Model(comp, cp, x, {}, {}, {})
    define_vol(m)
    define_een_plaats(m)
    define_h1_capaciteit(m)
    define_h4_functievolgerrecht(m)
    return m


def define_vol(m: Model) -> None:
    """The room of each function as whole candidates can fill it: the largest subset sum of their
    fte within formatie + marge − pins (knapzak.grootste_deelsom). Every rule that compares a load
    with the room (H1, H4b, O2) compares a sum of candidates' fte, so using this instead of the room
    changes no plan, while the solver gets a much tighter LP (part-time fte)."""
    kandidaten: dict[str, list[int]] = {f: [] for f in m.comp.functies}
    for p, f in m.x:
        kandidaten[f].append(m.comp.minuten[p])
    m.vol = {f: grootste_deelsom(w, m.comp.ruimte[f]) for f, w in kandidaten.items()}


def define_een_plaats(m: Model) -> None:
    """People are placed whole, in at most one function (H1: no partial placement)."""
    for p in m.comp.personen:
        var = m.cp.NewBoolVar(f"geplaatst[{p}]")
        m.cp.Add(sum(m.x[p, o.functie] for o in m.comp.opties[p]) == var)
        m.geplaatst[p] = var


def define_h1_capaciteit(m: Model) -> None:
    """H1: Σ fte placed in n ≤ formatie_fte(n) + fte_marge − fte of the pinned in n (as `vol`)."""
    per_functie: dict[str, list] = {f: [] for f in m.comp.functies}
    for (p, f), var in m.x.items():
        per_functie[f].append((m.comp.minuten[p], var))
    for f, termen in per_functie.items():
        m.belasting[f] = cp_model.LinearExpr.WeightedSum([v for _, v in termen], [w for w, _ in termen])
        if m.comp.overbezetting:
            continue
        if sum(w for w, _ in termen) > m.vol[f]:
            m.cp.Add(m.belasting[f] <= m.vol[f]).WithName(f"H1[{f}]")
    if m.comp.overbezetting:
        define_iedereen_geplaatst(m, per_functie)


def define_iedereen_geplaatst(m: Model, per_functie: dict[str, list]) -> None:
    """Beleid 'iedereen plaatsen' (regels.md §6): H1 may be exceeded and every medewerker with an
    eligible function is placed. Per function the fte over formatie + marge − pins (`over`, exact
    once minimised) and whether it is over at all (`boven`); the stages minimise these first."""
    for p in m.comp.personen:
        m.cp.Add(m.geplaatst[p] == 1).WithName(f"iedereen[{p}]")
    for f, termen in per_functie.items():
        hoogstens = sum(w for w, _ in termen) - m.comp.ruimte[f]
        if hoogstens <= 0:
            continue
        over = m.cp.NewIntVar(0, hoogstens, f"over[{f}]")
        boven = m.cp.NewBoolVar(f"boven[{f}]")
        m.cp.Add(m.belasting[f] <= m.comp.ruimte[f] + over).WithName(f"H1-over[{f}]")
        m.cp.Add(over == 0).OnlyEnforceIf(boven.Not())
        m.over[f], m.boven[f] = over, boven
        m.bovengrens[over.Index()] = hoogstens


def define_h1_vullingen(m: Model) -> int:
    """H1 in its exact integer form, for functions filled by people of several fte classes: the
    number placed per class lies below one of the maximal fillings (knapzak.maximale_vullingen).
    Every plan meets it already; it gives the LP the integer hull of each capacity row, which
    proves optima that depend on how full a function can get (O5 with part-time fte). Costly
    for the solver, so `oplossen` adds it only when a stage is not proven quickly, and removes
    it again (`remove_h1_vullingen`). Returns the number of functions it was added for."""
    comp = m.comp
    begin = len(m.cp.Proto().constraints)
    aantal = 0
    for f in comp.functies if not comp.overbezetting else ():  # §6: no capacity row to tighten
        kandidaten = comp.kandidaten(f)
        if sum(comp.minuten[p] for p in kandidaten) <= m.vol[f]:
            continue
        per_klasse: dict[int, list[str]] = {}
        for p in kandidaten:
            per_klasse.setdefault(comp.minuten[p], []).append(p)
        if len(per_klasse) < 2:
            continue  # one class: the bound of define_h1_capaciteit is exact already
        klassen = sorted(((v, len(ps)) for v, ps in per_klasse.items()), reverse=True)
        vullingen = maximale_vullingen(klassen, m.vol[f], MAX_VULLINGEN)
        if vullingen is None:
            continue
        keuze = [m.cp.NewBoolVar(f"vulling[{f},{i}]") for i in range(len(vullingen))]
        m.cp.AddExactlyOne(keuze)
        for j, (v, _) in enumerate(klassen):
            m.cp.Add(sum(m.x[p, f] for p in per_klasse[v]) <= cp_model.LinearExpr.WeightedSum(
                keuze, [vulling[j] for vulling in vullingen])).WithName(f"H1-vulling[{f},{v}]")
        aantal += 1
    m.vullingen = (begin, len(m.cp.Proto().constraints))
    return aantal


def remove_h1_vullingen(m: Model) -> None:
    """Take the constraints of define_h1_vullingen out again: they are emptied in place (an empty
    constraint is valid and ignored); their variables stay, unconstrained."""
    if m.vullingen is not None:
        begin, einde = m.vullingen
        beperkingen = m.cp.Proto().constraints
        for i in range(begin, einde):
            beperkingen[i].clear_linear()
            beperkingen[i].clear_exactly_one()
            beperkingen[i].clear_name()
        m.vullingen = None


def define_h4_functievolgerrecht(m: Model) -> None:
    """H4: a functievolger goes to a T1 function, unless (a) opting out or (b) lost the selection.

    room[p, n] is exact: true iff those who go before p at n and are placed there (the T1 candidates
    ranked above p; for a tijdelijk p also every vast candidate, H5) leave at least minutes(p) of the
    room (§8.2: pins only count through their hours).
    """
    comp = m.comp
    for f, volgorde in comp.t1_volgorde.items():
        for p in volgorde:
            voor = comp.voorgangers_h4(p, f)  # T1 above p; for a tijdelijk p also every vast candidate (H5)
            gewichten = [comp.minuten[q] for q in voor]
            grens = m.vol[f] - comp.minuten[p]
            if grens < 0:
                m.ruimte_t1[p, f] = False
            elif sum(gewichten) <= grens:
                m.ruimte_t1[p, f] = True
            else:
                lit = m.cp.NewBoolVar(f"ruimte[{p},{f}]")
                som = cp_model.LinearExpr.WeightedSum([m.x[q, f] for q in voor], gewichten)
                m.cp.Add(som <= grens).OnlyEnforceIf(lit)
                m.cp.Add(som >= grens + 1).OnlyEnforceIf(lit.Not())
                m.ruimte_t1[p, f] = lit
    for p in comp.personen:
        t1 = comp.t1.get(p)
        if not t1:
            continue
        ruimtes = [m.ruimte_t1[p, f] for f in t1]
        if all(r is False for r in ruimtes):
            continue  # lost the selection everywhere, whatever the others do (H4b)
        keuzes = [m.x[p, f] for f in t1] + [m.x[p, f] for f in sorted(comp.opt_out.get(p, ()))]
        open_ = [f for f in t1 if m.ruimte_t1[p, f] is not False]
        if any(r is True for r in ruimtes) or _nooit_verloren(m, p, open_):
            m.nooit_verloren.add(p)
            if not any(r is True for r in ruimtes):
                m.cp.AddBoolOr([m.ruimte_t1[p, f] for f in open_])
            m.cp.AddBoolOr(keuzes).WithName(f"H4[{p}]")
            continue
        alles_verloren = m.cp.NewBoolVar(f"verloren[{p}]")
        for f in open_:
            m.cp.AddImplication(alles_verloren, m.ruimte_t1[p, f].Not())
        # the sum of those conditions: the colleagues ranked above p fill all of p's T1 functions
        voor = _voorgangers(m, p, open_)
        m.cp.Add(sum(comp.minuten[q] * m.x[q, f] for f, qs in voor.items() for q in qs)
                 >= sum(m.vol[f] - comp.minuten[p] + 1 for f in open_)).OnlyEnforceIf(alles_verloren)
        m.cp.AddBoolOr(keuzes + [alles_verloren]).WithName(f"H4[{p}]")


def _voorgangers(m: Model, p: str, functies: list[str]) -> dict[str, list[str]]:
    """Per T1 function of p: who goes before p there under H4 (b)."""
    return {f: m.comp.voorgangers_h4(p, f) for f in functies}


def _nooit_verloren(m: Model, p: str, functies: list[str]) -> bool:
    """H4(b) together over p's T1 functions: p loses the selection only if in each of them the
    colleagues ranked above p leave less than fte(p), so they fill Σ (vol − fte(p) + 1) in all.
    Each colleague counts once (one place per person): if the colleagues ranked above p in any
    of these functions have less fte than that together, p can never lose the selection and
    must be placed in a T1 function (or H4(a))."""
    collegas = {q for qs in _voorgangers(m, p, functies).values() for q in qs}
    return sum(m.comp.minuten[q] for q in collegas) < sum(m.vol[f] - m.comp.minuten[p] + 1 for f in functies)


def add_o2_verdringing(m: Model, persoon: str, ander: str, functie: str) -> bool:
    """O2 cut: unplaced `persoon` may not be kept out of `functie` by lower-ranked `ander`,
    when `ander` could be replaced (fits, and `ander` has no room left as functievolger)."""
    sleutel = (persoon, ander, functie)
    if sleutel in m.o2_cuts or ander in m.nooit_verloren:
        return False
    m.o2_cuts.add(sleutel)
    comp = m.comp
    clausule = [m.geplaatst[persoon], m.x[ander, functie].Not()]
    tekort = comp.minuten[persoon] - comp.minuten[ander]
    if tekort > 0:
        if functie not in m._passen_niet.setdefault(tekort, {}):
            lit = m.cp.NewBoolVar(f"past_niet[{functie},{tekort}]")
            m.cp.Add(m.belasting[functie] >= m.vol[functie] - tekort + 1).OnlyEnforceIf(lit)
            m._passen_niet[tekort][functie] = lit
        clausule.append(m._passen_niet[tekort][functie])
    vast_ervoor = ander in comp.tijdelijk and persoon not in comp.tijdelijk
    ruimtes = _ruimtes_na_vervanging(m, ander, functie, comp.minuten[persoon] if vast_ervoor else None)
    if ruimtes is None:
        return True
    m.cp.AddBoolOr(clausule + ruimtes).WithName(f"O2[{persoon},{ander},{functie}]")
    return True


def _ruimtes_na_vervanging(m: Model, ander: str, functie: str, vast_minuten: int | None) -> list | None:
    """The H4 (b) room literals of occupant `ander` in each of his T1 functions once he is replaced in `functie`
    (O2: he may leave only when none is true), or None when one is always true. `vast_minuten`: a vast colleague of
    these minutes replaces a tijdelijk `ander`, who is not protected against him (H5): his room in `functie` is then
    judged with that colleague in his place."""
    ruimtes = []
    for f in m.comp.t1.get(ander, ()):
        ruimte = m.ruimte_t1[ander, f]
        if f == functie and vast_minuten is not None and ruimte is not False:
            ruimte = _ruimte_na(m, ander, f, vast_minuten)
        if ruimte is True:
            return None
        if ruimte is not False:
            ruimtes.append(ruimte)
    return ruimtes


def _ruimte_na(m: Model, persoon: str, functie: str, extra: int):
    """H4 (b) room of tijdelijk `persoon` at its T1 `functie` once a vast colleague of `extra` minutes
    more is placed there: True, False or an exact literal."""
    sleutel = (persoon, functie, extra)
    if sleutel not in m._ruimte_na:
        voor = m.comp.voorgangers_h4(persoon, functie)
        gewichten = [m.comp.minuten[q] for q in voor]
        grens = m.vol[functie] - m.comp.minuten[persoon] - extra
        if grens < 0:
            waarde = False
        elif sum(gewichten) <= grens:
            waarde = True
        else:
            waarde = m.cp.NewBoolVar(f"ruimte_na[{persoon},{functie},{extra}]")
            som = cp_model.LinearExpr.WeightedSum([m.x[q, functie] for q in voor], gewichten)
            m.cp.Add(som <= grens).OnlyEnforceIf(waarde)
            m.cp.Add(som >= grens + 1).OnlyEnforceIf(waarde.Not())
        m._ruimte_na[sleutel] = waarde
    return m._ruimte_na[sleutel]


def define_o2_vooraf(m: Model) -> None:
    """O2 up front for the common case: an occupant who could leave without breaking H4 (no T1 right,
    or lost the selection everywhere) and has at least the fte of an unplaced colleague who outranks
    him at that function, could be replaced — so that colleague must be placed. Encoded per function
    with suffix literals ('someone after this position holds a place and could leave'), linear in
    the number of candidates. The remaining O2 cases (less fte) come as cuts."""
    comp = m.comp
    for f in comp.functies:
        kandidaten = sorted((p for p in comp.kandidaten(f) if comp.optie(p, f).tier != 1),
                            key=lambda p: comp.prioriteit(p, f))
        if len(kandidaten) < 2:
            continue
        for fte in sorted({comp.minuten[p] for p in kandidaten}):
            achter = None  # literal: a replaceable candidate after this position holds a place in f
            for p in reversed(kandidaten):
                if achter is not None and comp.minuten[p] == fte:
                    m.cp.AddImplication(achter, m.geplaatst[p])
                vervangbaar = _kan_weg(m, p)
                if vervangbaar is not False and comp.minuten[p] >= fte:
                    nieuw = m.cp.NewBoolVar(f"o2_achter[{f},{fte},{p}]")
                    voorwaarde = [m.x[p, f].Not(), nieuw] + ([] if vervangbaar is True else [vervangbaar.Not()])
                    m.cp.AddBoolOr(voorwaarde)
                    if achter is not None:
                        m.cp.AddImplication(achter, nieuw)
                    achter = nieuw
    define_o2_tijdelijk_vooraf(m)


def define_o2_tijdelijk_vooraf(m: Model) -> None:
    """O2 up front for a tijdelijk functievolger in his T1 function: every vast candidate there outranks him (H5),
    and he is replaceable by an unplaced vast colleague of no more hours when he then has no room left in any T1
    function (his room there judged with that colleague in his place, as in add_o2_verdringing). Per function and
    hours class one literal, 'such an occupant holds a place here', which makes every vast candidate of that class
    placed. These are the cuts the lazy loop needed most (measured on 1,500 people with fte 1: all 171 cuts of O3),
    each one a new solve."""
    comp = m.comp
    if not comp.tijdelijk:
        return
    for f in comp.functies:
        kandidaten = comp.kandidaten(f)
        volgers = [q for q in kandidaten if q in comp.tijdelijk and comp.optie(q, f).tier == 1
                   and q not in m.nooit_verloren]
        vast = [p for p in kandidaten if p not in comp.tijdelijk]
        if not volgers or not vast:
            continue
        for fte in sorted({comp.minuten[p] for p in vast}):
            clausules = []
            for q in volgers:
                if comp.minuten[q] < fte:
                    continue  # a colleague of more hours does not fit in his place by his leaving alone: a cut
                ruimtes = _ruimtes_na_vervanging(m, q, f, fte)
                if ruimtes is None:
                    continue  # he keeps room in a T1 function: never replaceable
                clausules.append([m.x[q, f].Not()] + ruimtes)
            if not clausules:
                continue
            bezet = m.cp.NewBoolVar(f"o2_tijdelijk[{f},{fte}]")
            for clausule in clausules:
                m.cp.AddBoolOr(clausule + [bezet])
            for p in vast:
                if comp.minuten[p] == fte:
                    m.cp.AddImplication(bezet, m.geplaatst[p])


def _kan_weg(m: Model, p: str):
    """True, False or a literal: p may be left unplaced under H4 (no T1 right, or no room in any
    T1 function). The literal is exact, as O2 needs it in both directions."""
    if p in m._kan_weg:
        return m._kan_weg[p]
    ruimtes = [m.ruimte_t1[p, f] for f in m.comp.t1.get(p, ())]
    if not ruimtes or all(r is False for r in ruimtes):
        waarde = True
    elif p in m.nooit_verloren:
        waarde = False
    else:
        waarde = m.cp.NewBoolVar(f"kan_weg[{p}]")
        open_ = [r for r in ruimtes if r is not False]
        for r in open_:
            m.cp.AddImplication(waarde, r.Not())
        m.cp.AddBoolOr(open_ + [waarde])
    m._kan_weg[p] = waarde
    return waarde

