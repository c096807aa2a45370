"""P3 (regels.md §9): versions you can trust, and the dossier of one person across versions.

Every besluiten workbook carries in Verantwoording the sha256 of its own content (`sha256 inhoud`,
over every sheet as the cells read back, hidden ones included, that row left out; with PLAATSING_SLEUTEL an
HMAC, see plaatsing/zegel.py), its round, the sha256 of the scenario and of the voornemen it was made from. A cell
changed after writing breaks the seal; each version names the sha256 of the file before it, so a changed or
missing earlier file breaks the chain.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer.inhoud import RIJ as INHOUD_RIJ, hoort_bij
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.scenario import Scenario
from plaatsing.waarden import is_leeg
from plaatsing.zegel import VERANTWOORDING, ZEGEL, Controle, canon, canonieke_rij, inhoud_bytes, klopt

KORT = 12  # characters of a short sha256


@dataclass
class Versie:
    pad: Path
    sha256: str                                  # of the file's bytes
    datum: dt.date                               # the file's modification date
    verantwoording: dict[str, str]
    besluiten: dict[str, dict]                   # personeelsnummer -> row of Plaatsingsbesluiten
    zegel_klopt: bool | None                     # None: the file has no seal (made before P3)
    problemen: list[str] = field(default_factory=list)
    zegel_reden: str = ""                        # why the seal does not hold
    verborgen: tuple[str, ...] = ()              # hidden sheets, rows, columns ("blad: 2 rijen (4, 9)")

    @property
    def ronde(self) -> str:
        return self.verantwoording.get("ronde", "voorgenomen")

    @property
    def voornemen(self) -> str | None:
        waarde = self.verantwoording.get("sha256 voornemen")
        return waarde if waarde and len(waarde) == 64 else None


def lees_versie(pad) -> Versie:
    pad = Path(pad)
    bladen = open_werkboek(pad, besluiten=True)
    titels = {b.titel: b for b in bladen}
    if "Plaatsingsbesluiten" not in titels:
        raise InvoerFout([Melding(pad.name, None, None, "het blad Plaatsingsbesluiten ontbreekt; dit is geen "
                                  "besluitenbestand van plaatsing. Geef de bestanden van 'plaatsing solve' op.")])
    verantwoording, zegel, canoniek = {}, None, []
    for b in bladen:
        rijen = [canonieke_rij(b.kop)]
        for _, cellen in b.rijen:
            waarden = [c.waarde for c in cellen]
            if b.titel == VERANTWOORDING and waarden and waarden[0] == ZEGEL:
                zegel = str(waarden[1]) if len(waarden) > 1 else ""
                continue
            if b.titel == VERANTWOORDING and len(waarden) > 1 and isinstance(waarden[0], str):
                verantwoording.setdefault(waarden[0], canon(waarden[1]))
            rijen.append(canonieke_rij(waarden))
        canoniek.append((b.titel, rijen))
    plaatsing = titels["Plaatsingsbesluiten"]
    kop = [str(k) for k in plaatsing.kop]
    besluiten = {}
    for _, cellen in plaatsing.rijen:
        rij = dict(zip(kop, (c.waarde for c in cellen)))
        if not is_leeg(rij.get("personeelsnummer")):
            besluiten.setdefault(canon(rij["personeelsnummer"]), rij)
    sha = hashlib.sha256(pad.read_bytes()).hexdigest()
    datum = dt.date.fromtimestamp(pad.stat().st_mtime)
    houdt, reden = (None, "") if zegel is None else klopt(inhoud_bytes(canoniek), zegel)
    verborgen = tuple(f"{b.titel}: {v}" for b in bladen for v in b.verborgen)
    return Versie(pad, sha, datum, verantwoording, besluiten, houdt, zegel_reden=reden, verborgen=verborgen)


def controleer_zegel(pad) -> Controle:
    """Check the seal of a besluiten workbook and list what is hidden in it (plaatsing/zegel.py)."""
    versie = lees_versie(pad)
    return Controle(versie.zegel_klopt, versie.zegel_reden, versie.verborgen)


def controleer_keten(versies: list[Versie]) -> bool:
    """P3: every seal holds and each version names the sha256 of the one before; problems per version."""
    for i, v in enumerate(versies):
        if v.zegel_klopt is False:
            v.problemen.append(v.zegel_reden or "het bestand is na het schrijven gewijzigd (sha256 inhoud klopt niet)")
        elif v.zegel_klopt is None:
            v.problemen.append("het bestand heeft geen sha256 inhoud (niet door deze versie van plaatsing "
                               "geschreven); wijzigingen zijn niet vast te stellen")
        if i == 0:
            if v.voornemen:
                v.problemen.append(f"gemaakt van het voornemen {v.voornemen[:KORT]}, dat niet in de reeks staat "
                                   "(ontbrekende schakel)")
            continue
        vorige = versies[i - 1]
        if v.voornemen is None:
            v.problemen.append("noemt geen voornemen; de schakel met de vorige versie ontbreekt")
        elif v.voornemen != vorige.sha256:
            bekend = next((w.pad.name for w in versies if w.sha256 == v.voornemen), None)
            v.problemen.append(f"gemaakt van het voornemen {v.voornemen[:KORT]}, maar de vorige versie "
                               f"({vorige.pad.name}) heeft sha256 {vorige.sha256[:KORT]}: "
                               + (f"de volgorde klopt niet ({bekend})" if bekend
                                  else "de vorige versie is gewijzigd of er ontbreekt een versie"))
    return not any(v.problemen for v in versies)


def eerste_zin(tekst) -> str:
    if is_leeg(tekst):
        return ""
    tekst = str(tekst)
    einde = tekst.find(". ")
    return tekst if einde < 0 else tekst[: einde + 1]


def geschiedenis(s: Scenario, versies: list[Versie], p: str) -> dict:
    """One person's history across the versions: outcome, function, motivering summary, status, and
    the advices of the scenario with their decisions (numbers and codes only: no name)."""
    if p not in s.medewerkers.index:
        raise InvoerFout([Melding("Opdrachtregel", None, "--medewerker",
                                  f"personeelsnummer '{p}' staat niet in het scenario; controleer het nummer.")])
    regels = []
    for v in versies:
        rij = v.besluiten.get(p)
        regels.append({
            "bestand": v.pad.name, "datum": v.datum.isoformat(), "sha256": v.sha256[:KORT], "ronde": v.ronde,
            "uitkomst": None if rij is None else _tekst(rij.get("uitkomst")),
            "nieuwe_functie": None if rij is None else _tekst(rij.get("nieuwe_functie")),
            "status_besluit": None if rij is None else _tekst(rij.get("status_besluit")),
            "motivering": None if rij is None else eerste_zin(rij.get("motivering")),
            "problemen": list(v.problemen),
        })
    adviezen = []
    if s.adviezen is not None:
        for r in s.adviezen[s.adviezen["personeelsnummer"] == p].itertuples(index=False):
            adviezen.append({"datum": pd.Timestamp(r.datum).date().isoformat(), "bron": r.bron, "advies": r.advies,
                             "besluit": r.besluit, "toelichting": _tekst(r.toelichting)})
    return {"personeelsnummer": p, "versies": regels, "adviezen": adviezen}


def keten_overzicht(versies: list[Versie], s: Scenario) -> dict:
    return {"keten_intact": not any(v.problemen for v in versies), "versies": [{
        "bestand": v.pad.name, "datum": v.datum.isoformat(), "sha256": v.sha256[:KORT], "ronde": v.ronde,
        "voornemen": (v.voornemen or "")[:KORT] or None,
        "zegel": {True: "klopt", False: "gebroken", None: "ontbreekt"}[v.zegel_klopt],
        "dit_scenario": hoort_bij(s, v.verantwoording.get("sha256 invoer"), v.verantwoording.get(INHOUD_RIJ)),
        "gewijzigd": _tekst(v.verantwoording.get("besluiten gewijzigd ten opzichte van het voornemen (P2)")),
        "problemen": list(v.problemen)} for v in versies]}


def _tekst(waarde):
    return None if is_leeg(waarde) else canon(waarde)


def als_tekst_keten(overzicht: dict) -> str:
    regels = []
    for i, v in enumerate(overzicht["versies"], start=1):
        extra = f", {v['gewijzigd']} gewijzigd" if v["gewijzigd"] else ""
        scen = "" if v["dit_scenario"] else " (met een andere versie van het scenario gemaakt)"
        regels.append(f"{i}. {v['bestand']}  {v['datum']}  sha256 {v['sha256']}  ronde {v['ronde']}{extra}; "
                      f"zegel {v['zegel']}{scen}")
        regels += [f"   probleem: {p}" for p in v["problemen"]]
    regels.append("De reeks is intact." if overzicht["keten_intact"] else "De reeks is NIET intact.")
    return "\n".join(regels)


def als_tekst_geschiedenis(g: dict) -> str:
    regels = [f"Dossier van {g['personeelsnummer']}:"]
    for i, v in enumerate(g["versies"], start=1):
        functie = v["nieuwe_functie"] or "-"
        regels.append(f"{i}. {v['bestand']}  {v['datum']}  sha256 {v['sha256']}  ronde {v['ronde']}: "
                      f"{v['uitkomst'] or '(niet in deze versie)'}, functie {functie}"
                      + (f", status {v['status_besluit']}" if v["status_besluit"] else ""))
        if v["motivering"]:
            regels.append(f"   {v['motivering']}")
        regels += [f"   probleem: {p}" for p in v["problemen"]]
    if g["adviezen"]:
        regels.append("Adviezen en zienswijzen:")
        for a in g["adviezen"]:
            toel = f": {a['toelichting']}" if a["toelichting"] else ""
            regels.append(f"   {a['datum']} {a['bron']}: {a['advies']} — {a['besluit']}{toel}")
    else:
        regels.append("Geen adviezen of zienswijzen in het scenario.")
    return "\n".join(regels)
