"""The sheets and columns of scenario format v1 (scenario-formaat.md), with accepted aliases."""
from __future__ import annotations

from dataclasses import dataclass, field

from plaatsing.scenario import VOORKEUR_KOLOMMEN  # noqa: F401  (a column of the Scenario; part of the contract)


@dataclass(frozen=True)
class Kolom:
    naam: str
    soort: str  # tekst, code, datum, geheel, decimaal, procent, keuze
    verplicht: bool = False
    aliassen: tuple[str, ...] = ()
    keuzes: dict[str, str] = field(default_factory=dict)  # sleutel -> canonical value
    minimum: float | None = None
    maximum: float | None = None
    min_exclusief: bool = False


@dataclass(frozen=True)
class Blad:
    naam: str
    kolommen: tuple[Kolom, ...]
    verplicht: bool = True
    aliassen: tuple[str, ...] = ()


def _functie_blad(naam: str, aliassen: tuple[str, ...]) -> Blad:
    return Blad(naam, (
        Kolom("functiecode", "code", True, ("code", "functie code", "functie")),
        Kolom("functienaam", "tekst", True, ("naam", "functie naam", "omschrijving")),
        Kolom("eenheid", "tekst", True, ("afdeling", "team", "organisatieonderdeel")),
        Kolom("schaal", "geheel", True, ("salarisschaal", "functieschaal"), minimum=1, maximum=18),
        Kolom("formatie_fte", "decimaal", True, ("formatie", "fte", "formatie in fte"), minimum=0, maximum=100000),
        Kolom("functiefamilie", "tekst", False, ("familie", "functie familie")),
    ), aliassen=aliassen)



MEDEWERKERS = Blad("Medewerkers", (
    Kolom("personeelsnummer", "code", True, ("persnr", "personeels nr", "personeelsnr", "medewerkernummer", "registratienummer", "pnr")),
    Kolom("naam", "tekst", False, ("volledige naam", "naam medewerker")),
    Kolom("geboortedatum", "datum", True, ("geb datum", "geboorte datum", "geb. datum")),
    Kolom("datum_in_dienst", "datum", True, ("in dienst", "datum indiensttreding", "indiensttreding", "in dienst sinds", "diensttijd vanaf")),
    Kolom("functie", "code", True, ("functiecode", "huidige functie", "oude functie")),
    Kolom("schaal", "geheel", True, ("salarisschaal", "persoonlijke schaal"), minimum=1, maximum=18),
    Kolom("fte", "decimaal", False, ("deeltijdfactor", "werktijdfactor", "wtf"), minimum=0, maximum=1, min_exclusief=True),
    Kolom("uren", "decimaal", False, ("uren per week", "contracturen", "arbeidsduur", "werkuren", "uren pw"),
          minimum=0, maximum=60, min_exclusief=True),
    Kolom("dienstverband", "keuze", False, ("soort dienstverband", "contract", "contractsoort"), keuzes={
        "vast": "vast", "onbepaalde tijd": "vast", "tijdelijk": "tijdelijk", "bepaalde tijd": "tijdelijk"}),
    Kolom("einddatum", "datum", False, ("einddatum contract", "einde contract")),
    *(Kolom(k, "code", False, (k.replace("_", " "), f"{k[-1]}e voorkeur")) for k in VOORKEUR_KOLOMMEN),
    Kolom("geslacht", "keuze", False, ("sekse", "gender"), keuzes={
        "m": "M", "man": "M", "v": "V", "vrouw": "V", "x": "X"}),
), aliassen=("medewerker", "personeel"))

OUDE_FUNCTIES = _functie_blad("Oude functies", ("oude functie", "functies oud", "oud"))
NIEUWE_FUNCTIES = _functie_blad("Nieuwe functies", ("nieuwe functie", "functies nieuw", "nieuw"))

FUNCTIEMAPPING = Blad("Functiemapping", (
    Kolom("oude_functie", "code", True, ("oud", "van", "was")),
    Kolom("nieuwe_functie", "code", True, ("nieuw", "naar", "wordt")),
    # required column, but a cell may stay empty where Taken describes both functions (SS-0):
    # functievergelijking.controleer_taken reports a missing column or an empty cell instead
    Kolom("wijzigingspercentage", "procent", False, ("percentage", "wijziging", "wijzigingspercentage (%)", "mate van wijziging"), minimum=0, maximum=100),
), aliassen=("was-wordt", "was wordt", "mapping"))

