"""The commands for the documents that leave the building: the OR-bijlage (rapport) and the letters (brieven)."""
from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import click

from plaatsing.cli import nl
from plaatsing.cli.opdrachten import (_besluiten_arg, _debug, _draai, _lees_plan, _overschrijf_parameter, _Voortgang,
                                      personeelsnummer, weiger_bij_schendingen)
from plaatsing.uitvoer.excel import UitvoerFout


@click.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@_besluiten_arg
@click.option("--map", "map_", type=nl.map_(),
              help="Map voor de bijlage (wordt aangemaakt; standaard: de map van de besluiten).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf bestaande bestanden.")
@_overschrijf_parameter
@click.option("--stil", is_flag=True, help="Geen voortgangsmeldingen.")
@_debug
def rapport(scenario, besluiten, map_, overschrijf, parameter, stil, debug):
    """Maak de OR-adviesbijlage (personele gevolgen) als Word- en Excel-bestand.

    Voorbeeld: plaatsing rapport scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx

    Anoniem: geen namen of personeelsnummers; aantallen van 1 tot en met 4 als '<5', en zoveel andere
    aantallen afgeschermd ('•') dat geen klein aantal uit totalen is terug te rekenen.
    """
    from plaatsing.uitvoer.rapport import schrijf_rapport

    def werk():
        doel = map_ or besluiten.parent
        if doel.exists() and not doel.is_dir():
            raise UitvoerFout(f"'{doel}' is een bestand; geef met --map een map op.")
        melding = _Voortgang(stil)
        melding(f"inlezen van {scenario.name} en {besluiten.name}")
        plan = _lees_plan(scenario, besluiten, parameter)
        weiger_bij_schendingen(plan, besluiten, "de OR-bijlage en de brieven")
        nieuw = not doel.exists()
        if nieuw:
            doel.mkdir(parents=True)
        try:
            with melding.bezig("de bijlage samenstellen (tabellen, afscherming, Word en Excel)"):
                paden = schrijf_rapport(plan.scenario, plan.toewijzing, plan.uitkomsten, plan.gegevens.k, doel,
                                        scenario.stem, overschrijf=overschrijf)
        except BaseException:
            if nieuw:  # nothing left behind, also not the folder made for it
                with suppress(OSError):
                    doel.rmdir()
            raise
        for pad in paden:
            click.echo(f"Geschreven: {pad}")

    _draai(werk, debug)


@click.command(options_metavar="[OPTIES]")
@click.argument("scenario", required=False, type=nl.bestand())
@click.argument("besluiten", required=False, type=nl.bestand())
@click.option("--map", "map_", type=nl.map_(),
              help="Map waarin de brieven komen (wordt aangemaakt).")
@click.option("--sjablonen", type=nl.map_(),
              help="Map met eigen Word-sjablonen (en briefhoofd.json); wat daar ontbreekt komt uit de standaard.")
@click.option("--sjablonen-uitpakken", "uitpakken", type=nl.map_(),
              help="Schrijf de standaardsjablonen naar deze map om ze in Word aan te passen, en stop.")
@click.option("--datum", metavar="JJJJ-MM-DD", help="Datum in de brieven (standaard: vandaag).")
@click.option("--medewerker", "-m", "medewerkers", multiple=True, metavar="NR",
              help="Alleen de brief van deze medewerker (mag vaker).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf bestaande brieven.")
