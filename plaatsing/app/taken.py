"""Long work (reading, solving, wat-als, uitleg, documents) in a separate process, with live progress
and a cancel that really stops the computation: the process is ended, nothing half-done is kept."""
from __future__ import annotations

import logging
import multiprocessing
import queue
import re
import secrets
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Callable

from plaatsing.fouten import H4Conflict, InvoerFout, ParameterFout
from plaatsing.signalen import proces_context
from plaatsing.uitvoer.excel import UitvoerFout

log = logging.getLogger("plaatsing.app")

BEZIG, KLAAR, FOUT, AFGEBROKEN = "bezig", "klaar", "fout", "afgebroken"
# imported once by the fork server, so that a new piece of work starts in milliseconds, not seconds
VOORLADEN = ["plaatsing", "plaatsing.plannen.wat_als", "plaatsing.uitleg.verklaring", "plaatsing.uitvoer.rapport",
             "plaatsing.uitvoer.brieven", "plaatsing.uitvoer.excel", "plaatsing.uitvoer.template", "plaatsing.app.werk"]


@dataclass
class Taak:
    """One piece of long work as the page sees it."""

    id: str
    titel: str
    volgende: str                        # where the page goes when the work is done
    meldingen: list[str] = field(default_factory=list)
    status: str = BEZIG
    resultaat: object = None
    fout: BaseException | None = None    # a domain error (InvoerFout, ParameterFout, ...) to show
    referentie: str | None = None        # an internal error: the reference on the polite page
    soort: str = ""                      # what the log calls it
    start: float = field(default_factory=time.monotonic)
    einde: float | None = None

    @property
    def procent(self) -> int | None:
        """The share of the work done from the last progress line that names it (for the progress bar)."""
        for melding in reversed(self.meldingen):
            gevonden = re.search(r"\((\d+)% van het werk\)", melding)
            if gevonden:
                return min(100, int(gevonden.group(1)))
        return None

    @property
    def seconden(self) -> float:
        return (self.einde or time.monotonic()) - self.start


def _in_proces(uitvoer, functie, argumenten) -> None:
    """Runs in the child: progress lines and the outcome go back through `uitvoer`."""
    # ending the child (cancel) must also end the solver processes it started (model/oplossen.py, _los_taken_op)
    signal.signal(signal.SIGTERM, _afbreken)
    try:
        resultaat = functie(*argumenten, voortgang=lambda tekst: uitvoer.put(("melding", str(tekst))))
        uitvoer.put(("klaar", resultaat))
    except KeyboardInterrupt:
        pass
    except Exception as fout:  # noqa: BLE001 - every failure is reported to the page, none is lost

        if isinstance(fout, InvoerFout):  # rebuilt from its Meldingen: its args do not survive pickling
            uitvoer.put(("invoer", list(fout.meldingen)))
        elif _is_domeinfout(fout):
            uitvoer.put(("domein", fout))
        else:
            # type and place only: an exception's text may quote a cell value (a name, a birth date)
            plaatsen = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
                                 for f in traceback.extract_tb(fout.__traceback__))
            uitvoer.put(("intern", f"{type(fout).__name__} in {plaatsen}"))


def _afbreken(*_):
    raise KeyboardInterrupt


def _is_domeinfout(fout: BaseException) -> bool:
    return isinstance(fout, (InvoerFout, ParameterFout, H4Conflict, UitvoerFout))


def _context():
    """A clean process with the library already imported (signalen.proces_context); never plain 'fork' of the
    server, which runs threads."""
    return proces_context(VOORLADEN)


def nieuwe_referentie() -> str:
    return "REF-" + secrets.token_hex(3).upper()


class Taken:
    """The running and finished work of one app; every piece has an id the page polls."""

    def __init__(self):
        self._context = _context()
        self._taken: dict[str, Taak] = {}
        self._processen: dict[str, multiprocessing.Process] = {}
        self._slot = threading.Lock()

    def start(self, titel: str, functie: Callable, argumenten: tuple, *, volgende: str,
              klaar: Callable[[object], None] | None = None, soort: str | None = None) -> Taak:
        """Start `functie(*argumenten, voortgang=...)` in a new process; `klaar(resultaat)` runs here
        when it has finished without error, before the page moves on. The log names the work by
        `soort` (default: the function), never by its title, which may hold a file name."""
        taak = Taak(secrets.token_hex(8), titel, volgende, soort=soort or functie.__name__)
        uitvoer = self._context.Queue()
        proces = self._context.Process(target=_in_proces, args=(uitvoer, functie, argumenten), daemon=False)
        with self._slot:
            self._taken[taak.id] = taak
            self._processen[taak.id] = proces
        proces.start()
        threading.Thread(target=self._volg, args=(taak, proces, uitvoer, klaar), daemon=True).start()
        log.info("taak %s gestart: %s", taak.id, taak.soort)
        return taak

    def _volg(self, taak: Taak, proces, uitvoer, klaar) -> None:
        while taak.status == BEZIG:
            try:
                soort, inhoud = uitvoer.get(timeout=0.2)
            except queue.Empty:
                if proces.is_alive() or taak.status != BEZIG:
                    continue
                try:  # the last message may still be on its way from a process that just ended
                    soort, inhoud = uitvoer.get(timeout=1)
                except queue.Empty:
                    self._zet(taak, FOUT, referentie=self._intern(taak, "het rekenproces stopte onverwacht"))
                    continue
            if soort == "melding":
                taak.meldingen.append(inhoud)
            elif soort == "klaar":
                try:
                    if klaar is not None:
                        klaar(inhoud)
                    self._zet(taak, KLAAR, resultaat=inhoud)
                except Exception as fout:  # noqa: BLE001
                    self._zet(taak, FOUT, referentie=self._intern(taak, type(fout).__name__))
            elif soort == "invoer":
                self._zet(taak, FOUT, fout=InvoerFout(inhoud))
            elif soort == "domein":
                self._zet(taak, FOUT, fout=inhoud)
            else:
                self._zet(taak, FOUT, referentie=self._intern(taak, inhoud))
        proces.join(timeout=5)
        with self._slot:
            self._processen.pop(taak.id, None)
        log.info("taak %s: %s na %.1f s", taak.id, taak.status, taak.seconden)

    def _zet(self, taak: Taak, status: str, **waarden) -> None:
        with self._slot:
            if taak.status != BEZIG:
                return
            for naam, waarde in waarden.items():
                setattr(taak, naam, waarde)
            taak.status, taak.einde = status, time.monotonic()

    @staticmethod
    def _intern(taak: Taak, wat: str) -> str:
        referentie = nieuwe_referentie()
        log.error("interne fout %s in taak %s (%s): %s", referentie, taak.id, taak.soort, wat)
        return referentie

    def get(self, taak_id: str) -> Taak | None:
        return self._taken.get(taak_id)

    def stop(self, taak_id: str) -> None:
        """Cancel: end the process (and, through its SIGTERM handler, the solver processes)."""
        taak = self._taken.get(taak_id)
        if taak is None:
            return
        self._zet(taak, AFGEBROKEN)
        with self._slot:
            proces = self._processen.get(taak_id)
        if proces is not None and proces.is_alive():
            proces.terminate()
            proces.join(timeout=5)
            if proces.is_alive():
                proces.kill()

    def stop_alles(self) -> None:
        for taak_id in list(self._taken):
            if self._taken[taak_id].status == BEZIG:
                self.stop(taak_id)

    def bezig(self) -> bool:
        return any(t.status == BEZIG for t in self._taken.values())

    def aantal_bezig(self) -> int:
        return sum(t.status == BEZIG for t in self._taken.values())
