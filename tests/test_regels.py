"""One small case per rule ID of regels.md, in both directions: the rule applies / does not."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from plaatsing import InvoerFout, scenario_from_tables, solve
from plaatsing.model.model import build_model
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.voorbeelden import functie, medewerker, tabellen

DEMO_PAD = Path(__file__).resolve().parent.parent / "scenarios" / "almelo-2018.xlsx"


def met_bron(tables):
    """Map an empty old function Z to every new function (80%), so that none is SS-5 new."""
    tables["Oude functies"].append(functie("Z", formatie=0))
    tables["Functiemapping"] += [{"oude_functie": "Z", "nieuwe_functie": n["functiecode"], "wijzigingspercentage": 80}
                                 for n in tables["Nieuwe functies"]]
    return tables


def plaats(tables, **parameters):
    plan = solve(scenario_from_tables(tables, parameters=parameters or None))
    b = plan.besluiten.set_index("personeelsnummer")
    return {p: (r.nieuwe_functie if isinstance(r.nieuwe_functie, str) else None, r.uitkomst, r.regels)
            for p, r in b.iterrows()}, plan


def een_op_een(pct, *, schaal_oud=9, schaal_nieuw=9, familie=None, **parameters):
    t = tabellen([medewerker("A", "O", date(2000, 1, 1), schaal=schaal_oud)],
                 [functie("O", schaal=schaal_oud, familie=familie)],
                 [functie("N", schaal=schaal_nieuw, familie=familie)],
                 [("O", "N", pct)] if pct is not None else [], **parameters)
    return plaats(met_bron(t))[0]["A"]


@pytest.mark.parametrize("pct, uitkomst", [(30, "functievolger"), (30.0000001, "functievolger"),
                                          (31, "passend"), (0, "functievolger")])
def test_ss1_drempel_van_30_procent_is_nog_ongewijzigd(pct, uitkomst):
    assert een_op_een(pct)[1] == uitkomst


def test_ss1_drempel_is_een_parameter():
    assert een_op_een(35, drempel_wijziging=40)[1] == "functievolger"
    assert een_op_een(35)[1] == "passend"


def test_ss2_verwant_via_functiefamilie_en_zelfde_schaal():
    assert een_op_een(None, familie="fin")[:2] == ("N", "passend")
    assert een_op_een(None)[:2] == (None, "boventallig")  # not related at all


def test_ss3_passend_lager_met_salarisgarantie():
    plaatsing, plan = plaats(tabellen([medewerker("A", "O", date(2000, 1, 1), schaal=9)],
                                      [functie("O", schaal=9)], [functie("N", schaal=8)], [("O", "N", 50)]))
    assert plaatsing["A"][:2] == ("N", "passend lager")
    assert plan.besluiten.loc[0, "salarisgarantie"] == "ja"
    assert een_op_een(50, schaal_nieuw=7)[1] == "boventallig"  # two scales lower: not by default


def test_ss3_max_schalen_lager_is_een_parameter():
    assert een_op_een(50, schaal_nieuw=7, max_schalen_lager=2)[1] == "passend lager"


def test_ss4_geschikt_hoger_alleen_met_parameter():
    assert een_op_een(50, schaal_nieuw=10)[1] == "boventallig"
    assert een_op_een(50, schaal_nieuw=10, max_schalen_hoger=1)[1] == "geschikt"


def ss5_tabellen(oordeel=None):
    return tabellen([medewerker("A", "O", date(2000, 1, 1))], [functie("O", familie="x")],
                    [functie("OUD-OPV", familie="x"), functie("NIEUW", familie="x")],
                    [("O", "OUD-OPV", 80)], geschiktheid=[("A", "NIEUW", oordeel)] if oordeel else (),
                    peildatum=date(2025, 1, 1))


def test_ss5_nieuwe_functie_niet_via_familie():
    t = ss5_tabellen()
    t["Nieuwe functies"][0]["formatie_fte"] = 0  # the successor has no room
    plaatsing, plan = plaats(t)
    assert plaatsing["A"][:2] == (None, "boventallig")
    status = plan.bezetting.set_index("functiecode").at["NIEUW", "status"]
    assert status == "vacature (nieuwe functie)"


def test_ss5_nieuwe_functie_met_oordeel_passend():
    t = ss5_tabellen("passend")
    t["Nieuwe functies"][0]["formatie_fte"] = 0
    functie_, uitkomst, regels = plaats(t)[0]["A"]
    assert (functie_, uitkomst) == ("NIEUW", "passend")
    assert "SS-6" in regels and "SS-5" in regels


@pytest.mark.parametrize("oordeel, verwacht", [("niet", "boventallig"), ("geschikt", "geschikt"),
                                               ("passend", "passend")])
def test_ss6_oordeel_overschrijft_t2(oordeel, verwacht):
    t = tabellen([medewerker("A", "O", date(2000, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 50)],
                 geschiktheid=[("A", "N", oordeel)])
    assert plaats(t)[0]["A"][1] == verwacht


def test_ss6_niet_staat_met_de_functie_in_de_motivering():
    # the judgment 'niet' took away A's only option: the motivering names the function and SS-6 (a person's
    # judgments are looked up per person, uitleg/feiten.Beslisgegevens.niet_geschikt)
    t = tabellen([medewerker("A", "O", date(2000, 1, 1)), medewerker("B", "O", date(2001, 1, 1))], [functie("O")],
                 [functie("N"), functie("M")], [("O", "N", 50), ("O", "M", 50)],
                 geschiktheid=[("A", "N", "niet"), ("B", "M", "niet"), ("A", "M", "passend")])
    _plaatsing, plan = plaats(t)
    motivering = plan.besluiten.set_index("personeelsnummer")["motivering"]
    assert re.search(r"Voor N\b[^.]*\(SS-6\)\.", motivering["A"])
    assert re.search(r"Voor M\b[^.]*\(SS-6\)\.", motivering["B"])
    assert "Voor M" not in motivering["A"] and "Voor N" not in motivering["B"]


def test_ss6_niet_neemt_functievolgerschap_niet_weg_en_waarschuwt():
    t = tabellen([medewerker("A", "O", date(2000, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)],
                 geschiktheid=[("A", "N", "niet")])
    plaatsing, plan = plaats(t)
    assert plaatsing["A"][1] == "functievolger"
    waarschuwingen = plan.verantwoording[plan.verantwoording["onderdeel"] == "waarschuwing"]["waarde"]
    assert any("SS-6" in w and "functievolger" in w for w in waarschuwingen)


def test_ss6_passend_lager_zonder_ondergrens():
    t = tabellen([medewerker("A", "O", date(2000, 1, 1), schaal=10)], [functie("O", schaal=10)],
                 [functie("N", schaal=7)], [], geschiktheid=[("A", "N", "passend")])
    assert plaats(t)[0]["A"][:2] == ("N", "passend lager")


def test_ss7_pin_telt_mee_in_de_formatie():
    t = tabellen([medewerker("A", "O", date(1990, 1, 1)), medewerker("B", "X", date(2010, 1, 1))],
                 [functie("O"), functie("X")], [functie("N", formatie=1.0)], [("O", "N", 0)],
                 vastgezet=[("B", "N")])
    plaatsing, _ = plaats(t)
    assert plaatsing["B"][:2] == ("N", "vastgezet")
    assert plaatsing["A"][:2] == (None, "boventallig")  # the pin took the only place (H4b)
    assert "H4" in plaatsing["A"][2]


def test_ss7_pins_boven_formatie_zijn_een_invoerfout():
    t = tabellen([medewerker("A", "O", date(1990, 1, 1)), medewerker("B", "O", date(2010, 1, 1))],
                 [functie("O", formatie=2)], [functie("N", formatie=1.0)], [("O", "N", 0)],
                 vastgezet=[("A", "N"), ("B", "N")])
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(t)
    assert "Vastgezet, rij 3, kolom B (nieuwe_functie)" in str(fout.value)
    assert "SS-7" in str(fout.value)


@pytest.mark.parametrize("marge, geplaatst", [(0, 1), (0.5, 2)])
def test_h1_capaciteit_en_fte_marge(marge, geplaatst):
    t = tabellen([medewerker("A", "O", date(1990, 1, 1)), medewerker("B", "O", date(2000, 1, 1), fte=0.5)],
                 [functie("O", formatie=1.5)], [functie("N", formatie=1.0)], [("O", "N", 0)], fte_marge=marge)
    plaatsing, _ = plaats(t)
    assert sum(f is not None for f, _, _ in plaatsing.values()) == geplaatst


def test_h1_decimale_fte_exact():
    # 0.3 + 0.5 + 0.2 is not exactly 1.0 in floating point; in whole millionths it is
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), fte=0.3), medewerker("B", "O", date(1991, 1, 1), fte=0.5),
                  medewerker("C", "O", date(1992, 1, 1), fte=0.2)],
                 [functie("O", formatie=1)], [functie("N", formatie=1.0)], [("O", "N", 0)])
    assert all(u == "functievolger" for _, u, _ in plaats(t)[0].values())


def test_h4_functievolger_gaat_voor_aantal():  # regels.md §7.3
    t = tabellen([medewerker("A", "OA", date(1990, 1, 1)), medewerker("B", "OB", date(1980, 1, 1))],
                 [functie("OA"), functie("OB", familie="n")], [functie("N", familie="n"), functie("M")],
                 [("OA", "N", 10), ("OA", "M", 50)])
    plaatsing, _plan = plaats(t)
    assert plaatsing["A"][:2] == ("N", "functievolger") and plaatsing["B"][1] == "boventallig"
    t["Medewerkers"][0]["voorkeur_1"] = "M"  # H4(a): A opts out
    plaatsing, _ = plaats(t)
    assert plaatsing["A"][:2] == ("M", "passend") and plaatsing["B"][:2] == ("N", "passend")
    assert "H4" in plaatsing["A"][2]


def test_h4b_eerste_passer_bij_fte():  # regels.md §7.5
    t = tabellen([medewerker("E", "O", date(1990, 1, 1), fte=0.8), medewerker("F", "O", date(2000, 1, 1), fte=0.5),
                  medewerker("G", "O", date(2010, 1, 1), fte=0.2)],
                 [functie("O", formatie=1.5)], [functie("N", formatie=1.0)], [("O", "N", 10)])
    plaatsing, _ = plaats(t)
    assert [plaatsing[p][0] for p in "EFG"] == ["N", None, "N"]


def test_h5_tijdelijk_na_vast_en_eigen_uitkomst():
    t = tabellen([medewerker("T", "O", date(1980, 1, 1), dienstverband="tijdelijk"),
                  medewerker("V", "O", date(2015, 1, 1))],
                 [functie("O", formatie=2)], [functie("N", formatie=1.0)], [("O", "N", 0)])
    plaatsing, _ = plaats(t)
    assert plaatsing["V"][:2] == ("N", "functievolger")
    assert plaatsing["T"][:2] == (None, "niet geplaatst (tijdelijk)") and "H5" in plaatsing["T"][2]


@pytest.mark.parametrize("geboren_b, nummers, winnaar", [
    (date(1960, 1, 1), ("A", "B"), "B"),   # same datum_in_dienst: older first
    (date(1965, 1, 1), ("B", "A"), "A"),   # same dates: lower personeelsnummer first
])
def test_sel_a_gelijke_stand(geboren_b, nummers, winnaar):
    t = tabellen([medewerker(nummers[0], "O", date(2000, 1, 1), geboren=date(1965, 1, 1)),
                  medewerker(nummers[1], "O", date(2000, 1, 1), geboren=geboren_b)],
                 [functie("O", formatie=2)], [functie("N", formatie=1.0)], [("O", "N", 0)])
    plaatsing, _ = plaats(t)
    assert [p for p, (f, _, _) in plaatsing.items() if f] == [winnaar]


def test_o1_zo_min_mogelijk_boventallig():
    # A (senior) could take either; only the plan A->M, B->N places both
    t = tabellen([medewerker("A", "OA", date(1980, 1, 1)), medewerker("B", "OB", date(2000, 1, 1))],
                 [functie("OA", familie="x"), functie("OB", familie="y")],
                 [functie("N", familie="x"), functie("M", familie="x")], [("OB", "N", 50)])
    t["Medewerkers"][0]["voorkeur_1"] = "N"
    plaatsing, _ = plaats(met_bron(t))
    assert plaatsing["A"][0] == "M" and plaatsing["B"][0] == "N"


def test_o2_senioriteit_op_de_laatste_plaats():  # regels.md §7.4
    t = tabellen([medewerker("D", "OD", date(2010, 1, 1)), medewerker("C", "OC", date(1995, 1, 1))],
                 [functie("OC", familie="p"), functie("OD", familie="p")], [functie("P", familie="p")], [])
    plaatsing, _ = plaats(met_bron(t))
    assert plaatsing["C"][0] == "P" and plaatsing["D"][1] == "boventallig"
    assert "O2" in plaatsing["D"][2]


def test_o3_functievolgen_gaat_voor_voorkeur():
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), voorkeuren=("M", "N"))],
                 [functie("O", familie="x")], [functie("N", familie="x"), functie("M", familie="x")],
                 [("O", "N", 10)])
    assert plaats(t)[0]["A"][:2] == ("N", "functievolger")  # M (voorkeur 2 ranks N lower) is T2 only


def test_o4_voorkeuren_en_o6_anciënniteit():
    mensen = [medewerker("A", "O", date(1990, 1, 1), voorkeuren=("Y", "X")),
              medewerker("B", "O", date(2000, 1, 1), voorkeuren=("X", "Y"))]
    t = tabellen(mensen, [functie("O", familie="f", formatie=2)],
                 [functie("X", familie="f"), functie("Y", familie="f")], [])
    met_bron(t)
    plaatsing, _ = plaats(t)
    assert plaatsing["A"][0] == "Y" and plaatsing["B"][0] == "X"  # O4: both first choices
    for m in mensen:
        m["voorkeur_1"], m["voorkeur_2"] = "X", "Y"
    plaatsing, _ = plaats(t)
    assert plaatsing["A"][0] == "X" and plaatsing["B"][0] == "Y"  # O6: the senior gets the tie


def test_o5_minste_salarisgarantie():
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), schaal=9)], [functie("O", schaal=9)],
                 [functie("L1", schaal=8), functie("L2", schaal=7)], [("O", "L1", 50)],
                 geschiktheid=[("A", "L2", "passend")])
    assert plaats(t)[0]["A"][:2] == ("L1", "passend lager")


def test_f5_zelfde_invoer_zelfde_besluiten_ook_met_andere_workers():
    t = tabellen([medewerker(f"M{i:02}", "O" if i % 2 else "P", date(1990 + i % 5, 1, 1), fte=[1.0, 0.5, 0.8][i % 3])
                  for i in range(16)],
                 [functie("O", familie="a", formatie=8), functie("P", familie="a", formatie=8)],
                 [functie("N1", familie="a", formatie=3), functie("N2", familie="a", formatie=3),
                  functie("N3", familie="a", formatie=2)],
                 [("O", "N1", 20), ("P", "N2", 40)])
    s = scenario_from_tables(t)
    eerste = solve(s, workers=1).besluiten
    for workers in (1, 2, 4):
        assert solve(s, workers=workers).besluiten.equals(eerste)


@pytest.mark.traag
def test_f5_deelproblemen_in_aparte_processen_geven_hetzelfde_plan(monkeypatch):
    # the demo has 10 components that need the solver; forced into 2 processes ('spawn')
    from plaatsing import read_scenario
    from plaatsing import determinisme
    from plaatsing.model import instellingen
    s = read_scenario(DEMO_PAD)
    eerste = solve(s, workers=1)
    monkeypatch.setattr(instellingen, "PARALLEL_VANAF", 0)
    meldingen = []
    tweede = solve(s, workers=2, voortgang=meldingen.append)
    assert any("in 2 processen naast elkaar" in m for m in meldingen)
    assert tweede.bewezen_optimaal and tweede.besluiten.equals(eerste.besluiten)
    assert [f.objectief for f in tweede.fasen] == [f.objectief for f in eerste.fasen]


def test_h4_conflict_overleeft_een_ander_proces():
    import pickle
    from plaatsing.fouten import H4Conflict
    fout = pickle.loads(pickle.dumps(H4Conflict(["M1", "M2"], ["N1"])))
    assert fout.personeelsnummers == ["M1", "M2"] and fout.functies == ["N1"] and "M1, M2" in str(fout)


@pytest.mark.traag
def test_niet_bewezen_deel_krijgt_een_ronde_met_een_ander_seed(monkeypatch):
    # The first round gets no time at all, so nothing is proven there; the extra round (another
    # seed) must prove everything and give exactly the plan of a normal run.
    from plaatsing import read_scenario
    from plaatsing import determinisme
    from plaatsing.model import instellingen
    from plaatsing.model import oplossen
    s = read_scenario(DEMO_PAD)
    gewoon = solve(s, workers=1)
    echt = oplossen.los_deel_op
    seeds = []

    def eerste_ronde_zonder_tijd(comp, werk, seed, vorig=None):
        seeds.append(seed)
        return echt(comp, 0.0 if seed == determinisme.RANDOM_SEED else werk, seed, vorig)

    monkeypatch.setattr(oplossen, "los_deel_op", eerste_ronde_zonder_tijd)
    meldingen = []
    plan = solve(s, workers=1, voortgang=meldingen.append)
    assert any(m.startswith("ronde 2: 10 deelproblemen nog niet bewezen") for m in meldingen)
    assert seeds.count(determinisme.RANDOM_SEED + 1) == 10
    assert plan.bewezen_optimaal and plan.besluiten.equals(gewoon.besluiten)


def test_herstel_na_tijd_out_maakt_de_o6_ruil():
    # A (1990) and B (2000) both wish N2 first and are passend for N1 and N2 (cap 1 each). A plan kept
    # after a time-out with A in N1 and B in N2 breaks O6: the swap keeps every total and gives the
    # more senior A the first wish. The repair makes that swap.
    from plaatsing.model.herstel import herstel_o2_o6
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), voorkeuren=("N2",)),
                  medewerker("B", "O", date(2000, 1, 1), voorkeuren=("N2",))],
                 [functie("O", familie="f", formatie=2)],
                 [functie("N1", familie="f"), functie("N2", familie="f")],
                 [("O", "N1", 50), ("O", "N2", 50)])
    _k, _pins, componenten = voorbereiden(scenario_from_tables(t))
    assert herstel_o2_o6(componenten[0], {"A": "N1", "B": "N2"}) == {"A": "N2", "B": "N1"}
    # A is unplaced next to the open N1: the repair first adds A there (never a boventallige next to an open
    # place), then O6 gives the more senior A the first wish
    assert herstel_o2_o6(componenten[0], {"A": None, "B": "N2"}) == {"A": "N2", "B": "N1"}


def test_h4b_samen_over_alle_t1_functies():
    """H4(b) over several T1 functions together (model._nooit_verloren): X3 has no sure room in
    A or in B alone (X1 and X2 may both sit there), but X1 and X2 cannot fill both, so X3 always
    keeps a T1 right; X4 is not caught by that count and stays a decision for the solver."""
    mensen = [medewerker(f"X{i}", "O", date(1990 + i, 1, 1)) for i in range(1, 7)]
    t = tabellen(mensen, [functie("O", formatie=6)], [functie("A", formatie=2), functie("B", formatie=2)],
                 [("O", "A", 10), ("O", "B", 10)])
    (comp,) = voorbereiden(scenario_from_tables(t))[2]
    m = build_model(comp)
    assert m.nooit_verloren == {"X1", "X2", "X3"}
    assert all(m.ruimte_t1["X3", f] is not True for f in "AB")  # no sure room in either alone
    plaatsing, _ = plaats(t)
    assert {p: plaatsing[p][1] for p in plaatsing} == {
        "X1": "functievolger", "X2": "functievolger", "X3": "functievolger", "X4": "functievolger",
        "X5": "boventallig", "X6": "boventallig"}
