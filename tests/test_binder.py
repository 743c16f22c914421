"""binder/ is what repo2docker builds (mybinder.org and the course image for Kubernetes): the
classroom's pins with CPU-only torch, the handouts built in postBuild, and no local state.
repo2docker itself renders the Dockerfile it would build (--no-build needs no Docker)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _pins(path: Path) -> dict[str, str]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return {m[1].lower(): m[2] for line in lines if (m := re.fullmatch(r"([\w.\-]+)==(\S+)", line))}


def _render() -> tuple[str, str]:
    """The Dockerfile repo2docker would build, and what it said while choosing."""
    run = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", "--user-id", "1000",
         "--user-name", "jovyan", "."],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout, run.stderr


def test_repo2docker_builds_from_binder_with_python_3_11():
    dockerfile, log = _render()
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile
    assert "environment for python=3.11" in log, f"repo2docker ignored binder/runtime.txt:\n{log}"
    assert "environment.yml" not in dockerfile, "repo2docker used the top-level environment.yml"
    assert not re.search(r'-r "?requirements\.txt', dockerfile), "repo2docker used the top-level requirements"


def test_binder_pins_torch_cpu_only_from_pytorchs_index():
    text = (BINDER / "requirements.txt").read_text()
    assert f"--extra-index-url {CPU_INDEX}" in text.splitlines()
    assert _pins(BINDER / "requirements.txt")["torch"] == "2.13.0+cpu", "the CUDA wheel would be installed"


def test_binder_pins_equal_requirements_txt():
    binder, top = _pins(BINDER / "requirements.txt"), _pins(ROOT / "requirements.txt")
    assert binder.pop("torch") == top["torch"] + "+cpu"
    differ = {name: (pin, top.get(name)) for name, pin in binder.items() if top.get(name) != pin}
    assert not differ, f"binder/requirements.txt pins differ from requirements.txt: {differ}"
    needs = ["numpy", "matplotlib", "jupyterlab", "ipykernel", "ipywidgets", "threadpoolctl", "nbgitpuller"]
    for needed in needs:
        assert needed in binder, f"binder/requirements.txt lacks {needed}"
    assert "jupyterhub" not in binder, "the image's jupyterhub-singleuser must match the chart's hub"
    assert "-e ." in (BINDER / "requirements.txt").read_text().splitlines(), "logreg is not installed"


def test_postbuild_uses_make_student_and_publishes_what_the_values_pull():
    post_build = (BINDER / "postBuild").read_text()
    assert "make --no-print-directory -o install student" in post_build
    assert "-m hub.handouts build/student build/handouts.git" in post_build
    values = (ROOT / "deploy" / "z2jh-values.yaml").read_text()
    assert "file:///srv/lecture08/build/handouts.git" in values


def test_an_image_never_takes_local_state():
    ignored = (BINDER / ".dockerignore").read_text().split()
    for path in [".venv", "node_modules", "build", "hub-state"]:
        assert path in ignored, f"binder/.dockerignore lets {path}/ into the image"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^HUB_STATE\s*\?=\s*hub-state$", makefile, re.M), "the default HUB_STATE moved"
