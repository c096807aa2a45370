"""Issue 18: `plaatsing app` without a browser — who may connect, nothing from outside, all problems of
an invalid scenario at once, a polite page for internal errors, cancel that really stops the work."""
from __future__ import annotations

import logging
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app_server import DEMO, _kapot_scenario, _meldingen, app_proces, in_proces, pagina as pagina_client
from plaatsing import InvoerFout, read_scenario, solve
from plaatsing.app import werk
from plaatsing.app.beveiliging import controleer_adres, ToegangFout
from plaatsing.app.server import StartFout, open_socket
from plaatsing.app.taken import AFGEBROKEN, BEZIG, FOUT, Taken

httpx = pytest.importorskip("httpx")


# --- who may connect -----------------------------------------------------------------------------------

def test_ander_adres_dan_loopback_alleen_met_host():
    with pytest.raises(StartFout, match="geef --host 0.0.0.0 op"):
        open_socket("0.0.0.0", 0, host_gegeven=False)
    for adres in ("192.168.1.10", "10.0.0.1", "::", "mijnpc.gemeente.nl"):
        with pytest.raises(ToegangFout):
            controleer_adres(adres, host_gegeven=False)
    for adres in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        controleer_adres(adres, host_gegeven=False)
    sock = open_socket("127.0.0.1", 0, host_gegeven=False)
    assert sock.getsockname()[0] == "127.0.0.1"
    sock.close()


def _luistert_op(poort: int) -> set[str]:
    """The local addresses with a listening TCP socket on `poort` (Linux /proc/net/tcp, tcp6)."""
    adressen = set()
    for naam in ("tcp", "tcp6"):
        pad = Path("/proc/net") / naam
        if not pad.exists():
            continue
        for regel in pad.read_text().splitlines()[1:]:
            velden = regel.split()
            adres, poort_hex = velden[1].rsplit(":", 1)
            if int(poort_hex, 16) == poort and velden[3] == "0A":  # 0A = LISTEN
                adressen.add(adres)
    return adressen


def _poort(url: str) -> int:
    return urlsplit(url).port


@pytest.mark.traag
def test_zonder_host_alleen_127_0_0_1_en_alleen_onder_dat_adres(tmp_path):
    with app_proces(tmpdir=tmp_path) as (url, proces, regels):
        assert url.startswith("http://127.0.0.1:")
        if Path("/proc/net/tcp").exists():
            assert _luistert_op(_poort(url)) == {"0100007F"}  # 127.0.0.1, nothing else
        assert not any("Toegangscode" in r for r in regels)
        with pagina_client(url) as web:
            assert web.get("/").status_code == 200
            # another name for this server (DNS rebinding) is refused
            assert web.get("/", headers={"host": f"voorbeeld.nl:{_poort(url)}"}).status_code == 400
            # a form posted from another site is refused
            vreemd = web.post("/oplossen", headers={"origin": "http://voorbeeld.nl"})
            assert vreemd.status_code == 403
    assert proces.returncode == 0
    assert not list(tmp_path.rglob("plaatsing-*"))


@pytest.mark.traag
def test_host_vraagt_de_getoonde_toegangscode(tmp_path):
    with app_proces("--host", "0.0.0.0", "--onveilig-http", tmpdir=tmp_path) as (url, proces, regels):
        code = None
        for _ in range(5):
            gevonden = [re.search(r"Toegangscode: (\S+)", r) for r in regels]
            code = next((g.group(1) for g in gevonden if g), None)
            if code:
                break
            regels.append(proces.stdout.readline().rstrip("\n"))
        assert code and len(code) >= 20
        lokaal = f"http://127.0.0.1:{_poort(url)}"
        if Path("/proc/net/tcp").exists():
            assert _luistert_op(_poort(url)) == {"00000000"}
        with pagina_client(lokaal) as web:
            for pad in ("/", "/besluiten", "/download/besluiten.xlsx", "/persoon/A0001"):
                antwoord = web.get(pad)
                assert antwoord.status_code == 303 and antwoord.headers["location"] == "/toegang", pad
            assert web.get("/static/app.css").status_code == 200  # no personal data in the assets
            assert "Vul de toegangscode in" in web.get("/toegang").text
            fout = web.post("/toegang", data={"code": code[:-1] + ("x" if code[-1] != "x" else "y")})
            assert fout.status_code == 401 and "Die code klopt niet" in fout.text
            goed = web.post("/toegang", data={"code": code})
            assert goed.status_code == 303
            assert web.get("/").status_code == 200
            assert "Scenario kiezen" in web.get("/").text


