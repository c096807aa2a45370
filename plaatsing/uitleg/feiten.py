"""The explanation engine: for every medewerker, the decision as structured facts, computed once.

Per person: the ground of the outcome, and for every function better than the outcome (plus the
own T1 functions) the deciding rule with the concrete facts behind it — the formatie, who holds
it in anonymous categories with counts and fte, the person's rank, the room next to those who go
before, the person's fte, a pin's toelichting. Motivering, `uitleg` (text and JSON) and the
`regels` column are all rendered from these facts (uitleg/zinnen.py), so they cannot disagree;
a fact that does not hold is never stated.

Other layers add fact kinds as arguments (`extra_bronnen`): a function (gegevens, persoon) -> list of
Feit (rule ID + one sentence for that person), appended to the person's motivering and rules. The
engine imports none of them (procedure/antwoord.py gives the answers to advices, plannen passes it).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import pandas as pd

from plaatsing.parameters import AFSPIEGELING
from plaatsing.regels.herplaatsing import BLAD as HERPLAATSING_BLAD, blad_per_persoon, herplaatsing, per_persoon
from plaatsing.regels.kandidaten import ONGENOEMD, TIER_NAAM, Kandidaten
from plaatsing.regels.maat import uitkomst_naam, functie_delta, minuten_per_medewerker, prioriteit, ruimte_per_functie
from plaatsing.scenario import Scenario
from plaatsing.waarden import tabelrijen

# Categories of colleagues holding a function, seen from one person, in the order of precedence
# at that function (§4 'priority at a function'); 'na' = holds a place but does not go before.
BESLUIT, FUNCTIEVOLGER, PASSENDER, LANGER, GELIJK, VAST, AFSPIEGELING_VOOR, NA = (
    "besluit", "functievolger", "passender", "langer", "gelijk", "vast", "afspiegeling", "na")
VOLGORDE = (BESLUIT, VAST, FUNCTIEVOLGER, PASSENDER, LANGER, GELIJK, AFSPIEGELING_VOOR, NA)
STADIA = ("O1", "O3", "O4", "O5", "O6")  # what a swap would cost, worst first


@dataclass(frozen=True)
class Feit:
    """One extra statement for a person (hook for other modules): rule ID and one Dutch sentence."""

    regel: str
    zin: str
    vervangt_grond: bool = False  # the decision rests on this fact (an adopted advice): it opens the motivering


@dataclass(frozen=True)
class Bezetting:
    """Who holds a function, from one person's point of view: category -> (count, minutes per week)."""

    formatie: int                      # room(n): formatie + fte_marge, in minutes (§8.13)
    aantallen: tuple[tuple[str, int, int], ...]
    toelichtingen: tuple[str, ...]     # of the pins in the function (§8.11)

    def aantal(self, categorie: str) -> int:
        return next((n for c, n, _ in self.aantallen if c == categorie), 0)

    def fte(self, categorie: str) -> int:
        return next((f for c, _, f in self.aantallen if c == categorie), 0)

    @property
    def bezet(self) -> int:
        return sum(f for _, _, f in self.aantallen)

    @property
    def voor(self) -> int:
        """fte of all who go before the person (pins included)."""
        return sum(f for c, _, f in self.aantallen if c != NA)


@dataclass(frozen=True)
class Reden:
    """One function the person could have had, and why it went as it did."""

    functie: str
    tier: int
    vpos: int
    status: str                   # toegewezen, beter, minder goed
    regel: str                    # the deciding rule of a better option ('' otherwise)
    soort: str                    # what kind of reason (see zinnen.py)
    bezetting: Bezetting
    fte: int                      # the person's hours per week, in minutes (§8.13)
    ruimte: int | None = None     # room next to those who go before (minutes), where it decides
    rang: tuple[int, int] | None = None  # (place, number of candidates) in the order at the function
    vrij_max: int | None = None   # H1: the most a colleague who does not go before could free
    zonder_besluit: int | None = None  # room there would have been without the pins (§8.11)
    koos_anders: bool = False     # H4(a): the outcome was listed before this own T1 function


