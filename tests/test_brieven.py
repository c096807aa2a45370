"""Letters from Word templates: the right letter per decision, edited templates, legal basis and route."""
from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from plaatsing import read_scenario, solve
from plaatsing.uitvoer.brieven import VELDEN, aanhef
from plaatsing.regels.rechtsgrond import BESCHRIJVING, REGEL_ID
from plaatsing.uitvoer.excel import schrijf_besluiten
from plaatsing.uitvoer.sjablonen.maak import MAP, BRIEFSOORTEN, maak_sjabloon
from cli_hulp import draai

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"
DATUM = "2018-11-01"



def tekst(pad: Path) -> str:
    return "\n".join(p.text for p in Document(pad).paragraphs)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("brieven")
    s = read_scenario(DEMO)
    plan = solve(s)
    besluiten = schrijf_besluiten(plan, map_ / "almelo-2018-besluiten.xlsx")
    uit = draai("brieven", DEMO, besluiten, "--map", map_ / "standaard", "--datum", DATUM)
    assert uit.exit_code == 0, uit.output
    assert uit.stdout == f"300 brieven geschreven in {map_ / 'standaard'}\n"  # progress goes to stderr
    return s, plan.besluiten.set_index("personeelsnummer"), map_, besluiten


def brief(map_: Path, nummer: str) -> Path:
    gevonden = sorted(map_.glob(f"{nummer}-*.docx"))
    assert len(gevonden) == 1, gevonden
    return gevonden[0]


def eerste(b, uitkomst: str) -> str:
    return b[b["uitkomst"] == uitkomst].index[0]


@pytest.mark.traag
def test_elk_soort_besluit_is_een_meegeleverd_word_sjabloon_dat_reproduceerbaar_is():
    def inhoud(doc):
        return [(p.style.name, p.text, p.paragraph_format.keep_with_next, p.paragraph_format.keep_together)
                for p in doc.paragraphs]

    for naam in BRIEFSOORTEN:
        pad = MAP / f"{naam}.docx"
        assert pad.exists(), naam
        assert maak_sjabloon(naam) == maak_sjabloon(naam)          # byte-identical on every run
        assert inhoud(Document(pad)) == inhoud(Document(io.BytesIO(maak_sjabloon(naam)))), \
            f"{naam}.docx wijkt af van plaatsing/uitvoer/sjablonen/maak.py; draai python -m plaatsing.uitvoer.sjablonen.maak"
    assert set(BRIEFSOORTEN) == {"plaatsingsbesluit-functievolger", "plaatsingsbesluit-passend", "plaatsingsbesluit-passend-lager",
                            "plaatsingsbesluit-geschikt", "plaatsingsbesluit-vastgezet", "besluit-boventalligheid",
                            "besluit-einde-tijdelijk-contract"}


@pytest.mark.traag
def test_juiste_brief_per_uitkomst(demo):
    _s, b, map_, _ = demo
    d = map_ / "standaard"
    assert len(list(d.glob("*.docx"))) == 300
    assert all(p.name.startswith("A") for p in d.iterdir() if p.name != "plaatsing-brieven.json")
    boventallig = eerste(b, "boventallig")
    pad = brief(d, boventallig)
    assert pad.name == f"{boventallig}-voorgenomen-besluit-boventalligheid.docx"
    t = tekst(pad)
    assert "Betreft: Voorgenomen besluit boventalligheid" in t and "herplaatsingskandidaat" in t
    assert "van-werk-naar-werkperiode begint op de dag waarop het definitieve besluit ingaat" in t
    assert "Voorgenomen plaatsingsbesluit" not in t
    tijdelijk = eerste(b, "niet geplaatst (tijdelijk)")
    t = tekst(brief(d, tijdelijk))
    assert brief(d, tijdelijk).name.endswith("-voorgenomen-besluit-einde-tijdelijk-contract.docx")
    assert "U hebt een tijdelijke arbeidsovereenkomst" in t and "niet boventallig verklaard" in t
    t = tekst(brief(d, eerste(b, "passend lager")))
    assert "Betreft: Voorgenomen plaatsingsbesluit" in t and "salarisgarantie" in t and "U houdt uw huidige salaris" in t
    t = tekst(brief(d, eerste(b, "geschikt")))
    assert "onder de voorwaarde dat u de scholing volgt" in t
    t = tekst(brief(d, eerste(b, "vastgezet")))
    assert "Over uw plaatsing is al eerder een besluit genomen" in t
    t = tekst(brief(d, eerste(b, "functievolger")))
    assert "u bent functievolger ('mens volgt functie')" in t


