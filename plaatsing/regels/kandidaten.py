"""Who may go where: the tiers T1–T4 (regels.md §1) and the selection order (§3).

One row per eligible (medewerker, nieuwe functie) pair, plus pins. Every rule is one
function under its ID; `bepaal_kandidaten` reads like §1 and §3.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from plaatsing.fouten import Melding
from plaatsing.parameters import AFSPIEGELING
from plaatsing.regels.maat import (einde_voor_ingang, functie_delta, garantie_schalen, minuten_per_medewerker,
                                   oude_functie_schaal, ruimte_per_functie, uren_tekst)
from plaatsing.regels.maat import TIER_NAAM  # noqa: F401 - re-exported for the explanation and variants
from plaatsing.scenario import VOORKEUR_KOLOMMEN, Scenario

ONGENOEMD = len(VOORKEUR_KOLOMMEN) + 1  # voorkeur position of an unlisted function
LEEFTIJDSGROEPEN = ((15, 25), (25, 35), (35, 45), (45, 55), (55, None))


@dataclass(frozen=True)
class Kandidaten:
    opties: pd.DataFrame           # personeelsnummer, functie, tier, regel, delta, vpos, minuten, kosten, vastgezet
    selectievolgorde: dict         # functie -> tuple of T1 candidates (pinned included), best first
    sel_a: pd.Series               # personeelsnummer -> SEL-A rank (0 = goes first; H5 included)
    nieuwe_functies_ss5: frozenset  # functions no old function maps to (SS-5)
    waarschuwingen: tuple[Melding, ...]
    einde_contract: dict = field(default_factory=dict)  # H5: personeelsnummer -> einddatum before the ingangsdatum

    def __getstate__(self):
        """Pickled without the components cached by `deelproblemen.voorbereiden` and the pairs (rebuilt where needed)."""
        staat = dict(self.__dict__)
        staat.pop("_voorbereid", None)
        staat.pop("paren", None)
        return staat

    def __setstate__(self, staat):
        self.__dict__.update(staat)

    @cached_property
    def paren(self) -> frozenset[tuple[str, str]]:
        """Every (personeelsnummer, functie) with an option: who is eligible where (the pins' own included)."""
        return frozenset(zip(self.opties["personeelsnummer"].tolist(), self.opties["functie"].tolist()))

    @cached_property
    def t1_functies(self) -> dict[str, set[str]]:
        """personeelsnummer -> the functions where that person is functievolger (T1)."""
        t1 = self.opties[self.opties["tier"] == 1]
        functies: dict[str, set[str]] = {}
        for persoon, functie in zip(t1["personeelsnummer"].tolist(), t1["functie"].tolist()):
            functies.setdefault(persoon, set()).add(functie)
        return functies


def bepaal_kandidaten(s: Scenario) -> Kandidaten:
    p = s.parameters
    mapping = mapping_per_paar(s)
    paren = verwante_paren(s, mapping)
    paren = define_ss1_functievolger(paren, p.drempel_wijziging)
    ss5 = frozenset(s.nieuwe_functies.index) - frozenset(mapping["nieuwe_functie"])
    paren = define_ss5_nieuwe_functies(paren, ss5)
    paren = define_ss2_ss4_standaard(paren, p.max_schalen_lager, p.max_schalen_hoger)
    paren, waarschuwingen = define_ss6_oordelen(s, paren)
    paren, einde = define_h5_einde_contract(s, paren)
    paren = define_ss7_pins(s, paren)
    opties = _met_voorkeur_en_kosten(s, paren)
    sel_a = define_sel_a(s)
    volgorde = _selectievolgordes(s, opties, sel_a)
    if s.niet_plaatsen:  # regels.md P1: an adopted advice 'boventallig' binds that person as not placed
        opties = opties[~opties["personeelsnummer"].isin(s.niet_plaatsen)].reset_index(drop=True)
    waarschuwingen += pins_tegen_functievolgers(s, opties, volgorde)
    return Kandidaten(opties, volgorde, sel_a, ss5, tuple(waarschuwingen), einde)


def mapping_per_paar(s: Scenario) -> pd.DataFrame:
    """One row per (oud, nieuw): two rows for one pair -> the lowest percentage (§8.4)."""
    m = s.mapping[["oude_functie", "nieuwe_functie", "wijzigingspercentage"]]
    return m.groupby(["oude_functie", "nieuwe_functie"], as_index=False)["wijzigingspercentage"].min()


def verwante_paren(s: Scenario, mapping: pd.DataFrame) -> pd.DataFrame:
    """Every (m, n) related through the was-wordt list or the functiefamilie (§1 'verwant')."""
    mw = s.medewerkers[["personeelsnummer", "functie"]].assign(oude_schaal=oude_functie_schaal(s, s.medewerkers.index))
    via_mapping = mw.merge(mapping, left_on="functie", right_on="oude_functie")
    via_mapping = via_mapping.rename(columns={"nieuwe_functie": "nfunctie"})
    # §8.3: an empty functiefamilie never matches another
    familie_oud = s.oude_functies["functiefamilie"].dropna().astype(str)
    mw_fam = mw.assign(functiefamilie=mw["functie"].map(familie_oud)).dropna(subset=["functiefamilie"])
    mw_fam = mw_fam.astype({"functiefamilie": str})
    nieuw_fam = s.nieuwe_functies[["functiecode", "functiefamilie"]].dropna().astype(str)
    via_familie = mw_fam.merge(nieuw_fam, on="functiefamilie").rename(columns={"functiecode": "nfunctie"})
    paren = pd.concat([
        via_mapping[["personeelsnummer", "nfunctie", "oude_schaal", "wijzigingspercentage"]],
        via_familie[["personeelsnummer", "nfunctie", "oude_schaal"]],
    ], ignore_index=True)
    paren = paren.sort_values(["personeelsnummer", "nfunctie", "wijzigingspercentage"], na_position="last")
    paren = paren.drop_duplicates(["personeelsnummer", "nfunctie"]).rename(columns={"nfunctie": "functie"})
    paren["schaal"] = paren["functie"].map(s.nieuwe_functies["schaal"]).astype(int)
    paren["delta"] = functie_delta(paren["schaal"], paren["oude_schaal"].astype(int))  # §1 rules v2
    return paren.reset_index(drop=True)


def define_ss1_functievolger(paren: pd.DataFrame, drempel: float) -> pd.DataFrame:
    """SS-1: (o -> n) changed at most `drempel` percent (exactly 30 is still unchanged)."""
    pct = paren["wijzigingspercentage"].round(6)
    t1 = pct.notna() & (pct <= round(drempel, 6))
    return paren.assign(tier=np.where(t1, 1, 0), regel=np.where(t1, "SS-1", ""))


def define_ss5_nieuwe_functies(paren: pd.DataFrame, ss5: frozenset) -> pd.DataFrame:
    """SS-5: nobody is eligible by default for a function no old function maps to."""
    return paren[~paren["functie"].isin(ss5)]


def define_ss2_ss4_standaard(paren: pd.DataFrame, lager: int, hoger: int) -> pd.DataFrame:
    """SS-2 passend (Δ=0), SS-3 passend lager (−lager ≤ Δ < 0), SS-4 geschikt (0 < Δ ≤ hoger)."""
    d = paren["delta"]
    open_ = paren["tier"] == 0
    tier = paren["tier"].copy()
    regel = paren["regel"].copy()
    for waarde, naam, voorwaarde in (
        (2, "SS-2", d == 0), (3, "SS-3", (d < 0) & (d >= -lager)), (4, "SS-4", (d > 0) & (d <= hoger))):
        kies = open_ & voorwaarde
        tier[kies] = waarde
        regel[kies] = naam
    return paren.assign(tier=tier, regel=regel)


def define_ss6_oordelen(s: Scenario, paren: pd.DataFrame) -> tuple[pd.DataFrame, list[Melding]]:
    """SS-6: explicit judgments override T2–T4 in both directions, never T1 (§8.3)."""
    waarschuwingen = []
    oordelen = s.geschiktheid
    if oordelen.empty:
        return paren[paren["tier"] > 0], waarschuwingen
    paren = paren.set_index(["personeelsnummer", "functie"])
    nieuwe_rijen = []
    # once for all judgments, not per row (the reader refuses a judgment of someone not in Medewerkers)
    oude_schalen = oude_functie_schaal(s, oordelen["personeelsnummer"].unique()).to_dict()
    for o in oordelen.itertuples(index=False):
        sleutel = (o.personeelsnummer, o.nieuwe_functie)
        bestaand = paren.loc[sleutel] if sleutel in paren.index else None
        if bestaand is not None and bestaand["tier"] == 1:
            if o.oordeel == "niet":
                waarschuwingen.append(Melding("Geschiktheid", int(o.rij), "oordeel",
                    f"oordeel 'niet' voor {o.nieuwe_functie} telt niet: de medewerker is daar functievolger "
                    "(SS-1); een oordeel neemt het functievolgerrecht niet weg (SS-6)."))
            continue
        oude_schaal = int(oude_schalen[o.personeelsnummer])
        schaal = int(s.nieuwe_functies.at[o.nieuwe_functie, "schaal"])
        delta = functie_delta(schaal, oude_schaal)
        tier = {"passend": 2 if delta >= 0 else 3, "geschikt": 4, "niet": 0}[o.oordeel]
        if bestaand is not None:
            paren.loc[sleutel, ["tier", "regel"]] = [tier, "SS-6"]
        else:
            nieuwe_rijen.append({"personeelsnummer": o.personeelsnummer, "functie": o.nieuwe_functie,
                                 "oude_schaal": oude_schaal, "wijzigingspercentage": np.nan, "schaal": schaal,
                                 "delta": delta, "tier": tier, "regel": "SS-6"})
    paren = paren.reset_index()
    if nieuwe_rijen:
        paren = pd.concat([paren, pd.DataFrame(nieuwe_rijen)], ignore_index=True)
    return paren[paren["tier"] > 0].reset_index(drop=True), waarschuwingen


def define_h5_einde_contract(s: Scenario, paren: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """H5: a tijdelijk contract that ends before the ingangsdatum is not placed at all (a pin of such a contract is an
    input error, invoer/validatie.py)."""
    ingang = s.parameters.ingang
    mw = s.medewerkers
    if ingang is None or "einddatum" not in mw.columns:
        return paren, {}
    tijdelijk = mw[(mw["dienstverband"] == "tijdelijk") & mw["einddatum"].notna()]
    einde = {p: d for p, d in tijdelijk["einddatum"].items() if einde_voor_ingang("tijdelijk", d, ingang)}
    return paren[~paren["personeelsnummer"].isin(einde)].reset_index(drop=True), einde



def define_ss7_pins(s: Scenario, paren: pd.DataFrame) -> pd.DataFrame:
    """SS-7: a pinned person has exactly one option, the pin (tier kept for the T1 groups)."""
    paren = paren.assign(vastgezet=False)
    if s.vastgezet.empty:
        return paren
    pins = s.vastgezet[["personeelsnummer", "nieuwe_functie"]].rename(columns={"nieuwe_functie": "functie"})
    samen = paren.merge(pins, on=["personeelsnummer", "functie"], how="outer", indicator=True)
    samen["vastgezet"] = samen["_merge"] != "left_only"
    alleen_pin = samen["_merge"] == "right_only"
    if alleen_pin.any():  # a pin where the person is not eligible: tier 0, only SS-7
        samen.loc[alleen_pin, "tier"] = 0
        samen.loc[alleen_pin, "regel"] = "SS-7"
        samen.loc[alleen_pin, "oude_schaal"] = oude_functie_schaal(
            s, samen.loc[alleen_pin, "personeelsnummer"]).to_numpy()
        samen.loc[alleen_pin, "schaal"] = samen.loc[alleen_pin, "functie"].map(s.nieuwe_functies["schaal"])
    samen["delta"] = functie_delta(samen["schaal"].astype(int), samen["oude_schaal"].astype(int))
    samen["tier"] = samen["tier"].astype(int)
    return samen.drop(columns="_merge")


def _met_voorkeur_en_kosten(s: Scenario, paren: pd.DataFrame) -> pd.DataFrame:
    voorkeur = s.medewerkers[["personeelsnummer", *VOORKEUR_KOLOMMEN]].melt(
        id_vars="personeelsnummer", var_name="kolom", value_name="functie").dropna(subset=["functie"])
    voorkeur["vpos"] = voorkeur["kolom"].str[-1].astype(int)
    paren = paren.merge(voorkeur[["personeelsnummer", "functie", "vpos"]], on=["personeelsnummer", "functie"], how="left")
    paren["vpos"] = paren["vpos"].fillna(ONGENOEMD).astype(int)
    paren["minuten"] = paren["personeelsnummer"].map(minuten_per_medewerker(s)).astype(np.int64)
    # §8.6: salarisgarantie = a placement in a function below the person's own (personal) scale;
    # cost = hours × scales below the personal scale (O5)
    eigen = paren["personeelsnummer"].map(s.medewerkers["schaal"]).astype(int)
    paren["kosten"] = (paren["minuten"] * garantie_schalen(eigen, paren["schaal"].astype(int))).astype(np.int64)
    kolommen = ["personeelsnummer", "functie", "tier", "regel", "delta", "vpos", "minuten", "kosten", "vastgezet"]
    return paren[kolommen].sort_values(["personeelsnummer", "functie"]).reset_index(drop=True)


def define_sel_a(s: Scenario) -> pd.Series:
    """SEL-A anciënniteit with H5: vast before tijdelijk, earlier in dienst, older, lower number."""
    mw = s.medewerkers
    volgorde = mw.assign(_tijdelijk=(mw["dienstverband"] == "tijdelijk").astype(int)).sort_values(
        ["_tijdelijk", "datum_in_dienst", "geboortedatum", "personeelsnummer"], kind="mergesort")
    return pd.Series(np.arange(len(volgorde)), index=volgorde["personeelsnummer"].to_numpy(), name="sel_a")


def _selectievolgordes(s: Scenario, opties: pd.DataFrame, sel_a: pd.Series) -> dict:
    t1 = opties[opties["tier"] == 1]
    volgorde = {}
    for functie, groep in t1.groupby("functie", sort=True):
        leden = list(groep["personeelsnummer"])
        if s.parameters.selectiemethode == AFSPIEGELING:
            volgorde[functie] = tuple(define_sel_b(s, leden))
        else:
            volgorde[functie] = tuple(sorted(leden, key=sel_a.__getitem__))
    return volgorde


def pins_tegen_functievolgers(s: Scenario, opties: pd.DataFrame, volgorde: dict) -> list[Melding]:
    """§8.11: a pin that takes a place a functievolger would otherwise keep is honoured, with a warning.

    Per function with pins, the functievolgers are taken first fit in selection order, once with
    the room the pins leave and once with the whole formatie; who only fits in the second case
    loses the place to the pin (as far as the functievolgers do not go elsewhere)."""
    if s.vastgezet.empty:
        return []
    minuten = minuten_per_medewerker(s)
    ruimte = ruimte_per_functie(s)
    gepind = set(s.vastgezet.index)
    meldingen = []
    for f, pins in s.vastgezet.groupby("nieuwe_functie", sort=True):
        volgers = [p for p in volgorde.get(f, ()) if p not in gepind]
        if not volgers:
            continue
        pin_minuten = sum(minuten[p] for p in pins["personeelsnummer"])
        verloren = len(eerst_passend(volgers, minuten, ruimte[f])) - \
            len(eerst_passend(volgers, minuten, ruimte[f] - pin_minuten))
        if verloren > 0:
            rij = pins["rij"].dropna()
            meldingen.append(Melding(
                "Vastgezet", int(rij.iloc[0]) if not rij.empty else None, "nieuwe_functie",
                f"de vastzetting in {f} neemt {uren_tekst(pin_minuten)} per week van de formatie; daardoor "
                f"{'houdt' if verloren == 1 else 'houden'} {verloren} functievolger{'' if verloren == 1 else 's'} daar "
                "mogelijk geen plaats. De vastzetting gaat voor (SS-7); de motivering noemt dit vooraf genomen "
                "besluit en de toelichting (regels.md §8.11)."))
    return meldingen


def eerst_passend(volgers: list[str], minuten: dict, ruimte: int) -> list[str]:
    """First fit in rank order (H4b): who gets a place when each takes one while it fits."""
    geplaatst = []
    for p in volgers:
        if minuten[p] <= ruimte:
            geplaatst.append(p)
            ruimte -= minuten[p]
    return geplaatst


def leeftijd(geboortedatum, peildatum) -> int:
    """Full years at the peildatum; a birthday on the peildatum counts."""
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def leeftijdsgroep(jaren: int) -> int:
    for index, (van, tot) in enumerate(LEEFTIJDSGROEPEN):
        if tot is None or jaren < tot:
            return index
    return len(LEEFTIJDSGROEPEN) - 1


def define_sel_b(s: Scenario, leden: list[str]) -> list[str]:
    """SEL-B afspiegeling for one uitwisselbare groep: reverse of the removal order (§3, §8.1)."""
    mw = s.medewerkers
    vast = [m for m in leden if mw.at[m, "dienstverband"] != "tijdelijk"]
    tijdelijk = [m for m in leden if mw.at[m, "dienstverband"] == "tijdelijk"]
    # H5 first: the tijdelijk subset is removed before any vast member
    return list(reversed(afspiegeling_verwijdervolgorde(s, vast))) + \
        list(reversed(afspiegeling_verwijdervolgorde(s, tijdelijk)))


def afspiegeling_verwijdervolgorde(s: Scenario, leden: list[str]) -> list[str]:
    """The removal order of §3: step j takes group g with the largest j·s_g/|G| − r_g."""
    mw = s.medewerkers
    peildatum = s.parameters.peildatum
    groepen: dict[int, list[str]] = {}
    for m in leden:
        groepen.setdefault(leeftijdsgroep(leeftijd(mw.at[m, "geboortedatum"], peildatum)), []).append(m)
    for g, mensen in groepen.items():
        # the first to go has the shortest service: latest in dienst, then younger, then higher number
        mensen.sort(key=lambda m: (mw.at[m, "datum_in_dienst"], mw.at[m, "geboortedatum"], m), reverse=True)
    totaal = len(leden)
    verwijderd = {g: 0 for g in groepen}
    volgorde = []
    for j in range(1, totaal + 1):
        # compare j·s_g/|G| − r_g exactly as j·s_g − r_g·|G|; tie -> larger group, then younger group
        g = max((g for g in groepen if verwijderd[g] < len(groepen[g])),
                key=lambda g: (j * len(groepen[g]) - verwijderd[g] * totaal, len(groepen[g]), -g))
        volgorde.append(groepen[g][verwijderd[g]])
        verwijderd[g] += 1
    return volgorde
