"""The screens of `plaatsing app`: a Starlette application rendering Jinja templates (htmx polls the
progress). Every computation goes through werk.py to the library API; this module only shows."""
from __future__ import annotations

import datetime as dt
import logging
import shutil
import traceback
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from plaatsing.app import weergave, werk
from plaatsing.app.beveiliging import COOKIE, Toegang, juiste_csrf
from plaatsing.app.taken import BEZIG, KLAAR, Taken, nieuwe_referentie
from plaatsing.app.werkruimte import MAX_TAKEN, Werkruimte, invoerfout_tekst, ruim_op, veilige_naam
from plaatsing.cli.afhandeling import in_woorden
from plaatsing.fouten import InvoerFout, ParameterFout
from plaatsing.plannen.inlezen import read_scenario
from plaatsing.plannen.wat_als import met_vastzettingen

log = logging.getLogger("plaatsing.app")
HIER = Path(__file__).parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 200 * 1024 * 1024
PARAMETERS_WAT_ALS = ("drempel_wijziging", "max_schalen_lager", "max_schalen_hoger", "fte_marge",
                      "selectiemethode", "beleid", "peildatum", "tijdslimiet")


TE_GROOT = "plaatsing.te_groot"


class TeGroot(Exception):
    """The request body passed MAX_UPLOAD while it was read."""


class Geweigerd(HTTPException):
    """A state-changing request without the session's CSRF token, or from a second browser session."""

    def __init__(self, tekst: str):
        super().__init__(403, tekst)


