"""The commands: thin layers over the library; domain errors become clean Dutch messages."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from plaatsing.cli import nl
from plaatsing.cli.gereedschap import (EXIT_NIET_BEWEZEN, EXIT_SCHENDINGEN, Voortgang, besluiten_argument,
                                       debug_optie, draai, lees_plan_van, meld_schendingen,
                                       overschrijf_parameter_optie, parameter_optie, parameters_uit, paren,
                                       peildatum_optie, personeelsnummer, samenvatting, stil_optie, toelichting_optie)
from plaatsing.uitvoer.excel import UitvoerFout


class _Groep(click.Group):
    """The command group; click's own texts are Dutch while a command runs (nothing patched at import)."""

    def main(self, *args, **kwargs):
        try:
            from plaatsing.tijdelijk import eigen_tijdelijke_map

            # every temporary file of the run (openpyxl's too) in one private folder, removed on every way out
            with nl.nederlands(), eigen_tijdelijke_map():
                return super().main(*args, **kwargs)
        except KeyboardInterrupt as fout:
            # a Ctrl-C (or SIGTERM, SIGHUP) before click or a command handles it, or while the private folder is
            # made or removed (seen once in 200 starts, 0.9 s after the start): the message of every other moment
            _afgebroken(fout)

    def invoke(self, ctx):
        # a Ctrl-C before a command's own handling runs (while it loads its modules): the same message and exit
        # code as later on (cli/afhandeling.draai), not click's "Aborted!" with exit code 1
        from plaatsing.signalen import door_signaal, onderbroken_bij_start

        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, Exception) as fout:  # a library may turn the Ctrl-C into any error (signalen)
            onderbreking = door_signaal(fout)
            if onderbreking is None and not onderbroken_bij_start():
                raise
            _afgebroken(onderbreking or KeyboardInterrupt())


def _afgebroken(fout: KeyboardInterrupt) -> None:
    """Stop before anything was written: the Dutch message and the exit code of the signal (130 for a Ctrl-C)."""
    from plaatsing import signalen

    oorzaak = fout.oorzaak if isinstance(fout, signalen.Gestopt) else "Ctrl-C"
    click.echo(f"Afgebroken door {oorzaak}. Er is niets geschreven.", err=True)
    sys.exit(signalen.exitcode(fout))


