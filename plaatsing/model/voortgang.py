"""Progress of long runs (issue 12): a line when parts of the problem are done and while a large part
runs, with an estimate of what remains. The clock feeds only these lines, never the plan (F5)."""
from __future__ import annotations

import time
from typing import Callable

from plaatsing.model import instellingen

VOORTGANG_SECONDEN = 10.0  # at most one progress line per this many seconds (wall clock: only a message)
BEZIG_SECONDEN = 30.0  # while no part is done: at most one line per this many seconds
LOPEND_HOOGSTENS = 0.95  # a running part counts as at most this share done until it is done


class Voortgang:
    """Progress lines for long runs, at most one per VOORTGANG_SECONDEN: when parts are done, and
    while a long part runs. The estimate of what remains comes from the work budget of the parts
    not done (that budget bounds them), at the seconds per unit of work measured on the parts done
    so far but at least 1 / WERK_PER_SECONDE, shared over the processes; the clock only feeds
    this message, never the plan."""

    def __init__(self, taken: list, meld: Callable[[str], None], processen: int = 1, klok=time.monotonic):
        self.meld, self.klok = meld, klok
        self.laatst = klok()
        self.grootte = [grootte(t[0]) for t in taken]
        self.budget = [t[1] for t in taken]
        self.mensen = [len(t[0].personen) for t in taken]
        self.processen = max(1, processen)
        self.open = set(range(len(taken)))
        self.gestart: dict[int, float] = {}
        self.seconden = self.werk = 0.0   # of the parts done: wall clock and work used

    def loopt(self, i: int) -> None:
        self.gestart.setdefault(i, self.klok())

    def klaar(self, i: int, fasen: list) -> None:
        nu = self.klok()
        self.open.discard(i)
        if i in self.gestart:  # seen running: its time and work give the rate
            self.seconden += nu - self.gestart[i]
            self.werk += sum(f.werk for f in fasen)
        self._meld(nu, VOORTGANG_SECONDEN)

    def bezig(self) -> None:
        """Nothing done since the last look: a line now and then while long parts run."""
        self._meld(self.klok(), BEZIG_SECONDEN)

    def per_eenheid(self) -> float:
        """Seconds per unit of work: measured on the parts done, the calibrated rate as a floor (small parts
        run faster per unit than a large one, whose model, per-call costs and repair come on top; measured:
        ~2 s per unit on small parts, ~4.5 on 46,100 people)."""
        return max(1 / instellingen.WERK_PER_SECONDE, self.seconden / self.werk if self.werk >= 1.0 else 0.0)

    def rest(self, nu: float) -> float:
        """Seconds that remain, by the budgets of the open parts."""
        per_eenheid = self.per_eenheid()
        per_deel = [max(0.0, self.budget[i] * per_eenheid - (nu - self.gestart[i] if i in self.gestart else 0.0))
                    for i in self.open]
        return max(max(per_deel, default=0.0), sum(per_deel) / self.processen)

    def gedaan(self, nu: float) -> float:
        """The share of the work done: the parts done, and of a running part the share of its expected time
        that has passed (at most LOPEND_HOOGSTENS: its end is not known), so that the share grows while
        the largest part runs instead of standing at 0 % (issue 26)."""
        totaal = max(1, sum(self.grootte))
        klaar = sum(g for i, g in enumerate(self.grootte) if i not in self.open)
        per_eenheid = self.per_eenheid()
        for i in self.open:
            if i in self.gestart:
                verwacht = max(1e-9, self.budget[i] * per_eenheid)
                klaar += self.grootte[i] * min(LOPEND_HOOGSTENS, (nu - self.gestart[i]) / verwacht)
        return klaar / totaal

    def _meld(self, nu: float, interval: float) -> None:
        if nu - self.laatst < interval or not self.open:
            return
        self.laatst = nu
        gedaan = self.gedaan(nu)
        procent = max(1, round(100 * gedaan)) if gedaan > 0 else 0  # something runs: never '0 %'
        tekst = (f"{len(self.grootte) - len(self.open)} van {deelproblemen(len(self.grootte))} klaar "
                 f"({procent}% van het werk)")
        lopend = sorted((i for i in self.open if i in self.gestart), key=lambda i: -self.mensen[i])
        if lopend:
            tekst += f"; bezig met {'een deel' if len(lopend) == 1 else f'{len(lopend)} delen'} van " \
                     f"{' en '.join(aantal(self.mensen[i]) for i in lopend[:2])} mensen"
        rest = self.rest(nu)
        if rest < 1 and lopend:
            self.meld(f"{tekst}; dat duurt langer dan geschat")
        else:
            self.meld(f"{tekst}; nog ongeveer {rest:.0f} s")


def aantal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def grootte(comp) -> int:
    """A part's size: its possible placements."""
    return sum(len(comp.opties[p]) for p in comp.personen)


def deelproblemen(aantal: int) -> str:
    return f"{aantal} deelprobleem" if aantal == 1 else f"{aantal} deelproblemen"
