"""The command line `plaatsing`: a thin layer over the library, one module per group of commands.

Loading the commands takes about half a second (pandas, openpyxl); a Ctrl-C in that time ends the run with the
same message and exit code as later on (signalen, cli/afhandeling.py), not with a traceback."""
try:
    from plaatsing import signalen as _signalen

    _signalen.bewaak_start()  # a Ctrl-C that a library swallows while loading is not lost
    from plaatsing.cli.app import app
    from plaatsing.cli.bijna import bijna_geplaatst
    from plaatsing.cli.documenten import brieven, rapport
    from plaatsing.cli.dossier import dossier
    from plaatsing.cli.importeer import importeer
    from plaatsing.cli.opdrachten import main
    from plaatsing.cli.sweep import sweep
    _signalen.controleer_start()
except BaseException as _fout:  # noqa: B036 -- a library may turn the Ctrl-C into any error (see signalen)
    import sys

    from plaatsing.signalen import door_signaal, onderbroken_bij_start

    if door_signaal(_fout) is None and not onderbroken_bij_start():
        raise
    sys.stderr.write("Afgebroken door Ctrl-C. Er is niets geschreven.\n")
    sys.exit(130)

for _opdracht in (rapport, brieven, importeer, bijna_geplaatst, dossier, sweep, app):
    main.add_command(_opdracht)

__all__ = ["main"]
