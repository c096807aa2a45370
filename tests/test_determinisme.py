"""Determinism in one place (issue 28, regels.md F5): the seeds, worker counts, fixed timestamps and CP-SAT
parameters live in plaatsing/determinisme.py only, and the Verantwoording names the CP-SAT parameters."""
from __future__ import annotations

import ast
from pathlib import Path
from datetime import date

from plaatsing import determinisme, scenario_from_tables, solve
from plaatsing.plannen.tabellen import CPSAT_RIJ
from plaatsing.voorbeelden import functie, medewerker, tabellen

PAKKET = Path(determinisme.__file__).resolve().parent


def _overtredingen(bron: str) -> list[str]:
    """A CP-SAT solver made, a CP-SAT parameter set, or a fixed timestamp defined outside determinisme.py."""
    gevonden = []
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Attribute) and knoop.func.attr == "CpSolver":
            gevonden.append("CpSolver()")
        if isinstance(knoop, ast.Assign):
            for doel in knoop.targets:
                if isinstance(doel, ast.Attribute) and doel.attr in ("random_seed", "num_workers",
                                                                     "max_deterministic_time", "linearization_level"):
                    gevonden.append(doel.attr)
                if isinstance(doel, ast.Name) and doel.id in ("VAST_TIJDSTIP", "RANDOM_SEED"):
                    gevonden.append(doel.id)
    return gevonden


def test_determinisme_woont_op_een_plek():
    fouten = {}
    for pad in sorted(PAKKET.rglob("*.py")):
        deel = pad.relative_to(PAKKET).as_posix()
        if deel == "determinisme.py" or deel.startswith("voorbeelden/"):  # example data carries its own dates
            continue
        gevonden = _overtredingen(pad.read_text(encoding="utf-8"))
        if gevonden:
            fouten[deel] = gevonden
    assert fouten == {}


def test_de_controle_kan_falen():
    assert sorted(_overtredingen("s = cp_model.CpSolver()\ns.parameters.num_workers = 8\nVAST_TIJDSTIP = 1\n")) == [
        "CpSolver()", "VAST_TIJDSTIP", "num_workers"]


def test_solver_met_een_werker_vast_seed_en_werkgrens():
    s = determinisme.cpsat(2.5, 7)
    assert (s.parameters.num_workers, s.parameters.random_seed, s.parameters.max_deterministic_time,
            s.parameters.linearization_level) == (1, 7, 2.5, determinisme.LINEARISATIE)


def test_verantwoording_noemt_de_cpsat_instellingen():
    t = tabellen([medewerker("A", "O", date(2000, 1, 1)), medewerker("B", "O", date(2001, 1, 1))],
                 [functie("O", formatie=2)], [functie("N")], [("O", "N", 10)])
    v = dict(solve(scenario_from_tables(t)).verantwoording.itertuples(index=False))
    assert v[CPSAT_RIJ] == determinisme.CPSAT_VERANTWOORDING
    assert f"random_seed {determinisme.RANDOM_SEED}" in v[CPSAT_RIJ] and "één werker" in v[CPSAT_RIJ]
