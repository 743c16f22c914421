"""The exercise self-checks (logreg.checks) pass every correct solution, reject plausible wrong
ones naming the mistake, and always call the function they are given.

Correct solutions come in three independent flavours: hand-written numpy as a notebook would
have it, the logreg reference, and torch (its own functions or autograd, float64).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import numpy as np
import pytest
import scipy.special
import torch
import torch.nn.functional as F

import logreg
from logreg import checks
from logreg.gradients import logistic_loss_and_gradients
from logreg.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    cross_entropy_grad,
    soft_margin_loss_grad,
)
from logreg.models import HW2Neuron, LogisticRegression

# --- building blocks a notebook has written by the time of each exercise -------------------

def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def stable_softmax(Z, axis=1):
    E = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


def log_softmax(Z):
    S = Z - Z.max(axis=1, keepdims=True)
    return S - np.log(np.exp(S).sum(axis=1, keepdims=True))


def one_hot(y, k):
    return np.eye(k)[y]


def t(x):
    return torch.as_tensor(np.asarray(x), dtype=torch.float64)


def autograd(loss: Callable[..., torch.Tensor], *params):
    """Gradients of ``loss(*params)`` w.r.t. every param, by torch autograd in float64."""
    ps = [t(p).requires_grad_(True) for p in params]
    grads = torch.autograd.grad(loss(*ps), ps)
    return tuple(g.numpy() if g.ndim else float(g) for g in grads)


# --- parametrised gradient formulas: the correct one and its plausible mistakes ------------

def hw2(X, y, w, b, sign=-1.0, factor=2.0, n_div=1, dsig=lambda z, a: a * (1 - a), act=sigmoid):
    z = X @ w + b
    a = act(z)
    delta = sign * factor * (y - a) * dsig(z, a) / len(y) ** n_div
    return X.T @ delta, delta.sum()


def hw2_loop(X, y, w, b):
    """The slide's pseudo-code: accumulate per example, then divide by n."""
    grad_w, grad_b = np.zeros_like(w), 0.0
    for x_i, y_i in zip(X, y, strict=True):
        a = sigmoid(x_i @ w + b)
        d = -2.0 * (y_i - a) * a * (1 - a)
        grad_w += d * x_i
        grad_b += d
    return grad_w / len(y), grad_b / len(y)


def logistic(X, y, w, b, act=sigmoid, extra=lambda z: 1.0, mean=True, with_b=True):
    z = X @ w + (b if with_b else 0.0)
    delta = (act(z) - y) * extra(z) / (len(y) if mean else 1)
    return X.T @ delta, delta.sum()


def softreg(X, y, W, b, act=stable_softmax, targets=None, mean=True, bias_axis=0, with_b=True):
    Z = X @ W + (b if with_b else 0.0)
    Y = one_hot(y, W.shape[1]) if targets is None else targets(y)
    G = (act(Z) - Y) / (len(y) if mean else 1)
    return X.T @ G, G.sum(axis=bias_axis)


def bce(z, y, combine=lambda y, lp, lq: -(y * lp + (1 - y) * lq), reduce=np.mean):
    """Loss from log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z), stably."""
    return reduce(combine(y, -np.logaddexp(0, -z), -np.logaddexp(0, z)))


def bce_from_probas(z, y, clip=None, base=np.log):
    a = sigmoid(z) if clip is None else np.clip(sigmoid(z), clip, 1 - clip)
    return -np.mean(y * base(a) + (1 - y) * base(1 - a))


def ce(Z, y, logp=log_softmax, pick=lambda L, y: L[np.arange(len(y)), y], reduce=np.mean):
    return -reduce(pick(logp(Z), y))


# --- correct solutions ----------------------------------------------------------------------
# numpy as a notebook would write it, torch tensor operations (no built-in for the exercise's
# own formula), and float32.

def tsig(z):
    """A stable sigmoid from torch tensor operations."""
    e = torch.exp(-torch.abs(z))
    return torch.where(z >= 0, 1 / (1 + e), e / (1 + e))


def tlog_softmax(Z):
    S = Z - Z.max(dim=1, keepdim=True).values
    return S - torch.log(torch.exp(S).sum(dim=1, keepdim=True))


