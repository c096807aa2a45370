"""The sweep notebook (issue 17) runs without errors and its figures make sense: executed with
nbclient from notebooks/, the way test_notebook.py runs notebook 01."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from test_notebook import python3_kernel  # noqa: F401 - the shared kernel fixture

pytestmark = pytest.mark.traag  # see pyproject.toml: left out of the quick loop

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "03_sweep.ipynb"

# Appended to a copy of the notebook: reads what the notebook itself computed.
UITLEZEN = """import json
r = raster.varianten
print("UITKOMST " + json.dumps({
    "raster": [[float(d), s, int(f), str(b)] for d, s, f, b in
               zip(r["drempel_wijziging"], r["selectiemethode"], r["functievolger"], r["bewezen"])],
    "steekproef": [int(x) for x in gevoelig.varianten["steekproef"]],
    "per_medewerker_som": sorted({int(x) for x in gevoelig.per_medewerker.iloc[:, 2:9].sum(axis=1)}),
    "wisselaars": len(wisselaars),
    "medewerkers": len(scenario.medewerkers),
}))"""


@pytest.fixture(scope="module")
def uitgevoerd(python3_kernel):  # noqa: F811
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(UITLEZEN))
    NotebookClient(nb, timeout=300, kernel_name=python3_kernel,
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    tekst = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    regel = next(r for r in tekst.splitlines() if r.startswith("UITKOMST "))
    return nb, json.loads(regel.removeprefix("UITKOMST "))


def test_sweep_notebook_runs_without_errors_and_shows_charts(uitgevoerd):
    nb, _ = uitgevoerd
    uitvoer = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in uitvoer if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in uitvoer) == 2


def test_the_grid_is_drempel_times_selectiemethode_and_ss1_is_monotone(uitgevoerd):
    _, r = uitgevoerd
    assert [(d, s) for d, s, _, _ in r["raster"]] == [
        (20.0, "anciënniteit"), (20.0, "afspiegeling"), (30.0, "anciënniteit"), (30.0, "afspiegeling"),
        (40.0, "anciënniteit"), (40.0, "afspiegeling")]
    assert all(b == "ja" for *_, b in r["raster"])
    for methode in ("anciënniteit", "afspiegeling"):
        volgers = [f for _, s, f, _ in r["raster"] if s == methode]
        assert volgers == sorted(volgers) and volgers[0] < volgers[-1]


def test_the_sensitivity_run_counts_every_draw_per_person(uitgevoerd):
    nb, r = uitgevoerd
    assert r["steekproef"] == [1, 2, 3, 4]
    assert r["per_medewerker_som"] == [4]
    assert 0 < r["wisselaars"] < r["medewerkers"]
    from plaatsing import read_scenario
    namen = read_scenario(REPO / "scenarios" / "almelo-2018.xlsx").medewerkers["naam"].dropna()
    tekst = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
    assert not [n for n in namen if n in tekst]
