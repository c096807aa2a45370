"""Safe output: no formula injection, no half-written files, pseudonyms, nothing personal in logs."""
from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
from openpyxl.writer.excel import ExcelWriter
import pytest
from click.testing import CliRunner

from plaatsing import scenario_from_tables, solve
from plaatsing.cli import main
from plaatsing.uitvoer.excel import UitvoerFout, pseudoniem, schrijf_besluiten
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx

GEVAARLIJK = ["=HYPERLINK(\"http://x\",\"klik\")", "+31 6 1234", "-1+1", "@SUM(A1)", "\tTab", "\rCR"]


def gevaarlijk_scenario(tmp_path):
    mensen = [medewerker(f"00{i}", "O", date(1990 + i, 1, 1)) for i in range(len(GEVAARLIJK))]
    for m, naam in zip(mensen, GEVAARLIJK):
        m["naam"] = naam
    t = tabellen(mensen, [functie("O", formatie=6)], [functie("N", formatie=3)], [("O", "N", 10)])
    t["Vastgezet"] = [{"personeelsnummer": "000", "nieuwe_functie": "N", "toelichting": "=cmd|' /C calc'!A0"}]
    pad = tmp_path / "gevaarlijk.xlsx"
    write_xlsx(t, pad)
    boek = openpyxl.load_workbook(pad)  # typed as text in Excel: a text cell, not a formula
    for cel in [*boek["Medewerkers"]["B"][1:], *boek["Vastgezet"]["C"][1:]]:
        cel.data_type = "s"
    boek.save(pad)
    return pad, t


def test_tekst_die_met_formuletekens_begint_blijft_tekst(tmp_path):
    pad, _ = gevaarlijk_scenario(tmp_path)
    uit = tmp_path / "uit.xlsx"
    assert CliRunner().invoke(main, ["solve", str(pad), "-o", str(uit), "--stil"]).exit_code == 0
    with zipfile.ZipFile(uit) as z:
        for naam in z.namelist():
            if naam.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(naam) and b"<f " not in z.read(naam)
    ws = openpyxl.load_workbook(uit)["Plaatsingsbesluiten"]
    namen = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert namen == [n.strip() for n in GEVAARLIJK]  # the reader trims surrounding white space
    assert all(c.data_type == "s" for c in ws["B"][1:])
    motivering = ws["O2"].value
    assert "=cmd|' /C calc'!A0" in motivering  # quoted inside text, never a formula


def test_afgebroken_schrijven_laat_niets_achter(tmp_path, monkeypatch):
    pad, t = gevaarlijk_scenario(tmp_path)
    plan = solve(scenario_from_tables(t))
    doel = tmp_path / "af.xlsx"

    def onderbreek(self):  # the workbook is made in memory first (excel.bewaar), then written
        self._archive.fp.write(b"PK half")
        raise KeyboardInterrupt

    monkeypatch.setattr(ExcelWriter, "save", onderbreek)
    with pytest.raises(KeyboardInterrupt):
        schrijf_besluiten(plan, doel)
    assert list(tmp_path.iterdir()) == [pad]


def test_bestaand_bestand_blijft_heel_bij_fout(tmp_path, monkeypatch):
    _pad, t = gevaarlijk_scenario(tmp_path)
    plan = solve(scenario_from_tables(t))
    doel = tmp_path / "bestaand.xlsx"
    doel.write_bytes(b"oude inhoud")
    monkeypatch.setattr(ExcelWriter, "save", lambda self: (_ for _ in ()).throw(OSError("schijf vol")))
    with pytest.raises(UitvoerFout, match="kan niet worden geschreven"):  # an OS error names the path (issue 26)
        schrijf_besluiten(plan, doel, overschrijf=True)
    assert doel.read_bytes() == b"oude inhoud"


