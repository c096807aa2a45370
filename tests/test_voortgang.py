"""The progress line of long runs (issue 12): what remains is estimated from the work budget of the
parts not done, at the rate measured on the parts done; a line also comes while a long part runs."""
from __future__ import annotations

from types import SimpleNamespace

from plaatsing.model import instellingen
from plaatsing.model.voortgang import BEZIG_SECONDEN, VOORTGANG_SECONDEN, Voortgang


class Klok:
    def __init__(self):
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def deel(mensen: int) -> SimpleNamespace:
    personen = [f"P{i}" for i in range(mensen)]
    return SimpleNamespace(personen=personen, opties={p: [None, None] for p in personen})  # 2 options each


def fasen(werk: float) -> list:
    return [SimpleNamespace(werk=werk)]


def test_een_lang_lopend_deel_krijgt_een_regel_met_wat_zijn_budget_nog_vraagt():
    klok, regels = Klok(), []
    taken = [(deel(1000), 10.0, 1), (deel(10), 0.1, 1), (deel(10), 0.1, 1)]
    v = Voortgang(taken, regels.append, processen=2, klok=klok)
    v.loopt(0)
    v.loopt(1)
    klok.t = 5.0
    v.klaar(1, fasen(0.1))
    assert regels == []  # within VOORTGANG_SECONDEN of the start
    klok.t = BEZIG_SECONDEN - 1
    v.bezig()
    assert regels == []  # a line while nothing is done only every BEZIG_SECONDEN
    klok.t = 31.0
    v.bezig()
    # too little work done to measure a rate: 1 / WERK_PER_SECONDE seconds per unit; part 0 has
    # 10 units and has run 31 s, part 2 has not started: max(10/0.28 - 31, (4.71 + 0.36) / 2) = 4.7
    assert instellingen.WERK_PER_SECONDE == 0.28
    # the work done counts the running part by its time: 31 of its expected 35.7 s (86.8 %) of 2,000 options,
    # with the 20 of part 1: (20 + 1,736) / 2,040 = 86 %
    assert regels == ["1 van 3 deelproblemen klaar (86% van het werk); bezig met een deel van 1.000 mensen; "
                      "nog ongeveer 5 s"]


def test_de_snelheid_komt_uit_de_delen_die_klaar_zijn():
    klok, regels = Klok(), []
    taken = [(deel(500), 4.0, 1), (deel(500), 2.0, 1), (deel(300), 6.0, 1), (deel(200), 8.0, 1)]
    v = Voortgang(taken, regels.append, processen=2, klok=klok)
    v.loopt(0)
    v.loopt(1)
    klok.t = 3.0
    v.klaar(1, fasen(2.0))      # 2 units in 3 s
    v.loopt(2)
    klok.t = VOORTGANG_SECONDEN + 1   # 11 s
    v.klaar(0, fasen(2.0))      # 2 units in 11 s: together 4 units in 14 s, 3.5 s per unit
    v.loopt(3)
    # below the calibrated floor 1 / 0.28 = 3.57 s per unit, so the floor counts. Open: part 2 (6 units,
    # running 8 s): 21.4 - 8 = 13.4; part 3 (8 units, just started): 28.6; max(28.6, 42 / 2) = 28.6.
    # Work done: 2,000 options of the parts done and 8 / 21.4 of part 2's 600: 2,224 / 3,000 = 74 %
    assert regels == ["2 van 4 deelproblemen klaar (74% van het werk); bezig met een deel van 300 mensen; "
                      "nog ongeveer 29 s"]
    klok.t = 50.0
    v.klaar(2, fasen(6.0))      # 10 units in 61 s: 6.1 s per unit, above the floor
    # part 3 has run 39 s of its 8 × 6.1 = 48.8: (2,600 + 0.8 × 400) / 3,000 = 97 %
    assert regels[1] == ("3 van 4 deelproblemen klaar (97% van het werk); bezig met een deel van 200 mensen; "
                         "nog ongeveer 10 s")
    klok.t = 90.0
    v.bezig()
    # past its expected time a running part counts as 95 % done, never as finished: 2,980 / 3,000
    assert regels[2] == ("3 van 4 deelproblemen klaar (99% van het werk); bezig met een deel van 200 mensen; "
                         "dat duurt langer dan geschat")
    klok.t = 95.0
    v.klaar(3, fasen(8.0))  # the last part: no line, the run is done
    assert len(regels) == 3


def test_het_grootste_deel_loopt_en_de_voortgang_staat_niet_op_nul():
    """Issue 26: a 2,000-person solve said '0 van 5 deelproblemen klaar (0% van het werk)' for four minutes."""
    klok, regels = Klok(), []
    taken = [(deel(1900), 60.0, 1), (deel(50), 1.0, 1), (deel(50), 1.0, 1)]
    v = Voortgang(taken, regels.append, processen=1, klok=klok)
    v.loopt(0)
    for t in (31.0, 62.0, 93.0, 124.0):
        klok.t = t
        v.bezig()
    procenten = [int(r.split("(")[1].split("%")[0]) for r in regels]
    # the largest part, 3,800 of 4,000 options, expected 60 / 0.28 = 214 s: after 31 s 14.5 % of it, so
    # 0.145 × 0.95 = 13.7 % of the work (14 %), and it grows with the time it runs
    assert procenten == [14, 27, 41, 55]
    assert all(r.startswith("0 van 3 deelproblemen klaar") for r in regels)


def test_de_totale_rekentijd_is_de_tijd_van_de_run_ook_na_een_tweede_ronde(tmp_path):
    """Verantwoording 'totale rekentijd (s)': the wall time of the solve, also when parts that are not proven get
    another round (the rounds loop once overwrote the start time with a work amount; a run of 8 s then reported
    the uptime of the machine, ~200 s)."""
    import time

    from plaatsing import read_scenario, solve
    from plaatsing.voorbeelden import genereer

    pad = tmp_path / "s.xlsx"
    genereer(300, pad, seed=2)
    s = read_scenario(pad).met_parameters(tijdslimiet=0.05)
    begin = time.monotonic()
    plan = solve(s, workers=1)
    duur = time.monotonic() - begin
    v = dict(zip(plan.verantwoording["onderdeel"], plan.verantwoording["waarde"]))
    assert not plan.bewezen_optimaal  # a part stayed open: the rounds were looked at
    assert 0 < float(v["totale rekentijd (s)"]) <= duur
