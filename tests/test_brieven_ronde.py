"""Letters per round and type (regels.md §9): the definitive workbook read back as the second round it
is, and every fact a letter needs (scenario-formaat.md, the v2 parameters)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from plaatsing import read_scenario
from plaatsing.plannen.lezen import lees_plan
from plaatsing.parameters import einde_termijn, lees_termijn, parse_parameter
from plaatsing.uitvoer.brieven import brieftekst
from cli_hulp import draai

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
DATUM = "2018-11-01"



def met_adviezen(doel: Path, parameters: dict | None = None) -> Path:
    """The demo with the PAC's advices: A0035 'handhaven', A0095 into the full KCC-LG-01, and a
    zienswijze of A0071 that was not adopted."""
    boek = openpyxl.load_workbook(DEMO)
    ws = boek.create_sheet("Adviezen")
    ws.append(["personeelsnummer", "datum", "bron", "advies", "besluit", "toelichting"])
    ws.append(["A0035", dt.date(2018, 6, 12), "PAC", "handhaven", "overgenomen", "geen reden tot wijziging"])
    ws.append(["A0095", dt.date(2018, 6, 12), "PAC", "KCC-LG-01", "overgenomen", "ervaring in het klantcontact"])
    ws.append(["A0071", dt.date(2018, 6, 4), "zienswijze", "handhaven", "niet overgenomen", None])
    for naam, waarde in (parameters or {}).items():
        boek["Parameters"].append([naam, waarde])
    boek.save(doel)
    return doel


@pytest.fixture(scope="module")
def rondes(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("rondes")
    assert draai("solve", DEMO, "-o", map_ / "b1.xlsx", "--stil").exit_code == 0
    s2 = met_adviezen(map_ / "almelo-pac.xlsx")
    uit = draai("solve", s2, "--voornemen", map_ / "b1.xlsx", "-o", map_ / "b2.xlsx", "--stil")
    assert uit.exit_code == 0, uit.output
    blad = pd.read_excel(map_ / "b2.xlsx", "Plaatsingsbesluiten", dtype=str).set_index("personeelsnummer")
    return map_, s2, blad


def tekst_van(map_: Path, nummer: str) -> str:
    gevonden = sorted(map_.glob(f"{nummer}-*.docx"))
    assert len(gevonden) == 1, gevonden
    return brieftekst(gevonden[0])


@pytest.mark.traag
def test_definitief_werkboek_wordt_teruggelezen_als_de_tweede_ronde(rondes):
    map_, s2, blad = rondes
    assert blad.at["A0035", "uitkomst"] == "vastgezet" and blad.at["A0035", "status_besluit"] == "definitief"
    gewijzigd = sorted(blad.index[blad["status_besluit"] == "gewijzigd"])
    assert gewijzigd == ["A0095", "A0145"]
    plan = lees_plan(map_ / "b2.xlsx", read_scenario(s2)).besluiten.set_index("personeelsnummer")
    for kolom in ("uitkomst", "status_besluit", "regels", "motivering", "nieuwe_functie"):
        def waarde(w):
            return "" if w is None or (isinstance(w, float) and pd.isna(w)) else str(w)
        verschil = [p for p in blad.index if waarde(plan.at[p, kolom]) != waarde(blad.at[p, kolom])]
        assert verschil == [], (kolom, verschil[:5])
    assert "Dit besluit wijkt af van het voorgenomen besluit (plaatsing in KCC-LG-01)" in plan.at["A0145", "motivering"]
    # uitleg says what the sheet says, for every person
    uit = draai("uitleg", s2, map_ / "b2.xlsx", "--alle", "--json")
    assert uit.exit_code == 0, uit.output
    uitleg = {r["personeelsnummer"]: r for r in map(json.loads, uit.output.splitlines())}
    assert len(uitleg) == 300
    assert all(uitleg[p]["motivering"] == blad.at[p, "motivering"] for p in blad.index)
    assert uitleg["A0035"]["uitkomst"] == "vastgezet"


@pytest.mark.traag
def test_brieven_per_ronde_definitief_en_nieuw_voornemen(rondes):
    map_, s2, blad = rondes
    uit = draai("brieven", s2, map_ / "b2.xlsx", "--map", map_ / "brieven", "--datum", DATUM,
                "-m", "A0035", "-m", "A0095", "-m", "A0145", "-m", "A0001")
    assert uit.exit_code == 0, uit.output
    assert "andere motivering" not in uit.output
    namen = sorted(p.name for p in (map_ / "brieven").iterdir() if p.suffix == ".docx")  # the manifest aside
    assert namen == ["A0001-plaatsingsbesluit.docx", "A0035-plaatsingsbesluit.docx",
                     "A0095-voorgenomen-plaatsingsbesluit.docx", "A0145-voorgenomen-besluit-boventalligheid.docx"]
    for nummer in ("A0035", "A0001"):   # definitief: the route, no zienswijze
        t = tekst_van(map_ / "brieven", nummer)
        assert "Betreft: Plaatsingsbesluit" in t and "Dit is het definitieve besluit. Het gaat in op de dag waarop de nieuwe organisatie ingaat." in t
        assert "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken" in t
        assert "zienswijze geven" not in t and "Voorgenomen" not in t and "nieuw voorgenomen" not in t
    t = tekst_van(map_ / "brieven", "A0035")
    assert "Het college volgt het advies van de plaatsingsadviescommissie van 12 juni 2018" in t
    assert "Uitkomst: vastgezet" in t and "al eerder een besluit" not in t
    t = tekst_van(map_ / "brieven", "A0145")  # gewijzigd: a new voornemen, saying what changed and why
    assert "Betreft: Nieuw voorgenomen besluit boventalligheid" in t
    assert ("Dit is een nieuw voorgenomen besluit. In het eerdere voorgenomen besluit werd u geplaatst in de functie "
            "Teammanager KCC (KCC); nu wordt u niet geplaatst.") in t
    assert "Dit besluit wijkt af" not in t           # the P2 sentence became the paragraph above
    assert "U kunt tot en met 15-11-2018 (twee weken na de datum van deze brief) uw zienswijze geven" in t
    t = tekst_van(map_ / "brieven", "A0095")
    assert "Dat volgt uit het advies over uw plaatsing dat is overgenomen" in t
    assert "werd u geplaatst in de functie Teammanager Uitvoering Fysiek (Uitvoering Fysiek)" in t


@pytest.fixture(scope="module")
def volledig(tmp_path_factory):
    """The demo's first round with every parameter a letter needs."""
    map_ = tmp_path_factory.mktemp("volledig")
    boek = openpyxl.load_workbook(DEMO)
    for naam, waarde in (("organisatiebesluit", "besluit van het college van 12 juni 2018 over het organisatieplan "
                                                "'Voor Stad en Resultaat', na advies van de OR van 5 juni 2018"),
                         ("ingangsdatum", dt.date(2019, 1, 1)), ("zienswijze_termijn", "drie weken"),
                         ("geschillencommissie", "de Geschillencommissie Almelo, Postbus 5100, 7600 GC Almelo"),
                         ("vwnw_termijn", "24 maanden")):
        boek["Parameters"].append([naam, waarde])
    boek.save(map_ / "almelo-vol.xlsx")
    assert draai("solve", map_ / "almelo-vol.xlsx", "-o", map_ / "b.xlsx", "--stil").exit_code == 0
    blad = pd.read_excel(map_ / "b.xlsx", "Plaatsingsbesluiten", dtype=str).set_index("personeelsnummer")
    uit = draai("brieven", map_ / "almelo-vol.xlsx", map_ / "b.xlsx", "--map", map_ / "brieven", "--datum", DATUM)
    assert uit.exit_code == 0, uit.output
    assert "Let op" not in uit.output          # no parameter missing
    return map_, blad