# --- the pages: nothing from outside, invalid scenario, internal error ------------------------------------

URL_IN_HTML = re.compile(r"""(?:src|href|action|srcset|poster|data|formaction|hx-get|hx-post)\s*=\s*["']([^"']*)["']""", re.I)
URL_IN_CSS = re.compile(r"""url\(\s*["']?([^"')]*)""", re.I)


def _extern(verwijzing: str, host: str) -> bool:
    delen = urlsplit(verwijzing)
    if verwijzing.startswith("//") or delen.scheme not in ("", "data"):
        return not (delen.scheme in ("http", "https") and delen.netloc == host)
    return False


def _wacht_op_taak(web, antwoord, timeout=60):
    """Follow a started task until the page moves on; returns the final page."""
    taak = urlsplit(str(antwoord.url)).path
    assert taak.startswith("/taak/"), taak
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        status = web.get(taak + "/status")
        if "hx-redirect" in status.headers:
            return web.get(status.headers["hx-redirect"])
        if "hx-refresh" in status.headers:
            return web.get(taak)
        time.sleep(0.2)
    raise AssertionError(f"taak {taak} is niet klaar")


@pytest.mark.traag
def test_alle_verwijzingen_zijn_lokaal_en_ongeldig_scenario_toont_alles(tmp_path):
    map_ = tmp_path / "scenarios"
    map_.mkdir()
    shutil.copy(DEMO, map_ / DEMO.name)
    kapot = _kapot_scenario(tmp_path / "kapot.xlsx")
    with app_proces(map_, tmpdir=tmp_path) as (url, proces, regels), \
            pagina_client(url, follow_redirects=True, timeout=30) as web:
        host = urlsplit(url).netloc
        paginas = [web.get("/"), web.get("/toegang"), web.get("/bestaat-niet")]
        assert f'<option value="{DEMO.name}">' in paginas[0].text

        # an invalid scenario: every problem at once, as a table with blad, rij, kolom, wat, wat te doen
        with kapot.open("rb") as bestand:
            ongeldig = _wacht_op_taak(web, web.post("/openen", files={"bestand": ("kapot.xlsx", bestand)}))
        with pytest.raises(InvoerFout) as verwacht:
            read_scenario(kapot)
        rijen = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>",
                           ongeldig.text)
        assert len(verwacht.value.meldingen) >= 3
        assert [(b, r, k) for b, r, k, *_ in rijen] == [
            (m.blad, str(m.rij), m.kolom.replace("&", "&amp;")) for m in verwacht.value.meldingen]
        assert f"{len(verwacht.value.meldingen)} problemen gevonden" in ongeldig.text
        assert all(wat and doen for *_, wat, doen in rijen)
        paginas.append(ongeldig)

        # the demo from the folder, solved; then every screen
        paginas.append(_wacht_op_taak(web, web.post("/openen", data={"keuze": DEMO.name})))
        besluiten = _wacht_op_taak(web, web.post("/oplossen"))
        assert "Plaatsingsbesluiten" in besluiten.text
        nummer = re.search(r'href="/persoon/([^"]+)"', besluiten.text).group(1)
        paginas += [besluiten, web.get("/besluiten?uitkomst=boventallig&boventallig_eerst=1&sorteer=naam&richting=af"),
                    _wacht_op_taak(web, web.get(f"/persoon/{nummer}")), web.get("/wat-als"), web.get("/downloads"),
                    web.get("/scenario")]
        # a boventallige: the herplaatsingsonderzoek (regels.md §10) as in the sheet Herplaatsing
        persoon = _wacht_op_taak(web, web.get("/persoon/A0135"))
        assert 'id="open-plaatsen"' in persoon.text
        assert re.findall(r"<tr><td>([A-Z]+-[A-Z]+-\d+) ", persoon.text) == ["BV-ICT-01", "KCC-BZ-01"]
        paginas.append(persoon)

        bezocht = set()
        for pagina in paginas:
            assert pagina.headers["content-security-policy"].startswith("default-src 'self'")
            for verwijzing in URL_IN_HTML.findall(pagina.text):
                assert not _extern(verwijzing, host), f"{pagina.url}: {verwijzing}"
                if verwijzing.startswith("/static/"):
                    bezocht.add(verwijzing)
        assert {"/static/app.css", "/static/htmx.min.js"} <= bezocht
        for asset in bezocht:
            inhoud = web.get(asset).text
            assert not re.search(r"https?://|wss?://", inhoud), asset
            for verwijzing in URL_IN_CSS.findall(inhoud):
                assert not _extern(verwijzing, host), f"{asset}: {verwijzing}"
    log = "\n".join(regels)
    assert "Traceback" not in log
    namen = read_scenario(DEMO).medewerkers["naam"]
    assert not any(naam in log for naam in namen)


