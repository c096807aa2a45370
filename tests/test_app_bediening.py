"""The app as a user meets it (issue 26): the time limit and the main parameters are set before solving;
an unknown personeelsnummer says so in Dutch, other capitals find the person."""
from __future__ import annotations

import pytest

from app_server import DEMO, in_proces, pagina as pagina_client
from test_app import _wacht_op_taak
from plaatsing import read_scenario, solve

httpx = pytest.importorskip("httpx")


@pytest.mark.traag
def test_onbekende_medewerker_en_kleine_letters(tmp_path):
    from plaatsing.app.web import maak_app

    app = maak_app(tmp_path)
    ws = app.state.werkruimte
    s = read_scenario(DEMO)
    ws.zet_scenario(s, DEMO.name)
    ws.zet_plan(solve(s))
    with in_proces(app) as url, httpx.Client(base_url=url) as web:
        onbekend = web.get("/persoon/X999")
        assert onbekend.status_code == 404
        assert "Medewerker niet gevonden" in onbekend.text
        assert "Personeelsnummer &#39;X999&#39; staat niet in dit scenario." in onbekend.text
        assert "Deze pagina bestaat niet (meer)" not in onbekend.text
        vreemd = web.get("/persoon/<b>X</b>")
        assert vreemd.status_code == 404 and "<b>X</b>" not in vreemd.text  # escaped
        klein = web.get("/persoon/a0035")
        assert klein.status_code == 303 and klein.headers["location"] == "/persoon/A0035"


@pytest.mark.traag
def test_tijdslimiet_en_parameters_voor_het_plaatsen(tmp_path):
    from plaatsing.app.web import maak_app

    app = maak_app(tmp_path)
    ws = app.state.werkruimte
    ws.zet_scenario(read_scenario(DEMO), DEMO.name)
    with in_proces(app) as url, pagina_client(url, follow_redirects=True, timeout=30) as web:
        pagina = web.get("/scenario").text
        huidig = dict(ws.scenario.parameters.als_rijen())
        for naam in ("tijdslimiet", "drempel_wijziging", "selectiemethode", "beleid"):
            assert f'name="{naam}" value="{huidig[naam]}"' in pagina
        fout = web.post("/oplossen", data={"tijdslimiet": "0", "drempel_wijziging": "30"})
        assert fout.status_code == 422 and "De waarde past niet: parameter tijdslimiet:" in fout.text
        assert ws.plan is None
        besluiten = _wacht_op_taak(web, web.post("/oplossen", data={"tijdslimiet": "5", "drempel_wijziging": "40"}))
        assert besluiten.status_code == 200
    assert ws.plan.scenario.parameters.tijdslimiet == 5 and ws.plan.scenario.parameters.drempel_wijziging == 40
    rijen = dict(ws.plan.verantwoording.itertuples(index=False))
    assert rijen["parameter tijdslimiet"] == "5" and rijen["parameter drempel_wijziging"] == "40"


@pytest.mark.traag
def test_opnieuw_plaatsen_houdt_de_behouden_wat_als(tmp_path):
    # found by a run: after 'behouden', a new solve went back to the original scenario, while the pages still said
    # "met uw wijzigingen: A0054 vast in BV-FAC-01" — the downloads then held a plan without that change
    from plaatsing.app.web import maak_app
    from plaatsing.plannen.wat_als import wat_als

    app = maak_app(tmp_path / "werk")
    ws = app.state.werkruimte
    s = read_scenario(DEMO).met_parameters(tijdslimiet=5)
    ws.zet_scenario(s, DEMO.name)
    eerste = solve(s)
    assert eerste.toewijzing["A0054"] != "BV-FAC-01"
    ws.zet_plan(wat_als(eerste, vastzetten={"A0054": "BV-FAC-01"}).nieuw)  # as /wat-als/behouden does
    ws.gekozen.append("A0054 vast in BV-FAC-01")
    with in_proces(app) as url, pagina_client(url, follow_redirects=True, timeout=30) as web:
        assert _wacht_op_taak(web, web.post("/oplossen", data={"drempel_wijziging": "30"})).status_code == 200
    assert ws.plan.toewijzing["A0054"] == "BV-FAC-01" and ws.gekozen == ["A0054 vast in BV-FAC-01"]
    assert ws.plan.besluiten.set_index("personeelsnummer").at["A0054", "uitkomst"] == "vastgezet"


