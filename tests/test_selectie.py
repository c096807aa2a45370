"""Selection when places are short: SEL-B afspiegeling (regels.md §3, §8.1), H5, and the policy
'voorkeur leidend' (§6) against an independent implementation (the PyPI package `matching`)."""
from __future__ import annotations

import random
from datetime import date

import pytest

from plaatsing import scenario_from_tables, solve
from plaatsing.regels.kandidaten import bepaal_kandidaten, leeftijd, leeftijdsgroep
from plaatsing.model.voorkeur_leidend import uitgestelde_acceptatie
from plaatsing.voorbeelden import functie, medewerker, tabellen

# Ten functievolgers of N (formatie 7, so 3 places are lost), peildatum 2025-01-01.
#   nr   in dienst    geboren     leeftijd  groep
GROEP = [
    ("P01", date(2022, 1, 1), date(2002, 5, 5)),   # 22  [15,25)  s=1
    ("P02", date(2015, 3, 1), date(1992, 2, 2)),   # 32  [25,35)  s=2
    ("P03", date(2015, 3, 1), date(1992, 2, 2)),   # 32
    ("P04", date(2000, 1, 1), date(1983, 1, 1)),   # 42  [35,45)  s=3 (birthday on the peildatum)
    ("P05", date(2010, 6, 1), date(1982, 1, 1)),   # 43
    ("P06", date(2010, 6, 1), date(1985, 7, 7)),   # 39
    ("P07", date(1990, 1, 1), date(1975, 1, 1)),   # 50  [45,55)  s=2
    ("P08", date(2005, 1, 1), date(1972, 1, 1)),   # 53
    ("P09", date(1985, 1, 1), date(1960, 1, 1)),   # 65  [55,∞)   s=2
    ("P10", date(1995, 1, 1), date(1965, 1, 1)),   # 60
]
# Removal order by hand, value j·s_g/|G| − r_g with |G| = 10:
#   j=1: [15,25) .1, [25,35) .2, [35,45) .3, [45,55) .2, [55,∞) .2 -> [35,45); shortest service there:
#        P05 and P06 both 2010-06-01, younger one goes -> P06
#   j=2: .2, .4, .6−1=−.4, .4, .4 -> tie of three groups of size 2 -> the younger group [25,35);
#        P02 and P03 have equal dates -> higher personeelsnummer goes -> P03
#   j=3: .3, .6−1=−.4, .9−1=−.1, .6, .6 -> tie [45,55)/[55,∞) -> younger [45,55); latest in dienst -> P08
# So afspiegeling loses P06, P03, P08; anciënniteit would lose the three latest in dienst: P01, P03, P02.


def groep_tabellen(selectiemethode, groep=GROEP, formatie=7.0):
    mensen = [medewerker(nr, "O", did, geboren=gd) for nr, did, gd in groep]
    return tabellen(mensen, [functie("O", formatie=len(groep))], [functie("N", formatie=formatie)],
                    [("O", "N", 10)], selectiemethode=selectiemethode)


def verloren(plan):
    b = plan.besluiten
    return sorted(b.loc[b["nieuwe_functie"].isna(), "personeelsnummer"])


def test_afspiegeling_uitgewerkt_voorbeeld():
    plan = solve(scenario_from_tables(groep_tabellen("afspiegeling")))
    assert verloren(plan) == ["P03", "P06", "P08"]
    af = plan.afspiegeling.set_index("leeftijdsgroep")
    assert af.loc["35–45"].tolist() == ["N", 3, 2, 1]
    assert af.loc["15–25"].tolist() == ["N", 1, 1, 0]
    assert af["aantal_vervallen"].sum() == 3
    selectie = plan.selectie
    assert list(selectie["personeelsnummer"][-3:]) == ["P08", "P03", "P06"]  # reverse of removal order
    assert selectie.set_index("personeelsnummer").at["P04", "leeftijdsgroep"] == "35–45"
    motivering = plan.besluiten.set_index("personeelsnummer").at["P06", "motivering"]
    assert ("u valt in leeftijdsgroep 35–45 (leeftijd 39 op de peildatum); in deze groep vervallen 1 van de 3 "
            "plaatsen; u hebt in deze groep de kortste diensttijd") in motivering
    assert "P0" not in motivering.replace("P06", "")  # no colleague is named


