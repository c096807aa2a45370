"""Exact knapsack facts about the capacity rows (H1), used to give the solver tighter bounds.

Part-time fte make H1 a knapsack: the LP relaxation believes a function can be filled to the
last minute, while whole people (36 / 32 / 20 hours …) only reach certain sums. The
solver then cannot prove optima that depend on how full a function can really get. These
functions compute, without the solver, which loads are reachable; `model` turns them into
constraints that every integer plan satisfies anyway, so they change no plan, only the proof.
"""
from __future__ import annotations

from math import gcd

MAX_BITS = 50_000_000  # largest bitset (capacity / common divisor) worth computing


def deelsommen(gewichten: list[int], grens: int) -> tuple[int, int] | None:
    """The subset sums ≤ grens as (bitset, divisor): bit s of the Python int is set when s·divisor is
    reachable. None when the bitset would be too large to be worth it."""
    deler = gemeenschappelijke_deler(gewichten)
    bits = grens // deler
    if bits > MAX_BITS:
        return None
    masker = (1 << (bits + 1)) - 1
    bereik = 1
    for w in gewichten:
        bereik = (bereik | (bereik << (w // deler))) & masker
    return bereik, deler


def grootste_deelsom(gewichten: list[int], grens: int) -> int:
    """The largest sum of a subset of `gewichten` that is ≤ grens (grens itself if unknown)."""
    if grens < 0:
        return grens
    if sum(gewichten) <= grens:
        return sum(gewichten)
    uitkomst = deelsommen(gewichten, grens)
    if uitkomst is None:
        return grens
    bereik, deler = uitkomst
    return (bereik.bit_length() - 1) * deler


def maximale_vullingen(klassen: list[tuple[int, int]], grens: int, max_aantal: int) -> list[tuple[int, ...]] | None:
    """The maximal ways to fill a capacity `grens` with people of a few fte classes.

    `klassen` is [(fte, available)], a filling is a count per class with Σ fte·count ≤ grens
    to which no one more fits. Every feasible filling lies below a maximal one, so 'the counts
    lie below one of these' is the exact (integer) form of H1 for this function. None when
    there are more than `max_aantal`.
    """
    klassen = sorted(klassen, reverse=True)
    uit: list[tuple[int, ...]] = []
    telling: list[int] = []
    knopen = [0]
    opname_na = [sum(v * b for v, b in klassen[i:]) for i in range(len(klassen) + 1)]

    def zoek(i: int, rest: int, open_: int) -> bool:
        # open_: the smallest fte of an earlier class that is not used up; a maximal filling must
        # end with less room than that
        knopen[0] += 1
        if knopen[0] > 50 * max_aantal:
            return False
        if i == len(klassen):
            # maximal: every class is used up or does not fit in what is left
            if all(telling[j] == klassen[j][1] or klassen[j][0] > rest for j in range(len(klassen))):
                uit.append(tuple(telling))
                return len(uit) <= max_aantal
            return True
        v, beschikbaar = klassen[i]
        for k in range(min(beschikbaar, rest // v), -1, -1):
            nieuw_open = min(open_, v) if k < beschikbaar else open_
            if rest - k * v - opname_na[i + 1] >= nieuw_open:
                break  # the later classes cannot fill the room down below nieuw_open (nor with fewer k)
            telling.append(k)
            goed = zoek(i + 1, rest - k * v, nieuw_open)
            telling.pop()
            if not goed:
                return False
        return True

    if not zoek(0, grens, grens + 1):
        return None
    return uit


def gemeenschappelijke_deler(gewichten: list[int]) -> int:
    d = 0
    for w in gewichten:
        d = gcd(d, w)
    return max(1, d)
