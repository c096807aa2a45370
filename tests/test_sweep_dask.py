"""plaatsing sweep --dask on a real cluster (issue 17): a `dask scheduler` and two `dask worker`
processes on 127.0.0.1 (random port, one thread each). The results equal the local run; a
worker killed mid-sweep has its variant re-run elsewhere and the sweep says so."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dask_cluster import Cluster
from plaatsing import read_scenario
from plaatsing.sweep import sweep
from plaatsing.sweep.uitvoeren import ONDERWERP
from cli_hulp import draai

pytestmark = pytest.mark.traag  # see pyproject.toml: left out of the quick loop

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"
PLAATSING = Path(sys.executable).with_name("plaatsing")
RASTER = ["-r", "drempel_wijziging=20,30,40", "-r", "selectiemethode=anciënniteit,afspiegeling"]  # 6 variants



def zonder_tijd(pad: Path) -> dict[str, pd.DataFrame]:
    """The sheets Varianten (without the column seconden) and Per medewerker."""
    bladen = pd.read_excel(pad, sheet_name=["Varianten", "Per medewerker"])
    return {"Varianten": bladen["Varianten"].drop(columns="seconden"), "Per medewerker": bladen["Per medewerker"]}


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("sweep-dask")
    shutil.copy(DEMO, map_ / "almelo.xlsx")
    return map_


@pytest.fixture(scope="module")
def lokaal(werkmap):
    """The reference: the same sweep with local processes."""
    doel = werkmap / "lokaal-sweep.xlsx"
    uitkomst = draai("sweep", werkmap / "almelo.xlsx", *RASTER, "--workers", "2", "--uitvoer", doel, "--stil")
    assert uitkomst.exit_code == 0, uitkomst.output
    return zonder_tijd(doel)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with Cluster(tmp_path_factory.mktemp("cluster"), workers=2) as c:
        yield c


def test_sweep_on_dask_equals_the_local_run(cluster, werkmap, lokaal):
    doel = werkmap / "dask-sweep.xlsx"
    uitkomst = draai("sweep", werkmap / "almelo.xlsx", *RASTER, "--dask", cluster.adres, "--uitvoer", doel, "--stil")
    assert uitkomst.exit_code == 0, uitkomst.output
    assert uitkomst.stdout.startswith(f"6 varianten doorgerekend (Dask {cluster.adres} (2 workers)) in ")
    assert "viel weg" not in uitkomst.stdout
    op_dask = zonder_tijd(doel)
    assert len(op_dask["Varianten"]) == 6
    for blad in ("Varianten", "Per medewerker"):
        pd.testing.assert_frame_equal(op_dask[blad], lokaal[blad])


def test_the_scheduler_address_may_come_from_the_environment(cluster, werkmap, lokaal):
    doel = werkmap / "env-sweep.xlsx"
    uitkomst = draai("sweep", werkmap / "almelo.xlsx", *RASTER, "--uitvoer", doel, "--stil",
                     env={"DASK_SCHEDULER_ADDRESS": cluster.adres})
    assert uitkomst.exit_code == 0, uitkomst.output
    assert f"(Dask {cluster.adres} (2 workers))" in uitkomst.stdout
    pd.testing.assert_frame_equal(zonder_tijd(doel)["Varianten"], lokaal["Varianten"])


def test_workers_get_the_tables_not_a_file_path(cluster, tmp_path):
    """The scenario file is gone before the sweep starts: the workers can only use the tables."""
    pad = tmp_path / "weg.xlsx"
    shutil.copy(DEMO, pad)
    scenario = read_scenario(pad)
    pad.unlink()
    uitkomst = sweep(scenario, raster=[("drempel_wijziging", ["25", "30"])], dask=cluster.adres, plannen=True)
    assert list(uitkomst.varianten["bewezen"]) == ["ja", "ja"]
    assert set(uitkomst.plannen) == {"v01", "v02"}
    assert uitkomst.uitvoerder == f"Dask {cluster.adres} (2 workers)"


def test_a_killed_worker_has_its_variant_rerun_and_the_sweep_says_so(cluster, werkmap, lokaal):
    """Runs last in this module. The first worker to start its second variant dies inside that
    task (right after the start is logged, before the solve), nanny and all; the scheduler gives
    the variant to the other worker."""
    doel = werkmap / "gedood-sweep.xlsx"
    verslag = cluster.dood_bij_start(ONDERWERP, n=2)
    try:
        uitkomst = subprocess.run([str(PLAATSING), "sweep", str(werkmap / "almelo.xlsx"), *RASTER, "--dask",
                                   cluster.adres, "--uitvoer", str(doel)], capture_output=True, text=True,
                                  timeout=300)
    finally:
        with cluster.client() as c:
            c.unregister_worker_plugin("dood-bij-start")
    assert uitkomst.returncode == 0, uitkomst.stderr
    gedood = json.loads(verslag.read_text())
    cluster.opgeruimd(gedood["worker"])
    lopend = gedood["variant"]
    assert re.search(rf"^1 Dask-worker viel weg tijdens de sweep; 1 variant \({lopend}\) is op een andere worker "
                     r"opnieuw uitgerekend\. Alle 6 varianten zijn klaar\.$", uitkomst.stdout, re.M), uitkomst.stdout
    assert "klaar (6/6" in uitkomst.stderr
    op_dask = zonder_tijd(doel)
    for blad in ("Varianten", "Per medewerker"):
        pd.testing.assert_frame_equal(op_dask[blad], lokaal[blad])
    verantwoording = dict(pd.read_excel(doel, sheet_name="Verantwoording").itertuples(index=False))
    assert verantwoording["workers weggevallen"] == "1"
    assert verantwoording["varianten opnieuw uitgerekend"] == lopend
    cluster.start_worker("w3")
    cluster.wacht_op_workers(2)
