"""The full toets of a toewijzing (regels.md §5 F1–F4), with the F4 minimum computed by the toets itself."""
from __future__ import annotations

import pandas as pd

from plaatsing.regels.kandidaten import Kandidaten
from plaatsing.scenario import Scenario
from plaatsing.toets.grens import controleer_grens
from plaatsing.toets.minimum import minimum_niet_geplaatst
from plaatsing.toets.regelcontrole import toets

HARDE_REGELS = ("H1", "H2", "H3", "H4", "H5")  # F1


def alle_schendingen(s: Scenario, k: Kandidaten, toewijzing: dict, uitkomsten: dict | None = None,
                     verantwoording: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every violation of regels.md §5 F1–F4 in a toewijzing under the scenario's parameters; F4 with the
    minimum computed here. With the plan's `verantwoording`, a recorded bound must follow from the
    scenario (issue 24)."""
    minimum, bewezen = minimum_niet_geplaatst(s, kandidaten=k)
    schendingen = toets(s, k, toewijzing, uitkomsten=uitkomsten, minimum=minimum)
    if verantwoording is not None:
        grens = controleer_grens(s, verantwoording, sum(f is None for f in toewijzing.values()), k)
        if grens:
            schendingen = pd.concat([schendingen, pd.DataFrame(grens, columns=schendingen.columns)],
                                    ignore_index=True)
    if not bewezen:
        if not schendingen["regel"].isin(HARDE_REGELS).any():  # a plan that keeps H1–H5 bounds the minimum too
            minimum = min(minimum, sum(f is None for f in toewijzing.values()))
        onbewezen = pd.DataFrame([{"regel": "F4", "personeelsnummer": "", "functie": "",
                                   "probleem": f"het minimum aantal niet geplaatsten ({minimum} of minder) is niet "
                                               "binnen de tijdslimiet bewezen",
                                   "oplossing": "verhoog de tijdslimiet (parameter tijdslimiet) en toets opnieuw"}])
        schendingen = pd.concat([schendingen, onbewezen], ignore_index=True)
    return schendingen
