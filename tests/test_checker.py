"""Tests of the independent checker itself: tiny hand-made cases per rule ID, in both
directions, and the worked examples of regels.md §7."""
import copy
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import (brute_force, check_plan, leeftijd, score, selection_order, tier)
from plaatsing.voorbeelden import VERWACHT, VOORBEELDEN, functie, medewerker, tabellen, voorbeeld_4, write_xlsx
from scenario_gen import small_scenarios


def rules(violations, person=None):
    return {v.rule for v in violations if person is None or v.personeelsnummer == person}


def een_op_een(pct=None, *, schaal_oud=9, schaal_nieuw=9, familie=(None, None), nieuw=False,
               oordeel=None, schaal_persoon=None, **parameters):
    """One person M01 in O1 and one new function N1 (schaal 9 unless told); schaal_oud is the
    level of O1, M01's personal scale is schaal_persoon (default: the same)."""
    mapping = [] if pct is None else [("O1", "N1", pct)]
    if pct is None and not nieuw:
        mapping = [("O2", "N1", 50)]  # someone else's function maps to N1: not SS-5
    persoonlijk = schaal_oud if schaal_persoon is None else schaal_persoon
    return tabellen([medewerker("M01", "O1", date(2000, 1, 1), schaal=persoonlijk)],
                    [functie("O1", schaal=schaal_oud, familie=familie[0]), functie("O2")],
                    [functie("N1", schaal=schaal_nieuw, familie=familie[1])], mapping,
                    geschiktheid=[("M01", "N1", oordeel)] if oordeel else (), **parameters)


# §1 tiers ------------------------------------------------------------------------------

@pytest.mark.parametrize("pct, verwacht", [(0, "T1"), (30, "T1"), (0.3 * 100, "T1"), (30.0000001, "T1"),
                                          (30.000001, "T2"), (31, "T2"), (80, "T2")])
def test_threshold_edge_30_vs_31(pct, verwacht):
    assert tier(een_op_een(pct), "M01", "N1") == verwacht


def test_drempel_parameter_moves_the_edge():
    assert tier(een_op_een(30, drempel_wijziging=10), "M01", "N1") == "T2"
    assert tier(een_op_een(10, drempel_wijziging=10), "M01", "N1") == "T1"


def test_lowest_percentage_counts_for_a_double_mapping_row():
    tables = een_op_een(50)
    tables["Functiemapping"].append({"oude_functie": "O1", "nieuwe_functie": "N1",
                                     "wijzigingspercentage": 20})
    assert tier(tables, "M01", "N1") == "T1"


@pytest.mark.parametrize("schaal_nieuw, parameters, verwacht", [
    (9, {}, "T2"),                           # SS-2
    (8, {}, "T3"),                           # SS-3
    (7, {}, None),                           # below max_schalen_lager
    (7, {"max_schalen_lager": 2}, "T3"),
    (10, {}, None),                          # SS-4 off by default
    (10, {"max_schalen_hoger": 1}, "T4"),
    (11, {"max_schalen_hoger": 1}, None),
])
def test_verwant_by_mapping_tiers_by_scale(schaal_nieuw, parameters, verwacht):
    assert tier(een_op_een(50, schaal_nieuw=schaal_nieuw, **parameters), "M01", "N1") == verwacht


def test_verwant_by_functiefamilie_but_never_by_empty_familie():
    assert tier(een_op_een(familie=("ICT", "ICT")), "M01", "N1") == "T2"
    assert tier(een_op_een(familie=("ICT", "Financiën")), "M01", "N1") is None
    assert tier(een_op_een(familie=(None, None)), "M01", "N1") is None
    assert tier(een_op_een(familie=("", "")), "M01", "N1") is None


def test_ss5_nieuwe_functie_only_by_judgment():
    assert tier(een_op_een(familie=("ICT", "ICT"), nieuw=True), "M01", "N1") is None
    assert tier(een_op_een(nieuw=True, oordeel="passend"), "M01", "N1") == "T2"
    assert tier(een_op_een(nieuw=True, oordeel="geschikt", schaal_nieuw=12), "M01", "N1") == "T4"


