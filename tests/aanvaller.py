"""An attacker on the published OR-bijlage, written apart from plaatsing.uitvoer.afscherming.

It reads the tables as a reader gets them (sheet -> rows, header first), writes down every linear
relation a reader can see — each row against its Totaal column, each column against its Totaal
row, voor/na pairs (na + lost = voor, lost ≥ 0, and the lost add up to voor − na of the totals),
the same quantity in several tables (a unit's total, the grand totals, the outcome totals of the
summary) — and propagates integer intervals through them until nothing changes.

A cell is *disclosed* when the attacker pins an unknown count (a suppressed cell, or the number
who lost their place in a voor/na row) inside 1–4 more narrowly than '1 to 4'.
"""
from __future__ import annotations

import math

ONEINDIG = math.inf
KLEIN = "<5"


class Aanvaller:
    def __init__(self):
        self.bereik: dict[str, tuple] = {}
        self.getoond: dict[str, str] = {}
        self.relaties: list[tuple[list[str], str]] = []  # whole = sum of parts
        self.kleine_groepen: set[str] = set()

    # --- cells and relations -------------------------------------------------------------
    def cel(self, naam: str, waarde) -> str:
        if naam in self.bereik:
            self.relaties.append(([naam], self._alias(naam, waarde)))
            return naam
        self.getoond[naam] = waarde
        if isinstance(waarde, (int, float)) and not isinstance(waarde, bool):
            self.bereik[naam] = (int(waarde), int(waarde))
        elif str(waarde).strip().isdigit():
            self.bereik[naam] = (int(waarde), int(waarde))
        elif waarde == KLEIN:
            self.bereik[naam] = (1, 4)
        else:
            self.bereik[naam] = (0, ONEINDIG)  # refined after all relations are known
        return naam

    def _alias(self, naam, waarde):
        n = 1
        while f"{naam}#{n}" in self.bereik:
            n += 1
        return self.cel(f"{naam}#{n}", waarde)

    def onbekend(self, naam: str) -> str:
        self.bereik[naam] = (0, ONEINDIG)
        self.getoond[naam] = None
        return naam

    def som(self, delen, geheel):
        self.relaties.append((list(delen), geheel))

    def _kleine_groepen(self):
        """The parts of a '<5' whole, their parts, and so on (an equality counts both ways)."""
        veranderd = True
        while veranderd:
            veranderd = False
            for delen, geheel in self.relaties:
                if self.getoond.get(geheel) == KLEIN or geheel in self.kleine_groepen:
                    nieuw = set(delen) - self.kleine_groepen
                    if nieuw:
                        self.kleine_groepen |= nieuw
                        veranderd = True
                if len(delen) == 1 and delen[0] in self.kleine_groepen and geheel not in self.kleine_groepen:
                    self.kleine_groepen.add(geheel)
                    veranderd = True


    # --- the attack ----------------------------------------------------------------------
    def propageer(self):
        self._kleine_groepen()
        b = self.bereik
        for _ in range(1000):
            veranderd = False
            for delen, geheel in self.relaties:
                # geheel = sum(delen)
                lo = sum(b[d][0] for d in delen)
                hi = sum(b[d][1] for d in delen)
                g_lo, g_hi = max(b[geheel][0], lo), min(b[geheel][1], hi)
                if (g_lo, g_hi) != b[geheel]:
                    b[geheel] = (g_lo, g_hi)
                    veranderd = True
                for i, d in enumerate(delen):
                    rest_lo = sum(b[e][0] for j, e in enumerate(delen) if j != i)
                    rest_hi = sum(b[e][1] for j, e in enumerate(delen) if j != i)
                    nieuw = (max(b[d][0], b[geheel][0] - rest_hi), min(b[d][1], b[geheel][1] - rest_lo))
                    if nieuw != b[d]:
                        b[d] = nieuw
                        veranderd = True
            if not veranderd:
                break
        return b

    def openbaar(self) -> set[str]:
        """Unknowns that are the same quantity as a printed number (e.g. voor − na of the totals is the
        'niet geplaatst' of the summary, always printed in OR-bijlage v2): no secret to disclose."""
        getal = {n for n, w in self.getoond.items() if isinstance(w, (int, float)) and not isinstance(w, bool)}
        uit: set[str] = set()
        veranderd = True
        while veranderd:
            veranderd = False
            for delen, geheel in self.relaties:
                if len(delen) == 1:
                    for a, b in ((delen[0], geheel), (geheel, delen[0])):
                        if (b in getal or b in uit) and a not in getal and a not in uit:
                            uit.add(a)
                            veranderd = True
        return uit

    def onthuld(self) -> list[tuple[str, tuple]]:
        bereik = self.propageer()
        openbaar = self.openbaar()
        uit = []
        for naam, waarde in self.getoond.items():
            if waarde is not None and not isinstance(waarde, str):
                continue
            if naam in openbaar:
                continue
            if isinstance(waarde, str) and waarde.strip().isdigit():
                continue
            lo, hi = bereik[naam]
            if naam in self.kleine_groepen:  # the '<5' whole already bounds it: exact or ≥ 2 is too much
                if (lo > 1 and hi <= 4) or (lo == hi and 1 <= lo <= 4):
                    uit.append((naam, (lo, hi)))
            elif 1 <= lo and hi <= 4 and (lo > 1 or hi < 4):
                uit.append((naam, (lo, hi)))
        return uit


