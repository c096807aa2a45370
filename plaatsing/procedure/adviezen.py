"""P1 (regels.md §9): the sheet `Adviezen` — zienswijzen, PAC-advies, bezwaar, geschillencommissie.

An adopted advice (`besluit = overgenomen`) binds: with a function code as a pin (SS-7, H3) whose
reason is the advice's source and date; `boventallig` as not placed; `handhaven` the voorgenomen
decision (bound in the second round by `bind_handhaven`, as only the voornemen knows it: plannen/tweede_ronde.py
and `toets_plan` call it). `p1_in_werking` checks the binding again when the parameters change.
A non-adopted advice binds nothing; every advice is answered in the motivering (antwoord.py).
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer.adviezen import BOVENTALLIG, HANDHAVEN, OVERGENOMEN, als_tabel, controleer_adviezen
from plaatsing.invoer.contract import ADVIEZEN
from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.regels.maat import (einde_voor_ingang, functie_delta, minuten_per_medewerker, oude_functie_schaal,
                                   pins_te_vol, ruimte_per_functie, uren_tekst)
from plaatsing.scenario import Scenario
from plaatsing.waarden import citeer, lees_datum, sleutel

BRON_NL = {"zienswijze": "zienswijze", "PAC": "plaatsingsadviescommissie", "bezwaar": "bezwaar",
           "geschillencommissie": "geschillencommissie"}
EIGEN = ("zienswijze", "bezwaar")  # submitted by the medewerker; the others are advices of a commission
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")


class Meldingen:
    """Collects messages (blad, rij, kolom), named as the reader named the sheet and column (Scenario.plekken)."""

    def __init__(self, plekken: dict | None = None):
        self.meldingen: list[Melding] = []
        self.plekken = plekken or {}

    def titel(self, blad: str) -> str:
        return next((titel for (b, _), (titel, _) in self.plekken.items() if b == blad), blad)

    def fout(self, blad, rij, kolom, tekst):
        titel, kolom = self.plekken.get((blad, kolom), (self.titel(blad), kolom))
        self.meldingen.append(Melding(titel, rij, kolom, tekst))


def met_adviezen(s: Scenario, adviezen: list[dict]) -> Scenario:
    """The scenario with these advices (one dict per row, the columns of the sheet Adviezen) checked
    and bound as if they stood in the sheet (P1); InvoerFout names the row (2 = the first)."""
    if s.adviezen is not None:
        raise InvoerFout([Melding("Adviezen", None, None, "het scenario heeft al adviezen; voeg alle adviezen in "
                                  "één keer toe (of in het blad Adviezen).")])
    meldingen = Meldingen()  # advices given in Python: no sheet, the contract's names
    kolommen = {k.naam: k for k in ADVIEZEN.kolommen}
    rijen = []
    for i, invoer in enumerate(adviezen, start=2):
        rij = {"rij": i, **{k: invoer.get(k) for k in kolommen}}
        for naam in ("bron", "besluit"):
            waarde = sleutel(rij[naam]) if rij[naam] is not None else None
            if waarde not in kolommen[naam].keuzes:
                meldingen.fout("Adviezen", i, naam, f"'{citeer(rij[naam])}' is geen geldige waarde; kies "
                           + " of ".join(f"'{w}'" for w in dict.fromkeys(kolommen[naam].keuzes.values())))
            else:
                rij[naam] = kolommen[naam].keuzes[waarde]
        try:
            rij["datum"] = lees_datum(rij["datum"]) if isinstance(rij["datum"], str) else rij["datum"]
        except ValueError as fout:
            meldingen.fout("Adviezen", i, "datum", f"{fout}.")
        rijen.append(rij)
    tabellen = {"medewerkers": [{"personeelsnummer": p} for p in s.medewerkers.index],
                "nieuw": [{"functiecode": f} for f in s.nieuwe_functies.index]}
    controleer_adviezen(meldingen, rijen, tabellen)
    if meldingen.meldingen:
        raise InvoerFout(meldingen.meldingen)
    return bind_adviezen(s, rijen, meldingen)


def datum_nl(datum) -> str:
    """'12 juni 2018'."""
    if isinstance(datum, pd.Timestamp):
        datum = datum.date()
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def herkomst(r) -> str:
    """'de plaatsingsadviescommissie van 12 juni 2018' (who advised, and when)."""
    return f"de {BRON_NL[r.bron]} van {datum_nl(r.datum)}"


def bindend(adviezen: pd.DataFrame | None) -> dict[str, object]:
    """personeelsnummer -> the adopted advice that binds (the latest by date, then row; regels.md P1).
    Earlier adopted advices of that person are superseded by it."""
    if adviezen is None or adviezen.empty:
        return {}
    overgenomen = adviezen[adviezen["besluit"] == OVERGENOMEN]
    return {r.personeelsnummer: r for r in overgenomen.itertuples(index=False)}  # sorted: the last one wins


def bron_tekst(r) -> str:
    """'advies van de plaatsingsadviescommissie van 12 juni 2018', 'zienswijze van 4 juni 2018'."""
    return f"{r.bron} van {datum_nl(r.datum)}" if r.bron in EIGEN else f"advies van {herkomst(r)}"


def reden(r) -> str:
    """The reason of an advice pin: its source and date (and toelichting)."""
    toel = f": {r.toelichting}" if isinstance(r.toelichting, str) and r.toelichting else ""
    return f"{bron_tekst(r)}{toel}"


def bind_adviezen(s: Scenario, rijen: list[dict], meldingen) -> Scenario:
    """The scenario with the adopted advices bound (P1): function advices as pins, `boventallig` as
    not placed. An adopted advice for a function the person is not eligible for, and that is not a
    pin, is an input error (blad, rij, kolom) — as are bindings that conflict with a pin, an advice for a tijdelijk
    contract that ends before the ingangsdatum (H5: never placed), and bindings that together exceed the formatie
    (SS-7)."""
    if not rijen:
        return s
    adviezen = als_tabel(rijen)
    binding = bindend(adviezen)
    pins = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    functie_adviezen = {p: r for p, r in binding.items() if r.advies not in (BOVENTALLIG, HANDHAVEN)}
    if functie_adviezen:
        _controleer_doel(s, meldingen, functie_adviezen, pins)
    for p, r in binding.items():
        if r.advies == BOVENTALLIG and p in pins:
            meldingen.fout("Adviezen", int(r.rij), "advies",
                       f"het advies '{BOVENTALLIG}' is overgenomen, maar {p} is in het blad Vastgezet geplaatst in "
                       f"{pins[p]} (SS-7); haal de vastzetting weg of zet het besluit op 'niet overgenomen'.")
    nieuwe_pins = [{"rij": int(r.rij), "personeelsnummer": p, "nieuwe_functie": r.advies, "toelichting": reden(r)}
                   for p, r in functie_adviezen.items() if p not in pins]
    if not meldingen.meldingen:  # capacity only for advices that can bind at all
        controleer_capaciteit(s, meldingen, nieuwe_pins)
    waarschuwingen = list(s.waarschuwingen)
    for p, r in binding.items():
        if r.advies == HANDHAVEN:
            waarschuwingen.append(Melding(meldingen.titel("Adviezen"), int(r.rij), "advies",
                                          "'handhaven' houdt het voorgenomen besluit vast; dat geldt alleen in de "
                                          "tweede ronde (plaatsing solve … --voornemen vorige-besluiten.xlsx)."))
    if meldingen.meldingen:
        raise InvoerFout(meldingen.meldingen)
    return replace(s, adviezen=adviezen, vastgezet=met_pins(s, nieuwe_pins),
                   niet_plaatsen=frozenset(p for p, r in binding.items() if r.advies == BOVENTALLIG),
                   waarschuwingen=tuple(waarschuwingen))


def p1_in_werking(s: Scenario, vorige: Scenario) -> Scenario:
    """P1 under the parameters in force (a rule of `Scenario.regels_in_werking`): every adopted advice that binds
    as a pin is checked again as when the scenario was read — the person eligible for the function (kandidaten
    depend on the parameters), the contract not ended before the ingangsdatum, the pins within the formatie
    (fte_marge). InvoerFout names the advice's row."""
    functie_adviezen = {p: r for p, r in bindend(s.adviezen).items() if r.advies not in (BOVENTALLIG, HANDHAVEN)}
    if not functie_adviezen or s.parameters == vorige.parameters:
        return s
    pins = {p: (f, t) for p, f, t in zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"],
                                         s.vastgezet["toelichting"])}
    uit_advies = pins_uit_advies(s)
    basis = replace(s, vastgezet=s.vastgezet[~s.vastgezet["personeelsnummer"].isin(uit_advies)])
    meldingen = Meldingen(s.plekken)
    _controleer_doel(basis, meldingen, functie_adviezen, {p: f for p, (f, _) in pins.items() if p not in uit_advies})
    if not meldingen.meldingen:
        controleer_capaciteit(basis, meldingen, [{"rij": int(functie_adviezen[p].rij), "personeelsnummer": p,
                                              "nieuwe_functie": pins[p][0]} for p in sorted(uit_advies)])
    if meldingen.meldingen:
        raise InvoerFout(meldingen.meldingen)
    return s


