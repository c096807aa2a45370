"""Letters: one Word document per medewerker with the voorgenomen plaatsingsbesluit.

Letterhead, signatory and appeal route come from a small template (INI) the municipality can edit;
the default is plaatsing/uitvoer/sjablonen/brief.ini. File names hold the personeelsnummer only.
"""
from __future__ import annotations

import configparser
import datetime as dt
from importlib import resources
from pathlib import Path

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.uitvoer.excel import atomair

VELDEN = ("afzender", "afzender_regels", "plaats", "onderwerp", "aanhef", "inleiding", "zienswijze", "bezwaar",
          "termijn", "afsluiting", "ondertekenaar", "functie_ondertekenaar")
VAST_TIJDSTIP = dt.datetime(2000, 1, 1)


def lees_sjabloon(pad: Path | None = None) -> dict[str, str]:
    tekst = Path(pad).read_text(encoding="utf-8") if pad else \
        resources.files("plaatsing.uitvoer").joinpath("sjablonen/brief.ini").read_text(encoding="utf-8")
    parser = configparser.ConfigParser(interpolation=None)
    blad = str(pad) if pad else "brief.ini"
    try:
        parser.read_string(tekst)
    except configparser.Error as fout:
        raise InvoerFout([Melding(blad, getattr(fout, "lineno", None), None,
                                  f"het sjabloon is niet te lezen ({type(fout).__name__}); vergelijk het met het standaardsjabloon.")]) from None
    if not parser.has_section("brief"):
        raise InvoerFout([Melding(blad, None, None, "het sjabloon mist de sectie [brief].")])
    sjabloon = dict(parser["brief"])
    ontbreekt = [v for v in VELDEN if v not in sjabloon]
    if ontbreekt:
        raise InvoerFout([Melding(blad, None, v, "dit veld ontbreekt in het sjabloon.") for v in ontbreekt])
    return sjabloon


def schrijf_brieven(plan_besluiten, map_: Path, *, sjabloon: dict, datum: dt.date, overschrijf: bool = False) -> list[Path]:
    """One .docx per row of the Plaatsingsbesluiten table (as written by solve)."""
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    paden = []
    for r in plan_besluiten.itertuples(index=False):
        pad = map_ / f"{r.personeelsnummer}-voorgenomen-plaatsingsbesluit.docx"
        if pad.exists() and not overschrijf:
            from plaatsing.uitvoer.excel import UitvoerFout
            raise UitvoerFout(f"'{pad}' bestaat al; geef --overschrijf op of kies een andere map.")
        paden.append(pad)
    for r, pad in zip(plan_besluiten.itertuples(index=False), paden):
        _brief(r, pad, sjabloon, datum)
    return paden


def _brief(r, pad: Path, sjabloon: dict, datum: dt.date) -> None:
    from docx import Document
    from docx.shared import Pt

    naam = r.naam if isinstance(r.naam, str) and r.naam.strip() else f"medewerker {r.personeelsnummer}"
    waarden = {"naam": naam, "personeelsnummer": r.personeelsnummer, "datum": f"{datum:%d-%m-%Y}",
               "termijn": sjabloon["termijn"]}
    vul = lambda veld: sjabloon[veld].format(**waarden)  # noqa: E731
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = VAST_TIJDSTIP
    doc.core_properties.title = sjabloon["onderwerp"]
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    kop = doc.add_paragraph()
    kop.add_run(sjabloon["afzender"]).bold = True
    for regel in sjabloon["afzender_regels"].splitlines():
        kop.add_run("\n" + regel.strip())
    doc.add_paragraph(f"{sjabloon['plaats']}, {datum:%d-%m-%Y}")
    doc.add_paragraph(f"Betreft: {vul('onderwerp')}\nPersoneelsnummer: {r.personeelsnummer}")
    doc.add_paragraph(vul("aanhef"))
    doc.add_paragraph(vul("inleiding"))
    doc.add_heading("Uw plaatsing", level=2)
    for label, waarde in _gegevens(r):
        alinea = doc.add_paragraph(style="List Bullet")
        alinea.add_run(f"{label}: ").bold = True
        alinea.add_run(waarde)
    doc.add_heading("Motivering", level=2)
    doc.add_paragraph(str(r.motivering))
    doc.add_heading("Zienswijze en bezwaar", level=2)
    doc.add_paragraph(vul("zienswijze"))
    doc.add_paragraph(vul("bezwaar"))
    doc.add_paragraph(f"{vul('afsluiting')}\n\n\n{sjabloon['ondertekenaar']}\n{sjabloon['functie_ondertekenaar']}")
    with atomair(pad) as tijdelijk:
        doc.save(tijdelijk)


def _gegevens(r) -> list[tuple[str, str]]:
    geplaatst = isinstance(r.nieuwe_functie, str) and r.nieuwe_functie
    regels = [("Uitkomst", str(r.uitkomst)), ("Huidige functie", f"{r.huidige_functie} ({r.huidige_eenheid})")]
    if geplaatst:
        regels += [("Nieuwe functie", f"{r.nieuwe_functie} {r.nieuwe_functienaam}"),
                   ("Eenheid", str(r.nieuwe_eenheid)), ("Schaal", f"{int(r.nieuwe_schaal)}"),
                   ("Salarisgarantie", "ja, u behoudt uw huidige salaris" if r.salarisgarantie == "ja" else "nee")]
    else:
        regels.append(("Nieuwe functie", "geen: u wordt niet geplaatst in de nieuwe formatie"))
    regels.append(("Toegepaste regels", str(r.regels)))
    return regels
