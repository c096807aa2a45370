"""Reading and validating a scenario (format v1): every problem at once, as blad, rij, kolom."""
from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import pandas as pd

from plaatsing import schema
from plaatsing.fouten import InvoerFout, Melding
from plaatsing.parameters import NAMEN, Parameters, parse_parameter
from plaatsing.scenario import Scenario
from plaatsing.waarden import (formatteer_getal, is_leeg, lees_datum, lees_decimaal,
                               lees_geheel, lees_tekst, sleutel)
from plaatsing.werkboek import BESTAND, RuwBlad, bladen_uit_tabellen, open_werkboek
from openpyxl.utils import get_column_letter



def read_scenario(pad, *, parameters: dict | None = None) -> Scenario:
    """Read and validate a scenario workbook; raises InvoerFout listing every problem.

    `parameters` (name -> raw value) override the Parameters sheet, as the CLI does.
    """
    pad = Path(pad)
    bladen = open_werkboek(pad)
    sha = hashlib.sha256(pad.read_bytes()).hexdigest()
    return _valideer(bladen, parameters or {}, bron=str(pad), sha256=sha)


def scenario_from_tables(tabellen: dict[str, list[dict]], *, parameters: dict | None = None) -> Scenario:
    """A scenario from plain tables (sheet name -> list of row dicts), validated like a workbook."""
    return _valideer(bladen_uit_tabellen(tabellen), parameters or {}, bron=None, sha256=None)


class _Lezer:
    """Collects Meldingen while reading the sheets of one workbook."""

    def __init__(self, bladen: list[RuwBlad]):
        self.bladen = bladen
        self.meldingen: list[Melding] = []
        self.waarschuwingen: list[Melding] = []

    def fout(self, blad, rij, kolom, tekst):
        self.meldingen.append(Melding(blad, rij, kolom, tekst))

    def zoek_blad(self, definitie: schema.Blad) -> RuwBlad | None:
        namen = {sleutel(definitie.naam), *(sleutel(a) for a in definitie.aliassen)}
        gevonden = [b for b in self.bladen if sleutel(b.titel) in namen]
        if len(gevonden) > 1:
            self.fout(definitie.naam, None, None,
                      f"er zijn {len(gevonden)} bladen die '{definitie.naam}' kunnen zijn "
                      f"({', '.join(b.titel for b in gevonden)}); houd er één over.")
        if not gevonden:
            if definitie.verplicht:
                titels = ", ".join(f"'{b.titel}'" for b in self.bladen) or "geen"
                self.fout(definitie.naam, None, None,
                          f"het verplichte blad '{definitie.naam}' ontbreekt (de werkmap heeft: {titels}). "
                          "Voeg het blad toe; 'plaatsing template' maakt een voorbeeld.")
            return None
        return gevonden[0]

    def lees(self, definitie: schema.Blad) -> tuple[list[dict], list[str]]:
        """Rows as dicts of typed values (None when empty) plus the names of extra columns."""
        blad = self.zoek_blad(definitie)
        if blad is None:
            return [], []
        kolomindex, extra = self._koppen(definitie, blad)
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
        bekend = {}
        for kolom in definitie.kolommen:
            for naam in (kolom.naam, *kolom.aliassen):
                bekend.setdefault(sleutel(naam), kolom.naam)
        kolomindex: dict[str, int] = {}
        extra: list[tuple[str, int]] = []
        for index, kop in enumerate(blad.kop):
            if is_leeg(kop):
                continue
            naam = bekend.get(sleutel(kop))
            letter = get_column_letter(index + 1)
            if naam is None:
                extra.append((str(kop).strip(), index))
            elif naam in kolomindex:
                self.fout(definitie.naam, 1, f"{letter} ({kop})",
                          f"de kolom '{naam}' staat er twee keer (ook in kolom "
                          f"{get_column_letter(kolomindex[naam] + 1)}); verwijder of hernoem één van beide.")
            else:
                kolomindex[naam] = index
        if not blad.rijen and not blad.kop:
            return kolomindex, extra
        koppen = [str(k) for k in blad.kop if not is_leeg(k)]
        for kolom in definitie.kolommen:
            if kolom.verplicht and kolom.naam not in kolomindex:
                tip = difflib.get_close_matches(kolom.naam, [sleutel(k).replace(" ", "_") for k in koppen], n=1)
                hint = f" Bedoelt u de kolom '{_origineel(tip[0], koppen)}'? Hernoem die dan." if tip else ""
                self.fout(definitie.naam, 1, kolom.naam,
                          f"de verplichte kolom '{kolom.naam}' ontbreekt in de kopregel.{hint}")
        return kolomindex, extra

    def _waarde(self, blad, rij, index, kolom: schema.Kolom, cel):
        plek = f"{get_column_letter(index + 1)} ({kolom.naam})" if index is not None else kolom.naam
        if cel is None or is_leeg(cel.waarde):
            if kolom.verplicht and index is not None:
                self.fout(blad, rij, plek, f"'{kolom.naam}' is leeg; vul een waarde in.")
            return None
        if cel.formule:
            self.fout(blad, rij, plek, f"de cel bevat een formule ({str(cel.waarde)[:40]}); "
                      "vervang die door de waarde (kopiëren, plakken als waarde).")
            return None
        try:
            return _typeer(kolom, cel)
        except ValueError as fout:
            self.fout(blad, rij, plek, f"{fout}.")
            return None


