"""Reading and validating a scenario (format v1): every problem at once, as blad, rij, kolom."""
from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer import contract as schema
from plaatsing.invoer.adviezen import controleer_adviezen
from plaatsing.invoer.inhoud import inhoud_sha256
from plaatsing.invoer.validatie import controleer_samenhang
from plaatsing.invoer.werkboek import BESTAND, TABELLEN, RuwBlad, bladen_uit_tabellen, open_werkboek, zonder_gc
from plaatsing.parameters import NAMEN, Parameters, parse_parameter
from plaatsing.regels.functievergelijking import controleer_taken
from plaatsing.regels.rechtsgrond import BESCHRIJVING
from plaatsing.scenario import Scenario
from plaatsing.waarden import (citeer, formatteer_getal, is_leeg, is_procentformaat, kopsleutel, lees_datum,
                               lees_decimaal, lees_geheel, lees_tekst, sleutel)

# Extra Medewerkers columns are carried into the Scenario and the besluiten; these names are taken.
GERESERVEERD = frozenset(kopsleutel(n) for n in ("rij", *schema.BESLUIT_KOLOMMEN))


PRIVE_KOLOMMEN = ("geboortedatum", "naam")


# the columns that rules applied after reading name in their messages (Scenario.plekken)
PLEKKEN = (("Functiemapping", "wijzigingspercentage"), ("Adviezen", "personeelsnummer"), ("Adviezen", "advies"),
           ("Vastgezet", "personeelsnummer"), ("Vastgezet", "nieuwe_functie"))


@dataclass(frozen=True)
class Gelezen:
    """A scenario as read, its format checked. No rule that depends on the parameters has run: the rows of the
    sheet Adviezen are not bound yet (P1) and there are no SS-0 drempel warnings (plannen/inlezen.py)."""

    scenario: Scenario
    adviezen: list[dict]


def lees_scenario(pad, *, parameters: dict | None = None) -> Gelezen:
    """Read and validate the format of a scenario workbook; raises InvoerFout listing every problem.

    `parameters` (name -> raw value) override the Parameters sheet, as the CLI does.
    """
    pad = Path(pad)
    with zonder_gc():
        bladen = open_werkboek(pad)
        sha = hashlib.sha256(pad.read_bytes()).hexdigest()
        g = _valideer(bladen, parameters or {}, bron=str(pad), sha256=sha)
        return replace(g, scenario=replace(g.scenario, inhoud_sha256=inhoud_sha256(bladen)))  # issue 26


def lees_tabellen(tabellen: dict[str, list[dict]], *, parameters: dict | None = None) -> Gelezen:
    """A scenario from plain tables (sheet name -> list of row dicts), validated like a workbook."""
    return _valideer(bladen_uit_tabellen(tabellen), parameters or {}, bron=None, sha256=None)


