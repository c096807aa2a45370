"""No personal data left behind (issue 27): one private temporary folder per run, removed on every way out and
by the next run after a kill; --debug without cell values; the Verantwoording names the input file, not its path."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from plaatsing import read_scenario, solve
from plaatsing.cli import main
from plaatsing.uitvoer.excel import schrijf_besluiten

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
NAAM, GEBOREN = "Geertruida Pietersen-Vlot", "14-03-1961"


def test_tijdelijke_bestanden_van_een_run_staan_in_een_eigen_map_die_verdwijnt(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gezien = {}

    def lees(pad, **_):
        with tempfile.NamedTemporaryFile(prefix="openpyxl.", delete=False) as f:  # as openpyxl's write-only mode
            f.write(NAAM.encode())
        gezien["map"] = Path(f.name).parent
        raise KeyboardInterrupt
    monkeypatch.setattr("plaatsing.plannen.inlezen.read_scenario", lees)
    uit = CliRunner().invoke(main, ["valideer", str(DEMO)])
    assert uit.exit_code == 130
    assert gezien["map"].parent.parent == tmp_path and gezien["map"].parent.name.startswith("plaatsing-")
    assert [p for p in tmp_path.iterdir() if not p.name.startswith("pymp-")] == []  # multiprocessing's sockets


@pytest.mark.traag
def test_gedode_run_laat_niets_achter_na_de_volgende_start(tmp_path):
    omgeving = {**os.environ, "TMPDIR": str(tmp_path)}
    # a run that is busy writing (openpyxl's write-only mode keeps the sheet in a temporary file) when killed
    code = ("import tempfile, time, plaatsing.plannen.inlezen as lezen\n"
            "def bezig(*a, **k):\n"
            "    with tempfile.NamedTemporaryFile(prefix='openpyxl.', delete=False) as f:\n"
            f"        f.write({NAAM!r}.encode())\n"
            "    time.sleep(60)\n"
            "lezen.read_scenario = bezig\n"
            "from plaatsing.cli import main\n"
            f"main(['valideer', {str(DEMO)!r}])\n")
    proces = subprocess.Popen([sys.executable, "-c", code], env=omgeving)
    einde = time.monotonic() + 60
    while not list(tmp_path.rglob("openpyxl.*")) and time.monotonic() < einde:
        time.sleep(0.05)
    proces.send_signal(signal.SIGKILL)
    proces.wait()
    rest, = tmp_path.rglob("openpyxl.*")  # a kill leaves the file: nothing can run
    assert rest.parent.parent.name.startswith("plaatsing-")
    uit = subprocess.run([sys.executable, "-m", "plaatsing.cli", "--version"], env=omgeving, capture_output=True)
    assert uit.returncode == 0
    assert not list(tmp_path.glob("plaatsing-*")) and not list(tmp_path.rglob("openpyxl*"))


def test_debug_verslag_noemt_geen_naam_of_geboortedatum(monkeypatch):
    def kapot(pad, **_):
        raise ValueError(f"onverwacht: {NAAM}, geboren {GEBOREN}")
    monkeypatch.setattr("plaatsing.plannen.inlezen.read_scenario", kapot)
    uit = CliRunner().invoke(main, ["valideer", str(DEMO), "--debug"])
    assert uit.exit_code == 70
    assert "ValueError" in uit.output and "kapot" in uit.output  # the type and where it happened
    assert NAAM not in uit.output and "Pietersen" not in uit.output and GEBOREN not in uit.output


@pytest.mark.traag
def test_verantwoording_noemt_de_bestandsnaam_en_sha256_niet_het_pad(tmp_path):
    pad = schrijf_besluiten(solve(read_scenario(DEMO.resolve())), tmp_path / "b.xlsx")
    rijen = dict(openpyxl.load_workbook(pad, read_only=True)["Verantwoording"].iter_rows(min_row=2, values_only=True))
    assert rijen["invoerbestand"] == "almelo-2018.xlsx"
    assert len(rijen["sha256 invoer"]) == 64
    assert not any(isinstance(w, str) and str(DEMO.parent) in w for w in rijen.values())
