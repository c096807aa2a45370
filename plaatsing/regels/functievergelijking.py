"""SS-0 Functievergelijking: the wijzigingspercentage computed from the task composition.

A function is "het samenstelsel van taken" (Almelo, §7.3 of the sociaal statuut), so where
the optional sheet `Taken` describes both the old function o and the new function n:

    wijzigingspercentage(o → n) = 100 − Σ_t min(aandeel_o(t), aandeel_n(t))

the share of n's work that was not in o, rounded to whole percents (half up). Tasks match by
name, case- and space-insensitively. The entered percentage counts where both exist; a
difference of more than 5 points is a warning (regels.md SS-0).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from plaatsing.fouten import Melding
from plaatsing.waarden import citeer, formatteer_getal, sleutel

MAX_VERSCHIL = 5          # points between entered and computed before a warning (SS-0)
GRENS_VAN, GRENS_TOT = 28, 32   # boundary cases around the default drempel of 30, listed for the OR
CONSISTENTIE_MARGE = 2    # computed percentages this close count as "(nearly) the same task change"
SOM_MARGE = 1             # a function's shares may add up to 100 ± this without a warning
KOLOMMEN = ["oude_functie", "nieuwe_functie", "berekend", "opgegeven", "verschil", "taken_erbij",
            "taken_eraf", "telt", "uitkomst_vergelijking", "grensgeval", "consistentie"]


def taaksleutel(taak) -> str:
    """Tasks match case- and space-insensitively ('Grootboek en  afsluiting' = 'grootboek enafsluiting')."""
    return sleutel(taak).replace(" ", "")


def samenstelling(rijen) -> dict[str, dict[str, tuple[str, float]]]:
    """functiecode -> taaksleutel -> (task name as written, aandeel) from rows of the Taken sheet."""
    taken: dict[str, dict[str, tuple[str, float]]] = defaultdict(dict)
    for r in rijen:
        if r["functiecode"] is None or r["taak"] is None or r["aandeel"] is None:
            continue
        taken[r["functiecode"]].setdefault(taaksleutel(r["taak"]), (r["taak"], float(r["aandeel"])))
    return dict(taken)


def wijzigingspercentage(oud: dict[str, tuple[str, float]], nieuw: dict[str, tuple[str, float]]) -> int:
    """SS-0: 100 − Σ_t min(aandeel_o(t), aandeel_n(t)), rounded half up to a whole percent."""
    gemeen = sum(min(a, nieuw[t][1]) for t, (_, a) in oud.items() if t in nieuw)
    waarde = Decimal(repr(round(100 - gemeen, 6)))
    return int(max(Decimal(0), waarde).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def verschuivingen(oud: dict, nieuw: dict) -> tuple[str, str]:
    """(taken_erbij, taken_eraf): the tasks that came in or grew, and that went or shrank, with shares."""
    erbij, eraf = [], []
    for t, (naam, a_n) in sorted(nieuw.items()):
        a_o = oud.get(t, (naam, 0.0))[1]
        if a_n > a_o:
            erbij.append(f"{naam} {_pct(a_n)}" if a_o == 0 else f"{naam} +{_pct(a_n - a_o)} ({_pct(a_o)} → {_pct(a_n)})")
    for t, (naam, a_o) in sorted(oud.items()):
        a_n = nieuw.get(t, (naam, 0.0))[1]
        if a_o > a_n:
            eraf.append(f"{naam} {_pct(a_o)}" if a_n == 0 else f"{naam} −{_pct(a_o - a_n)} ({_pct(a_o)} → {_pct(a_n)})")
    return "; ".join(erbij), "; ".join(eraf)


def _pct(getal: float) -> str:
    return f"{formatteer_getal(round(getal, 4))}%"


def controleer_taken(lezer, t: dict) -> None:
    """Read-time part of SS-0 (no parameter needed): check the Taken sheet, fill empty percentages that can be
    computed, warn where entered and computed differ by more than MAX_VERSCHIL points. Every mapping row gets
    `opgegeven` (as entered) and `berekend` (or None). The drempel warnings depend on a parameter: they are made
    under the drempel in force (`drempel_waarschuwingen`)."""
    oud = {r["functiecode"] for r in t["oud"] if r["functiecode"] is not None}
    nieuw = {r["functiecode"] for r in t["nieuw"] if r["functiecode"] is not None}
    _controleer_taakrijen(lezer, t["taken"], oud, nieuw)
    taken = samenstelling(t["taken"])
    taken_oud = {c: v for c, v in taken.items() if c in oud}
    taken_nieuw = {c: v for c, v in taken.items() if c in nieuw}
    kolom_er = "wijzigingspercentage" in lezer.kolommen.get("Functiemapping", {})
    kolom_gemeld = False
    for r in t["mapping"]:
        o, n = r["oude_functie"], r["nieuwe_functie"]
        berekend = wijzigingspercentage(taken_oud[o], taken_nieuw[n]) if o in taken_oud and n in taken_nieuw else None
        r["opgegeven"], r["berekend"] = r["wijzigingspercentage"], berekend
        if r["wijzigingspercentage"] is None:
            if berekend is not None:
                r["wijzigingspercentage"] = float(berekend)
            elif not kolom_er:
                if not kolom_gemeld and "Functiemapping" in lezer.titels:
                    lezer.fout("Functiemapping", 1, "wijzigingspercentage",
                               "de verplichte kolom 'wijzigingspercentage' ontbreekt in de kopregel (rij 1); "
                               "voeg de kolom toe" + (" (leeg laten mag waar het blad Taken beide functies "
                                                      "beschrijft, SS-0)." if taken else "."))
                    kolom_gemeld = True
            elif not _al_gemeld(lezer, r["rij"]):
                tip = (f" of beschrijf {citeer(o)} en {citeer(n)} allebei in het blad Taken (SS-0)" if taken else "")
                lezer.fout("Functiemapping", r["rij"], "wijzigingspercentage",
                           f"'wijzigingspercentage' is leeg; vul een waarde in{tip}.")
        elif berekend is not None and abs(r["wijzigingspercentage"] - berekend) > MAX_VERSCHIL:
            lezer.waarschuw("Functiemapping", r["rij"], "wijzigingspercentage",
                            f"opgegeven is {formatteer_getal(r['wijzigingspercentage'])}%, uit de taken volgt "
                            f"{berekend}% (verschil {formatteer_getal(abs(r['wijzigingspercentage'] - berekend))} "
                            "punten); het opgegeven percentage telt (SS-0). Controleer de functievergelijking.")


KANTEN = "vallen aan verschillende kanten van de drempel"


def drempel_tekst(a: dict, b: dict, drempel: float) -> str:
    """SS-0: two mapping rows that change nearly as much, on different sides of the drempel."""
    return (f"{citeer(a['oude_functie'])} → {citeer(a['nieuwe_functie'])} (taken: {formatteer_getal(a['berekend'])}%) "
            f"en {citeer(b['oude_functie'])} → {citeer(b['nieuwe_functie'])} (taken: {formatteer_getal(b['berekend'])}%, rij "
            f"{b['rij']}) veranderen bijna even veel, maar {KANTEN} van {formatteer_getal(drempel)}% (SS-0, SS-1); "
            "motiveer het verschil of maak de vergelijkingen gelijk.")


def drempel_in_werking(s, vorige):
    """SS-0 under the drempel in force (a rule of `Scenario.regels_in_werking`): the drempel warnings made
    again when the drempel changed, so that no warning of another drempel stays behind."""
    if s.parameters.drempel_wijziging == vorige.parameters.drempel_wijziging:
        return s
    return replace(s, waarschuwingen=drempel_waarschuwingen(s, s.waarschuwingen))


def drempel_waarschuwingen(s, waarschuwingen: tuple) -> tuple:
    """The warnings of a scenario with the SS-0 drempel warnings made again under the drempel in force
    (a parameter changed after reading must not leave a stale one: the warning of 30% and 31% on
    different sides of the drempel is no fact at drempel 40)."""
    blijft = tuple(w for w in waarschuwingen if KANTEN not in w.tekst)
    if "berekend" not in s.mapping.columns:
        return blijft
    # the sheet and column as the reader named them (title in the workbook, column letter)
    blad, kolom = s.plekken.get(("Functiemapping", "wijzigingspercentage"), ("Functiemapping", "wijzigingspercentage"))
    rijen = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
             for r in s.mapping.to_dict("records")]
    nieuw = []
    for a, b in inconsistenties(rijen, s.parameters.drempel_wijziging):
        nieuw.append(Melding(blad, a["rij"], kolom, drempel_tekst(a, b, s.parameters.drempel_wijziging)))
    return blijft + tuple(nieuw)


def _al_gemeld(lezer, rij) -> bool:
    titel = lezer.titels.get("Functiemapping", "Functiemapping")
    return any(m.blad == titel and m.rij == rij and m.kolom and "wijzigingspercentage" in m.kolom
               for m in lezer.meldingen)


def _controleer_taakrijen(lezer, rijen, oud: set, nieuw: set) -> None:
    gezien: dict[tuple, int] = {}
    som: dict[str, float] = defaultdict(float)
    eerste: dict[str, int] = {}
    codes_bekend = bool(oud or nieuw)
    for r in rijen:
        code = r["functiecode"]
        if code is None:
            continue
        if codes_bekend and code not in oud and code not in nieuw:
            lezer.fout("Taken", r["rij"], "functiecode",
                       f"de code '{citeer(code)}' staat niet in het blad Oude functies of Nieuwe functies; "
                       "corrigeer de code.")
            continue
        if r["taak"] is None or r["aandeel"] is None:
            continue
        sleutel_ = (code, taaksleutel(r["taak"]))
        if sleutel_ in gezien:
            lezer.fout("Taken", r["rij"], "taak",
                       f"de taak '{citeer(r['taak'])}' staat bij {citeer(code)} al in rij {gezien[sleutel_]} "
                       "(hoofdletters en spaties tellen niet); zet het aandeel in één rij.")
            continue
        gezien[sleutel_] = r["rij"]
        som[code] += float(r["aandeel"])
        eerste.setdefault(code, r["rij"])
    for code, totaal in som.items():
        if abs(totaal - 100) > SOM_MARGE:
            lezer.waarschuw("Taken", eerste[code], "aandeel",
                            f"de aandelen van {citeer(code)} tellen op tot {formatteer_getal(round(totaal, 4))}%, "
                            "niet 100%; de functievergelijking rekent met de aandelen zoals ze er staan.")


def inconsistenties(mapping_rijen, drempel: float) -> list[tuple[dict, dict]]:
    """Pairs of mapping rows with (nearly) the same computed task change, on different sides of the drempel."""
    rijen = [r for r in mapping_rijen if r.get("berekend") is not None and r["wijzigingspercentage"] is not None]
    paren = []
    for i, a in enumerate(rijen):
        for b in rijen[i + 1:]:
            dichtbij = abs(a["berekend"] - b["berekend"]) <= CONSISTENTIE_MARGE
            if dichtbij and (a["wijzigingspercentage"] <= drempel) != (b["wijzigingspercentage"] <= drempel):
                paren.append((a, b))
    return paren


def functievergelijking(s) -> pd.DataFrame | None:
    """Output sheet Functievergelijking: one row per mapping pair whose two functions both have tasks.
    None when the scenario has no Taken sheet."""
    if s.taken is None or s.taken.empty:
        return None
    taken = samenstelling(s.taken.to_dict("records"))
    taken_oud = {c: v for c, v in taken.items() if c in s.oude_functies.index}
    taken_nieuw = {c: v for c, v in taken.items() if c in s.nieuwe_functies.index}
    drempel = s.parameters.drempel_wijziging
    mapping = s.mapping.sort_values(["oude_functie", "nieuwe_functie", "wijzigingspercentage"])
    mapping = mapping.drop_duplicates(["oude_functie", "nieuwe_functie"])  # the lowest counts (§8.4)
    rijen = []
    for r in mapping.itertuples(index=False):
        o, n = r.oude_functie, r.nieuwe_functie
        if o not in taken_oud or n not in taken_nieuw:
            continue
        berekend = wijzigingspercentage(taken_oud[o], taken_nieuw[n])
        opgegeven = None if pd.isna(r.opgegeven) else float(r.opgegeven)
        erbij, eraf = verschuivingen(taken_oud[o], taken_nieuw[n])
        telt = float(r.wijzigingspercentage)
        rijen.append({
            "oude_functie": o, "nieuwe_functie": n, "berekend": berekend, "opgegeven": opgegeven,
            "verschil": None if opgegeven is None else round(opgegeven - berekend, 4),
            "taken_erbij": erbij, "taken_eraf": eraf, "telt": telt,
            "uitkomst_vergelijking": "ongewijzigd (SS-1)" if round(telt, 6) <= round(drempel, 6) else "gewijzigd",
            "grensgeval": "ja" if any(v is not None and GRENS_VAN <= v <= GRENS_TOT for v in (berekend, opgegeven))
            else "nee",
            "consistentie": "",
        })
    for a, b in inconsistenties([{**r, "wijzigingspercentage": r["telt"]} for r in rijen], drempel):
        for x, y in ((a, b), (b, a)):
            rij = next(r for r in rijen if (r["oude_functie"], r["nieuwe_functie"]) == (x["oude_functie"], x["nieuwe_functie"]))
            tekst = (f"bijna dezelfde taakwijziging als {y['oude_functie']} → {y['nieuwe_functie']} "
                     f"({y['berekend']}%, {y['uitkomst_vergelijking']})")
            rij["consistentie"] = f"{rij['consistentie']}; {tekst}" if rij["consistentie"] else tekst
    return pd.DataFrame(rijen, columns=KOLOMMEN)
