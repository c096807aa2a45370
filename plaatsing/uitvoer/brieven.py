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

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.parameters import BEZWAAR
from plaatsing.uitleg.rechtsgrond import artikelen, rechtsgrond_tekst, zonder_regelcodes
from plaatsing.uitvoer.briefset import bestandsdeel, schrijf_reeks
from plaatsing.uitvoer.excel import UitvoerFout, atomair
from plaatsing.uitvoer.sjablonen.maak import SOORTEN, vaste_zip

BRIEFHOOFD = "briefhoofd.json"
SOORT_PER_UITKOMST = {
    "functievolger": "plaatsingsbesluit-functievolger", "passend": "plaatsingsbesluit-passend",
    "passend lager": "plaatsingsbesluit-passend-lager", "geschikt": "plaatsingsbesluit-geschikt",
    "vastgezet": "plaatsingsbesluit-vastgezet", "boventallig": "besluit-boventalligheid",
    "niet geplaatst (tijdelijk)": "besluit-einde-tijdelijk-contract",
}
# every placeholder a template may use (README: "Brieven en sjablonen")
VELDEN = ("naam", "aanhef", "personeelsnummer", "huidige_functienaam", "huidige_eenheid", "huidige_schaal",
          "nieuwe_functienaam", "nieuwe_eenheid", "nieuwe_schaal", "uitkomst", "motivering", "rechtsgrond",
          "rechtsmiddel", "rechtsmiddel_termijn", "zienswijze", "salaris", "vwnw_start", "einde_contract", "datum",
          "onderwerp", "soort_besluit", "ondertekening", "ondertekenaar", "functie_ondertekenaar", "plaats",
          "afzender", "afzender_regel_1", "afzender_regel_2", "afzender_regel_3")
ROUTE = {
    "geschillencommissie": (
        "zes weken",
        "Bent u het niet eens met het definitieve besluit? Dan kunt u binnen zes weken nadat het besluit aan u "
        "bekend is gemaakt een geschil voorleggen aan de geschillencommissie van de gemeente, volgens de "
        "geschillenregeling van de cao (Cao Gemeenten). Na de uitspraak van de geschillencommissie kunt u zich "
        "wenden tot de kantonrechter."),
    BEZWAAR: (
        "zes weken",
        "Bent u het niet eens met het definitieve besluit? Dan kunt u binnen zes weken na de dag waarop het besluit "
        "aan u bekend is gemaakt bezwaar maken bij het college van burgemeester en wethouders (artikel 6:7 van de "
        "Algemene wet bestuursrecht). Vermeld in uw bezwaarschrift uw naam en adres, de datum, het besluit waartegen "
        "u bezwaar maakt en waarom, en onderteken het."),
}


@dataclass(frozen=True)
class Sjablonen:
    """The template per decision type (bytes) and the letterhead data."""

    inhoud: dict
    briefhoofd: dict


