"""The commands for the documents that leave the building: the OR-bijlage (rapport) and the letters (brieven)."""
from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import click

from plaatsing.cli import nl
from plaatsing.cli.gereedschap import (EXIT_SCHENDINGEN, Voortgang, besluiten_argument, controleer_zegel_van,
                                       debug_optie, draai, lees_plan_van, meld_weigering, overschrijf_parameter_optie,
                                       personeelsnummer, stil_optie, toelichting_optie)
from plaatsing.uitvoer.excel import UitvoerFout


@click.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@besluiten_argument
@click.option("--map", "map_", type=nl.map_(),
              help="Map voor de bijlage (wordt aangemaakt; standaard: de map van de besluiten).")
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Pad van de Word-bijlage (.docx); de Excel-bijlage komt ernaast (standaard: "
                   "<besluiten>-OR-bijlage.docx in --map).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf bestaande bestanden.")
@click.option("--toch", is_flag=True, help="Maak de bijlage ook als het plan niet aan de regels voldoet of het "
                                          "zegel niet klopt (met een waarschuwing op elke pagina).")
@overschrijf_parameter_optie
@toelichting_optie
@stil_optie
@debug_optie
def rapport(scenario, besluiten, map_, uitvoer, overschrijf, toch, parameter, toelichting, stil, debug):
    """Maak de OR-adviesbijlage (personele gevolgen) als Word- en Excel-bestand.

    Voorbeeld: plaatsing rapport scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx

    Anoniem: geen namen of personeelsnummers; aantallen onder drempel_afscherming (standaard 5) als
    '<5', en zoveel andere aantallen afgeschermd ('•') dat geen klein aantal uit totalen is terug te
    rekenen; de totalen per uitkomst staan er altijd. De bijlage noemt het plan (ronde, sha256,
    afwijkende parameters). Een plan dat niet aan de regels voldoet wordt geweigerd (exitcode 4),
    tenzij --toch.
    """
    from plaatsing.uitvoer.rapport import bijlage_naam, identiteit, schrijf_rapport, sha256_besluiten

    def werk():
        if uitvoer and uitvoer.suffix.lower() != ".docx":
            raise click.BadParameter("geef een pad dat eindigt op .docx; de Excel-bijlage komt ernaast.",
                                     param_hint="--uitvoer")
        doel = uitvoer.parent if uitvoer else (map_ or besluiten.parent)
        if doel.exists() and not doel.is_dir():
            raise UitvoerFout(f"'{doel}' is een bestand; geef met --map een map op.")
        melding = Voortgang(stil)
        melding(f"inlezen van {scenario.name} en {besluiten.name}")
        plan = lees_plan_van(scenario, besluiten, parameter, toelichting)
        _weiger_variant(plan, "De OR-bijlage")
        waarschuwing = _toets_of_toch(plan, toch, besluiten)
        controleer_zegel_van(besluiten, weigeren=not toch)  # P3: after the toets, so violations come first (exit 4)
        naam = uitvoer.stem.removesuffix("-OR-bijlage") if uitvoer else bijlage_naam(besluiten)
        plan_id = identiteit(plan, besluiten.name, sha256_besluiten(besluiten), toch=waarschuwing)
        # the outcomes as the sheet states them (the same as the plan's unless edited by hand, --toch)
        uitkomsten = plan.gelezen_uitkomsten if plan.gelezen_uitkomsten is not None else plan.uitkomsten
        nieuw = not doel.exists()
        if nieuw:
            doel.mkdir(parents=True)
        try:
            with melding.bezig("de bijlage samenstellen (tabellen, afscherming, Word en Excel)"):
                paden = schrijf_rapport(plan.scenario, plan.toewijzing, uitkomsten, plan.k, doel,
                                        naam, overschrijf=overschrijf, plan=plan_id, docx_pad=uitvoer)
        except BaseException:
            if nieuw:  # nothing left behind, also not the folder made for it
                with suppress(OSError):
                    doel.rmdir()
            raise
        for pad in paden:
            click.echo(f"Geschreven: {pad}")

    draai(werk, debug)


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
@click.option("--toch", is_flag=True, help="Maak de brieven ook als het plan niet aan de regels voldoet of het "
                                          "zegel niet klopt (met een waarschuwing op elke pagina).")
