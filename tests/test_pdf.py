"""Letters and the OR-bijlage as the reader gets them: rendered to PDF by LibreOffice and read back
page by page (skipped without LibreOffice and poppler; CI installs them)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from plaatsing import read_scenario, solve
from plaatsing.cli import main
from plaatsing.plan import UITKOMSTEN
from plaatsing.regels.rechtsgrond import REGEL_ID
from plaatsing.uitvoer.excel import schrijf_besluiten

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
PARAMETERS = {"organisatiebesluit": "besluit van het college van 12 juni 2018 over het organisatieplan, na advies "
                                    "van de OR van 5 juni 2018",
              "ingangsdatum": dt.date(2019, 1, 1), "vwnw_termijn": "24 maanden",
              "geschillencommissie": "de Geschillencommissie Almelo, Postbus 5100, 7600 GC Almelo"}
RUWE_REGELS = re.compile(rf"{REGEL_ID}\s*[;,]\s*{REGEL_ID}")   # 'SS-1; H4', '(SS-7, H3)'
VIER_DECIMALEN = re.compile(r"\b\d+,\d{3,4} fte")
PLAATSHOUDER = re.compile(r"\{\{|\}\}|\{%|%\}")

pytestmark = [pytest.mark.traag,
              pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                 reason="LibreOffice en poppler zijn niet geïnstalleerd (CI installeert ze)")]


def pdf_paginas(docx: list[Path], map_: Path) -> dict[str, list[str]]:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(map_), *map(str, docx)],
                   check=True, capture_output=True, timeout=600)
    uit = {}
    for pad in docx:
        tekst = subprocess.run(["pdftotext", "-layout", str(map_ / f"{pad.stem}.pdf"), "-"], capture_output=True,
                               text=True, check=True).stdout
        uit[pad.stem] = [p for p in tekst.split("\f") if p.strip()]
    return uit


def test_brieven_en_bijlage_als_pdf(tmp_path):
    s = read_scenario(DEMO, parameters=PARAMETERS)
    plan = solve(s)
    besluiten = schrijf_besluiten(plan, tmp_path / "almelo-2018-besluiten.xlsx")
    b = plan.besluiten
    nummers = [b[b["uitkomst"] == u]["personeelsnummer"].iloc[0] for u in UITKOMSTEN if (b["uitkomst"] == u).any()]
    p_args = [a for n, w in PARAMETERS.items() for a in ("-p", f"{n}={w}")]
    uit = CliRunner().invoke(main, ["brieven", str(DEMO), str(besluiten), "--map", str(tmp_path / "brieven"),
                                    "--datum", "2018-11-01", *p_args, *(a for n in nummers for a in ("-m", n))])
    assert uit.exit_code == 0, uit.output
    uit = CliRunner().invoke(main, ["rapport", str(DEMO), str(besluiten), "--map", str(tmp_path)])
    assert uit.exit_code == 0, uit.output
    brieven = sorted((tmp_path / "brieven").glob("*.docx"))
    assert len(brieven) == len(nummers) == 7
    paginas = pdf_paginas([*brieven, tmp_path / "almelo-2018-OR-bijlage.docx"], tmp_path / "pdf")
    for naam, bladzijden in paginas.items():
        for i, pagina in enumerate(bladzijden, start=1):
            assert f"Pagina {i} van {len(bladzijden)}" in pagina, (naam, i)   # page numbers on every page
            assert not PLAATSHOUDER.search(pagina), (naam, i)                 # no placeholder text
            assert not RUWE_REGELS.search(pagina), (naam, i, RUWE_REGELS.search(pagina))  # no raw rule list
            assert not VIER_DECIMALEN.search(pagina), (naam, i, VIER_DECIMALEN.search(pagina))  # no 0,0555 fte
    bijlage = paginas["almelo-2018-OR-bijlage"]
    assert all("Vertrouwelijk" in p for p in bijlage)
    assert f"sha256 van het scenario: {s.sha256[:12]}" in bijlage[0]
    aantal = int((b["uitkomst"] == "boventallig").sum())
    assert re.search(rf"waarvan boventallig\s+{aantal}\b", "\n".join(bijlage))
    for naam, bladzijden in paginas.items():
        if naam.startswith("A"):
            brief = "\n".join(bladzijden)
            assert "uitvoering van het besluit van het college van 12 juni 2018" in re.sub(r"\s+", " ", brief)
            assert "uur per week" in brief
