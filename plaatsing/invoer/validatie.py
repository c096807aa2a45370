"""Checks across sheets: codes that must exist, uniqueness, pins that must fit (SS-7).

Sheets and columns are named by their contract names; the reader turns them into the
workbook's own sheet title and the column letter.
"""
from __future__ import annotations

from collections import defaultdict

from plaatsing.invoer.contract import VOORKEUR_KOLOMMEN
from plaatsing.regels.maat import einde_voor_ingang, minuten_van, pins_te_vol, ruimte_van_formatie, uren_tekst
from plaatsing.regels.vastzettingen import einde_tekst, te_vol_tekst
from plaatsing.waarden import citeer, formatteer_getal, gelijkenis, kopsleutel, onzichtbare_tekens

LEEFTIJD_MIN, LEEFTIJD_MAX = 14, 100  # a birth date outside this range at the peildatum is a typing error


def controleer_samenhang(lezer, t: dict, parameters) -> None:
    fout = lezer.fout
    oud = _uniek(lezer, t["oud"], "Oude functies", "functiecode")
    nieuw = _uniek(lezer, t["nieuw"], "Nieuwe functies", "functiecode")
    personen = _unieke_personen(lezer, t["medewerkers"])
    _uniek(lezer, t["salaris"], "Salaristabel", "schaal")
    # Codes are only checked against a sheet that could be read: a missing sheet is one message.
    oud_bekend = _leesbaar(lezer, t["oud"], "Oude functies", "functiecode")
    nieuw_bekend = _leesbaar(lezer, t["nieuw"], "Nieuwe functies", "functiecode")
    personen_bekend = _leesbaar(lezer, t["medewerkers"], "Medewerkers", "personeelsnummer")

    for sleutel_, blad in (("medewerkers", "Medewerkers"), ("nieuw", "Nieuwe functies")):
        if not t[sleutel_] and blad in lezer.titels and not lezer.heeft_fout_in(blad):
            lezer.fout(blad, 2, None, f"het blad {lezer.titels[blad]} bevat geen gegevens; vul vanaf rij 2 één "
                       f"rij per {'medewerker' if blad == 'Medewerkers' else 'functie'} in.")
    deeltijd_kolom = _deeltijd_kolom(lezer)
    for r in t["medewerkers"]:
        if oud_bekend and r["functie"] is not None and r["functie"] not in oud:
            fout("Medewerkers", r["rij"], "functie", _onbekend(r["functie"], oud, "Oude functies"))
        gezien = {}
        for kolom in VOORKEUR_KOLOMMEN:
            code = r[kolom]
            if code is None:
                continue
            if nieuw_bekend and code not in nieuw:
                fout("Medewerkers", r["rij"], kolom, _onbekend(code, nieuw, "Nieuwe functies"))
            elif code in gezien:
                fout("Medewerkers", r["rij"], kolom,
                     f"'{citeer(code)}' staat al bij {gezien[code]}; noem elke functie maar één keer als voorkeur.")
            gezien.setdefault(code, kolom)
        _controleer_datums(lezer, r, parameters.peildatum)
        if deeltijd_kolom:
            _controleer_uren(lezer, r, parameters.normuren)
        _vergelijk_feitelijke_functie(lezer, r)

    gezien_paar: dict[tuple, int] = {}
    percentages = []
    for r in t["mapping"]:
        for kolom, codes, blad, bekend in (("oude_functie", oud, "Oude functies", oud_bekend),
                                           ("nieuwe_functie", nieuw, "Nieuwe functies", nieuw_bekend)):
            if bekend and r[kolom] is not None and r[kolom] not in codes:
                fout("Functiemapping", r["rij"], kolom, _onbekend(r[kolom], codes, blad))
        paar = (r["oude_functie"], r["nieuwe_functie"])
        if paar in gezien_paar and None not in paar:
            lezer.waarschuw("Functiemapping", r["rij"], "wijzigingspercentage",
                            f"de koppeling {citeer(paar[0])} → {citeer(paar[1])} staat er ook in rij "
                            f"{gezien_paar[paar]}; het laagste percentage telt (regels.md §8.4).")
        gezien_paar.setdefault(paar, r["rij"])
        if r["wijzigingspercentage"] is not None:
            percentages.append(r["wijzigingspercentage"])
    if percentages and max(percentages) <= 1 and any(0 < p < 1 for p in percentages):
        lezer.waarschuw("Functiemapping", None, "wijzigingspercentage",
                        "alle wijzigingspercentages liggen tussen 0 en 1 en tellen als procenten (0,25 is "
                        "0,25%); bedoelt u 25%, typ dan 25 of geef de cellen de opmaak Percentage.")

    _controleer_persoon_functie(lezer, t["geschiktheid"], "Geschiktheid", personen if personen_bekend else None,
                                nieuw if nieuw_bekend else None)
    _controleer_persoon_functie(lezer, t["vastgezet"], "Vastgezet", personen if personen_bekend else None,
                                nieuw if nieuw_bekend else None)
    _controleer_pins(lezer, t, nieuw, parameters)


