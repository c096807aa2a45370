"""Writing outputs when the file system says no (issue 26): a read-only folder, a full disk, a file open in
another program, and two runs writing the same new file. Always a Dutch message that names the path and
what to do, exit 2, nothing written (no temporary file left either) and no traceback."""
from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
import sys
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from plaatsing.uitvoer import excel
from cli_hulp import demo_besluiten, draai

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "almelo-2018.xlsx"



@pytest.fixture(scope="module")
def besluiten(tmp_path_factory):
    return demo_besluiten(tmp_path_factory)


def _opdrachten(map_: Path, besluiten: Path):
    """(command line, the files it would write) for the commands that write one output."""
    return {
        "solve": (["solve", DEMO, "-o", map_ / "b.xlsx", "--stil"], [map_ / "b.xlsx"]),
        "template": (["template", map_ / "leeg.xlsx"], [map_ / "leeg.xlsx"]),
        "vergelijk": (["vergelijk", DEMO, besluiten, besluiten, "-o", map_ / "v.xlsx"], [map_ / "v.xlsx"]),
        "rapport": (["rapport", DEMO, besluiten, "--map", map_],
                    [map_ / "almelo-2018-OR-bijlage.docx", map_ / "almelo-2018-OR-bijlage.xlsx"]),
    }


def _controleer(uitkomst, map_: Path, verwacht: str):
    assert uitkomst.exit_code == 2, uitkomst.output
    assert "Traceback" not in uitkomst.output and "Error" not in uitkomst.output
    assert verwacht in uitkomst.stderr, uitkomst.stderr
    assert "Er is niets geschreven." in uitkomst.stderr
    assert sorted(p.name for p in map_.iterdir()) == []  # no output, no temporary file


@pytest.mark.traag
@pytest.mark.parametrize("opdracht", ["solve", "template", "vergelijk", "rapport"])
def test_map_zonder_schrijfrechten(opdracht, tmp_path, besluiten, monkeypatch):
    """What a read-only folder gives (EACCES on creating a file), injected: root may write anywhere."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    args, _ = _opdrachten(map_, besluiten)[opdracht]

    def weiger(*_a, dir=None, **_k):
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(dir) / ".tijdelijk"))

    monkeypatch.setattr(excel.tempfile, "mkstemp", weiger)
    uitkomst = draai(*args)
    _controleer(uitkomst, map_, f"geen schrijfrechten in de map '{map_}'")


@pytest.mark.traag
@pytest.mark.parametrize("opdracht", ["solve", "template", "vergelijk", "rapport"])
def test_volle_schijf_in_de_schrijver(opdracht, tmp_path, besluiten, monkeypatch):
    """ENOSPC halfway through saving: the half-written temporary file goes, the message says what to do."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    args, _ = _opdrachten(map_, besluiten)[opdracht]
    class VolleSchijf(io.FileIO):
        def write(self, data):
            super().write(bytes(data)[:100])  # the disk fills up halfway through the file
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(excel, "open", lambda pad, modus: VolleSchijf(pad, modus), raising=False)
    uitkomst = draai(*args)
    _controleer(uitkomst, map_, f"de schijf van de map '{map_}' is vol; maak ruimte vrij of kies een andere map")


@pytest.mark.traag
def test_bestand_geopend_in_een_ander_programma(tmp_path, besluiten, monkeypatch):
    """Excel on Windows locks an open workbook: replacing it fails with a PermissionError."""
    doel = tmp_path / "b.xlsx"
    doel.write_bytes(b"open in Excel")

    def op_slot(_bron, pad):
        raise PermissionError(errno.EACCES, "Permission denied", str(pad))

    monkeypatch.setattr(excel.os, "replace", op_slot)
    uitkomst = draai("solve", DEMO, "-o", doel, "--overschrijf", "--stil")
    assert uitkomst.exit_code == 2 and "Traceback" not in uitkomst.output
    assert (f"Fout: '{doel}' kan niet worden geschreven: geen schrijfrechten in de map '{tmp_path}', of het bestand "
            "is geopend in een ander programma (bijvoorbeeld Excel of Word); sluit het of kies een andere map. "
            "Er is niets geschreven.") in uitkomst.stderr
    assert doel.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]


