"""The full toets of a plan (regels.md §5 F1–F4), with the F4 minimum computed by the toets itself."""
from __future__ import annotations

import pandas as pd

from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.scenario import Scenario
from plaatsing.toets.minimum import minimum_niet_geplaatst
from plaatsing.toets.regelcontrole import toets


def toets_plan(s: Scenario, toewijzing: dict, uitkomsten: dict | None = None) -> pd.DataFrame:
    """Every violation of regels.md §5 F1–F4 in a plan; F4 with the minimum computed here."""
    minimum, bewezen = minimum_niet_geplaatst(s)
    schendingen = toets(s, bepaal_kandidaten(s), toewijzing, uitkomsten=uitkomsten, minimum=minimum)
    if not bewezen:
        onbewezen = pd.DataFrame([{"regel": "F4", "personeelsnummer": "", "functie": "",
                                   "probleem": f"het minimum aantal niet geplaatsten ({minimum} of minder) is niet "
                                               "binnen de tijdslimiet bewezen",
                                   "oplossing": "verhoog de tijdslimiet (parameter tijdslimiet) en toets opnieuw"}])
        schendingen = pd.concat([schendingen, onbewezen], ignore_index=True)
    return schendingen
