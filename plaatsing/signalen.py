"""Stopping on a signal: Ctrl-C (SIGINT), SIGTERM and SIGHUP end a command the same way everywhere.

While `opvangen()` runs, each of the three signals becomes the exception `Gestopt` in the main
process (a KeyboardInterrupt, so every `try/finally` and every `except KeyboardInterrupt` cleans
up as for Ctrl-C), and the command ends with exit code 128 + the signal's number (130, 143, 129).

The solver does not swallow the signal: every CP-SAT solver made through `volg` leaves SIGINT to
Python (`catch_sigint_signal = False`; CP-SAT's own handler would end only the current search, and
the run would go on). A Python handler runs only between bytecodes, not during a long `Solve`; so
a watcher thread, woken through `signal.set_wakeup_fd` the moment the signal arrives, stops the
searches that run (`stop_search`), the `Solve` returns and the handler raises `Gestopt`. Processes
that solve parts for the main process ignore SIGINT (a Ctrl-C on the terminal reaches them too): the
main process ends them (`stop_pool`), and they print nothing.

Python drops an exception raised while a weakref callback or a `__del__` runs ("Exception ignored
in ..."): a signal that arrives just then would be lost and the run would go on. So the drop is not
printed (no traceback for the user), the signal is remembered, and `controleer()` raises it again
where the work goes on: before every solve, at every progress line, before a finished file is put in
its place, and when the block ends.

While the command line loads its commands (pandas, openpyxl, OR-Tools, the app), `bewaak_start` records a
Ctrl-C besides raising KeyboardInterrupt as Python does, and `controleer_start` raises it again once loading is
done: a library that probes its optional modules catches ImportError, and a Ctrl-C during an extension's
initialisation becomes one (`door_signaal`), so it could be swallowed and the command went on (seen in CI:
`plaatsing app` served after a Ctrl-C at 0.3 s); and a library may turn it into an error of its own
(`onderbroken_bij_start`).

Processes of a pool made with `pool()` watch their parent and end when it is gone (a library call
killed by SIGTERM or SIGKILL runs no cleanup of its own).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from plaatsing import opstart

SIGNALEN = tuple(getattr(signal, naam) for naam in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, naam))
SIGNAALNAMEN = {"SIGINT": "Ctrl-C", "SIGTERM": "het signaal SIGTERM", "SIGHUP": "het signaal SIGHUP (sessie gesloten)"}

_lopend: "weakref.WeakSet" = weakref.WeakSet()  # solvers of the main process (stopped on a signal)
_gestopt: list[int] = []  # the signal that stopped the work while opvangen() runs (at most one)
_hulpproces_klaar = False
_bij_start: list[int] = opstart.ONDERBROKEN  # a Ctrl-C while the command line loads (bewaak_start)
OUDER_KIJK = 0.5  # seconds between two looks of a pool process at its parent


class Gestopt(KeyboardInterrupt):
    """The work was stopped by a signal; `exitcode` is 128 + its number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(signum)
        self.signum = signum

    @property
    def exitcode(self) -> int:
        return 128 + int(self.signum)

    @property
    def oorzaak(self) -> str:
        """In words, for the message to the user."""
        return SIGNAALNAMEN.get(signal.Signals(self.signum).name, f"signaal {int(self.signum)}")


