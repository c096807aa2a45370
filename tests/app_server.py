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

import openpyxl
import pytest

from plaatsing import InvoerFout, read_scenario

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
            gevonden = re.search(r"draait op (https?://\S+)", regel)
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


@contextmanager
def in_proces(app):
    """Serve a `maak_app` application from a thread of this process (so that tests can patch it)."""
    import threading

    import uvicorn

    from plaatsing.app.server import open_socket

    sock = open_socket("127.0.0.1", 0, host_gegeven=False)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    draad = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    draad.start()
    einde = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < einde and draad.is_alive(), "de server startte niet"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        draad.join(timeout=10)
        sock.close()


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


def _kapot_scenario(pad: Path) -> Path:
    boek = openpyxl.load_workbook(DEMO)
    boek["Medewerkers"].cell(2, 1).value = None            # personeelsnummer leeg
    boek["Medewerkers"].cell(3, 5).value = "BESTAAT-NIET"  # onbekende functie
    boek["Nieuwe functies"].cell(2, 5).value = -3          # formatie buiten bereik
    boek.save(pad)
    return pad


def _meldingen(pad):
    with pytest.raises(InvoerFout) as fout:
        read_scenario(pad)
    return fout.value.meldingen


def pagina(base_url: str, **opties):
    """An httpx client that posts like the app's own pages: this server as Origin and the session's CSRF
    token (read from a page) in every form."""
    import httpx

    class Pagina(httpx.Client):
        csrf: str | None = None

        def post(self, url, *, data=None, files=None, **kw):
            if self.csrf is None:
                gevonden = re.search(r'name="csrf" value="([^"]+)"', self.get("/toegang").text)
                self.csrf = gevonden.group(1)
            return super().post(url, data={**(data or {}), "csrf": self.csrf}, files=files, **kw)

    return Pagina(base_url=base_url, headers={"origin": base_url}, **opties)
