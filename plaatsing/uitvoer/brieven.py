"""Letters: one Word document per medewerker, from the Word template of its decision type.

The templates are .docx files with Jinja placeholders (docxtpl) that P&O edit in Word: the
defaults ship in plaatsing/uitvoer/sjablonen/ (built by plaatsing/uitvoer/sjablonen/maak.py); `--sjablonen map/`
takes a folder of edited ones. File names begin with the personeelsnummer made safe (briefset.bestandsdeel); no
name in a file name. The letters of a run are written as one set (briefset.schrijf_reeks).
"""
from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


from plaatsing.fouten import InvoerFout, Melding
from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.regels.rechtsgrond import artikelen
from plaatsing.uitvoer.briefinhoud import SOORT_PER_UITKOMST, aanhef, context, is_voornemen
from plaatsing.uitvoer.briefset import bestandsdeel, schrijf_reeks
from plaatsing.uitvoer.excel import UitvoerFout, atomair
from plaatsing.uitvoer.sjablonen.maak import BRIEFSOORTEN, vaste_zip

BRIEFHOOFD = "briefhoofd.json"
# every placeholder a template may use (README: "Brieven en sjablonen")
VELDEN = ("naam", "aanhef", "personeelsnummer", "huidige_functienaam", "huidige_eenheid", "huidige_schaal",
          "nieuwe_functienaam", "nieuwe_eenheid", "nieuwe_schaal", "uitkomst", "motivering", "rechtsgrond",
          "rechtsmiddel", "rechtsmiddel_termijn", "zienswijze", "salaris", "vwnw_start", "einde_contract", "datum",
          "onderwerp", "soort_besluit", "ondertekening", "ondertekenaar", "functie_ondertekenaar", "plaats",
          "afzender", "afzender_regel_1", "afzender_regel_2", "afzender_regel_3",
          # v2 (scenario-formaat.md): what every letter needs, from the plan and the parameters
          "huidige_functieschaal", "wijziging", "organisatiebesluit", "ingangsdatum", "uren", "scholing", "vastgezet",
          "geen_plaats", "voorkeur", "vwnw", "vwnw_einde", "contract", "tijdelijk_reden")
@dataclass(frozen=True)
class Sjablonen:
    """The template per decision type (bytes) and the letterhead data."""

    inhoud: dict
    briefhoofd: dict


def standaard_sjablonen() -> Sjablonen:
    map_ = resources.files("plaatsing.uitvoer").joinpath("sjablonen")
    return Sjablonen({naam: map_.joinpath(f"{naam}.docx").read_bytes() for naam in BRIEFSOORTEN},
                     json.loads(map_.joinpath(BRIEFHOOFD).read_text(encoding="utf-8")))


