"""The command line `plaatsing`: a thin layer over the library, one module per group of commands."""
from plaatsing.app.cli import app
from plaatsing.cli.bijna import bijna_geplaatst
from plaatsing.cli.importeer import importeer
from plaatsing.cli.opdrachten import main
from plaatsing.procedure.cli import dossier

for _opdracht in (importeer, bijna_geplaatst, dossier, app):
    main.add_command(_opdracht)

__all__ = ["main"]
