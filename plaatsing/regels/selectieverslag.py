"""The report of the selection in a plan (regels.md §3; the order itself, SEL-A/SEL-B, is made in kandidaten.py):
per uitwisselbare groep the ordered list with every age, service length and leeftijdsgroep used and who kept or
lost a place (sheet Selectie), the count per leeftijdsgroep (sheet Afspiegeling) and the SEL-B sentence read
from it, so that the selection can be recalculated by hand later."""
from __future__ import annotations

import pandas as pd

from plaatsing.regels.kandidaten import LEEFTIJDSGROEPEN, leeftijd, leeftijdsgroep
from plaatsing.scenario import Scenario

SELECTIE_KOLOMMEN = ["functiecode", "rang", "personeelsnummer", "dienstverband", "leeftijd", "leeftijdsgroep",
                     "datum_in_dienst", "diensttijd_jaren", "status"]
AFSPIEGELING_KOLOMMEN = ["functiecode", "leeftijdsgroep", "aantal_voor", "aantal_behouden", "aantal_vervallen"]


def groepsnaam(g: int) -> str:
    van, tot = LEEFTIJDSGROEPEN[g]
    return f"{van}–{tot}" if tot else f"{van}+"


def diensttijd_jaren(datum_in_dienst, peildatum) -> float:
    return round((peildatum - datum_in_dienst).days / 365.25, 2)


def status_in_groep(plek: str | None, functie: str, t1: set, vastgezet: bool, voorkeuren: dict) -> str:
    """behouden, vervallen (lost the selection), vastgezet, or elders (other T1 function / H4a). `plek`: where the
    person is placed; `voorkeuren`: the person's voorkeur_1 … voorkeur_5 (column -> function)."""
    if vastgezet:
        return "vastgezet"
    if plek == functie:
        return "behouden"
    if plek in t1 or _koos_anders(voorkeuren, plek, t1):
        return "elders geplaatst"
    return "vervallen"


def _koos_anders(voorkeuren: dict, plek, t1: set) -> bool:
    """H4(a): placed in a function listed before every T1 function."""
    if plek is None:
        return False
    posities = {voorkeuren.get(f"voorkeur_{i}"): i for i in range(1, 6)}
    return posities.get(plek, 99) < min(posities.get(f, 98) for f in t1)


def maak_selectie(s: Scenario, kandidaten, toewijzing: dict) -> pd.DataFrame:
    """The ordered list of every uitwisselbare groep in which someone lost the selection."""
    peildatum = s.parameters.peildatum
    mw = {k: s.medewerkers[k].to_dict() for k in ("geboortedatum", "dienstverband", "datum_in_dienst")}
    gepind = set(s.vastgezet.index)
    kolommen = [f"voorkeur_{i}" for i in range(1, 6) if f"voorkeur_{i}" in s.medewerkers.columns]
    voorkeur = {k: s.medewerkers[k].to_dict() for k in kolommen}
    t1_functies = kandidaten.t1_functies

    def status_van(f: str, p: str) -> str:
        return status_in_groep(toewijzing.get(p), f, t1_functies.get(p, set()), p in gepind,
                               {k: voorkeur[k][p] for k in kolommen})

    rijen = []
    for f, leden in kandidaten.selectievolgorde.items():
        statussen = [status_van(f, p) for p in leden]
        if "vervallen" not in statussen:
            continue
        for rang, (p, status) in enumerate(zip(leden, statussen), start=1):
            jaren = leeftijd(mw["geboortedatum"][p], peildatum)
            rijen.append({"functiecode": f, "rang": rang, "personeelsnummer": p,
                          "dienstverband": mw["dienstverband"][p], "leeftijd": jaren,
                          "leeftijdsgroep": groepsnaam(leeftijdsgroep(jaren)),
                          "datum_in_dienst": mw["datum_in_dienst"][p],
                          "diensttijd_jaren": diensttijd_jaren(mw["datum_in_dienst"][p], peildatum),
                          "status": status})
    return pd.DataFrame(rijen, columns=SELECTIE_KOLOMMEN)


def maak_afspiegeling(selectie: pd.DataFrame) -> pd.DataFrame:
    """Per group that lost places and per leeftijdsgroep: before, kept and lost (SEL-B)."""
    if selectie.empty:
        return pd.DataFrame(columns=AFSPIEGELING_KOLOMMEN)
    rijen = []
    for (f, groep), deel in selectie.groupby(["functiecode", "leeftijdsgroep"], sort=False):
        rijen.append({"functiecode": f, "leeftijdsgroep": groep, "aantal_voor": len(deel),
                      "aantal_behouden": int(deel["status"].isin(["behouden", "vastgezet"]).sum()),
                      "aantal_vervallen": int((deel["status"] == "vervallen").sum())})
    volgorde = {groepsnaam(g): g for g in range(len(LEEFTIJDSGROEPEN))}
    tabel = pd.DataFrame(rijen, columns=AFSPIEGELING_KOLOMMEN)
    tabel["_g"] = tabel["leeftijdsgroep"].map(volgorde)
    return tabel.sort_values(["functiecode", "_g"]).drop(columns="_g").reset_index(drop=True)


def afspiegeling_feiten(selectie: pd.DataFrame, functie: str, persoon: str) -> str | None:
    """'u valt in leeftijdsgroep 45–55; in deze groep vervallen 1 van de 4 plaatsen; …' (no colleagues named)."""
    groep = selectie[selectie["functiecode"] == functie]
    eigen = groep[groep["personeelsnummer"] == persoon]
    if eigen.empty:
        return None
    r = eigen.iloc[0]
    zelfde = groep[(groep["leeftijdsgroep"] == r["leeftijdsgroep"]) & (groep["dienstverband"] == r["dienstverband"])]
    vervallen = int((zelfde["status"] == "vervallen").sum())
    korter = int((zelfde["diensttijd_jaren"] < r["diensttijd_jaren"]).sum())
    positie = "de kortste diensttijd" if korter == 0 else \
        f"de {korter + 1}e kortste diensttijd" if korter > 1 else "de op één na kortste diensttijd"
    plaatsen = "plaats" if len(zelfde) == 1 else "plaatsen"
    return (f"u valt in leeftijdsgroep {r['leeftijdsgroep']} (leeftijd {r['leeftijd']} op de peildatum); in deze "
            f"groep vervallen {vervallen} van de {len(zelfde)} {plaatsen}; u hebt in deze groep {positie}")
