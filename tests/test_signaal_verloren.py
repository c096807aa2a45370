"""A signal whose exception Python drops still stops the run (issue 26; CI found it: a SIGHUP that
arrived inside a WeakSet callback was printed as "Exception ignored in …" and the solve went on to
write its besluiten). The signal is remembered, and the next solve, progress line or file that would be
put in place raises it again."""
from __future__ import annotations

import os
import signal
import sys

import pytest

from plaatsing import signalen
from plaatsing.uitvoer.excel import atomair

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM naar het eigen proces: POSIX")


class _Opruimer:
    """An object whose `__del__` receives the signal: Python prints and drops the exception raised there."""

    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):  # the handler runs between bytecodes, here, inside __del__
            pass


def _signaal_in_del():
    _Opruimer()  # made and collected at once


def test_verloren_signaal_stopt_bij_de_volgende_controle():
    bereikt = []
    with pytest.raises(signalen.Gestopt) as stop:
        with signalen.opvangen():
            _signaal_in_del()
            bereikt.append(True)  # the handler's own raise was dropped
            signalen.controleer()
            pytest.fail("controleer() liet het werk doorgaan")
    assert bereikt == [True]
    assert stop.value.exitcode == 143


def test_verloren_signaal_geeft_geen_traceback():
    """In a real process: the dropped exception is not printed ("Exception ignored … Traceback")."""
    import subprocess
    code = ("import os, signal\n"
            "from plaatsing import signalen\n"
            "class O:\n"
            "    def __del__(self):\n"
            "        os.kill(os.getpid(), signal.SIGTERM)\n"
            "        for _ in range(1000): pass\n"
            "try:\n"
            "    with signalen.opvangen():\n"
            "        O()\n"
            "        print('verder')\n"
            "except signalen.Gestopt as stop:\n"
            "    print('gestopt', stop.exitcode)\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert uit.stdout.split() == ["verder", "gestopt", "143"]
    assert uit.stderr == ""


def test_verloren_signaal_stopt_aan_het_eind_van_het_blok():
    bereikt = []
    with pytest.raises(signalen.Gestopt):
        with signalen.opvangen():
            _signaal_in_del()
            bereikt.append(True)
    assert bereikt == [True]


def test_verloren_signaal_zet_geen_bestand_neer(tmp_path):
    doel = tmp_path / "b.xlsx"
    doel.write_bytes(b"het plan van de vorige run")
    with pytest.raises(signalen.Gestopt):
        with signalen.opvangen():
            with atomair(doel) as tijdelijk:
                tijdelijk.write_bytes(b"half afgebroken")
                _signaal_in_del()
    assert doel.read_bytes() == b"het plan van de vorige run"
    assert [p.name for p in tmp_path.iterdir()] == ["b.xlsx"]  # no temporary file left


def test_verloren_signaal_start_geen_nieuwe_zoektocht():
    from ortools.sat.python import cp_model
    with pytest.raises(signalen.Gestopt):
        with signalen.opvangen():
            _signaal_in_del()
            signalen.volg(cp_model.CpSolver())
            pytest.fail("een nieuwe zoektocht begon na het signaal")


def test_zonder_signaal_gaat_alles_door(tmp_path):
    with signalen.opvangen():
        signalen.controleer()
        with atomair(tmp_path / "a.txt") as tijdelijk:
            tijdelijk.write_text("klaar")
    assert (tmp_path / "a.txt").read_text() == "klaar"
    signalen.controleer()  # outside opvangen(): nothing remembered


def test_ctrl_c_die_een_bibliotheek_bij_het_laden_inslikt_gaat_niet_verloren():
    """While the command line loads, a library that probes an optional module catches ImportError, and a Ctrl-C
    during an extension's initialisation becomes one: it was swallowed, and `plaatsing app` went on to serve (CI).
    bewaak_start records the Ctrl-C; controleer_start raises it again once loading is done."""
    import os
    import signal

    import pytest

    from plaatsing import signalen

    vorige = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        signalen.bewaak_start()
        signalen.controleer_start()  # nothing arrived: nothing happens
        try:  # a library's optional import, and the Ctrl-C arrives in it
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(100):
                pass
        except (ImportError, KeyboardInterrupt):
            pass
        with pytest.raises(KeyboardInterrupt):
            signalen.controleer_start()
    finally:
        signalen._bij_start.clear()
        signal.signal(signal.SIGINT, vorige)


def test_ctrl_c_bij_het_laden_in_een_del_geeft_geen_traceback():
    """A Ctrl-C while loading that Python drops (it arrives in a `__del__`) is recorded and not printed."""
    import subprocess
    import sys

    code = ("import os, signal\n"
            "from plaatsing import signalen\n"
            "signalen.bewaak_start()\n"
            "class X:\n"
            "    def __del__(self):\n"
            "        os.kill(os.getpid(), signal.SIGINT)\n"
            "        for _ in range(1000): pass\n"
            "X()\n"
            "try:\n"
            "    signalen.controleer_start()\n"
            "except KeyboardInterrupt:\n"
            "    print('opgevangen')\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (uit.returncode, uit.stdout.strip(), uit.stderr) == (0, "opgevangen", "")


def test_ctrl_c_die_python_laat_vallen_voor_de_opdrachten_laden_gaat_niet_verloren():
    """The command line records a Ctrl-C from the package's first line on (plaatsing/opstart.py), not only once it
    loads its commands: in CI a Ctrl-C 0.05 s after the start of `plaatsing app` landed in a weakref callback of
    importlib, Python dropped it ("Exception ignored in ..."), and the app served. Here it lands in a `__del__` right
    after `import plaatsing`; loading the commands then ends the run with the Dutch sentence and 130."""
    import subprocess
    import sys

    code = ("import sys\n"
            "sys.argv[0] = 'plaatsing'  # as the script: the command line, not a library user\n"
            "import os, signal\n"
            "import plaatsing\n"
            "class X:\n"
            "    def __del__(self):\n"
            "        os.kill(os.getpid(), signal.SIGINT)\n"
            "        for _ in range(1000): pass\n"
            "X()\n"
            "print('verder', flush=True)\n"
            "import plaatsing.cli\n"
            "print('de opdrachten liepen door')\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (uit.returncode, uit.stdout.strip()) == (130, "verder")
    assert uit.stderr == "Afgebroken door Ctrl-C. Er is niets geschreven.\n"
