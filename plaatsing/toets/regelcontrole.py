"""The toets of any plan, also one edited by hand (regels.md §5 F1–F4): every rule recomputed
from the tables, each violation with rule ID, person, function, what is wrong and what would fix it.

`solve` runs it on its own result and writes the outcome to the Verantwoording; the solver reuses
`o2_schendingen`, `heeft_ruimte`, `o6_ruilen` and `o6b_ketens` for its O2 cuts and its repair after
a time-out.
Everything here is computed from the scenario's rules (regels/) and the plan only.
"""
from __future__ import annotations


import pandas as pd

from plaatsing.regels.deelproblemen import Component, voorbereiden
from plaatsing.regels.kandidaten import Kandidaten
from plaatsing.parameters import IEDEREEN_PLAATSEN
from plaatsing.scenario import Scenario
from plaatsing.regels.maat import minuten_per_medewerker, ruimte_per_functie, uitkomst_naam, uren_tekst
from plaatsing.waarden import tabelrijen

KOLOMMEN = ["regel", "personeelsnummer", "functie", "probleem", "oplossing"]


def toets(s: Scenario, k: Kandidaten, toewijzing: dict[str, str | None], *,
          uitkomsten: dict[str, str] | None = None, minimum: int | None = None) -> pd.DataFrame:
    """Violations of H1–H5, O2, O6, F3 (and F4 when `minimum` is given), one row each."""
    _k, gepind, componenten = voorbereiden(s, k)
    minuten = minuten_per_medewerker(s)
    opties = {(r.personeelsnummer, r.functie): r for r in tabelrijen(k.opties, "Pandas")}
    rijen = []
    if s.parameters.beleid == IEDEREEN_PLAATSEN:
        rijen += _iedereen_geplaatst(s, k, toewijzing)
    else:
        rijen += _h1_capaciteit(s, toewijzing, minuten)
    einde = getattr(k, "einde_contract", {})
    rijen += [("H5", p, f, f"het tijdelijk dienstverband eindigt op {einde[p]:%d-%m-%Y}, vóór de ingangsdatum; "
               "de medewerker wordt niet geplaatst", "haal de plaatsing weg (uitkomst 'niet geplaatst (tijdelijk)')")
              if p in einde else
              ("H2", p, f, "de medewerker komt niet in aanmerking voor deze functie (geen trede T1–T4, niet vastgezet)",
               "plaats de medewerker in een functie waarvoor die in aanmerking komt, of leg een oordeel vast (SS-6)")
              for p, f in sorted(toewijzing.items()) if f is not None and (p, f) not in opties]
    rijen += [("H3", p, f, f"de vastzetting in {f} is niet gevolgd", f"plaats de medewerker in {f}")
              for p, f in sorted(gepind.items()) if toewijzing.get(p) != f]
    if uitkomsten is not None:
        rijen += _uitkomsten(s, opties, toewijzing, uitkomsten, gepind)
    for comp in componenten:
        deel = {p: toewijzing.get(p) for p in comp.personen}
        deel = {p: (f if f is None or (p, f) in opties and f in comp.ruimte else None) for p, f in deel.items()}
        rijen += h4_schendingen(comp, deel)
        rijen += [("O1", p, f, f"niet geplaatst terwijl in {f} nog {uren_tekst(vrij)} per week vrij is en de "
                   f"medewerker {uren_tekst(comp.minuten[p])} werkt: toevoegen houdt H1–H5",
                   f"plaats {p} in {f}")
                  for p, f, vrij in toevoegbaar(comp, deel)]
        rijen += [("O2", persoon, f, f"niet geplaatst terwijl {ander}, die lager in de rangorde van {f} staat, daar "
                   "zit en door deze medewerker vervangen kan worden", f"plaats {persoon} in {f} in plaats van {ander}")
                  for persoon, ander, f in o2_schendingen(comp, deel)]
        rijen += o6_schendingen(comp, deel)
        rijen += [("O6", m, keten[0][2], f"niet geplaatst terwijl {ander} (kortere diensttijd) een plaats houdt die "
                   f"voor deze medewerker kan zijn{_zetten(keten)}, bij dezelfde uitkomst voor ieder ander en "
                   "gelijke totalen", f"plaats {m} in {keten[0][2]}{_zetten(keten)}; {ander} wordt niet geplaatst")
                  for m, ander, keten in o6b_ketens(comp, deel)]
    if minimum is not None:
        aantal = sum(f is None for f in toewijzing.values())
        if aantal > minimum:
            rijen.append(("F4", "", "", f"{aantal} medewerkers zijn niet geplaatst; het minimum is {minimum} (O1)",
                          "laat 'plaatsing solve' een plan maken of plaats meer medewerkers"))
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def _h1_capaciteit(s, toewijzing, minuten):
    """H1 in whole minutes per week (§8.13)."""
    ruimte = ruimte_per_functie(s)
    bezet: dict[str, int] = {}
    for p, f in toewijzing.items():
        if f is not None:
            bezet[f] = bezet.get(f, 0) + minuten[p]
    return [("H1", "", f, f"bezet {uren_tekst(b)} per week, meer dan formatie plus marge ({uren_tekst(ruimte[f])})",
             f"haal {uren_tekst(b - ruimte[f])} per week uit {f}")
            for f, b in sorted(bezet.items()) if b > ruimte.get(f, 0)]