class Lezer:
    """Collects Meldingen while reading the sheets of one workbook.

    Messages name the sheet as it is called in the workbook and a column by its letter and
    contract name ("E (functie)"), so callers may pass the contract names of both.
    """

    def __init__(self, bladen: list[RuwBlad]):
        self.bladen = bladen
        self.meldingen: list[Melding] = []
        self.waarschuwingen: list[Melding] = []
        self.titels: dict[str, str] = {}                 # contract sheet name -> title in the workbook
        self.kolommen: dict[str, dict[str, int]] = {}    # contract sheet name -> column name -> index

    def melding(self, blad, rij, kolom, tekst) -> Melding:
        index = self.kolommen.get(blad, {}).get(kolom) if kolom else None
        if index is not None:
            kolom = f"{get_column_letter(index + 1)} ({kolom})"
        return Melding(self.titels.get(blad, blad), rij, kolom, tekst)

    def fout(self, blad, rij, kolom, tekst):
        self.meldingen.append(self.melding(blad, rij, kolom, tekst))

    def waarschuw(self, blad, rij, kolom, tekst):
        self.waarschuwingen.append(self.melding(blad, rij, kolom, tekst))

    def heeft_fout_in(self, blad: str) -> bool:
        titel = self.titels.get(blad, blad)
        return any(m.blad == titel for m in self.meldingen)

    def zoek_blad(self, definitie: schema.Blad) -> RuwBlad | None:
        gevonden = [b for b in self.bladen if _is_blad(b.titel, definitie)]
        if len(gevonden) > 1:
            self.fout(definitie.naam, None, None,
                      f"er zijn {len(gevonden)} bladen die '{definitie.naam}' kunnen zijn "
                      f"({', '.join(repr(citeer(b.titel)) for b in gevonden)}); houd er één over.")
        if not gevonden:
            if definitie.verplicht:
                titels = ", ".join(f"'{citeer(b.titel)}'" for b in self.bladen[:12]) or "geen bladen"
                if len(self.bladen) > 12:
                    titels += ", …"
                tip = self._lijkt_op_blad(definitie)
                wat = (f"Bedoelt u het blad '{citeer(tip)}'? Hernoem het dan naar '{definitie.naam}'." if tip
                       else "Voeg het blad toe; 'plaatsing template' maakt een voorbeeld.")
                self.fout(definitie.naam, None, None,
                          f"het verplichte blad '{definitie.naam}' ontbreekt (de werkmap heeft: {titels}). {wat}")
            return None
        self.titels[definitie.naam] = gevonden[0].titel
        return gevonden[0]

    def _lijkt_op_blad(self, definitie: schema.Blad) -> str | None:
        vrij = [b.titel for b in self.bladen if not any(_is_blad(b.titel, d) for d in schema.BLADEN)]
        return _lijkt_op((definitie.naam, *definitie.aliassen), vrij, 0.8)

    def lees(self, definitie: schema.Blad) -> tuple[list[dict], list[str]]:
        """Rows as dicts of typed values (None when empty) plus the names of extra columns."""
        blad = self.zoek_blad(definitie)
        if blad is None:
            return [], []
        koppen = self._koppen(definitie, blad)
        if koppen is None:
            return [], []
        kolomindex, extra = koppen
        self._meld_samenvoegingen(definitie, blad, kolomindex)
        rijen = []
        for rijnummer, cellen in blad.rijen:
            rij = {"rij": rijnummer}
            for kolom in definitie.kolommen:
                index = kolomindex.get(kolom.naam)
                cel = cellen[index] if index is not None and index < len(cellen) else None
                rij[kolom.naam] = self._waarde(definitie.naam, rijnummer, index, kolom, cel)
            for naam, index in extra:
                cel = cellen[index] if index < len(cellen) else None
                rij["extra:" + naam] = None if cel is None else cel.waarde
            rijen.append(rij)
        return rijen, [naam for naam, _ in extra]

    def _koppen(self, definitie: schema.Blad, blad: RuwBlad):
        """Match the header row to the contract's columns; None when the sheet cannot be read."""
        bekend = _bekende_koppen(definitie)
        kolomindex: dict[str, int] = {}
        self.kolommen[definitie.naam] = kolomindex
        extra: list[tuple[str, int]] = []
        extra_sleutels: dict[str, int] = {}
        for index, kop in enumerate(blad.kop):
            if is_leeg(kop):
                continue
            naam = bekend.get(kopsleutel(kop))
            letter = get_column_letter(index + 1)
            if naam is None:
                tekst = citeer(kop, 200)
                eerder = extra_sleutels.get(kopsleutel(kop) or tekst)
                if definitie is schema.MEDEWERKERS and eerder is not None:
                    self.fout(definitie.naam, 1, f"{letter} ({citeer(kop)})",
                              f"de kolom '{citeer(kop)}' staat er twee keer (ook in kolom "
                              f"{get_column_letter(eerder + 1)}); geef elke kolom een eigen naam.")
                    continue
                if definitie is schema.MEDEWERKERS and kopsleutel(kop) in GERESERVEERD:
                    self.fout(definitie.naam, 1, f"{letter} ({citeer(kop)})",
                              f"de kolomnaam '{citeer(kop)}' gebruikt plaatsing zelf; hernoem de kolom, "
                              f"bijvoorbeeld naar '{citeer(kop)} (oud)'.")
                    continue
                extra_sleutels[kopsleutel(kop) or tekst] = index
                extra.append((tekst, index))
            elif naam in kolomindex:
                self.fout(definitie.naam, 1, f"{letter} ({citeer(kop)})",
                          f"de kolom '{naam}' staat er twee keer (ook in kolom "
                          f"{get_column_letter(kolomindex[naam] + 1)}); verwijder of hernoem één van beide.")
            else:
                kolomindex[naam] = index
        if not blad.rijen and not any(not is_leeg(k) for k in blad.kop):
            return kolomindex, extra
        if not kolomindex and blad.rijen:
            kopregel = _kopregel_verderop(blad, bekend)
            if kopregel is not None:
                self.fout(definitie.naam, kopregel, None,
                          f"de kopregel staat in rij {kopregel}, maar moet in rij 1 staan; verwijder de "
                          f"rij{'en' if kopregel > 2 else ''} erboven (bijvoorbeeld een titel).")
                return None
        vrij = [(citeer(kop, 200), index) for kop, index in
                ((k, i) for i, k in enumerate(blad.kop) if not is_leeg(k) and kopsleutel(k) not in bekend)]
        for kolom in definitie.kolommen:
            if kolom.naam in kolomindex:
                continue
            tip = _lijkt_op((kolom.naam, *kolom.aliassen), [k for k, _ in vrij], 0.8)
            if tip is not None:
                index = next(i for k, i in vrij if k == tip)
                plek = f"{get_column_letter(index + 1)} ({citeer(tip)})"
                if kolom.verplicht:
                    self.fout(definitie.naam, 1, plek,
                              f"de verplichte kolom '{kolom.naam}' ontbreekt; bedoelt u deze kolom "
                              f"'{citeer(tip)}'? Hernoem hem dan naar '{kolom.naam}'.")
                else:
                    self.waarschuw(definitie.naam, 1, plek,
                                   f"de kolom '{citeer(tip)}' wordt niet gebruikt; bedoelt u '{kolom.naam}'? "
                                   "Hernoem hem dan.")
            elif kolom.verplicht:
                self.fout(definitie.naam, 1, kolom.naam,
                          f"de verplichte kolom '{kolom.naam}' ontbreekt in de kopregel (rij 1); voeg de kolom toe.")
        return kolomindex, extra

    def _meld_samenvoegingen(self, definitie: schema.Blad, blad: RuwBlad, kolomindex: dict[str, int]) -> None:
        namen = {index: naam for naam, index in kolomindex.items()}
        for bereik in blad.samengevoegd:
            gevonden = re.match(r"([A-Z]+)(\d+)", bereik)
            letter, rij = gevonden.group(1), int(gevonden.group(2))
            index = _kolomnummer(letter) - 1
            plek = f"{letter} ({namen[index]})" if index in namen else letter
            self.fout(definitie.naam, rij, plek,
                      f"cellen {bereik} zijn samengevoegd; maak de samenvoeging ongedaan en vul elke cel apart in.")

    def _waarde(self, blad, rij, index, kolom: schema.Kolom, cel):
        plek = kolom.naam
        if cel is None or is_leeg(cel.waarde):
            if kolom.verplicht and index is not None:
                self.fout(blad, rij, plek, f"'{kolom.naam}' is leeg; vul een waarde in.")
            return None
        if cel.formule:
            self.fout(blad, rij, plek, f"de cel bevat een formule ({citeer(cel.waarde, 40)}); vervang de "
                      "formule door de waarde (kopiëren en dan plakken als waarden).")
            return None
        if cel.foutwaarde:
            self.fout(blad, rij, plek, f"de cel bevat de Excel-foutwaarde {citeer(cel.waarde, 20)}; "
                      "vul de juiste waarde in.")
            return None
        try:
            return _typeer(kolom, cel)
        except ValueError as fout:
            tekst = str(fout)
            if kolom.naam in PRIVE_KOLOMMEN:  # never echo a name or birth date into a message or log
                soort = "datum; typ een datum als dd-mm-jjjj" if kolom.soort == "datum" else "tekst"
                tekst = f"de waarde is geen geldige {soort} (de waarde zelf wordt om privacyredenen niet getoond)"
            self.fout(blad, rij, plek, f"{tekst}.")
            return None