def f32(fn):
    """``fn`` computed in float32 from float32 inputs."""
    def in_float32(*args):
        return fn(*(a.astype(np.float32) if isinstance(a, np.ndarray) and a.dtype.kind == "f"
                    else a for a in args))
    return in_float32


def l2(X, y, w, b, lam):
    grad_w, grad_b = logistic(X, y, w, b)
    return grad_w + lam * w, grad_b


def smoothed_ce(Z, y, eps):
    T = (1 - eps) * one_hot(y, Z.shape[1]) + eps / Z.shape[1]
    return -np.sum(T * log_softmax(Z)) / len(y)


def softplus(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


CORRECT: dict[str, list[tuple[str, Callable]]] = {
    "check_sigmoid_derivative": [
        ("numpy s(1-s)", lambda z: sigmoid(z) * (1 - sigmoid(z))),
        ("numpy e^-|z|/(1+e^-|z|)^2", lambda z: np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2),
        ("torch ops", lambda z: (tsig(t(z)) * (1 - tsig(t(z)))).numpy()),
        ("float32", f32(lambda z: sigmoid(z) * (1 - sigmoid(z)))),
    ],
    "check_hw2_gradient": [
        ("numpy vectorized", hw2),
        ("numpy slide loop", hw2_loop),
        ("torch ops", lambda X, y, w, b: (lambda a: (
            (t(X).T @ (-2 * (t(y) - a) * a * (1 - a) / len(y))).numpy(),
            float((-2 * (t(y) - a) * a * (1 - a)).mean())))(tsig(t(X) @ t(w) + b))),
        ("float32", f32(hw2)),
    ],
    "check_logistic_gradient": [
        ("numpy", logistic),
        ("torch ops", lambda X, y, w, b: (lambda d: ((t(X).T @ d).numpy(), d.sum().item()))(
            (tsig(t(X) @ t(w) + b) - t(y)) / len(y))),
        ("float32", f32(logistic)),
    ],
    "check_predict_labels": [
        ("numpy z > 0", lambda X, w, b: (X @ w + b > 0).astype(int)),
        ("numpy where sigma > 0.5", lambda X, w, b: np.where(sigmoid(X @ w + b) > 0.5, 1, 0)),
        ("torch", lambda X, w, b: (tsig(t(X) @ t(w) + b) > 0.5).long().numpy()),
    ],
    "check_l2_logistic_gradient": [
        ("numpy", l2),
        ("float32", f32(l2)),
    ],
    "check_bce_with_logits": [
        ("numpy softplus", lambda z, y: np.mean(softplus(z) - y * z)),
        ("numpy log-sigmoid", bce),
        ("torch ops", lambda z, y: torch.mean(torch.clamp(t(z), min=0)
                                              + torch.log1p(torch.exp(-torch.abs(t(z))))
                                              - t(y) * t(z)).item()),
        ("float32", f32(bce)),
    ],
    "check_pm1_logistic_gradient": [
        ("numpy", lambda z, y: -y * sigmoid(-y * z) / len(z)),
        ("numpy via {0, 1} labels", lambda z, y: (sigmoid(z) - (y + 1) / 2) / len(z)),
        ("float32", f32(lambda z, y: -y * sigmoid(-y * z) / len(z))),
    ],
    "check_weighted_bce_with_logits": [
        ("numpy", lambda z, y, p: np.mean(p * y * softplus(-z) + (1 - y) * softplus(z))),
        ("torch ops", lambda z, y, p: torch.mean(
            p * t(y) * torch.nn.functional.softplus(-t(z))
            + (1 - t(y)) * torch.nn.functional.softplus(t(z))).item()),
    ],
    "check_softmax": [
        ("numpy max-shift", stable_softmax),
        ("torch ops", lambda Z: torch.exp(tlog_softmax(t(Z))).numpy()),
        ("float32", f32(stable_softmax)),
    ],
    "check_cross_entropy": [
        ("numpy log-softmax", ce),
        ("numpy one-hot", lambda Z, y: -np.sum(one_hot(y, Z.shape[1]) * log_softmax(Z)) / len(y)),
        ("torch ops", lambda Z, y: -tlog_softmax(t(Z))[torch.arange(len(y)), y].mean().item()),
        ("float32", f32(ce)),
    ],
    "check_label_smoothing_cross_entropy": [
        ("numpy", smoothed_ce),
        ("float32", f32(smoothed_ce)),
    ],
    "check_softmax_regression_gradient": [
        ("numpy", softreg),
        ("torch ops", lambda X, y, W, b: (lambda G: ((t(X).T @ G).numpy(), G.sum(0).numpy()))(
            (torch.exp(tlog_softmax(t(X) @ t(W) + t(b))) - t(one_hot(y, W.shape[1]))) / len(y))),
        ("float32", f32(softreg)),
    ],
}

# --- answers that borrow the formula they should write: rejected, naming what they call ------

BORROWED = [
    ("check_sigmoid_derivative", logreg.sigmoid_derivative, "logreg.activations.sigmoid_derivative"),
    ("check_sigmoid_derivative", lambda z: autograd(lambda zt: torch.sigmoid(zt).sum(), z)[0],
     "torch.autograd"),
    ("check_hw2_gradient", lambda X, y, w, b: HW2Neuron().loss_and_gradients(X, y, w, b)[1:],
     "logreg.models"),
    ("check_hw2_gradient", lambda X, y, w, b: autograd(
        lambda w, b: torch.mean((t(y) - torch.sigmoid(t(X) @ w + b)) ** 2), w, b),
     "torch.autograd"),
    ("check_logistic_gradient", lambda X, y, w, b: logistic_loss_and_gradients(X, y, w, b)[1:],
     "logreg.gradients"),
    ("check_logistic_gradient", lambda X, y, w, b: autograd(
        lambda w, b: F.binary_cross_entropy_with_logits(t(X) @ w + b, t(y)), w, b),
     "torch.autograd"),
    ("check_bce_with_logits", binary_cross_entropy_with_logits, "logreg.losses"),
    ("check_bce_with_logits", lambda z, y: F.binary_cross_entropy_with_logits(t(z), t(y)).item(),
     "binary_cross_entropy_with_logits"),
    ("check_bce_with_logits", lambda z, y: torch.nn.BCEWithLogitsLoss()(t(z), t(y)).item(),
     "binary_cross_entropy_with_logits"),
    ("check_weighted_bce_with_logits", lambda z, y, p: F.binary_cross_entropy_with_logits(
        t(z), t(y), pos_weight=t(p)).item(), "binary_cross_entropy_with_logits"),
    ("check_pm1_logistic_gradient", lambda z, y: soft_margin_loss_grad(z, y), "logreg.losses"),
    ("check_softmax", lambda Z: logreg.softmax(Z, axis=1), "logreg.activations.softmax"),
    ("check_softmax", lambda Z: torch.softmax(t(Z), dim=1).numpy(), "softmax"),
    ("check_softmax", lambda Z: t(Z).softmax(1).numpy(), "torch.Tensor.softmax"),
    ("check_softmax", lambda Z: F.softmax(t(Z), dim=1).numpy(), "torch.nn.functional.softmax"),
    ("check_softmax", lambda Z: scipy.special.softmax(Z, axis=1), "scipy.special"),
    ("check_cross_entropy", cross_entropy, "logreg.losses.cross_entropy"),
    ("check_cross_entropy", lambda Z, y: F.cross_entropy(t(Z), torch.as_tensor(y)).item(),
     "cross_entropy"),
    ("check_cross_entropy", lambda Z, y: F.nll_loss(F.log_softmax(t(Z), 1), torch.as_tensor(y))
     .item(), "log_softmax"),
    ("check_label_smoothing_cross_entropy", lambda Z, y, eps: F.cross_entropy(
        t(Z), torch.as_tensor(y), label_smoothing=eps).item(), "cross_entropy"),
    ("check_softmax_regression_gradient", lambda X, y, W, b: (
        X.T @ cross_entropy_grad(X @ W + b, y), cross_entropy_grad(X @ W + b, y).sum(axis=0)),
     "logreg.losses.cross_entropy"),
    ("check_softmax_regression_gradient", lambda X, y, W, b: autograd(
        lambda W, b: F.cross_entropy(t(X) @ W + b, torch.as_tensor(y)), W, b), "torch.autograd"),
    ("check_predict_labels", lambda X, w, b: LogisticRegression(epochs=0).fit(
        X, np.zeros(len(X))).predict(X), "logreg.models"),
]

# --- wrong implementations: (check, what it gets wrong, fn, regex the message must match) ---

def _inplace_softmax(Z):
    Z -= Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def _swapped_bce(z, y):
    a = sigmoid(z)
    return -np.mean(a * np.log(y) + (1 - a) * np.log(1 - y))  # the BCE slide's erratum


WRONG = [
    # 01 sigmoid derivative
    ("check_sigmoid_derivative", "z(1-z)", lambda z: z * (1 - z), r"instead of σ\(z\)"),
    ("check_sigmoid_derivative", "sigma itself", sigmoid, r"returned σ\(z\) itself"),
    ("check_sigmoid_derivative", "sign", lambda z: -sigmoid(z) * (1 - sigmoid(z)), "sign flipped"),
    ("check_sigmoid_derivative", "1-sigma", lambda z: 1 - sigmoid(z), r"missing the factor σ\(z\)"),
    ("check_sigmoid_derivative", "naive e^-z form",
     lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2, "overflow"),
    ("check_sigmoid_derivative", "naive sigmoid",
     lambda z: naive_sigmoid(z) * (1 - naive_sigmoid(z)), "overflow"),
    ("check_sigmoid_derivative", "column",
     lambda z: (sigmoid(z) * (1 - sigmoid(z))).reshape(-1, 1), "wrong shape"),
    # 02 HW2 neuron
    ("check_hw2_gradient", "sign (y - a)", lambda X, y, w, b: hw2(X, y, w, b, sign=1.0),
     "sign flipped"),
    ("check_hw2_gradient", "sum", lambda X, y, w, b: hw2(X, y, w, b, n_div=0), "factor n = \\d+"),
    ("check_hw2_gradient", "MSE/n twice", lambda X, y, w, b: hw2(X, y, w, b, n_div=2),
     "divided by n twice"),
    ("check_hw2_gradient", "no sigma'", lambda X, y, w, b: hw2(X, y, w, b, dsig=lambda z, a: 1.0),
     "missing the σ′ factor"),
    ("check_hw2_gradient", "sigma'(a)",
     lambda X, y, w, b: hw2(X, y, w, b, dsig=lambda z, a: sigmoid(a) * (1 - sigmoid(a))),
     "σ′ evaluated at a"),
    ("check_hw2_gradient", "no factor 2", lambda X, y, w, b: hw2(X, y, w, b, factor=1.0),
     "missing the factor 2"),
    ("check_hw2_gradient", "NLL gradient", logistic, r"logistic-regression \(NLL\) gradient"),
    ("check_hw2_gradient", "naive sigmoid", lambda X, y, w, b: hw2(X, y, w, b, act=naive_sigmoid),
     "overflow"),
    ("check_hw2_gradient", "grad_b per example",
     lambda X, y, w, b: (hw2(X, y, w, b)[0], -2 * (y - sigmoid(X @ w + b)) / len(y)),
     "grad_b: wrong shape"),
    # 03 logistic regression
    ("check_logistic_gradient", "y - a (slide)", lambda X, y, w, b: (
        X.T @ (y - sigmoid(X @ w + b)) / len(y), np.mean(y - sigmoid(X @ w + b))),
     "sign flipped.*erratum"),
    ("check_logistic_gradient", "sum", lambda X, y, w, b: logistic(X, y, w, b, mean=False),
     "factor n = \\d+"),
    ("check_logistic_gradient", "extra sigma'",
     lambda X, y, w, b: logistic(X, y, w, b, extra=lambda z: sigmoid(z) * (1 - sigmoid(z))),
     "extra σ′ factor"),
    ("check_logistic_gradient", "z - y", lambda X, y, w, b: logistic(X, y, w, b, act=lambda z: z),
     r"instead of σ\(z\)"),
    ("check_logistic_gradient", "no bias", lambda X, y, w, b: logistic(X, y, w, b, with_b=False),
     "bias b is missing"),
    ("check_logistic_gradient", "MSE gradient", hw2, r"MSE \(HW2\) gradient"),
    ("check_logistic_gradient", "naive sigmoid",
     lambda X, y, w, b: logistic(X, y, w, b, act=naive_sigmoid), "overflow"),
    ("check_logistic_gradient", "grad_w column",
     lambda X, y, w, b: (X.T @ (sigmoid(X @ w + b) - y)[:, None] / len(y),
                         np.mean(sigmoid(X @ w + b) - y)), "grad_w: wrong shape"),
    # 03 predict
    ("check_predict_labels", "z > 0.5", lambda X, w, b: (X @ w + b > 0.5).astype(int),
     "thresholded z at 0.5"),
    ("check_predict_labels", "sigma > 0", lambda X, w, b: (sigmoid(X @ w + b) > 0).astype(int),
     r"thresholded σ\(z\) at 0"),
    ("check_predict_labels", "probabilities", lambda X, w, b: sigmoid(X @ w + b),
     "returned the probabilities"),
    ("check_predict_labels", "booleans", lambda X, w, b: X @ w + b > 0, "booleans"),
    ("check_predict_labels", "float labels", lambda X, w, b: (X @ w + b > 0).astype(float),
     "not integer labels"),
    ("check_predict_labels", "column", lambda X, w, b: (X @ w[:, None] + b > 0).astype(int),
     "wrong shape"),
    ("check_predict_labels", "swapped", lambda X, w, b: (X @ w + b < 0).astype(int),
     "labels swapped"),
    ("check_predict_labels", "z >= 0", lambda X, w, b: (X @ w + b >= 0).astype(int), "z ≥ 0"),
    ("check_predict_labels", "naive sigmoid",
     lambda X, w, b: (naive_sigmoid(X @ w + b) > 0.5).astype(int), "overflow"),
    # 04 binary cross-entropy from logits
    ("check_bce_with_logits", "no minus", lambda z, y: -bce(z, y), "sign flipped"),
    ("check_bce_with_logits", "sum", lambda z, y: bce(z, y, reduce=np.sum), "factor n"),
    ("check_bce_with_logits", "brackets (slide)",
     lambda z, y: bce(z, y, combine=lambda y, lp, lq: -y * lp + (1 - y) * lq), "brackets missing"),
    ("check_bce_with_logits", "from probabilities", bce_from_probas, "overflow"),
    ("check_bce_with_logits", "clipped", lambda z, y: bce_from_probas(z, y, clip=1e-7), "clipped"),
    ("check_bce_with_logits", "log2", lambda z, y: bce_from_probas(z, y, base=np.log2), "log₂"),
    ("check_bce_with_logits", "{-1,+1} form", lambda z, y: np.mean(np.logaddexp(0, -y * z)),
     r"\{−1, \+1\} form"),
    ("check_bce_with_logits", "a and y swapped (slide)", _swapped_bce, "swaps a and y"),
    # 05 softmax
    ("check_softmax", "axis 0", lambda Z: stable_softmax(Z, axis=0), "wrong axis"),
    ("check_softmax", "no max shift", lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True),
     "no max-shift"),
    ("check_softmax", "global max", lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(
        axis=1, keepdims=True), "each row's own maximum"),
    ("check_softmax", "all entries", lambda Z: np.exp(Z) / np.exp(Z).sum(), "all entries at once"),
    ("check_softmax", "no keepdims", lambda Z: np.exp(Z - Z.max(axis=1)) / np.exp(
        Z - Z.max(axis=1)).sum(axis=1, keepdims=True), "without keepdims"),
    ("check_softmax", "not normalised", lambda Z: np.exp(Z), "not normalised"),
    ("check_softmax", "in place", _inplace_softmax, "in place"),
    # 05 cross-entropy
    ("check_cross_entropy", "sign", lambda Z, y: -ce(Z, y), "sign flipped"),
    ("check_cross_entropy", "sum", lambda Z, y: ce(Z, y, reduce=np.sum), "factor n"),
    ("check_cross_entropy", "mean over n*K",
     lambda Z, y: -np.mean(one_hot(y, Z.shape[1]) * log_softmax(Z)), "all n·K entries"),
    ("check_cross_entropy", "axis 0", lambda Z, y: ce(Z, y, logp=lambda Z: np.log(
        stable_softmax(Z, axis=0))), "wrong axis"),
    ("check_cross_entropy", "P[:, y]", lambda Z, y: ce(Z, y, pick=lambda L, y: L[:, y]),
     "n × n block"),
    ("check_cross_entropy", "all classes", lambda Z, y: ce(Z, y, pick=lambda L, y: L.sum(axis=1)),
     "over all classes"),
    ("check_cross_entropy", "log of softmax", lambda Z, y: ce(Z, y, logp=lambda Z: np.log(
        stable_softmax(Z))), r"log\(softmax\) became log 0"),
    ("check_cross_entropy", "no max shift", lambda Z, y: ce(Z, y, logp=lambda Z: np.log(
        np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True))), "overflow"),
    # 06 softmax regression gradient
    ("check_softmax_regression_gradient", "bias summed over all (original notebook)",
     lambda X, y, W, b: (softreg(X, y, W, b)[0], softreg(X, y, W, b, bias_axis=None)[1]),
     "summed over the classes too"),
    ("check_softmax_regression_gradient", "bias summed over classes",
     lambda X, y, W, b: softreg(X, y, W, b, bias_axis=1), "summed over the classes too"),
    ("check_softmax_regression_gradient", "Y - P",
     lambda X, y, W, b: tuple(-g for g in softreg(X, y, W, b)), "sign flipped"),
    ("check_softmax_regression_gradient", "sum", lambda X, y, W, b: softreg(X, y, W, b, mean=False),
     "factor n = \\d+"),
    ("check_softmax_regression_gradient", "axis 0",
     lambda X, y, W, b: softreg(X, y, W, b, act=lambda Z: stable_softmax(Z, axis=0)), "wrong axis"),
    ("check_softmax_regression_gradient", "logits", lambda X, y, W, b: softreg(
        X, y, W, b, act=lambda Z: Z), "logits Z instead"),
    ("check_softmax_regression_gradient", "y not one-hot", lambda X, y, W, b: softreg(
        X, y, W, b, targets=lambda y: y[:, None]), "one-hot"),
    ("check_softmax_regression_gradient", "no bias", lambda X, y, W, b: softreg(
        X, y, W, b, with_b=False), "bias b is missing"),
    ("check_softmax_regression_gradient", "no max shift", lambda X, y, W, b: softreg(
        X, y, W, b, act=lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)), "no max-shift"),
    ("check_softmax_regression_gradient", "transposed", lambda X, y, W, b: (
        softreg(X, y, W, b)[0].T, softreg(X, y, W, b)[1]), "transposed"),
    # 03 transfer: L2 penalty
    ("check_l2_logistic_gradient", "bias penalised",
     lambda X, y, w, b, lam: (l2(X, y, w, b, lam)[0], l2(X, y, w, b, lam)[1] + lam * b),
     "bias is penalised"),
    ("check_l2_logistic_gradient", "lam/2 w",
     lambda X, y, w, b, lam: (logistic(X, y, w, b)[0] + lam / 2 * w, logistic(X, y, w, b)[1]),
     "lam/2 · w"),
    ("check_l2_logistic_gradient", "minus lam w",
     lambda X, y, w, b, lam: (logistic(X, y, w, b)[0] - lam * w, logistic(X, y, w, b)[1]),
     "penalty sign flipped"),
    ("check_l2_logistic_gradient", "lam w / n",
     lambda X, y, w, b, lam: (logistic(X, y, w, b)[0] + lam * w / len(y), logistic(X, y, w, b)[1]),
     "penalty divided by n"),
    ("check_l2_logistic_gradient", "no penalty", lambda X, y, w, b, lam: logistic(X, y, w, b),
     "no penalty"),
    ("check_l2_logistic_gradient", "2 lam w",
     lambda X, y, w, b, lam: (logistic(X, y, w, b)[0] + 2 * lam * w, logistic(X, y, w, b)[1]),
     "2 · lam · w"),
    ("check_l2_logistic_gradient", "naive sigmoid", lambda X, y, w, b, lam: (
        X.T @ (naive_sigmoid(X @ w + b) - y) / len(y) + lam * w,
        np.mean(naive_sigmoid(X @ w + b) - y)), "overflow"),
    # 04 transfer: the {-1, +1} gradient
    ("check_pm1_logistic_gradient", "sum", lambda z, y: -y * sigmoid(-y * z), "factor n"),
    ("check_pm1_logistic_gradient", "sign", lambda z, y: y * sigmoid(-y * z) / len(z),
     "sign flipped"),
    ("check_pm1_logistic_gradient", "sigma(yz)", lambda z, y: -y * sigmoid(y * z) / len(z),
     r"σ\(yz\) where"),
    ("check_pm1_logistic_gradient", "no inner y", lambda z, y: -sigmoid(-y * z) / len(z),
     "inner derivative"),
    ("check_pm1_logistic_gradient", "{0, 1} formula", lambda z, y: (sigmoid(z) - y) / len(z),
     r"\{0, 1\} gradient"),
    ("check_pm1_logistic_gradient", "naive", lambda z, y: -y * np.exp(-y * z) / (
        1 + np.exp(-y * z)) / len(z), "overflow"),
    # 04 transfer: weighted BCE
    ("check_weighted_bce_with_logits", "weight on negatives",
     lambda z, y, p: np.mean(y * softplus(-z) + p * (1 - y) * softplus(z)), "negative examples"),
    ("check_weighted_bce_with_logits", "weight on both",
     lambda z, y, p: p * np.mean(y * softplus(-z) + (1 - y) * softplus(z)), "both terms"),
    ("check_weighted_bce_with_logits", "ignored",
     lambda z, y, p: np.mean(y * softplus(-z) + (1 - y) * softplus(z)), "ignored"),
    ("check_weighted_bce_with_logits", "normalised by weights", lambda z, y, p: np.sum(
        p * y * softplus(-z) + (1 - y) * softplus(z)) / np.sum(np.where(y == 1, p, 1)),
     "total weight"),
    ("check_weighted_bce_with_logits", "from probabilities",
     lambda z, y, p: -np.mean(p * y * np.log(sigmoid(z)) + (1 - y) * np.log(1 - sigmoid(z))),
     "overflow"),
    # 05 transfer: label smoothing
    ("check_label_smoothing_cross_entropy", "eps/(K-1)", lambda Z, y, eps: -np.sum(
        ((1 - eps) * one_hot(y, Z.shape[1]) + eps / (Z.shape[1] - 1)
         * (1 - one_hot(y, Z.shape[1]))) * log_softmax(Z)) / len(y), "K − 1 wrong classes"),
    ("check_label_smoothing_cross_entropy", "true class keeps 1", lambda Z, y, eps: -np.sum(
        (one_hot(y, Z.shape[1]) + eps / Z.shape[1]) * log_softmax(Z)) / len(y),
     "keeps weight 1"),
    ("check_label_smoothing_cross_entropy", "no smoothing", lambda Z, y, eps: ce(Z, y),
     "no smoothing"),
    ("check_label_smoothing_cross_entropy", "smoothed probabilities", lambda Z, y, eps: -np.mean(
        np.log((1 - eps) * stable_softmax(Z)[np.arange(len(y)), y] + eps / Z.shape[1])),
     "smoothed the probabilities"),
    ("check_label_smoothing_cross_entropy", "sum", lambda Z, y, eps: len(y) * smoothed_ce(Z, y, eps),
     "factor n"),
    ("check_label_smoothing_cross_entropy", "no max shift", lambda Z, y, eps: -np.sum(
        ((1 - eps) * one_hot(y, Z.shape[1]) + eps / Z.shape[1])
        * np.log(np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True))) / len(y), "overflow"),
]
CHECKS = sorted(CORRECT)