def _mount(map_: Path, *opties: str) -> bool:
    map_.mkdir()
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(opties), "tmpfs", str(map_)],
                          capture_output=True).returncode == 0


@pytest.mark.traag
def test_echte_volle_schijf_en_alleen_lezen(tmp_path, besluiten):
    """A small tmpfs where one can mount (root): the real ENOSPC and EROFS, through the whole command."""
    vol, alleen_lezen = tmp_path / "vol", tmp_path / "ro"
    if not (_mount(vol, "size=16k") and _mount(alleen_lezen, "ro", "size=64k")):
        pytest.skip("geen tmpfs: niet als root of mount niet toegestaan (de nagebootste fouten staan hierboven)")
    try:
        uitkomst = draai("solve", DEMO, "-o", vol / "b.xlsx", "--stil")
        _controleer(uitkomst, vol, f"de schijf van de map '{vol}' is vol")
        uitkomst = draai("solve", DEMO, "-o", alleen_lezen / "b.xlsx", "--stil")
        _controleer(uitkomst, alleen_lezen, f"de map '{alleen_lezen}' is alleen-lezen; kies een andere map")
    finally:
        subprocess.run(["umount", str(vol)], check=False)
        subprocess.run(["umount", str(alleen_lezen)], check=False)


def test_alleen_lezen_map_als_gewone_gebruiker(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root schrijft ook in een map zonder schrijfrechten")
    map_ = tmp_path / "ro"
    map_.mkdir()
    map_.chmod(0o555)
    try:
        uitkomst = draai("template", map_ / "leeg.xlsx")
        _controleer(uitkomst, map_, f"geen schrijfrechten in de map '{map_}'")
    finally:
        map_.chmod(0o755)


def test_tweede_schrijver_van_hetzelfde_nieuwe_bestand_weigert(tmp_path):
    """Two runs check 'does not exist yet' at the same moment; only one may create the file."""
    doel = tmp_path / "b.xlsx"
    with pytest.raises(excel.UitvoerFout, match="bestaat al"):
        with excel.atomair(doel, overschrijf=False) as tweede:
            tweede.write_bytes(b"tweede")
            with excel.atomair(doel, overschrijf=False) as eerste:  # the other run finishes first
                eerste.write_bytes(b"eerste")
    assert doel.read_bytes() == b"eerste"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]