def test_interne_fout_geeft_een_nette_pagina_met_referentie(tmp_path, monkeypatch, caplog, capfd):
    from plaatsing.app.web import maak_app

    def stuk(pad):
        raise RuntimeError("Jansen, geboren 01-02-1970")

    monkeypatch.setattr(werk, "schrijf_leeg_scenario", stuk)
    caplog.set_level(logging.INFO, logger="plaatsing.app")
    with in_proces(maak_app(tmp_path)) as url, pagina_client(url) as web:
        antwoord = web.get("/leeg-scenario.xlsx")
    assert antwoord.status_code == 500
    referentie = re.search(r"REF-[0-9A-F]{6}", antwoord.text).group(0)
    assert "Er ging iets mis" in antwoord.text
    for verboden in ("Traceback", "RuntimeError", "Jansen", "1970", "File \""):
        assert verboden not in antwoord.text
    assert referentie in caplog.text and "RuntimeError" in caplog.text
    assert "Jansen" not in caplog.text and "1970" not in caplog.text
    verslag = capfd.readouterr()
    for verboden in ("Traceback", "Jansen", "1970"):
        assert verboden not in verslag.err + verslag.out


# --- long work: errors and cancel in the separate process ---------------------------------------------------

def faalt(*, voortgang):
    voortgang("begonnen")
    raise ZeroDivisionError("Jansen, geboren 01-02-1970")


def slaapt(*, voortgang):
    voortgang("begonnen")
    time.sleep(120)


def _tot(taak, voorwaarde, timeout=30):
    einde = time.monotonic() + timeout
    while not voorwaarde(taak):
        assert time.monotonic() < einde, taak
        time.sleep(0.05)


@pytest.mark.traag
def test_fout_in_het_rekenproces_wordt_referentie_zonder_persoonsgegevens(caplog):
    caplog.set_level(logging.INFO, logger="plaatsing.app")
    taken = Taken()
    taak = taken.start("proef", faalt, (), volgende="/")
    _tot(taak, lambda t: t.status != BEZIG)
    assert taak.status == FOUT and taak.fout is None
    assert re.fullmatch(r"REF-[0-9A-F]{6}", taak.referentie)
    assert taak.meldingen == ["begonnen"]
    assert taak.referentie in caplog.text and "ZeroDivisionError" in caplog.text
    assert "Jansen" not in caplog.text and "1970" not in caplog.text


def test_domeinfout_komt_heel_terug():
    """An InvoerFout from the process keeps all its Meldingen (blad, rij, kolom) for the page."""
    taken = Taken()
    taak = taken.start("lezen", werk.lees, (Path("bestaat-niet.xlsx"),), volgende="/")
    _tot(taak, lambda t: t.status != BEZIG)
    assert taak.status == FOUT and isinstance(taak.fout, InvoerFout)
    assert [m.tekst for m in taak.fout.meldingen] == [m.tekst for m in _meldingen(Path("bestaat-niet.xlsx"))]


def test_afbreken_stopt_het_rekenproces():
    taken = Taken()
    taak = taken.start("lang", slaapt, (), volgende="/")
    _tot(taak, lambda t: t.meldingen)
    proces = taken._processen[taak.id]
    start = time.monotonic()
    taken.stop(taak.id)
    assert taak.status == AFGEBROKEN
    assert not proces.is_alive() and time.monotonic() - start < 6
    assert not taken.bezig()


