"""The rule checks on any plan (H1–H5, O2, O6, F3, F4), computed from the scenario and the plan only.

Used by `toets` and by the solver (O2 cuts, repair after a time-out); imports nothing from model/."""
