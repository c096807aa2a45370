"""Generate synthetic HR-system exports and a small formatiehuis for `plaatsing importeer`.

The same eight fictitious people, exported the way each system writes them (column names from
plaatsing/invoer/hr_exports.py, which names its sources):

* export-afas.csv      AFAS Profit: `;`, Dutch decimals, dd-mm-jjjj, Parttimepercentage (88,89)
* export-youforce.csv  Youforce: `,`, API names personCode/dateOfBirth/gender, jjjj-mm-dd, Uren per
                       week ("24,5" quoted), a Feitelijke functie column (one person differs)
* export-sap.xlsx      SAP HCM: PERNR, GBDAT as dd.mm.jjjj, GESCH 1/2, TRFGR "08", EMPCT, CTEDT
                       31.12.9999 (no end date), DAT01 (uncertain: confirm with --kolom) and PLANS
* export-beaufort.csv  HR Core Beaufort: rubrieken "P01001 Persoonsnummer", …, Arbeidsduur per week
* formatiehuis-voorbeeld.xlsx  Oude functies, Nieuwe functies, Functiemapping, Parameters

Personeelsnummers and function codes have leading zeros on purpose (they stay text).
Regenerate (deterministic): python scenarios/maak_exports.py
"""
import datetime as dt
from decimal import Decimal
from pathlib import Path

from plaatsing.voorbeelden.almelo import FIXED_TIMESTAMP
from plaatsing.voorbeelden.werkboek import bewaar, blad, nieuw_werkboek

MAP = Path(__file__).parent

# personeelsnummer, naam, geslacht, geboren, in dienst, functie, feitelijke functie, schaal, uren (of 36),
# tijdelijk einddatum or None
MENSEN = [
    ("000101", "Anna de Vries", "V", dt.date(1968, 3, 14), dt.date(1995, 9, 1), "0101", "0101", 6, 36, None),
    ("000102", "Johan Bakker", "M", dt.date(1975, 11, 2), dt.date(2003, 2, 1), "0101", "0101", 6, 32, None),
    ("000103", "Sanne Mulder", "V", dt.date(1990, 6, 30), dt.date(2016, 5, 1), "0101", "0102", 6, 18, None),
    ("000104", "Peter Smit", "M", dt.date(1962, 1, 5), dt.date(1988, 4, 1), "0102", "0102", 10, 36, None),
    ("000105", "Fleur Jansen", "V", dt.date(1985, 8, 19), dt.date(2010, 10, 1), "0102", "0102", 10, 24.5, None),
    ("000106", "Kim Visser", "X", dt.date(1979, 12, 24), dt.date(2001, 1, 1), "0102", "0102", 10, 36, None),
    ("000107", "Henk Dijkstra", "M", dt.date(1970, 7, 7), dt.date(1999, 3, 1), "0201", "0201", 11, 36, None),
    ("000108", "Lisa Bos", "V", dt.date(1996, 2, 29), dt.date(2024, 2, 1), "0101", "0101", 6, 28, dt.date(2026, 12, 31)),
]
OUD = [("0101", "Medewerker administratie", "Bedrijfsvoering", 6, 4.0, "Administratief"),
       ("0102", "Beleidsmedewerker", "Beleid", 10, 3.0, "Beleid"),
       ("0201", "Teamleider", "Bedrijfsvoering", 11, 1.0, "Leidinggevend")]
NIEUW = [("1101", "Administratief medewerker", "Dienstverlening", 6, 3.0, "Administratief"),
         ("1102", "Beleidsadviseur", "Strategie", 10, 2.5, "Beleid"),
         ("1201", "Teamleider", "Dienstverlening", 11, 1.0, "Leidinggevend")]
MAPPING = [("0101", "1101", 20), ("0102", "1102", 45), ("0201", "1201", 10)]
FUNCTIENAAM = {code: naam for code, naam, *_ in OUD}
EENHEID = {code: eenheid for code, _, eenheid, *_ in OUD}


def procent(uren) -> str:
    """88,89: the percentage with two decimals and a decimal comma, as AFAS shows it."""
    return f"{Decimal(repr(uren)) * 100 / 36:.2f}".replace(".", ",")


def nl(getal) -> str:
    return f"{getal}".replace(".", ",")


def csv_tekst(kop, rijen, scheiding) -> str:
    def veld(v):
        v = "" if v is None else str(v)
        return f'"{v}"' if scheiding in v or '"' in v else v
    return "\r\n".join(scheiding.join(veld(v) for v in rij) for rij in [kop, *rijen]) + "\r\n"


