"""What a letter says: the placeholders of one person's letter, from the plan's data only.

The letter follows the plan (uitkomst, nieuwe functie, schaal, status_besluit, motivering) and the
parameters of scenario-formaat.md; it never re-derives a rule. Writing the files is brieven.py's job.
"""
from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from plaatsing.parameters import BEZWAAR, einde_termijn
from plaatsing.procedure.adviezen import bindend, herkomst
from plaatsing.regels.maat import einde_voor_ingang
from plaatsing.regels.rechtsgrond import hoofd_id, rechtsgrond_tekst, zonder_regelcodes
from plaatsing.uitvoer.sjablonen.maak import BRIEFSOORTEN

SOORT_PER_UITKOMST = {
    "functievolger": "plaatsingsbesluit-functievolger", "passend": "plaatsingsbesluit-passend",
    "passend lager": "plaatsingsbesluit-passend-lager", "geschikt": "plaatsingsbesluit-geschikt",
    "vastgezet": "plaatsingsbesluit-vastgezet", "boventallig": "besluit-boventalligheid",
    "niet geplaatst (tijdelijk)": "besluit-einde-tijdelijk-contract",
}
VOORGENOMEN, DEFINITIEF, GEWIJZIGD = "voorgenomen", "definitief", "gewijzigd"
STANDAARD_COMMISSIE = "de geschillencommissie van de gemeente"
TERMIJN_RECHTSMIDDEL = "zes weken"
# the rules a letter may cite as its legal basis, per uitkomst (regels.md): the person's own decision
# only — a colleague's pin (SS-7), O1 for someone who is not boventallig or the procedure's P2 are no
# basis of this decision
GRONDEN = {
    "functievolger": {"SS-0", "SS-1", "H4", "P1"},
    "passend": {"SS-2", "SS-6", "P1"},
    "passend lager": {"SS-3", "SS-6", "P1"},
    "geschikt": {"SS-4", "SS-6", "P1"},
    "vastgezet": {"SS-7", "H3", "P1"},
    "boventallig": {"O1", "O2", "H4", "SEL-A", "SEL-B", "SS-5", "SS-6", "P1"},
    "niet geplaatst (tijdelijk)": {"H5", "H4", "SEL-A", "SEL-B", "P1"},
}
EERSTE_GROND = {"functievolger": "SS-1", "passend": "SS-2", "passend lager": "SS-3", "geschikt": "SS-4",
                "vastgezet": "SS-7", "boventallig": "O1", "niet geplaatst (tijdelijk)": "H5"}
_P2_ZIN = re.compile(r"\s*(Dit besluit wijkt af van het voorgenomen besluit|Voor u was er nog geen voorgenomen "
                     r"besluit)[^.]*\.")
# room and aanstelling are told in hours (regels.md §8.12): 'blijft 0,0555 fte over', 'uw aanstelling is 1 fte'
_FTE_RESTEN = re.compile(r"\b(\d+(?:,\d{3,4}))( fte\b)|(?<=blijft )(\d+(?:,\d+)?)( fte)(?= over)|(?<=aanstelling is )"
                         r"(\d+(?:,\d+)?)( fte\b)")


def aanhef(naam: str, geslacht) -> str:
    """'Geachte heer Ter Horst' / 'Geachte mevrouw De Vries' when geslacht is known, else 'Geachte Jan ter Horst'."""
    if geslacht in ("M", "V"):
        delen = naam.split()
        achternaam = " ".join(delen[1:]) if len(delen) > 1 else naam
        achternaam = achternaam[:1].upper() + achternaam[1:]
        return f"Geachte {'heer' if geslacht == 'M' else 'mevrouw'} {achternaam}"
    return f"Geachte {naam}"


def datum_tekst(datum) -> str:
    return f"{pd.Timestamp(datum):%d-%m-%Y}"