def maak_app(werkmap: Path, *, scenariomap: Path | None = None, token: str | None = None,
             hosts: set[str] | None = None, onveilig: bool = False) -> Starlette:
    """The web application; `hosts` (Host headers allowed) is None in token mode and in tests;
    `onveilig`: served over plain HTTP to other computers (--onveilig-http), a warning on every page."""
    ws = Werkruimte(Path(werkmap), scenariomap)
    taken = Taken()
    sjablonen = Jinja2Templates(directory=str(HIER / "templates"))
    sjablonen.env.filters["pad"] = lambda waarde: quote(str(waarde), safe="")  # a personeelsnummer in a link: # ? /
    sjablonen.env.filters["in_woorden"] = in_woorden  # progress lines in plain Dutch, as on the command line
    sjablonen.env.globals.update(tekst=weergave.tekst, melding_rijen=weergave.melding_rijen, onveilig=onveilig)

    def toon(request, naam: str, status: int = 200, **context) -> HTMLResponse:
        return sjablonen.TemplateResponse(request, naam, {"ws": ws, "pad": request.url.path,
                                                          "csrf": getattr(request.state, "csrf", ""), **context},
                                          status_code=status)

    async def formulier(request, *, max_files: int = 0, max_fields: int = 10):
        """The posted form, after the CSRF token and the workspace's owner are checked."""
        try:
            form = await request.form(max_files=max_files, max_fields=max_fields + 1)
        except Exception:
            if request.scope.get(TE_GROOT):
                raise TeGroot() from None
            raise
        if request.scope.get(TE_GROOT):
            raise TeGroot()
        if not juiste_csrf(request, form.get("csrf")):
            raise Geweigerd("Dit verzoek komt niet van een pagina van plaatsing (de beveiligingscode ontbreekt of is "
                            "verlopen). Ga terug naar het begin en probeer het opnieuw.")
        sessie = getattr(request.state, "sessie", None)
        with ws.slot:
            if ws.eigenaar is None:
                ws.eigenaar = sessie
        if ws.eigenaar != sessie:
            raise Geweigerd("Deze pagina wordt al gebruikt vanuit een andere browser. Eén adviseur tegelijk werkt "
                            "met een scenario, zodat een uitkomst nooit bij een ander scenario terechtkomt; start "
                            "zelf 'plaatsing app' op uw eigen computer.")
        return form

    def start_taak(titel, functie, argumenten, volgende, klaar=None) -> RedirectResponse:
        taak = taken.start(titel, functie, argumenten, volgende=volgende, klaar=klaar)
        return RedirectResponse(f"/taak/{taak.id}", status_code=303)

    def nodig(plan: bool = True):
        if ws.scenario is None or (plan and ws.plan is None):
            return RedirectResponse("/" if ws.scenario is None else "/scenario", status_code=303)
        return None

    # --- scenario: choose, upload, template, validation ---------------------------------------------

    async def begin(request):
        keuzes = sorted(p.name for p in ws.scenariomap.glob("*.xlsx") if not p.name.startswith((".", "~$"))) \
            if ws.scenariomap and ws.scenariomap.is_dir() else []
        return toon(request, "start.html", keuzes=keuzes, fout=request.query_params.get("fout"))

    async def openen(request):
        try:
            if int(request.headers.get("content-length") or 0) > MAX_UPLOAD:
                return RedirectResponse("/?fout=groot", status_code=303)
            form = await formulier(request, max_files=1, max_fields=6)
        except (TeGroot, ValueError):
            return RedirectResponse("/?fout=groot", status_code=303)
        if ws.gekozen and form.get("verwerpen") != "ja":  # kept wat-als changes are not discarded unasked
            return RedirectResponse("/?fout=behouden", status_code=303)
        bestand, keuze = form.get("bestand"), form.get("keuze", "")
        # earlier uploads (refused ones too) go now; the open scenario's own file stays (wat-als checks read it)
        ruim_op(ws.werkmap / "invoer", behalve={ws.scenario_pad.parent} if ws.scenario_pad else set())
        doel_map = ws.werkmap / "invoer" / nieuwe_referentie()
        if getattr(bestand, "filename", ""):
            doel_map.mkdir(parents=True)
            pad = doel_map / veilige_naam(bestand.filename)
            await run_in_threadpool(_kopieer_upload, bestand.file, pad)
        elif keuze and ws.scenariomap and veilige_naam(keuze) == keuze and (ws.scenariomap / keuze).is_file():
            pad = ws.scenariomap / keuze
        else:
            return RedirectResponse("/?fout=geen", status_code=303)
        return start_taak(f"Scenario {pad.name} inlezen", werk.lees, (pad,), "/scenario",
                          klaar=lambda s: ws.zet_scenario(s, pad.name, pad))

    async def leeg_scenario(request):
        pad = ws.werkmap / "leeg-scenario.xlsx"
        await run_in_threadpool(werk.schrijf_leeg_scenario, pad)
        return FileResponse(pad, media_type=XLSX, filename="leeg-scenario.xlsx")

    def te_plaatsen():
        """The scenario a new solve starts from: with the kept wat-als changes (pins, parameters) when there are any;
        the pages say 'met uw wijzigingen', so a new solve must not silently drop them."""
        return ws.plan.scenario if ws.gekozen and ws.plan is not None else ws.scenario

    async def scenario(request, fout: str = "", status: int = 200):
        if (omleiding := nodig(plan=False)) is not None:
            return omleiding
        return toon(request, "scenario.html", status, s=ws.scenario, fout=fout, namen=PARAMETERS_WAT_ALS,
                    huidig=dict(te_plaatsen().parameters.als_rijen()))

    # --- solving and progress --------------------------------------------------------------------------

    async def oplossen(request):
        """Solve, with the time limit and the main parameters as set on the scenario page (issue 26)."""
        form = await formulier(request, max_fields=len(PARAMETERS_WAT_ALS) + 2)
        if (omleiding := nodig(plan=False)) is not None:
            return omleiding

        basis = te_plaatsen()
        huidig = dict(basis.parameters.als_rijen())
        wijzigingen = {n: str(form[n]).strip() for n in PARAMETERS_WAT_ALS
                       if n in form and str(form[n]).strip() != huidig.get(n, "")}
        try:
            s = basis.met_parameters(**wijzigingen) if wijzigingen else basis
            if wijzigingen and ws.scenario_pad is not None:  # the checks of the CLI's -p, as for a wat-als
                await run_in_threadpool(_controleer_parameters, ws.scenario_pad, wijzigingen)
        except ParameterFout as e:
            return await scenario(request, f"De waarde past niet: {e}.", 422)
        except InvoerFout as e:
            return await scenario(request, f"Met deze waarde kan het scenario niet worden gebruikt: "
                                           f"{invoerfout_tekst(e)}", 422)
        scenario_nr = ws.scenario_nr

        def bewaar(plan):
            if ws.scenario_nr == scenario_nr:  # another scenario was opened meanwhile: this plan is not its plan
                ws.zet_plan(plan)
        return start_taak("Plaatsen", werk.plaats, (s,), "/besluiten", klaar=bewaar)

    async def taak(request):
        t = _taak(request)
        return toon(request, "taak.html", taak=t, BEZIG=BEZIG)

    async def taak_status(request):
        t = _taak(request)
        antwoord = toon(request, "taak_status.html", taak=t, BEZIG=BEZIG)
        if t.status == KLAAR:
            antwoord.headers["HX-Redirect"] = t.volgende
        elif t.status != BEZIG:
            antwoord.headers["HX-Refresh"] = "true"  # the full page shows the outcome
        return antwoord

    async def taak_stop(request):
        await formulier(request)
        taken.stop(request.path_params["id"])
        return RedirectResponse(f"/taak/{request.path_params['id']}", status_code=303)

    def _taak(request):
        t = taken.get(request.path_params["id"])
        if t is None:
            raise HTTPException(404)
        return t

    # --- the decisions and one person --------------------------------------------------------------------

    async def besluiten(request):
        if (omleiding := nodig()) is not None:
            return omleiding
        f = weergave.Filter.uit_query(request.query_params)
        rijen = weergave.filter_besluiten(ws.plan.besluiten, f)
        return toon(request, "besluiten.html", f=f, rijen=rijen.head(weergave.RIJEN_PER_PAGINA).to_dict("records"),
                    aantal=len(rijen), kolommen=weergave.KOLOMMEN, eenheden=weergave.eenheden(ws.plan.besluiten),
                    uitkomsten=list(ws.plan.samenvatting()["uitkomst"]), som=weergave.samenvatting(ws.plan),
                    grafiek=weergave.uitkomsten_svg(ws.plan), max_rijen=weergave.RIJEN_PER_PAGINA)

    async def persoon(request):
        if (omleiding := nodig()) is not None:
            return omleiding
        nr = request.path_params["nr"]
        if nr not in ws.plan.scenario.medewerkers.index:
            gelijk = [p for p in ws.plan.scenario.medewerkers.index if str(p).casefold() == nr.casefold()]
            if len(gelijk) == 1:  # a0035 for A0035
                return RedirectResponse(f"/persoon/{quote(str(gelijk[0]), safe='')}", status_code=303)
            return toon(request, "melding.html", 404, titel="Medewerker niet gevonden",
                        tekst=f"Personeelsnummer '{nr}' staat niet in dit scenario. Controleer het nummer, of zoek de "
                              "medewerker in de lijst met besluiten.")
        if nr not in ws.uitleg:
            # A GET starts this work: only for this browser's own session (another site's link or <img> comes without
            # the SameSite cookie), once per person at a time, and not beyond MAX_TAKEN running tasks
            adres = f"/persoon/{quote(str(nr), safe='')}"
            taak_id, van_plan = ws.uitleg_taak.get(nr, ("", None))
            lopend = taken.get(taak_id)
            if lopend is not None and lopend.status == BEZIG and van_plan == ws.plan_nr:
                return RedirectResponse(f"/taak/{lopend.id}", status_code=303)
            if getattr(request.state, "sessie_nieuw", False):
                return toon(request, "melding.html", 200, titel=f"Uitleg voor {nr}",
                            tekst="Open de uitleg vanuit de lijst met besluiten.", link=adres, link_tekst="Uitleg maken")
            if taken.aantal_bezig() >= MAX_TAKEN:
                return toon(request, "melding.html", 503, titel="Even geduld",
                            tekst=f"Er lopen al {MAX_TAKEN} taken. Wacht tot een ervan klaar is en probeer het dan "
                                  "opnieuw.", link=adres, link_tekst="Opnieuw proberen")
            plan_nr = ws.plan_nr

            def bewaar(u):
                if ws.plan_nr == plan_nr:
                    ws.uitleg[nr] = u
            antwoord = start_taak(f"Uitleg voor {nr}", werk.leg_uit, (ws.plan.scenario, ws.plan.toewijzing, nr),
                                  adres, klaar=bewaar)
            ws.uitleg_taak[nr] = (antwoord.headers["location"].rsplit("/", 1)[-1], plan_nr)
            return antwoord
        rij = ws.plan.besluiten.set_index("personeelsnummer").loc[nr]
        h = ws.plan.herplaatsing  # regels.md §10: the open places examined for a boventallige
        return toon(request, "persoon.html", nr=nr, rij=rij, u=ws.uitleg[nr],
                    open_plaatsen=h[h["personeelsnummer"] == nr].to_dict("records"))

    # --- wat-als -----------------------------------------------------------------------------------------

    async def wat_als_formulier(request, fout: str = "", status: int = 200):
        if (omleiding := nodig()) is not None:
            return omleiding
        q = request.query_params
        s = ws.plan.scenario
        functies = [(c, r["functienaam"]) for c, r in s.nieuwe_functies.sort_index().iterrows()]
        huidig = dict(s.parameters.als_rijen())
        return toon(request, "wat_als.html", status, functies=functies, fout=fout, huidig=huidig,
                    namen=PARAMETERS_WAT_ALS, persoon=q.get("persoon", ""), functie=q.get("functie", ""))

    async def wat_als_start(request):
        if (omleiding := nodig()) is not None:
            return omleiding

        form = await formulier(request)
        persoon, functie = str(form.get("persoon", "")).strip(), str(form.get("functie", "")).strip()
        naam, waarde = str(form.get("parameter", "")).strip(), str(form.get("waarde", "")).strip()
        toelichting = " ".join(str(form.get("toelichting", "")).split())
        s = ws.plan.scenario
        vastzetten = {persoon: functie} if persoon or functie else {}
        parameters = {naam: waarde} if naam and waarde else {}
        if not vastzetten and not parameters:
            return await wat_als_formulier(request, "Kies een medewerker en een functie, of een parameter met een "
                                                    "nieuwe waarde.", 422)
        if vastzetten and not (persoon and functie):
            return await wat_als_formulier(request, "Vul bij vastzetten zowel het personeelsnummer als de functie in.", 422)
        try:
            if parameters:
                s.met_parameters(**parameters)
            if vastzetten:
                met_vastzettingen(s, vastzetten)
            if parameters and ws.scenario_pad is not None:  # the checks of the CLI's -p (ages at a peildatum, …)
                await run_in_threadpool(_controleer_parameters, ws.scenario_pad, parameters)
        except ParameterFout as e:
            return await wat_als_formulier(request, f"De waarde past niet: {e}.", 422)
        except InvoerFout as e:
            return await wat_als_formulier(request, invoerfout_tekst(e), 422)
        delen = [f"{persoon} vast in {functie}"] if vastzetten else []
        delen += [f"{naam} = {waarde}"] if parameters else []
        plan_nr = ws.plan_nr

        def bewaar(uitkomst):
            if ws.plan_nr == plan_nr:
                ws.wat_als, ws.wat_als_omschrijving = uitkomst, ", ".join(delen)
        redenen = {persoon: toelichting} if vastzetten and toelichting else {}
        return start_taak("Wat-als: " + ", ".join(delen), werk.bereken_wat_als,
                          (s, ws.plan, vastzetten, parameters, redenen), "/wat-als/resultaat", klaar=bewaar)

    async def wat_als_resultaat(request):
        if (omleiding := nodig()) is not None:
            return omleiding
        if ws.wat_als is None:
            return RedirectResponse("/wat-als", status_code=303)
        return toon(request, "wat_als_resultaat.html", w=ws.wat_als, verschil=weergave.verschil_rijen(ws.wat_als.verschil),
                    kosten=weergave.kosten_rijen(ws.wat_als.kosten), omschrijving=ws.wat_als_omschrijving)

    async def wat_als_besluit(request):
        await formulier(request)
        if ws.wat_als is not None and request.path_params["keuze"] == "behouden":
            uitkomst, omschrijving = ws.wat_als, ws.wat_als_omschrijving
            ws.zet_plan(uitkomst.nieuw)
            ws.gekozen.append(omschrijving)
            ws.verschil = uitkomst.verschil
        else:
            ws.wat_als = None
        return RedirectResponse("/besluiten", status_code=303)

    # --- downloads ---------------------------------------------------------------------------------------

    async def downloads(request):
        if (omleiding := nodig()) is not None:
            return omleiding
        return toon(request, "downloads.html", documenten=sorted(ws.documenten))

    async def download_besluiten(request):
        if (omleiding := nodig()) is not None:
            return omleiding
        naam = f"{ws.stam}-besluiten.xlsx"
        pad = await run_in_threadpool(werk.schrijf_besluiten_bestand, ws.plan, ws.map_voor("besluiten") / naam)
        return FileResponse(pad, media_type=XLSX, filename=naam)

    async def download_verschil(request):
        verschil = ws.wat_als.verschil if ws.wat_als is not None else ws.verschil
        if verschil is None:
            return RedirectResponse("/downloads", status_code=303)
        pad = await run_in_threadpool(werk.schrijf_verschil, verschil, ws.map_voor("verschil") / "verschil.xlsx")
        return FileResponse(pad, media_type=XLSX, filename=f"{ws.stam}-verschil.xlsx")

    async def maak(request):
        if (omleiding := nodig()) is not None:
            return omleiding
        await formulier(request)
        soort, plan_nr = request.path_params["soort"], ws.plan_nr

        def registreer(paden):
            if ws.plan_nr == plan_nr:
                ws.documenten.update({Path(p).name: Path(p) for p in (paden if isinstance(paden, list) else [paden])})
        if soort == "bijlage":
            return start_taak("OR-bijlage maken", werk.schrijf_bijlage, (ws.plan, ws.map_voor("bijlage"), ws.stam),
                              "/downloads", klaar=registreer)
        if soort == "brieven":
            zip_pad = ws.map_voor("zip") / f"{ws.stam}-brieven.zip"
            return start_taak("Brieven maken", werk.schrijf_brieven_zip,
                              (ws.plan, ws.map_voor("brieven"), zip_pad, dt.date.today()), "/downloads", klaar=registreer)
        raise HTTPException(404)

    async def download_document(request):
        pad = ws.documenten.get(request.path_params["naam"])  # only files this app made: no path from the URL
        if pad is None or not pad.is_file():
            raise HTTPException(404)
        return FileResponse(pad, filename=pad.name)

    # --- access token, errors -------------------------------------------------------------------------------

    async def toegang(request):
        fout = False
        if request.method == "POST":
            form = await request.form(max_files=0, max_fields=3)
            if not juiste_csrf(request, form.get("csrf")):
                raise Geweigerd("Dit verzoek komt niet van een pagina van plaatsing; vul de code opnieuw in.")
            if token and toegang_middleware.juist(str(form.get("code", ""))):
                antwoord = RedirectResponse("/", status_code=303)
                antwoord.set_cookie(COOKIE, token, httponly=True, samesite="strict",
                                    secure=request.url.scheme == "https")
                return antwoord
            fout = True
        return toon(request, "toegang.html", 401 if fout else 200, fout=fout)

    async def niet_gevonden(request, exc):
        status = getattr(exc, "status_code", 404)
        if isinstance(exc, Geweigerd):
            return toon(request, "melding.html", 403, titel="Niet mogelijk", tekst=exc.detail)
        if isinstance(exc, TeGroot):
            return toon(request, "melding.html", 413, titel="Te groot",
                        tekst=f"Dit bestand is groter dan {MAX_UPLOAD // (1024 * 1024)} MB; zo groot is een scenario niet.")
        if status == 404:
            return toon(request, "melding.html", 404, titel="Niet gevonden",
                        tekst="Deze pagina bestaat niet (meer). Ga terug naar het begin of kies een scherm in het menu.")
        if status == 405:
            return toon(request, "melding.html", 405, titel="Niet mogelijk",
                        tekst="Deze pagina kan zo niet worden gebruikt. Ga terug naar het begin of kies een scherm in "
                              "het menu.")
        # 400: a form with more fields or files than the page has (starlette's limits in `formulier`)
        return toon(request, "melding.html", status, titel="Niet mogelijk",
                    tekst="Dit formulier kon niet worden verwerkt: het bevat andere gegevens dan de pagina verstuurt "
                          "(bijvoorbeeld meer dan één bestand). Ga terug en probeer het opnieuw.")

    async def intern(request, exc):
        referentie = nieuwe_referentie()
        plaatsen = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
                             for f in traceback.extract_tb(exc.__traceback__))
        log.error("interne fout %s bij %s %s: %s in %s", referentie, request.method, request.url.path,
                  type(exc).__name__, plaatsen)  # no exception text: it may quote personal data
        return toon(request, "fout.html", 500, referentie=referentie)

    routes = [
        Route("/", begin), Route("/openen", openen, methods=["POST"]), Route("/leeg-scenario.xlsx", leeg_scenario),
        Route("/scenario", scenario), Route("/oplossen", oplossen, methods=["POST"]),
        Route("/taak/{id}", taak), Route("/taak/{id}/status", taak_status),
        Route("/taak/{id}/stop", taak_stop, methods=["POST"]),
        Route("/besluiten", besluiten), Route("/persoon/{nr:path}", persoon),
        Route("/wat-als", wat_als_formulier), Route("/wat-als", wat_als_start, methods=["POST"]),
        Route("/wat-als/resultaat", wat_als_resultaat),
        Route("/wat-als/{keuze:str}", wat_als_besluit, methods=["POST"]),
        Route("/downloads", downloads), Route("/download/besluiten.xlsx", download_besluiten),
        Route("/download/verschil.xlsx", download_verschil), Route("/maak/{soort}", maak, methods=["POST"]),
        Route("/download/bestand/{naam}", download_document),
        Route("/toegang", toegang, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=str(HIER / "static")), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Toegang, token=token, poort_hosts=hosts)],
                    exception_handlers={HTTPException: niet_gevonden, TeGroot: niet_gevonden, Exception: intern})
    toegang_middleware = Toegang(None, token=token, poort_hosts=None)  # for comparing the code
    app.state.werkruimte, app.state.taken = ws, taken
    return _Vangnet(app)


