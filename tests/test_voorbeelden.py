"""The example scenarios of plaatsing.voorbeelden are the ones the repository, the tests and the benchmarks use:
the generated demo has the content of scenarios/almelo-2018.xlsx, a seed fixes a synthetic scenario, and the
module stands on its own (the notebooks import it from an installed package, without tests/ or benchmarks/)."""
from __future__ import annotations

import ast
import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from plaatsing import read_scenario
from plaatsing.voorbeelden import almelo_2018, genereer

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"
MAP = ROOT / "plaatsing" / "voorbeelden"


def inhoud(pad: Path) -> str:
    """A canonical dump of every sheet's cell values, independent of how openpyxl lays out the bytes."""
    wb = load_workbook(pad, read_only=True)
    delen = []
    for ws in wb.worksheets:
        delen.append(f"## {ws.title}")
        delen += [repr(rij) for rij in ws.iter_rows(values_only=True)]
    wb.close()
    return "\n".join(delen)


def test_het_gegenereerde_demoscenario_is_het_demoscenario_van_de_repository(tmp_path):
    pad = almelo_2018(tmp_path / "demo.xlsx")
    assert inhoud(pad) == inhoud(DEMO)
    assert pad.read_bytes() == almelo_2018(tmp_path / "nog een keer.xlsx").read_bytes()  # byte for byte
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_zonder_pad_komt_het_demoscenario_in_de_tijdelijke_map():
    pad = almelo_2018()
    assert pad.name == "almelo-2018.xlsx" and ROOT not in pad.parents
    assert read_scenario(pad).inhoud_sha256 == read_scenario(DEMO).inhoud_sha256


def test_een_seed_legt_het_synthetische_scenario_vast(tmp_path):
    a = genereer(300, tmp_path / "a.xlsx", seed=1)
    b = genereer(300, tmp_path / "b.xlsx", seed=1)
    c = genereer(300, tmp_path / "c.xlsx", seed=2)
    assert a == b and (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert inhoud(tmp_path / "a.xlsx") != inhoud(tmp_path / "c.xlsx")
    s = read_scenario(tmp_path / "a.xlsx")
    assert len(s.medewerkers) == a["medewerkers"] == 300
    assert len(s.nieuwe_functies) == a["nieuwe functies"]
    # the tests at scale (F5 under a time limit, signals) rely on seed 1 staying the same scenario
    assert hashlib.sha256(inhoud(tmp_path / "a.xlsx").encode()).hexdigest()[:16] == "24852fc4eb35d15f"


def test_voorbeelden_importeert_niets_anders_van_plaatsing():
    """Examples are input, built before the engine runs: they import no other part of the package."""
    for bestand in MAP.glob("*.py"):
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.module.startswith("plaatsing"):
                assert knoop.module.startswith("plaatsing.voorbeelden"), (bestand.name, knoop.module)
            if isinstance(knoop, ast.Import):
                assert not [a.name for a in knoop.names if a.name.startswith("plaatsing")], bestand.name


def test_de_benchmarkgenerator_schrijft_met_de_gedeelde_module(tmp_path):
    uit = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "genereer.py"), "50", str(tmp_path / "b.xlsx"),
                          "--seed", "4"], capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert "medewerkers: 50" in uit
    genereer(50, tmp_path / "zelf.xlsx", seed=4)
    assert (tmp_path / "b.xlsx").read_bytes() == (tmp_path / "zelf.xlsx").read_bytes()
    assert load_workbook(tmp_path / "b.xlsx").properties.created == dt.datetime(2025, 1, 1, 9, 0, 0)
