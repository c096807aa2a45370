"""Uitleg: for one medewerker (or everyone), the outcome, the rules that decided it, and for every
better function why not — the basis for answering a zienswijze. Colleagues stay anonymous.

Rendered from the same facts as the motivering (uitleg/feiten.py), so the two cannot disagree.
"""
from __future__ import annotations

from typing import Iterator

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.regels.kandidaten import ONGENOEMD, TIER_NAAM
from plaatsing.regels.maat import MINUTEN_PER_UUR
from plaatsing.uitleg.feiten import Beslisgegevens, Reden, Verklaring, gegevens_van, verklaar
from plaatsing.uitleg.zinnen import bezet_door, motivering, waarom_niet


def uitleg(plan, persoon: str) -> dict:
    """Outcome, rules and every function the person could have had, with why not for the better ones.

    `uitleg(plan, "A0035")`; for a plan given as a dict first `herbouw_plan(scenario, toewijzing)`."""
    g = gegevens_van(plan)
    if persoon not in g.s.medewerkers.index:
        raise InvoerFout([Melding("Opdrachtregel", None, "--medewerker",
                                  f"personeelsnummer '{persoon}' staat niet in het scenario.")])
    return als_dict(g, verklaar(g, persoon))


KOLOMMEN = ("personeelsnummer", "uitkomst", "nieuwe_functie", "regels", "motivering", "opties",
            "voorkeuren_niet_in_aanmerking", "extra")


def uitleg_alle(plan):
    """The uitleg of every medewerker as a table (pandas DataFrame), one row per medewerker in
    personeelsnummer order, with the keys of `uitleg` as columns (`opties` and `extra` as lists)."""
    return pd.DataFrame(list(uitleg_per_medewerker(plan)), columns=list(KOLOMMEN))


def uitleg_per_medewerker(plan) -> Iterator[dict]:
    """The uitleg of every medewerker one by one, in personeelsnummer order (one computation of the
    facts each): for a long list that is written out while it is made (`plaatsing uitleg --alle`)."""
    g = gegevens_van(plan)
    for p in sorted(g.s.medewerkers.index):
        yield als_dict(g, verklaar(g, p))


def als_dict(g: Beslisgegevens, v: Verklaring) -> dict:
    return {"personeelsnummer": v.persoon, "uitkomst": v.uitkomst, "nieuwe_functie": v.functie,
            "regels": v.regels, "motivering": motivering(g, v), "opties": [_optie(g, v, r) for r in v.opties],
            "voorkeuren_niet_in_aanmerking": [{"voorkeur": w[0], "functie": w[1], "regel": w[2]} for w in v.wensen],
            "extra": [{"regel": f.regel, "zin": f.zin} for f in v.extra]}


def _optie(g: Beslisgegevens, v: Verklaring, r: Reden) -> dict:
    rij = {"functie": r.functie, "functienaam": g.s.nieuwe_functies.at[r.functie, "functienaam"],
           "trede": TIER_NAAM.get(int(r.tier), "vastgezet"), "voorkeur": r.vpos if r.vpos < ONGENOEMD else None,
           "status": r.status, "bezet_door": bezet_door(r.bezetting, r.tier == 1),
           "beslissende_regel": r.regel or None, "waarom_niet": None,
           "feiten": {"soort": r.soort, "formatie_uren": _uren(r.bezetting.formatie), "uw_uren": _uren(r.fte),
                      "ruimte_uren": None if r.ruimte is None else _uren(max(0, r.ruimte)),
                      "rang": list(r.rang) if r.rang else None,
                      "bezetting": [{"categorie": c, "aantal": n, "uren": _uren(m)}
                                    for c, n, m in r.bezetting.aantallen]}}
    if r.status == "beter":
        rij["waarom_niet"] = waarom_niet(g, v, r)
    return rij


def _uren(minuten: int) -> float:
    """Hours per week with at most two decimals (§8.13)."""
    return round(minuten / MINUTEN_PER_UUR, 2)


def als_tekst(u: dict) -> str:
    regels = [f"Medewerker {u['personeelsnummer']}: {u['uitkomst']}"
              + (f" in {u['nieuwe_functie']}" if u["nieuwe_functie"] else ""),
              f"Regels: {'; '.join(u['regels'])}", f"Motivering: {u['motivering']}", "",
              "Functies waarvoor deze medewerker in aanmerking kwam (beste eerst):"]
    if not u["opties"]:
        regels.append("  geen")
    for o in u["opties"]:
        wens = f", voorkeur {o['voorkeur']}" if o["voorkeur"] else ""
        regels.append(f"  {o['functie']} {o['functienaam']} — {o['trede']}{wens} — {o['status']}")
        if o["bezet_door"]:
            regels.append("      bezet door: " + ", ".join(o["bezet_door"]))
        if o["waarom_niet"]:
            regel = f" [{o['beslissende_regel']}]" if o["beslissende_regel"] else ""
            regels.append(f"      waarom niet: {o['waarom_niet']}{regel}")
    return "\n".join(regels)
