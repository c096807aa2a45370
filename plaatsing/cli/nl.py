"""Dutch texts for click's own messages (help headings, usage errors): users speak Dutch."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click

VERTALING = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulptekst en stop.",
    "Show the version and exit.": "Toon het versienummer en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing command.": "Geef een opdracht op.",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} kan niet; toegestaan is: {range}.",
    "Aborted!": "Afgebroken.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map; geef een bestand op.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand; geef een map op.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan niet worden gelezen (geen leesrechten).",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan niet worden geschreven (geen schrijfrechten).",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan niet worden uitgevoerd.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "Value must be an iterable.": "Geef een lijst van waarden.",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Could not open file {filename!r}: {message}": "Het bestand {filename!r} kan niet worden geopend: {message}",
    "unknown error": "onbekende fout",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja/nee-waarde. Mogelijke waarden: {states}",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} heeft {nargs} waarden nodig.",
    "Invalid start character for option ({option})": "Ongeldig eerste teken voor een optie ({option})",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Error: invalid input": "Fout: ongeldige invoer",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "argument": "argument",
    "option": "optie",
    "parameter": "parameter",
}
MEERVOUD = {
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Did you mean {possibility}?": "Bedoelt u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelt u een van: {possibilities}?)",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} heeft niet de vorm {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} heeft geen van de vormen {formats}.",
    "Takes {nargs} values but 1 was given.": "Heeft {nargs} waarden nodig, maar kreeg er 1.",
    "Takes {nargs} values but {len} were given.": "Heeft {nargs} waarden nodig, maar kreeg er {len}.",
    "{len_type} values are required, but {len_value} was given.": "{len_type} waarden nodig, maar kreeg er {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "{len_type} waarden nodig, maar kreeg er {len_value}.",
}


class _Pad(click.Path):
    """click.Path with a Dutch type name: 'BESTAND' or 'MAP' in the help, 'Bestand …' in messages."""

    def __init__(self, naam: str, **kwargs):
        super().__init__(path_type=Path, **kwargs)
        self.name = naam


def bestand(**kwargs) -> click.Path:
    """A file argument or option (never a folder)."""
    return _Pad("bestand", dir_okay=False, **kwargs)


def map_(**kwargs) -> click.Path:
    """A folder argument or option (never a file)."""
    return _Pad("map", file_okay=False, **kwargs)


def seconden() -> click.FloatRange:
    """A number of seconds (the time limit): more than 0, at most a day."""
    return click.FloatRange(0, 86400, min_open=True)


def _bereik(self) -> str:
    """click's range in help texts and messages ('1<=x<=64') in words."""
    def grens(waarde) -> str:
        return f"{waarde:g}".replace(".", ",") if isinstance(waarde, float) else str(waarde)

    onder = None if self.min is None else ("groter dan " if self.min_open else "minstens ") + grens(self.min)
    boven = None if self.max is None else ("kleiner dan " if self.max_open else "hoogstens ") + grens(self.max)
    if onder and boven and not self.min_open and not self.max_open:
        return f"{grens(self.min)} t/m {grens(self.max)}"
    return " en ".join(d for d in (onder, boven) if d)


def _vertaal(tekst: str) -> str:
    return VERTALING.get(tekst, tekst)


def _vertaal_meervoud(enkel: str, meer: str, n: int) -> str:
    tekst = enkel if n == 1 else meer
    return MEERVOUD.get(tekst, tekst)


@contextmanager
def nederlands():
    """Point click's gettext lookups at the Dutch texts above while the block runs, then restore them."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    import click.termui

    oud = [(click.types._NumberRangeBase, "_describe_range", click.types._NumberRangeBase._describe_range)]
    click.types._NumberRangeBase._describe_range = _bereik
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types,
                   click.termui):
        for naam, nieuw in (("_", _vertaal), ("ngettext", _vertaal_meervoud)):
            if hasattr(module, naam):
                oud.append((module, naam, getattr(module, naam)))
                setattr(module, naam, nieuw)
    try:
        yield
    finally:
        for module, naam, waarde in reversed(oud):
            setattr(module, naam, waarde)