@dataclass(frozen=True)
class Verklaring:
    persoon: str
    uitkomst: str
    functie: str | None
    grond: str                     # kind of outcome: vastgezet, tier, einde_contract, tijdelijk, boventallig
    grond_regels: tuple[str, ...]
    opties: tuple[Reden, ...]      # every eligible function, best first
    wensen: tuple[tuple[int, str, str, str, int], ...]  # (voorkeur, code, rule, kind, Δ schaal) not eligible
    extra: tuple[Feit, ...] = ()
    oordelen_niet: tuple[str, ...] = ()  # SS-6: functions judged 'niet' for this person (not a wish already)

    @property
    def regels(self) -> list[str]:
        """Every rule ID that decided the outcome, including each better option's (the `regels` column)."""
        ids = list(self.grond_regels) + [r.regel for r in self.opties if r.status == "beter"]
        ids += [w[2] for w in self.wensen] + ["SS-6"] * bool(self.oordelen_niet) + [f.regel for f in self.extra]
        return [r for r in dict.fromkeys(ids) if r]


@dataclass
class Beslisgegevens:
    """The decision data every explanation is computed from: scenario, kandidaten, toewijzing."""

    s: Scenario
    k: Kandidaten
    toewijzing: dict
    selectie: object = None  # the Selectie table (SEL-B facts), optional
    extra_bronnen: tuple = ()  # fact sources given by the caller (plannen: the answers to advices, P1/P2)
    o1_open: frozenset = frozenset()  # the unplaced whose part of the plan has no proof of O1 (§8.12)

    def __post_init__(self):
        s, k = self.s, self.k
        opties = list(tabelrijen(k.opties, "Pandas"))
        self.opties = {(r.personeelsnummer, r.functie): r for r in opties}
        self.per_persoon: dict[str, list] = {}
        self.per_functie: dict[str, list] = {}
        for r in opties:
            self.per_persoon.setdefault(r.personeelsnummer, []).append(r)
            self.per_functie.setdefault(r.functie, []).append(r)
        self.fte = minuten_per_medewerker(s)
        self.pins = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
        self.toelichting = {p: t for p, t in zip(s.vastgezet["personeelsnummer"], s.vastgezet["toelichting"])
                            if isinstance(t, str) and t.strip()} if "toelichting" in s.vastgezet else {}
        self.formatie = ruimte_per_functie(s)
        self.bezetting: dict[str, list[str]] = {}
        for p, f in self.toewijzing.items():
            if f is not None:
                self.bezetting.setdefault(f, []).append(p)
        self.rang = {f: {p: i for i, p in enumerate(v)} for f, v in k.selectievolgorde.items()}
        self.sel_a = k.sel_a.to_dict()  # a plain dict: read for every occupant of every option
        self.bezetters: dict[str, list] = {}  # functie -> its occupants with their data (_bezetters)
        mw = s.medewerkers
        self.mensen = mw.to_dict("index")  # plain dicts: fast lookups for the whole organisation
        self.functies = s.nieuwe_functies.to_dict("index")
        self.familie_oud = s.oude_functies["functiefamilie"].to_dict()
        self.schaal_oud = s.oude_functies["schaal"].to_dict()
        self.pct: dict[tuple[str, str], float] = {}
        for r in tabelrijen(s.mapping, "Pandas"):
            paar = (r.oude_functie, r.nieuwe_functie)
            pct, eerder = r.wijzigingspercentage, self.pct.get(paar)
            if pct is None or pct != pct:  # empty (NaN): the pair is still related
                self.pct.setdefault(paar, None)
            else:
                self.pct[paar] = pct if eerder is None else min(eerder, pct)
        oordelen = s.geschiktheid
        self.oordelen = {} if oordelen.empty else {
            (r.personeelsnummer, r.nieuwe_functie): r for r in tabelrijen(oordelen, "Pandas")}
        self.niet_geschikt: dict[str, list[str]] = {}  # persoon -> functions judged 'niet' (read per person)
        for (q, n), o in self.oordelen.items():
            if o.oordeel == "niet":
                self.niet_geschikt.setdefault(q, []).append(n)
        self.in_dienst = mw["datum_in_dienst"].to_dict()
        self.tijdelijk = set(mw.index[mw["dienstverband"] == "tijdelijk"])
        self.sel_b = s.parameters.selectiemethode == AFSPIEGELING
        self.o1_open = frozenset(self.o1_open)
        self._volgorde_bij: dict[str, dict[str, int]] = {}

    def plek(self, p: str, n: str) -> tuple[int, int]:
        """(place, number) of p among all candidates of n in the priority at n (§4; pins excluded)."""
        volgorde = self._volgorde_bij.get(n)
        if volgorde is None:
            rang = self.rang.get(n, {})
            kandidaten = [o for o in self.per_functie.get(n, []) if o.personeelsnummer not in self.pins]
            kandidaten.sort(key=lambda o: prioriteit(o.personeelsnummer in self.tijdelijk, o.tier,
                                                     rang[o.personeelsnummer] if o.tier == 1 and o.personeelsnummer
                                                     in rang else self.sel_a[o.personeelsnummer]))
            volgorde = self._volgorde_bij[n] = {o.personeelsnummer: i for i, o in enumerate(kandidaten)}
        return volgorde.get(p, 0) + 1, len(volgorde)

    @cached_property
    def herplaatsing(self) -> pd.DataFrame:
        """The open places examined for each vast boventallige (regels.md §10)."""
        return herplaatsing(self.s, self.k, self.toewijzing)

    @cached_property
    def open_plaatsen(self) -> dict[str, list[str]]:
        return per_persoon(self.herplaatsing)

    @cached_property
    def _herplaatsing_bladen(self) -> dict[str, str]:
        return blad_per_persoon(self.herplaatsing)

    def herplaatsing_blad(self, p: str) -> str:
        """The sheet that holds p's list of open places (more than Excel opens in one sheet: split, §10)."""
        return self._herplaatsing_bladen.get(p, HERPLAATSING_BLAD)

    def heeft_vacature(self, f: str) -> bool:
        """f has room left in this plan (formatie + marge above what its occupants work)."""
        return self.formatie[f] > sum(self.fte[q] for q in self.bezetting.get(f, ()))

    def optie(self, p, f):
        return self.opties.get((p, f))

    def t1(self, p) -> list:
        return [r for r in self.per_persoon.get(p, []) if r.tier == 1]


