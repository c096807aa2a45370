"""Issue 27: an app another web page cannot drive (CSRF), one writer per workspace, parameters checked as
in the CLI, uploads bounded while read, --host only with TLS, and nothing left behind on SIGTERM/SIGHUP."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from app_server import app_proces, in_proces, pagina
from plaatsing import read_scenario, solve
from plaatsing.app import web as web_module
from plaatsing.app.web import maak_app
from plaatsing.app.werkruimte import MAX_TAKEN
from plaatsing.voorbeelden import functie, medewerker, tabellen, write_xlsx

httpx = pytest.importorskip("httpx")


def klein(pad: Path) -> Path:
    mensen = [medewerker(f"A{i}", "O", date(1980 + i, 1, 1)) for i in range(4)]
    write_xlsx(tabellen(mensen, [functie("O", formatie=4)], [functie("N", formatie=3)], [("O", "N", 10)]), pad)
    return pad


@pytest.fixture
def app_met_plan(tmp_path):
    pad = klein(tmp_path / "klein.xlsx")
    app = maak_app(tmp_path / "werk")
    ws = app.state.werkruimte
    s = read_scenario(pad)
    ws.zet_scenario(s, pad.name, pad)
    ws.zet_plan(solve(s))
    return app, ws


def test_post_van_elders_of_zonder_herkomst_of_code_wordt_geweigerd(app_met_plan):
    app, ws = app_met_plan
    plan = ws.plan
    with in_proces(app) as url, pagina(url) as web:
        web.post("/wat-als/verwerpen")  # a request of the page itself: the token is known
        kaal = {"csrf": web.csrf}
        for kop in ({"origin": "null"}, {"origin": "http://kwaadaardig.nl"}, {"origin": ""}):
            assert web.post("/wat-als", data={"persoon": "A0", "functie": "N"}, headers=kop).status_code == 403, kop
        with httpx.Client(base_url=url) as zonder:  # neither Origin nor Referer
            zonder.cookies = web.cookies
            assert zonder.post("/maak/bijlage", data=kaal).status_code == 403
            verwijzer = zonder.post("/wat-als/verwerpen", data=kaal, headers={"referer": url + "/wat-als"},
                                    follow_redirects=False)
            assert verwijzer.status_code == 303  # Referer of this server is enough without Origin
        zonder_code = httpx.post(url + "/maak/bijlage", headers={"origin": url}, cookies=web.cookies)
        assert zonder_code.status_code == 403 and "beveiligingscode" in zonder_code.text
        fout_code = httpx.post(url + "/maak/bijlage", data={"csrf": "0" * 64}, headers={"origin": url},
                               cookies=web.cookies)
        assert fout_code.status_code == 403
    assert ws.plan is plan and ws.documenten == {}


def test_kopregels_en_sessiecookie(app_met_plan):
    app, _ = app_met_plan
    with in_proces(app) as url, httpx.Client(base_url=url) as web:
        antwoord = web.get("/besluiten")
        assert antwoord.headers["x-frame-options"] == "DENY"
        assert antwoord.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in antwoord.headers["content-security-policy"]
        cookie = antwoord.headers["set-cookie"].lower()
        assert "plaatsing_sessie=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
        assert "secure" not in cookie  # plain HTTP on 127.0.0.1; over TLS see test_host_met_tls


def test_tweede_browser_mag_niets_veranderen(app_met_plan):
    app, ws = app_met_plan
    with in_proces(app) as url, pagina(url) as eerste, pagina(url) as tweede:
        assert eerste.post("/wat-als/verwerpen", follow_redirects=False).status_code == 303
        geweigerd = tweede.post("/oplossen")
        assert geweigerd.status_code == 403 and "andere browser" in geweigerd.text
        assert tweede.post("/maak/brieven").status_code == 403
    assert ws.documenten == {}


@pytest.mark.traag
def test_plan_van_een_vorig_scenario_wordt_niet_bewaard(app_met_plan, tmp_path):
    app, ws = app_met_plan
    ws.zet_plan(None)
    ander = read_scenario(klein(tmp_path / "ander.xlsx"))
    with in_proces(app) as url, pagina(url) as web:
        taak = web.post("/oplossen", follow_redirects=False).headers["location"]
        ws.zet_scenario(ander, "ander.xlsx")  # another scenario is opened while the first is solved
        einde = time.monotonic() + 60
        while app.state.taken.get(taak.rsplit("/", 1)[1]).status == "bezig" and time.monotonic() < einde:
            web.get(taak + "/status")
            time.sleep(0.2)
        web.get(taak + "/status")
    assert ws.scenario is ander and ws.plan is None


def test_wat_als_parameter_gaat_door_dezelfde_controle_als_de_cli(app_met_plan):
    app, ws = app_met_plan
    with in_proces(app) as url, pagina(url) as web:
        fout = web.post("/wat-als", data={"parameter": "peildatum", "waarde": "1900-01-01"})
        assert fout.status_code == 422 and "geboortedatum" in fout.text
    assert ws.wat_als is None


def test_upload_wordt_al_lezend_begrensd(tmp_path, monkeypatch):
    monkeypatch.setattr(web_module, "MAX_UPLOAD", 10_000)
    app = maak_app(tmp_path / "werk")
    with in_proces(app) as url, pagina(url) as web:
        groot = web.post("/openen", files={"bestand": ("s.xlsx", b"PK" + b"x" * 50_000)}, follow_redirects=False)
        assert groot.headers["location"] == "/?fout=groot"
        csrf = web.csrf
        grens = "grens123"
        deel = (f"--{grens}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{grens}\r\n"
                f"Content-Disposition: form-data; name=\"bestand\"; filename=\"s.xlsx\"\r\n\r\n").encode()

        def stroom():  # no Content-Length: chunked, counted while read
            yield deel
            for _ in range(3_000):
                yield b"x" * 1_000
            yield f"\r\n--{grens}--\r\n".encode()
        gestroomd = httpx.post(url + "/openen", content=stroom(), cookies=web.cookies,
                               headers={"origin": url, "content-type": f"multipart/form-data; boundary={grens}"})
        assert gestroomd.status_code == 303 and gestroomd.headers["location"] == "/?fout=groot"
    assert not (tmp_path / "werk" / "invoer").exists() or not any((tmp_path / "werk" / "invoer").rglob("*.xlsx"))


@pytest.mark.traag
def test_host_zonder_tls_wordt_geweigerd_behalve_bewust():
    uit = subprocess.run([sys.executable, "-m", "plaatsing.cli", "app", "--geen-browser", "--host", "0.0.0.0"],
                         capture_output=True, text=True, timeout=60)
    assert uit.returncode == 2 and "--tls-cert en --tls-key" in uit.stderr and "--onveilig-http" in uit.stderr


@pytest.mark.traag
def test_host_met_tls(tmp_path):
    cert, sleutel = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(sleutel), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    with app_proces("--host", "0.0.0.0", "--tls-cert", cert, "--tls-key", sleutel, tmpdir=tmp_path) as (url, _p, _r):
        assert url.startswith("https://")
        poort = url.rsplit(":", 1)[1]
        with httpx.Client(base_url=f"https://127.0.0.1:{poort}", verify=False) as web:
            antwoord = web.get("/toegang")
            cookie = antwoord.headers["set-cookie"].lower()
            assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie
            assert "onversleuteld" not in antwoord.text


@pytest.mark.traag
def test_onveilig_http_waarschuwt_op_elke_pagina(tmp_path):
    with app_proces("--host", "0.0.0.0", "--onveilig-http", tmpdir=tmp_path) as (url, proces, regels):
        while not any("Stoppen" in r for r in regels):
            regels.append(proces.stdout.readline().rstrip("\n"))
        poort = url.rsplit(":", 1)[1]
        assert "onversleuteld (HTTP)" in httpx.get(f"http://127.0.0.1:{poort}/toegang").text
    assert any("onversleuteld over het netwerk" in r for r in regels), regels


@pytest.mark.traag
@pytest.mark.parametrize("sein", ["SIGTERM", "SIGHUP"])
def test_sein_ruimt_de_tijdelijke_map_met_brieven_op(tmp_path, sein):
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    klein(scenarios / "klein.xlsx")
    with app_proces(scenarios, tmpdir=tmp_path) as (url, proces, regels), pagina(url, follow_redirects=True,
                                                                                     timeout=60) as web:
        from test_app import _wacht_op_taak

        _wacht_op_taak(web, web.post("/openen", data={"keuze": "klein.xlsx"}))
        _wacht_op_taak(web, web.post("/oplossen"))
        _wacht_op_taak(web, web.post("/maak/brieven"), timeout=120)
        werkmap, = tmp_path.rglob("plaatsing-app-*")
        assert list(werkmap.rglob("*.docx"))
        proces.send_signal(getattr(signal, sein))
        proces.wait(timeout=30)
    assert not list(tmp_path.rglob("plaatsing-*"))
    assert not any("Traceback" in r for r in regels), regels


@pytest.mark.traag
def test_map_van_een_gedode_run_wordt_bij_de_volgende_start_opgeruimd(tmp_path):
    dood = subprocess.Popen([sys.executable, "-c", "pass"])
    dood.wait()
    oud = tmp_path / "plaatsing-app-oud123"
    oud.mkdir()
    (oud / "proces.pid").write_text(str(dood.pid))
    (oud / "brief.docx").write_bytes(b"persoonsgegevens")
    levend = tmp_path / "plaatsing-app-levend"
    levend.mkdir()
    (levend / "proces.pid").write_text(str(os.getpid()))
    with app_proces(tmpdir=tmp_path):
        assert not oud.exists() and levend.exists()


def test_uitleg_via_get_alleen_voor_de_eigen_sessie_en_een_keer_tegelijk(tmp_path, monkeypatch):
    # found by a run: 40 GETs of /persoon/NR without cookie (what an <img> on another site sends) started 22 processes
    pad = tmp_path / "raar.xlsx"
    mensen = [medewerker(nr, "O", date(1980 + i, 1, 1)) for i, nr in enumerate(["X#1", "X?3", "X/2", "A4"])]
    write_xlsx(tabellen(mensen, [functie("O", formatie=4)], [functie("N", formatie=3)], [("O", "N", 10)]), pad)
    app = maak_app(tmp_path / "werk")
    ws, taken = app.state.werkruimte, app.state.taken
    s = read_scenario(pad)
    ws.zet_scenario(s, pad.name, pad)
    ws.zet_plan(solve(s))
    with in_proces(app) as url:
        with httpx.Client(base_url=url) as vreemd:  # no cookie: a link or <img> of another site
            antwoord = vreemd.get("/persoon/A4", headers={"Referer": "http://evil.example/"})
            assert antwoord.status_code == 200 and "Open de uitleg vanuit de lijst met besluiten." in antwoord.text
        assert taken.aantal_bezig() == 0 and not ws.uitleg_taak
        with pagina(url) as web:
            lijst = web.get("/besluiten").text
            for nr in ("X#1", "X?3", "X/2"):  # any text is a personeelsnummer: the link encodes it
                assert f'href="/persoon/{quote(nr, safe="")}"' in lijst
            eerste = web.get(f"/persoon/{quote('X/2', safe='')}")
            tweede = web.get(f"/persoon/{quote('X/2', safe='')}")
            assert eerste.status_code == tweede.status_code == 303
            assert eerste.headers["location"] == tweede.headers["location"]  # one task for one person at a time
            assert list(ws.uitleg_taak) == ["X/2"]
            einde = time.monotonic() + 60
            while "X/2" not in ws.uitleg and time.monotonic() < einde:
                time.sleep(0.2)
            uitleg = web.get(f"/persoon/{quote('X/2', safe='')}")
            assert uitleg.status_code == 200 and "X/2" in uitleg.text
            # not beyond MAX_TAKEN running tasks: a page that asks to wait, no process started
            monkeypatch.setattr(taken, "aantal_bezig", lambda: MAX_TAKEN)
            vol = web.get("/persoon/A4")
            assert vol.status_code == 503 and f"Er lopen al {MAX_TAKEN} taken." in vol.text
            assert list(ws.uitleg_taak) == ["X/2"] and "A4" not in ws.uitleg


def test_peildatum_die_het_scenario_onbruikbaar_maakt_met_blad_rij_kolom(app_met_plan):
    # found by a run: /oplossen took peildatum 1900-01-01 and made a plan; /wat-als refused it with the same sentence
    # once per medewerker and no row
    app, ws = app_met_plan
    with in_proces(app) as url, pagina(url) as web:
        oplossen = web.post("/oplossen", data={"peildatum": "1900-01-01"})
        assert oplossen.status_code == 422
        assert "Met deze waarde kan het scenario niet worden gebruikt: Medewerkers, rij 2, kolom" in oplossen.text
        wat_als = web.post("/wat-als", data={"parameter": "peildatum", "waarde": "1900-01-01"})
        assert wat_als.status_code == 422 and "Medewerkers, rij 2, kolom" in wat_als.text
        assert wat_als.text.count("de geboortedatum ligt niet vóór de peildatum") <= 5
    assert ws.plan.scenario.parameters.peildatum != date(1900, 1, 1)


def test_documenten_en_uploads_van_eerder_werk_worden_opgeruimd(tmp_path, app_met_plan):
    # found by a run: refused uploads and the letters of earlier plans stayed on disk (with personal data) until exit
    app, ws = app_met_plan
    oud = ws.map_voor("brieven")
    (oud / "A0-brief.docx").write_bytes(b"x")
    ws.zet_plan(ws.plan)  # a new plan (as after a solve or a kept wat-als)
    nieuw = ws.map_voor("brieven")
    assert nieuw != oud and nieuw.is_dir() and not oud.exists()
    with in_proces(app) as url, pagina(url) as web:
        for i in range(3):  # three refused uploads: each later one removes the earlier
            web.post("/openen", files={"bestand": (f"fout{i}.xlsx", b"geen werkmap", "application/octet-stream")})
            time.sleep(0.5)
        mappen = [m for m in (ws.werkmap / "invoer").iterdir()]
        assert len(mappen) == 1 and [p.name for p in mappen[0].iterdir()] == ["fout2.xlsx"]


def test_een_formulier_met_te_veel_velden_of_een_verkeerde_methode_heet_niet_onbekend(app_met_plan):
    # found by a run: two files in one upload, or a POST to a page that only shows, said "Deze pagina bestaat niet"
    app, _ws = app_met_plan
    with in_proces(app) as url, pagina(url) as web:
        twee = web.post("/openen", files=[("bestand", ("a.xlsx", b"x")), ("bestand", ("b.xlsx", b"y"))])
        assert twee.status_code == 400 and "Dit formulier kon niet worden verwerkt" in twee.text
        methode = web.post("/besluiten")
        assert methode.status_code == 405 and "Deze pagina kan zo niet worden gebruikt" in methode.text
        for antwoord in (twee, methode):
            assert "bestaat niet" not in antwoord.text


@pytest.mark.traag
def test_de_webserver_meldt_een_kapot_verzoek_in_het_nederlands(tmp_path):
    # found by a run: uvicorn printed "WARNING:  Invalid HTTP request received." on stderr
    import socket

    with app_proces(tmpdir=tmp_path) as (url, proces, regels):
        host, poort = url.split("//", 1)[1].rsplit(":", 1)
        with socket.create_connection((host, int(poort)), timeout=5) as verbinding:
            verbinding.sendall(b"\x16\x03\x01 dit is geen HTTP\r\n\r\n")
            verbinding.recv(1024)
        assert httpx.get(f"{url}/").status_code in (200, 303)  # it goes on serving
    assert any("Een ongeldig verzoek aan de webserver is genegeerd." in r for r in regels), regels
    assert not any("Invalid HTTP" in r or "WARNING" in r for r in regels), regels
