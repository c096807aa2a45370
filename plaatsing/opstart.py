"""The first milliseconds of the command line: a Ctrl-C while it loads its commands is recorded besides raising
KeyboardInterrupt as Python does. Python drops that KeyboardInterrupt when it lands in a weakref callback or a
`__del__` ("Exception ignored in ..."), and the command went on (seen in CI: a Ctrl-C 0.05 s after the start of
`plaatsing app`, inside importlib's module lock, and the app served). plaatsing/__init__.py installs this before it
imports anything else; signalen.controleer_start raises the Ctrl-C again once the commands are loaded.

Only `signal` and `sys` (built into Python): nothing to load, so the moment it is in place comes first."""
from __future__ import annotations

import signal
import sys

ONDERBROKEN: list[int] = []  # a Ctrl-C while the command line loads


def bij_het_laden(signum, _frame):
    ONDERBROKEN.append(signum)
    raise KeyboardInterrupt


def bewaak() -> None:
    """In place of Python's own handler only (not in a notebook or test that set its own); a recorded
    KeyboardInterrupt that Python drops is not printed (no traceback for the user)."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    try:
        signal.signal(signal.SIGINT, bij_het_laden)
    except ValueError:  # not the main thread
        return
    eerder = sys.unraisablehook

    def stil(dropped):
        if not (ONDERBROKEN and isinstance(dropped.exc_value, KeyboardInterrupt)):
            eerder(dropped)

    sys.unraisablehook = stil
