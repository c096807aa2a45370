"""The page of one medewerker (issue 26): an unknown personeelsnummer says so in Dutch, other capitals
find the person."""
from __future__ import annotations

import pytest

from app_server import DEMO, in_proces
from plaatsing import read_scenario, solve

httpx = pytest.importorskip("httpx")


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
