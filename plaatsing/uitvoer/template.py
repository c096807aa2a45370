"""An empty scenario workbook: the contract's headers, filled Parameters, and Excel data validation."""
from __future__ import annotations

from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from plaatsing.invoer import contract as schema
from plaatsing.parameters import Parameters
from plaatsing.regels.rechtsgrond import BESCHRIJVING
from plaatsing.uitvoer.excel import KOP_STIJL, KOP_VULLING, bewaar_als, controleer_uitvoer, nieuw_werkboek

RIJEN = 5000  # validation reaches this far down
TOELICHTING = {
    "peildatum": "Datum waarop leeftijd en diensttijd worden bepaald (verplicht).",
    "drempel_wijziging": "Tot en met dit percentage gewijzigd is een functie ongewijzigd (functievolger).",
    "selectiemethode": "anciënniteit of afspiegeling.",
    "max_schalen_lager": "Passend lager tot zoveel schalen lager.",
    "max_schalen_hoger": "Geschikt tot zoveel schalen hoger (0 = uit).",
    "fte_marge": "Toegestane overbezetting per functie in fte.",
    "normuren": "Uren van een voltijdse werkweek (cao Gemeenten: 36); de formatie telt in hele minuten per week "
                "en de brieven noemen de uren per week.",
    "beleid": "maximaal plaatsen, voorkeur leidend of iedereen plaatsen.",
    "tijdslimiet": "Rekenbudget van de solver in seconden (deterministische rekentijd: hetzelfde plan bij elke run).",
    "ingangsdatum": "Datum waarop de nieuwe organisatie ingaat (leeg = de peildatum); een tijdelijk contract "
                    "dat daarvoor eindigt, wordt niet geplaatst (H5).",
    "rechtsmiddel": "geschillencommissie (cao, na de Wnra) of bezwaar (Awb): de route die in de brieven staat.",
    "ondertekening": "Wie de brieven ondertekent, bijvoorbeeld: namens het college van burgemeester en wethouders, "
                     "de gemeentesecretaris.",
    "organisatiebesluit": "Het besluit dat de plaatsing uitvoert, bijvoorbeeld: besluit van het college van "
                          "12 juni 2018 over het organisatieplan, na advies van de OR van 5 juni 2018.",
    "zienswijze_termijn": "Termijn voor een zienswijze op een voorgenomen besluit, bijvoorbeeld: twee weken.",
    "geschillencommissie": "Naam en adres van de geschillencommissie, zoals de brieven die noemen.",
    "vwnw_termijn": "Duur van het van-werk-naar-werktraject volgens het sociaal statuut, bijvoorbeeld: 24 maanden.",
    "drempel_afscherming": "Aantallen kleiner dan dit getal worden in de uitsplitsingen van de OR-bijlage afgeschermd.",
}


def schrijf_template(pad: Path, *, overschrijf: bool = False) -> Path:
    pad = Path(pad)
    controleer_uitvoer(pad, overschrijf=overschrijf)
    boek = nieuw_werkboek()
    for blad in schema.BLADEN:
        ws = boek.create_sheet(blad.naam)
        ws.append([k.naam for k in blad.kolommen])
        for index, kolom in enumerate(blad.kolommen, start=1):
            cel = ws.cell(row=1, column=index)
            cel.font, cel.fill = KOP_STIJL, KOP_VULLING
            ws.column_dimensions[get_column_letter(index)].width = max(14, len(kolom.naam) + 4)
            _validatie(ws, index, kolom, blad.naam)
        ws.freeze_panes = "A2"
    _vul_parameters(boek["Parameters"])
    bewaar_als(boek, pad, overschrijf=overschrijf)
    return pad


def _bereik(index: int) -> str:
    letter = get_column_letter(index)
    return f"{letter}2:{letter}{RIJEN}"


def _validatie(ws, index: int, kolom: schema.Kolom, blad: str) -> None:
    dv = None
    if blad == "Rechtsgrond" and kolom.naam == "regel":
        dv = DataValidation(type="list", formula1=f'"{",".join(BESCHRIJVING)}"', allow_blank=True)
    elif kolom.soort == "keuze":
        opties = ",".join(dict.fromkeys(kolom.keuzes.values()))
        dv = DataValidation(type="list", formula1=f'"{opties}"', allow_blank=True)
    elif kolom.soort == "code" and kolom.naam != "personeelsnummer":
        bron = "'Oude functies'" if kolom.naam in ("functie", "oude_functie") else "'Nieuwe functies'"
        if blad not in ("Oude functies", "Nieuwe functies", "Taken"):  # Taken: old and new codes
            dv = DataValidation(type="list", formula1=f"={bron}!$A$2:$A${RIJEN}", allow_blank=True)
    elif kolom.soort == "geheel":
        dv = DataValidation(type="whole", operator="between", formula1=str(int(kolom.minimum)),
                            formula2=str(int(kolom.maximum)), allow_blank=True)
    elif kolom.soort in ("decimaal", "procent") and kolom.minimum is not None:
        dv = DataValidation(type="decimal", operator="between", formula1=str(kolom.minimum),
                            formula2=str(kolom.maximum), allow_blank=True)
    elif kolom.soort == "datum":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        for rij in range(2, 200):
            ws.cell(row=rij, column=index).number_format = "DD-MM-YYYY"
    if dv is None:
        return
    dv.error = f"Deze waarde past niet bij de kolom '{kolom.naam}' (zie docs/formaat.md)."
    dv.errorTitle = "Ongeldige waarde"
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(_bereik(index))


def _vul_parameters(ws) -> None:
    ws.cell(row=1, column=3, value="toelichting").font = KOP_STIJL
    ws.cell(row=1, column=3).fill = KOP_VULLING
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 80
    for rij, (naam, waarde) in enumerate(Parameters().als_rijen(), start=2):
        ws.cell(row=rij, column=1, value=naam)
        cel = ws.cell(row=rij, column=2, value=_getal(waarde))
        if naam == "peildatum":
            cel.number_format = "DD-MM-YYYY"
            cel.comment = Comment("Vul hier de peildatum in, bijvoorbeeld 01-10-2018.", "plaatsing")
        ws.cell(row=rij, column=3, value=TOELICHTING[naam])
    keuzes = DataValidation(type="list", formula1='"anciënniteit,afspiegeling"', allow_blank=False)
    beleid = DataValidation(type="list", formula1='"maximaal plaatsen,voorkeur leidend,iedereen plaatsen"', allow_blank=False)
    route = DataValidation(type="list", formula1='"geschillencommissie,bezwaar"', allow_blank=False)
    ws.add_data_validation(keuzes)
    ws.add_data_validation(beleid)
    ws.add_data_validation(route)
    namen = [naam for naam, _ in Parameters().als_rijen()]
    keuzes.add(f"B{namen.index('selectiemethode') + 2}")
    beleid.add(f"B{namen.index('beleid') + 2}")
    route.add(f"B{namen.index('rechtsmiddel') + 2}")


def _getal(tekst: str):
    if tekst == "":
        return None
    try:
        getal = float(tekst)
    except ValueError:
        return tekst
    return int(getal) if getal.is_integer() else getal