@pytest.mark.traag
def test_hogere_schaal_noemt_het_salarisgevolg(demo):
    s, b, map_, _ = demo
    hoger = b[(b["nieuwe_schaal"].notna()) & (b["nieuwe_schaal"].astype(float) > b["schaal"].astype(float))]
    nummer = hoger.index[0]
    oud, nieuw = int(b.at[nummer, "schaal"]), int(b.at[nummer, "nieuwe_schaal"])
    salaris = s.salaristabel["maandsalaris"]
    t = tekst(brief(map_ / "standaard", nummer))
    assert f"ingedeeld in schaal {nieuw}, hoger dan uw eigen schaal {oud}" in t
    assert f"{round(salaris[nieuw]):,}".replace(",", ".") in t and f"{round(salaris[oud]):,}".replace(",", ".") in t
    gelijk = b[b["nieuwe_schaal"].astype(float) == b["schaal"].astype(float)].index[0]
    assert "Uw salaris verandert niet" in tekst(brief(map_ / "standaard", gelijk))


@pytest.mark.traag
def test_functietitels_aanhef_en_geen_interne_codes(demo):
    s, b, map_, _ = demo
    codes = set(s.oude_functies.index) | set(s.nieuwe_functies.index)
    for nummer in [*b[b["uitkomst"] != "functievolger"].index, *b.index[:20]]:
        t = tekst(brief(map_ / "standaard", nummer))
        assert not any(c in t for c in codes), nummer
        assert not re.search(REGEL_ID, t), (nummer, re.findall(REGEL_ID, t))
        assert "{{" not in t and "}}" not in t
        assert f"Huidige functie: {s.oude_functies.at[s.medewerkers.at[nummer, 'functie'], 'functienaam']}" in t
        naam, geslacht = s.medewerkers.at[nummer, "naam"], s.medewerkers.at[nummer, "geslacht"]
        assert f"{aanhef(naam, geslacht)}," in t
    man = s.medewerkers[s.medewerkers["geslacht"] == "M"].index[0]
    x = s.medewerkers[s.medewerkers["geslacht"] == "X"].index[0]
    assert aanhef("Jan ter Horst", "M") == "Geachte heer Ter Horst"
    assert aanhef("Ria Jansen", "V") == "Geachte mevrouw Jansen" and aanhef("Robin Gerritsen", "X") == "Geachte Robin Gerritsen"
    assert "Geachte heer " in tekst(brief(map_ / "standaard", man))
    assert f"Geachte {s.medewerkers.at[x, 'naam']}," in tekst(brief(map_ / "standaard", x))


@pytest.mark.traag
def test_rechtsmiddel_kiest_de_route_en_ondertekening(demo, tmp_path):
    _s, b, map_, besluiten = demo
    nummer = eerste(b, "passend")
    t = tekst(brief(map_ / "standaard", nummer))
    assert "geschillencommissie" in t and "kantonrechter" in t and "bezwaar maken" not in t
    assert "namens het college van burgemeester en wethouders van Voorbeeldstad," in t
    uit = draai("brieven", DEMO, besluiten, "--map", tmp_path, "--datum", DATUM, "-p", "rechtsmiddel=bezwaar",
                "-p", "ondertekening=namens het college, de gemeentesecretaris van Almelo", "-m", nummer)
    assert uit.exit_code == 0, uit.output
    assert uit.output.endswith(f"1 brief geschreven in {tmp_path}\n") and len(list(tmp_path.glob("*.docx"))) == 1
    t = tekst(brief(tmp_path, nummer))
    assert "bezwaar maken bij het college van burgemeester en wethouders (artikel 6:7 van de Algemene wet bestuursrecht)" in t
    assert "geschillencommissie" not in t and "namens het college, de gemeentesecretaris van Almelo" in t
    fout = draai("brieven", DEMO, besluiten, "--map", tmp_path / "x", "-p", "rechtsmiddel=beroep")
    assert fout.exit_code == 2 and "rechtsmiddel" in fout.output and "bezwaar of geschillencommissie" in fout.output


