"""The seal of a besluiten workbook (regels.md P3) and what it proves: the writer seals (uitvoer/excel.py,
`verzegel`), the dossier and the commands check (procedure/dossier.py, `klopt`).

Unkeyed, the seal is the sha256 of the content, stored in the same file: it shows an accidental edit (a cell
typed over, a row deleted), but anyone who edits on purpose can compute it again. With a key — the file named by
the environment variable PLAATSING_SLEUTEL, kept outside the workbook — the seal is an HMAC-SHA256 that cannot be
computed again without the key; with the key set, a file without such a seal is not trusted either.
Hidden rows, columns and sheets are part of the content the seal covers, and the check names them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import numbers
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from plaatsing.fouten import InvoerFout, Melding
from plaatsing.waarden import is_leeg, tabelrijen

SLEUTEL_VAR = "PLAATSING_SLEUTEL"
HMAC = "hmac-sha256:"


def lees_sleutel() -> bytes | None:
    """The key from the file named by PLAATSING_SLEUTEL, or None when the variable is not set."""
    pad = os.environ.get(SLEUTEL_VAR)
    if not pad:
        return None
    try:
        sleutel = Path(pad).read_bytes().strip()
    except OSError:
        sleutel = b""
    if len(sleutel) < 16:
        raise InvoerFout([Melding(SLEUTEL_VAR, None, None,
                                  f"de sleutel in '{Path(pad).name}' kan niet worden gelezen of is te kort (minstens 16 "
                                  "tekens); maak er een met bijvoorbeeld 'openssl rand -hex 32 > sleutel.txt' en bewaar "
                                  "die buiten de werkmappen.")])
    return sleutel


def bereken(tekst: bytes, sleutel: bytes | None) -> str:
    """The seal of canonical content: sha256, or with a key an HMAC marked 'hmac-sha256:'."""
    if sleutel is None:
        return hashlib.sha256(tekst).hexdigest()
    return HMAC + hmac.new(sleutel, tekst, hashlib.sha256).hexdigest()


def klopt(tekst: bytes, gegeven: str) -> tuple[bool, str]:
    """(holds, why not) for the seal `gegeven` of canonical content, under the key when one is set."""
    sleutel = lees_sleutel()
    if gegeven.startswith(HMAC):
        if sleutel is None:
            return False, (f"het zegel is met een sleutel gemaakt; zet {SLEUTEL_VAR} op het sleutelbestand om het "
                           "te kunnen controleren")
        juist = hmac.compare_digest(gegeven, bereken(tekst, sleutel))
        return juist, "" if juist else "het bestand is na het schrijven gewijzigd (het zegel met de sleutel klopt niet)"
    if sleutel is not None:
        return False, ("het bestand heeft geen zegel met de sleutel (opnieuw berekend, of gemaakt zonder "
                       f"{SLEUTEL_VAR}); het kan na het schrijven zijn gewijzigd")
    juist = hmac.compare_digest(gegeven, bereken(tekst, None))
    return juist, "" if juist else "het bestand is na het schrijven gewijzigd (sha256 inhoud klopt niet)"


@dataclass(frozen=True)
class Controle:
    klopt: bool | None     # None: the file has no seal (made before P3)
    reden: str
    verborgen: tuple[str, ...]  # "Plaatsingsbesluiten: 2 rijen (4, 9)", …

    def melding(self, naam: str) -> str | None:
        """What to say before using the file, or None when there is nothing to say."""
        delen = []
        if self.klopt is False:
            delen.append(f"'{naam}': {self.reden}.")
        elif self.klopt is None:
            delen.append(f"'{naam}' heeft geen zegel (sha256 inhoud); niet na te gaan of het na het schrijven is "
                         "gewijzigd.")
        if self.verborgen:
            delen.append(f"'{naam}' heeft verborgen delen, die Excel niet toont maar die wel meetellen: "
                         + "; ".join(self.verborgen) + ".")
        return " ".join(delen) or None


ZEGEL = "sha256 inhoud"
VERANTWOORDING = "Verantwoording"


def canon(v) -> str:
    """One cell as text, the same for the value written and the value read back from the file."""
    if type(v) is str:  # most cells: the same as below, without the other tests
        return v if v.strip() else ""
    if is_leeg(v):
        return ""
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool) or type(v).__name__ == "bool_":
        return "true" if v else "false"
    if isinstance(v, numbers.Number):
        getal = float(v)
        return str(int(getal)) if getal.is_integer() else repr(getal)
    return str(v)


def canonieke_rij(waarden) -> list[str]:
    rij = [canon(v) for v in waarden]
    while rij and rij[-1] == "":
        rij.pop()
    return rij


def inhoud_bytes(bladen: list[tuple[str, list[list[str]]]]) -> bytes:
    """The content the seal covers: every sheet as canonical rows (empty rows left out), as JSON."""
    return json.dumps([[titel, [r for r in rijen if r]] for titel, rijen in bladen], ensure_ascii=False).encode("utf-8")


def verzegel(bladen: list[tuple[str, pd.DataFrame]]) -> list[tuple[str, pd.DataFrame]]:
    """The sheets of a besluiten workbook, Verantwoording with the sha256 of the content added (P3)."""
    canoniek = [(titel, [canonieke_rij(tabel.columns)] + [canonieke_rij(r) for r in tabelrijen(tabel)])
                for titel, tabel in bladen]
    zegel = bereken(inhoud_bytes(canoniek), lees_sleutel())  # with PLAATSING_SLEUTEL: an HMAC
    uit = []
    for titel, tabel in bladen:
        if titel == VERANTWOORDING:
            tabel = pd.concat([tabel, pd.DataFrame([(ZEGEL, zegel)], columns=tabel.columns)], ignore_index=True)
        uit.append((titel, tabel))
    return uit