def test_anciënniteit_op_dezelfde_groep():
    plan = solve(scenario_from_tables(groep_tabellen("anciënniteit")))
    assert verloren(plan) == ["P01", "P02", "P03"]
    assert plan.afspiegeling is None


def test_afspiegeling_gelijke_waarde_grotere_groep_eerst():
    # |G| = 4: [15,25) has 1 member, [45,55) has 3. j=1: .25 vs .75 -> older group;
    # j=2: .5 vs 1.5−1 = .5: a tie, the larger group goes first (the younger-group rule would pick Q1).
    groep = [("Q1", date(2020, 1, 1), date(2003, 1, 1)), ("Q2", date(2000, 1, 1), date(1975, 1, 1)),
             ("Q3", date(2001, 1, 1), date(1975, 1, 1)), ("Q4", date(2002, 1, 1), date(1975, 1, 1))]
    plan = solve(scenario_from_tables(groep_tabellen("afspiegeling", groep, formatie=2)))
    assert verloren(plan) == ["Q3", "Q4"]


def test_verjaardag_op_peildatum_telt():
    assert leeftijd(date(1980, 1, 1), date(2025, 1, 1)) == 45
    assert leeftijd(date(1980, 1, 2), date(2025, 1, 1)) == 44
    assert leeftijdsgroep(45) == 3 and leeftijdsgroep(44) == 2
    assert leeftijdsgroep(25) == 1 and leeftijdsgroep(24) == 0 and leeftijdsgroep(70) == 4


def test_h5_tijdelijk_eerst_weg_ook_bij_afspiegeling():
    groep = [("T1", date(1980, 1, 1), date(1960, 1, 1)), ("V1", date(2020, 1, 1), date(1999, 1, 1)),
             ("V2", date(2021, 1, 1), date(1970, 1, 1))]
    t = groep_tabellen("afspiegeling", groep, formatie=2)
    t["Medewerkers"][0]["dienstverband"] = "tijdelijk"
    plan = solve(scenario_from_tables(t))
    assert verloren(plan) == ["T1"]
    assert plan.besluiten.set_index("personeelsnummer").at["T1", "uitkomst"] == "niet geplaatst (tijdelijk)"


# --- voorkeur leidend ------------------------------------------------------------------

def willekeurig_scenario(rng: random.Random):
    """All fte 1; random families, mappings around the threshold, capacities 0–2, voorkeuren."""
    n_oud, n_nieuw, n_mw = rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 8)
    oud = [functie(f"O{i}", familie=rng.choice(["a", "b", None]), formatie=3) for i in range(n_oud)]
    nieuw = [functie(f"N{i}", familie=rng.choice(["a", "b", None]), formatie=rng.choice([0, 1, 1, 2]),
                     schaal=rng.choice([8, 9, 9])) for i in range(n_nieuw)]
    mapping = [(f"O{rng.randrange(n_oud)}", f"N{i}", rng.choice([10, 30, 50, 80])) for i in range(n_nieuw)]
    mensen = []
    for i in range(n_mw):
        wensen = rng.sample([f"N{j}" for j in range(n_nieuw)], k=rng.randint(0, n_nieuw))
        mensen.append(medewerker(f"M{i}", f"O{rng.randrange(n_oud)}", date(rng.randint(1980, 2020), 1, 1),
                                 geboren=date(rng.randint(1955, 1975), 1, 1), voorkeuren=tuple(wensen[:5]),
                                 dienstverband="tijdelijk" if rng.random() < 0.15 else "vast"))
    return tabellen(mensen, oud, nieuw, mapping, beleid="voorkeur leidend")


