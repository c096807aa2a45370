"""The commands: thin layers over the library; domain errors become clean Dutch messages."""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import click

from plaatsing.cli import nl
from plaatsing.fouten import H4Conflict, InvoerFout, Melding, ParameterFout
from plaatsing.uitvoer.excel import UitvoerFout

EXIT_ONGELDIG = 1
EXIT_VERKEERD_GEBRUIK = 2
EXIT_NIET_BEWEZEN = 3
EXIT_SCHENDINGEN = 4
EXIT_INTERN = 70
HARTSLAG_SECONDEN = 5.0  # a long step without progress of its own says every this many seconds that it runs


# The progress lines of the library speak of the solver's terms; a user reads them in plain Dutch.
IN_WOORDEN = (
    ("beste tier (T1, T2, T3, T4)", "beste trede (T1, T2, T3, T4)"),
    ("(1 solver-aanroepen", "(1 rekenstap"),
    ("solver-aanroepen", "rekenstappen"),
    ("opnieuw met een ander seed", "opnieuw met een andere startwaarde"),
    ("met de solver, in", "door te rekenen, in"),
    ("met de solver", "door te rekenen"),
)


def in_woorden(tekst: str) -> str:
    for was, wordt in IN_WOORDEN:
        tekst = tekst.replace(was, wordt)
    return tekst


class _Voortgang:
    """Progress lines on stderr with the time since the start; `voornemen`: a second round (P2 ran)."""

    def __init__(self, stil: bool, *, voornemen: bool = False):
        self.stil = stil
        self.voornemen = voornemen
        self.start = time.monotonic()

    def __call__(self, tekst: str) -> None:
        if self.stil or (not self.voornemen and tekst.startswith("fase P2 ")):
            return  # P2 (fewest changes from the voornemen) runs only in a second round
        click.echo(f"[{time.monotonic() - self.start:6.1f} s] {in_woorden(tekst)}", err=True)

    @contextmanager
    def bezig(self, tekst: str, elke: float = HARTSLAG_SECONDEN):
        """A step that gives no progress of its own: its name now, and every `elke` seconds a line
        that it still runs (the clock feeds only this message)."""
        self(tekst)
        start, klaar = time.monotonic(), threading.Event()

        def tik():
            while not klaar.wait(elke):
                self(f"nog bezig: {tekst} ({time.monotonic() - start:.0f} s)")

        draad = threading.Thread(target=tik, name="plaatsing-voortgang", daemon=True)
        draad.start()
        try:
            yield
        finally:
            klaar.set()
            draad.join(timeout=1)


def _paren(items, vorm: str, optie: str) -> dict:
    """'a=b' options as a dict; a clear usage error (exit 2) when one has another form."""
    paren = {}
    for item in items:
        if "=" not in item:
            raise click.BadParameter(f"'{item}' heeft niet de vorm {vorm}.", param_hint=optie)
        links, rechts = item.split("=", 1)
        paren[links.strip()] = rechts.strip()
    return paren


def _parameters(peildatum, tijdslimiet, parameter) -> dict:
    waarden = _paren(parameter, "naam=waarde", "--parameter")
    if peildatum:
        waarden["peildatum"] = peildatum
    if tijdslimiet is not None:
        waarden["tijdslimiet"] = tijdslimiet
    return waarden


OPDRACHTREGEL = "Opdrachtregel"  # the 'blad' of a Melding about what was typed, not about the workbook


def _meld_invoerfout(fout: InvoerFout, schrijft: bool = True) -> None:
    aantal = len(fout.meldingen)
    click.echo(f"Het scenario kan niet worden gebruikt: {aantal} {'probleem' if aantal == 1 else 'problemen'} "
               f"gevonden.{' Er is niets geschreven.' if schrijft else ''}", err=True)
    for melding in fout.meldingen:
        click.echo(f"  {melding}", err=True)


def _meld_verkeerd_gebruik(fout: InvoerFout) -> None:
    """A mistake on the command line (unknown person, parameter, function, bad number): one line each."""
    for m in fout.meldingen:
        waar = m.kolom if (m.kolom or "").startswith("-") else f"parameter {m.kolom}"
        click.echo(f"Fout bij {waar}: {m.tekst}", err=True)


