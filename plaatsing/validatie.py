"""Checks across sheets: codes that must exist, uniqueness, pins that must fit (SS-7)."""
from __future__ import annotations

from collections import defaultdict

from plaatsing.schema import VOORKEUR_KOLOMMEN
from plaatsing.waarden import formatteer_getal, micro, sleutel


def controleer_samenhang(lezer, t: dict, parameters) -> None:
    fout = lezer.fout
    oud = _uniek(lezer, t["oud"], "Oude functies", "functiecode", "A (functiecode)")
    nieuw = _uniek(lezer, t["nieuw"], "Nieuwe functies", "functiecode", "A (functiecode)")
    personen = _unieke_personen(lezer, t["medewerkers"])
    _uniek(lezer, t["salaris"], "Salaristabel", "schaal", "A (schaal)")

    for sleutel_, blad in (("medewerkers", "Medewerkers"), ("nieuw", "Nieuwe functies")):
        if not t[sleutel_] and not any(m.blad == blad for m in lezer.meldingen):
            lezer.fout(blad, 2, None, f"het blad {blad} bevat geen gegevens; vul vanaf rij 2 één rij per "
                       f"{'medewerker' if blad == 'Medewerkers' else 'functie'} in.")
    for r in t["medewerkers"]:
        if r["functie"] is not None and r["functie"] not in oud:
            fout("Medewerkers", r["rij"], "functie", _onbekend(r["functie"], oud, "Oude functies"))
        gezien = {}
        for kolom in VOORKEUR_KOLOMMEN:
            code = r[kolom]
            if code is None:
                continue
            if code not in nieuw:
                fout("Medewerkers", r["rij"], kolom, _onbekend(code, nieuw, "Nieuwe functies"))
            elif code in gezien:
                fout("Medewerkers", r["rij"], kolom,
                     f"'{code}' staat al bij {gezien[code]}; noem elke functie maar één keer als voorkeur.")
            gezien.setdefault(code, kolom)
        gd, did = r["geboortedatum"], r["datum_in_dienst"]
        if gd and did and did <= gd:
            fout("Medewerkers", r["rij"], "datum_in_dienst",
                 "de datum in dienst ligt niet na de geboortedatum; controleer beide datums.")
        if gd and parameters.peildatum and gd >= parameters.peildatum:
            fout("Medewerkers", r["rij"], "geboortedatum",
                 "de geboortedatum ligt niet vóór de peildatum; controleer de datum.")
        if r["einddatum"] and did and r["einddatum"] < did:
            fout("Medewerkers", r["rij"], "einddatum", "de einddatum ligt vóór de datum in dienst.")

    gezien_paar: dict[tuple, int] = {}
    for r in t["mapping"]:
        for kolom, codes, blad in (("oude_functie", oud, "Oude functies"), ("nieuwe_functie", nieuw, "Nieuwe functies")):
            if r[kolom] is not None and r[kolom] not in codes:
                fout("Functiemapping", r["rij"], kolom, _onbekend(r[kolom], codes, blad))
        paar = (r["oude_functie"], r["nieuwe_functie"])
        if paar in gezien_paar and None not in paar:
            lezer.waarschuwingen.append(lezer_melding(
                "Functiemapping", r["rij"], "wijzigingspercentage",
                f"de koppeling {paar[0]} → {paar[1]} staat er ook in rij {gezien_paar[paar]}; "
                "het laagste percentage telt (regels.md §8.4)."))
        gezien_paar.setdefault(paar, r["rij"])

    _controleer_persoon_functie(lezer, t["geschiktheid"], "Geschiktheid", personen, nieuw)
    _controleer_persoon_functie(lezer, t["vastgezet"], "Vastgezet", personen, nieuw)
    _controleer_pins(lezer, t, nieuw, parameters)


def lezer_melding(blad, rij, kolom, tekst):
    from plaatsing.fouten import Melding
    return Melding(blad, rij, kolom, tekst)


