"""Values at the ground floor: reading single cell values the way P&O types them (Dutch decimals, dates,
percentages), comparing keys and quoting them in messages. Used by the reader, the parameters and the rules.

Every function raises ValueError with a short Dutch explanation; the reader adds
blad, rij and kolom.
"""
from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import re
import unicodedata
from collections import namedtuple
from collections.abc import Iterator

from openpyxl.utils.datetime import from_excel

MAX_TEKST_CEL = 32_767  # characters one cell of Excel (and LibreOffice) holds; openpyxl cuts a longer text off

_MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_DATUM_PATRONEN = (
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "j")),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), ("j", "m", "d")),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T]00:00(:00)?$"), ("j", "m", "d")),
    (re.compile(r"^(\d{1,2})[-/. ]+([a-z]+)\.?[-/. ]+(\d{4})$"), ("d", "m", "j")),  # 15 januari 2020
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("j", "m", "d")),  # 20200115, as HR systems export
)
EXCEL_SERIAL_MAX = 2958465  # 31-12-9999
_DATUM_TIP = "typ een datum als dd-mm-jjjj, bijvoorbeeld 01-10-2018"


def sleutel(tekst: str) -> str:
    """Compare key: lower case, no accents, underscores as spaces, white space folded."""
    zonder = unicodedata.normalize("NFKD", str(tekst))
    zonder = "".join(c for c in zonder if not unicodedata.combining(c))
    return " ".join(zonder.lower().replace("_", " ").split())


def kopsleutel(tekst) -> str:
    """Compare key for headers and names: only letters, digits and '%' count
    (`Datum in dienst`, `datum_in_dienst`, `DatumInDienst`, `voorkeur1` and `voorkeur-1` match)."""
    return re.sub(r"[^0-9a-z%]", "", sleutel(tekst))


def citeer(waarde, lengte: int = 60) -> str:
    """A value as it may appear inside a message: on one line and not too long."""
    try:
        tekst = str(waarde)
    except Exception:  # noqa: BLE001 - a value that cannot be shown is shown by its type
        tekst = f"<{type(waarde).__name__}>"
    tekst = " ".join(tekst.split()) if any(c in tekst for c in "\r\n\t\v\f\x85\u2028\u2029") else tekst.strip()
    tekst = "".join(c if c.isprintable() else "?" for c in tekst)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def tabelrijen(tabel, naam: str | None = None) -> "Iterator[tuple]":
    """The rows of a DataFrame as `itertuples(index=False, name=naam)` gives them (named tuples with a `naam`),
    made a column at a time (`tolist`, the same values): element by element, as pandas does, is many times
    slower on columns of pandas' own types (text, dates)."""
    kolommen = zip(*(tabel.iloc[:, k].tolist() for k in range(tabel.shape[1])))
    if naam is None:
        return kolommen
    return map(namedtuple(naam, [str(k) for k in tabel.columns], rename=True)._make, kolommen)


def is_leeg(waarde) -> bool:
    """An empty cell: None, blank text, or a missing value from pandas (NaN, NaT, NA)."""
    if waarde is None:
        return True
    if isinstance(waarde, str):
        return waarde.strip() == ""
    if isinstance(waarde, float):
        return math.isnan(waarde)
    return type(waarde).__name__ in ("NaTType", "NAType")


def _is_bool(waarde) -> bool:
    return isinstance(waarde, bool) or type(waarde).__name__ == "bool_"


def _is_getal(waarde) -> bool:
    return isinstance(waarde, (numbers.Real, decimal.Decimal)) and not _is_bool(waarde)


def lees_tekst(waarde) -> str:
    """Text; a number typed in a text column becomes its plain digits (123.0 -> '123')."""
    if _is_bool(waarde):
        raise ValueError("verwacht tekst, geen WAAR/ONWAAR")
    if isinstance(waarde, (dt.date, dt.time, dt.timedelta)):
        raise ValueError("verwacht een code of tekst, maar de cel bevat een datum of tijd; "
                         "geef de cel de opmaak Tekst en typ de waarde opnieuw")
    if isinstance(waarde, numbers.Integral) and not _is_bool(waarde):
        if abs(int(waarde)) >= 10**30:
            raise ValueError("dit getal is te lang voor een code of nummer")
        return str(int(waarde))
    if _is_getal(waarde):
        getal = _float(waarde)
        return str(int(getal)) if getal.is_integer() and abs(getal) < 1e30 else repr(getal)
    return str(waarde).strip()


def _float(waarde) -> float:
    """A number as a finite float, or a ValueError in Dutch."""
    try:
        getal = float(waarde)
    except (OverflowError, ValueError, decimal.InvalidOperation):
        raise ValueError("het getal is te groot") from None
    if math.isnan(getal):
        raise ValueError("de cel bevat geen geldig getal (NaN); typ een getal")
    if math.isinf(getal):
        raise ValueError("het getal is te groot")
    return getal


def lees_decimaal(waarde, *, procent_cel: bool = False, procent_naar_getal: bool = False) -> float:
    """A decimal number: 0,8 and 0.8 both read. `procent_naar_getal`: 25% means 25."""
    if _is_bool(waarde):
        raise ValueError("verwacht een getal, geen WAAR/ONWAAR")
    if _is_getal(waarde):
        getal = _float(waarde)
        if procent_cel and procent_naar_getal:
            getal *= 100
    elif isinstance(waarde, str):
        tekst = waarde.strip().replace("\u00a0", "").replace(" ", "")
        procent = tekst.endswith("%")
        if procent:
            tekst = tekst[:-1]
        if "," in tekst and "." in tekst:
            tekst = tekst.replace(".", "")
        tekst = tekst.replace(",", ".")
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", tekst):
            raise ValueError(f"'{citeer(waarde)}' is geen getal; typ een getal in cijfers")
        getal = _float(tekst)
        if procent and not procent_naar_getal:
            getal /= 100
    elif isinstance(waarde, (dt.date, dt.datetime)):
        raise ValueError(f"de cel bevat een datum ({waarde:%d-%m-%Y}) in plaats van een getal; "
                         "geef de cel de opmaak Getal en typ het getal opnieuw")
    else:
        raise ValueError(f"'{citeer(waarde)}' is geen getal; typ een getal in cijfers")
    return getal