def getal_nl(getal: float) -> str:
    """At most two decimals, Dutch comma: 32, 28,8, 21,33."""
    tekst = f"{round(getal, 2):.2f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def uren_per_week(s, p: str) -> float:
    """Contract hours per week of p (regels.md §8.13): the `uren` column when given, else fte × normuren.
    (For the lead: the one place letters compute hours; replace by the rules-v2 helper when merged.)"""
    mw = s.medewerkers.loc[p]
    uren = mw.get("uren") if "uren" in s.medewerkers.columns else None
    if uren is not None and not (isinstance(uren, float) and math.isnan(uren)):
        return float(uren)
    return float(mw["fte"]) * float(getattr(s.parameters, "normuren", 36.0))


def status(r) -> str:
    return str(getattr(r, "status_besluit", VOORGENOMEN) or VOORGENOMEN)


def is_voornemen(r) -> bool:
    """A voorgenomen besluit, or a gewijzigd one (a new voornemen, regels.md P2)."""
    return status(r) != DEFINITIEF


def contract_woord(s) -> str:
    """Under the Awb (rechtsmiddel bezwaar) a civil servant has an aanstelling, not an arbeidsovereenkomst."""
    return "aanstelling" if s.parameters.rechtsmiddel == BEZWAAR else "arbeidsovereenkomst"


def route(s, definitief: bool) -> str:
    """The route against the definitive decision: geschillencommissie by name and address, or bezwaar."""
    wat = "dit besluit" if definitief else "het definitieve besluit"
    if s.parameters.rechtsmiddel == BEZWAAR:
        return (f"Bent u het niet eens met {wat}? Dan kunt u binnen {TERMIJN_RECHTSMIDDEL} na de dag waarop het besluit "
                "aan u bekend is gemaakt bezwaar maken bij het college van burgemeester en wethouders (artikel 6:7 van "
                "de Algemene wet bestuursrecht). Vermeld in uw bezwaarschrift uw naam en adres, de datum, het besluit "
                "waartegen u bezwaar maakt en waarom, en onderteken het.")
    commissie = s.parameters.geschillencommissie or STANDAARD_COMMISSIE
    return (f"Bent u het niet eens met {wat}? Dan kunt u binnen {TERMIJN_RECHTSMIDDEL} nadat het besluit aan u bekend "
            f"is gemaakt een geschil voorleggen aan {commissie}, volgens de geschillenregeling van de cao (Cao "
            "Gemeenten). Na de uitspraak van de geschillencommissie kunt u zich wenden tot de kantonrechter.")


def zienswijze(s, r, datum: dt.date, termijn: str, eerder_besloten: bool, ingang: str) -> str:
    """Voorgenomen: the invitation with its end date, in writing or orally, with assistance. A decision
    taken before (a pin from the sheet Vastgezet) gets no invitation; a definitive decision says so."""
    if not is_voornemen(r):
        return f"Dit is het definitieve besluit. Het gaat in op {ingang}."
    if eerder_besloten:
        return ("Over uw plaatsing is al eerder besloten; deze brief legt dat besluit vast voor de nieuwe organisatie. "
                "Daarop kunt u nu geen zienswijze geven.")
    einde = einde_termijn(datum, termijn)
    return (f"Dit is een voorgenomen besluit. U kunt tot en met {datum_tekst(einde)} ({termijn} na de datum van deze "
            "brief) uw zienswijze geven: schriftelijk aan de afdeling P&O, of mondeling in een gesprek dat u bij uw "
            "P&O-adviseur aanvraagt. U mag zich daarbij laten bijstaan door iemand die u kiest, bijvoorbeeld een "
            "collega of een adviseur van uw vakbond. Uw zienswijze wordt voorgelegd aan de plaatsingsadviescommissie, "
            "die het college adviseert voordat het definitieve besluit wordt genomen.")