def _uniek(lezer, rijen, blad, kolom, plek) -> dict:
    codes: dict = {}
    for r in rijen:
        code = r[kolom]
        if code is None:
            continue
        if code in codes:
            lezer.fout(blad, r["rij"], plek, f"'{code}' staat al in rij {codes[code]}; elke waarde mag maar één keer voorkomen.")
        else:
            codes[code] = r["rij"]
    return codes


def _unieke_personen(lezer, rijen) -> dict:
    personen = _uniek(lezer, rijen, "Medewerkers", "personeelsnummer", "A (personeelsnummer)")
    zonder_nullen: dict[str, str] = {}
    for nummer in personen:
        kort = nummer.lstrip("0") or "0"
        if kort in zonder_nullen and zonder_nullen[kort] != nummer:
            ander = zonder_nullen[kort]
            lezer.fout("Medewerkers", personen[nummer], "A (personeelsnummer)",
                       f"'{nummer}' en '{ander}' (rij {personen[ander]}) verschillen alleen in voorloopnullen; "
                       "controleer of dit dezelfde persoon is en maak de nummers eenduidig.")
        zonder_nullen.setdefault(kort, nummer)
    return personen


def _onbekend(code, codes, blad) -> str:
    gelijk = [c for c in codes if sleutel(c) == sleutel(code)]
    hint = f" Bedoelt u '{gelijk[0]}'?" if gelijk else ""
    return f"de code '{code}' staat niet in het blad {blad}.{hint} Voeg de functie toe of corrigeer de code."


def _controleer_persoon_functie(lezer, rijen, blad, personen, nieuw) -> None:
    eerder: dict = {}
    for r in rijen:
        if r["personeelsnummer"] is not None and r["personeelsnummer"] not in personen:
            lezer.fout(blad, r["rij"], "personeelsnummer",
                       f"personeelsnummer '{r['personeelsnummer']}' staat niet in het blad Medewerkers.")
        if r["nieuwe_functie"] is not None and r["nieuwe_functie"] not in nieuw:
            lezer.fout(blad, r["rij"], "nieuwe_functie", _onbekend(r["nieuwe_functie"], nieuw, "Nieuwe functies"))
        sleutel_ = r["personeelsnummer"] if blad == "Vastgezet" else (r["personeelsnummer"], r["nieuwe_functie"])
        if r["personeelsnummer"] is None:
            continue
        if sleutel_ in eerder:
            wat = "deze medewerker is al vastgezet" if blad == "Vastgezet" else "voor deze medewerker en functie staat al een oordeel"
            lezer.fout(blad, r["rij"], "personeelsnummer", f"{wat} in rij {eerder[sleutel_]}; houd er één over.")
        eerder.setdefault(sleutel_, r["rij"])


def _controleer_pins(lezer, t, nieuw, parameters) -> None:
    """SS-7: pins count against capacity; pins over capacity together are an input error."""
    fte = {r["personeelsnummer"]: r["fte"] for r in t["medewerkers"] if r["fte"] is not None}
    formatie = {r["functiecode"]: r["formatie_fte"] for r in t["nieuw"] if r["formatie_fte"] is not None}
    per_functie = defaultdict(list)
    for r in t["vastgezet"]:
        if r["nieuwe_functie"] in formatie and r["personeelsnummer"] in fte:
            per_functie[r["nieuwe_functie"]].append(r)
    for code, rijen in per_functie.items():
        totaal = sum(micro(fte[r["personeelsnummer"]]) for r in rijen)
        ruimte = micro(formatie[code]) + micro(parameters.fte_marge)
        if totaal > ruimte:
            nummers = ", ".join(str(r["rij"]) for r in rijen)
            lezer.fout("Vastgezet", rijen[-1]["rij"], "nieuwe_functie",
                       f"de vastgezette medewerkers in {code} (rijen {nummers}) hebben samen "
                       f"{formatteer_getal(totaal / 1e6)} fte, meer dan de formatie van "
                       f"{formatteer_getal(ruimte / 1e6)} fte (SS-7); verhoog de formatie of haal een vastzetting weg.")
