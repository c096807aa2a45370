"""The command line: exit codes, exact messages, files written safely, Dutch help everywhere."""
from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from plaatsing.cli import main
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
from cli_hulp import draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"



@pytest.fixture
def klein(tmp_path):
    t = tabellen([medewerker("001", "O", date(1990, 1, 1)), medewerker("002", "O", date(2000, 1, 1))],
                 [functie("O", formatie=2)], [functie("N", formatie=1)], [("O", "N", 10)])
    pad = tmp_path / "klein.xlsx"
    write_xlsx(t, pad)
    return pad


def test_solve_schrijft_besluiten_en_samenvatting(klein):
    uitkomst = draai("solve", klein, "--stil")
    assert uitkomst.exit_code == 0, uitkomst.output
    uit = klein.with_name("klein-besluiten.xlsx")
    assert uit.exists()
    assert "functievolger                     1" in uitkomst.stdout
    assert "boventallig                       1" in uitkomst.stdout
    assert f"Geschreven naar: {uit}" in uitkomst.stdout
    boek = openpyxl.load_workbook(uit)
    assert boek.sheetnames == ["Plaatsingsbesluiten", "Bezetting", "Knelpunten", "Verantwoording", "Selectie"]
    rijen = list(boek["Plaatsingsbesluiten"].values)
    assert list(rijen[0][:15]) == ["personeelsnummer", "naam", "huidige_functie", "huidige_eenheid", "schaal",
                                   "fte", "uitkomst", "regels", "nieuwe_functie", "nieuwe_functienaam",
                                   "nieuwe_eenheid", "nieuwe_schaal", "voorkeur_gehonoreerd", "salarisgarantie",
                                   "motivering"]
    assert [(r[0], r[6], r[8]) for r in rijen[1:]] == [("001", "functievolger", "N"), ("002", "boventallig", None)]
    assert boek["Plaatsingsbesluiten"].freeze_panes == "A2"


def test_solve_overschrijft_niet_zonder_vlag(klein):
    assert draai("solve", klein, "--stil").exit_code == 0
    tweede = draai("solve", klein, "--stil")
    assert tweede.exit_code == 2
    assert "bestaat al; geef --overschrijf op" in tweede.stderr
    assert draai("solve", klein, "--stil", "--overschrijf").exit_code == 0


def test_solve_weigert_uitvoer_gelijk_aan_invoer(klein):
    uitkomst = draai("solve", klein, "--uitvoer", klein, "--overschrijf")
    assert uitkomst.exit_code == 2
    assert "hetzelfde als het scenario" in uitkomst.stderr


