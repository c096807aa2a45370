"""Column names of common HR-system exports, mapped to the Medewerkers columns of the contract.

Each alias says which contract column an export column fills (`doel`), in which unit a deeltijd
column is (`eenheid`: procent, uren or factor), and whether the meaning is certain (`zeker`).
An uncertain alias is never used silently: `plaatsing importeer` lists it and asks for
confirmation with `--kolom doel=kop`.

Sources, per system (checked with the search tool available while this was written, 2026):

* Visma|Raet HR Core Beaufort / Youforce — the Youforce API field mapping ("Learning – Domain model &
  field mapping", community.visma.com/t5/Kennisbank-Youforce-API/Learning-Domain-model-amp-field-mapping/
  ta-p/428727) documents the rubrieken P01001 Persoonsnummer, P00321 Geboorte datum, P00330 Geslacht
  (M/V) and P01008 Samengestelde naam, and the API properties personCode, dateOfBirth, gender and
  lastName. The employment rubrieken (datum in dienst, functie, deeltijdfactor, salarisschaal) were
  NOT found in public documentation; their names below are the usual Dutch captions and are marked
  `gedocumenteerd=False`.
* SAP HCM — technical field names of the infotypes (PA0001 PERNR, PLANS, STELL, ORGEH; PA0002 GBDAT,
  GESCH; PA0007 EMPCT, WOSTD; PA0008 TRFGR, TRFST, BSGRD; PA0016 CTEDT; PA0041 DAT01). TRFGR (pay scale
  group) and TRFST (pay scale level) were confirmed on help.sap.com (DataSource 0PAYSCALELV_ATTR); the
  others are SAP data-dictionary names that were not confirmed with the search tool.
* AFAS Profit — no public description of the HRM export columns was found with the search tool; the
  captions below are those of the Profit HRM views (Medewerker, Datum in dienst, Parttimepercentage,
  …) as commonly exported, and are all marked `gedocumenteerd=False`.

A column that only one system uses belongs to that system; `ALGEMEEN` holds the contract's own
names and neutral Dutch captions, which every kind accepts.
"""
from __future__ import annotations

from dataclasses import dataclass

HR_SYSTEMEN = ("afas", "youforce", "sap", "beaufort")
DEELTIJD = ("fte_procent", "fte_uren", "fte_factor")  # three ways to give the deeltijd; one becomes fte


@dataclass(frozen=True)
class Alias:
    kop: str                    # the column header as the system writes it
    doel: str                   # contract column, or feitelijke_functie / functienaam / eenheid / fte_*
    zeker: bool = True          # False: the meaning depends on the system's set-up; confirm with --kolom
    gedocumenteerd: bool = True  # False: the name was not found in public documentation (see above)
    toelichting: str = ""       # why an alias is not certain, shown to the user


ALGEMEEN = (
    Alias("personeelsnummer", "personeelsnummer"), Alias("naam", "naam"),
    Alias("geboortedatum", "geboortedatum"), Alias("datum_in_dienst", "datum_in_dienst"),
    Alias("functie", "functie"), Alias("functiecode", "functie"), Alias("formele functie", "functie"),
    Alias("feitelijke functie", "feitelijke_functie"), Alias("feitelijke_functie", "feitelijke_functie"),
    Alias("functienaam", "functienaam"), Alias("eenheid", "eenheid"), Alias("afdeling", "eenheid"),
    Alias("schaal", "schaal"), Alias("salarisschaal", "schaal"), Alias("fte", "fte_factor"),
    Alias("deeltijdfactor", "fte_factor"), Alias("deeltijdpercentage", "fte_procent"),
    Alias("uren per week", "fte_uren"), Alias("dienstverband", "dienstverband"),
    Alias("einddatum", "einddatum"), Alias("einddatum contract", "einddatum"), Alias("geslacht", "geslacht"),
    Alias("deeltijd", "fte_procent", zeker=False,
          toelichting="'deeltijd' kan een percentage, een factor of uren per week zijn"),
)

AFAS = tuple(Alias(kop, doel, zeker, False, toelichting) for kop, doel, zeker, toelichting in (
    ("Medewerker", "personeelsnummer", True, ""),
    ("Volledige naam", "naam", True, ""),
    ("Geboortedatum", "geboortedatum", True, ""),
    ("Datum in dienst", "datum_in_dienst", True, ""),
    ("Datum in dienst i.v.m. dienstjaren", "datum_in_dienst", True, ""),
    ("Functie", "functie", True, ""),
    ("Omschrijving functie", "functienaam", True, ""),
    ("Organisatorische eenheid", "eenheid", True, ""),
    ("Salarisschaal", "schaal", True, ""),
    ("Parttimepercentage", "fte_procent", True, ""),
    ("Uren per week", "fte_uren", True, ""),
    ("Type contract", "dienstverband", True, ""),
    ("Einddatum contract", "einddatum", True, ""),
    ("Geslacht", "geslacht", True, ""),
))