def lees_sjablonen(map_: Path | None = None) -> Sjablonen:
    """The templates in `map_` (edited copies); a template missing there is taken from the defaults."""
    standaard = standaard_sjablonen()
    if map_ is None:
        return standaard
    map_ = Path(map_)
    if not map_.is_dir():
        raise InvoerFout([Melding(str(map_), None, None, "deze map met sjablonen bestaat niet; maak er een met "
                                  "'plaatsing brieven --sjablonen-uitpakken map/'.")])
    inhoud = dict(standaard.inhoud)
    meldingen = []
    for naam in BRIEFSOORTEN:
        pad = map_ / f"{naam}.docx"
        if pad.exists():
            inhoud[naam] = pad.read_bytes()
            meldingen += _controleer_sjabloon(pad.name, inhoud[naam])
    briefhoofd = dict(standaard.briefhoofd)
    if (map_ / BRIEFHOOFD).exists():
        try:
            eigen = json.loads((map_ / BRIEFHOOFD).read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as fout:
            raise InvoerFout([Melding(BRIEFHOOFD, getattr(fout, "lineno", None), None,
                                      "het briefhoofd is geen geldige JSON; vergelijk het met het standaardbestand.")]) from None
        onbekend = sorted(set(eigen) - set(briefhoofd)) if isinstance(eigen, dict) else ["(geen object)"]
        meldingen += [Melding(BRIEFHOOFD, None, None, f"het veld '{k}' is onbekend; bekend zijn: " + ", ".join(briefhoofd))
                      for k in onbekend]
        if isinstance(eigen, dict):
            briefhoofd.update({k: str(v) for k, v in eigen.items() if k in briefhoofd})
    if meldingen:
        raise InvoerFout(meldingen)
    return Sjablonen(inhoud, briefhoofd)


def pak_sjablonen_uit(map_: Path, *, overschrijf: bool = False) -> list[Path]:
    """Write the default templates and the letterhead data into `map_`, to edit in Word."""
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    standaard = standaard_sjablonen()
    bestanden = {f"{naam}.docx": data for naam, data in standaard.inhoud.items()}
    bestanden[BRIEFHOOFD] = (json.dumps(standaard.briefhoofd, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    bestaand = [n for n in bestanden if (map_ / n).exists()]
    if bestaand and not overschrijf:
        raise UitvoerFout(f"'{map_ / bestaand[0]}' bestaat al; geef --overschrijf op of kies een lege map.")
    paden = []
    for naam, data in bestanden.items():
        with atomair(map_ / naam) as tijdelijk:
            tijdelijk.write_bytes(data)
        paden.append(map_ / naam)
    return paden


def _omgeving():
    """A sandboxed Jinja environment (templates are user files) that fails on an unknown placeholder
    and compiles each distinct document part once, however many letters use it."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class Omgeving(SandboxedEnvironment):
        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            if source not in self.vertaald:
                self.vertaald[source] = super().from_string(source)
            return self.vertaald[source]

    omgeving = Omgeving(undefined=StrictUndefined, autoescape=True)
    omgeving.vertaald = {}
    return omgeving


def _controleer_sjabloon(bestand: str, data: bytes) -> list[Melding]:
    """An edited template must open and use only known placeholders (rendered once with dummies)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, UndefinedError

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        onbekend = sorted(tpl.get_undeclared_template_variables(_omgeving()) - set(VELDEN))
    except TemplateSyntaxError as fout:
        return [Melding(bestand, None, None, f"een plaatshouder is niet goed geschreven ({fout.message}); schrijf "
                        "plaatshouders als {{ naam }}.")]
    except (UndefinedError, KeyError, ValueError, OSError, Exception):  # noqa: BLE001 - any unreadable file
        return [Melding(bestand, None, None, "dit is geen Word-document (.docx) dat plaatsing kan lezen; sla het op "
                        "als Word-document.")]
    return [Melding(bestand, None, None, f"de plaatshouder {{{{ {naam} }}}} kent plaatsing niet; bekend zijn: "
                    + ", ".join(VELDEN)) for naam in onbekend]


def bestandsnaam(r) -> str:
    """`<personeelsnummer>-[voorgenomen-]<soort>.docx`, the number made safe (briefset.bestandsdeel)."""
    soort = SOORT_PER_UITKOMST[r.uitkomst]
    soort = "plaatsingsbesluit" if soort.startswith("plaatsingsbesluit") else soort
    return f"{bestandsdeel(r.personeelsnummer)}-{'voorgenomen-' if is_voornemen(r) else ''}{soort}.docx"


def schrijf_brieven(s, plan_besluiten, map_: Path, *, sjablonen: Sjablonen, datum: dt.date,
                    overschrijf: bool = False, medewerkers=None, in_aanmerking: set | None = None,
                    waarschuwing: str = "") -> list[Path]:
    """One .docx per row of the Plaatsingsbesluiten table (as written by solve), by decision type, written as
    one set (briefset.schrijf_reeks: `overschrijf` replaces the whole set); only for `medewerkers`
    (personeelsnummers) when given, keeping the other letters in the folder. `in_aanmerking`: who was
    eligible for any function (the plan's kandidaten; computed when not given)."""
    rijen = list(plan_besluiten.itertuples(index=False))
    if medewerkers:
        bekend = {str(r.personeelsnummer) for r in rijen}
        onbekend = [m for m in medewerkers if m not in bekend]
        if onbekend:
            raise InvoerFout([Melding("Plaatsingsbesluiten", None, "personeelsnummer",
                                      f"personeelsnummer '{onbekend[0]}' staat niet in de besluiten.")])
        rijen = [r for r in rijen if str(r.personeelsnummer) in set(medewerkers)]
    onbekend = [r for r in rijen if r.uitkomst not in SOORT_PER_UITKOMST]
    if onbekend:
        raise InvoerFout([Melding("Plaatsingsbesluiten", None, "uitkomst",
                                  f"onbekende uitkomst '{onbekend[0].uitkomst}' bij {onbekend[0].personeelsnummer}.")])
    artikel = artikelen(s.rechtsgrond)
    if in_aanmerking is None:
        in_aanmerking = set(bepaal_kandidaten(s).opties["personeelsnummer"])
    omgeving = _omgeving()

    def maak(r):
        waarden = context(s, r, sjablonen.briefhoofd, datum, artikel, r.personeelsnummer in in_aanmerking)
        return lambda: vul_sjabloon(sjablonen.inhoud[SOORT_PER_UITKOMST[r.uitkomst]], waarden, omgeving, waarschuwing)
    return schrijf_reeks(Path(map_), [(str(r.personeelsnummer), bestandsnaam(r), maak(r)) for r in rijen],
                         overschrijf=overschrijf, deel=bool(medewerkers))


def vul_sjabloon(sjabloon: bytes, waarden: dict, omgeving=None, waarschuwing: str = "") -> bytes:
    """The letter; `waarschuwing` (a plan that fails the toets, made with --toch) in the header of every page."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(sjabloon))
    tpl.render(waarden, omgeving or _omgeving())
    if waarschuwing:
        for sectie in tpl.docx.sections:
            sectie.header.is_linked_to_previous = False
            sectie.header.paragraphs[0].add_run(waarschuwing).bold = True
    buffer = io.BytesIO()
    tpl.save(buffer)
    return vaste_zip(buffer.getvalue())


def brieftekst(pad: Path) -> str:
    """All paragraph text of a letter (for checks)."""
    from docx import Document

    return "\n".join(p.text for p in Document(pad).paragraphs)