def _origineel(genormaliseerd: str, koppen: list[str]) -> str:
    for kop in koppen:
        if sleutel(kop).replace(" ", "_") == genormaliseerd:
            return kop
    return genormaliseerd


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
        raise ValueError(f"'{tekst}' is geen geldige waarde; kies {opties}")
    if kolom.soort == "geheel":
        getal = lees_geheel(waarde)
    elif kolom.soort == "procent":
        getal = lees_decimaal(waarde, procent_cel="%" in cel.formaat, procent_naar_getal=True)
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
        raise ValueError(f"{formatteer_getal(getal)} ligt buiten het toegestane bereik ({bereik})")


def _valideer(bladen, overrides: dict, *, bron, sha256) -> Scenario:
    from plaatsing.validatie import controleer_samenhang

    lezer = _Lezer(bladen)
    medewerkers, extra = lezer.lees(schema.MEDEWERKERS)
    oud, _ = lezer.lees(schema.OUDE_FUNCTIES)
    nieuw, _ = lezer.lees(schema.NIEUWE_FUNCTIES)
    mapping, _ = lezer.lees(schema.FUNCTIEMAPPING)
    oordelen, _ = lezer.lees(schema.GESCHIKTHEID)
    pins, _ = lezer.lees(schema.VASTGEZET)
    salaris, _ = lezer.lees(schema.SALARISTABEL)
    parameters = _lees_parameters(lezer, overrides)
    tabellen = {
        "medewerkers": medewerkers, "oud": oud, "nieuw": nieuw, "mapping": mapping,
        "geschiktheid": oordelen, "vastgezet": pins, "salaris": salaris,
    }
    controleer_samenhang(lezer, tabellen, parameters)
    if lezer.meldingen:
        raise InvoerFout(lezer.meldingen)
    return _bouw(tabellen, extra, parameters, bron, sha256, tuple(lezer.waarschuwingen))


def _lees_parameters(lezer: _Lezer, overrides: dict) -> Parameters:
    rijen, _ = lezer.lees(schema.PARAMETERS)
    waarden: dict[str, object] = {}
    gezien: dict[str, int] = {}
    for rij in rijen:
        if rij["parameter"] is None:
            continue
        naam = sleutel(rij["parameter"]).replace(" ", "_")
        cel = rij["waarde"]
        if naam not in NAMEN:
            tip = difflib.get_close_matches(naam, NAMEN, n=1)
            hint = f" Bedoelt u '{tip[0]}'?" if tip else f" Bekend zijn: {', '.join(NAMEN)}."
            lezer.fout("Parameters", rij["rij"], "A (parameter)", f"onbekende parameter '{rij['parameter']}'.{hint}")
            continue
        if naam in gezien:
            lezer.fout("Parameters", rij["rij"], "A (parameter)",
                       f"de parameter '{naam}' staat er al in rij {gezien[naam]}; houd er één over.")
            continue
        gezien[naam] = rij["rij"]
        if naam in overrides:
            continue
        if cel is None or is_leeg(cel.waarde):
            continue
        ruwe = cel.waarde
        if naam == "drempel_wijziging" and "%" in cel.formaat and isinstance(ruwe, (int, float)):
            ruwe = f"{ruwe * 100}%"
        try:
            waarden[naam] = parse_parameter(naam, ruwe)
        except ValueError as fout:
            lezer.fout("Parameters", rij["rij"], "B (waarde)", f"{naam}: {fout}.")
    for naam, ruwe in overrides.items():
        naam = sleutel(naam).replace(" ", "_")
        try:
            waarden[naam] = parse_parameter(naam, ruwe)
        except ValueError as fout:
            lezer.fout("Opdrachtregel", None, naam, f"{fout}.")
    if waarden.get("peildatum") is None:
        lezer.fout("Parameters", None, "peildatum",
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
        mapping=tabel(tabellen["mapping"], schema.FUNCTIEMAPPING),
        geschiktheid=tabel(tabellen["geschiktheid"], schema.GESCHIKTHEID),
        vastgezet=pins.sort_index(),
        salaristabel=salaris.sort_index(),
        parameters=parameters,
        extra_kolommen=tuple(extra),
        bron=bron,
        sha256=sha256,
        waarschuwingen=waarschuwingen,
    )
