"""Motiveringen: per person, in plain Dutch, which rule decided and why nothing better was given.

Rendered from the facts of uitleg/feiten.py (one computation for motivering, `regels` and `uitleg`).
Colleagues are never named: "1 functievolger met langere diensttijd", "1 vooraf genomen besluit".
"""
from __future__ import annotations

from plaatsing.uitleg.feiten import Beslisgegevens, Verklaring, verklaar
from plaatsing.uitleg.zinnen import motivering


class Motiveerder:
    """Writes the motivering and the rule IDs of each person from the decision data."""

    def __init__(self, scenario, kandidaten, toewijzing, selectie=None, **opties):
        self.gegevens = Beslisgegevens(scenario, kandidaten, toewijzing, selectie, **opties)

    def verklaring(self, p: str) -> Verklaring:
        return verklaar(self.gegevens, p)

    def motiveer(self, p: str) -> tuple[str, list[str]]:
        v = self.verklaring(p)
        return motivering(self.gegevens, v), v.regels
