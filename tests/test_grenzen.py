"""Workbooks that cannot exhaust memory (issue 27): the zip directory and the declared sheet size are checked
before parsing, rows and columns are bounded while reading, and at most 200 problems are listed."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from plaatsing import scenario_from_tables
from plaatsing.cli import main
from plaatsing.fouten import InvoerFout
from plaatsing.invoer import werkboek
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx

KOP = '<row r="1"><c r="A1" t="inlineStr"><is><t>personeelsnummer</t></is></c></row>'


def scenario(tmp_path: Path) -> Path:
    mensen = [medewerker(f"A{i}", "O", date(2000, 1, 1)) for i in range(3)]
    pad = tmp_path / "s.xlsx"
    write_xlsx(tabellen(mensen, [functie("O", formatie=3)], [functie("N", formatie=3)], [("O", "N", 10)]), pad)
    return pad


def vervang(pad: Path, doel: Path, delen: dict[str, bytes | str]) -> Path:
    """A copy of the workbook `pad` with these parts replaced or added (written with zlib level 1: fast)."""
    with zipfile.ZipFile(pad) as bron, zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as uit:
        for info in bron.infolist():
            if info.filename not in delen:
                uit.writestr(info, bron.read(info.filename))
        for naam, inhoud in delen.items():
            uit.writestr(naam, inhoud)
    return doel


def blad(rijen: str, dimensie: str | None = None) -> str:
    dim = f'<dimension ref="{dimensie}"/>' if dimensie else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dim}<sheetData>{KOP}{rijen}</sheetData></worksheet>")


def meet(pad: Path) -> dict:
    """Read the workbook in a fresh process: the outcome, the seconds it took and how far the peak memory rose
    above that of the imports (MB)."""
    code = f"""
import json, resource, time
from plaatsing.fouten import InvoerFout
from plaatsing.invoer.werkboek import open_werkboek
voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
begin = time.perf_counter()
try:
    open_werkboek({str(pad)!r}); meldingen = []
except InvoerFout as f:
    meldingen = [str(m) for m in f.meldingen]
print(json.dumps({{"s": time.perf_counter() - begin, "mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - voor) / 1024,
                  "meldingen": meldingen}}))
