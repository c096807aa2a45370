"""Starting and stopping the local web server: loopback unless --host (then TLS, or --onveilig-http), a free
port, the access token, quiet logs, and one private temporary folder for uploads, documents and every other
temporary file (Python's and openpyxl's included), removed at exit — also on SIGTERM and SIGHUP — and on the
next start when a previous run was killed."""
from __future__ import annotations

import logging
import signal
import socket
import sys
import threading
import webbrowser
from pathlib import Path

from plaatsing.app.beveiliging import ToegangFout, controleer_adres, is_loopback, nieuw_token
from plaatsing.app.web import maak_app
from plaatsing.signalen import controleer_start
from plaatsing.tijdelijk import eigen_tijdelijke_map

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


# what the web server (uvicorn) may say on stderr, in the words a user reads; anything else becomes the last line
UVICORN_NL = {
    "Invalid HTTP request received.": "Een ongeldig verzoek aan de webserver is genegeerd.",
    "Unsupported upgrade request.": "Een verzoek om een ander protocol is genegeerd.",
    "No supported WebSocket library detected. Please use \"pip install 'uvicorn[standard]'\", or install "
    "'websockets' or 'wsproto' manually.": "Een websocketverzoek is genegeerd.",
}
UVICORN_ANDERS = "De webserver meldde een probleem (uvicorn, {niveau}); de app draait door."


class _InNederlands(logging.Filter):
    """uvicorn's own lines in Dutch, without exception text or a traceback (they may quote a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        tekst = record.getMessage()
        record.msg = UVICORN_NL.get(tekst, UVICORN_ANDERS.format(niveau=record.levelname.lower()))
        record.args, record.exc_info, record.exc_text, record.stack_info = (), None, None, None
        return True


def _logboek() -> None:
    """Our own lines on stderr, uvicorn's in Dutch through the same handler; no access log (URLs and uploads could
    carry more than a number)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[plaatsing app] %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    webserver = logging.StreamHandler()
    webserver.setFormatter(logging.Formatter("[plaatsing app] %(message)s"))
    webserver.addFilter(_InNederlands())
    for naam in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(naam)
        logger.handlers[:] = [webserver] if naam == "uvicorn" else []
        logger.setLevel(logging.WARNING)
        logger.propagate = naam != "uvicorn"
    logging.getLogger("uvicorn.access").disabled = True


PREFIX = "plaatsing-app-"


def start(scenariomap: Path | None, *, host: str, poort: int, host_gegeven: bool, browser: bool,
          melden=print, tls: tuple[Path, Path] | None = None, onveilig: bool = False) -> None:
    """Serve until Ctrl-C, SIGTERM or SIGHUP; then end running work and remove the temporary folder."""
    import uvicorn


    sock = open_socket(host, poort, host_gegeven=host_gegeven)
    poort = sock.getsockname()[1]
    lokaal = is_loopback(host)
    token = None if lokaal else nieuw_token()
    namen = {"127.0.0.1", "localhost", "[::1]", host}
    hosts = {f"{naam}:{poort}" for naam in namen} | (namen if poort == 80 else set()) if lokaal else None
    tijdelijk = eigen_tijdelijke_map(PREFIX)
    werkmap = tijdelijk.__enter__()  # uploads, documents, tempfile and openpyxl, worker processes (TMPDIR)
    app, vorige, gestart = None, {}, False
    try:  # from here on every way out (also a Ctrl-C while the page is still being made) removes the folder
        _logboek()
        schema = "https" if tls else "http"
        app = maak_app(werkmap, scenariomap=scenariomap, token=token, hosts=hosts, onveilig=onveilig and not lokaal)
        adres = f"{schema}://{'[::1]' if host.strip('[]') == '::1' else ('127.0.0.1' if lokaal else host)}:{poort}/"
        config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=3, server_header=False,
                                ssl_certfile=str(tls[0]) if tls else None, ssl_keyfile=str(tls[1]) if tls else None)
        server = uvicorn.Server(config)
        vorige = _stop_bij_signaal(server)
        controleer_start()  # a Ctrl-C while the page was made that a library swallowed: the app does not start
        melden(f"Plaatsing app draait op {adres}")
        if token:
            melden(f"Ook bereikbaar vanaf andere computers (--host {host}). Toegangscode: {token}")
            melden("Geef die code alleen aan wie de gegevens mag zien; de pagina vraagt erom.")
        if onveilig and not lokaal:
            melden("Let op: zonder TLS gaan namen en besluiten onversleuteld over het netwerk (--onveilig-http).")
        melden("Stoppen: Ctrl-C. Alle gegevens blijven op deze computer.")
        if browser:
            threading.Timer(0.8, webbrowser.open, args=(adres if lokaal else f"{schema}://127.0.0.1:{poort}/",)).start()
        gestart = True
        server.run(sockets=[sock])
    finally:
        if app is not None:
            app.state.taken.stop_alles()
        tijdelijk.__exit__(None, None, None)
        sock.close()
        for nummer, handler in vorige.items():
            signal.signal(nummer, handler)
        if gestart:
            melden("Plaatsing app is gestopt; de tijdelijke bestanden zijn verwijderd.")


def _stop_bij_signaal(server) -> dict:
    """Ctrl-C, SIGTERM and SIGHUP stop the server, so that the cleanup runs. While it serves, uvicorn's own
    handlers take them (capture_signals) and afterwards raise them once more under the handler found before:
    this one. Outside serving (a signal just before it starts, or uvicorn's second raise) the handler only
    tells the server to stop or not to start; `run` then returns and the cleanup in `start` runs. (Without it a
    Ctrl-C just as asyncio starts cancelled a task inside uvicorn's start-up, and the app went on serving.)"""
    def stop(_nummer, _frame):
        server.should_exit = True

    vorige = {}
    for naam in ("SIGINT", "SIGTERM", "SIGHUP"):
        nummer = getattr(signal, naam, None)
        if nummer is not None:
            vorige[nummer] = signal.signal(nummer, stop)
    return vorige