@pytest.mark.traag
def test_behouden_wat_als_vervalt_niet_ongevraagd(tmp_path):
    from plaatsing.app.web import maak_app

    app = maak_app(tmp_path / "werk", scenariomap=DEMO.parent)
    ws = app.state.werkruimte
    s = read_scenario(DEMO)
    ws.zet_scenario(s, DEMO.name)
    ws.zet_plan(solve(s))
    ws.gekozen.append("A0035 vast in BV-HRM-02")
    with in_proces(app) as url, pagina_client(url, timeout=30) as web:
        begin = web.get("/").text
        assert "Let op: het huidige plan bevat behouden wat-als-wijzigingen (A0035 vast in BV-HRM-02)." in begin
        assert begin.count('name="verwerpen" value="ja" required') == 2  # in both ways to open a scenario
        zonder = web.post("/openen", data={"keuze": DEMO.name})
        assert zonder.status_code == 303 and zonder.headers["location"] == "/?fout=behouden"
        assert "Vink aan dat\ndie mogen vervallen" in web.get("/?fout=behouden").text
        assert ws.gekozen == ["A0035 vast in BV-HRM-02"] and ws.plan is not None
        met = web.post("/openen", data={"keuze": DEMO.name, "verwerpen": "ja"})
        assert met.status_code == 303 and met.headers["location"].startswith("/taak/")


def test_voortgangsbalk_uit_de_regels_van_het_rekenproces():
    from plaatsing.app.taken import Taak

    taak = Taak("t", "Plaatsen", "/besluiten")
    assert taak.procent is None
    taak.meldingen += ["kandidaten bepaald: 614 mogelijke plaatsingen, 18 deelproblemen (0,0 s)",
                       "1 van 5 deelproblemen klaar (14% van het werk); bezig met een deel van 1.500 mensen",
                       "fase O3 beste trede (T1, T2, T3, T4): optimaal, bewezen (11 solver-aanroepen, 0,0 s)"]
    assert taak.procent == 14
    taak.meldingen.append("3 van 5 deelproblemen klaar (62% van het werk); nog ongeveer 30 s")
    assert taak.procent == 62


def meldt_en_wacht(*, voortgang):
    """Work in the app's process that reports like a solve and then waits to be stopped."""
    import time

    voortgang("fase O3 beste trede (T1, T2, T3, T4): optimaal, bewezen (1 solver-aanroepen, 0,0 s)")
    voortgang("1 van 5 deelproblemen klaar (37% van het werk); nog ongeveer 30 s")
    time.sleep(60)


@pytest.mark.traag
def test_de_taakpagina_toont_een_balk_en_gewone_woorden(tmp_path):
    import time

    from plaatsing.app.web import maak_app

    app = maak_app(tmp_path)
    taak = app.state.taken.start("Plaatsen", meldt_en_wacht, (), volgende="/")
    try:
        with in_proces(app) as url, httpx.Client(base_url=url, timeout=30) as web:
            einde = time.monotonic() + 30
            while len(taak.meldingen) < 2 and time.monotonic() < einde:
                time.sleep(0.1)
            status = web.get(f"/taak/{taak.id}/status").text
    finally:
        app.state.taken.stop(taak.id)
    assert '<progress max="100" value="37" aria-label="Voortgang">37%</progress>' in status
    assert "fase O3 beste trede (T1, T2, T3, T4): optimaal, bewezen (1 rekenstap, 0,0 s)" in status
    assert "tier" not in status and "solver" not in status