def afas():
    kop = ["Medewerker", "Volledige naam", "Geboortedatum", "Datum in dienst", "Functie", "Omschrijving functie",
           "Organisatorische eenheid", "Salarisschaal", "Parttimepercentage", "Type contract", "Einddatum contract",
           "Geslacht", "Woonplaats"]
    rijen = [[p, naam, f"{geb:%d-%m-%Y}", f"{ind:%d-%m-%Y}", f, FUNCTIENAAM[f], EENHEID[f], schaal, procent(uren),
              "Bepaalde tijd" if eind else "Onbepaalde tijd", f"{eind:%d-%m-%Y}" if eind else "",
              {"M": "Man", "V": "Vrouw", "X": "X"}[g], "Almelo"]
             for p, naam, g, geb, ind, f, _ff, schaal, uren, eind in MENSEN]
    return csv_tekst(kop, rijen, ";")


def youforce():
    kop = ["personCode", "lastName", "dateOfBirth", "gender", "Datum in dienst", "Functiecode", "Feitelijke functie",
           "Functienaam", "Salarisschaal", "Uren per week", "Soort dienstverband", "Einddatum dienstverband"]
    rijen = [[p, naam, f"{geb:%Y-%m-%d}", g, f"{ind:%Y-%m-%d}", f, ff, FUNCTIENAAM[f], schaal, nl(uren),
              "tijdelijk" if eind else "vast", f"{eind:%Y-%m-%d}" if eind else ""]
             for p, naam, g, geb, ind, f, ff, schaal, uren, eind in MENSEN]
    return csv_tekst(kop, rijen, ",")


def beaufort():
    kop = ["P01001 Persoonsnummer", "P01008 Samengestelde naam", "P00321 Geboorte datum", "P00330 Geslacht",
           "Datum in dienst", "Functie", "Salarisschaal", "Arbeidsduur per week", "Soort arbeidsovereenkomst",
           "Einddatum arbeidsovereenkomst"]
    rijen = [[p, naam, f"{geb:%d-%m-%Y}", g, f"{ind:%d-%m-%Y}", f, schaal, nl(uren),
              "bepaalde tijd" if eind else "onbepaalde tijd", f"{eind:%d-%m-%Y}" if eind else ""]
             for p, naam, g, geb, ind, f, _ff, schaal, uren, eind in MENSEN]
    return csv_tekst(kop, rijen, ";")


def sap():
    wb = nieuw_werkboek("scenarios/maak_exports.py", None, FIXED_TIMESTAMP)
    kop = ["PERNR", "ENAME", "GBDAT", "GESCH", "STELL", "PLANS", "ORGEH", "TRFGR", "TRFST", "EMPCT", "CTEDT", "DAT01"]
    rijen = [[p, naam, f"{geb:%d.%m.%Y}", {"M": "1", "V": "2", "X": ""}[g], f, f"5000{f}", EENHEID[f],
              f"{schaal:02d}", "03", float(procent(uren).replace(",", ".")),
              f"{eind:%d.%m.%Y}" if eind else "31.12.9999", f"{ind:%d.%m.%Y}"]
             for p, naam, g, geb, ind, f, _ff, schaal, uren, eind in MENSEN]
    blad(wb, "Export", kop, rijen, breedtes=True)
    for rij in wb["Export"].iter_rows(min_row=2):
        for cel in rij:
            if isinstance(cel.value, str):
                cel.data_type = "s"
    return wb


def formatiehuis():
    wb = nieuw_werkboek("scenarios/maak_exports.py", None, FIXED_TIMESTAMP)
    kop = ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte", "functiefamilie"]
    blad(wb, "Oude functies", kop, OUD, breedtes=True)
    blad(wb, "Nieuwe functies", kop, NIEUW, breedtes=True)
    blad(wb, "Functiemapping", ["oude_functie", "nieuwe_functie", "wijzigingspercentage"], MAPPING, breedtes=True)
    blad(wb, "Parameters", ["parameter", "waarde"], [("peildatum", dt.date(2026, 1, 1))], breedtes=True)
    for ws in wb.worksheets:
        for rij in ws.iter_rows(min_row=2, max_col=2):
            for cel in rij:
                if isinstance(cel.value, str):
                    cel.data_type = "s"
    return wb


def main():
    for naam, tekst in (("export-afas.csv", afas()), ("export-youforce.csv", youforce()),
                        ("export-beaufort.csv", beaufort())):
        (MAP / naam).write_bytes(("\ufeff" + tekst).encode("utf-8"))
        print(f"{naam} geschreven")
    bewaar(sap(), MAP / "export-sap.xlsx", FIXED_TIMESTAMP)
    bewaar(formatiehuis(), MAP / "formatiehuis-voorbeeld.xlsx", FIXED_TIMESTAMP)
    print("export-sap.xlsx en formatiehuis-voorbeeld.xlsx geschreven")


if __name__ == "__main__":
    main()
