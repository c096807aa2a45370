"""Disclosure control for the OR-bijlage: no count of 1–4 people can be read or computed back.

Every published count is a variable of one linear system (rows, columns, totals, voor/na pairs,
and the same quantity in several tables is one variable). Primary suppression shows 1–4 as
'<5'; a derived count that is never printed (e.g. voor − na: how many of a group lost their
place) is protected just the same. A group of fewer than 5 is never broken down (its parts are
'•'). Secondary suppression then hides more counts ('•') until an attacker who knows every shown
number and that '<5' is 1–4, and propagates integer intervals through every published sum, can
narrow no protected count to less than the whole range 1–4 (inside a '<5' group: can know no
part exactly and none to be 2 or more).

A count the bijlage must always show (`altijd`: the totals per uitkomst for the whole organisation,
scenario-formaat.md OR-bijlage v2) is printed even when small; then its breakdown is protected: its
parts are '•' and no reader may learn that any part holds at least one person. The threshold is
`Telstelsel.drempel` (parameter drempel_afscherming, default 5).
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from plaatsing.determinisme import cpsat

DREMPEL = 5
KLEIN = "<5"
AFGESCHERMD = "•"
ONBEGRENSD = math.inf


@dataclass
class Telstelsel:
    """Counts (key -> number of people) and the sums that tie them together (parts -> whole)."""

    waarden: dict = field(default_factory=dict)
    verborgen: set = field(default_factory=set)       # derived, never printed
    sommen: list = field(default_factory=list)        # (tuple of part keys, whole key)
    drempel: int = DREMPEL                            # counts 1 … drempel − 1 are protected
    altijd: set = field(default_factory=set)          # always shown, also when small (their parts are protected)
    omgezet: set = field(default_factory=set)         # small counts printed as '•' instead of '<5' (last resort)
    openbaar: set = field(default_factory=set)        # determined by the `altijd` counts alone: public anyway

    def tel(self, sleutel, waarde: int, *, verborgen: bool = False):
        waarde = int(waarde)
        if sleutel in self.waarden and self.waarden[sleutel] != waarde:
            raise ValueError(f"telling {sleutel!r} heeft twee waarden ({self.waarden[sleutel]} en {waarde})")
        self.waarden[sleutel] = waarde
        if verborgen:
            self.verborgen.add(sleutel)
        else:
            self.verborgen.discard(sleutel)
        return sleutel

    def som(self, delen, geheel) -> None:
        delen = tuple(delen)
        if sum(self.waarden[d] for d in delen) != self.waarden[geheel]:
            raise ValueError(f"de som van {delen!r} is niet {geheel!r}")
        if (delen, geheel) not in self.sommen and delen:
            self.sommen.append((delen, geheel))


def is_klein(waarde: int, drempel: int = DREMPEL) -> bool:
    return 0 < waarde < drempel


def klein_teken(drempel: int = DREMPEL) -> str:
    """'<5' (or '<10' with drempel_afscherming 10)."""
    return f"<{drempel}"


def in_kleine_groep(stelsel: Telstelsel, status: dict) -> set:
    """Counts inside a group shown as '<5' or as a small total that is always shown: the parts of
    such a whole, and their parts, and so on (none of them is 0-or-at-least-5 for sure)."""
    return _delen_van(stelsel, {k for k, v in status.items() if v == KLEIN}) | in_open_groep(stelsel) | stelsel.omgezet


def in_open_groep(stelsel: Telstelsel) -> set:
    """The parts (and their parts) of a small count that is always shown (`Telstelsel.altijd`)."""
    return _delen_van(stelsel, {k for k in stelsel.altijd if is_klein(stelsel.waarden[k], stelsel.drempel)})


def _delen_van(stelsel: Telstelsel, wortels: set) -> set:
    """The parts of the roots, and their parts, ...; a count that is always shown is never one of them
    (its own breakdown is protected when it is small itself)."""
    groep: set = set()
    veranderd = True
    while veranderd:
        veranderd = False
        for delen, geheel in stelsel.sommen:
            if geheel in wortels or geheel in groep:
                nieuw = set(delen) - groep - stelsel.altijd
                if nieuw:
                    groep |= nieuw
                    veranderd = True
    return groep


def kennis(stelsel: Telstelsel, status: dict) -> dict:
    """What a reader knows of each count before doing any arithmetic: '<5' is 1–4; '•' and a
    derived count are 0 or more."""
    bereik = {}
    for k, v in stelsel.waarden.items():
        if k in stelsel.verborgen:
            bereik[k] = (0, ONBEGRENSD)
        elif status.get(k) == KLEIN:
            bereik[k] = (1, stelsel.drempel - 1)
        elif status.get(k) == AFGESCHERMD:
            bereik[k] = (0, ONBEGRENSD)
        else:
            bereik[k] = (v, v)
    return bereik


def _structuur(stelsel: Telstelsel):
    """Keys, their positions, the sums by position, and which sums each key is in (cached)."""
    merk = (len(stelsel.waarden), len(stelsel.sommen))
    if getattr(stelsel, "_merk", None) != merk:
        sleutels = list(stelsel.waarden)
        plek = {k: i for i, k in enumerate(sleutels)}
        sommen = [([plek[d] for d in delen], plek[geheel]) for delen, geheel in stelsel.sommen]
        per_sleutel = [[] for _ in sleutels]
        for e, (delen, geheel) in enumerate(sommen):
            for i in {*delen, geheel}:
                per_sleutel[i].append(e)
        stelsel._cache = (sleutels, plek, sommen, per_sleutel)
        stelsel._merk = merk
    return stelsel._cache


def propageer(stelsel: Telstelsel, bereik: dict) -> dict:
    """Tighten integer intervals with every sum until nothing changes (bounds propagation, with a
    work list of the sums whose counts changed)."""
    sleutels, _plek, sommen, per_sleutel = _structuur(stelsel)
    lo = [bereik[k][0] for k in sleutels]
    hi = [bereik[k][1] for k in sleutels]
    wachtrij = deque(range(len(sommen)))
    in_rij = [True] * len(sommen)
    stappen = 0
    while wachtrij and stappen < 1000 * (len(sommen) + 1):
        stappen += 1
        e = wachtrij.popleft()
        in_rij[e] = False
        delen, geheel = sommen[e]
        veranderd = []
        som_lo = sum(lo[d] for d in delen)
        eindig = [hi[d] for d in delen if hi[d] != ONBEGRENSD]
        oneindig = len(delen) - len(eindig)
        som_hi = sum(eindig) if not oneindig else ONBEGRENSD
        g_lo, g_hi = max(lo[geheel], som_lo), min(hi[geheel], som_hi)
        if (g_lo, g_hi) != (lo[geheel], hi[geheel]):
            lo[geheel], hi[geheel] = g_lo, g_hi
            veranderd.append(geheel)
        som_eindig = sum(eindig)
        for d in delen:
            if hi[d] == ONBEGRENSD:
                rest_hi = som_eindig if oneindig == 1 else ONBEGRENSD
            else:
                rest_hi = som_eindig - hi[d] if not oneindig else ONBEGRENSD
            d_lo = max(lo[d], lo[geheel] - rest_hi)
            d_hi = min(hi[d], hi[geheel] - (som_lo - lo[d]))
            if (d_lo, d_hi) != (lo[d], hi[d]):
                lo[d], hi[d] = d_lo, d_hi
                veranderd.append(d)
        for i in veranderd:
            for e2 in per_sleutel[i]:
                if not in_rij[e2]:
                    in_rij[e2] = True
                    wachtrij.append(e2)
    return {k: (lo[i], hi[i]) for i, k in enumerate(sleutels)}


def _lekt(stelsel: Telstelsel, k, lo, hi, groep: set, open_groep: set) -> bool:
    """Disclosed: outside a group narrower than 1 … drempel − 1; inside a '<5' group exact or ≥ 2;
    inside the breakdown of an always-shown small count known to hold at least one person."""
    if k in stelsel.altijd or k in stelsel.openbaar:
        return False
    if k in open_groep or k in stelsel.omgezet:
        return lo >= 1
    if k in groep:
        return lo > 1 or lo == hi
    return lo > 1 or hi < stelsel.drempel - 1


def onthuld(stelsel: Telstelsel, status: dict, groep: set | None = None) -> list:
    """The protected counts (1–4 people) that the interval attacker narrows below 1–4. Inside a
    group shown as '<5' the whole already bounds every part, so there a part is disclosed only when
    the attacker knows it exactly or knows it is more than 1."""
    bereik = propageer(stelsel, kennis(stelsel, status))
    groep = in_kleine_groep(stelsel, status) if groep is None else groep
    open_groep = in_open_groep(stelsel)
    return [k for k, v in stelsel.waarden.items()
            if is_klein(v, stelsel.drempel) and _lekt(stelsel, k, *bereik[k], groep, open_groep)]


def exact_onthuld(stelsel: Telstelsel, status: dict, groep: set | None = None) -> list:
    """Like `onthuld`, but with the exact integer minimum and maximum (CP-SAT) of every small count,
    for a reader who also knows that a secondary '•' is 0 or at least 5 (never 1–4)."""
    from ortools.sat.python import cp_model


    groep = in_kleine_groep(stelsel, status) if groep is None else groep
    open_groep = in_open_groep(stelsel)
    bovengrens = max(stelsel.waarden.values(), default=0) + stelsel.drempel
    model = cp_model.CpModel()
    x = {}
    for i, (k, (lo, hi)) in enumerate(kennis(stelsel, status).items()):
        if status.get(k) == AFGESCHERMD and k not in groep:
            x[k] = model.NewIntVarFromDomain(cp_model.Domain.FromIntervals([[0, 0], [stelsel.drempel, bovengrens]]),
                                             f"x{i}")
        else:
            x[k] = model.NewIntVar(int(lo), int(min(hi, bovengrens)), f"x{i}")
    for delen, geheel in stelsel.sommen:
        model.Add(sum(x[d] for d in delen) == x[geheel])
    uit = []
    for k, v in stelsel.waarden.items():
        if not is_klein(v, stelsel.drempel) or (status.get(k) == "" and k not in stelsel.verborgen):
            continue
        grenzen = []
        for richting in (1, -1):
            model.Minimize(richting * x[k])
            solver = cpsat(float("inf"), 0, linearisatie=None)  # deterministic (F5); a signal stops the command
            solver.Solve(model)
            grenzen.append(solver.Value(x[k]))
        if _lekt(stelsel, k, *grenzen, groep, open_groep):
            uit.append(k)
    return uit


def bescherm(stelsel: Telstelsel, *, vast=(), ontzien=(), exact: bool = False) -> dict:
    """Status per key: '' (shown), KLEIN or AFGESCHERMD. `vast`: keys hidden only as a last resort;
    `ontzien`: keys hidden only when no other choice protects as well (e.g. the summary counts).
    `exact`: afterwards also audit with exact integer bounds (exact_onthuld) and protect further."""
    if stelsel.altijd:  # what the always-shown totals determine by themselves is no secret
        alleen = propageer(stelsel, kennis(stelsel, {k: ("" if k in stelsel.altijd else AFGESCHERMD)
                                                     for k in stelsel.waarden}))
        stelsel.openbaar = {k for k, (lo, hi) in alleen.items() if lo == hi and k not in stelsel.altijd}
    publiek = stelsel.altijd | stelsel.openbaar
    status = {k: (KLEIN if is_klein(v, stelsel.drempel) and k not in stelsel.verborgen and k not in publiek
                  else "") for k, v in stelsel.waarden.items()}
    # a group of fewer than 5 is never broken down: every part of a '<5' whole, zeros too, is hidden;
    # so are the parts of a small count that is always shown
    groep = in_kleine_groep(stelsel, status)
    for k in groep | in_open_groep(stelsel):
        if k not in stelsel.verborgen and k not in publiek:
            status[k] = AFGESCHERMD
    vast, ontzien = set(vast), set(ontzien)
    lekken = onthuld(stelsel, status, groep)
    for _ in range(len(stelsel.waarden) + 1):
        if not lekken and exact:
            lekken = exact_onthuld(stelsel, status, groep)
        if not lekken:
            return status
        # complementary cells around the leak; the counts in `vast` only when nothing else is left
        kandidaten = _aanvullers(stelsel, status, lekken[0], vast) or _aanvullers(stelsel, status, lekken[0], set())
        if not kandidaten:  # nothing near it: the smallest shown count anywhere
            kandidaten = [k for k in stelsel.waarden
                          if not status[k] and k not in stelsel.verborgen and k not in stelsel.altijd]
        if not kandidaten:  # an always-shown total pins its '<5' parts: print those as '•' (0 or more)
            kandidaten = [k for delen, geheel in stelsel.sommen if lekken[0] in delen or lekken[0] == geheel
                          for k in (*delen, geheel) if status.get(k) == KLEIN and k not in groep]
            if not kandidaten:
                raise AssertionError(f"afscherming kan {lekken[0]!r} niet afschermen")
            keuze = min(kandidaten, key=lambda k: (k != lekken[0], repr(k)))
            status[keuze] = AFGESCHERMD
            stelsel.omgezet.add(keuze)
            lekken = onthuld(stelsel, status, groep)
            continue
        keuze, lekken = _beste(stelsel, status, kandidaten, lekken, ontzien | vast, groep)
        status[keuze] = AFGESCHERMD
    raise AssertionError("afscherming komt niet tot rust")


def _aanvullers(stelsel: Telstelsel, status: dict, lek, vast: set) -> list:
    """Shown counts in the sums around the leak (the sums with the leak, and the sums with a hidden
    count of those): the usual complementary cells."""
    buren = {lek}
    for _ in range(2):
        for delen, geheel in stelsel.sommen:
            leden = set(delen) | {geheel}
            if leden & buren:
                buren |= {k for k in leden if status.get(k) or k in stelsel.verborgen}
    gezien, uit = set(), []
    for delen, geheel in stelsel.sommen:
        leden = (*delen, geheel)
        if not set(leden) & buren:
            continue
        for k in leden:
            if k in gezien or status[k] or k in stelsel.verborgen or k in vast or k in stelsel.altijd:
                continue
            gezien.add(k)
            uit.append(k)
    return uit


def _beste(stelsel: Telstelsel, status: dict, kandidaten: list, lekken: list, ontzien: set, groep: set):
    """The first candidate (smallest non-zero count first, spared counts last) that protects the
    leak and leaves fewer leaks; else the one that leaves the fewest. Returns it with the leaks left."""
    orde = lambda k: (k in ontzien, stelsel.waarden[k] == 0, stelsel.waarden[k], repr(k))  # noqa: E731
    beste, score, rest = None, None, None
    for k in sorted(kandidaten, key=orde)[:12]:
        status[k] = AFGESCHERMD
        over = onthuld(stelsel, status, groep)
        status[k] = ""
        if lekken[0] not in over and len(over) < len(lekken):
            return k, over
        sleutel = (len(over), *orde(k))
        if score is None or sleutel < score:
            beste, score, rest = k, sleutel, over
    return beste, rest
