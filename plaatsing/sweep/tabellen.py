"""The output of a sweep as tables: Varianten (one row per variant), Per medewerker (how often each
uitkomst occurs per person: who is stable, who flips), a chart, and the sweep workbook."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from plaatsing.plan import UITKOMSTEN
from plaatsing.uitvoer.excel import bewaar_als, controleer_uitvoer, nieuw_werkboek, schrijf_tabel
from plaatsing.sweep.varianten import STEEKPROEF

CIJFER_KOLOMMEN = [*UITKOMSTEN, "voorkeur_1_gehonoreerd", "salarisgarantie_eur", "vacant_fte", "bewezen"]
GEEN_PLAN = "geen plan"


def varianten_tabel(resultaten: list) -> pd.DataFrame:
    """Sheet Varianten: variant, one column per varied parameter under its own name, the figures,
    bewezen and seconden; in variant order."""
    resultaten = sorted(resultaten, key=lambda r: r.variant.naam)
    namen: list[str] = []
    for r in resultaten:
        namen += [k for k, _ in r.variant.instellingen if k not in namen]
    if any(r.variant.steekproef is not None for r in resultaten):
        namen.append(STEEKPROEF)
    rijen = []
    for r in resultaten:
        rij = {"variant": r.variant.naam, **dict(r.variant.instellingen)}
        if r.variant.steekproef is not None:
            rij[STEEKPROEF] = r.variant.steekproef
        rij.update({k: r.cijfers.get(k) for k in CIJFER_KOLOMMEN})
        if r.fout:
            rij["bewezen"] = GEEN_PLAN
        rij["seconden"] = round(r.seconden, 2)
        rijen.append(rij)
    return pd.DataFrame(rijen, columns=["variant", *namen, *CIJFER_KOLOMMEN, "seconden"])


def per_medewerker_tabel(scenario, resultaten: list) -> pd.DataFrame:
    """Sheet Per medewerker: per personeelsnummer (no names) how many variants give each uitkomst,
    how many different uitkomsten and functions, the most frequent uitkomst, and stabiel ja/nee."""
    met_plan = [r for r in sorted(resultaten, key=lambda r: r.variant.naam) if r.uitkomsten is not None]
    index = scenario.medewerkers.index
    tabel = pd.DataFrame({"personeelsnummer": index, "huidige_functie": scenario.medewerkers["functie"].to_numpy()})
    if not met_plan:
        return tabel.assign(**{u: 0 for u in UITKOMSTEN}, verschillende_uitkomsten=0, verschillende_functies=0,
                            meest_voorkomend=None, stabiel=None)
    uitkomst = pd.concat({r.variant.naam: r.uitkomsten["uitkomst"] for r in met_plan}, axis=1).reindex(index)
    functie = pd.concat({r.variant.naam: r.uitkomsten["nieuwe_functie"].fillna("")
                         for r in met_plan}, axis=1).reindex(index)
    for u in UITKOMSTEN:
        tabel[u] = (uitkomst == u).sum(axis=1).to_numpy()
    tabel["verschillende_uitkomsten"] = uitkomst.nunique(axis=1).to_numpy()
    tabel["verschillende_functies"] = functie.nunique(axis=1).to_numpy()
    # the most frequent uitkomst; a tie goes to the first in the contract's order
    tabel["meest_voorkomend"] = tabel[UITKOMSTEN].idxmax(axis=1)
    stabiel = (tabel["verschillende_uitkomsten"] == 1) & (tabel["verschillende_functies"] == 1)
    tabel["stabiel"] = stabiel.map({True: "ja", False: "nee"})
    return tabel


def grafiek(varianten: pd.DataFrame):
    """The main figures per variant in four panels (a matplotlib Figure, no pyplot state)."""
    from matplotlib.figure import Figure

    v = varianten[varianten["bewezen"] != GEEN_PLAN]
    x = list(v["variant"])
    fig = Figure(figsize=(max(8.0, 0.35 * len(x) + 4), 7), dpi=90)
    assen = fig.subplots(2, 2)
    kleuren = ["#1F4E78", "#2E75B6", "#7FA7D0", "#A9C4E4", "#70AD47", "#C0504D", "#F4B183"]
    onder = None
    ax = assen[0][0]
    for u, kleur in zip(UITKOMSTEN, kleuren):
        waarden = v[u].astype(float).to_numpy()
        ax.bar(x, waarden, bottom=onder, label=u, color=kleur)
        onder = waarden if onder is None else onder + waarden
    ax.set_title("Uitkomsten per variant")
    ax.legend(fontsize=7, loc="lower right", framealpha=0.8)
    panelen = [(assen[0][1], "boventallig", "Boventallig", "#C0504D"),
               (assen[1][0], "voorkeur_1_gehonoreerd", "Eerste voorkeur gehonoreerd", "#70AD47"),
               (assen[1][1], "salarisgarantie_eur", "Salarisgarantie (euro per jaar)", "#2E75B6")]
    for ax, kolom, titel, kleur in panelen:
        ax.bar(x, v[kolom].astype(float).fillna(0).to_numpy(), color=kleur)
        ax.set_title(titel)
    for ax in assen.flat:
        ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    fig.suptitle("Sweep: de belangrijkste cijfers per variant")
    fig.tight_layout()
    return fig


def schrijf_sweep(uitkomst, pad: Path, *, overschrijf: bool = False, invoer: Path | None = None) -> Path:
    """The sweep workbook: Varianten, Per medewerker, Grafieken (an image) and Verantwoording."""
    from openpyxl.drawing.image import Image

    pad = Path(pad)
    controleer_uitvoer(pad, overschrijf=overschrijf, invoer=invoer)
    boek = nieuw_werkboek(alleen_schrijven=True)
    schrijf_tabel(boek, "Varianten", uitkomst.varianten)
    schrijf_tabel(boek, "Per medewerker", uitkomst.per_medewerker)
    png = io.BytesIO()
    uitkomst.grafiek().savefig(png, format="png")
    png.seek(0)
    blad = boek.create_sheet("Grafieken")
    blad.add_image(Image(png), "A1")
    schrijf_tabel(boek, "Verantwoording", uitkomst.verantwoording)
    bewaar_als(boek, pad, overschrijf=overschrijf)
    return pad
