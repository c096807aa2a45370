"""The command line `plaatsing`: a thin layer over the library, one module per group of commands."""
from plaatsing.app.cli import app
from plaatsing.cli.bijna import bijna_geplaatst
from plaatsing.cli.documenten import brieven, rapport
from plaatsing.cli.importeer import importeer
from plaatsing.cli.opdrachten import main
from plaatsing.procedure.cli import dossier
from plaatsing.sweep.cli import sweep

for _opdracht in (rapport, brieven, importeer, bijna_geplaatst, dossier, sweep, app):
    main.add_command(_opdracht)

__all__ = ["main"]