@overschrijf_parameter_optie
@toelichting_optie
@stil_optie
@debug_optie
def brieven(scenario, besluiten, map_, sjablonen, uitpakken, datum, medewerkers, parameter, overschrijf, pseudonimiseer,
            toch, toelichting, stil, debug):
    """Maak per medewerker een brief (Word) uit het sjabloon van zijn besluit.

    Voorbeeld: plaatsing brieven scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx --map brieven/

    Eigen sjablonen: plaatsing brieven --sjablonen-uitpakken sjablonen/, pas ze aan in Word, en geef
    daarna --sjablonen sjablonen/ mee. Route en ondertekening: -p rechtsmiddel=bezwaar,
    -p "ondertekening=namens het college, de gemeentesecretaris".
    """
    import datetime as dt

    from plaatsing.fouten import InvoerFout
    from plaatsing.waarden import lees_datum
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
        melding = Voortgang(stil)
        plan = lees_plan_van(scenario, besluiten, parameter, toelichting)
        _weiger_variant(plan, "Een brief")
        waarschuwing = _toets_of_toch(plan, toch, besluiten)
        controleer_zegel_van(besluiten, weigeren=not toch)  # P3: after the toets, so violations come first (exit 4)
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
        from plaatsing.uitvoer.briefinhoud import ontbrekende_parameters
        wie = [personeelsnummer(s, nr) for nr in medewerkers]
        gekozen = tabel if not wie else tabel[tabel["personeelsnummer"].isin(set(wie))]
        for tekst in ontbrekende_parameters(s, gekozen["uitkomst"]):
            click.echo(f"Let op: {tekst}", err=True)
        aantal = len(wie) or len(tabel)
        with melding.bezig(f"{aantal} {'brief' if aantal == 1 else 'brieven'} maken in {map_}"):
            paden = schrijf_brieven(s, tabel, map_, sjablonen=eigen, datum=dag, overschrijf=overschrijf,
                                    medewerkers=wie, in_aanmerking=set(plan.k.opties["personeelsnummer"]),
                                    waarschuwing=waarschuwing)
        click.echo(f"{len(paden)} {'brief' if len(paden) == 1 else 'brieven'} geschreven in {map_}")

    draai(werk, debug)


TOCH = "Let op: dit plan voldoet niet aan de regels ({n}); gemaakt met --toch."


def _toets_of_toch(plan, toch: bool, besluiten: Path) -> str:
    """Documents only from a sound plan: the toets first (as 'plaatsing toets' judges it, P1 'handhaven'
    bound); violations refuse the document (exit 4) unless --toch, and then the warning that goes on
    every page."""
    import sys

    from plaatsing.plannen.toetsen import toets_plan

    schendingen = toets_plan(plan)
    if schendingen.empty:
        return ""
    if not toch:
        meld_weigering(besluiten.name, schendingen, "hieruit worden geen brieven of OR-bijlage gemaakt")
        click.echo("Herstel het plan (zie 'plaatsing toets'), of geef --toch om het document toch te maken, met een "
                   "waarschuwing op elke pagina.", err=True)
        sys.exit(EXIT_SCHENDINGEN)
    meld_weigering(besluiten.name, schendingen, "")
    aantal = f"{len(schendingen)} schending{'en' if len(schendingen) != 1 else ''}"
    return TOCH.format(n=aantal)


def _weiger_variant(plan, document: str) -> None:
    """A what-if pin without the user's toelichting never reaches a letter or the OR-bijlage."""
    from plaatsing.plannen.wat_als import variant_meldingen

    meldingen = variant_meldingen(plan.scenario, document)
    if meldingen:
        raise click.ClickException("\n".join(meldingen) + "\nEr is niets geschreven.")


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
