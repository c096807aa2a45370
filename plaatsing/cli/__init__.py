"""The command line `plaatsing`: a thin layer over the library, one module per group of commands."""
from plaatsing.app.cli import app
from plaatsing.cli.bijna import bijna_geplaatst
from plaatsing.cli.importeer import importeer
from plaatsing.cli.opdrachten import main
from plaatsing.procedure.cli import dossier

main.add_command(dossier)

main.add_command(importeer)
main.add_command(bijna_geplaatst)
main.add_command(app)

__all__ = ["main"]
