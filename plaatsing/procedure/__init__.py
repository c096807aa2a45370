"""The rules of the procedure after the voornemen (regels.md §9): advices (P1, adviezen.py, answered in every
motivering by antwoord.py), the changes against the voornemen (P2, wijzigingen.py), the chain of versions and the
dossier per person (P3, dossier.py). The second round itself is made in plannen/tweede_ronde.py:

    from plaatsing.plannen.tweede_ronde import definitief_uit_bestand
    plan = definitief_uit_bestand(read_scenario("scenario-met-adviezen.xlsx"), "vorige-besluiten.xlsx")
"""