@pytest.mark.traag
def test_met_de_hand_gewijzigde_motivering_wordt_gemeld_en_niet_in_de_brief_gezet(demo, tmp_path):
    """A letter states what follows from the plan; a motivering edited in the workbook is named, not used."""
    _s, b, map_, besluiten = demo
    nummer = eerste(b, "passend")
    wb = openpyxl.load_workbook(besluiten)
    ws = wb["Plaatsingsbesluiten"]
    kop = [c.value for c in ws[1]]
    rij = next(r for r in ws.iter_rows(min_row=2) if str(r[kop.index("personeelsnummer")].value) == nummer)
    rij[kop.index("motivering")].value = "De PAC heeft geadviseerd u hier te plaatsen."
    gewijzigd = tmp_path / "gewijzigd.xlsx"
    wb.save(gewijzigd)
    geweigerd = draai("brieven", DEMO, gewijzigd, "--map", tmp_path / "brieven", "--datum", DATUM, "-m", nummer)
    assert geweigerd.exit_code == 1 and "geef --toch op" in geweigerd.stderr  # the seal is broken (issue 27)
    uit = draai("brieven", DEMO, gewijzigd, "--map", tmp_path / "brieven", "--datum", DATUM, "-m", nummer, "--toch")
    assert uit.exit_code == 0, uit.output
    eerste_regel, tweede_regel = uit.stderr.splitlines()[:2]
    assert eerste_regel.startswith("Let op: 'gewijzigd.xlsx': het bestand is na het schrijven gewijzigd")
    assert tweede_regel.startswith(f"Let op: bij 1 besluit staat in het werkboek een andere motivering dan uit het "
                                   f"plan volgt (personeelsnummer {nummer}). De brieven gebruiken de motivering uit het plan")
    assert "blad Adviezen" in uit.stderr
    t = tekst(brief(tmp_path / "brieven", nummer))
    assert "De PAC heeft geadviseerd" not in t
    assert t == tekst(brief(map_ / "standaard", nummer))


@pytest.mark.traag
def test_eigen_sjabloon_zin_gewijzigd_en_plaatshouder_verplaatst(demo, tmp_path):
    s, b, _map, besluiten = demo
    sjablonen = tmp_path / "sjablonen"
    uit = draai("brieven", "--sjablonen-uitpakken", sjablonen)
    assert uit.exit_code == 0, uit.output
    assert sorted(p.name for p in sjablonen.iterdir()) == sorted([*(f"{n}.docx" for n in BRIEFSOORTEN), "briefhoofd.json"])
    assert draai("brieven", "--sjablonen-uitpakken", sjablonen).exit_code == 2  # never overwritten silently
    pad = sjablonen / "plaatsingsbesluit-passend.docx"
    doc = Document(pad)
    alineas = doc.paragraphs
    inleiding = next(p for p in alineas if p.text.startswith("Zoals u weet"))
    for stuk in inleiding.runs[1:]:
        stuk.text = ""
    inleiding.runs[0].text = "Onze gemeente krijgt een nieuwe organisatie; hieronder staat wat dat voor u betekent."
    nummer_alinea = next(p for p in alineas if p.text == "Personeelsnummer: {{ personeelsnummer }}")
    nummer_alinea.runs[0].text = "Uw dossier bij P&O"
    betreft = next(p for p in alineas if p.text.startswith("Betreft:"))
    betreft.add_run(" (personeelsnummer {{ personeelsnummer }})")
    doc.save(pad)
    nummer = eerste(b, "passend")
    uit = draai("brieven", DEMO, besluiten, "--map", tmp_path / "uit", "--datum", DATUM, "--sjablonen", sjablonen,
                "-m", nummer, "-m", eerste(b, "functievolger"))
    assert uit.exit_code == 0, uit.output
    t = tekst(brief(tmp_path / "uit", nummer))
    assert "Onze gemeente krijgt een nieuwe organisatie; hieronder staat wat dat voor u betekent." in t
    assert "Zoals u weet" not in t and "Personeelsnummer:" not in t
    assert f"Betreft: Voorgenomen plaatsingsbesluit (personeelsnummer {nummer})" in t
    assert "{{" not in t and "}}" not in t and "{%" not in t
    mw = s.medewerkers.loc[nummer]
    nieuw = s.nieuwe_functies.loc[b.at[nummer, "nieuwe_functie"]]
    for waarde in (mw["naam"], aanhef(mw["naam"], mw["geslacht"]), "01-11-2018", nieuw["functienaam"], nieuw["eenheid"],
                   f"Schaal: {int(nieuw['schaal'])}", "Uitkomst: passend", "drs. A. de Vries", "gemeentesecretaris",
                   "Dit besluit berust op het sociaal statuut", "geschillencommissie", "Gemeente Voorbeeldstad"):
        assert str(waarde) in t, waarde
    # the other letter types still come from the defaults
    assert "Zoals u weet" in tekst(brief(tmp_path / "uit", eerste(b, "functievolger")))


