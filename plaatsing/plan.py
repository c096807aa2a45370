"""The Plan type: the decisions as tables (Plaatsingsbesluiten, Bezetting, Verantwoording) with everything later
steps need. Made by `plaatsing.plannen.maken.solve`, or rebuilt from a besluiten workbook (`plannen.lezen.lees_plan`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from plaatsing.invoer import contract as schema
from plaatsing.model.fasen import FaseVerslag
from plaatsing.parameters import Parameters
from plaatsing.regels.herplaatsing import herplaatsing
from plaatsing.regels.kandidaten import Kandidaten, bepaal_kandidaten
from plaatsing.scenario import Scenario

BESLUIT_KOLOMMEN = list(schema.BESLUIT_KOLOMMEN)
UITKOMSTEN = list(schema.UITKOMSTEN)


@dataclass(frozen=True)
class Plan:
    """A plan and everything later steps need: the scenario (with its sha256 and the parameters in
    force), the kandidaten built under those parameters (once), the decisions per person, the
    occupation per function, the stage reports and the toets.

    Made by `solve`, or rebuilt from a besluiten workbook (`plaatsing.plannen.lezen.lees_plan`)."""

    scenario: Scenario
    besluiten: pd.DataFrame
    bezetting: pd.DataFrame
    verantwoording: pd.DataFrame
    toets: pd.DataFrame
    fasen: tuple[FaseVerslag, ...]
    selectie: pd.DataFrame | None = None
    afspiegeling: pd.DataFrame | None = None
    kandidaten: Kandidaten | None = None
    gelezen_uitkomsten: dict | None = None  # the uitkomst column as read from a besluiten workbook
    overschreven: tuple[tuple[str, str, str], ...] = ()  # (parameter, in the workbook, now) set with -p
    extra_bronnen: tuple = ()  # the fact sources of the motiveringen (uitleg/feiten.py), as solve was given them
    o1_open: frozenset = frozenset()    # the unplaced whose part of the plan has no proof of O1 (§8.12)
    knelpunten: pd.DataFrame | None = None  # the sheet Knelpunten (toets/grens.py), made by solve

    @property
    def parameters(self) -> Parameters:
        return self.scenario.parameters

    @property
    def sha256(self) -> str | None:
        return self.scenario.sha256

    @property
    def bewezen_optimaal(self) -> bool:
        return all(f.bewezen for f in self.fasen)

    @cached_property
    def toewijzing(self) -> dict[str, str | None]:
        return {p: (f if isinstance(f, str) and f else None)
                for p, f in zip(self.besluiten["personeelsnummer"], self.besluiten["nieuwe_functie"])}

    @property
    def uitkomsten(self) -> dict[str, str]:
        return dict(zip(self.besluiten["personeelsnummer"], self.besluiten["uitkomst"]))

    @cached_property
    def k(self) -> Kandidaten:
        """The kandidaten under the plan's parameters (built once by solve or herbouw_plan)."""
        return self.kandidaten if self.kandidaten is not None else bepaal_kandidaten(self.scenario)

    def __getstate__(self):
        """A Plan travels to other processes (app, sweep workers): without the derived decision data,
        which holds row tuples that cannot be pickled; `gegevens` is rebuilt on first use there."""
        staat = dict(self.__dict__)
        staat.pop("gegevens", None)
        staat.pop("herplaatsing", None)
        return staat

    def __setstate__(self, staat):
        self.__dict__.update(staat)

    @cached_property
    def herplaatsing(self) -> pd.DataFrame:
        """The sheet Herplaatsing (regels.md §10): the open places examined for each vast boventallige."""
        return herplaatsing(self.scenario, self.k, self.toewijzing)

    def samenvatting(self) -> pd.DataFrame:
        """Number of people per uitkomst, in the fixed order of the contract."""
        telling = self.besluiten["uitkomst"].value_counts()
        return pd.DataFrame({"uitkomst": UITKOMSTEN, "aantal": [int(telling.get(u, 0)) for u in UITKOMSTEN]})