def _vergelijk_feitelijke_functie(lezer, r: dict) -> None:
    """An extra column feitelijke_functie (e.g. from `plaatsing importeer`): warn where it differs from
    the formele functie, because the sociaal statuut may say which one counts (the engine uses `functie`)."""
    for sleutel_, waarde in r.items():
        if sleutel_.startswith("extra:") and kopsleutel(sleutel_[6:]) == "feitelijkefunctie":
            feitelijk = None if waarde is None else str(waarde).strip()
            if feitelijk and r["functie"] is not None and feitelijk != r["functie"]:
                lezer.waarschuw("Medewerkers", r["rij"], sleutel_[6:],
                                f"de feitelijke functie {citeer(feitelijk)} is niet de formele functie "
                                f"{citeer(r['functie'])}; plaatsing rekent met de formele functie (kolom functie). "
                                "Ga na wat het sociaal statuut zegt.")


def _leesbaar(lezer, rijen: list, blad: str, kolom: str) -> bool:
    """The sheet is there, has its key column and rows, so codes can be checked against it."""
    return bool(rijen) and kolom in lezer.kolommen.get(blad, {})


def _controleer_datums(lezer, r: dict, peildatum) -> None:
    fout = lezer.fout
    gd, did = r["geboortedatum"], r["datum_in_dienst"]
    if gd and did and did <= gd:
        fout("Medewerkers", r["rij"], "datum_in_dienst",
             "de datum in dienst ligt niet na de geboortedatum; controleer beide datums.")
    if gd and peildatum:
        if gd >= peildatum:
            fout("Medewerkers", r["rij"], "geboortedatum",
                 "de geboortedatum ligt niet vóór de peildatum; controleer de datum.")
        else:
            leeftijd = peildatum.year - gd.year - ((peildatum.month, peildatum.day) < (gd.month, gd.day))
            if not LEEFTIJD_MIN <= leeftijd <= LEEFTIJD_MAX:
                fout("Medewerkers", r["rij"], "geboortedatum",
                     f"volgens de geboortedatum is de medewerker op de peildatum {leeftijd} jaar; "
                     "controleer de datum.")
    if r["einddatum"] and did and r["einddatum"] < did:
        fout("Medewerkers", r["rij"], "einddatum",
             "de einddatum ligt vóór de datum in dienst; controleer beide datums.")
    if r.get("dienstverband") == "tijdelijk":  # H5
        if not r["einddatum"]:
            lezer.waarschuw("Medewerkers", r["rij"], "einddatum",
                            "tijdelijk dienstverband zonder einddatum; vul de einddatum in, anders wordt het "
                            "contract behandeld alsof het na de ingangsdatum doorloopt (H5).")
        elif peildatum and r["einddatum"] < peildatum:
            lezer.waarschuw("Medewerkers", r["rij"], "einddatum",
                            "de einddatum van het tijdelijk dienstverband ligt vóór de peildatum; controleer de "
                            "datum. Een contract dat vóór de ingangsdatum eindigt, wordt niet geplaatst (H5).")


def _uniek(lezer, rijen, blad, kolom) -> dict:
    codes: dict = {}
    for r in rijen:
        code = r[kolom]
        if code is None:
            continue
        if code in codes:
            lezer.fout(blad, r["rij"], kolom, f"'{citeer(code)}' staat al in rij {codes[code]}; elke waarde mag "
                       "maar één keer voorkomen.")
        else:
            codes[code] = r["rij"]
    return codes


def _zonder_nullen(nummer: str) -> str:
    return nummer.lstrip("0") or "0"


