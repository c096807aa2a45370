"""One home per rule concept (issue 23): room and hours in minutes, Δ, the priority at a function, a
person's outcome and the uitkomst are computed in plaatsing/regels/maat.py only. Every other module
calls those functions; this test fails when such a computation is written a second time.

The patterns are read from the syntax tree, so comments and docstrings do not count."""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

PAKKET = Path(__file__).resolve().parents[1] / "plaatsing"
THUIS = PAKKET / "regels" / "maat.py"
VOORBEELDEN = PAKKET / "voorbeelden"  # example input generators (tests, notebooks, benchmarks), not rules


def modules() -> tuple:
    """Every module of the package but maat.py and the examples."""
    return _ontleed(PAKKET)


@functools.cache
def _ontleed(pakket: Path) -> tuple:  # parsed once for all the tests here
    return tuple((pad, ast.parse(pad.read_text(encoding="utf-8"))) for pad in sorted(pakket.rglob("*.py"))
                 if pad != THUIS and VOORBEELDEN not in pad.parents)


def tekst(knoop) -> str:
    return ast.unparse(knoop)


def overtredingen(vind) -> list[str]:
    return [f"{pad.relative_to(PAKKET.parent)}:{k.lineno}: {tekst(k)[:100]}"
            for pad, boom in modules() for k in ast.walk(boom) if vind(k)]


def is_attribuut(knoop, *namen) -> bool:
    return isinstance(knoop, ast.Attribute) and knoop.attr in namen


def test_ruimte_en_uren_alleen_in_maat():
    """room(n) = formatie + fte_marge in minutes, hours(m) from uren or fte × normuren (§8.13): the
    parameters fte_marge and normuren are read only where room and hours are computed (and where the
    reader checks an uren cell against the working week)."""
    toegestaan = {"plaatsing/invoer/validatie.py"}  # the input check 'uren ≤ normuren' and its message
    gevonden = [r for r in overtredingen(lambda k: is_attribuut(k, "fte_marge", "normuren"))
                if r.split(":")[0] not in toegestaan]
    assert gevonden == [], gevonden


def test_geen_fte_als_capaciteitseenheid():
    """No capacity in micro-fte or rounded fte anywhere: the unit is the minute (H1, §8.13)."""
    gevonden = overtredingen(lambda k: isinstance(k, ast.Name) and k.id in ("micro", "MICRO")
                             or isinstance(k, ast.Attribute) and k.attr in ("micro", "MICRO"))
    assert gevonden == [], gevonden


def test_delta_alleen_in_maat():
    """Δ = schaal(n) − schaal(o) (§1): no subtraction of two scales outside functie_delta."""
    def schaal_min_schaal(k):
        return isinstance(k, ast.BinOp) and isinstance(k.op, ast.Sub) and not re.search("salaris|per_schaal", tekst(k)) and \
            "schaal" in tekst(k.left) and "schaal" in tekst(k.right)  # a salary difference is no Δ
    gevonden = overtredingen(schaal_min_schaal)
    assert gevonden == [], gevonden


def test_prioriteit_alleen_in_maat():
    """The priority at n (§4: vast before tijdelijk, tier, selection order) is built by maat.prioriteit:
    no tuple elsewhere that orders by a tier together with a seniority rank."""
    def prioriteit_tupel(k):
        if not isinstance(k, ast.Tuple) or len(k.elts) < 2:
            return False
        delen = [tekst(e) for e in k.elts]
        return any("tier" in d for d in delen) and any("sel_a" in d or "rang" in d for d in delen)
    gevonden = overtredingen(prioriteit_tupel)
    assert gevonden == [], gevonden


def test_uitkomst_alleen_in_maat():
    """A person's outcome order (tier, voorkeur, with the opt-out as T1) is Optie.uitkomst, made by
    maat.uitkomst: no (x.tier, x.vpos) pair compared elsewhere; and the uitkomst name of the contract
    (boventallig / niet geplaatst (tijdelijk)) is chosen by maat.uitkomst_naam only."""
    def uitkomst_paar(k):
        return isinstance(k, ast.Compare) and any(
            isinstance(z, ast.Tuple) and len(z.elts) == 2 and is_attribuut(z.elts[0], "tier")
            and is_attribuut(z.elts[1], "vpos") for z in [k.left, *k.comparators])

    def uitkomst_keuze(k):
        return isinstance(k, ast.IfExp) and {tekst(k.body), tekst(k.orelse)} >= {
            "'niet geplaatst (tijdelijk)'", "'boventallig'"}
    gevonden = overtredingen(uitkomst_paar) + overtredingen(uitkomst_keuze)
    assert gevonden == [], gevonden


def test_opt_out_alleen_in_maat():
    """H4 (a): the functions ranked above every T1 function in the own voorkeur list — one function."""
    def opt_out(k):
        return isinstance(k, ast.Compare) and "vpos" in tekst(k) and any(
            isinstance(z, ast.Name) and z.id == "grens" for z in [k.left, *k.comparators])
    gevonden = overtredingen(opt_out)
    assert gevonden == [], gevonden


@pytest.mark.parametrize("code, test", [
    ("ruimte = formatie + s.parameters.fte_marge", test_ruimte_en_uren_alleen_in_maat),
    ("x = micro(0.5)", test_geen_fte_als_capaciteitseenheid),
    ("delta = functie['schaal'] - mens['schaal']", test_delta_alleen_in_maat),
    ("sleutel = (o.tier, sel_a[p])", test_prioriteit_alleen_in_maat),
    ("beter = (o.tier, o.vpos) < (e.tier, e.vpos)", test_uitkomst_alleen_in_maat),
    ("w = 'niet geplaatst (tijdelijk)' if t else 'boventallig'", test_uitkomst_alleen_in_maat),
])
def test_elke_controle_kan_falen(code, test, tmp_path, monkeypatch):
    """Each check above finds the computation when it is written a second time."""
    extra = tmp_path / "plaatsing"
    extra.mkdir()
    (extra / "kopie.py").write_text(code + "\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PAKKET", extra)
    with pytest.raises(AssertionError):
        test()
