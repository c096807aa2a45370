"""Beleid 'iedereen plaatsen' (regels.md §6): which placements lie over formatie.

In a function over formatie + marge − pins, the occupants are taken in the function's priority
order (§4: vast before tijdelijk, better tier, then the selection order of §3: for T1 candidates the selectievolgorde
of n, SEL-A for the others; H5 inside both) and placed first fit within the room; who does not
fit is placed over formatie (`boven_formatie = ja`). Pinned medewerkers only take room (§8.2).
"""
from __future__ import annotations

from plaatsing.regels.kandidaten import Kandidaten
from plaatsing.regels.maat import minuten_per_medewerker, prioriteit, ruimte_per_functie
from plaatsing.scenario import Scenario


def boven_formatie(s: Scenario, k: Kandidaten, toewijzing: dict[str, str | None]) -> dict[str, set[str]]:
    """Function code -> the medewerkers placed over its formatie (only functions that are over)."""
    fte = minuten_per_medewerker(s)
    gepind = set(s.vastgezet.index)
    ruimte = ruimte_per_functie(s)
    tijdelijk = set(s.medewerkers.index[s.medewerkers["dienstverband"] == "tijdelijk"])
    bezetting: dict[str, list[str]] = {}
    for p, f in toewijzing.items():
        if f is None:
            continue
        if p in gepind:
            ruimte[f] -= fte[p]
        else:
            bezetting.setdefault(f, []).append(p)
    tier = {(r.personeelsnummer, r.functie): int(r.tier) for r in k.opties.itertuples(index=False)}
    uitkomst: dict[str, set[str]] = {}
    for f, ps in sorted(bezetting.items()):
        if sum(fte[p] for p in ps) <= ruimte[f]:
            continue
        volgorde = {p: i for i, p in enumerate(k.selectievolgorde.get(f, ()))}
        over, boven = ruimte[f], set()
        for p in sorted(ps, key=lambda p: prioriteit(p in tijdelijk, tier.get((p, f), 9),
                                                    volgorde[p] if p in volgorde else int(k.sel_a[p]))):
            if fte[p] <= over:
                over -= fte[p]
            else:
                boven.add(p)
        uitkomst[f] = boven
    return uitkomst