def pins_uit_advies(s: Scenario) -> set[str]:
    """The persons whose pin an adopted advice made (bind_adviezen): the pin has the advice's function and reason."""
    pins = {p: (f, t) for p, f, t in zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"],
                                         s.vastgezet["toelichting"])}
    return {p for p, r in bindend(s.adviezen).items()
            if r.advies not in (BOVENTALLIG, HANDHAVEN) and pins.get(p) == (r.advies, reden(r))}


def met_pins(s: Scenario, nieuwe_pins: list[dict]) -> pd.DataFrame:
    if not nieuwe_pins:
        return s.vastgezet
    extra = pd.DataFrame(nieuwe_pins, columns=list(s.vastgezet.columns))
    extra = extra.set_index("personeelsnummer", drop=False).rename_axis(None)
    return pd.concat([s.vastgezet, extra]).sort_index()


def _controleer_doel(s: Scenario, meldingen, functie_adviezen: dict, pins: dict) -> None:
    """The function of each adopted advice, as an input error (blad, rij, kolom) where it cannot bind as a pin: it
    conflicts with a pin; H5 never places the person (a tijdelijk contract that ends before the ingangsdatum); or the
    person is not eligible for it and it is not a pin (issue 15: the advice then needs a judgment or a pin)."""
    k = bepaal_kandidaten(s)
    mogelijk = k.paren
    oordelen = {(r.personeelsnummer, r.nieuwe_functie): r.oordeel for r in s.geschiktheid.itertuples(index=False)}
    ingang = s.parameters.ingang
    for p, r in functie_adviezen.items():
        f = r.advies
        mw = s.medewerkers.loc[p]
        if p in pins and pins[p] != f:
            meldingen.fout("Adviezen", int(r.rij), "advies",
                       f"het overgenomen advies plaatst {p} in {f}, maar in het blad Vastgezet is {p} al geplaatst "
                       f"in {pins[p]} (SS-7); pas de vastzetting aan of zet het besluit op 'niet overgenomen'.")
        elif einde_voor_ingang(mw.get("dienstverband"), mw.get("einddatum"), ingang):
            meldingen.fout("Adviezen", int(r.rij), "advies",
                       f"het overgenomen advies plaatst {p} in {f}, maar het tijdelijk dienstverband van {p} eindigt "
                       f"op {mw['einddatum']:%d-%m-%Y}, vóór de ingangsdatum ({ingang:%d-%m-%Y}); zo'n contract "
                       "wordt niet geplaatst (H5), dus het advies kan niet binden (P1, SS-7). Zet het besluit op 'niet "
                       "overgenomen', of vul de einddatum van het verlengde contract in.")
        elif p not in pins and (p, f) not in mogelijk:
            meldingen.fout("Adviezen", int(r.rij), "advies",
                       f"het overgenomen advies plaatst {p} in {f}, maar daarvoor komt {p} niet in aanmerking: "
                       f"{_waarom_niet(s, k, oordelen, p, f)}, en er is geen vastzetting (H2, SS-7). Geef een "
                       "oordeel 'passend' of 'geschikt' in het blad Geschiktheid, leg de plaatsing vast in het blad "
                       "Vastgezet, of zet het besluit op 'niet overgenomen'.")


