"""The project's own Dutch documentation keeps step with the contract (../shared/docs), and nothing a
user gets points to ../shared (a fresh clone does not have it)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from plaatsing.invoer import contract as schema
from plaatsing.parameters import NAMEN
from plaatsing.regels.rechtsgrond import BESCHRIJVING

REPO = Path(__file__).resolve().parents[1]
CONTRACT = REPO.parent / "shared" / "docs"
REGELS = (REPO / "docs" / "regels.md").read_text(encoding="utf-8")
FORMAAT = (REPO / "docs" / "formaat.md").read_text(encoding="utf-8")
ID = r"\b(?:SS-\d|SEL-[AB]|H\d|O\d|F\d|P\d)\b"
zonder_contract = pytest.mark.skipif(not CONTRACT.exists(), reason="../shared/docs ontbreekt (verse clone)")


@zonder_contract
def test_elke_regel_id_van_het_contract_staat_in_docs_regels():
    contract = set(re.findall(ID, (CONTRACT / "regels.md").read_text(encoding="utf-8")))
    assert len(contract) >= 29
    assert contract <= set(re.findall(ID, REGELS)), sorted(contract - set(re.findall(ID, REGELS)))
    for regel in contract:  # each described as a rule of its own, in bold, not only mentioned
        assert re.search(rf"\*\*{re.escape(regel)}\b", REGELS), regel
    assert contract == set(BESCHRIJVING)   # and the letters can describe every one of them


def _contractnamen() -> set[str]:
    tekst = (CONTRACT / "scenario-formaat.md").read_text(encoding="utf-8")
    namen = set(re.findall(r"### Sheet `([^`]+)`", tekst))
    for regel in tekst.splitlines():  # first cell of every table row: columns and parameters
        if regel.startswith("|") and not re.match(r"^\|\s*-", regel):
            cel = regel.split("|")[1].strip()
            if cel not in ("column", "parameter"):
                namen.add(cel)
    namen |= {t for t in re.findall(r"`([^`]+)`", tekst) if re.fullmatch(r"[a-z][a-z_0-9]*", t)}
    return namen


@zonder_contract
def test_elk_blad_elke_kolom_en_parameter_van_het_contract_staat_in_docs_formaat():
    namen = _contractnamen()
    assert {"Medewerkers", "Rechtsgrond", "Adviezen", "rechtsmiddel", "ondertekening", "datum_in_dienst"} <= namen
    ontbreekt = sorted(n for n in namen if n not in FORMAAT)
    assert not ontbreekt, ontbreekt


def test_de_eigen_bladen_kolommen_en_parameters_staan_in_docs_formaat():
    for blad in schema.BLADEN:
        assert f"`{blad.naam}`" in FORMAAT, blad.naam
        for kolom in blad.kolommen:
            assert kolom.naam in FORMAAT, (blad.naam, kolom.naam)
    for naam in NAMEN:
        assert f"| {naam} |" in FORMAAT, naam


def test_niets_voor_de_gebruiker_wijst_naar_shared():
    for pad in [REPO / "README.md", *REPO.glob("docs/*.md"), *REPO.glob("plaatsing/**/*.py")]:
        assert "../shared" not in pad.read_text(encoding="utf-8"), pad
