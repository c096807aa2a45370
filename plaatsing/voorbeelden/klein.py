"""Small scenarios built by hand: row builders, an xlsx writer and the worked examples of regels.md §7 with
their expected plans derived by hand (the tests check the engine against them).

A scenario is in "tables" form: sheet name -> list of row dicts, keys = contract column
names of scenario-formaat.md in lowercase_with_underscores, values already typed.
"""
from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook

from plaatsing.voorbeelden.werkboek import FUNCTIE_KOLOMMEN

PEILDATUM = date(2025, 1, 1)

KOLOMMEN = {  # header rows for sheets that happen to have no rows
    "Medewerkers": ["personeelsnummer", "naam", "geboortedatum", "datum_in_dienst", "functie",
                    "schaal", "fte", "dienstverband"] + [f"voorkeur_{k}" for k in range(1, 6)],
    "Oude functies": FUNCTIE_KOLOMMEN,
    "Nieuwe functies": FUNCTIE_KOLOMMEN,
    "Functiemapping": ["oude_functie", "nieuwe_functie", "wijzigingspercentage"],
    "Geschiktheid": ["personeelsnummer", "nieuwe_functie", "oordeel"],
    "Vastgezet": ["personeelsnummer", "nieuwe_functie"],
    "Parameters": ["parameter", "waarde"],
}


# Builders ------------------------------------------------------------------------------

def medewerker(pnr, functie, in_dienst, *, fte=1.0, schaal=9, geboren=date(1965, 1, 1),
               dienstverband="vast", voorkeuren=()):
    """One Medewerkers row; `voorkeuren` by position, None for a gap."""
    row = {"personeelsnummer": pnr, "naam": f"Medewerker {pnr}", "geboortedatum": geboren,
           "datum_in_dienst": in_dienst, "functie": functie, "schaal": schaal, "fte": fte,
           "dienstverband": dienstverband}
    for k in range(1, 6):
        row[f"voorkeur_{k}"] = voorkeuren[k - 1] if k <= len(voorkeuren) else None
    return row


def functie(code, *, schaal=9, formatie=1.0, familie=None, eenheid="Bedrijfsvoering"):
    """One row of Oude functies or Nieuwe functies."""
    return {"functiecode": code, "functienaam": f"Functie {code}", "eenheid": eenheid,
            "schaal": schaal, "formatie_fte": formatie, "functiefamilie": familie}


def tabellen(medewerkers, oude, nieuwe, mapping, geschiktheid=(), vastgezet=(), **parameters):
    """A whole scenario. mapping: (oud, nieuw, pct); geschiktheid: (pnr, nieuw, oordeel);
    vastgezet: (pnr, nieuw); parameters by name (peildatum defaults to PEILDATUM)."""
    parameters = {"peildatum": PEILDATUM, **parameters}
    tables = {
        "Medewerkers": list(medewerkers),
        "Oude functies": list(oude),
        "Nieuwe functies": list(nieuwe),
        "Functiemapping": [{"oude_functie": o, "nieuwe_functie": n, "wijzigingspercentage": p}
                           for o, n, p in mapping],
        "Parameters": [{"parameter": k, "waarde": v} for k, v in parameters.items()],
    }
    if geschiktheid:
        tables["Geschiktheid"] = [{"personeelsnummer": m, "nieuwe_functie": n, "oordeel": o}
                                  for m, n, o in geschiktheid]
    if vastgezet:
        tables["Vastgezet"] = [{"personeelsnummer": m, "nieuwe_functie": n} for m, n in vastgezet]
    return tables