def _getal_of_tekst(v):
    return v if not isinstance(v, float) else int(v)


def val_aan(bladen: dict[str, list[list]]) -> list[tuple[str, tuple]]:
    """Attack a bijlage given as {sheet title: rows}; the disclosed cells with their intervals.
    A number is known exactly, '<5' is 1–4, any other mark ('•', the old 'x') is 0 or more."""
    a = Aanvaller()
    eenheid_totaal, alle, geplaatst, uitkomst_totaal, verloren_totaal = {}, [], [], {}, []
    for titel, rijen in bladen.items():
        kop = [str(k) for k in rijen[0]]
        data = [dict(zip(kop, map(_getal_of_tekst, r))) for r in rijen[1:]]
        if {"voor", "na"} <= set(kop):  # a voor/na distribution
            eerste = kop[0]
            delen_voor, delen_na, verloren = [], [], []
            for r in data:
                groep = r[eerste]
                v = a.cel(f"{titel}|{groep}|voor", r["voor"])
                n = a.cel(f"{titel}|{groep}|na", r["na"])
                if groep == "Totaal":
                    alle.append(v)
                    geplaatst.append(n)
                    d = a.onbekend(f"{titel}|Totaal|verloren")
                    verloren_totaal.append(d)
                    a.som([n, d], v)
                    a.som(delen_voor, v)
                    a.som(delen_na, n)
                    a.som(verloren, d)
                else:
                    d = a.onbekend(f"{titel}|{groep}|verloren")
                    a.som([n, d], v)
                    delen_voor.append(v)
                    delen_na.append(n)
                    verloren.append(d)
        elif "Totaal" in kop:  # a two-way table with row and column totals
            eerste = kop[0]
            kolommen = [k for k in kop[1:] if k != "Totaal"]
            per_kolom = {k: [] for k in [*kolommen, "Totaal"]}
            for r in data:
                rij = r[eerste]
                cellen = [a.cel(f"{titel}|{rij}|{k}", r[k]) for k in kolommen]
                totaal = a.cel(f"{titel}|{rij}|Totaal", r["Totaal"])
                if rij == "Totaal":
                    for k, c in zip(kolommen, cellen):
                        a.som(per_kolom[k], c)
                    a.som(per_kolom["Totaal"], totaal)
                    if "eenheid" in eerste:
                        alle.append(totaal)
                        uitkomst_totaal.update(dict(zip(kolommen, cellen)))
                else:
                    for k, c in zip(kolommen, cellen):
                        per_kolom[k].append(c)
                    per_kolom["Totaal"].append(totaal)
                    if "eenheid" in eerste:
                        eenheid_totaal.setdefault(rij, []).append(totaal)
                a.som(cellen, totaal)
        else:  # one count column per eenheid, or the summary
            for kolom in ("medewerkers", "geplaatst", "aantal"):
                if kolom not in kop or (kolom == "aantal" and kop[0] != "onderwerp"):
                    continue
                delen = []
                for r in data:
                    naam = a.cel(f"{titel}|{r[kop[0]]}|{kolom}", r[kolom])
                    if r[kop[0]] == "Totaal":
                        a.som(delen, naam)
                        (alle if kolom == "medewerkers" else geplaatst).append(naam)
                    elif kolom == "medewerkers":
                        eenheid_totaal.setdefault(r[kop[0]], []).append(naam)
                        delen.append(naam)
                    elif kolom == "aantal":
                        onderwerp = str(r[kop[0]])
                        if onderwerp.startswith("medewerkers in"):
                            alle.append(naam)
                        elif onderwerp.startswith("geplaatst in"):
                            geplaatst.append(naam)
                        elif onderwerp.startswith("waarvan ") or onderwerp == "niet geplaatst":
                            uitkomst_totaal.setdefault("§" + onderwerp.removeprefix("waarvan "), naam)
                    else:
                        delen.append(naam)
    # the same quantity in several tables
    for namen in [alle, geplaatst, *eenheid_totaal.values()]:
        for naam in namen[1:]:
            a.som([namen[0]], naam)
    uit = {k: v for k, v in uitkomst_totaal.items() if not k.startswith("§")}
    for k, v in uitkomst_totaal.items():
        if k.startswith("§") and k[1:] in uit:
            a.som([uit[k[1:]]], v)
    geplaatste = [uit[k] for k in ("functievolger", "passend", "passend lager", "geschikt", "vastgezet") if k in uit]
    niet = [uit[k] for k in ("boventallig", "niet geplaatst (tijdelijk)") if k in uit]
    if alle and geplaatst and len(geplaatste) == 5 and len(niet) == 2:
        d = a.onbekend("niet geplaatst")
        a.som(geplaatste, geplaatst[0])
        a.som(niet, d)
        a.som([geplaatst[0], d], alle[0])
        if "§niet geplaatst" in uitkomst_totaal:
            a.som([d], uitkomst_totaal["§niet geplaatst"])
    if "§niet geplaatst" in uitkomst_totaal:  # voor − na of the totals is the summary's 'niet geplaatst'
        for d in verloren_totaal:
            a.som([d], uitkomst_totaal["§niet geplaatst"])
    return a.onthuld()