@pytest.mark.traag
def test_sjabloon_met_onbekende_plaatshouder_wordt_geweigerd(demo, tmp_path):
    _s, _b, _map, besluiten = demo
    sjablonen = tmp_path / "s"
    sjablonen.mkdir()
    doc = Document(MAP / "besluit-boventalligheid.docx")
    doc.add_paragraph("Uw salarisschaal: {{ salarisschaal }}")
    doc.save(sjablonen / "besluit-boventalligheid.docx")
    (sjablonen / "plaatsingsbesluit-passend.docx").write_bytes(b"geen word")
    uit = draai("brieven", DEMO, besluiten, "--map", tmp_path / "uit", "--sjablonen", sjablonen)
    assert uit.exit_code == 1
    assert "de sjablonen kunnen niet worden gebruikt; er is niets geschreven." in uit.output
    assert "besluit-boventalligheid.docx: de plaatshouder {{ salarisschaal }} kent plaatsing niet; bekend zijn: naam," in uit.output
    assert "plaatsingsbesluit-passend.docx: dit is geen Word-document (.docx)" in uit.output
    assert not (tmp_path / "uit").exists() or not list((tmp_path / "uit").iterdir())
    assert "Traceback" not in uit.output


@pytest.mark.traag
def test_rechtsgrond_blad_laat_de_brieven_artikelen_citeren(demo, tmp_path):
    _s, b, _map, besluiten = demo
    boek = openpyxl.load_workbook(DEMO)
    ws = boek.create_sheet("Rechtsgrond")
    ws.append(["regel", "artikel", "tekst"])
    ws.append(["SS-1", "artikel 23:1:3:3 lid 1", "mens volgt functie"])
    ws.append(["O1", "artikel 23:1:3:7", None])
    scenario = tmp_path / "almelo-rechtsgrond.xlsx"
    boek.save(scenario)
    s2 = read_scenario(scenario)
    assert s2.rechtsgrond["artikel"].tolist() == ["artikel 23:1:3:3 lid 1", "artikel 23:1:3:7"]
    besluiten = schrijf_besluiten(solve(s2), tmp_path / "almelo-rechtsgrond-besluiten.xlsx")  # same plan, own sha256
    uit = draai("brieven", scenario, besluiten, "--map", tmp_path / "uit", "--datum", DATUM,
                "-m", eerste(b, "functievolger"), "-m", eerste(b, "boventallig"))
    assert uit.exit_code == 0, uit.output
    t = tekst(brief(tmp_path / "uit", eerste(b, "functievolger")))
    assert "Dit besluit berust op het sociaal statuut: artikel 23:1:3:3 lid 1 (mens volgt functie)" in t
    assert "(artikel 23:1:3:3 lid 1)" in t   # also in the motivering, instead of the rule ID
    t = tekst(brief(tmp_path / "uit", eerste(b, "boventallig")))
    assert f"artikel 23:1:3:7 ({BESCHRIJVING['O1']})" in t
    # without the sheet: a plain description, never a bare rule ID
    t = tekst(brief(_map / "standaard", eerste(b, "functievolger")))
    assert BESCHRIJVING["SS-1"] in t and "artikel 23" not in t
    ws.append(["SS-9", "artikel 1", None])
    boek.save(scenario)
    fout = draai("valideer", scenario)
    assert fout.exit_code == 1
    assert "Rechtsgrond, rij 4, kolom A (regel): 'SS-9' is geen regel uit docs/regels.md" in fout.output


def test_template_heeft_het_blad_rechtsgrond_en_de_nieuwe_parameters(tmp_path):
    assert draai("template", tmp_path / "leeg.xlsx").exit_code == 0
    boek = openpyxl.load_workbook(tmp_path / "leeg.xlsx")
    assert [c.value for c in boek["Rechtsgrond"][1]] == ["regel", "artikel", "tekst"]
    parameters = {r[0]: r[1] for r in boek["Parameters"].iter_rows(min_row=2, values_only=True)}
    assert parameters["rechtsmiddel"] == "geschillencommissie" and "ondertekening" in parameters
    lijsten = [dv.formula1 for dv in boek["Rechtsgrond"].data_validations.dataValidation]
    assert any("SS-1" in f and "SEL-B" in f for f in lijsten)
    teksten = [dv.error for ws in boek for dv in ws.data_validations.dataValidation if dv.error]
    assert teksten and not any("shared" in t for t in teksten)


