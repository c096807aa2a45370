"""The built-in toets of a plan (regels.md §5 F1–F3): recomputes each rule from the tables.

`solve` runs it on its own result and writes the outcome to the Verantwoording.
"""
from __future__ import annotations

import pandas as pd

from plaatsing.component import splits
from plaatsing.kandidaten import Kandidaten
from plaatsing.oplossen import heeft_ruimte, o2_schendingen
from plaatsing.scenario import Scenario
from plaatsing.waarden import formatteer_getal, micro

KOLOMMEN = ["regel", "personeelsnummer", "functie", "probleem"]


def toets(s: Scenario, k: Kandidaten, toewijzing: dict[str, str | None]) -> pd.DataFrame:
    """Every violation of H1–H5, O2 and F3 as one row (regel, personeelsnummer, functie, probleem)."""
    fte = {p: micro(v) for p, v in s.medewerkers["fte"].items()}
    ruimte = {f: micro(v) + micro(s.parameters.fte_marge) for f, v in s.nieuwe_functies["formatie_fte"].items()}
    gepind = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    opties = {(r.personeelsnummer, r.functie) for r in k.opties.itertuples(index=False)}
    rijen = []
    rijen += _h1_capaciteit(toewijzing, fte, ruimte)
    rijen += [("H2", p, f, "de medewerker komt niet in aanmerking voor deze functie (geen T1–T4 en niet vastgezet)")
              for p, f in sorted(toewijzing.items()) if f is not None and (p, f) not in opties]
    rijen += [("H3", p, f, f"de vastzetting in {f} is niet gevolgd") for p, f in sorted(gepind.items())
              if toewijzing.get(p) != f]
    rijen += _h4_en_o2(s, k, toewijzing, fte, gepind, opties)
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def _h1_capaciteit(toewijzing, fte, ruimte):
    bezet: dict[str, int] = {}
    for p, f in toewijzing.items():
        if f is not None:
            bezet[f] = bezet.get(f, 0) + fte[p]
    return [("H1", "", f, f"bezet {formatteer_getal(b / 1e6)} fte, meer dan formatie plus marge "
             f"{formatteer_getal(ruimte[f] / 1e6)} fte") for f, b in sorted(bezet.items()) if b > ruimte.get(f, 0)]


def _h4_en_o2(s, k, toewijzing, fte, gepind, opties):
    """H4 (functievolgerrecht) and O2 (no one pushed out), per component of the eligibility graph."""
    rijen = []
    ruimte = {}
    for f, formatie in s.nieuwe_functies["formatie_fte"].items():
        ruimte[f] = micro(formatie) + micro(s.parameters.fte_marge) - sum(fte[m] for m, g in gepind.items() if g == f)
    for comp in splits(k, ruimte, fte):
        deel = {p: toewijzing.get(p) for p in comp.personen}
        if any(f is not None and (p, f) not in opties for p, f in deel.items()):
            deel = {p: (f if (p, f) in opties else None) for p, f in deel.items()}
        for p in comp.personen:
            t1 = comp.t1.get(p)
            if not t1 or deel[p] in t1 or deel[p] in comp.opt_out.get(p, ()):
                continue
            kan = [f for f in t1 if heeft_ruimte(comp, deel, p, f)]
            if kan:
                rijen.append(("H4", p, kan[0], f"functievolger voor {', '.join(kan)} met ruimte daar, maar "
                              f"{'niet geplaatst' if deel[p] is None else 'geplaatst in ' + deel[p]} "
                              "zonder voorkeur ervoor (functievolgerrecht)"))
                rijen += _f3_volgorde(comp, deel, p, kan)
        for persoon, ander, f in o2_schendingen(comp, deel):
            rijen.append(("O2", persoon, f, f"niet geplaatst terwijl {ander}, die lager in de rangorde staat, "
                          f"in {f} zit en vervangen kan worden"))
    return rijen


def _f3_volgorde(comp, deel, p, functies):
    """F3: in the uitwisselbare groep of f someone ranked below p is kept while p had room."""
    rijen = []
    for f in functies:
        volgorde = comp.t1_volgorde[f]
        lager = [q for q in volgorde[volgorde.index(p) + 1:] if deel.get(q) == f]
        if lager:
            rijen.append(("F3", p, f, f"niet behouden in {f} terwijl lager geplaatste {', '.join(lager)} "
                          "wel behouden zijn (selectievolgorde)"))
    return rijen
