"""Starting and stopping the local web server: loopback unless --host, a free port, the access
token, a temporary folder for uploads and documents that is removed at exit, quiet logs."""
from __future__ import annotations

import logging
import shutil
import socket
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path

from plaatsing.app.beveiliging import ToegangFout, controleer_adres, is_loopback, nieuw_token

log = logging.getLogger("plaatsing.app")


class StartFout(Exception):
    """The server cannot start (address refused, port in use)."""


def _reden(fout: OSError) -> str:
    """Why the address cannot be used, in Dutch (the OS's own text is English)."""
    import errno

    return {errno.EADDRINUSE: "de poort is al in gebruik door een ander programma",
            errno.EACCES: "geen rechten voor deze poort; poorten onder 1024 alleen als beheerder",
            errno.EADDRNOTAVAIL: "dit adres hoort niet bij deze computer"}.get(
        fout.errno, f"systeemfout {errno.errorcode.get(fout.errno or 0, fout.errno)}")


def open_socket(host: str, poort: int, *, host_gegeven: bool) -> socket.socket:
    """A listening socket on host:poort (0: a free port); refuses other interfaces without --host."""
    try:
        controleer_adres(host, host_gegeven=host_gegeven)
    except ToegangFout as fout:
        raise StartFout(str(fout)) from None
    familie = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(familie, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), poort))
        sock.listen(64)
    except OSError as fout:
        sock.close()
        raise StartFout(f"kan niet luisteren op {host}:{poort} ({_reden(fout)}); kies een andere "
                        "poort met --poort of laat --poort weg voor een vrije poort.") from None
    sock.set_inheritable(True)
    return sock


def _logboek() -> None:
    """Our own lines on stderr; no access log (URLs and uploads could carry more than a number)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[plaatsing app] %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False


def start(scenariomap: Path | None, *, host: str, poort: int, host_gegeven: bool, browser: bool,
          melden=print) -> None:
    """Serve until Ctrl-C; then end running work and remove the temporary folder."""
    import uvicorn

    from plaatsing.app.web import maak_app

    sock = open_socket(host, poort, host_gegeven=host_gegeven)
    poort = sock.getsockname()[1]
    lokaal = is_loopback(host)
    token = None if lokaal else nieuw_token()
    namen = {"127.0.0.1", "localhost", "[::1]", host}
    hosts = {f"{naam}:{poort}" for naam in namen} | (namen if poort == 80 else set()) if lokaal else None
    werkmap = Path(tempfile.mkdtemp(prefix="plaatsing-app-"))
    _logboek()
    app = maak_app(werkmap, scenariomap=scenariomap, token=token, hosts=hosts)
    adres = f"http://{'[::1]' if host.strip('[]') == '::1' else ('127.0.0.1' if lokaal else host)}:{poort}/"
    melden(f"Plaatsing app draait op {adres}")
    if token:
        melden(f"Ook bereikbaar vanaf andere computers (--host {host}). Toegangscode: {token}")
        melden("Geef die code alleen aan wie de gegevens mag zien; de pagina vraagt erom.")
    melden("Stoppen: Ctrl-C. Alle gegevens blijven op deze computer.")
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3, server_header=False)
    server = uvicorn.Server(config)
    if browser:
        threading.Timer(0.8, webbrowser.open, args=(adres if lokaal else f"http://127.0.0.1:{poort}/",)).start()
    try:
        server.run(sockets=[sock])
    finally:
        app.state.taken.stop_alles()
        shutil.rmtree(werkmap, ignore_errors=True)
        sock.close()
        melden("Plaatsing app is gestopt; de tijdelijke bestanden zijn verwijderd.")
