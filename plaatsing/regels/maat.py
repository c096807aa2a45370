"""The one home of the measures every rule compares (rules v2): hours and room in whole minutes per
week (regels.md §8.13, H1), the function level Δ (§1), the priority at a function (§4, H5) and a
person's outcome order with the opt-out (§4, H4 a).

Model, toets, uitleg and uitvoer call these functions; `tests/test_een_thuis.py` fails when one of
these computations is written a second time elsewhere.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

MINUTEN_PER_UUR = 60
TIER_NAAM = {1: "functievolger", 2: "passend", 3: "passend lager", 4: "geschikt"}


# §8.13: hours(m) = uren when given, else fte × normuren; minutes(m) = round(60 × hours(m))
def _minuten(*factoren) -> int:
    """60 × the product of the factors, rounded half up to whole minutes, exactly as the values are written."""
    waarde = Decimal(MINUTEN_PER_UUR)
    for f in factoren:
        waarde *= Decimal(str(f))
    return int(waarde.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def einde_voor_ingang(dienstverband, einddatum, ingang) -> bool:
    """H5 for one person: a tijdelijk contract whose einddatum lies before the ingangsdatum (never placed). Takes the
    raw values, so the reader (a pin of such a contract, SS-7) and the kandidaten decide it alike."""
    if dienstverband != "tijdelijk" or ingang is None or einddatum is None or pd.isna(einddatum):
        return False
    datum = einddatum.date() if hasattr(einddatum, "date") and callable(einddatum.date) else einddatum
    return datum < ingang


def minuten_van_uren(uren: float) -> int:
    return _minuten(uren)


def _gegeven(waarde) -> bool:
    return waarde is not None and not (isinstance(waarde, float) and math.isnan(waarde))


def minuten_van(fte, uren, normuren: float) -> int:
    """minutes(m) from one Medewerkers row: `uren` when given, else fte × normuren (§8.13)."""
    return _minuten(uren) if _gegeven(uren) else _minuten(fte, normuren)


def minuten_per_medewerker(s) -> dict[str, int]:
    """personeelsnummer -> contract minutes per week (regels.md §8.13)."""
    mw = s.medewerkers
    uren = mw["uren"] if "uren" in mw.columns else pd.Series(index=mw.index, dtype=float)
    normuren = s.parameters.normuren
    per_waarde: dict[tuple, int] = {}  # the same uren or fte give the same minutes: each value computed once
    minuten = {}
    for p, fte, u in zip(mw.index, mw["fte"], uren):
        sleutel = (True, u) if _gegeven(u) else (False, fte)
        if sleutel not in per_waarde:
            per_waarde[sleutel] = minuten_van(fte, u, normuren)
        minuten[p] = per_waarde[sleutel]
    return minuten


def ruimte_van_formatie(formatie_fte: float, parameters) -> int:
    """room(n) = round(60 × (formatie_fte(n) + fte_marge) × normuren), in minutes (regels.md §8.13)."""
    return _minuten(Decimal(str(formatie_fte)) + Decimal(str(parameters.fte_marge)), parameters.normuren)


def formatie_in_minuten(formatie_fte: float, s) -> int:
    """The formatie alone (no marge) in minutes, for the Bezetting sheet."""
    return _minuten(formatie_fte, s.parameters.normuren)


def maat_parameters(parameters) -> tuple:
    """The parameters that room and hours depend on (§8.13): when they are equal, so are room(n) and hours(m)."""
    return parameters.fte_marge, parameters.normuren


def ruimte_per_functie(s) -> dict[str, int]:
    """functiecode -> room(n) in minutes: formatie plus fte_marge (H1, §8.2)."""
    return {f: ruimte_van_formatie(v, s.parameters) for f, v in s.nieuwe_functies["formatie_fte"].items()}


def pins_te_vol(minuten: dict[str, int], ruimte: dict[str, int], pins) -> list[tuple[str, int, int]]:
    """SS-7: the functions where the pinned (`pins`: (persoon, functie) pairs) do not fit together:
    (functie, their minutes, room(n)), in code order."""
    totaal: dict[str, int] = {}
    for p, f in pins:
        totaal[f] = totaal.get(f, 0) + minuten[p]
    return [(f, t, ruimte[f]) for f, t in sorted(totaal.items()) if t > ruimte[f]]


def fte_in_minuten(fte: float, s) -> int:
    """An amount of fte as minutes per week at the scenario's normuren."""
    return _minuten(fte, s.parameters.normuren)


