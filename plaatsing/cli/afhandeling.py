"""How every command runs: Dutch progress lines, the contract's exit codes for every kind of failure,
signals that stop the work cleanly (plaatsing/signalen.py), and refusals that name what to do."""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import click

from plaatsing import signalen
from plaatsing.fouten import H4Conflict, InvoerFout, ParameterFout
from plaatsing.uitvoer.excel import UitvoerFout

EXIT_ONGELDIG = 1
EXIT_VERKEERD_GEBRUIK = 2
EXIT_NIET_BEWEZEN = 3
EXIT_SCHENDINGEN = 4
EXIT_INTERN = 70
HARTSLAG_SECONDEN = 5.0  # a long step without progress of its own says every this many seconds that it runs


# The progress lines of the library speak of the solver's terms; a user reads them in plain Dutch.
IN_WOORDEN = (
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


class Voortgang:
    """Progress lines on stderr with the time since the start; `voornemen`: a second round (P2 ran)."""

    def __init__(self, stil: bool, *, voornemen: bool = False):
        self.stil = stil
        self.voornemen = voornemen
        self.start = time.monotonic()

    def __call__(self, tekst: str) -> None:
        signalen.controleer()  # a signal whose exception was dropped stops the run here
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


OPDRACHTREGEL = "Opdrachtregel"  # the 'blad' of a Melding about what was typed, not about the workbook


def _meld_invoerfout(fout: InvoerFout, schrijft: bool = True) -> None:
    aantal = fout.aantal
    click.echo(f"{fout.kop}: {aantal} {'probleem' if aantal == 1 else 'problemen'} "
               f"gevonden.{' Er is niets geschreven.' if schrijft else ''}", err=True)
    for melding in fout.meldingen:
        click.echo(f"  {melding}", err=True)


def _meld_verkeerd_gebruik(fout: InvoerFout) -> None:
    """A mistake on the command line (unknown person, parameter, function, bad number): one line each."""
    for m in fout.meldingen:
        waar = m.kolom if (m.kolom or "").startswith("-") else f"parameter {m.kolom}"
        click.echo(f"Fout bij {waar}: {m.tekst}", err=True)


def draai(functie, debug: bool, *, schrijft: bool = True):
    """Run a command; user mistakes become Dutch messages with the contract's exit codes, a signal stops
    it cleanly (exit 130, 143 or 129) and an OS error names the path (exit 2); never a traceback."""
    from plaatsing.invoer.besluiten import AnderScenario
    from plaatsing.plannen.lezen import PlanSchendtRegels
    from plaatsing.uitvoer import excel

    al_geschreven = len(excel.GESCHREVEN)
    try:
        with signalen.opvangen():
            return functie()
    except PlanSchendtRegels as fout:  # a hand-edited plan that breaks the rules: its violations, exit 4
        meld_weigering(fout.naam, fout.schendingen, "hieruit wordt niets gemaakt" if schrijft else "")
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
        click.echo(f"Fout: {fout}{_al_geschreven(excel.GESCHREVEN[al_geschreven:])}", err=True)
        sys.exit(EXIT_VERKEERD_GEBRUIK)
    except click.ClickException:
        raise  # usage errors: click prints them in Dutch with exit code 2
    except BrokenPipeError:  # output piped into e.g. head
        sys.exit(0)
    except KeyboardInterrupt as fout:  # Ctrl-C, or SIGTERM / SIGHUP (signalen.Gestopt)
        oorzaak = fout.oorzaak if isinstance(fout, signalen.Gestopt) else "Ctrl-C"
        geschreven = excel.GESCHREVEN[al_geschreven:]
        click.echo(f"Afgebroken door {oorzaak}. " + (_al_geschreven(geschreven).strip() if geschreven
                                                     else "Er is niets geschreven."), err=True)
        sys.exit(signalen.exitcode(fout))
    except OSError as fout:
        if debug:
            click.echo(verslag_zonder_gegevens(fout), err=True)
            sys.exit(EXIT_INTERN)
        click.echo(f"Fout: {_os_fout(fout)}{_al_geschreven(excel.GESCHREVEN[al_geschreven:])}", err=True)
        sys.exit(EXIT_VERKEERD_GEBRUIK)
    except Exception as fout:  # noqa: BLE001 - last line of defence: no traceback for users
        onderbreking = signalen.door_signaal(fout)
        if onderbreking is not None:  # a module that was loading when the signal came: it was the signal
            geschreven = excel.GESCHREVEN[al_geschreven:]
            click.echo(f"Afgebroken door {getattr(onderbreking, 'oorzaak', 'Ctrl-C')}. " +
                       (_al_geschreven(geschreven).strip() if geschreven else "Er is niets geschreven."), err=True)
            sys.exit(signalen.exitcode(onderbreking))
        if debug:
            click.echo(verslag_zonder_gegevens(fout), err=True)
            sys.exit(EXIT_INTERN)
        click.echo(f"Er ging iets mis in plaatsing ({type(fout).__name__}). Er is niets geschreven. "
                   "Draai opnieuw met --debug voor details en meld het probleem met dat verslag.", err=True)
        sys.exit(EXIT_INTERN)


def verslag_zonder_gegevens(fout: BaseException) -> str:
    """The --debug report: every frame (file, line, function, the line of code) and the type of each exception
    in the chain, but not the exception texts: they may quote a cell value, such as a name or a birth date."""
    import traceback

    delen, gezien = [], set()
    while fout is not None and id(fout) not in gezien:
        gezien.add(id(fout))
        stapel = traceback.extract_tb(fout.__traceback__)
        regels = [f"  {f.filename}:{f.lineno} in {f.name}" + (f"\n    {f.line.strip()}" if f.line else "")
                  for f in stapel]
        delen.append(f"{type(fout).__module__}.{type(fout).__qualname__} (tekst weggelaten: kan persoonsgegevens "
                     "bevatten)\n" + "\n".join(regels))
        fout = fout.__cause__ or fout.__context__
    return "Verslag voor de ontwikkelaars (--debug):\n" + "\n-- veroorzaakt door --\n".join(delen)


def _al_geschreven(paden: list) -> str:
    """What this command did write before it stopped (a message must never say 'nothing' then)."""
    if not paden:
        return ""
    if len(paden) <= 3:
        return f" Wel al geschreven (heel): {', '.join(str(p) for p in paden)}."
    mappen = sorted({str(Path(p).parent) for p in paden})
    return f" Wel al geschreven (heel): {len(paden)} bestanden in {', '.join(mappen[:3])}."


def _os_fout(fout: OSError) -> str:
    """An OS error outside the writers (a folder that cannot be made, a file that cannot be read)."""
    from plaatsing.uitvoer.excel import schrijffout

    if fout.filename:
        pad = Path(str(fout.filename))
        if isinstance(fout, FileNotFoundError):
            return f"'{pad}' bestaat niet; controleer het pad."
        return str(schrijffout(pad, fout))
    return f"het besturingssysteem weigert de opdracht (systeemfout {fout.errno}). Er is niets geschreven."


def meld_weigering(naam: str, schendingen, gevolg: str) -> None:
    aantal = len(schendingen)
    click.echo(f"Het plan in '{naam}' voldoet niet aan de regels ({aantal} schending{'en' if aantal != 1 else ''})"
               + (f"; {gevolg}. Er is niets geschreven." if gevolg else ".")
               + " Elke schending met de oplossing (ook met 'plaatsing toets'):", err=True)
    for r in schendingen.itertuples(index=False):
        wie = f"{r.personeelsnummer} " if r.personeelsnummer else ""
        click.echo(f"  {r.regel} {wie}{r.functie + ': ' if r.functie else ''}{r.probleem}. Oplossing: {r.oplossing}.",
                   err=True)
