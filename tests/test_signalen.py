"""Ctrl-C, SIGTERM and SIGHUP stop every long command mid-work (issue 26): nothing written or half-written,
an existing file never replaced by an interrupted run, a Dutch message, exit 130 / 143 / 129, and the
processes that solve parts end too. Each test sends the signal to a real `plaatsing` process."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plaatsing.voorbeelden import genereer
from cli_hulp import demo_besluiten as kopie_van_demo, draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"
CODE = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}
OORZAAK = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "het signaal SIGTERM",
           signal.SIGHUP: "het signaal SIGHUP (sessie gesloten)"}
SIGNALEN = [pytest.param(s, id=s.name) for s in CODE]

pytestmark = [pytest.mark.traag,
              pytest.mark.skipif(not Path("/proc").exists() or sys.platform == "win32",
                                 reason="signalen en /proc: Linux")]


def _kinderen(pid: int) -> list[int]:
    """Every process below `pid`: its children and theirs (the pool's processes are children of the fork server)."""
    ouders = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ouders[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    kinderen, rand = [], [pid]
    while rand:
        nieuw = [k for k, ouder in ouders.items() if ouder in rand]
        kinderen += nieuw
        rand = nieuw
    return sorted(kinderen)


def _leeft(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def onderbreek(args, signaal, wacht_op: str, na: float = 1.0, cwd: Path | None = None):
    """Start `plaatsing ARGS`, wait for the progress line `wacht_op` and `na` seconds more, send
    `signaal` (SIGINT to the whole process group, as Ctrl-C on a terminal does) and return
    (exit code, stderr, the child processes that ran)."""
    proces = subprocess.Popen([sys.executable, "-m", "plaatsing.cli", *map(str, args)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=cwd, start_new_session=True)
    gelezen = []
    for regel in proces.stderr:
        gelezen.append(regel)
        if wacht_op in regel:
            break
    time.sleep(na)
    assert proces.poll() is None, "klaar voor het signaal: " + "".join(gelezen)
    kinderen = _kinderen(proces.pid)
    if signaal == signal.SIGINT:
        os.killpg(proces.pid, signal.SIGINT)
    else:
        proces.send_signal(signaal)
    start = time.monotonic()
    _uit, fout = proces.communicate(timeout=60)
    gestopt_na = time.monotonic() - start
    deadline = time.monotonic() + 5
    while any(_leeft(k) for k in kinderen) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [k for k in kinderen if _leeft(k)], "processen lopen nog na het stoppen"
    return proces.returncode, "".join(gelezen) + fout, gestopt_na


def _controleer(code, stderr, signaal, map_: Path, verwacht: set[str]):
    assert code == CODE[signaal], stderr
    assert stderr.rstrip().endswith(f"Afgebroken door {OORZAAK[signaal]}. Er is niets geschreven."), stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert {p.name for p in map_.iterdir()} == verwacht  # nothing new, no temporary file


@pytest.fixture(scope="module")
def demo_besluiten(tmp_path_factory):
    """The demo's besluiten, made once in this process (the signal tests interrupt rapport and brieven on them)."""
    return kopie_van_demo(tmp_path_factory, "b.xlsx")


@pytest.fixture(scope="module")
def groot(tmp_path_factory):
    """1,500 people in the realistic shape: a solve runs long enough to be stopped halfway."""
    pad = tmp_path_factory.mktemp("groot") / "groot.xlsx"
    genereer(1500, pad, seed=1)
    return pad


@pytest.mark.parametrize("workers", [pytest.param(["--workers", "1"], id="workers1"), pytest.param([], id="standaard")])
@pytest.mark.parametrize("signaal", SIGNALEN)
def test_solve_stopt_midden_in_het_rekenen(groot, signaal, workers, tmp_path):
    doel = tmp_path / "b.xlsx"
    doel.write_bytes(b"het plan van de vorige run")
    code, stderr, gestopt_na = onderbreek(["solve", groot, "-o", doel, "--overschrijf", "--tijdslimiet", "60",
                                           *workers], signaal, "kandidaten bepaald", na=1.5)
    _controleer(code, stderr, signaal, tmp_path, {"b.xlsx"})
    assert doel.read_bytes() == b"het plan van de vorige run"  # never replaced by an interrupted run
    assert gestopt_na < 5, gestopt_na  # the solver stops now, not after its search
    assert "Plaatsingsbesluiten:" not in stderr


@pytest.mark.parametrize("signaal", SIGNALEN)
def test_rapport_stopt_midden_in_het_samenstellen(signaal, demo_besluiten, tmp_path):
    besluiten = Path(shutil.copy(demo_besluiten, tmp_path / "b.xlsx"))
    code, stderr, _ = onderbreek(["rapport", DEMO, besluiten, "--map", tmp_path], signaal, "de bijlage samenstellen")
    _controleer(code, stderr, signaal, tmp_path, {"b.xlsx"})


@pytest.mark.parametrize("signaal", SIGNALEN)
def test_bijna_geplaatst_stopt_midden_in_het_zoeken(signaal, tmp_path):
    doel = tmp_path / "b.xlsx"
    code, stderr, _ = onderbreek(["bijna-geplaatst", DEMO, "-o", doel], signaal, "extra formatie per boventallige")
    _controleer(code, stderr, signaal, tmp_path, set())


@pytest.mark.parametrize("signaal", SIGNALEN)
def test_brieven_stopt_midden_in_het_schrijven(signaal, demo_besluiten, tmp_path):
    """Stopped halfway: the right exit code, no half-written letter, and a message that is true — nothing
    written, or exactly what was (the letters as one set are the issue-27 helper's part)."""
    import zipfile

    besluiten = Path(shutil.copy(demo_besluiten, tmp_path / "b.xlsx"))
    map_ = tmp_path / "brieven"
    code, stderr, _ = onderbreek(["brieven", DEMO, besluiten, "--map", map_], signaal, "brieven maken in", na=1.5)
    assert code == CODE[signaal], stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    brieven = sorted(map_.rglob("*")) if map_.exists() else []
    for pad in brieven:
        assert not pad.name.startswith(".") and "tmp" not in pad.name, pad  # no temporary file left
        if pad.suffix == ".docx":
            assert zipfile.ZipFile(pad).testzip() is None  # whole, never half-written
    laatste = stderr.rstrip().splitlines()[-1]
    assert laatste.startswith(f"Afgebroken door {OORZAAK[signaal]}. ")
    aantal = len([p for p in brieven if p.suffix == ".docx"])
    if aantal == 0:
        assert laatste.endswith("Er is niets geschreven.")
    else:
        assert "Wel al geschreven (heel): " in laatste and "niets geschreven" not in laatste


@pytest.mark.parametrize("signaal", [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGKILL, id="SIGKILL")])
def test_bibliotheek_solve_laat_geen_processen_achter(groot, signaal):
    """`solve()` from Python (a notebook, a script) has no handler of ours: SIGTERM or SIGKILL ends the process
    at once, without cleanup. Its processes that solve parts notice that their parent is gone and stop too,
    instead of solving on for minutes (signalen.pool)."""
    code = ("import sys\n"
            "from plaatsing import read_scenario, solve\n"
            "if __name__ == '__main__':\n"
            "    s = read_scenario(sys.argv[1]).met_parameters(tijdslimiet=120)\n"
            "    print('begonnen', flush=True)\n"
            "    solve(s, workers=2)\n")
    proces = subprocess.Popen([sys.executable, "-c", code, str(groot)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    assert proces.stdout.readline().strip() == "begonnen"
    deadline = time.monotonic() + 30
    while len([k for k in _kinderen(proces.pid) if _leeft(k)]) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)  # the pool's processes have started
    time.sleep(1.0)
    kinderen = _kinderen(proces.pid)
    assert len(kinderen) >= 2, "geen processen die delen oplossen"
    proces.send_signal(signaal)
    proces.wait(timeout=30)
    deadline = time.monotonic() + 5
    while any(_leeft(k) for k in kinderen) and time.monotonic() < deadline:
        time.sleep(0.1)
    over = [k for k in kinderen if _leeft(k)]
    for k in over:
        os.kill(k, signal.SIGKILL)
    assert not over, "processen lopen door nadat solve() werd gestopt"


def test_ctrl_c_tijdens_het_starten_geeft_een_nette_melding(tmp_path):
    """A Ctrl-C at any moment of a start: while Python loads the commands (pandas, openpyxl), while `plaatsing app`
    makes its page, or once it serves. Each ends with a Dutch sentence and exit 130 (or, once serving, the
    normal stop with 0), never a traceback or click's "Aborted!", and leaves no temporary folder (TMPDIR)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    omgeving = {**os.environ, "TMPDIR": str(tmp)}
    uitkomsten = []
    for na in (0.05, 0.3, 0.5, 0.65, 0.75, 0.9, 4.0):
        proces = subprocess.Popen([sys.executable, "-m", "plaatsing.cli", "app", "--geen-browser"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                  env=omgeving)
        time.sleep(na)
        os.killpg(proces.pid, signal.SIGINT)
        try:
            uit, fout = proces.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)  # leave no app running behind the test
            proces.communicate()
            pytest.fail(f"de app liep na een Ctrl-C op {na} s na de start nog door")
        tekst = uit + fout
        if na < 0.1 and _voor_de_eerste_regel(tekst):
            # on a slow machine a Ctrl-C 0.05 s after the start can land in Python's own start (runpy, importlib),
            # before the first line of the package runs: no program can catch that. Any frame of ours fails.
            uitkomsten.append(130)
            continue
        assert "Traceback" not in tekst and "Aborted" not in tekst and "Afgebroken.\n" not in tekst, (na, tekst)
        if proces.returncode in (130, -signal.SIGINT):  # ended by the Ctrl-C itself: a shell shows 130 as well
            assert tekst.rstrip().endswith(("Afgebroken door Ctrl-C. Er is niets geschreven.",
                                            "Afgebroken door Ctrl-C; de app is niet gestart.")), (na, tekst)
            assert "draait op" not in tekst
        else:
            assert proces.returncode == 0, (na, proces.returncode, tekst)
            assert tekst.rstrip().endswith("Plaatsing app is gestopt; de tijdelijke bestanden zijn verwijderd.")
        uitkomsten.append(proces.returncode)
        assert not list(tmp.iterdir()), (na, list(tmp.iterdir()))
    assert uitkomsten[1] in (130, -signal.SIGINT) and uitkomsten[-1] == 0, uitkomsten


def _voor_de_eerste_regel(tekst: str) -> bool:
    """A KeyboardInterrupt traceback with only frames of Python's own start (<frozen runpy>, <frozen importlib…>),
    or Python's own "Fatal Python error: init_import_site" when the Ctrl-C lands while it imports `site` (seen once
    in CI on a slow machine): also before the first line of the package."""
    regels = tekst.strip().splitlines()
    site = bool(regels) and regels[0].startswith("Fatal Python error: init_import_site")
    if site:  # the .pth files of site-packages run then too (the editable install's finder, pathlib): not ours
        regels = regels[1:]
        while regels and not regels[0].startswith("Traceback"):
            regels = regels[1:]  # "Python runtime state: initialized"
    frames = [r for r in regels if r.strip().startswith("File ")]
    van_ons = [r for r in frames if f"{os.sep}plaatsing{os.sep}" in r]
    return (bool(regels) and regels[0].startswith("Traceback") and regels[-1] == "KeyboardInterrupt" and bool(frames)
            and not van_ons and (site or all(r.strip().startswith('File "<frozen ') for r in frames)))


def test_ctrl_c_voordat_solve_zijn_opdracht_begint(tmp_path):
    proces = subprocess.Popen([sys.executable, "-m", "plaatsing.cli", "solve", str(DEMO), "-o", str(tmp_path / "b.xlsx")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(0.3)
    os.killpg(proces.pid, signal.SIGINT)
    _uit, fout = proces.communicate(timeout=30)
    assert proces.returncode in (130, -signal.SIGINT), fout  # a shell shows 130 for both
    assert fout.rstrip().endswith("Afgebroken door Ctrl-C. Er is niets geschreven."), fout
    assert "Traceback" not in fout
    assert not list(tmp_path.iterdir())


def test_ctrl_c_die_een_bibliotheek_bij_het_laden_in_een_andere_fout_verandert():
    """openpyxl converts a style value in a bare `except` while it loads: a Ctrl-C just then became a TypeError and a
    traceback (seen in CI at 0.3 s). Made certain here: the import of the first command raises the Ctrl-C and turns
    it into a TypeError, as openpyxl does."""
    code = (
        "import builtins, os, signal, time, runpy\n"
        "echt = builtins.__import__\n"
        "def laad(naam, *a, **k):\n"
        "    if naam == 'plaatsing.cli.app':\n"
        "        try:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "            time.sleep(1)\n"
        "        except:\n"
        "            raise TypeError(\"expected <class 'float'>\")\n"
        "    return echt(naam, *a, **k)\n"
        "builtins.__import__ = laad\n"
        "runpy.run_module('plaatsing.cli', run_name='__main__')\n")
    uit = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, text=True, timeout=60)
    assert uit.returncode == 130, uit.stderr
    assert "Traceback" not in uit.stderr and "Afgebroken door Ctrl-C" in uit.stderr