def test_ss6_judgments_override_default_but_never_t1():
    assert tier(een_op_een(50, oordeel="geschikt"), "M01", "N1") == "T4"
    assert tier(een_op_een(50, oordeel="niet"), "M01", "N1") is None
    assert tier(een_op_een(10, oordeel="niet"), "M01", "N1") == "T1"
    assert tier(een_op_een(oordeel="passend", schaal_nieuw=10), "M01", "N1") == "T2"
    # passend with a lower scale: T3 without the max_schalen_lager floor (§8.3)
    assert tier(een_op_een(oordeel="passend", schaal_nieuw=5), "M01", "N1") == "T3"


def test_delta_uses_the_old_function_not_the_personal_scale():  # rules v2, §1
    # O1 and N1 both schaal 9: T2 whatever the personal scale (v1 gave T4/None and T3)
    assert tier(een_op_een(50, schaal_persoon=8), "M01", "N1") == "T2"
    assert tier(een_op_een(50, schaal_persoon=10), "M01", "N1") == "T2"
    # one level below the old function is T3, even where it equals the personal scale
    assert tier(een_op_een(50, schaal_nieuw=8, schaal_persoon=8), "M01", "N1") == "T3"
    assert tier(een_op_een(50, schaal_nieuw=10, schaal_persoon=10), "M01", "N1") is None  # SS-4 off


def test_ss6_passend_compares_with_the_old_function_too():  # rules v2
    # old function 9, personal 7, new 8: Δ = -1 -> T3 (by the personal scale it would be T2)
    assert tier(een_op_een(oordeel="passend", schaal_nieuw=8, schaal_persoon=7), "M01", "N1") == "T3"
    assert tier(een_op_een(oordeel="passend", schaal_nieuw=9, schaal_persoon=10), "M01", "N1") == "T2"


# §3 selection order --------------------------------------------------------------------

def groep(*mensen, **parameters):
    """Everybody in O1, which maps unchanged onto N1."""
    return tabellen(list(mensen), [functie("O1", formatie=9)], [functie("N1")],
                    [("O1", "N1", 0)], **parameters)


def test_sel_a_ties_go_to_older_then_lower_number_and_tijdelijk_last():
    tables = groep(medewerker("M04", "O1", date(1990, 1, 1), dienstverband="tijdelijk"),
                   medewerker("M03", "O1", date(2000, 1, 1), geboren=date(1970, 1, 1)),
                   medewerker("M02", "O1", date(2000, 1, 1), geboren=date(1960, 1, 1)),
                   medewerker("M01", "O1", date(2000, 1, 1), geboren=date(1970, 1, 1)))
    assert selection_order(tables, "N1") == ["M02", "M01", "M03", "M04"]


def test_age_in_full_years_birthday_on_peildatum_counts():
    assert leeftijd(date(2000, 1, 1), date(2025, 1, 1)) == 25
    assert leeftijd(date(2000, 1, 2), date(2025, 1, 1)) == 24


def test_sel_b_afspiegeling_mirrors_age_groups():
    # Three aged 60 (A1 longest service) and one aged 30 with the shortest service.
    # Removal: j=1 old 3/4 vs young 1/4 -> old (A3); j=2 old 6/4-1 = young 2/4 -> tie,
    # larger group: old (A2); j=3 old 9/4-2 < young 3/4 -> Y; j=4 A1. Reverse it.
    mensen = [medewerker("A1", "O1", date(1990, 1, 1), geboren=date(1965, 1, 1)),
              medewerker("A2", "O1", date(1995, 1, 1), geboren=date(1965, 1, 1)),
              medewerker("A3", "O1", date(2000, 1, 1), geboren=date(1965, 1, 1)),
              medewerker("Y", "O1", date(2020, 1, 1), geboren=date(1995, 1, 1))]
    assert selection_order(groep(*mensen, selectiemethode="afspiegeling"), "N1") == [
        "A1", "Y", "A2", "A3"]
    assert selection_order(groep(*mensen), "N1") == ["A1", "A2", "A3", "Y"]


def test_sel_b_tijdelijk_after_every_vast():
    mensen = [medewerker("T", "O1", date(1980, 1, 1), dienstverband="tijdelijk"),
              medewerker("V", "O1", date(2020, 1, 1), geboren=date(1995, 1, 1))]
    assert selection_order(groep(*mensen, selectiemethode="afspiegeling"), "N1") == ["V", "T"]


