"""Issue 18: `plaatsing app` in a real browser (Debian's chromium + chromedriver, driven by Selenium).

The adviser's path: upload the demo scenario, solve, filter on boventallig, open a person and read the
motivering, try one pin and read the difference, download the besluiten and compare them with
`plaatsing solve`. Screenshots of every screen go to uitvoer/test-app/ (at 1366 px); every screen is
also checked for horizontal scroll at 1366 px and at 1093 px (1366 px at 125% zoom)."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from app_server import DEMO, ROOT, _kapot_scenario, _meldingen, app_proces
from cli_hulp import draai

CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCHERMEN = ROOT / "uitvoer" / "test-app"

pytestmark = [pytest.mark.traag,
              pytest.mark.skipif(not (CHROMEDRIVER.exists() and CHROMIUM),
                                 reason="chromium en chromium-driver zijn niet geïnstalleerd (CI installeert ze)")]


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opties = webdriver.ChromeOptions()
    opties.binary_location = CHROMIUM
    for vlag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'profiel'}", "--window-size=1366,900", "--lang=nl"):
        opties.add_argument(vlag)
    (tmp_path / "downloads").mkdir()
    opties.add_experimental_option("prefs", {"download.default_directory": str(tmp_path / "downloads"),
                                             "download.prompt_for_download": False})
    opties.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opties)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def solve_besluiten(tmp_path):
    """The besluiten of `plaatsing solve` for the demo: the reference for what the page shows."""
    uit = tmp_path / "cli-besluiten.xlsx"
    assert draai("solve", DEMO, "-o", uit, "--stil").exit_code == 0  # in this process: the app runs in its own
    return pd.read_excel(uit, sheet_name="Plaatsingsbesluiten", dtype=object)


def _wacht(driver, voorwaarde, timeout=60, wat=""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(voorwaarde, message=wat)


def _op_pagina(pad):
    return lambda d: d.current_url.split("?")[0].endswith(pad) and d.execute_script("return document.readyState") == "complete"


def _bekijk(driver, naam: str) -> None:
    """Screenshot at 1366 px; no horizontal scroll at 1366 px and at 1093 px (125% zoom)."""
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    for breedte in (1093, 1366):
        driver.set_window_size(breedte, 900)
        time.sleep(0.1)
        scroll, zicht = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= zicht, f"{naam}: horizontaal scrollen bij {breedte} px ({scroll} > {zicht})"
        vakken = driver.execute_script("return [...document.querySelectorAll('.tabelvak')]"
                                       ".filter(v => v.scrollWidth > v.clientWidth).length")
        assert vakken == 0, f"{naam}: een tabel scrolt horizontaal bij {breedte} px"
    hoogte = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1366, min(max(hoogte + 160, 700), 2400))
    driver.save_screenshot(str(SCHERMEN / f"{naam}.png"))
    driver.set_window_size(1366, 900)


def test_adviseur_in_de_browser(browser, solve_besluiten, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    d = browser
    shutil.rmtree(SCHERMEN, ignore_errors=True)
    with app_proces(tmpdir=tmp_path) as (url, proces, regels):
        # 1. choose / upload
        d.get(url + "/")
        assert d.find_element(By.TAG_NAME, "h1").text == "Scenario kiezen"
        _bekijk(d, "01-start")
        # an invalid scenario first: every problem on the page at once
        d.find_element(By.ID, "bestand").send_keys(str(_kapot_scenario(tmp_path / "kapot.xlsx")))
        d.find_element(By.CSS_SELECTOR, "form[action='/openen'] button").click()
        _wacht(d, lambda d: d.find_elements(By.ID, "problemen"), wat="de problemen kwamen niet")
        problemen = [[c.text for c in r.find_elements(By.TAG_NAME, "td")]
                     for r in d.find_elements(By.CSS_SELECTOR, "#problemen tbody tr")]
        assert [p[:3] for p in problemen] == [[m.blad, str(m.rij), m.kolom] for m in _meldingen(tmp_path / "kapot.xlsx")]
        _bekijk(d, "02-validatie")
        d.find_element(By.LINK_TEXT, "Een ander of verbeterd scenario openen").click()
        _wacht(d, _op_pagina("/"))
        d.find_element(By.ID, "bestand").send_keys(str(DEMO))
        d.find_element(By.CSS_SELECTOR, "form[action='/openen'] button").click()
        _wacht(d, _op_pagina("/scenario"), wat="het scenario werd niet ingelezen")
        assert "Het scenario is bruikbaar: 300 medewerkers" in d.find_element(By.CLASS_NAME, "goed").text
        _bekijk(d, "03-scenario")

        # 2. solve with live progress
        d.find_element(By.CSS_SELECTOR, "form[action='/oplossen'] button").click()
        _wacht(d, lambda d: "/besluiten" in d.current_url
               or len(d.find_elements(By.CSS_SELECTOR, ".voortgang li")) >= 3)
        if "/taak/" in d.current_url:
            _bekijk(d, "04-voortgang")
        _wacht(d, _op_pagina("/besluiten"), wat="het plaatsen werd niet afgerond")
        samenvatting = {r.find_element(By.TAG_NAME, "th").text: r.find_element(By.TAG_NAME, "td").text
                        for r in d.find_elements(By.CSS_SELECTOR, "#samenvatting tr")}
        verwacht = solve_besluiten["uitkomst"].value_counts()
        for uitkomst, aantal in verwacht.items():
            assert samenvatting[uitkomst] == str(aantal)
        assert "Bewezen optimaal" in d.find_element(By.ID, "bewezen").text
        assert d.find_element(By.CSS_SELECTOR, "svg.grafiek")
        _bekijk(d, "05-besluiten")

        # 3. filter on boventallig (keyboard: the filter button is reached and pressed with Enter)
        Select(d.find_element(By.ID, "uitkomst")).select_by_value("boventallig")
        d.find_element(By.CSS_SELECTOR, "form.filter button").send_keys(Keys.ENTER)
        _wacht(d, lambda d: "uitkomst=boventallig" in d.current_url)
        rijen = d.find_elements(By.CSS_SELECTOR, "#besluiten tbody tr")
        boventallig = sorted(solve_besluiten.loc[solve_besluiten["uitkomst"] == "boventallig", "personeelsnummer"])
        assert [r.find_elements(By.TAG_NAME, "td")[3].text for r in rijen] == ["boventallig"] * len(boventallig)
        assert [r.find_element(By.TAG_NAME, "a").text for r in rijen] == boventallig
        _bekijk(d, "06-boventallig")

        # 4. one person: the motivering is the one `plaatsing solve` wrote
        motiveringen = solve_besluiten.set_index("personeelsnummer")["motivering"]
        persoon = next(p for p in boventallig if "(zie hieronder)" in motiveringen[p])  # one with functions to try
        link = d.find_element(By.LINK_TEXT, persoon)
        link.send_keys(Keys.ENTER)
        _wacht(d, _op_pagina(f"/persoon/{persoon}"), wat="de uitleg kwam niet")
        motivering = solve_besluiten.set_index("personeelsnummer").at[persoon, "motivering"]
        assert d.find_element(By.ID, "motivering").text == motivering
        assert d.find_element(By.ID, "uitkomst").text == "boventallig"
        _bekijk(d, "07-persoon")

        # 5. wat-als: pin this person in the first function offered, read the difference
        probeer = d.find_elements(By.CSS_SELECTOR, "#opties a[href^='/wat-als']")
        assert probeer, "geen functie om te proberen"
        functie = probeer[0].get_attribute("href").split("functie=")[1]
        probeer[0].click()
        _wacht(d, _op_pagina("/wat-als"))
        assert Select(d.find_element(By.ID, "functie")).first_selected_option.get_attribute("value") == functie
        _bekijk(d, "08-wat-als")
        d.find_element(By.CSS_SELECTOR, "form[action='/wat-als'] button").click()
        _wacht(d, _op_pagina("/wat-als/resultaat"), wat="de wat-als kwam niet")
        tabel = [[c.text for c in r.find_elements(By.TAG_NAME, "td")]
                 for r in d.find_elements(By.CSS_SELECTOR, "#verschil tbody tr")]
        verschil = _wat_als_verschil(persoon, functie)
        assert d.find_element(By.ID, "verschil-aantal").text.startswith(f"{len(verschil)} medewerker")
        assert tabel == verschil
        assert [persoon, "–", "boventallig", functie, "vastgezet", "wordt geplaatst"] in tabel
        _bekijk(d, "09-verschil")
        d.find_element(By.CSS_SELECTOR, "form[action='/wat-als/verwerpen'] button").click()
        _wacht(d, _op_pagina("/besluiten"))

        # 6. downloads: the besluiten equal those of `plaatsing solve`
        d.find_element(By.LINK_TEXT, "Downloads").click()
        _wacht(d, _op_pagina("/downloads"))
        _bekijk(d, "10-downloads")
        d.find_element(By.ID, "download-besluiten").click()
        downloads = tmp_path / "downloads"
        _wacht(d, lambda _: any(p.suffix == ".xlsx" for p in downloads.iterdir()), 30, "geen download")
        gedownload = next(p for p in downloads.iterdir() if p.suffix == ".xlsx")
        assert gedownload.name == "almelo-2018-besluiten.xlsx"
        pagina = pd.read_excel(gedownload, sheet_name="Plaatsingsbesluiten", dtype=object)
        pd.testing.assert_frame_equal(pagina, solve_besluiten)

        # nothing was requested from another address than this server
        adressen = set()
        for regel in d.get_log("performance"):
            bericht = json.loads(regel["message"])["message"]
            if bericht["method"] == "Network.requestWillBeSent":
                adressen.add(bericht["params"]["request"]["url"])
        netwerk = {a for a in adressen if a.split(":", 1)[0] in ("http", "https", "ws", "wss")}  # not chrome://
        assert netwerk and all(a.startswith(url + "/") for a in netwerk), netwerk - {a for a in netwerk if a.startswith(url)}

    assert proces.returncode == 0, "\n".join(regels)
    assert not list(tmp_path.glob("plaatsing-app-*")), "de tijdelijke map is niet verwijderd"
    log = "\n".join(regels)
    assert not any(naam in log for naam in solve_besluiten["naam"].dropna()), "een naam staat in het verslag"


def _wat_als_verschil(persoon: str, functie: str) -> list[list[str]]:
    """The same difference through the library (plaatsing.plannen.wat_als.wat_als), as the page writes it."""
    from plaatsing import read_scenario, solve
    from plaatsing.plannen.wat_als import wat_als

    verschil = wat_als(solve(read_scenario(DEMO)), vastzetten={persoon: functie}).verschil
    return [[v if isinstance(v, str) and v else "–" for v in r] for r in verschil.itertuples(index=False)]
