"""Shared by the CLI tests: run a `plaatsing` command in-process, as a user types it."""
from __future__ import annotations

from click.testing import CliRunner

from plaatsing.cli import main


def draai(*args, env=None):
    """`plaatsing ARGS…` with click's test runner (stdout and stderr apart); paths may be Path objects."""
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="plaatsing", env=env)
