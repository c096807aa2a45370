"""One private temporary folder per run, for every temporary file (Python's tempfile and openpyxl's, uploads,
documents of the app): removed when the run ends, and by the next run when a run was killed.

A temporary file of plaatsing may hold the whole decisions sheet with names; none may stay behind.
"""
from __future__ import annotations

import multiprocessing.util
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

PID = "proces.pid"


def ruim_oude_mappen_op(prefix: str, basis: Path | None = None) -> int:
    """Remove the folders `prefix*` of earlier runs whose process is gone (killed, power cut); returns how many."""
    basis = Path(basis or tempfile.gettempdir())
    weg = 0
    for map_ in basis.glob(f"{prefix}*"):
        try:
            pid = int((map_ / PID).read_text())
        except (OSError, ValueError):
            continue  # not ours, or not yet written: leave it
        if pid != os.getpid() and not _leeft(pid):
            shutil.rmtree(map_, ignore_errors=True)
            weg += 1
    return weg


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def eigen_tijdelijke_map(prefix: str = "plaatsing-"):
    """Yield a new private folder (mode 0700) in the system's temp folder; while it is open, tempfile and child
    processes (TMPDIR) put their temporary files in its subfolder `tmp`. Removed on every way out."""
    basis = Path(tempfile.gettempdir())
    ruim_oude_mappen_op(prefix, basis)
    multiprocessing.util.get_temp_dir()  # its sockets stay outside (it removes them itself at exit)
    map_ = Path(tempfile.mkdtemp(prefix=prefix, dir=basis))
    oud_tempdir, oud_tmpdir = tempfile.tempdir, os.environ.get("TMPDIR")
    try:
        (map_ / PID).write_text(str(os.getpid()))
        (map_ / "tmp").mkdir()
        tempfile.tempdir = os.environ["TMPDIR"] = str(map_ / "tmp")
        yield map_
    finally:
        tempfile.tempdir = oud_tempdir
        if oud_tmpdir is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = oud_tmpdir
        shutil.rmtree(map_, ignore_errors=True)
