"""The tables of a plan: Plaatsingsbesluiten (with the motiveringen), Bezetting and Verantwoording."""
from __future__ import annotations

import platform
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from plaatsing.determinisme import CPSAT_VERANTWOORDING
from plaatsing.invoer.inhoud import RIJ as INHOUD_RIJ
from plaatsing.model.fasen import FaseVerslag
from plaatsing.model.oplossen import Oplossing
from plaatsing.parameters import IEDEREEN_PLAATSEN
from plaatsing.plan import BESLUIT_KOLOMMEN, UITKOMSTEN
from plaatsing.procedure.wijzigingen import status_besluit, verantwoording_rijen
from plaatsing.regels.kandidaten import Kandidaten
from plaatsing.regels.maat import formatie_in_minuten, minuten_als_fte, minuten_per_medewerker, ruimte_van_formatie
from plaatsing.regels.overbezetting import boven_formatie
from plaatsing.scenario import Scenario
from plaatsing.toets.grens import GRENS_RIJ, grens_zin
from plaatsing.uitleg.feiten import Beslisgegevens, verklaar
from plaatsing.uitleg.zinnen import motivering
from plaatsing.waarden import MAX_TEKST_CEL

BEZETTING_KOLOMMEN = ["functiecode", "functienaam", "eenheid", "schaal", "formatie_fte", "bezet_fte",
                      "vacant_fte", "aantal", "status"]
WAT_ALS_PIN = "vastzetting (wat-als)"
O1_OPEN = "niet geplaatst zonder bewijs van O1 (deelprobleem niet bewezen)"
GRENS_BEWEZEN_RIJ = "ondergrens niet geplaatst (met wat de solver bewees)"
NIET_GEPLAATST_RIJ = "niet geplaatst in dit plan"
WAT_ALS_TOELICHTING = "toelichting vastzetting (wat-als)"

CPSAT_RIJ = "CP-SAT-instellingen (F5: hetzelfde plan bij elke run)"


def lijst_in_cellen(namen: list[str], max_tekens: int | None = None) -> list[str]:
    """'a, b, c' in as many cells as it needs, none longer than an Excel cell holds ('–' when empty): at 65,000 people
    the unplaced of parts without an O1 proof were ~7,900 numbers, 63,000 characters, cut off at 32,767."""
    max_tekens = max_tekens or MAX_TEKST_CEL
    cellen, huidig = [], ""
    for naam in namen:
        erbij = f"{huidig}, {naam}" if huidig else naam
        if len(erbij) > max_tekens and huidig:
            cellen.append(huidig)
            erbij = naam
        huidig = erbij
    return cellen + [huidig] if huidig else cellen or ["–"]


def o1_open_uit(verantwoording: pd.DataFrame | None, toewijzing: dict) -> frozenset:
    """The unplaced without an O1 proof, as a besluiten workbook records them (row O1_OPEN). A plan edited
    by hand after solving (another number not placed than recorded) has no proof at all: none of its
    motiveringen may claim O1 (§8.12)."""
    if verantwoording is None:
        return frozenset()
    rijen = dict(verantwoording.itertuples(index=False))
    niet_geplaatst = frozenset(p for p, f in toewijzing.items() if f is None)
    if NIET_GEPLAATST_RIJ in rijen and str(rijen[NIET_GEPLAATST_RIJ]) != str(len(niet_geplaatst)):
        return niet_geplaatst
    waarden = verantwoording.loc[verantwoording["onderdeel"] == O1_OPEN, "waarde"]
    return frozenset(p.strip() for w in waarden for p in str(w).split(",") if p.strip() and p.strip() != "–")


