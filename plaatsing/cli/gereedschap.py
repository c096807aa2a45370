"""The command kit: what the commands of `plaatsing` share — the options, defined once; how a command runs
(afhandeling.py: the exit codes, progress lines, refusals); a besluiten workbook read back with its seal checked;
the summary after a plan. Every command module imports these public names from here."""
from __future__ import annotations

import difflib
from pathlib import Path

import click

from plaatsing.cli import nl
from plaatsing.cli.afhandeling import (EXIT_INTERN, EXIT_NIET_BEWEZEN, EXIT_ONGELDIG, EXIT_SCHENDINGEN,  # noqa: F401
                                       EXIT_VERKEERD_GEBRUIK, OPDRACHTREGEL, Voortgang, draai, in_woorden,
                                       meld_weigering)
from plaatsing.fouten import InvoerFout, Melding
from plaatsing.regels.herplaatsing import bladen as herplaatsing_bladen

# the options more than one command has, defined once
peildatum_optie = click.option("--peildatum", metavar="JJJJ-MM-DD", help="Peildatum (gaat voor het blad Parameters).")
parameter_optie = click.option("--parameter", "-p", multiple=True, metavar="NAAM=WAARDE",
                               help="Zet een parameter, bijvoorbeeld -p drempel_wijziging=40 (mag vaker).")
overschrijf_parameter_optie = click.option(
    "--parameter", "-p", multiple=True, metavar="NAAM=WAARDE",
    help="Overschrijf een parameter waarmee de besluiten zijn gemaakt (staat in de Verantwoording), "
         "bijvoorbeeld -p drempel_wijziging=40 (mag vaker).")
toelichting_optie = click.option(
    "--toelichting", "-t", "toelichting", multiple=True, metavar="NR=TEKST",
    help="Waarom de wat-als-vastzetting van deze medewerker is besloten (wie en wanneer); zonder toelichting "
         "maken rapport en brieven geen document van een variant (mag vaker).")
stil_optie = click.option("--stil", is_flag=True, help="Geen voortgangsmeldingen.")
debug_optie = click.option("--debug", is_flag=True,
                           help="Toon bij een interne fout een verslag voor de ontwikkelaars (zonder persoonsgegevens).")
besluiten_argument = click.argument("besluiten", type=nl.bestand())


def paren(items, vorm: str, optie: str) -> dict:
    """'a=b' options as a dict; a clear usage error (exit 2) when one has another form."""
    uit = {}
    for item in items:
        if "=" not in item:
            raise click.BadParameter(f"'{item}' heeft niet de vorm {vorm}.", param_hint=optie)
        links, rechts = item.split("=", 1)
        uit[links.strip()] = rechts.strip()
    return uit


def parameters_uit(peildatum, tijdslimiet, parameter) -> dict:
    """The parameters typed on the command line (--peildatum, --tijdslimiet, -p naam=waarde) by name."""
    waarden = paren(parameter, "naam=waarde", "--parameter")
    if peildatum:
        waarden["peildatum"] = peildatum
    if tijdslimiet is not None:
        waarden["tijdslimiet"] = tijdslimiet
    return waarden