def _is_blad(titel, definitie: schema.Blad) -> bool:
    return kopsleutel(titel) in {kopsleutel(n) for n in (definitie.naam, *definitie.aliassen)}


def _bekende_koppen(definitie: schema.Blad) -> dict[str, str]:
    bekend: dict[str, str] = {}
    for kolom in definitie.kolommen:
        for naam in (kolom.naam, *kolom.aliassen):
            bekend.setdefault(kopsleutel(naam), kolom.naam)
    return bekend


def _kopregel_verderop(blad: RuwBlad, bekend: dict[str, str]) -> int | None:
    """The row number of a header row below row 1 (a title above it), if there is one."""
    for rijnummer, cellen in blad.rijen[:20]:
        namen = {bekend.get(kopsleutel(c.waarde)) for c in cellen if isinstance(c.waarde, str)} - {None}
        if len(namen) >= min(2, len(set(bekend.values()))):
            return rijnummer
    return None


def _lijkt_op(namen, kandidaten, drempel: float) -> str | None:
    """The candidate most like one of `namen` (a misspelt header or sheet name), if close enough."""
    beste, score = None, drempel
    for kandidaat in kandidaten:
        sleutel_ = kopsleutel(kandidaat)
        for naam in namen:
            ratio = difflib.SequenceMatcher(None, kopsleutel(naam), sleutel_).ratio()
            if ratio >= score and (beste is None or ratio > score):
                beste, score = kandidaat, ratio
    return beste