def _unieke_personen(lezer, rijen) -> dict:
    personen = _uniek(lezer, rijen, "Medewerkers", "personeelsnummer")
    zonder_nullen: dict[str, str] = {}
    for nummer in personen:
        kort = _zonder_nullen(nummer)
        if kort in zonder_nullen and zonder_nullen[kort] != nummer:
            ander = zonder_nullen[kort]
            lezer.fout("Medewerkers", personen[nummer], "personeelsnummer",
                       f"'{citeer(nummer)}' en '{citeer(ander)}' (rij {personen[ander]}) verschillen alleen in "
                       "voorloopnullen; controleer of dit dezelfde persoon is en maak de nummers eenduidig.")
        zonder_nullen.setdefault(kort, nummer)
    _gelijkende_personen(lezer, personen)
    return personen


def _gelijkende_personen(lezer, personen: dict) -> None:
    """A personeelsnummer names files (the letters): invisible characters, and two numbers that differ only
    in upper/lower case, full-width or look-alike letters of another script, are input errors."""
    gezien: dict[str, str] = {}
    for nummer, rij in personen.items():
        onzichtbaar = onzichtbare_tekens(nummer)
        if onzichtbaar:
            lezer.fout("Medewerkers", rij, "personeelsnummer",
                       f"'{citeer(nummer)}' bevat een onzichtbaar teken of stuurteken ({', '.join(onzichtbaar[:3])}); "
                       "typ het personeelsnummer opnieuw, zonder gekopieerde opmaak.")
        sleutel_ = gelijkenis(nummer)
        if sleutel_ in gezien:
            ander = gezien[sleutel_]
            lezer.fout("Medewerkers", rij, "personeelsnummer",
                       f"'{citeer(nummer)}' lijkt op '{citeer(ander)}' (rij {personen[ander]}): ze verschillen alleen in "
                       "hoofd- of kleine letters, in de breedte van tekens, in onzichtbare tekens of in letters uit een "
                       "ander schrift die er hetzelfde uitzien. Hun brieven zouden dezelfde naam krijgen; maak de "
                       "nummers duidelijk verschillend.")
        gezien.setdefault(sleutel_, nummer)


def _onbekend(code, codes, blad) -> str:
    gelijk = [c for c in codes if kopsleutel(code) and kopsleutel(c) == kopsleutel(code)]
    hint = f" Bedoelt u '{citeer(gelijk[0])}'?" if gelijk else ""
    return (f"de code '{citeer(code)}' staat niet in het blad {blad}.{hint} "
            "Voeg de functie toe of corrigeer de code.")


def _controleer_persoon_functie(lezer, rijen, blad, personen, nieuw) -> None:
    """Geschiktheid and Vastgezet: known people and functions, no row twice.

    `personen` / `nieuw` are None when that sheet could not be read (no checks against it)."""
    eerder: dict = {}
    for r in rijen:
        nummer = r["personeelsnummer"]
        if personen is not None and nummer is not None and nummer not in personen:
            gelijk = [p for p in personen if _zonder_nullen(p) == _zonder_nullen(nummer)]
            hint = (f" Bedoelt u '{citeer(gelijk[0])}'? Excel laat voorloopnullen weg in getalcellen; "
                    "geef de cellen de opmaak Tekst." if gelijk else " Corrigeer het nummer.")
            lezer.fout(blad, r["rij"], "personeelsnummer",
                       f"personeelsnummer '{citeer(nummer)}' staat niet in het blad Medewerkers.{hint}")
        if nieuw is not None and r["nieuwe_functie"] is not None and r["nieuwe_functie"] not in nieuw:
            lezer.fout(blad, r["rij"], "nieuwe_functie", _onbekend(r["nieuwe_functie"], nieuw, "Nieuwe functies"))
        sleutel_ = nummer if blad == "Vastgezet" else (nummer, r["nieuwe_functie"])
        if nummer is None:
            continue
        if sleutel_ in eerder:
            wat = ("deze medewerker is al vastgezet" if blad == "Vastgezet"
                   else "voor deze medewerker en functie staat al een oordeel")
            lezer.fout(blad, r["rij"], "personeelsnummer", f"{wat} in rij {eerder[sleutel_]}; houd er één over.")
        eerder.setdefault(sleutel_, r["rij"])


def _deeltijd_kolom(lezer) -> bool:
    """fte or uren (§8.13): a Medewerkers sheet without either column is one message for the header."""
    kolommen = lezer.kolommen.get("Medewerkers")
    if kolommen is None or "fte" in kolommen or "uren" in kolommen or lezer.heeft_fout_in("Medewerkers"):
        return kolommen is not None and ("fte" in kolommen or "uren" in kolommen)
    lezer.fout("Medewerkers", 1, "fte", "de verplichte kolom 'fte' ontbreekt in de kopregel (rij 1); voeg de kolom "
               "toe, of geef de uren per week in een kolom 'uren'.")
    return False


