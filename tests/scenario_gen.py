"""Scenarios for the tests: small builders, a hypothesis strategy, an xlsx writer and the
worked examples of regels.md §7 with their expected plans derived by hand.

A scenario is in "tables" form: sheet name -> list of row dicts, keys = contract column
names of scenario-formaat.md in lowercase_with_underscores, values already typed.
"""
from __future__ import annotations

from datetime import date, datetime

from hypothesis import strategies as st
from openpyxl import Workbook

PEILDATUM = date(2025, 1, 1)

KOLOMMEN = {  # header rows for sheets that happen to have no rows
    "Medewerkers": ["personeelsnummer", "naam", "geboortedatum", "datum_in_dienst", "functie",
                    "schaal", "fte", "dienstverband"] + [f"voorkeur_{k}" for k in range(1, 6)],
    "Oude functies": ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte",
                      "functiefamilie"],
    "Nieuwe functies": ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte",
                        "functiefamilie"],
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


# Random small scenarios ----------------------------------------------------------------

FTES = [0.2, 0.4, 0.5, 0.6, 0.8, 1.0]
FORMATIES = [0.0, 0.5, 1.0, 1.5, 2.0]
SCHALEN = [7, 8, 9]  # close together, so T2, T3 and T4 all occur
PERCENTAGES = [None, None, 0, 10, 30, 31, 50, 80, 0.3 * 100]  # 0.3*100 = 30.000000000000004
FAMILIES = [None, "Financiën", "ICT"]
IN_DIENST = [date(2016, 1, 1), date(2018, 9, 1), date(2021, 3, 1)]  # few: seniority ties
GEBOREN = [date(2000, 1, 1),  # exactly 25 on the peildatum: group [25,35)
           date(2000, 1, 2),  # 24
           date(1990, 6, 15), date(1985, 3, 1), date(1980, 1, 1), date(1970, 1, 1),
           date(1969, 12, 31)]
OORDELEN = [None] * 10 + ["passend", "geschikt", "niet"]


@st.composite
def small_scenarios(draw, max_medewerkers=6, max_functies=4, selectiemethode=None):
    """Valid tables with 1..max_medewerkers people, 1..max_functies new functions and 1..4
    old ones, drawn so that edges (30 vs 31 %, ties, SS-5, pins, gaps) occur often."""
    pick = lambda values: draw(st.sampled_from(values))  # noqa: E731
    oude = [functie(f"O{i}", schaal=pick(SCHALEN), formatie=pick(FORMATIES),
                    familie=pick(FAMILIES)) for i in range(1, draw(st.integers(1, 4)) + 1)]
    nieuwe = [functie(f"N{i}", schaal=pick(SCHALEN), formatie=pick(FORMATIES),
                      familie=pick(FAMILIES))
              for i in range(1, draw(st.integers(1, max_functies)) + 1)]
    codes = [n["functiecode"] for n in nieuwe]

    mapping = []
    for n in codes:
        if pick([False, False, False, True]):
            continue  # a nieuwe functie (SS-5): nothing maps to it
        for o in oude:
            pct = pick(PERCENTAGES)
            if pct is not None:
                mapping.append((o["functiecode"], n, pct))

    fte_marge = pick([0.0, 0.0, 0.5])
    medewerkers = []
    for i in range(1, draw(st.integers(1, max_medewerkers)) + 1):
        wensen = draw(st.lists(st.sampled_from(codes), unique=True, max_size=min(5, len(codes))))
        posities = draw(st.lists(st.integers(1, 5), unique=True,
                                 min_size=len(wensen), max_size=len(wensen)))
        voorkeuren = [None] * 5  # gaps allowed: voorkeur_3 may be set with voorkeur_2 empty
        for wens, positie in zip(wensen, posities):
            voorkeuren[positie - 1] = wens
        medewerkers.append(medewerker(
            f"M{i:02d}", pick(oude)["functiecode"], pick(IN_DIENST), fte=pick(FTES),
            schaal=pick(SCHALEN), geboren=pick(GEBOREN),
            dienstverband=pick(["vast", "vast", "vast", "tijdelijk"]), voorkeuren=voorkeuren))

    geschiktheid = [(m["personeelsnummer"], n, oordeel) for m in medewerkers for n in codes
                    if (oordeel := pick(OORDELEN)) is not None]

    vastgezet = []
    if draw(st.booleans()):
        ruimte = {n["functiecode"]: round((n["formatie_fte"] + fte_marge) * 1e6) for n in nieuwe}
        for m in medewerkers:  # a pin only where it fits next to the earlier pins (SS-7)
            n = pick([None] * 4 + codes)
            if n is not None and round(m["fte"] * 1e6) <= ruimte[n]:
                ruimte[n] -= round(m["fte"] * 1e6)
                vastgezet.append((m["personeelsnummer"], n))

    parameters = {}
    drempel = pick([30, 30, 10, 50])
    if drempel != 30 or draw(st.booleans()):
        parameters["drempel_wijziging"] = drempel
    hoger = pick([0, 1])
    if hoger or draw(st.booleans()):
        parameters["max_schalen_hoger"] = hoger
    if fte_marge or draw(st.booleans()):
        parameters["fte_marge"] = fte_marge
    methode = selectiemethode or pick(["anciënniteit", "afspiegeling"])
    if methode != "anciënniteit" or draw(st.booleans()):
        parameters["selectiemethode"] = methode
    if draw(st.booleans()):
        parameters["beleid"] = "maximaal plaatsen"
    return tabellen(medewerkers, oude, nieuwe, mapping, geschiktheid, vastgezet, **parameters)


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