def eerste(blad, uitkomst):
    return blad.index[blad["uitkomst"] == uitkomst][0]


@pytest.mark.traag
def test_elke_brief_noemt_besluit_ingang_uren_route(volledig):
    map_, blad = volledig
    s = read_scenario(map_ / "almelo-vol.xlsx")
    for nummer in blad.index:
        t = tekst_van(map_ / "brieven", nummer)
        assert "uitvoering van het besluit van het college van 12 juni 2018 over het organisatieplan" in t, nummer
        assert "{{" not in t and "{%" not in t
        assert "tot en met 22-11-2018 (drie weken na de datum van deze brief)" in t or "al eerder besloten" in t
        assert "schriftelijk aan de afdeling P&O, of mondeling" in t or "al eerder besloten" in t
        assert "de Geschillencommissie Almelo, Postbus 5100, 7600 GC Almelo" in t
        uren = float(s.medewerkers.at[nummer, "fte"]) * 36
        assert f"Arbeidsduur: {round(uren, 2):g}".replace(".", ",") + " uur per week" in t, nummer
        assert "Nieuwe functie: geen" not in t and not any(c.isdigit() and len(c) > 5 for c in t.split(" fte")[0:0])
        if isinstance(blad.at[nummer, "nieuwe_functie"], str):
            assert "Ingangsdatum: 01-01-2019" in t and f"Schaal: {blad.at[nummer, 'nieuwe_schaal']}" in t