@click.group(cls=_Groep, context_settings={"help_option_names": ["-h", "--help"]}, options_metavar="[OPTIES]",
             subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(package_name="plaatsing", message="plaatsing %(version)s",
                      help="Toon het versienummer en stop.")
def main():
    """Plaatsing: plaatst medewerkers in de nieuwe formatie volgens het sociaal statuut.

    Begin met 'plaatsing template scenario.xlsx', vul het scenario in, controleer het met
    'plaatsing valideer' en maak de plaatsingsbesluiten met 'plaatsing solve'.
    """


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Pad van de besluiten (standaard: <scenario>-besluiten.xlsx naast het scenario).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@stil_optie
@peildatum_optie
@click.option("--tijdslimiet", type=nl.seconden(), metavar="SECONDEN", help="Rekenbudget in seconden (vaste rekentijd, niet de klok: hetzelfde plan bij elke run).")
@parameter_optie
@click.option("--workers", type=click.IntRange(1, 64), metavar="AANTAL", help="Aantal processen dat deelproblemen naast elkaar oplost (standaard: één per rekenkern).")
@click.option("--pseudonimiseer", is_flag=True, help="Vervang namen in de uitvoer door een vast pseudoniem.")
@click.option("--voornemen", type=nl.bestand(), metavar="BESLUITEN",
              help="Voorgenomen besluiten: maak de definitieve besluiten met zo min mogelijk wijzigingen (regels.md P2).")
@debug_optie
def solve(scenario, uitvoer, overschrijf, stil, peildatum, tijdslimiet, parameter, workers, pseudonimiseer, voornemen,
          debug):
    """Maak de plaatsingsbesluiten voor SCENARIO (een Excel-werkmap).

    Voorbeeld: plaatsing solve scenarios/almelo-2018.xlsx

    Exitcodes: 0 plan geschreven en bewezen optimaal; 1 scenario ongeldig (niets geschreven);
    2 verkeerd gebruik, of de uitvoer kan niet worden geschreven (niets geschreven); 3 plan geschreven
    maar niet bewezen optimaal binnen de tijdslimiet; 130/143/129 gestopt (Ctrl-C, SIGTERM, SIGHUP).
    """
    from plaatsing.determinisme import standaard_workers
    from plaatsing.plannen.inlezen import read_scenario
    from plaatsing.plannen.maken import solve as los_op
    from plaatsing.signalen import voorverwarm
    from plaatsing.uitvoer.excel import controleer_uitvoer, schrijf_besluiten

    def werk():
        melding = Voortgang(stil, voornemen=bool(voornemen))
        doel = uitvoer or scenario.with_name(f"{scenario.stem}-besluiten{'-definitief' if voornemen else ''}.xlsx")
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=scenario)
        if voornemen and doel.resolve() == voornemen.resolve():
            raise UitvoerFout(f"het uitvoerbestand '{doel}' is het voornemen zelf; kies een andere naam met --uitvoer.")
        melding(f"inlezen van {scenario.name}")
        if (workers or standaard_workers()) > 1:
            voorverwarm()  # the solver's processes start from it; it imports while this process reads
        s = read_scenario(scenario, parameters=parameters_uit(peildatum, tijdslimiet, parameter))
        if voornemen:  # regels.md §9: the second round, from the voorgenomen besluiten
            from plaatsing.plannen.tweede_ronde import voor_tweede_ronde_uit_bestand
            s = voor_tweede_ronde_uit_bestand(s, voornemen)
            for regel in _andere_parameters(voornemen, s):
                melding(f"let op: {regel}")
        for w in s.waarschuwingen:
            melding(f"let op: {w}")
        melding(f"ingelezen: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude en "
                f"{len(s.nieuwe_functies)} nieuwe functies")
        plan = los_op(s, workers=workers, voortgang=melding)
        for w in plan.k.waarschuwingen:
            melding(f"let op: {w}")
        melding(f"toets: {'geen schendingen' if plan.toets.empty else str(len(plan.toets)) + ' schendingen'}")
        schrijf_besluiten(plan, doel, overschrijf=overschrijf, pseudoniemen=pseudonimiseer)
        melding("besluiten geschreven")
        click.echo(samenvatting(plan, doel))
        from plaatsing.procedure.wijzigingen import samenvatting_regels
        for regel in samenvatting_regels(plan.scenario, plan.toewijzing):
            click.echo(regel)
        if not plan.bewezen_optimaal:
            click.echo("Let op: niet elke fase is binnen de tijdslimiet bewezen optimaal; zie het blad "
                       "Verantwoording.", err=True)
            sys.exit(EXIT_NIET_BEWEZEN)

    draai(werk, debug)


def _andere_parameters(voornemen: Path, s) -> list[str]:
    """The parameters under which the voornemen was made that differ from those of this round (its
    Verantwoording): the second round does not silently change the rules between the two rounds."""
    from plaatsing.invoer.besluiten import lees_verantwoording
    from plaatsing.invoer.werkboek import open_werkboek

    vastgelegd, _, _ = lees_verantwoording(open_werkboek(voornemen, besluiten=True))
    nu = dict(s.parameters.als_rijen())
    anders = [f"{naam} {was or '(leeg)'} (nu {nu[naam] or '(leeg)'})" for naam, was in vastgelegd.items()
              if naam in nu and naam != "tijdslimiet" and was != nu[naam]]
    if not anders:
        return []
    return [f"het voornemen is gemaakt met andere parameters: {', '.join(anders)}. De definitieve besluiten "
            "gebruiken die van nu; is dat niet de bedoeling, geef dan de parameters van het voornemen op met -p."]


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@peildatum_optie
@parameter_optie
@debug_optie
def valideer(scenario, peildatum, parameter, debug):
    """Controleer SCENARIO op fouten, zonder te plaatsen.

    Voorbeeld: plaatsing valideer scenarios/almelo-2018.xlsx

    Elk probleem wordt gemeld als 'blad, rij, kolom: wat is er mis'. Exitcode 0 als het
    scenario bruikbaar is, 1 als er problemen zijn.
    """
    from plaatsing.plannen.inlezen import read_scenario

    def werk():
        from plaatsing.regels.kandidaten import bepaal_kandidaten

        s = read_scenario(scenario, parameters=parameters_uit(peildatum, None, parameter))
        for w in list(s.waarschuwingen) + list(bepaal_kandidaten(s).waarschuwingen):
            click.echo(f"Let op: {w}", err=True)
        click.echo(f"Het scenario is bruikbaar: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude "
                   f"functies, {len(s.nieuwe_functies)} nieuwe functies, {len(s.mapping)} koppelingen.")

    draai(werk, debug, schrijft=False)


