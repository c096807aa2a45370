"""Reading a plan back from a besluiten workbook (also one edited by hand after PAC advice)."""
from __future__ import annotations

from pathlib import Path

from plaatsing.invoer import contract as schema
from plaatsing.fouten import InvoerFout
from plaatsing.invoer.lezen import _Lezer
from plaatsing.plan import UITKOMSTEN
from plaatsing.scenario import Scenario
from plaatsing.invoer.werkboek import open_werkboek

PLAATSINGSBESLUITEN = schema.Blad("Plaatsingsbesluiten", (
    schema.Kolom("personeelsnummer", "code", True, schema.MEDEWERKERS.kolommen[0].aliassen),
    schema.Kolom("uitkomst", "keuze", True, keuzes={u: u for u in UITKOMSTEN}),
    schema.Kolom("nieuwe_functie", "code", False, ("functie", "functiecode")),
))


def lees_besluiten(pad, s: Scenario) -> tuple[dict[str, str | None], dict[str, str]]:
    """(toewijzing, uitkomsten) from the Plaatsingsbesluiten sheet; InvoerFout names blad, rij, kolom."""
    lezer = _Lezer(open_werkboek(Path(pad)))
    rijen, _ = lezer.lees(PLAATSINGSBESLUITEN)
    toewijzing: dict[str, str | None] = {}
    uitkomsten: dict[str, str] = {}
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
    ontbrekend = [p for p in s.medewerkers.index if p not in toewijzing]
    if ontbrekend and not lezer.meldingen:
        lezer.fout("Plaatsingsbesluiten", None, "personeelsnummer",
                   f"{len(ontbrekend)} medewerkers van het scenario ontbreken (bijvoorbeeld {ontbrekend[0]}); "
                   "elke medewerker hoort één rij te hebben.")
    if lezer.meldingen:
        raise InvoerFout(lezer.meldingen)
    return toewijzing, uitkomsten
