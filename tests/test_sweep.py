"""plaatsing sweep (issue 17), local: building variants, the figures per variant against separate
solves of the same variant, the workbook, --bewaar, and clean Dutch errors."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from plaatsing import read_scenario
from plaatsing.fouten import ParameterFout
from plaatsing.plan import UITKOMSTEN
from plaatsing.sweep import lees_raster, maak_varianten, sweep
from plaatsing.sweep.varianten import pas_toe, varieer_voorkeuren
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
from cli_hulp import draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"
VOORKEUREN = [f"voorkeur_{i}" for i in range(1, 6)]
CIJFERS = [*UITKOMSTEN, "voorkeur_1_gehonoreerd", "salarisgarantie_eur", "vacant_fte", "bewezen"]



@pytest.fixture(scope="module")
def demo():
    return read_scenario(DEMO)


@pytest.fixture
def demo_kopie(tmp_path):
    pad = tmp_path / "demo.xlsx"
    shutil.copy(DEMO, pad)
    return pad


# --- building variants -------------------------------------------------------------------------

def test_raster_splits_on_commas_or_on_semicolons_for_decimal_commas():
    assert lees_raster(["drempel_wijziging=25,30", "Fte-marge=0;0,1", "formatie:KCC=+1.0,-10%"]) == [
        ("drempel_wijziging", ["25", "30"]), ("fte_marge", ["0", "0,1"]), ("formatie:KCC", ["+1.0", "-10%"])]


@pytest.mark.parametrize("item, tekst", [
    ("drempel_wijziging", "heeft niet de vorm naam=waarde1,waarde2"),
    ("drempel_wijziging=25,,30", "er ontbreekt een waarde"),
    ("drempel_wijziging=25,25", "een waarde staat er twee keer in"),
    ("formatie:=+1", "noem na 'formatie:' een functiecode of eenheid"),
])
def test_raster_with_a_wrong_form_is_refused(item, tekst):
    with pytest.raises(ParameterFout, match=tekst):
        lees_raster([item])


def test_the_raster_is_the_cartesian_product_in_order(demo):
    varianten = maak_varianten(demo, [("drempel_wijziging", ["25", "30", "35"]),
                                      ("selectiemethode", ["anciënniteit", "SEL-B"])])
    assert [v.naam for v in varianten] == ["v01", "v02", "v03", "v04", "v05", "v06"]
    assert [tuple(v.parameters.values()) for v in varianten] == [
        (25.0, "anciënniteit"), (25.0, "afspiegeling"), (30.0, "anciënniteit"), (30.0, "afspiegeling"),
        (35.0, "anciënniteit"), (35.0, "afspiegeling")]
    met_steekproef = maak_varianten(demo, [("fte_marge", ["0", "0.5"])], steekproef=3)
    assert [(v.naam, v.parameters["fte_marge"], v.steekproef) for v in met_steekproef] == [
        ("v01", 0.0, 1), ("v02", 0.0, 2), ("v03", 0.0, 3), ("v04", 0.5, 1), ("v05", 0.5, 2), ("v06", 0.5, 3)]


@pytest.mark.parametrize("raster, tekst", [
    ([("drempel", ["25"])], "onbekende parameter 'drempel'"),
    ([("drempel_wijziging", ["120"])], "waarde '120': de drempel moet tussen 0 en 100"),
    ([("formatie:GEEN-CODE", ["+1"])], "'GEEN-CODE' is geen functiecode en geen eenheid"),
    ([("formatie:KCC", ["veel"])], "'veel' is geen wijziging"),
    ([("formatie:KCC", ["-100.5%"])], "zou negatief worden"),
])
def test_a_variant_that_does_not_fit_is_refused_before_solving(demo, raster, tekst):
    with pytest.raises(ParameterFout, match=tekst):
        maak_varianten(demo, raster)


def test_a_formatie_cut_below_the_pinned_people_is_refused_ss7(demo):
    gepind = demo.vastgezet["nieuwe_functie"].iloc[0]
    with pytest.raises(ParameterFout, match=rf"vastgezette medewerkers in {gepind} passen niet meer .*SS-7"):
        maak_varianten(demo, [(f"formatie:{gepind}", ["0", "-100%"])])


def test_nothing_to_vary_is_refused(demo):
    with pytest.raises(ParameterFout, match="geef minstens één --raster"):
        maak_varianten(demo, [])


def test_formatie_changes_one_function_or_every_function_of_an_eenheid(demo):
    nf = demo.nieuwe_functies
    kcc = list(nf.index[nf["eenheid"] == "KCC"])
    code = kcc[0]
    [plus] = maak_varianten(demo, [(f"formatie:{code}", ["+1.5"])])
    [min10] = maak_varianten(demo, [("formatie:kcc", ["-10%"])])  # eenheid, case-insensitive
    a, b = pas_toe(plus, demo).nieuwe_functies, pas_toe(min10, demo).nieuwe_functies
    assert a.at[code, "formatie_fte"] == round(nf.at[code, "formatie_fte"] + 1.5, 4)
    assert (a.drop(index=code)["formatie_fte"] == nf.drop(index=code)["formatie_fte"]).all()
    for c in nf.index:
        verwacht = round(nf.at[c, "formatie_fte"] * 0.9, 4) if c in kcc else nf.at[c, "formatie_fte"]
        assert b.at[c, "formatie_fte"] == verwacht
    assert (demo.nieuwe_functies["formatie_fte"] == nf["formatie_fte"]).all()  # input untouched


def test_voorkeuren_are_reshuffled_or_shortened_reproducibly(demo):
    mw = demo.medewerkers
    eerste, weer, andere = (varieer_voorkeuren(mw, 1, 1), varieer_voorkeuren(mw, 1, 1), varieer_voorkeuren(mw, 1, 2))
    pd.testing.assert_frame_equal(eerste, weer)
    assert not eerste[VOORKEUREN].equals(andere[VOORKEUREN])
    geschud = ingekort = 0
    for p in mw.index:
        oud = [v for v in mw.loc[p, VOORKEUREN] if isinstance(v, str)]
        nieuw = [v for v in eerste.loc[p, VOORKEUREN] if isinstance(v, str)]
        rij = list(eerste.loc[p, VOORKEUREN])
        assert rij[:len(nieuw)] == nieuw  # no gaps: the rest moves up
        if not oud:
            assert not nieuw
        elif len(nieuw) == len(oud):
            assert sorted(nieuw) == sorted(oud)
            geschud += nieuw != oud
        else:
            assert len(nieuw) == len(oud) - 1 and set(nieuw) < set(oud)
            ingekort += 1
    assert geschud > 5 and ingekort > 20
    assert eerste.drop(columns=VOORKEUREN).equals(mw.drop(columns=VOORKEUREN))


# --- the figures equal a separate solve of the same variant ----------------------------------------

def cijfers_van_besluiten(besluiten: Path, scenario: Path, exitcode: int) -> dict:
    """The figures of the sheet Varianten, counted here from a besluiten workbook (independently)."""
    b = pd.read_excel(besluiten, sheet_name="Plaatsingsbesluiten")
    bezetting = pd.read_excel(besluiten, sheet_name="Bezetting")
    salaris = pd.read_excel(scenario, sheet_name="Salaristabel").set_index("schaal")["maandsalaris"]
    telling = b["uitkomst"].value_counts()
    lager = b[b["salarisgarantie"] == "ja"]
    garantie = (lager["fte"] * (lager["schaal"].map(salaris) - lager["nieuwe_schaal"].map(salaris)) * 12).sum()
    return {**{u: int(telling.get(u, 0)) for u in UITKOMSTEN},
            "voorkeur_1_gehonoreerd": int((b["voorkeur_gehonoreerd"] == 1).sum()),
            "salarisgarantie_eur": int(round(garantie)),
            "vacant_fte": round(float(bezetting["vacant_fte"].sum()), 4),
            "bewezen": "ja" if exitcode == 0 else "nee"}


def lees_varianten(pad: Path) -> pd.DataFrame:
    return pd.read_excel(pad, sheet_name="Varianten").set_index("variant")


@pytest.fixture(scope="module")
def demo_sweep(tmp_path_factory):
    """One sweep of the demo through the command line, with --bewaar."""
    map_ = tmp_path_factory.mktemp("sweep")
    scenario = map_ / "almelo.xlsx"
    shutil.copy(DEMO, scenario)
    uitkomst = draai("sweep", scenario, "-r", "drempel_wijziging=25,40", "-r", "selectiemethode=anciënniteit,afspiegeling",
                     "--bewaar", map_ / "varianten", "--workers", "2")
    return scenario, uitkomst


@pytest.mark.traag
def test_sweep_writes_the_workbook_with_the_columns_of_the_issue(demo_sweep):
    scenario, uitkomst = demo_sweep
    assert uitkomst.exit_code == 0, uitkomst.output
    doel = scenario.with_name("almelo-sweep.xlsx")
    assert uitkomst.stdout.splitlines() == [
        "4 varianten doorgerekend (lokaal, 2 processen) in " + uitkomst.stdout.split(" in ")[1].splitlines()[0],
        f"Scenario en besluiten per variant geschreven in {scenario.parent / 'varianten'}", f"Geschreven naar: {doel}"]
    boek = openpyxl.load_workbook(doel)
    assert boek.sheetnames == ["Varianten", "Per medewerker", "Grafieken", "Verantwoording"]
    kop = [c.value for c in boek["Varianten"][1]]
    assert kop == ["variant", "drempel_wijziging", "selectiemethode", *CIJFERS, "seconden"]
    assert [r[:3] for r in boek["Varianten"].iter_rows(min_row=2, values_only=True)] == [
        ("v01", 25, "anciënniteit"), ("v02", 25, "afspiegeling"), ("v03", 40, "anciënniteit"),
        ("v04", 40, "afspiegeling")]
    assert len(boek["Grafieken"]._images) == 1
    assert "2 processen" in dict(boek["Verantwoording"].iter_rows(min_row=2, values_only=True))["uitgevoerd"]


@pytest.mark.traag
@pytest.mark.parametrize("variant, parameters", [
    ("v01", ["drempel_wijziging=25", "selectiemethode=anciënniteit"]),
    ("v02", ["drempel_wijziging=25", "selectiemethode=afspiegeling"]),
    ("v04", ["drempel_wijziging=40", "selectiemethode=afspiegeling"]),
])
def test_every_row_equals_a_separate_solve_of_that_variant(demo_sweep, tmp_path, variant, parameters):
    scenario, uitkomst = demo_sweep
    assert uitkomst.exit_code == 0, uitkomst.output
    rij = lees_varianten(scenario.with_name("almelo-sweep.xlsx")).loc[variant]
    apart = tmp_path / "apart-besluiten.xlsx"
    args = ["solve", scenario, "--uitvoer", apart, "--stil"]
    for p in parameters:
        args += ["-p", p]
    los = draai(*args)
    verwacht = cijfers_van_besluiten(apart, scenario, los.exit_code)
    assert {k: rij[k] for k in CIJFERS} == verwacht
    # --bewaar: the variant's besluiten are the same plan, decision by decision, motivering included
    bewaard = scenario.parent / "varianten" / f"almelo-{variant}-besluiten.xlsx"
    pd.testing.assert_frame_equal(pd.read_excel(bewaard, sheet_name="Plaatsingsbesluiten"),
                                  pd.read_excel(apart, sheet_name="Plaatsingsbesluiten"))
    verantwoording = dict(pd.read_excel(bewaard, sheet_name="Verantwoording").itertuples(index=False))
    assert verantwoording["sweep: variant"] == variant
    # beside it the variant's own scenario: toets passes on the pair; against the base scenario the
    # besluiten are refused (their Verantwoording names the variant's scenario and its sha256)
    eigen = scenario.parent / "varianten" / f"almelo-{variant}.xlsx"
    toets = draai("toets", eigen, bewaard)
    assert toets.exit_code == 0, toets.output
    assert toets.stdout == "Het plan voldoet aan de regels (H1–H5, O2, O6, F3, F4): 300 medewerkers getoetst.\n"
    tegen_basis = draai("toets", scenario, bewaard)  # another scenario: refused, not judged (§8.10)
    assert tegen_basis.exit_code == 1 and "gemaakt met een ander scenario" in tegen_basis.output


@pytest.mark.traag
def test_a_saved_variant_scenario_is_the_original_workbook_with_only_the_variant_changed(demo, tmp_path):
    pad = tmp_path / "almelo.xlsx"
    shutil.copy(DEMO, pad)
    code = demo.nieuwe_functies.index[demo.nieuwe_functies["eenheid"] == "KCC"][0]
    uitkomst = sweep(read_scenario(pad), raster=[("fte_marge", ["0.5"]), (f"formatie:{code}", ["+1"])],
                     steekproef=1, seed=3, bewaar=tmp_path / "v", workers=1)
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == ["almelo-v01-besluiten.xlsx", "almelo-v01.xlsx"]
    bewaard = read_scenario(tmp_path / "v" / "almelo-v01.xlsx")
    verwacht = pas_toe(uitkomst.resultaten[0].variant, demo)
    assert bewaard.parameters == verwacht.parameters and bewaard.parameters.fte_marge == 0.5
    assert (bewaard.nieuwe_functies["formatie_fte"] == verwacht.nieuwe_functies["formatie_fte"]).all()
    assert bewaard.nieuwe_functies.at[code, "formatie_fte"] == demo.nieuwe_functies.at[code, "formatie_fte"] + 1
    assert bewaard.medewerkers[VOORKEUREN].fillna("").equals(verwacht.medewerkers[VOORKEUREN].fillna(""))
    assert not bewaard.medewerkers[VOORKEUREN].fillna("").equals(demo.medewerkers[VOORKEUREN].fillna(""))
    origineel, kopie = openpyxl.load_workbook(pad), openpyxl.load_workbook(tmp_path / "v" / "almelo-v01.xlsx")
    assert kopie.sheetnames == origineel.sheetnames
    for blad in ("Oude functies", "Functiemapping", "Vastgezet", "Salaristabel"):
        assert list(kopie[blad].values) == list(origineel[blad].values)
    toets = draai("toets", tmp_path / "v" / "almelo-v01.xlsx", tmp_path / "v" / "almelo-v01-besluiten.xlsx")
    assert toets.exit_code == 0, toets.output


@pytest.mark.traag
def test_a_formatie_row_equals_a_solve_of_the_workbook_changed_by_hand(demo, demo_kopie, tmp_path):
    code = demo.nieuwe_functies.index[demo.nieuwe_functies["eenheid"] == "KCC"][0]
    uitkomst = sweep(demo, raster=[(f"formatie:{code}", ["-1", "+2.5"])], workers=1)
    boek = openpyxl.load_workbook(demo_kopie)
    blad = boek["Nieuwe functies"]
    kop = [c.value for c in blad[1]]
    for rij in blad.iter_rows(min_row=2):
        if rij[kop.index("functiecode")].value == code:
            rij[kop.index("formatie_fte")].value += 2.5
    boek.save(demo_kopie)
    apart = tmp_path / "hand-besluiten.xlsx"
    los = draai("solve", demo_kopie, "--uitvoer", apart, "--stil")
    rij = uitkomst.varianten.set_index("variant").loc["v02"]
    assert {k: rij[k] for k in CIJFERS} == cijfers_van_besluiten(apart, demo_kopie, los.exit_code)
    assert uitkomst.varianten.set_index("variant").loc["v01", f"formatie:{code}"] == "-1"


@pytest.mark.traag
def test_per_medewerker_counts_every_variant_and_names_nobody(demo_sweep):
    scenario, _ = demo_sweep
    tabel = pd.read_excel(scenario.with_name("almelo-sweep.xlsx"), sheet_name="Per medewerker", dtype={"personeelsnummer": str})
    demo = read_scenario(DEMO)
    assert list(tabel["personeelsnummer"]) == list(demo.medewerkers.index)
    assert (tabel[UITKOMSTEN].sum(axis=1) == 4).all()
    assert list(tabel.columns) == ["personeelsnummer", "huidige_functie", *UITKOMSTEN, "verschillende_uitkomsten",
                                   "verschillende_functies", "meest_voorkomend", "stabiel"]
    wisselaars = tabel[tabel["stabiel"] == "nee"]
    assert len(wisselaars) > 0 and (tabel.loc[tabel["verschillende_uitkomsten"] > 1, "stabiel"] == "nee").all()
    tekst = " ".join(str(v) for v in tabel.to_numpy().ravel())
    assert not [n for n in demo.medewerkers["naam"].dropna() if n in tekst]


@pytest.mark.traag
def test_voorkeuren_steekproef_is_reproducible_and_changes_outcomes(demo):
    a = sweep(demo, steekproef=3, seed=7, workers=1)
    b = sweep(demo, steekproef=3, seed=7, workers=1)
    kolommen = ["variant", "steekproef", *CIJFERS]
    pd.testing.assert_frame_equal(a.varianten[kolommen], b.varianten[kolommen])
    pd.testing.assert_frame_equal(a.per_medewerker, b.per_medewerker)
    assert list(a.varianten["steekproef"]) == [1, 2, 3]
    basis = sweep(demo, raster=[("drempel_wijziging", ["30"])], workers=1).varianten.iloc[0]
    assert (a.varianten["voorkeur_1_gehonoreerd"] != basis["voorkeur_1_gehonoreerd"]).any()


# --- errors: clear Dutch, exit codes, nothing written ----------------------------------------------

def test_sweep_without_raster_or_steekproef_is_a_usage_error(demo_kopie):
    uitkomst = draai("sweep", demo_kopie, "--stil")
    assert uitkomst.exit_code == 2
    assert uitkomst.stderr == "Fout: geef minstens één --raster naam=waarden of --steekproef N op.\n"
    assert not demo_kopie.with_name("demo-sweep.xlsx").exists()


def test_sweep_with_a_bad_raster_value_names_it(demo_kopie):
    uitkomst = draai("sweep", demo_kopie, "-r", "selectiemethode=loting", "--stil")
    assert uitkomst.exit_code == 2
    assert "--raster selectiemethode: waarde 'loting': onbekende waarde 'loting'; kies afspiegeling of anciënniteit" \
        in uitkomst.stderr
    assert "Traceback" not in uitkomst.output


def test_sweep_does_not_overwrite_without_flag(demo_kopie):
    bestaand = demo_kopie.with_name("demo-sweep.xlsx")
    bestaand.write_bytes(b"oud")
    uitkomst = draai("sweep", demo_kopie, "-r", "drempel_wijziging=25", "--stil")
    assert uitkomst.exit_code == 2
    assert "bestaat al; geef --overschrijf op" in uitkomst.stderr
    assert bestaand.read_bytes() == b"oud"


def test_sweep_with_an_invalid_scenario_exits_1(tmp_path):
    t = tabellen([medewerker("001", "GEEN", date(1990, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)])
    pad = tmp_path / "fout.xlsx"
    write_xlsx(t, pad)
    uitkomst = draai("sweep", pad, "-r", "drempel_wijziging=25", "--stil")
    assert uitkomst.exit_code == 1
    assert "Het scenario kan niet worden gebruikt" in uitkomst.stderr


@pytest.mark.traag
@pytest.mark.parametrize("adres, tekst", [
    ("geen-adres", "'geen-adres' is geen adres van een Dask-scheduler; schrijf het als tcp://host:8786."),
    ("tcp://127.0.0.1:1", "de Dask-scheduler op 'tcp://127.0.0.1:1' is niet bereikbaar."),
])
def test_an_unusable_dask_address_is_a_clear_error(demo_kopie, adres, tekst):
    import dask
    import distributed  # noqa: F401 - its defaults loaded first, so leaving the block below restores them

    # in-process, Dask read its environment variables long ago: its connect timeout (30 s) is set here instead
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        uitkomst = draai("sweep", demo_kopie, "-r", "drempel_wijziging=25", "--stil", env={"DASK_SCHEDULER_ADDRESS": adres})
    assert uitkomst.exit_code == 2
    assert uitkomst.stderr.startswith("Fout: " + tekst)
    assert not demo_kopie.with_name("demo-sweep.xlsx").exists()


@pytest.mark.traag
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is niet geïnstalleerd (CI installeert het)")
def test_libreoffice_opens_the_sweep_workbook(demo_sweep, tmp_path):
    scenario, _ = demo_sweep
    bron = scenario.with_name("almelo-sweep.xlsx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(bron)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "almelo-sweep.pdf").stat().st_size > 1000


def test_the_line_about_lost_workers_counts_in_dutch(demo):
    from plaatsing.sweep.api import SweepUitkomst
    leeg = pd.DataFrame()
    uitkomst = SweepUitkomst(demo, (None,) * 6, leeg, leeg, leeg, "Dask", (), (), 1.0)
    assert uitkomst.herstartregel() is None
    een = SweepUitkomst(demo, (None,) * 6, leeg, leeg, leeg, "Dask", ("v04",), ("tcp://a:1",), 1.0)
    assert een.herstartregel() == ("1 Dask-worker viel weg tijdens de sweep; 1 variant (v04) is op een andere "
                                   "worker opnieuw uitgerekend. Alle 6 varianten zijn klaar.")
    twee = SweepUitkomst(demo, (None,) * 6, leeg, leeg, leeg, "Dask", ("v01", "v03"), ("tcp://a:1", "tcp://b:2"), 1.0)
    assert twee.herstartregel() == ("2 Dask-workers vielen weg tijdens de sweep; 2 varianten (v01, v03) zijn op een "
                                    "andere worker opnieuw uitgerekend. Alle 6 varianten zijn klaar.")
    zonder_taak = SweepUitkomst(demo, (None,) * 6, leeg, leeg, leeg, "Dask", (), ("tcp://a:1",), 1.0)
    assert zonder_taak.herstartregel() == "1 Dask-worker viel weg tijdens de sweep. Alle 6 varianten zijn klaar."
