"""Builds the default Word templates of the letters (docxtpl, Jinja placeholders) in this folder.

Run `python -m plaatsing.uitvoer.sjablonen.maak` after changing a text here; the .docx files are shipped in
the package and P&O edit their own copies in Word (`plaatsing brieven --sjablonen-uitpakken map/`).
The output is byte-identical on every run (fixed document properties and zip timestamps).
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from plaatsing.determinisme import VAST_TIJDSTIP

MAP = Path(__file__).resolve().parent

INLEIDING = ("Zoals u weet wordt onze organisatie opnieuw ingericht. {{ organisatiebesluit }} In deze brief leest u "
             "wat dat voor u betekent: het {{ soort_besluit }}, genomen volgens het sociaal statuut.")
HUIDIG = ("Huidige functie", "{{ huidige_functienaam }} ({{ huidige_eenheid }}, schaal {{ huidige_functieschaal }})")
GEGEVENS_GEPLAATST = [HUIDIG, ("Nieuwe functie", "{{ nieuwe_functienaam }}"), ("Eenheid", "{{ nieuwe_eenheid }}"),
                      ("Schaal", "{{ nieuwe_schaal }}"), ("Arbeidsduur", "{{ uren }} per week"),
                      ("Ingangsdatum", "{{ ingangsdatum }}"), ("Uitkomst", "{{ uitkomst }}")]
GEGEVENS_NIET = [HUIDIG, ("Arbeidsduur", "{{ uren }} per week"), ("Uitkomst", "{{ uitkomst }}")]
GEPLAATST = "U wordt met ingang van {{ ingangsdatum }} geplaatst in de functie {{ nieuwe_functienaam }} in de eenheid " \
            "{{ nieuwe_eenheid }}, voor {{ uren }} per week."

# name -> (subject, paragraphs of the decision itself, facts listed, with salary paragraph)
BRIEFSOORTEN = {
    "plaatsingsbesluit-functievolger": ("plaatsingsbesluit", [
        "Uw functie {{ huidige_functienaam }} gaat over naar de functie {{ nieuwe_functienaam }} in de eenheid "
        "{{ nieuwe_eenheid }}. De inhoud van de functie verandert niet of weinig. Daarom gaat u met uw functie mee: "
        "u bent functievolger ('mens volgt functie') en wordt in deze functie geplaatst, met ingang van "
        "{{ ingangsdatum }} en voor {{ uren }} per week.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-passend": ("plaatsingsbesluit", [
        GEPLAATST + " Dit is voor u een passende functie; waarop dat berust (de verwantschap met uw huidige functie "
        "of een oordeel), leest u onder 'Waarom dit besluit'.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-passend-lager": ("plaatsingsbesluit", [
        GEPLAATST + " Dit is voor u een passende functie, in schaal {{ nieuwe_schaal }}: lager dan uw eigen schaal "
        "{{ huidige_schaal }}.",
        "U houdt uw huidige salaris. Het sociaal statuut geeft u salarisgarantie wanneer u in een lager ingedeelde "
        "functie wordt geplaatst.",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-geschikt": ("plaatsingsbesluit", [
        GEPLAATST + " Dit is voor u een geschikte functie: u kunt de functie vervullen na scholing.",
        "De plaatsing geldt onder de voorwaarde dat u de scholing volgt die wij met u afspreken in een "
        "opleidingsplan, en die met goed gevolg afrondt. Uw leidinggevende bespreekt het opleidingsplan met u.",
        "{{ scholing }}",
    ], GEGEVENS_GEPLAATST, True),
    "plaatsingsbesluit-vastgezet": ("plaatsingsbesluit", [
        "{{ vastgezet }} U wordt met ingang van {{ ingangsdatum }} geplaatst in de functie {{ nieuwe_functienaam }} "
        "in de eenheid {{ nieuwe_eenheid }}, voor {{ uren }} per week.",
    ], GEGEVENS_GEPLAATST, True),
    "besluit-boventalligheid": ("besluit boventalligheid", [
        "Voor u is in de nieuwe organisatie geen plaats. {{ geen_plaats }} U wordt daarom boventallig verklaard.",
        "Wat betekent dit voor u? U bent herplaatsingskandidaat. {{ vwnw }} In die periode zoeken u en de gemeente "
        "samen naar ander werk, binnen of buiten de gemeente, en gaat u als herplaatsingskandidaat voor bij "
        "vacatures waarvoor u passend of geschikt bent. U blijft in die periode in dienst, met uw huidige salaris. "
        "Uw rechten en plichten staan in het sociaal statuut. Uw P&O-adviseur neemt contact met u op voor een "
        "eerste gesprek.",
    ], GEGEVENS_NIET, False),
    "besluit-einde-tijdelijk-contract": ("besluit over uw tijdelijke {{ contract }}", [
        "U hebt een tijdelijke {{ contract }}. {{ tijdelijk_reden }}. "
        "U wordt daarom niet geplaatst, en ook niet boventallig verklaard.",
        "Uw tijdelijke {{ contract }} eindigt {{ einde_contract }}. Omdat u niet boventallig bent, is er voor u geen "
        "van-werk-naar-werktraject.",
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

    onderwerp, besluit, gegevens, salaris = BRIEFSOORTEN[naam]
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = VAST_TIJDSTIP
    doc.core_properties.author = "plaatsing"
    doc.core_properties.title = onderwerp.replace("{{ contract }}", "arbeidsovereenkomst")
    doc.core_properties.revision = 1
    stijl = doc.styles["Normal"]
    stijl.font.name = "Calibri"
    stijl.font.size = Pt(11)
    for sectie in doc.sections:
        sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)
        sectie.left_margin = sectie.right_margin = Cm(2.5)
        sectie.top_margin, sectie.bottom_margin = Cm(2), Cm(2)
        paginanummer(sectie.footer.paragraphs[0], "Pagina ")
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
    _alinea(doc, "{%p if wijziging %}")  # a new voornemen in the second round (regels.md P2): what changed and why
    _alinea(doc, "{{ wijziging }}")
    _alinea(doc, "{%p endif %}")
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
    _alinea(doc, "{%p if voorkeur %}")
    _alinea(doc, "{{ voorkeur }}")
    _alinea(doc, "{%p endif %}")
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


def paginanummer(alinea, voor: str = "Pagina ") -> None:
    """'Pagina 1 van 2' as Word fields (PAGE, NUMPAGES), right-aligned in a footer paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def veld(code: str) -> None:
        for soort, tekst in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
            stuk = alinea.add_run()
            if soort:
                teken = OxmlElement("w:fldChar")
                teken.set(qn("w:fldCharType"), soort)
                stuk._r.append(teken)
            elif tekst == code:
                instructie = OxmlElement("w:instrText")
                instructie.set(qn("xml:space"), "preserve")
                instructie.text = f" {code} "
                stuk._r.append(instructie)
            else:
                stuk.text = tekst

    alinea.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    alinea.add_run(voor)
    veld("PAGE")
    alinea.add_run(" van ")
    veld("NUMPAGES")


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
    for naam in BRIEFSOORTEN:
        (MAP / f"{naam}.docx").write_bytes(maak_sjabloon(naam))
        print(f"geschreven: {naam}.docx")


if __name__ == "__main__":
    main()
