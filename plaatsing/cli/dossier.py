"""The command `plaatsing dossier` (regels.md P3): one person's history, or the chain of versions."""
from __future__ import annotations

import json
import sys

import click

from plaatsing.cli import nl
from plaatsing.cli.gereedschap import EXIT_SCHENDINGEN, debug_optie, draai, personeelsnummer


@click.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.argument("besluiten", nargs=-1, required=True, type=nl.bestand())
@click.option("--medewerker", "-m", metavar="NR", help="Toon de geschiedenis van deze medewerker.")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
@debug_optie
def dossier(scenario, besluiten, medewerker, als_json, debug):
    """Toon de geschiedenis van een medewerker over de versies van de besluiten, of controleer de reeks.

    Voorbeeld: plaatsing dossier scenario.xlsx besluiten-1.xlsx besluiten-2.xlsx --medewerker A0035

    Geef de besluitenbestanden in volgorde (voornemen eerst). Elke versie noemt de sha256 van de versie
    ervoor; een bestand dat na het schrijven is gewijzigd of een ontbrekende versie breekt de reeks.
    Exitcode 0 als de reeks intact is, 4 als die gebroken is.
    """
    from plaatsing.plannen.inlezen import read_scenario
    from plaatsing.procedure.dossier import (als_tekst_geschiedenis, als_tekst_keten, controleer_keten,
                                             geschiedenis, keten_overzicht, lees_versie)

    def werk():
        s = read_scenario(scenario)
        versies = [lees_versie(pad) for pad in besluiten]
        intact = controleer_keten(versies)
        if medewerker:
            uitkomst = geschiedenis(s, versies, personeelsnummer(s, medewerker))
            uitkomst["keten_intact"] = intact
            tekst = als_tekst_geschiedenis(uitkomst)
        else:
            uitkomst = keten_overzicht(versies, s)
            tekst = als_tekst_keten(uitkomst)
        click.echo(json.dumps(uitkomst, ensure_ascii=False, indent=2) if als_json else tekst)
        if not intact:
            if not als_json:
                click.echo("De reeks van versies is niet intact; zie de problemen hierboven.", err=True)
            sys.exit(EXIT_SCHENDINGEN)

    draai(werk, debug, schrijft=False)