@pytest.mark.traag
def test_boventallig_vwnw_begin_einde_en_geen_valse_zin(volledig):
    map_, blad = volledig
    for nummer in blad.index[blad["uitkomst"] == "boventallig"]:
        t = tekst_van(map_ / "brieven", nummer)
        assert "begint op 01-01-2019 en duurt 24 maanden, tot en met 31-12-2020" in t
        if "Voor " in blad.at[nummer, "motivering"]:   # functions it was eligible for are named
            assert "geen functie waarvoor u volgens het sociaal statuut in aanmerking komt" not in t
            assert "In de functies waarvoor u in aanmerking kwam, was in dit plan geen plaats voor u" in t
            # not "bezet door collega's die voor u gaan": a functievolger who does not go first may hold it (O1)
            assert "die bij de plaatsing voor u gaan of over wier plaatsing" not in t
            assert "via werving" not in t   # regels.md §10: on the Herplaatsing list, no werving sentence
        if "(blad Herplaatsing)" in blad.at[nummer, "motivering"]:  # the sheet is P&O's, not the addressee's
            assert "op of rond uw niveau onderzocht waarvoor u nu niet in aanmerking komt; P&O" in t
            assert "blad Herplaatsing" not in t


@pytest.mark.traag
def test_tijdelijk_geschikt_vastgezet_en_rechtsgrond(volledig):
    map_, blad = volledig
    s = read_scenario(map_ / "almelo-vol.xlsx")
    nummer = eerste(blad, "niet geplaatst (tijdelijk)")
    t = tekst_van(map_ / "brieven", nummer)
    einde = s.medewerkers.at[nummer, "einddatum"]
    assert f"eindigt op {pd.Timestamp(einde):%d-%m-%Y}" in t and "geen van-werk-naar-werktraject" in t
    # H5 has two grounds and the letter names this person's own (found by a run: a contract that ended before the
    # ingangsdatum got "collega's in vaste dienst gaan voor", while no vast colleague took the place)
    for p in blad.index[blad["uitkomst"] == "niet geplaatst (tijdelijk)"]:
        eind = s.medewerkers.at[p, "einddatum"]
        voorbij = pd.notna(eind) and pd.Timestamp(eind).date() < s.parameters.ingang
        brief = tekst_van(map_ / "brieven", p)
        assert bool(re.search(r"Uw tijdelijke \w+ eindigt vóór de nieuwe organisatie ingaat\.", brief)) == voorbij, p
        assert ("na collega's in vaste dienst" in brief) == (not voorbij), p
    assert "zo weinig mogelijk medewerkers worden boventallig" not in t   # O1 is no basis for this decision
    t = tekst_van(map_ / "brieven", eerste(blad, "geschikt"))
    assert "Lukt het niet om de scholing met goed gevolg af te ronden" in t
    t = tekst_van(map_ / "brieven", eerste(blad, "vastgezet"))    # a decision taken before: no zienswijze
    assert "Over uw plaatsing is al eerder een besluit genomen" in t and "U kunt tot en met" not in t
    for nummer in blad.index[blad["uitkomst"].isin(["passend", "passend lager", "geschikt"])]:
        t = tekst_van(map_ / "brieven", nummer)
        assert "een plaatsingsbesluit dat vooraf is genomen" not in t.split("Dit besluit berust op")[1], nummer
        assert "U wordt geplaatst in de functie" in t or "U wordt met ingang van" in t


