"""Disclosure control of the OR-bijlage: an independent interval attacker (tests/aanvaller.py) finds
today's leaks in the old output and none in the bijlage of the demo or of 120 generated plans."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import pytest

from aanvaller import val_aan
from plaatsing.uitvoer.afscherming import AFGESCHERMD, KLEIN, Telstelsel, bescherm, onthuld
from plaatsing.plan import UITKOMSTEN
from plaatsing.uitvoer.rapport_tabellen import personentabellen

DATA = Path(__file__).resolve().parent / "data"
TITELS = {"samenvatting": "Samenvatting", "uitkomsten": "Uitkomsten per eenheid", "nieuw": "Formatie nieuw",
          "selectie": "Selectie", "leeftijd": "Leeftijd voor en na", "geslacht": "Geslacht voor en na",
          "deeltijd": "Voltijd en deeltijd voor en na"}


def als_bladen(tabellen: dict) -> dict:
    return {TITELS[k]: [list(t.columns), *map(list, t.itertuples(index=False))]
            for k, t in tabellen.items() if t is not None}


def test_aanvaller_vindt_de_lekken_van_de_oude_bijlage():
    """Regression fixture: the demo's bijlage as written before this change (2026-12-01)."""
    oud = json.loads((DATA / "bijlage-2026-12-01-almelo.json").read_text(encoding="utf-8"))
    lekken = dict(val_aan(oud))
    exact = {k: v for k, v in lekken.items() if v[0] == v[1]}
    rij = "Uitkomsten per huidige eenheid|Concernstaf – Bestuurszaken en Communicatie|"
    assert lekken[rij + "vastgezet"] == (1, 1) and lekken[rij + "niet geplaatst (tijdelijk)"] == (1, 1)
    assert lekken["Uitkomsten per huidige eenheid|Concernstaf – Facilitaire Zaken en Secretariaten|boventallig"] == (3, 3)
    assert lekken["Verdeling naar geslacht voor en|x|verloren"] == (1, 1)   # 'x 7 → 6'
    assert len(exact) == 16 and len(lekken) == 33


def test_motor_en_aanvaller_zijn_het_eens_over_een_kleine_tabel():
    t = Telstelsel()
    for k, v in (("a", 13), ("b", 1), ("c", 1), ("T", 15)):
        t.tel(k, v)
    t.som(["a", "b", "c"], "T")
    assert onthuld(t, {"b": KLEIN, "c": KLEIN}) == ["b", "c"]          # 15 − 13 = 2 = 1 + 1
    status = bescherm(t)
    assert status == {"a": AFGESCHERMD, "b": KLEIN, "c": KLEIN, "T": ""}
    assert val_aan({"t": [["eenheid", "x", "y", "z", "Totaal"], ["A", "•", "<5", "<5", 15],
                          ["Totaal", "•", "<5", "<5", 15]]}) == []
    assert val_aan({"t": [["eenheid", "x", "y", "z", "Totaal"], ["A", 13, "<5", "<5", 15],
                          ["Totaal", 13, "<5", "<5", 15]]})


def test_kleine_groep_wordt_niet_uitgesplitst():
    """A unit of 3 shows '<5' and nothing of how its 3 were placed — not even the zeros."""
    p = _personen(random.Random(1), [3, 30, 25])
    uit = personentabellen(p, pd.DataFrame(columns=["leeftijdsgroep", "status"]))["tabellen"]["uitkomsten"]
    klein = uit[uit["eenheid (huidig)"] == "Eenheid 1"].iloc[0]
    assert klein["Totaal"] == KLEIN and all(klein[o] == AFGESCHERMD for o in UITKOMSTEN)


def test_legenda_noemt_de_drempel_en_de_tabel_van_samengevoegde_leeftijdsgroepen():
    """The age groups of the table before/after are merged below drempel_afscherming (not a fixed 5), and the
    legend says so with that drempel and names that table (the selection table keeps its own groups); X and
    unknown gender are always together, whatever their number: no 'because it would be smaller' for them."""
    from types import SimpleNamespace
    from plaatsing.uitvoer.rapport import legenda
    p = _personen(random.Random(3), [30, 30])
    p["leeftijdsgroep"] = [0] * 7 + [1] * 8 + [2] * 15 + [3] * 15 + [4] * 15
    p.loc[0, "geslacht"] = "X"
    uit = personentabellen(p, pd.DataFrame(columns=["leeftijdsgroep", "status"]), drempel=10)
    assert uit["tabellen"]["leeftijd"]["leeftijdsgroep"].tolist() == ["15–35", "35–45", "45–55", "55+", "Totaal"]
    regels = legenda(SimpleNamespace(drempel=10, afgeschermd=0, samengevoegd=uit["samengevoegd"]))
    assert "Samengevoegd omdat de groep anders kleiner dan 10 is: leeftijdsgroepen 15–35 samengevoegd in de " \
           "leeftijdsopbouw voor en na." in regels
    assert "Altijd samengevoegd, ongeacht de grootte: geslacht X en onbekend samen als 'X of onbekend'." in regels