def wijziging(s, r, functienaam) -> str:
    """A gewijzigd decision (regels.md P2): what the earlier voornemen said, and why it changes."""
    if status(r) != GEWIJZIGD or s.voornemen is None:
        return ""
    p = str(r.personeelsnummer)
    if p not in s.voornemen:
        return ("Dit is een voorgenomen besluit. Voor u was er nog geen voorgenomen besluit; u kunt op dit besluit "
                "uw zienswijze geven.")
    was = s.voornemen[p]
    eerder = f"werd u geplaatst in de functie {functienaam(was)}" if was else "werd u niet geplaatst"
    nu = f"wordt u geplaatst in de functie {functienaam(r.nieuwe_functie)}" if _geplaatst(r) else "wordt u niet geplaatst"
    waarom = ("Dat volgt uit het advies over uw plaatsing dat is overgenomen (zie hieronder)." if _eigen_advies(s, p)
              else "Na het voornemen zijn de zienswijzen en de adviezen van de plaatsingsadviescommissie verwerkt. "
              "Daarbij verandert zo weinig mogelijk ten opzichte van het voornemen, maar uw besluit kon niet "
              "gelijk blijven; hieronder leest u waarom.")
    return (f"Dit is een nieuw voorgenomen besluit. In het eerdere voorgenomen besluit {eerder}; nu {nu}. {waarom}")


def _eigen_advies(s, p: str) -> bool:
    return p in bindend(s.adviezen)


def _geplaatst(r) -> bool:
    return isinstance(r.nieuwe_functie, str) and bool(r.nieuwe_functie)


def rechtsgrond(r, artikel: dict) -> str:
    """The legal basis: only the rules of this person's own decision (GRONDEN), never a colleague's pin."""
    toegestaan = GRONDEN.get(str(r.uitkomst), set())
    regels = [hoofd_id(x.strip()) for x in str(r.regels).split(";") if x.strip()]
    eigen = [x for x in dict.fromkeys(regels) if x in toegestaan]
    return rechtsgrond_tekst(eigen or [EERSTE_GROND.get(str(r.uitkomst), "")], artikel)


_BLAD_HERPLAATSING = re.compile(r" \(blad Herplaatsing(?: \(\d+\))?\)")  # also 'Herplaatsing (2)', … (§10)


def brief_motivering(s, r, artikel: dict, functienamen: dict) -> str:
    """The plan's motivering for a letter: rule IDs become articles, codes become titles, 'geplaatst in
    de functie …', fte residues as hours, and the P2 sentence left to the paragraph `wijziging`."""
    tekst = _P2_ZIN.sub("", str(r.motivering)) if status(r) == GEWIJZIGD else str(r.motivering)
    tekst = zonder_regelcodes(tekst, artikel, functienamen)
    tekst = _BLAD_HERPLAATSING.sub("", tekst)  # a sheet of P&O's workbook: the addressee does not have it
    namen = sorted({str(n) for n in s.nieuwe_functies["functienaam"]}, key=len, reverse=True)
    if namen:
        tekst = re.sub(r"geplaatst in (?!de functie )(?=(?:" + "|".join(map(re.escape, namen)) + r")\b)",
                       "geplaatst in de functie ", tekst)
    normuren = float(getattr(s.parameters, "normuren", 36.0))

    def uren(m) -> str:
        fte = next(g for g in (m.group(1), m.group(3), m.group(5)) if g is not None)
        return f"{getal_nl(float(fte.replace(',', '.')) * normuren)} uur per week"
    return _FTE_RESTEN.sub(uren, tekst)


def geen_plaats(r, in_aanmerking: bool) -> str:
    if in_aanmerking:
        # not "bezet door collega's die voor u gaan": a place may also be held by a functievolger who does not go
        # before this person, or be kept because placing them would leave a colleague unplaced (O1)
        return ("In de functies waarvoor u in aanmerking kwam, was in dit plan geen plaats voor u; onder 'Waarom dit "
                "besluit' leest u per functie waarom.")
    return "Er is in de nieuwe organisatie geen functie waarvoor u volgens het sociaal statuut in aanmerking komt."