@main.command(options_metavar="[OPTIES]")
@click.argument("pad", type=nl.bestand())
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand bestand.")
@debug_optie
def template(pad, overschrijf, debug):
    """Schrijf een leeg scenario naar PAD, met kopregels, parameters en keuzelijsten.

    Voorbeeld: plaatsing template mijn-scenario.xlsx
    """
    from plaatsing.uitvoer.template import schrijf_template

    def werk():
        schrijf_template(pad, overschrijf=overschrijf)
        click.echo(f"Leeg scenario geschreven naar {pad}.")

    draai(werk, debug)


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@besluiten_argument
@overschrijf_parameter_optie
@debug_optie
def toets(scenario, besluiten, parameter, debug):
    """Toets een plan (ook een met de hand aangepast plan) aan de regels.

    Voorbeeld: plaatsing toets scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx

    Controleert capaciteit, geschiktheid, vastzettingen, functievolgerrecht, tijdelijk (H1–H5),
    verdringing (O2), ruil bij gelijke stand (O6), selectievolgorde (F3) en het minimum aantal
    niet geplaatsten (F4). Getoetst wordt onder de parameters waarmee de besluiten zijn gemaakt
    (blad Verantwoording); -p overschrijft er een. Exitcode 0 zonder schendingen, 4 met schendingen,
    1 als het scenario of de besluiten niet te gebruiken zijn.
    """
    def werk():
        from plaatsing.plannen.toetsen import toets_plan

        plan = lees_plan_van(scenario, besluiten, parameter, zegel="melden")
        schendingen = toets_plan(plan)
        if schendingen.empty:
            click.echo(f"Het plan voldoet aan de regels (H1–H5, O2, O6, F3, F4): {len(plan.toewijzing)} medewerkers "
                       "getoetst.")
            return
        meld_schendingen(schendingen)
        sys.exit(EXIT_SCHENDINGEN)

    draai(werk, debug, schrijft=False)


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@besluiten_argument
@click.option("--medewerker", "-m", metavar="NR", help="Personeelsnummer van de medewerker.")
@click.option("--alle", is_flag=True, help="Leg het besluit van elke medewerker uit (met --json: één JSON-regel per medewerker).")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
@overschrijf_parameter_optie
@debug_optie
def uitleg(scenario, besluiten, medewerker, alle, als_json, parameter, debug):
    """Leg het besluit uit: uitkomst, regels en waarom geen betere functie (-m NR of --alle).

    Voorbeeld: plaatsing uitleg scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx -m A0035
    """
    import json

    from plaatsing.uitleg.verklaring import als_tekst, uitleg as leg_uit, uitleg_per_medewerker

    if bool(medewerker) == bool(alle):
        raise click.UsageError("Geef óf --medewerker NR óf --alle op.")

    def werk():
        plan = lees_plan_van(scenario, besluiten, parameter, zegel="melden")
        if alle:
            for u in uitleg_per_medewerker(plan):
                click.echo(json.dumps(u, ensure_ascii=False) if als_json else als_tekst(u) + "\n")
            return
        u = leg_uit(plan, personeelsnummer(plan.scenario, medewerker))
        click.echo(json.dumps(u, ensure_ascii=False, indent=2) if als_json else als_tekst(u))

    draai(werk, debug, schrijft=False)


def _vastzettingen(items, s) -> dict:
    """NR=CODE pairs; a personeelsnummer or code typed in other capitals is found (exit 2 when unknown)."""
    vast = {}
    for nr, code in paren(items, "NR=FUNCTIECODE", "--vastzetten").items():
        codes = {str(c).casefold(): c for c in s.nieuwe_functies.index}
        vast[personeelsnummer(s, nr, "--vastzetten")] = codes.get(code.casefold(), code)
    return vast


def _toon_verschil(verschil) -> None:
    if verschil.empty:
        click.echo("Geen verschil in plaatsingen.")
        return
    click.echo(f"{len(verschil)} medewerker{'s' if len(verschil) != 1 else ''} met een andere plaatsing:")
    for r in verschil.itertuples(index=False):
        was = r.was_functie if isinstance(r.was_functie, str) else "-"
        wordt = r.wordt_functie if isinstance(r.wordt_functie, str) else "-"
        click.echo(f"  {r.personeelsnummer}: {was} ({r.was_uitkomst}) → {wordt} ({r.wordt_uitkomst})")