@click.option("--pseudonimiseer", is_flag=True, help="Vervang namen in de brieven door een vast pseudoniem (proefdruk).")
@_overschrijf_parameter
@click.option("--stil", is_flag=True, help="Geen voortgangsmeldingen.")
@_debug
def brieven(scenario, besluiten, map_, sjablonen, uitpakken, datum, medewerkers, parameter, overschrijf, pseudonimiseer,
            stil, debug):
    """Maak per medewerker een brief (Word) uit het sjabloon van zijn besluit.

    Voorbeeld: plaatsing brieven scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx --map brieven/

    Eigen sjablonen: plaatsing brieven --sjablonen-uitpakken sjablonen/, pas ze aan in Word, en geef
    daarna --sjablonen sjablonen/ mee. Route en ondertekening: -p rechtsmiddel=bezwaar,
    -p "ondertekening=namens het college, de gemeentesecretaris".
    """
    import datetime as dt

    from plaatsing.fouten import InvoerFout
    from plaatsing.invoer.cellen import lees_datum
    from plaatsing.uitvoer.brieven import lees_sjablonen, pak_sjablonen_uit, schrijf_brieven
    from plaatsing.uitvoer.excel import pseudonimiseer as pseudonimiseer_tabel

    def werk():
        if uitpakken:
            paden = pak_sjablonen_uit(uitpakken, overschrijf=overschrijf)
            click.echo(f"{len(paden)} sjablonen geschreven in {uitpakken}; pas ze aan in Word en geef de map mee "
                       "met --sjablonen.")
            return
        if scenario is None or besluiten is None or map_ is None:
            raise click.UsageError("geef het scenario, de besluiten en --map op (of alleen --sjablonen-uitpakken MAP).")
        for pad in (scenario, besluiten):
            if not pad.exists():
                raise click.BadParameter(f"het bestand '{pad}' bestaat niet.")
        # the decisions of the workbook, with motiveringen rendered under the parameters they were made with
        melding = _Voortgang(stil)
        plan = _lees_plan(scenario, besluiten, parameter)
        weiger_bij_schendingen(plan, besluiten, "de brieven en de OR-bijlage")
        _meld_afwijkende_motiveringen(besluiten, plan)
        s = plan.scenario
        tabel = plan.besluiten.copy()
        tabel["personeelsnummer"] = tabel["personeelsnummer"].map(str)
        if pseudonimiseer:
            tabel = pseudonimiseer_tabel(tabel)
        try:
            dag = lees_datum(datum) if datum else dt.date.today()
        except ValueError as fout:
            raise click.BadParameter(str(fout), param_hint="--datum") from None
        try:
            eigen = lees_sjablonen(sjablonen)
        except InvoerFout as fout:
            regels = "\n".join(f"  {m.blad}: {m.tekst}" for m in fout.meldingen)
            raise click.ClickException(f"de sjablonen kunnen niet worden gebruikt; er is niets geschreven.\n{regels}") from None
        wie = [personeelsnummer(s, nr) for nr in medewerkers]
        aantal = len(wie) or len(tabel)
        with melding.bezig(f"{aantal} {'brief' if aantal == 1 else 'brieven'} maken in {map_}"):
            paden = schrijf_brieven(s, tabel, map_, sjablonen=eigen, datum=dag, overschrijf=overschrijf,
                                    medewerkers=wie)
        click.echo(f"{len(paden)} {'brief' if len(paden) == 1 else 'brieven'} geschreven in {map_}")

    _draai(werk, debug)


def _meld_afwijkende_motiveringen(besluiten: Path, plan) -> None:
    """A motivering edited by hand in the workbook is not used: a letter states what follows from the plan."""
    from plaatsing.invoer.besluiten import afwijkende_motiveringen

    afwijkend = afwijkende_motiveringen(besluiten, plan)
    if not afwijkend:
        return
    voorbeelden = ", ".join(afwijkend[:5]) + (" …" if len(afwijkend) > 5 else "")
    aantal = "1 besluit" if len(afwijkend) == 1 else f"{len(afwijkend)} besluiten"
    click.echo(f"Let op: bij {aantal} staat in het werkboek een andere motivering dan uit het plan volgt "
               f"(personeelsnummer {voorbeelden}). De brieven gebruiken de motivering uit het plan: die volgt uit "
               "dezelfde gegevens als het besluit. Wilt u een zienswijze of het advies van de PAC verwerken, zet "
               "dat dan in het blad Adviezen van het scenario en maak de besluiten opnieuw met 'plaatsing solve'.",
               err=True)