YOUFORCE = (
    Alias("personCode", "personeelsnummer"), Alias("dateOfBirth", "geboortedatum"),
    Alias("gender", "geslacht"), Alias("lastName", "naam"),
    *(Alias(kop, doel, zeker, False, toelichting) for kop, doel, zeker, toelichting in (
        ("Persnr", "personeelsnummer", True, ""),
        ("Datum in dienst", "datum_in_dienst", True, ""),
        ("Functiecode", "functie", True, ""),
        ("Functienaam", "functienaam", True, ""),
        ("Organisatie-eenheid", "eenheid", True, ""),
        ("Salarisschaal", "schaal", True, ""),
        ("Deeltijdfactor", "fte_factor", True, ""),
        ("Uren per week", "fte_uren", True, ""),
        ("Soort dienstverband", "dienstverband", True, ""),
        ("Einddatum dienstverband", "einddatum", True, ""),
        ("Feitelijke functie", "feitelijke_functie", True, ""),
    )),
)

BEAUFORT = (
    Alias("P01001 Persoonsnummer", "personeelsnummer"), Alias("P01001", "personeelsnummer"),
    Alias("Persoonsnummer", "personeelsnummer"),
    Alias("P00321 Geboorte datum", "geboortedatum"), Alias("P00321", "geboortedatum"),
    Alias("Geboorte datum", "geboortedatum"),
    Alias("P00330 Geslacht", "geslacht"), Alias("P00330", "geslacht"),
    Alias("P01008 Samengestelde naam", "naam"), Alias("P01008", "naam"), Alias("Samengestelde naam", "naam"),
    *(Alias(kop, doel, zeker, False, toelichting) for kop, doel, zeker, toelichting in (
        ("Datum in dienst", "datum_in_dienst", True, ""),
        ("Datum in dienst organisatie", "datum_in_dienst", True, ""),
        ("Functie", "functie", True, ""),
        ("Functie omschrijving", "functienaam", True, ""),
        ("Organisatorische eenheid", "eenheid", True, ""),
        ("Salarisschaal", "schaal", True, ""),
        ("Deeltijdfactor", "fte_factor", True, ""),
        ("Deeltijdpercentage", "fte_procent", True, ""),
        ("Arbeidsduur per week", "fte_uren", True, ""),
        ("Soort arbeidsovereenkomst", "dienstverband", True, ""),
        ("Einddatum arbeidsovereenkomst", "einddatum", True, ""),
        ("Feitelijke functie", "feitelijke_functie", True, ""),
    )),
)

SAP = (
    Alias("PERNR", "personeelsnummer"), Alias("ENAME", "naam", gedocumenteerd=False),
    Alias("GBDAT", "geboortedatum", gedocumenteerd=False),
    Alias("STELL", "functie", gedocumenteerd=False),
    Alias("PLANS", "feitelijke_functie", zeker=False, gedocumenteerd=False,
          toelichting="PLANS is de positie (de plaats in de organisatie), niet de functie; gebruik die "
                      "alleen als feitelijke functie als uw inrichting dat zo bedoelt"),
    Alias("ORGEH", "eenheid", gedocumenteerd=False),
    Alias("TRFGR", "schaal"),
    Alias("EMPCT", "fte_procent", gedocumenteerd=False),
    Alias("BSGRD", "fte_procent", gedocumenteerd=False),
    Alias("WOSTD", "fte_uren", gedocumenteerd=False),
    Alias("CTEDT", "einddatum", gedocumenteerd=False),
    Alias("GESCH", "geslacht", gedocumenteerd=False),
    Alias("DAT01", "datum_in_dienst", zeker=False, gedocumenteerd=False,
          toelichting="welke datum in DAT01 staat hangt af van de datumsoort (infotype 0041) in uw inrichting"),
    Alias("BEGDA", "datum_in_dienst", zeker=False, gedocumenteerd=False,
          toelichting="BEGDA is de begindatum van het record, niet altijd de datum in dienst"),
)

ALIASSEN = {"afas": AFAS, "youforce": YOUFORCE, "sap": SAP, "beaufort": BEAUFORT}

# Coded values of some systems (SAP GESCH: 1 = man, 2 = vrouw; AFAS and Beaufort write the word).
WAARDEN = {
    ("sap", "geslacht"): {"1": "M", "2": "V"},
    ("afas", "dienstverband"): {"onbepaalde tijd": "vast", "bepaalde tijd": "tijdelijk"},
}
OPEN_EINDE = ("99991231", "31-12-9999", "31.12.9999", "9999-12-31")  # SAP and others: no end date


def aliassen(soort: str) -> tuple[Alias, ...]:
    """The aliases of one kind of export, the system's own before the neutral ones."""
    return ALIASSEN[soort] + ALGEMEEN
