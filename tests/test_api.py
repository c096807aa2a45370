"""The library API the README and notebooks use (issue 28), and parameters changed after reading."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from plaatsing import InvoerFout, lees_plan, read_scenario, scenario_from_tables, solve, toets_plan

from cli_hulp import draai
from plaatsing.voorbeelden import functie as functie_, medewerker, tabellen, write_xlsx

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
README = DEMO.parents[1] / "README.md"


def test_de_bibliotheek_api_staat_in_plaatsing():
    import plaatsing

    for naam in ("read_scenario", "solve", "toets_plan", "uitleg", "wat_als", "lees_plan", "definitief"):
        assert callable(getattr(plaatsing, naam)) and naam in plaatsing.__all__, naam


def test_verouderde_drempelwaarschuwing_na_met_parameters():
    """Regression (issue 28): met_parameters(drempel_wijziging=40) on a scenario whose Taken give 30% and
    31% kept the warning 'vallen aan verschillende kanten van de drempel van 30%', and solve wrote it into
    the Verantwoording. The SS-0 drempel warnings follow the drempel in force."""
    from plaatsing import read_scenario

    s = read_scenario(DEMO)
    kanten = [str(w) for w in s.waarschuwingen if "kanten van de drempel" in str(w)]
    assert len(kanten) == 2 and all("drempel van 30%" in w for w in kanten)
    s40 = s.met_parameters(drempel_wijziging=40)
    assert not [w for w in s40.waarschuwingen if "kanten van de drempel" in str(w)]
    assert [str(w) for w in s40.met_parameters(drempel_wijziging=30).waarschuwingen] == \
        [str(w) for w in s.waarschuwingen]  # back at 30%: the same warnings, sheet and column as read
    assert len(s40.waarschuwingen) == len(s.waarschuwingen) - 2  # the other warnings stay


def test_p1_binding_onder_de_geldende_parameters():
    """Regression (issue 28): the reader bound the adopted advices under the parameters read at that moment, so
    after met_parameters an advice for a function the person is no longer eligible for stayed bound as a pin.
    P1 runs again under the parameters in force, with the same message as when read under them."""
    s = scenario_from_tables(_met_advies("N0"))  # N0 is one schaal lower: passend lager (SS-3) at max_schalen_lager 1
    assert dict(zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"])) == {"A": "N0"}
    assert s.met_parameters(max_schalen_lager=2).vastgezet.equals(s.vastgezet)  # still eligible: nothing changes
    with pytest.raises(InvoerFout) as later:
        s.met_parameters(max_schalen_lager=0)
    [melding] = later.value.meldingen
    assert (melding.blad, melding.rij, melding.kolom) == ("Adviezen", 2, "D (advies)")
    assert "A niet in aanmerking" in melding.tekst and "SS-2 tot en met SS-4" in melding.tekst
    with pytest.raises(InvoerFout) as meteen:
        scenario_from_tables(_met_advies("N0"), parameters={"max_schalen_lager": "0"})
    assert meteen.value.meldingen == [melding]  # the same message as when read under that parameter


def test_vastzettingen_onder_de_geldende_parameters():
    """SS-7 under the parameters in force, as P1: a pin of a tijdelijk contract that ends before an ingangsdatum set
    later (met_parameters, as a what-if or a sweep does) is an input error (H5 places it not at all; it came out as
    'vastgezet'), and so are pins that no longer fit a smaller fte_marge — with the message of reading under them."""
    mw = [medewerker("T", "O1", date(1990, 1, 1), dienstverband="tijdelijk"), medewerker("V", "O1", date(1991, 1, 1))]
    mw[0]["einddatum"] = date(2018, 12, 31)
    t = tabellen(mw, [functie_("O1", formatie=2)], [functie_("N1"), functie_("N2")], [("O1", "N1", 10)])
    t["Vastgezet"] = [{"personeelsnummer": p, "nieuwe_functie": "N1"} for p in ("T", "V")]
    peildatum = t["Parameters"]

    def lees(**parameters):
        return scenario_from_tables({**t, "Parameters": peildatum + [{"parameter": k, "waarde": v}
                                                                     for k, v in parameters.items()]})

    s = lees(ingangsdatum=date(2018, 12, 1), fte_marge=1)
    assert solve(s).toewijzing == {"T": "N1", "V": "N1"}
    for wijziging in ({"ingangsdatum": date(2019, 1, 1)}, {"fte_marge": 0}):
        with pytest.raises(InvoerFout) as later:
            s.met_parameters(**{k: str(v) for k, v in wijziging.items()})
        with pytest.raises(InvoerFout) as meteen:
            lees(**{"ingangsdatum": date(2018, 12, 1), "fte_marge": 1, **wijziging})
        assert later.value.meldingen == meteen.value.meldingen
    [melding] = later.value.meldingen
    assert (melding.blad, melding.rij, melding.kolom) == ("Vastgezet", 3, "B (nieuwe_functie)")
    assert melding.tekst.startswith("de vastgezette medewerkers in N1 (rijen 2, 3) werken samen 72 uur per week")
    with pytest.raises(InvoerFout) as later:
        s.met_parameters(ingangsdatum="2019-01-01")
    [melding] = later.value.meldingen
    assert (melding.blad, melding.rij, melding.kolom) == ("Vastgezet", 2, "A (personeelsnummer)")
    assert "eindigt op 31-12-2018, vóór de ingangsdatum (01-01-2019)" in melding.tekst


def _met_advies(functie: str) -> dict:
    t = tabellen([medewerker("A", "O1", date(1990, 1, 1))], [functie_("O1")],
                 [functie_("N1"), functie_("N0", schaal=8)], [("O1", "N1", 50), ("O1", "N0", 50)])
    t["Adviezen"] = [{"personeelsnummer": "A", "datum": date(2018, 6, 12), "bron": "PAC", "advies": functie,
                      "besluit": "overgenomen", "toelichting": None}]
    return t


def test_toets_plan_en_plaatsing_toets_geven_hetzelfde_oordeel_in_de_tweede_ronde(tmp_path):
    """Regression (issue 28): `plaatsing toets` bound the adopted 'handhaven' advices itself and the library's
    toets_plan did not, so a notebook and the command line judged the same plan differently. The PAC advised to
    keep X in N2 and the decision was edited by hand to that (X held in N2, Y not placed): with the advice bound the
    plan is right (no plan places more with X held in N2); without the advice it is not (F4: Y could have N2)."""
    mw = [medewerker("X", "O1", date(2000, 1, 1)), medewerker("Y", "O2", date(1990, 1, 1))]
    t = tabellen(mw, [functie_("O1"), functie_("O2", schaal=11)], [functie_("N2"), functie_("N3")],
                 [("O1", "N2", 50)], geschiktheid=[("X", "N3", "passend"), ("Y", "N2", "passend")])
    oordelen = {}
    for naam, adviezen in (("met", [{"personeelsnummer": "X", "datum": date(2018, 6, 12), "bron": "PAC",
                                     "advies": "handhaven", "besluit": "overgenomen", "toelichting": None}]),
                           ("zonder", [])):
        scenario = write_xlsx({**t, "Adviezen": adviezen} if adviezen else t, tmp_path / f"{naam}.xlsx")
        besluiten = tmp_path / f"{naam}-besluiten.xlsx"
        assert draai("solve", scenario, "-o", besluiten, "--stil").exit_code == 0
        boek = openpyxl.load_workbook(besluiten)
        blad = boek["Plaatsingsbesluiten"]
        kop = [c.value for c in blad[1]]
        for rij in blad.iter_rows(min_row=2):
            nieuw = {"X": ("N2", "vastgezet" if adviezen else "passend"),  # held by the advice, as solve says
                     "Y": (None, "boventallig")}[rij[kop.index("personeelsnummer")].value]
            rij[kop.index("nieuwe_functie")].value, rij[kop.index("uitkomst")].value = nieuw
        boek.save(besluiten)
        schendingen = toets_plan(lees_plan(besluiten, read_scenario(scenario)))
        uit = draai("toets", scenario, besluiten)
        assert uit.exit_code == (0 if schendingen.empty else 4), (naam, uit.output, schendingen)
        assert all(f"{r.regel} {r.personeelsnummer}" in uit.output for r in schendingen.itertuples())
        oordelen[naam] = sorted(schendingen["regel"])
    assert oordelen == {"met": [], "zonder": ["F4"]}  # F4: the minimum not placed is 0 without the advice


def test_de_python_blokken_van_de_readme_draaien_zoals_ze_er_staan(tmp_path, monkeypatch):
    """Every ```python block of the README runs as written (from a folder with the demo in scenarios/)."""
    blokken = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blokken) >= 3
    (tmp_path / "scenarios").symlink_to(DEMO.parent, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for i, blok in enumerate(blokken, start=1):
        ruimte: dict = {}
        exec(compile(blok, f"README.md, Python-blok {i}", "exec"), ruimte)  # noqa: S102 - the README's own example


def test_sweepvariant_heeft_geen_verouderde_drempelwaarschuwing():
    """The same stale-warning bug in a sweep: a variant with drempel 40 set its parameters past the rules, so its
    plan kept the warnings of the drempel of 30%. A variant is a scenario under its own parameters."""
    from plaatsing.sweep.varianten import Variant, pas_toe

    s = read_scenario(DEMO)
    variant = pas_toe(Variant("drempel 40", (("drempel_wijziging", 40.0),)), s)
    assert variant.parameters.drempel_wijziging == 40
    assert [str(w) for w in variant.waarschuwingen] == [str(w) for w in s.met_parameters(drempel_wijziging=40).waarschuwingen]
    assert not [w for w in variant.waarschuwingen if "kanten van de drempel" in str(w)]
    assert len(variant.waarschuwingen) == len(s.waarschuwingen) - 2