def _kolomnummer(letters: str) -> int:
    nummer = 0
    for letter in letters:
        nummer = nummer * 26 + ord(letter) - ord("A") + 1
    return nummer


def _typeer(kolom: schema.Kolom, cel):
    waarde = cel.waarde
    if kolom.soort == "ruw":
        return cel
    if kolom.soort in ("tekst", "code"):
        return lees_tekst(waarde)
    if kolom.soort == "datum":
        return lees_datum(waarde)
    if kolom.soort == "keuze":
        tekst = lees_tekst(waarde)
        if sleutel(tekst) in kolom.keuzes:
            return kolom.keuzes[sleutel(tekst)]
        opties = " of ".join(f"'{k}'" for k in dict.fromkeys(kolom.keuzes.values()))
        raise ValueError(f"'{citeer(tekst)}' is geen geldige waarde; kies {opties}")
    if kolom.soort == "geheel":
        getal = lees_geheel(waarde)
    elif kolom.soort == "procent":
        getal = lees_decimaal(waarde, procent_cel=is_procentformaat(cel.formaat), procent_naar_getal=True)
    else:
        getal = lees_decimaal(waarde)
    _controleer_bereik(kolom, getal)
    return getal


def _controleer_bereik(kolom: schema.Kolom, getal: float) -> None:
    laag, hoog = kolom.minimum, kolom.maximum
    te_laag = laag is not None and (getal <= laag if kolom.min_exclusief else getal < laag)
    if te_laag or (hoog is not None and getal > hoog):
        if kolom.min_exclusief:
            bereik = f"groter dan {formatteer_getal(laag)} en hoogstens {formatteer_getal(hoog)}"
        else:
            bereik = f"van {formatteer_getal(laag)} tot en met {formatteer_getal(hoog)}"
        raise ValueError(f"{formatteer_getal(getal)} ligt buiten het bereik van '{kolom.naam}'; "
                         f"vul een getal {bereik} in")