def _iedereen_geplaatst(s, k, toewijzing):
    """§6 'iedereen plaatsen': H1 may be exceeded, but nobody with an eligible function stays unplaced."""
    kan = set(k.opties["personeelsnummer"])
    return [("O1", p, "", "niet geplaatst terwijl het beleid 'iedereen plaatsen' is en de medewerker ergens in "
             "aanmerking komt (§6)", "plaats de medewerker in een functie waarvoor die in aanmerking komt")
            for p, f in sorted(toewijzing.items()) if f is None and p in kan]


def _uitkomsten(s, opties, toewijzing, uitkomsten, gepind):
    """§8.8: the uitkomst must agree with nieuwe_functie, the tier and H5."""
    rijen = []
    for p, f in sorted(toewijzing.items()):
        tijdelijk = s.medewerkers.at[p, "dienstverband"] == "tijdelijk"
        if f is not None and p not in gepind and (p, f) not in opties:
            continue  # H2 says it
        tier = opties[p, f].tier if (p, f) in opties else None
        verwacht = uitkomst_naam(vastgezet=p in gepind, geplaatst=f is not None, tier=tier, tijdelijk=tijdelijk)
        regel = "H3" if p in gepind else ("H5" if tijdelijk else "O1") if f is None else opties[p, f].regel
        if uitkomsten.get(p) != verwacht:
            rijen.append((regel, p, f or "", f"uitkomst '{uitkomsten.get(p)}' klopt niet bij deze plaatsing",
                          f"zet de uitkomst op '{verwacht}'"))
    return rijen


def toevoegbaar(comp: Component, deel: dict) -> list[tuple[str, str, int]]:
    """(unplaced p, functie, free minutes): p could simply be added to an eligible function with room
    (nobody else moves; H1–H5 keep, since the free room is never more than the room H4 b counts).
    The first such function in p's own outcome order is named."""
    if comp.overbezetting:
        return []
    vrij = dict(comp.ruimte)
    for p, f in deel.items():
        if f is not None:
            vrij[f] -= comp.minuten[p]
    gevonden = []
    for p in comp.personen:
        if deel[p] is None:
            f = next((o.functie for o in comp.opties[p] if vrij[o.functie] >= comp.minuten[p]), None)
            if f is not None:
                gevonden.append((p, f, vrij[f]))
    return gevonden


def h4_schendingen(comp: Component, deel: dict, personen=None) -> list[tuple]:
    """H4 and F3: a functievolger not in a T1 function, not opting out, while one of them had room
    (for `personen` only, when given)."""
    rijen = []
    for p in comp.personen if personen is None else personen:
        t1 = comp.t1.get(p)
        if not t1 or deel[p] in t1 or deel[p] in comp.opt_out.get(p, ()):
            continue
        kan = [f for f in t1 if heeft_ruimte(comp, deel, p, f)]
        if not kan:
            continue
        waar = "niet geplaatst" if deel[p] is None else f"geplaatst in {deel[p]}"
        rijen.append(("H4", p, kan[0], f"functievolger met ruimte in {', '.join(kan)} maar {waar}, zonder "
                      "voorkeur die daarboven gaat (functievolgerrecht)", f"plaats {p} in {kan[0]}"))
        for f in kan:
            volgorde = comp.t1_volgorde[f]
            lager = [q for q in volgorde[volgorde.index(p) + 1:] if deel.get(q) == f]
            if lager:
                rijen.append(("F3", p, f, f"niet behouden in {f} terwijl {', '.join(lager)} (lager in de "
                              "selectievolgorde) wel behouden zijn", f"behoud {p} in {f} vóór {lager[-1]}"))
    return rijen