def _check(name: str) -> Callable[[Callable], None]:
    return getattr(checks, name)


@pytest.mark.parametrize(("check", "fn"), [(c, f) for c in CHECKS for _, f in CORRECT[c]],
                         ids=[f"{c}-{n}" for c in CHECKS for n, _ in CORRECT[c]])
def test_correct_solution_passes(check, fn, capsys):
    _check(check)(fn)
    out = capsys.readouterr().out
    assert re.fullmatch(rf"{check}: all \d+ cases passed\n", out), out


@pytest.mark.parametrize(("check", "fn", "match"), [(c, f, m) for c, _, f, m in WRONG],
                         ids=[f"{c}-{w}" for c, w, _, _ in WRONG])
def test_wrong_solution_fails_naming_the_mistake(check, fn, match, capsys):
    with pytest.raises(AssertionError, match=match) as info:
        _check(check)(fn)
    message = str(info.value)
    assert message.startswith(f"{check}: "), message
    assert len(message) < 3000, f"message too long ({len(message)} characters)"
    assert "passed" not in capsys.readouterr().out


def test_every_check_rejects_at_least_four_wrong_implementations():
    counts = {c: sum(w[0] == c for w in WRONG) for c in CHECKS}
    assert set(CHECKS) == set(checks.EXERCISES) == {n for n in checks.__all__ if n.startswith("check_")}
    assert all(k >= 4 for k in counts.values()), counts


