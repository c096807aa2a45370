"""The command line `plaatsing`: a thin layer over the library, one module per group of commands."""
from plaatsing.cli.app import app
from plaatsing.cli.bijna import bijna_geplaatst
from plaatsing.cli.documenten import brieven, rapport
from plaatsing.cli.dossier import dossier
from plaatsing.cli.importeer import importeer
from plaatsing.cli.opdrachten import main
from plaatsing.cli.sweep import sweep

for _opdracht in (rapport, brieven, importeer, bijna_geplaatst, dossier, sweep, app):
    main.add_command(_opdracht)

__all__ = ["main"]
