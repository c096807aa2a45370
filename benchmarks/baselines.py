"""What users would do without the engine, on the same instance (issue 6): two baselines.

(a) `greedy_po`: the procedure a P&O team follows by hand. Functievolgers first, in order of
    seniority (SEL-A), each into the first of its T1 functions (own voorkeur order) where it
    still fits; then everyone still unplaced, again by seniority, takes the best free function
    it is eligible for (better tier, then earlier voorkeur) where it fits.
(b) `stabiel_matching`: the resident-optimal stable matching of the PyPI package `matching`
    (HospitalResident) for the variant with every fte 1,0 and no pins: residents rank their
    eligible functions (voorkeur list, then tier), functions rank candidates by tier and then
    the selection order of §3; capacity = whole places, floor(formatie + marge).

Both use the engine's candidates (who is eligible where, and the selection order), so they
differ from the engine only in how places are handed out. `variant_fte_1` gives the instance
of (b), on which the engine's proven minimum is computed too, for a fair comparison.
"""
from __future__ import annotations

import time
from dataclasses import replace

from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.model.herstel import startplan
from plaatsing.toets.minimum import minimum_niet_geplaatst
from plaatsing.regels.deelproblemen import voorbereiden
from plaatsing.model.voorkeur_leidend import voorkeursvolgorde
from plaatsing.scenario import Scenario
from plaatsing.waarden import micro


def greedy_po(s: Scenario) -> dict[str, str | None]:
    """Baseline (a): functievolgers first, then by seniority the best free function that fits.

    This is exactly the engine's start plan (`oplossen.startplan`, per component), the procedure
    regels.md H4 names as always meeting H1–H5 under SEL-A."""
    _k, gepind, componenten = voorbereiden(s)
    plan: dict[str, str | None] = dict.fromkeys(s.medewerkers.index)
    plan.update(gepind)
    for comp in componenten:
        plan.update(startplan(comp))
    return plan


def variant_fte_1(s: Scenario) -> Scenario:
    """The all-fte-1 variant: every medewerker 1,0 fte, formatie in whole places, no pins."""
    medewerkers = s.medewerkers.assign(fte=1.0)
    marge = micro(s.parameters.fte_marge)
    nieuwe = s.nieuwe_functies.assign(formatie_fte=[
        float((micro(v) + marge) // 1_000_000) for v in s.nieuwe_functies["formatie_fte"]])
    return replace(s, medewerkers=medewerkers, nieuwe_functies=nieuwe, vastgezet=s.vastgezet.iloc[0:0],
                   parameters=s.parameters.met(fte_marge=0.0))


def stabiel_matching(s1: Scenario) -> dict[str, str]:
    """Baseline (b) on the all-fte-1 variant: resident-optimal stable matching by `matching`."""
    from matching.games import HospitalResident

    class ZonderControle(HospitalResident):
        """The package's own algorithm; its input checks are quadratic in the number of people
        (20.000: ~50 s) and our input is valid by construction (every ranking is mutual)."""

        def check_inputs(self):
            pass

    k = bepaal_kandidaten(s1)
    opties: dict[str, list] = {}
    for o in k.opties.itertuples(index=False):
        opties.setdefault(o.personeelsnummer, []).append(o)
    residents = {p: voorkeursvolgorde(lijst) for p, lijst in opties.items()}
    t1_rang = {(p, f): i for f, v in k.selectievolgorde.items() for i, p in enumerate(v)}
    prioriteit = {(o.personeelsnummer, o.functie): (int(o.tier), t1_rang[o.personeelsnummer, o.functie]
                                                    if o.tier == 1 else int(k.sel_a[o.personeelsnummer]))
                  for o in k.opties.itertuples(index=False)}
    capaciteit = {f: int(v) for f, v in s1.nieuwe_functies["formatie_fte"].items()}
    hospitals: dict[str, list[str]] = {}
    for p, lijst in residents.items():
        for f in lijst:
            hospitals.setdefault(f, []).append(p)
    # `matching` cannot take a function of capacity 0; nobody can be placed there anyway
    leeg = {f for f in hospitals if capaciteit[f] <= 0}
    residents = {p: [f for f in v if f not in leeg] for p, v in residents.items()}
    residents = {p: v for p, v in residents.items() if v}
    hospitals = {f: sorted((p for p in v if p in residents), key=lambda p: prioriteit[p, f])
                 for f, v in hospitals.items() if f not in leeg}
    if not residents:
        return {}
    uitkomst: dict = {}

    def speel() -> None:
        spel = ZonderControle.create_from_dictionaries(residents, hospitals, {f: capaciteit[f] for f in hospitals})
        uitkomst.update({r.name: h.name for h, rs in spel.solve(optimal="resident").items() for r in rs})

    # `matching` deep-copies its players, which refer to each other: with families through the whole
    # organisation that recursion is deep, so it runs in a thread with a large stack
    import sys
    import threading
    oud_limiet, oud_stapel = sys.getrecursionlimit(), threading.stack_size(1 << 30)
    sys.setrecursionlimit(1_000_000)
    try:
        draad = threading.Thread(target=speel)
        draad.start()
        draad.join()
    finally:
        sys.setrecursionlimit(oud_limiet)
        threading.stack_size(oud_stapel)
    return uitkomst


def vergelijk_baselines(s: Scenario, ons_niet_geplaatst: int) -> dict:
    """Time and number not placed of both baselines, and the engine's proven minimum on variant (b)."""
    uit: dict = {"ons_niet_geplaatst": ons_niet_geplaatst}
    begin = time.perf_counter()
    plan = greedy_po(s)
    uit["greedy_seconden"] = time.perf_counter() - begin
    uit["greedy_niet_geplaatst"] = sum(f is None for f in plan.values())

    s1 = variant_fte_1(s)
    begin = time.perf_counter()
    stabiel = stabiel_matching(s1)
    uit["matching_seconden"] = time.perf_counter() - begin
    uit["matching_niet_geplaatst"] = len(s1.medewerkers) - len(stabiel)
    begin = time.perf_counter()
    minimum, bewezen = minimum_niet_geplaatst(s1)
    uit["ons_fte1_seconden"] = time.perf_counter() - begin
    uit["ons_fte1_niet_geplaatst"] = minimum
    uit["ons_fte1_bewezen"] = bewezen
    return uit