def test_ongeldig_scenario_exit_1_en_niets_geschreven(tmp_path):
    t = tabellen([medewerker("001", "ONBEKEND", date(1990, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)])
    pad = tmp_path / "fout.xlsx"
    write_xlsx(t, pad)
    uitkomst = draai("solve", pad, "--stil")
    assert uitkomst.exit_code == 1
    assert ("Medewerkers, rij 2, kolom E (functie): de code 'ONBEKEND' staat niet in het blad Oude functies. "
            "Voeg de functie toe of corrigeer de code.") in uitkomst.stderr
    assert "Traceback" not in uitkomst.output
    assert not (tmp_path / "fout-besluiten.xlsx").exists()


def test_voortgang_op_stderr_en_stil(klein):
    luid = draai("solve", klein, "--overschrijf")
    assert re.search(r"fase O1 minimale boventalligheid: optimaal, bewezen \(\d+ rekenstap(pen)?,", luid.stderr)
    stil = draai("solve", klein, "--overschrijf", "--stil")
    assert stil.stderr == ""


def test_parameter_op_opdrachtregel(klein):
    uitkomst = draai("solve", klein, "--stil", "-p", "selectiemethode=loting")
    assert uitkomst.exit_code == 2  # a mistake on the command line, not in the workbook
    assert uitkomst.stderr.startswith("Fout bij parameter selectiemethode: onbekende waarde 'loting'")


def test_template_en_valideer(tmp_path):
    pad = tmp_path / "leeg.xlsx"
    assert draai("template", pad).exit_code == 0
    boek = openpyxl.load_workbook(pad)
    assert {"Medewerkers", "Oude functies", "Nieuwe functies", "Functiemapping", "Parameters"} <= set(boek.sheetnames)
    assert boek["Medewerkers"].data_validations.dataValidation  # dropdowns and ranges
    uitkomst = draai("valideer", pad)
    assert uitkomst.exit_code == 1
    assert "Parameters, rij 2, kolom B (waarde): de peildatum is leeg" in uitkomst.stderr
    assert "Medewerkers, rij 2, kolom -: het blad Medewerkers bevat geen gegevens" in uitkomst.stderr
    assert "Het scenario kan niet worden gebruikt: 3 problemen gevonden." in uitkomst.stderr


def test_demo_valideert():
    uitkomst = draai("valideer", DEMO)
    assert uitkomst.exit_code == 0
    assert uitkomst.stdout.startswith("Het scenario is bruikbaar: 3")


def test_besluiten_byte_gelijk_bij_herhaling(klein, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert draai("solve", klein, "-o", a, "--stil").exit_code == 0
    assert draai("solve", klein, "-o", b, "--stil", "--workers", "2").exit_code == 0
    blad = "xl/worksheets/sheet1.xml"
    assert zipfile.ZipFile(a).read(blad) == zipfile.ZipFile(b).read(blad)


def test_elke_opdracht_heeft_nederlandse_hulp_en_staat_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for naam in main.commands:
        uitkomst = draai(naam, "--help")
        assert uitkomst.exit_code == 0
        assert uitkomst.stdout.startswith(f"Gebruik: plaatsing {naam} [OPTIES]")
        assert "Voorbeeld: plaatsing" in uitkomst.stdout
        assert "Show this message" not in uitkomst.stdout
        assert f"plaatsing {naam}" in readme


def test_geen_namen_in_voortgang(tmp_path):
    t = tabellen([medewerker("001", "O", date(1990, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)])
    t["Medewerkers"][0]["naam"] = "Jantje Geheim"
    pad = tmp_path / "naam.xlsx"
    write_xlsx(t, pad)
    uitkomst = draai("solve", pad)
    assert uitkomst.exit_code == 0
    assert "Geheim" not in uitkomst.output and "1990" not in uitkomst.output


def test_toets_en_vergelijk_op_met_de_hand_aangepast_plan(klein, tmp_path):
    goed = tmp_path / "goed.xlsx"
    assert draai("solve", klein, "-o", goed, "--stil").exit_code == 0
    schoon = draai("toets", klein, goed)
    assert schoon.exit_code == 0
    assert schoon.stdout.startswith("Het plan voldoet aan de regels")
    boek = openpyxl.load_workbook(goed)
    blad = boek["Plaatsingsbesluiten"]
    blad["I2"], blad["G2"] = None, "boventallig"   # 001 out ...
    blad["I3"], blad["G3"] = "N", "functievolger"  # ... and 002 in, against the selection order
    fout = tmp_path / "fout.xlsx"
    boek.save(fout)
    uitkomst = draai("toets", klein, fout)
    assert uitkomst.exit_code == 4
    assert ("  H4 001 N: functievolger met ruimte in N maar niet geplaatst, zonder voorkeur die daarboven gaat "
            "(functievolgerrecht). Oplossing: plaats 001 in N.") in uitkomst.stdout
    assert "  F3 001 N:" in uitkomst.stdout
    verschil = tmp_path / "verschil.xlsx"
    v = draai("vergelijk", klein, goed, fout, "-o", verschil)
    assert v.exit_code == 0
    assert "  001: N (functievolger) → - (boventallig)" in v.stdout
    assert [r[0] for r in openpyxl.load_workbook(verschil)["Verschil"].values] == ["personeelsnummer", "001", "002"]



def test_besluiten_die_niet_te_lezen_zijn_heten_zo_niet_het_scenario(klein, tmp_path):
    # the scenario was read fine: the heading must not blame it (found by a run of 'toets' with a wrong path)
    uitkomst = draai("toets", klein, tmp_path / "bestaat-niet.xlsx")
    assert uitkomst.exit_code == 1
    assert uitkomst.stderr.splitlines()[0] == "De besluiten kunnen niet worden gebruikt: 1 probleem gevonden."
    assert "bestaat-niet.xlsx' bestaat niet" in uitkomst.stderr
    assert "Het scenario" not in uitkomst.stderr


@pytest.mark.traag
def test_tijdslimiet_geeft_plan_met_exitcode_3(tmp_path):
    uit = tmp_path / "snel.xlsx"
    uitkomst = draai("solve", DEMO, "-o", uit, "--stil", "--tijdslimiet", "0.001")
    assert uitkomst.exit_code == 3
    assert "niet elke fase is binnen de tijdslimiet bewezen optimaal" in uitkomst.stderr
    verantwoording = dict(openpyxl.load_workbook(uit)["Verantwoording"].values)
    # the budget is deterministic work (F5): small parts may still be proven within it, others not
    statussen = [v for k, v in verantwoording.items() if k.startswith("fase ") and k.endswith(": status")]
    assert "geen bewijs binnen de tijdslimiet (CP-SAT: UNKNOWN)" in statussen
    assert verantwoording["parameter tijdslimiet"] == "0.001"
    assert verantwoording["rekenbudget (deterministische tijd, uit tijdslimiet)"] == "0.0003"  # 0.001 s × 0.28
    assert verantwoording["toets (F1–F3)"] == "geen schendingen"  # the kept plan is repaired to meet O2
    besluiten = list(openpyxl.load_workbook(uit)["Plaatsingsbesluiten"].values)
    assert len(besluiten) == 301  # still a decision for everyone
    assert not [k for k, v in verantwoording.items() if k.startswith("toets H")]  # H1–H5 hold


@pytest.mark.traag
def test_determinisme_over_processen_en_hashseeds(tmp_path):
    import os
    import subprocess
    import sys

    bladen = []
    for seed, workers in (("0", "1"), ("123", "2"), ("random", "2")):
        uit = tmp_path / f"d{seed}.xlsx"
        omgeving = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "plaatsing.cli", "solve", str(DEMO), "-o", str(uit), "--stil",
                        "--workers", workers], check=True, env=omgeving, capture_output=True)
        bladen.append(zipfile.ZipFile(uit).read("xl/worksheets/sheet1.xml"))
    assert bladen[0] == bladen[1] == bladen[2]


@pytest.mark.parametrize("args, tekst", [
    (["wat-als", DEMO, "-v", "A0035"], "'A0035' heeft niet de vorm NR=FUNCTIECODE."),
    (["solve", DEMO, "-p", "drempel"], "'drempel' heeft niet de vorm naam=waarde."),
])
def test_verkeerd_gebruik_exit_2_in_het_nederlands(args, tekst):
    uitkomst = draai(*args)
    assert uitkomst.exit_code == 2
    assert tekst in uitkomst.stderr and "Traceback" not in uitkomst.output


def test_clicks_eigen_teksten_zijn_nederlands():
    hoofd = draai("--help")
    assert hoofd.exit_code == 0 and "Toon het versienummer en stop." in hoofd.stdout
    assert "Show the version" not in hoofd.stdout and "Usage:" not in hoofd.stdout
    tikfout = draai("sovle")
    assert tikfout.exit_code == 2
    assert "Onbekende opdracht 'sovle'. Bedoelt u 'solve'?" in tikfout.output
    assert "Did you mean" not in tikfout.output


def test_na_een_opdracht_is_click_weer_zoals_het_was():
    import click.exceptions

    oud = click.exceptions._
    draai("--help")
    assert click.exceptions._ is oud


def test_geen_opdracht_heeft_een_optie_dubbel():
    """Regression: after a merge `brieven` had -p twice (click only warns about it)."""
    for naam, opdracht in main.commands.items():
        namen = [o for p in opdracht.params for o in (*p.opts, *p.secondary_opts)]
        assert len(namen) == len(set(namen)), naam
