"""Smoke test of benchmarks/ (`make bench`): the benchmark code runs at tiny sizes
and its results keep their structure, so it cannot rot unnoticed. Timings are not compared
with anything (the machine may be busy); only that they and their ratios are positive and
finite. The notebooks and nbval are not executed here (`make test` does that anyway)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not installed

from benchmarks import loop_vs_vectorized, report, softmax_epoch, suite  # noqa: E402
from benchmarks import run as bench  # noqa: E402
from benchmarks.timing import paired_ratio, round_robin  # noqa: E402
from logreg.blas import WAYS  # noqa: E402


def positive_finite(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x) and x > 0


@pytest.fixture(scope="module")
def results():
    return bench.run_all(only=("softmax", "logistic", "loop"), quick=True)


def test_round_robin_times_every_contender_every_round():
    calls = {"a": 0, "b": 0}

    def bump(name):
        calls[name] += 1

    timings = round_robin({"a": lambda: bump("a"), "b": lambda: bump("b")}, rounds=4,
                          warmup=1, reference="a", number={"b": 3})
    assert calls == {"a": 1 + 4, "b": 1 + 4 * 3}
    assert len(timings["a"].samples) == len(timings["b"].samples) == 4
    assert timings["a"].ratio == 1.0 and positive_finite(timings["b"].ratio)
    assert positive_finite(paired_ratio(timings["b"], timings["a"]))
    with pytest.raises(ValueError, match="reference"):
        round_robin({"a": lambda: None}, rounds=1, reference="c")


def test_softmax_epoch_results(results):
    se = results["softmax_epoch"]
    assert positive_finite(se["bandwidth"]["read_bytes_per_s"])
    assert [(r["dtype"], r["threads"]) for r in se["results"]] == [("float64", 1), ("float32", 1)]
    timing_keys = ("median_s", "min_s", "cpu_median_s", "ratio_to_floor", "cpu_ratio_to_floor")
    for row in se["results"]:
        products = row["products"]
        # every way of logreg.blas on two layouts of each product's second operand
        assert len(products) == 2 * 2 * len(WAYS)
        for name, c in products.items():
            assert c["product"] in (softmax_epoch.Z_PRODUCT, softmax_epoch.G_PRODUCT), name
            assert all(positive_finite(c[key]) for key in (*timing_keys, "over_memory_bound")), name
        floor = row["floor"]
        assert floor["ratio_to_floor"] == 1.0
        for product, way in floor["ways"].items():  # the fastest of its product, by median
            assert products[way]["product"] == product
            assert products[way]["median_s"] == min(c["median_s"] for c in products.values()
                                                    if c["product"] == product)
        assert set(row["epochs"]) == {softmax_epoch.NUMPY_FLOOR, softmax_epoch.OURS,
                                      softmax_epoch.OURS_FIT, softmax_epoch.FINITE,
                                      softmax_epoch.TORCH_MANUAL, softmax_epoch.TORCH_NN}
        for name, c in row["epochs"].items():
            assert all(positive_finite(c[key]) for key in timing_keys), name
        assert positive_finite(row["memory_bound_s"])
        assert set(row["logreg_ways"].values()) <= set(WAYS)  # logreg's choice, recorded
        assert all(positive_finite(r) for r in row["partial_fit_over_floor_and_check"].values())
        assert set(row["ours_over_torch_nn"]) == {softmax_epoch.OURS, softmax_epoch.OURS_FIT}
        assert all(positive_finite(r) for r in row["ours_over_torch_nn"].values())


def test_floor_and_fit_rows_are_taken_round_by_round():
    from benchmarks.timing import Timing

    a = Timing(samples=[1.0, 2.0, 30.0], cpu_samples=[1.0, 2.0, 3.0])
    b = Timing(samples=[2.0, 2.0, 2.0], cpu_samples=[1.0, 1.0, 1.0])
    total = softmax_epoch._per_round(lambda x, y: x + y, a, b)
    assert total.samples == [3.0, 4.0, 32.0] and total.cpu_samples == [2.0, 3.0, 4.0]
    assert paired_ratio(a, total) == 0.5 and paired_ratio(a, b, cpu=True) == 2.0


def test_logistic_optimum_results(results):
    lo = results["logistic_optimum"]
    assert set(lo["methods"]) == {"logreg", "torch L-BFGS", "scikit-learn"}
    assert math.isfinite(lo["best_loss"]) and 0 < lo["best_loss"] < math.log(2)
    for name, m in lo["methods"].items():
        assert m["final_gap"] >= 0, name
        assert m["reached_target"], f"{name} did not reach the target at smoke size"
        assert positive_finite(m["time_to_target_s"]) and positive_finite(m["ratio_to_logreg"])
        assert 0 <= m["gap_at_target"] <= lo["target_gap"], name
    assert min(m["final_gap"] for m in lo["methods"].values()) == 0


def test_loop_vs_vectorized_results(results):
    rows = results["loop_vs_vectorized"]["rows"]
    assert [r["n"] for r in rows] == [10, 100]
    for r in rows:
        assert set(r["times_s"]) == {"loop", "loop, numpy-indexed", "vectorized"}
        assert all(positive_finite(t) for t in r["times_s"].values())
        assert all(positive_finite(s) for s in r["speedup"].values())


def test_slide_loop_matches_the_vectorized_gradient():
    from logreg.models import HW2Neuron

    rng = np.random.default_rng(0)
    X, y, w = rng.normal(size=(7, 2)), rng.integers(0, 2, 7).astype(float), np.array([0.3, -1.0])
    loss, grad_w, grad_b = loop_vs_vectorized.slide_loop(X.tolist(), y.tolist(), w.tolist(), 0.5)
    ref = HW2Neuron().loss_and_gradients(X, y, w, np.float64(0.5))
    np.testing.assert_allclose([loss, *grad_w, grad_b], [ref[0], *ref[1], ref[2]], rtol=1e-12)


def test_pytest_summary_is_parsed():
    out = "....\n\n12 passed, 1 failed, 2 skipped in 3.21s\n"
    assert suite.parse_pytest_summary(out) == {"passed": 12, "failed": 1, "skipped": 2}
    assert suite.parse_pytest_summary("") == {}


def test_report_writes_json_markdown_and_plots(results, tmp_path):
    fake_suite = {
        "notebooks": [{"notebook": "01_x.ipynb", "seconds": 1.5, "cells": 3, "ok": True,
                       "error": None}],
        "notebooks_total_s": 1.5,
        "nbval": {"command": "python -m pytest notebooks -q", "seconds": 9.0, "returncode": 0,
                  "counts": {"passed": 3}},
    }
    paths = report.write(dict(results, suite=fake_suite, elapsed_s=1.0), tmp_path)
    assert {"json", "md", "softmax_epoch", "logistic_optimum", "loop_vs_vectorized"} <= set(paths)
    saved = json.loads(paths["json"].read_text())
    assert saved["machine"]["cores"] >= 1 and saved["machine"]["threadpools"]
    # at one thread: partial_fit and fit, each near the floor and faster than torch, per dtype
    assert len(saved["goals"]) == 8 and all(isinstance(g["met"], bool) for g in saved["goals"])
    md = paths["md"].read_text()
    for heading in ("## 1.", "## 2.", "## 3.", "## 4.", "## Goals"):
        assert heading in md
    # memory bound, floor, six epochs; every product's way
    assert md.count("| float64 | 1 |") == 2 + 6 + 2 * 2 * len(WAYS) and "01_x.ipynb" in md
    for png in ("softmax_epoch", "logistic_optimum", "loop_vs_vectorized"):
        assert paths[png].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
