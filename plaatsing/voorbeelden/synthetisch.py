"""Synthetic scenario workbooks of any size, for benchmarks and tests at scale (scenario-formaat.md, v1).

The structure follows a real municipal reorganisation: sectors with eenheden, families of
functions (functiefamilie) spanning eenheden, an old formatiehuis mapped to a new one with
1:1 successors, splits, merges and vervallen functions, brand-new functions (SS-5), and a
shrinkage of about 8 % that falls mostly on management, administrative, secretarial and
front-office families. About 40 % of the people state preferences; fte is part-time for
many; a few are tijdelijk; some Geschiktheid judgments and pins (that fit the formatie).

Deterministic: the same N and seed give the same workbook, byte for byte.

    from plaatsing.voorbeelden import genereer
    genereer(2000, "benchmarks/data/bench-2000.xlsx", seed=1)
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from plaatsing.voorbeelden.gegevens import (ACHTERNAMEN, FAMILIES, FUNCTIES_PER_FAMILIE, HR21, ONDERWERPEN,
                                            SALARISTABEL, VOORNAMEN, WERKWOORDEN)
from plaatsing.voorbeelden.werkboek import (FUNCTIE_KOLOMMEN, MEDEWERKER_KOLOMMEN, bewaar, blad, gewogen,
                                            nieuw_werkboek, plus_jaren, willekeurige_datum)

PEILDATUM = dt.date(2025, 1, 1)
VAST_TIJDSTIP = dt.datetime(2025, 1, 1, 9, 0, 0)
SECTORGROOTTE = 400           # people per sector (directie); with --sectorgrootte a family spans one sector
AANDEEL_GELIJKE_DATUM = 0.25  # realistic shape: in dienst on 1 January (a merger, a wave of hiring): ties
MENSEN_PER_EENHEID = 60
AANDEEL_TIJDELIJK = 0.05
AANDEEL_MET_VOORKEUR = 0.40
FTE_KEUZES = [(1.0, 52), (0.8889, 20), (0.7778, 10), (0.5556, 10), (0.5, 8)]
LEEFTIJDEN = [((19, 25), 6), ((25, 35), 19), ((35, 45), 25), ((45, 55), 27), ((55, 66), 23)]
WIJZIGING = [(0, 4), (5, 8), (10, 14), (15, 14), (20, 14), (25, 12), (30, 8),
             (31, 3), (35, 8), (40, 7), (45, 4), (50, 3), (60, 1)]


@dataclass
class Functie:
    code: str
    naam: str
    eenheid: str
    schaal: int
    familie: str            # full family name ('' = none)
    soort: str              # family kind (key of FAMILIES)
    sector: int
    formatie: float = 0.0
    aantal: int = 0         # holders (old functions only)
    opvolgers: list = field(default_factory=list)   # (new code, pct) (old functions only)


@dataclass
class Medewerker:
    personeelsnummer: str
    naam: str
    geboortedatum: dt.date
    datum_in_dienst: dt.date
    functie: str
    schaal: int
    fte: float
    geslacht: str
    dienstverband: str = "vast"
    einddatum: dt.date | None = None
    voorkeuren: list = field(default_factory=list)


class Generator:
    """Builds one scenario of `n` medewerkers; all randomness from one random.Random(seed)."""

    def __init__(self, n: int, seed: int, sectorgrootte: int | None = None):
        self.n = n
        self.rng = random.Random(seed)
        self.realistisch = sectorgrootte is None  # families across the whole organisation
        self.sectoren = max(1, round(n / (sectorgrootte or SECTORGROOTTE)))
        self.oud: dict[str, Functie] = {}
        self.nieuw: dict[str, Functie] = {}
        self.mensen: list[Medewerker] = []
        self.geschiktheid: list[tuple] = []
        self.vastgezet: list[tuple] = []
        self.eenheden: dict[int, int] = {}     # sector -> number of old afdelingen

    def familie(self, soort: str, sector: int) -> str:
        if not soort or self.sectoren == 1 or self.realistisch:
            return soort
        return f"{soort} S{sector}"

    def maak_families(self) -> None:
        """Realistic shape: each HR21 family in columns of FUNCTIES_PER_FAMILIE old functions drawn
        from every directie; old functions of one kind in one directie stay in one column."""
        per_familie: dict[str, list[list[Functie]]] = {}
        groepen: dict[tuple, list[Functie]] = {}
        for f in self.oud.values():
            groepen.setdefault((f.sector, f.soort), []).append(f)
        for (_sector, soort), functies in sorted(groepen.items()):
            if soort:
                per_familie.setdefault(HR21[soort], []).append(functies)
        for naam, groepen_ in sorted(per_familie.items()):
            self.rng.shuffle(groepen_)
            kolommen = max(1, round(sum(map(len, groepen_)) / FUNCTIES_PER_FAMILIE))
            for i, groep in enumerate(groepen_):
                for f in groep:
                    f.familie = naam if kolommen == 1 else f"{naam} {i % kolommen + 1}"

    # --- old formatiehuis ------------------------------------------------------------------
    def maak_oude_functies(self) -> None:
        """Functions with 1–60 holders until everyone has a function (~1 per 6–10 people)."""
        rng = self.rng
        per_sector = [self.n // self.sectoren + (d < self.n % self.sectoren) for d in range(self.sectoren)]
        volgnummer = 0
        for d, mensen in enumerate(per_sector, start=1):
            eenheden = self.eenheden[d] = max(1, round(mensen / MENSEN_PER_EENHEID))
            over = mensen
            while over > 0:
                soort, laag, hoog, _krimp, (min_h, max_h), _w = gewogen(rng, [(f, f[5]) for f in FAMILIES])
                # heavy tail: most functions small, a few large (uitvoering, klantcontact)
                aantal = min(max_h, max(min_h, round(rng.paretovariate(1.1) * 1.25 * min_h)))
                aantal = min(aantal, over)
                over -= aantal
                volgnummer += 1
                eenheid = rng.randrange(eenheden) + 1
                schaal = rng.randint(laag, hoog)
                woord = rng.choice(WERKWOORDEN[soort])
                code = f"OUD-S{d}-{volgnummer:05d}"
                naam = f"{woord} {rng.choice(ONDERWERPEN).lower()}"
                self.oud[code] = Functie(code, naam, f"Sector {d} – Afdeling {eenheid}", schaal,
                                         self.familie(soort, d), soort, d, aantal=aantal)

    # --- new formatiehuis and the was-wordt list --------------------------------------------
    def maak_nieuwe_functies(self) -> None:
        """1:1 successors, splits, merges and vervallen functions; formatie shrinks per family."""
        rng = self.rng
        krimp = {f[0]: f[3] for f in FAMILIES}
        # the new eenheden regroup the old ones: each old afdeling goes to one new team
        teams = {}
        volgnummer = 0

        def nieuwe(oud: Functie, schaal: int | None = None, naam: str | None = None) -> Functie:
            nonlocal volgnummer
            volgnummer += 1
            afdeling = oud.eenheid
            if afdeling not in teams:
                # fewer, larger teams: about 7 new teams for every 10 old afdelingen
                aantal_teams = max(1, round(0.7 * self.eenheden[oud.sector]))
                teams[afdeling] = f"Sector {oud.sector} – Team {rng.randint(1, aantal_teams)}"
            code = f"NW-S{oud.sector}-{volgnummer:05d}"
            f = Functie(code, naam or oud.naam, teams[afdeling], schaal or oud.schaal, oud.familie,
                        oud.soort, oud.sector)
            self.nieuw[code] = f
            return f

        # group old functions by family so merges stay within a family
        per_familie: dict[tuple, list[Functie]] = {}
        for f in self.oud.values():
            per_familie.setdefault((f.sector, f.soort), []).append(f)
        for (_sector, soort), functies in sorted(per_familie.items()):
            i = 0
            while i < len(functies):
                o = functies[i]
                lot = rng.random()
                if lot < 0.05 and len(self.oud) > 3:
                    i += 1  # vervallen: no mapping row
                    continue
                if lot < 0.14 and i + 1 < len(functies):
                    # merge 2–3 old functions (same family) into one new function
                    groep = functies[i:i + rng.choice((2, 2, 3))]
                    n = nieuwe(o, schaal=max(g.schaal for g in groep))
                    for g in groep:
                        g.opvolgers.append((n.code, gewogen(rng, WIJZIGING)))
                    i += len(groep)
                    continue
                if lot < 0.24 and o.aantal >= 2:
                    # split into 2–3 new functions, a level lower and/or higher
                    for delta in rng.sample((0, -1, 1), rng.choice((2, 3))):
                        n = nieuwe(o, schaal=max(1, min(18, o.schaal + delta)),
                                   naam=f"{o.naam} {('senior', 'medior', 'junior')[1 - delta]}")
                        o.opvolgers.append((n.code, gewogen(rng, WIJZIGING)))
                    i += 1
                    continue
                n = nieuwe(o)
                o.opvolgers.append((n.code, gewogen(rng, WIJZIGING)))
                i += 1
        # formatie: the predecessors' fte, divided over their successors, minus the shrinkage
        fte_oud = {code: 0.0 for code in self.oud}
        for m in self.mensen:
            fte_oud[m.functie] += m.fte
        formatie = {code: 0.0 for code in self.nieuw}
        for o in self.oud.values():
            if not o.opvolgers:
                continue
            delen = [rng.uniform(0.5, 1.5) for _ in o.opvolgers]
            for (code, _pct), deel in zip(o.opvolgers, delen):
                formatie[code] += fte_oud[o.code] * deel / sum(delen)
        for code, fte in formatie.items():
            f = self.nieuw[code]
            factor = 1 - krimp[f.soort] + rng.uniform(-0.06, 0.06)
            formatie[code] = fte * factor
        # brand-new functions (SS-5): about 2 % of the formatie, in the larger families
        totaal_oud = sum(m.fte for m in self.mensen)
        ss5_fte = 0.02 * totaal_oud
        kandidaten = [f for f in self.oud.values() if f.soort not in ("", "Leidinggevend")]
        while ss5_fte > 0 and kandidaten:
            o = rng.choice(kandidaten)
            hoger = min(18, o.schaal + rng.choice((0, 1, 1, 2)))
            soort = rng.choice(("Data-analist", "Wijkmanager", "Programmamanager", "Adviseur omgevingswet"))
            n = nieuwe(o, schaal=hoger, naam=f"{soort} {rng.choice(ONDERWERPEN).lower()}")
            formatie[n.code] = rng.choice((1.0, 2.0, 3.0))
            ss5_fte -= formatie[n.code]
        # scale so the total shrinkage is ~8 % (the per-family differences stay)
        doel = 0.92 * totaal_oud
        schaal = doel / sum(formatie.values())
        for _ in range(5):  # the minimum of 1.0 fte per function pushes the total up; correct for it
            afgerond = {code: max(1.0, round(fte * schaal, 1)) for code, fte in formatie.items()}
            vrij = sum(v for v in afgerond.values() if v > 1.0)
            schaal *= (doel - (sum(afgerond.values()) - vrij)) / vrij
        for code, fte in afgerond.items():
            self.nieuw[code].formatie = fte
        for code, f in self.oud.items():
            extra = gewogen(rng, [(0.0, 45), (0.5, 20), (1.0, 25), (-0.1111, 10)])
            f.formatie = round(max(0.0, fte_oud[code] + (0 if f.soort == "Leidinggevend" else extra)), 4)

    # --- people ---------------------------------------------------------------------------
    def maak_medewerkers(self) -> None:
        rng = self.rng
        mensen = []
        for f in self.oud.values():
            for _ in range(f.aantal):
                mensen.append(self.maak_medewerker(f))
        pool = [m for m in mensen if m.schaal <= 10 and self.oud[m.functie].soort != "Leidinggevend"]
        for m in rng.sample(pool, min(len(pool), round(AANDEEL_TIJDELIJK * len(mensen)))):
            m.dienstverband = "tijdelijk"
            m.datum_in_dienst = willekeurige_datum(rng, PEILDATUM - dt.timedelta(days=800),
                                                   PEILDATUM - dt.timedelta(days=60))
            m.einddatum = willekeurige_datum(rng, PEILDATUM + dt.timedelta(days=30),
                                             PEILDATUM + dt.timedelta(days=400))
        # numbered in order of service, as HR systems do; text with leading zeros
        mensen.sort(key=lambda m: (m.datum_in_dienst, m.geboortedatum, m.naam))
        breedte = max(6, len(str(len(mensen))) + 1)
        for i, m in enumerate(mensen, start=1):
            m.personeelsnummer = f"{i:0{breedte}d}"
        self.mensen = mensen

    def maak_medewerker(self, f: Functie) -> Medewerker:
        rng = self.rng
        leiding = f.soort == "Leidinggevend"
        min_leeftijd = 35 if leiding else 25 if f.schaal >= 11 else 22 if f.schaal >= 9 else 19
        laag, hoog = gewogen(rng, [(g, w) for g, w in LEEFTIJDEN if g[1] > min_leeftijd])
        leeftijd = rng.uniform(max(laag, min_leeftijd), hoog)
        geboren = PEILDATUM - dt.timedelta(days=round(leeftijd * 365.25))
        begin = max(dt.date(1980, 1, 1), plus_jaren(geboren, 18 if f.schaal < 9 else 21))
        geslacht = gewogen(rng, [("V", 52), ("M", 46), ("X", 2)])
        fte = gewogen(rng, FTE_KEUZES[:2] if leiding else FTE_KEUZES)
        schaal = max(1, min(18, f.schaal + gewogen(rng, [(0, 88), (-1, 9), (1, 3)])))
        naam = f"{rng.choice(VOORNAMEN[geslacht])} {rng.choice(ACHTERNAMEN)}"
        in_dienst = willekeurige_datum(rng, begin, PEILDATUM - dt.timedelta(days=90))
        if self.realistisch and rng.random() < AANDEEL_GELIJKE_DATUM and in_dienst.year < PEILDATUM.year:
            in_dienst = dt.date(in_dienst.year, 1, 1)
        return Medewerker("", naam, geboren, in_dienst, f.code, schaal, fte, geslacht)

    def maak_voorkeuren(self) -> None:
        """1–3 wishes for ~40 %: mostly successors, then related functions, now and then SS-5."""
        rng = self.rng
        per_familie: dict[str, list[Functie]] = {}
        for n in self.nieuw.values():
            if n.familie:
                per_familie.setdefault(n.familie, []).append(n)
        gemapt = {code for o in self.oud.values() for code, _ in o.opvolgers}
        ss5 = sorted(set(self.nieuw) - gemapt)
        ss5_per_sector: dict[int, list[str]] = {}
        for code in ss5:
            ss5_per_sector.setdefault(self.nieuw[code].sector, []).append(code)
        for m in self.mensen:
            if rng.random() >= AANDEEL_MET_VOORKEUR:
                continue
            o = self.oud[m.functie]
            gewichten = {code: 6 for code, _ in o.opvolgers}
            for n in per_familie.get(o.familie, ()):
                if abs(n.schaal - m.schaal) <= 1 and n.code not in gewichten:
                    gewichten[n.code] = 2
            if m.schaal >= 10:
                for code in ss5_per_sector.get(o.sector, ()):
                    gewichten.setdefault(code, 1)
            for _ in range(min(len(gewichten), gewogen(rng, [(1, 50), (2, 30), (3, 20)]))):
                code = gewogen(rng, sorted(gewichten.items()))
                m.voorkeuren.append(code)
                del gewichten[code]

    def maak_oordelen_en_pins(self) -> None:
        """~1 judgment per 100 people, ~1 pin per 200 (pins fit the formatie: SS-7)."""
        rng = self.rng
        gemapt = {code for o in self.oud.values() for code, _ in o.opvolgers}
        ss5 = sorted(set(self.nieuw) - gemapt)
        nieuw_lijst = sorted(self.nieuw)
        per_familie: dict[str, list[str]] = {}
        for n in self.nieuw.values():
            if n.familie:
                per_familie.setdefault(n.familie, []).append(n.code)
        # pins: managers selected beforehand, into management functions of their sector
        vrij = {code: n.formatie for code, n in self.nieuw.items()}
        leiding = [m for m in self.mensen if self.oud[m.functie].soort == "Leidinggevend" and m.dienstverband == "vast"]
        gepind = set()
        for m in rng.sample(leiding, min(len(leiding), max(1, self.n // 200))):
            o = self.oud[m.functie]
            doelen = [c for c in per_familie.get(o.familie, ()) if vrij[c] + 1e-9 >= m.fte]
            if not doelen:
                continue
            code = rng.choice(doelen)
            vrij[code] -= m.fte
            gepind.add(m.personeelsnummer)
            self.vastgezet.append((m.personeelsnummer, code, "Benoemd door de directie vóór de plaatsing"))
        # judgments: new functions (SS-5) opened up, related pairs denied, cross-family 'passend'
        gezien = set()
        kandidaten = [m for m in self.mensen if m.personeelsnummer not in gepind]
        for m in rng.sample(kandidaten, min(len(kandidaten), max(3, self.n // 100))):
            o = self.oud[m.functie]
            soort = rng.random()
            if soort < 0.45 and ss5:
                eigen = [c for c in ss5 if self.nieuw[c].sector == o.sector] or ss5
                code, oordeel, tekst = rng.choice(eigen), rng.choice(("geschikt", "passend")), "Assessment"
            elif soort < 0.7 and per_familie.get(o.familie):
                code, oordeel, tekst = rng.choice(per_familie[o.familie]), "niet", "Oordeel PAC: niet passend"
            else:
                code, oordeel, tekst = rng.choice(nieuw_lijst), "passend", "Oordeel PAC: passend na gesprek"
            if (m.personeelsnummer, code) in gezien:
                continue
            gezien.add((m.personeelsnummer, code))
            self.geschiktheid.append((m.personeelsnummer, code, oordeel, tekst))

    def bouw(self) -> "Generator":
        self.maak_oude_functies()
        if self.realistisch:
            self.maak_families()
        self.maak_medewerkers()
        self.maak_nieuwe_functies()
        self.maak_voorkeuren()
        self.maak_oordelen_en_pins()
        return self

    # --- workbook -------------------------------------------------------------------------
    def werkboek(self) -> Workbook:
        wb = nieuw_werkboek("benchmarks/genereer.py", f"Synthetisch benchmarkscenario, {self.n} medewerkers",
                            VAST_TIJDSTIP)
        blad(wb, "Medewerkers", MEDEWERKER_KOLOMMEN, (
            [m.personeelsnummer, m.naam, m.geboortedatum, m.datum_in_dienst, m.functie, m.schaal, m.fte,
             m.dienstverband, m.einddatum, *(m.voorkeuren + [None] * 5)[:5], m.geslacht]
            for m in sorted(self.mensen, key=lambda m: m.personeelsnummer)))
        blad(wb, "Oude functies", FUNCTIE_KOLOMMEN, (
            [f.code, f.naam, f.eenheid, f.schaal, f.formatie, f.familie or None] for f in self.oud.values()))
        blad(wb, "Nieuwe functies", FUNCTIE_KOLOMMEN, (
            [f.code, f.naam, f.eenheid, f.schaal, f.formatie, f.familie or None] for f in self.nieuw.values()))
        blad(wb, "Functiemapping", ["oude_functie", "nieuwe_functie", "wijzigingspercentage"], (
            [o.code, code, pct] for o in self.oud.values() for code, pct in o.opvolgers))
        blad(wb, "Geschiktheid", ["personeelsnummer", "nieuwe_functie", "oordeel", "toelichting"],
             self.geschiktheid)
        blad(wb, "Vastgezet", ["personeelsnummer", "nieuwe_functie", "toelichting"], self.vastgezet)
        blad(wb, "Parameters", ["parameter", "waarde"], [
            ("peildatum", PEILDATUM), ("drempel_wijziging", 30), ("selectiemethode", "anciënniteit"),
            ("max_schalen_lager", 1), ("max_schalen_hoger", 0), ("fte_marge", 0),
            ("beleid", "maximaal plaatsen"), ("tijdslimiet", 300)])
        blad(wb, "Salaristabel", ["schaal", "maandsalaris"], enumerate(SALARISTABEL, start=1))
        return wb

    def kerngetallen(self) -> dict:
        gemapt = {code for o in self.oud.values() for code, _ in o.opvolgers}
        fte = sum(m.fte for m in self.mensen)
        formatie = sum(n.formatie for n in self.nieuw.values())
        return {
            "medewerkers": len(self.mensen),
            "oude functies": len(self.oud),
            "nieuwe functies": len(self.nieuw),
            "mappingregels": sum(len(o.opvolgers) for o in self.oud.values()),
            "vervallen": sum(not o.opvolgers for o in self.oud.values()),
            "nieuwe functies (SS-5)": len(set(self.nieuw) - gemapt),
            "fte medewerkers": round(fte, 1),
            "formatie nieuw": round(formatie, 1),
            "krimp": f"{1 - formatie / fte:.1%}",
            "tijdelijk": sum(m.dienstverband == "tijdelijk" for m in self.mensen),
            "met voorkeuren": sum(bool(m.voorkeuren) for m in self.mensen),
            "geschiktheidsoordelen": len(self.geschiktheid),
            "vastgezet": len(self.vastgezet),
        }


def genereer(n: int, pad: Path, seed: int = 1, sectorgrootte: int | None = None) -> dict:
    """Write a scenario of `n` medewerkers to `pad`; returns its key figures.

    Default: the realistic shape (HR21-style families through every directie, ties in the dates
    of service). `sectorgrootte`: the earlier shape, where a functiefamilie spans one sector of
    that many people (small, independent subproblems).
    """
    if n < 10:
        raise ValueError("minstens 10 medewerkers")
    g = Generator(n, seed, sectorgrootte).bouw()
    bewaar(g.werkboek(), pad, VAST_TIJDSTIP)
    return g.kerngetallen()
