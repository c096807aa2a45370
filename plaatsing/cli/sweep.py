"""`plaatsing sweep`: many variants of one scenario side by side (locally or on a Dask cluster).

Registered on the main group in plaatsing/cli/__init__.py."""
from __future__ import annotations

import sys

import click

from plaatsing.cli import nl
from plaatsing.cli.gereedschap import EXIT_NIET_BEWEZEN, Voortgang, debug_optie, draai, parameters_uit, stil_optie

DASK_ENV = "DASK_SCHEDULER_ADDRESS"  # Dask's own variable for the scheduler address


@click.command("sweep", options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.option("--raster", "-r", multiple=True, metavar="NAAM=W1,W2,…",
              help="Varieer een parameter (bijvoorbeeld drempel_wijziging=25,30) of de formatie "
                   "(formatie:CODE=+1.0 of formatie:EENHEID=-10%). Mag vaker: alle combinaties.")
@click.option("--steekproef", type=click.IntRange(1, 10000), metavar="N",
              help="N varianten waarin de opgegeven voorkeuren willekeurig (met een vast startgetal) geschud of ingekort zijn.")
@click.option("--variatie", type=click.Choice(["voorkeuren"]), help="Wat de steekproef varieert (standaard: voorkeuren).")
@click.option("--seed", type=int, default=1, show_default=True, metavar="GETAL",
              help="Startgetal van de steekproef: hetzelfde getal geeft dezelfde varianten.")
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Pad van de sweep-werkmap (standaard: <scenario>-sweep.xlsx naast het scenario).")
@click.option("--bewaar", type=nl.map_(), metavar="MAP",
              help="Schrijf de besluiten van elke variant in deze map (wordt aangemaakt).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf bestaande uitvoerbestanden.")
@click.option("--dask", "dask_adres", envvar=DASK_ENV, metavar="tcp://HOST:8786",
              help=f"Reken de varianten op een Dask-cluster met deze scheduler (of zet {DASK_ENV}).")
@click.option("--workers", type=click.IntRange(1, 64), metavar="AANTAL",
              help="Lokaal: aantal processen naast elkaar (standaard: één per rekenkern).")
@click.option("--peildatum", metavar="JJJJ-MM-DD", help="Peildatum voor elke variant (gaat voor het blad Parameters).")
@click.option("--tijdslimiet", type=nl.seconden(), metavar="SECONDEN", help="Maximale rekentijd per variant in seconden.")
@click.option("--parameter", "-p", multiple=True, metavar="NAAM=WAARDE",
              help="Zet een parameter voor elke variant (mag vaker).")
@stil_optie
@debug_optie
def sweep(scenario, raster, steekproef, variatie, seed, uitvoer, bewaar, overschrijf, dask_adres, workers,
          peildatum, tijdslimiet, parameter, stil, debug):
    """Reken veel varianten van SCENARIO door en zet ze naast elkaar in één werkmap.

    Voorbeeld: plaatsing sweep scenarios/almelo-2018.xlsx -r drempel_wijziging=25,30
    -r selectiemethode=anciënniteit,afspiegeling --steekproef 5

    Bladen: Varianten (één rij per variant), Per medewerker (hoe vaak elke uitkomst voorkomt),
    Grafieken en Verantwoording. Waarden met een decimale komma scheidt u met ';'
    (fte_marge=0;0,1). Exitcodes: 0 alles bewezen optimaal; 1 scenario ongeldig; 2 verkeerd
    gebruik of cluster niet bruikbaar; 3 werkmap geschreven, niet elke variant bewezen optimaal.
    """
    # imported here, not at the top: plaatsing.cli imports this module at its end (also when it
    # runs as `python -m plaatsing.cli`, where it is __main__ and not yet plaatsing.cli)
    from plaatsing.plannen.inlezen import read_scenario
    from plaatsing.uitvoer.excel import UitvoerFout, controleer_uitvoer
    from plaatsing.sweep.api import sweep as voer_sweep_uit
    from plaatsing.sweep.tabellen import GEEN_PLAN, schrijf_sweep
    from plaatsing.sweep.uitvoeren import ClusterFout
    from plaatsing.sweep.varianten import lees_raster, maak_varianten

    def werk():
        melding = Voortgang(stil)
        doel = uitvoer or scenario.with_name(f"{scenario.stem}-sweep.xlsx")
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=scenario)
        melding(f"inlezen van {scenario.name}")
        s = read_scenario(scenario, parameters=parameters_uit(peildatum, tijdslimiet, parameter))
        for w in s.waarschuwingen:
            melding(f"let op: {w}")
        varianten = maak_varianten(s, lees_raster(raster), steekproef=steekproef or 0, variatie=variatie, seed=seed)
        waar = f"op het Dask-cluster {dask_adres}" if dask_adres else "lokaal"
        melding(f"{len(varianten)} varianten van {len(s.medewerkers)} medewerkers, {waar}")
        if dask_adres:  # a scheduler that does not answer takes Dask's connect timeout (30 s): say why it waits
            melding(f"verbinden met de Dask-scheduler {dask_adres} (een scheduler die niet antwoordt: tot 30 s) …")
        balk = _Balk(len(varianten), stil, melding)
        try:
            uitkomst = voer_sweep_uit(s, varianten, dask=dask_adres, workers=workers, bewaar=bewaar,
                                      overschrijf=overschrijf, voortgang=balk)
        except ClusterFout as fout:
            raise UitvoerFout(str(fout)) from None
        finally:
            balk.sluit()
        schrijf_sweep(uitkomst, doel, overschrijf=overschrijf, invoer=scenario)
        zonder_plan = [r.variant.naam for r in uitkomst.resultaten if r.fout]
        click.echo(f"{len(varianten)} varianten doorgerekend ({uitkomst.uitvoerder}) in "
                   f"{_komma(uitkomst.seconden)} s.")
        regel = uitkomst.herstartregel()
        if regel:
            click.echo(regel)
        for r in uitkomst.resultaten:
            if r.fout:
                click.echo(f"Variant {r.variant.naam} ({r.variant.beschrijving()}) heeft {GEEN_PLAN}: {r.fout}",
                           err=True)
        if bewaar:
            click.echo(f"Scenario en besluiten per variant geschreven in {bewaar}")
        click.echo(f"Geschreven naar: {doel}")
        if zonder_plan or not uitkomst.bewezen:
            click.echo("Let op: niet elke variant is bewezen optimaal; zie de kolom bewezen in het blad Varianten.",
                       err=True)
            sys.exit(EXIT_NIET_BEWEZEN)

    draai(werk, debug)


def _komma(getal: float) -> str:
    return f"{getal:.1f}".replace(".", ",")


class _Balk:
    """Progress over the variants: a click progress bar on a terminal, one line per variant otherwise."""

    def __init__(self, totaal: int, stil: bool, melding):
        self.stil, self.melding = stil, melding
        self.balk = None
        if not stil and sys.stderr.isatty():
            self.balk = click.progressbar(length=totaal, label="varianten", file=sys.stderr, show_pos=True)
            self.balk.__enter__()

    def __call__(self, resultaat, klaar: int, totaal: int) -> None:
        if self.balk is not None:
            self.balk.update(1)
        elif not self.stil:
            self.melding(f"variant {resultaat.variant.naam} klaar ({klaar}/{totaal}, "
                         f"{_komma(resultaat.seconden)} s)")

    def sluit(self) -> None:
        if self.balk is not None:
            self.balk.__exit__(None, None, None)
            self.balk = None
