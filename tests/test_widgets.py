"""The classroom demos of :mod:`logreg.widgets`, driven headless: move a slider in code and
check that the readout and the figure follow, against references computed independently
(torch, closed forms), and that the displayed output is what strict nbval can compare."""

from __future__ import annotations

import base64
import math
import re

import numpy as np
import pytest
import torch
from ipywidgets import VBox

from logreg import widgets as W
from logreg.data import load_toy, standardize
from logreg.style import legibility

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def toy() -> tuple[np.ndarray, np.ndarray]:
    X, y = load_toy()
    (X_std,) = standardize(X)
    return X_std, y


def _make(index: int, toy) -> W.Demo:
    X, y = toy
    return [W.SigmoidDemo, lambda: W.DecisionBoundaryDemo(X, y), W.OddsDemo, W.SoftmaxDemo][index]()


def _move(demo: W.Demo, name: str, value: float) -> tuple[str, bytes]:
    """Set a slider as the browser would; return the readout and PNG from before the move."""
    before = (demo.text, demo.png)
    renders = demo.renders
    demo.sliders[name].value = value
    assert demo.renders == renders + 1, f"moving {name} re-rendered {demo.renders - renders} times"
    assert demo.text != before[0], f"the readout did not change when {name} moved"
    assert demo.png != before[1], f"the figure did not change when {name} moved"
    assert demo.image.value == demo.png, "the live Image widget does not show the new figure"
    assert demo.text in demo.readout.value, "the readout widget does not show the new text"
    return before


def test_sigmoid_demo_follows_w_and_b():
    demo = W.SigmoidDemo()
    assert np.allclose(demo.a, 1 / (1 + np.exp(-demo.z)), rtol=1e-12), "default is not sigma(z)"
    assert "= 0.5 at z = -b/w = 0.0000, slope there w/4 = 0.2500" in demo.text
    _move(demo, "w", 2.5)
    _move(demo, "b", -1.0)
    reference = torch.sigmoid(torch.from_numpy(2.5 * demo.z - 1.0)).numpy()
    np.testing.assert_allclose(demo.a, reference, rtol=1e-12, atol=0)
    assert "at z = -b/w = 0.4000, slope there w/4 = 0.6250" in demo.text, demo.text
    _move(demo, "w", 0.0)
    assert demo.text == f"w = 0.0, b = -1.0: flat line at sigma(b) = {1 / (1 + math.e):.4f}"


def test_decision_boundary_demo_nll_and_accuracy_follow_the_sliders(toy):
    X, y = toy
    demo = W.DecisionBoundaryDemo(X, y)
    for name, value in [("w1", 2.0), ("w2", -1.0), ("b", 0.5)]:
        _move(demo, name, value)
    z = torch.from_numpy(X @ np.array([2.0, -1.0]) + 0.5)
    nll = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.from_numpy(y).double())
    acc = float(np.mean((z.numpy() > 0) == (y == 1)))
    assert demo.nll == pytest.approx(nll.item(), rel=1e-12)
    assert demo.acc == acc
    assert f"mean NLL = {nll.item():.4f}, accuracy = {acc:.4f}" in demo.text, demo.text
    x1, x2 = demo.boundary()
    np.testing.assert_allclose(2.0 * x1 - 1.0 * x2 + 0.5, 0.0, atol=1e-12)


def test_decision_boundary_demo_without_weights_has_no_line(toy):
    X, y = toy
    demo = W.DecisionBoundaryDemo(X, y, w=(0.0, 0.0), b=0.0)
    assert demo.boundary() is None
    assert demo.nll == pytest.approx(math.log(2), rel=1e-12), "w = 0, b = 0 must give NLL log 2"
    _move(demo, "w2", 1.5)
    x1, x2 = demo.boundary()
    np.testing.assert_allclose(x2, 0.0, atol=1e-12)  # 1.5 x2 = 0: the horizontal axis


def test_decision_boundary_demo_validates_its_data(toy):
    X, y = toy
    with pytest.raises(ValueError, match="2 features"):
        W.DecisionBoundaryDemo(np.hstack([X, X]), y)
    with pytest.raises(ValueError, match="only 0 and 1"):
        W.DecisionBoundaryDemo(X, y + 1)
    with pytest.raises(ValueError, match="same number of examples"):
        W.DecisionBoundaryDemo(X[:-1], y)