# §2 hard rules -------------------------------------------------------------------------

def test_h1_capacity_with_exact_fte_and_marge():
    mensen = [medewerker("M01", "O1", date(1990, 1, 1), fte=0.1),
              medewerker("M02", "O1", date(1991, 1, 1), fte=0.2)]
    exact = tabellen(mensen, [functie("O1")], [functie("N1", formatie=0.3)], [("O1", "N1", 0)])
    assert check_plan(exact, {"M01": "N1", "M02": "N1"}) == []  # 0.1 + 0.2 > 0.3 in floats
    te_vol = tabellen(mensen, [functie("O1")], [functie("N1", formatie=0.2)], [("O1", "N1", 0)])
    assert "H1" in rules(check_plan(te_vol, {"M01": "N1", "M02": "N1"}))
    marge = tabellen(mensen, [functie("O1")], [functie("N1", formatie=0.2)], [("O1", "N1", 0)],
                     fte_marge=0.5)
    assert check_plan(marge, {"M01": "N1", "M02": "N1"}) == []


def test_h2_eligibility_unless_pinned():
    tables = een_op_een(familie=("ICT", "Financiën"))
    assert rules(check_plan(tables, {"M01": "N1"}), "M01") == {"H2"}
    assert check_plan(tables, {"M01": None}) == []
    pinned = tabellen(tables["Medewerkers"], tables["Oude functies"], tables["Nieuwe functies"],
                      [("O2", "N1", 50)], vastgezet=[("M01", "N1")])
    assert check_plan(pinned, {"M01": "N1"}) == []


def test_h3_pins_are_honoured():
    tables = tabellen([medewerker("M01", "O1", date(2000, 1, 1))], [functie("O1")],
                      [functie("N1"), functie("N2")], [("O1", "N1", 50), ("O1", "N2", 50)],
                      vastgezet=[("M01", "N2")])
    assert "H3" in rules(check_plan(tables, {"M01": "N1"}), "M01")
    assert "H3" in rules(check_plan(tables, {"M01": None}), "M01")
    assert check_plan(tables, {"M01": "N2"}) == []


def twee_functies(voorkeuren=(), pin=None):
    """M01 is T1 for N1 and T2 for N2; optionally someone else (P) pinned in N1."""
    mensen = [medewerker("M01", "O1", date(2000, 1, 1), voorkeuren=voorkeuren)]
    if pin:
        mensen.append(medewerker("P", "O2", date(2010, 1, 1)))
    return tabellen(mensen, [functie("O1"), functie("O2")], [functie("N1"), functie("N2")],
                    [("O1", "N1", 10), ("O1", "N2", 50)],
                    vastgezet=[("P", "N1")] if pin else ())


def test_h4_functievolger_must_follow_the_function():
    assert rules(check_plan(twee_functies(), {"M01": None})) == {"H4", "F3", "O1"}
    assert rules(check_plan(twee_functies(), {"M01": "N2"})) == {"H4", "F3"}
    assert check_plan(twee_functies(), {"M01": "N1"}) == []


def test_h4a_opt_out_needs_a_strictly_earlier_voorkeur():
    assert check_plan(twee_functies(voorkeuren=("N2",)), {"M01": "N2"}) == []
    # a gap keeps the column number: voorkeur_3 = N2 still before unlisted N1
    assert check_plan(twee_functies(voorkeuren=(None, None, "N2")), {"M01": "N2"}) == []
    assert "H4" in rules(check_plan(twee_functies(voorkeuren=("N1", "N2")), {"M01": "N2"}))


def test_h4a_opt_out_to_an_ineligible_function_does_not_count():
    tables = twee_functies(voorkeuren=("N3",))
    tables["Nieuwe functies"].append(functie("N3"))
    assert rules(check_plan(tables, {"M01": "N3"}), "M01") >= {"H2", "H4"}


