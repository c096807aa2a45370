"""`plaatsing bijna-geplaatst`: solve, and for every boventallige the smallest extra room that places them."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from plaatsing.cli import nl

# The shared helpers of plaatsing.cli are imported inside the command: plaatsing.cli imports this
# module at its end, also when it runs as `python -m plaatsing.cli`.
_peildatum = click.option("--peildatum", metavar="JJJJ-MM-DD", help="Peildatum (gaat voor het blad Parameters).")
_parameter = click.option("--parameter", "-p", multiple=True, metavar="NAAM=WAARDE",
                          help="Zet een parameter, bijvoorbeeld -p drempel_wijziging=40 (mag vaker).")
_debug = click.option("--debug", is_flag=True, help="Toon bij een interne fout de volledige foutmelding.")


@click.command("bijna-geplaatst", options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Pad van de besluiten (standaard: <scenario>-besluiten.xlsx naast het scenario).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@click.option("--max-extra", type=click.FloatRange(0, min_open=True), metavar="FTE",
              help="Probeer geen extra formatie boven dit aantal fte.")
@click.option("--stil", is_flag=True, help="Geen voortgangsmeldingen.")
@_peildatum
@click.option("--tijdslimiet", type=nl.seconden(), metavar="SECONDEN", help="Maximale rekentijd per plan in seconden.")
@_parameter
@_debug
def bijna_geplaatst(scenario, uitvoer, overschrijf, max_extra, stil, peildatum, tijdslimiet, parameter, debug):
    """Maak de plaatsingsbesluiten zoals 'solve', met het blad Bijna geplaatst erbij.

    Voorbeeld: plaatsing bijna-geplaatst scenarios/almelo-2018.xlsx

    Voor elke boventallige zoekt plaatsing de kleinste extra formatie in één functie waarmee
    die medewerker geplaatst zou zijn zonder dat een ander zijn plaats verliest; elk antwoord is
    met een volledige plaatsing nagerekend. Dat kost per boventallige enkele plaatsingen
    (de demo: ongeveer 50 plaatsingen, 20 à 90 seconden). Exitcodes als bij 'solve'.
    """
    from dataclasses import replace

    import pandas as pd

    from plaatsing.plannen.bijna_geplaatst import bijna_geplaatst as zoek
    from plaatsing.cli.opdrachten import EXIT_NIET_BEWEZEN, _draai, _parameters, _samenvatting, _Voortgang
    from plaatsing.plannen.inlezen import read_scenario
    from plaatsing.plannen.maken import solve
    from plaatsing.uitvoer.excel import controleer_uitvoer, schrijf_besluiten

    def werk():
        melding = _Voortgang(stil)
        doel = uitvoer or scenario.with_name(f"{scenario.stem}-besluiten.xlsx")
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=scenario)
        s = read_scenario(scenario, parameters=_parameters(peildatum, tijdslimiet, parameter))
        plan = solve(s, voortgang=melding)
        with melding.bezig("bijna geplaatst: extra formatie per boventallige zoeken"):
            bijna = zoek(plan, max_extra=max_extra, voortgang=melding)
        regels = pd.DataFrame([("bijna geplaatst", bijna.samenvatting()),
                               ("bijna geplaatst: plaatsingen nagerekend", str(bijna.solves))],
                              columns=["onderdeel", "waarde"])
        plan = replace(plan, verantwoording=pd.concat([plan.verantwoording, regels], ignore_index=True))
        schrijf_besluiten(plan, doel, overschrijf=overschrijf, extra_bladen={"Bijna geplaatst": bijna.tabel})
        click.echo(_samenvatting(plan, doel))
        click.echo(bijna.samenvatting())
        if not plan.bewezen_optimaal or (bijna.tabel["bewezen"] == "nee").any():
            click.echo("Let op: niet elk plan is binnen de tijdslimiet bewezen optimaal; zie het blad "
                       "Verantwoording en de kolom bewezen.", err=True)
            sys.exit(EXIT_NIET_BEWEZEN)

    _draai(werk, debug)