def uitkomst_van(g: Beslisgegevens, p: str) -> str:
    f = g.toewijzing.get(p)
    o = g.optie(p, f) if f is not None else None
    return uitkomst_naam(vastgezet=p in g.pins, geplaatst=f is not None, tier=None if o is None else o.tier,
                         tijdelijk=p in g.tijdelijk)


def verklaar(g: Beslisgegevens, p: str, *, voor_motivering: bool = False) -> Verklaring:
    """The whole explanation of one person's decision, as facts. `voor_motivering`: only the options a
    motivering speaks of (the outcome and the better ones; zinnen.py names no other), so that the occupancy of
    every worse option is not worked out for nothing (the besluiten of a large plan)."""
    f = g.toewijzing.get(p)
    eigen = g.optie(p, f) if f is not None else None
    grond, grond_regels = _grond(g, p, f, eigen)
    opties = sorted(g.per_persoon.get(p, []), key=lambda o: (o.tier or 9, o.vpos, o.kosten, o.functie))
    redenen = []
    for o in opties:
        if p in g.pins and o.functie == f:
            continue  # the pin itself is the ground
        if voor_motivering and o.functie != f and not _is_beter(g, p, f, eigen, o):
            continue
        redenen.append(_reden(g, p, f, eigen, o))
    if any(r.soort == "h4b" for r in redenen):
        grond_regels += ("H4", "SEL-B" if g.sel_b else "SEL-A")
    if any(r.zonder_besluit is not None for r in redenen if r.status == "beter"):
        grond_regels += ("SS-7",)
    extra = tuple(feit for bron in g.extra_bronnen for feit in bron(g, p))
    wensen = _wensen(g, p, f, eigen)
    genoemd = {w[1] for w in wensen}
    niet = tuple(sorted(n for n in g.niet_geschikt.get(p, ()) if g.optie(p, n) is None and n not in genoemd))
    return Verklaring(p, uitkomst_van(g, p), f, grond, grond_regels, tuple(redenen), wensen, extra, niet)