def test_h4b_pins_take_the_room():
    assert check_plan(twee_functies(pin=True), {"M01": "N2", "P": "N1"}) == []
    # H4 holds (the pin takes N1), but N2 is free: M01 could simply be added (O1, issue 23)
    assert rules(check_plan(twee_functies(pin=True), {"M01": None, "P": "N1"})) == {"O1"}


def test_h4b_lost_selection_and_h5_tijdelijk_ranks_last():
    tables = groep(medewerker("T", "O1", date(1980, 1, 1), dienstverband="tijdelijk"),
                   medewerker("V", "O1", date(2020, 1, 1)))
    assert check_plan(tables, {"T": None, "V": "N1"}) == []
    # V fits where T sits: H4 and F3 for V, and T pushes V out (O2)
    assert rules(check_plan(tables, {"T": "N1", "V": None}), "V") == {"H4", "F3", "O2"}


def test_h5_uitkomst_of_the_unplaced():
    tables = groep(medewerker("T", "O1", date(1980, 1, 1), dienstverband="tijdelijk"),
                   medewerker("V", "O1", date(2020, 1, 1)))
    plan = {"T": None, "V": "N1"}
    assert check_plan(tables, plan, {"T": "niet geplaatst (tijdelijk)", "V": "functievolger"}) == []
    assert rules(check_plan(tables, plan, {"T": "boventallig", "V": "functievolger"})) == {"H5"}


# §4 O2, O6 and F3 ----------------------------------------------------------------------

def test_o2_push_out_flagged_and_pinned_occupant_protected():
    assert rules(check_plan(VOORBEELDEN["voorbeeld_4"](), {"C": None, "D": "P"}), "C") == {"O2"}
    assert rules(check_plan(VOORBEELDEN["voorbeeld_6"](), {"G": None, "H": "Q"}), "G") == {"O2"}
    tables = VOORBEELDEN["voorbeeld_6"]()
    tables["Vastgezet"] = [{"personeelsnummer": "H", "nieuwe_functie": "Q"}]
    assert check_plan(tables, {"G": None, "H": "Q"}) == []


def swap_scenario(voorkeuren_a, voorkeuren_b):
    """A (1990) and B (2000) both T2 for N1 and N2, one place each."""
    return tabellen([medewerker("A", "O1", date(1990, 1, 1), voorkeuren=voorkeuren_a),
                     medewerker("B", "O1", date(2000, 1, 1), voorkeuren=voorkeuren_b)],
                    [functie("O1", formatie=2)], [functie("N1"), functie("N2")],
                    [("O1", "N1", 50), ("O1", "N2", 50)])


def test_o6_seniority_breaks_remaining_ties():
    tables = swap_scenario(("N2",), ("N2",))  # one first choice honoured either way
    assert rules(check_plan(tables, {"A": "N1", "B": "N2"})) == {"O6"}
    assert check_plan(tables, {"A": "N2", "B": "N1"}) == []


def test_o6_not_when_the_swap_changes_the_totals():
    tables = swap_scenario((None, "N2"), ("N2",))  # swap turns a 1st into a 2nd choice
    assert check_plan(tables, {"A": "N1", "B": "N2"}) == []


def test_f3_kept_and_lost_follow_the_selection_order():
    tables = VOORBEELDEN["voorbeeld_2"]()
    plan = {"M01": "BV-FO", "M02": None, "M03": "BV-FO"}
    assert rules(check_plan(tables, plan), "M02") == {"H4", "F3", "O2"}
    assert check_plan(tables, VERWACHT["voorbeeld_2"]) == []


# Brute force and worked examples -------------------------------------------------------

def test_threshold_edge_voorbeeld_1():
    tables = VOORBEELDEN["voorbeeld_1"]()
    assert tier(tables, "M01", "BV-FO") == "T1"
    assert tier(tables, "M01", "BV-FC") == "T2"


@pytest.mark.parametrize("naam", sorted(VOORBEELDEN))
def test_worked_example(naam):
    tables, verwacht = VOORBEELDEN[naam](), VERWACHT[naam]
    assert check_plan(tables, verwacht) == []
    optimum = brute_force(tables)
    assert optimum.niet_geplaatst == sum(f is None for f in verwacht.values())
    assert optimum.score == score(tables, verwacht)
    assert optimum.plan == verwacht


