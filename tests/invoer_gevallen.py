"""Bad scenario workbooks, built in code: one small valid workbook and helpers to break it.

`basis()` is a valid scenario as sheets of rows (the first row is the kopregel);
a case changes one thing with `zet`, `kop`, `rij_weg`, … and writes it with `schrijf`,
optionally touching the openpyxl workbook (number formats, merged cells) on the way.
Other files (corrupt, encrypted, .xls, .csv, …) are made byte by byte.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Callable

from openpyxl import Workbook

PEILDATUM = dt.date(2025, 1, 1)

MEDEWERKERS_KOP = ["personeelsnummer", "naam", "geboortedatum", "datum_in_dienst", "functie", "schaal",
                   "fte", "dienstverband", "einddatum", "voorkeur_1", "voorkeur_2"]

Bladen = dict[str, list[list]]


def basis() -> Bladen:
    """A small valid scenario: 3 medewerkers, 2 old and 2 new functions, a mapping, one
    judgment, one pin and a peildatum."""
    return copy.deepcopy({
        "Medewerkers": [
            MEDEWERKERS_KOP,
            ["1001", "Anna", dt.date(1970, 3, 1), dt.date(1995, 1, 1), "O1", 8, 1.0, "vast", None, "N1", "N2"],
            ["1002", "Bram", dt.date(1980, 6, 15), dt.date(2005, 9, 1), "O1", 8, 0.8, "vast", None, "N1", None],
            ["1003", "Cor", dt.date(1990, 1, 31), dt.date(2020, 2, 1), "O2", 10, 0.5, "tijdelijk",
             dt.date(2025, 12, 31), None, None],
        ],
        "Oude functies": [
            ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte"],
            ["O1", "Medewerker administratie", "Team A", 8, 2.0],
            ["O2", "Adviseur", "Team B", 10, 1.0],
        ],
        "Nieuwe functies": [
            ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte"],
            ["N1", "Medewerker dienstverlening", "Team A", 8, 2.0],
            ["N2", "Senior adviseur", "Team B", 11, 1.0],
        ],
        "Functiemapping": [
            ["oude_functie", "nieuwe_functie", "wijzigingspercentage"],
            ["O1", "N1", 20],
            ["O2", "N2", 50],
        ],
        "Geschiktheid": [
            ["personeelsnummer", "nieuwe_functie", "oordeel", "toelichting"],
            ["1003", "N2", "geschikt", "assessment 2024"],
        ],
        "Vastgezet": [
            ["personeelsnummer", "nieuwe_functie", "toelichting"],
            ["1001", "N1", "afspraak met OR"],
        ],
        "Parameters": [
            ["parameter", "waarde"],
            ["peildatum", PEILDATUM],
            ["drempel_wijziging", 30],
        ],
    })


# Changing the tables --------------------------------------------------------------------

def zet(bladen: Bladen, blad: str, rij: int, kolom: str, waarde) -> Bladen:
    """Put `waarde` in Excel row `rij` (2 = first data row) under the header `kolom`."""
    rijen = bladen[blad]
    index = rijen[0].index(kolom)
    while len(rijen) < rij:
        rijen.append([None] * len(rijen[0]))
    regel = rijen[rij - 1]
    regel.extend([None] * (index + 1 - len(regel)))
    regel[index] = waarde
    return bladen


def kop(bladen: Bladen, blad: str, oud: str, nieuw) -> Bladen:
    """Rename a header."""
    rijen = bladen[blad]
    rijen[0][rijen[0].index(oud)] = nieuw
    return bladen


def kolom_erbij(bladen: Bladen, blad: str, naam, waarden: list) -> Bladen:
    """Add a column at the right with a header and one value per data row."""
    rijen = bladen[blad]
    rijen[0].append(naam)
    for regel, waarde in zip(rijen[1:], waarden):
        regel.append(waarde)
    return bladen


def rij_erbij(bladen: Bladen, blad: str, **waarden) -> Bladen:
    """Append a data row given by header name."""
    rijen = bladen[blad]
    rijen.append([waarden.get(k) for k in rijen[0]])
    return bladen


def parameter(bladen: Bladen, naam, waarde) -> Bladen:
    """Set (or add) a row of the Parameters sheet."""
    for regel in bladen["Parameters"][1:]:
        if regel[0] == naam:
            regel[1] = waarde
            return bladen
    bladen["Parameters"].append([naam, waarde])
    return bladen


# Writing ---------------------------------------------------------------------------------

def werkboek(bladen: Bladen) -> Workbook:
    boek = Workbook()
    boek.remove(boek.active)
    for titel, rijen in bladen.items():
        ws = boek.create_sheet(titel)
        for rijnummer, regel in enumerate(rijen, start=1):
            for kolomnummer, waarde in enumerate(regel, start=1):
                if waarde is not None:
                    cel = ws.cell(row=rijnummer, column=kolomnummer, value=waarde)
                    if isinstance(waarde, (dt.date, dt.datetime)):
                        cel.number_format = "DD-MM-YYYY"
    return boek


def schrijf(bladen: Bladen, pad: Path, opmaak: Callable[[Workbook], None] | None = None) -> Path:
    """Write sheets to an .xlsx file; `opmaak` may change the openpyxl workbook first."""
    boek = werkboek(bladen)
    if opmaak is not None:
        opmaak(boek)
    boek.save(pad)
    return Path(pad)


def xlsx_bytes(bladen: Bladen | None = None) -> bytes:
    buffer = io.BytesIO()
    werkboek(basis() if bladen is None else bladen).save(buffer)
    return buffer.getvalue()


Maker = Callable[[Path], Path]


def scenario(wijzig: Callable[[Bladen], object] | None = None, *,
             opmaak: Callable[[Workbook], None] | None = None, naam: str = "scenario.xlsx") -> Maker:
    """A case: the base scenario with `wijzig` applied, written as `naam` in a given folder."""
    def maak(map_: Path) -> Path:
        bladen = basis()
        if wijzig is not None:
            wijzig(bladen)
        return schrijf(bladen, Path(map_) / naam, opmaak)
    return maak


def bestand(inhoud: bytes | Callable[[], bytes], naam: str) -> Maker:
    """A case that is a file of given bytes."""
    def maak(map_: Path) -> Path:
        pad = Path(map_) / naam
        pad.write_bytes(inhoud() if callable(inhoud) else inhoud)
        return pad
    return maak


# Files that are not (good) workbooks --------------------------------------------------------

OLE2_KOP = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole2(*stromen: str) -> bytes:
    """An OLE2 compound file look-alike: the magic header, then stream names in UTF-16LE
    (the directory of an encrypted .xlsx names 'EncryptionInfo' and 'EncryptedPackage')."""
    inhoud = OLE2_KOP + b"\x00" * 504
    for naam in stromen:
        inhoud += naam.encode("utf-16-le") + b"\x00" * (64 - 2 * len(naam))
    return inhoud + b"\x00" * 1024


def afgekapt() -> bytes:
    """A workbook cut off half way, as after an interrupted download or a full disk."""
    heel = xlsx_bytes()
    return heel[: len(heel) // 2]


def zip_met(bestanden: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for naam, inhoud in bestanden.items():
            z.writestr(naam, inhoud)
    return buffer.getvalue()


def ods() -> bytes:
    """An OpenDocument spreadsheet's opening: a zip whose first entry is the mimetype."""
    return zip_met({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": "<office:document-content/>"})


def word_document() -> bytes:
    """A zip that is an Office file but no workbook (a .docx)."""
    return zip_met({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
CSV = "personeelsnummer;naam;geboortedatum\n1001;Anna;01-03-1970\n".encode("utf-8")


def met_kapotte_xml(blad_xml: bytes) -> Callable[[], bytes]:
    """The base workbook with the first sheet's XML replaced."""
    def maak() -> bytes:
        bron = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w") as z:
            for item in bron.infolist():
                data = bron.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = blad_xml
                z.writestr(item, data)
        return uit.getvalue()
    return maak
