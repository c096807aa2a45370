"""Plain Dutch from the facts of uitleg/feiten.py: the motivering, and the per-option 'waarom niet'.

Every sentence states only facts of the Verklaring; the rule ID goes in brackets at the end.
Colleagues are never named, only counted in anonymous categories.
"""
from __future__ import annotations

from plaatsing.regels.kandidaten import ONGENOEMD, TIER_NAAM
from plaatsing.regels.maat import uren_tekst
from plaatsing.regels.selectieverslag import afspiegeling_feiten
from plaatsing.uitleg.feiten import (AFSPIEGELING_VOOR, BESLUIT, FUNCTIEVOLGER, GELIJK, LANGER, NA, PASSENDER,
                                     VAST, Beslisgegevens, Bezetting, Reden, Verklaring)
from plaatsing.waarden import formatteer_getal

GEVOLG = {
    "O1": "kan die collega niet naar uw huidige functie en zou die niet geplaatst worden",
    "O3": "zouden minder medewerkers als functievolger of in een passende functie geplaatst zijn",
    "O4": "zouden minder voorkeuren gehonoreerd zijn (een voorkeur is een wens, geen recht)",
    "O5": "zou er meer salarisgarantie nodig zijn",
    "O6": "blijft de uitkomst voor het geheel gelijk en beslist de anciënniteit",
}


def uren(minuten: int) -> str:
    """Hours per week (§8.12: room and aanstelling in hours, never fte residues)."""
    return uren_tekst(minuten)


def datum(d) -> str:
    return d.strftime("%d-%m-%Y")


def functie_tekst(g: Beslisgegevens, f: str) -> str:
    n = g.functies[f]
    return f"{f} {n['functienaam']} ({n['eenheid']}, schaal {int(n['schaal'])})"


def _meer(n: int, een: str, veel: str) -> str:
    return f"{n} {een if n == 1 else veel}"


def categorie_tekst(cat: str, n: int, volgers: bool) -> str:
    """'2 functievolgers met langere diensttijd', '1 vooraf genomen besluit' (never a name)."""
    wie = _meer(n, "functievolger", "functievolgers") if volgers else _meer(n, "collega", "collega's")
    gaat = "gaat" if n == 1 else "gaan"
    return {
        BESLUIT: _meer(n, "vooraf genomen besluit", "vooraf genomen besluiten"),
        FUNCTIEVOLGER: _meer(n, "functievolger", "functievolgers"),
        PASSENDER: f"{_meer(n, 'collega', 'collega’s')} voor wie de functie passender is (een betere trede)",
        LANGER: f"{wie} met langere diensttijd",
        GELIJK: f"{wie} met even lange diensttijd die in de volgorde voor u {gaat} (ouder of lager personeelsnummer)",
        VAST: f"{wie} in vaste dienst (tijdelijk komt na vast, H5)",
        AFSPIEGELING_VOOR: f"{wie} die bij afspiegeling voor u {gaat}",
        NA: f"{_meer(n, 'collega', 'collega’s')} die niet voor u {gaat}",
    }[cat].replace("’", "'")


def bezet_door(bez: Bezetting, volgers: bool) -> list[str]:
    return [categorie_tekst(c, n, volgers) for c, n, _ in bez.aantallen]


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def _bezet(bez: Bezetting, volgers: bool) -> str:
    delen = bezet_door(bez, volgers)
    wie = _opsomming(delen) if delen else "niemand"
    return f"de formatie van {uren(bez.formatie)} per week is bezet door {wie}"


def _besluit(bez: Bezetting, r: Reden) -> str:
    if r.zonder_besluit is None:
        return ""
    toel = f" ({'; '.join(bez.toelichtingen)})" if bez.toelichtingen else ""
    return (f"; zonder {'het vooraf genomen besluit' if bez.aantal(BESLUIT) == 1 else 'de vooraf genomen besluiten'}"
            f"{toel} was er {uren(r.zonder_besluit)} ruimte voor u geweest{'' if r.regel == 'SS-7' else ' (SS-7)'}")


def waarom_niet(g: Beslisgegevens, v: Verklaring, r: Reden) -> str:
    """Why this option went as it did, in one clause ending with the deciding rule in brackets."""
    if r.soort == "toegewezen":
        return "deze functie is u toegewezen"
    if r.soort == "eigen_besluit":
        return "uw plaatsing is vooraf vastgesteld (SS-7)"
    if r.koos_anders:
        eigen = next(o for o in v.opties if o.status == "toegewezen")
        naam = g.functies[eigen.functie]["functienaam"]
        return (f"u had {eigen.functie} {naam} als voorkeur {eigen.vpos} vóór deze functie opgegeven, dus u mocht daar "
                f"geplaatst worden (H4a); {_waarom(g, v, r)}")
    return _waarom(g, v, r)


