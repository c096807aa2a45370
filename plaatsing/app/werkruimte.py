"""The adviser's workspace in the app (one scenario, its plan, a pending wat-als, made documents) and the small
rules for what the app keeps on disk: safe upload names, and clearing what earlier work left behind."""
from __future__ import annotations

import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from plaatsing.fouten import InvoerFout


@dataclass
class Werkruimte:
    """What the adviser has open: one scenario, its current plan, a pending wat-als, made documents."""

    werkmap: Path                         # temporary folder, removed at exit
    scenariomap: Path | None = None       # the [map] argument: scenarios to choose from
    scenario: object = None
    scenario_naam: str = ""
    plan: object = None
    plan_nr: int = 0
    uitleg: dict = field(default_factory=dict)       # personeelsnummer -> uitleg of the current plan
    uitleg_taak: dict = field(default_factory=dict)  # personeelsnummer -> (id of the task making its uitleg, plan_nr)
    wat_als: object = None
    wat_als_omschrijving: str = ""
    gekozen: list = field(default_factory=list)      # the wat-als changes kept in the current plan
    verschil: object = None                          # the last kept difference (for verschil.xlsx)
    documenten: dict = field(default_factory=dict)   # file name -> path, of the current plan
    slot: threading.Lock = field(default_factory=threading.Lock)
    eigenaar: str | None = None           # the browser session that may change this workspace
    scenario_nr: int = 0                  # a result of an earlier scenario is never kept
    scenario_pad: Path | None = None      # the workbook, to check wat-als parameters as the CLI does

    def zet_scenario(self, s, naam: str, pad: Path | None = None) -> None:
        with self.slot:
            self.scenario, self.scenario_naam, self.scenario_pad = s, naam, pad
            self.scenario_nr += 1
            self.gekozen, self.verschil = [], None
            self._zet_plan(None)

    def zet_plan(self, plan) -> None:
        with self.slot:
            self._zet_plan(plan)

    def _zet_plan(self, plan) -> None:
        self.plan, self.plan_nr = plan, self.plan_nr + 1
        self.uitleg, self.documenten, self.wat_als = {}, {}, None

    def map_voor(self, soort: str) -> Path:
        """The folder for documents of this kind of the current plan. Those of earlier plans can no longer be
        downloaded and hold personal data: they are removed now, not only when the app stops."""
        map_ = self.werkmap / soort / str(self.plan_nr)
        ruim_op(map_.parent, behalve={map_})
        map_.mkdir(parents=True, exist_ok=True)
        return map_

    @property
    def stam(self) -> str:
        return Path(self.scenario_naam).stem or "scenario"


def veilige_naam(naam: str) -> str:
    """A file name without folders or odd characters (an upload names its own file)."""
    naam = re.sub(r"[^\w.\-]+", "_", Path(naam or "").name).strip("._")
    if len(naam.encode()) > MAX_NAAM:  # a file system takes names of at most 255 bytes: keep the start and the suffix
        stam, punt, achtervoegsel = naam.rpartition(".")
        achtervoegsel = achtervoegsel[:10] if punt else ""
        stam = (stam if punt else naam).encode()[:MAX_NAAM - 11].decode(errors="ignore")
        naam = f"{stam}.{achtervoegsel}" if achtervoegsel else stam
    return naam or "scenario.xlsx"


def ruim_op(map_: Path, *, behalve: set[Path]) -> None:
    """Remove the subfolders of `map_` except those in `behalve` (what the app made there for earlier work)."""
    if map_.is_dir():
        for deel in map_.iterdir():
            if deel.is_dir() and deel not in behalve:
                shutil.rmtree(deel, ignore_errors=True)


def invoerfout_tekst(fout: InvoerFout, hoogstens: int = 5) -> str:
    """The problems of an InvoerFout for one line of a page: each with blad, rij, kolom (as the command line
    shows them), each once, at most `hoogstens` (a peildatum of 1900 gives the same sentence for every row)."""
    regels = list(dict.fromkeys(str(m) for m in fout.meldingen))
    tekst = " ".join(regels[:hoogstens])
    if fout.aantal > hoogstens:
        tekst += f" (en nog {fout.aantal - hoogstens} {'probleem' if fout.aantal - hoogstens == 1 else 'problemen'})"
    return tekst


MAX_TAKEN = 4  # running tasks (each a process of its own) beyond which a page that starts work asks to wait
MAX_NAAM = 120  # bytes of an uploaded file's name as stored (the folder REF-… and the path add to it)
