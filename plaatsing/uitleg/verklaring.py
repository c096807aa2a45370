"""Uitleg: for one medewerker, the outcome, the rules that decided it, and for every better
function why not — the basis for answering a zienswijze. Colleagues stay anonymous."""
from __future__ import annotations

from plaatsing.varianten import kengetallen, met_vastzettingen, uitkomst_van
from plaatsing.fouten import InvoerFout, Melding
from plaatsing.regels.kandidaten import ONGENOEMD, TIER_NAAM, bepaal_kandidaten
from plaatsing.uitleg.motivering import Motiveerder
from plaatsing.parameters import AFSPIEGELING
from plaatsing.plan import solve
from plaatsing.scenario import Scenario
from plaatsing.regels.selectievolgorde import maak_selectie
from plaatsing.invoer.cellen import micro

FASE_TEKST = {
    "O1": "dan zou{den} {n} {collega} meer niet geplaatst kunnen worden (O1)",
    "O3": "dan zouden minder collega's als functievolger of in een passende functie geplaatst worden (O3)",
    "O4": "dan zouden minder voorkeuren van collega's gehonoreerd worden (O4)",
    "O5": "dan zou er meer salarisgarantie nodig zijn (O5)",
}


def uitleg(s: Scenario, toewijzing: dict, persoon: str, *, wat_als: bool = True) -> dict:
    """Outcome, rules and every function the person could have had, with why not for the better ones."""
    if persoon not in s.medewerkers.index:
        raise InvoerFout([Melding("Opdrachtregel", None, "--medewerker",
                                  f"personeelsnummer '{persoon}' staat niet in het scenario.")])
    k = bepaal_kandidaten(s)
    selectie = maak_selectie(s, k, toewijzing)
    tekst, regels = Motiveerder(s, k, toewijzing, selectie).motiveer(persoon)
    huidig = toewijzing.get(persoon)
    opties = sorted((o for o in k.opties.itertuples(index=False) if o.personeelsnummer == persoon),
                    key=lambda o: (o.tier or 9, o.vpos, o.kosten, o.functie))
    eigen = next((o for o in opties if o.functie == huidig), None)
    basis = kengetallen(s, k, toewijzing)
    regels_opties = []
    for o in opties:
        beter = huidig is None or (eigen is not None and (o.tier, o.vpos) < (eigen.tier, eigen.vpos))
        rij = {"functie": o.functie, "functienaam": s.nieuwe_functies.at[o.functie, "functienaam"],
               "trede": TIER_NAAM.get(int(o.tier), "vastgezet"), "voorkeur": o.vpos if o.vpos < ONGENOEMD else None,
               "status": "toegewezen" if o.functie == huidig else ("beter" if beter else "minder goed"),
               "bezet_door": bezetting_anoniem(s, k, toewijzing, persoon, o.functie)}
        if rij["status"] == "beter":
            rij["beslissende_regel"], rij["waarom_niet"] = _waarom_niet(s, k, toewijzing, persoon, o, basis, wat_als)
        regels_opties.append(rij)
    return {"personeelsnummer": persoon, "uitkomst": uitkomst_van(s, k, toewijzing, persoon),
            "nieuwe_functie": huidig, "regels": regels, "motivering": tekst, "opties": regels_opties}


def bezetting_anoniem(s, k, toewijzing, persoon, functie) -> list[str]:
    """Who holds the function, without names: 'collega, functievolger', 'collega met langere diensttijd'."""
    tiers = {(o.personeelsnummer, o.functie): o.tier for o in k.opties.itertuples(index=False)}
    eigen = tiers.get((persoon, functie))
    beschrijvingen = []
    for q in sorted(p for p, f in toewijzing.items() if f == functie and p != persoon):
        if q in s.vastgezet.index:
            beschrijvingen.append("vastgezette collega")
        elif tiers.get((q, functie)) == 1:
            beschrijvingen.append("collega, functievolger")
        elif eigen is not None and tiers.get((q, functie), 9) < eigen:
            beschrijvingen.append("collega voor wie de functie passender is")
        elif k.sel_a[q] < k.sel_a[persoon]:
            beschrijvingen.append("collega met langere diensttijd")
        else:
            beschrijvingen.append("collega met kortere diensttijd")
    return beschrijvingen


def _waarom_niet(s, k, toewijzing, p, o, basis, wat_als):
    if p in s.vastgezet.index:
        return "SS-7", "uw plaatsing is vooraf vastgesteld"
    sel = "SEL-B" if s.parameters.selectiemethode == AFSPIEGELING else "SEL-A"
    if o.tier == 1 and _geen_ruimte(s, k, toewijzing, p, o.functie):
        return "H4", (f"u bent hier functievolger, maar naast collega's die in de selectievolgorde ({sel}) "
                      "voor u gaan is geen ruimte meer (H4b)")
    bezet = bezetting_anoniem(s, k, toewijzing, p, o.functie)
    if toewijzing.get(p) is None and bezet and all(b != "collega met kortere diensttijd" for b in bezet) \
            and _vol(s, toewijzing, p, o.functie):
        regel = "H4" if "collega, functievolger" in bezet and o.tier != 1 else "O2"
        return regel, "de formatie is vol met collega's die voor u gaan"
    if not wat_als:
        return "", "niet onderzocht"
    try:
        nieuw = solve(met_vastzettingen(s, {p: o.functie}))
    except InvoerFout:
        return "H1", "de formatie is al gevuld door vooraf vastgezette collega's (SS-7)"
    na = kengetallen(s, k, nieuw.toewijzing)
    if na["O1"] > basis["O1"]:
        n = na["O1"] - basis["O1"]
        return "O1", FASE_TEKST["O1"].format(n=n, den="" if n == 1 else "den", collega="collega" if n == 1 else "collega's")
    for fase in ("O3", "O4"):
        if na[fase] < basis[fase]:
            return fase, FASE_TEKST[fase]
    if na["O5"] > basis["O5"]:
        return "O5", FASE_TEKST["O5"]
    if toewijzing.get(p) is None:
        return "O2", "de plaats gaat naar een collega die in de rangorde voor u gaat"
    return "O6", "bij een gelijke uitkomst voor het geheel gaat een collega met langere diensttijd voor (O6)"


def _geen_ruimte(s, k, toewijzing, p, f) -> bool:
    fte = s.medewerkers["fte"]
    pins = micro(fte[s.vastgezet.index[s.vastgezet["nieuwe_functie"] == f]].sum()) if not s.vastgezet.empty else 0
    ruimte = micro(s.nieuwe_functies.at[f, "formatie_fte"]) + micro(s.parameters.fte_marge) - pins
    for q in k.selectievolgorde.get(f, ()):
        if q == p:
            break
        if toewijzing.get(q) == f and q not in s.vastgezet.index:
            ruimte -= micro(fte[q])
    return ruimte < micro(fte[p])


def _vol(s, toewijzing, p, f) -> bool:
    fte = s.medewerkers["fte"]
    bezet = sum(micro(fte[q]) for q, g in toewijzing.items() if g == f)
    return bezet + micro(fte[p]) > micro(s.nieuwe_functies.at[f, "formatie_fte"]) + micro(s.parameters.fte_marge)


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
            telling = {b: o["bezet_door"].count(b) for b in dict.fromkeys(o["bezet_door"])}
            regels.append("      bezet door: " + ", ".join(f"{b} ({n}×)" if n > 1 else b for b, n in telling.items()))
        if o["status"] == "beter":
            regels.append(f"      waarom niet: {o['waarom_niet']} [{o['beslissende_regel']}]")
    return "\n".join(regels)