def _draai(functie, debug: bool, *, schrijft: bool = True):
    """Run a command; user mistakes become Dutch messages with the contract's exit codes, a signal stops
    it cleanly (exit 130, 143 or 129) and an OS error names the path (exit 2); never a traceback."""
    from plaatsing import signalen
    from plaatsing.invoer.besluiten import AnderScenario, PlanSchendtRegels
    from plaatsing.uitvoer import excel

    al_geschreven = len(excel.GESCHREVEN)
    try:
        with signalen.opvangen():
            return functie()
    except PlanSchendtRegels as fout:  # a hand-edited plan that breaks the rules: its violations, exit 4
        _meld_schendingen(fout.naam, fout.schendingen, "hieruit wordt niets gemaakt" if schrijft else "")
        sys.exit(EXIT_SCHENDINGEN)
    except AnderScenario as fout:  # one sentence, not one line per personeelsnummer
        click.echo(f"Fout: {fout.meldingen[0].tekst}{' Er is niets geschreven.' if schrijft else ''}", err=True)
        sys.exit(EXIT_ONGELDIG)
    except InvoerFout as fout:
        if all(m.blad == OPDRACHTREGEL for m in fout.meldingen):
            _meld_verkeerd_gebruik(fout)
            sys.exit(EXIT_VERKEERD_GEBRUIK)
        _meld_invoerfout(fout, schrijft)
        sys.exit(EXIT_ONGELDIG)
    except H4Conflict as fout:
        click.echo(f"{fout}{' Er is niets geschreven.' if schrijft else ''}", err=True)
        sys.exit(EXIT_ONGELDIG)
    except (ParameterFout, UitvoerFout) as fout:
        click.echo(f"Fout: {fout}", err=True)
        sys.exit(EXIT_VERKEERD_GEBRUIK)
    except click.ClickException:
        raise  # usage errors: click prints them in Dutch with exit code 2
    except BrokenPipeError:  # output piped into e.g. head
        sys.exit(0)
    except KeyboardInterrupt as fout:  # Ctrl-C, or SIGTERM / SIGHUP (signalen.Gestopt)
        oorzaak = fout.oorzaak if isinstance(fout, signalen.Gestopt) else "Ctrl-C"
        geschreven = excel.GESCHREVEN[al_geschreven:]
        click.echo(f"Afgebroken door {oorzaak}. " + (
            f"Al geschreven: {', '.join(str(p) for p in geschreven)}; verder is niets geschreven." if geschreven
            else "Er is niets geschreven."), err=True)
        sys.exit(signalen.exitcode(fout))
    except OSError as fout:
        if debug:
            raise
        click.echo(f"Fout: {_os_fout(fout)}", err=True)
        sys.exit(EXIT_VERKEERD_GEBRUIK)
    except Exception as fout:  # noqa: BLE001 - last line of defence: no traceback for users
        if debug:
            raise
        click.echo(f"Er ging iets mis in plaatsing ({type(fout).__name__}). Er is niets geschreven. "
                   "Draai opnieuw met --debug voor details en meld het probleem met dat verslag.", err=True)
        sys.exit(EXIT_INTERN)


def _os_fout(fout: OSError) -> str:
    """An OS error outside the writers (a folder that cannot be made, a file that cannot be read)."""
    from plaatsing.uitvoer.excel import schrijffout

    if fout.filename:
        pad = Path(str(fout.filename))
        if isinstance(fout, FileNotFoundError):
            return f"'{pad}' bestaat niet; controleer het pad."
        return str(schrijffout(pad, fout))
    return f"het besturingssysteem weigert de opdracht (systeemfout {fout.errno}). Er is niets geschreven."


class _Groep(click.Group):
    """The command group; click's own texts are Dutch while a command runs (nothing patched at import)."""

    def main(self, *args, **kwargs):
        with nl.nederlands():
            return super().main(*args, **kwargs)


