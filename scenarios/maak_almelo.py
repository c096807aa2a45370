"""Regenerate the demo scenario ``scenarios/almelo-2018.xlsx`` and print its key figures.

The scenario itself (the was-wordt design of the Almelo reorganisation of 2018 as data tables, and the
people drawn from them) lives in plaatsing/voorbeelden/almelo.py, so tests, notebooks and benchmarks build
the same workbook. Deterministic, byte-identical on every run:

    python scenarios/maak_almelo.py
"""
from pathlib import Path

from openpyxl import load_workbook

from plaatsing.voorbeelden.almelo import TAKEN, almelo_2018

OUTPUT = Path(__file__).with_name("almelo-2018.xlsx")


def sheet_rows(wb, title):
    values = list(wb[title].iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def check(path):
    """Re-read the file, assert the cross-references of the contract, return key figures."""
    wb = load_workbook(path)
    mw, oud, nieuw, mapping, oordelen, pins = (sheet_rows(wb, t) for t in (
        "Medewerkers", "Oude functies", "Nieuwe functies", "Functiemapping", "Geschiktheid",
        "Vastgezet"))
    oude_codes = {f["functiecode"] for f in oud}
    formatie = {f["functiecode"]: f["formatie_fte"] for f in nieuw}
    fte = {m["personeelsnummer"]: m["fte"] for m in mw}
    assert len(fte) == len(mw) and all(isinstance(n, str) for n in fte), "personeelsnummers"
    for m in mw:
        wensen = [m[f"voorkeur_{i}"] for i in range(1, 6) if m[f"voorkeur_{i}"]]
        assert m["functie"] in oude_codes and len(set(wensen)) == len(wensen), m
        assert set(wensen) <= set(formatie), m
    for r in mapping:
        assert r["oude_functie"] in oude_codes and r["nieuwe_functie"] in formatie, r
    for r in oordelen + pins:
        assert r["personeelsnummer"] in fte and r["nieuwe_functie"] in formatie, r
    assert len({p["personeelsnummer"] for p in pins}) == len(pins), "dubbel vastgezet"
    for code in {p["nieuwe_functie"] for p in pins}:
        pinned = sum(fte[p["personeelsnummer"]] for p in pins if p["nieuwe_functie"] == code)
        assert pinned <= formatie[code] + 1e-9, code
    per_oud, per_nieuw = {}, {}
    for r in mapping:
        per_oud.setdefault(r["oude_functie"], []).append(r)
        per_nieuw.setdefault(r["nieuwe_functie"], []).append(r)
    return {
        "medewerkers": len(mw),
        "fte medewerkers": round(sum(fte.values()), 2),
        "tijdelijk": sum(m["dienstverband"] == "tijdelijk" for m in mw),
        "met voorkeuren": sum(bool(m["voorkeur_1"]) for m in mw),
        "oude functies": len(oud),
        "nieuwe functies": len(nieuw),
        "formatie oud": round(sum(f["formatie_fte"] for f in oud), 2),
        "formatie nieuw": round(sum(formatie.values()), 2),
        "mappingregels": len(mapping),
        "functievolger-regels (<= 30%)": sum(r["wijzigingspercentage"] is not None
                                             and r["wijzigingspercentage"] <= 30 for r in mapping),
        "gewijzigd-regels (> 30%)": sum(r["wijzigingspercentage"] is not None
                                        and r["wijzigingspercentage"] > 30 for r in mapping),
        "regels berekend uit Taken (SS-0)": sum(r["wijzigingspercentage"] is None for r in mapping),
        "functies met taken": len({code for code, _, _ in TAKEN}),
        "splits (oud -> 2+ nieuw)": sum(len(v) > 1 for v in per_oud.values()),
        "merges (2+ oud -> nieuw)": sum(len(v) > 1 for v in per_nieuw.values()),
        "vervallen oude functies": sorted(oude_codes - set(per_oud)),
        "nieuwe functies (SS-5)": sorted(set(formatie) - set(per_nieuw)),
        "geschiktheidsoordelen": len(oordelen),
        "vastgezet": len(pins),
    }


def main():
    almelo_2018(OUTPUT)
    print(f"{OUTPUT.name} geschreven")
    for name, value in check(OUTPUT).items():
        print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
