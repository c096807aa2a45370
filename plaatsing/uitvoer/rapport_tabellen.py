"""The tables of the OR-adviesbijlage (personele gevolgen), anonymous by design: no names, no
personeelsnummers, every count of fewer than 5 people shown as '<5', and secondary suppression
('x') so that no suppressed count can be recovered from a total."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from plaatsing.regels.kandidaten import leeftijd, leeftijdsgroep
from plaatsing.plan import UITKOMSTEN
from plaatsing.scenario import Scenario
from plaatsing.regels.selectievolgorde import groepsnaam, maak_afspiegeling, maak_selectie
from plaatsing.invoer.cellen import micro

DREMPEL = 5
KLEIN = "<5"
AFGESCHERMD = "x"
TOTAAL = "Totaal"


def anonimiseer(tabel: pd.DataFrame, kolommen: list[str]) -> pd.DataFrame:
    """Counts in `kolommen` (with a 'Totaal' column and row added) as text, suppressed where needed.

    Primary: 1–4 people -> '<5' (0 reveals nobody and stays 0). Secondary: a row or column with
    exactly one suppressed cell gets a second one ('x', the smallest other non-zero count, or
    else the total), repeated until no suppressed count can be computed back from a total."""
    t = tabel.copy()
    t[TOTAAL] = t[kolommen].sum(axis=1)
    totaalrij = {c: (t[c].sum() if c in kolommen + [TOTAAL] else "") for c in t.columns}
    totaalrij[t.columns[0]] = TOTAAL
    t = pd.concat([t, pd.DataFrame([totaalrij])], ignore_index=True)
    waarden = t[kolommen + [TOTAAL]].astype(int).to_numpy()
    status = [["" for _ in range(waarden.shape[1])] for _ in range(waarden.shape[0])]
    for i in range(waarden.shape[0]):
        for j in range(waarden.shape[1]):
            if 0 < waarden[i][j] < DREMPEL:
                status[i][j] = KLEIN
    laatste_i, laatste_j = waarden.shape[0] - 1, waarden.shape[1] - 1
    veranderd = True
    while veranderd:
        veranderd = False
        lijnen = [[(i, j) for j in range(laatste_j)] + [(i, laatste_j)] for i in range(waarden.shape[0])]
        lijnen += [[(i, j) for i in range(laatste_i)] + [(laatste_i, j)] for j in range(waarden.shape[1])]
        for lijn in lijnen:
            *cellen, totaal = lijn
            verborgen = [c for c in cellen if status[c[0]][c[1]]]
            if len(verborgen) != 1 or status[totaal[0]][totaal[1]]:
                continue
            open_ = [c for c in cellen if not status[c[0]][c[1]] and waarden[c[0]][c[1]] > 0]
            doel = min(open_, key=lambda c: (waarden[c[0]][c[1]], c)) if open_ else totaal
            status[doel[0]][doel[1]] = AFGESCHERMD
            veranderd = True
    uit = t.astype(object)
    for i in range(waarden.shape[0]):
        for j, kolom in enumerate(kolommen + [TOTAAL]):
            uit.at[i, kolom] = status[i][j] or str(int(waarden[i][j]))
    return uit


@dataclass(frozen=True)
class Bijlage:
    formatie_oud: pd.DataFrame
    formatie_nieuw: pd.DataFrame
    uitkomsten: pd.DataFrame
    vacatures: pd.DataFrame
    was_wordt: pd.DataFrame
    afspiegeling: pd.DataFrame | None
    leeftijd: pd.DataFrame
    geslacht: pd.DataFrame
    deeltijd: pd.DataFrame
    financieel: pd.DataFrame | None
    kerncijfers: dict
    grensgevallen: pd.DataFrame | None = None  # SS-0: computed percentages near the drempel, inconsistencies


def maak_bijlage(s: Scenario, kandidaten, toewijzing: dict, uitkomsten: dict) -> Bijlage:
    mw = s.medewerkers.assign(nieuwe_functie=[toewijzing.get(p) for p in s.medewerkers.index],
                              uitkomst=[uitkomsten.get(p) for p in s.medewerkers.index])
    mw["huidige_eenheid"] = mw["functie"].map(s.oude_functies["eenheid"])
    geplaatst = mw[mw["nieuwe_functie"].notna()].copy()
    geplaatst["nieuwe_eenheid"] = geplaatst["nieuwe_functie"].map(s.nieuwe_functies["eenheid"])
    selectie = maak_selectie(s, kandidaten, toewijzing)
    return Bijlage(
        formatie_oud=_formatie_oud(s, mw), formatie_nieuw=_formatie_nieuw(s, geplaatst),
        uitkomsten=_uitkomsten(mw), vacatures=_vacatures(s, geplaatst, kandidaten),
        was_wordt=_was_wordt(s), afspiegeling=_afspiegeling(selectie) if not selectie.empty else None,
        leeftijd=_verdeling(mw, geplaatst, lambda r: groepsnaam(leeftijdsgroep(leeftijd(r["geboortedatum"], s.parameters.peildatum))),
                            "leeftijdsgroep", [groepsnaam(g) for g in range(5)]),
        geslacht=_verdeling(mw, geplaatst, lambda r: {"M": "man", "V": "vrouw", "X": "x"}.get(r.get("geslacht"), "onbekend"),
                            "geslacht", ["vrouw", "man", "x", "onbekend"]),
        deeltijd=_verdeling(mw, geplaatst, lambda r: "voltijd" if micro(r["fte"]) >= micro(1) else "deeltijd",
                            "dienstverband", ["voltijd", "deeltijd"]),
        financieel=_financieel(s, mw),
        kerncijfers={"medewerkers": len(mw), "geplaatst": len(geplaatst), "formatie_oud": s.oude_functies["formatie_fte"].sum(),
                     "formatie_nieuw": s.nieuwe_functies["formatie_fte"].sum(),
                     "bezet_nieuw": geplaatst["fte"].sum(), "fte_oud": mw["fte"].sum()},
        grensgevallen=_grensgevallen(s),
    )


def _grensgevallen(s) -> pd.DataFrame | None:
    """SS-0: the function comparisons with a percentage of 28–32 % or flagged as inconsistent."""
    from plaatsing.regels.functievergelijking import functievergelijking

    tabel = functievergelijking(s)
    if tabel is None:
        return None
    tabel = tabel[(tabel["grensgeval"] == "ja") | (tabel["consistentie"] != "")]
    kolommen = ["oude_functie", "nieuwe_functie", "berekend", "opgegeven", "telt", "uitkomst_vergelijking",
                "consistentie"]
    return tabel[kolommen].reset_index(drop=True) if not tabel.empty else None


def _formatie_oud(s, mw) -> pd.DataFrame:
    f = s.oude_functies.groupby("eenheid").agg(functies=("functiecode", "count"), formatie_fte=("formatie_fte", "sum"))
    m = mw.groupby("huidige_eenheid").agg(medewerkers=("personeelsnummer", "count"), fte=("fte", "sum"))
    t = f.join(m, how="left").fillna({"medewerkers": 0, "fte": 0.0}).reset_index()
    t["medewerkers"] = t["medewerkers"].astype(int)
    t = anonimiseer(t[["eenheid", "medewerkers"]], ["medewerkers"]).drop(columns=TOTAAL).merge(
        t[["eenheid", "functies", "formatie_fte", "fte"]], on="eenheid", how="left")
    return _totaalregel(t, ["functies", "formatie_fte", "fte"])[["eenheid", "functies", "formatie_fte", "medewerkers", "fte"]]


def _formatie_nieuw(s, geplaatst) -> pd.DataFrame:
    f = s.nieuwe_functies.groupby("eenheid").agg(functies=("functiecode", "count"), formatie_fte=("formatie_fte", "sum"))
    g = geplaatst.groupby("nieuwe_eenheid").agg(geplaatst=("personeelsnummer", "count"), bezet_fte=("fte", "sum"))
    t = f.join(g, how="left").fillna({"geplaatst": 0, "bezet_fte": 0.0}).reset_index()
    t["geplaatst"] = t["geplaatst"].astype(int)
    t["vacant_fte"] = (t["formatie_fte"] - t["bezet_fte"]).clip(lower=0)
    anoniem = anonimiseer(t[["eenheid", "geplaatst"]], ["geplaatst"]).drop(columns=TOTAAL)
    t = anoniem.merge(t[["eenheid", "functies", "formatie_fte", "bezet_fte", "vacant_fte"]], on="eenheid", how="left")
    return _totaalregel(t, ["functies", "formatie_fte", "bezet_fte", "vacant_fte"])[
        ["eenheid", "functies", "formatie_fte", "geplaatst", "bezet_fte", "vacant_fte"]]


def _totaalregel(t, som_kolommen) -> pd.DataFrame:
    t = t.copy()
    rij = t["eenheid"] == TOTAAL
    for k in som_kolommen:
        t.loc[rij, k] = t.loc[~rij, k].sum()
    for k in som_kolommen:
        t[k] = t[k].map(lambda v: round(float(v), 2) if k != "functies" else int(v))
    return t


def _uitkomsten(mw) -> pd.DataFrame:
    telling = pd.crosstab(mw["huidige_eenheid"], mw["uitkomst"]).reindex(columns=UITKOMSTEN, fill_value=0)
    telling = telling.reset_index().rename(columns={"huidige_eenheid": "eenheid (huidig)"})
    return anonimiseer(telling, UITKOMSTEN)


def _vacatures(s, geplaatst, kandidaten) -> pd.DataFrame:
    bezet = geplaatst.groupby("nieuwe_functie")["fte"].sum()
    t = s.nieuwe_functies[["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte"]].copy()
    t["vacant_fte"] = (t["formatie_fte"] - t["functiecode"].map(bezet).fillna(0)).clip(lower=0).round(4)
    t["soort"] = ["nieuwe functie (werving)" if f in kandidaten.nieuwe_functies_ss5 else "bestaande functie"
                  for f in t["functiecode"]]
    return t[t["vacant_fte"] > 0].reset_index(drop=True)


def _was_wordt(s) -> pd.DataFrame:
    drempel = round(s.parameters.drempel_wijziging, 6)
    oud, nieuw = s.oude_functies, s.nieuwe_functies
    rijen = []
    for r in s.mapping.sort_values(["oude_functie", "nieuwe_functie"]).itertuples(index=False):
        rijen.append({"oude_functie": r.oude_functie, "oude_functienaam": oud.at[r.oude_functie, "functienaam"],
                      "nieuwe_functie": r.nieuwe_functie, "nieuwe_functienaam": nieuw.at[r.nieuwe_functie, "functienaam"],
                      "wijzigingspercentage": r.wijzigingspercentage,
                      "status": "ongewijzigd" if round(r.wijzigingspercentage, 6) <= drempel else "gewijzigd"})
    for f in sorted(set(oud.index) - set(s.mapping["oude_functie"])):
        rijen.append({"oude_functie": f, "oude_functienaam": oud.at[f, "functienaam"], "nieuwe_functie": "",
                      "nieuwe_functienaam": "", "wijzigingspercentage": None, "status": "vervallen"})
    for f in sorted(set(nieuw.index) - set(s.mapping["nieuwe_functie"])):
        rijen.append({"oude_functie": "", "oude_functienaam": "", "nieuwe_functie": f,
                      "nieuwe_functienaam": nieuw.at[f, "functienaam"], "wijzigingspercentage": None, "status": "nieuw"})
    return pd.DataFrame(rijen)


def _afspiegeling(selectie) -> pd.DataFrame:
    t = maak_afspiegeling(selectie)
    t = t.groupby("leeftijdsgroep", sort=False)[["aantal_voor", "aantal_behouden", "aantal_vervallen"]].sum().reset_index()
    return anonimiseer(t, ["aantal_behouden", "aantal_vervallen"]).drop(columns="aantal_voor")


def _verdeling(mw, geplaatst, sleutel, naam, volgorde) -> pd.DataFrame:
    voor = mw.apply(sleutel, axis=1).value_counts()
    na = geplaatst.apply(sleutel, axis=1).value_counts() if not geplaatst.empty else pd.Series(dtype=int)
    t = pd.DataFrame({naam: volgorde, "voor": [int(voor.get(v, 0)) for v in volgorde],
                      "na": [int(na.get(v, 0)) for v in volgorde]})
    t = t[(t["voor"] > 0) | (t["na"] > 0)].reset_index(drop=True)
    uit = anonimiseer(t, ["voor"]).drop(columns=TOTAAL)
    uit["na"] = anonimiseer(t, ["na"])["na"]
    return uit


def _financieel(s, mw) -> pd.DataFrame | None:
    if s.salaristabel.empty:
        return None
    salaris = s.salaristabel["maandsalaris"]
    nieuw_schaal = mw["nieuwe_functie"].map(s.nieuwe_functies["schaal"])
    oud = (mw["fte"] * mw["schaal"].map(salaris) * 12).sum()
    geplaatst = mw["nieuwe_functie"].notna()
    nieuw = (mw["fte"] * nieuw_schaal.map(salaris) * 12)[geplaatst].sum()
    garantie = (mw["fte"] * (mw["schaal"].map(salaris) - nieuw_schaal.map(salaris)).clip(lower=0) * 12)[geplaatst].sum()
    boventallig = (mw["fte"] * mw["schaal"].map(salaris) * 12)[~geplaatst].sum()
    return pd.DataFrame([
        {"post": "loonsom oud (per jaar, exclusief toeslagen)", "bedrag": round(oud)},
        {"post": "loonsom nieuw naar functieschaal (geplaatsten, per jaar)", "bedrag": round(nieuw)},
        {"post": "salarisgarantie (per jaar)", "bedrag": round(garantie)},
        {"post": "loonsom niet geplaatsten tijdens van-werk-naar-werk (per jaar)", "bedrag": round(boventallig)},
    ])