def _valideer(bladen, overrides: dict, *, bron, sha256) -> Gelezen:
    if not any(b.rijen or any(not is_leeg(k) for k in b.kop) for b in bladen):
        raise InvoerFout([Melding(BESTAND if bron else TABELLEN, None, None,
                                  "de werkmap is leeg; vul de bladen volgens het scenarioformaat in "
                                  "('plaatsing template' maakt een voorbeeld).")])
    lezer = Lezer(bladen)
    medewerkers, extra = lezer.lees(schema.MEDEWERKERS)
    oud, _ = lezer.lees(schema.OUDE_FUNCTIES)
    nieuw, _ = lezer.lees(schema.NIEUWE_FUNCTIES)
    mapping, _ = lezer.lees(schema.FUNCTIEMAPPING)
    oordelen, _ = lezer.lees(schema.GESCHIKTHEID)
    pins, _ = lezer.lees(schema.VASTGEZET)
    salaris, _ = lezer.lees(schema.SALARISTABEL)
    taken, _ = lezer.lees(schema.TAKEN)
    adviezen, _ = lezer.lees(schema.ADVIEZEN)
    rechtsgrond = _lees_rechtsgrond(lezer)
    parameters = _lees_parameters(lezer, overrides)
    tabellen = {
        "medewerkers": medewerkers, "oud": oud, "nieuw": nieuw, "mapping": mapping,
        "geschiktheid": oordelen, "vastgezet": pins, "salaris": salaris, "taken": taken,
        "rechtsgrond": rechtsgrond,
    }
    controleer_samenhang(lezer, tabellen, parameters)
    controleer_taken(lezer, tabellen)  # SS-0 as format: the Taken sheet, computed percentages filled in
    controleer_adviezen(lezer, adviezen, tabellen)
    if lezer.meldingen:
        raise InvoerFout(lezer.meldingen)
    plekken = {(blad, kolom): (m.blad, m.kolom) for blad, kolom in PLEKKEN
               for m in [lezer.melding(blad, None, kolom, "")]}
    return Gelezen(replace(_bouw(tabellen, extra, parameters, bron, sha256, tuple(lezer.waarschuwingen)),
                           plekken=plekken), adviezen)


def _lees_rechtsgrond(lezer: Lezer) -> list[dict]:
    """The optional sheet Rechtsgrond: one article per known rule ID (docs/regels.md)."""
    rijen, _ = lezer.lees(schema.RECHTSGROND)
    bekend = {sleutel(r): r for r in BESCHRIJVING}
    gezien: dict[str, int] = {}
    uit = []
    for rij in rijen:
        if rij["regel"] is None:
            continue
        regel = bekend.get(sleutel(rij["regel"]))
        if regel is None:
            lezer.fout("Rechtsgrond", rij["rij"], "regel",
                       f"'{citeer(rij['regel'])}' is geen regel uit docs/regels.md; gebruik een regel-ID zoals "
                       "SS-1, H4 of SEL-A.")
            continue
        if regel in gezien:
            lezer.fout("Rechtsgrond", rij["rij"], "regel",
                       f"de regel {regel} staat er al in rij {gezien[regel]}; houd er één over.")
            continue
        gezien[regel] = rij["rij"]
        uit.append({**rij, "regel": regel})
    return uit