def voltijd_minuten(s) -> int:
    """A full-time week (normuren) in minutes."""
    return _minuten(s.parameters.normuren)


def fte_van_minuten(minuten: int, s) -> float:
    """Minutes per week as fte, unrounded (to add exactly that many minutes to a formatie)."""
    return minuten / (MINUTEN_PER_UUR * float(s.parameters.normuren))


def minuten_als_fte(minuten: int, s) -> float:
    """Minutes per week shown as fte (at most four decimals, §8.13)."""
    return round(minuten / (MINUTEN_PER_UUR * float(s.parameters.normuren)), 4)


def uren_tekst(minuten: int) -> str:
    """'20 uur', '17,5 uur', '17,78 uur': hours per week with at most two decimals (§8.13)."""
    uren = round(max(0, minuten) / MINUTEN_PER_UUR, 2)
    tekst = f"{uren:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{tekst} uur"


# §1 (rules v2): passendheid is a matter of the functions, Δ = schaal(n) − schaal(o)
def functie_delta(schaal_nieuw, schaal_oude_functie):
    """Δ by function level; works on ints and on pandas Series alike."""
    return schaal_nieuw - schaal_oude_functie


def oude_functie_schaal(s, personeelsnummers) -> pd.Series:
    """The schaal of each person's old function (the level that Δ starts from)."""
    functie = s.medewerkers.loc[list(personeelsnummers), "functie"]
    return functie.map(s.oude_functies["schaal"]).astype(int)


def garantie_schalen(eigen_schaal, schaal_nieuw):
    """§8.6: scales below the person's own (personal) scale; > 0 means salarisgarantie."""
    verschil = eigen_schaal - schaal_nieuw
    return verschil.clip(lower=0) if hasattr(verschil, "clip") else max(0, verschil)


def uitkomst_naam(*, vastgezet: bool, geplaatst: bool, tier: int | None, tijdelijk: bool) -> str:
    """The uitkomst of the contract (§8.8): vastgezet (SS-7), the tier's name, or — not placed —
    'niet geplaatst (tijdelijk)' (H5) or 'boventallig'; 'niet toegestaan' for a placement without
    eligibility (a hand-made plan)."""
    if vastgezet:
        return "vastgezet"
    if not geplaatst:
        return "niet geplaatst (tijdelijk)" if tijdelijk else "boventallig"
    return TIER_NAAM.get(int(tier), "vastgezet") if tier is not None else "niet toegestaan"


# §4 (rules v2): the priority at a function n — vast before tijdelijk (H5), then the better tier for n,
# then the selection order of §3 (smaller is higher)
def prioriteit(tijdelijk: bool, tier: int, rang: int) -> tuple[int, int, int]:
    return (1 if tijdelijk else 0, tier, rang)


# §4: a person's outcome order — better tier, then an earlier voorkeur; the H4 (a) opt-out (a function the
# own voorkeur list ranks above all T1 functions) counts as a T1 outcome for that person
def uitkomst(tier: int, vpos: int, opt_out: bool) -> tuple[int, int]:
    return (1 if opt_out else tier, vpos)


def opt_out_functies(opties) -> set[str]:
    """H4 (a): the non-T1 functions that the own voorkeur list ranks strictly above every T1 function
    (`opties`: objects with functie, tier, vpos; an unlisted T1 function ranks after all listed)."""
    t1 = [o for o in opties if o.tier == 1]
    if not t1:
        return set()
    grens = min(o.vpos for o in t1)
    return {o.functie for o in opties if o.tier != 1 and o.vpos < grens}