def test_brute_force_counts_o1_subject_to_h4():
    # voorbeeld 3a: placing both would need A out of its T1 function
    assert brute_force(VOORBEELDEN["voorbeeld_3a"]()).niet_geplaatst == 1
    assert brute_force(VOORBEELDEN["voorbeeld_3b"]()).niet_geplaatst == 0


@pytest.mark.traag
@settings(max_examples=200, deadline=None, derandomize=True)
@given(small_scenarios())
def test_brute_force_optimum_passes_the_checks(tables):
    optimum = brute_force(tables)
    if optimum is not None:
        assert [v for v in check_plan(tables, optimum.plan) if v.rule != "O6"] == []


def test_write_xlsx_roundtrip(tmp_path):
    from openpyxl import load_workbook
    tables = VOORBEELDEN["voorbeeld_5"]()
    wb = load_workbook(write_xlsx(tables, tmp_path / "s.xlsx"))
    rows = list(wb["Medewerkers"].values)
    assert rows[0][:3] == ("personeelsnummer", "naam", "geboortedatum")
    assert rows[1][0] == "E" and rows[1][3].date() == date(1990, 1, 1)
    assert [r[0] for r in wb["Parameters"].values][1] == "peildatum"


def voorbeeld_7():
    """regels.md §7.7: P (1990) functievolger for N1 and N2, R (2000) only N1, S (2005) only N2."""
    return tabellen([medewerker("P", "OP", date(1990, 1, 1)), medewerker("R", "OR", date(2000, 1, 1)),
                     medewerker("S", "OS", date(2005, 1, 1))],
                    [functie("OP"), functie("OR"), functie("OS")], [functie("N1"), functie("N2")],
                    [("OP", "N1", 10), ("OP", "N2", 10), ("OR", "N1", 10), ("OS", "N2", 10)])


def test_o6b_seniority_decides_not_a_code():  # regels.md §7.7
    tables = voorbeeld_7()
    fout = check_plan(tables, {"P": "N1", "R": None, "S": "N2"})
    assert [(v.rule, v.personeelsnummer, v.functie) for v in fout] == [("O6", "R", "N2")]
    assert check_plan(tables, {"P": "N2", "R": "N1", "S": None}) == []


def test_o6b_needs_the_same_outcome_for_the_one_who_moves():
    # P lists N1 as voorkeur 1: moving P to N2 costs P a wish, so S may keep N2 (no O6 b)
    tables = voorbeeld_7()
    tables["Medewerkers"][0]["voorkeur_1"] = "N1"
    assert check_plan(tables, {"P": "N1", "R": None, "S": "N2"}) == []


def test_h5_einddatum_voor_de_ingangsdatum():
    def tables(einddatum, **parameters):
        t = tabellen([medewerker("T", "O1", date(2015, 1, 1), dienstverband="tijdelijk")], [functie("O1")],
                     [functie("N1")], [("O1", "N1", 10)], **parameters)
        t["Medewerkers"][0]["einddatum"] = einddatum
        return t
    assert tier(tables(date(2024, 12, 31)), "T", "N1") is None          # ends before the peildatum
    assert tier(tables(date(2025, 1, 1)), "T", "N1") == "T1"            # ends on it: not before
    assert tier(tables(date(2025, 3, 1), ingangsdatum=date(2025, 4, 1)), "T", "N1") is None
    assert rules(check_plan(tables(date(2024, 12, 31)), {"T": "N1"})) == {"H2"}
    assert check_plan(tables(date(2024, 12, 31)), {"T": None}, {"T": "niet geplaatst (tijdelijk)"}) == []


# Rules v2: worked examples §7.8-7.10 and the changed rules ---------------------------

def voorbeeld_8(formatie=2.0):
    """regels.md §7.8: K (personal scale 7) and L (personal 9) hold OUD-A (schaal 8), which maps
    to N-A (schaal 8) at 45 %."""
    return tabellen([medewerker("K", "OUD-A", date(2010, 1, 1), schaal=7),
                     medewerker("L", "OUD-A", date(2012, 1, 1), schaal=9)],
                    [functie("OUD-A", schaal=8, formatie=2.0)], [functie("N-A", schaal=8, formatie=formatie)],
                    [("OUD-A", "N-A", 45)])


