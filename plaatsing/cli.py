"""The command line: thin commands over the library; domain errors become clean Dutch messages."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from plaatsing import cli_nl
from plaatsing.fouten import InvoerFout, ParameterFout
from plaatsing.schrijven import UitvoerFout

cli_nl.installeer()

EXIT_ONGELDIG = 1
EXIT_NIET_BEWEZEN = 3
EXIT_INTERN = 70


class _Voortgang:
    def __init__(self, stil: bool):
        self.stil = stil
        self.start = time.monotonic()

    def __call__(self, tekst: str) -> None:
        if not self.stil:
            click.echo(f"[{time.monotonic() - self.start:6.1f} s] {tekst}", err=True)


def _parameters(peildatum, tijdslimiet, parameter) -> dict:
    waarden = {}
    for item in parameter:
        if "=" not in item:
            raise click.BadParameter(f"'{item}' heeft niet de vorm naam=waarde.", param_hint="--parameter")
        naam, waarde = item.split("=", 1)
        waarden[naam.strip()] = waarde.strip()
    if peildatum:
        waarden["peildatum"] = peildatum
    if tijdslimiet is not None:
        waarden["tijdslimiet"] = tijdslimiet
    return waarden


def _meld_invoerfout(fout: InvoerFout) -> None:
    aantal = len(fout.meldingen)
    click.echo(f"Het scenario kan niet worden gebruikt: {aantal} {'probleem' if aantal == 1 else 'problemen'} "
               "gevonden. Er is niets geschreven.", err=True)
    for melding in fout.meldingen:
        click.echo(f"  {melding}", err=True)


def _draai(functie, debug: bool):
    """Run a command; user mistakes become Dutch messages with the contract's exit codes."""
    try:
        return functie()
    except InvoerFout as fout:
        _meld_invoerfout(fout)
        sys.exit(EXIT_ONGELDIG)
    except (ParameterFout, UitvoerFout) as fout:
        click.echo(f"Fout: {fout}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("Afgebroken. Er is niets geschreven.", err=True)
        sys.exit(130)
    except Exception as fout:  # noqa: BLE001 - last line of defence: no traceback for users
        if debug:
            raise
        click.echo(f"Er ging iets mis in plaatsing ({type(fout).__name__}). Er is niets geschreven. "
                   "Draai opnieuw met --debug voor details en meld het probleem met dat verslag.", err=True)
        sys.exit(EXIT_INTERN)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, options_metavar="[OPTIES]",
             subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(package_name="plaatsing", message="plaatsing %(version)s")
def main():
    """Plaatsing: plaatst medewerkers in de nieuwe formatie volgens het sociaal statuut.

    Begin met 'plaatsing template scenario.xlsx', vul het scenario in, controleer het met
    'plaatsing valideer' en maak de plaatsingsbesluiten met 'plaatsing solve'.
    """


_peildatum = click.option("--peildatum", metavar="JJJJ-MM-DD", help="Peildatum (gaat voor het blad Parameters).")
_parameter = click.option("--parameter", "-p", multiple=True, metavar="NAAM=WAARDE",
                          help="Zet een parameter, bijvoorbeeld -p drempel_wijziging=40 (mag vaker).")
_debug = click.option("--debug", is_flag=True, help="Toon bij een interne fout de volledige foutmelding.")


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--uitvoer", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Pad van de besluiten (standaard: <scenario>-besluiten.xlsx naast het scenario).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@click.option("--stil", is_flag=True, help="Geen voortgangsmeldingen.")
@_peildatum
@click.option("--tijdslimiet", type=float, metavar="SECONDEN", help="Maximale rekentijd in seconden.")
@_parameter
@click.option("--workers", type=click.IntRange(1, 64), metavar="AANTAL", help="Aantal rekenkernen voor de solver.")
@_debug
def solve(scenario, uitvoer, overschrijf, stil, peildatum, tijdslimiet, parameter, workers, debug):
    """Maak de plaatsingsbesluiten voor SCENARIO (een Excel-werkmap).

    Voorbeeld: plaatsing solve scenarios/almelo-2018.xlsx

    Exitcodes: 0 plan geschreven en bewezen optimaal; 1 scenario ongeldig (niets geschreven);
    2 verkeerd gebruik; 3 plan geschreven maar niet bewezen optimaal binnen de tijdslimiet.
    """
    from plaatsing.lezen import read_scenario
    from plaatsing.plan import solve as los_op
    from plaatsing.schrijven import controleer_uitvoer, schrijf_besluiten

    def werk():
        melding = _Voortgang(stil)
        doel = uitvoer or scenario.with_name(f"{scenario.stem}-besluiten.xlsx")
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=scenario)
        melding(f"inlezen van {scenario.name}")
        s = read_scenario(scenario, parameters=_parameters(peildatum, tijdslimiet, parameter))
        for w in s.waarschuwingen:
            melding(f"let op: {w}")
        melding(f"ingelezen: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude en "
                f"{len(s.nieuwe_functies)} nieuwe functies")
        plan = los_op(s, workers=workers, voortgang=melding)
        melding(f"toets: {'geen schendingen' if plan.toets.empty else str(len(plan.toets)) + ' schendingen'}")
        schrijf_besluiten(plan, doel, overschrijf=overschrijf)
        melding("besluiten geschreven")
        click.echo(_samenvatting(plan, doel))
        if not plan.bewezen_optimaal:
            click.echo("Let op: niet elke fase is binnen de tijdslimiet bewezen optimaal; zie het blad "
                       "Verantwoording.", err=True)
            sys.exit(EXIT_NIET_BEWEZEN)

    _draai(werk, debug)


def _samenvatting(plan, doel: Path) -> str:
    regels = ["Plaatsingsbesluiten:"]
    for r in plan.samenvatting().itertuples(index=False):
        regels.append(f"  {r.uitkomst:<28} {r.aantal:>6}")
    vacant = plan.bezetting["vacant_fte"].sum()
    regels.append(f"  {'vacante formatie (fte)':<28} {vacant:>6.2f}".replace(".", ","))
    regels.append(f"Bewezen optimaal: {'ja' if plan.bewezen_optimaal else 'nee'}")
    regels.append(f"Geschreven naar: {doel}")
    return "\n".join(regels)


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@_peildatum
@_parameter
@_debug
def valideer(scenario, peildatum, parameter, debug):
    """Controleer SCENARIO op fouten, zonder te plaatsen.

    Voorbeeld: plaatsing valideer scenarios/almelo-2018.xlsx

    Elk probleem wordt gemeld als 'blad, rij, kolom: wat is er mis'. Exitcode 0 als het
    scenario bruikbaar is, 1 als er problemen zijn.
    """
    from plaatsing.lezen import read_scenario

    def werk():
        s = read_scenario(scenario, parameters=_parameters(peildatum, None, parameter))
        for w in s.waarschuwingen:
            click.echo(f"Let op: {w}", err=True)
        click.echo(f"Het scenario is bruikbaar: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude "
                   f"functies, {len(s.nieuwe_functies)} nieuwe functies, {len(s.mapping)} koppelingen.")

    _draai(werk, debug)


@main.command(options_metavar="[OPTIES]")
@click.argument("pad", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand bestand.")
@_debug
def template(pad, overschrijf, debug):
    """Schrijf een leeg scenario naar PAD, met kopregels, parameters en keuzelijsten.

    Voorbeeld: plaatsing template mijn-scenario.xlsx
    """
    from plaatsing.template import schrijf_template

    def werk():
        schrijf_template(pad, overschrijf=overschrijf)
        click.echo(f"Leeg scenario geschreven naar {pad}.")

    _draai(werk, debug)
