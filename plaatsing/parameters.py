"""The Parameters of a scenario (scenario-formaat.md, sheet Parameters) and their defaults."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from plaatsing.waarden import lees_datum, lees_decimaal, lees_geheel, lees_tekst, sleutel

ANCIENNITEIT = "anciënniteit"
AFSPIEGELING = "afspiegeling"
MAXIMAAL_PLAATSEN = "maximaal plaatsen"
VOORKEUR_LEIDEND = "voorkeur leidend"
IEDEREEN_PLAATSEN = "iedereen plaatsen"
GESCHILLENCOMMISSIE = "geschillencommissie"
BEZWAAR = "bezwaar"


@dataclass(frozen=True)
class Parameters:
    peildatum: dt.date | None = None
    drempel_wijziging: float = 30.0
    selectiemethode: str = ANCIENNITEIT
    max_schalen_lager: int = 1
    max_schalen_hoger: int = 0
    fte_marge: float = 0.0
    beleid: str = MAXIMAAL_PLAATSEN
    tijdslimiet: float = 300.0
    ingangsdatum: dt.date | None = None  # H5: the day the new organisation starts; empty = the peildatum
    rechtsmiddel: str = GESCHILLENCOMMISSIE   # the route named in the letters (cao or Awb)
    ondertekening: str | None = None          # who signs the letters, e.g. 'namens het college, …'
    normuren: float = 36.0                    # hours of a full-time week (cao Gemeenten): capacity in minutes (§8.13)
    organisatiebesluit: str | None = None     # the decision the placement executes, cited in letters and OR-bijlage
    zienswijze_termijn: str = "twee weken"    # term for a zienswijze on a voorgenomen besluit, in words
    geschillencommissie: str | None = None    # name and address of the commission (route geschillencommissie)
    vwnw_termijn: str | None = None           # duration of the van-werk-naar-werktraject, e.g. '24 maanden'
    drempel_afscherming: int = 5              # OR-bijlage: counts below this are suppressed in breakdowns

    @property
    def ingang(self) -> dt.date | None:
        """The ingangsdatum in force (H5): the parameter, or else the peildatum."""
        return self.ingangsdatum or self.peildatum

    def met(self, **wijzigingen) -> "Parameters":
        """A copy with some parameters changed (values already typed)."""
        return replace(self, **wijzigingen)

    def als_rijen(self) -> list[tuple[str, str]]:
        """(naam, waarde als tekst) for every parameter, for the Verantwoording."""
        return [(f.name, formatteer(getattr(self, f.name))) for f in fields(self)]


NAMEN = tuple(f.name for f in fields(Parameters))
STANDAARD = Parameters()

_GETALLEN = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
             "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
             "zestien": 16, "achttien": 18, "twintig": 20, "vierentwintig": 24, "dertig": 30, "zesendertig": 36}
_EENHEDEN = {"dag": "dagen", "dagen": "dagen", "week": "weken", "weken": "weken", "maand": "maanden",
             "maanden": "maanden", "jaar": "jaren", "jaren": "jaren"}


def lees_termijn(tekst: str) -> tuple[int, str]:
    """'twee weken' -> (2, 'weken'); '24 maanden' -> (24, 'maanden'). ValueError when not a term."""
    delen = str(tekst).strip().lower().split()
    if len(delen) != 2 or delen[1] not in _EENHEDEN:
        raise ValueError(f"'{tekst}' is geen termijn; schrijf een aantal en dagen, weken, maanden of jaren, "
                         "bijvoorbeeld 'twee weken' of '24 maanden'")
    aantal = int(delen[0]) if delen[0].isdigit() else _GETALLEN.get(delen[0])
    if not aantal or aantal > 120:
        raise ValueError(f"'{tekst}' is geen termijn: het aantal '{delen[0]}' is onbekend; schrijf het als cijfer, "
                         "bijvoorbeeld '2 weken'")
    return aantal, _EENHEDEN[delen[1]]


def einde_termijn(begin: dt.date, tekst: str) -> dt.date:
    """The day a term that starts on `begin` ends: begin + term (a month keeps its day, or the month's last)."""
    import calendar

    aantal, eenheid = lees_termijn(tekst)
    if eenheid in ("dagen", "weken"):
        return begin + dt.timedelta(days=aantal * (7 if eenheid == "weken" else 1))
    maanden = aantal * (12 if eenheid == "jaren" else 1)
    jaar, maand = divmod(begin.month - 1 + maanden, 12)
    jaar, maand = begin.year + jaar, maand + 1
    return dt.date(jaar, maand, min(begin.day, calendar.monthrange(jaar, maand)[1]))

_KEUZES = {
    "selectiemethode": {
        "ancienniteit": ANCIENNITEIT, "sel-a": ANCIENNITEIT,
        "afspiegeling": AFSPIEGELING, "afspiegelingsbeginsel": AFSPIEGELING,
        "sel-b": AFSPIEGELING,
    },
    "beleid": {"maximaal plaatsen": MAXIMAAL_PLAATSEN, "voorkeur leidend": VOORKEUR_LEIDEND,
               "iedereen plaatsen": IEDEREEN_PLAATSEN},
    "rechtsmiddel": {"geschillencommissie": GESCHILLENCOMMISSIE, "cao": GESCHILLENCOMMISSIE,
                     "bezwaar": BEZWAAR, "awb": BEZWAAR},
}


def formatteer(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, float):
        return f"{waarde:g}"
    return str(waarde)


def parse_parameter(naam: str, waarde) -> object:
    """Turn a raw value (cell or command-line text) into the typed parameter value.

    Raises ValueError with a Dutch explanation when the value does not fit.
    """
    if naam in ("peildatum", "ingangsdatum"):
        return lees_datum(waarde)
    if naam == "drempel_wijziging":
        getal = lees_decimaal(waarde, procent_naar_getal=True)
        if not 0 <= getal <= 100:
            raise ValueError("de drempel moet tussen 0 en 100 (procent) liggen")
        return getal
    if naam in ("max_schalen_lager", "max_schalen_hoger"):
        getal = lees_geheel(waarde)
        if not 0 <= getal <= 17:
            raise ValueError("vul een geheel aantal schalen van 0 tot en met 17 in")
        return getal
    if naam == "fte_marge":
        getal = lees_decimaal(waarde)
        if not 0 <= getal <= 10:
            raise ValueError("vul een marge van 0 tot en met 10 fte in")
        return getal
    if naam == "normuren":
        getal = lees_decimaal(waarde)
        if not 0 < getal <= 60:
            raise ValueError("vul het aantal uren van een voltijdse werkweek in, groter dan 0 en hoogstens 60 "
                             "(de cao Gemeenten: 36)")
        return getal
    if naam == "tijdslimiet":
        getal = lees_decimaal(waarde)
        if not 0 < getal <= 86400:
            raise ValueError("vul een aantal seconden groter dan 0 (hoogstens 86400) in")
        return getal
    if naam == "drempel_afscherming":
        getal = lees_geheel(waarde)
        if not 1 <= getal <= 100:
            raise ValueError("vul een geheel aantal van 1 tot en met 100 in (aantallen daaronder worden in de "
                             "OR-bijlage afgeschermd)")
        return getal
    if naam in ("zienswijze_termijn", "vwnw_termijn"):
        tekst = lees_tekst(waarde)
        lees_termijn(tekst or "")
        return " ".join(tekst.split())
    if naam in ("organisatiebesluit", "geschillencommissie"):
        tekst = lees_tekst(waarde)
        if not tekst or len(tekst) > 500:
            raise ValueError("vul een tekst in van hoogstens 500 tekens, bijvoorbeeld " + (
                "'besluit van het college van 12 juni 2018 over het organisatieplan, na advies van de OR van "
                "5 juni 2018'" if naam == "organisatiebesluit" else
                "'Geschillencommissie gemeente Voorbeeldstad, Postbus 1, 1234 AB Voorbeeldstad'"))
        return " ".join(tekst.split())
    if naam == "ondertekening":
        tekst = lees_tekst(waarde)
        if not tekst or len(tekst) > 300:
            raise ValueError("vul in wie de brieven ondertekent (hoogstens 300 tekens), bijvoorbeeld "
                             "'namens het college van burgemeester en wethouders, de gemeentesecretaris'")
        return tekst
    if naam in _KEUZES:
        tekst = sleutel(lees_tekst(waarde))
        if tekst in _KEUZES[naam]:
            return _KEUZES[naam][tekst]
        opties = " of ".join(sorted(set(_KEUZES[naam].values())))
        raise ValueError(f"onbekende waarde '{lees_tekst(waarde)}'; kies {opties}")
    raise ValueError(f"onbekende parameter '{naam}'; bekende parameters: {', '.join(NAMEN)}")


def normaliseer_naam(naam: str) -> str:
    return "_".join(str(naam).strip().lower().replace("-", " ").split())