def maak_besluiten(s: Scenario, k: Kandidaten, toewijzing: dict, selectie: pd.DataFrame,
                   extra_bronnen: tuple = (), o1_open: frozenset = frozenset(),
                   open_plaatsen: pd.DataFrame | None = None) -> pd.DataFrame:
    mw = s.medewerkers
    eenheid_oud = s.oude_functies["eenheid"].to_dict()
    gegevens = Beslisgegevens(s, k, toewijzing, selectie, o1_open=o1_open, extra_bronnen=tuple(extra_bronnen))
    nieuw = gegevens.functies  # s.nieuwe_functies.to_dict("index"), made once for the explanations
    if open_plaatsen is not None:
        gegevens.__dict__["herplaatsing"] = open_plaatsen  # §10: computed once for the plan
    iedereen = s.parameters.beleid == IEDEREEN_PLAATSEN
    boven = {p for ps in boven_formatie(s, k, toewijzing).values() for p in ps} if iedereen else set()
    rijen = []
    rijen_mw = gegevens.mensen  # mw.to_dict("index"), made once for the explanations
    for p in mw.index:
        r = rijen_mw[p]
        f = toewijzing[p]
        v = verklaar(gegevens, p, voor_motivering=True)
        soort, tekst, regels = v.uitkomst, motivering(gegevens, v), v.regels
        if p in boven:
            n = nieuw[f]
            tekst += (f" U wordt boven de formatie van {f} {n['functienaam']} geplaatst: volgens het beleid "
                      "'iedereen plaatsen' verliest niemand die ergens in aanmerking komt zijn plaats; wie in deze "
                      "functie voor u gaat, vult de formatie (§6).")
        voorkeur = next((i for i in range(1, 6) if f is not None and r.get(f"voorkeur_{i}") == f), None)
        n = nieuw[f] if f is not None else None
        lager = n is not None and int(n["schaal"]) < int(r["schaal"])
        rijen.append({
            "personeelsnummer": p, "naam": r["naam"], "huidige_functie": r["functie"],
            "huidige_eenheid": eenheid_oud[r["functie"]], "schaal": int(r["schaal"]),
            "fte": float(r["fte"]), "uitkomst": soort, "regels": "; ".join(regels),
            "nieuwe_functie": f, "nieuwe_functienaam": n["functienaam"] if n else None,
            "nieuwe_eenheid": n["eenheid"] if n else None,
            "nieuwe_schaal": int(n["schaal"]) if n else None,
            "voorkeur_gehonoreerd": voorkeur, "salarisgarantie": "ja" if lager else "nee", "motivering": tekst,
            **({"boven_formatie": "ja" if p in boven else "nee"} if iedereen else {}),
            "status_besluit": status_besluit(s, p, f),
            **{k: r[k] for k in s.extra_kolommen},
        })
    kolommen = BESLUIT_KOLOMMEN + (["boven_formatie"] if iedereen else []) + list(s.extra_kolommen)
    return pd.DataFrame(rijen, columns=kolommen)


def maak_bezetting(s: Scenario, toewijzing: dict) -> pd.DataFrame:
    fte = minuten_per_medewerker(s)
    bezet: dict[str, int] = {}
    aantal: dict[str, int] = {}
    for p, f in toewijzing.items():
        if f is not None:
            bezet[f] = bezet.get(f, 0) + fte[p]
            aantal[f] = aantal.get(f, 0) + 1
    nieuw_ss5 = set(s.nieuwe_functies.index) - set(s.mapping["nieuwe_functie"])
    rijen = []
    for f, r in s.nieuwe_functies.iterrows():
        formatie = formatie_in_minuten(r["formatie_fte"], s)
        ruimte = ruimte_van_formatie(r["formatie_fte"], s.parameters)
        b = bezet.get(f, 0)
        if b > ruimte:
            status = "boven formatie (iedereen plaatsen)"
        elif b > formatie:
            status = "overbezet binnen fte_marge"
        elif b == formatie:
            status = "volledig bezet"
        elif f in nieuw_ss5:
            status = "vacature (nieuwe functie)"
        else:
            status = "vacature"
        rijen.append({"functiecode": f, "functienaam": r["functienaam"], "eenheid": r["eenheid"],
                      "schaal": int(r["schaal"]), "formatie_fte": float(r["formatie_fte"]),
                      "bezet_fte": minuten_als_fte(b, s), "vacant_fte": minuten_als_fte(max(0, formatie - b), s),
                      "aantal": aantal.get(f, 0), "status": status,
                      "boven_formatie_fte": minuten_als_fte(max(0, b - ruimte), s)})
    kolommen = BEZETTING_KOLOMMEN + (["boven_formatie_fte"] if s.parameters.beleid == IEDEREEN_PLAATSEN else [])
    return pd.DataFrame(rijen, columns=BEZETTING_KOLOMMEN + ["boven_formatie_fte"])[kolommen]


def grens_rijen(oplossing: Oplossing, grens: int, per_deel) -> list[tuple[str, str]]:
    """The bound on the number not placed (toets/grens.py), and the same with what the solver proved counted in:
    a part whose O1 is proven at its optimum, another at CP-SAT's bound on it where that is higher; the gap of the
    plan against it."""
    niet_geplaatst = sum(f is None for f in oplossing.toewijzing.values())
    bewezen = grens
    for personen, deel in per_deel:  # (the people of a part, its bound)
        if not any(p in oplossing.o1_open for p in personen):  # O1 proven (or nobody left out) here
            bewezen += sum(oplossing.toewijzing[p] is None for p in personen) - deel
        else:
            bewezen += max(0, oplossing.o1_grenzen.get(tuple(sorted(personen)), 0) - deel)
    return [(GRENS_RIJ, str(grens)),
            (GRENS_BEWEZEN_RIJ, grens_zin(bewezen, niet_geplaatst)),
            (NIET_GEPLAATST_RIJ, str(niet_geplaatst))]