def o6_schendingen(comp: Component, deel: dict) -> list[tuple]:
    """O6 violations as toets rows."""
    return [("O6", m, n2, f"ruil met {ander} (in {n2}, kortere diensttijd) geeft deze medewerker "
             "een betere uitkomst bij gelijke totalen", f"ruil {m} ({n1}) en {ander} ({n2})")
            for m, n1, ander, n2 in o6_ruilen(comp, deel)]


def o6_ruilen(comp: Component, deel: dict) -> list[tuple[str, str, str, str]]:
    """O6: swaps (m in n1, ander in n2) of two placed colleagues that keep H1–H5, O2 and the O1–O5
    totals, and give m, who has more seniority (SEL-A), a better outcome."""
    bezetting = bezetting_van(deel)
    belasting = {f: sum(comp.minuten[q] for q in ps) for f, ps in bezetting.items()}
    ruilen = []
    sel_a = comp.sel_a
    for m in comp.personen:
        n1 = deel[m]
        if n1 is None:
            continue
        eigen, rang = comp.optie(m, n1), sel_a[m]
        for beter in comp.opties[m]:
            if beter.uitkomst >= eigen.uitkomst:
                continue
            # only a colleague with less seniority who could take n1 can swap (ruil_geldig checks it all again)
            ruilen += [(m, n1, ander, beter.functie) for ander in bezetting.get(beter.functie, ())
                       if sel_a[ander] > rang and comp.optie(ander, n1) is not None
                       and ruil_geldig(comp, deel, bezetting, belasting, m, ander)]
    return ruilen


def ruil_geldig(comp: Component, deel: dict, bezetting: dict, belasting: dict, m: str, ander: str) -> bool:
    """O6 (a) for one pair in plan `deel` (with its `bezetting` and `belasting`): both placed, ander
    has less seniority, the swap gives m a better outcome, and it keeps H1–H5, O2 and the totals."""
    n1, n2 = deel[m], deel[ander]
    if n1 is None or n2 is None or comp.sel_a[ander] < comp.sel_a[m]:
        return False
    eigen, beter = comp.optie(m, n1), comp.optie(m, n2)
    terug, huidig = comp.optie(ander, n1), comp.optie(ander, n2)
    if beter is None or terug is None or beter.uitkomst >= eigen.uitkomst:
        return False
    if not _zelfde_totalen((eigen, huidig), (beter, terug)):
        return False
    if not _past_na_ruil(comp, belasting, n1, n2, comp.minuten[m] - comp.minuten[ander]):
        return False
    return _blijft_geldig(comp, Na(deel, bezetting, {m: n2, ander: n1}), {n1, n2})


def bezetting_van(deel) -> dict[str, list[str]]:
    """functie -> its occupants in plan `deel`, in the plan's order."""
    bezetting: dict[str, list[str]] = {}
    for p, f in deel.items():
        if f is not None:
            bezetting.setdefault(f, []).append(p)
    return bezetting


class PlanNa:
    """Plan `deel` with a few moves on top (`zetten`: persoon -> functie or None), read like the dict of a plan
    (`plan[p]`, `plan.get(p)`) without copying it. A PlanNa on a PlanNa keeps one level: the checks look up
    people millions of times (collections.ChainMap did the same, measured 5 to 10 times slower)."""

    __slots__ = ("zetten", "deel")

    def __init__(self, zetten: dict, deel):
        if isinstance(deel, PlanNa):
            zetten, deel = {**deel.zetten, **zetten}, deel.deel
        self.zetten, self.deel = zetten, deel

    def __getitem__(self, persoon: str):
        zetten = self.zetten
        return zetten[persoon] if persoon in zetten else self.deel[persoon]

    def get(self, persoon: str, standaard=None):
        zetten = self.zetten
        return zetten[persoon] if persoon in zetten else self.deel.get(persoon, standaard)