def samenvatting(plan, doel: Path) -> str:
    """The summary after a plan is written: numbers per uitkomst, the bound, herplaatsing, proven or not."""
    from plaatsing.plannen.tabellen import GRENS_BEWEZEN_RIJ

    regels = ["Plaatsingsbesluiten:"]
    for r in plan.samenvatting().itertuples(index=False):
        regels.append(f"  {r.uitkomst:<28} {r.aantal:>6}")
    vacant = plan.bezetting["vacant_fte"].sum()
    regels.append(f"  {'vacante formatie (fte)':<28} {vacant:>6.2f}".replace(".", ","))
    grens = dict(plan.verantwoording.itertuples(index=False)).get(GRENS_BEWEZEN_RIJ)
    if grens:  # issue 24: how far from the fewest possible, by a bound anyone can check (blad Knelpunten)
        regels.append(f"Ondergrens niet geplaatst: {grens}.")
    h = plan.herplaatsing
    if not h.empty:  # regels.md §10
        aantal = h["personeelsnummer"].nunique()
        namen = [naam for naam, _ in herplaatsing_bladen(h)]  # more than Excel opens in one sheet: split
        waar = f"blad {namen[0]}" if len(namen) == 1 else f"bladen {', '.join(namen[:-1])} en {namen[-1]}"
        regels.append(f"Herplaatsingsonderzoek: {len(h)} open {'plaats' if len(h) == 1 else 'plaatsen'} te beoordelen "
                      f"voor {aantal} {'boventallige' if aantal == 1 else 'boventalligen'} ({waar}).")
    regels.append(f"Bewezen optimaal: {'ja' if plan.bewezen_optimaal else 'nee'}")
    regels.append(f"Geschreven naar: {doel}")
    return "\n".join(regels)


def meld_schendingen(schendingen, *, err: bool = False) -> None:
    """'Het plan voldoet niet: 2 schendingen.' and one line per violation (rule, who, where, fix)."""
    click.echo(f"Het plan voldoet niet: {len(schendingen)} schending{'en' if len(schendingen) != 1 else ''}.", err=err)
    for r in schendingen.itertuples(index=False):
        wie = f"{r.personeelsnummer} " if r.personeelsnummer else ""
        waar = f"{r.functie}: " if r.functie else ""
        click.echo(f"  {r.regel} {wie}{waar}{r.probleem}. Oplossing: {r.oplossing}.", err=err)


def lees_plan_van(scenario: Path, besluiten: Path, parameter=(), toelichting=(), *, zegel: str | None = None,
                  toch: bool = False):
    """The Plan of a besluiten workbook under the parameters it was made with (regels.md §8.10);
    -p overrides a parameter explicitly, and the output says so; --toelichting explains what-if pins.
    `zegel`: check the seal first (P3) — "melden" says on stderr when it is broken, "weigeren" refuses
    (exit 1) unless `toch` (--toch)."""
    from plaatsing.plannen.lezen import lees_plan
    from plaatsing.plannen.inlezen import read_scenario

    if zegel is not None and Path(besluiten).is_file():
        controleer_zegel_van(Path(besluiten), weigeren=zegel == "weigeren" and not toch)
    s = read_scenario(scenario)
    try:
        plan = lees_plan(besluiten, s, paren(parameter, "naam=waarde", "--parameter"),
                         paren(toelichting, "NR=TEKST", "--toelichting") if toelichting else None)
    except InvoerFout as fout:
        fout.kop = "De besluiten kunnen niet worden gebruikt"  # not "het scenario": that one was read
        raise
    for naam, was, nu in plan.overschreven:
        click.echo(f"Let op: parameter {naam} = {nu} (opgegeven met -p); de besluiten zijn gemaakt met "
                   f"{naam} = {was or '(leeg)'}.")
    return plan


def controleer_zegel_van(besluiten: Path, *, weigeren: bool) -> None:
    """P3: a broken or missing seal is said on stderr, or refused (exit 1) where documents would follow from it."""
    from plaatsing.procedure.dossier import controleer_zegel

    controle = controleer_zegel(besluiten)
    tekst = controle.melding(besluiten.name)
    if controle.klopt is not True and weigeren:
        raise InvoerFout([Melding(besluiten.name, None, None,
                                  f"{tekst} Er zijn geen documenten gemaakt: een brief of bijlage moet zeggen wat "
                                  "plaatsing besloot. Maak de besluiten opnieuw met 'plaatsing solve', of geef --toch "
                                  "op als de wijziging bewust en nagegaan is.")])
    if tekst:
        click.echo(f"Let op: {tekst}", err=True)


def personeelsnummer(s, nr: str, optie: str = "--medewerker") -> str:
    """The personeelsnummer of the scenario that the user meant: as typed, or in other capitals
    (a0035 for A0035). Unknown: a usage error (exit 2) with a suggestion when one is close."""
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
