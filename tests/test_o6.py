"""O6 (b), regels.md §4 and §7 example 7: seniority decides who is placed, a function code never."""
from __future__ import annotations

from datetime import date

import pytest

from plaatsing import scenario_from_tables, solve
from plaatsing.model.herstel import herstel_o2_o6
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.toets.regelcontrole import bezetting_van, keten_geldig, o6b_ketens, toets
from plaatsing.voorbeelden import functie, medewerker, tabellen


def voorbeeld_7(n1="N1", n2="N2"):
    """P (1990) functievolger for N1 and N2, R (2000) only for N1, S (2005) only for N2; all 1.0 fte."""
    mensen = [medewerker("P", "OP", date(1990, 1, 1)), medewerker("R", "OR", date(2000, 1, 1)),
              medewerker("S", "OS", date(2005, 1, 1))]
    return tabellen(mensen, [functie("OP"), functie("OR"), functie("OS")], [functie(n1), functie(n2)],
                    [("OP", n1, 10), ("OP", n2, 10), ("OR", n1, 10), ("OS", n2, 10)])


@pytest.mark.parametrize("n1, n2", [("N1", "N2"), ("N2", "N1")])
def test_voorbeeld_7_anciënniteit_beslist_niet_de_functiecode(n1, n2):
    # the same case with the codes the other way round: the outcome follows the people, not the codes
    plan = solve(scenario_from_tables(voorbeeld_7(n1, n2)))
    b = plan.besluiten.set_index("personeelsnummer")
    assert b.loc["P", "nieuwe_functie"] == n2 and b.loc["P", "uitkomst"] == "functievolger"
    assert b.loc["R", "nieuwe_functie"] == n1 and b.loc["R", "uitkomst"] == "functievolger"
    assert b.loc["S", "uitkomst"] == "boventallig" and not isinstance(b.loc["S", "nieuwe_functie"], str)
    assert plan.bewezen_optimaal and plan.toets.empty


def test_o6b_controle_vindt_de_keten_en_het_herstel_volgt_hem():
    s = scenario_from_tables(voorbeeld_7())
    k, _pins, (comp,) = voorbereiden(s)
    fout = {"P": "N1", "R": None, "S": "N2"}  # what a serial dictatorship over the option index gave
    assert o6b_ketens(comp, fout) == [("R", "S", (("R", None, "N1"), ("P", "N1", "N2"), ("S", "N2", None)))]
    rijen = toets(s, k, fout)
    assert list(rijen["regel"]) == ["O6"] and list(rijen["personeelsnummer"]) == ["R"]
    assert "P van N1 naar N2" in rijen["oplossing"].iloc[0]
    assert herstel_o2_o6(comp, fout) == {"P": "N2", "R": "N1", "S": None}
    assert o6b_ketens(comp, {"P": "N2", "R": "N1", "S": None}) == []


def test_het_herstel_maakt_een_gevonden_keten_alleen_als_hij_nog_past():
    # the repair makes the chains of one scan in turn and checks each again on the plan as it is by
    # then: a chain whose moves no longer start where the people are, or that would break O2, is skipped
    s = scenario_from_tables(voorbeeld_7())
    _k, _pins, (comp,) = voorbereiden(s)

    def geldig(plan, keten):
        bezetting = bezetting_van(plan)
        belasting = {f: sum(comp.minuten[q] for q in ps) for f, ps in bezetting.items()}
        return keten_geldig(comp, plan, bezetting, belasting, keten)

    fout = {"P": "N1", "R": None, "S": "N2"}
    [(_m, _ander, keten)] = o6b_ketens(comp, fout)
    assert geldig(fout, keten)
    assert not geldig({"P": "N2", "R": "N1", "S": None}, keten)   # made already: R is placed
    assert not geldig({"P": "N1", "R": None, "S": None}, keten)   # S left N2 in the meantime
    # the same chain the other way (S placed instead of the more senior R) never holds
    terug = (("S", None, "N2"), ("P", "N2", "N1"), ("R", "N1", None))
    assert not geldig({"P": "N2", "R": "N1", "S": None}, terug)


def test_o6b_geen_keten_als_de_ander_meer_diensttijd_heeft():
    # S more senior than R: then P in N1 and S in N2 is the O6 plan, and no chain may be reported
    t = voorbeeld_7()
    t["Medewerkers"][2]["datum_in_dienst"] = date(1995, 1, 1)
    s = scenario_from_tables(t)
    _k, _pins, (comp,) = voorbereiden(s)
    assert o6b_ketens(comp, {"P": "N1", "R": None, "S": "N2"}) == []
    b = solve(s).besluiten.set_index("personeelsnummer")
    assert (b.loc["P", "nieuwe_functie"], b.loc["S", "nieuwe_functie"]) == ("N1", "N2")
    assert b.loc["R", "uitkomst"] == "boventallig"


