"""Shared by the CLI tests: run a `plaatsing` command in-process, as a user types it."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from plaatsing.cli import main


def draai(*args, env=None):
    """`plaatsing ARGS…` with click's test runner (stdout and stderr apart); paths may be Path objects."""
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="plaatsing", env=env)


DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
_demo_besluiten: list[Path] = []  # the demo's besluiten, solved once per test process


def demo_besluiten(tmp_path_factory, naam: str = "demo-besluiten.xlsx") -> Path:
    """A fresh copy of the demo's besluiten workbook in a folder of its own (`plaatsing solve` runs once per
    test process; a test may change its copy)."""
    if not _demo_besluiten:
        bron = tmp_path_factory.mktemp("demo-bron") / "demo-besluiten.xlsx"
        uitkomst = draai("solve", DEMO, "-o", bron, "--stil")
        assert uitkomst.exit_code == 0, uitkomst.output
        _demo_besluiten.append(bron)
    pad = tmp_path_factory.mktemp("demo") / naam
    shutil.copyfile(_demo_besluiten[0], pad)
    return pad
