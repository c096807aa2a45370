"""`plaatsing bijna-geplaatst`: solve, and for every boventallige the smallest extra room that places them."""
from __future__ import annotations

import sys

import click

from plaatsing.cli import nl
from plaatsing.cli.gereedschap import (EXIT_NIET_BEWEZEN, Voortgang, debug_optie, draai, parameter_optie, parameters_uit,
                                       peildatum_optie, samenvatting, stil_optie)


@click.command("bijna-geplaatst", options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Pad van de besluiten (standaard: <scenario>-besluiten.xlsx naast het scenario).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@click.option("--max-extra", type=click.FloatRange(0, min_open=True), metavar="FTE",
              help="Probeer geen extra formatie boven dit aantal fte.")
@stil_optie
@peildatum_optie
@click.option("--tijdslimiet", type=nl.seconden(), metavar="SECONDEN", help="Maximale rekentijd per plan in seconden.")
@parameter_optie
@debug_optie
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
    from plaatsing.plannen.inlezen import read_scenario
    from plaatsing.plannen.maken import solve
    from plaatsing.uitvoer.excel import controleer_uitvoer, schrijf_besluiten

    def werk():
        melding = Voortgang(stil)
        doel = uitvoer or scenario.with_name(f"{scenario.stem}-besluiten.xlsx")
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=scenario)
        s = read_scenario(scenario, parameters=parameters_uit(peildatum, tijdslimiet, parameter))
        plan = solve(s, voortgang=melding)
        with melding.bezig("bijna geplaatst: extra formatie per boventallige zoeken"):
            bijna = zoek(plan, max_extra=max_extra, voortgang=melding)
        regels = pd.DataFrame([("bijna geplaatst", bijna.samenvatting()),
                               ("bijna geplaatst: plaatsingen nagerekend", str(bijna.solves))],
                              columns=["onderdeel", "waarde"])
        plan = replace(plan, verantwoording=pd.concat([plan.verantwoording, regels], ignore_index=True))
        schrijf_besluiten(plan, doel, overschrijf=overschrijf, extra_bladen={"Bijna geplaatst": bijna.tabel})
        click.echo(samenvatting(plan, doel))
        click.echo(bijna.samenvatting())
        if not plan.bewezen_optimaal or (bijna.tabel["bewezen"] == "nee").any():
            click.echo("Let op: niet elk plan is binnen de tijdslimiet bewezen optimaal; zie het blad "
                       "Verantwoording en de kolom bewezen.", err=True)
            sys.exit(EXIT_NIET_BEWEZEN)

    draai(werk, debug)
