"""Letters only where they belong (issue 27): safe file names from hostile personeelsnummers, look-alike
numbers refused at input, and a folder of letters that is replaced as one set."""
from __future__ import annotations

import json
import os
from datetime import date

import pytest

from plaatsing import read_scenario, scenario_from_tables, solve
from plaatsing.fouten import InvoerFout
from plaatsing.uitvoer.briefset import MANIFEST, bestandsdeel, schrijf_reeks
from plaatsing.uitvoer.excel import UitvoerFout, schrijf_besluiten
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
from cli_hulp import draai



def klein(nummers, formatie=1.0):
    mensen = [medewerker(n, "O", date(1990 + i, 1, 1)) for i, n in enumerate(nummers)]
    return tabellen(mensen, [functie("O", formatie=len(mensen))], [functie("N", formatie=formatie)],
                    [("O", "N", 10)])


def werkboeken(tmp_path, nummers, formatie=1.0):
    tmp_path.mkdir(parents=True, exist_ok=True)
    scenario = tmp_path / "s.xlsx"
    write_xlsx(klein(nummers, formatie), scenario)
    besluiten = schrijf_besluiten(solve(read_scenario(scenario)), tmp_path / "s-besluiten.xlsx")
    return scenario, besluiten


def test_padachtige_personeelsnummers_geven_brieven_in_de_map(tmp_path):
    buiten = tmp_path / "ontsnapt"
    absoluut = str(tmp_path / "absoluut" / "A0002")
    scenario, besluiten = werkboeken(tmp_path / "w", ["../../ontsnapt/A0001", absoluut, "A0003", "..\\..\\A0004"])
    uit = draai("brieven", scenario, besluiten, "--map", tmp_path / "w" / "brieven", "--datum", "2025-01-01")
    assert uit.exit_code == 0, uit.output
    map_ = tmp_path / "w" / "brieven"
    brieven = sorted(p.name for p in map_.iterdir() if p.suffix == ".docx")
    assert len(brieven) == 4
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in brieven)
    assert not buiten.exists() and not (tmp_path / "absoluut").exists()
    assert sorted(p.name for p in (tmp_path / "w").iterdir()) == ["brieven", "s-besluiten.xlsx", "s.xlsx"]
    assert bestandsdeel("../../ontsnapt/A0001") == "_.._ontsnapt_A0001"
    assert bestandsdeel(absoluut).endswith("_absoluut_A0002") and "/" not in bestandsdeel(absoluut)


@pytest.mark.parametrize("teken", ["\u200b", "\x07", "\u202e"])
def test_onzichtbaar_teken_in_personeelsnummer_is_een_invoerfout(teken):
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(klein(["A0001", f"A00{teken}02"]))
    m, = [m for m in fout.value.meldingen if "onzichtbaar" in m.tekst]
    assert (m.blad, m.rij, m.kolom) == ("Medewerkers", 3, "A (personeelsnummer)")
    assert f"U+{ord(teken):04X}" in m.tekst


@pytest.mark.parametrize("gelijkend", ["\u04100001", "\uff210001", "a0001", "A\u200b0001", "\uff21\uff10\uff10\uff10\uff11"])
def test_gelijkende_personeelsnummers_zijn_een_invoerfout(gelijkend):
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(klein(["A0001", "B0002", gelijkend]))
    m, = [m for m in fout.value.meldingen if "lijkt op" in m.tekst]
    assert (m.blad, m.rij, m.kolom) == ("Medewerkers", 4, "A (personeelsnummer)")
    assert "'A0001' (rij 2)" in m.tekst


def test_verschillende_nummers_blijven_toegestaan():
    s = scenario_from_tables(klein(["A0001", "A0002", "B0001", "A-0001"]))
    assert len(s.medewerkers) == 4