def _lees_parameters(lezer: Lezer, overrides: dict) -> Parameters:
    rijen, _ = lezer.lees(schema.PARAMETERS)
    waarden: dict[str, object] = {}
    gezien: dict[str, int] = {}
    namen = {kopsleutel(n): n for n in NAMEN}
    for rij in rijen:
        if rij["parameter"] is None:
            continue
        naam = namen.get(kopsleutel(rij["parameter"]))
        cel = rij["waarde"]
        if naam is None:
            tip = _lijkt_op([rij["parameter"]], NAMEN, 0.7)
            wat = (f"bedoelt u '{tip}'? Pas de naam aan." if tip
                   else f"bekend zijn: {', '.join(NAMEN)}. Pas de naam aan of verwijder de rij.")
            lezer.fout("Parameters", rij["rij"], "parameter",
                       f"de parameter '{citeer(rij['parameter'])}' is onbekend; {wat}")
            continue
        if naam in gezien:
            lezer.fout("Parameters", rij["rij"], "parameter",
                       f"de parameter '{naam}' staat er al in rij {gezien[naam]}; houd er één over.")
            continue
        gezien[naam] = rij["rij"]
        if naam in overrides:
            continue
        if cel is None or is_leeg(cel.waarde):
            continue
        ruwe = cel.waarde
        if naam == "drempel_wijziging" and is_procentformaat(cel.formaat) and isinstance(ruwe, (int, float)) \
                and not isinstance(ruwe, bool):
            ruwe = f"{ruwe * 100}%"
        try:
            waarden[naam] = parse_parameter(naam, ruwe)
        except ValueError as fout:
            lezer.fout("Parameters", rij["rij"], "waarde", f"{naam}: {fout}.")
    for naam, ruwe in overrides.items():
        naam = sleutel(naam).replace(" ", "_")
        try:
            waarden[naam] = parse_parameter(naam, ruwe)
        except ValueError as fout:
            lezer.fout("Opdrachtregel", None, naam, f"{fout}.")
    if waarden.get("peildatum") is None and not any(m.kolom and "peildatum" in m.kolom for m in lezer.meldingen):
        if "peildatum" in gezien and gezien["peildatum"] not in {m.rij for m in lezer.meldingen
                                                                  if m.blad == lezer.titels.get("Parameters")}:
            lezer.fout("Parameters", gezien["peildatum"], "waarde",
                       "de peildatum is leeg; vul een datum in (dd-mm-jjjj) of geef --peildatum jjjj-mm-dd op.")
        elif "peildatum" not in gezien:
            lezer.fout("Parameters", None, None,
                       "de peildatum ontbreekt; zet een rij 'peildatum' met een datum in het blad Parameters "
                       "of geef --peildatum jjjj-mm-dd op.")
    return Parameters(**waarden)


def _bouw(tabellen, extra, parameters, bron, sha256, waarschuwingen) -> Scenario:
    kolommen = ["rij", *(k.naam for k in schema.MEDEWERKERS.kolommen), *("extra:" + n for n in extra)]
    mw = pd.DataFrame(tabellen["medewerkers"], columns=kolommen)
    for naam in extra:
        mw = mw.rename(columns={"extra:" + naam: naam})
    mw["dienstverband"] = mw["dienstverband"].fillna("vast")
    mw = mw.set_index("personeelsnummer", drop=False).rename_axis(None).sort_index()

    def functies(rijen):
        df = pd.DataFrame(rijen, columns=["rij", *(k.naam for k in schema.OUDE_FUNCTIES.kolommen)])
        return df.set_index("functiecode", drop=False).rename_axis(None).sort_index()

    def tabel(rijen, definitie):
        return pd.DataFrame(rijen, columns=["rij", *(k.naam for k in definitie.kolommen)])

    pins = tabel(tabellen["vastgezet"], schema.VASTGEZET).set_index("personeelsnummer", drop=False).rename_axis(None)
    salaris = tabel(tabellen["salaris"], schema.SALARISTABEL).set_index("schaal", drop=False).rename_axis(None)
    return Scenario(
        medewerkers=mw,
        oude_functies=functies(tabellen["oud"]),
        nieuwe_functies=functies(tabellen["nieuw"]),
        mapping=pd.DataFrame(tabellen["mapping"], columns=[
            "rij", *(k.naam for k in schema.FUNCTIEMAPPING.kolommen), "opgegeven", "berekend"]),
        geschiktheid=tabel(tabellen["geschiktheid"], schema.GESCHIKTHEID),
        vastgezet=pins.sort_index(),
        salaristabel=salaris.sort_index(),
        parameters=parameters,
        taken=tabel(tabellen["taken"], schema.TAKEN) if tabellen["taken"] else None,
        extra_kolommen=tuple(extra),
        bron=bron,
        sha256=sha256,
        waarschuwingen=waarschuwingen,
        rechtsgrond=tabel(tabellen["rechtsgrond"], schema.RECHTSGROND),
    )