def _waarom(g: Beslisgegevens, v: Verklaring, r: Reden) -> str:
    volgers = r.tier == 1
    if r.soort == "minder_goed":
        return "deze functie is voor u minder goed dan uw uitkomst"
    if r.soort == "h4b":
        sel = "SEL-B" if g.sel_b else "SEL-A"
        rang = f"u staat {r.rang[0]}e van {r.rang[1]} in de selectievolgorde ({sel}); " if r.rang else ""
        tekst = (f"u bent hier functievolger, maar {rang}{_bezet(r.bezetting, True)}; naast wie voor u gaat blijft "
                 f"{_over(r.ruimte)} en u werkt {uren(r.fte)}{_besluit(r.bezetting, r)}")
        if g.sel_b and g.selectie is not None:
            feiten = afspiegeling_feiten(g.selectie, r.functie, v.persoon)
            tekst += f"; afspiegeling: {feiten}" if feiten else ""
        return tekst + "; u hebt daar de selectie verloren (H4)"
    if r.soort == "vol":
        rang = f"; u staat {r.rang[0]}e van {r.rang[1]} in de volgorde voor deze functie" if r.rang else ""
        return (f"{_bezet(r.bezetting, volgers)}{rang}; naast wie voor u gaat blijft {_over(r.ruimte)} en u werkt "
                f"{uren(r.fte)}{_besluit(r.bezetting, r)} ({r.regel})")
    if r.soort == "h1":
        return (f"{_bezet(r.bezetting, volgers)}; als een collega die niet voor u gaat plaatsmaakt, komt hoogstens "
                f"{uren(r.vrij_max)} vrij en u werkt {uren(r.fte)} (H1)")
    if r.soort == "h4_ander":
        return (f"{_bezet(r.bezetting, volgers)}; wie daar niet voor u gaat, is functievolger in een andere functie "
                "en koos deze functie als voorkeur; zonder deze plaats geldt het functievolgerrecht (H4)")
    if r.soort == "o2_open":
        return (f"{_bezet(r.bezetting, volgers)}; u gaat daar voor een collega die er geplaatst is, dus volgens de "
                "voorrangsregel had u deze plaats moeten krijgen; laat dit plan toetsen (O2)")
    if r.soort == "vrij":
        return (f"{_bezet(r.bezetting, volgers)}; er is nog {uren(r.ruimte)} vrij en u werkt {uren(r.fte)}; "
                f"dit plan laat die ruimte onbenut, laat het toetsen ({r.regel})")
    return (f"{_bezet(r.bezetting, volgers)}; u kunt daar alleen de plaats krijgen van een collega die niet voor u "
            f"gaat, en dan {GEVOLG[r.regel]} ({r.regel})")


def _over(minuten: int) -> str:
    return "geen ruimte over" if minuten <= 0 else f"{uren(minuten)} over"


def optie_zin(g: Beslisgegevens, v: Verklaring, r: Reden) -> str:
    wens = f", uw voorkeur {r.vpos}" if r.vpos < ONGENOEMD else ""
    return f"Voor {functie_tekst(g, r.functie)} ({TIER_NAAM.get(r.tier, 'vastgezet')}{wens}): {waarom_niet(g, v, r)}."


def motivering(g: Beslisgegevens, v: Verklaring) -> str:
    """The motivering of the Plaatsingsbesluiten sheet, rendered from the Verklaring only."""
    vooraf = [feit.zin for feit in v.extra if feit.vervangt_grond]
    zinnen = vooraf or [_grond(g, v)]
    f = v.functie
    mw = g.mensen[v.persoon]
    if f is not None and int(g.functies[f]["schaal"]) < int(mw["schaal"]):  # §8.6: the personal scale decides
        zinnen.append(f"De nieuwe functie is ingedeeld in schaal {int(g.functies[f]['schaal'])}, lager dan uw "
                      f"persoonlijke schaal {int(mw['schaal'])}; u behoudt uw salaris (salarisgarantie).")
    elif f is not None and int(g.functies[f]["schaal"]) > int(mw["schaal"]):
        schaal, oud = int(g.functies[f]["schaal"]), int(g.schaal_oud[mw["functie"]])
        if schaal <= oud:  # §8.6: an aanloopschaal in a function of the old level continues under the cao
            zinnen.append(f"De nieuwe functie is ingedeeld in schaal {schaal}; uw persoonlijke schaal "
                          f"{int(mw['schaal'])} en de doorgroei daarin lopen door.")
        else:
            zinnen.append(f"De nieuwe functie is ingedeeld in schaal {schaal}, hoger dan uw huidige functie "
                          f"(schaal {oud}).")
    if v.grond == "tijdelijk" and any(r.soort == "h4b" and r.bezetting.aantal(VAST) for r in v.opties):
        # only where a vast colleague took the own function's place: a tijdelijk colleague with longer service
        # going first is SEL-A, not H5, and the motivering says so itself
        zinnen.append("Als medewerker met een tijdelijk dienstverband komt u na collega's in vaste dienst (H5).")
    for r in genoemde_opties(v):
        zinnen.append(optie_zin(g, v, r))
    zinnen += _door_besluit(g, v)
    for positie, code, regel, soort, delta in v.wensen:
        if soort == "besluit":
            continue  # said once, in _door_besluit
        zinnen.append(f"Uw voorkeur {positie} ({code} {g.functies[code]['functienaam']}) is niet "
                      f"gehonoreerd: {_niet_in_aanmerking(g, v, code, soort, delta)} ({regel}).")
    for code in v.oordelen_niet:  # SS-6: a judgment that decided, with its toelichting
        zinnen.append(f"Voor {functie_tekst(g, code)}: {_niet_in_aanmerking(g, v, code, 'oordeel_niet', 0)} (SS-6).")
    zinnen += [feit.zin for feit in v.extra if not feit.vervangt_grond]
    return " ".join(zinnen)


