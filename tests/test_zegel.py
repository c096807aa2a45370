"""The seal says what it proves (issue 27): toets/uitleg say a broken seal, brieven/rapport refuse without
--toch, a key (PLAATSING_SLEUTEL) makes it an HMAC that a re-computed hash does not pass, hidden parts are named."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from plaatsing import read_scenario, solve
from plaatsing import zegel as zegels
from plaatsing.procedure.dossier import controleer_zegel as controleer
from plaatsing.zegel import HMAC
from plaatsing.uitvoer.excel import schrijf_besluiten
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx
from cli_hulp import draai



@pytest.fixture
def paar(tmp_path):
    mensen = [medewerker(f"A{i}", "O", date(1980 + i, 1, 1)) for i in range(3)]
    scenario = tmp_path / "s.xlsx"
    write_xlsx(tabellen(mensen, [functie("O", formatie=3)], [functie("N", formatie=2)], [("O", "N", 10)]), scenario)
    return scenario, schrijf_besluiten(solve(read_scenario(scenario)), tmp_path / "s-besluiten.xlsx")


def wijzig_motivering(pad: Path) -> None:
    boek = openpyxl.load_workbook(pad)
    blad = boek["Plaatsingsbesluiten"]
    kolom = [c.value for c in blad[1]].index("motivering") + 1
    blad.cell(2, kolom).value = "U wordt geplaatst. Uitkomst: geschikt."
    boek.save(pad)


def herbereken(pad: Path) -> None:
    """What an editor without the key can do: compute the unkeyed seal again and write it in."""
    boek = openpyxl.load_workbook(pad)
    bladen = []
    for blad in boek.worksheets:
        rijen = [zegels.canonieke_rij(r) for r in blad.iter_rows(values_only=True)
                 if not (blad.title == zegels.VERANTWOORDING and r and r[0] == zegels.ZEGEL)]
        bladen.append((blad.title, rijen))
    zegel = hashlib.sha256(zegels.inhoud_bytes(bladen)).hexdigest()
    for rij in boek[zegels.VERANTWOORDING].iter_rows():
        if rij[0].value == zegels.ZEGEL:
            rij[1].value = zegel
    boek.save(pad)


@pytest.mark.traag
def test_gewijzigd_bestand_toets_meldt_documenten_geweigerd(paar, tmp_path):
    scenario, besluiten = paar
    assert controleer(besluiten).klopt is True
    wijzig_motivering(besluiten)
    toets = draai("toets", scenario, besluiten)
    assert "Let op: 's-besluiten.xlsx': het bestand is na het schrijven gewijzigd" in toets.stderr
    brieven = draai("brieven", scenario, besluiten, "--map", tmp_path / "brieven")
    assert brieven.exit_code == 1 and "Er zijn geen documenten gemaakt" in brieven.stderr
    assert not (tmp_path / "brieven").exists()
    rapport = draai("rapport", scenario, besluiten, "--map", tmp_path)
    assert rapport.exit_code == 1 and not list(tmp_path.glob("*OR-bijlage*"))
    toch = draai("brieven", scenario, besluiten, "--map", tmp_path / "brieven", "--toch")
    assert toch.exit_code == 0, toch.stderr
    assert "Let op" in toch.stderr and len(list((tmp_path / "brieven").glob("*.docx"))) == 3


def test_herberekend_zegel_houdt_zonder_sleutel_wel_stand(paar):
    _, besluiten = paar
    wijzig_motivering(besluiten)
    herbereken(besluiten)
    assert controleer(besluiten).klopt is True  # what the unkeyed seal does not prove (docs/formaat.md)


@pytest.mark.traag
def test_met_sleutel_vallen_wijziging_en_herberekening_op(paar, tmp_path, monkeypatch):
    sleutel = tmp_path / "sleutel.txt"
    sleutel.write_text("0123456789abcdef0123456789abcdef")
    monkeypatch.setenv("PLAATSING_SLEUTEL", str(sleutel))
    scenario, _ = paar
    besluiten = schrijf_besluiten(solve(read_scenario(scenario)), tmp_path / "met-sleutel.xlsx")
    rijen = dict(openpyxl.load_workbook(besluiten)["Verantwoording"].iter_rows(min_row=2, values_only=True))
    assert rijen[zegels.ZEGEL].startswith(HMAC)
    assert controleer(besluiten).klopt is True
    wijzig_motivering(besluiten)
    assert controleer(besluiten).klopt is False
    herbereken(besluiten)
    controle = controleer(besluiten)
    assert controle.klopt is False and "geen zegel met de sleutel" in controle.reden
    uit = draai("brieven", scenario, besluiten, "--map", tmp_path / "brieven")
    assert uit.exit_code == 1 and not (tmp_path / "brieven").exists()
    monkeypatch.delenv("PLAATSING_SLEUTEL")
    zonder = controleer(schrijf_besluiten(solve(read_scenario(scenario)), tmp_path / "x.xlsx", overschrijf=True))
    assert zonder.klopt is True


def test_verborgen_rijen_kolommen_en_bladen_worden_genoemd(paar):
    scenario, besluiten = paar
    boek = openpyxl.load_workbook(besluiten)
    boek["Plaatsingsbesluiten"].row_dimensions[3].hidden = True
    boek["Plaatsingsbesluiten"].column_dimensions["C"].hidden = True
    boek["Bezetting"].sheet_state = "hidden"
    boek.save(besluiten)
    controle = controleer(besluiten)
    assert controle.klopt is True  # hiding changes no content, and the content of hidden parts is sealed
    assert "Plaatsingsbesluiten: 1 rij (3)" in controle.verborgen and "Plaatsingsbesluiten: kolom C" in controle.verborgen
    assert "Bezetting: het hele blad" in controle.verborgen
    assert "verborgen delen" in draai("toets", scenario, besluiten).stderr