def _controleer_uren(lezer, r: dict, normuren: float) -> None:
    """fte or uren (§8.13): one of them is required; given uren decide, and fte is shown as uren / normuren
    (scenario-formaat.md, column uren); both given and more than one minute a week apart is a warning."""
    if r["fte"] is None and r["uren"] is None:
        if not any(m.rij == r["rij"] and m.kolom and "fte" in m.kolom for m in lezer.meldingen):
            lezer.fout("Medewerkers", r["rij"], "fte",
                       "vul de deeltijdfactor (fte, bijvoorbeeld 0,8) of de uren per week (kolom uren) in.")
        return
    if minuten_van(r["fte"], r["uren"], normuren) == 0:  # §8.13: whole minutes; 0 minutes would fit anywhere
        kolom, waarde = ("uren", r["uren"]) if r["uren"] is not None else ("fte", r["fte"])
        lezer.fout("Medewerkers", r["rij"], kolom,
                   f"{kolom} {formatteer_getal(waarde)} is minder dan een halve minuut per week (bij "
                   f"{formatteer_getal(normuren)} uur voltijds); de capaciteit telt in hele minuten (regels.md "
                   "§8.13). Vul de deeltijdfactor (bijvoorbeeld 0,8) of de uren per week in.")
        return
    if r["uren"] is None:
        return
    if r["uren"] > normuren:
        lezer.fout("Medewerkers", r["rij"], "uren",
                   f"{formatteer_getal(r['uren'])} uur per week is meer dan de voltijdse werkweek van "
                   f"{formatteer_getal(normuren)} uur (parameter normuren); vul de contracturen in.")
        return
    if r["fte"] is not None and abs(minuten_van(r["fte"], None, normuren) - minuten_van(None, r["uren"], normuren)) > 1:
        lezer.waarschuw("Medewerkers", r["rij"], "uren",
                        f"fte {formatteer_getal(r['fte'])} en {formatteer_getal(r['uren'])} uur per week verschillen "
                        f"meer dan een minuut per week (bij {formatteer_getal(normuren)} uur voltijds); de uren "
                        f"tellen (regels.md §8.13): de besluiten noemen fte "
                        f"{formatteer_getal(round(r['uren'] / normuren, 4))}.")
    # the uren decide, so every table and letter shows the fte they give (fte 1 beside 20 hours would put 3.8 fte in a
    # function of 3 that Bezetting reports full)
    r["fte"] = round(r["uren"] / normuren, 4)


def _controleer_pins(lezer, t, nieuw, parameters) -> None:
    """SS-7: pins count against capacity; pins over capacity together are an input error. So is a pin of a
    tijdelijk contract that ends before the ingangsdatum: H5 places such a contract not at all, so the pin cannot be
    honoured."""
    minuten = {r["personeelsnummer"]: minuten_van(r["fte"], r["uren"], parameters.normuren)
               for r in t["medewerkers"] if r["fte"] is not None}
    ingang = parameters.ingang
    einde = {r["personeelsnummer"]: r["einddatum"] for r in t["medewerkers"]
             if einde_voor_ingang(r.get("dienstverband"), r["einddatum"], ingang)}
    for r in t["vastgezet"]:
        if r["personeelsnummer"] in einde:
            lezer.fout("Vastgezet", r["rij"], "personeelsnummer",
                       einde_tekst(r["personeelsnummer"], einde[r["personeelsnummer"]], ingang))
    formatie = {r["functiecode"]: r["formatie_fte"] for r in t["nieuw"] if r["formatie_fte"] is not None}
    per_functie = defaultdict(list)
    gezien = set()
    for r in t["vastgezet"]:
        # a person pinned twice is reported above; count them once
        if r["nieuwe_functie"] in formatie and r["personeelsnummer"] in minuten and r["personeelsnummer"] not in gezien:
            per_functie[r["nieuwe_functie"]].append(r)
            gezien.add(r["personeelsnummer"])
    ruimte = {code: ruimte_van_formatie(formatie[code], parameters) for code in per_functie}
    paren = [(r["personeelsnummer"], code) for code, rijen in per_functie.items() for r in rijen]
    for code, totaal, ruimte_ in pins_te_vol(minuten, ruimte, paren):
        rijen = [r["rij"] for r in per_functie[code]]
        lezer.fout("Vastgezet", rijen[-1], "nieuwe_functie", te_vol_tekst(code, rijen, totaal, ruimte_))