def test_voorbeeld_8_aanloopschaal():
    tables = voorbeeld_8()
    assert tier(tables, "K", "N-A") == "T2" and tier(tables, "L", "N-A") == "T2"
    optimum = brute_force(tables)
    assert optimum.plan == {"K": "N-A", "L": "N-A"}
    # salarisgarantie only for L: 36 hours = 2160 minutes x (9 - 8); K in an aanloopschaal gets none
    assert optimum.score == score(tables, optimum.plan)
    assert optimum.score.salarisgarantie == 2160 and optimum.score.tiers == (0, 2, 0, 0)
    assert score(tables, {"K": "N-A", "L": None}).salarisgarantie == 0
    assert check_plan(tables, optimum.plan) == []
    # K fits next to L (O1) and, earlier in dienst, also in L's place (O2)
    assert rules(check_plan(tables, {"K": None, "L": "N-A"}), "K") == {"O1", "O2"}


def test_voorbeeld_8_one_place_goes_by_sel_a_not_by_scale():
    tables = voorbeeld_8(formatie=1.0)
    assert brute_force(tables).plan == {"K": "N-A", "L": None}  # K in dienst 2010, L 2012
    assert rules(check_plan(tables, {"K": None, "L": "N-A"}), "K") == {"O2"}


def voorbeeld_9(oordeel_t="T2"):
    """regels.md §7.9: Q (cap 1.0); T tijdelijk (1990) T2 for Q, V vast (2015) T3 for Q."""
    t1 = oordeel_t == "T1"
    return tabellen([medewerker("T", "OT", date(1990, 1, 1), dienstverband="tijdelijk"),
                     medewerker("V", "OV", date(2015, 1, 1))],
                    [functie("OT"), functie("OV", schaal=10)], [functie("Q")],
                    [("OT", "Q", 10 if t1 else 50), ("OV", "Q", 50)])


def test_voorbeeld_9_vast_before_tijdelijk():
    tables = voorbeeld_9()
    assert tier(tables, "T", "Q") == "T2" and tier(tables, "V", "Q") == "T3"
    assert brute_force(tables).plan == {"T": None, "V": "Q"}
    goed = {"T": None, "V": "Q"}
    assert check_plan(tables, goed, {"T": "niet geplaatst (tijdelijk)", "V": "passend lager"}) == []
    fout = check_plan(tables, {"T": "Q", "V": None})
    assert [(v.rule, v.personeelsnummer, v.functie) for v in fout] == [("O2", "V", "Q")]


def test_h5_a_tijdelijk_functievolger_is_not_protected_against_a_vast_colleague():
    tables = voorbeeld_9("T1")
    assert tier(tables, "T", "Q") == "T1"
    # H4 (b): for tijdelijk T every vast medewerker placed in Q goes before: room 0 < 36 hours
    assert check_plan(tables, {"T": None, "V": "Q"}) == []
    assert rules(check_plan(tables, {"T": "Q", "V": None})) == {"O2"}
    assert brute_force(tables).plan == {"T": None, "V": "Q"}


def test_h5_a_vast_functievolger_is_protected_against_a_vast_non_t1():
    tables = voorbeeld_9("T1")
    tables["Medewerkers"][0]["dienstverband"] = "vast"  # T vast (1990) T1, V vast T3
    assert check_plan(tables, {"T": "Q", "V": None}) == []
    assert rules(check_plan(tables, {"T": None, "V": "Q"}), "T") == {"H4", "F3", "O2"}


def voorbeeld_10(uren=(36, 32, 20, 20), ftes=(1, 0.8889, 0.5556, 0.5556), **parameters):
    """regels.md §7.10: functievolgers A..D (SEL-A order) for BV-ICT-02 (3 fte)."""
    mensen = [medewerker(pnr, "ICT", date(1990 + i, 1, 1), fte=fte)
              for i, (pnr, fte) in enumerate(zip("ABCD", ftes))]
    for persoon, u in zip(mensen, uren):
        if u is not None:
            persoon["uren"] = u
    return tabellen(mensen, [functie("ICT", formatie=4)], [functie("BV-ICT-02", formatie=3)],
                    [("ICT", "BV-ICT-02", 0)], **parameters)


