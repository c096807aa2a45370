"""The scenario workbook of a variant: a copy of the original workbook in which only what the
variant changes is rewritten (Parameters, formatie_fte in Nieuwe functies, the voorkeuren in
Medewerkers). Every other sheet, column and cell stays as P&O made it, so that a saved variant
goes on to `toets`, `rapport` and `brieven` like any scenario with its besluiten."""
from __future__ import annotations

from pathlib import Path

from plaatsing.invoer import contract as schema
from plaatsing.invoer.contract import VOORKEUR_KOLOMMEN
from plaatsing.invoer.lezen import Lezer
from plaatsing.invoer.werkboek import open_werkboek
from plaatsing.scenario import Scenario
from plaatsing.uitvoer.excel import atomair, controleer_uitvoer
from plaatsing.waarden import kopsleutel


class ScenarioKopie:
    """The original workbook, opened once; `schrijf` saves a variant of it and undoes the change."""

    def __init__(self, bron: Path):
        import openpyxl

        self.bron = Path(bron)
        lezer = Lezer(open_werkboek(self.bron))
        self.medewerkers, _ = lezer.lees(schema.MEDEWERKERS)
        self.nieuwe_functies, _ = lezer.lees(schema.NIEUWE_FUNCTIES)
        self.parameters, _ = lezer.lees(schema.PARAMETERS)
        self.titels, self.kolommen = lezer.titels, lezer.kolommen
        self.boek = openpyxl.load_workbook(self.bron)

    def schrijf(self, s: Scenario, doel: Path, *, overschrijf: bool = False) -> Path:
        controleer_uitvoer(doel, overschrijf=overschrijf, invoer=self.bron)
        oud: dict[tuple[str, int, int], object] = {}
        nieuwe_bladen: list[str] = []
        try:
            self._parameters(s, oud, nieuwe_bladen)
            self._formatie(s, oud)
            self._voorkeuren(s, oud)
            with atomair(doel, overschrijf=overschrijf) as tijdelijk:
                self.boek.save(tijdelijk)
        finally:  # back to the original for the next variant
            for (titel, rij, kolom), waarde in oud.items():
                self.boek[titel].cell(rij, kolom).value = waarde
            for titel in nieuwe_bladen:
                del self.boek[titel]
        return doel

    def _zet(self, oud: dict, titel: str, rij: int, kolom: int, waarde) -> None:
        cel = self.boek[titel].cell(rij, kolom)
        oud.setdefault((titel, rij, kolom), cel.value)
        cel.value = waarde

    def _kolom(self, blad: str, naam: str, oud: dict) -> int:
        """1-based column of a contract column; a new column at the end when the sheet lacks it."""
        index = self.kolommen.get(blad, {}).get(naam)
        if index is not None:
            return index + 1
        titel = self.titels[blad]
        kolom = self.boek[titel].max_column + 1
        self.kolommen[blad][naam] = kolom - 1
        self._zet(oud, titel, 1, kolom, naam)
        return kolom

    def _parameters(self, s: Scenario, oud: dict, nieuwe_bladen: list[str]) -> None:
        """Every parameter in force in the variant (also those given on the command line)."""
        if "Parameters" not in self.titels or self.titels["Parameters"] not in self.boek.sheetnames:
            blad = self.boek.create_sheet("Parameters")
            blad.append(["parameter", "waarde"])
            nieuwe_bladen.append("Parameters")
            self.titels["Parameters"] = "Parameters"
            self.kolommen["Parameters"] = {"parameter": 0, "waarde": 1}
            self.parameters = []
        titel = self.titels["Parameters"]
        kolom_naam = self.kolommen["Parameters"]["parameter"] + 1
        kolom_waarde = self._kolom("Parameters", "waarde", oud)
        rij_van = {kopsleutel(r["parameter"]): r["rij"] for r in self.parameters if r["parameter"] is not None}
        volgende = self.boek[titel].max_row + 1
        for naam, _ in s.parameters.als_rijen():
            waarde = getattr(s.parameters, naam)
            if waarde is None:
                continue
            rij = rij_van.get(kopsleutel(naam))
            if rij is None:
                rij, volgende = volgende, volgende + 1
                self._zet(oud, titel, rij, kolom_naam, naam)
            self._zet(oud, titel, rij, kolom_waarde, _celwaarde(waarde))

    def _formatie(self, s: Scenario, oud: dict) -> None:
        titel = self.titels["Nieuwe functies"]
        kolom = self.kolommen["Nieuwe functies"]["formatie_fte"] + 1
        formatie = s.nieuwe_functies["formatie_fte"]
        for r in self.nieuwe_functies:
            code = r["functiecode"]
            if code in formatie.index and r["formatie_fte"] is not None and float(r["formatie_fte"]) != formatie[code]:
                self._zet(oud, titel, r["rij"], kolom, float(formatie[code]))

    def _voorkeuren(self, s: Scenario, oud: dict) -> None:
        titel = self.titels["Medewerkers"]
        mw = s.medewerkers
        for r in self.medewerkers:
            p = r["personeelsnummer"]
            if p not in mw.index:
                continue
            for naam in VOORKEUR_KOLOMMEN:
                nieuw = mw.at[p, naam] if naam in mw.columns else None
                nieuw = nieuw if isinstance(nieuw, str) and nieuw else None
                if nieuw != r.get(naam):
                    self._zet(oud, titel, r["rij"], self._kolom("Medewerkers", naam, oud), nieuw)


def _celwaarde(waarde):
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    return waarde  # dates stay dates, text stays text
