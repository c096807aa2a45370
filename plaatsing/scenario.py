"""A validated scenario: the old and new formatiehuis, the people and the parameters."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import pandas as pd

from plaatsing.fouten import Melding, ParameterFout
from plaatsing.parameters import Parameters, parse_parameter

VOORKEUR_KOLOMMEN = tuple(f"voorkeur_{i}" for i in range(1, 6))  # Medewerkers: the wishes, 1st to 5th


@dataclass(frozen=True)
class Scenario:
    """Validated tables of one reorganisation scenario (read it with `read_scenario`).

    Every table keeps a column `rij`: the Excel row it came from, for messages.
    """

    medewerkers: pd.DataFrame      # index personeelsnummer
    oude_functies: pd.DataFrame    # index functiecode
    nieuwe_functies: pd.DataFrame  # index functiecode
    mapping: pd.DataFrame          # oude_functie, nieuwe_functie, wijzigingspercentage
    geschiktheid: pd.DataFrame     # personeelsnummer, nieuwe_functie, oordeel, toelichting
    vastgezet: pd.DataFrame        # index personeelsnummer: nieuwe_functie, toelichting
    salaristabel: pd.DataFrame     # index schaal: maandsalaris
    parameters: Parameters
    extra_kolommen: tuple[str, ...] = ()
    bron: str | None = None
    sha256: str | None = None
    inhoud_sha256: str | None = None  # of the contract sheets' cell values (invoer/inhoud.py): the link to besluiten
    waarschuwingen: tuple[Melding, ...] = field(default_factory=tuple)
    taken: pd.DataFrame | None = None  # functiecode, taak, aandeel (SS-0); None without a Taken sheet
    # the procedure (regels.md §9): sheet Adviezen, those bound as not placed (P1), the voornemen (P2)
    adviezen: pd.DataFrame | None = None
    niet_plaatsen: frozenset[str] = frozenset()
    voornemen: dict[str, str | None] | None = None
    voornemen_sha256: str | None = None
    rechtsgrond: pd.DataFrame | None = None  # regel, artikel, tekst (optional sheet Rechtsgrond)
    # (sheet, column) of the contract -> (the sheet's title in the workbook, the column as messages name it, e.g.
    # "C (wijzigingspercentage)"): for the messages of rules applied after reading (plannen/inlezen.py)
    plekken: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    wat_als: frozenset[str] = frozenset()  # pinned by a what-if (plannen/wat_als.met_vastzettingen): no decision
    # the rules that depend on the parameters (SS-0 drempel warnings, P1), given by read_scenario
    # (plannen/inlezen.py): met_parameters applies them again, so no fact of other parameters stays behind
    regels_in_werking: tuple[Callable[["Scenario", "Scenario"], "Scenario"], ...] = ()

    def met_parameters(self, **wijzigingen) -> "Scenario":
        """The same scenario with some parameters changed, e.g. `met_parameters(drempel_wijziging=40)`; the rules
        that depend on them (`regels_in_werking`) run again under the new parameters."""
        getypt = {}
        for naam, waarde in wijzigingen.items():
            try:
                getypt[naam] = parse_parameter(naam, waarde)
            except ValueError as fout:
                raise ParameterFout(f"parameter {naam}: {fout}") from None
        nieuw = replace(self, parameters=self.parameters.met(**getypt))
        for regel in self.regels_in_werking:
            nieuw = regel(nieuw, self)
        return nieuw
