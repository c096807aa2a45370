"""plaatsing importeer: HR exports as they come, to a scenario that valideer accepts."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from plaatsing import InvoerFout, read_scenario
from plaatsing.cli import main
from plaatsing.invoer.importeren import importeer_export, naar_fte
from plaatsing.uitvoer.importscenario import schrijf_scenario

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
FORMATIEHUIS = SCENARIOS / "formatiehuis-voorbeeld.xlsx"
BEVESTIG = {"sap": {"datum_in_dienst": "DAT01", "feitelijke_functie": ""}}
EXPORTS = {"afas": "export-afas.csv", "youforce": "export-youforce.csv", "sap": "export-sap.xlsx",
           "beaufort": "export-beaufort.csv"}


@pytest.mark.parametrize("soort", sorted(EXPORTS))
def test_elke_voorbeeldexport_wordt_een_scenario_dat_valideer_accepteert(soort, tmp_path):
    imp = importeer_export(SCENARIOS / EXPORTS[soort], soort, kolommen=BEVESTIG.get(soort))
    doel = tmp_path / "scenario.xlsx"
    schrijf_scenario(imp, doel, formatiehuis=FORMATIEHUIS)
    s = read_scenario(doel)
    mw = s.medewerkers
    # codes stay text with their leading zeros; the deeltijd is fte exactly, from % or from hours
    assert list(mw.index) == [f"0001{i:02d}" for i in range(1, 9)]
    assert list(mw["functie"]) == ["0101", "0101", "0101", "0102", "0102", "0102", "0201", "0101"]
    assert list(mw["fte"]) == [1.0, 0.8889, 0.5, 1.0, 0.6806, 1.0, 1.0, 0.7778]
    assert list(mw["schaal"]) == [6, 6, 6, 10, 10, 10, 11, 6]
    assert mw.at["000104", "datum_in_dienst"] == dt.date(1988, 4, 1)
    assert mw.at["000108", "einddatum"] == dt.date(2026, 12, 31)
    assert mw.at["000101", "einddatum"] is None or str(mw.at["000101", "einddatum"]) in ("NaT", "None")
    result = CliRunner().invoke(main, ["valideer", str(doel)])
    assert result.exit_code == 0 and "Het scenario is bruikbaar: 8 medewerkers" in result.output


def test_youforce_feitelijke_functie_naast_de_formele_met_een_waarschuwing_per_persoon(tmp_path):
    imp = importeer_export(SCENARIOS / "export-youforce.csv", "youforce")
    assert [str(w) for w in imp.waarschuwingen] == [
        "export-youforce.csv, rij 4, kolom G (Feitelijke functie): de formele functie is 0101, de feitelijke functie "
        "0102; plaatsing rekent met de formele functie (kolom functie). Ga na wat het sociaal statuut zegt en pas zo "
        "nodig de kolom functie aan."]
    doel = tmp_path / "s.xlsx"
    schrijf_scenario(imp, doel, formatiehuis=FORMATIEHUIS)
    s = read_scenario(doel)
    assert list(s.medewerkers["feitelijke_functie"]) == ["0101", "0101", "0102", "0102", "0102", "0102", "0201", "0101"]
    assert [str(w) for w in s.waarschuwingen] == [
        "Medewerkers, rij 4, kolom feitelijke_functie: de feitelijke functie 0102 is niet de formele functie 0101; "
        "plaatsing rekent met de formele functie (kolom functie). Ga na wat het sociaal statuut zegt."]


@pytest.mark.parametrize("ruwe, eenheid, normuren, fte", [
    ("88,89", "procent", 36, 0.8889), (88.89, "procent", 36, 0.8889), ("100", "procent", 36, 1.0),
    ("32", "uren", 36, 0.8889), ("24,5", "uren", 36, 0.6806), ("18", "uren", 36, 0.5), ("36", "uren", 38, 0.9474),
    ("40", "uren", 40, 1.0), ("0,8889", "factor", 36, 0.8889), ("0.5", "factor", 36, 0.5), ("1.234,5", "uren", 2000, 0.6173),
])
def test_deeltijd_naar_fte_exact(ruwe, eenheid, normuren, fte):
    assert naar_fte(ruwe, eenheid, normuren) == fte


@pytest.mark.parametrize("ruwe, eenheid, fout", [
    ("0,9", "procent", "is als percentage wel erg klein"), ("88", "factor", "groter dan 1 en dus geen deeltijdfactor"),
    ("40", "uren", "geeft 1,1111 fte"), ("0", "procent", "geeft 0 fte"), ("veel", "uren", "'veel' is geen getal"),
])
def test_deeltijd_die_niet_klopt_is_een_fout(ruwe, eenheid, fout):
    with pytest.raises(ValueError, match=fout):
        naar_fte(ruwe, eenheid)


def test_onzekere_kolommen_stoppen_de_import_met_een_duidelijke_melding():
    with pytest.raises(InvoerFout) as fout:
        importeer_export(SCENARIOS / "export-sap.xlsx", "sap")
    assert [str(m) for m in fout.value.meldingen] == [
        "export-sap.xlsx, rij 1, kolom F (PLANS): de kolom 'PLANS' is misschien 'feitelijke_functie', maar dat is "
        "niet zeker: PLANS is de positie (de plaats in de organisatie), niet de functie; gebruik die alleen als "
        "feitelijke functie als uw inrichting dat zo bedoelt. Bevestig met --kolom feitelijke_functie='PLANS', wijs "
        "een andere kolom aan of laat 'feitelijke_functie' leeg met --kolom feitelijke_functie=",
        "export-sap.xlsx, rij 1, kolom L (DAT01): de kolom 'DAT01' is misschien 'datum_in_dienst', maar dat is niet "
        "zeker: welke datum in DAT01 staat hangt af van de datumsoort (infotype 0041) in uw inrichting. Bevestig met "
        "--kolom datum_in_dienst='DAT01', wijs een andere kolom aan of laat 'datum_in_dienst' leeg met --kolom "
        "datum_in_dienst="]


def _csv(tmp_path, tekst, naam="export.csv"):
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_twee_kolommen_voor_dezelfde_betekenis_moeten_gekozen_worden(tmp_path):
    pad = _csv(tmp_path, "Medewerker;Geboortedatum;Datum in dienst;Datum in dienst i.v.m. dienstjaren;Functie;"
                         "Salarisschaal;Parttimepercentage\n"
                         "007;01-02-1970;01-01-2000;01-01-1995;0101;6;100\n")
    with pytest.raises(InvoerFout) as fout:
        importeer_export(pad, "afas")
    assert [str(m) for m in fout.value.meldingen] == [
        "export.csv, rij 1, kolom C (Datum in dienst): de kolommen 'Datum in dienst' (C) en 'Datum in dienst i.v.m. "
        "dienstjaren' (D) kunnen allebei 'datum_in_dienst' zijn; kies er één met --kolom "
        "datum_in_dienst='Datum in dienst'."]
    imp = importeer_export(pad, "afas", kolommen={"datum_in_dienst": "Datum in dienst i.v.m. dienstjaren"})
    assert imp.medewerkers[0]["datum_in_dienst"] == dt.date(1995, 1, 1)
    assert imp.medewerkers[0]["personeelsnummer"] == "007"


def test_elk_probleem_met_bestand_rij_kolom_en_geen_geboortedatum_in_de_melding(tmp_path):
    pad = _csv(tmp_path, "Medewerker;Geboortedatum;Datum in dienst;Functie;Salarisschaal;Parttimepercentage\n"
                         "001;01-02-1970;01-01-2000;0101;6;100\n"
                         "002;31-02-1971;01-01-2000;;schaal 6;88,89\n"
                         "001;01-02-1972;01-13-2000;0101;19;0,5\n")
    with pytest.raises(InvoerFout) as fout:
        importeer_export(pad, "afas")
    assert [str(m) for m in fout.value.meldingen] == [
        "export.csv, rij 3, kolom B (Geboortedatum): de waarde is geen geldige datum; gebruik dd-mm-jjjj (de waarde "
        "zelf wordt om privacyredenen niet getoond).",
        "export.csv, rij 3, kolom D (Functie): 'functie' is leeg; vul de waarde aan in de export.",
        "export.csv, rij 4, kolom A (Medewerker): personeelsnummer '001' staat al in rij 2; een medewerker met twee "
        "dienstverbanden hoort één rij te hebben (tel de deeltijd op).",
        "export.csv, rij 4, kolom C (Datum in dienst): '01-13-2000' is geen bestaande datum; controleer dag en maand.",
        "export.csv, rij 4, kolom E (Salarisschaal): '19' is geen schaal van 1 tot en met 18.",
        "export.csv, rij 4, kolom F (Parttimepercentage): 0,5 is als percentage wel erg klein; staat hier een factor? "
        "Wijs de kolom dan aan met --kolom fte=… en --deeltijd factor."]


def test_ontbrekende_verplichte_kolom_en_onbekende_kolomkeuze(tmp_path):
    pad = _csv(tmp_path, "Medewerker,Geboortedatum,Functie,Salarisschaal,Uren\n001,01-02-1970,0101,6,32\n")
    with pytest.raises(InvoerFout) as fout:
        importeer_export(pad, "afas", kolommen={"fte": "Uren per maand"})
    assert [str(m) for m in fout.value.meldingen] == [
        "export.csv, rij 1, kolom -: --kolom fte='Uren per maand': de export heeft geen kolom 'Uren per maand' (wel: "
        "'Medewerker', 'Geboortedatum', 'Functie', 'Salarisschaal', 'Uren').",
        "export.csv, rij 1, kolom -: er is geen kolom voor 'datum_in_dienst' gevonden (de export heeft: 'Medewerker', "
        "'Geboortedatum', 'Functie', 'Salarisschaal', 'Uren'); wijs de kolom aan met --kolom "
        "datum_in_dienst='kolomnaam'."]
    # an own column for fte needs its unit
    pad = _csv(tmp_path, "Medewerker,Geboortedatum,In dienst,Functie,Salarisschaal,Uren\n001,01-02-1970,1-1-2000,0101,6,32\n")
    with pytest.raises(InvoerFout, match="Geef --deeltijd procent, uren of factor"):
        importeer_export(pad, "afas", kolommen={"fte": "Uren", "datum_in_dienst": "In dienst"})
    imp = importeer_export(pad, "afas", kolommen={"fte": "Uren", "datum_in_dienst": "In dienst"}, deeltijd="uren",
                           normuren=40)
    assert imp.medewerkers[0]["fte"] == 0.8


def test_cli_importeer_met_formatiehuis_en_zonder(tmp_path):
    runner = CliRunner()
    doel = tmp_path / "s.xlsx"
    result = runner.invoke(main, ["importeer", str(SCENARIOS / "export-afas.csv"), "--soort", "afas",
                                  "--formatiehuis", str(FORMATIEHUIS), "-o", str(doel)])
    assert result.exit_code == 0, result.output
    assert "8 medewerkers geïmporteerd uit export-afas.csv (afas)" in result.output
    assert "Niet overgenomen: 'Woonplaats'" in result.output
    assert result.output.strip().endswith("Het scenario is bruikbaar: 8 medewerkers, 3 oude en 3 nieuwe functies.")
    assert "Anna" not in result.output  # no names on the screen
    # without a formatiehuis: Oude functies from the export, the rest still to fill in (exit 3)
    zonder = tmp_path / "zonder.xlsx"
    result = runner.invoke(main, ["importeer", str(SCENARIOS / "export-beaufort.csv"), "--soort", "beaufort",
                                  "-o", str(zonder)])
    assert result.exit_code == 3, result.output
    assert "het blad Oude functies is afgeleid uit de export" in result.output
    boek = openpyxl.load_workbook(zonder)
    assert {"Medewerkers", "Oude functies", "Nieuwe functies", "Functiemapping", "Taken"} <= set(boek.sheetnames)
    oud = list(boek["Oude functies"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[4]) for r in oud] == [("0101", 6, 3.1667), ("0102", 10, 2.6806), ("0201", 11, 1.0)]
    # an uncertain column: exit 1 and nothing written
    niets = tmp_path / "niets.xlsx"
    result = runner.invoke(main, ["importeer", str(SCENARIOS / "export-sap.xlsx"), "--soort", "sap", "-o", str(niets)])
    assert result.exit_code == 1 and not niets.exists()
    assert "De export kan niet worden geïmporteerd: 2 problemen gevonden. Er is niets geschreven." in result.output


def test_komma_csv_met_onbeschermde_decimaalkomma_wordt_niet_verschoven_gelezen(tmp_path):
    pad = _csv(tmp_path, "Persnr,dateOfBirth,Datum in dienst,Functiecode,Salarisschaal,Uren per week\n"
                         "001,1970-02-01,2000-01-01,0101,6,\"24,5\"\n"
                         "002,1971-02-01,2000-01-01,0101,6,24,5\n")
    with pytest.raises(InvoerFout) as fout:
        importeer_export(pad, "youforce")
    assert [str(m) for m in fout.value.meldingen] == [
        "export.csv, rij 3, kolom -: deze regel heeft 7 velden, de kopregel 6. Staat er een decimaalkomma zonder "
        "aanhalingstekens in dit door komma's gescheiden bestand? Exporteer dan met ';' als scheidingsteken."]


def test_xlsx_met_percentageopmaak_leest_de_deeltijd_als_het_getoonde_percentage(tmp_path):
    boek = openpyxl.Workbook()
    ws = boek.active
    ws.append(["Medewerker", "Geboortedatum", "Datum in dienst", "Functie", "Salarisschaal", "Parttimepercentage"])
    ws.append(["001", dt.datetime(1970, 2, 1), dt.datetime(2000, 1, 1), "0101", 6, 0.8889])
    ws.append(["002", dt.datetime(1971, 2, 1), dt.datetime(2001, 1, 1), "0101", 6, 50])
    ws["F2"].number_format = "0.00%"
    boek.save(tmp_path / "export.xlsx")
    imp = importeer_export(tmp_path / "export.xlsx", "afas")
    assert [r["fte"] for r in imp.medewerkers] == [0.8889, 0.5]
    assert [r["geboortedatum"] for r in imp.medewerkers] == [dt.date(1970, 2, 1), dt.date(1971, 2, 1)]


def test_uitvoer_overschrijft_nooit_de_export_of_het_formatiehuis(tmp_path):
    import shutil

    kopie = tmp_path / "formatiehuis.xlsx"
    shutil.copy(FORMATIEHUIS, kopie)
    result = CliRunner().invoke(main, ["importeer", str(SCENARIOS / "export-afas.csv"), "--soort", "afas",
                                       "--formatiehuis", str(kopie), "-o", str(kopie), "--overschrijf"])
    assert result.exit_code == 2
    assert "is hetzelfde als het scenario; kies een andere naam" in result.output
    assert kopie.read_bytes() == FORMATIEHUIS.read_bytes()


@pytest.mark.traag
def test_geimporteerd_scenario_opent_in_libreoffice(tmp_path):
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    doel = tmp_path / "scenario.xlsx"
    schrijf_scenario(importeer_export(SCENARIOS / "export-youforce.csv", "youforce"), doel, formatiehuis=FORMATIEHUIS)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(doel)], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "scenario.pdf").stat().st_size > 1000


def test_uren_uit_de_export_komen_in_de_kolom_uren_en_beslissen(tmp_path):
    """Rules v2 (§8.13): an export with hours per week fills `uren` with those hours (fte beside it for reading);
    a percentage or factor leaves `uren` empty."""
    pad = _csv(tmp_path, "Medewerker,Geboortedatum,In dienst,Functie,Salarisschaal,Uren\n"
                         "001,01-02-1970,1-1-2000,0101,6,32\n002,01-02-1971,1-1-2001,0101,6,\"24,5\"\n")
    imp = importeer_export(pad, "afas", kolommen={"fte": "Uren", "datum_in_dienst": "In dienst"}, deeltijd="uren")
    assert [(r["fte"], r["uren"]) for r in imp.medewerkers] == [(0.8889, 32.0), (0.6806, 24.5)]
    pad = _csv(tmp_path, "Medewerker,Geboortedatum,In dienst,Functie,Salarisschaal,Deeltijd\n001,01-02-1970,1-1-2000,0101,6,80\n")
    imp = importeer_export(pad, "afas", kolommen={"fte": "Deeltijd", "datum_in_dienst": "In dienst"}, deeltijd="procent")
    assert [(r["fte"], r.get("uren")) for r in imp.medewerkers] == [(0.8, None)]


def test_formuletekst_wordt_geciteerd_en_stuurteken_is_een_invoerfout(tmp_path):
    """Issue 27: a text that begins like a formula stays text for P&O who edit the scenario; a control character
    in a name is an input problem with bestand, rij, kolom (it crashed the import), without showing the name."""
    boek = openpyxl.Workbook()
    ws = boek.active
    ws.append(["Medewerker", "Volledige naam", "Geboortedatum", "Datum in dienst", "Functie", "Salarisschaal",
               "Parttimepercentage"])
    ws.append(["001", "=cmd|' /C calc'!A0", dt.datetime(1970, 2, 1), dt.datetime(2000, 1, 1), "0101", 6, 100])
    ws.append(["002", "@SUM(A1)", dt.datetime(1971, 2, 1), dt.datetime(2001, 1, 1), "+0101", 6, 100])
    for cel in (ws["B2"], ws["B3"], ws["E3"]):
        cel.data_type = "s"
    boek.save(tmp_path / "export.xlsx")
    uit = tmp_path / "scenario.xlsx"
    schrijf_scenario(importeer_export(tmp_path / "export.xlsx", "afas"), uit)
    blad = openpyxl.load_workbook(uit)["Medewerkers"]
    kop = [c.value for c in blad[1]]
    namen = [blad.cell(r, kop.index("naam") + 1) for r in (2, 3)]
    functie = blad.cell(3, kop.index("functie") + 1)
    assert [c.value for c in namen] == ["=cmd|' /C calc'!A0", "@SUM(A1)"] and functie.value == "+0101"
    assert all(c.data_type == "s" and c.quotePrefix for c in (*namen, functie))

    pad = _csv(tmp_path, "Medewerker;Volledige naam;Geboortedatum;Datum in dienst;Functie;Salarisschaal;"
                         "Parttimepercentage\n001;Anna\x07de Vries;14-03-1968;01-09-1995;0101;6;100\n")
    with pytest.raises(InvoerFout) as fout:
        importeer_export(pad, "afas")
    m, = fout.value.meldingen
    assert (m.rij, m.kolom) == (2, "B (Volledige naam)") and "U+0007" in m.tekst and "Anna" not in m.tekst
    result = CliRunner().invoke(main, ["importeer", str(pad), "--soort", "afas", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1 and not (tmp_path / "x.xlsx").exists()
