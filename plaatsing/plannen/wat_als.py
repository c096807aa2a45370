"""Toets, uitleg, wat-als and vergelijk as library functions returning tables (issue: defend any plan)."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.plan import Plan
from plaatsing.plannen.maken import solve
from plaatsing.regels.kandidaten import TIER_NAAM, Kandidaten, bepaal_kandidaten
from plaatsing.regels.maat import (einde_voor_ingang, minuten_per_medewerker, pins_te_vol, ruimte_per_functie,
                                   uitkomst_naam)
from plaatsing.scenario import Scenario
from plaatsing.waarden import tabelrijen

VERSCHIL_KOLOMMEN = ["personeelsnummer", "was_functie", "was_uitkomst", "wordt_functie", "wordt_uitkomst", "verandering"]


def uitkomst_van(s: Scenario, k: Kandidaten, toewijzing: dict, p: str) -> str:
    f = toewijzing.get(p)
    tier = None if f is None else k.opties.set_index(["personeelsnummer", "functie"])["tier"].get((p, f))
    return uitkomst_naam(vastgezet=p in s.vastgezet.index, geplaatst=f is not None, tier=tier,
                         tijdelijk=s.medewerkers.at[p, "dienstverband"] == "tijdelijk")


def vergelijk_plannen(a: Plan, b: Plan) -> pd.DataFrame:
    """Who moves where between two Plans (each with its own uitkomsten, under its own parameters)."""
    return vergelijk_toewijzingen(a.scenario, a.toewijzing, b.toewijzing, a.uitkomsten, b.uitkomsten)


def vergelijk_toewijzingen(s: Scenario, a: dict, b: dict, uitkomsten_a: dict | None = None,
              uitkomsten_b: dict | None = None) -> pd.DataFrame:
    """Who moves where between plan a and plan b, who becomes or stops being boventallig.

    Without the plans' own uitkomsten they are derived from scenario `s`."""
    k = bepaal_kandidaten(s) if uitkomsten_a is None or uitkomsten_b is None else None
    rijen = []
    for p in s.medewerkers.index:
        if a.get(p) == b.get(p):
            continue
        was = (uitkomsten_a or {}).get(p) or uitkomst_van(s, k, a, p)
        wordt = (uitkomsten_b or {}).get(p) or uitkomst_van(s, k, b, p)
        if a.get(p) is None:
            soort = "wordt geplaatst"
        elif b.get(p) is None:
            soort = "wordt niet geplaatst"
        else:
            soort = "verplaatst"
        rijen.append({"personeelsnummer": p, "was_functie": a.get(p), "was_uitkomst": was,
                      "wordt_functie": b.get(p), "wordt_uitkomst": wordt, "verandering": soort})
    return pd.DataFrame(rijen, columns=VERSCHIL_KOLOMMEN, dtype=object)


def doelwaarden(s: Scenario, k: Kandidaten, toewijzing: dict) -> dict:
    """The O1, O3, O4 and O5 totals of a plan, counted the same way for every plan."""
    opties = {(r.personeelsnummer, r.functie): r for r in tabelrijen(k.opties, "Pandas")}
    tiers, posities, kosten = [0] * 4, [0] * 5, 0
    for p, f in toewijzing.items():
        if f is None or (p, f) not in opties:
            continue
        o = opties[p, f]
        if o.tier:
            tiers[o.tier - 1] += 1
        if o.vpos <= 5:
            posities[o.vpos - 1] += 1
        kosten += o.kosten
    return {"O1": sum(f is None for f in toewijzing.values()), "O3": tuple(tiers), "O4": tuple(posities), "O5": kosten}


@dataclass(frozen=True)
class WatAls:
    basis: Plan
    nieuw: Plan
    verschil: pd.DataFrame
    kosten: pd.DataFrame  # kengetal, basis, nieuw, verschil


ONVERKLAARD = "wat-als"  # the toelichting of a what-if pin nobody explained