@pytest.mark.parametrize("check", CHECKS)
def test_unrecognised_mistake_shows_input_expected_received(check):
    right = CORRECT[check][0][1]

    def off_by_a_bit(*args):
        out = right(*args)
        return tuple(np.asarray(o) + 0.01 for o in out) if isinstance(out, tuple) else out + 0.01

    with pytest.raises(AssertionError) as info:
        _check(check)(off_by_a_bit)
    message = str(info.value)
    for word in ("values differ", "input ", "expected ", "received "):
        assert word in message, message


@pytest.mark.parametrize("check", CHECKS)
def test_calls_the_given_function_on_every_case(check, capsys):
    calls = []
    right = CORRECT[check][0][1]

    def spy(*args):
        calls.append(args)
        return right(*args)

    _check(check)(spy)
    n_cases = int(re.search(r"all (\d+) cases", capsys.readouterr().out).group(1))
    assert len(calls) == n_cases >= 4


@pytest.mark.parametrize("check", CHECKS)
def test_not_implemented_propagates_with_a_hint(check):
    def exercise_stub(*args):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError, match=r"exercise_stub is not written yet.*"
                       rf"{check}\(exercise_stub\)"):
        _check(check)(exercise_stub)


@pytest.mark.parametrize("check", CHECKS)
def test_other_exceptions_become_assertion_errors_naming_the_case(check):
    def broken(*args):
        return {}["missing"]

    with pytest.raises(AssertionError, match=r"broken raised KeyError.*\n  on case '") as info:
        _check(check)(broken)
    assert isinstance(info.value.__cause__, KeyError)