@click.group(cls=_Groep, context_settings={"help_option_names": ["-h", "--help"]}, options_metavar="[OPTIES]",
             subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(package_name="plaatsing", message="plaatsing %(version)s",
                      help="Toon het versienummer en stop.")
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
@click.argument("scenario", type=nl.bestand())
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Pad van de besluiten (standaard: <scenario>-besluiten.xlsx naast het scenario).")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@click.option("--stil", is_flag=True, help="Geen voortgangsmeldingen.")
@_peildatum
@click.option("--tijdslimiet", type=nl.seconden(), metavar="SECONDEN", help="Rekenbudget in seconden (vaste rekentijd, niet de klok: hetzelfde plan bij elke run).")
@_parameter
@click.option("--workers", type=click.IntRange(1, 64), metavar="AANTAL", help="Aantal processen dat deelproblemen naast elkaar oplost (standaard: één per rekenkern).")
@click.option("--pseudonimiseer", is_flag=True, help="Vervang namen in de uitvoer door een vast pseudoniem.")
@click.option("--voornemen", type=nl.bestand(), metavar="BESLUITEN",
              help="Voorgenomen besluiten: maak de definitieve besluiten met zo min mogelijk wijzigingen (regels.md P2).")
@_debug
def solve(scenario, uitvoer, overschrijf, stil, peildatum, tijdslimiet, parameter, workers, pseudonimiseer, voornemen,
          debug):
    """Maak de plaatsingsbesluiten voor SCENARIO (een Excel-werkmap).

    Voorbeeld: plaatsing solve scenarios/almelo-2018.xlsx

    Exitcodes: 0 plan geschreven en bewezen optimaal; 1 scenario ongeldig (niets geschreven);
    2 verkeerd gebruik, of de uitvoer kan niet worden geschreven (niets geschreven); 3 plan geschreven
    maar niet bewezen optimaal binnen de tijdslimiet; 130/143/129 gestopt (Ctrl-C, SIGTERM, SIGHUP).
    """
    from plaatsing.invoer.lezen import read_scenario
    from plaatsing.plan import solve as los_op
    from plaatsing.uitvoer.excel import controleer_uitvoer, schrijf_besluiten

    def werk():
        melding = _Voortgang(stil, voornemen=bool(voornemen))
        doel = uitvoer or scenario.with_name(f"{scenario.stem}-besluiten{'-definitief' if voornemen else ''}.xlsx")
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=scenario)
        if voornemen and doel.resolve() == voornemen.resolve():
            raise UitvoerFout(f"het uitvoerbestand '{doel}' is het voornemen zelf; kies een andere naam met --uitvoer.")
        melding(f"inlezen van {scenario.name}")
        s = read_scenario(scenario, parameters=_parameters(peildatum, tijdslimiet, parameter))
        if voornemen:  # regels.md §9: the second round, from the voorgenomen besluiten
            from plaatsing.procedure.tweede_ronde import voor_tweede_ronde
            s = voor_tweede_ronde(s, voornemen)
            for regel in _andere_parameters(voornemen, s):
                melding(f"let op: {regel}")
        for w in s.waarschuwingen:
            melding(f"let op: {w}")
        melding(f"ingelezen: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude en "
                f"{len(s.nieuwe_functies)} nieuwe functies")
        plan = los_op(s, workers=workers, voortgang=melding)
        for w in plan.gegevens.k.waarschuwingen:
            melding(f"let op: {w}")
        melding(f"toets: {'geen schendingen' if plan.toets.empty else str(len(plan.toets)) + ' schendingen'}")
        schrijf_besluiten(plan, doel, overschrijf=overschrijf, pseudoniemen=pseudonimiseer)
        melding("besluiten geschreven")
        click.echo(_samenvatting(plan, doel))
        from plaatsing.procedure.wijzigingen import samenvatting_regels
        for regel in samenvatting_regels(plan.scenario, plan.toewijzing):
            click.echo(regel)
        if not plan.bewezen_optimaal:
            click.echo("Let op: niet elke fase is binnen de tijdslimiet bewezen optimaal; zie het blad "
                       "Verantwoording.", err=True)
            sys.exit(EXIT_NIET_BEWEZEN)

    _draai(werk, debug)


