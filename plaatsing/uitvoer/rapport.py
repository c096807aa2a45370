"""The OR-adviesbijlage (personele gevolgen) as Word and Excel documents, with charts."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from plaatsing.determinisme import VAST_TIJDSTIP
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.parameters import AFSPIEGELING, STANDAARD
from plaatsing.uitvoer.afscherming import AFGESCHERMD, klein_teken
from plaatsing.uitvoer.excel import atomair_samen, controleer_uitvoer, schrijf_bytes
from plaatsing.uitvoer.rapport_opmaak import docx_tabel, opmaak, schrijf_werkboek, tekst_van
from plaatsing.uitvoer.rapport_tabellen import Bijlage, TOTAAL, maak_bijlage
from plaatsing.uitvoer.sjablonen.maak import paginanummer, vaste_zip
from plaatsing.zegel import ZEGEL

STAAND_CM, LIGGEND_CM = 17.0, 25.7   # text width of an A4 page with 2 cm margins, upright and landscape

# (attribute, title in Word, sheet name in Excel (at most 31 characters), explanation)
HOOFDSTUKKEN = [
    ("samenvatting", "Samenvatting", "Samenvatting", "De belangrijkste aantallen van deze plaatsing."),
    ("formatie_oud", "Formatie oud per eenheid", "Formatie oud",
     "Functies, formatie (fte) en medewerkers in de huidige organisatie."),
    ("formatie_nieuw", "Formatie nieuw per eenheid", "Formatie nieuw",
     "Functies, formatie, geplaatsten en vacante formatie in de nieuwe organisatie."),
    ("uitkomsten", "Uitkomsten per huidige eenheid", "Uitkomsten per eenheid",
     "Hoe de medewerkers van elke huidige eenheid worden geplaatst: als functievolger (hun functie gaat mee), "
     "in een passende functie, een passende functie in een lagere schaal (met salarisgarantie), een geschikte "
     "functie (na scholing), of volgens een vooraf genomen besluit (vastgezet); of niet geplaatst."),
    ("vacatures", "Vacatures", "Vacatures",
     "Formatie die na plaatsing vacant is, ook in nieuwe functies die via werving worden vervuld. Open formatie "
     "kleiner dan het kleinste contract in de organisatie staat apart, als restformatie."),
    ("restformatie", "Restformatie", "Restformatie",
     "Open formatie die kleiner is dan het kleinste contract in de organisatie: daarop kan niemand worden "
     "aangesteld, het is geen vacature (bijvoorbeeld wat overblijft als een functie met deeltijders is bezet)."),
    ("was_wordt", "Was-wordtoverzicht", "Was-wordt",
     "Elke oude functie met de nieuwe functie(s) en de mate van wijziging."),
    ("grensgevallen", "Grensgevallen functies (SS-0)", "Grensgevallen",
     "Functievergelijkingen uit de taken met een wijzigingspercentage van {van} tot en met {tot} % (de drempel "
     "{drempel} % plus of min 2 punten), en vergelijkingen met bijna dezelfde taakwijziging die aan verschillende "
     "kanten van de drempel vallen."),
    ("selectie", "Selectie in uitwisselbare groepen", "Selectie",
     "Waar een groep medewerkers met dezelfde functie minder plaatsen heeft dan leden: per leeftijdsgroep "
     "hoeveel er hun plaats behouden en hoeveel de selectie verliezen."),
    ("leeftijd", "Leeftijdsopbouw voor en na", "Leeftijd voor en na",
     "Aantal medewerkers per leeftijdsgroep op de peildatum, voor en na plaatsing."),
    ("geslacht", "Verdeling naar geslacht voor en na", "Geslacht voor en na",
     "Aantal medewerkers naar geslacht, voor en na plaatsing."),
    ("deeltijd", "Voltijd en deeltijd voor en na", "Voltijd en deeltijd voor en na",
     "Aantal medewerkers met een voltijd- en een deeltijdaanstelling, voor en na plaatsing."),
    ("financieel", "Financiële gevolgen", "Financiële gevolgen",
     "Op basis van het blad Salaristabel; bedragen per jaar (12 maandsalarissen, zonder toeslagen)."),
]


def legenda(b: Bijlage) -> list[str]:
    """Exactly what was done to keep the bijlage anonymous."""
    d = b.drempel
    regels = [
        "Deze bijlage bevat geen namen, personeelsnummers of geboortedatums.",
        "De totalen per uitkomst voor de hele organisatie (geplaatst, boventallig, niet geplaatst en elke "
        "uitkomst) staan er altijd, ook als ze klein zijn; dan wordt hun uitsplitsing niet getoond.",
        f"Een aantal van 1 tot en met {d - 1} medewerkers in een uitsplitsing staat als '{klein_teken(d)}' "
        f"(drempel_afscherming = {d}). Een 0 staat er gewoon: die zegt niets over een persoon.",
        f"Een groep van minder dan {d} medewerkers wordt niet verder uitgesplitst: de delen ervan staan als "
        f"'{AFGESCHERMD}', ook als ze 0 zijn.",
        f"Verder zijn {b.afgeschermd} andere aantallen afgeschermd met '{AFGESCHERMD}' (secundaire afscherming; zo'n "
        "aantal kan ook 0 of 5 of meer zijn), zodat geen klein aantal is terug te rekenen uit de totalen, rijen, "
        "kolommen of uit het verschil tussen voor en na (hoeveel medewerkers van een groep hun plaats verliezen). "
        f"Dat is voor alle tabellen samen nagerekend: geen klein aantal is preciezer te bepalen dan 'tussen 1 en "
        f"{d - 1}', en binnen een groep van minder dan {d} is geen deel precies te bepalen.",
        f"De bezetting in fte staat alleen naast een getoond aantal medewerkers; een bedrag over minder dan {d} "
        "medewerkers staat als '•'.",
    ]
    leeftijd = [t for t in b.samengevoegd if t.startswith("leeftijdsgroepen")]
    if leeftijd:  # merged by the threshold (rapport_tabellen._leeftijdsgroepen)
        regels.append(f"Samengevoegd omdat de groep anders kleiner dan {d} is: " + "; ".join(leeftijd) + ".")
    if overig := [t for t in b.samengevoegd if t not in leeftijd]:  # always merged, whatever their size
        regels.append("Altijd samengevoegd, ongeacht de grootte: " + "; ".join(overig) + ".")
    return regels


def hoofdstukken(b: Bijlage) -> list[tuple[str, str, str, str]]:
    """The sections that apply to this plan (selection only with SEL-B or where a group lost places)."""
    uit = []
    for sleutel, titel, blad, uitleg in HOOFDSTUKKEN:
        if getattr(b, sleutel) is None:
            continue
        if sleutel == "grensgevallen":
            d = b.drempel_wijziging
            uitleg = uitleg.format(van=f"{d - 2:g}", tot=f"{d + 2:g}", drempel=f"{d:g}")
        if sleutel == "selectie":
            if b.methode == AFSPIEGELING:
                titel, blad = "Afspiegeling en selectie", "Afspiegeling"
                uitleg += (" De selectie volgt het afspiegelingsbeginsel: per uitwisselbare groep blijft de "
                           "leeftijdsopbouw zo goed mogelijk gelijk.")
            else:
                uitleg += " De selectie volgt de anciënniteit: wie langer in dienst is, gaat voor."
        uit.append((sleutel, titel, blad, uitleg))
    return uit


def grafieken(b: Bijlage) -> list[tuple[str, bytes]]:
    """Two pictures: formatie per new eenheid, and formatie old vs new in total (fte, no counts of people)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "plaatsing"
    nieuw = b.formatie_nieuw.data[b.formatie_nieuw.data["eenheid"] != TOTAAL]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(nieuw) + 1.8), dpi=110)
    y = range(len(nieuw))
    bezet = [w if isinstance(w, (int, float)) else 0 for w in nieuw["bezet (fte)"]]
    ax.barh([i + 0.2 for i in y], nieuw["formatie (fte)"], height=0.4, label="formatie (fte)", color="#1F4E78")
    ax.barh([i - 0.2 for i in y], bezet, height=0.4, label="bezet na plaatsing (fte)", color="#9DC3E6")
    ax.set_yticks(list(y), nieuw["eenheid"])
    ax.invert_yaxis()
    ax.set_xlabel("fte")
    ax.set_title("Formatie en bezetting per nieuwe eenheid")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False)
    fig.tight_layout()
    eerste = _png(fig, plt)
    k = b.kerncijfers
    fig, ax = plt.subplots(figsize=(6, 3.6), dpi=110)
    namen = ["formatie oud", "bezetting oud", "formatie nieuw", "bezetting nieuw"]
    waarden = [k["formatie_oud"], k["fte_oud"], k["formatie_nieuw"], k["bezet_nieuw"]]
    staven = ax.bar(namen, waarden, color=["#7F7F7F", "#BFBFBF", "#1F4E78", "#9DC3E6"])
    ax.bar_label(staven, labels=[tekst_van(w, "fte") for w in waarden])
    ax.set_ylabel("fte")
    ax.set_title("Formatie en bezetting oud en nieuw (totaal)")
    fig.tight_layout()
    return [("Formatie en bezetting per nieuwe eenheid", eerste), ("Formatie oud en nieuw", _png(fig, plt))]


