"""The notebooks as documented (issue 26): an optional extra with Jupyter, a way to open them that the
README and `make demo` name, and `uitleg_alle` as a table."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def test_extra_notebook_met_jupyter_en_de_weg_ernaartoe():
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["notebook"]
    assert {re.split(r"[<>=]", e)[0] for e in extra} >= {"jupyterlab", "ipykernel"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make notebooks" in readme and ".[notebook]" in readme and "jupyter lab notebooks/" in readme
    make = subprocess.run(["make", "-n", "notebooks"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "pip install --quiet -e '.[notebook]'" in make and "jupyter lab notebooks/" in make
    demo = (ROOT / "Makefile").read_text().split("\ndemo:")[1].split("\n\n")[0]
    assert "make notebooks" in demo


def test_uitleg_alle_is_een_tabel():
    from plaatsing import solve
    from plaatsing.uitleg.verklaring import uitleg, uitleg_alle
    from plaatsing.voorbeelden import voorbeeld_2

    from plaatsing.plannen.inlezen import scenario_from_tables

    plan = solve(scenario_from_tables(voorbeeld_2()))
    tabel = uitleg_alle(plan)
    assert isinstance(tabel, pd.DataFrame)
    assert list(tabel.columns) == ["personeelsnummer", "uitkomst", "nieuwe_functie", "regels", "motivering", "opties",
                                   "voorkeuren_niet_in_aanmerking", "extra"]
    assert list(tabel["personeelsnummer"]) == sorted(plan.scenario.medewerkers.index)
    eerste = tabel.iloc[0].to_dict()
    assert eerste == uitleg(plan, eerste["personeelsnummer"])
