"""The set-up files agree with each other: requirements.txt pins everything exactly,
environment.yml installs exactly those pins, and torch stays at the CPU-safe 2.13.0."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.+\-]+)", line)
            assert match, f"requirements.txt line is not an exact pin: {line!r}"
            pins[match[1].lower()] = match[2]
    return pins


def test_requirements_are_exact_pins_with_torch_2_13():
    pins = _requirements()
    assert pins.get("torch") == "2.13.0", "torch must stay pinned to 2.13.0 (CPU wheel)"
    for needed in ["numpy", "matplotlib", "jupyterlab", "ipykernel", "nbval", "jupytext", "pytest"]:
        assert needed in pins, f"requirements.txt lacks {needed}"


def test_environment_yml_installs_the_same_pins():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*-\s*python=3\.11\s*$", text, re.M), "environment.yml must use python=3.11"
    pip_lines = re.findall(r"^\s{4,}-\s*(.+?)\s*$", text, re.M)
    assert "-r requirements.txt" in pip_lines, "environment.yml must install requirements.txt"
    assert "-e ." in pip_lines, "environment.yml must install the logreg package"
    extra = [p for p in pip_lines if p not in ("-r requirements.txt", "-e .")]
    assert not extra, f"environment.yml pins packages outside requirements.txt: {extra}"
    deps = text.split("dependencies:", 1)[1]
    conda_deps = re.findall(r"^  -\s*([A-Za-z][\w\-]*)", deps, re.M)
    assert set(conda_deps) <= {"python", "pip"}, f"conda packages would drift from the pins: {conda_deps}"


def test_pyproject_configures_strict_nbval():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    addopts = config["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--nbval " in addopts + " " and "--nbval-lax" not in addopts, "nbval must be strict"
    assert "--nbval-current-env" in addopts