def _grond(g, p, f, eigen) -> tuple[str, tuple[str, ...]]:
    if p in g.pins:
        return "vastgezet", ("SS-7", "H3")
    if f is not None and eigen is None:
        return "niet_toegestaan", ("H2",)
    if f is not None:
        regels = [eigen.regel]
        if eigen.regel == "SS-6":
            regels.append("SS-5" if f in g.k.nieuwe_functies_ss5 else "SS-6")
        if eigen.tier == 1 or g.t1(p):
            regels.append("H4")
        return "tier", tuple(regels)
    if p in g.k.einde_contract:
        return "einde_contract", ("H5",)
    if p in g.tijdelijk:
        return "tijdelijk", ("O1", "H5")
    if not g.per_persoon.get(p):
        return "geen_opties", ("O1", "SS-1", "SS-2", "SS-3", "SS-4")
    return "boventallig", ("O1",)


def _is_beter(g, p, f, eigen, o) -> bool:
    if f is None:
        return True
    if eigen is None:  # pinned in a function without eligibility
        return o.vpos < ONGENOEMD and o.vpos < _vpos(g, p, f)
    return (o.tier or 9, o.vpos) < (eigen.tier or 9, eigen.vpos)


def _vpos(g, p, f) -> int:
    rij = g.mensen[p]
    return next((i for i in range(1, 6) if rij.get(f"voorkeur_{i}") == f), ONGENOEMD)


def bezetting_gezien_door(g: Beslisgegevens, p: str, n: str) -> Bezetting:
    """The occupants of n (p excluded) in anonymous categories, from p's point of view."""
    eigen = g.optie(p, n)
    kijker = _Kijker(g, p, n, eigen)
    telling: dict[str, list[int]] = {}
    toelichtingen = []
    for b in _bezetters(g, n):
        if b.persoon == p:
            continue
        cat = kijker.categorie(b)
        teller = telling.setdefault(cat, [0, 0])
        teller[0] += 1
        teller[1] += b.fte
        if cat == BESLUIT and b.persoon in g.toelichting:
            toelichtingen.append(g.toelichting[b.persoon])
    aantallen = tuple((c, telling[c][0], telling[c][1]) for c in VOLGORDE if c in telling)
    return Bezetting(g.formatie[n], aantallen, tuple(dict.fromkeys(toelichtingen)))


class _Bezetter(NamedTuple):
    """An occupant of a function with what decides their category there (see _Kijker)."""
    persoon: str
    gepind: bool
    tier: int | None      # None: placed without eligibility (a hand-made plan)
    rang: int             # place in the function's selection order (T1)
    sel_a: int | None
    tijdelijk: bool
    in_dienst: object
    fte: int


def _bezetters(g: Beslisgegevens, n: str) -> list[_Bezetter]:
    """n's occupants in code order (made once per function and plan: read for every option of everyone)."""
    lijst = g.bezetters.get(n)
    if lijst is None:
        rang = g.rang.get(n, {})
        lijst = []
        for q in sorted(g.bezetting.get(n, [])):
            oq = g.optie(q, n)
            lijst.append(_Bezetter(q, q in g.pins, None if oq is None else oq.tier, rang.get(q, 10**9),
                                   g.sel_a.get(q), q in g.tijdelijk, g.in_dienst.get(q), g.fte[q]))
        g.bezetters[n] = lijst
    return lijst


class _Kijker:
    """The category of an occupant of n from p's point of view, who looks at n with option `eigen`."""

    def __init__(self, g: Beslisgegevens, p: str, n: str, eigen):
        self.eigen, self.sel_b = eigen, g.sel_b
        self.rang = g.rang.get(n, {}).get(p, 10**9)
        self.sel_a, self.tijdelijk, self.in_dienst = g.sel_a.get(p), p in g.tijdelijk, g.in_dienst.get(p)

    def categorie(self, b: _Bezetter) -> str:
        eigen = self.eigen
        if b.gepind:
            return BESLUIT
        if b.tier is None:
            return NA  # placed without eligibility (a hand-made plan): never goes before
        # §4 (rules v2): vast before tijdelijk at every function, whatever the tiers (H5)
        if self.tijdelijk and not b.tijdelijk:
            return VAST
        if b.tijdelijk and not self.tijdelijk:
            return NA
        if eigen is None or b.tier < eigen.tier:
            return FUNCTIEVOLGER if b.tier == 1 else PASSENDER
        if b.tier > eigen.tier:
            return NA
        if b.tier == 1:  # both functievolger: the selection order of n decides (SEL-A or SEL-B)
            if b.rang > self.rang:
                return NA
            if self.sel_b:
                return AFSPIEGELING_VOOR
        elif b.sel_a > self.sel_a:
            return NA
        # why b goes before p in SEL-A: longer service, or a tie broken by age/number
        return LANGER if b.in_dienst < self.in_dienst else GELIJK


