"""The command line `plaatsing`: a thin layer over the library (see opdrachten)."""
from plaatsing.cli.opdrachten import main

__all__ = ["main"]