def door_signaal(fout: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C (or Gestopt) behind an exception: an extension module that is loading when the signal arrives
    (OR-Tools' pybind11 modules) turns it into "ImportError: initialization failed"."""
    gezien = set()
    while fout is not None and id(fout) not in gezien:
        if isinstance(fout, KeyboardInterrupt):
            return fout
        gezien.add(id(fout))
        fout = fout.__cause__ or fout.__context__
    return None


def bewaak_start() -> None:
    """Record a Ctrl-C while the program loads (see above, opstart.py); only where Python's own handler is in place.
    The command line does so from the package's first line on (plaatsing/__init__.py); this is for a caller that
    loads the commands otherwise."""
    if threading.current_thread() is threading.main_thread():
        opstart.bewaak()


def onderbroken_bij_start() -> bool:
    """Whether a Ctrl-C arrived while the program loaded. A library may turn it into an error of its own: openpyxl
    converts a style value in a bare `except` and raises TypeError (seen in CI: a Ctrl-C at 0.3 s while openpyxl
    loaded its built-in styles)."""
    return bool(_bij_start)


def controleer_start() -> None:
    """Raise KeyboardInterrupt when a Ctrl-C arrived while loading, also when a library swallowed it."""
    if _bij_start:
        raise KeyboardInterrupt


def exitcode(fout: BaseException) -> int:
    """The exit code of an interruption: a plain KeyboardInterrupt is a Ctrl-C."""
    return fout.exitcode if isinstance(fout, Gestopt) else 128 + signal.SIGINT


def controleer() -> None:
    """Raise `Gestopt` when a signal arrived while `opvangen()` runs (its own exception may have been
    dropped; see above)."""
    if _gestopt:
        raise Gestopt(_gestopt[0])


def volg(solver) -> None:
    """Make a CP-SAT solver stoppable by the signals above (call before `solve`); a run that a
    signal stopped starts no new search."""
    global _hulpproces_klaar
    solver.parameters.catch_sigint_signal = False
    if multiprocessing.parent_process() is not None:
        # a process that solves parts for another: Ctrl-C is for the main process, which ends this one
        if not _hulpproces_klaar and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _hulpproces_klaar = True
        return
    controleer()
    _lopend.add(solver)


def _stop_solvers() -> None:
    for solver in list(_lopend):
        solver.stop_search()


def _handler(signum, _frame):
    if _gestopt:
        return  # already stopping: let the cleanup finish
    _gestopt.append(signum)
    _stop_solvers()
    raise Gestopt(signum)


@contextmanager
def opvangen():
    """Turn SIGINT, SIGTERM and SIGHUP into `Gestopt` while the block runs (main thread only;
    elsewhere the block just runs)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    lees, schrijf = socket.socketpair()
    schrijf.setblocking(False)
    oud_fd = signal.set_wakeup_fd(schrijf.fileno(), warn_on_full_buffer=False)
    oud = {s: signal.signal(s, _handler) for s in SIGNALEN}
    oude_hook = sys.unraisablehook
    _gestopt.clear()

    def stil(dropped):  # our own dropped Gestopt is no error to print (a traceback to the user): it is remembered
        if not isinstance(dropped.exc_value, Gestopt):
            oude_hook(dropped)

    sys.unraisablehook = stil

    def kijk():  # wakes the moment a signal arrives, also while the main thread is inside CP-SAT
        while True:
            try:
                data = lees.recv(64)
            except OSError:
                return
            if not data:
                return
            if any(b in SIGNALEN for b in data):
                _stop_solvers()

    wachter = threading.Thread(target=kijk, name="plaatsing-signalen", daemon=True)
    wachter.start()
    try:
        yield
        controleer()
    finally:
        for s, h in oud.items():
            signal.signal(s, h)
        sys.unraisablehook = oude_hook
        signal.set_wakeup_fd(oud_fd)
        schrijf.close()
        lees.shutdown(socket.SHUT_RDWR)
        wachter.join(timeout=1)
        lees.close()
        _gestopt.clear()


def pool(processen: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of processes that end when this process ends, however it ends: a library call (`solve` in a
    notebook) stopped by SIGTERM or SIGKILL runs no cleanup, and the processes would go on solving. Each
    process watches this process (multiprocessing's parent, also when the fork server forked it) and stops within
    OUDER_KIJK seconds after it is gone."""
    return ProcessPoolExecutor(max_workers=processen, mp_context=_context(),
                               initializer=_start_hulpproces, initargs=(initializer, initargs))


# what the processes of a pool run (model/oplossen.py, plannen/maken.py), imported once by the fork server
VOORLADEN = ["plaatsing.model.oplossen", "plaatsing.plannen.maken"]


def _context():
    return proces_context(VOORLADEN)


def proces_context(voorladen: list[str]):
    """'forkserver' where the platform has it (Linux, macOS): the library (`voorladen`) is imported once, in the
    fork server, and each process starts from that copy — with 'spawn' each imported pandas and OR-Tools itself
    (~1.2 s of a core each; 2,000 people: two processes, ~1 s of the run on 2 cores). Never plain 'fork': the
    caller (a notebook, the app's server) may run threads. Elsewhere 'spawn'."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(voorladen)
        return context
    return multiprocessing.get_context("spawn")


def start_goedkoop() -> bool:
    """Whether a process of `pool()` starts from the fork server (a fork, no imports of its own). Asks the platform
    only: it does not set the fork server's modules (the app sets its own, app/taken.py)."""
    return "forkserver" in multiprocessing.get_all_start_methods()


def voorverwarm() -> None:
    """Start the fork server now, so that its imports run on a free core while this process reads the scenario
    (the command line calls it before reading). Nothing happens without 'forkserver', or when it runs already."""
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver
        forkserver.ensure_running()


def _start_hulpproces(initializer, initargs: tuple) -> None:
    threading.Thread(target=_bewaak_ouder, name="plaatsing-ouder", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _bewaak_ouder() -> None:
    """End this process when the one that made the pool is gone. That is multiprocessing's parent, also when the
    process was forked by the fork server (which itself ends only when every process it made has ended)."""
    ouder = multiprocessing.parent_process()
    if ouder is None:
        return  # not a process of a pool: nothing to watch
    while ouder.is_alive():
        time.sleep(OUDER_KIJK)
    os._exit(1)  # the parent is gone: nobody waits for this work


def stop_pool(pool) -> None:
    """Stop a ProcessPoolExecutor now (an H4 conflict, an error or Ctrl-C): end its processes instead
    of letting the queued work finish."""
    for proces in list(getattr(pool, "_processes", {}).values()):
        proces.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    # wait for the pool's manager thread to see its processes gone and close its pipe: else Python's exit can
    # still write to that pipe as it closes ("Exception ignored … OSError: Bad file descriptor", found by CI)
    beheerder = getattr(pool, "_executor_manager_thread", None)
    if beheerder is not None:
        beheerder.join(timeout=5)