@pytest.mark.traag
def test_bezwaar_noemt_aanstelling_en_waarschuwing_bij_ontbrekende_parameters(volledig, tmp_path):
    map_, blad = volledig
    nummer = eerste(blad, "niet geplaatst (tijdelijk)")
    uit = draai("brieven", map_ / "almelo-vol.xlsx", map_ / "b.xlsx", "--map", tmp_path / "b", "--datum", DATUM,
                "-p", "rechtsmiddel=bezwaar", "-m", nummer)
    assert uit.exit_code == 0, uit.output
    t = tekst_van(tmp_path / "b", nummer)
    assert "arbeidsovereenkomst" not in t and "tijdelijke aanstelling" in t and "bezwaar maken" in t
    uit = draai("brieven", DEMO, map_ / "b.xlsx", "--map", tmp_path / "c", "-m", nummer)
    assert uit.exit_code == 1  # another scenario: refused
    assert draai("solve", DEMO, "-o", tmp_path / "demo.xlsx", "--stil").exit_code == 0
    uit = draai("brieven", DEMO, tmp_path / "demo.xlsx", "--map", tmp_path / "d", "-m", eerste(blad, "boventallig"))
    assert uit.exit_code == 0
    for parameter in ("organisatiebesluit", "ingangsdatum", "geschillencommissie", "vwnw_termijn"):
        assert f"Let op: de parameter {parameter} ontbreekt" in uit.stderr, parameter


def test_termijnen():
    assert lees_termijn("twee weken") == (2, "weken") and lees_termijn("24 maanden") == (24, "maanden")
    assert einde_termijn(dt.date(2018, 11, 1), "twee weken") == dt.date(2018, 11, 15)
    assert einde_termijn(dt.date(2019, 1, 31), "1 maand") == dt.date(2019, 2, 28)
    for fout in ("binnenkort", "twee", "veel weken"):
        with pytest.raises(ValueError):
            parse_parameter("zienswijze_termijn", fout)
    assert parse_parameter("normuren", "32") == 32.0
    for naam, waarde in (("normuren", "0"), ("drempel_afscherming", "0")):
        with pytest.raises(ValueError):
            parse_parameter(naam, waarde)


