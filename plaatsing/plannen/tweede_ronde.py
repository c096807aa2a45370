"""The second round (regels.md §9 P2): from the voorgenomen besluiten to the definitive ones.

Under H1–H5, O2 and the adopted advices (P1) the solver optimises O1, then the number of decisions
that differ from the voornemen (stage P2 in plaatsing/model/oplossen.py), then O3–O6.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Callable

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer.besluiten import lees_besluiten
from plaatsing.parameters import VOORKEUR_LEIDEND
from plaatsing.plan import Plan
from plaatsing.plannen.maken import solve
from plaatsing.procedure.adviezen import bind_handhaven
from plaatsing.procedure.dossier import lees_versie
from plaatsing.scenario import Scenario

# more unknown personeelsnummers than this share of the scenario, or than this number: another scenario
ANDER_SCENARIO, VEEL_ONBEKEND = 0.5, 20


def lees_voornemen(pad, s: Scenario) -> tuple[dict[str, str | None], str, bool | None]:
    """(toewijzing, sha256 of the file, seal holds) of a voorgenomen besluiten workbook of this scenario.
    A workbook of another scenario, unknown personeelsnummers or missing medewerkers: InvoerFout
    naming the file, the row and the column."""
    pad = Path(pad)
    naam = f"voornemen {pad.name}"
    try:
        versie = lees_versie(pad)
    except InvoerFout:
        versie = None  # lees_besluiten names the problem
    try:
        toewijzing, _ = lees_besluiten(pad, _met_medewerkers_van(versie, s))
    except InvoerFout as fout:
        meldingen = [Melding(f"{naam}, blad {m.blad}" if m.blad != "Bestand" else naam, m.rij, m.kolom, m.tekst)
                     for m in fout.meldingen]
        onbekend = [m for m in fout.meldingen if "staat niet in het scenario" in m.tekst]
        if len(onbekend) > min(ANDER_SCENARIO * len(s.medewerkers), VEEL_ONBEKEND):
            meldingen = [Melding(naam, None, None,
                                 f"{len(onbekend)} personeelsnummers uit het voornemen staan niet in het scenario "
                                 f"(bijvoorbeeld rij {onbekend[0].rij}); dit voornemen hoort bij een ander scenario. "
                                 "Geef met --voornemen de besluiten op die met dit scenario zijn gemaakt.")]
        elif onbekend:
            meldingen.append(Melding(naam, None, None,
                                     "het voornemen noemt medewerkers die niet in het scenario staan; hoort het bij "
                                     "een ander scenario? Geef met --voornemen de besluiten van dit scenario op."))
        raise InvoerFout(meldingen) from None
    return toewijzing, hashlib.sha256(pad.read_bytes()).hexdigest(), versie.zegel_klopt if versie else None


def _met_medewerkers_van(versie, s: Scenario) -> Scenario:
    """The scenario restricted to the medewerkers the voornemen names: someone new in a corrected
    scenario has no voorgenomen decision yet (P2 counts that decision as changed), but a voornemen
    that names people the scenario does not know is refused."""
    if versie is None:
        return s
    genoemd = set(versie.besluiten)
    bekend = [p for p in s.medewerkers.index if p in genoemd]
    if not bekend or len(bekend) == len(s.medewerkers):
        return s
    return replace(s, medewerkers=s.medewerkers.loc[bekend])


def voor_tweede_ronde(s: Scenario, voornemen: Plan) -> Scenario:
    """The scenario of the second round after the Plan of the first round: the voornemen and the `handhaven`
    advices bound."""
    onbekend = sorted(set(voornemen.toewijzing) - set(s.medewerkers.index))
    if onbekend:
        raise InvoerFout([Melding("voornemen", None, "personeelsnummer",
                                  f"het voornemen noemt {len(onbekend)} medewerkers die niet in het scenario "
                                  f"staan (bijvoorbeeld {onbekend[0]}); gebruik een voornemen van dit scenario.")])
    return _met_voornemen(s, voornemen.toewijzing, None)


def voor_tweede_ronde_uit_bestand(s: Scenario, pad) -> Scenario:
    """The scenario of the second round after a workbook of voorgenomen besluiten (`plaatsing solve --voornemen`);
    a voornemen changed after writing (seal, P3) is allowed and said."""
    toewijzing, sha, zegel = lees_voornemen(pad, s)
    if zegel is False:  # P3: allowed (a plan edited by hand), but said
        s = replace(s, waarschuwingen=(*s.waarschuwingen, Melding(
            f"voornemen {Path(pad).name}", None, None,
            "het voornemen is na het schrijven gewijzigd (sha256 inhoud klopt niet); de tweede ronde gaat uit "
            "van de besluiten zoals ze nu in het bestand staan.")))
    return _met_voornemen(s, toewijzing, sha)


def _met_voornemen(s: Scenario, toewijzing: dict, sha: str | None) -> Scenario:
    s = bind_handhaven(s, toewijzing)
    if s.parameters.beleid == VOORKEUR_LEIDEND:
        s = replace(s, waarschuwingen=(*s.waarschuwingen, Melding(
            "Parameters", None, "beleid", "bij 'voorkeur leidend' is de stabiele toewijzing bindend; die houdt geen "
            "rekening met het voornemen (P2 geldt bij 'maximaal plaatsen').")))
    return replace(s, voornemen=dict(toewijzing), voornemen_sha256=sha)


def definitief(s: Scenario, voornemen: Plan, *, workers: int | None = None,
               voortgang: Callable[[str], None] | None = None) -> Plan:
    """The definitive plan (P2): fewest decisions changed against the Plan of the first round, under the adopted
    advices of the scenario (P1). After a workbook of voorgenomen besluiten: `definitief_uit_bestand`."""
    return solve(voor_tweede_ronde(s, voornemen), workers=workers, voortgang=voortgang)


def definitief_uit_bestand(s: Scenario, pad, *, workers: int | None = None,
                           voortgang: Callable[[str], None] | None = None) -> Plan:
    """The definitive plan (P2) after a workbook of voorgenomen besluiten (as `plaatsing solve --voornemen`)."""
    return solve(voor_tweede_ronde_uit_bestand(s, pad), workers=workers, voortgang=voortgang)
