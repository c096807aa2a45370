"""The rounds after the first (model/oplossen.py): parts not proven in their share get the work that is left,
the smallest first, as many as it pays for. Small parts share one round; before, each needed a whole unit of
work in reserve, so that with some work left every small part got a round of its own (thirteen rounds on the
20,000 benchmark, each a line of progress for the user)."""
from __future__ import annotations

from plaatsing import read_scenario
from plaatsing.model import oplossen
from plaatsing.model.fasen import FASEN, FaseVerslag
from plaatsing.model.herstel import startplan
from plaatsing.voorbeelden import genereer


def test_kleine_open_delen_delen_een_ronde(tmp_path, monkeypatch):
    pad = tmp_path / "realistisch-400.xlsx"
    genereer(400, pad, seed=3)
    s = read_scenario(pad).met_parameters(tijdslimiet=20)  # 5.6 units of work
    rondes = []

    def los_taken_op(taken, processen, meld=lambda _t: None):
        eerste = not rondes
        rondes.append([len(comp.personen) for comp, *_rest in taken])
        # the first round leaves 2.5 units of the budget and proves nothing; a later round proves every part
        werk = (5.6 - 2.5) / len(taken) if eerste else 0.001
        return [(startplan(comp), [FaseVerslag(c, n, status="UNKNOWN" if eerste else "OPTIMAL",
                                               werk=werk if c == "O1" else 0.0) for c, n in FASEN])
                for comp, *_rest in taken]

    monkeypatch.setattr(oplossen, "_los_taken_op", los_taken_op)
    meldingen = []
    oplossing = oplossen.los_op(s, workers=1, voortgang=meldingen.append)
    assert len(rondes[0]) > 3
    assert len(rondes) == 2 and sorted(rondes[1]) == sorted(rondes[0])  # one more round, with every part
    assert oplossing.ronden == 2
    assert [m for m in meldingen if m.startswith("ronde")] == [
        f"ronde 2: {len(rondes[0])} deelproblemen nog niet bewezen; opnieuw met een ander seed"]


def test_een_deel_dat_open_blijft_zonder_werk_houdt_de_run_niet_vast(tmp_path, monkeypatch):
    """A part that stays open while using no work (found with a stage made to report a time-out) kept the loop of
    rounds going for ever: the work left never fell below MIN_RONDE. At most MAX_RONDEN rounds."""
    from plaatsing.model import instellingen
    pad = tmp_path / "realistisch-400.xlsx"
    genereer(400, pad, seed=3)
    s = read_scenario(pad).met_parameters(tijdslimiet=20)
    rondes = []

    def nooit_bewezen(taken, processen, meld=lambda _t: None):
        rondes.append(len(taken))
        return [(startplan(comp), [FaseVerslag(c, n, status="UNKNOWN") for c, n in FASEN]) for comp, *_r in taken]

    monkeypatch.setattr(oplossen, "_los_taken_op", nooit_bewezen)
    oplossing = oplossen.los_op(s, workers=1)
    assert oplossing.ronden == len(rondes) == instellingen.MAX_RONDEN