class Na:
    """Plan `deel` after a few moves (`zetten`: persoon -> new functie or None), without copying it:
    `plan` reads the moves first, `bezet(f)` gives f's occupants afterwards (only the functions the
    moves touch are recomputed from `bezetting`, the occupants of `deel`)."""

    def __init__(self, deel, bezetting: dict, zetten: dict):
        self.plan = PlanNa(zetten, deel)
        self.bewogen = [p for p, f in zetten.items() if deel[p] != f]
        self._bezetting = bezetting
        geraakt = ({deel[p] for p in self.bewogen} | {zetten[p] for p in self.bewogen}) - {None}
        self._nieuw = {f: [q for q in bezetting.get(f, ()) if q not in zetten]
                       + [q for q in self.bewogen if zetten[q] == f] for f in geraakt}

    def bezet(self, functie: str):
        nieuw = self._nieuw.get(functie)
        return self._bezetting.get(functie, ()) if nieuw is None else nieuw


def _past_na_ruil(comp: Component, belasting: dict, n1: str, n2: str, verschil: int) -> bool:
    """H1 after moving `verschil` minutes from n1 to n2; under §6 'iedereen plaatsen' the
    functions over formatie and the fte over formatie (the O1 totals there) must stay the same."""
    na = {n1: belasting[n1] - verschil, n2: belasting[n2] + verschil}
    if not comp.overbezetting:
        return all(na[f] <= comp.ruimte[f] for f in na)
    over = lambda lading: {f: max(0, lading[f] - comp.ruimte[f]) for f in (n1, n2)}  # noqa: E731
    voor, daarna = over(belasting), over(na)
    return (sum(v > 0 for v in voor.values()), sum(voor.values())) == \
        (sum(v > 0 for v in daarna.values()), sum(daarna.values()))
MAX_KETEN = 3  # O6 (b): moves of colleagues in a chain that the toets and the repair look for


def o6b_ketens(comp: Component, deel: dict, eerste: bool = False) -> list[tuple[str, str, tuple]]:
    """O6 (b): (unplaced m, placed m', chain) where m ranks above m' in SEL-A and the chain — m into
    n0, colleagues each to a function with the same outcome for them (tier and voorkeur position),
    m' out of the last function — keeps H1–H5, O2 and the O1–O5 totals. The chain is a tuple of
    moves (persoon, van, naar) with None for 'not placed'. Searched breadth-first, each function once
    per m, with at most MAX_KETEN moves of colleagues; `eerste`: stop at the first one found."""
    bezetting = bezetting_van(deel)
    belasting = {f: sum(comp.minuten[q] for q in ps) for f, ps in bezetting.items()}
    gevonden = []
    zijstappen: dict = {}  # (persoon, functie) -> (the option there, the functions with the same outcome)
    for m in comp.personen:
        if deel[m] is not None:
            continue
        for begin in comp.opties[m]:
            keten = _o6b_keten(comp, deel, bezetting, belasting, m, begin, zijstappen)
            if keten is not None:
                gevonden.append((m, keten[-1][0], keten))
                break
        if gevonden and eerste:
            break
    return gevonden


def _o6b_keten(comp, deel, bezetting, belasting, m, begin, zijstappen):
    """Breadth-first from m's option `begin`: the first valid chain, or None."""
    doel = begin.uitkomst
    rij = [((m, None, begin.functie),)]
    gezien = {begin.functie}
    sel_a_m = comp.sel_a[m]
    for diepte in range(MAX_KETEN + 1):
        volgende = []
        for zetten in rij:
            persoon, _van, n = zetten[-1]
            binnen = comp.minuten[persoon]
            bewogen = {z[0] for z in zetten}
            for ander in bezetting.get(n, ()):
                if ander in bewogen:
                    continue
                huidig, naar = _zijstappen(comp, zijstappen, ander, n)
                if comp.sel_a[ander] > sel_a_m and huidig.uitkomst == doel:
                    kandidaat = zetten + ((ander, n, None),)
                    if _o6b_geldig(comp, deel, bezetting, belasting, kandidaat, begin, huidig):
                        return kandidaat
                if diepte == MAX_KETEN or not naar or belasting[n] - comp.minuten[ander] + binnen > comp.ruimte[n]:
                    continue
                for f in naar:
                    if f not in gezien:
                        gezien.add(f)
                        volgende.append(zetten + ((ander, n, f),))
        rij = volgende
    return None