def vwnw(s) -> tuple[str, str, str]:
    """(start, end, sentence) of the van-werk-naar-werktraject: it starts on the ingangsdatum."""
    ingang = s.parameters.ingangsdatum
    start = f"op {datum_tekst(ingang)}" if isinstance(ingang, dt.date) else "op de dag waarop het definitieve besluit ingaat"
    termijn = s.parameters.vwnw_termijn
    if termijn and isinstance(ingang, dt.date):
        einde = einde_termijn(ingang, termijn) - dt.timedelta(days=1)
        return (start, datum_tekst(einde), f"Uw van-werk-naar-werkperiode begint {start} en duurt {termijn}, tot en "
                                           f"met {datum_tekst(einde)}.")
    return start, "", f"Uw van-werk-naar-werkperiode begint {start} en duurt zo lang als het sociaal statuut bepaalt."


def salaris(s, r, functie_oud: int, persoonlijk: int, nieuw: int) -> str:
    """The salary consequence (regels.md §8.6): garantie below the personal scale; an aanloopschaal or a
    personal scale above the function continues; a higher function gives its scale."""
    if nieuw < persoonlijk:
        return (f"De nieuwe functie is ingedeeld in schaal {nieuw}, lager dan uw eigen schaal {persoonlijk}. U houdt uw "
                "huidige salaris (salarisgarantie).")
    if nieuw == persoonlijk:
        return f"De nieuwe functie is ingedeeld in uw eigen schaal {persoonlijk}. Uw salaris verandert niet."
    if nieuw <= functie_oud:  # an aanloopschaal: the personal scale and its growth continue under the cao
        return (f"De nieuwe functie is ingedeeld in schaal {nieuw}, net als uw huidige functie. U bent persoonlijk "
                f"ingedeeld in schaal {persoonlijk}; die schaal en de groei daarin lopen door zoals in de cao is "
                "afgesproken. Uw salaris verandert door deze plaatsing niet.")
    tekst = (f"De nieuwe functie is ingedeeld in schaal {nieuw}, hoger dan uw eigen schaal {persoonlijk}. Met ingang "
             f"van uw plaatsing wordt uw salaris vastgesteld in schaal {nieuw}.")
    tabel = s.salaristabel["maandsalaris"] if not s.salaristabel.empty else {}
    if persoonlijk in tabel and nieuw in tabel:
        tekst += (f" Volgens de salaristabel is het maandsalaris in schaal {nieuw} {_euro(tabel[nieuw])}, tegen "
                  f"{_euro(tabel[persoonlijk])} in schaal {persoonlijk} (bij een volledige werkweek, zonder toeslagen).")
    return tekst


def _euro(bedrag: float) -> str:
    return "€ " + f"{round(bedrag):,}".replace(",", ".")


def voorkeur(s, r, functienaam) -> str:
    """The first wish that was not honoured, named (the motivering says why)."""
    eerste = s.medewerkers.at[r.personeelsnummer, "voorkeur_1"] if "voorkeur_1" in s.medewerkers.columns else None
    if not isinstance(eerste, str) or not eerste or eerste == r.nieuwe_functie:
        return ""
    # "hierboven leest u waarom" only where the motivering explains that function (it names it by its code);
    # a wish below the own outcome (e.g. a geschikt function beside a T1 place) is not explained there
    waarom = "; hierboven leest u waarom" if re.search(rf"(?<!\w){re.escape(eerste)}(?!\w)", str(r.motivering)) else ""
    return (f"Uw eerste voorkeur was de functie {functienaam(eerste)}. Die voorkeur is niet gehonoreerd{waarom}. Een "
            "voorkeur is een wens, geen recht: bij de plaatsing gaan de regels van het sociaal statuut voor.")