def _png(fig, plt) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


VERTROUWELIJK = "Vertrouwelijk"


@dataclass(frozen=True)
class PlanIdentiteit:
    """Which plan the bijlage describes (scenario-formaat.md, OR-bijlage v2)."""

    datum: dt.date
    ronde: str
    scenario_sha256: str
    besluiten_sha256: str
    besluiten: str                               # file name of the besluiten workbook
    afwijkend: tuple[tuple[str, str], ...] = ()  # parameters that differ from their default
    toch: str = ""                               # a warning on every page (made with --toch from a failing plan)

    def regels(self) -> list[str]:
        par = "; ".join(f"{n} = {w}" for n, w in self.afwijkend) or "alle standaard"
        return [f"Plan: {self.besluiten} (ronde: {self.ronde}), gemaakt op {self.datum:%d-%m-%Y}.",
                f"sha256 van het scenario: {self.scenario_sha256[:12]}; sha256 van de besluiten: "
                f"{self.besluiten_sha256[:12]}.",
                f"Parameters die afwijken van de standaard: {par}.",
                *([self.toch] if self.toch else [])]


def identiteit(plan, besluiten: str, besluiten_sha256: str, *, datum: dt.date | None = None,
               toch: str = "") -> PlanIdentiteit:
    """The identity of a plan: its round, the sha256 of its scenario and of its besluiten, and every
    parameter in force that differs from the default (the drempel among them)."""
    rijen = dict(plan.verantwoording.itertuples(index=False)) if plan.verantwoording is not None else {}
    ronde = rijen.get("ronde") or ("definitief" if plan.scenario.voornemen is not None else "voorgenomen")
    standaard = dict(STANDAARD.als_rijen())
    # the peildatum has no default (it is every scenario's own date); the tijdslimiet has one and can change the plan
    afwijkend = tuple((n, w) for n, w in plan.parameters.als_rijen()
                      if n != "peildatum" and w != standaard.get(n) and w != "")
    return PlanIdentiteit(datum or dt.date.today(), ronde, plan.sha256 or "", besluiten_sha256, besluiten, afwijkend, toch)


