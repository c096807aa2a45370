"""Legal basis as data: the municipality's own articles per rule (optional sheet Rechtsgrond), a
plain Dutch description of every rule as fallback, and letters without internal rule codes."""
from __future__ import annotations

import re

# Every rule ID of the rules (docs/regels.md), described for an employee, without jargon.
BESCHRIJVING = {
    "SS-0": "de functievergelijking op basis van de taken van de oude en de nieuwe functie",
    "SS-1": "de regel 'mens volgt functie': wie een functie heeft die niet of weinig wijzigt, gaat met die functie mee",
    "SS-2": "plaatsing in een passende functie: een verwante functie in de eigen schaal",
    "SS-3": "plaatsing in een passende functie in een lagere schaal, met behoud van salaris",
    "SS-4": "plaatsing in een geschikte functie, die u na scholing kunt vervullen",
    # never "via werving vervuld" (regels.md §10): a boventallige may be on the function's Herplaatsing list
    "SS-5": ("een nieuwe functie wordt opengesteld; wie boventallig is, kan er na een oordeel over geschiktheid voor "
             "in aanmerking komen en gaat dan als herplaatsingskandidaat vóór kandidaten van buiten"),
    "SS-6": "het oordeel over passendheid of geschiktheid",
    "SS-7": "een plaatsingsbesluit dat vooraf is genomen",
    "H1": "de formatie van een functie wordt niet overschreden",
    "H2": "plaatsing alleen in een functie die passend of geschikt is, of waarover vooraf is besloten",
    "H3": "besluiten die vooraf zijn genomen, worden gevolgd",
    "H4": "het recht van een functievolger op plaatsing in de eigen functie, zolang er plaats is",
    "H5": ("medewerkers met een tijdelijk contract komen na medewerkers in vaste dienst, en een tijdelijk contract "
           "dat eindigt vóór de nieuwe organisatie ingaat, leidt niet tot plaatsing"),
    "SEL-A": "bij te weinig plaatsen gaat wie het langst in dienst is voor (anciënniteit)",
    "SEL-B": "bij te weinig plaatsen blijft de leeftijdsopbouw zo goed mogelijk gelijk (afspiegelingsbeginsel)",
    "O1": "zo weinig mogelijk medewerkers worden boventallig",
    "O2": "niemand verliest zijn plaats aan een collega met minder voorrang",
    "O3": "eerst plaatsing in de eigen of een passende functie, daarna in een lagere of geschikte functie",
    "O4": "voorkeuren worden zoveel mogelijk gevolgd; een voorkeur is een wens, geen recht",
    "O5": "zo weinig mogelijk salarisgarantie",
    "O6": "bij verder gelijke uitkomst beslist de diensttijd",
    "F1": "de toets op formatie, geschiktheid, vooraf genomen besluiten, functievolgerrecht en tijdelijke contracten",
    "F2": "de toets dat niemand is verdrongen en dat de diensttijd de gelijke gevallen beslist",
    "F3": "de toets op de selectievolgorde binnen een uitwisselbare groep",
    "F4": "de toets dat zo weinig mogelijk medewerkers boventallig zijn",
    "F5": "hetzelfde scenario geeft altijd dezelfde besluiten",
    "P1": "een overgenomen advies van de plaatsingsadviescommissie of een zienswijze wordt gevolgd",
    "P2": "in de definitieve ronde verandert zo weinig mogelijk ten opzichte van het voornemen",
    "P3": "elke versie van de besluiten is herleidbaar tot de vorige",
}
REGEL_ID = r"(?:SS-\d|SEL-[AB]|\bH\d[ab]?|\bO\d|\bP\d|\bF\d)\b"
_ALLEEN_IDS = re.compile(rf"^\s*{REGEL_ID}(?:\s*(?:,|;|en|tot en met|vóór|t/m)\s*{REGEL_ID})*\s*$")


def hoofd_id(regel: str) -> str:
    """H4a and H4b are parts of H4."""
    return regel[:-1] if re.fullmatch(r"H\d[ab]", regel) else regel


def artikelen(rechtsgrond) -> dict[str, tuple[str, str]]:
    """rule ID -> (artikel, tekst) from the Rechtsgrond sheet (empty without it)."""
    if rechtsgrond is None or len(rechtsgrond) == 0:
        return {}
    return {r.regel: (r.artikel, r.tekst if isinstance(r.tekst, str) else "")
            for r in rechtsgrond.itertuples(index=False)}


def rechtsgrond_tekst(regels: list[str], artikel: dict) -> str:
    """'Dit besluit berust op artikel 23:1:3:3 lid 1 van het sociaal statuut (…) en …' — the cited
    articles, and for a rule without an article a plain description (never a bare rule ID)."""
    delen, gezien = [], set()
    for regel in regels:
        regel = hoofd_id(regel.strip())
        if not regel or regel in gezien or regel not in BESCHRIJVING:
            continue
        gezien.add(regel)
        if regel in artikel:
            nummer, tekst = artikel[regel]
            delen.append(f"{nummer} ({tekst or BESCHRIJVING[regel]})")
        else:
            delen.append(BESCHRIJVING[regel])
    if not delen:
        return "Dit besluit berust op het sociaal statuut."
    opsomming = delen[0] if len(delen) == 1 else "; ".join(delen[:-1]) + "; en " + delen[-1]
    return f"Dit besluit berust op het sociaal statuut: {opsomming}."


def zonder_regelcodes(tekst: str, artikel: dict, functienamen: dict | None = None) -> str:
    """A motivering for a letter: rule IDs become the cited article or disappear (the rechtsgrond
    paragraph describes the rules); function codes give way to the function titles."""
    def haakjes(m):
        delen = []
        for deel in re.split(r"\s*;\s*|,\s+", m.group(1)):
            if _ALLEEN_IDS.match(deel):
                delen += [artikel[hoofd_id(i)][0] for i in re.findall(REGEL_ID, deel) if hoofd_id(i) in artikel]
                continue
            kop = re.match(rf"^({REGEL_ID}(?:\s*(?:vóór|en)\s*{REGEL_ID})*):\s*(.*)$", deel)
            if kop:
                nummers = [artikel[hoofd_id(i)][0] for i in re.findall(REGEL_ID, kop.group(1)) if hoofd_id(i) in artikel]
                deel = (", ".join(nummers) + ": " if nummers else "") + kop.group(2)
            deel = re.sub(REGEL_ID, lambda r: artikel.get(hoofd_id(r.group(0)), ("",))[0], deel).strip()
            if deel:
                delen.append(deel)
        delen = list(dict.fromkeys(delen))
        return f" ({', '.join(delen)})" if delen else ""

    tekst = re.sub(r"\s*\(([^()]*)\)", lambda m: haakjes(m) if re.search(REGEL_ID, m.group(1)) else m.group(0), tekst)
    tekst = re.sub(REGEL_ID, lambda r: artikel.get(hoofd_id(r.group(0)), (BESCHRIJVING.get(hoofd_id(r.group(0)), ""),))[0], tekst)
    aanwezig = [(c, n) for c, n in (functienamen or {}).items() if c in tekst]
    for code, naam in sorted(aanwezig, key=lambda x: -len(x[0])):
        tekst = tekst.replace(f"({code})", f"({naam})")
        tekst = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])\s*(?={re.escape(str(naam))})", "", tekst)
        tekst = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", str(naam), tekst)
    return re.sub(r"\s+([.,;:])", r"\1", re.sub(r"  +", " ", tekst)).strip()
