"""Near misses: for every boventallige, the smallest extra room on one function that places them.

For each eligible function f of a boventallige m two amounts of extra formatie are candidates:
the room m lacks in f next to the current occupants (hours(m) − vacant(f)), and the whole hours(m)
(when a colleague with priority would take the smaller room). They are tried from small to
large, each with a real solve of the whole scenario with that extra formatie (all of H1–H5 and
O1–O6, proven like a normal solve). The first that places m is the answer; a second solve with
one minute a week less shows that the room is not smaller (capacity counts in whole minutes, §8.13). What it costs: the extra fte
(and its monthly salary at the function's scale, with a Salaristabel), the change in total
salarisgarantie, and every other person whose placement changes.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import pandas as pd

from plaatsing.plan import Plan
from plaatsing.plannen.maken import solve
from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.regels.maat import (MINUTEN_PER_UUR, fte_in_minuten, fte_van_minuten, minuten_als_fte,
                                   minuten_per_medewerker, ruimte_per_functie, uren_tekst)
from plaatsing.scenario import Scenario
from plaatsing.waarden import formatteer_getal

STAP = 1  # minute per week: the grid on which the room is shown to be the smallest (§8.13)
KOLOMMEN = ["personeelsnummer", "functiecode", "extra_fte", "geplaatst_in", "uitkomst", "salarisgarantie",
            "extra_salarisgarantie_per_maand", "kosten_formatie_per_maand", "gevolgen", "bewezen", "extra_uren"]


@dataclass(frozen=True)
class BijnaGeplaatst:
    tabel: pd.DataFrame         # the sheet "Bijna geplaatst", sorted by extra_fte
    zonder_optie: tuple[str, ...]  # boventalligen without any function they are eligible for
    solves: int
    niet_gevonden: tuple[str, ...] = ()  # eligible somewhere, but no tried room places them (see module doc)

    def samenvatting(self) -> str:
        """The summary line, e.g. '3 medewerkers zouden geplaatst zijn met samen 0,17 fte extra formatie'."""
        aantal = len(self.tabel)
        if not aantal:
            return "Geen boventallige medewerker zou met extra formatie in één functie geplaatst zijn."
        totaal = formatteer_getal(round(float(self.tabel["extra_fte"].sum()), 4))
        wie = "1 medewerker zou" if aantal == 1 else f"{aantal} medewerkers zouden"
        tekst = (f"{wie} geplaatst zijn met {'' if aantal == 1 else 'samen '}{totaal} fte extra formatie "
                 "(per medewerker apart berekend; zie het blad Bijna geplaatst).")
        if self.zonder_optie:
            tekst += (f" {len(self.zonder_optie)} {'boventallige komt' if len(self.zonder_optie) == 1 else 'boventalligen komen'}"
                      " voor geen enkele nieuwe functie in aanmerking.")
        if self.niet_gevonden:
            tekst += (f" Voor {len(self.niet_gevonden)} andere {'boventallige' if len(self.niet_gevonden) == 1 else 'boventalligen'}"
                      " plaatst extra formatie in één functie hen alleen ten koste van een ander.")
        return tekst


def met_extra_formatie(s: Scenario, functie: str, extra: int) -> Scenario:
    """The scenario with `extra` minutes a week more formatie in one new function."""
    nieuw = s.nieuwe_functies.copy()
    nieuw.loc[functie, "formatie_fte"] = float(nieuw.at[functie, "formatie_fte"]) + fte_van_minuten(extra, s)
    return replace(s, nieuwe_functies=nieuw)


def bijna_geplaatst(plan: Plan, *, max_extra: float | None = None, personen=None, workers: int | None = None,
                    voortgang: Callable[[str], None] | None = None) -> BijnaGeplaatst:
    """The near misses of a plan (one row per boventallige that extra room on one function places).

    A room counts when it places the boventallige and nobody who is placed in the plan loses their
    place (a swap that only changes who is boventallig is no near miss). `max_extra` (fte): do not
    try rooms above this; `personen`: only these personeelsnummers."""
    s = plan.scenario
    meld = voortgang or (lambda _tekst: None)
    opties = bepaal_kandidaten(s).opties
    functies_van = opties.groupby("personeelsnummer")["functie"].apply(lambda f: sorted(set(f))).to_dict()
    fte = minuten_per_medewerker(s)
    ruimte = ruimte_per_functie(s)
    bezetters: dict[str, list[str]] = {f: [] for f in ruimte}
    for p, f in plan.toewijzing.items():
        if f is not None:
            bezetters[f].append(p)
    vrij = {f: ruimte[f] - sum(fte[q] for q in bezetters[f]) for f in ruimte}
    vast = set(s.vastgezet.index)
    grens = None if max_extra is None else fte_in_minuten(max_extra, s)
    boventallig = plan.besluiten.loc[plan.besluiten["uitkomst"] == "boventallig", "personeelsnummer"]
    if personen is not None:
        boventallig = [p for p in boventallig if p in set(personen)]
    geplaatst = [q for q, f in plan.toewijzing.items() if f is not None]

    def plaatst(ander: Plan, p: str) -> bool:
        return ander.toewijzing[p] is not None and all(ander.toewijzing[q] is not None for q in geplaatst)

    rijen, zonder, niet_gevonden, solves = [], [], [], 0
    for p in boventallig:
        if not functies_van.get(p):
            zonder.append(p)
            continue
        for extra, f in pogingen(p, functies_van, bezetters, fte, vrij, vast):
            if grens is not None and extra > grens:
                break
            ander = solve(met_extra_formatie(s, f, extra), workers=workers)
            solves += 1
            if not plaatst(ander, p):
                continue
            extra, ander, kleiner, n = _kleinste(s, p, f, extra, ander, workers, plaatst)
            solves += n
            rijen.append(_rij(plan, ander, p, f, extra, kleiner))
            meld(f"{p}: {uren_tekst(extra)} per week extra in {f}")
            break
        else:
            niet_gevonden.append(p)
    tabel = pd.DataFrame(rijen, columns=KOLOMMEN)
    tabel = tabel.sort_values(["extra_fte", "personeelsnummer"], kind="mergesort").reset_index(drop=True)
    return BijnaGeplaatst(tabel, tuple(zonder), solves, tuple(niet_gevonden))


def pogingen(p, functies_van, bezetters, fte, vrij, vast) -> list[tuple[int, str]]:
    """The (extra minutes, functie) to try for boventallige p, smallest first: the room p lacks in
    an eligible function f; a whole place in f; and, for a colleague q in f whose leaving would make
    room for p, the room q lacks in another function g of q (q moves to g, p takes q's place)."""
    kandidaten = set()
    for f in functies_van[p]:
        kandidaten.add((max(STAP, fte[p] - vrij[f]), f))
        kandidaten.add((fte[p], f))
        for q in bezetters[f]:
            if q in vast or vrij[f] + fte[q] < fte[p]:
                continue
            for g in functies_van.get(q, ()):
                if g != f and fte[q] > vrij[g]:
                    kandidaten.add((fte[q] - vrij[g], g))
    return sorted(kandidaten)


def _kleinste(s: Scenario, p: str, f: str, extra: int, ander: Plan, workers, plaatst):
    """Show that `extra` - STAP does not place p; when it does (occupants moved), bisect down to the
    smallest room on the STAP grid that does. Returns (extra, plan with it, plan with STAP less, solves)."""
    if extra <= STAP:
        return extra, ander, None, 0
    kleiner = solve(met_extra_formatie(s, f, extra - STAP), workers=workers)
    solves = 1
    if not plaatst(kleiner, p):
        return extra, ander, kleiner, solves
    laag, hoog, plan_hoog, plan_laag = 0, extra - STAP, kleiner, None  # 0 fails: p is boventallig
    while hoog - laag > STAP:
        midden = (laag + hoog) // (2 * STAP) * STAP
        proef = solve(met_extra_formatie(s, f, midden), workers=workers)
        solves += 1
        if not plaatst(proef, p):
            laag, plan_laag = midden, proef
        else:
            hoog, plan_hoog = midden, proef
    return hoog, plan_hoog, plan_laag, solves


def _rij(plan: Plan, ander: Plan, p: str, f: str, extra: int, kleiner: Plan | None) -> dict:
    s = plan.scenario
    rij = ander.besluiten.set_index("personeelsnummer").loc[p]
    salaris = s.salaristabel["maandsalaris"] if not s.salaristabel.empty else None
    kosten_formatie = None
    if salaris is not None and int(s.nieuwe_functies.at[f, "schaal"]) in salaris.index:
        kosten_formatie = round(minuten_als_fte(extra, s) * float(salaris[int(s.nieuwe_functies.at[f, "schaal"])]), 2)
    bewezen = ander.bewezen_optimaal and (kleiner is None or kleiner.bewezen_optimaal)
    return {
        "personeelsnummer": p, "functiecode": f, "extra_fte": minuten_als_fte(extra, s),
        "extra_uren": round(extra / MINUTEN_PER_UUR, 2), "geplaatst_in": rij["nieuwe_functie"],
        "uitkomst": rij["uitkomst"], "salarisgarantie": rij["salarisgarantie"],
        "extra_salarisgarantie_per_maand": None if salaris is None else
        round(salarisgarantie_per_maand(ander) - salarisgarantie_per_maand(plan), 2),
        "kosten_formatie_per_maand": kosten_formatie,
        "gevolgen": gevolgen(plan, ander, p), "bewezen": "ja" if bewezen else "nee",
    }


def salarisgarantie_per_maand(plan: Plan) -> float:
    """Σ over people placed in a lower scale: fte × (salary of own scale − salary of the new scale)."""
    s = plan.scenario
    salaris = s.salaristabel["maandsalaris"].to_dict()
    totaal = 0.0
    for r in plan.besluiten.itertuples(index=False):
        if r.salarisgarantie == "ja" and r.schaal in salaris and r.nieuwe_schaal in salaris:
            totaal += r.fte * (salaris[r.schaal] - salaris[int(r.nieuwe_schaal)])
    return totaal


def gevolgen(plan: Plan, ander: Plan, persoon: str) -> str:
    """The other placements that change when `persoon` is placed with the extra room."""
    voor, na = plan.toewijzing, ander.toewijzing
    regels = []
    for p in sorted(voor):
        if p == persoon or voor[p] == na[p]:
            continue
        if na[p] is None:
            regels.append(f"{p} wordt niet meer geplaatst (was {voor[p]})")
        elif voor[p] is None:
            regels.append(f"{p} wordt geplaatst in {na[p]}")
        else:
            regels.append(f"{p} gaat van {voor[p]} naar {na[p]}")
    return "; ".join(regels) if regels else "geen andere wijzigingen"