def _andere_parameters(voornemen: Path, s) -> list[str]:
    """The parameters under which the voornemen was made that differ from those of this round (its
    Verantwoording): the second round does not silently change the rules between the two rounds."""
    from plaatsing.invoer.besluiten import lees_verantwoording
    from plaatsing.invoer.werkboek import open_werkboek

    vastgelegd, _, _ = lees_verantwoording(open_werkboek(voornemen))
    nu = dict(s.parameters.als_rijen())
    anders = [f"{naam} {was or '(leeg)'} (nu {nu[naam] or '(leeg)'})" for naam, was in vastgelegd.items()
              if naam in nu and naam != "tijdslimiet" and was != nu[naam]]
    if not anders:
        return []
    return [f"het voornemen is gemaakt met andere parameters: {', '.join(anders)}. De definitieve besluiten "
            "gebruiken die van nu; is dat niet de bedoeling, geef dan de parameters van het voornemen op met -p."]


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
@click.argument("scenario", type=nl.bestand())
@_peildatum
@_parameter
@_debug
def valideer(scenario, peildatum, parameter, debug):
    """Controleer SCENARIO op fouten, zonder te plaatsen.

    Voorbeeld: plaatsing valideer scenarios/almelo-2018.xlsx

    Elk probleem wordt gemeld als 'blad, rij, kolom: wat is er mis'. Exitcode 0 als het
    scenario bruikbaar is, 1 als er problemen zijn.
    """
    from plaatsing.invoer.lezen import read_scenario

    def werk():
        from plaatsing.regels.kandidaten import bepaal_kandidaten

        s = read_scenario(scenario, parameters=_parameters(peildatum, None, parameter))
        for w in list(s.waarschuwingen) + list(bepaal_kandidaten(s).waarschuwingen):
            click.echo(f"Let op: {w}", err=True)
        click.echo(f"Het scenario is bruikbaar: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude "
                   f"functies, {len(s.nieuwe_functies)} nieuwe functies, {len(s.mapping)} koppelingen.")

    _draai(werk, debug, schrijft=False)


@main.command(options_metavar="[OPTIES]")
@click.argument("pad", type=nl.bestand())
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand bestand.")
@_debug
def template(pad, overschrijf, debug):
    """Schrijf een leeg scenario naar PAD, met kopregels, parameters en keuzelijsten.

    Voorbeeld: plaatsing template mijn-scenario.xlsx
    """
    from plaatsing.invoer.template import schrijf_template

    def werk():
        schrijf_template(pad, overschrijf=overschrijf)
        click.echo(f"Leeg scenario geschreven naar {pad}.")

    _draai(werk, debug)


_besluiten_arg = click.argument("besluiten", type=nl.bestand())
_overschrijf_parameter = click.option(
    "--parameter", "-p", multiple=True, metavar="NAAM=WAARDE",
    help="Overschrijf een parameter waarmee de besluiten zijn gemaakt (staat in de Verantwoording), "
         "bijvoorbeeld -p drempel_wijziging=40 (mag vaker).")


def _lees_plan(scenario: Path, besluiten: Path, parameter=()):
    """The Plan of a besluiten workbook under the parameters it was made with (regels.md §8.10);
    -p overrides a parameter explicitly, and the output says so."""
    from plaatsing.invoer.besluiten import lees_plan
    from plaatsing.invoer.lezen import read_scenario

    s = read_scenario(scenario)
    plan = lees_plan(besluiten, s, _paren(parameter, "naam=waarde", "--parameter"))
    for naam, was, nu in plan.overschreven:
        click.echo(f"Let op: parameter {naam} = {nu} (opgegeven met -p); de besluiten zijn gemaakt met "
                   f"{naam} = {was or '(leeg)'}.")
    return plan


def schendingen_van(plan):
    """The violations of a plan as `toets` reports them (P1: an adopted 'handhaven' keeps the decision)."""
    from plaatsing.procedure.tweede_ronde import bind_handhaven
    from plaatsing.toets.volledig import toets_plan

    gebonden = bind_handhaven(plan.scenario, plan.toewijzing)
    if gebonden is plan.scenario:
        return toets_plan(plan)
    uitkomsten = plan.gelezen_uitkomsten if plan.gelezen_uitkomsten is not None else plan.uitkomsten
    return toets_plan(gebonden, plan.toewijzing, uitkomsten)


def weiger_bij_schendingen(plan, besluiten: Path, wat: str) -> None:
    """Documents that leave the building (letters, the OR-bijlage) only of a plan that keeps the rules:
    otherwise a Dutch refusal with the violations and exit 4, nothing written."""
    schendingen = schendingen_van(plan)
    if schendingen.empty:
        return
    _meld_schendingen(besluiten.name, schendingen, f"{wat} worden alleen gemaakt van een plan dat eraan voldoet")
    sys.exit(EXIT_SCHENDINGEN)


