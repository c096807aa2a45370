"""The procedure after the voornemen (regels.md §9): advices (P1), the second round with the fewest
changes (P2), the chain of versions and the dossier per person (P3).

    from plaatsing.plannen.tweede_ronde import definitief
    plan = definitief(read_scenario("scenario-met-adviezen.xlsx"), "vorige-besluiten.xlsx")
"""
