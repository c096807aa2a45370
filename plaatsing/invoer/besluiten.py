"""Reading a plan back from a besluiten workbook (also one edited by hand after PAC advice)."""
from __future__ import annotations

from pathlib import Path

from plaatsing.invoer import contract as schema
from plaatsing.fouten import InvoerFout, Melding, ParameterFout
from plaatsing.invoer.inhoud import RIJ as INHOUD_RIJ, hoort_bij
from plaatsing.invoer.lezen import _Lezer
from plaatsing.parameters import NAMEN, formatteer, normaliseer_naam, parse_parameter
from plaatsing.plan import UITKOMSTEN, WAT_ALS_PIN, WAT_ALS_TOELICHTING, Plan, herbouw_plan
from plaatsing.scenario import Scenario
from plaatsing.invoer.werkboek import open_werkboek

PLAATSINGSBESLUITEN = schema.Blad("Plaatsingsbesluiten", (
    schema.Kolom("personeelsnummer", "code", True, schema.MEDEWERKERS.kolommen[0].aliassen),
    schema.Kolom("uitkomst", "keuze", True, keuzes={u: u for u in UITKOMSTEN}),
    schema.Kolom("nieuwe_functie", "code", False, ("functie", "functiecode")),
    schema.Kolom("motivering", "tekst", False),
    schema.Kolom("status_besluit", "keuze", False, keuzes={s: s for s in ("voorgenomen", "definitief", "gewijzigd")}),
))


def lees_plan(pad, s: Scenario, parameters: dict | None = None, toelichtingen: dict | None = None) -> Plan:
    """The Plan of a besluiten workbook, judged and explained under the parameters it was made with
    (regels.md §8.10: read back from Verantwoording); `parameters` (from -p) override them explicitly
    and are listed in `Plan.overschreven`. A workbook made from another scenario is refused.
    `toelichtingen`: the user's reasons for the what-if pins of a saved variant (they replace 'wat-als')."""
    bladen = open_werkboek(Path(pad))
    vastgelegd, sha256, verantwoording = lees_verantwoording(bladen)
    controleer_scenario(pad, s, sha256, _inhoud(verantwoording))  # before the rows: one sentence, not one per row
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
        from plaatsing.varianten import met_vastzettingen
        plan_s = met_vastzettingen(plan_s, pins, redenen)
    try:
        return herbouw_plan(plan_s, toewijzing, uitkomsten, verantwoording=verantwoording,
                            overschreven=tuple(overschreven))
    except (InvoerFout, ParameterFout):
        raise
    except Exception:
        # a plan edited by hand that the motiveringen cannot explain (someone placed where they are not
        # eligible, a pinned person made boventallig): its violations, found without the motiveringen
        from plaatsing.toets.volledig import toets_plan

        schendingen = toets_plan(plan_s, toewijzing, uitkomsten)
        if schendingen.empty:
            raise
        raise PlanSchendtRegels(Path(pad).name, schendingen) from None


class PlanSchendtRegels(Exception):
    """A besluiten workbook (edited by hand) whose plan breaks the rules so that it cannot be explained."""

    def __init__(self, naam: str, schendingen):
        super().__init__(f"het plan in '{naam}' voldoet niet aan de regels: {len(schendingen)} schendingen")
        self.naam, self.schendingen = naam, schendingen


class AnderScenario(InvoerFout):
    """Besluiten made with another scenario (by the content of its contract sheets): one sentence."""


def controleer_scenario(pad, s: Scenario, sha256: str | None, inhoud: str | None) -> None:
    """Refuse besluiten of another scenario. The content decides (invoer/inhoud.py): the same scenario
    saved again by Excel or LibreOffice without changes keeps its besluiten."""
    if hoort_bij(s, sha256, inhoud):
        return
    wat = "inhoud" if inhoud and s.inhoud_sha256 else "bestand"
    vastgelegd, eigen = (inhoud, s.inhoud_sha256) if wat == "inhoud" else (sha256, s.sha256)
    raise AnderScenario([Melding(Path(pad).name, None, None,
                                 f"de besluiten in '{Path(pad).name}' zijn gemaakt met een ander scenario dan "
                                 f"'{Path(s.bron).name if s.bron else 'dit scenario'}' (sha256 van de {wat} "
                                 f"{vastgelegd[:12]}… tegenover {eigen[:12]}…); gebruik het scenario waarmee ze "
                                 "zijn gemaakt, of maak ze opnieuw met 'plaatsing solve'.")])


def _inhoud(verantwoording) -> str | None:
    if verantwoording is None:
        return None
    return next((w for o, w in verantwoording.itertuples(index=False) if o == INHOUD_RIJ and w), None)


