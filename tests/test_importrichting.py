"""One direction of flow through the package (issue 28): a module imports only from its own layer or the
layers below it. The layer order is written once, here; README "Hoe het rekent" draws the same picture."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PAKKET = Path(__file__).resolve().parent.parent / "plaatsing"

# Bottom to top. A module belongs to the layer of its longest listed prefix.
LAGEN: list[tuple[str, tuple[str, ...]]] = [
    ("grond", ("plaatsing.opstart", "plaatsing.fouten", "plaatsing.signalen", "plaatsing.tijdelijk", "plaatsing.waarden",
               "plaatsing.parameters", "plaatsing.zegel", "plaatsing.determinisme")),  # messages, cell values, parameters, the seal (P3)
    ("scenario", ("plaatsing.scenario",)),                   # the Scenario type
    ("regels", ("plaatsing.regels",)),                       # rules on a scenario: kandidaten, maat, SS-0
    ("invoer", ("plaatsing.invoer",)),                       # reading workbooks (format, not parameters)
    ("toets", ("plaatsing.toets",)),                         # the independent checker
    ("model", ("plaatsing.model",)),                         # CP-SAT stages
    ("plan", ("plaatsing.plan",)),                           # the Plan type
    ("uitleg", ("plaatsing.uitleg",)),                       # the explanation engine
    ("procedure", ("plaatsing.procedure",)),                 # advices (P1), second round (P2), dossier
    ("plannen", ("plaatsing.plannen",)),                     # solve, herbouw, lees_plan, toets_plan, wat-als
    ("uitvoer", ("plaatsing.uitvoer",)),                     # writing besluiten, rapport, brieven
    ("sweep", ("plaatsing.sweep",)),                         # many variants of one scenario
    ("toepassingen", ("plaatsing.cli", "plaatsing.app")),    # the command line and the local web app
    ("api", ("plaatsing",)),                                 # plaatsing/__init__.py: the library API
]

# (importer, imported module): allowed against the flow, each with its reason. At most 6.
UITZONDERINGEN: dict[tuple[str, str], str] = {}

# Function-local imports of plaatsing modules: only the command line loads its commands lazily
# (`plaatsing --help` must not import OR-Tools, pandas or the app), and the library API its names (PEP 562,
# plaatsing/__init__.py: a Ctrl-C while the command line loads must reach its handler, not a traceback).
LUI_TOEGESTAAN = ("plaatsing.cli",)
LUI_API = "plaatsing"  # the package's __init__ itself, not its subpackages


def _modulenaam(pad: Path) -> str:
    delen = pad.relative_to(PAKKET.parent).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _laag(module: str) -> int:
    beste, laag = -1, None
    for i, (_, prefixen) in enumerate(LAGEN):
        for prefix in prefixen:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > beste:
                beste, laag = len(prefix), i
    assert laag is not None, f"{module} staat in geen laag van LAGEN"
    return laag


def _is_module(naam: str) -> bool:
    pad = PAKKET.parent / naam.replace(".", "/")
    return pad.is_dir() or pad.with_suffix(".py").is_file()


def _imports(pad: Path):
    """(imported module, line, function-local) for every import of a plaatsing module."""
    module = _modulenaam(pad)
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    bovenaan = {id(n) for n in boom.body}
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = module.split(".")[: len(module.split(".")) - knoop.level + (pad.name == "__init__.py")]
                doel = ".".join(basis + ([knoop.module] if knoop.module else []))
            else:
                doel = knoop.module or ""
            # `from plaatsing.x import y` imports the module plaatsing.x.y where there is one
            doelen = [f"{doel}.{a.name}" if _is_module(f"{doel}.{a.name}") else doel for a in knoop.names]
        elif isinstance(knoop, ast.Import):
            doelen = [a.name for a in knoop.names]
        else:
            continue
        for doel in dict.fromkeys(doelen):
            if doel == "plaatsing" or doel.startswith("plaatsing."):
                yield doel, knoop.lineno, id(knoop) not in bovenaan


MODULES = sorted(PAKKET.rglob("*.py"))


def test_lagen_staan_op_volgorde_en_de_uitzonderingen_zijn_er_weinig():
    assert len(UITZONDERINGEN) <= 6
    assert all(reden.strip() for reden in UITZONDERINGEN.values())
    for pad in MODULES:
        _laag(_modulenaam(pad))  # every module has a layer


def test_geen_import_tegen_de_stroom_in():
    tegen = []
    gebruikt = set()
    for pad in MODULES:
        module = _modulenaam(pad)
        for doel, regel, _ in _imports(pad):
            if _laag(doel) > _laag(module):
                if (module, doel) in UITZONDERINGEN:
                    gebruikt.add((module, doel))
                else:
                    tegen.append(f"{pad.relative_to(PAKKET.parent)}:{regel}: {module} ({LAGEN[_laag(module)][0]}) "
                                 f"importeert {doel} ({LAGEN[_laag(doel)][0]})")
    assert not tegen, "imports tegen de stroom in:\n" + "\n".join(tegen)
    assert gebruikt == set(UITZONDERINGEN), f"uitzonderingen die niet meer nodig zijn: {set(UITZONDERINGEN) - gebruikt}"


def test_geen_import_binnen_een_functie():
    lokaal = [f"{pad.relative_to(PAKKET.parent)}:{regel}: {doel}"
              for pad in MODULES for doel, regel, binnen in _imports(pad)
              if binnen and _modulenaam(pad) != LUI_API
              and not any(_modulenaam(pad) == p or _modulenaam(pad).startswith(p + ".") for p in LUI_TOEGESTAAN)]
    assert not lokaal, "imports van plaatsing binnen een functie:\n" + "\n".join(lokaal)


def test_geen_private_naam_uit_een_andere_module():
    """Modules share public names only (issue 28: `_draai`, `_Voortgang`, `_lees_plan` came from cli/opdrachten.py);
    what several commands share is in the command kit, plaatsing/cli/gereedschap.py."""
    privaat = [f"{pad.relative_to(PAKKET.parent)}:{knoop.lineno}: {a.name} uit {knoop.module}"
               for pad in MODULES for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8")))
               if isinstance(knoop, ast.ImportFrom) and (knoop.module or "").startswith("plaatsing")
               for a in knoop.names if a.name.startswith("_")]
    assert not privaat, "\n".join(privaat)


def test_de_readme_tekent_dezelfde_lagen():
    """README "Hoe het rekent" draws the layers top to bottom; the picture follows LAGEN (the api facade aside)."""
    tekst = (PAKKET.parent / "README.md").read_text(encoding="utf-8")
    blok = re.search(r"## Hoe het rekent\n.*?```\n(.*?)```", tekst, re.S).group(1)
    getekend = []
    for regel in blok.splitlines()[2:]:
        label = regel[1:16].strip()
        if not label:
            continue
        if label == "begane grond":
            lagen = [0]
        else:
            lagen = [_laag("plaatsing." + deel.rstrip("/").removesuffix(".py")) for deel in label.split()]
        for laag in lagen:
            if not getekend or getekend[-1] != laag:
                getekend.append(laag)
    assert getekend == list(range(len(LAGEN) - 2, -1, -1)), [LAGEN[i][0] for i in getekend]


@pytest.mark.parametrize("bron, binnen", [
    ("from plaatsing.plan import Plan\n", False),
    ("import plaatsing.plan\n", False),
    ("def f():\n    from plaatsing.plan import Plan\n", True),
    ("from .. import plan\n", False),
])
def test_de_controle_kan_falen(tmp_path, bron, binnen):
    """A regels module that imports the Plan type (a layer above it) is caught, written in each way."""
    global PAKKET
    pakket = tmp_path / "plaatsing"
    (pakket / "regels").mkdir(parents=True)
    (pakket / "plan.py").write_text("")
    pad = pakket / "regels" / "x.py"
    pad.write_text(bron)
    oud, PAKKET = PAKKET, pakket
    try:
        [(doel, _, lokaal)] = list(_imports(pad))
        assert doel == "plaatsing.plan" and lokaal == binnen
        assert _laag(doel) > _laag(_modulenaam(pad))
    finally:
        PAKKET = oud