def test_odds_demo_links_probability_odds_and_logit():
    demo = W.OddsDemo(p=0.8)
    assert "odds = p/(1-p) = 4.0000" in demo.text and f"log(odds) = {math.log(4):.4f}" in demo.text
    _move(demo, "p", 0.9)
    assert demo.sliders["odds"].value == pytest.approx(9.0, rel=1e-12)
    assert demo.sliders["logit"].value == pytest.approx(math.log(9.0), rel=1e-12)
    _move(demo, "logit", -1.0)
    assert demo.sliders["p"].value == pytest.approx(1 / (1 + math.e), rel=1e-12)
    assert demo.sliders["odds"].value == pytest.approx(math.exp(-1.0), rel=1e-12)
    _move(demo, "odds", 0.25)
    assert demo.sliders["p"].value == pytest.approx(0.2, rel=1e-12)
    assert demo.z == pytest.approx(math.log(0.25), rel=1e-12)
    assert demo.text.startswith("p = 0.2000  ->  odds = p/(1-p) = 0.2500")
    with pytest.raises(ValueError, match="p must lie"):
        W.OddsDemo(p=1.0)


def test_odds_demo_clips_linked_sliders_to_their_range():
    demo = W.OddsDemo()
    demo.sliders["logit"].value = demo.sliders["logit"].max
    p = demo.sliders["p"]
    assert p.min <= p.value <= p.max
    assert demo.p == pytest.approx(0.99, rel=1e-12), "the state is the exact logit, not the clipped slider"


def test_softmax_demo_follows_logits_and_temperature():
    demo = W.SoftmaxDemo()
    z = torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64)
    np.testing.assert_allclose(demo.probas, torch.softmax(z, 0).numpy(), rtol=1e-12)
    assert "softmax(z / T) = [0.6590, 0.2424, 0.0986]" in demo.text
    _move(demo, "T", 0.5)
    np.testing.assert_allclose(demo.probas, torch.softmax(z / 0.5, 0).numpy(), rtol=1e-12)
    _move(demo, "z2", 3.0)
    z[2] = 3.0
    np.testing.assert_allclose(demo.probas, torch.softmax(z / 0.5, 0).numpy(), rtol=1e-12)
    assert demo.text.endswith("most probable: class 2"), demo.text
    _move(demo, "T", 10.0)
    assert demo.probas.max() - demo.probas.min() < 0.1, "a large temperature must flatten"
    assert int(np.argmax(demo.probas)) == 2, "the temperature must not change the argmax"


@pytest.mark.parametrize("index", range(4), ids=["sigmoid", "boundary", "odds", "softmax"])
def test_displayed_bundle_is_stable_for_strict_nbval(toy, index):
    first, second = _make(index, toy), _make(index, toy)
    bundle, metadata = first.widget._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "image/png", W.WIDGET_VIEW}
    alt = metadata["image/png"]["alt"]
    assert alt.startswith(first.description) and first.text in alt, "no text alternative"
    text = bundle["text/plain"]
    assert text == second.widget._repr_mimebundle_()[0]["text/plain"], "text/plain differs between runs"
    assert text == repr(first.widget) and text.startswith("[interactive demo, sliders ")
    model_id = bundle[W.WIDGET_VIEW]["model_id"]
    assert model_id not in text and not re.search(r"0x[0-9a-fA-F]{6,}", text), text
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(PNG_SIGNATURE) and png == first.png == second.png, "PNG not reproducible"
    assert first.image.value == png, "the static PNG must equal the live figure at the defaults"


def test_demo_functions_display_one_widget_and_return_none(toy, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    X, y = toy
    calls = [(W.sigmoid_demo, ()), (W.decision_boundary_demo, (X, y)), (W.odds_demo, ()),
             (W.softmax_demo, ())]
    for fn, args in calls:
        assert fn(*args) is None, f"{fn.__name__} must return None (nothing echoed)"
    assert len(shown) == 4
    assert all(isinstance(w, VBox) and repr(w).startswith("[interactive demo") for w in shown)
    assert set(W.DEMOS.values()) == {fn for fn, _ in calls}


@pytest.mark.parametrize("index", range(4), ids=["sigmoid", "boundary", "odds", "softmax"])
def test_every_demo_figure_is_legible_when_projected(toy, index):
    demo = _make(index, toy)
    assert legibility(demo.figure) == []
    for name, slider in demo.sliders.items():  # and after a move to either end of each slider
        for value in (slider.min, slider.max):
            slider.value = value
            assert legibility(demo.figure) == [], (name, value)
