"""The hypothesis strategy of the tests: small random scenarios in the tables form of
plaatsing.voorbeelden (sheet name -> list of row dicts)."""
from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from plaatsing.voorbeelden import functie, medewerker, tabellen

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


@st.composite
def v2_scenarios(draw, selectiemethode=None):
    """small_scenarios with the inputs of rules v2 on top: `uren` for some people (H1 in minutes, §8.13), the
    parameters `normuren`, `ingangsdatum` and `max_schalen_lager`, and an `einddatum` for tijdelijke contracts,
    before, on and after the ingangsdatum (H5)."""
    pick = lambda values: draw(st.sampled_from(values))  # noqa: E731
    t = draw(small_scenarios(selectiemethode=selectiemethode))
    parameters = {r["parameter"]: r["waarde"] for r in t["Parameters"]}
    normuren = pick([None, 36, 40, 32])
    if normuren:
        parameters["normuren"] = normuren
    ingang = pick([None, date(2025, 1, 1), date(2025, 7, 1)])
    if ingang:
        parameters["ingangsdatum"] = ingang
    lager = pick([None, 0, 1, 2])
    if lager is not None:
        parameters["max_schalen_lager"] = lager
    for m in t["Medewerkers"]:
        if pick([False, False, True]):  # uren decide; fte may then say something else (a warning)
            m["uren"] = min(normuren or 36, pick([8, 16, 18, 20, 24, 28.5, 32, 36, 40]))
        if m["dienstverband"] == "tijdelijk":
            m["einddatum"] = pick([None, date(2025, 3, 1), date(2025, 7, 1), date(2026, 1, 1)])
    t["Parameters"] = [{"parameter": k, "waarde": v} for k, v in parameters.items()]
    return t