def _waarom_niet(s: Scenario, k, oordelen: dict, p: str, f: str) -> str:
    if oordelen.get((p, f)) == "niet":
        return "in het blad Geschiktheid staat het oordeel 'niet' (SS-6)"
    if f in k.nieuwe_functies_ss5:
        return "het is een nieuwe functie: daarvoor komt iemand alleen met een oordeel in aanmerking (SS-5)"
    delta = int(functie_delta(int(s.nieuwe_functies.at[f, "schaal"]), int(oude_functie_schaal(s, [p]).iloc[0])))
    return (f"de functie is niet verwant aan de huidige functie {s.medewerkers.at[p, 'functie']} of het "
            f"schaalverschil ({delta:+d}) valt buiten SS-2 tot en met SS-4")


def controleer_capaciteit(s: Scenario, meldingen, nieuwe_pins: list[dict]) -> None:
    """SS-7: the pins and the advices that bind as pins fit the formatie together."""
    if not nieuwe_pins:
        return
    pins = list(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    pins += [(pin["personeelsnummer"], pin["nieuwe_functie"]) for pin in nieuwe_pins]
    laatste = {pin["nieuwe_functie"]: pin for pin in nieuwe_pins}
    for f, totaal, ruimte in pins_te_vol(minuten_per_medewerker(s), ruimte_per_functie(s), pins):
        if f in laatste:
            meldingen.fout("Adviezen", laatste[f]["rij"], "advies",
                       f"met dit advies komen de vastgezette en door advies geplaatste medewerkers in {f} samen op "
                       f"{uren_tekst(totaal)} per week, meer dan de formatie van {uren_tekst(ruimte)} "
                       "(SS-7, H1); verhoog de formatie of neem een van deze adviezen niet over.")


def bind_handhaven(s: Scenario, voornemen: dict[str, str | None]) -> Scenario:
    """P1: an adopted `handhaven` binds the voorgenomen decision — as a pin, or as not placed."""
    binding = {p: r for p, r in bindend(s.adviezen).items() if r.advies == HANDHAVEN}
    if not binding:
        return s
    meldingen = Meldingen()
    pins = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    nieuwe_pins, niet_plaatsen = [], set(s.niet_plaatsen)
    for p, r in binding.items():
        f = voornemen.get(p)
        if p not in voornemen:
            meldingen.fout("Adviezen", int(r.rij), "advies",
                       f"'{HANDHAVEN}' voor {p}, maar het voornemen heeft voor {p} geen besluit; vul een functiecode "
                       f"of '{HANDHAVEN}' alleen in voor wie een voorgenomen besluit heeft.")
        elif p in pins and pins[p] != f:
            meldingen.fout("Adviezen", int(r.rij), "advies",
                       f"'{HANDHAVEN}' houdt {p} in het voorgenomen besluit ({f or 'niet geplaatst'}), maar in het "
                       f"blad Vastgezet staat {p} in {pins[p]} (SS-7); pas de vastzetting of het advies aan.")
        elif f is None:
            niet_plaatsen.add(p)
        elif p not in pins:
            nieuwe_pins.append({"rij": int(r.rij), "personeelsnummer": p, "nieuwe_functie": f, "toelichting": reden(r)})
    controleer_capaciteit(s, meldingen, nieuwe_pins)
    if meldingen.meldingen:
        raise InvoerFout(meldingen.meldingen)
    return replace(s, vastgezet=met_pins(s, nieuwe_pins), niet_plaatsen=frozenset(niet_plaatsen),
                   waarschuwingen=tuple(w for w in s.waarschuwingen if f"'{HANDHAVEN}'" not in w.tekst))