def _door_besluit(g: Beslisgegevens, v: Verklaring) -> list[str]:
    """A pinned person: the better functions and wishes the pin takes the place of, in one sentence."""
    namen = [f"{functie_tekst(g, r.functie)} ({TIER_NAAM.get(r.tier, 'vastgezet')}"
             f"{f', uw voorkeur {r.vpos}' if r.vpos < ONGENOEMD else ''})"
             for r in v.opties if r.status == "beter" and r.soort == "eigen_besluit"]
    namen += [f"{code} {g.functies[code]['functienaam']} (uw voorkeur {positie})"
              for positie, code, _regel, soort, _delta in v.wensen if soort == "besluit"]
    if not namen:
        return []
    return [f"Omdat uw plaatsing vooraf is vastgesteld, wordt u niet geplaatst in {_opsomming(namen)} (SS-7)."]


def genoemde_opties(v: Verklaring) -> list[Reden]:
    """The options a motivering explains: every better one, and the own T1 functions; T1 first."""
    gekozen = [r for r in v.opties if r.status == "beter" and r.soort != "eigen_besluit"]
    return sorted(gekozen, key=lambda r: (r.tier != 1, r.tier, r.vpos, r.functie))


def _grond(g: Beslisgegevens, v: Verklaring) -> str:
    p, f = v.persoon, v.functie
    s = g.s
    if v.grond == "vastgezet":
        toel = g.toelichting.get(p)
        return (f"U wordt geplaatst in {functie_tekst(g, f)}. Deze plaatsing is vooraf vastgesteld "
                f"(SS-7, H3){': ' + toel if toel else ''}.")
    if v.grond == "niet_toegestaan":
        return (f"U staat in dit plan in {functie_tekst(g, f)}, maar u komt voor deze functie niet in aanmerking "
                "en bent er niet vastgezet (H2).")
    if v.grond == "tier":
        return f"U wordt geplaatst in {functie_tekst(g, f)}: {_tier_grond(g, p, f)}."
    if v.grond == "einde_contract":
        return (f"Uw tijdelijk dienstverband eindigt op {datum(g.k.einde_contract[p])}, vóór de ingangsdatum van de "
                f"nieuwe organisatie ({datum(s.parameters.ingang)}); u wordt daarom niet geplaatst en niet "
                "boventallig verklaard (H5).")
    if v.grond == "tijdelijk":
        return "U hebt een tijdelijk dienstverband: u wordt niet geplaatst en niet boventallig verklaard (H5)."
    if v.grond == "geen_opties":
        tekst = "U wordt boventallig en komt in het van-werk-naar-werktraject."
    elif p in g.o1_open:  # §8.12: O1 is not proven for this part of the plan, so it is not claimed
        tekst = ("U wordt boventallig en komt in het van-werk-naar-werktraject: in elke functie waarvoor u in "
                 "aanmerking komt, gaan anderen voor u of is geen ruimte voor uw uren (zie hieronder). Dat dit plan "
                 "zo min mogelijk medewerkers boventallig maakt, is voor uw deel van de organisatie niet "
                 "bewezen (zie de Verantwoording).")
    else:
        tekst = ("U wordt boventallig en komt in het van-werk-naar-werktraject: in elke functie waarvoor u in "
                 "aanmerking komt, gaan anderen voor u of is geen ruimte voor uw uren (zie hieronder); dit plan maakt "
                 "zo min mogelijk medewerkers boventallig (O1).")
    if v.grond == "geen_opties":
        tekst += (f" Uw functie {s.medewerkers.at[p, 'functie']} komt in de nieuwe organisatie niet terug als functie "
                  "die niet meer dan de drempel wijzigt, en er is geen verwante of voor u passende of geschikte "
                  "functie (SS-1 tot en met SS-6).")
    return tekst + " " + _herplaatsingsonderzoek(g, p)