def _reden(g, p, f, eigen, o) -> Reden:
    n = o.functie
    bez = bezetting_gezien_door(g, p, n)
    fte = g.fte[p]
    if n == f:
        return Reden(n, o.tier, o.vpos, "toegewezen", "", "toegewezen", bez, fte)
    beter = _is_beter(g, p, f, eigen, o)
    status = "beter" if beter else "minder goed"
    koos = o.tier == 1 and eigen is not None and eigen.tier != 1 and eigen.vpos < min(r.vpos for r in g.t1(p))
    basis = dict(functie=n, tier=o.tier, vpos=o.vpos, status=status, bezetting=bez, fte=fte, koos_anders=koos)
    if p in g.pins:
        return Reden(regel="SS-7" if beter else "", soort="eigen_besluit", **basis)
    if not beter:
        return Reden(regel="", soort="minder_goed", **basis)
    ruimte = bez.formatie - bez.voor
    if o.tier == 1:
        rang = g.rang.get(n, {})
        plek = (rang.get(p, 0) + 1, len(rang)) if rang else None
        if ruimte < fte:
            zonder = bez.formatie - bez.voor + bez.fte(BESLUIT)
            return Reden(regel="H4", soort="h4b", ruimte=ruimte, rang=plek,
                         zonder_besluit=zonder if bez.aantal(BESLUIT) and zonder >= fte else None, **basis)
    if ruimte < fte:
        regel = _regel_vol(bez, fte, f is None)
        plek = g.plek(p, n) if regel in ("O2", "O6") else None  # rank decided: say where p stands
        return Reden(regel=regel, soort="vol", ruimte=ruimte, rang=plek,
                     zonder_besluit=_zonder_besluit(bez, fte), **basis)
    if bez.formatie - bez.bezet >= fte:
        # room is free next to everyone: a plan that leaves it unused (only a hand-made plan does)
        # (placed where the person is not eligible, by hand: only a preferred function is better, O4)
        regel = "O1" if f is None else ("O3" if eigen is not None and o.tier < eigen.tier else "O4")
        return Reden(regel=regel, soort="vrij", ruimte=bez.formatie - bez.bezet, **basis)
    return _ruil(g, p, f, eigen, o, bez, basis)


def _regel_vol(bez: Bezetting, fte: int, niet_geplaatst: bool) -> str:
    """The category at which those who go before leave less room than the person's fte decides."""
    regel_van = {BESLUIT: "SS-7", VAST: "H5", FUNCTIEVOLGER: "H4", PASSENDER: "O2" if niet_geplaatst else "O3"}
    bezet = 0
    for cat, _, cfte in bez.aantallen:
        if cat == NA:
            break
        bezet += cfte
        if bez.formatie - bezet < fte:
            return regel_van.get(cat, "O2" if niet_geplaatst else "O6")
    return "O2" if niet_geplaatst else "O6"


def _zonder_besluit(bez: Bezetting, fte: int) -> int | None:
    """§8.11: the room there would have been without the pins, when that would have been enough."""
    if not bez.aantal(BESLUIT):
        return None
    zonder = bez.formatie - bez.voor + bez.fte(BESLUIT)
    return zonder if zonder >= fte else None


