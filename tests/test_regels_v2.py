"""Rules v2 (issue 23): function level, vast before tijdelijk, hours in minutes, the opt-out outcome,
the truthful boventallig motivering and the herplaatsingsonderzoek — worked examples §7.8–7.10 with
exact outcomes on the solver, the demo's changed decisions, and the input columns `uren` and `normuren`."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import checker
from plaatsing import InvoerFout, read_scenario, scenario_from_tables, solve
from plaatsing.plannen.tweede_ronde import definitief
from plaatsing.toets.regelcontrole import toevoegbaar
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.voorbeelden import functie, medewerker, tabellen

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def uitkomsten(plan) -> dict:
    b = plan.besluiten.set_index("personeelsnummer")
    return {p: (r.nieuwe_functie if isinstance(r.nieuwe_functie, str) else None, r.uitkomst, r.salarisgarantie)
            for p, r in b.iterrows()}


# §7.8 Aanloopschaal: Δ by function level, the personal scale decides only the salarisgarantie (§1, §8.6)

def voorbeeld_8():
    return tabellen([medewerker("K", "OUD-A", date(2010, 1, 1), schaal=7),
                     medewerker("L", "OUD-A", date(2005, 1, 1), schaal=9)],
                    [functie("OUD-A", schaal=8, formatie=2)], [functie("N-A", schaal=8, formatie=2)],
                    [("OUD-A", "N-A", 45)])


def test_voorbeeld_8_aanloopschaal_passend_zonder_garantie_persoonlijke_schaal_erboven_met_garantie():
    plan = solve(scenario_from_tables(voorbeeld_8()))
    assert uitkomsten(plan) == {"K": ("N-A", "passend", "nee"), "L": ("N-A", "passend", "ja")}
    b = plan.besluiten.set_index("personeelsnummer")
    assert "uw persoonlijke schaal 7 en de doorgroei daarin lopen door" in b.at["K", "motivering"]
    assert "lager dan uw persoonlijke schaal 9; u behoudt uw salaris (salarisgarantie)" in b.at["L", "motivering"]
    assert b.at["K", "regels"].split("; ")[0] == "SS-2" and b.at["L", "regels"].split("; ")[0] == "SS-2"
    assert plan.toets.empty


def test_voorbeeld_8_onder_v1_was_k_geschikt_en_dus_niet_plaatsbaar():
    # the old rule (Δ from the personal scale) would give K Δ = +1: SS-4, off by default. Under v2 the same
    # holds only for a function one level above the old function:
    t = voorbeeld_8()
    t["Nieuwe functies"][0]["schaal"] = 9
    plan = solve(scenario_from_tables(t))
    assert uitkomsten(plan)["K"] == (None, "boventallig", "nee")
    # but it is an open place a judgment could open: on K's Herplaatsing list (§10)
    assert plan.herplaatsing[["personeelsnummer", "functiecode", "schaalverschil", "reden"]].values.tolist() == [
        ["K", "N-A", 1, "verwant, schaal buiten SS-3/SS-4"], ["L", "N-A", 1, "verwant, schaal buiten SS-3/SS-4"]]
    assert "Voor u is 1 open plaats" in plan.besluiten.set_index("personeelsnummer").at["K", "motivering"]


# §7.9 Vast before tijdelijk (H5, §4 priority)

def voorbeeld_9():
    return tabellen([medewerker("T", "OT", date(2000, 1, 1), dienstverband="tijdelijk"),
                     medewerker("V", "OV", date(2015, 1, 1), schaal=10)],
                    [functie("OT", schaal=9, familie="f"), functie("OV", schaal=10, familie="f")],
                    [functie("Q", schaal=9, familie="f")], [("OT", "Q", 50), ("OV", "Q", 50)])


def test_voorbeeld_9_vast_gaat_voor_tijdelijk_ook_bij_een_slechtere_trede():
    plan = solve(scenario_from_tables(voorbeeld_9()))
    assert uitkomsten(plan) == {"T": (None, "niet geplaatst (tijdelijk)", "nee"), "V": ("Q", "passend lager", "ja")}
    motivering = plan.besluiten.set_index("personeelsnummer").at["T", "motivering"]
    assert "1 collega in vaste dienst (tijdelijk komt na vast, H5)" in motivering
    # the plan with T in Q breaks O2, in the engine's toets and in the independent checker alike
    from plaatsing.plannen.toetsen import toets_toewijzing
    fout = toets_toewijzing(scenario_from_tables(voorbeeld_9()), {"T": "Q", "V": None})
    assert [(r.regel, r.personeelsnummer, r.functie) for r in fout.itertuples()] == [("O2", "V", "Q")]
    ctx = checker.as_context(voorbeeld_9())
    assert [(v.rule, v.personeelsnummer) for v in checker.O2(ctx, {"T": "Q", "V": None})] == [("O2", "V")]


def test_tijdelijke_functievolger_houdt_h4_alleen_tegen_tijdelijken():
    # T (tijdelijk) is functievolger of N (cap 1); V (vast, passend for N only) goes before T there (H5): V in N,
    # T not placed — T lost the selection next to a vast colleague (H4 b with H5)
    t = tabellen([medewerker("T", "O", date(1990, 1, 1), dienstverband="tijdelijk"),
                  medewerker("V", "OV", date(2015, 1, 1))],
                 [functie("O"), functie("OV", familie="f")], [functie("N", familie="f")], [("O", "N", 10)])
    plan = solve(scenario_from_tables(t))
    assert uitkomsten(plan) == {"T": (None, "niet geplaatst (tijdelijk)", "nee"), "V": ("N", "passend", "nee")}
    assert plan.toets.empty
    # O2 for a tijdelijk functievolger against a vast colleague holds from the start (model.define_o2_tijdelijk_vooraf):
    # O3 (T in his T1 function would be one T1 more) needs no cut and no second solve for it
    o3 = next(f for f in plan.fasen if f.code == "O3")
    assert (o3.o2_cuts, o3.solves, o3.bewezen) == (0, 1, True)
    # a vast functievolger is protected against a vast non-T1 colleague: the same case with T vast
    t["Medewerkers"][0]["dienstverband"] = "vast"
    plan = solve(scenario_from_tables(t))
    assert uitkomsten(plan)["T"] == ("N", "functievolger", "nee") and uitkomsten(plan)["V"][1] == "boventallig"


def test_h5_zin_alleen_als_een_vaste_collega_voorging():
    # "komt u na collega's in vaste dienst (H5)" is a fact only where a vast colleague holds the own function's
    # place; here a tijdelijk colleague with longer service went first (SEL-A), so the motivering says that and no H5
    t = tabellen([medewerker("T", "O", date(2010, 1, 1), dienstverband="tijdelijk"),
                  medewerker("U", "O", date(2000, 1, 1), dienstverband="tijdelijk")],
                 [functie("O", formatie=2)], [functie("N", formatie=1)], [("O", "N", 10)])
    plan = solve(scenario_from_tables(t))
    assert uitkomsten(plan) == {"T": (None, "niet geplaatst (tijdelijk)", "nee"), "U": ("N", "functievolger", "nee")}
    motivering = plan.besluiten.set_index("personeelsnummer").at["T", "motivering"]
    assert "1 functievolger met langere diensttijd" in motivering and "vaste dienst" not in motivering
    # U vast (and later in service, so only H5 puts U first): now the sentence holds, and the category says it too
    t["Medewerkers"][1].update(dienstverband="vast", datum_in_dienst=date(2015, 1, 1))
    plan = solve(scenario_from_tables(t))
    motivering = plan.besluiten.set_index("personeelsnummer").at["T", "motivering"]
    assert "Als medewerker met een tijdelijk dienstverband komt u na collega's in vaste dienst (H5)." in motivering
    assert "1 functievolger in vaste dienst (tijdelijk komt na vast, H5)" in motivering


# §7.10 Hours, not rounded fte (§8.13, H1 in minutes)

def voorbeeld_10(met_uren: bool):
    mensen = [medewerker(n, "OUD-ICT-02", date(2000 + i, 1, 1), fte=fte)
              for i, (n, fte) in enumerate([("A", 1.0), ("B", 0.8889), ("C", 0.5556), ("D", 0.5556)])]
    if met_uren:
        for m, uren in zip(mensen, (36, 32, 20, 20)):
            m["uren"] = uren
            m["fte"] = None
    return tabellen(mensen, [functie("OUD-ICT-02", formatie=4)], [functie("BV-ICT-02", formatie=3)],
                    [("OUD-ICT-02", "BV-ICT-02", 15)])


@pytest.mark.parametrize("met_uren", [False, True])
def test_voorbeeld_10_uren_niet_afgeronde_fte(met_uren):
    plan = solve(scenario_from_tables(voorbeeld_10(met_uren)))
    assert {p: u[1] for p, u in uitkomsten(plan).items()} == dict.fromkeys("ABCD", "functievolger")
    assert plan.bezetting.set_index("functiecode").at["BV-ICT-02", "vacant_fte"] == 0
    assert plan.toets.empty


def test_uren_en_normuren_beslissen_de_capaciteit():
    # at normuren 40 one fte is 40 hours: 36 + 32 + 20 + 20 = 108 ≤ 120 with uren; with fte only
    # (1 + 0,8889 + 2 × 0,5556) × 40 = 120 also fits; one fte less (2 fte = 80 hours) keeps A and B only
    t = voorbeeld_10(True)
    t["Nieuwe functies"][0]["formatie_fte"] = 2
    plan = solve(scenario_from_tables(t, parameters={"normuren": "40"}))
    assert [p for p, u in uitkomsten(plan).items() if u[1] == "functievolger"] == ["A", "B"]
    motivering = plan.besluiten.set_index("personeelsnummer").at["C", "motivering"]
    assert "de formatie van 80 uur per week" in motivering and "blijft 12 uur over en u werkt 20 uur" in motivering


def test_uren_meer_dan_de_werkweek_en_geen_fte_of_uren_zijn_invoerfouten():
    t = voorbeeld_10(True)
    t["Medewerkers"][0]["uren"] = 38
    t["Medewerkers"][1]["uren"] = None
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(t)
    teksten = [str(m) for m in fout.value.meldingen]
    assert any("rij 2" in m and "38 uur per week is meer dan de voltijdse werkweek van 36 uur" in m for m in teksten)
    assert any("rij 3" in m and "vul de deeltijdfactor (fte" in m for m in teksten)


def test_fte_en_uren_die_verschillen_geven_een_waarschuwing_en_de_uren_tellen():
    t = voorbeeld_10(True)
    t["Medewerkers"][3]["fte"] = 0.5  # 18 hours, while uren says 20
    s = scenario_from_tables(t)
    assert any("rij 5" in str(w) and "de uren tellen" in str(w) and "fte 0,5556" in str(w) for w in s.waarschuwingen)
    plan = solve(s)
    assert {p: u[1] for p, u in uitkomsten(plan).items()} == dict.fromkeys("ABCD", "functievolger")


def test_met_uren_tonen_de_besluiten_de_fte_van_die_uren():
    # scenario-formaat.md, column uren: "when given it decides capacity and fte is shown as uren / normuren".
    # Typed fte 1 beside 20 hours: the besluit shows 0,5556, and the rows of the function add up to what
    # Bezetting reports (3 fte = 108 hours, full), not 1 + 0,8889 + 1 + 1.
    t = voorbeeld_10(True)
    for r in t["Medewerkers"]:
        r["fte"] = 1
    t["Medewerkers"][1]["fte"] = 0.8
    plan = solve(scenario_from_tables(t))
    fte = plan.besluiten.set_index("personeelsnummer")["fte"].to_dict()
    assert fte == {"A": 1.0, "B": 0.8889, "C": 0.5556, "D": 0.5556}
    bezetting = plan.bezetting.set_index("functiecode")
    assert bezetting.at["BV-ICT-02", "vacant_fte"] == 0 and round(sum(fte.values()), 3) == 3.0


# §4: the opt-out function counts as a T1 outcome for O6

def test_opt_out_telt_als_t1_uitkomst_o6_zet_niet_terug():
    # A (1990) and B (2000) are both functievolger of N1 and both list M (passend, same family) first:
    # each may opt out to M (H4 a). One place each. The plans A→M, B→N1 and A→N1, B→M have the same totals
    # (one T1 and one T2; voorkeur 1 once; no garantie), so O6 decides: the more senior A gets the better
    # outcome, and for A the chosen M counts as a T1 outcome with voorkeur 1 — better than N1 (T1, unlisted).
    # With the real tier (rules v1), N1 would be 'better' and O6 would move A back into the function A left.
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), voorkeuren=("M",)),
                  medewerker("B", "O", date(2000, 1, 1), voorkeuren=("M",))],
                 [functie("O", familie="f", formatie=2)],
                 [functie("N1", familie="f"), functie("M", familie="f")], [("O", "N1", 10), ("O", "M", 50)])
    _k, _pins, (comp,) = voorbereiden(scenario_from_tables(t))
    assert {o.functie: o.uitkomst for o in comp.opties["A"]} == {"M": (1, 1), "N1": (1, 6)}
    from plaatsing.toets.regelcontrole import o6_ruilen
    assert o6_ruilen(comp, {"A": "M", "B": "N1"}) == []
    assert [r[:2] for r in o6_ruilen(comp, {"A": "N1", "B": "M"})] == [("A", "N1")]  # A would rather have M
    assert solve(scenario_from_tables(t)).toewijzing == {"A": "M", "B": "N1"}
    ctx = checker.as_context(t)
    assert list(checker.O6(ctx, {"A": "M", "B": "N1"})) == []


# Never a boventallige next to an open place

def test_toets_meldt_wie_zonder_meer_kan_worden_toegevoegd():
    t = tabellen([medewerker("A", "O", date(1990, 1, 1), fte=0.5), medewerker("B", "O", date(2000, 1, 1), fte=0.5)],
                 [functie("O")], [functie("N")], [("O", "N", 50)])
    from plaatsing.plannen.toetsen import toets_toewijzing
    s = scenario_from_tables(t)
    fout = toets_toewijzing(s, {"A": "N", "B": None})
    assert [(r.regel, r.personeelsnummer, r.functie) for r in fout.itertuples()] == [("O1", "B", "N"), ("F4", "", "")]
    assert "nog 18 uur per week vrij is en de medewerker 18 uur werkt" in fout.iloc[0]["probleem"]
    _k, _pins, (comp,) = voorbereiden(s)
    assert toevoegbaar(comp, {"A": "N", "B": None}) == [("B", "N", 1080)]
    assert toevoegbaar(comp, {"A": "N", "B": "N"}) == []


# The demo: the decisions issue 23 named

@pytest.fixture(scope="module")
def demo():
    return solve(read_scenario(DEMO))


def test_demo_de_besluiten_van_issue_23(demo):
    u = uitkomsten(demo)
    assert u["A0249"][:2] == ("BV-ICT-02", "functievolger")  # 20 hours fit exactly in the 20 left (§7.10)
    assert u["A0203"][:2] == ("BV-DIV-01", "functievolger")
    assert u["A0215"][0] is not None  # aanloopschaal: passend in a function of the old level (§7.8)
    assert u["A0270"][1] == "niet geplaatst (tijdelijk)"  # A0135 (vast) goes before A0270 at AP-ONS-01 (§7.9)
    b = demo.besluiten.set_index("personeelsnummer")
    assert not any(re.search(r"\d,\d{3,} fte", m) for m in b["motivering"])  # §8.12: never an fte residue
    assert demo.toets.empty and demo.bewezen_optimaal


def test_demo_herplaatsing_voor_elke_vaste_boventallige(demo):
    h = demo.herplaatsing
    b = demo.besluiten.set_index("personeelsnummer")
    vast_boventallig = set(b.index[b["uitkomst"] == "boventallig"])
    assert set(h["personeelsnummer"]) <= vast_boventallig and len(h) > 0
    assert list(h.columns) == ["personeelsnummer", "functiecode", "functienaam", "eenheid", "schaal", "schaalverschil",
                               "vrije_uren", "uren_medewerker", "reden", "oordeel"]
    assert set(h["reden"]) <= {"nieuwe functie (SS-5)", "niet verwant", "oordeel niet (SS-6)",
                               "verwant, schaal buiten SS-3/SS-4"}
    assert (h["vrije_uren"] >= h["uren_medewerker"]).all()
    assert h["schaalverschil"].between(-1, 1).all()
    for p, groep in h.groupby("personeelsnummer"):
        assert f"Voor u {'is' if len(groep) == 1 else 'zijn'} {len(groep)} open" in b.at[p, "motivering"]
        assert "via werving" not in b.at[p, "motivering"]


def test_geschikt_oordeel_uit_herplaatsing_plaatst_in_de_tweede_ronde():
    # A loses the selection in N; S is a new function (SS-5) with room: on A's Herplaatsing list. P&O judge A
    # geschikt for S; the second round places A there.
    t = tabellen([medewerker("A", "O", date(2000, 1, 1)), medewerker("B", "O", date(1990, 1, 1))],
                 [functie("O", formatie=2)], [functie("N"), functie("S", schaal=10)], [("O", "N", 10)])
    eerste = solve(scenario_from_tables(t))
    assert eerste.toewijzing == {"A": None, "B": "N"}
    h = eerste.herplaatsing
    assert h[["personeelsnummer", "functiecode", "schaalverschil", "vrije_uren", "uren_medewerker", "reden"]] \
        .values.tolist() == [["A", "S", 1, 36.0, 36.0, "nieuwe functie (SS-5)"]]
    motivering = eerste.besluiten.set_index("personeelsnummer").at["A", "motivering"]
    assert "Voor u is 1 open plaats op of rond uw niveau onderzocht" in motivering
    t["Geschiktheid"] = [{"personeelsnummer": "A", "nieuwe_functie": "S", "oordeel": "geschikt",
                          "toelichting": "PAC 3 juli: geschikt na opleiding"}]
    tweede = definitief(scenario_from_tables(t), eerste)
    assert uitkomsten(tweede)["A"][:2] == ("S", "geschikt")
    assert "PAC 3 juli: geschikt na opleiding" in tweede.besluiten.set_index("personeelsnummer").at["A", "motivering"]
    assert tweede.herplaatsing.empty


def test_definitief_besluit_belooft_geen_oordeel_meer():
    # The same A, but no judgment before the definitive round: the definitive motivering states that A is not eligible
    # for the open place, not that P&O will still judge it "vóór het definitieve besluit" (that is this besluit).
    t = tabellen([medewerker("A", "O", date(2000, 1, 1)), medewerker("B", "O", date(1990, 1, 1))],
                 [functie("O", formatie=2)], [functie("N"), functie("S", schaal=10)], [("O", "N", 10)])
    eerste = solve(scenario_from_tables(t))
    assert "beoordeelt vóór het definitieve besluit" in eerste.besluiten.set_index("personeelsnummer").at[
        "A", "motivering"]
    tweede = definitief(scenario_from_tables(t), eerste)
    motivering = tweede.besluiten.set_index("personeelsnummer").at["A", "motivering"]
    assert uitkomsten(tweede)["A"][1] == "boventallig"
    assert ("Voor u is 1 open plaats op of rond uw niveau onderzocht (blad Herplaatsing); u komt voor die plaats niet "
            "in aanmerking (herplaatsingsonderzoek).") in motivering
    assert "vóór het definitieve besluit" not in motivering


def test_met_de_hand_bewerkt_plan_claimt_o1_niet(demo):
    """§8.12: a besluiten workbook whose plan was changed by hand (one more boventallige than solve left)
    is read back without any O1 claim: that plan is no longer the proven fewest."""
    from plaatsing.plannen.maken import herbouw_plan

    b = demo.besluiten.set_index("personeelsnummer")
    zin = "dit plan maakt zo min mogelijk medewerkers boventallig (O1)"
    assert zin in b.at["A0135", "motivering"]
    terug = herbouw_plan(demo.scenario, demo.toewijzing, verantwoording=demo.verantwoording)
    assert zin in terug.besluiten.set_index("personeelsnummer").at["A0135", "motivering"]  # unchanged: claimed
    bewerkt = {**demo.toewijzing, "A0032": None}  # A0032 taken out by hand
    terug = herbouw_plan(demo.scenario, bewerkt, verantwoording=demo.verantwoording)
    motivering = terug.besluiten.set_index("personeelsnummer").at["A0135", "motivering"]
    assert zin not in motivering and "niet bewezen" in motivering


def test_wat_als_vastzetting_van_een_verlopen_tijdelijk_contract_is_een_fout():
    # SS-7 with H5, as for the sheet Vastgezet (test_invoer): such a contract is not placed at all, so no pin holds it
    from plaatsing.plannen.wat_als import met_vastzettingen

    t = tabellen([medewerker("A", "O", date(1990, 1, 1)), medewerker("T", "O", date(2000, 1, 1))],
                 [functie("O", formatie=2)], [functie("N", formatie=2)], [("O", "N", 10)])
    t["Medewerkers"][1].update(dienstverband="tijdelijk", einddatum=date(2000, 1, 1))
    s = scenario_from_tables(t)
    with pytest.raises(InvoerFout) as fout:
        met_vastzettingen(s, {"T": "N"})
    [melding] = fout.value.meldingen
    assert (melding.kolom, melding.tekst) == ("--vastzetten", "het tijdelijk dienstverband van 'T' eindigt vóór de "
                                              "ingangsdatum; zo'n contract wordt niet geplaatst (H5) en kan niet "
                                              "worden vastgezet (SS-7).")
    assert list(met_vastzettingen(s, {"A": "N"}).vastgezet["personeelsnummer"]) == ["A"]


def test_herplaatsing_groter_dan_een_excelblad_in_delen_per_boventallige(tmp_path, monkeypatch):
    """§10 at 65,000 people: more open places than Excel opens in one sheet (1,048,576 rows). The list goes on in
    'Herplaatsing (2)', …, never one boventallige's list over two sheets; each motivering names the sheet of its own
    list, the letter leaves the sheet out, and the seal covers every part. (The limit is made small here.)"""
    import openpyxl
    import pandas as pd

    from plaatsing.procedure.dossier import controleer_zegel
    from plaatsing.regels import herplaatsing as H
    from plaatsing.uitvoer.briefinhoud import brief_motivering
    from plaatsing.uitvoer.excel import schrijf_besluiten

    monkeypatch.setattr(H, "MAX_RIJEN_BLAD", 9)
    plan = solve(read_scenario(DEMO))
    h = plan.herplaatsing
    assert len(h) > 18 and h.groupby("personeelsnummer").size().max() <= 9  # three sheets at least
    pad = schrijf_besluiten(plan, tmp_path / "b.xlsx")
    boek = openpyxl.load_workbook(pad, read_only=True)
    namen = [n for n in boek.sheetnames if n.startswith("Herplaatsing")]
    assert namen[:3] == ["Herplaatsing", "Herplaatsing (2)", "Herplaatsing (3)"]
    delen = {n: pd.DataFrame(list(boek[n].iter_rows(min_row=2, max_col=h.shape[1], values_only=True)),
                             columns=list(h.columns))
             for n in namen}
    assert all(0 < len(d) <= 9 for d in delen.values())
    samen = pd.concat(delen.values(), ignore_index=True)
    assert samen["personeelsnummer"].tolist() == h["personeelsnummer"].tolist()
    assert samen["functiecode"].tolist() == h["functiecode"].tolist()
    b = plan.besluiten.set_index("personeelsnummer")
    for naam, deel in delen.items():
        for p in deel["personeelsnummer"].unique():
            assert all(p not in d["personeelsnummer"].values for n, d in delen.items() if n != naam)
            assert f"(blad {naam});" in b.at[p, "motivering"]
            r = plan.besluiten[plan.besluiten["personeelsnummer"] == p].iloc[0]
            assert "blad Herplaatsing" not in brief_motivering(plan.scenario, r, {}, {})
    assert controleer_zegel(pad).klopt is True
