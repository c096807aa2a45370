"""waarden.tabelrijen gives the rows `itertuples(index=False)` gives, value for value and type for type: the
besluiten, the seal and the toets read their tables through it (a column at a time, for speed)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from plaatsing.waarden import tabelrijen


def tabel() -> pd.DataFrame:
    return pd.DataFrame({
        "tekst": pd.array(["a", None, "  "], dtype="string"),
        "object": ["x", None, dt.date(2020, 1, 2)],
        "geheel": np.array([1, 2, 3], dtype="int64"),
        "kommagetal": [1.5, float("nan"), 0.0],
        "datum": pd.to_datetime(["2020-01-01", None, "2021-06-30"]),
        "waar": [True, False, True],
        "2 ongeldige naam": ["p", "q", "r"],
    })


def test_zelfde_rijen_als_itertuples():
    t = tabel()
    verwacht = list(t.itertuples(index=False))
    for naam, rijen in ((None, list(tabelrijen(t))), ("Pandas", list(tabelrijen(t, "Pandas")))):
        assert len(rijen) == len(verwacht)
        for rij, oud in zip(rijen, verwacht):
            assert [type(v) for v in rij] == [type(v) for v in oud]
            assert all((v is w) or (v == w) or (pd.isna(v) and pd.isna(w)) for v, w in zip(rij, oud))
            if naam:
                assert rij._fields == oud._fields  # invalid names renamed as pandas does (_6)


def test_lege_tabel():
    assert list(tabelrijen(tabel().iloc[0:0])) == []
