"""Reading the sheets of a besluiten workbook (also one edited by hand after PAC advice): the decisions, the
Verantwoording, and whether it belongs to the scenario. Building a Plan from them is plannen/lezen.py."""
from __future__ import annotations

from pathlib import Path

from plaatsing.invoer import contract as schema
import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer.contract import UITKOMSTEN
from plaatsing.invoer.inhoud import RIJ as INHOUD_RIJ, hoort_bij
from plaatsing.invoer.lezen import Lezer
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.scenario import Scenario

PLAATSINGSBESLUITEN = schema.Blad("Plaatsingsbesluiten", (
    schema.Kolom("personeelsnummer", "code", True, schema.MEDEWERKERS.kolommen[0].aliassen),
    schema.Kolom("uitkomst", "keuze", True, keuzes={u: u for u in UITKOMSTEN}),
    schema.Kolom("nieuwe_functie", "code", False, ("functie", "functiecode")),
    schema.Kolom("motivering", "tekst", False),
    schema.Kolom("status_besluit", "keuze", False, keuzes={s: s for s in ("voorgenomen", "definitief", "gewijzigd")}),
))


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


def inhoud_uit(verantwoording) -> str | None:
    if verantwoording is None:
        return None
    return next((w for o, w in verantwoording.itertuples(index=False) if o == INHOUD_RIJ and w), None)


def afwijkende_motiveringen(pad, plan) -> list[str]:
    """The personeelsnummers whose motivering in the workbook differs from the one the plan gives
    (edited by hand): the letters state what follows from the plan, so the user is told."""
    def gewoon(tekst) -> str:
        return " ".join(str(tekst or "").split())

    rijen, _ = Lezer(open_werkboek(Path(pad), besluiten=True)).lees(PLAATSINGSBESLUITEN)
    uit_plan = {str(p): gewoon(t) for p, t in zip(plan.besluiten["personeelsnummer"], plan.besluiten["motivering"])}
    return [str(r["personeelsnummer"]) for r in rijen
            if str(r["personeelsnummer"]) in uit_plan and gewoon(r["motivering"]) != uit_plan[str(r["personeelsnummer"])]]


def lees_verantwoording(bladen) -> tuple[dict[str, str], str | None, object]:
    """(parameters as recorded, sha256 of the scenario, the sheet as a table) from Verantwoording."""
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
    lezer = Lezer(bladen if bladen is not None else open_werkboek(Path(pad), besluiten=True))
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