@pytest.mark.parametrize("check", CHECKS)
def test_missing_return_is_explained(check):
    def forgot_return(*args):
        CORRECT[check][0][1](*args)

    with pytest.raises(AssertionError, match=r"forgot_return returned None: is a `return` missing"):
        _check(check)(forgot_return)


def test_wrong_number_of_outputs_is_explained():
    with pytest.raises(AssertionError, match=r"must return a tuple \(grad_w, grad_b\)"):
        checks.check_logistic_gradient(lambda X, y, w, b: X.T @ (sigmoid(X @ w + b) - y))


def test_warning_in_ordinary_case_fails_even_under_numpy_raise():
    """A student's own np.seterr(all='raise') does not turn an overflow into a crash."""
    with np.errstate(all="raise"), pytest.raises(AssertionError, match="no max-shift"):
        checks.check_softmax(lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True))


@pytest.mark.parametrize(("check", "fn", "called"), BORROWED,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(BORROWED)])
def test_an_answer_that_calls_the_builtin_is_rejected_saying_so(check, fn, called):
    with pytest.raises(AssertionError, match=r"calls .*computes what this exercise asks") as info:
        _check(check)(fn)
    assert called in str(info.value)


@pytest.mark.parametrize("check", sorted(checks.EXERCISES))
def test_every_recognised_mistake_is_named_when_made(check):
    """Each mistake of an exercise's table, played by a student, is reported by its message.
    (The table's wrong answers are computed by the checks' own code, which a student may not
    call: the test lifts that rule.)"""
    exercise = dataclasses.replace(checks.EXERCISES[check], forbidden=())
    for mistake in (m for m in exercise.mistakes if m.wrong is not None):
        names = list(exercise.cases(np.random.default_rng(0))[0].args)

        def student(*args, wrong=mistake.wrong, names=names):
            out = wrong(**dict(zip(names, args, strict=True)))
            return out if len(out) > 1 else out[0]

        with pytest.raises(AssertionError) as info:
            checks.run(exercise, student, seed=1, never=())
        expected = re.escape(mistake.message.split("{n}")[0][:60])
        assert re.search(expected, str(info.value)), (mistake.message, str(info.value))