@pytest.mark.parametrize("uren", [(36, 32, 20, 20), (None, None, None, None), (36, "", None, 20)],
                         ids=["uren", "alleen-fte", "uren-deels-leeg"])
def test_voorbeeld_10_hours_not_rounded_fte(uren):
    tables = voorbeeld_10(uren)
    allen = {p: "BV-ICT-02" for p in "ABCD"}
    assert check_plan(tables, allen) == []
    assert rules(check_plan(tables, {**allen, "D": None}), "D") == {"H4", "F3", "O1"}
    assert brute_force(tables).plan == allen


def test_uren_decide_over_fte_and_normuren_is_a_parameter():
    # uren given: 36 + 32 + 20 + 20 = 108 h fits 3 fte at 36, although the fte column says 4 x 1.0
    assert check_plan(voorbeeld_10(ftes=(1, 1, 1, 1)), {p: "BV-ICT-02" for p in "ABCD"}) == []
    zonder_fte = voorbeeld_10()
    for persoon in zonder_fte["Medewerkers"]:
        del persoon["fte"]  # fte is optional when uren is given
    assert check_plan(zonder_fte, {p: "BV-ICT-02" for p in "ABCD"}) == []
    # normuren 32: 3 fte = 96 h; A, B, C take 88 h, 8 h < 20 h: D lost the selection (H4 b)
    tables = voorbeeld_10(normuren=32)
    plan = {"A": "BV-ICT-02", "B": "BV-ICT-02", "C": "BV-ICT-02", "D": None}
    assert check_plan(tables, plan) == []
    assert "H1" in rules(check_plan(tables, {**plan, "D": "BV-ICT-02"}))
    assert brute_force(tables).plan == plan
    # without uren the fte count: 4 x 1.0 fte at 32 h = 128 h > 96 h, so only three fit
    zonder = voorbeeld_10(uren=(None,) * 4, ftes=(1, 1, 1, 1), normuren=32)
    assert brute_force(zonder).plan == plan


def test_h1_and_room_in_whole_minutes():
    # 0.3333 fte x 36 h = 11.9988 h = 719.93 -> 720 minutes; three fit in 1 fte (2160 minutes)
    mensen = [medewerker(p, "O1", date(1990 + i, 1, 1), fte=0.3333) for i, p in enumerate("XYZ")]
    tables = tabellen(mensen, [functie("O1")], [functie("N1")], [("O1", "N1", 0)])
    assert check_plan(tables, dict.fromkeys("XYZ", "N1")) == []
    mensen[0]["uren"] = 12.01  # 720.6 -> 721 minutes: now one minute too many
    assert "H1" in rules(check_plan(tables, dict.fromkeys("XYZ", "N1")))


def opt_out_scenario(voorkeur_b=("N2",)):
    """A (1990) and B (2000) in O1: T1 for N1, T2 for N2, one place each; A lists N2 first."""
    return tabellen([medewerker("A", "O1", date(1990, 1, 1), voorkeuren=("N2",)),
                     medewerker("B", "O1", date(2000, 1, 1), voorkeuren=voorkeur_b)],
                    [functie("O1", formatie=2)], [functie("N1"), functie("N2")],
                    [("O1", "N1", 10), ("O1", "N2", 50)])


def test_o6_an_opt_out_counts_as_a_t1_outcome():  # rules v2, §4
    tables = opt_out_scenario()
    # A chose to leave N1 for N2 (H4 a): the swap to N1 would be a worse outcome for A, not a better tier
    assert check_plan(tables, {"A": "N2", "B": "N1"}) == []
    # the other way round A, more senior, is kept from the function A chose (same totals)
    fout = check_plan(tables, {"A": "N1", "B": "N2"})
    assert [(v.rule, v.personeelsnummer, v.functie) for v in fout] == [("O6", "A", "N2")]
    assert score(tables, {"A": "N1", "B": "N2"}) == score(tables, {"A": "N2", "B": "N1"})


