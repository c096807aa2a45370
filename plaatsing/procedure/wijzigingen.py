"""P2 (regels.md §9): which decisions differ from the voornemen, and why (chains of change).

A chain starts at a person whose decision changed because of an adopted advice (or, without one,
because the scenario changed) and follows who had to move for whom: the next person either held
the place the previous one now takes, or takes the place the previous one left.
"""
from __future__ import annotations

from plaatsing.regels.maat import uitkomst_naam
from plaatsing.procedure.adviezen import BOVENTALLIG, HANDHAVEN, bindend, bron_tekst
from plaatsing.scenario import Scenario

VOORGENOMEN, DEFINITIEF, GEWIJZIGD = "voorgenomen", "definitief", "gewijzigd"
VOORNEMEN_VAN = "voornemen van "  # Verantwoording: 'voornemen van A0095' = UF-LG-02 (empty: not placed)


def status_besluit(s: Scenario, p: str, f: str | None) -> str:
    """`voorgenomen` in a first round; `definitief` (as the voornemen) or `gewijzigd` in a second."""
    if s.voornemen is None:
        return VOORGENOMEN
    return DEFINITIEF if p in s.voornemen and s.voornemen[p] == f else GEWIJZIGD


def gewijzigd(s: Scenario, toewijzing: dict) -> list[str]:
    """Persons whose decision (function, or placed / not placed) differs from the voornemen."""
    if s.voornemen is None:
        return []
    return sorted(p for p, f in toewijzing.items() if p not in s.voornemen or s.voornemen[p] != f)


def stap(s: Scenario, p: str, toewijzing: dict) -> str:
    was, wordt = s.voornemen.get(p), toewijzing[p]
    if p not in s.voornemen:
        return f"{p} (nieuw, zonder voornemen) " + (f"geplaatst in {wordt}" if wordt else "niet geplaatst")
    if wordt is None:
        wat = uitkomst_naam(vastgezet=False, geplaatst=False, tier=None,
                            tijdelijk=s.medewerkers.at[p, "dienstverband"] == "tijdelijk")
        return f"{p} {wat}" + (f" (was {was})" if was else "")
    if was is None:
        return f"{p} alsnog geplaatst in {wordt}"
    return f"{p} verschuift van {was} naar {wordt}"


def ketens(s: Scenario, toewijzing: dict) -> list[str]:
    """'advies van de plaatsingsadviescommissie van 12 juni 2018 voor A: A verschuift van X naar Y →
    B verschuift van Y naar Z → C boventallig (was Z)', one text per chain, advices first."""
    veranderd = gewijzigd(s, toewijzing)
    if not veranderd:
        return []
    V = s.voornemen
    binding = bindend(s.adviezen)
    bezocht: set[str] = set()

    def buren(p):
        return [q for q in veranderd if q not in bezocht and q != p and (
            (toewijzing[p] is not None and V.get(q) == toewijzing[p])
            or (V.get(p) is not None and toewijzing[q] == V.get(p)))]

    def volg(p) -> list[str]:
        bezocht.add(p)
        stappen = [stap(s, p, toewijzing)]
        for q in buren(p):
            if q not in bezocht:
                stappen += volg(q)
        return stappen

    teksten = []
    met_advies = [p for p in veranderd if p in binding]
    for p in met_advies + [p for p in veranderd if p not in binding]:
        if p in bezocht:
            continue
        r = binding.get(p)
        if r is not None:
            wat = {BOVENTALLIG: "boventallig", HANDHAVEN: "handhaven"}.get(r.advies, r.advies)
            begin = f"{bron_tekst(r)} voor {p} ({wat})"
        else:
            begin = "gewijzigde invoer"
        teksten.append(f"{begin}: {' → '.join(volg(p))}")
    return teksten


def verantwoording_rijen(s: Scenario, toewijzing: dict) -> list[tuple[str, str]]:
    """Round, voornemen (P3), advices and the changes with their chains (P2), for Verantwoording."""
    rijen = [("ronde", VOORGENOMEN if s.voornemen is None else DEFINITIEF)]
    if s.voornemen is not None:
        rijen.append(("sha256 voornemen", s.voornemen_sha256 or "(voornemen via de Python-API)"))
    if s.adviezen is not None and not s.adviezen.empty:
        overgenomen = int((s.adviezen["besluit"] == "overgenomen").sum())
        rijen.append(("adviezen en zienswijzen", f"{len(s.adviezen)} ({overgenomen} overgenomen)"))
    if s.voornemen is not None:
        veranderd = gewijzigd(s, toewijzing)
        rijen.append(("besluiten gewijzigd ten opzichte van het voornemen (P2)", str(len(veranderd))))
        rijen.append(("besluiten definitief zoals voorgenomen", str(len(toewijzing) - len(veranderd))))
        rijen += [("wijziging", tekst) for tekst in ketens(s, toewijzing)]
        # the voorgenomen decision of each changed person, so that lees_plan restores the round exactly
        rijen += [(f"{VOORNEMEN_VAN}{p}", s.voornemen[p] or "") for p in veranderd if p in s.voornemen]
    return rijen


def herstel_voornemen(status: dict[str, str], toewijzing: dict, verantwoording: dict[str, str]) -> dict | None:
    """The voornemen of a definitive besluiten workbook (regels.md §9), from its status_besluit column
    and the Verantwoording: `definitief` = as now, `gewijzigd` = as recorded ('voornemen van …'; a
    changed person without that row had no voornemen). None for a workbook of the first round."""
    if verantwoording.get("ronde") != DEFINITIEF:
        return None
    voornemen = {}
    for p, st in status.items():
        if st == DEFINITIEF:
            voornemen[p] = toewijzing.get(p)
        elif f"{VOORNEMEN_VAN}{p}" in verantwoording:
            voornemen[p] = verantwoording[f"{VOORNEMEN_VAN}{p}"] or None
    return voornemen


def samenvatting_regels(s: Scenario, toewijzing: dict) -> list[str]:
    """Lines for the summary on the command line (numbers only, no names)."""
    if s.voornemen is None:
        return []
    veranderd = gewijzigd(s, toewijzing)
    regels = [f"Tweede ronde: {len(veranderd)} van {len(toewijzing)} besluiten gewijzigd ten opzichte van het "
              f"voornemen (status gewijzigd: nieuw voornemen nodig), {len(toewijzing) - len(veranderd)} definitief."]
    regels += [f"  {tekst}" for tekst in ketens(s, toewijzing)]
    return regels