@pytest.mark.traag
def test_pseudonimiseer_vervangt_namen_stabiel(tmp_path):
    pad, _ = gevaarlijk_scenario(tmp_path)
    for uit in ("p1.xlsx", "p2.xlsx"):
        r = CliRunner().invoke(main, ["solve", str(pad), "-o", str(tmp_path / uit), "--stil", "--pseudonimiseer"])
        assert r.exit_code == 0
    rijen = [list(openpyxl.load_workbook(tmp_path / u)["Plaatsingsbesluiten"].iter_rows(min_row=2, values_only=True))
             for u in ("p1.xlsx", "p2.xlsx")]
    assert rijen[0] == rijen[1]
    assert [r[1] for r in rijen[0]] == [pseudoniem(r[0]) for r in rijen[0]]
    assert pseudoniem("001") != pseudoniem("002") and pseudoniem("001").startswith("Medewerker ")
    alles = " ".join(str(c) for ws in openpyxl.load_workbook(tmp_path / "p1.xlsx") for r in ws.values for c in r)
    assert "HYPERLINK" not in alles


def test_verantwoording_zonder_persoonsgegevens(tmp_path):
    _pad, t = gevaarlijk_scenario(tmp_path)
    t["Medewerkers"][0]["naam"] = "Geheime Naam"
    plan = solve(scenario_from_tables(t))
    tekst = " ".join(plan.verantwoording["waarde"].astype(str)) + " ".join(plan.verantwoording["onderdeel"])
    assert "Geheime" not in tekst and "1990-01-01" not in tekst and "1965" not in tekst


def test_foutmelding_toont_geen_geboortedatum_of_naam():
    from plaatsing import InvoerFout
    t = tabellen([medewerker("001", "O", date(1990, 1, 1))], [functie("O")], [functie("N")], [("O", "N", 10)])
    t["Medewerkers"][0]["geboortedatum"] = "31-02-1970"
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(t)
    tekst = str(fout.value)
    assert "1970" not in tekst
    assert ("Medewerkers, rij 2, kolom C (geboortedatum): de waarde is geen geldige datum; typ een datum als "
            "dd-mm-jjjj (de waarde zelf wordt om privacyredenen niet getoond).") in tekst


def test_werkmap_van_100_mb_wordt_geweigerd(tmp_path):
    pad = tmp_path / "groot.xlsx"
    with pad.open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    uitkomst = CliRunner().invoke(main, ["valideer", str(pad)])
    assert uitkomst.exit_code == 1
    assert "Bestand, rij -, kolom -: 'groot.xlsx' is 104 MB; een scenario, ook van 65.000 medewerkers, is hooguit" \
        in uitkomst.stderr
    assert "Traceback" not in uitkomst.output


def test_schrijf_tabel_houdt_tekst_tekst_en_opmaak(tmp_path):
    """The write-only writer: text that looks like a formula or an error value stays text, dates get
    a date format, long text wraps, the header is styled, frozen and filtered."""
    import pandas as pd

    from plaatsing.uitvoer.excel import bewaar, nieuw_werkboek, schrijf_tabel

    tabel = pd.DataFrame({"code": ["=1+1", "#N/A", "gewoon", None],
                          "datum": [pd.Timestamp(2026, 1, 2), None, None, None],
                          "aantal": [1, 2.5, None, 4],
                          "motivering": ["lang " * 40, "=SUM(A1)", None, "kort"]})
    boek = nieuw_werkboek(alleen_schrijven=True)
    schrijf_tabel(boek, "Blad", tabel)
    bewaar(boek, tmp_path / "t.xlsx")
    blad = openpyxl.load_workbook(tmp_path / "t.xlsx")["Blad"]
    assert [c.value for c in blad[1]] == ["code", "datum", "aantal", "motivering"]
    assert blad["A1"].font.b and blad.freeze_panes == "A2" and blad.auto_filter.ref == "A1:D5"
    assert [(c.value, c.data_type) for c in blad["A"][1:]] == [("=1+1", "s"), ("#N/A", "s"), ("gewoon", "s"),
                                                                 (None, "n")]
    assert blad["B2"].value.date() == date(2026, 1, 2) and blad["B2"].number_format == "DD-MM-YYYY"
    assert [c.value for c in blad["C"][1:]] == [1, 2.5, None, 4]
    assert blad["D3"].value == "=SUM(A1)" and blad["D3"].data_type == "s"
    assert blad["D2"].alignment.wrap_text and blad.column_dimensions["D"].width == 100
