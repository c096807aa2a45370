"""SS-0 Functievergelijking: percentages from the task composition, hand-computed cases."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from plaatsing import InvoerFout, read_scenario, scenario_from_tables, solve
from plaatsing.regels.functievergelijking import functievergelijking, wijzigingspercentage, samenstelling
from plaatsing.uitvoer.excel import schrijf_besluiten
from plaatsing.uitvoer.template import schrijf_template
from plaatsing.voorbeelden import functie, medewerker, tabellen

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def met_taken(tables, taken):
    tables["Taken"] = [{"functiecode": f, "taak": t, "aandeel": a} for f, t, a in taken]
    return tables


def percentages(s):
    return {(r.oude_functie, r.nieuwe_functie): r.wijzigingspercentage for r in s.mapping.itertuples()}


def test_ss0_gesplitste_functie_krijgt_per_nieuwe_functie_een_eigen_percentage():
    # O = A 50, B 30, C 20.  N1 = A 50, B 30, D 20: in common 80 -> 20.  N2 = C 20, E 80: in common 20 -> 80.
    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")],
                           [functie("N1"), functie("N2")], [("O", "N1", None), ("O", "N2", None)]),
                  [("O", "A", 50), ("O", "B", 30), ("O", "C", 20), ("N1", "A", 50), ("N1", "B", 30),
                   ("N1", "D", 20), ("N2", "C", 20), ("N2", "E", 80)])
    s = scenario_from_tables(t)
    assert percentages(s) == {("O", "N1"): 20, ("O", "N2"): 80}
    assert solve(s).besluiten.loc[0, ["nieuwe_functie", "uitkomst"]].tolist() == ["N1", "functievolger"]


def test_ss0_samengevoegde_functie_vergelijkt_elke_oude_functie_apart():
    # O1 = A 60, B 40; O2 = C 70, D 30; N = A 50, C 30, E 20.  O1 -> N: 100 - 50 = 50; O2 -> N: 100 - 30 = 70.
    t = met_taken(tabellen([], [functie("O1"), functie("O2")], [functie("N")], [("O1", "N", None), ("O2", "N", None)]),
                  [("O1", "A", 60), ("O1", "B", 40), ("O2", "C", 70), ("O2", "D", 30), ("N", "A", 50),
                   ("N", "C", 30), ("N", "E", 20)])
    t["Medewerkers"] = [medewerker("1", "O1", date(2000, 1, 1))]
    assert percentages(scenario_from_tables(t)) == {("O1", "N"): 50, ("O2", "N"): 70}


def test_ss0_taken_met_andere_hoofdletters_en_spaties_zijn_dezelfde_taak():
    # 'Klant contact' = 'klantcontact', 'BELEID' = 'Beleid ': in common 40 + 45 -> 15.
    oud = samenstelling([{"functiecode": "O", "taak": "Klant contact", "aandeel": 40},
                         {"functiecode": "O", "taak": "BELEID", "aandeel": 60}])["O"]
    nieuw = samenstelling([{"functiecode": "N", "taak": "klantcontact", "aandeel": 40},
                           {"functiecode": "N", "taak": "Beleid ", "aandeel": 45},
                           {"functiecode": "N", "taak": "Nieuw werk", "aandeel": 15}])["N"]
    assert wijzigingspercentage(oud, nieuw) == 15
    assert wijzigingspercentage(oud, {"andere": ("Andere", 100.0)}) == 100


def test_ss0_afronding_op_hele_procenten_half_naar_boven_beslist_over_de_drempel():
    # in common 69,5 -> 30,5 -> 31: gewijzigd, so not functievolger; 70,4 -> 29,6 -> 30: still ongewijzigd.
    def uitkomst(gemeen):
        t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N")],
                               [("O", "N", None)]),
                      [("O", "A", gemeen), ("O", "B", 100 - gemeen), ("N", "A", gemeen), ("N", "C", 100 - gemeen)])
        s = scenario_from_tables(t)
        return percentages(s)[("O", "N")], solve(s).besluiten.loc[0, "uitkomst"]
    assert uitkomst(69.5) == (31, "passend")
    assert uitkomst(70.4) == (30, "functievolger")


def _vijf_punten(opgegeven):
    # computed: in common 74 -> 26
    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N")],
                           [("O", "N", opgegeven)]),
                  [("O", "A", 74), ("O", "B", 26), ("N", "A", 74), ("N", "C", 26)])
    return scenario_from_tables(t)


def test_ss0_meer_dan_vijf_punten_verschil_is_een_waarschuwing_en_het_opgegeven_percentage_telt():
    s = _vijf_punten(20)
    assert [str(w) for w in s.waarschuwingen] == [
        "Functiemapping, rij 2, kolom C (wijzigingspercentage): opgegeven is 20%, uit de taken volgt 26% "
        "(verschil 6 punten); het opgegeven percentage telt (SS-0). Controleer de functievergelijking."]
    assert percentages(s) == {("O", "N"): 20}
    assert solve(s).besluiten.loc[0, "uitkomst"] == "functievolger"


def test_ss0_precies_vijf_punten_verschil_geeft_geen_waarschuwing():
    assert _vijf_punten(21).waarschuwingen == ()
    assert _vijf_punten(31).waarschuwingen == ()


def test_ss0_consistentie_bijna_gelijke_wijziging_aan_verschillende_kanten_van_de_drempel():
    # O -> N1: 30 (ongewijzigd), O -> N2: 31 (gewijzigd), O -> N3: 45 (far away, not flagged)
    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")],
                           [functie("N1"), functie("N2"), functie("N3")],
                           [("O", "N1", None), ("O", "N2", None), ("O", "N3", None)]),
                  [("O", "A", 70), ("O", "B", 30), ("N1", "A", 70), ("N1", "C", 30), ("N2", "A", 69),
                   ("N2", "C", 31), ("N3", "A", 55), ("N3", "C", 45)])
    s = scenario_from_tables(t)
    assert [str(w) for w in s.waarschuwingen] == [
        "Functiemapping, rij 2, kolom C (wijzigingspercentage): O → N1 (taken: 30%) en O → N2 (taken: 31%, rij 3) "
        "veranderen bijna even veel, maar vallen aan verschillende kanten van de drempel van 30% (SS-0, SS-1); "
        "motiveer het verschil of maak de vergelijkingen gelijk."]
    tabel = functievergelijking(s).set_index("nieuwe_functie")
    assert tabel.loc["N1", "consistentie"] == "bijna dezelfde taakwijziging als O → N2 (31%, gewijzigd)"
    assert tabel.loc["N2", "consistentie"] == "bijna dezelfde taakwijziging als O → N1 (30%, ongewijzigd (SS-1))"
    assert tabel.loc["N3", "consistentie"] == ""
    assert tabel["grensgeval"].tolist() == ["ja", "ja", "nee"]
    assert tabel.loc["N2", "taken_erbij"] == "C 31%" and tabel.loc["N2", "taken_eraf"] == "A −1% (70% → 69%); B 30%"
    # at drempel 35 both are ongewijzigd: no flag
    assert functievergelijking(s.met_parameters(drempel_wijziging=35))["consistentie"].tolist() == ["", "", ""]


def test_ss0_leeg_percentage_zonder_taken_is_een_fout_met_blad_rij_kolom():
    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O"), functie("P")], [functie("N")],
                           [("O", "N", None), ("P", "N", 40)]),
                  [("N", "A", 100)])
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(t)
    assert [str(m) for m in fout.value.meldingen] == [
        "Functiemapping, rij 2, kolom C (wijzigingspercentage): 'wijzigingspercentage' is leeg; vul een waarde in "
        "of beschrijf O en N allebei in het blad Taken (SS-0)."]


def test_ss0_taken_van_onbekende_functie_en_dubbele_taak_zijn_fouten():
    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N")],
                           [("O", "N", 20)]),
                  [("O", "A", 60), ("O", " a ", 40), ("X", "A", 100), ("N", "A", 90)])
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(t)
    assert [str(m) for m in fout.value.meldingen] == [
        "Taken, rij 3, kolom B (taak): de taak 'a' staat bij O al in rij 2 (hoofdletters en spaties tellen niet); "
        "zet het aandeel in één rij.",
        "Taken, rij 4, kolom A (functiecode): de code 'X' staat niet in het blad Oude functies of Nieuwe functies; "
        "corrigeer de code."]


def test_ss0_aandelen_die_niet_op_100_uitkomen_geven_een_waarschuwing():
    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N")],
                           [("O", "N", 40)]),  # computed: 100 - 60 = 40, as entered
                  [("O", "A", 60), ("O", "B", 40), ("N", "A", 90)])
    assert [str(w) for w in scenario_from_tables(t).waarschuwingen] == [
        "Taken, rij 4, kolom C (aandeel): de aandelen van N tellen op tot 90%, niet 100%; de functievergelijking "
        "rekent met de aandelen zoals ze er staan."]


def test_ss0_zonder_blad_taken_geen_functievergelijking_in_de_uitvoer(tmp_path):
    t = tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 20)])
    plan = solve(scenario_from_tables(t))
    assert functievergelijking(plan.scenario) is None
    assert "Functievergelijking" not in openpyxl.load_workbook(schrijf_besluiten(plan, tmp_path / "b.xlsx")).sheetnames


@pytest.mark.traag
def test_ss0_demo_heeft_taken_en_de_berekende_percentages_staan_in_de_uitvoer(tmp_path):
    plan = solve(read_scenario(DEMO))
    boek = openpyxl.load_workbook(schrijf_besluiten(plan, tmp_path / "demo.xlsx"), read_only=True)
    rijen = list(boek["Functievergelijking"].iter_rows(values_only=True))
    kop = rijen[0]
    tabel = {(r[0], r[1]): dict(zip(kop, r)) for r in rijen[1:]}
    assert kop[:7] == ("oude_functie", "nieuwe_functie", "berekend", "opgegeven", "verschil", "taken_erbij",
                       "taken_eraf")
    assert {k: (v["berekend"], v["opgegeven"]) for k, v in tabel.items()} == {
        ("OUD-FIN-01", "BV-FIN-01"): (30, None), ("OUD-FIN-01", "BV-FIN-02"): (31, 31),
        ("OUD-KRO-02", "AP-FYS-01"): (40, 40), ("OUD-KRO-02", "AP-FYS-02"): (30, 30),
        ("OUD-UIT-01", "UF-GRN-01"): (20, 20), ("OUD-UIT-03", "UF-GRN-01"): (41, 35)}
    assert tabel[("OUD-UIT-03", "UF-GRN-01")]["verschil"] == -6
    assert tabel[("OUD-FIN-01", "BV-FIN-02")]["grensgeval"] == "ja"
    # the empty percentage is computed (30 = still ongewijzigd): the FIN-01 holders keep T1 rights in BV-FIN-01
    b = plan.besluiten
    assert "functievolger" in set(b[b["nieuwe_functie"] == "BV-FIN-01"]["uitkomst"])


def test_template_heeft_het_blad_taken(tmp_path):
    boek = openpyxl.load_workbook(schrijf_template(tmp_path / "t.xlsx"))
    assert [c.value for c in boek["Taken"][1]] == ["functiecode", "taak", "aandeel"]


def test_ss0_onafhankelijke_checker_rekent_hetzelfde_percentage_en_dezelfde_tier():
    from checker import as_context, tier

    t = met_taken(tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N1"), functie("N2")],
                           [("O", "N1", None), ("O", "N2", None)]),
                  [("O", "Klant contact", 70), ("O", "B", 30), ("N1", "klantcontact", 70), ("N1", "C", 30),
                   ("N2", "KLANTCONTACT", 69.5), ("N2", "C", 30.5)])
    s = scenario_from_tables(t)
    ctx = as_context(t)
    assert percentages(s) == {("O", "N1"): 30, ("O", "N2"): 31} == {k: int(v) for k, v in ctx.pct.items()}
    assert tier(ctx, "1", "N1") == "T1" and tier(ctx, "1", "N2") != "T1"


def test_ss0_or_bijlage_noemt_de_grensgevallen_van_28_tot_32_procent():
    from plaatsing.uitvoer.rapport import HOOFDSTUKKEN
    from plaatsing.uitvoer.rapport_tabellen import _grensgevallen

    assert "grensgevallen" in [hoofdstuk[0] for hoofdstuk in HOOFDSTUKKEN]
    tabel = _grensgevallen(read_scenario(DEMO))
    assert tabel[["oude_functie", "nieuwe_functie", "berekend"]].values.tolist() == [
        ["OUD-FIN-01", "BV-FIN-01", 30], ["OUD-FIN-01", "BV-FIN-02", 31], ["OUD-KRO-02", "AP-FYS-02", 30]]
    t = tabellen([medewerker("1", "O", date(2000, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 20)])
    assert _grensgevallen(scenario_from_tables(t)) is None


def test_ss0_grensgevallen_in_de_or_bijlage_hebben_leesbare_koppen():
    from plaatsing.uitvoer.rapport_tabellen import _grensgevallen_tabel

    tabel = _grensgevallen_tabel(read_scenario(DEMO))
    assert list(tabel.data.columns) == ["oude functie", "nieuwe functie", "berekend uit taken (%)", "opgegeven (%)",
                                        "telt (%)", "uitkomst", "consistentie"]
    assert not any("_" in kop for kop in tabel.data.columns)
    assert tabel.soorten["berekend uit taken (%)"] == "procent"
    assert tabel.data["oude functie"].tolist() == ["OUD-FIN-01", "OUD-FIN-01", "OUD-KRO-02"]