def _ruil(g, p, f, eigen, o, bez, basis) -> Reden:
    """The place is held partly by colleagues who do not go before p: what taking their place would cost."""
    n = o.functie
    fte = g.fte[p]
    kijker = _Kijker(g, p, n, o)
    lager = [b.persoon for b in _bezetters(g, n) if b.persoon != p and kijker.categorie(b) == NA]
    past = [q for q in lager if bez.formatie - bez.bezet + g.fte[q] >= fte]
    if not past:
        vrij = max((bez.formatie - bez.bezet + g.fte[q] for q in lager), default=0)
        return Reden(regel="H1", soort="h1", vrij_max=vrij, **basis)
    if f is None:
        # O2 lets p take the place of a lower-ranked colleague, unless that colleague is functievolger
        # elsewhere and chose this function (H4a): without it, the functievolgerrecht would hold
        if all(any(t.functie != n for t in g.t1(q)) for q in past):
            return Reden(regel="H4", soort="h4_ander", **basis)
        return Reden(regel="O2", soort="o2_open", **basis)
    beste = max(STADIA.index(_kost(g, p, f, eigen, o, q)) for q in past)
    return Reden(regel=STADIA[beste], soort="ruil", **basis)


def _kost(g, p, f, eigen, o, q) -> str:
    """What p (placed in f) taking q's place in n and q taking f costs: the first stage of §4 that gets worse."""
    n = o.functie
    terug = g.optie(q, f)
    if terug is None or g.formatie[f] - sum(g.fte[x] for x in g.bezetting.get(f, [])) + g.fte[p] < g.fte[q]:
        return "O1"
    oq = g.optie(q, n)
    voor, na = (eigen, oq), (o, terug)
    tiers = lambda opties: tuple(-sum(x.tier == t for x in opties) for t in (1, 2, 3, 4))  # noqa: E731
    posities = lambda opties: tuple(-sum(x.vpos == v for x in opties) for v in range(1, 6))  # noqa: E731
    if tiers(na) > tiers(voor):
        return "O3"
    if tiers(na) == tiers(voor) and posities(na) > posities(voor):
        return "O4"
    if tiers(na) == tiers(voor) and posities(na) == posities(voor) and \
            sum(x.kosten for x in na) > sum(x.kosten for x in voor):
        return "O5"
    return "O6"


def _wensen(g, p, f, eigen) -> tuple[tuple[int, str, str], ...]:
    """Voorkeuren above the outcome for functions the person is not eligible for, with the rule why."""
    rij = g.mensen[p]
    grens = ONGENOEMD if eigen is None else eigen.vpos
    if p in g.pins and f is not None:
        grens = _vpos(g, p, f)
    wensen = []
    for positie in range(1, grens):
        code = rij.get(f"voorkeur_{positie}")
        if not isinstance(code, str) or code == f or g.optie(p, code) is not None:
            continue
        wensen.append((positie, code, *_niet_in_aanmerking(g, p, code)))
    return tuple(wensen)


def _niet_in_aanmerking(g, p, code) -> tuple[str, str, int]:
    """(rule, kind, scale difference) why p is not eligible for `code`."""
    mens, functie = g.mensen[p], g.functies[code]
    delta = functie_delta(int(functie["schaal"]), int(g.schaal_oud[mens["functie"]]))  # §1: function level
    if p in g.pins:
        return "SS-7", "besluit", delta
    if p in g.k.einde_contract:
        return "H5", "einde_contract", delta
    oordeel = g.oordelen.get((p, code))
    if oordeel is not None and oordeel.oordeel == "niet":
        return "SS-6", "oordeel_niet", delta
    if code in g.k.nieuwe_functies_ss5:
        return "SS-5", "nieuw", delta
    oud = mens["functie"]
    familie = g.familie_oud.get(oud)
    verwant = (oud, code) in g.pct or (isinstance(familie, str) and familie == functie["functiefamilie"])
    if not verwant:
        return "SS-2", "niet_verwant", delta
    return ("SS-3" if delta < 0 else "SS-4"), "schaal", delta


def trede(tier: int) -> str:
    return TIER_NAAM.get(int(tier), "vastgezet")


def gegevens_van(plan) -> Beslisgegevens:
    """The decision data of a Plan, computed once and kept with the plan (Plan.__getstate__ leaves it out)."""
    g = plan.__dict__.get("gegevens")
    if g is None:
        g = Beslisgegevens(plan.scenario, plan.k, plan.toewijzing, plan.selectie,
                           extra_bronnen=tuple(plan.extra_bronnen or ()), o1_open=plan.o1_open)
        plan.__dict__["gegevens"] = g
    return g
