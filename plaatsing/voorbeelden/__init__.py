"""Example scenarios, shared by the tests, the notebooks and the benchmarks (all data fictitious).

Three kinds, one module each:

* `klein`: scenarios built row by row in the tables form (sheet name -> list of row dicts), for
  `scenario_from_tables`, and the worked examples of regels.md §7 with their plans derived by hand;
* `almelo`: the demo scenario scenarios/almelo-2018.xlsx (300 people), byte for byte;
* `synthetisch`: realistic reorganisations of any size from a seed (benchmarks, tests at scale).

    from plaatsing import read_scenario, scenario_from_tables
    from plaatsing.voorbeelden import almelo_2018, genereer, tabellen, medewerker, functie
    demo = read_scenario(almelo_2018())                # written to the temporary folder
    genereer(2000, "bench-2000.xlsx", seed=1)           # returns its key figures
    groot = read_scenario("bench-2000.xlsx")
    klein = scenario_from_tables(tabellen([medewerker("A", "O", date(2000, 1, 1))], [functie("O")],
                                          [functie("N")], [("O", "N", 10)]))

Nothing here imports the rest of plaatsing: an example is input, built before the engine runs.
"""
from plaatsing.voorbeelden.almelo import almelo_2018
from plaatsing.voorbeelden.klein import (PEILDATUM, VERWACHT, VOORBEELDEN, deeltijd_scenario, functie, medewerker,
                                         tabellen, voorbeeld_1, voorbeeld_2, voorbeeld_3a, voorbeeld_3b, voorbeeld_4,
                                         voorbeeld_5, voorbeeld_6, write_xlsx)
from plaatsing.voorbeelden.synthetisch import SECTORGROOTTE, genereer

__all__ = ["PEILDATUM", "SECTORGROOTTE", "VERWACHT", "VOORBEELDEN", "almelo_2018", "deeltijd_scenario", "functie",
           "genereer", "medewerker", "tabellen", "voorbeeld_1", "voorbeeld_2", "voorbeeld_3a", "voorbeeld_3b",
           "voorbeeld_4", "voorbeeld_5", "voorbeeld_6", "write_xlsx"]
