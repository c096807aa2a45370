"""Input problems as data: every problem names blad, rij and kolom, in Dutch."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Melding:
    """One problem in the scenario workbook (rij and kolom may be unknown)."""

    blad: str
    rij: int | None
    kolom: str | None
    tekst: str

    def __str__(self) -> str:
        rij = f"rij {self.rij}" if self.rij is not None else "rij -"
        kolom = f"kolom {_regel(self.kolom)}" if self.kolom else "kolom -"
        return f"{_regel(self.blad) or '-'}, {rij}, {kolom}: {_regel(self.tekst)}"


def _regel(tekst) -> str:
    """One line: a value quoted in a message must not break the 'blad, rij, kolom: tekst' line."""
    return " ".join(str(tekst).split()) if tekst is not None else ""


MAX_GETOOND = 200  # problems listed; the rest are counted


class Rest(Melding):
    """The last line when more problems were found than are listed."""

    def __str__(self) -> str:
        return _regel(self.tekst)


class InvoerFout(Exception):
    """The scenario cannot be used: one or more Meldingen, all reported at once."""

    # what a user reads above the meldingen; a besluiten workbook that cannot be read says so (cli.gereedschap)
    kop = "Het scenario kan niet worden gebruikt"

    def __init__(self, meldingen: list[Melding]):
        alle = sorted(set(meldingen), key=_sort_key)
        self.aantal = len(alle)
        self.meldingen = alle[:MAX_GETOOND]
        if self.aantal > MAX_GETOOND:  # a sheet filled down to its last row must not print millions of lines
            rest = self.aantal - MAX_GETOOND
            self.meldingen.append(Rest("", None, None, f"… en nog {rest} {'probleem' if rest == 1 else 'problemen'}; "
                                          f"hierboven staan de eerste {MAX_GETOOND}. Los die eerst op en controleer "
                                          "het scenario opnieuw."))
        super().__init__("\n".join(str(m) for m in self.meldingen))


def _sort_key(m: Melding) -> tuple:
    return (m.blad, m.rij if m.rij is not None else 0, m.kolom or "", m.tekst)


class ParameterFout(Exception):
    """A parameter given on the command line or through the API is not valid."""


class H4Conflict(Exception):
    """No plan meets H1–H5: under SEL-B the functievolgerrechten of these medewerkers conflict (regels.md H4)."""

    def __init__(self, personeelsnummers: list[str], functies: list[str]):
        self.personeelsnummers = personeelsnummers
        self.functies = functies
        super().__init__(
            "Er is geen plan dat aan H1–H5 voldoet: bij afspiegeling (SEL-B) botsen de functievolgerrechten (H4) "
            f"van de medewerkers {', '.join(personeelsnummers)} in de functies {', '.join(functies)}. "
            "Leg een keuze vast in het blad Vastgezet of gebruik selectiemethode anciënniteit voor deze functies.")

    def __reduce__(self):  # raised in a worker process, it must survive pickling
        return H4Conflict, (self.personeelsnummers, self.functies)