@pytest.mark.traag
def test_afbreken_op_de_pagina_laat_het_plan_ongemoeid(tmp_path):
    from plaatsing.app.web import maak_app

    app = maak_app(tmp_path)
    ws = app.state.werkruimte
    ws.zet_scenario(read_scenario(DEMO), DEMO.name)
    with in_proces(app) as url, pagina_client(url, follow_redirects=True) as web:
        gestart = web.post("/oplossen", follow_redirects=False)
        taak = gestart.headers["location"]
        gestopt = web.post(taak + "/stop")
        assert "Afgebroken. Er is niets veranderd." in gestopt.text
        time.sleep(0.5)
        assert app.state.taken.get(taak.rsplit("/", 1)[1]).status == AFGEBROKEN
        assert ws.plan is None
        assert web.get("/besluiten", follow_redirects=False).headers["location"] == "/scenario"


# --- documents: the same files as the CLI makes ----------------------------------------------------------

@pytest.mark.traag
def test_documenten_zijn_die_van_de_cli(tmp_path):
    import datetime as dt
    import io
    import zipfile

    import pandas as pd
    from click.testing import CliRunner

    from plaatsing import solve
    from plaatsing.plannen.wat_als import wat_als
    from plaatsing.app.web import maak_app
    from plaatsing.uitvoer.brieven import lees_sjablonen, schrijf_brieven
    from plaatsing.cli import main

    from datetime import date

    from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx

    # a small scenario: the letters take a moment each, the demo has 300
    klein = tmp_path / "klein.xlsx"
    write_xlsx(tabellen([medewerker(p, "O", date(1990 + i, 1, 1)) for i, p in enumerate(("001", "002", "003"))],
                        [functie("O", formatie=3)], [functie("N", formatie=2), functie("M", formatie=1)],
                        [("O", "N", 10), ("O", "M", 60)]), klein)
    app = maak_app(tmp_path / "werk")
    ws = app.state.werkruimte
    s = read_scenario(klein)
    ws.zet_scenario(s, klein.name)
    ws.zet_plan(solve(s))
    with in_proces(app) as url, pagina_client(url, follow_redirects=True, timeout=60) as web:
        besluiten = tmp_path / "klein-besluiten.xlsx"   # the name the download gives it
        besluiten.write_bytes(web.get("/download/besluiten.xlsx").content)
        downloads = _wacht_op_taak(web, web.post("/maak/bijlage"))
        assert "OR-bijlage (Word)" in downloads.text
        bijlage = {soort: web.get(f"/download/bestand/klein-OR-bijlage.{soort}").content for soort in ("docx", "xlsx")}
        downloads = _wacht_op_taak(web, web.post("/maak/brieven"), timeout=120)
        brieven = zipfile.ZipFile(io.BytesIO(web.get("/download/bestand/klein-brieven.zip").content))
        assert web.get("/download/bestand/..%2F..%2Fetc%2Fpasswd").status_code == 404
        assert web.get("/download/verschil.xlsx", follow_redirects=False).headers["location"] == "/downloads"
        ws.wat_als = wat_als(ws.plan, vastzetten={"001": "M"})
        assert len(ws.wat_als.verschil) >= 1
        verschil = pd.read_excel(io.BytesIO(web.get("/download/verschil.xlsx").content), sheet_name="Verschil", dtype=object)

    # the OR-bijlage: byte for byte what `plaatsing rapport` writes from the same besluiten
    cli = tmp_path / "cli"
    cli.mkdir()
    uitkomst = CliRunner().invoke(main, ["rapport", str(klein), str(besluiten), "--map", str(cli)])
    assert uitkomst.exit_code == 0, uitkomst.output
    for soort, inhoud in bijlage.items():
        assert _delen(inhoud) == _delen((cli / f"klein-OR-bijlage.{soort}").read_bytes()), soort

    # the letters: one per medewerker; each as `plaatsing brieven` makes it from the besluiten workbook
    nummers = list(s.medewerkers.index)
    assert sorted(brieven.namelist()) == sorted(f"{p}-voorgenomen-plaatsingsbesluit.docx" for p in nummers)
    tabel = pd.read_excel(besluiten, sheet_name="Plaatsingsbesluiten", dtype=object)
    tabel["personeelsnummer"] = tabel["personeelsnummer"].map(str)
    for p in nummers:
        pad, = schrijf_brieven(s, tabel[tabel["personeelsnummer"] == p], tmp_path / "cli-brieven",
                               sjablonen=lees_sjablonen(), datum=dt.date.today(), overschrijf=True)
        assert _delen(brieven.read(pad.name)) == _delen(pad.read_bytes()), p

    # verschil.xlsx: the difference of the wat-als, as `plaatsing vergelijk --uitvoer` writes it
    assert list(verschil["personeelsnummer"]) == list(ws.wat_als.verschil["personeelsnummer"])
    assert list(verschil["wordt_functie"].fillna("")) == list(ws.wat_als.verschil["wordt_functie"].fillna(""))