@pytest.mark.traag
def test_twee_solves_tegelijk_naar_hetzelfde_nieuwe_bestand(tmp_path):
    doel = tmp_path / "b.xlsx"
    commando = [sys.executable, "-m", "plaatsing.cli", "solve", str(DEMO), "-o", str(doel), "--stil"]
    processen = [subprocess.Popen(commando, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    uitkomsten = [(p.wait(timeout=120), p.stderr.read()) for p in processen]
    codes = sorted(code for code, _ in uitkomsten)
    assert codes == [0, 2], uitkomsten
    fout = next(tekst for code, tekst in uitkomsten if code == 2)
    assert f"'{doel}' bestaat al" in fout
    openpyxl.load_workbook(doel)  # the file of the run that succeeded, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]


def test_geen_klok_in_besluiten_en_or_bijlage(tmp_path, besluiten):
    """F5 (plaatsing/determinisme.py): no document carries the time it was written — not in docProps/core.xml
    (openpyxl's save stamps 'modified' with it) nor in the members of the zip. The same plan gives the same bytes."""
    import re
    import zipfile

    from plaatsing.determinisme import VAST_TIJDSTIP

    uitkomst = draai("rapport", DEMO, besluiten, "--map", tmp_path)
    assert uitkomst.exit_code == 0, uitkomst.output
    for pad in (besluiten, *sorted(tmp_path.glob("*OR-bijlage*"))):
        with zipfile.ZipFile(pad) as z:
            tijden = {info.date_time for info in z.infolist()}
            kern = z.read("docProps/core.xml").decode()
        assert len(tijden) == 1 and tijden <= {VAST_TIJDSTIP.timetuple()[:6], (1980, 1, 1, 0, 0, 0)}, (pad.name, tijden)
        assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", kern) == ["2000-01-01T00:00:00Z"] * 2, kern
    tweede = tmp_path / "tweede"
    tweede.mkdir()
    assert draai("rapport", DEMO, besluiten, "--map", tweede).exit_code == 0
    for pad in sorted(tmp_path.glob("*OR-bijlage*")):
        assert (tweede / pad.name).read_bytes() == pad.read_bytes(), pad.name


def _alle_soorten_cellen(rijen: int) -> pd.DataFrame:
    """A table with every kind of cell schrijf_tabel styles: dates, wrapped text, text Excel would take for a
    formula or an error value (also in the header), empty text and numbers, plain text and numbers."""
    soorten = ["=SOM(A1)", "+31", "-", "@x", "#N/A", "gewoon", None, "  spaties "]
    return pd.DataFrame({
        "personeelsnummer": [f"{i:06d}" for i in range(rijen)],
        "=kop": [soorten[i % len(soorten)] for i in range(rijen)],
        "motivering": [soorten[(i + 3) % len(soorten)] or "lang" for i in range(rijen)],
        "datum": [dt.date(2020, 1, 1) + dt.timedelta(days=i) if i % 5 else None for i in range(rijen)],
        "fte": [i / 7 if i % 9 else float("nan") for i in range(rijen)],
        "schaal": pd.array([i % 14 for i in range(rijen)], dtype="Int64"),
    })


def test_groot_blad_in_een_eigen_proces_geeft_dezelfde_bytes(tmp_path, monkeypatch):
    """The largest sheet, written in a process of its own (GROOT_BLAD), gives the same file byte for byte as
    when this process writes it: every style has the same number in both workbooks (_vaste_stijlen)."""
    bladen = [("Klein", _alle_soorten_cellen(7)), ("Groot", _alle_soorten_cellen(3000)),
              ("Verantwoording", pd.DataFrame({"onderdeel": ["a"], "waarde": ["=b"]}))]
    monkeypatch.setattr(excel, "standaard_workers", lambda: 2)
    bestanden = {}
    for grens in (10**12, 1):
        monkeypatch.setattr(excel, "GROOT_BLAD", grens)
        assert (excel._titel_elders(bladen) == "Groot") == (grens == 1)
        pad = tmp_path / f"b{grens}.xlsx"
        excel.schrijf_bladen(excel.nieuw_werkboek(alleen_schrijven=True), bladen, pad, overschrijf=False)
        bestanden[grens] = pad.read_bytes()
    assert bestanden[1] == bestanden[10**12]
    boek = openpyxl.load_workbook(io.BytesIO(bestanden[1]))
    blad = boek["Groot"]
    assert blad.max_row == 3001 and blad["B1"].value == "=kop" and blad["B1"].data_type == "s"
    assert blad["B2"].value == "=SOM(A1)" and blad["B2"].quotePrefix and blad["C2"].alignment.wrap_text
    assert blad["D3"].number_format == "DD-MM-YYYY" and blad["B6"].value == "#N/A" and blad["B6"].data_type == "s"
    assert blad.freeze_panes == "A2" and blad.auto_filter.ref == "A1:F3001"


def test_groot_blad_in_twee_delen_geeft_dezelfde_bytes(tmp_path, monkeypatch):
    """From DELEN_VANAF cells the largest sheet is written by two processes, each its own rows (65,000 people:
    Herplaatsing of a million rows): the rows put together give the file byte for byte as one process writes it."""
    bladen = [("Klein", _alle_soorten_cellen(7)), ("Groot", _alle_soorten_cellen(3001)),
              ("Verantwoording", pd.DataFrame({"onderdeel": ["a"], "waarde": ["=b"]}))]
    monkeypatch.setattr(excel, "standaard_workers", lambda: 2)
    monkeypatch.setattr(excel, "GROOT_BLAD", 1)
    bestanden = {}
    for grens in (10**12, 1):
        monkeypatch.setattr(excel, "DELEN_VANAF", grens)
        assert len(excel._delen(bladen[1][1])) == (2 if grens == 1 else 1)
        pad = tmp_path / f"b{grens}.xlsx"
        excel.schrijf_bladen(excel.nieuw_werkboek(alleen_schrijven=True), bladen, pad, overschrijf=False)
        bestanden[grens] = pad.read_bytes()
    assert bestanden[1] == bestanden[10**12]
    blad = openpyxl.load_workbook(io.BytesIO(bestanden[1]))["Groot"]
    assert blad.max_row == 3002 and blad.auto_filter.ref == "A1:F3002"
    assert blad["B1502"].value == _alle_soorten_cellen(3001).iloc[1500, 1]  # the first row of the second part
    # a text too long for a cell in the second part: refused with its own sheet row
    lang = _alle_soorten_cellen(3001)
    lang.loc[2000, "motivering"] = "x" * (excel.MAX_TEKST_CEL + 1)
    with pytest.raises(ValueError, match="blad Groot, rij 2002, kolom motivering"):
        excel.schrijf_bladen(excel.nieuw_werkboek(alleen_schrijven=True), [("Groot", lang)], tmp_path / "c.xlsx",
                             overschrijf=False)
    assert not (tmp_path / "c.xlsx").exists()


def test_elke_stijl_van_schrijf_tabel_heeft_vooraf_een_nummer(tmp_path):
    """A sheet written elsewhere keeps its style numbers only when schrijf_tabel uses no style that
    nieuw_werkboek did not number beforehand."""
    boek = excel.nieuw_werkboek(alleen_schrijven=True)
    vooraf = len(boek._cell_styles)
    assert vooraf == len(excel.STIJLEN) + 1  # openpyxl's default style is number 0
    excel.schrijf_tabel(boek, "Alles", _alle_soorten_cellen(40))
    assert len(boek._cell_styles) == vooraf
    excel.bewaar(boek, tmp_path / "alles.xlsx")


def test_fout_in_het_proces_van_het_grote_blad_schrijft_niets(tmp_path, monkeypatch):
    """A value the other process cannot write: the same error as here, and no file, no temporary file — also not
    the one openpyxl made for the sheet in that process (a process of a pool runs no exit handlers)."""
    import tempfile

    monkeypatch.setattr(excel, "standaard_workers", lambda: 2)
    monkeypatch.setattr(excel, "GROOT_BLAD", 1)
    kapot = pd.DataFrame({"a": [1, 2], "b": ["x", object()]})  # the first row is written, to a temporary file
    bladen = [("Klein", pd.DataFrame({"a": [1]})), ("Kapot", kapot)]
    systeem = Path(tempfile.gettempdir())
    voor = set(systeem.glob("openpyxl.*")) | set(systeem.glob("plaatsing-blad-*"))
    with pytest.raises(ValueError):
        excel.schrijf_bladen(excel.nieuw_werkboek(alleen_schrijven=True), bladen, tmp_path / "b.xlsx",
                             overschrijf=False)
    assert list(tmp_path.iterdir()) == []
    from openpyxl.worksheet._writer import ALL_TEMP_FILES  # this process's own, which openpyxl removes at exit

    nieuw = set(systeem.glob("openpyxl.*")) | set(systeem.glob("plaatsing-blad-*"))
    assert {str(p) for p in nieuw - voor} <= set(ALL_TEMP_FILES)


def test_besluitenwerkboek_met_groot_blad_elders_is_hetzelfde_en_verzegeld(tmp_path, monkeypatch):
    """The besluiten workbook of the demo, with its largest sheet (not Verantwoording, which gets the seal
    meanwhile) written in a process of its own: the same bytes, and the seal checks out."""
    from plaatsing import read_scenario, solve
    from plaatsing.zegel import VERANTWOORDING, ZEGEL

    plan = solve(read_scenario(DEMO))
    monkeypatch.setattr(excel, "standaard_workers", lambda: 2)
    bestanden = {}
    for grens in (10**12, 1):
        monkeypatch.setattr(excel, "GROOT_BLAD", grens)
        pad = excel.schrijf_besluiten(plan, tmp_path / f"b{grens}.xlsx")
        bestanden[grens] = pad.read_bytes()
    assert bestanden[1] == bestanden[10**12]
    boek = openpyxl.load_workbook(io.BytesIO(bestanden[1]), read_only=True)
    waarden = dict(r for r in boek[VERANTWOORDING].iter_rows(min_row=2, values_only=True))
    assert len(waarden[ZEGEL]) == 64