def write_xlsx(tables, path):
    """Write tables as a contract workbook: header row = keys, dates as dates, codes as text."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, rows in tables.items():
        ws = wb.create_sheet(sheet)
        kolommen = list(dict.fromkeys(k for r in rows for k in r)) or KOLOMMEN.get(sheet, [])
        ws.append(kolommen)
        for r in rows:
            ws.append([r.get(k) for k in kolommen])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.number_format = "@"
                elif isinstance(cell.value, (date, datetime)):
                    cell.number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def deeltijd_scenario():
    """Part-time functievolgers of one old function competing for two functions: a knapsack in
    which the capacity rows decide (used to exercise the exact H1 form)."""
    ftes = [0.8889, 0.8889, 0.8889, 0.5556, 0.5556, 0.5556, 1.0, 0.7778]
    mensen = [medewerker(f"D{i}", "OD", date(1990 + i, 1, 1), fte=fte, schaal=8)
              for i, fte in enumerate(ftes)]
    oud = [functie("OD", schaal=8, formatie=7.0, familie="d")]
    nieuw = [functie("ND1", schaal=8, formatie=3.5, familie="d"), functie("ND2", schaal=7, formatie=2.3, familie="d"),
             functie("ND3", schaal=8, formatie=1.2, familie="d")]
    return tabellen(mensen, oud, nieuw, [("OD", "ND1", 10), ("OD", "ND2", 40), ("OD", "ND3", 60)])


# The worked examples of regels.md §7 ---------------------------------------------------
# Each returns tables; VERWACHT holds the plan derived by hand from the rulebook text.

def voorbeeld_1():
    """Threshold edge: FIN-01 -> BV-FO at 30 %, -> BV-FC at 31 %."""
    return tabellen(
        [medewerker("M01", "FIN-01", date(1990, 1, 1)), medewerker("M02", "FIN-01", date(2000, 1, 1))],
        [functie("FIN-01", formatie=2.0)],
        [functie("BV-FO"), functie("BV-FC")],
        [("FIN-01", "BV-FO", 30), ("FIN-01", "BV-FC", 31)])


def voorbeeld_2():
    """Shrink under anciënniteit: three functievolgers for 2.0 fte."""
    return tabellen(
        [medewerker("M01", "FIN-01", date(1990, 1, 1)), medewerker("M02", "FIN-01", date(2005, 1, 1)),
         medewerker("M03", "FIN-01", date(2015, 1, 1))],
        [functie("FIN-01", formatie=3.0)],
        [functie("BV-FO", formatie=2.0)],
        [("FIN-01", "BV-FO", 10)])


def voorbeeld_3(met_voorkeur=False):
    """Rights beat count: A is T1 for N and T2 for M; B is only T2 for N."""
    return tabellen(
        [medewerker("A", "OA", date(2000, 1, 1), voorkeuren=("M",) if met_voorkeur else ()),
         medewerker("B", "OB", date(1990, 1, 1))],
        [functie("OA"), functie("OB")],
        [functie("N"), functie("M")],
        [("OA", "N", 10), ("OA", "M", 50), ("OB", "N", 50)])


def voorbeeld_3a():
    return voorbeeld_3(met_voorkeur=False)


def voorbeeld_3b():
    return voorbeeld_3(met_voorkeur=True)


def voorbeeld_4():
    """Seniority on the last place: C (1995) and D (2010) only eligible for P (1.0)."""
    return tabellen(
        [medewerker("C", "OC", date(1995, 1, 1)), medewerker("D", "OC", date(2010, 1, 1))],
        [functie("OC", formatie=2.0)],
        [functie("P")],
        [("OC", "P", 50)])


def voorbeeld_5():
    """Fte: functievolgers E 0.8 (1990), F 0.5 (2000), G 0.2 (2010) for 1.0 fte."""
    return tabellen(
        [medewerker("E", "FIN", date(1990, 1, 1), fte=0.8),
         medewerker("F", "FIN", date(2000, 1, 1), fte=0.5),
         medewerker("G", "FIN", date(2010, 1, 1), fte=0.2)],
        [functie("FIN", formatie=1.5)],
        [functie("BV")],
        [("FIN", "BV", 0)])


def voorbeeld_6():
    """Pushed out: G is T2 for Q (1995), H is T4 for Q (1990, by a geschikt judgment)."""
    return tabellen(
        [medewerker("G", "OG", date(1995, 1, 1)), medewerker("H", "OH", date(1990, 1, 1))],
        [functie("OG"), functie("OH")],  # OH has no mapping row: vervallen
        [functie("Q")],
        [("OG", "Q", 50)],
        geschiktheid=[("H", "Q", "geschikt")])


VOORBEELDEN = {"voorbeeld_1": voorbeeld_1, "voorbeeld_2": voorbeeld_2,
               "voorbeeld_3a": voorbeeld_3a, "voorbeeld_3b": voorbeeld_3b,
               "voorbeeld_4": voorbeeld_4, "voorbeeld_5": voorbeeld_5, "voorbeeld_6": voorbeeld_6}

VERWACHT = {
    # 30 <= 30: M01 and M02 are T1 for BV-FO (SS-1); 31 > 30: verwant to BV-FC, same
    # scale, so T2 (SS-2). BV-FO holds one: M01 (1990) goes first (SEL-A); for M02 the
    # room is 1.0 - 1.0 = 0 < 1.0, so M02 lost the selection (H4b) and O1 places M02 in
    # BV-FC. The reverse would break H4 for M01 (room 1.0 with nobody ranked above).
    "voorbeeld_1": {"M01": "BV-FO", "M02": "BV-FC"},
    # 2.0 fte for three T1 candidates of 1.0: 1990 and 2005 kept in SEL-A order; M03
    # (2015) has room 2.0 - 2.0 = 0 < 1.0 (H4b) and no other function: boventallig.
    "voorbeeld_2": {"M01": "BV-FO", "M02": "BV-FO", "M03": None},
    # A has room 1.0 in N and no voorkeur: H4 forces A -> N although A -> M, B -> N
    # would place both; O1 only ranks plans that meet H1-H5. B (T2 for N only) is out.
    "voorbeeld_3a": {"A": "N", "B": None},
    # voorkeur_1 = M ranks M before N (unlisted), so A may opt out (H4a) and O1 then
    # places both: A -> M, B -> N.
    "voorbeeld_3b": {"A": "M", "B": "N"},
    # Both T2 for P; either plan has one boventallig and equal O3-O5, but with D in P,
    # C (same tier, earlier in dienst) outranks D and fits in D's place: O2 picks C.
    "voorbeeld_4": {"C": "P", "D": None},
    # E first: room 1.0 >= 0.8, placed. F: room 1.0 - 0.8 = 0.2 < 0.5, lost (H4b).
    # G: room 1.0 - 0.8 (F is not placed) = 0.2 >= 0.2, so H4 requires G placed.
    # {F, G} would break H4 for E (room 1.0 >= 0.8 with nobody above E).
    "voorbeeld_5": {"E": "BV", "F": None, "G": "BV"},
    # One place in Q. H in Q, G out: G outranks H at Q (T2 before T4) and fits in H's
    # place with H1-H5 kept, an O2 push-out; O3 prefers the T2 placement as well.
    "voorbeeld_6": {"G": "Q", "H": None},
}