def lange_keten():
    """C1–C4 (1980–1983) each passend in two neighbouring functions of N0–N4 (formatie 1 each), M (1990) only in
    N0, J (2000) only in N4. Placing M instead of J takes a chain of four colleagues' moves."""
    mensen = [medewerker(f"C{i}", f"OC{i}", date(1980 + i - 1, 1, 1)) for i in range(1, 5)]
    mensen += [medewerker("M", "OM", date(1990, 1, 1)), medewerker("J", "OJ", date(2000, 1, 1))]
    oude = [functie(f"OC{i}") for i in range(1, 5)] + [functie("OM"), functie("OJ")]
    mapping = [(f"OC{i}", f"N{j}", 50) for i in range(1, 5) for j in (i - 1, i)]
    mapping += [("OM", "N0", 50), ("OJ", "N4", 50)]
    return tabellen(mensen, oude, [functie(f"N{j}") for j in range(5)], mapping)


def test_o6_op_de_regel_vindt_ook_een_keten_die_de_toets_te_lang_is():
    # regels.md O6 (b) knows no length: the model of o6_nagaan finds the chain of four moves that the toets's
    # search (MAX_KETEN = 3) and so the repair do not, places M instead of J, and then proves (b) for the plan
    from plaatsing.model import instellingen
    from plaatsing.model.fasen import FaseVerslag, o6_op_de_regel
    from plaatsing.toets.regelcontrole import MAX_KETEN

    assert MAX_KETEN < 4
    s = scenario_from_tables(lange_keten())
    _k, _pins, (comp,) = voorbereiden(s)
    fout = {"C1": "N0", "C2": "N1", "C3": "N2", "C4": "N3", "M": None, "J": "N4"}
    assert o6b_ketens(comp, fout) == [] and herstel_o2_o6(comp, fout) == fout
    fase = FaseVerslag("O6", "anciënniteit", status="UNKNOWN")
    plan = o6_op_de_regel(comp, fase, instellingen.Budget(5.0), fout)
    assert plan == {"C1": "N1", "C2": "N2", "C3": "N3", "C4": "N4", "M": "N0", "J": None}
    assert fase.status == "VOLDAAN" and fase.bewezen and fase.solves == 2
    assert fase.status_nl.startswith("voldaan, bewezen")
    # and the solver itself gives that plan (its dictatorship: M before J)
    b = solve(s).besluiten.set_index("personeelsnummer")
    assert b.loc["M", "nieuwe_functie"] == "N0" and b.loc["J", "uitkomst"] == "boventallig"


def test_o6_op_de_regel_bewijst_niets_zonder_werk():
    # no work left for the model of (b): the stage stays not proven, the plan is the repaired one
    from plaatsing.model import instellingen
    from plaatsing.model.fasen import FaseVerslag, o6_op_de_regel

    s = scenario_from_tables(lange_keten())
    _k, _pins, (comp,) = voorbereiden(s)
    fout = {"C1": "N0", "C2": "N1", "C3": "N2", "C4": "N3", "M": None, "J": "N4"}
    fase = FaseVerslag("O6", "anciënniteit", status="UNKNOWN")
    assert o6_op_de_regel(comp, fase, instellingen.Budget(0.0), fout) == fout
    assert fase.status == "UNKNOWN" and not fase.bewezen and fase.solves == 0


def test_het_model_van_o6b_rekent_niet_met_andere_totalen_dan_het_bewezen_plan():
    # a safeguard: a plan whose O1–O5 totals differ from those proven (here one placed fewer) is never proven for O6
    from plaatsing.model import instellingen
    from plaatsing.model.fasen import FaseVerslag, _evalueer, _niveaus
    from plaatsing.model.o6 import _keten_model

    s = scenario_from_tables(lange_keten())
    _k, _pins, (comp,) = voorbereiden(s)
    bewezen = {"C1": "N1", "C2": "N2", "C3": "N3", "C4": "N4", "M": "N0", "J": None}
    minder = {**bewezen, "C4": None}
    fase = FaseVerslag("O6", "anciënniteit", status="UNKNOWN")
    args = (0, lambda m: _niveaus(comp, m), _evalueer)
    assert _keten_model(comp, fase, instellingen.Budget(5.0), minder, bewezen, *args) == (None, "UNKNOWN")
    assert fase.solves == 0
    assert _keten_model(comp, fase, instellingen.Budget(5.0), bewezen, bewezen, *args) == (None, "INFEASIBLE")
