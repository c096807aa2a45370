"""Import an HR-system export (CSV or xlsx) for the Medewerkers sheet of a scenario (written by
uitvoer/importscenario.py).

The export is read as it comes: `;`, `,` or tab separated, Dutch decimals (`88,89`), dates as
dd-mm-jjjj (and jjjj-mm-dd, dd.mm.jjjj, jjjjmmdd), codes kept as text (`00123` stays `00123`).
The deeltijd becomes fte exactly: a percentage /100, hours / `normuren` (default 36), a factor as
it is, rounded to 4 decimals (0,8889 as HR systems store a deeltijdfactor) with Decimal
arithmetic, so 88,89 % is 0,8889 and 32 of 36 hours is 0,8889. Hours also go into the column
`uren` as they are: they decide the capacity (regels.md §8.13), never the rounded fte.

Nothing is guessed silently: a column whose meaning is not certain, or two columns that can fill
the same contract column, stop the import until the choice is confirmed with `kolommen`
(`--kolom doel=kop`). Every problem names bestand, rij and kolom. Columns that are not needed
(BSN, IBAN, address, …) are not copied into the scenario.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils import get_column_letter

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.invoer import contract as schema, hr_exports
from plaatsing.invoer.hr_exports import DEELTIJD, OPEN_EINDE, HR_SYSTEMEN
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.waarden import (citeer, formatteer_getal, is_leeg, is_procentformaat, kopsleutel, lees_datum, lees_tekst,
                               sleutel)

VERPLICHT = ("personeelsnummer", "geboortedatum", "datum_in_dienst", "functie", "schaal", "fte")
DOELEN = ("personeelsnummer", "naam", "geboortedatum", "datum_in_dienst", "functie", "feitelijke_functie",
          "functienaam", "eenheid", "schaal", "fte", "dienstverband", "einddatum", "geslacht")
UITVOER_KOLOMMEN = ("personeelsnummer", "naam", "geboortedatum", "datum_in_dienst", "functie", "schaal", "fte",
                    "uren", "dienstverband", "einddatum", "geslacht")
EENHEID = {"fte_procent": "procent", "fte_uren": "uren", "fte_factor": "factor"}
PRIVE = ("naam", "geboortedatum")
FTE_DECIMALEN = Decimal("0.0001")


@dataclass(frozen=True)
class Export:
    """An export as read: file name, header, and rows (row number as in the file, raw values)."""
    bestand: str
    kop: tuple[str, ...]
    rijen: tuple[tuple[int, tuple], ...]


@dataclass(frozen=True)
class Import:
    """The result: Medewerkers rows in contract columns, and what the user should know."""
    medewerkers: list[dict]
    keuze: dict[str, str]                 # doel -> export column used
    niet_overgenomen: tuple[str, ...]      # export columns not copied
    waarschuwingen: tuple[Melding, ...] = field(default_factory=tuple)
    met_feitelijke_functie: bool = False


def lees_export(pad) -> Export:
    """Read a CSV (any of ; , tab) or an xlsx export; InvoerFout with bestand, rij, kolom."""
    pad = Path(pad)
    naam = pad.name
    if not pad.exists() or pad.is_dir():
        raise InvoerFout([Melding(naam, None, None, f"het bestand '{pad}' bestaat niet; controleer het pad.")])
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        bladen = [b for b in open_werkboek(pad) if b.rijen or any(not is_leeg(k) for k in b.kop)]
        if not bladen:
            raise InvoerFout([Melding(naam, None, None, "de werkmap is leeg.")])
        blad = bladen[0]
        kop = tuple("" if is_leeg(k) else str(k).strip() for k in blad.kop)
        return Export(naam, kop, tuple((nr, tuple(map(_celwaarde, cellen))) for nr, cellen in blad.rijen))
    data = pad.read_bytes()
    for codering in ("utf-8-sig", "cp1252"):
        try:
            tekst = data.decode(codering)
            break
        except UnicodeDecodeError:
            continue
    regels = tekst.splitlines()
    if not regels or not regels[0].strip():
        raise InvoerFout([Melding(naam, 1, None, "het bestand is leeg of de eerste regel (de kopregel) is leeg.")])
    scheiding = max(";,\t", key=regels[0].count)
    if regels[0].count(scheiding) == 0:
        raise InvoerFout([Melding(naam, 1, None, "de kopregel heeft maar één kolom; gebruik ';', ',' of een tab "
                                  "tussen de kolommen.")])
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    kop = tuple(k.strip() for k in next(lezer))
    rijen, fouten = [], []
    for rij in lezer:
        if not any(v.strip() for v in rij):
            continue
        if len(rij) > len(kop) and any(v.strip() for v in rij[len(kop):]):
            tip = (" Staat er een decimaalkomma zonder aanhalingstekens in dit door komma's gescheiden bestand? "
                   "Exporteer dan met ';' als scheidingsteken." if scheiding == "," else "")
            fouten.append(Melding(naam, lezer.line_num, None,
                                  f"deze regel heeft {len(rij)} velden, de kopregel {len(kop)}.{tip}"))
            continue
        rijen.append((lezer.line_num, tuple(v.strip() for v in rij)))
    if fouten:
        raise InvoerFout(fouten)
    return Export(naam, kop, tuple(rijen))


def _celwaarde(cel):
    """A cell value; a number shown as a percentage (0,8889 as 88,89%) becomes the text '88.89%', so that
    a deeltijd column reads it as the percentage the user sees."""
    waarde = cel.waarde
    if isinstance(waarde, (int, float)) and not isinstance(waarde, bool) and is_procentformaat(cel.formaat):
        return f"{Decimal(repr(float(waarde))) * 100}%"
    return waarde


def kies_kolommen(export: Export, soort: str, kolommen: dict[str, str]) -> tuple[dict[str, tuple[int, str]], list[Melding]]:
    """doel -> (column index, alias doel such as fte_uren), and the problems: a missing required
    column, two columns for one doel, an uncertain alias not confirmed, a --kolom that does not exist."""
    fouten: list[Melding] = []
    bekend: dict[str, hr_exports.Alias] = {}
    for alias in hr_exports.aliassen(soort):
        bekend.setdefault(kopsleutel(alias.kop), alias)
    index = {kopsleutel(k): i for i, k in reversed(list(enumerate(export.kop))) if k}
    kandidaten: dict[str, list[tuple[int, hr_exports.Alias]]] = {}
    for i, kop in enumerate(export.kop):
        alias = bekend.get(kopsleutel(kop)) if kop else None
        if alias is not None:
            doel = "fte" if alias.doel in DEELTIJD else alias.doel
            kandidaten.setdefault(doel, []).append((i, alias))
    keuze: dict[str, tuple[int, str]] = {}
    for doel, kop in kolommen.items():
        if doel not in DOELEN:
            fouten.append(Melding("Opdrachtregel", None, "--kolom",
                                  f"'{citeer(doel)}' is geen kolom van Medewerkers die de import vult; kies uit "
                                  f"{', '.join(DOELEN)}."))
            continue
        if not kop:
            continue  # --kolom doel= : leave this doel empty
        if kopsleutel(kop) not in index:
            fouten.append(Melding(export.bestand, 1, None,
                                  f"--kolom {doel}='{citeer(kop)}': de export heeft geen kolom '{citeer(kop)}' "
                                  f"(wel: {_koppen(export)})."))
            continue
        i = index[kopsleutel(kop)]
        alias = bekend.get(kopsleutel(kop))
        soort_fte = alias.doel if alias is not None and alias.doel in DEELTIJD else None
        keuze[doel] = (i, soort_fte or doel)
    for doel in DOELEN:
        if doel in keuze or doel in kolommen:
            continue  # chosen, or left empty on purpose
        opties = kandidaten.get(doel, [])
        if len(opties) > 1:
            namen = " en ".join(f"'{export.kop[i]}' ({_letter(i)})" for i, _ in opties)
            fouten.append(Melding(export.bestand, 1, f"{_letter(opties[0][0])} ({export.kop[opties[0][0]]})",
                                  f"de kolommen {namen} kunnen allebei '{doel}' zijn; kies er één met "
                                  f"--kolom {doel}='{export.kop[opties[0][0]]}'."))
        elif len(opties) == 1:
            i, alias = opties[0]
            if not alias.zeker:
                fouten.append(Melding(export.bestand, 1, f"{_letter(i)} ({export.kop[i]})",
                                      f"de kolom '{export.kop[i]}' is misschien '{doel}', maar dat is niet zeker: "
                                      f"{alias.toelichting}. Bevestig met --kolom {doel}='{export.kop[i]}', wijs een "
                                      f"andere kolom aan of laat '{doel}' leeg met --kolom {doel}="))
            else:
                keuze[doel] = (i, alias.doel)
        elif doel in VERPLICHT:
            fouten.append(Melding(export.bestand, 1, None,
                                  f"er is geen kolom voor '{doel}' gevonden (de export heeft: {_koppen(export)}); "
                                  f"wijs de kolom aan met --kolom {doel}='kolomnaam'."))
    return {d: keuze[d] for d in DOELEN if d in keuze}, fouten


def _letter(i: int) -> str:
    return get_column_letter(i + 1)


def _koppen(export: Export) -> str:
    namen = [f"'{citeer(k, 40)}'" for k in export.kop if k]
    return ", ".join(namen[:15]) + (", …" if len(namen) > 15 else "")


def importeer_export(pad, soort: str, *, kolommen: dict[str, str] | None = None, deeltijd: str | None = None,
                     normuren: float = 36) -> Import:
    """Read an export of `soort` (afas, youforce, sap, beaufort) into Medewerkers rows; InvoerFout lists
    every problem (bestand, rij, kolom). `deeltijd` (procent, uren, factor) gives the unit of a fte
    column chosen with kolommen that the alias table does not know."""
    if soort not in HR_SYSTEMEN:
        raise InvoerFout([Melding("Opdrachtregel", None, "--soort",
                                  f"onbekende soort '{citeer(soort)}'; kies {', '.join(HR_SYSTEMEN)}.")])
    if not normuren or normuren <= 0:
        raise InvoerFout([Melding("Opdrachtregel", None, "--normuren", "normuren moet groter dan 0 zijn.")])
    export = lees_export(pad)
    keuze, fouten = kies_kolommen(export, soort, dict(kolommen or {}))
    if "fte" in keuze and keuze["fte"][1] == "fte":
        if deeltijd is None:
            i = keuze["fte"][0]
            fouten.append(Melding(export.bestand, 1, f"{_letter(i)} ({export.kop[i]})",
                                  f"in welke eenheid staat de deeltijd in kolom '{export.kop[i]}'? Geef --deeltijd "
                                  "procent, uren of factor."))
        else:
            keuze["fte"] = (keuze["fte"][0], {"procent": "fte_procent", "uren": "fte_uren",
                                              "factor": "fte_factor"}[deeltijd])
    if fouten:
        raise InvoerFout(fouten)
    rijen, meldingen, waarschuwingen = [], [], []
    for nummer, waarden in export.rijen:
        rij = {"rij": nummer}
        for doel, (i, soort_doel) in keuze.items():
            ruwe = waarden[i] if i < len(waarden) else None
            plek = f"{_letter(i)} ({export.kop[i]})"
            stuur = _stuurtekens(ruwe)
            if stuur:  # Excel cannot hold them, and in a name or code they are always a mistake
                meldingen.append(Melding(export.bestand, nummer, plek,
                                         f"de cel bevat een stuurteken ({', '.join(stuur[:3])}), bijvoorbeeld een tab of "
                                         "regeleinde binnen de waarde; verwijder het in de export."))
                rij[doel] = None
                continue
            try:
                rij[doel] = _waarde(soort, soort_doel, ruwe, normuren)
                if soort_doel == "fte_uren" and rij[doel] is not None:  # §8.13: the hours themselves decide
                    rij["uren"] = float(_getal(ruwe))
            except ValueError as fout:
                tekst = str(fout)
                if doel in PRIVE:
                    tekst = ("de waarde is geen geldige " + ("datum; gebruik dd-mm-jjjj" if doel == "geboortedatum"
                             else "tekst") + " (de waarde zelf wordt om privacyredenen niet getoond)")
                meldingen.append(Melding(export.bestand, nummer, plek, f"{tekst}."))
                rij[doel] = None
                continue
            if rij[doel] is None and doel in VERPLICHT:
                meldingen.append(Melding(export.bestand, nummer, plek, f"'{doel}' is leeg; vul de waarde aan in de export."))
        rijen.append(rij)
        if rij.get("einddatum") and "dienstverband" not in keuze:
            i = keuze["einddatum"][0]
            waarschuwingen.append(Melding(
                export.bestand, nummer, f"{_letter(i)} ({export.kop[i]})",
                "er is een einddatum, maar de export heeft geen kolom voor het dienstverband; in het scenario "
                "telt dit dienstverband als 'vast'. Is het tijdelijk, zet dan 'tijdelijk' in de kolom "
                "dienstverband van het scenario (H5)."))
        formeel, feitelijk = rij.get("functie"), rij.get("feitelijke_functie")
        if feitelijk and formeel and feitelijk != formeel:
            i = keuze["feitelijke_functie"][0]
            waarschuwingen.append(Melding(
                export.bestand, nummer, f"{_letter(i)} ({export.kop[i]})",
                f"de formele functie is {citeer(formeel)}, de feitelijke functie {citeer(feitelijk)}; plaatsing rekent "
                "met de formele functie (kolom functie). Ga na wat het sociaal statuut zegt en pas zo nodig de "
                "kolom functie aan."))
    meldingen += _dubbele_nummers(export, keuze, rijen)
    if meldingen:
        raise InvoerFout(meldingen)
    gebruikt = {i for i, _ in keuze.values()}
    niet = tuple(k for i, k in enumerate(export.kop) if k and i not in gebruikt)
    return Import(rijen, {d: export.kop[i] for d, (i, _) in keuze.items()}, niet, tuple(waarschuwingen),
                  "feitelijke_functie" in keuze)


def _dubbele_nummers(export, keuze, rijen) -> list[Melding]:
    if "personeelsnummer" not in keuze:
        return []
    i = keuze["personeelsnummer"][0]
    gezien: dict[str, int] = {}
    fouten = []
    for r in rijen:
        nummer = r.get("personeelsnummer")
        if nummer is None:
            continue
        if nummer in gezien:
            fouten.append(Melding(export.bestand, r["rij"], f"{_letter(i)} ({export.kop[i]})",
                                  f"personeelsnummer '{citeer(nummer)}' staat al in rij {gezien[nummer]}; een "
                                  "medewerker met twee dienstverbanden hoort één rij te hebben (tel de deeltijd op)."))
        gezien.setdefault(nummer, r["rij"])
    return fouten


def _stuurtekens(ruwe) -> list[str]:
    """Control characters inside a text value (white space around it is trimmed anyway), as U+XXXX."""
    if not isinstance(ruwe, str):
        return []
    return [f"U+{ord(c):04X}" for c in ruwe.strip() if unicodedata.category(c) == "Cc"]


def _waarde(soort: str, doel: str, ruwe, normuren: float):
    if is_leeg(ruwe):
        return None
    if doel in DEELTIJD:
        return naar_fte(ruwe, EENHEID[doel], normuren)
    if doel in ("geboortedatum", "datum_in_dienst", "einddatum"):
        if doel == "einddatum" and str(ruwe).strip() in OPEN_EINDE:
            return None  # 31-12-9999: no end date
        return lees_datum(ruwe)
    if doel == "schaal":
        tekst = lees_tekst(ruwe)
        gevonden = re.fullmatch(r"(?:schaal\s*)?0*(\d{1,2})", tekst.strip().lower())
        if not gevonden or not 1 <= int(gevonden.group(1)) <= 18:
            raise ValueError(f"'{citeer(tekst)}' is geen schaal van 1 tot en met 18")
        return int(gevonden.group(1))
    tekst = lees_tekst(ruwe)
    if doel in ("dienstverband", "geslacht"):
        codes = hr_exports.WAARDEN.get((soort, doel), {})
        if sleutel(tekst) in codes:
            return codes[sleutel(tekst)]
        kolom = next(k for k in schema.MEDEWERKERS.kolommen if k.naam == doel)
        if sleutel(tekst) in kolom.keuzes:
            return kolom.keuzes[sleutel(tekst)]
        opties = " of ".join(f"'{k}'" for k in (*codes, *kolom.keuzes))
        raise ValueError(f"'{citeer(tekst)}' is geen bekende waarde voor {doel}; verwacht {opties}")
    return tekst


def naar_fte(ruwe, eenheid: str, normuren: float = 36) -> float:
    """A deeltijd as fte, exactly: '88,89' % -> 0.8889, 32 hours of 36 -> 0.8889, factor 0,8889 -> 0.8889."""
    getal = _getal(ruwe)
    if eenheid == "procent":
        if 0 < getal <= 1:
            raise ValueError(f"{formatteer_getal(getal)} is als percentage wel erg klein; staat hier een factor? "
                             "Wijs de kolom dan aan met --kolom fte=… en --deeltijd factor")
        fte = getal / 100
    elif eenheid == "uren":
        fte = getal / Decimal(repr(float(normuren)))
    else:
        if getal > 1:
            raise ValueError(f"{formatteer_getal(getal)} is groter dan 1 en dus geen deeltijdfactor; is het een "
                             "percentage of een aantal uren? Geef dan --deeltijd procent of --deeltijd uren")
        fte = getal
    fte = fte.quantize(FTE_DECIMALEN, rounding=ROUND_HALF_UP)
    if not 0 < fte <= 1:
        raise ValueError(f"de deeltijd {citeer(ruwe)} geeft {formatteer_getal(fte)} fte; dat moet groter dan 0 en "
                         "hoogstens 1 zijn")
    return float(fte)


def _getal(ruwe) -> Decimal:
    """A number as HR exports write it ('88,89', '1.234,5', 32), exactly."""
    tekst = str(ruwe).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if isinstance(ruwe, (int, float)) and not isinstance(ruwe, bool):
        tekst = repr(float(ruwe))
    elif "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        return Decimal(tekst)
    except InvalidOperation:
        raise ValueError(f"'{citeer(ruwe)}' is geen getal") from None
