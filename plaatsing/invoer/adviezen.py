"""The sheet Adviezen as format (regels.md §9 P1): known personeelsnummers, an advice that is a function code,
'boventallig' or 'handhaven', one advice per person, date and source. Binding them is procedure/adviezen.py."""
from __future__ import annotations

import pandas as pd

from plaatsing.waarden import citeer, sleutel

BOVENTALLIG, HANDHAVEN = "boventallig", "handhaven"
OVERGENOMEN = "overgenomen"
KOLOMMEN = ["rij", "personeelsnummer", "datum", "bron", "advies", "besluit", "toelichting"]


def controleer_adviezen(lezer, rijen: list[dict], t: dict) -> None:
    """Known personeelsnummers; `advies` a code of Nieuwe functies, 'boventallig' or 'handhaven';
    one advice per person, date and source. Normalises the two key words in place."""
    if not rijen:
        return
    personen = {r["personeelsnummer"] for r in t["medewerkers"] if r["personeelsnummer"] is not None}
    nieuw = {r["functiecode"] for r in t["nieuw"] if r["functiecode"] is not None}
    gezien: dict[tuple, int] = {}
    for r in rijen:
        nummer, advies = r["personeelsnummer"], r["advies"]
        if personen and nummer is not None and nummer not in personen:
            lezer.fout("Adviezen", r["rij"], "personeelsnummer",
                       f"personeelsnummer '{citeer(nummer)}' staat niet in het blad Medewerkers; corrigeer het "
                       "nummer (Excel laat voorloopnullen weg in getalcellen; geef de cellen de opmaak Tekst).")
        if advies is not None:
            if sleutel(advies) in (BOVENTALLIG, HANDHAVEN):
                r["advies"] = sleutel(advies)
            elif nieuw and advies not in nieuw:
                lezer.fout("Adviezen", r["rij"], "advies",
                           f"'{citeer(advies)}' is geen code uit het blad Nieuwe functies en ook niet "
                           f"'{BOVENTALLIG}' of '{HANDHAVEN}'; vul een functiecode, '{BOVENTALLIG}' of "
                           f"'{HANDHAVEN}' in.")
        sleutel_ = (nummer, r["datum"], r["bron"])
        if None not in sleutel_:
            if sleutel_ in gezien:
                lezer.fout("Adviezen", r["rij"], "personeelsnummer",
                           f"voor deze medewerker staat al een {r['bron']} van dezelfde datum in rij "
                           f"{gezien[sleutel_]}; houd er één over.")
            gezien.setdefault(sleutel_, r["rij"])


def als_tabel(rijen: list[dict]) -> pd.DataFrame:
    """The advices in a fixed order: per person by date, then row."""
    df = pd.DataFrame(rijen, columns=KOLOMMEN)
    return df.sort_values(["personeelsnummer", "datum", "rij"], kind="mergesort").reset_index(drop=True)