def _meld_schendingen(naam: str, schendingen, gevolg: str) -> None:
    aantal = len(schendingen)
    click.echo(f"Het plan in '{naam}' voldoet niet aan de regels ({aantal} schending{'en' if aantal != 1 else ''})"
               + (f"; {gevolg}. Er is niets geschreven." if gevolg else ".")
               + " Elke schending met de oplossing (ook met 'plaatsing toets'):", err=True)
    for r in schendingen.itertuples(index=False):
        wie = f"{r.personeelsnummer} " if r.personeelsnummer else ""
        click.echo(f"  {r.regel} {wie}{r.functie + ': ' if r.functie else ''}{r.probleem}. Oplossing: {r.oplossing}.",
                   err=True)


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@_besluiten_arg
@_overschrijf_parameter
@_debug
def toets(scenario, besluiten, parameter, debug):
    """Toets een plan (ook een met de hand aangepast plan) aan de regels.

    Voorbeeld: plaatsing toets scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx

    Controleert capaciteit, geschiktheid, vastzettingen, functievolgerrecht, tijdelijk (H1–H5),
    verdringing (O2), ruil bij gelijke stand (O6), selectievolgorde (F3) en het minimum aantal
    niet geplaatsten (F4). Getoetst wordt onder de parameters waarmee de besluiten zijn gemaakt
    (blad Verantwoording); -p overschrijft er een. Exitcode 0 zonder schendingen, 4 met schendingen.
    """
    def werk():
        plan = _lees_plan(scenario, besluiten, parameter)
        schendingen = schendingen_van(plan)
        if schendingen.empty:
            click.echo(f"Het plan voldoet aan de regels (H1–H5, O2, O6, F3, F4): {len(plan.toewijzing)} medewerkers "
                       "getoetst.")
            return
        click.echo(f"Het plan voldoet niet: {len(schendingen)} schending{'en' if len(schendingen) != 1 else ''}.")
        for r in schendingen.itertuples(index=False):
            wie = f"{r.personeelsnummer} " if r.personeelsnummer else ""
            waar = f"{r.functie}: " if r.functie else ""
            click.echo(f"  {r.regel} {wie}{waar}{r.probleem}. Oplossing: {r.oplossing}.")
        sys.exit(EXIT_SCHENDINGEN)

    _draai(werk, debug, schrijft=False)


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@_besluiten_arg
@click.option("--medewerker", "-m", metavar="NR", help="Personeelsnummer van de medewerker.")
@click.option("--alle", is_flag=True, help="Leg het besluit van elke medewerker uit (met --json: één JSON-regel per medewerker).")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
@_overschrijf_parameter
@_debug
def uitleg(scenario, besluiten, medewerker, alle, als_json, parameter, debug):
    """Leg het besluit uit: uitkomst, regels en waarom geen betere functie (-m NR of --alle).

    Voorbeeld: plaatsing uitleg scenarios/almelo-2018.xlsx uitvoer/almelo-2018-besluiten.xlsx -m A0035
    """
    import json

    from plaatsing.uitleg.verklaring import als_tekst, uitleg as leg_uit, uitleg_per_medewerker

    if bool(medewerker) == bool(alle):
        raise click.UsageError("Geef óf --medewerker NR óf --alle op.")

    def werk():
        plan = _lees_plan(scenario, besluiten, parameter)
        if alle:
            for u in uitleg_per_medewerker(plan):
                click.echo(json.dumps(u, ensure_ascii=False) if als_json else als_tekst(u) + "\n")
            return
        u = leg_uit(plan, personeelsnummer(plan.scenario, medewerker))
        click.echo(json.dumps(u, ensure_ascii=False, indent=2) if als_json else als_tekst(u))

    _draai(werk, debug, schrijft=False)


def _vastzettingen(items, s) -> dict:
    """NR=CODE pairs; a personeelsnummer or code typed in other capitals is found (exit 2 when unknown)."""
    vast = {}
    for nr, code in _paren(items, "NR=FUNCTIECODE", "--vastzetten").items():
        codes = {str(c).casefold(): c for c in s.nieuwe_functies.index}
        vast[personeelsnummer(s, nr, "--vastzetten")] = codes.get(code.casefold(), code)
    return vast


