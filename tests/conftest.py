"""Shared pytest configuration: draw figures off-screen; run property-based tests the same way
on every machine."""

import os
from pathlib import Path

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# hypothesis caches what it learns from the sources under build/, not in a .hypothesis/ that
# pytest would then try to collect.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(__file__).parents[1] / "build" / "hypothesis"))

# Derandomized (the examples follow from the test code, not from a clock), a fixed number of
# examples, nothing written to disk, no per-example deadline on a shared, noisy machine.
settings.register_profile(
    "logreg", derandomize=True, max_examples=60, database=None, deadline=None, print_blob=True
)
# A longer hunt with fresh examples on every run:
#   LOGREG_HYPOTHESIS=thorough .venv/bin/python -m pytest tests/test_properties.py
settings.register_profile(
    "thorough", parent=settings.get_profile("logreg"), derandomize=False, max_examples=2000
)
settings.load_profile(os.environ.get("LOGREG_HYPOTHESIS", "logreg"))