def met_vastzettingen(s: Scenario, vastzetten: dict[str, str], toelichtingen: dict[str, str] | None = None) -> Scenario:
    """The scenario with extra pins (a pin for someone already pinned replaces it); checked as SS-7.
    A what-if pin is no decision: its toelichting is the one the user gave (`toelichtingen`), or
    'wat-als', and the scenario remembers who was pinned this way (`Scenario.wat_als`)."""
    meldingen = []
    for p, f in vastzetten.items():
        if p not in s.medewerkers.index:
            meldingen.append(Melding("Opdrachtregel", None, "--vastzetten", f"personeelsnummer '{p}' bestaat niet."))
        if f not in s.nieuwe_functies.index:
            meldingen.append(Melding("Opdrachtregel", None, "--vastzetten", f"functie '{f}' bestaat niet."))
        elif p in s.medewerkers.index and "einddatum" in s.medewerkers.columns and einde_voor_ingang(
                s.medewerkers.at[p, "dienstverband"], s.medewerkers.at[p, "einddatum"], s.parameters.ingang):
            meldingen.append(Melding("Opdrachtregel", None, "--vastzetten",
                                     f"het tijdelijk dienstverband van '{p}' eindigt vóór de ingangsdatum; zo'n "
                                     "contract wordt niet geplaatst (H5) en kan niet worden vastgezet (SS-7)."))
    if meldingen:
        raise InvoerFout(meldingen)
    pins = s.vastgezet[~s.vastgezet["personeelsnummer"].isin(vastzetten)]
    toelichtingen = {p: " ".join(str(t).split()) for p, t in (toelichtingen or {}).items() if str(t or "").strip()}
    extra = pd.DataFrame([{"rij": None, "personeelsnummer": p, "nieuwe_functie": f,
                           "toelichting": toelichtingen.get(p, ONVERKLAARD)} for p, f in vastzetten.items()])
    pins = pd.concat([pins, extra], ignore_index=True) if not pins.empty else extra
    pins = pins.set_index("personeelsnummer", drop=False).rename_axis(None).sort_index()
    paren = zip(pins["personeelsnummer"], pins["nieuwe_functie"])
    te_vol = pins_te_vol(minuten_per_medewerker(s), ruimte_per_functie(s), paren)
    if te_vol:
        raise InvoerFout([Melding("Opdrachtregel", None, "--vastzetten",
                                  f"de vastzettingen in {te_vol[0][0]} passen samen niet in de formatie (SS-7).")])
    return replace(s, vastgezet=pins, wat_als=s.wat_als | frozenset(vastzetten))


def onverklaarde_vastzettingen(s: Scenario) -> list[tuple[str, str]]:
    """(personeelsnummer, functie) of every what-if pin without a toelichting from the user: a plan
    with such a pin is a variant, not a decision, and no letter or OR-bijlage may come from it."""
    pins = s.vastgezet.set_index("personeelsnummer", drop=False)
    return [(p, pins.at[p, "nieuwe_functie"]) for p in sorted(s.wat_als)
            if p in pins.index and str(pins.at[p, "toelichting"] or "").strip() in ("", ONVERKLAARD)]


def variant_meldingen(s: Scenario, document: str, *, in_app: bool = False) -> list[str]:
    """Why no letter or OR-bijlage may come from this plan: one text per what-if pin nobody explained
    (issue: a variant is not a decision). Empty for a plan of decisions."""
    hoe = "Zet de medewerker bij Wat-als opnieuw vast met een toelichting" if in_app else "Geef met --toelichting {p}=\"…\" op"
    return [f"dit plan is een wat-als-variant: de vastzetting van {p} in {f} is geen genomen besluit. {document} noemt "
            f"alleen besluiten. {hoe.format(p=p)} waarom deze plaatsing is besloten (wie besloot en wanneer), of gebruik "
            "de besluiten zonder deze wat-als." for p, f in onverklaarde_vastzettingen(s)]


def weiger_variant(s: Scenario, document: str) -> None:
    """InvoerFout (shown by the app) when the plan holds a what-if pin that nobody explained."""
    meldingen = variant_meldingen(s, document, in_app=True)
    if meldingen:
        raise InvoerFout([Melding("Wat-als", None, None, tekst) for tekst in meldingen])


def wat_als(basis: Plan, *, vastzetten: dict[str, str] | None = None, parameters: dict | None = None,
            toelichtingen: dict[str, str] | None = None) -> WatAls:
    """Re-solve with extra pins and/or parameters; the difference with the base plan and its cost.

    `wat_als(plan, parameters={...})` starts from a Plan (its scenario and parameters); each plan is
    scored with its own kandidaten (the variant's under the variant's parameters)."""
    nieuw_scenario = basis.scenario.met_parameters(**(parameters or {}))
    if vastzetten:
        nieuw_scenario = met_vastzettingen(nieuw_scenario, vastzetten, toelichtingen)
    nieuw = solve(nieuw_scenario)
    a = doelwaarden(basis.scenario, basis.k, basis.toewijzing)
    b = doelwaarden(nieuw.scenario, nieuw.k, nieuw.toewijzing)
    kosten = pd.DataFrame([
        {"kengetal": "niet geplaatst (O1)", "basis": a["O1"], "nieuw": b["O1"]},
        *({"kengetal": f"{TIER_NAAM[t + 1]} (O3)", "basis": a["O3"][t], "nieuw": b["O3"][t]} for t in range(4)),
        *({"kengetal": f"voorkeur {i + 1} gehonoreerd (O4)", "basis": a["O4"][i], "nieuw": b["O4"][i]} for i in range(5)),
        {"kengetal": "salarisgarantie (fte × schalen, O5)", "basis": a["O5"] / 1e6, "nieuw": b["O5"] / 1e6},
    ])
    kosten["verschil"] = kosten["nieuw"] - kosten["basis"]
    return WatAls(basis, nieuw, vergelijk_plannen(basis, nieuw), kosten)
