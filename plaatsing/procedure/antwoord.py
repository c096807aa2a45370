"""Every zienswijze and advice is answered in the motivering (regels.md P1; Awb: a decision responds
to a zienswijze): what was advised, by whom and when, and what was decided.

`antwoorden` gives the sentences per person; `beantwoord` is the hook of the motivering: for a
person whose decision rests on an adopted advice the advice is the ground of the decision (the
sentences of the rules are replaced), otherwise the answers follow the motivering.
"""
from __future__ import annotations

from plaatsing.procedure.adviezen import BOVENTALLIG, HANDHAVEN, OVERGENOMEN, BRON_NL, bindend, datum_nl, herkomst
from plaatsing.scenario import Scenario
from plaatsing.uitleg.feiten import Feit


def _functie(s: Scenario, f: str) -> str:
    n = s.nieuwe_functies.loc[f]
    return f"{f} {n['functienaam']} ({n['eenheid']}, schaal {int(n['schaal'])})"


def _besluit(s: Scenario, p: str, f: str | None, *, omgekeerd: bool = True) -> str:
    """'wordt u geplaatst in …' (after 'Op advies van …'), or 'u wordt geplaatst in …'."""
    u = "wordt u" if omgekeerd else "u wordt"
    if f is not None:
        return f"{u} geplaatst in {_functie(s, f)}"
    if s.medewerkers.at[p, "dienstverband"] == "tijdelijk":
        return f"{u} niet geplaatst (tijdelijk dienstverband, H5)"
    return f"{u} boventallig en komt{' u' if omgekeerd else ''} in het van-werk-naar-werktraject"


def _advies_tekst(s: Scenario, r) -> str:
    if r.advies == BOVENTALLIG:
        return "u boventallig te verklaren"
    if r.advies == HANDHAVEN:
        return "het voorgenomen besluit te handhaven"
    return f"u te plaatsen in {r.advies} {s.nieuwe_functies.at[r.advies, 'functienaam']}"


def _toelichting(r) -> str:
    return str(r.toelichting).strip().rstrip(".") if isinstance(r.toelichting, str) and r.toelichting.strip() else ""


def _van(r) -> str:
    """'Uw zienswijze van 4 juni 2018' / 'Het advies van de plaatsingsadviescommissie van 12 juni 2018'."""
    if r.bron in ("zienswijze", "bezwaar"):
        return f"Uw {r.bron} van {datum_nl(r.datum)}"
    return f"Het advies van {herkomst(r)}"


def _bindt(s: Scenario, r) -> bool:
    """An adopted advice binds; `handhaven` only in the second round (only the voornemen knows it)."""
    return r.besluit == OVERGENOMEN and (r.advies != HANDHAVEN or s.voornemen is not None)


def antwoorden(s: Scenario, p: str, f: str | None) -> list[str]:
    """The answer to each advice of person p, in date order; f is p's decision in this plan."""
    return [zin for _, zin in _antwoorden(s, p, f)]


def _antwoorden(s: Scenario, p: str, f: str | None) -> list[tuple[object, str]]:
    if s.adviezen is None or s.adviezen.empty or p not in s.adviezen["personeelsnummer"].to_numpy():
        return []
    eigen = [r for r in s.adviezen.itertuples(index=False) if r.personeelsnummer == p]
    if not eigen:
        return []
    binding = bindend(s.adviezen).get(p)
    paren = []
    for r in eigen:
        toel = _toelichting(r)
        if r.besluit != OVERGENOMEN:
            zin = (f"{_van(r)} ({_advies_tekst(s, r)}) is meegewogen maar niet overgenomen"
                   f"{': ' + toel if toel else ''}.")
        elif r.rij != binding.rij:
            later = _van(binding)
            zin = f"{_van(r)} ({_advies_tekst(s, r)}) is overgenomen, maar vervangen door {later[0].lower()}{later[1:]}."
        elif not _bindt(s, r):
            zin = (f"{_van(r)} om het voorgenomen besluit te handhaven is overgenomen; het geldt bij het "
                   "definitieve besluit.")
        else:
            zin = _overgenomen(s, p, f, r, toel)
        paren.append((r, zin))
    return paren


def _overgenomen(s: Scenario, p: str, f: str | None, r, toel: str) -> str:
    if r.bron == "zienswijze":
        begin = f"Uw zienswijze van {datum_nl(r.datum)} is overgenomen: "
        zin = begin + _besluit(s, p, f, omgekeerd=False)
    elif r.bron == "bezwaar":
        zin = f"Uw bezwaar van {datum_nl(r.datum)} is gegrond verklaard: " + _besluit(s, p, f, omgekeerd=False)
    else:
        wie = f"de {BRON_NL[r.bron]} van {datum_nl(r.datum)}"
        if r.advies == HANDHAVEN:
            zin = f"Op advies van {wie} blijft het voorgenomen besluit gehandhaafd: " + \
                _besluit(s, p, f, omgekeerd=False)
        else:
            zin = f"Op advies van {wie} {_besluit(s, p, f)}"
    regels = "P1, SS-7, H3" if f is not None else "P1"
    return f"{zin} ({regels}){': ' + toel if toel else ''}."


def beantwoord(s: Scenario, p: str, f: str | None, zinnen: list[str], regels: list[str]) -> tuple[list, list]:
    """The motivering's sentences and rule IDs with every advice of p answered (P1), and in a second
    round a changed decision named (P2). A decision bound by an adopted advice rests on that advice:
    its answer replaces the sentences of the rules (a salarisgarantie is still named)."""
    paren = _antwoorden(s, p, f)
    binding = bindend(s.adviezen).get(p) if paren else None
    if binding is not None and _bindt(s, binding):
        zinnen = [z for r, z in paren if r.rij == binding.rij] + [z for r, z in paren if r.rij != binding.rij] \
            + [z for z in zinnen if "salarisgarantie" in z]
        regels = ["P1", "SS-7", "H3"] if f is not None else ["P1"]
    elif paren:
        zinnen = list(zinnen) + [z for _, z in paren]
        regels = list(regels) + ["P1"]
    if s.voornemen is not None and p not in s.voornemen:
        zinnen = list(zinnen) + ["Voor u was er nog geen voorgenomen besluit; u ontvangt eerst dit besluit als "
                                 "voornemen en kunt daarop uw zienswijze geven (P2)."]
        regels = list(regels) + ["P2"]
    elif s.voornemen is not None and s.voornemen[p] != f:
        was = s.voornemen[p]
        was_tekst = f"plaatsing in {was}" if was else "niet geplaatst"
        zinnen = list(zinnen) + [f"Dit besluit wijkt af van het voorgenomen besluit ({was_tekst}); u ontvangt "
                                 "hierover eerst een nieuw voorgenomen besluit en kunt daarop uw zienswijze geven "
                                 "(P2)."]
        regels = list(regels) + ["P2"]
    return zinnen, regels


def antwoorden_procedure(g, p: str) -> list[Feit]:
    """regels.md P1/P2 as a fact source of the motivering (uitleg/feiten.py): every zienswijze and advice of p
    answered, and a changed decision named."""
    grond = "\x00grond"  # beantwoord drops the sentences of the rules when an adopted advice binds the decision
    zinnen, _ = beantwoord(g.s, p, g.toewijzing.get(p), [grond], [])
    gebonden = grond not in zinnen
    return [Feit("P2" if zin.rstrip().endswith("(P2).") else "P1", zin, vervangt_grond=gebonden and i == 0)
            for i, zin in enumerate(z for z in zinnen if z != grond)]


FEITBRONNEN = (antwoorden_procedure,)  # what the procedure adds to every motivering (plannen passes it on)
