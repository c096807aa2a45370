"""Writing the scenario of an HR import (`plaatsing importeer`): Medewerkers from the import (invoer/importeren.py),
every other sheet from the formatiehuis, or Oude functies derived from the export and the template's empty sheets."""
from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from plaatsing.invoer import contract as schema
from plaatsing.invoer.importeren import UITVOER_KOLOMMEN, Import
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.uitvoer.excel import KOP_STIJL, KOP_VULLING, bewaar_als, controleer_uitvoer, is_riskant, nieuw_werkboek
from plaatsing.uitvoer.template import schrijf_template
from plaatsing.waarden import kopsleutel


def medewerker_rijen(imp: Import) -> tuple[list[str], list[list]]:
    """Header and rows of the Medewerkers sheet (feitelijke_functie after the contract columns)."""
    kop = list(UITVOER_KOLOMMEN) + (["feitelijke_functie"] if imp.met_feitelijke_functie else [])
    return kop, [[r.get(k) for k in kop] for r in imp.medewerkers]


def oude_functies_uit_export(imp: Import) -> tuple[list[dict], list[str]]:
    """Oude functies derived from the export (no formatiehuis given): code, name, eenheid, the scale
    most holders have, formatie = the holders' fte. Returns rows and notes for the user."""
    per_functie: dict[str, list[dict]] = {}
    for r in imp.medewerkers:
        per_functie.setdefault(r["functie"], []).append(r)
    rijen, notities = [], []
    for code in sorted(per_functie):
        houders = per_functie[code]
        schalen = sorted({h["schaal"] for h in houders})
        schaal = max(schalen, key=lambda s: (sum(h["schaal"] == s for h in houders), s))
        if len(schalen) > 1:
            notities.append(f"functie {code}: de houders hebben de schalen {', '.join(map(str, schalen))}; "
                            f"als functieschaal is {schaal} genomen — controleer dit in het blad Oude functies.")
        fte = sum(Decimal(repr(h["fte"])) for h in houders)
        rijen.append({"functiecode": code, "functienaam": houders[0].get("functienaam") or code,
                      "eenheid": houders[0].get("eenheid") or "onbekend", "schaal": schaal,
                      "formatie_fte": float(fte), "functiefamilie": None})
    return rijen, notities


def schrijf_scenario(imp: Import, uitvoer, *, formatiehuis=None, overschrijf: bool = False,
                     export=None) -> list[str]:
    """Write the scenario: Medewerkers from the import, every other sheet from `formatiehuis` (a
    workbook with Oude/Nieuwe functies, Functiemapping, Parameters, …) or — without it — Oude
    functies derived from the export and the empty sheets of the template. Returns notes."""
    uitvoer = Path(uitvoer)
    for bron in (export, formatiehuis):  # never write over the export or the formatiehuis
        controleer_uitvoer(uitvoer, overschrijf=overschrijf, invoer=None if bron is None else Path(bron))
    notities: list[str] = []
    boek = nieuw_werkboek()
    kop, rijen = medewerker_rijen(imp)
    _schrijf_blad(boek.create_sheet("Medewerkers"), kop, rijen)
    if formatiehuis is not None:
        for blad in open_werkboek(Path(formatiehuis)):
            if kopsleutel(blad.titel) in {kopsleutel(n) for n in ("Medewerkers", *schema.MEDEWERKERS.aliassen)}:
                notities.append(f"het blad '{blad.titel}' van {Path(formatiehuis).name} is vervangen door de import.")
                continue
            _schrijf_blad(boek.create_sheet(blad.titel), list(blad.kop),
                          [[c.waarde for c in cellen] for _, cellen in blad.rijen])
    else:
        with tempfile.TemporaryDirectory() as map_:
            sjabloon = openpyxl.load_workbook(schrijf_template(Path(map_) / "template.xlsx"))
            oud, notities = oude_functies_uit_export(imp)
            notities.insert(0, "het blad Oude functies is afgeleid uit de export (formatie = de fte van de "
                               "huidige houders); vul Nieuwe functies, Functiemapping en de peildatum aan, of geef "
                               "--formatiehuis.")
            for naam in sjabloon.sheetnames:
                if naam == "Medewerkers":
                    continue
                bron = sjabloon[naam]
                kop_blad = [c.value for c in bron[1]]
                if naam == "Oude functies":
                    rijen_blad = [[r.get(k) for k in kop_blad] for r in oud]
                else:
                    rijen_blad = [[c.value for c in rij] for rij in bron.iter_rows(min_row=2)]
                _schrijf_blad(boek.create_sheet(naam), kop_blad, rijen_blad)
    bewaar_als(boek, uitvoer, overschrijf=overschrijf)
    return notities


def _schrijf_blad(ws, kop, rijen) -> None:
    ws.append(["" if k is None else k for k in kop])
    for cel in ws[1]:
        cel.font, cel.fill = KOP_STIJL, KOP_VULLING
    for rij in rijen:
        ws.append(list(rij))
    for rij in ws.iter_rows(min_row=2):
        for cel in rij:
            if isinstance(cel.value, (dt.date, dt.datetime)):
                cel.number_format = "DD-MM-YYYY"
            elif isinstance(cel.value, str):
                cel.data_type = "s"  # codes stay text, and text that looks like a formula is not one
                if is_riskant(cel.value):
                    cel.quotePrefix = True  # and stays text when P&O edit the cell in Excel, as in every writer
    for i, k in enumerate(kop, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(str(k or "")) + 4)
    ws.freeze_panes = "A2"
