"""The exercise checks cannot be gamed: fresh cases on every call, verdicts that no module
attribute loosens, a profiler that cannot be switched off unseen; and they stay fair: harmless
warnings pass, failures say how to rerun the same cases."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pytest

import logreg
from logreg import checks


def softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def test_random_cases_are_fresh_on_every_call():
    seen: list[list[bytes]] = []

    def spy(Z):
        seen[-1].append(Z.tobytes())
        return softmax(Z)

    for _ in range(2):
        seen.append([])
        checks.check_softmax(spy)
    assert seen[0] != seen[1]


def test_replaying_recorded_outputs_fails():
    """A lookup table recorded from one run (input bytes -> output) fails the next run."""
    table: dict[bytes, np.ndarray] = {}

    def recorder(Z):
        table[Z.tobytes()] = softmax(Z)
        return table[Z.tobytes()]

    checks.check_softmax(recorder)

    def replay(Z):
        return table.get(Z.tobytes(), np.full_like(Z, 1 / Z.shape[1]))

    with pytest.raises(AssertionError, match="values differ|not normalised|wrong axis"):
        checks.check_softmax(replay)


def test_a_failure_names_the_seed_and_rerunning_it_gives_the_same_cases():
    def off(Z):
        return softmax(Z) * 1.01

    with pytest.raises(AssertionError) as info:
        checks.check_softmax(off)
    seed = int(re.search(r"check_softmax\(off, seed=(\d+)\)", str(info.value)).group(1))
    with pytest.raises(AssertionError) as again:
        checks.check_softmax(off, seed=seed)
    assert str(again.value) == str(info.value)


def _every_float_to(value: float) -> list[tuple[object, str, object]]:
    """Set every float attribute of every module of logreg.checks to ``value``; return what
    to restore."""
    saved = []
    for name, module in list(sys.modules.items()):
        if name.startswith("logreg.checks") and isinstance(module, types.ModuleType):
            for attr, old in list(vars(module).items()):
                if isinstance(old, float):
                    saved.append((module, attr, old))
                    setattr(module, attr, value)
    return saved


@pytest.mark.parametrize("check", sorted(checks.EXERCISES))
def test_loosening_every_float_of_the_checks_changes_no_verdict(check):
    """A student who sets every float in logreg.checks to 1e300, then answers 1 % off, fails."""
    from test_checks import CORRECT

    right = CORRECT[check][0][1]

    def one_percent_off(*args):
        out = right(*args)
        if isinstance(out, tuple):
            return tuple(np.asarray(o) * 1.01 + 0.01 for o in out)
        return np.asarray(out) * 1.01 + (0.01 if np.asarray(out).dtype.kind == "f" else 1)

    saved = _every_float_to(1e300)
    try:
        with pytest.raises(AssertionError):
            getattr(checks, check)(one_percent_off)
    finally:
        for module, attr, old in saved:
            setattr(module, attr, old)


def test_switching_off_the_profiler_is_caught():
    def sneaky(Z):
        sys.setprofile(None)
        return softmax(Z)

    with pytest.raises(AssertionError, match="replaced the profiler"):
        checks.check_softmax(sneaky)


@pytest.mark.parametrize("category", [DeprecationWarning, UserWarning, FutureWarning])
def test_a_harmless_warning_does_not_fail_a_correct_answer(category, capsys):
    def chatty(Z):
        warnings.warn("this API will change", category, stacklevel=1)
        return softmax(Z)

    checks.check_softmax(chatty)
    assert "all 8 cases passed" in capsys.readouterr().out


def test_a_formula_changed_in_its_one_home_changes_the_checks_and_the_models(tmp_path):
    """Double the logistic gradient in a copy of lib/logreg/gradients.py: the check then accepts
    the doubled answer and the model steps twice as far, with no other edit."""
    package = Path(logreg.__file__).parent
    copy = tmp_path / "logreg"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "datasets"))
    source = (copy / "gradients.py").read_text()
    line = "delta = (sigmoid(z) - y) / X.shape[0]"
    assert source.count(line) == 1, "the logistic gradient's line moved: update this test"
    (copy / "gradients.py").write_text(source.replace(line, "delta = 2 * (sigmoid(z) - y) / X.shape[0]"))
    code = f"""
import numpy as np
import logreg
from logreg.checks import check_logistic_gradient
from logreg.models import LogisticRegression
assert logreg.__file__.startswith({str(copy)!r})
def doubled(X, y, w, b):
    a = 1 / (1 + np.exp(-np.clip(X @ w + b, -500, 500)))
    return 2 * X.T @ (a - y) / len(y), 2 * np.mean(a - y)
check_logistic_gradient(doubled)
step = LogisticRegression(lr=1.0, epochs=1).fit(np.array([[1.0], [-1.0]]), [1, 0]).w_
print("one step:", step)
"""
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "LOGREG_DATA_DIR": str(package.parents[1] / "data")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "check_logistic_gradient: all 5 cases passed" in result.stdout
    assert "one step: [1.]" in result.stdout, result.stdout  # twice the unchanged step of 0.5


def test_the_check_takes_a_function_not_its_result():
    with pytest.raises(TypeError, match=r"takes your function itself"):
        checks.check_softmax(softmax(np.zeros((2, 2))))


@pytest.mark.parametrize("seed", [-1, 1.5, True, "1"])
def test_a_bad_seed_is_named(seed):
    with pytest.raises(ValueError, match="seed must be a non-negative integer or None"):
        checks.check_softmax(softmax, seed=seed)