def sha256_besluiten(pad: Path) -> str:
    """The 'sha256 inhoud' of a besluiten workbook (its seal, P3), else the sha256 of the file."""
    for blad in open_werkboek(Path(pad), besluiten=True):
        if blad.titel == "Verantwoording":
            for _, cellen in blad.rijen:
                if cellen and cellen[0].waarde == ZEGEL and len(cellen) > 1:
                    return str(cellen[1].waarde)
    return hashlib.sha256(Path(pad).read_bytes()).hexdigest()


def bijlage_naam(besluiten: Path) -> str:
    """'almelo-2018' for almelo-2018-besluiten.xlsx, 'almelo-2018-definitief' for
    almelo-2018-besluiten-definitief.xlsx: each plan its own bijlage."""
    return Path(besluiten).stem.replace("-besluiten", "")


def schrijf_rapport(s, toewijzing: dict, uitkomsten: dict, kandidaten, map_: Path, naam: str, *,
                    overschrijf: bool = False, plan: PlanIdentiteit | None = None,
                    docx_pad: Path | None = None) -> tuple[Path, Path]:
    """`<naam>-OR-bijlage.docx` and `<naam>-OR-bijlage.xlsx` in `map_` (or `docx_pad` and the .xlsx
    beside it), stating which plan they describe (`plan`)."""
    b = maak_bijlage(s, kandidaten, toewijzing, uitkomsten)
    docx_pad = Path(docx_pad) if docx_pad else Path(map_) / f"{naam}-OR-bijlage.docx"
    xlsx_pad = docx_pad.with_suffix(".xlsx")
    for pad in (docx_pad, xlsx_pad):
        controleer_uitvoer(pad, overschrijf=overschrijf, invoer=Path(s.bron) if s.bron else None, soort=pad.suffix)
    delen = [(blad, getattr(b, sleutel), uitleg) for sleutel, _titel, blad, uitleg in hoofdstukken(b)]
    kop = f"{VERTROUWELIJK} — OR-bijlage {naam}" + (f" — {plan.toch}" if plan and plan.toch else "")
    # both files or neither (also when stopped halfway); a new file is never written twice at once
    with atomair_samen([docx_pad, xlsx_pad], overschrijf=overschrijf) as (docx_tijdelijk, xlsx_tijdelijk):
        _schrijf_docx(b, s, naam, docx_tijdelijk, plan)
        schrijf_werkboek(xlsx_tijdelijk, delen, (plan.regels() if plan else []) + legenda(b),
                         titel=f"OR-adviesbijlage personele gevolgen {naam}", kop=kop)
    return docx_pad, xlsx_pad


