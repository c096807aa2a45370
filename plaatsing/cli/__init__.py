"""The command line `plaatsing`: a thin layer over the library (see opdrachten)."""
from plaatsing.cli.opdrachten import main
from plaatsing.procedure.cli import dossier

main.add_command(dossier)

__all__ = ["main"]
