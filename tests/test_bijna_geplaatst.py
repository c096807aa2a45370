"""Near misses: every listed room is checked by solving with exactly that extra formatie."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.plannen.bijna_geplaatst import STAP, bijna_geplaatst, met_extra_formatie
from plaatsing.cli import main
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def controleer(plan, bijna):
    """Each row: with extra_uren more in functiecode the person is placed and nobody placed loses their
    place; with one minute a week less the person is not placed that way (capacity counts in minutes, §8.13)."""
    s = plan.scenario
    geplaatst = [p for p, f in plan.toewijzing.items() if f is not None]
    for r in bijna.tabel.itertuples(index=False):
        extra = round(r.extra_uren * 60)
        met = solve(met_extra_formatie(s, r.functiecode, extra))
        assert met.toewijzing[r.personeelsnummer] == r.geplaatst_in is not None
        assert all(met.toewijzing[q] is not None for q in geplaatst)
        if extra > STAP:
            minder = solve(met_extra_formatie(s, r.functiecode, extra - STAP))
            assert minder.toewijzing[r.personeelsnummer] is None or \
                any(minder.toewijzing[q] is None for q in geplaatst)


def klein():
    # N has 1,0 fte; A (senior) and B both functievolger with 0,6 fte: B is boventallig by 0,2 fte.
    # C in O2 can only go to M (0,5 fte room, C has 0,8): C is boventallig by 0,3.
    return tabellen([medewerker("A", "O", date(1990, 1, 1), fte=0.6), medewerker("B", "O", date(2000, 1, 1), fte=0.6),
                     medewerker("C", "O2", date(1995, 1, 1), fte=0.8)],
                    [functie("O"), functie("O2")], [functie("N"), functie("M", formatie=0.5)],
                    [("O", "N", 10), ("O2", "M", 10)])


def test_bijna_geplaatst_kleinste_extra_ruimte_per_boventallige():
    plan = solve(scenario_from_tables(klein()))
    bijna = bijna_geplaatst(plan)
    assert bijna.tabel[["personeelsnummer", "functiecode", "extra_fte", "geplaatst_in", "gevolgen", "bewezen"]] \
        .values.tolist() == [["B", "N", 0.2, "N", "geen andere wijzigingen", "ja"],
                             ["C", "M", 0.3, "M", "geen andere wijzigingen", "ja"]]
    assert bijna.samenvatting() == ("2 medewerkers zouden geplaatst zijn met samen 0,5 fte extra formatie "
                                    "(per medewerker apart berekend; zie het blad Bijna geplaatst).")
    controleer(plan, bijna)


def test_bijna_geplaatst_via_een_collega_die_naar_een_andere_functie_kan():
    # P (passend only in F) misses F, which the more senior Q holds (passend too); Q could also go to G
    # (0,5 room, Q has 0,8): 0,3 fte extra in G moves Q to G and places P in F — less than the 0,8 P
    # lacks in F itself. (Were Q functievolger in F, H4 would keep Q there and F would need 0,8.)
    t = tabellen([medewerker("Q", "OQ", date(1990, 1, 1), fte=0.8), medewerker("P", "OP", date(2000, 1, 1))],
                 [functie("OQ"), functie("OP")], [functie("F", formatie=1.0), functie("G", formatie=0.5)],
                 [("OQ", "F", 40), ("OQ", "G", 40), ("OP", "F", 40)])
    plan = solve(scenario_from_tables(t))
    assert plan.toewijzing == {"P": None, "Q": "F"}
    bijna = bijna_geplaatst(plan)
    assert bijna.tabel[["personeelsnummer", "functiecode", "extra_fte", "geplaatst_in", "gevolgen"]].values.tolist() \
        == [["P", "G", 0.3, "F", "Q gaat van F naar G"]]
    controleer(plan, bijna)


@pytest.mark.traag
def test_bijna_geplaatst_op_de_demo_noemt_a0135_met_de_ruimte_die_nodig_is():
    plan = solve(read_scenario(DEMO))
    bijna = bijna_geplaatst(plan, personen=["A0135", "A0054"])  # the whole demo: ~50 solves, see README
    assert bijna.zonder_optie == ("A0054",)  # OUD-FAC-02 vervallen, no judgment: eligible nowhere
    assert bijna.samenvatting().endswith("1 boventallige komt voor geen enkele nieuwe functie in aanmerking.")
    rijen = {r.personeelsnummer: r for r in bijna.tabel.itertuples(index=False)}
    a0135 = rijen["A0135"]
    # A0135 (32 hours) lacks 10 hours in AP-ONS-01 next to those who go before; 18 hours more in TSD-ADM-01 let
    # A0154 (passend there too, 18 hours) move from AP-ONS-01, and A0135 takes that place.
    assert (a0135.functiecode, a0135.extra_fte, a0135.extra_uren, a0135.geplaatst_in, a0135.gevolgen) == (
        "TSD-ADM-01", 0.5, 18.0, "AP-ONS-01", "A0154 gaat van AP-ONS-01 naar TSD-ADM-01")
    controleer(plan, bijna)


def test_cli_bijna_geplaatst_schrijft_het_blad_en_de_samenvatting(tmp_path):
    pad = tmp_path / "klein.xlsx"
    write_xlsx(klein(), pad)
    result = CliRunner().invoke(main, ["bijna-geplaatst", str(pad), "--stil"])
    assert result.exit_code == 0, result.output
    assert "2 medewerkers zouden geplaatst zijn met samen 0,5 fte extra formatie" in result.output
    boek = openpyxl.load_workbook(tmp_path / "klein-besluiten.xlsx", read_only=True)
    assert boek.sheetnames.index("Bijna geplaatst") == boek.sheetnames.index("Verantwoording") - 1
    rijen = list(boek["Bijna geplaatst"].iter_rows(values_only=True))
    assert rijen[0][:4] == ("personeelsnummer", "functiecode", "extra_fte", "geplaatst_in")
    assert [r[:3] for r in rijen[1:]] == [("B", "N", 0.2), ("C", "M", 0.3)]
