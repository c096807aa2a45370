"""The work the page asks for, run in a separate process by taken.Taken: each function only calls the
library API that the CLI and notebooks use (read_scenario, solve, uitleg, wat_als, rapport, brieven)."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from plaatsing.plannen.inlezen import read_scenario
from plaatsing.plannen.maken import herbouw_plan, solve
from plaatsing.plannen.wat_als import wat_als, weiger_variant
from plaatsing.regels.kandidaten import bepaal_kandidaten
from plaatsing.uitleg.verklaring import uitleg
from plaatsing.uitvoer.brieven import lees_sjablonen, schrijf_brieven
from plaatsing.uitvoer.excel import atomair, bewaar, nieuw_werkboek, schrijf_besluiten, schrijf_tabel
from plaatsing.uitvoer.rapport import identiteit, schrijf_rapport, sha256_besluiten
from plaatsing.uitvoer.template import schrijf_template

ZIP_TIJDSTIP = (2000, 1, 1, 0, 0, 0)  # the same letters give the same zip (F5)


def lees(pad: Path, *, voortgang) -> object:
    voortgang("scenario inlezen en controleren")
    s = read_scenario(pad)
    voortgang(f"ingelezen: {len(s.medewerkers)} medewerkers, {len(s.oude_functies)} oude en "
              f"{len(s.nieuwe_functies)} nieuwe functies")
    return s


def plaats(scenario, *, voortgang) -> object:
    voortgang(f"plaatsen van {len(scenario.medewerkers)} medewerkers (tijdslimiet "
              f"{scenario.parameters.tijdslimiet:g} s)")
    plan = solve(scenario, voortgang=voortgang)
    voortgang(f"toets: {'geen schendingen' if plan.toets.empty else str(len(plan.toets)) + ' schendingen'}")
    return plan


def leg_uit(scenario, toewijzing: dict, persoon: str, *, voortgang) -> dict:
    voortgang(f"uitleg voor {persoon}: voor elke betere functie wordt nagerekend waarom niet")
    return uitleg(herbouw_plan(scenario, toewijzing), persoon)


def bereken_wat_als(scenario, basis, vastzetten: dict, parameters: dict, toelichtingen: dict | None = None, *,
                    voortgang) -> object:
    voortgang("opnieuw plaatsen met de wijziging")
    uitkomst = wat_als(basis if basis is not None else solve(scenario), vastzetten=vastzetten, parameters=parameters,
                       toelichtingen=toelichtingen)
    voortgang(f"klaar: {len(uitkomst.verschil)} medewerkers met een andere plaatsing")
    return uitkomst


def schrijf_bijlage(plan, map_: Path, naam: str, *, voortgang) -> list[Path]:
    weiger_variant(plan.scenario, "De OR-bijlage")
    voortgang("OR-bijlage maken (Word en Excel)")
    map_.mkdir(parents=True, exist_ok=True)
    s = plan.scenario
    uitkomsten = dict(zip(plan.besluiten["personeelsnummer"], plan.besluiten["uitkomst"]))
    # the bijlage names the besluiten it describes: the same workbook as the download besluiten.xlsx
    (map_ / "besluiten").mkdir(exist_ok=True)
    besluiten = schrijf_besluiten_bestand(plan, map_ / "besluiten" / f"{naam}-besluiten.xlsx")
    plan_id = identiteit(plan, besluiten.name, sha256_besluiten(besluiten))
    return list(schrijf_rapport(s, plan.toewijzing, uitkomsten, bepaal_kandidaten(s), map_, naam, overschrijf=True,
                                plan=plan_id))


def schrijf_brieven_zip(plan, map_: Path, zip_pad: Path, datum: dt.date, *, voortgang) -> Path:
    weiger_variant(plan.scenario, "Een brief")
    voortgang(f"{len(plan.besluiten)} brieven maken")
    paden = schrijf_brieven(plan.scenario, plan.besluiten, map_, sjablonen=lees_sjablonen(), datum=datum, overschrijf=True)
    voortgang("brieven inpakken in één zip-bestand")
    with atomair(zip_pad) as tijdelijk:
        with zipfile.ZipFile(tijdelijk, "w", zipfile.ZIP_DEFLATED) as zip_:
            for pad in sorted(paden):
                info = zipfile.ZipInfo(pad.name, ZIP_TIJDSTIP)
                info.compress_type = zipfile.ZIP_DEFLATED
                zip_.writestr(info, pad.read_bytes())
    return zip_pad


def schrijf_besluiten_bestand(plan, pad: Path) -> Path:
    return schrijf_besluiten(plan, pad, overschrijf=True)


def schrijf_verschil(verschil, pad: Path) -> Path:
    """The same workbook as `plaatsing vergelijk --uitvoer`: one sheet Verschil."""
    boek = nieuw_werkboek(alleen_schrijven=True)
    schrijf_tabel(boek, "Verschil", verschil)
    with atomair(pad) as tijdelijk:
        bewaar(boek, tijdelijk)
    return pad


def schrijf_leeg_scenario(pad: Path) -> Path:
    return schrijf_template(pad, overschrijf=True)