def _kopieer_upload(bron, pad: Path) -> None:
    bron.seek(0)
    with pad.open("wb") as doel:
        shutil.copyfileobj(bron, doel, 1 << 20)


def _controleer_parameters(pad: Path, parameters: dict) -> None:
    read_scenario(pad, parameters=parameters)


class _Vangnet:
    """Outermost layer: Starlette re-raises an error after its handler has sent the polite page, so
    that the server would print the traceback, exception text (a name?) included; here it ends.
    It also counts the request body while it is read: past MAX_UPLOAD the reading stops (TeGroot)."""

    def __init__(self, app: Starlette):
        self.app, self.state = app, app.state

    async def __call__(self, scope, receive, send):
        gelezen = 0

        async def begrensd():
            nonlocal gelezen
            if scope.get(TE_GROOT):
                return {"type": "http.request", "body": b"", "more_body": False}
            bericht = await receive()
            gelezen += len(bericht.get("body", b""))
            if gelezen > MAX_UPLOAD:  # stop reading: the form parser sees the end, the endpoint the mark
                scope[TE_GROOT] = True
                return {"type": "http.request", "body": b"", "more_body": False}
            return bericht
        try:
            await self.app(scope, begrensd if scope["type"] == "http" else receive, send)
        except Exception:  # noqa: BLE001 - already logged with its reference by `intern`
            pass
