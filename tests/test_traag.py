"""The quick loop: `pytest -m "not traag"` leaves out the slow tests, `make test` runs every test.

The marker is registered (with --strict-markers a misspelt marker is an error, not a silently fast test),
and the kinds of test that are slow by nature carry it: notebooks, the browser, LibreOffice and Dask."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
TRAAG_VAN_AARD = ("NotebookClient", "webdriver", "LocalCluster", "dask_cluster", "soffice")  # a kernel, browser, …


def is_traag(decorators) -> bool:
    return any("traag" in ast.unparse(d) for d in decorators)


def test_marker_geregistreerd_en_streng(pytestconfig):
    assert pytestconfig.inipath == ROOT / "pyproject.toml"
    assert any(m.startswith("traag:") for m in pytestconfig.getini("markers"))
    assert "--strict-markers" in pytestconfig.getini("addopts")


def test_make_test_draait_alles():
    opdracht = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    regel = next(r for r in opdracht.splitlines() if "pytest" in r)
    opties = regel.split(" -m pytest", 1)[1].split()
    assert "-m" not in opties and "-k" not in opties and "traag" not in regel, regel


def test_wat_traag_is_van_aard_draagt_de_marker():
    """A test module that runs a notebook, a browser, LibreOffice or a Dask cluster is marked as a whole, or each
    test that does so itself is."""
    ongemarkeerd = []
    for pad in sorted(TESTS.glob("test_*.py")):
        bron = pad.read_text(encoding="utf-8")
        if pad.name == Path(__file__).name or not any(w in bron for w in TRAAG_VAN_AARD):
            continue
        boom = ast.parse(bron)
        if any(isinstance(k, ast.Assign) and "pytestmark" in ast.unparse(k.targets[0])
               and "traag" in ast.unparse(k.value) for k in boom.body):
            continue
        hulp = {k.name for k in boom.body if isinstance(k, ast.FunctionDef) and not k.name.startswith("test_")
                and any(w in ast.unparse(k) for w in TRAAG_VAN_AARD)}  # fixtures and helpers that do the slow work
        for k in boom.body:
            if isinstance(k, ast.FunctionDef) and k.name.startswith("test_") and not is_traag(k.decorator_list):
                tekst = ast.unparse(k)
                namen = set(re.findall(r"\w+", tekst))
                if any(w in tekst for w in TRAAG_VAN_AARD) or namen & hulp:
                    ongemarkeerd.append(f"{pad.name}::{k.name}")
    assert ongemarkeerd == []


@pytest.mark.traag
def test_de_snelle_ronde_laat_de_trage_tests_weg():
    uit = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not traag",
                          "tests/test_traag.py"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "test_marker_geregistreerd_en_streng" in uit and "test_de_snelle_ronde_laat_de_trage_tests_weg" not in uit
