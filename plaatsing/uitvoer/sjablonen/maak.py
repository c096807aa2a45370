"""Builds the default Word templates of the letters (docxtpl, Jinja placeholders) in this folder.

Run `python -m plaatsing.uitvoer.sjablonen.maak` after changing a text here; the .docx files are shipped in
the package and P&O edit their own copies in Word (`plaatsing brieven --sjablonen-uitpakken map/`).
The output is byte-identical on every run (fixed document properties and zip timestamps).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

MAP = Path(__file__).resolve().parent
VAST_TIJDSTIP = dt.datetime(2000, 1, 1)

INLEIDING = ("Zoals u weet wordt onze organisatie opnieuw ingericht. In deze brief leest u het {{ soort_besluit }} "
             "over uw plaats in de nieuwe organisatie, genomen volgens het sociaal statuut.")
GEGEVENS_GEPLAATST = [("Huidige functie", "{{ huidige_functienaam }} ({{ huidige_eenheid }}, schaal {{ huidige_schaal }})"),
                      ("Nieuwe functie", "{{ nieuwe_functienaam }}"), ("Eenheid", "{{ nieuwe_eenheid }}"),
                      ("Schaal", "{{ nieuwe_schaal }}"), ("Uitkomst", "{{ uitkomst }}")]
GEGEVENS_NIET = [("Huidige functie", "{{ huidige_functienaam }} ({{ huidige_eenheid }}, schaal {{ huidige_schaal }})"),
                 ("Nieuwe functie", "{{ nieuwe_functienaam }}"), ("Uitkomst", "{{ uitkomst }}")]

# name -> (subject, paragraphs of the decision itself, facts listed, with salary paragraph)
SOORTEN = {
    "plaatsingsbesluit-functievolger": ("plaatsingsbesluit", [
        "Uw functie {{ huidige_functienaam }} gaat over naar de functie {{ nieuwe_functienaam }} in de eenheid "
        "{{ nieuwe_eenheid }}. De inhoud van de functie verandert niet of weinig. Daarom gaat u met uw functie mee: "
        "u bent functievolger ('mens volgt functie') en wordt in deze functie geplaatst.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-passend": ("plaatsingsbesluit", [
        "U wordt geplaatst in de functie {{ nieuwe_functienaam }} in de eenheid {{ nieuwe_eenheid }}. Dit is voor u "
        "een passende functie: de functie sluit aan bij uw huidige functie, uw opleiding en uw ervaring.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-passend-lager": ("plaatsingsbesluit", [
        "U wordt geplaatst in de functie {{ nieuwe_functienaam }} in de eenheid {{ nieuwe_eenheid }}. Dit is voor u "
        "een passende functie, in schaal {{ nieuwe_schaal }}: lager dan uw eigen schaal {{ huidige_schaal }}.",
        "U houdt uw huidige salaris. Het sociaal statuut geeft u salarisgarantie wanneer u in een lager ingedeelde "
        "functie wordt geplaatst.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-geschikt": ("plaatsingsbesluit", [
        "U wordt geplaatst in de functie {{ nieuwe_functienaam }} in de eenheid {{ nieuwe_eenheid }}. Dit is voor u "
        "een geschikte functie: u kunt de functie vervullen na scholing.",
        "De plaatsing geldt onder de voorwaarde dat u de scholing volgt die wij met u afspreken in een "
        "opleidingsplan, en die met goed gevolg afrondt. Uw leidinggevende bespreekt het opleidingsplan met u.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-vastgezet": ("plaatsingsbesluit", [
        "Over uw plaatsing is al eerder een besluit genomen. U wordt geplaatst in de functie {{ nieuwe_functienaam }} "
        "in de eenheid {{ nieuwe_eenheid }}.",
    ], GEGEVENS_GEPLAATST, True),
    "besluit-boventalligheid": ("besluit boventalligheid", [
        "Voor u is in de nieuwe organisatie geen plaats: er is geen functie waarin u volgens het sociaal statuut "
        "kunt worden geplaatst. U wordt daarom boventallig verklaard.",
        "Wat betekent dit voor u? U bent herplaatsingskandidaat. Uw van-werk-naar-werkperiode begint {{ vwnw_start }}. "
        "In die periode zoeken u en de gemeente samen naar ander werk, binnen of buiten de gemeente, en hebt u "
        "voorrang bij vacatures waarvoor u passend of geschikt bent. U blijft in die periode in dienst. Uw rechten "
        "en plichten staan in het sociaal statuut. Uw P&O-adviseur neemt contact met u op voor een eerste gesprek.",
    ], GEGEVENS_NIET, False),
    "besluit-einde-tijdelijk-contract": ("besluit over uw tijdelijke arbeidsovereenkomst", [
        "U hebt een tijdelijke arbeidsovereenkomst. Bij de plaatsing komen medewerkers met een tijdelijke "
        "arbeidsovereenkomst na collega's in vaste dienst, en voor u is in de nieuwe organisatie geen plaats. "
        "U wordt daarom niet geplaatst, en ook niet boventallig verklaard.",
        "Uw tijdelijke arbeidsovereenkomst eindigt {{ einde_contract }}.",
    ], GEGEVENS_NIET, False),
}


def _alinea(doc, tekst="", *, stijl=None, vet=False, groot=None, bij_volgende=False, ruimte_na=6):
    from docx.shared import Pt

    p = doc.add_paragraph(style=stijl)
    if tekst:
        stuk = p.add_run(tekst)
        stuk.bold = vet
        if groot:
            stuk.font.size = Pt(groot)
    p.paragraph_format.space_after = Pt(ruimte_na)
    p.paragraph_format.keep_with_next = bij_volgende
    return p


def maak_sjabloon(naam: str) -> bytes:
    """One template as .docx bytes."""
    from docx import Document
    from docx.shared import Cm, Pt

    onderwerp, besluit, gegevens, salaris = SOORTEN[naam]
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = VAST_TIJDSTIP
    doc.core_properties.author = "plaatsing"
    doc.core_properties.title = onderwerp
    doc.core_properties.revision = 1
    stijl = doc.styles["Normal"]
    stijl.font.name = "Calibri"
    stijl.font.size = Pt(11)
    for sectie in doc.sections:
        sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)
        sectie.left_margin = sectie.right_margin = Cm(2.5)
        sectie.top_margin, sectie.bottom_margin = Cm(2), Cm(2)
    _alinea(doc, "{{ afzender }}", vet=True, groot=14, ruimte_na=0)
    for regel in ("{{ afzender_regel_1 }}", "{{ afzender_regel_2 }}", "{{ afzender_regel_3 }}"):
        _alinea(doc, regel, ruimte_na=0)
    _alinea(doc, ruimte_na=12)
    _alinea(doc, "{{ naam }}", ruimte_na=0)
    _alinea(doc, "Personeelsnummer: {{ personeelsnummer }}", ruimte_na=12)
    _alinea(doc, "{{ plaats }}, {{ datum }}", ruimte_na=12)
    _alinea(doc, "Betreft: {{ onderwerp }}", vet=True, ruimte_na=12)
    _alinea(doc, "{{ aanhef }},")
    _alinea(doc, INLEIDING)
    doc.add_heading("Het besluit", level=2)
    for tekst in besluit:
        _alinea(doc, tekst)
    for label, waarde in gegevens:
        p = _alinea(doc, stijl="List Bullet", ruimte_na=0)
        p.add_run(f"{label}: ").bold = True
        p.add_run(waarde)
    _alinea(doc, ruimte_na=0)
    if salaris:
        doc.add_heading("Uw salaris", level=2)
        _alinea(doc, "{{ salaris }}")
    doc.add_heading("Waarom dit besluit", level=2)
    _alinea(doc, "{{ motivering }}")
    _alinea(doc, "{{ rechtsgrond }}")
    doc.add_heading("Uw reactie", level=2)
    _alinea(doc, "{{ zienswijze }}")
    _alinea(doc, "{{ rechtsmiddel }}")
    _alinea(doc, "Hebt u vragen over deze brief? Neem dan contact op met uw P&O-adviseur.", ruimte_na=18)
    # the signature block stays together on one page: keep-with-next and keep-together
    blok = [_alinea(doc, "Met vriendelijke groet,", ruimte_na=0, bij_volgende=True),
            _alinea(doc, "{{ ondertekening }}", ruimte_na=30, bij_volgende=True),
            _alinea(doc, "{{ ondertekenaar }}", ruimte_na=0, bij_volgende=True),
            _alinea(doc, "{{ functie_ondertekenaar }}", ruimte_na=0)]
    for p in blok:
        p.paragraph_format.keep_together = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return vaste_zip(buffer.getvalue())


def vaste_zip(inhoud: bytes) -> bytes:
    """The same zip with fixed timestamps and order, so that equal documents are equal bytes."""
    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o644 << 16
            doel.writestr(nieuw, bron.read(info.filename), compresslevel=1)
    return uit.getvalue()


def main() -> None:
    for naam in SOORTEN:
        (MAP / f"{naam}.docx").write_bytes(maak_sjabloon(naam))
        print(f"geschreven: {naam}.docx")


if __name__ == "__main__":
    main()