def _zijstappen(comp, zijstappen: dict, persoon: str, functie: str):
    """The person's option in `functie` and the other functions with the same outcome for them (§4: tier,
    an opt-out counting as T1, and voorkeur position), in option order; kept per (persoon, functie)."""
    sleutel = (persoon, functie)
    if sleutel not in zijstappen:
        huidig = comp.optie(persoon, functie)
        zijstappen[sleutel] = (huidig, tuple(o.functie for o in comp.opties[persoon] if o.functie != functie
                                             and o.uitkomst == huidig.uitkomst))
    return zijstappen[sleutel]


def keten_geldig(comp: Component, deel: dict, bezetting: dict, belasting: dict, keten: tuple) -> bool:
    """O6 (b) for one chain (as `o6b_ketens` gives it) in plan `deel`: every move starts where that
    person is, m is unplaced and outranks the one who leaves, each colleague keeps their outcome, and
    the plan after it keeps H1–H5, O2 and the totals."""
    if any(deel.get(p) != van for p, van, _naar in keten):
        return False
    m, _, n0 = keten[0]
    eruit, _, _ = keten[-1]
    begin, huidig = comp.optie(m, n0), comp.optie(eruit, keten[-1][1])
    if begin is None or huidig is None or comp.sel_a[eruit] <= comp.sel_a[m] \
            or huidig.uitkomst != begin.uitkomst:
        return False
    for p, van, naar in keten[1:-1]:
        o, eigen = comp.optie(p, naar), comp.optie(p, van)
        if o is None or o.uitkomst != eigen.uitkomst:
            return False
    return _o6b_geldig(comp, deel, bezetting, belasting, keten, begin, huidig)


def _o6b_geldig(comp, deel, bezetting, belasting, zetten, begin, eruit) -> bool:
    """The plan after the chain: same cost total, room everywhere, H4 and O2 still hold."""
    kosten = begin.kosten - eruit.kosten
    nieuw: dict[str, int] = {}
    for persoon, van, naar in zetten:
        if van is not None:
            nieuw[van] = nieuw.get(van, belasting.get(van, 0)) - comp.minuten[persoon]
            kosten -= comp.optie(persoon, van).kosten if naar is not None else 0
        if naar is not None:
            nieuw[naar] = nieuw.get(naar, belasting.get(naar, 0)) + comp.minuten[persoon]
            kosten += comp.optie(persoon, naar).kosten if van is not None else 0
    if kosten != 0 or any(nieuw[f] > comp.ruimte[f] for f in {z[2] for z in zetten if z[2] is not None}):
        return False
    na = Na(deel, bezetting, {persoon: naar for persoon, _van, naar in zetten})
    return _blijft_geldig(comp, na, {f for z in zetten for f in z[1:] if f is not None})


def _blijft_geldig(comp: Component, na: Na, veranderd: set) -> bool:
    """H4 and O2 in plan `na.plan`, which differs from the plan before only in the occupants of the
    functions `veranderd`. Only what those changes can touch is checked: H4 for whoever moved or has
    a T1 right in a changed function; O2 for the unplaced with an option in a changed function or in
    a function whose occupants' T1 room may have changed, and for everyone newly unplaced."""
    plan = na.plan
    t1_betrokken = {q for f in veranderd for q in comp.t1_volgorde.get(f, ())}
    h4 = sorted(set(na.bewogen) | t1_betrokken, key=comp.sel_a.__getitem__)
    if h4_schendingen(comp, plan, h4):
        return False
    functies = set(veranderd) | {plan[q] for q in t1_betrokken if plan[q] is not None}
    o2 = {q for f in functies for q in comp.kandidaten(f) if plan[q] is None} | \
        {p for p in na.bewogen if plan[p] is None}
    return not o2_schendingen(comp, plan, sorted(o2, key=comp.sel_a.__getitem__), bezet=na.bezet)


def _zetten(keten) -> str:
    stappen = [f"{p} van {van} naar {naar}" for p, van, naar in keten[1:-1]]
    return " (met de overstap van " + ", ".join(stappen) + ")" if stappen else ""


