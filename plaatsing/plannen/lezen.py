"""A besluiten workbook back as a Plan (also one edited by hand after PAC advice), judged and explained under
the parameters it was made with (regels.md §8.10)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from plaatsing.fouten import InvoerFout, ParameterFout
from plaatsing.invoer.besluiten import controleer_scenario, inhoud_uit, lees_besluiten, lees_verantwoording
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.parameters import NAMEN, formatteer, normaliseer_naam, parse_parameter
from plaatsing.plan import Plan
from plaatsing.plannen.maken import herbouw_plan
from plaatsing.plannen.tabellen import WAT_ALS_PIN, WAT_ALS_TOELICHTING
from plaatsing.plannen.toetsen import toets_toewijzing
from plaatsing.plannen.wat_als import met_vastzettingen
from plaatsing.procedure.adviezen import bind_handhaven
from plaatsing.procedure.wijzigingen import herstel_voornemen
from plaatsing.scenario import Scenario


def lees_plan(pad, s: Scenario, parameters: dict | None = None, toelichtingen: dict | None = None) -> Plan:
    """The Plan of a besluiten workbook, judged and explained under the parameters it was made with
    (regels.md §8.10: read back from Verantwoording); `parameters` (from -p) override them explicitly
    and are listed in `Plan.overschreven`. A workbook made from another scenario is refused.
    `toelichtingen`: the user's reasons for the what-if pins of a saved variant (they replace 'wat-als')."""
    bladen = open_werkboek(Path(pad), besluiten=True)
    vastgelegd, sha256, verantwoording = lees_verantwoording(bladen)
    controleer_scenario(pad, s, sha256, inhoud_uit(verantwoording))  # before the rows: one sentence, not one per row
    toewijzing, uitkomsten, status = lees_besluiten(pad, s, bladen=bladen, met_status=True)
    pins = dict(w.split("=", 1) for o, w in verantwoording.itertuples(index=False)
                if o == WAT_ALS_PIN and "=" in w) if verantwoording is not None else {}
    redenen = dict(w.split("=", 1) for o, w in verantwoording.itertuples(index=False)
                   if o == WAT_ALS_TOELICHTING and "=" in w) if verantwoording is not None else {}
    onbekend = sorted(set(toelichtingen or {}) - set(pins))
    if onbekend:
        raise ParameterFout(f"--toelichting {onbekend[0]}: deze medewerker is in dit plan niet vastgezet met wat-als; "
                            "een toelichting hoort alleen bij een vastzetting van een wat-als-variant.")
    redenen.update(toelichtingen or {})
    huidig = dict(s.parameters.als_rijen())
    waarden = {n: w for n, w in vastgelegd.items() if n in NAMEN and w != "" and w != huidig.get(n)}
    overschreven = []
    for naam, waarde in (parameters or {}).items():
        naam = normaliseer_naam(naam)
        try:
            getypt = formatteer(parse_parameter(naam, waarde))
        except ValueError as fout:
            raise ParameterFout(f"parameter {naam}: {fout}") from None
        was = vastgelegd.get(naam, huidig.get(naam, ""))
        if getypt != was:
            overschreven.append((naam, was, getypt))
        waarden[naam] = waarde
    plan_s = s.met_parameters(**waarden) if waarden else s
    if verantwoording is not None:
        plan_s = _met_ronde(plan_s, toewijzing, status, verantwoording)
    if pins:  # a saved wat-als variant: its extra pins are part of the plan
        plan_s = met_vastzettingen(plan_s, pins, redenen)
    try:
        return herbouw_plan(plan_s, toewijzing, uitkomsten, verantwoording=verantwoording,
                            overschreven=tuple(overschreven))
    except (InvoerFout, ParameterFout):
        raise
    except Exception:
        # a plan edited by hand that the motiveringen cannot explain (someone placed where they are not
        # eligible, a pinned person made boventallig): its violations, found without the motiveringen
        schendingen = toets_toewijzing(plan_s, toewijzing, uitkomsten)
        if schendingen.empty:
            raise
        raise PlanSchendtRegels(Path(pad).name, schendingen) from None


class PlanSchendtRegels(Exception):
    """A besluiten workbook (edited by hand) whose plan breaks the rules so that it cannot be explained."""

    def __init__(self, naam: str, schendingen):
        super().__init__(f"het plan in '{naam}' voldoet niet aan de regels: {len(schendingen)} schendingen")
        self.naam, self.schendingen = naam, schendingen


def _met_ronde(s: Scenario, toewijzing: dict, status: dict, verantwoording) -> Scenario:
    """A definitive workbook (regels.md §9) is read back as the second round it was: its voornemen
    (status per person, P2) and the `handhaven` advices bound to it (P1), so that uitleg, brieven
    and rapport say what the sheet says."""
    rijen = {}
    for o, w in verantwoording.itertuples(index=False):
        rijen.setdefault(o, w)
    voornemen = herstel_voornemen(status, toewijzing, rijen)
    if voornemen is None:
        return s
    s = replace(s, voornemen=voornemen, voornemen_sha256=rijen.get("sha256 voornemen") or None)
    return bind_handhaven(s, voornemen)
