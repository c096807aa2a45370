"""The layout shows the flow (stijl.md): no import cycle inside plaatsing, small modules, no import side effects."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PAKKET = Path(__file__).resolve().parents[1] / "plaatsing"


def _module(pad: Path) -> str:
    delen = list(pad.relative_to(PAKKET.parent).with_suffix("").parts)
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _importgraaf() -> dict[str, set[str]]:
    """Module -> plaatsing modules it imports (also inside functions: a lazy import is still a dependency)."""
    modules = {_module(p): p for p in PAKKET.rglob("*.py")}
    graaf: dict[str, set[str]] = {m: set() for m in modules}
    for naam, pad in modules.items():
        pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            doelen = []
            if isinstance(knoop, ast.Import):
                doelen = [a.name for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom):
                basis = knoop.module or ""
                if knoop.level:
                    basis = ".".join(pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1] + ([basis] if basis else []))
                doelen = [f"{basis}.{a.name}" if f"{basis}.{a.name}" in modules else basis for a in knoop.names]
            for doel in doelen:
                while doel and doel not in modules:
                    doel = doel.rpartition(".")[0]
                if doel and doel != naam and doel != "plaatsing":
                    graaf[naam].add(doel)
    return graaf


def _cycli(graaf: dict[str, set[str]]) -> list[list[str]]:
    gevonden, kleur, pad = [], {}, []

    def bezoek(m):
        kleur[m] = 1
        pad.append(m)
        for n in sorted(graaf[m]):
            if kleur.get(n) == 1:
                gevonden.append(pad[pad.index(n):] + [n])
            elif n not in kleur:
                bezoek(n)
        pad.pop()
        kleur[m] = 2

    for m in sorted(graaf):
        if m not in kleur:
            bezoek(m)
    return gevonden


def test_geen_importcyclus_in_plaatsing():
    assert _cycli(_importgraaf()) == []


def test_cyclusdetectie_vindt_een_cyclus():
    assert _cycli({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


def test_toets_leunt_niet_op_het_model():
    graaf = _importgraaf()
    for module, doelen in graaf.items():
        if module.startswith("plaatsing.toets"):
            assert not {d for d in doelen if d.startswith("plaatsing.model")}, module


def test_geen_module_boven_500_regels():
    te_groot = {str(p.relative_to(PAKKET)): n for p in PAKKET.rglob("*.py")
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert te_groot == {}


def test_importeren_verandert_click_matplotlib_en_gc_niet():
    code = ("import gc, click.core, matplotlib; oud = click.core._; backend = matplotlib.get_backend(); "
            "import plaatsing, plaatsing.cli, plaatsing.uitvoer.rapport, plaatsing.uitvoer.brieven; "
            "assert click.core._ is oud, 'click gepatcht'; assert gc.isenabled(); "
            "assert matplotlib.get_backend() == backend, 'backend gewijzigd'")
    subprocess.run([sys.executable, "-c", code], check=True)