def test_o6_totals_keep_the_real_tiers():
    # B has no voorkeur: the swap would cost a first choice, so the totals differ and no O6
    tables = opt_out_scenario(voorkeur_b=())
    assert score(tables, {"A": "N1", "B": "N2"}).voorkeuren == (0, 0, 0, 0, 0)
    assert score(tables, {"A": "N2", "B": "N1"}).voorkeuren == (1, 0, 0, 0, 0)
    assert score(tables, {"A": "N2", "B": "N1"}).tiers == (1, 1, 0, 0)  # A's opt-out is counted as T2 (O3)
    assert check_plan(tables, {"A": "N2", "B": "N1"}) == []


def test_o1_nobody_who_could_simply_be_added():  # issue 23
    tables = voorbeeld_4()  # C and D both T2 for P (cap 1)
    tables["Nieuwe functies"][0]["formatie_fte"] = 2.0
    fout = check_plan(tables, {"C": "P", "D": None})
    assert [(v.rule, v.personeelsnummer, v.functie) for v in fout] == [("O1", "D", "P")]
    assert check_plan(tables, {"C": "P", "D": "P"}) == []
    # no room: D cannot be added without someone moving (voorbeeld 2, 4: no O1)
    assert check_plan(voorbeeld_4(), {"C": "P", "D": None}) == []


def test_o1_not_for_who_is_bound_as_not_placed():
    tables = voorbeeld_4()
    tables["Nieuwe functies"][0]["formatie_fte"] = 2.0
    tables["Adviezen"] = [{"personeelsnummer": "D", "datum": date(2025, 2, 1), "bron": "PAC",
                           "advies": "boventallig", "besluit": "overgenomen", "toelichting": None}]
    assert check_plan(tables, {"C": "P", "D": None}) == []
    assert brute_force(tables).plan == {"C": "P", "D": None}
    tables["Adviezen"][0]["besluit"] = "niet overgenomen"
    assert rules(check_plan(tables, {"C": "P", "D": None})) == {"O1"}


def test_o6_an_opt_out_is_no_t1_in_the_totals():
    # A (1990) T1 for N1, T2 for N2, voorkeur_1 N2; B (2000) T2 for both, voorkeur_1 N2.
    # A in N1, B in N2 has one T1 placement; the swap (A opts out to N2) has none, so the
    # O3 totals differ and seniority (O6) may not decide: A stays in N1.
    tables = tabellen([medewerker("A", "O1", date(1990, 1, 1), voorkeuren=("N2",)),
                       medewerker("B", "O2", date(2000, 1, 1), voorkeuren=("N2",))],
                      [functie("O1"), functie("O2")], [functie("N1"), functie("N2")],
                      [("O1", "N1", 10), ("O1", "N2", 50), ("O2", "N1", 50), ("O2", "N2", 50)])
    plan = {"A": "N1", "B": "N2"}
    assert score(tables, plan).tiers == (1, 1, 0, 0)
    assert score(tables, {"A": "N2", "B": "N1"}).tiers == (0, 2, 0, 0)
    assert check_plan(tables, plan) == []
    assert brute_force(tables).plan == plan


@pytest.mark.traag
@settings(max_examples=40, deadline=None, derandomize=True)
@given(small_scenarios(max_medewerkers=5), st.sampled_from([36, 40]))
def test_uren_and_normuren_scale_with_fte(tables, normuren):
    # uren = fte x normuren (some rows without fte) and room at that normuren: the same minutes
    # up to the factor normuren / 36, so the same optimum and the same verdicts (§8.13)
    met_uren = copy.deepcopy(tables)
    for i, persoon in enumerate(met_uren["Medewerkers"]):
        persoon["uren"] = round(persoon["fte"] * normuren, 2)
        if i % 2:
            del persoon["fte"]
    met_uren["Parameters"].append({"parameter": "normuren", "waarde": normuren})
    optimum, met = brute_force(tables), brute_force(met_uren)
    assert (met is None) == (optimum is None)
    if optimum is not None:
        assert (met.plan, met.niet_geplaatst, met.score.tiers) == (optimum.plan, optimum.niet_geplaatst,
                                                                  optimum.score.tiers)
        assert met.score.salarisgarantie * 36 == optimum.score.salarisgarantie * normuren
        assert rules(check_plan(met_uren, optimum.plan)) == rules(check_plan(tables, optimum.plan))