def _herplaatsingsonderzoek(g: Beslisgegevens, p: str) -> str:
    """§10: how many open places were examined for this vast boventallige, and what follows."""
    aantal = len(g.open_plaatsen.get(p, []))
    if not aantal:
        return ("Er is geen open plaats op of rond uw niveau waarvoor een oordeel u alsnog in aanmerking kan brengen "
                "(herplaatsingsonderzoek).")
    plaatsen = f"{aantal} open {'plaats' if aantal == 1 else 'plaatsen'} op of rond uw niveau"
    if g.s.voornemen is not None:  # §9: the definitive besluit; no judgment follows any more
        niet = "u komt voor die plaats niet in aanmerking" if aantal == 1 else "u komt voor geen daarvan in aanmerking"
        return f"Voor u {'is' if aantal == 1 else 'zijn'} {plaatsen} onderzocht (blad {g.herplaatsing_blad(p)}); " \
               f"{niet} (herplaatsingsonderzoek)."
    return (f"Voor u {'is' if aantal == 1 else 'zijn'} {plaatsen} onderzocht waarvoor u nu niet in aanmerking komt "
            f"(blad {g.herplaatsing_blad(p)}); P&O of de plaatsingsadviescommissie beoordeelt vóór het definitieve "
            "besluit of u daarvoor passend of geschikt bent (herplaatsingsonderzoek).")


def _tier_grond(g: Beslisgegevens, p: str, f: str) -> str:
    o = g.optie(p, f)
    s = g.s
    drempel = formatteer_getal(s.parameters.drempel_wijziging)
    if o.regel == "SS-6":
        oordeel = g.oordelen.get((p, f))
        toel = getattr(oordeel, "toelichting", None)
        toel = f" ({toel})" if isinstance(toel, str) and toel.strip() else ""
        soort = "passend" if o.tier in (2, 3) else "geschikt"
        nieuw = ". Het is een nieuwe functie (SS-5); u komt ervoor in aanmerking door dit oordeel" \
            if f in g.k.nieuwe_functies_ss5 else ""
        return f"u bent voor deze functie {soort} beoordeeld (SS-6){toel}{nieuw}"
    if o.regel == "SS-1":
        oud = g.mensen[p]["functie"]
        pct = g.pct.get((oud, f))
        return (f"uw functie {oud} gaat over in deze functie en wijzigt {formatteer_getal(pct)}%, niet meer dan de "
                f"drempel van {drempel}% (SS-1); u volgt uw functie (H4)")
    return {
        "SS-2": "dit is een verwante functie in uw eigen schaal (SS-2, passende functie)",
        "SS-3": "dit is een verwante functie in een lagere schaal (SS-3, passend lager)",
        "SS-4": "dit is een verwante functie in een hogere schaal (SS-4, geschikte functie)",
    }.get(o.regel, f"u komt voor deze functie in aanmerking ({o.regel})")


def _niet_in_aanmerking(g: Beslisgegevens, v: Verklaring, code: str, soort: str, delta: int) -> str:
    if soort == "besluit":
        return "uw plaatsing is vooraf vastgesteld"
    if soort == "einde_contract":
        return "uw tijdelijk dienstverband eindigt vóór de ingangsdatum"
    if soort == "oordeel_niet":
        oordeel = g.oordelen.get((v.persoon, code))
        toel = getattr(oordeel, "toelichting", None)
        toel = f" ({toel.strip()})" if isinstance(toel, str) and toel.strip() else ""
        return f"u bent voor deze functie niet passend of geschikt beoordeeld{toel}"
    if soort == "nieuw":
        if code in g.open_plaatsen.get(v.persoon, ()):
            return ("het is een nieuwe functie; als herplaatsingskandidaat gaat u daar vóór kandidaten van buiten en "
                    f"deze open plaats wordt voor u beoordeeld (blad {g.herplaatsing_blad(v.persoon)})")
        if code in g.pins.values() or not g.heeft_vacature(code):
            return "het is een nieuwe functie, waarvoor u alleen met een oordeel of een vooraf genomen besluit in aanmerking komt"
        return "het is een nieuwe functie die via werving wordt vervuld"
    if soort == "niet_verwant":
        return "de functie is niet verwant aan uw functie (geen koppeling boven de drempel en geen zelfde functiefamilie)"
    richting = "lager" if delta < 0 else "hoger"
    return (f"de functie is verwant, maar ligt {abs(delta)} {'schaal' if abs(delta) == 1 else 'schalen'} {richting} "
            "dan uw huidige functie")
