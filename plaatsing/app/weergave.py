"""What the screens show, as plain data: the decisions filtered and sorted, the summary, the chart.
Pure functions over the Plan's tables; nothing here computes a placement."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

RIJEN_PER_PAGINA = 500  # rows on one page; the filter narrows down, the download has them all

KOLOMMEN = [  # one column on the page: its heading and the Plaatsingsbesluiten columns it can sort on
    ("Nummer", [("personeelsnummer", "Nummer")]),
    ("Naam", [("naam", "Naam")]),
    ("Nu", [("huidige_functie", "Functie"), ("huidige_eenheid", "Eenheid")]),
    ("Uitkomst", [("uitkomst", "Uitkomst")]),
    ("Nieuw", [("nieuwe_functie", "Functie"), ("nieuwe_eenheid", "Eenheid")]),
    ("Voorkeur", [("voorkeur_gehonoreerd", "Voorkeur")]),
    ("Garantie", [("salarisgarantie", "Garantie")]),
]
SORTEERBAAR = {k for _, delen in KOLOMMEN for k, _ in delen}
KLEUREN = {"functievolger": "#1F4E78", "passend": "#2E75B6", "passend lager": "#9DC3E6", "geschikt": "#70AD47",
           "vastgezet": "#7F7F7F", "boventallig": "#C00000", "niet geplaatst (tijdelijk)": "#ED7D31"}


@dataclass(frozen=True)
class Filter:
    eenheid: str = ""
    uitkomst: str = ""
    zoek: str = ""
    sorteer: str = "personeelsnummer"
    aflopend: bool = False
    boventallig_eerst: bool = False

    @classmethod
    def uit_query(cls, query) -> "Filter":
        sorteer = query.get("sorteer", "personeelsnummer")
        return cls(eenheid=query.get("eenheid", "").strip(), uitkomst=query.get("uitkomst", "").strip(),
                   zoek=query.get("zoek", "").strip(),
                   sorteer=sorteer if sorteer in SORTEERBAAR else "personeelsnummer",
                   aflopend=query.get("richting") == "af", boventallig_eerst=query.get("boventallig_eerst") == "1")

    def query(self, **anders) -> str:
        """The query string of this filter with some fields changed (for the sort links)."""
        from urllib.parse import urlencode

        waarden = {"eenheid": self.eenheid, "uitkomst": self.uitkomst, "zoek": self.zoek, "sorteer": self.sorteer,
                   "richting": "af" if self.aflopend else "op", "boventallig_eerst": "1" if self.boventallig_eerst else ""}
        waarden.update(anders)
        return urlencode({k: v for k, v in waarden.items() if v})


def eenheden(besluiten: pd.DataFrame) -> list[str]:
    """Every eenheid, old and new, for the filter."""
    waarden = set(besluiten["huidige_eenheid"].dropna()) | set(besluiten["nieuwe_eenheid"].dropna())
    return sorted(str(w) for w in waarden)


def filter_besluiten(besluiten: pd.DataFrame, f: Filter) -> pd.DataFrame:
    """The rows that match: eenheid (old or new), uitkomst, personeelsnummer containing `zoek`."""
    rijen = besluiten
    if f.eenheid:
        rijen = rijen[(rijen["huidige_eenheid"] == f.eenheid) | (rijen["nieuwe_eenheid"] == f.eenheid)]
    if f.uitkomst:
        rijen = rijen[rijen["uitkomst"] == f.uitkomst]
    if f.zoek:
        rijen = rijen[rijen["personeelsnummer"].astype(str).str.contains(f.zoek, case=False, regex=False)]
    sleutels = [f.sorteer] if f.sorteer == "personeelsnummer" else [f.sorteer, "personeelsnummer"]
    oplopend = [not f.aflopend] + [True] * (len(sleutels) - 1)
    rijen = rijen.sort_values(sleutels, ascending=oplopend, na_position="last", kind="stable",
                              key=lambda kolom: kolom.map(_sorteerwaarde))
    if f.boventallig_eerst:
        rijen = rijen.sort_values("uitkomst", key=lambda k: k != "boventallig", kind="stable")
    return rijen


def _sorteerwaarde(waarde):
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return "\uffff"  # missing values last
    if isinstance(waarde, (int, float)):
        return f"{waarde:020.4f}"
    return str(waarde).lower()


def tekst(waarde) -> str:
    """A cell as text on the page: empty for missing, Dutch decimal comma."""
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return ""
    if isinstance(waarde, float):
        return f"{waarde:g}".replace(".", ",")
    return str(waarde)


def samenvatting(plan) -> dict:
    """The figures above the table: per uitkomst, vacant fte, proof, the built-in toets."""
    tabel = plan.samenvatting()
    return {"uitkomsten": list(tabel.itertuples(index=False)), "totaal": int(tabel["aantal"].sum()),
            "vacant": tekst(round(float(plan.bezetting["vacant_fte"].sum()), 2)),
            "bewezen": plan.bewezen_optimaal, "schendingen": len(plan.toets),
            "fasen": [(f.code, f.naam, f.status_nl, f"{f.seconden:.1f}".replace(".", ",")) for f in plan.fasen]}


def uitkomsten_svg(plan) -> str:
    """A horizontal bar chart (inline SVG, no script) of the number of people per uitkomst."""
    tabel = plan.samenvatting()
    hoogste = max(1, int(tabel["aantal"].max()))
    breedte, label, rij = 560, 190, 26
    delen = [f'<svg role="img" aria-labelledby="grafiek-titel" viewBox="0 0 {breedte} {rij * len(tabel) + 10}" '
             f'class="grafiek" xmlns="http://www.w3.org/2000/svg"><title id="grafiek-titel">Aantal medewerkers '
             'per uitkomst</title>']
    for i, r in enumerate(tabel.itertuples(index=False)):
        y = 5 + i * rij
        lengte = (breedte - label - 60) * r.aantal / hoogste
        kleur = KLEUREN.get(r.uitkomst, "#595959")
        delen.append(f'<text x="{label - 8}" y="{y + 17}" text-anchor="end">{escape(r.uitkomst)}</text>'
                     f'<rect x="{label}" y="{y + 3}" width="{lengte:.1f}" height="{rij - 8}" fill="{kleur}"/>'
                     f'<text x="{label + lengte + 6:.1f}" y="{y + 17}">{r.aantal}</text>')
    delen.append("</svg>")
    return "".join(delen)


def verschil_rijen(verschil: pd.DataFrame) -> list[dict]:
    return [{k: tekst(v) or "–" for k, v in r.items()} for r in verschil.to_dict("records")]


def kosten_rijen(kosten: pd.DataFrame) -> list[dict]:
    return [{"kengetal": r["kengetal"], "basis": tekst(float(r["basis"])), "nieuw": tekst(float(r["nieuw"])),
             "verschil": ("+" if r["verschil"] > 0 else "") + tekst(float(r["verschil"])), "anders": bool(r["verschil"])}
            for r in kosten.to_dict("records")]


def melding_rijen(meldingen) -> list[dict]:
    """Every problem as blad, rij, kolom, wat is er mis, wat te doen (the fix is the second half of the
    message where the library words one: 'x is leeg; vul een waarde in.')."""
    rijen = []
    for m in meldingen:
        wat, doen = _splits(str(m.tekst))
        rijen.append({"blad": m.blad or "–", "rij": "–" if m.rij is None else str(m.rij), "kolom": m.kolom or "–",
                      "wat": wat, "doen": doen})
    return rijen


def _splits(tekst: str) -> tuple[str, str]:
    import re

    deel = re.search(r"; |\. (?=[A-Z])", tekst)
    if deel is None:
        return tekst, "Pas dit aan in het scenario (Excel) en upload het opnieuw."
    wat, doen = tekst[:deel.start()].strip(), tekst[deel.end():].strip()
    return wat + ".", doen[:1].upper() + doen[1:]