def maak_verantwoording(s: Scenario, oplossing: Oplossing, besluiten, bezetting, schendingen,
                        vergelijking: list[tuple[str, str]]) -> pd.DataFrame:
    """Everything needed to reproduce and trust the plan; no personal data beyond numbers."""
    rijen = [
        ("programma", f"plaatsing {version('plaatsing')}"),
        ("ortools", version("ortools")),
        ("python", platform.python_version()),
        ("invoerbestand", Path(s.bron).name if s.bron else "(tabellen via de Python-API)"),  # the name, never the path
        ("sha256 invoer", s.sha256 or ""),
        (INHOUD_RIJ, s.inhoud_sha256 or ""),  # the content: decides which scenario the besluiten belong to
    ]
    rijen += verantwoording_rijen(s, oplossing.toewijzing)  # regels.md §9 P2, P3
    rijen += [(f"parameter {naam}", waarde) for naam, waarde in s.parameters.als_rijen()]
    for p, f, t in zip(s.vastgezet["personeelsnummer"], s.vastgezet["nieuwe_functie"], s.vastgezet["toelichting"]):
        if p in s.wat_als:  # pins of a wat-als variant, so that the saved variant can be read back
            rijen.append((WAT_ALS_PIN, f"{p}={f}"))
            if isinstance(t, str) and t.strip() and t != "wat-als":
                rijen.append((WAT_ALS_TOELICHTING, f"{p}={t}"))
    for fase in oplossing.fasen:
        rijen += [
            (f"fase {fase.code} {fase.naam}: status", fase.status_nl),
            (f"fase {fase.code}: objectief", str(fase.objectief)),
            (f"fase {fase.code}: grens", str(fase.grens)),
            (f"fase {fase.code}: gap", _gap(fase)),
            (f"fase {fase.code}: solver-aanroepen", str(fase.solves)),
            (f"fase {fase.code}: toegevoegde O2-voorwaarden", str(fase.o2_cuts)),
            (f"fase {fase.code}: functies met de exacte H1-vorm (bewijs)", str(fase.vullingen)),
            (f"fase {fase.code}: rekenwerk (deterministische tijd van CP-SAT)", f"{fase.werk:.3f}"),
            (f"fase {fase.code}: rekentijd (s)", f"{fase.seconden:.2f}"),
        ]
    # §8.12: no O1 claim for them; as many rows as the list needs (o1_open_uit reads them all)
    rijen += [(O1_OPEN, tekst) for tekst in lijst_in_cellen(sorted(oplossing.o1_open))]
    rijen += [
        ("deelproblemen (componenten)", str(oplossing.componenten)),
        ("deelproblemen zonder solver opgelost", str(oplossing.triviaal)),
        ("grootste deelproblemen (medewerkers)", ", ".join(map(str, oplossing.grootste)) or "–"),
        ("rekenbudget (deterministische tijd, uit tijdslimiet)", f"{oplossing.budget:.4f}"),
        ("rekenwerk gebruikt (deterministische tijd)", f"{sum(f.werk for f in oplossing.fasen):.4f}"),
        ("ronden van de solver", str(oplossing.ronden)),
        (CPSAT_RIJ, CPSAT_VERANTWOORDING),
        ("totale rekentijd (s)", f"{oplossing.seconden:.2f}"),
        ("aantal medewerkers", str(len(besluiten))),
    ]
    telling = besluiten["uitkomst"].value_counts()
    rijen += [(f"aantal {u}", str(int(telling.get(u, 0)))) for u in UITKOMSTEN]
    rijen.append(("aantal geplaatst", str(int(besluiten["nieuwe_functie"].notna().sum()))))
    rijen.append(("vacante formatie (fte)", f"{bezetting['vacant_fte'].sum():.4f}".rstrip("0").rstrip(".")))
    if "boven_formatie_fte" in bezetting:
        over = bezetting["boven_formatie_fte"]
        rijen.append(("functies boven formatie (iedereen plaatsen)", str(int((over > 0).sum()))))
        rijen.append(("fte boven formatie (iedereen plaatsen)", f"{over.sum():.4f}".rstrip("0").rstrip(".")))
        rijen.append(("medewerkers boven formatie geplaatst", str(int((besluiten["boven_formatie"] == "ja").sum()))))
    rijen.append(("waarschuwingen bij inlezen", str(len(s.waarschuwingen) + len(oplossing.kandidaten.waarschuwingen))))
    for w in list(s.waarschuwingen) + list(oplossing.kandidaten.waarschuwingen):
        rijen.append(("waarschuwing", str(w)))
    rijen += vergelijking
    rijen.append(("toets (F1–F3)", "geen schendingen" if schendingen.empty else f"{len(schendingen)} schendingen"))
    for r in schendingen.itertuples(index=False):
        rijen.append((f"toets {r.regel}", f"{r.personeelsnummer} {r.functie}: {r.probleem}".strip()))
    return pd.DataFrame(rijen, columns=["onderdeel", "waarde"])


def _gap(fase: FaseVerslag) -> str:
    if fase.bewezen:
        return "0"
    verschil = abs(fase.grens - fase.objectief)
    if verschil == 0:
        return "onbekend (geen bewijs binnen de tijdslimiet)"
    return f"{verschil} ({verschil / max(1, abs(fase.grens)):.2%})"