def _zelfde_totalen(voor, na) -> bool:
    return (sorted(o.tier for o in voor) == sorted(o.tier for o in na)
            and sorted(o.vpos for o in voor) == sorted(o.vpos for o in na)
            and sum(o.kosten for o in voor) == sum(o.kosten for o in na))


def o2_schendingen(comp: Component, oplossing, personen=None, bezet=None) -> list[tuple[str, str, str]]:
    """(unplaced m, occupant m', functie) where m outranks m' and could take the place (O2); for the
    unplaced among `personen` only, when given. `bezet(f)`: f's occupants in `oplossing`, when the
    caller has them (else they are counted from the plan); only the functions looked at are read."""
    if bezet is None:
        index = bezetting_van(oplossing)
        bezet = lambda f: index.get(f, ())  # noqa: E731
    per_functie: dict[str, tuple[list[tuple], int]] = {}

    def bezetting(f: str) -> tuple[list[tuple], int]:
        """f's occupants with their priority at f, and f's load."""
        if f not in per_functie:
            ps = bezet(f)
            per_functie[f] = ([(comp.prioriteit(p, f), p) for p in ps], sum(comp.minuten[p] for p in ps))
        return per_functie[f]

    vervangbaar: dict[str, bool] = {}  # occupant -> may leave without breaking H4 (no room as functievolger)

    def kan_weg(ander: str) -> bool:
        if ander not in vervangbaar:
            vervangbaar[ander] = not any(heeft_ruimte(comp, oplossing, ander, k) for k in comp.t1.get(ander, ()))
        return vervangbaar[ander]

    schendingen = []
    for persoon in comp.personen if personen is None else personen:
        if oplossing[persoon] is not None:
            continue
        for optie in comp.opties[persoon]:
            if optie.tier == 1:
                continue  # an unplaced functievolger of n never fits there (it lost the selection)
            f = optie.functie
            rang = comp.prioriteit(persoon, f)
            bezetters, belasting = bezetting(f)
            for prio, ander in bezetters:
                if prio < rang:
                    continue
                # a T1 occupant is protected, except a tijdelijk one against a vast colleague (H5, §4 O2)
                t1_opzij = prio[1] == 1
                if t1_opzij and not (ander in comp.tijdelijk and persoon not in comp.tijdelijk):
                    continue
                past = comp.minuten[persoon] <= comp.minuten[ander] or \
                    belasting - comp.minuten[ander] + comp.minuten[persoon] <= comp.ruimte[f]
                if not past:
                    continue
                if t1_opzij or _raakt_tijdelijke_volgers(comp, persoon, ander, f):
                    if _vervanging_geldig(comp, oplossing, persoon, ander, f):
                        schendingen.append((persoon, ander, f))
                elif kan_weg(ander):
                    schendingen.append((persoon, ander, f))
    return schendingen


def _raakt_tijdelijke_volgers(comp: Component, persoon: str, ander: str, f: str) -> bool:
    """Replacing `ander` by `persoon` in f lowers the vast hours there, which can give a tijdelijk
    functievolger of f room it did not have (H4 b with H5)."""
    vast_minder = (0 if ander in comp.tijdelijk else comp.minuten[ander]) - \
        (0 if persoon in comp.tijdelijk else comp.minuten[persoon])
    return vast_minder > 0 and comp.tijdelijke_volgers(f)


def _vervanging_geldig(comp: Component, oplossing, persoon: str, ander: str, f: str) -> bool:
    """O2 exactly: the plan with `persoon` in `ander`'s place keeps H4 for `ander` and for every
    functievolger of f (the only ones whose room the replacement changes)."""
    na = PlanNa({persoon: f, ander: None}, oplossing)
    betrokken = {ander} | set(comp.t1_volgorde.get(f, ()))
    return not h4_schendingen(comp, na, sorted(betrokken, key=comp.sel_a.__getitem__))


def heeft_ruimte(comp: Component, oplossing: dict, persoon: str, functie: str) -> bool:
    """H4(b): the room in `functie` next to those placed there who go before `persoon` (the T1
    candidates above it; for a tijdelijk persoon also every vast colleague, H5)."""
    voor = sum(comp.minuten[q] for q in comp.voorgangers_h4(persoon, functie) if oplossing.get(q) == functie)
    return comp.ruimte[functie] - voor >= comp.minuten[persoon]
