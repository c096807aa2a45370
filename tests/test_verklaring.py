"""One explanation engine (issue 13): motivering, the `regels` column and `uitleg --json` name the
same deciding rule for every better option, and every fact quoted in a motivering holds in the
scenario and the plan (regels.md §8.12) — checked on the demo and on generated scenarios, the
numbers against the independent checker (tests/checker.py)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import as_context, check_plan, priority_key, selection_order
from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.plannen.maken import herbouw_plan
from plaatsing.uitleg.feiten import gegevens_van, verklaar
from plaatsing.uitleg.verklaring import uitleg_alle
from plaatsing.uitleg.zinnen import optie_zin
from plaatsing.voorbeelden import PEILDATUM
from scenario_gen import small_scenarios

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
GETAL = r"(\d+(?:,\d+)?)"
CATEGORIE = re.compile(r"(\d+) (functievolgers?|collega(?:'s)?|vooraf genomen besluit(?:en)?)")


def getal(tekst: str) -> float:
    return float(tekst.replace(",", "."))


def controleer_eenheid(plan, plan_terug=None):
    """Motivering, regels column and uitleg (also of the plan rebuilt from its toewijzing, as the
    commands do) come from the same facts: per better option the same rule, the same sentence."""
    b = plan.besluiten.set_index("personeelsnummer")
    terug = plan_terug or herbouw_plan(plan.scenario, plan.toewijzing)
    tabel = uitleg_alle(terug)  # a table, one row per medewerker (issue 26)
    assert list(tabel["personeelsnummer"]) == sorted(terug.scenario.medewerkers.index)
    uitleg = {u["personeelsnummer"]: u for u in tabel.to_dict("records")}
    g = gegevens_van(plan)
    for p in plan.scenario.medewerkers.index:
        motivering, regels = b.at[p, "motivering"], b.at[p, "regels"].split("; ")
        u = uitleg[p]
        assert u["motivering"] == motivering and u["regels"] == regels and u["uitkomst"] == b.at[p, "uitkomst"]
        v = verklaar(g, p)
        for optie in u["opties"]:
            if optie["status"] != "beter":
                assert optie["beslissende_regel"] is None
                continue
            regel = optie["beslissende_regel"]
            assert regel in regels, (p, optie["functie"])
            assert optie["waarom_niet"].endswith(f"({regel})")
            reden = next(r for r in v.opties if r.functie == optie["functie"])
            if reden.soort == "eigen_besluit":  # a pin: said once for all its better functions (SS-7)
                assert motivering.count("vooraf") <= 2 and f"{optie['functie']} " in motivering
                continue
            assert optie["waarom_niet"] in motivering and optie_zin(g, v, reden) in motivering
        yield p, v, motivering


def controleer_feiten(plan, p, v, motivering, ctx=None):
    """Each factual statement about an option against the scenario and the plan (§8.12)."""
    s, toewijzing = plan.scenario, plan.toewijzing
    mw = s.medewerkers
    pins = dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"]))
    g = gegevens_van(plan)
    for r in v.opties:
        if r.status != "beter":
            continue
        zin = optie_zin(g, v, r)
        n = r.functie
        anderen = [q for q, f in toewijzing.items() if f == n and q != p]
        assert not re.search(r"\d,\d{3,} fte", zin)  # §8.12: hours, never fte residues
        if ctx is not None and (m := re.search(rf"de formatie van {GETAL} uur per week", zin)):
            assert getal(m.group(1)) == pytest.approx(ctx.ruimte[n] / 60, abs=0.005)
        if ctx is not None and (m := re.search(rf"u werkt {GETAL} uur", zin)):
            assert getal(m.group(1)) == pytest.approx(ctx.minuten[p] / 60, abs=0.005)
        if m := re.search(r"bezet door (.*?);", zin):
            genoemd = CATEGORIE.findall(m.group(1))
            assert sum(int(a) for a, _ in genoemd) == len(anderen), zin  # every occupant, counted once
            besluiten = sum(int(a) for a, soort in genoemd if soort.startswith("vooraf"))
            assert besluiten == sum(1 for q in anderen if pins.get(q) == n), zin  # pins only where pins hold n
        for aantal in re.findall(r"(\d+) (?:functievolgers?|collega(?:'s)?) met langere diensttijd", zin):
            langer = [q for q in anderen if mw.at[q, "datum_in_dienst"] < mw.at[p, "datum_in_dienst"]]
            assert 1 <= int(aantal) <= len(langer), zin
        if "zonder het vooraf genomen besluit" in zin or "zonder de vooraf genomen besluiten" in zin:
            assert any(pins.get(q) == n for q in anderen)
        if ctx is not None and (m := re.search(r"u staat (\d+)e van (\d+) in de selectievolgorde", zin)):
            volgorde = selection_order(ctx, n)
            if not (set(volgorde) & set(g.k.einde_contract)):
                assert (int(m.group(1)), int(m.group(2))) == (volgorde.index(p) + 1, len(volgorde))
        if ctx is not None and (m := re.search(r"u staat (\d+)e van (\d+) in de volgorde voor deze functie", zin)):
            # the priority at n (§4) among every candidate of n who is not pinned
            kandidaten = sorted((q for q in ctx.medewerkers if ctx.tiers.get((q, n)) and q not in pins
                                 and q not in g.k.einde_contract), key=lambda q: priority_key(ctx, q, n))
            assert (int(m.group(1)), int(m.group(2))) == (kandidaten.index(p) + 1, len(kandidaten)), zin
        if ctx is not None and r.soort == "h4b" and (m := re.search(rf"blijft {GETAL} uur over", zin)):
            voor = sum(ctx.minuten[q] for q in anderen if pins.get(q) == n or
                       (q not in pins and gaat_voor(ctx, q, p, n)))
            assert getal(m.group(1)) == pytest.approx(max(0, ctx.ruimte[n] - voor) / 60, abs=0.005), zin
        if ctx is not None and r.soort in ("vol", "h1", "vrij", "ruil", "h4_ander", "o2_open"):
            voor = [q for q in anderen if gaat_voor(ctx, q, p, n)]
            bezet = sum(ctx.minuten[q] for q in anderen)
            if m := re.search(rf"blijft {GETAL} uur over", zin):
                over = ctx.ruimte[n] - sum(ctx.minuten[q] for q in voor)
                assert getal(m.group(1)) == pytest.approx(max(0, over) / 60, abs=0.005), zin
            if m := re.search(rf"komt hoogstens {GETAL} uur vrij", zin):
                vrij = max(ctx.ruimte[n] - bezet + ctx.minuten[q] for q in anderen if q not in voor)
                assert getal(m.group(1)) == pytest.approx(max(0, vrij) / 60, abs=0.005), zin
            if m := re.search(rf"er is nog {GETAL} uur vrij", zin):
                assert getal(m.group(1)) == pytest.approx(max(0, ctx.ruimte[n] - bezet) / 60, abs=0.005), zin
    tijdelijk = mw.at[p, "dienstverband"] == "tijdelijk"
    if "tijdelijk dienstverband" in motivering.split(".")[0]:
        assert tijdelijk
    if m := re.search(r"eindigt op (\d\d)-(\d\d)-(\d{4})", motivering):
        eind = mw.at[p, "einddatum"]
        assert tijdelijk and date(int(m.group(3)), int(m.group(2)), int(m.group(1))) == eind
        assert eind < (s.parameters.ingang)
    f = toewijzing[p]
    lager = f is not None and int(s.nieuwe_functies.at[f, "schaal"]) < int(mw.at[p, "schaal"])
    assert ("salarisgarantie" in motivering) == lager


def gaat_voor(ctx, q, p, n) -> bool:
    """Does q, placed in n, go before p at n (regels.md §4 'priority at a function', §8.2 pins)?"""
    if q in ctx.pins:
        return True
    return ctx.tiers.get((q, n)) is not None and priority_key(ctx, q, n) < priority_key(ctx, p, n)


@pytest.fixture(scope="module")
def demo_plan():
    return solve(read_scenario(DEMO))


@pytest.mark.traag
def test_demo_een_waarheid_per_besluit(demo_plan):
    aantal = 0
    for p, v, motivering in controleer_eenheid(demo_plan):
        controleer_feiten(demo_plan, p, v, motivering)
        aantal += sum(r.status == "beter" for r in v.opties)
    assert aantal >= 50  # the demo has many better options to explain (64 at the time of writing)


def test_demo_geen_valse_woorden(demo_plan):
    b = demo_plan.besluiten.set_index("personeelsnummer")
    # A0135 (H4b, 32 hours): no pin holds BV-SUB-01, so no 'vooraf'; the rank and the room are given
    assert "vooraf" not in b.at["A0135", "motivering"]
    assert "u staat 4e van 4 in de selectievolgorde (SEL-A)" in b.at["A0135", "motivering"]
    assert "blijft 2 uur over en u werkt 32 uur" in b.at["A0135", "motivering"]  # §8.12: hours, not fte
    # A0035: voorkeur 1 went to functievolgers (H4), in motivering, regels and uitleg alike
    assert "BV-HRM-02" in b.at["A0035", "motivering"] and "H4" in b.at["A0035", "regels"].split("; ")


@st.composite
def gevarieerde_scenarios(draw):
    """small_scenarios plus einddatums for tijdelijk contracts and both policies."""
    tables = draw(small_scenarios())
    gepind = {r["personeelsnummer"] for r in tables.get("Vastgezet", [])}
    for r in tables["Medewerkers"]:
        if r["dienstverband"] == "tijdelijk":
            # a pin of a contract ending before the ingangsdatum is an input error (SS-7 with H5; test_invoer)
            voorbij = [] if r["personeelsnummer"] in gepind else [PEILDATUM - timedelta(days=10)]
            r["einddatum"] = draw(st.sampled_from([None, *voorbij, PEILDATUM + timedelta(days=200)]))
    beleid = draw(st.sampled_from(["maximaal plaatsen"] * 4 + ["voorkeur leidend"]))
    tables["Parameters"] = [r for r in tables["Parameters"] if r["parameter"] != "beleid"]
    tables["Parameters"].append({"parameter": "beleid", "waarde": beleid})
    return tables


@pytest.mark.traag
@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(gevarieerde_scenarios())
def test_eigenschap_motivering_regels_en_uitleg_eensgezind_en_waar(tables):
    s = scenario_from_tables(tables)
    try:
        plan = solve(s, workers=1)
    except Exception as fout:  # SEL-B may make H4 unsatisfiable (regels.md H4): nothing to explain
        assert type(fout).__name__ == "H4Conflict"
        return
    ctx = as_context(tables)
    for p, v, motivering in controleer_eenheid(plan):
        controleer_feiten(plan, p, v, motivering, ctx)
    if s.parameters.beleid == "maximaal plaatsen":  # the plan itself, einddatums included (H5)
        assert [x for x in check_plan(ctx, plan.toewijzing, plan.uitkomsten) if x.rule != "O6"] == []


def test_extra_feiten_haak():
    """Other modules add fact kinds (e.g. answers to zienswijzen): appended to motivering, regels and uitleg."""
    from plaatsing.uitleg.feiten import Feit
    from plaatsing.uitleg.verklaring import uitleg
    from plaatsing.voorbeelden import voorbeeld_4

    def zienswijze(g, p):
        return [Feit("P1", "Uw zienswijze is meegewogen; het advies is niet overgenomen.")] if p == "D" else []

    plan = solve(scenario_from_tables(voorbeeld_4()), extra_bronnen=(zienswijze,))
    b = plan.besluiten.set_index("personeelsnummer")
    assert b.at["D", "motivering"].endswith("Uw zienswijze is meegewogen; het advies is niet overgenomen.")
    assert b.at["D", "regels"].endswith("P1") and "P1" not in b.at["C", "regels"]
    u = uitleg(plan, "D")
    assert u["motivering"] == b.at["D", "motivering"] and u["extra"] == [
        {"regel": "P1", "zin": "Uw zienswijze is meegewogen; het advies is niet overgenomen."}]