GESCHIKTHEID = Blad("Geschiktheid", (
    Kolom("personeelsnummer", "code", True, MEDEWERKERS.kolommen[0].aliassen),
    Kolom("nieuwe_functie", "code", True, ("functie", "functiecode")),
    Kolom("oordeel", "keuze", True, ("geschiktheid", "beoordeling"), keuzes={
        "passend": "passend", "geschikt": "geschikt", "niet": "niet",
        "niet passend": "niet", "niet geschikt": "niet", "ongeschikt": "niet"}),
    Kolom("toelichting", "tekst", False, ("opmerking", "motivering")),
), verplicht=False)

VASTGEZET = Blad("Vastgezet", (
    Kolom("personeelsnummer", "code", True, MEDEWERKERS.kolommen[0].aliassen),
    Kolom("nieuwe_functie", "code", True, ("functie", "functiecode")),
    Kolom("toelichting", "tekst", False, ("opmerking", "motivering")),
), verplicht=False, aliassen=("pins", "vaste plaatsingen"))

PARAMETERS = Blad("Parameters", (
    Kolom("parameter", "tekst", True, ("naam",)),
    Kolom("waarde", "ruw", False),
), verplicht=False)

SALARISTABEL = Blad("Salaristabel", (
    Kolom("schaal", "geheel", True, (), minimum=1, maximum=18),
    Kolom("maandsalaris", "decimaal", True, ("salaris", "bedrag"), minimum=0, maximum=100000),
), verplicht=False)

RECHTSGROND = Blad("Rechtsgrond", (
    Kolom("regel", "tekst", True, ("regel id", "regelcode", "id")),
    Kolom("artikel", "tekst", True, ("artikelnummer", "bepaling")),
    Kolom("tekst", "tekst", False, ("omschrijving", "toelichting")),
), verplicht=False, aliassen=("rechtsgronden", "artikelen"))

# SS-0: the task composition of old and new functions, for the functievergelijking
TAKEN = Blad("Taken", (
    Kolom("functiecode", "code", True, ("functie", "code")),
    Kolom("taak", "tekst", True, ("taakomschrijving", "omschrijving")),
    Kolom("aandeel", "procent", True, ("percentage", "aandeel (%)", "tijdsbesteding"), minimum=0, maximum=100),
), verplicht=False, aliassen=("taken", "taakverdeling"))

# regels.md §9 P1: zienswijzen and advice in the procedure (the values of `advies` are checked in
# plaatsing/procedure/adviezen.py: a code of Nieuwe functies, `boventallig` or `handhaven`)
ADVIEZEN = Blad("Adviezen", (
    Kolom("personeelsnummer", "code", True, MEDEWERKERS.kolommen[0].aliassen),
    Kolom("datum", "datum", True, ("datum advies", "datum zienswijze")),
    Kolom("bron", "keuze", True, ("soort", "van"), keuzes={
        "zienswijze": "zienswijze", "pac": "PAC", "plaatsingsadviescommissie": "PAC",
        "plaatsingscommissie": "PAC", "bezwaar": "bezwaar", "bezwaarschrift": "bezwaar",
        "geschillencommissie": "geschillencommissie"}),
    Kolom("advies", "tekst", True, ("voorstel", "advies functie")),
    Kolom("besluit", "keuze", True, ("beslissing", "besluit werkgever"), keuzes={
        "overgenomen": "overgenomen", "niet overgenomen": "niet overgenomen"}),
    Kolom("toelichting", "tekst", False, ("opmerking", "motivering")),
), verplicht=False, aliassen=("advies", "zienswijzen"))

BLADEN = (MEDEWERKERS, OUDE_FUNCTIES, NIEUWE_FUNCTIES, FUNCTIEMAPPING, GESCHIKTHEID,
          VASTGEZET, PARAMETERS, SALARISTABEL, TAKEN, ADVIEZEN,
          RECHTSGROND)

# Output sheet Plaatsingsbesluiten (scenario-formaat.md): extra Medewerkers columns are carried
# behind these, so an extra column may not take one of these names.
BESLUIT_KOLOMMEN = (
    "personeelsnummer", "naam", "huidige_functie", "huidige_eenheid", "schaal", "fte", "uitkomst", "regels",
    "nieuwe_functie", "nieuwe_functienaam", "nieuwe_eenheid", "nieuwe_schaal", "voorkeur_gehonoreerd",
    "salarisgarantie", "motivering", "status_besluit",
)

# The uitkomsten of Plaatsingsbesluiten, in the fixed order of the summaries.
UITKOMSTEN = ("functievolger", "passend", "passend lager", "geschikt", "vastgezet", "boventallig",
              "niet geplaatst (tijdelijk)")
