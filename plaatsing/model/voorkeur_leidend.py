"""Policy 'voorkeur leidend' (regels.md §6, §8.9): the employee-optimal stable assignment.

Deferred acceptance: medewerkers propose in their own order (voorkeur list of eligible
functions, then the other eligible functions in tier order); each function holds the
applicants it prefers (tier, then the selection order of §3) that fit, first fit in fte.
"""
from __future__ import annotations

import time
from collections import deque

from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.model.fasen import FaseVerslag
from plaatsing.model.oplossen import Oplossing, los_op
from plaatsing.parameters import MAXIMAAL_PLAATSEN
from plaatsing.scenario import Scenario
from plaatsing.regels.maat import minuten_per_medewerker, prioriteit as prioriteit_bij, ruimte_per_functie
from plaatsing.waarden import tabelrijen


def voorkeursvolgorde(opties) -> list[str]:
    """A medewerker's order: listed eligible functions first, then by tier (cost, code as tie-break)."""
    return [o.functie for o in sorted(opties, key=lambda o: (o.vpos, o.tier, o.kosten, o.functie))]


def uitgestelde_acceptatie(s: Scenario, k) -> dict[str, str | None]:
    fte = minuten_per_medewerker(s)
    gepind = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    ruimte = ruimte_per_functie(s)
    tijdelijk = set(s.medewerkers.index[s.medewerkers["dienstverband"] == "tijdelijk"])
    for p, f in gepind.items():
        ruimte[f] -= fte[p]
    vrij = k.opties[~k.opties["personeelsnummer"].isin(gepind)]
    opties: dict[str, list] = {}
    for o in tabelrijen(vrij, "Pandas"):
        opties.setdefault(o.personeelsnummer, []).append(o)
    lijst = {p: voorkeursvolgorde(os_) for p, os_ in opties.items()}
    tier = {(o.personeelsnummer, o.functie): o.tier for o in tabelrijen(vrij, "Pandas")}
    t1_rang = {(p, f): i for f, volgorde in k.selectievolgorde.items() for i, p in enumerate(volgorde)}

    def prioriteit(f, p):
        return prioriteit_bij(p in tijdelijk, tier[p, f], t1_rang[p, f] if tier[p, f] == 1 else int(k.sel_a[p]))

    volgende = dict.fromkeys(lijst, 0)
    vast: dict[str, list[str]] = {}
    rij = deque(sorted(lijst, key=k.sel_a.__getitem__))
    while rij:
        p = rij.popleft()
        if volgende[p] >= len(lijst[p]):
            continue
        f = lijst[p][volgende[p]]
        volgende[p] += 1
        kandidaten = sorted(vast.get(f, []) + [p], key=lambda q: prioriteit(f, q))
        gehouden, over = [], ruimte[f]
        for q in kandidaten:
            if fte[q] <= over:
                gehouden.append(q)
                over -= fte[q]
            else:
                rij.append(q)
        vast[f] = gehouden
    toewijzing: dict[str, str | None] = {p: None for p in s.medewerkers.index}
    toewijzing.update(gepind)
    for f, mensen in vast.items():
        for p in mensen:
            toewijzing[p] = f
    # never a boventallige next to an open place (issue 23): with part-time hours a function can turn down
    # someone first and have room left at the end; who is left, in SEL-A order, takes the first function of
    # the own list that has room for their hours (with every fte 1 this never happens: the matching stays)
    over = {f: ruimte[f] - sum(fte[q] for q in vast.get(f, ())) for f in ruimte}
    for p in sorted(lijst, key=k.sel_a.__getitem__):
        if toewijzing[p] is None:
            f = next((f for f in lijst[p] if fte[p] <= over[f]), None)
            if f is not None:
                toewijzing[p] = f
                over[f] -= fte[p]
    return toewijzing


def los_op_voorkeur_leidend(s: Scenario, *, workers=None, voortgang=None):
    """The stable assignment, plus Verantwoording rows comparing it with 'maximaal plaatsen'."""
    meld = voortgang or (lambda _t: None)
    begin = time.monotonic()
    k = bepaal_kandidaten(s)
    toewijzing = uitgestelde_acceptatie(s, k)
    duur = time.monotonic() - begin
    meld(f"voorkeur leidend: stabiele toewijzing bepaald ({duur:.1f} s)")
    fase = FaseVerslag("§6", "voorkeur leidend: uitgestelde acceptatie (stabiel, werknemer-optimaal)",
                       seconden=duur, solves=0)
    oplossing = Oplossing(toewijzing, k, [fase], componenten=0, triviaal=0, seconden=duur)
    meld("ter vergelijking: beleid 'maximaal plaatsen'")
    standaard = los_op(s.met_parameters(beleid=MAXIMAAL_PLAATSEN), workers=workers, voortgang=voortgang)
    return oplossing, vergelijk(s, k, toewijzing, standaard.toewijzing)


def vergelijk(s: Scenario, k, leidend: dict, standaard: dict) -> list[tuple[str, str]]:
    """How many more boventalligen and how many more first wishes 'voorkeur leidend' gives."""
    def niet_geplaatst(t):
        return sum(f is None for f in t.values())

    def eerste_wensen(t):
        return sum(1 for p, f in t.items() if f is not None and s.medewerkers.at[p, "voorkeur_1"] == f)

    rijen = [
        ("vergelijking: niet geplaatst bij 'voorkeur leidend'", str(niet_geplaatst(leidend))),
        ("vergelijking: niet geplaatst bij 'maximaal plaatsen'", str(niet_geplaatst(standaard))),
        ("vergelijking: extra niet geplaatst door 'voorkeur leidend'", str(niet_geplaatst(leidend) - niet_geplaatst(standaard))),
        ("vergelijking: eerste voorkeur gehonoreerd bij 'voorkeur leidend'", str(eerste_wensen(leidend))),
        ("vergelijking: eerste voorkeur gehonoreerd bij 'maximaal plaatsen'", str(eerste_wensen(standaard))),
        ("vergelijking: extra eerste voorkeuren door 'voorkeur leidend'", str(eerste_wensen(leidend) - eerste_wensen(standaard))),
    ]
    return rijen