@pytest.mark.traag
def test_een_variant_is_geen_besluit(tmp_path):
    """A what-if pin reaches no letter or OR-bijlage unless the user says why it was decided; then the
    letters cite that toelichting and never the word 'wat-als'."""
    variant = tmp_path / "variant.xlsx"
    assert draai("wat-als", DEMO, "-v", "A0035=BV-HRM-02", "-o", variant).exit_code == 0
    for opdracht, document in (("brieven", "Een brief"), ("rapport", "De OR-bijlage")):
        (tmp_path / opdracht).mkdir()
        uit = draai(opdracht, DEMO, variant, "--map", tmp_path / opdracht)
        assert uit.exit_code == 1, uit.output
        assert ("dit plan is een wat-als-variant: de vastzetting van A0035 in BV-HRM-02 is geen genomen besluit. "
                f"{document} noemt alleen besluiten. Geef met --toelichting A0035=") in uit.output
        assert "Er is niets geschreven." in uit.output
        assert not list((tmp_path / opdracht).iterdir())
    reden = "besluit van de gemeentesecretaris van 3 juli 2018 na bemiddeling"
    uit = draai("brieven", DEMO, variant, "--map", tmp_path / "b", "--datum", DATUM, "-t", f"A0035={reden}")
    assert uit.exit_code == 0, uit.output
    teksten = {p.name[:5]: brieftekst(p) for p in (tmp_path / "b").glob("*.docx")}
    assert not [n for n, t in teksten.items() if "wat-als" in t]
    assert f"Over uw plaatsing is al eerder een besluit genomen: {reden}." in teksten["A0035"]
    uit = draai("brieven", DEMO, variant, "--map", tmp_path / "c", "-t", "A0001=iets")
    assert uit.exit_code == 2 and "A0001" in uit.output
    # a toelichting given with wat-als travels with the variant
    variant2 = tmp_path / "variant2.xlsx"
    assert draai("wat-als", DEMO, "-v", "A0035=BV-HRM-02", "-t", f"A0035={reden}", "-o", variant2).exit_code == 0
    uit = draai("rapport", DEMO, variant2, "--map", tmp_path)
    assert uit.exit_code == 0, uit.output


@pytest.mark.traag
def test_app_maakt_geen_documenten_van_een_variant_zonder_toelichting(tmp_path):
    from plaatsing import solve
    from plaatsing.app import werk
    from plaatsing.fouten import InvoerFout
    from plaatsing.plannen.wat_als import wat_als

    s = read_scenario(DEMO)
    basis = solve(s)
    variant = werk.bereken_wat_als(s, basis, {"A0035": "BV-HRM-02"}, {}, voortgang=lambda _: None).nieuw
    for maak in (lambda: werk.schrijf_bijlage(variant, tmp_path / "bijlage", "demo", voortgang=lambda _: None),
                 lambda: werk.schrijf_brieven_zip(variant, tmp_path / "b", tmp_path / "b.zip", dt.date(2018, 11, 1),
                                                  voortgang=lambda _: None)):
        with pytest.raises(InvoerFout) as fout:
            maak()
        assert "Zet de medewerker bij Wat-als opnieuw vast met een toelichting" in fout.value.meldingen[0].tekst
    uitgelegd = wat_als(basis, vastzetten={"A0035": "BV-HRM-02"},
                        toelichtingen={"A0035": "besluit van de directie van 3 juli 2018"}).nieuw
    assert uitgelegd.scenario.wat_als == {"A0035"}
    assert werk.schrijf_bijlage(uitgelegd, tmp_path / "bijlage", "demo", voortgang=lambda _: None)


@pytest.mark.traag
def test_aanloopschaal_loopt_door_en_garantie_bij_lagere_functie(volledig):
    """regels.md §8.6: the letter gives the function's schaal; a personal scale below it continues
    (no 'salaris vastgesteld in schaal …'), one above it gives salarisgarantie."""
    map_, blad = volledig
    s = read_scenario(map_ / "almelo-vol.xlsx")
    functieschaal = blad["huidige_functie"].map(s.oude_functies["schaal"]).astype(int)
    aanloop = blad[(blad["uitkomst"] == "functievolger") & (blad["schaal"].astype(int) < functieschaal)].index[0]
    t = tekst_van(map_ / "brieven", aanloop)
    eigen, functie = int(blad.at[aanloop, "schaal"]), int(blad.at[aanloop, "nieuwe_schaal"])
    assert f"Schaal: {functie}" in t
    assert (f"U bent persoonlijk ingedeeld in schaal {eigen}; die schaal en de groei daarin lopen door zoals in de "
            "cao is afgesproken.") in t
    assert "wordt uw salaris vastgesteld" not in t
    assert f"schaal {functieschaal[aanloop]})" in t   # the current function with its own level
    lager = eerste(blad, "passend lager")
    t = tekst_van(map_ / "brieven", lager)
    assert "U houdt uw huidige salaris (salarisgarantie)" in t and "Arbeidsduur:" in t