def test_dezelfde_bestandsnaam_na_opschonen_wordt_geweigerd(tmp_path):
    with pytest.raises(UitvoerFout, match="dezelfde bestandsnaam"):
        schrijf_reeks(tmp_path / "b", [("A/1", bestandsdeel("A/1") + ".docx", lambda: b"x"),
                                       ("A:1", bestandsdeel("A:1") + ".docx", lambda: b"y")], overschrijf=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.traag
def test_overschrijf_na_planwijziging_geeft_precies_een_brief_per_persoon(tmp_path):
    nummers = ["A0001", "A0002", "A0003"]
    scenario, besluiten = werkboeken(tmp_path / "een", nummers, formatie=1.0)
    map_ = tmp_path / "brieven"
    assert draai("brieven", scenario, besluiten, "--map", map_, "--datum", "2025-01-01").exit_code == 0
    eerst = sorted(p.name for p in map_.glob("*.docx"))
    # the plan changes: now everybody fits, so some letters change their kind (and so their file name)
    scenario2, besluiten2 = werkboeken(tmp_path / "twee", nummers, formatie=3.0)
    weigering = draai("brieven", scenario2, besluiten2, "--map", map_, "--datum", "2025-01-01")
    assert weigering.exit_code == 2 and "bestaat al; geef --overschrijf op" in weigering.output
    assert sorted(p.name for p in map_.glob("*.docx")) == eerst
    uit = draai("brieven", scenario2, besluiten2, "--map", map_, "--datum", "2025-01-01", "--overschrijf")
    assert uit.exit_code == 0, uit.output
    daarna = sorted(p.name for p in map_.glob("*.docx"))
    assert daarna != eerst
    assert sorted(n.split("-")[0] for n in daarna) == nummers          # exactly one letter per person
    manifest = json.loads((map_ / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["bestanden"]) == daarna and manifest["aantal"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brieven", "een", "twee"]   # no temporary folder left


def test_een_medewerker_opnieuw_houdt_de_anderen(tmp_path):
    scenario, besluiten = werkboeken(tmp_path, ["A0001", "A0002"])
    map_ = tmp_path / "brieven"
    assert draai("brieven", scenario, besluiten, "--map", map_).exit_code == 0
    voor = {p.name: p.read_bytes() for p in map_.glob("*.docx")}
    uit = draai("brieven", scenario, besluiten, "--map", map_, "-m", "A0002", "--overschrijf")
    assert uit.exit_code == 0, uit.output
    assert sorted(p.name for p in map_.glob("*.docx")) == sorted(voor)
    eerste, = [n for n in voor if n.startswith("A0001")]
    assert (map_ / eerste).read_bytes() == voor[eerste]


def test_map_met_andere_bestanden_wordt_niet_gemengd(tmp_path):
    scenario, besluiten = werkboeken(tmp_path, ["A0001"])
    uit = draai("brieven", scenario, besluiten, "--map", tmp_path, "--overschrijf")
    assert uit.exit_code == 2 and "andere bestanden dan brieven" in uit.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s-besluiten.xlsx", "s.xlsx"]


@pytest.mark.parametrize("fout", [KeyboardInterrupt, SystemExit, RuntimeError])
def test_onderbroken_reeks_laat_oude_brieven_en_geen_tijdelijke_map(tmp_path, fout):
    map_ = tmp_path / "b"
    schrijf_reeks(map_, [("A1", "A1-besluit-boventalligheid.docx", lambda: b"oud")], overschrijf=False)

    def breek():
        raise fout()
    with pytest.raises(fout):
        schrijf_reeks(map_, [("A1", "A1-plaatsingsbesluit.docx", lambda: b"nieuw"), ("A2", "A2-x.docx", breek)],
                      overschrijf=True)
    assert sorted(os.listdir(tmp_path)) == ["b"]
    assert sorted(os.listdir(map_)) == ["A1-besluit-boventalligheid.docx", MANIFEST]


def test_resten_van_een_gedode_run_worden_opgeruimd(tmp_path):
    map_ = tmp_path / "b"
    schrijf_reeks(map_, [("A1", "A1-plaatsingsbesluit.docx", lambda: b"oud")], overschrijf=False)
    # killed between the two renames: the target is gone, the old set and a complete new one wait beside it
    os.replace(map_, tmp_path / ".b.oud-abc123")
    (tmp_path / ".b.tmp-def456").mkdir()
    (tmp_path / ".b.tmp-def456" / "A1-plaatsingsbesluit.docx").write_bytes(b"half")
    schrijf_reeks(map_, [("A2", "A2-plaatsingsbesluit.docx", lambda: b"nieuw")], overschrijf=False, deel=True)
    assert sorted(os.listdir(tmp_path)) == ["b"]
    assert (map_ / "A1-plaatsingsbesluit.docx").read_bytes() == b"oud"
    assert (map_ / "A2-plaatsingsbesluit.docx").read_bytes() == b"nieuw"
