"""Every text of the command line is Dutch (click's own included) and every mistake on the command line
is exit 2 with a one-line message; problems in the workbook stay exit 1 (issue 26)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click
import pytest

from plaatsing.cli import main
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
from cli_hulp import demo_besluiten, draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"

# English from click, Python or the solver, and jargon a user should not read (whole words, any case
# for the lower-case ones; option names like --seed are left out before the check)
VERBODEN = ["Usage", "Options", "Commands", "Error", "required", "default", "Choose from", "FILE", "DIRECTORY",
            "PATH", "INTEGER", "TEXT", "FLOAT", "BOOLEAN", "engine", "tier", "seed", "solver", "OPTIMAL",
            "FEASIBLE", "INFEASIBLE", "Address already in use", "Traceback", "does not exist", "is a directory",
            "is a file", "Did you mean", "Aborted", "Try", "for help", "Missing", "Invalid value", "not in the range",
            "Show this message", "Permission denied", "No space left", "OSError", "PermissionError", "Exception"]
PATROON = re.compile(r"\b(" + "|".join(re.escape(w) for w in VERBODEN) + r")\b")



def engels(tekst: str) -> list[str]:
    zonder_opties = re.sub(r"--[\w-]+", "", tekst)
    return PATROON.findall(zonder_opties)


def _opdrachten(groep: click.Group, pad=()):
    yield pad
    for naam, opdracht in groep.commands.items():
        if isinstance(opdracht, click.Group):
            yield from _opdrachten(opdracht, (*pad, naam))
        else:
            yield (*pad, naam)


def test_elke_hulptekst_is_nederlands():
    opdrachten = list(_opdrachten(main))
    # the commands registered from cli/dossier.py, cli/sweep.py and cli/app.py are walked too
    assert {("dossier",), ("sweep",), ("app",), ("bijna-geplaatst",), ("rapport",), ("brieven",)} <= set(opdrachten)
    for pad in opdrachten:
        uitkomst = draai(*pad, "--help")
        assert uitkomst.exit_code == 0, (pad, uitkomst.output)
        assert uitkomst.stdout.startswith("Gebruik: plaatsing"), pad
        assert engels(uitkomst.output) == [], (pad, engels(uitkomst.output))


def test_engelse_woorden_worden_gevonden():
    """The check itself can fail: click's English and the solver's terms are caught."""
    assert engels("Usage: x [OPTIONS]\n  --uitvoer FILE  [default: 3; required]") == ["Usage", "FILE", "default",
                                                                                    "required"]
    assert engels("fase O3 beste tier: OPTIMAL; opnieuw met een ander seed --seed") == ["tier", "OPTIMAL", "seed"]


@pytest.fixture(scope="module")
def besluiten(tmp_path_factory):
    return demo_besluiten(tmp_path_factory)


@pytest.mark.traag
@pytest.mark.parametrize("args, regel", [
    (["uitleg", DEMO, "{b}", "-m", "X999"],
     "Fout bij --medewerker: personeelsnummer 'X999' staat niet in het scenario; controleer het nummer."),
    (["uitleg", DEMO, "{b}", "-m", "A0O35"],
     "Fout bij --medewerker: personeelsnummer 'A0O35' staat niet in het scenario; bedoelt u A0235?"),
    (["solve", DEMO, "-o", "{t}", "-p", "drempel=40"],
     "Fout bij parameter drempel: onbekende parameter 'drempel'; bekende parameters: peildatum, "),
    (["solve", DEMO, "-o", "{t}", "--tijdslimiet", "-5"],
     "Fout: Ongeldige waarde voor '--tijdslimiet': -5.0 kan niet; toegestaan is: groter dan 0 en hoogstens 86400."),
    (["solve", DEMO, "-o", "{t}", "-p", "tijdslimiet=abc"],
     "Fout bij parameter tijdslimiet: 'abc' is geen getal; typ een getal in cijfers."),
    (["wat-als", DEMO, "-v", "A0104=BESTAATNIET"], "Fout bij --vastzetten: functie 'BESTAATNIET' bestaat niet."),
    (["wat-als", DEMO, "-v", "X999=BV-HRM-02"],
     "Fout bij --vastzetten: personeelsnummer 'X999' staat niet in het scenario; controleer het nummer."),
    (["dossier", DEMO, "{b}", "-m", "X999"],
     "Fout bij --medewerker: personeelsnummer 'X999' staat niet in het scenario; controleer het nummer."),
    (["brieven", DEMO, "{b}", "--map", "{t}", "-m", "X999"],
     "Fout bij --medewerker: personeelsnummer 'X999' staat niet in het scenario; controleer het nummer."),
    (["toets", DEMO, "{b}", "-p", "drempel=40"], "onbekende parameter 'drempel'"),
    (["sweep", DEMO, "--steekproef", "0"],
     "Fout: Ongeldige waarde voor '--steekproef': 0 kan niet; toegestaan is: 1 t/m 10000."),
    (["importeer", ROOT / "scenarios" / "export-afas.csv", "--soort", "afas", "-o", "{t}", "--normuren", "0"],
     "Fout: Ongeldige waarde voor '--normuren': 0.0 kan niet; toegestaan is: groter dan 0."),
    (["valideer", ROOT / "scenarios"],
     f"Fout: Ongeldige waarde voor 'SCENARIO': Bestand '{ROOT / 'scenarios'}' is een map; geef een bestand op."),
    (["rapport", DEMO, "{b}", "--map", DEMO],
     f"Fout: Ongeldige waarde voor '--map': Map '{DEMO}' is een bestand; geef een map op."),
    (["template", DEMO], f"Fout: '{DEMO}' bestaat al; geef --overschrijf op of kies een andere naam."),
])
def test_verkeerd_gebruik_is_exit_2_met_een_nederlandse_regel(args, regel, besluiten, tmp_path):
    doel = tmp_path / "nieuw.xlsx"
    uitkomst = draai(*[str(a).format(b=besluiten, t=doel) if "{" in str(a) else a for a in args])
    assert uitkomst.exit_code == 2, uitkomst.output
    assert regel in uitkomst.stderr
    assert engels(uitkomst.output) == [], engels(uitkomst.output)
    assert not doel.exists()
    if regel.startswith("Fout bij"):  # the library's check: one line, no 'Het scenario kan niet ...'
        regels = [r for r in uitkomst.stderr.splitlines() if not r.startswith("[")]  # not the progress lines
        assert len(regels) == 1 and "--uitvoer" not in uitkomst.stderr


@pytest.mark.traag
def test_personeelsnummer_in_kleine_letters_wordt_gevonden(besluiten):
    klein, groot = draai("uitleg", DEMO, besluiten, "-m", "a0035"), draai("uitleg", DEMO, besluiten, "-m", "A0035")
    assert klein.exit_code == groot.exit_code == 0
    assert klein.stdout == groot.stdout and klein.stdout.startswith("Medewerker A0035: ")


def test_fout_in_het_werkboek_blijft_exit_1(tmp_path):
    t = tabellen([medewerker("001", "O", date(1990, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)])
    t["Medewerkers"][0]["fte"] = "veel"
    pad = tmp_path / "fout.xlsx"
    write_xlsx(t, pad)
    uitkomst = draai("valideer", pad)
    assert uitkomst.exit_code == 1
    assert uitkomst.stderr.startswith("Het scenario kan niet worden gebruikt: 1 probleem gevonden.\n")
    assert "niets geschreven" not in uitkomst.stderr  # valideer never writes
    solve = draai("solve", pad, "--stil")
    assert solve.exit_code == 1 and "Er is niets geschreven." in solve.stderr


@pytest.mark.traag
def test_voortgang_noemt_alleen_fasen_die_liepen_in_gewone_woorden(tmp_path):
    uitkomst = draai("solve", DEMO, "-o", tmp_path / "b.xlsx")
    assert uitkomst.exit_code == 0
    fasen = re.findall(r"\] fase (\w+) ", uitkomst.stderr)
    assert fasen == ["O1", "O3", "O4", "O5", "O6"]  # no P2 without a voornemen
    assert "fase O3 beste trede (T1, T2, T3, T4): optimaal, bewezen (" in uitkomst.stderr
    assert engels(uitkomst.output) == [], engels(uitkomst.output)


@pytest.mark.traag
def test_geen_hint_naar_een_optie_die_de_opdracht_niet_heeft(tmp_path, besluiten):
    (tmp_path / f"{besluiten.stem.replace('-besluiten', '')}-OR-bijlage.docx").write_bytes(b"")
    uitkomst = draai("template", DEMO)
    assert uitkomst.exit_code == 2 and "--uitvoer" not in uitkomst.stderr, uitkomst.stderr
    uitkomst = draai("rapport", DEMO, besluiten, "--map", tmp_path)  # rapport has --uitvoer: it may name it
    assert uitkomst.exit_code == 2 and "bestaat al" in uitkomst.stderr, uitkomst.stderr


@pytest.mark.traag
def test_een_lange_stap_zegt_om_de_paar_seconden_dat_hij_nog_loopt(capsys):
    import time as _time

    from plaatsing.cli.gereedschap import Voortgang

    melding = Voortgang(stil=False)
    with melding.bezig("brieven maken", elke=0.2):
        _time.sleep(0.7)
    regels = capsys.readouterr().err.splitlines()
    assert regels[0].endswith("] brieven maken")
    assert 2 <= len(regels) - 1 <= 4 and all("] nog bezig: brieven maken (" in r for r in regels[1:])
    with Voortgang(stil=True).bezig("stil", elke=0.05):
        _time.sleep(0.2)
    assert capsys.readouterr().err == ""


def test_sweep_met_dask_zegt_dat_hij_verbinding_maakt():
    uitkomst = draai("sweep", DEMO, "-r", "drempel_wijziging=25", "--dask", "geen-adres")
    assert uitkomst.exit_code == 2, uitkomst.output
    assert "] verbinden met de Dask-scheduler geen-adres (een scheduler die niet antwoordt: tot 30 s) …" \
        in uitkomst.stderr
    assert "Fout: 'geen-adres' is geen adres van een Dask-scheduler" in uitkomst.stderr


def test_app_op_een_bezette_poort_in_het_nederlands():
    import socket

    bezet = socket.socket()
    bezet.bind(("127.0.0.1", 0))
    bezet.listen(1)
    try:
        poort = bezet.getsockname()[1]
        uitkomst = draai("app", "--poort", poort, "--geen-browser")
    finally:
        bezet.close()
    assert uitkomst.exit_code == 2, uitkomst.output
    assert (f"Fout: kan niet luisteren op 127.0.0.1:{poort} (de poort is al in gebruik door een ander programma); "
            "kies een andere poort met --poort") in uitkomst.stderr
    assert engels(uitkomst.output) == [], engels(uitkomst.output)
