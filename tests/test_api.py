"""The library API the README and notebooks use (issue 28), and parameters changed after reading."""
from __future__ import annotations

from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "almelo-2018.xlsx"


def test_de_bibliotheek_api_staat_in_plaatsing():
    import plaatsing

    for naam in ("read_scenario", "solve", "toets_plan", "uitleg", "wat_als", "lees_plan", "definitief"):
        assert callable(getattr(plaatsing, naam)) and naam in plaatsing.__all__, naam


def test_verouderde_drempelwaarschuwing_na_met_parameters():
    """Regression (issue 28): met_parameters(drempel_wijziging=40) on a scenario whose Taken give 30% and
    31% kept the warning 'vallen aan verschillende kanten van de drempel van 30%', and solve wrote it into
    the Verantwoording. The SS-0 drempel warnings follow the drempel in force."""
    from plaatsing import read_scenario

    s = read_scenario(DEMO)
    kanten = [str(w) for w in s.waarschuwingen if "kanten van de drempel" in str(w)]
    assert len(kanten) == 2 and all("drempel van 30%" in w for w in kanten)
    s40 = s.met_parameters(drempel_wijziging=40)
    assert not [w for w in s40.waarschuwingen if "kanten van de drempel" in str(w)]
    assert [str(w) for w in s40.met_parameters(drempel_wijziging=30).waarschuwingen] == \
        [str(w) for w in s.waarschuwingen]  # back at 30%: the same warnings, sheet and column as read
    assert len(s40.waarschuwingen) == len(s.waarschuwingen) - 2  # the other warnings stay
