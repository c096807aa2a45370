"""Reading single cell values the way P&O types them (Dutch decimals, dates, percentages).

Every function raises ValueError with a short Dutch explanation; the reader adds
blad, rij and kolom.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from openpyxl.utils.datetime import from_excel

_DATUM_PATRONEN = (
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "j")),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), ("j", "m", "d")),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T]00:00(:00)?$"), ("j", "m", "d")),
)


def sleutel(tekst: str) -> str:
    """Compare key: lower case, no accents, underscores as spaces, white space folded."""
    zonder = unicodedata.normalize("NFKD", str(tekst))
    zonder = "".join(c for c in zonder if not unicodedata.combining(c))
    return " ".join(zonder.lower().replace("_", " ").split())


def is_leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, str) and waarde.strip() == "")


def lees_tekst(waarde) -> str:
    """Text; a number typed in a text column becomes its plain digits (123.0 -> '123')."""
    if isinstance(waarde, bool):
        raise ValueError("verwacht tekst, geen WAAR/ONWAAR")
    if isinstance(waarde, float):
        if not math.isfinite(waarde):
            raise ValueError("verwacht tekst")
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    if isinstance(waarde, (dt.date, dt.datetime)):
        raise ValueError("verwacht een code of tekst, geen datum")
    return str(waarde).strip()


def lees_decimaal(waarde, *, procent_cel: bool = False, procent_naar_getal: bool = False) -> float:
    """A decimal number: 0,8 and 0.8 both read. `procent_naar_getal`: 25% means 25."""
    if isinstance(waarde, bool):
        raise ValueError("verwacht een getal, geen WAAR/ONWAAR")
    if isinstance(waarde, (int, float)):
        getal = float(waarde)
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
            raise ValueError(f"'{waarde}' is geen getal")
        getal = float(tekst)
        if procent and not procent_naar_getal:
            getal /= 100
    elif isinstance(waarde, (dt.date, dt.datetime)):
        raise ValueError("verwacht een getal, geen datum")
    else:
        raise ValueError(f"'{waarde}' is geen getal")
    if not math.isfinite(getal):
        raise ValueError("verwacht een eindig getal")
    return getal


def lees_geheel(waarde) -> int:
    getal = lees_decimaal(waarde)
    if not float(getal).is_integer():
        raise ValueError(f"verwacht een geheel getal, niet {formatteer_getal(getal)}")
    return int(getal)


def lees_datum(waarde) -> dt.date:
    """A date cell, an Excel serial number, or text as dd-mm-jjjj or jjjj-mm-dd."""
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    if isinstance(waarde, bool):
        raise ValueError("verwacht een datum, geen WAAR/ONWAAR")
    if isinstance(waarde, (int, float)):
        if not 1 <= waarde <= 2958465:
            raise ValueError(f"{formatteer_getal(waarde)} is geen datum; typ een datum als dd-mm-jjjj")
        return from_excel(waarde).date()
    tekst = str(waarde).strip()
    for patroon, volgorde in _DATUM_PATRONEN:
        gevonden = patroon.match(tekst)
        if gevonden:
            delen = dict(zip(volgorde, (int(g) for g in gevonden.groups()[:3])))
            try:
                return dt.date(delen["j"], delen["m"], delen["d"])
            except ValueError:
                raise ValueError(f"'{tekst}' is geen bestaande datum") from None
    raise ValueError(f"'{tekst}' is geen datum; typ een datum als dd-mm-jjjj")


def formatteer_getal(getal: float) -> str:
    """Dutch notation: 0,8 rather than 0.8."""
    if float(getal).is_integer():
        return str(int(getal))
    return f"{getal:.6f}".rstrip("0").rstrip(".").replace(".", ",")


MICRO = 1_000_000  # fte and percentages are compared in whole millionths (regels.md §8.4)


def micro(getal: float) -> int:
    """A decimal as whole millionths, so that 0.3 + 0.5 + 0.2 == 1.0 exactly."""
    return int(round(float(getal) * MICRO))