def _personen(rng: random.Random, groottes: list[int]) -> pd.DataFrame:
    rijen = []
    for u, n in enumerate(groottes, start=1):
        for _ in range(n):
            uitkomst = rng.choices(UITKOMSTEN, weights=[70, 10, 3, 2, 3, 8, 4])[0]
            geplaatst = uitkomst not in ("boventallig", "niet geplaatst (tijdelijk)")
            rijen.append({"huidige_eenheid": f"Eenheid {u}", "uitkomst": uitkomst,
                          "nieuwe_functie": f"F{rng.randint(1, 9)}" if geplaatst else None,
                          "nieuwe_eenheid": f"Nieuw {rng.randint(1, 4)}" if geplaatst else None,
                          "leeftijdsgroep": rng.choices(range(5), weights=[1, 4, 5, 5, 4])[0],
                          "geslacht": rng.choices(["V", "M", "X", None], weights=[48, 48, 2, 2])[0],
                          "voltijd": rng.random() < 0.5, "fte": 1.0, "schaal": 8})
    p = pd.DataFrame(rijen)
    for i, o in enumerate(UITKOMSTEN):  # every outcome present
        if not (p["uitkomst"] == o).any():
            p.loc[i, "uitkomst"] = o
            geplaatst = o not in ("boventallig", "niet geplaatst (tijdelijk)")
            p.loc[i, ["nieuwe_functie", "nieuwe_eenheid"]] = ["F1", "Nieuw 1"] if geplaatst else [None, None]
    return p


def _selectie(rng: random.Random, p: pd.DataFrame) -> pd.DataFrame:
    n = rng.randint(0, min(60, len(p)))
    return pd.DataFrame({"leeftijdsgroep": [rng.choices(range(5), weights=[1, 4, 5, 5, 4])[0] for _ in range(n)],
                         "status": [rng.choices(["behouden", "vervallen", "elders geplaatst", "vastgezet"],
                                                weights=[6, 3, 1, 1])[0] for _ in range(n)]})


@pytest.mark.traag
@pytest.mark.parametrize("blok", range(4))
def test_geen_onthulling_in_gegenereerde_plannen(blok):
    """120 plans (30 per block): 2–8 units of 3–40 people, all outcomes present, SEL groups."""
    for seed in range(blok * 30, blok * 30 + 30):
        rng = random.Random(seed)
        p = _personen(rng, [rng.randint(3, 40) for _ in range(rng.randint(2, 8))])
        uit = personentabellen(p, _selectie(rng, p), exact=seed % 10 == 0)  # every tenth also audited exactly
        bladen = als_bladen(uit["tabellen"])
        assert val_aan(bladen) == [], f"seed {seed}"
        tabel = uit["tabellen"]["uitkomsten"]
        for o in UITKOMSTEN:  # the totals per uitkomst are always shown, and true (OR-bijlage v2)
            assert tabel[o].iloc[-1] == int((p["uitkomst"] == o).sum())


@pytest.mark.traag
def test_ook_een_exacte_gehele_aanval_vindt_niets_in_de_demo():
    """Stronger than intervals: CP-SAT computes the exact integer minimum and maximum of every small
    count under all published sums of the demo's bijlage, knowing that a secondary '•' is 0 or ≥ 5."""
    from ortools.sat.python import cp_model

    from plaatsing import read_scenario, solve
    from plaatsing.uitvoer.afscherming import in_kleine_groep, is_klein, kennis
    from plaatsing.regels.kandidaten import bepaal_kandidaten
    from plaatsing.uitvoer.rapport_tabellen import personen, selectie_per_groep

    s = read_scenario(Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx")
    plan = solve(s)
    uitkomsten = dict(zip(plan.besluiten["personeelsnummer"], plan.besluiten["uitkomst"]))
    uit = personentabellen(personen(s, plan.toewijzing, uitkomsten),
                           selectie_per_groep(s, bepaal_kandidaten(s), plan.toewijzing),
                           s.nieuwe_functies["eenheid"].unique())
    stelsel, status = uit["tellingen"].stelsel, uit["tellingen"].status
    bereik, groep = kennis(stelsel, status), in_kleine_groep(stelsel, status)
    model = cp_model.CpModel()
    x = {}
    for i, (k, (lo, hi)) in enumerate(bereik.items()):
        if status.get(k) == AFGESCHERMD and k not in groep:
            x[k] = model.NewIntVarFromDomain(cp_model.Domain.FromIntervals([[0, 0], [5, len(s.medewerkers)]]), f"x{i}")
        else:
            x[k] = model.NewIntVar(int(lo), int(min(hi, len(s.medewerkers))), f"x{i}")
    for delen, geheel in stelsel.sommen:
        model.Add(sum(x[d] for d in delen) == x[geheel])
    klein = [k for k, v in stelsel.waarden.items() if is_klein(v) and k not in stelsel.altijd]  # totals: public
    assert len(klein) > 40
    for k in klein:
        grenzen = []
        for richting in (1, -1):
            model.Minimize(richting * x[k])
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            assert solver.Solve(model) == cp_model.OPTIMAL
            grenzen.append(solver.Value(x[k]))
        lo, hi = grenzen
        assert not ((lo > 1 or lo == hi) if k in groep else (lo > 1 or hi < 4)), (k, lo, hi)