"""
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(uit.stdout)


@pytest.mark.traag
def test_opgeblazen_onderdeel_wordt_geweigerd_voor_het_uitpakken(tmp_path):
    leeg = " " * 60_000_000  # one huge string of white space: 60 MB that packs to about 0,3 MB
    pad = vervang(scenario(tmp_path), tmp_path / "bom.xlsx",
                  {"xl/sharedStrings.xml": f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                           f'<si><t xml:space="preserve">{leeg}</t></si></sst>'})
    assert pad.stat().st_size < 2_000_000
    r = meet(pad)
    melding, = r["meldingen"]
    assert "xl/sharedStrings.xml" in melding and "uitgepakt 60 MB" in melding
    assert r["s"] < 2 and r["mb"] < 300


@pytest.mark.traag
def test_cel_in_kolom_xfd_op_elke_rij_wordt_snel_geweigerd(tmp_path):
    rijen = "".join(f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, 100_002))
    bron = scenario(tmp_path)
    # without a declared size (read while streaming) and with the size Excel would declare (refused before)
    for naam, dimensie in (("zonder.xlsx", None), ("met.xlsx", "A1:XFD100001")):
        r = meet(vervang(bron, tmp_path / naam, {"xl/worksheets/sheet1.xml": blad(rijen, dimensie)}))
        melding, = r["meldingen"]
        assert "XFD" in melding and "500 kolommen (tot en met kolom SF)" in melding, melding
        assert r["s"] < 2 and r["mb"] < 300, r


@pytest.mark.traag
def test_blad_van_een_miljoen_rijen_geeft_een_melding(tmp_path):
    rijen = '<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    pad = vervang(scenario(tmp_path), tmp_path / "lang.xlsx",
                  {"xl/worksheets/sheet1.xml": blad(rijen, "A1:N1048576")})
    r = meet(pad)
    melding, = r["meldingen"]
    assert "1048576 rijen" in melding and "hoogstens 200000 rijen" in melding
    assert r["s"] < 2 and r["mb"] < 1000


def test_rijen_boven_de_grens_worden_al_lezend_geweigerd(tmp_path, monkeypatch):
    monkeypatch.setattr(werkboek, "MAX_RIJEN", 1000)
    rijen = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 1_502))
    pad = vervang(scenario(tmp_path), tmp_path / "lang.xlsx", {"xl/worksheets/sheet1.xml": blad(rijen)})
    with pytest.raises(InvoerFout) as fout:
        werkboek.open_werkboek(pad)
    m, = fout.value.meldingen
    assert m.rij == 1002 and "meer dan 1000 rijen met gegevens" in m.tekst


def test_te_veel_onderdelen_worden_geweigerd(tmp_path):
    pad = vervang(scenario(tmp_path), tmp_path / "veel.xlsx", {f"xl/media/{i}.bin": b"" for i in range(1001)})
    with pytest.raises(InvoerFout, match="onderdelen"):
        werkboek.open_werkboek(pad)


def test_hoogstens_200_problemen_en_het_aantal_van_de_rest(tmp_path):
    mensen = [medewerker(f"A{i}", "ONBEKEND", date(2000, 1, 1)) for i in range(450)]
    t = tabellen(mensen, [functie("O", formatie=3)], [functie("N", formatie=3)], [("O", "N", 10)])
    with pytest.raises(InvoerFout) as fout:
        scenario_from_tables(t)
    assert fout.value.aantal == 450 and len(fout.value.meldingen) == 201
    assert str(fout.value.meldingen[-1]) == ("… en nog 250 problemen; hierboven staan de eerste 200. Los die eerst op "
                                             "en controleer het scenario opnieuw.")
    pad = tmp_path / "fout.xlsx"
    write_xlsx(t, pad)
    uit = CliRunner().invoke(main, ["valideer", str(pad)])
    assert uit.exit_code == 1
    regels = uit.output.splitlines()
    assert regels[0].startswith("Het scenario kan niet worden gebruikt: 450 problemen gevonden.")
    assert len(regels) == 202 and regels[-1].startswith("  … en nog 250 problemen")


def test_besluitenbestand_heeft_eigen_grenzen_en_wordt_een_keer_gelezen(tmp_path, monkeypatch):
    """A besluiten workbook is read within its own limits: at 65,000 people it is ~63 MB with ~1.1 million rows
    Herplaatsing, where a scenario stops at 50 MB and 200,000 rows; it says which kind of file is too large. A
    command checks the seal and then reads the sheets: the file is parsed once (until it changes)."""
    pad = scenario(tmp_path)
    monkeypatch.setattr(werkboek, "MAX_RIJEN", 2)
    with pytest.raises(InvoerFout, match="plaatsing leest hoogstens 2 rijen"):
        werkboek.open_werkboek(pad)
    gelezen = []
    origineel = werkboek._open_werkboek
    monkeypatch.setattr(werkboek, "_open_werkboek", lambda p, g: gelezen.append(p) or origineel(p, g))
    eerste = werkboek.open_werkboek(pad, besluiten=True)
    assert werkboek.open_werkboek(pad, besluiten=True) == eerste and len(gelezen) == 1
    kopie = tmp_path / "kopie.xlsx"
    kopie.write_bytes(pad.read_bytes())
    assert werkboek.open_werkboek(kopie, besluiten=True) == eerste and len(gelezen) == 2
    monkeypatch.setattr(werkboek, "MAX_BESTAND_BESLUITEN", 100)
    groot = tmp_path / "groot.xlsx"
    groot.write_bytes(pad.read_bytes())
    with pytest.raises(InvoerFout, match=r"een besluitenbestand, ook van 65\.000 medewerkers, .*Geef het besluitenbestand"):
        werkboek.open_werkboek(groot, besluiten=True)


def test_inline_tekst_leest_gelijk_aan_openpyxl(tmp_path):
    # the fast reading of inline strings (werkboek._parser_klasse) against openpyxl's own: plain text, runs,
    # phonetic runs (left out), kept spaces, empty and missing <t>, a formula with an inline value, numbers beside
    import openpyxl

    boek = openpyxl.Workbook()
    boek.active.append(["kop"])
    boek.save(tmp_path / "leeg.xlsx")
    cellen = ['<c r="A1" t="inlineStr"><is><t>kop</t></is></c>',
              '<c r="A2" t="inlineStr"><is><t>Jan</t><r><t> de</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Vries </t>'
              '</r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>',
              '<c r="B2" t="inlineStr"><is><r><t>alleen</t></r><r><t/></r><r><t>runs</t></r></is></c>',
              '<c r="C2" t="inlineStr"><is><t/></is></c>', '<c r="D2" t="inlineStr"><is/></c>',
              '<c r="E2" t="inlineStr"><f>"a"&amp;"b"</f><is><t>ab</t></is></c>', '<c r="F2"><v>4.5</v></c>',
              '<c r="G2" t="inlineStr"><is><t xml:space="preserve">  twee  </t></is></c>']
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           f'<row r="1">{cellen[0]}</row><row r="2">{"".join(cellen[1:])}</row></sheetData></worksheet>')
    with zipfile.ZipFile(tmp_path / "leeg.xlsx") as bron, zipfile.ZipFile(tmp_path / "t.xlsx", "w") as doel:
        for naam in bron.namelist():
            doel.writestr(naam, xml if naam == "xl/worksheets/sheet1.xml" else bron.read(naam))
    blad, = werkboek.open_werkboek(tmp_path / "t.xlsx")
    ons = [c.waarde for c in blad.rijen[0][1]]
    eigen = [c.value for c in next(openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True).active.iter_rows(
        min_row=2))]
    assert ons == eigen == ["Jan de Vries ", "alleenruns", "", "", '="a"&"b"', 4.5, "  twee  "]
    assert [c.formule for c in blad.rijen[0][1]] == [False] * 4 + [True, False, False]