def lees_geheel(waarde) -> int:
    getal = lees_decimaal(waarde)
    if not getal.is_integer():
        raise ValueError(f"{formatteer_getal(getal)} is geen geheel getal; typ een geheel getal")
    return int(getal)


def lees_datum(waarde) -> dt.date:
    """A date cell, an Excel serial number, or text as dd-mm-jjjj, jjjj-mm-dd, jjjjmmdd or
    '15 januari 2020'."""
    if type(waarde).__name__ in ("NaTType", "NAType"):
        raise ValueError("de datum ontbreekt")
    if isinstance(waarde, dt.datetime):
        return _na_1900(waarde.date())
    if isinstance(waarde, dt.date):
        return _na_1900(waarde)
    if _is_bool(waarde):
        raise ValueError("verwacht een datum, geen WAAR/ONWAAR")
    if isinstance(waarde, (dt.time, dt.timedelta)):
        raise ValueError(f"de cel bevat een tijd, geen datum; {_DATUM_TIP}")
    if _is_getal(waarde):
        getal = _float(waarde)
        if getal.is_integer() and 19000101 <= getal <= 99991231:
            return _datum_uit_tekst(str(int(getal)), str(int(getal)))
        if not 1 <= getal <= EXCEL_SERIAL_MAX:
            raise ValueError(f"{formatteer_getal(getal)} is geen datum; {_DATUM_TIP}")
        return _uit_serienummer(getal)
    tekst = str(waarde).strip()
    if re.fullmatch(r"\d{1,7}", tekst) and 1 <= int(tekst) <= EXCEL_SERIAL_MAX:
        return _uit_serienummer(int(tekst))  # an Excel serial number stored as text
    return _datum_uit_tekst(tekst.lower(), tekst)


def _datum_uit_tekst(tekst: str, origineel: str) -> dt.date:
    for patroon, volgorde in _DATUM_PATRONEN:
        gevonden = patroon.match(tekst)
        if not gevonden:
            continue
        delen = dict(zip(volgorde, gevonden.groups()[:3]))
        maand = delen["m"]
        if not maand.isdigit():
            if maand not in _MAANDEN:
                break
            maand = _MAANDEN[maand]
        try:
            datum = dt.date(int(delen["j"]), int(maand), int(delen["d"]))
        except ValueError:
            raise ValueError(f"'{citeer(origineel)}' is geen bestaande datum; controleer dag en maand") from None
        return _na_1900(datum)
    raise ValueError(f"'{citeer(origineel)}' is geen datum; {_DATUM_TIP}")


def _uit_serienummer(getal: float) -> dt.date:
    try:
        return _na_1900(from_excel(getal).date())
    except (OverflowError, ValueError):
        raise ValueError(f"{formatteer_getal(getal)} is geen datum; {_DATUM_TIP}") from None


def _na_1900(datum: dt.date) -> dt.date:
    if datum.year < 1900:
        raise ValueError(f"{datum:%d-%m-%Y} ligt vóór 1900; controleer de datum")
    return datum


def formatteer_getal(getal) -> str:
    """Dutch notation: 0,8 rather than 0.8."""
    try:
        f = float(getal)
    except (OverflowError, TypeError, ValueError, decimal.InvalidOperation):
        return citeer(getal)
    if not math.isfinite(f) or abs(f) >= 1e15:
        return f"{f:.6g}".replace(".", ",")
    if f.is_integer():
        return str(int(f))
    return f"{f:.6f}".rstrip("0").rstrip(".").replace(".", ",")



# Letters of other scripts that look like Latin ones: 'А0001' (Cyrillic) and 'A0001' are one number to a reader.
_LIJKT_OP = str.maketrans(
    "\u0410\u0412\u0415\u0405\u0406\u0408\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423"  # Cyrillic
    "\u0430\u0435\u0456\u0458\u043e\u0440\u0441\u0445\u0443\u0455"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"  # Greek
    "\u03bf\u03b9\u03ba\u03bd\u03c1\u03c5",
    "ABESIJKMHOPCTXY" "aeijopcxys" "ABEZHIKMNOPTYX" "oikvpu")
ONZICHTBAAR = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, format (zero-width), unassigned


def onzichtbare_tekens(tekst: str) -> list[str]:
    """Control, format (zero-width) and unassigned characters in `tekst`, as U+XXXX."""
    return [f"U+{ord(c):04X}" for c in str(tekst) if unicodedata.category(c) in ONZICHTBAAR]


def gelijkenis(tekst: str) -> str:
    """What a reader sees: NFKC (full-width 'Ａ' is 'A'), look-alike letters of other scripts as Latin,
    no invisible characters or spaces, case-folded. Two keys that differ only here look the same."""
    tekst = unicodedata.normalize("NFKC", str(tekst)).translate(_LIJKT_OP)
    tekst = "".join(c for c in tekst if unicodedata.category(c) not in ONZICHTBAAR and not c.isspace())
    return tekst.casefold()


def is_procentformaat(formaat: str) -> bool:
    """A number format that shows 0,25 as 25% ('0%', '0.0%'), not a literal '%' sign ('0"%"', '0\\%')."""
    zonder = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", formaat)
    return "%" in zonder
