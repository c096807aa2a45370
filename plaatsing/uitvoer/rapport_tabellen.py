"""The tables of the OR-adviesbijlage (personele gevolgen), anonymous by design: no names, no
personeelsnummers, and every count of people protected by plaatsing.uitvoer.afscherming (1–4 as '<5',
complementary counts as '•', small categories merged), so that no small count can be computed back."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from plaatsing.plan import UITKOMSTEN
from plaatsing.plannen.tabellen import maak_bezetting
from plaatsing.regels.functievergelijking import functievergelijking
from plaatsing.regels.herplaatsing import herplaatsing
from plaatsing.regels.kandidaten import LEEFTIJDSGROEPEN, leeftijd, leeftijdsgroep
from plaatsing.regels.maat import fte_in_minuten, minuten_per_medewerker, voltijd_minuten
from plaatsing.regels.selectieverslag import groepsnaam, maak_selectie
from plaatsing.scenario import Scenario
from plaatsing.toets.grens import ondergrens
from plaatsing.uitvoer.afscherming import (AFGESCHERMD, DREMPEL, KLEIN, Telstelsel, bescherm, in_kleine_groep,
                                           in_open_groep, klein_teken)
from plaatsing.uitvoer.rapport_opmaak import tekst_van

TOTAAL = "Totaal"
NIET_GEPLAATST = ("boventallig", "niet geplaatst (tijdelijk)")
GESLACHT = {"V": "vrouw", "M": "man"}
OVERIG_GESLACHT = "X of onbekend"


@dataclass(frozen=True)
class Tabel:
    """A published table: values (int, float or text; a protected count is the text '<5' or '•') and
    the kind of each column: tekst, aantal, fte, bedrag or procent."""

    data: pd.DataFrame
    soorten: dict


@dataclass(frozen=True)
class Bijlage:
    samenvatting: Tabel
    formatie_oud: Tabel
    formatie_nieuw: Tabel
    uitkomsten: Tabel
    vacatures: Tabel
    was_wordt: Tabel
    selectie: Tabel | None
    leeftijd: Tabel
    geslacht: Tabel
    deeltijd: Tabel
    financieel: Tabel | None
    kerncijfers: dict
    methode: str
    samengevoegd: tuple[str, ...]   # what small categories were merged, for the legend
    afgeschermd: int                # how many counts are shown as '•'
    grensgevallen: Tabel | None = None  # SS-0: computed percentages near the drempel, inconsistencies
    restformatie: Tabel | None = None   # open formatie smaller than the smallest contract: no vacature
    drempel: int = DREMPEL              # drempel_afscherming
    drempel_wijziging: float = 30.0     # for the SS-0 band (drempel ± 2)


class Tellingen:
    """All counts of people in the bijlage as one protected system (plaatsing.uitvoer.afscherming)."""

    def __init__(self, drempel: int = DREMPEL):
        self.stelsel = Telstelsel(drempel=drempel)
        self.status: dict = {}

    def tel(self, sleutel, waarde, **kw):
        return self.stelsel.tel(sleutel, waarde, **kw)

    def som(self, delen, geheel):
        self.stelsel.som(delen, geheel)

    def bescherm(self, vast=(), ontzien=(), exact=False) -> None:
        self.status = bescherm(self.stelsel, vast=vast, ontzien=ontzien, exact=exact)

    def cel(self, sleutel):
        """The published value of a count: the number, or '<5' / '•'."""
        status = self.status.get(sleutel)
        if status == KLEIN:
            return klein_teken(self.stelsel.drempel)
        return status or int(self.stelsel.waarden[sleutel])

    def getoond(self, sleutel) -> bool:
        return not self.status.get(sleutel)

    @property
    def aantal_afgeschermd(self) -> int:
        """Secondary suppressions: '•' outside the groups of fewer than 5."""
        groep = in_kleine_groep(self.stelsel, self.status) | in_open_groep(self.stelsel)
        return sum(1 for k, v in self.status.items() if v == AFGESCHERMD and k not in groep)


def personen(s: Scenario, toewijzing: dict, uitkomsten: dict) -> pd.DataFrame:
    """One row per medewerker with only what the tables count (no name, no number, no birth date)."""
    mw = s.medewerkers
    nieuw = [toewijzing.get(p) for p in mw.index]
    groep = [leeftijdsgroep(leeftijd(d, s.parameters.peildatum)) for d in mw["geboortedatum"]]
    return pd.DataFrame({
        "huidige_eenheid": mw["functie"].map(s.oude_functies["eenheid"]).to_numpy(),
        "uitkomst": [uitkomsten.get(p) for p in mw.index],
        "nieuwe_functie": nieuw,
        "nieuwe_eenheid": [s.nieuwe_functies.at[f, "eenheid"] if f else None for f in nieuw],
        "leeftijdsgroep": groep,
        "geslacht": mw["geslacht"].to_numpy() if "geslacht" in mw else None,
        "voltijd": [m >= voltijd_minuten(s) for m in minuten_per_medewerker(s).values()],
        "fte": mw["fte"].to_numpy(),
        "schaal": mw["schaal"].to_numpy(),
    })


def selectie_per_groep(s: Scenario, kandidaten, toewijzing: dict) -> pd.DataFrame:
    """leeftijdsgroep (index into LEEFTIJDSGROEPEN) and status for every member of an uitwisselbare
    groep that lost places."""
    sel = maak_selectie(s, kandidaten, toewijzing)
    namen = {groepsnaam(g): g for g in range(len(LEEFTIJDSGROEPEN))}
    return pd.DataFrame({"leeftijdsgroep": sel["leeftijdsgroep"].map(namen).astype("Int64").to_numpy(),
                         "status": sel["status"].to_numpy()})


def personentabellen(p: pd.DataFrame, selectie: pd.DataFrame, eenheden_nieuw=None, *, exact: bool = True,
                     drempel: int = DREMPEL) -> dict:
    """The protected tables of counts of people, by title; also what was merged and the Tellingen.

    `p` as made by `personen`; `selectie` as made by `selectie_per_groep`; `eenheden_nieuw` lists
    every new eenheid (also those without anyone placed). `exact`: also audit with exact integer
    bounds (slower; the interval audit alone is what tests/aanvaller.py checks). `drempel`: counts
    below it are protected in the breakdowns (drempel_afscherming); the totals per uitkomst for the
    whole organisation are always shown (scenario-formaat.md, OR-bijlage v2)."""
    t = Tellingen(drempel)
    geplaatst = p[p["nieuwe_functie"].notna()]
    alle = t.tel(("alle",), len(p))
    totaal_geplaatst = t.tel(("geplaatst",), len(geplaatst))
    niet = t.tel(("niet geplaatst",), len(p) - len(geplaatst))
    t.som([totaal_geplaatst, niet], alle)
    # outcomes per current eenheid: rows, columns and totals
    eenheden = sorted(p["huidige_eenheid"].unique())
    for u in eenheden:
        deel = p[p["huidige_eenheid"] == u]
        rij = [t.tel(("oud", u, o), int((deel["uitkomst"] == o).sum())) for o in UITKOMSTEN]
        t.som(rij, t.tel(("oud", u), len(deel)))
    for o in UITKOMSTEN:
        t.som([("oud", u, o) for u in eenheden], t.tel(("uitkomst", o), int((p["uitkomst"] == o).sum())))
    t.som([("oud", u) for u in eenheden], alle)
    t.som([("uitkomst", o) for o in UITKOMSTEN], alle)
    t.som([("uitkomst", o) for o in UITKOMSTEN if o not in NIET_GEPLAATST], totaal_geplaatst)
    t.som([("uitkomst", o) for o in NIET_GEPLAATST], niet)
    t.stelsel.altijd |= {alle, totaal_geplaatst, niet, *(("uitkomst", o) for o in UITKOMSTEN)}
    # placed per new eenheid
    nieuw = sorted(set(eenheden_nieuw or ()) | set(geplaatst["nieuwe_eenheid"]))
    t.som([t.tel(("nieuw", v), int((geplaatst["nieuwe_eenheid"] == v).sum())) for v in nieuw], totaal_geplaatst)
    # voor/na distributions, small categories merged first
    verdelingen, samengevoegd = {}, []
    leeftijd_groepen, tekst = _leeftijdsgroepen(p["leeftijdsgroep"], drempel)
    samengevoegd += tekst
    verdelingen["leeftijd"] = ("leeftijdsgroep", [(naam, p["leeftijdsgroep"].isin(leden)) for naam, leden in leeftijd_groepen])
    geslacht = p["geslacht"].map(lambda g: GESLACHT.get(g, OVERIG_GESLACHT) if isinstance(g, str) else OVERIG_GESLACHT)
    categorieen = [c for c in ("vrouw", "man", OVERIG_GESLACHT) if (geslacht == c).any()]
    if (geslacht == OVERIG_GESLACHT).any() and (p["geslacht"] == "X").any():
        samengevoegd.append("geslacht X en onbekend samen als 'X of onbekend'")
    verdelingen["geslacht"] = ("geslacht", [(c, geslacht == c) for c in categorieen])
    verdelingen["deeltijd"] = ("dienstverband", [(c, p["voltijd"] == (c == "voltijd")) for c in ("voltijd", "deeltijd")
                                                 if (p["voltijd"] == (c == "voltijd")).any()])
    geplaatst_masker = p["nieuwe_functie"].notna()
    for naam, (kop, groepen) in verdelingen.items():
        voor, na, verschil = [], [], []
        for label, masker in groepen:
            v = t.tel((naam, label, "voor"), int(masker.sum()))
            n = t.tel((naam, label, "na"), int((masker & geplaatst_masker).sum()))
            d = t.tel((naam, label, "verschil"), int((masker & ~geplaatst_masker).sum()), verborgen=True)
            t.som([n, d], v)
            voor.append(v)
            na.append(n)
            verschil.append(d)
        t.som(voor, alle)
        t.som(na, totaal_geplaatst)
        t.som(verschil, niet)
    # the selection in uitwisselbare groepen that lost places, per leeftijdsgroep
    sel_groepen = []
    if not selectie.empty:
        for g in sorted(selectie["leeftijdsgroep"].dropna().unique()):
            deel = selectie[selectie["leeftijdsgroep"] == g]
            b = t.tel(("selectie", int(g), "behouden"), int(deel["status"].isin(["behouden", "vastgezet"]).sum()))
            w = t.tel(("selectie", int(g), "vervallen"), int((deel["status"] == "vervallen").sum()))
            t.som([b, w], t.tel(("selectie", int(g)), t.stelsel.waarden[b] + t.stelsel.waarden[w]))
            sel_groepen.append(int(g))
        for kolom in ("behouden", "vervallen"):
            t.som([("selectie", g, kolom) for g in sel_groepen],
                  t.tel(("selectie", kolom), sum(t.stelsel.waarden[("selectie", g, kolom)] for g in sel_groepen)))
        t.som([("selectie", g) for g in sel_groepen],
              t.tel(("selectie",), sum(t.stelsel.waarden[("selectie", g)] for g in sel_groepen)))
        t.som([("selectie", "behouden"), ("selectie", "vervallen")], ("selectie",))
    # the head counts of the summary stay visible; complements are found elsewhere
    t.bescherm(exact=exact, vast=[alle, totaal_geplaatst, niet],
               ontzien=[*(("uitkomst", o) for o in UITKOMSTEN), *(("oud", u) for u in eenheden), *(("nieuw", v) for v in nieuw)])
    tabellen = {
        "uitkomsten": _uitkomstentabel(t, eenheden),
        "nieuw": pd.DataFrame({"eenheid": [*nieuw, TOTAAL], "geplaatst": [t.cel(("nieuw", v)) for v in nieuw] +
                               [t.cel(totaal_geplaatst)]}),
        "selectie": _selectietabel(t, sel_groepen) if sel_groepen else None,
    }
    for naam, (kop, groepen) in verdelingen.items():
        labels = [label for label, _ in groepen]
        tabellen[naam] = pd.DataFrame({
            kop: [*labels, TOTAAL],
            "voor": [t.cel((naam, c, "voor")) for c in labels] + [t.cel(alle)],
            "na": [t.cel((naam, c, "na")) for c in labels] + [t.cel(totaal_geplaatst)]})
    samenvatting = [("medewerkers in de huidige organisatie", t.cel(alle)),
                    ("geplaatst in de nieuwe organisatie", t.cel(totaal_geplaatst))]
    samenvatting += [(f"waarvan {o}", t.cel(("uitkomst", o))) for o in UITKOMSTEN if o not in NIET_GEPLAATST]
    samenvatting.append(("niet geplaatst", t.cel(niet)))
    samenvatting += [(f"waarvan {o}", t.cel(("uitkomst", o))) for o in NIET_GEPLAATST]
    tabellen["samenvatting"] = pd.DataFrame(samenvatting, columns=["onderwerp", "aantal"])
    return {"tabellen": tabellen, "tellingen": t, "samengevoegd": tuple(samengevoegd),
            "eenheden": eenheden, "nieuw": nieuw}


def _leeftijdsgroepen(groepen: pd.Series, drempel: int = DREMPEL):
    """Adjacent leeftijdsgroepen merged until each has at least `drempel` people (or only one is left), for the
    table of the age structure before and after (the table of the selection keeps its groups: its small numbers are
    shielded cell by cell)."""
    blokken = [[g] for g in range(len(LEEFTIJDSGROEPEN)) if (groepen == g).any()]
    aantal = lambda blok: int(groepen.isin(blok).sum())  # noqa: E731
    while len(blokken) > 1:
        klein = [i for i, b in enumerate(blokken) if aantal(b) < drempel]
        if not klein:
            break
        i = klein[0]
        j = i + 1 if i + 1 < len(blokken) else i - 1
        if 0 < i < len(blokken) - 1 and aantal(blokken[i - 1]) < aantal(blokken[i + 1]):
            j = i - 1
        a, b = sorted((i, j))
        blokken[a:b + 1] = [blokken[a] + blokken[b]]
    namen = []
    for blok in blokken:
        van, tot = LEEFTIJDSGROEPEN[blok[0]][0], LEEFTIJDSGROEPEN[blok[-1]][1]
        namen.append((f"{van}–{tot}" if tot else f"{van}+", blok))
    tekst = [f"leeftijdsgroepen {naam} samengevoegd in de leeftijdsopbouw voor en na" for naam, blok in namen
             if len(blok) > 1]
    return namen, tekst


def _uitkomstentabel(t: Tellingen, eenheden) -> pd.DataFrame:
    rijen = [{"eenheid (huidig)": u, **{o: t.cel(("oud", u, o)) for o in UITKOMSTEN}, TOTAAL: t.cel(("oud", u))}
             for u in eenheden]
    rijen.append({"eenheid (huidig)": TOTAAL, **{o: t.cel(("uitkomst", o)) for o in UITKOMSTEN}, TOTAAL: t.cel(("alle",))})
    return pd.DataFrame(rijen)


def _selectietabel(t: Tellingen, groepen) -> pd.DataFrame:
    rijen = [{"leeftijdsgroep": groepsnaam(g), "behouden": t.cel(("selectie", g, "behouden")),
              "vervallen": t.cel(("selectie", g, "vervallen")), TOTAAL: t.cel(("selectie", g))} for g in groepen]
    rijen.append({"leeftijdsgroep": TOTAAL, "behouden": t.cel(("selectie", "behouden")),
                  "vervallen": t.cel(("selectie", "vervallen")), TOTAAL: t.cel(("selectie",))})
    return pd.DataFrame(rijen)


def maak_bijlage(s: Scenario, kandidaten, toewijzing: dict, uitkomsten: dict) -> Bijlage:
    drempel = int(getattr(s.parameters, "drempel_afscherming", DREMPEL))
    p = personen(s, toewijzing, uitkomsten)
    selectie = selectie_per_groep(s, kandidaten, toewijzing)
    uit = personentabellen(p, selectie, s.nieuwe_functies["eenheid"].unique(), drempel=drempel)
    t: Tellingen = uit["tellingen"]
    tabellen = uit["tabellen"]
    geplaatst = p[p["nieuwe_functie"].notna()]
    telling = {o: int((p["uitkomst"] == o).sum()) for o in UITKOMSTEN}
    garantie = _salarisgarantie(s, p)
    # one source for every fte figure: the Bezetting sheet of the besluiten (exact sums, rounded when printed)
    bezetting = maak_bezetting(s, toewijzing).set_index("functiecode")
    vacatures, rest = _vacatures(s, bezetting, kandidaten)
    kern = {"medewerkers": len(p), "geplaatst": len(geplaatst), "formatie_oud": float(s.oude_functies["formatie_fte"].sum()),
            "formatie_nieuw": float(s.nieuwe_functies["formatie_fte"].sum()), "bezet_nieuw": float(bezetting["bezet_fte"].sum()),
            "fte_oud": float(p["fte"].sum()), "vacant_fte": float(bezetting["vacant_fte"].sum()),
            "vacatures": len(vacatures.data), "vacatures_fte": float(vacatures.data["vacant fte"].sum()),
            "restformatie": len(rest.data), "restformatie_fte": float(rest.data["vacant fte"].sum()),
            "salarisgarantie": int(garantie.sum()), "telling": telling, "drempel": drempel,
            # issue 24 and regels.md §10: the bound anyone can check, and the open places to be judged
            "ondergrens": ondergrens(s, kandidaten)[0], "herplaatsing": len(herplaatsing(s, kandidaten, toewijzing))}
    return Bijlage(
        samenvatting=_samenvatting(tabellen["samenvatting"], kern),
        formatie_oud=_formatie_oud(s, p, t, uit["eenheden"]),
        formatie_nieuw=_formatie_nieuw(s, bezetting, t, uit["nieuw"]),
        uitkomsten=Tabel(tabellen["uitkomsten"], {"eenheid (huidig)": "tekst", **{c: "aantal" for c in [*UITKOMSTEN, TOTAAL]}}),
        vacatures=vacatures,
        was_wordt=_was_wordt(s),
        selectie=(Tabel(tabellen["selectie"], {"leeftijdsgroep": "tekst", "behouden": "aantal", "vervallen": "aantal",
                                               TOTAAL: "aantal"}) if tabellen["selectie"] is not None else None),
        leeftijd=Tabel(tabellen["leeftijd"], {"leeftijdsgroep": "tekst", "voor": "aantal", "na": "aantal"}),
        geslacht=Tabel(tabellen["geslacht"], {"geslacht": "tekst", "voor": "aantal", "na": "aantal"}),
        deeltijd=Tabel(tabellen["deeltijd"], {"dienstverband": "tekst", "voor": "aantal", "na": "aantal"}),
        financieel=_financieel(s, p, garantie, t),
        kerncijfers=kern,
        methode=s.parameters.selectiemethode,
        samengevoegd=uit["samengevoegd"],
        afgeschermd=t.aantal_afgeschermd,
        grensgevallen=_grensgevallen_tabel(s),
        restformatie=rest if len(rest.data) else None,
        drempel=drempel,
        drempel_wijziging=float(s.parameters.drempel_wijziging),
    )


def _klein_tekst(n: int, drempel: int = DREMPEL):
    return klein_teken(drempel) if 0 < n < drempel else n


def _samenvatting(koppen: pd.DataFrame, kern: dict) -> Tabel:
    fte = lambda x: f"{tekst_van(x, 'fte')} fte"  # noqa: E731
    rijen = [*koppen.itertuples(index=False, name=None),
             ("geplaatst met salarisgarantie (lagere schaal)", _klein_tekst(kern["salarisgarantie"], kern["drempel"])),
             ("functies met een vacature na plaatsing", int(kern["vacatures"])),
             ("vacante formatie na plaatsing (vacatures)", fte(kern["vacatures_fte"])),
             ("restformatie (kleiner dan het kleinste contract)", fte(kern["restformatie_fte"])),
             ("vacante formatie na plaatsing (totaal, als in de besluiten)", fte(kern["vacant_fte"])),
             ("ondergrens niet geplaatst: minstens zoveel in elk plan (blad Knelpunten)", int(kern["ondergrens"])),
             ("open plaatsen te beoordelen in het herplaatsingsonderzoek", _klein_tekst(kern["herplaatsing"],
                                                                                         kern["drempel"])),
             ("formatie oud", fte(kern["formatie_oud"])), ("formatie nieuw", fte(kern["formatie_nieuw"]))]
    data = pd.DataFrame(rijen, columns=["onderwerp", "aantal"], dtype=object)
    soorten = {"onderwerp": "tekst", "aantal": "aantal"}
    return Tabel(data, soorten)


def _fte_of_afgeschermd(t: Tellingen, sleutel, waarde: float):
    """fte of people only beside a shown count: an fte beside '<5' would tell who works how much.
    Not rounded here: every figure is the exact sum, rounded only when printed."""
    return float(waarde) if t.getoond(sleutel) else AFGESCHERMD


def _formatie_oud(s, p, t: Tellingen, eenheden) -> Tabel:
    f = s.oude_functies.groupby("eenheid").agg(functies=("functiecode", "count"), formatie=("formatie_fte", "sum"))
    fte = p.groupby("huidige_eenheid")["fte"].sum()
    rijen = []
    for u in f.index:
        sleutel = ("oud", u) if u in eenheden else None
        rijen.append({"eenheid": u, "functies": int(f.at[u, "functies"]), "formatie (fte)": float(f.at[u, "formatie"]),
                      "medewerkers": t.cel(sleutel) if sleutel else 0,
                      "bezetting (fte)": _fte_of_afgeschermd(t, sleutel, fte.get(u, 0.0)) if sleutel else 0.0})
    rijen.append({"eenheid": TOTAAL, "functies": int(f["functies"].sum()), "formatie (fte)": float(f["formatie"].sum()),
                  "medewerkers": t.cel(("alle",)), "bezetting (fte)": float(p["fte"].sum())})
    return Tabel(pd.DataFrame(rijen), {"eenheid": "tekst", "functies": "aantal", "formatie (fte)": "fte",
                                       "medewerkers": "aantal", "bezetting (fte)": "fte"})


def _formatie_nieuw(s, bezetting: pd.DataFrame, t: Tellingen, nieuw) -> Tabel:
    f = s.nieuwe_functies.groupby("eenheid").agg(functies=("functiecode", "count"), formatie=("formatie_fte", "sum"))
    per_eenheid = bezetting.groupby("eenheid")[["bezet_fte", "vacant_fte"]].sum()
    rijen = []
    for v in nieuw:
        b = float(per_eenheid.at[v, "bezet_fte"]) if v in per_eenheid.index else 0.0
        vacant = float(per_eenheid.at[v, "vacant_fte"]) if v in per_eenheid.index else 0.0
        rijen.append({"eenheid": v, "functies": int(f.at[v, "functies"]), "formatie (fte)": float(f.at[v, "formatie"]),
                      "geplaatst": t.cel(("nieuw", v)), "bezet (fte)": _fte_of_afgeschermd(t, ("nieuw", v), b),
                      "vacant (fte)": _fte_of_afgeschermd(t, ("nieuw", v), vacant)})
    rijen.append({"eenheid": TOTAAL, "functies": int(f["functies"].sum()), "formatie (fte)": float(f["formatie"].sum()),
                  "geplaatst": t.cel(("geplaatst",)), "bezet (fte)": float(bezetting["bezet_fte"].sum()),
                  "vacant (fte)": float(bezetting["vacant_fte"].sum())})
    return Tabel(pd.DataFrame(rijen), {"eenheid": "tekst", "functies": "aantal", "formatie (fte)": "fte",
                                       "geplaatst": "aantal", "bezet (fte)": "fte", "vacant (fte)": "fte"})


def _vacatures(s, bezetting: pd.DataFrame, kandidaten) -> tuple[Tabel, Tabel]:
    """(vacatures, restformatie): open formatie per function from the Bezetting of the besluiten; an
    opening smaller than the smallest contract in the organisation is restformatie, no vacature."""
    kleinste = min(minuten_per_medewerker(s).values(), default=0)  # §8.13: compared in minutes per week
    t = s.nieuwe_functies[["functienaam", "eenheid", "schaal", "formatie_fte"]].copy()
    t["vacant fte"] = t.index.map(bezetting["vacant_fte"]).astype(float)
    t["soort"] = ["nieuwe functie (werving)" if f in kandidaten.nieuwe_functies_ss5 else "bestaande functie" for f in t.index]
    t = t[t["vacant fte"] > 0].rename(columns={"functienaam": "functie", "formatie_fte": "formatie (fte)"})
    t["schaal"] = t["schaal"].astype(int)
    soorten = {"functie": "tekst", "eenheid": "tekst", "schaal": "aantal", "formatie (fte)": "fte", "vacant fte": "fte",
               "soort": "tekst"}
    rest = t["vacant fte"].map(lambda fte: fte_in_minuten(fte, s)) < kleinste
    return (Tabel(t[~rest].reset_index(drop=True), soorten),
            Tabel(t[rest].drop(columns="soort").reset_index(drop=True), {k: v for k, v in soorten.items() if k != "soort"}))


def _was_wordt(s) -> Tabel:
    drempel = round(s.parameters.drempel_wijziging, 6)
    oud, nieuw = s.oude_functies, s.nieuwe_functies
    rijen = []
    for r in s.mapping.sort_values(["oude_functie", "nieuwe_functie"]).itertuples(index=False):
        rijen.append({"oude functie": oud.at[r.oude_functie, "functienaam"], "nieuwe functie": nieuw.at[r.nieuwe_functie, "functienaam"],
                      "gewijzigd (%)": r.wijzigingspercentage,
                      "status": "ongewijzigd" if round(r.wijzigingspercentage, 6) <= drempel else "gewijzigd"})
    for f in sorted(set(oud.index) - set(s.mapping["oude_functie"])):
        rijen.append({"oude functie": oud.at[f, "functienaam"], "nieuwe functie": "", "gewijzigd (%)": None, "status": "vervallen"})
    for f in sorted(set(nieuw.index) - set(s.mapping["nieuwe_functie"])):
        rijen.append({"oude functie": "", "nieuwe functie": nieuw.at[f, "functienaam"], "gewijzigd (%)": None, "status": "nieuw"})
    return Tabel(pd.DataFrame(rijen, columns=["oude functie", "nieuwe functie", "gewijzigd (%)", "status"]),
                 {"oude functie": "tekst", "nieuwe functie": "tekst", "gewijzigd (%)": "procent", "status": "tekst"})


def _salarisgarantie(s, p) -> pd.Series:
    nieuw_schaal = p["nieuwe_functie"].map(s.nieuwe_functies["schaal"])
    return (nieuw_schaal.notna() & (nieuw_schaal < p["schaal"])).astype(int)


def _financieel(s, p, garantie: pd.Series, t: Tellingen) -> Tabel | None:
    if s.salaristabel.empty:
        return None
    salaris = s.salaristabel["maandsalaris"]
    nieuw_schaal = p["nieuwe_functie"].map(s.nieuwe_functies["schaal"])
    geplaatst = p["nieuwe_functie"].notna()
    oud = (p["fte"] * p["schaal"].map(salaris) * 12).sum()
    nieuw = (p["fte"] * nieuw_schaal.map(salaris) * 12)[geplaatst].sum()
    bedrag_garantie = (p["fte"] * (p["schaal"].map(salaris) - nieuw_schaal.map(salaris)).clip(lower=0) * 12)[geplaatst].sum()
    vwnw = p["uitkomst"] == "boventallig"  # the VWNW track: vast boventalligen only (a tijdelijk contract just ends)
    boventallig = (p["fte"] * p["schaal"].map(salaris) * 12)[vwnw].sum()
    # an amount about fewer than drempel people would tell what those few earn or lose
    drempel = t.stelsel.drempel
    klein = lambda n, bedrag: round(bedrag) if n == 0 or n >= drempel else AFGESCHERMD  # noqa: E731
    return Tabel(pd.DataFrame([
        {"post": "loonsom oud (per jaar, exclusief toeslagen)", "bedrag": round(oud)},
        {"post": "loonsom nieuw naar functieschaal (geplaatsten, per jaar)", "bedrag": round(nieuw)},
        {"post": "salarisgarantie (per jaar)", "bedrag": klein(int(garantie.sum()), bedrag_garantie)},
        {"post": "loonsom boventalligen (vast) tijdens van-werk-naar-werk (per jaar)",
         "bedrag": klein(int(vwnw.sum()), boventallig)},
    ]), {"post": "tekst", "bedrag": "bedrag"})


def _grensgevallen(s) -> pd.DataFrame | None:
    """SS-0: the function comparisons with a percentage within the drempel ± 2 points (28–32 % at the
    default 30) or flagged as inconsistent."""
    tabel = functievergelijking(s)
    if tabel is None:
        return None
    drempel = float(s.parameters.drempel_wijziging)
    dichtbij = lambda v: v is not None and not pd.isna(v) and abs(float(v) - drempel) <= 2  # noqa: E731
    grens = [dichtbij(b) or dichtbij(o) for b, o in zip(tabel["berekend"], tabel["opgegeven"])]
    tabel = tabel[pd.Series(grens, index=tabel.index) | (tabel["consistentie"] != "")]
    kolommen = ["oude_functie", "nieuwe_functie", "berekend", "opgegeven", "telt", "uitkomst_vergelijking",
                "consistentie"]
    return tabel[kolommen].reset_index(drop=True) if not tabel.empty else None


# the headers the OR reads (the columns keep the names of the Functievergelijking sheet)
GRENSGEVAL_KOPPEN = {"oude_functie": "oude functie", "nieuwe_functie": "nieuwe functie",
                     "berekend": "berekend uit taken (%)", "opgegeven": "opgegeven (%)", "telt": "telt (%)",
                     "uitkomst_vergelijking": "uitkomst", "consistentie": "consistentie"}


def _grensgevallen_tabel(s) -> Tabel | None:
    tabel = _grensgevallen(s)
    if tabel is None:
        return None
    tabel = tabel.rename(columns=GRENSGEVAL_KOPPEN)
    soorten = {k: "tekst" for k in tabel.columns}
    soorten.update({GRENSGEVAL_KOPPEN[k]: "procent" for k in ("berekend", "opgegeven", "telt")})
    return Tabel(tabel, soorten)
