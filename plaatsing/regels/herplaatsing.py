"""Herplaatsingsonderzoek (regels.md §10, rules v2): the open places that could still be a vast
boventallige's after a judgment.

After the plan, for every vast medewerker who is not placed: each nieuwe functie n with vacant room
≥ hours(m), whose schaal lies at most `max_schalen_lager` below or at most one above the schaal of m's
old function, and for which m is not eligible because n is a nieuwe functie (SS-5), is not verwant,
or was judged `niet` (SS-6) — and, so that no open place a judgment could open is left out, a verwant function outside
the default scale band (one above while SS-4 is off). Sorted by personeelsnummer, then level difference, same functiefamilie
first, then code. A `geschikt` judgment copied into Geschiktheid makes the pair T4 for the second round.
"""
from __future__ import annotations

import pandas as pd

from plaatsing.regels.kandidaten import Kandidaten
from plaatsing.regels.maat import (MINUTEN_PER_UUR, functie_delta, minuten_per_medewerker, oude_functie_schaal,
                                   ruimte_per_functie)
from plaatsing.scenario import Scenario

KOLOMMEN = ["personeelsnummer", "functiecode", "functienaam", "eenheid", "schaal", "schaalverschil", "vrije_uren",
            "uren_medewerker", "reden", "oordeel"]
SS5, NIET_VERWANT, OORDEEL_NIET = "nieuwe functie (SS-5)", "niet verwant", "oordeel niet (SS-6)"
BUITEN_SCHAAL = "verwant, schaal buiten SS-3/SS-4"  # a judgment (SS-6) can still open it
MAX_HOGER = 1  # §10: up to one scale above the old function
BLAD = "Herplaatsing"
# Excel and LibreOffice open at most 1,048,576 rows in a sheet, the header included: 65,000 people can have more
# open places (1,087,092 for 6,139 boventalligen in the benchmark), and the rest go to 'Herplaatsing (2)', …
MAX_RIJEN_BLAD = 1_048_575


def herplaatsing(s: Scenario, k: Kandidaten, toewijzing: dict[str, str | None]) -> pd.DataFrame:
    """The sheet Herplaatsing: one row per (vast boventallige, open place) of §10."""
    mw = s.medewerkers
    boventallig = [p for p in mw.index if toewijzing.get(p) is None and mw.at[p, "dienstverband"] != "tijdelijk"]
    if not boventallig:
        return pd.DataFrame(columns=KOLOMMEN)
    minuten = minuten_per_medewerker(s)
    vrij = ruimte_per_functie(s)
    for p, f in toewijzing.items():
        if f is not None:
            vrij[f] -= minuten[p]
    eligible = k.paren
    niet = set() if s.geschiktheid.empty else {
        (r.personeelsnummer, r.nieuwe_functie) for r in s.geschiktheid.itertuples(index=False) if r.oordeel == "niet"}
    per_schaal: dict[int, list[tuple[str, dict]]] = {}  # the open places (room left), by their schaal
    for n, r in s.nieuwe_functies.to_dict("index").items():
        if vrij[n] > 0:
            per_schaal.setdefault(int(r["schaal"]), []).append((n, r))
    gekoppeld = set(zip(s.mapping["oude_functie"].tolist(), s.mapping["nieuwe_functie"].tolist()))
    oude_schaal = oude_functie_schaal(s, boventallig).to_dict()
    familie_oud = s.oude_functies["functiefamilie"].to_dict()
    functie_van = mw["functie"].to_dict()
    lager = s.parameters.max_schalen_lager
    rijen = []
    for p in boventallig:
        o, oud, eigen = functie_van[p], int(oude_schaal[p]), minuten[p]
        familie = familie_oud.get(o)
        for schaal in range(oud - lager, oud + MAX_HOGER + 1):  # §10: the scale band around the old function
            delta = int(functie_delta(schaal, oud))
            for n, r in per_schaal.get(schaal, ()):
                if vrij[n] < eigen or (p, n) in eligible:
                    continue
                reden = _reden(k, p, n, (o, n) in gekoppeld, familie, r["functiefamilie"], niet)
                zelfde = isinstance(familie, str) and familie == r["functiefamilie"]
                rijen.append(((p, abs(delta), not zelfde, n), {
                    "personeelsnummer": p, "functiecode": n, "functienaam": r["functienaam"], "eenheid": r["eenheid"],
                    "schaal": schaal, "schaalverschil": delta, "vrije_uren": round(vrij[n] / MINUTEN_PER_UUR, 2),
                    "uren_medewerker": round(eigen / MINUTEN_PER_UUR, 2), "reden": reden, "oordeel": None}))
    rijen.sort(key=lambda rij: rij[0])
    return pd.DataFrame([r for _, r in rijen], columns=KOLOMMEN)


def _reden(k: Kandidaten, p, n, gekoppeld: bool, familie, familie_n, niet) -> str:
    """Why m is not eligible for n. Besides §10's three reasons a verwant function outside the default
    scale band (one scale up while SS-4 is off) is listed too: a `geschikt` judgment opens it as well."""
    if (p, n) in niet:
        return OORDEEL_NIET
    if n in k.nieuwe_functies_ss5:
        return SS5
    verwant = gekoppeld or (isinstance(familie, str) and familie == familie_n)
    return BUITEN_SCHAAL if verwant else NIET_VERWANT


def per_persoon(tabel: pd.DataFrame) -> dict[str, list[str]]:
    """personeelsnummer -> the function codes on that person's list."""
    return {p: list(g["functiecode"]) for p, g in tabel.groupby("personeelsnummer", sort=False)}


def bladen(tabel: pd.DataFrame, max_rijen: int | None = None) -> list[tuple[str, pd.DataFrame]]:
    """The sheet Herplaatsing in parts that Excel and LibreOffice open whole: at most MAX_RIJEN_BLAD rows each, and a
    boventallige's list never split over two: 'Herplaatsing', then 'Herplaatsing (2)', … (the table is sorted by
    personeelsnummer, so each list is one run of rows)."""
    max_rijen = max_rijen or MAX_RIJEN_BLAD
    delen, begin, eind = [], 0, 0
    for aantal in tabel.groupby("personeelsnummer", sort=False).size().tolist():
        if eind + aantal - begin > max_rijen and eind > begin:
            delen.append((begin, eind))
            begin = eind
        eind += aantal
    delen.append((begin, eind))
    return [(BLAD if i == 0 else f"{BLAD} ({i + 1})", tabel.iloc[b:e].reset_index(drop=True))
            for i, (b, e) in enumerate(delen)]


def blad_per_persoon(tabel: pd.DataFrame) -> dict[str, str]:
    """personeelsnummer -> the name of the sheet that holds that person's list, for the lists after the first sheet
    (bladen); everyone else's is on BLAD."""
    if len(tabel) <= MAX_RIJEN_BLAD:
        return {}
    return {p: naam for naam, deel in bladen(tabel)[1:] for p in deel["personeelsnummer"].unique().tolist()}
