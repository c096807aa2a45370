"""`plaatsing importeer`: an HR-system export to a scenario workbook (thin layer over plaatsing.invoer)."""
from __future__ import annotations

import sys

import click

from plaatsing.cli import nl
from plaatsing.cli.gereedschap import EXIT_NIET_BEWEZEN, EXIT_ONGELDIG, OPDRACHTREGEL, debug_optie, draai, paren

from plaatsing.invoer.hr_exports import HR_SYSTEMEN

# plaatsing.cli imports this module at its end (also as `python -m plaatsing.cli`): its helpers are
# imported inside the command.


@click.command(options_metavar="[OPTIES]")
@click.argument("export", type=nl.bestand())
@click.option("--soort", required=True, type=click.Choice(HR_SYSTEMEN), help="Het HR-systeem van de export.")
@click.option("--uitvoer", "-o", required=True, type=nl.bestand(),
              help="Het scenario dat wordt geschreven (.xlsx).")
@click.option("--formatiehuis", type=nl.bestand(),
              help="Werkmap met de overige bladen (Oude functies, Nieuwe functies, Functiemapping, Parameters, …).")
@click.option("--kolom", "-k", multiple=True, metavar="DOEL=KOP",
              help="Bevestig of kies welke exportkolom een kolom van Medewerkers vult, bijvoorbeeld "
                   "-k datum_in_dienst=DAT01; 'DOEL=' laat die kolom leeg (mag vaker).")
@click.option("--deeltijd", type=click.Choice(["procent", "uren", "factor"]),
              help="Eenheid van een met --kolom fte=… gekozen kolom die plaatsing niet kent.")
@click.option("--normuren", type=click.FloatRange(0, min_open=True), default=36, show_default=True, metavar="UREN",
              help="Uren per week van een voltijdbaan, om uren om te rekenen naar fte.")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@debug_optie
def importeer(export, soort, uitvoer, formatiehuis, kolom, deeltijd, normuren, overschrijf, debug):
    """Maak van een HR-export (CSV of Excel) het blad Medewerkers van een scenario.

    Voorbeeld: plaatsing importeer scenarios/export-afas.csv --soort afas
    --formatiehuis scenarios/formatiehuis-voorbeeld.xlsx --uitvoer scenario.xlsx

    Een kolom waarvan de betekenis niet zeker is, of twee kolommen voor hetzelfde, worden niet
    geraden: bevestig de keuze met --kolom. Exitcodes: 0 scenario geschreven en bruikbaar;
    1 problemen in de export (niets geschreven); 2 verkeerd gebruik; 3 scenario geschreven maar
    nog niet bruikbaar (vul de genoemde bladen aan).
    """
    from plaatsing.fouten import InvoerFout
    from plaatsing.invoer.importeren import importeer_export
    from plaatsing.uitvoer.importscenario import schrijf_scenario
    from plaatsing.plannen.inlezen import read_scenario

    def werk():
        keuzes = paren(kolom, "doel=kop", "--kolom")
        try:
            imp = importeer_export(export, soort, kolommen=keuzes, deeltijd=deeltijd, normuren=normuren)
        except InvoerFout as fout:
            if all(m.blad == OPDRACHTREGEL for m in fout.meldingen):
                raise  # a mistake on the command line: exit 2 (draai)
            aantal = fout.aantal
            click.echo(f"De export kan niet worden geïmporteerd: {aantal} {'probleem' if aantal == 1 else 'problemen'} "
                       "gevonden. Er is niets geschreven.", err=True)
            for m in fout.meldingen:
                click.echo(f"  {m}", err=True)
            sys.exit(EXIT_ONGELDIG)
        for w in imp.waarschuwingen:
            click.echo(f"Let op: {w}", err=True)
        notities = schrijf_scenario(imp, uitvoer, formatiehuis=formatiehuis, overschrijf=overschrijf, export=export)
        click.echo(f"{len(imp.medewerkers)} medewerkers geïmporteerd uit {export.name} ({soort}) naar {uitvoer}.")
        click.echo("Gebruikte kolommen: " + "; ".join(f"{doel} ← '{kop}'" for doel, kop in imp.keuze.items()))
        if imp.niet_overgenomen:
            click.echo("Niet overgenomen: " + ", ".join(f"'{k}'" for k in imp.niet_overgenomen))
        for n in notities:
            click.echo(f"Let op: {n}")
        try:
            s = read_scenario(uitvoer)
        except InvoerFout as fout:
            click.echo(f"Het scenario is geschreven, maar nog niet bruikbaar ({fout.aantal} "
                       f"{'probleem' if fout.aantal == 1 else 'problemen'}; 'plaatsing valideer' toont ze "
                       "opnieuw):", err=True)
            for m in fout.meldingen[:20]:
                click.echo(f"  {m}", err=True)
            sys.exit(EXIT_NIET_BEWEZEN)
        click.echo(f"Het scenario is bruikbaar: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude en "
                   f"{len(s.nieuwe_functies)} nieuwe functies.")

    draai(werk, debug)
