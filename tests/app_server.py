"""Start `plaatsing app` as a real process for the tests, and stop it as Ctrl-C would."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"


@contextmanager
def app_proces(*args, tmpdir: Path):
    """Yield (base URL, process, stderr lines so far); TMPDIR points into `tmpdir` so that the test
    can check the temporary folder is gone afterwards."""
    omgeving = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"}
    proces = subprocess.Popen([sys.executable, "-m", "plaatsing.cli", "app", "--geen-browser", *map(str, args)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=omgeving)
    regels: list[str] = []
    try:
        einde = time.monotonic() + 30
        url = None
        while url is None and time.monotonic() < einde:
            regel = proces.stdout.readline()
            if not regel:
                break
            regels.append(regel.rstrip("\n"))
            gevonden = re.search(r"draait op (http://\S+)", regel)
            url = gevonden.group(1).rstrip("/") if gevonden else None
        assert url, "plaatsing app startte niet:\n" + "\n".join(regels)
        yield url, proces, regels
    finally:
        if proces.poll() is None:
            proces.send_signal(signal.SIGINT)
            try:
                rest, _ = proces.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proces.kill()
                rest, _ = proces.communicate()
            regels.extend((rest or "").splitlines())


def wacht_op(url: str, *, timeout: float = 10) -> None:
    einde = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > einde:
                raise
            time.sleep(0.1)