def standaard_sjablonen() -> Sjablonen:
    map_ = resources.files("plaatsing.uitvoer").joinpath("sjablonen")
    return Sjablonen({naam: map_.joinpath(f"{naam}.docx").read_bytes() for naam in SOORTEN},
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
    for naam in SOORTEN:
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


def aanhef(naam: str, geslacht) -> str:
    """'Geachte heer Ter Horst' / 'Geachte mevrouw De Vries' when geslacht is known, else 'Geachte Jan ter Horst'."""
    if geslacht in ("M", "V"):
        delen = naam.split()
        achternaam = " ".join(delen[1:]) if len(delen) > 1 else naam
        achternaam = achternaam[:1].upper() + achternaam[1:]
        return f"Geachte {'heer' if geslacht == 'M' else 'mevrouw'} {achternaam}"
    return f"Geachte {naam}"


def _euro(bedrag: float) -> str:
    return "€ " + f"{round(bedrag):,}".replace(",", ".")


def _salaris(s, r, huidig: int, nieuw: int) -> str:
    if nieuw < huidig:
        return (f"De nieuwe functie is ingedeeld in schaal {nieuw}, lager dan uw eigen schaal {huidig}. U houdt uw "
                "huidige salaris (salarisgarantie).")
    if nieuw == huidig:
        return f"De nieuwe functie is ingedeeld in uw eigen schaal {huidig}. Uw salaris verandert niet."
    tekst = (f"De nieuwe functie is ingedeeld in schaal {nieuw}, hoger dan uw eigen schaal {huidig}. Met ingang "
             f"van uw plaatsing wordt uw salaris vastgesteld in schaal {nieuw}.")
    tabel = s.salaristabel["maandsalaris"] if not s.salaristabel.empty else {}
    if huidig in tabel and nieuw in tabel:
        tekst += (f" Volgens de salaristabel is het maandsalaris in schaal {nieuw} {_euro(tabel[nieuw])}, tegen "
                  f"{_euro(tabel[huidig])} in schaal {huidig} (bij een volledige werkweek, zonder toeslagen).")
    return tekst


def context(s, r, sjablonen: Sjablonen, datum: dt.date, artikel: dict) -> dict:
    """Every placeholder of the letter for one row of Plaatsingsbesluiten: facts of this person only."""
    mw = s.medewerkers.loc[r.personeelsnummer]
    oud = s.oude_functies.loc[mw["functie"]]
    naam = r.naam if isinstance(r.naam, str) and r.naam.strip() else f"medewerker {r.personeelsnummer}"
    geplaatst = isinstance(r.nieuwe_functie, str) and bool(r.nieuwe_functie)
    voorgenomen = str(getattr(r, "status_besluit", "voorgenomen") or "voorgenomen") == "voorgenomen"
    soort = SOORTEN[SOORT_PER_UITKOMST[r.uitkomst]][0]
    b = sjablonen.briefhoofd
    termijn, route = ROUTE[s.parameters.rechtsmiddel]
    functienamen = {**s.oude_functies["functienaam"].to_dict(), **s.nieuwe_functies["functienaam"].to_dict()}
    einde = mw.get("einddatum")
    ingang = getattr(s.parameters, "ingangsdatum", None)
    nieuw = s.nieuwe_functies.loc[r.nieuwe_functie] if geplaatst else None
    waarden = {
        "naam": naam, "aanhef": aanhef(naam, mw.get("geslacht")), "personeelsnummer": str(r.personeelsnummer),
        "huidige_functienaam": str(oud["functienaam"]), "huidige_eenheid": str(oud["eenheid"]),
        "huidige_schaal": str(int(mw["schaal"])),
        "nieuwe_functienaam": str(nieuw["functienaam"]) if geplaatst else "geen: u wordt niet geplaatst in de nieuwe formatie",
        "nieuwe_eenheid": str(nieuw["eenheid"]) if geplaatst else "",
        "nieuwe_schaal": str(int(nieuw["schaal"])) if geplaatst else "",
        "uitkomst": str(r.uitkomst),
        "motivering": zonder_regelcodes(str(r.motivering), artikel, functienamen),
        "rechtsgrond": rechtsgrond_tekst(str(r.regels).split(";"), artikel),
        "rechtsmiddel": route if voorgenomen else route.replace("het definitieve besluit", "dit besluit"),
        "rechtsmiddel_termijn": termijn,
        "zienswijze": (f"Dit is een voorgenomen besluit. U kunt binnen {b['termijn_zienswijze']} na de datum van deze "
                       "brief schriftelijk uw zienswijze geven aan de afdeling P&O. Uw zienswijze wordt voorgelegd aan de "
                       "plaatsingsadviescommissie, die het college adviseert voordat het definitieve besluit wordt "
                       "genomen.") if voorgenomen else "Dit is het definitieve besluit.",
        "salaris": _salaris(s, r, int(mw["schaal"]), int(nieuw["schaal"])) if geplaatst else "",
        "vwnw_start": f"op {ingang:%d-%m-%Y}" if isinstance(ingang, dt.date) else "op de dag waarop het definitieve besluit ingaat",
        "einde_contract": (f"op {pd.Timestamp(einde):%d-%m-%Y}, zoals in uw arbeidsovereenkomst staat"
                           if einde is not None and not pd.isna(einde) else "op de einddatum die in uw arbeidsovereenkomst staat"),
        "datum": f"{datum:%d-%m-%Y}",
        "onderwerp": (f"Voorgenomen {soort}" if voorgenomen else soort[:1].upper() + soort[1:]),
        "soort_besluit": f"voorgenomen {soort}" if voorgenomen else soort,
        "ondertekening": s.parameters.ondertekening or b["ondertekening"],
        **{k: b[k] for k in ("ondertekenaar", "functie_ondertekenaar", "plaats", "afzender", "afzender_regel_1",
                             "afzender_regel_2", "afzender_regel_3")},
    }
    return waarden


def bestandsnaam(r) -> str:
    """`<personeelsnummer>-[voorgenomen-]<soort>.docx`, the number made safe (briefset.bestandsdeel)."""
    soort = SOORT_PER_UITKOMST[r.uitkomst]
    soort = "plaatsingsbesluit" if soort.startswith("plaatsingsbesluit") else soort
    voorgenomen = str(getattr(r, "status_besluit", "voorgenomen") or "voorgenomen") == "voorgenomen"
    return f"{bestandsdeel(r.personeelsnummer)}-{'voorgenomen-' if voorgenomen else ''}{soort}.docx"


def schrijf_brieven(s, plan_besluiten, map_: Path, *, sjablonen: Sjablonen, datum: dt.date,
                    overschrijf: bool = False, medewerkers=None) -> list[Path]:
    """One .docx per row of the Plaatsingsbesluiten table (as written by solve), by decision type, written as
    one set (briefset.schrijf_reeks: `overschrijf` replaces the whole set); only for `medewerkers`
    (personeelsnummers) when given, keeping the other letters in the folder."""
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
    omgeving = _omgeving()

    def maak(r):
        return lambda: vul_sjabloon(sjablonen.inhoud[SOORT_PER_UITKOMST[r.uitkomst]],
                                    context(s, r, sjablonen, datum, artikel), omgeving)
    return schrijf_reeks(Path(map_), [(str(r.personeelsnummer), bestandsnaam(r), maak(r)) for r in rijen],
                         overschrijf=overschrijf, deel=bool(medewerkers))


def vul_sjabloon(sjabloon: bytes, waarden: dict, omgeving=None) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(sjabloon))
    tpl.render(waarden, omgeving or _omgeving())
    buffer = io.BytesIO()
    tpl.save(buffer)
    return vaste_zip(buffer.getvalue())


def brieftekst(pad: Path) -> str:
    """All paragraph text of a letter (for checks)."""
    from docx import Document

    return "\n".join(p.text for p in Document(pad).paragraphs)