def vastgezet_zin(s, p: str) -> tuple[str, bool]:
    """(sentence, taken before) for a pinned person: an adopted advice, or a decision taken before with
    its toelichting (a what-if pin only reaches a letter with a toelichting the user gave)."""
    advies = bindend(s.adviezen).get(p)
    if advies is not None:
        return f"Het college volgt het advies van {herkomst(advies)} over uw plaatsing.", False
    toel = s.vastgezet["toelichting"].get(p) if p in s.vastgezet.index else None
    toel = toel if isinstance(toel, str) and toel.strip() else ""
    return "Over uw plaatsing is al eerder een besluit genomen" + (f": {toel.rstrip('.')}." if toel else "."), True


def ontbrekende_parameters(s, uitkomsten) -> list[str]:
    """Warnings for parameters a letter needs but the scenario does not set (the letter then uses a
    general wording)."""
    p = s.parameters
    uitkomsten = set(uitkomsten)
    meldingen = []
    if not p.organisatiebesluit:
        meldingen.append("de parameter organisatiebesluit ontbreekt; de brieven noemen dan geen besluit van het college "
                         "over de nieuwe organisatie. Vul hem in het blad Parameters in (of -p organisatiebesluit=…).")
    if p.ingangsdatum is None:
        meldingen.append("de parameter ingangsdatum ontbreekt; de brieven noemen dan 'de dag waarop de nieuwe "
                         "organisatie ingaat' in plaats van een datum.")
    if p.rechtsmiddel != BEZWAAR and not p.geschillencommissie:
        meldingen.append("de parameter geschillencommissie ontbreekt (naam en adres); de brieven noemen dan '"
                         f"{STANDAARD_COMMISSIE}'.")
    if "boventallig" in uitkomsten and not p.vwnw_termijn:
        meldingen.append("de parameter vwnw_termijn ontbreekt; de brieven over boventalligheid noemen dan het begin "
                         "van het van-werk-naar-werktraject, niet het einde.")
    return meldingen