def _schrijf_docx(b: Bijlage, s, naam: str, pad: Path, plan: PlanIdentiteit | None = None) -> None:
    from docx import Document
    from docx.shared import Cm, Pt


    doc = Document()
    doc.core_properties.created = VAST_TIJDSTIP
    doc.core_properties.modified = VAST_TIJDSTIP
    doc.core_properties.author = "plaatsing"
    doc.core_properties.title = f"OR-adviesbijlage personele gevolgen {naam}"
    stijl = doc.styles["Normal"]
    stijl.font.name = "Calibri"
    stijl.font.size = Pt(10)
    for sectie in doc.sections:
        sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)
        sectie.left_margin = sectie.right_margin = Cm(2)
        kop = sectie.header.paragraphs[0]
        kop.add_run(f"{VERTROUWELIJK} — OR-bijlage {naam}").bold = True
        if plan and plan.toch:
            kop.add_run(f" — {plan.toch}").bold = True
        paginanummer(sectie.footer.paragraphs[0], "Pagina ")
    doc.add_heading("Bijlage bij de adviesaanvraag: personele gevolgen", level=0)
    k = b.kerncijfers
    besluit = s.parameters.organisatiebesluit
    doc.add_paragraph(
        f"Scenario: {Path(s.bron).name if s.bron else naam}. Peildatum: {s.parameters.peildatum:%d-%m-%Y}. Deze bijlage hoort bij de adviesaanvraag "
        "aan de ondernemingsraad (artikel 25 WOR) en beschrijft de gevolgen van de reorganisatie voor de "
        f"medewerkers. De formatie gaat van {tekst_van(k['formatie_oud'], 'fte')} fte naar "
        f"{tekst_van(k['formatie_nieuw'], 'fte')} fte." + (f" De plaatsing voert het {besluit} uit." if besluit else ""))
    for regel in plan.regels() if plan else []:
        doc.add_paragraph(regel, style="List Bullet")
    figuren = dict(grafieken(b))
    for nummer, (sleutel, titel, _blad, uitleg) in enumerate(hoofdstukken(b), start=1):
        tabel = getattr(b, sleutel)
        breed = opmaak(tabel, STAAND_CM) is None  # too wide to read upright: this section on landscape pages
        if breed:
            _sectie(doc, liggend=True)
        doc.add_heading(f"{nummer}. {titel}", level=1).paragraph_format.keep_with_next = True
        if uitleg:
            doc.add_paragraph(uitleg).paragraph_format.keep_with_next = True
        docx_tabel(doc, tabel, breedte_cm=LIGGEND_CM if breed else STAAND_CM)
        if breed:
            _sectie(doc, liggend=False)
        if sleutel == "samenvatting":
            doc.add_heading("Hoe deze bijlage anoniem blijft", level=2)
            for regel in legenda(b):
                doc.add_paragraph(regel, style="List Bullet")
        if sleutel == "formatie_nieuw":
            for onderschrift, png in figuren.items():
                doc.add_picture(io.BytesIO(png), width=Cm(15))
                doc.add_paragraph(f"Figuur: {onderschrift}.").runs[0].italic = True
    buffer = io.BytesIO()  # in memory first: a full disk fails in our own write (excel.bewaar)
    doc.save(buffer)
    schrijf_bytes(pad, vaste_zip(buffer.getvalue()))  # without the clock in the zip: the same bijlage, the same bytes


def _sectie(doc, *, liggend: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    sectie = doc.add_section(WD_SECTION.NEW_PAGE)
    sectie.orientation = WD_ORIENT.LANDSCAPE if liggend else WD_ORIENT.PORTRAIT
    sectie.page_width, sectie.page_height = (Cm(29.7), Cm(21)) if liggend else (Cm(21), Cm(29.7))
    sectie.left_margin = sectie.right_margin = Cm(2)


def tabel_tekst(tabel) -> pd.DataFrame:
    """A table as the texts printed in the Word document (for tests and checks)."""
    return pd.DataFrame({k: [tekst_van(v, tabel.soorten.get(k, "tekst")) for v in tabel.data[k]] for k in tabel.data.columns})
