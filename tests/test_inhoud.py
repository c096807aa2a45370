"""Besluiten belong to a scenario by the content of its contract sheets (issue 26, scenario-formaat.md
Verantwoording): saved again unchanged by openpyxl or LibreOffice, the scenario keeps its besluiten for
toets, uitleg, brieven and dossier; another scenario gives one sentence; a voornemen made under other
parameters is said."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from plaatsing.invoer.inhoud import RIJ, inhoud_sha256
from plaatsing.plannen.inlezen import read_scenario
from plaatsing.invoer.werkboek import open_werkboek
from cli_hulp import demo_besluiten, draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"



@pytest.fixture(scope="module")
def besluiten(tmp_path_factory):
    return demo_besluiten(tmp_path_factory, "almelo-2018-besluiten.xlsx")


def _via_openpyxl(doel: Path) -> Path:
    boek = openpyxl.load_workbook(DEMO)
    boek.save(doel)
    return doel


def _via_libreoffice(map_: Path) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    bron = map_ / "bron" / DEMO.name
    bron.parent.mkdir()
    shutil.copy(DEMO, bron)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{map_ / 'profiel'}",
                    "--convert-to", "xlsx", "--outdir", str(map_), str(bron)], check=True, capture_output=True,
                   timeout=180)
    return map_ / DEMO.name


@pytest.mark.traag
@pytest.mark.parametrize("opslaan", [_via_openpyxl, _via_libreoffice], ids=["openpyxl", "libreoffice"])
def test_ongewijzigd_opgeslagen_scenario_houdt_zijn_besluiten(opslaan, besluiten, tmp_path):
    doel = tmp_path / "opnieuw"
    doel.mkdir()
    kopie = opslaan(doel / DEMO.name) if opslaan is _via_openpyxl else opslaan(doel)
    assert hashlib.sha256(kopie.read_bytes()).digest() != hashlib.sha256(DEMO.read_bytes()).digest()
    assert read_scenario(kopie).inhoud_sha256 == read_scenario(DEMO).inhoud_sha256

    toets = draai("toets", kopie, besluiten)
    assert toets.exit_code == 0, toets.output
    assert toets.stdout == "Het plan voldoet aan de regels (H1–H5, O2, O6, F3, F4): 300 medewerkers getoetst.\n"
    uitleg = draai("uitleg", kopie, besluiten, "-m", "A0035")
    assert uitleg.exit_code == 0 and uitleg.stdout == draai("uitleg", DEMO, besluiten, "-m", "A0035").stdout
    brieven = draai("brieven", kopie, besluiten, "--map", tmp_path / "brieven", "-m", "A0035")
    assert brieven.exit_code == 0, brieven.output
    assert len(list((tmp_path / "brieven").glob("*.docx"))) == 1
    dossier = draai("dossier", kopie, besluiten)
    assert dossier.exit_code == 0, dossier.output
    assert "met een andere versie van het scenario gemaakt" not in dossier.output


def test_de_inhoud_staat_naast_de_bytes_in_de_verantwoording(besluiten):
    rijen = dict(openpyxl.load_workbook(besluiten, read_only=True)["Verantwoording"].iter_rows(values_only=True))
    assert rijen["sha256 invoer"] == hashlib.sha256(DEMO.read_bytes()).hexdigest()
    assert rijen[RIJ] == inhoud_sha256(open_werkboek(DEMO)) == read_scenario(DEMO).inhoud_sha256
    assert rijen[RIJ] != rijen["sha256 invoer"]


@pytest.mark.traag
def test_een_gewijzigde_waarde_is_een_ander_scenario_in_een_zin(besluiten, tmp_path):
    boek = openpyxl.load_workbook(DEMO)
    blad = boek["Nieuwe functies"]
    kolom = [c.value for c in blad[1]].index("formatie_fte") + 1
    blad.cell(2, kolom).value = float(blad.cell(2, kolom).value) + 1
    gewijzigd = tmp_path / "gewijzigd.xlsx"
    boek.save(gewijzigd)
    assert read_scenario(gewijzigd).inhoud_sha256 != read_scenario(DEMO).inhoud_sha256

    uitkomst = draai("toets", gewijzigd, besluiten)
    assert uitkomst.exit_code == 1
    assert uitkomst.stderr.splitlines() == [
        f"Fout: de besluiten in '{besluiten.name}' zijn gemaakt met een ander scenario dan 'gewijzigd.xlsx' "
        f"(sha256 van de inhoud {read_scenario(DEMO).inhoud_sha256[:12]}… tegenover "
        f"{read_scenario(gewijzigd).inhoud_sha256[:12]}…); gebruik het scenario waarmee ze zijn gemaakt, of maak "
        "ze opnieuw met 'plaatsing solve'."]


@pytest.mark.traag
def test_heel_ander_scenario_geeft_een_zin_en_geen_regel_per_medewerker(besluiten, tmp_path):
    from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
    from datetime import date

    ander = tmp_path / "ander.xlsx"
    write_xlsx(tabellen([medewerker("X1", "O", date(1990, 1, 1))], [functie("O")], [functie("N")],
                        [("O", "N", 10)]), ander)
    for args in (["toets", ander, besluiten], ["uitleg", ander, besluiten, "--alle"],
                 ["rapport", ander, besluiten, "--map", tmp_path]):
        uitkomst = draai(*args)
        assert uitkomst.exit_code == 1, uitkomst.output
        regels = [r for r in uitkomst.stderr.splitlines() if not r.startswith("[")]  # not the progress lines
        assert len(regels) == 1 and "zijn gemaakt met een ander scenario" in regels[0]
        assert "staat niet in" not in uitkomst.stderr


@pytest.mark.traag
def test_voornemen_met_andere_parameters_wordt_gemeld(besluiten, tmp_path):
    uitkomst = draai("solve", DEMO, "--voornemen", besluiten, "-o", tmp_path / "def.xlsx", "-p", "drempel_wijziging=40")
    assert uitkomst.exit_code in (0, 3), uitkomst.output
    assert ("let op: het voornemen is gemaakt met andere parameters: drempel_wijziging 30 (nu 40). De definitieve "
            "besluiten gebruiken die van nu") in uitkomst.stderr
    zelfde = draai("solve", DEMO, "--voornemen", besluiten, "-o", tmp_path / "def2.xlsx")
    assert zelfde.exit_code in (0, 3) and "andere parameters" not in zelfde.stderr
