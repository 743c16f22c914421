"""Shared pytest configuration: draw figures off-screen; run property-based tests the same way
on every machine; build the HTML site and the decks once per session."""

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings
from site_fixture import build_fixture_site, build_real_site, install_npm_packages

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


@pytest.fixture(scope="session")
def real_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML site of the real notebooks, as `make html` builds it."""
    return build_real_site("html", tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="session")
def real_slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The slide decks of the real notebooks, as `make slides` builds them."""
    return build_real_site("slides", tmp_path_factory.mktemp("slides"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture notebook (tests/site_fixture.py) as HTML (``html/``) and slides (``slides/``)."""
    install_npm_packages()
    return build_fixture_site(tmp_path_factory.mktemp("fixture"))