def _delen(office: bytes) -> dict:
    """The parts of a .docx/.xlsx (a zip) by name: equal content, whatever the timestamps of the zip
    and of docProps/core.xml (openpyxl stamps 'modified' with the time of saving)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(office)) as z:
        delen = {naam: z.read(naam) for naam in z.namelist()}
    delen["docProps/core.xml"] = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", b"",
                                        delen.get("docProps/core.xml", b""))
    return delen


@pytest.mark.traag
def test_wat_als_met_parameter_behouden_en_foute_invoer(tmp_path):
    from datetime import date

    from plaatsing import solve
    from plaatsing.app.web import maak_app
    from plaatsing.plannen.wat_als import wat_als
    from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx

    # O → N changes 35 %: at drempel_wijziging 40 the senior 001 becomes functievolger in N too and
    # takes it from 002, who becomes boventallig
    klein = tmp_path / "klein.xlsx"
    write_xlsx(tabellen([medewerker("001", "O", date(1990, 1, 1)), medewerker("002", "P", date(1995, 1, 1))],
                        [functie("O"), functie("P")], [functie("N"), functie("M")],
                        [("O", "N", 35), ("P", "N", 10), ("O", "M", 60)]), klein)
    app = maak_app(tmp_path / "werk")
    ws = app.state.werkruimte
    s = read_scenario(klein)
    ws.zet_scenario(s, klein.name)
    ws.zet_plan(solve(s))
    with in_proces(app) as url, pagina_client(url, follow_redirects=True, timeout=60) as web:
        leeg = web.post("/wat-als", data={})
        assert leeg.status_code == 422 and "Kies een medewerker en een functie" in leeg.text
        half = web.post("/wat-als", data={"persoon": "001"})
        assert half.status_code == 422 and "zowel het personeelsnummer als de functie" in half.text
        onbekend = web.post("/wat-als", data={"persoon": "999", "functie": "N"})
        assert onbekend.status_code == 422 and "personeelsnummer &#39;999&#39; bestaat niet" in onbekend.text
        fout = web.post("/wat-als", data={"parameter": "drempel_wijziging", "waarde": "140"})
        assert fout.status_code == 422 and "tussen 0 en 100" in fout.text

        resultaat = _wacht_op_taak(web, web.post("/wat-als", data={"parameter": "drempel_wijziging", "waarde": "40"}))
        verwacht = wat_als(solve(s), parameters={"drempel_wijziging": "40"}).verschil
        assert list(verwacht["personeelsnummer"]) == ["001", "002"]
        assert "2 medewerkers met een andere plaatsing" in resultaat.text
        assert "<td>N</td><td>functievolger</td><td>–</td><td>boventallig</td>" in resultaat.text
        for p in verwacht["personeelsnummer"]:
            assert f'href="/persoon/{p}"' in resultaat.text
        besluiten = web.post("/wat-als/behouden")
        assert "Dit plan bevat uw wijzigingen: drempel_wijziging = 40." in besluiten.text
        assert ws.plan.scenario.parameters.drempel_wijziging == 40
        assert ws.gekozen == ["drempel_wijziging = 40"] and ws.wat_als is None
        assert list(ws.verschil["personeelsnummer"]) == list(verwacht["personeelsnummer"])
        assert web.get("/download/verschil.xlsx").status_code == 200


@pytest.mark.parametrize("naam", ["a" * 300 + ".xlsx", "é" * 200 + ".xlsx", "b" * 300])
def test_lange_uploadnaam_wordt_ingekort(naam):
    # found by a run: a file named with 300 characters gave ENAMETOOLONG and an internal error (500)
    from plaatsing.app.werkruimte import MAX_NAAM, veilige_naam

    veilig = veilige_naam(naam)
    assert 0 < len(veilig.encode()) <= MAX_NAAM and veilig[:5] == naam[:5]
    assert veilig.endswith(".xlsx") == naam.endswith(".xlsx")