def personeelsnummer(s, nr: str, optie: str = "--medewerker") -> str:
    """The personeelsnummer of the scenario that the user meant: as typed, or in other capitals
    (a0035 for A0035). Unknown: a usage error (exit 2) with a suggestion when one is close."""
    import difflib

    nr = str(nr).strip()
    nummers = [str(p) for p in s.medewerkers.index]
    if nr in nummers:
        return nr
    gelijk = [p for p in nummers if p.casefold() == nr.casefold()]
    if len(gelijk) == 1:
        return gelijk[0]
    bijna = difflib.get_close_matches(nr, nummers, n=1)
    raise InvoerFout([Melding(OPDRACHTREGEL, None, optie, f"personeelsnummer '{nr}' staat niet in het scenario"
                              + (f"; bedoelt u {bijna[0]}?" if bijna else "; controleer het nummer."))])


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
@_parameter
@click.option("--basis", type=nl.bestand(),
              help="Besluiten van het basisplan (standaard: opnieuw oplossen met het scenario).")
@click.option("--uitvoer", "-o", type=nl.bestand(),
              help="Schrijf de variant als besluiten-werkmap (zoals solve), voor toets, uitleg, rapport en brieven.")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@_debug
def wat_als(scenario, vastzetten, parameter, basis, uitvoer, overschrijf, debug):
    """Los opnieuw op met extra vastzettingen of parameters en toon het verschil met het basisplan.

    Voorbeeld: plaatsing wat-als scenarios/almelo-2018.xlsx --vastzetten A0035=BV-HRM-02
    """
    from plaatsing.varianten import wat_als as bereken
    from plaatsing.invoer.lezen import read_scenario
    from plaatsing.uitvoer.excel import controleer_uitvoer, schrijf_besluiten

    def werk():
        if uitvoer:
            controleer_uitvoer(uitvoer, overschrijf=overschrijf, invoer=scenario)
        basisplan = _lees_plan(scenario, basis) if basis else None
        s = basisplan.scenario if basisplan else read_scenario(scenario)
        uitkomst = bereken(basisplan or s, vastzetten=_vastzettingen(vastzetten, s),
                           parameters=_parameters(None, None, parameter))
        _toon_verschil(uitkomst.verschil)
        click.echo("Wat het kost (basis → nieuw):")
        for r in uitkomst.kosten.itertuples(index=False):
            if r.verschil:
                click.echo(f"  {r.kengetal}: {r.basis:g} → {r.nieuw:g} ({r.verschil:+g})".replace(".", ","))
        if uitvoer:
            schrijf_besluiten(uitkomst.nieuw, uitvoer, overschrijf=overschrijf)
            click.echo(f"Variant geschreven naar {uitvoer}")

    _draai(werk, debug, schrijft=bool(uitvoer))


@main.command(options_metavar="[OPTIES]")
@click.argument("scenario", type=nl.bestand())
@click.argument("plan_a", type=nl.bestand())
@click.argument("plan_b", type=nl.bestand())
@click.option("--uitvoer", "-o", type=nl.bestand(), help="Schrijf het verschil naar dit Excel-bestand.")
@click.option("--overschrijf", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@_overschrijf_parameter
@_debug
def vergelijk(scenario, plan_a, plan_b, uitvoer, overschrijf, parameter, debug):
    """Vergelijk twee plannen van hetzelfde scenario: wie gaat waarheen, wie wordt (niet meer) boventallig.

    Voorbeeld: plaatsing vergelijk scenarios/almelo-2018.xlsx a-besluiten.xlsx b-besluiten.xlsx
    """
    from plaatsing.varianten import vergelijk_plannen
    from plaatsing.uitvoer.excel import bewaar_als, controleer_uitvoer, nieuw_werkboek, schrijf_tabel

    def werk():
        if uitvoer:
            controleer_uitvoer(uitvoer, overschrijf=overschrijf, invoer=scenario)
        verschil = vergelijk_plannen(_lees_plan(scenario, plan_a, parameter), _lees_plan(scenario, plan_b, parameter))
        _toon_verschil(verschil)
        if uitvoer:
            boek = nieuw_werkboek(alleen_schrijven=True)
            schrijf_tabel(boek, "Verschil", verschil)
            bewaar_als(boek, uitvoer, overschrijf=overschrijf)
            click.echo(f"Verschil geschreven naar {uitvoer}")

    _draai(werk, debug, schrijft=bool(uitvoer))
