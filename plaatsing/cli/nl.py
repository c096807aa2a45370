"""Dutch texts for click's own messages (help headings, usage errors): users speak Dutch."""
from __future__ import annotations

from contextlib import contextmanager



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
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "Aborted!": "Afgebroken.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
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
}


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

    oud = []
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        for naam, nieuw in (("_", _vertaal), ("ngettext", _vertaal_meervoud)):
            if hasattr(module, naam):
                oud.append((module, naam, getattr(module, naam)))
                setattr(module, naam, nieuw)
    try:
        yield
    finally:
        for module, naam, waarde in reversed(oud):
            setattr(module, naam, waarde)
