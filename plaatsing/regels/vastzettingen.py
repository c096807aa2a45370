"""SS-7 under the parameters in force: the pins of the sheet `Vastgezet` must be honourable (a rule of
`Scenario.regels_in_werking`, like P1 for the advices). The reader checks them under the parameters it read
(invoer/validatie.py); `vastzettingen_in_werking` checks them again when `met_parameters` changes what they depend
on — the ingangsdatum (H5: a tijdelijk contract that ends before it is never placed) and the room in minutes
(fte_marge, normuren) — with the same messages, which live here."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.regels.maat import (einde_voor_ingang, maat_parameters, minuten_per_medewerker, pins_te_vol,
                                   ruimte_per_functie, uren_tekst)
from plaatsing.waarden import citeer


def einde_tekst(persoon: str, einddatum, ingang: dt.date) -> str:
    """The message for a pin of a tijdelijk contract that ends before the ingangsdatum (H5, SS-7)."""
    return (f"het tijdelijk dienstverband van personeelsnummer '{citeer(persoon)}' eindigt op "
            f"{einddatum:%d-%m-%Y}, vóór de ingangsdatum ({ingang:%d-%m-%Y}); zo'n contract wordt niet geplaatst (H5) "
            "en kan dus niet worden vastgezet (SS-7). Haal de vastzetting weg, of vul de einddatum van het verlengde "
            "contract in.")


def te_vol_tekst(code: str, rijen: list[int], totaal: int, ruimte: int) -> str:
    """The message for pins that together exceed the formatie of one function (SS-7, H1)."""
    nummers = f" (rijen {', '.join(str(r) for r in rijen)})" if rijen else ""
    return (f"de vastgezette medewerkers in {citeer(code)}{nummers} werken samen {uren_tekst(totaal)} per "
            f"week, meer dan de formatie van {uren_tekst(ruimte)} (SS-7); verhoog de formatie of haal een vastzetting "
            "weg.")


def _afhankelijk(p) -> tuple:
    return p.ingang, maat_parameters(p)


def vastzettingen_in_werking(s, vorige, uit_advies: set[str]):
    """The pins of the sheet Vastgezet checked again under the parameters in force, when those they depend on
    changed. InvoerFout names the sheet, row and column, as the reader would under these parameters. `uit_advies`:
    the persons whose pin an adopted advice made — those are P1's (procedure/adviezen.p1_in_werking checks them, with
    the advice's row, and the room of a function they share with pins of the sheet)."""
    if _afhankelijk(s.parameters) == _afhankelijk(vorige.parameters) or s.vastgezet.empty:
        return s
    uit_blad = s.vastgezet[~s.vastgezet["personeelsnummer"].isin(uit_advies)]
    meldingen = []
    blad, kolom = s.plekken.get(("Vastgezet", "personeelsnummer"), ("Vastgezet", "personeelsnummer"))
    mw = s.medewerkers
    for p, rij in zip(uit_blad["personeelsnummer"], uit_blad["rij"]):
        einde = mw.at[p, "einddatum"] if "einddatum" in mw.columns else None
        dienst = mw.at[p, "dienstverband"] if "dienstverband" in mw.columns else None
        if einde_voor_ingang(dienst, einde, s.parameters.ingang):
            meldingen.append(Melding(blad, _rij(rij), kolom, einde_tekst(p, einde, s.parameters.ingang)))
    minuten, ruimte = minuten_per_medewerker(s), ruimte_per_functie(s)
    # the pins of the sheet (and of a what-if) alone; with an advice's pin among them, P1 names the advice's row
    paren = list(zip(uit_blad["personeelsnummer"], uit_blad["nieuwe_functie"]))
    blad, kolom = s.plekken.get(("Vastgezet", "nieuwe_functie"), ("Vastgezet", "nieuwe_functie"))
    for code, totaal, ruimte_ in pins_te_vol(minuten, ruimte, paren):
        rijen = sorted(r for r, f in zip(map(_rij, uit_blad["rij"]), uit_blad["nieuwe_functie"])
                       if f == code and r is not None)
        meldingen.append(Melding(blad, rijen[-1] if rijen else None, kolom, te_vol_tekst(code, rijen, totaal, ruimte_)))
    if meldingen:
        raise InvoerFout(meldingen)
    return s


def _rij(rij) -> int | None:
    """The row in the sheet Vastgezet; None for a what-if pin (plannen/wat_als.py), which has no row."""
    return None if rij is None or pd.isna(rij) else int(rij)
