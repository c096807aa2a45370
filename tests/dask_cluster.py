"""A real Dask cluster for the tests: `dask scheduler` and `dask worker` processes on 127.0.0.1.

The scheduler listens on a random free port (port 0) and writes its address to a scheduler
file; every process runs in its own session so that it (with the worker's nanny and its child)
can be stopped as a group; everything is stopped at the end, also when a test fails.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

DASK = Path(sys.executable).with_name("dask")


class Cluster:
    def __init__(self, map_: Path, workers: int = 2):
        self.map = map_
        self.map.mkdir(parents=True, exist_ok=True)
        self.bestand = map_ / "scheduler.json"
        self.processen: dict[str, subprocess.Popen] = {}
        self.adres = ""
        self.aantal = workers

    def _start(self, naam: str, *args: str) -> subprocess.Popen:
        log = open(self.map / f"{naam}.log", "wb")
        proces = subprocess.Popen([str(DASK), *args], cwd=self.map, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        log.close()
        self.processen[naam] = proces
        return proces

    def __enter__(self) -> "Cluster":
        try:
            self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", str(self.bestand))
            self.adres = self._wacht_op_adres()
            for i in range(1, self.aantal + 1):
                self.start_worker(f"w{i}")
            self.wacht_op_workers(self.aantal)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_):
        self.stop()

    def start_worker(self, naam: str) -> None:
        werkmap = self.map / naam
        werkmap.mkdir(exist_ok=True)
        self._start(naam, "worker", self.adres, "--name", naam, "--nthreads", "1", "--nworkers", "1",
                    "--no-dashboard", "--local-directory", str(werkmap))

    def _wacht_op_adres(self, seconden: float = 60) -> str:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if self.bestand.exists():
                try:
                    return json.loads(self.bestand.read_text())["address"]
                except (ValueError, KeyError):
                    pass
            if self.processen["scheduler"].poll() is not None:
                raise RuntimeError("dask scheduler stopte: " + (self.map / "scheduler.log").read_text())
            time.sleep(0.2)
        raise TimeoutError("dask scheduler gaf geen adres")

    def client(self):
        from distributed import Client
        return Client(self.adres, timeout="30s", set_as_default=False)

    def wacht_op_workers(self, aantal: int, seconden: float = 90) -> None:
        with self.client() as c:
            c.wait_for_workers(aantal, timeout=seconden)

    def worker_namen(self, client) -> dict[str, str]:
        """worker address -> name (w1, w2, …)"""
        return {adres: info["name"] for adres, info in client.scheduler_info()["workers"].items()}

    def dood(self, naam: str) -> None:
        """Kill a worker (its nanny and its worker process) at once, as a machine that dies."""
        proces = self.processen.pop(naam)
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(10)

    def dood_bij_start(self, onderwerp: str, n: int = 2) -> Path:
        """Arrange that the first worker to log its `n`-th event on `onderwerp` (a variant's start)
        dies right after, with its nanny, as a machine that dies mid-task. Which worker and which
        variant go to the returned file, written before the kill."""
        from distributed.diagnostics.plugin import WorkerPlugin

        verslag = self.map / "gedood.json"

        class DoodBijStart(WorkerPlugin):  # nested: travels by value to the workers
            name = "dood-bij-start"

            def setup(self, worker):
                origineel, teller = worker.log_event, []

                def log_event(topic, msg):
                    origineel(topic, msg)
                    if topic != onderwerp:
                        return
                    teller.append(msg)
                    if len(teller) != n:
                        return
                    try:
                        fd = os.open(verslag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                    except FileExistsError:
                        return  # another worker was first
                    os.write(fd, json.dumps({"worker": worker.name, "variant": msg.get("variant")}).encode())
                    os.close(fd)
                    time.sleep(0.5)  # the start event is sent to the scheduler
                    os.killpg(os.getpgid(0), signal.SIGKILL)

                worker.log_event = log_event

        with self.client() as c:
            c.register_plugin(DoodBijStart())
        return verslag

    def opgeruimd(self, naam: str) -> None:
        """Forget a worker that died by itself."""
        self.processen.pop(naam).wait(10)

    def stop(self) -> None:
        for naam in sorted(self.processen, key=lambda n: n == "scheduler"):  # workers first
            proces = self.processen[naam]
            if proces.poll() is None:
                try:
                    os.killpg(proces.pid, signal.SIGTERM)
                    proces.wait(15)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(proces.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    proces.wait(5)
        self.processen.clear()