def test_alle_plaatshouders_staan_in_de_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for veld in VELDEN:
        assert f"`{veld}`" in readme, veld


def _samenvoegen(paden: list[Path], doel: Path) -> None:
    """All letters in one document, each on new pages, to convert them with one LibreOffice call."""
    from docx.enum.text import WD_BREAK

    hoofd = Document(paden[0])
    lichaam = hoofd.element.body
    for pad in paden[1:]:
        hoofd.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        for element in Document(pad).element.body:
            if not element.tag.endswith("sectPr"):
                lichaam.insert(len(lichaam) - 1, copy.deepcopy(element))
    hoofd.save(doel)


@pytest.mark.traag
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice en poppler zijn niet geïnstalleerd (CI installeert ze)")
def test_libreoffice_drie_brieven_en_ondertekening_nooit_gesplitst(demo, tmp_path):
    s, b, map_, _ = demo
    d = map_ / "standaard"
    drie = [brief(d, eerste(b, u)) for u in ("passend lager", "boventallig", "niet geplaatst (tijdelijk)")]
    alle = sorted(d.glob("*.docx"))
    _samenvoegen(alle, tmp_path / "alle-brieven.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *map(str, drie), str(tmp_path / "alle-brieven.docx")], check=True, capture_output=True, timeout=600)
    for pad, kop in zip(drie, ("Voorgenomen plaatsingsbesluit", "Voorgenomen besluit boventalligheid",
                               "Voorgenomen besluit over uw tijdelijke arbeidsovereenkomst")):
        pdf = tmp_path / f"{pad.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        inhoud = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert kop in inhoud
    inhoud = subprocess.run(["pdftotext", str(tmp_path / "alle-brieven.pdf"), "-"], capture_output=True, text=True,
                            check=True).stdout
    paginas = inhoud.split("\f")
    met_groet = [p for p in paginas if "Met vriendelijke groet," in p]
    assert len(met_groet) == 300
    for pagina in met_groet:   # the whole signature block on the page of the greeting
        assert "namens het college van burgemeester en wethouders van Voorbeeldstad," in pagina
        assert "drs. A. de Vries" in pagina and "gemeentesecretaris" in pagina
    assert sum("drs. A. de Vries" in p for p in paginas) == 300


def test_voorkeur_verwijst_alleen_naar_de_motivering_als_die_hem_uitlegt():
    # found by a run: "Die voorkeur is niet gehonoreerd; hierboven leest u waarom" while the motivering said nothing
    # about that function (a geschikt wish beside a T1 place is not one of the better options it explains)
    from types import SimpleNamespace

    import pandas as pd

    from plaatsing.uitvoer.briefinhoud import voorkeur

    s = SimpleNamespace(medewerkers=pd.DataFrame({"voorkeur_1": ["N-NEW"]}, index=["P09"]))
    r = SimpleNamespace(personeelsnummer="P09", nieuwe_functie="N1", motivering="U wordt geplaatst in N1 Adviseur.")
    zonder = voorkeur(s, r, lambda code: f"{code} (naam)")
    assert zonder.startswith("Uw eerste voorkeur was de functie N-NEW (naam). Die voorkeur is niet gehonoreerd. ")
    assert "hierboven" not in zonder
    r.motivering = "U wordt geplaatst in N1 Adviseur. Voor N-NEW Nieuw (Team, schaal 9) gaan anderen voor u."
    assert "Die voorkeur is niet gehonoreerd; hierboven leest u waarom." in voorkeur(s, r, lambda code: code)
    r.motivering = "Voor N-NEW2 gaan anderen voor u."  # another code that merely starts the same
    assert "hierboven" not in voorkeur(s, r, lambda code: code)
    # 'passend' says what it rests on, no claims about opleiding or ervaring that no data holds
    assert not any("opleiding en uw ervaring" in alinea for _titel, alineas, *_ in BRIEFSOORTEN.values()
                   for alinea in alineas)