def context(s, r, briefhoofd: dict, datum: dt.date, artikel: dict, in_aanmerking: bool = True) -> dict:
    """Every placeholder of the letter for one row of Plaatsingsbesluiten: facts of this person only."""
    p = str(r.personeelsnummer)
    mw = s.medewerkers.loc[r.personeelsnummer]
    oud = s.oude_functies.loc[mw["functie"]]
    naam = r.naam if isinstance(r.naam, str) and r.naam.strip() else f"medewerker {p}"
    geplaatst = _geplaatst(r)
    contract = contract_woord(s)
    soort = BRIEFSOORTEN[SOORT_PER_UITKOMST[r.uitkomst]][0].replace("{{ contract }}", contract)
    st = status(r)
    functienamen = {**s.oude_functies["functienaam"].to_dict(), **s.nieuwe_functies["functienaam"].to_dict()}

    def functienaam(code) -> str:
        if code in s.nieuwe_functies.index:
            n = s.nieuwe_functies.loc[code]
            return f"{n['functienaam']} ({n['eenheid']})"
        return str(functienamen.get(code, code))

    einde = mw.get("einddatum")
    heeft_einde = einde is not None and not pd.isna(einde)
    ingang = s.parameters.ingangsdatum  # not the peildatum: without it the letter says no date
    nieuw = s.nieuwe_functies.loc[r.nieuwe_functie] if geplaatst else None
    vast_zin, eerder = vastgezet_zin(s, p) if r.uitkomst == "vastgezet" else ("", False)
    eerder = eerder and st == VOORGENOMEN
    termijn = s.parameters.zienswijze_termijn
    if termijn == "twee weken" and briefhoofd.get("termijn_zienswijze"):
        termijn = briefhoofd["termijn_zienswijze"]  # an edited letterhead of before the parameter existed
    vwnw_start, vwnw_einde, vwnw_zin = vwnw(s)
    uren = f"{getal_nl(uren_per_week(s, r.personeelsnummer))} uur"
    ingangsdatum = datum_tekst(ingang) if isinstance(ingang, dt.date) else "de dag waarop de nieuwe organisatie ingaat"
    if geplaatst and mw.get("dienstverband") == "tijdelijk":
        ingangsdatum += (f", tot het einde van uw tijdelijke {contract}" +
                         (f" op {datum_tekst(einde)}" if heeft_einde else ""))
    onderwerp = soort
    if st == GEWIJZIGD:
        onderwerp, soort_besluit = f"Nieuw voorgenomen {soort}", f"nieuwe voorgenomen {soort}"
    elif st == VOORGENOMEN:
        onderwerp, soort_besluit = f"Voorgenomen {soort}", f"voorgenomen {soort}"
    else:
        onderwerp, soort_besluit = soort[:1].upper() + soort[1:], soort
    besluit = s.parameters.organisatiebesluit
    return {
        "naam": naam, "aanhef": aanhef(naam, mw.get("geslacht")), "personeelsnummer": p,
        "huidige_functienaam": str(oud["functienaam"]), "huidige_eenheid": str(oud["eenheid"]),
        "huidige_schaal": str(int(mw["schaal"])), "huidige_functieschaal": str(int(oud["schaal"])),
        "nieuwe_functienaam": str(nieuw["functienaam"]) if geplaatst else "",
        "nieuwe_eenheid": str(nieuw["eenheid"]) if geplaatst else "",
        "nieuwe_schaal": str(int(nieuw["schaal"])) if geplaatst else "",
        "uitkomst": str(r.uitkomst),
        "motivering": brief_motivering(s, r, artikel, functienamen),
        "rechtsgrond": rechtsgrond(r, artikel),
        "rechtsmiddel": route(s, not is_voornemen(r)),
        "rechtsmiddel_termijn": TERMIJN_RECHTSMIDDEL,
        "zienswijze": zienswijze(s, r, datum, termijn, eerder, ingangsdatum),
        "wijziging": wijziging(s, r, functienaam),
        "organisatiebesluit": f"Dit besluit is een uitvoering van het {besluit or 'organisatiebesluit van het college'}.",
        "ingangsdatum": ingangsdatum,
        "uren": uren,
        "salaris": salaris(s, r, int(oud["schaal"]), int(mw["schaal"]), int(nieuw["schaal"])) if geplaatst else "",
        "scholing": ("Lukt het niet om de scholing met goed gevolg af te ronden, dan vervalt deze plaatsing. U wordt "
                     "dan alsnog herplaatsingskandidaat (boventallig) en voor u begint het van-werk-naar-werktraject; "
                     "daarover ontvangt u dan eerst een apart voorgenomen besluit."),
        "vastgezet": vast_zin,
        "geen_plaats": geen_plaats(r, in_aanmerking),
        "voorkeur": voorkeur(s, r, functienaam),
        "vwnw": vwnw_zin, "vwnw_start": vwnw_start, "vwnw_einde": vwnw_einde,
        "contract": contract,
        # H5 has two grounds; the letter names this person's: the contract ends before the new organisation starts,
        # or the vast colleagues went first
        "tijdelijk_reden": (f"Uw tijdelijke {contract} eindigt vóór de nieuwe organisatie ingaat"
                            if einde_voor_ingang(mw.get("dienstverband"), einde, s.parameters.ingang) else
                            f"Bij de plaatsing komen medewerkers met een tijdelijke {contract} na collega's in vaste "
                            "dienst, en voor u is in de nieuwe organisatie geen plaats"),
        "einde_contract": (f"op {datum_tekst(einde)}, zoals in uw {contract} staat" if heeft_einde
                           else f"op de einddatum die in uw {contract} staat"),
        "datum": datum_tekst(datum),
        "onderwerp": onderwerp,
        "soort_besluit": soort_besluit,
        "ondertekening": s.parameters.ondertekening or briefhoofd["ondertekening"],
        **{k: briefhoofd[k] for k in ("ondertekenaar", "functie_ondertekenaar", "plaats", "afzender",
                                       "afzender_regel_1", "afzender_regel_2", "afzender_regel_3")},
    }