@main.command("wat-als", options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.option("--vastzetten", "-v", multiple=True, metavar="NR=CODE", help="Zet een medewerker vast in een functie (mag vaker).")
@parameter_optie
@click.option("--basis", type=nl.bestand(),
              help="Besluiten van het basisplan (standaard: opnieuw oplossen met het scenario).")
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Schrijf de variant als besluiten-werkmap (zoals solve), voor toets, uitleg, rapport en brieven.")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@toelichting_optie
@debug_optie
def wat_als(scenario, vastzetten, parameter, basis, uitvoer, overschrijf, toelichting, debug):
    """Los opnieuw op met extra vastzettingen of parameters en toon het verschil met het basisplan.

    Voorbeeld: plaatsing wat-als scenarios/almelo-2018.xlsx --vastzetten A0035=BV-HRM-02
    """
    from plaatsing.plannen.inlezen import read_scenario
    from plaatsing.plannen.maken import solve
    from plaatsing.plannen.wat_als import wat_als as bereken
    from plaatsing.uitvoer.excel import controleer_uitvoer, schrijf_besluiten

    def werk():
        if uitvoer:
            controleer_uitvoer(uitvoer, overschrijf=overschrijf, invoer=scenario)
        basisplan = lees_plan_van(scenario, basis) if basis else None
        s = basisplan.scenario if basisplan else read_scenario(scenario)
        vast = _vastzettingen(vastzetten, s)
        redenen = paren(toelichting, "NR=TEKST", "--toelichting") if toelichting else {}
        if set(redenen) - set(vast):
            raise click.BadParameter(f"{sorted(set(redenen) - set(vast))[0]} wordt niet vastgezet; geef een "
                                     "toelichting alleen bij een medewerker uit --vastzetten.", param_hint="--toelichting")
        uitkomst = bereken(basisplan or solve(s), vastzetten=vast, parameters=parameters_uit(None, None, parameter),
                           toelichtingen=redenen)
        _toon_verschil(uitkomst.verschil)
        click.echo("Wat het kost (basis → nieuw):")
        for r in uitkomst.kosten.itertuples(index=False):
            if r.verschil:
                click.echo(f"  {r.kengetal}: {r.basis:g} → {r.nieuw:g} ({r.verschil:+g})".replace(".", ","))
        if uitvoer:
            schrijf_besluiten(uitkomst.nieuw, uitvoer, overschrijf=overschrijf)
            click.echo(f"Variant geschreven naar {uitvoer}")

    draai(werk, debug, schrijft=bool(uitvoer))


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.argument("plan_a", type=nl.bestand())
@click.argument("plan_b", type=nl.bestand())
@click.option("--uitvoer", "-o", type=nl.bestand(), help="Schrijf het verschil naar dit Excel-bestand.")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@overschrijf_parameter_optie
@debug_optie
def vergelijk(scenario, plan_a, plan_b, uitvoer, overschrijf, parameter, debug):
    """Vergelijk twee plannen van hetzelfde scenario: wie gaat waarheen, wie wordt (niet meer) boventallig.

    Voorbeeld: plaatsing vergelijk scenarios/almelo-2018.xlsx a-besluiten.xlsx b-besluiten.xlsx
    """
    from plaatsing.plannen.wat_als import vergelijk_plannen
    from plaatsing.uitvoer.excel import bewaar_als, controleer_uitvoer, nieuw_werkboek, schrijf_tabel

    def werk():
        if uitvoer:
            controleer_uitvoer(uitvoer, overschrijf=overschrijf, invoer=scenario)
        verschil = vergelijk_plannen(lees_plan_van(scenario, plan_a, parameter), lees_plan_van(scenario, plan_b, parameter))
        _toon_verschil(verschil)
        if uitvoer:
            boek = nieuw_werkboek(alleen_schrijven=True)
            schrijf_tabel(boek, "Verschil", verschil)
            bewaar_als(boek, uitvoer, overschrijf=overschrijf)
            click.echo(f"Verschil geschreven naar {uitvoer}")

    draai(werk, debug, schrijft=bool(uitvoer))
