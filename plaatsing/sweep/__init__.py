"""Scenario sweeps: many variants of one scenario side by side, in local processes or on a Dask
cluster (issue 17). See `plaatsing.sweep.api.sweep`."""
from plaatsing.sweep.api import SweepUitkomst, sweep
from plaatsing.sweep.tabellen import schrijf_sweep
from plaatsing.sweep.varianten import Variant, lees_raster, maak_varianten

__all__ = ["SweepUitkomst", "Variant", "lees_raster", "maak_varianten", "schrijf_sweep", "sweep"]