def resident_optimaal(s, k):
    """The same game solved by the `matching` package (HospitalResident, resident-optimal)."""
    from matching.games import HospitalResident
    from plaatsing.model.voorkeur_leidend import voorkeursvolgorde

    opties: dict[str, list] = {}
    for o in k.opties.itertuples(index=False):
        opties.setdefault(o.personeelsnummer, []).append(o)
    residents = {p: voorkeursvolgorde(os_) for p, os_ in opties.items()}
    t1_rang = {(p, f): i for f, v in k.selectievolgorde.items() for i, p in enumerate(v)}
    tier = {(o.personeelsnummer, o.functie): o.tier for o in k.opties.itertuples(index=False)}
    hospitals, capaciteit = {}, {}
    for f, r in s.nieuwe_functies.iterrows():
        kandidaten = [p for p in residents if f in residents[p]]
        # §4 (rules v2): vast before tijdelijk at every function, then tier, then the selection order
        tijdelijk = lambda p: s.medewerkers.at[p, "dienstverband"] == "tijdelijk"  # noqa: E731
        hospitals[f] = sorted(kandidaten, key=lambda p: (tijdelijk(p), tier[p, f],
                                                         t1_rang[p, f] if tier[p, f] == 1 else k.sel_a[p]))
        capaciteit[f] = int(r["formatie_fte"])
    # `matching` 1.4 crashes on a hospital of capacity 0; nobody can be matched there, so the
    # equivalent game leaves such hospitals (and hospitals nobody ranks) out.
    leeg = {f for f in hospitals if capaciteit[f] == 0 or not hospitals[f]}
    residents = {p: [f for f in v if f not in leeg] for p, v in residents.items()}
    residents = {p: v for p, v in residents.items() if v}
    hospitals = {f: [p for p in v if p in residents] for f, v in hospitals.items() if f not in leeg}
    capaciteit = {f: c for f, c in capaciteit.items() if f in hospitals}
    if not residents:
        return {}
    spel = HospitalResident.create_from_dictionaries(residents, hospitals, capaciteit)
    oplossing = spel.solve(optimal="resident")
    return {r.name: h.name for h, rs in oplossing.items() for r in rs}


@pytest.mark.traag
def test_voorkeur_leidend_gelijk_aan_matching_op_200_instanties():
    rng = random.Random(2026)
    vergeleken = 0
    for _ in range(200):
        s = scenario_from_tables(willekeurig_scenario(rng))
        k = bepaal_kandidaten(s)
        ons = {p: f for p, f in uitgestelde_acceptatie(s, k).items() if f is not None}
        assert ons == resident_optimaal(s, k)
        vergeleken += 1
    assert vergeleken == 200


def test_voorkeur_leidend_kost_plaatsen_en_staat_in_verantwoording():
    # A is functievolger of N (cap 1) and wishes M first; B can only go to M (cap 1).
    t = tabellen([medewerker("A", "OA", date(1990, 1, 1), voorkeuren=("M",)), medewerker("B", "OB", date(2000, 1, 1))],
                 [functie("OA", familie="x"), functie("OB", familie="x")], [functie("N"), functie("M", familie="x")],
                 [("OA", "N", 10), ("OB", "M", 50)], beleid="voorkeur leidend")
    plan = solve(scenario_from_tables(t))
    b = plan.besluiten.set_index("personeelsnummer")
    assert b.at["A", "nieuwe_functie"] == "M" and b.at["B", "uitkomst"] == "boventallig"
    v = dict(zip(plan.verantwoording["onderdeel"], plan.verantwoording["waarde"]))
    assert v["vergelijking: extra niet geplaatst door 'voorkeur leidend'"] == "1"
    assert v["vergelijking: extra eerste voorkeuren door 'voorkeur leidend'"] == "1"