def _met_ronde(s: Scenario, toewijzing: dict, status: dict, verantwoording) -> Scenario:
    """A definitive workbook (regels.md §9) is read back as the second round it was: its voornemen
    (status per person, P2) and the `handhaven` advices bound to it (P1), so that uitleg, brieven
    and rapport say what the sheet says."""
    from dataclasses import replace

    from plaatsing.procedure.adviezen import bind_handhaven
    from plaatsing.procedure.wijzigingen import herstel_voornemen

    rijen = {}
    for o, w in verantwoording.itertuples(index=False):
        rijen.setdefault(o, w)
    voornemen = herstel_voornemen(status, toewijzing, rijen)
    if voornemen is None:
        return s
    s = replace(s, voornemen=voornemen, voornemen_sha256=rijen.get("sha256 voornemen") or None)
    return bind_handhaven(s, voornemen)


def afwijkende_motiveringen(pad, plan: Plan) -> list[str]:
    """The personeelsnummers whose motivering in the workbook differs from the one the plan gives
    (edited by hand): the letters state what follows from the plan, so the user is told."""
    def gewoon(tekst) -> str:
        return " ".join(str(tekst or "").split())

    rijen, _ = _Lezer(open_werkboek(Path(pad))).lees(PLAATSINGSBESLUITEN)
    uit_plan = {str(p): gewoon(t) for p, t in zip(plan.besluiten["personeelsnummer"], plan.besluiten["motivering"])}
    return [str(r["personeelsnummer"]) for r in rijen
            if str(r["personeelsnummer"]) in uit_plan and gewoon(r["motivering"]) != uit_plan[str(r["personeelsnummer"])]]


def lees_verantwoording(bladen) -> tuple[dict[str, str], str | None, object]:
    """(parameters as recorded, sha256 of the scenario, the sheet as a table) from Verantwoording."""
    import pandas as pd

    blad = next((b for b in bladen if b.titel.strip().lower() == "verantwoording"), None)
    if blad is None:
        return {}, None, None
    rijen = []
    for _, cellen in blad.rijen:
        waarden = [c.waarde for c in cellen[:2]] + [None, None]
        onderdeel, waarde = waarden[0], waarden[1]
        if onderdeel is None:
            continue
        rijen.append((str(onderdeel), "" if waarde is None else str(waarde)))
    parameters = {o[len("parameter "):]: w for o, w in rijen if o.startswith("parameter ")}
    sha256 = next((w for o, w in rijen if o == "sha256 invoer" and w), None)
    return parameters, sha256, pd.DataFrame(rijen, columns=["onderdeel", "waarde"])


def lees_besluiten(pad, s: Scenario, *, bladen=None, met_status: bool = False):
    """(toewijzing, uitkomsten) from the Plaatsingsbesluiten sheet, and with `met_status` the
    status_besluit per person (regels.md §9); InvoerFout names blad, rij, kolom."""
    lezer = _Lezer(bladen if bladen is not None else open_werkboek(Path(pad)))
    rijen, _ = lezer.lees(PLAATSINGSBESLUITEN)
    toewijzing: dict[str, str | None] = {}
    uitkomsten: dict[str, str] = {}
    status: dict[str, str] = {}
    for r in rijen:
        p, f = r["personeelsnummer"], r["nieuwe_functie"]
        if p is None:
            continue
        if p not in s.medewerkers.index:
            lezer.fout("Plaatsingsbesluiten", r["rij"], "personeelsnummer",
                       f"personeelsnummer '{p}' staat niet in het scenario; gebruik besluiten van dit scenario.")
        elif p in toewijzing:
            lezer.fout("Plaatsingsbesluiten", r["rij"], "personeelsnummer", f"'{p}' staat er twee keer in.")
        if f is not None and f not in s.nieuwe_functies.index:
            lezer.fout("Plaatsingsbesluiten", r["rij"], "nieuwe_functie",
                       f"de code '{f}' staat niet in het blad Nieuwe functies van het scenario.")
        toewijzing.setdefault(p, f)
        uitkomsten.setdefault(p, r["uitkomst"])
        if r.get("status_besluit"):
            status.setdefault(p, r["status_besluit"])
    ontbrekend = [p for p in s.medewerkers.index if p not in toewijzing]
    if ontbrekend and not lezer.meldingen:
        lezer.fout("Plaatsingsbesluiten", None, "personeelsnummer",
                   f"{len(ontbrekend)} medewerkers van het scenario ontbreken (bijvoorbeeld {ontbrekend[0]}); "
                   "elke medewerker hoort één rij te hebben.")
    if lezer.meldingen:
        raise InvoerFout(lezer.meldingen)
    return (toewijzing, uitkomsten, status) if met_status else (toewijzing, uitkomsten)
