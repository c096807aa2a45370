"""The procedure notebook (regels.md §9) runs without errors and shows what the issue promises: the
second round changes fewer decisions than a plain re-solve, everyone else definitief, no names."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

pytestmark = pytest.mark.traag  # see pyproject.toml: left out of the quick loop

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "02_procedure.ipynb"

UITLEZEN = """import json
print("UITKOMST " + json.dumps({
    "gewijzigd": gewijzigd,
    "herlos": gewijzigd_tov_voornemen(herlos),
    "status": {str(k): int(v) for k, v in tweede.besluiten["status_besluit"].value_counts().items()},
    "voornemen_status": sorted(set(voornemen.besluiten["status_besluit"])),
    "bewezen": bool(tweede.bewezen_optimaal),
    "fasen": [f.code for f in tweede.fasen],
    "ketens": ketens(tweede.scenario, tweede.toewijzing),
    "motivering": {p: tweede.besluiten.set_index("personeelsnummer").at[p, "motivering"] for p in ("A0095", "A0104")},
}))"""


@pytest.fixture(scope="module")
def uitgevoerd():
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        from ipykernel.kernelspec import install
        install(prefix=sys.prefix)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(UITLEZEN))
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    tekst = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    regel = next(r for r in tekst.splitlines() if r.startswith("UITKOMST "))
    return nb, json.loads(regel.removeprefix("UITKOMST "))


def test_notebook_draait_zonder_fouten(uitgevoerd):
    nb, _ = uitgevoerd
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def test_tweede_ronde_wijzigt_alleen_de_keten_van_het_advies(uitgevoerd):
    _, r = uitgevoerd
    assert r["voornemen_status"] == ["voorgenomen"]
    assert r["gewijzigd"] == ["A0095", "A0145"]
    assert set(r["gewijzigd"]) < set(r["herlos"])  # a plain re-solve moves more people
    assert r["status"] == {"definitief": 298, "gewijzigd": 2}
    assert r["bewezen"] and r["fasen"] == ["O1", "P2", "O3", "O4", "O5", "O6"]
    assert r["ketens"] == ["advies van de plaatsingsadviescommissie van 12 juni 2018 voor A0095 (KCC-LG-01): "
                           "A0095 verschuift van UF-LG-02 naar KCC-LG-01 → A0145 boventallig (was KCC-LG-01)"]
    assert r["motivering"]["A0095"].startswith("Op advies van de plaatsingsadviescommissie van 12 juni 2018 wordt u "
                                               "geplaatst in KCC-LG-01")
    assert "Uw zienswijze van 4 juni 2018" in r["motivering"]["A0104"]


def test_geen_namen_in_de_uitvoer(uitgevoerd):
    nb, _ = uitgevoerd
    from plaatsing import read_scenario
    scenario = read_scenario(REPO / "scenarios" / "almelo-2018.xlsx")
    uitvoer = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
    assert not [n for n in scenario.medewerkers["naam"].dropna() if n in uitvoer]
