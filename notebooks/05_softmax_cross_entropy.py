# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 05 · Softmax and the multi-category cross-entropy
#
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — part 5 of 6.*
#
# Logistic regression (notebooks 03–04) separates **two** classes with one logit and the sigmoid.
# For $K$ classes we compute one logit per class, $z_k = \mathbf{w}_k^\top\mathbf{x} + b_k$, and need a
# function that turns the $K$ scores into $K$ probabilities: the **softmax**. Its loss is the
# multi-category **cross-entropy**. This notebook takes both apart; notebook 06 trains a model with them.
#
# **You will**
# 1. see that softmax turns any real scores into a probability distribution, and that adding a constant
#    to every logit changes nothing — which is what makes the overflow-proof *max shift* legal (claim **C19**);
# 2. watch the naive formula (and the original course notebook's softmax) return NaN, and fix it;
# 3. show that with $K = 2$ softmax *is* the sigmoid of the logit difference, so softmax regression
#    generalizes logistic regression (claim **C20**);
# 4. one-hot encode labels and compute the cross-entropy by hand, with `F.nll_loss` and with
#    `F.cross_entropy`, reproducing the original notebook's numbers to the last printed digit (claim **C21**);
# 5. learn why `nll_loss` wants log-probabilities and `cross_entropy` wants logits;
# 6. derive $\partial L/\partial \mathbf{z} = \operatorname{softmax}(\mathbf{z}) - \mathbf{y}$ and check it against autograd.
#
# Every claim ends in an `assert` that fails if the claim is false.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

import logreg
from logreg import relative_error, seed_everything
from logreg.losses import binary_cross_entropy_with_logits, one_hot
from logreg.plots import CLASS_COLORS

rng = seed_everything(123)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Softmax: from scores to a probability distribution (C19)
#
# For one example with logits $\mathbf{z} = (z_1, \dots, z_K)$:
#
# $$\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}$$
#
# Every $e^{z_i} > 0$, and dividing by their sum makes the $K$ outputs add up to 1 — whatever the
# signs and sizes of the scores. $e^z$ is increasing, so the largest logit gets the largest probability.
#
# Our running example is the original cross-entropy notebook's: four examples (rows), three classes (columns).

# %%
Z = np.array([[-0.30, -0.50, -0.50],
              [-0.40, -0.10, -0.50],
              [-0.30, -0.94, -0.50],
              [-0.99, -0.88, -0.50]])
y = np.array([0, 1, 2, 2])


def softmax_naive(z):
    """The slide's formula, literally: exponentiate, divide by the row sum."""
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


print(softmax_naive(Z))

# %% [markdown]
# **Check.** On many random logit vectors (some large, some negative), every output is non-negative,
# every row sums to 1, the arg-max is kept, and the result equals `torch.softmax`.

# %%
logits = rng.normal(scale=5.0, size=(1000, 6))
probs = softmax_naive(logits)

assert np.all(probs >= 0), "softmax gave a negative probability"
assert np.allclose(probs.sum(axis=1), 1.0, rtol=0, atol=1e-12), "a softmax row does not sum to 1"
assert np.array_equal(probs.argmax(axis=1), logits.argmax(axis=1)), "softmax changed the arg-max"
assert np.allclose(probs, torch.softmax(torch.from_numpy(logits), dim=1).numpy(), rtol=1e-12, atol=0), "differs from torch.softmax"
print(f"{logits.shape[0]} rows: all entries >= 0, all row sums = 1 (to 1e-12), same arg-max as the logits")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### One example, before and after
#
# Example 2 of the running example: three negative scores become three positive probabilities that add
# up to 1. The order is kept (class 0 has the largest score and the largest probability).

# %%
i = 2
fig, (ax_z, ax_p) = plt.subplots(1, 2, figsize=(8, 3.2))
classes = np.arange(Z.shape[1])
ax_z.bar(classes, Z[i], color=CLASS_COLORS[:3])
ax_z.axhline(0, color="gray", lw=0.5)
ax_z.set_title(f"logits $z$ of example {i}")
ax_p.bar(classes, softmax_naive(Z[i]), color=CLASS_COLORS[:3])
ax_p.set_ylim(0, 1)
ax_p.set_title(r"softmax$(z)$: probabilities that sum to 1")
for ax in (ax_z, ax_p):
    ax.set_xticks(classes, [f"class {k}" for k in classes])
for k, p in enumerate(softmax_naive(Z[i])):
    ax_p.text(k, p + 0.02, f"{p:.4f}", ha="center")
fig.tight_layout()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: softmax with a temperature
#
# Three logits and $\operatorname{softmax}(\mathbf{z}/T)$. The probabilities always sum to 1 and keep the order
# of the logits. A temperature $T < 1$ sharpens them towards one-hot, $T > 1$ flattens them towards
# uniform; $T$ never changes which class is most probable. Raise all three logits by the same amount and
# nothing moves: section 2 shows why. Without a running kernel you see the figure at
# $\mathbf{z} = (2, 1, 0.1)$, $T = 1$.

# %%
from logreg.widgets import softmax_demo

softmax_demo()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Adding a constant changes nothing — so shift by the maximum (C19)
#
# Add the same $c$ to every logit; $e^{c}$ factors out of numerator and denominator:
#
# $$\sigma(\mathbf{z} + c)_i = \frac{e^{z_i + c}}{\sum_j e^{z_j + c}} = \frac{e^{c}\,e^{z_i}}{e^{c}\sum_j e^{z_j}} = \sigma(\mathbf{z})_i$$
#
# Only the *differences* between logits matter. We check it with the naive formula itself, so the check
# does not assume what it is checking.

# %%
for c in [-30.0, -2.5, 7.0, 30.0]:
    assert np.allclose(softmax_naive(logits + c), softmax_naive(logits), rtol=1e-12, atol=0), f"softmax(z + {c}) != softmax(z)"
    print(f"softmax(z + {c:5.1f}) == softmax(z) on all {logits.shape[0]} rows")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why the naive formula breaks
#
# $e^{z}$ overflows float64 for $z > 709.8$ (float32: $z > 88.7$). With logits $[1000, 1001, 1002]$ every
# $e^{z_i}$ is `inf`, and $\infty/\infty$ is NaN. Far negative logits fail the other way: every $e^{z_i}$
# underflows to 0, and $0/0$ is NaN as well.

# %%
big = np.array([1000.0, 1001.0, 1002.0])
with np.errstate(over="ignore", invalid="ignore"):
    print("naive softmax([1000, 1001, 1002])    =", softmax_naive(big))
    print("naive softmax([-1000, -1001, -1002]) =", softmax_naive(-big))

with np.errstate(over="raise"):
    try:
        softmax_naive(big)
    except FloatingPointError as err:
        print("asked to raise instead, numpy says:   ", err)

# %% [markdown]
# **The fix** is the invariance above with $c = -\max_j z_j$:
#
# $$\sigma(\mathbf{z})_i = \frac{e^{z_i - \max_j z_j}}{\sum_k e^{z_k - \max_j z_j}}$$
#
# Now every exponent is $\le 0$, so nothing overflows, and the largest term is $e^0 = 1$, so the
# denominator is at least 1 and never $0$.

# %%
def softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


with np.errstate(all="raise"):   # any overflow, underflow or 0/0 would raise an error here
    stable_big, stable_small = softmax(big), softmax(-big)
print("shifted softmax([1000, 1001, 1002])    =", stable_big)
print("shifted softmax([-1000, -1001, -1002]) =", stable_small)

# %% [markdown]
# **Check.** The shifted result is exact: it equals the softmax of $[0, 1, 2]$ (the same differences),
# torch's and the package's softmax, and the naive one wherever the naive one works.

# %%
assert np.allclose(stable_big, softmax_naive(np.array([0.0, 1.0, 2.0])), rtol=1e-15, atol=0), "shifted softmax([1000,1001,1002]) != softmax([0,1,2])"
assert np.allclose(stable_small, softmax_naive(np.array([0.0, -1.0, -2.0])), rtol=1e-15, atol=0), "shifted softmax([-1000,...]) != softmax([0,-1,-2])"
assert np.allclose(stable_big, torch.softmax(torch.from_numpy(big), dim=0).numpy(), rtol=1e-15, atol=0), "differs from torch.softmax"
assert np.allclose(softmax(logits), softmax_naive(logits), rtol=1e-12, atol=0), "shifted and naive softmax differ on ordinary logits"
assert np.allclose(softmax(logits), logreg.softmax(logits), rtol=1e-15, atol=0), "differs from logreg.softmax"
print("max-shifted softmax: exact at +-1000, equal to torch, logreg and the naive formula elsewhere")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Erratum: the original notebook's softmax has no max shift
#
# > **Erratum.** The original cross-entropy notebook defines
# > `softmax(z) = (torch.exp(z.t()) / torch.sum(torch.exp(z), dim=1)).t()` — the slide's formula with no
# > max shift. It prints the right numbers for the small logits of its example, but it returns NaN as soon
# > as one logit exceeds about 88.7, because its tensors are float32. Use the max-shifted form
# > (or `torch.softmax`, which shifts internally).
#
# Here is the original function, unchanged, on float32 logits (torch does not warn — it silently returns NaN):

# %%
def softmax_original(z):  # verbatim from the original cross-entropy notebook
    return (torch.exp(z.t()) / torch.sum(torch.exp(z), dim=1)).t()


for row in ([1000.0, 1001.0, 1002.0], [89.0, 0.0, 0.0]):
    z_t = torch.tensor([row])                     # float32, like the original
    original = softmax_original(z_t)
    fixed = torch.softmax(z_t, dim=1)
    print(f"logits {row}:  original -> {original.numpy()[0]},  max-shifted -> {fixed.numpy()[0]}")
    assert torch.isnan(original).any(), "expected the unshifted softmax to return NaN here"
    assert torch.isfinite(fixed).all() and abs(fixed.sum().item() - 1) < 1e-6, "torch.softmax is not a distribution"

# %% [markdown]
# A distribution check like the one in section 1 would have caught it:

# %%
z_t = torch.tensor([[1000.0, 1001.0, 1002.0]])
rows_sum_to_one = torch.allclose(softmax_original(z_t).sum(dim=1), torch.ones(1))
print("original softmax: rows sum to 1?", rows_sum_to_one)
assert not rows_sum_to_one, "the check failed to catch the overflowing softmax"
assert torch.allclose(softmax_original(torch.tensor(Z, dtype=torch.float32)), torch.softmax(torch.tensor(Z, dtype=torch.float32), dim=1)), "on the small example logits the original should be fine"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Two classes: softmax is the sigmoid of the logit difference (C20)
#
# With $K = 2$, divide numerator and denominator by $e^{z_1}$:
#
# $$\sigma([z_0, z_1])_1 = \frac{e^{z_1}}{e^{z_0} + e^{z_1}} = \frac{1}{1 + e^{-(z_1 - z_0)}} = \sigma(z_1 - z_0),
# \qquad \sigma([z_0, z_1])_0 = 1 - \sigma(z_1 - z_0) = \sigma(z_0 - z_1).$$
#
# The probability depends only on the difference $z_1 - z_0$ (the invariance again): two-class softmax is the
# logistic sigmoid of notebook 01.

# %%
grid = np.linspace(-30, 30, 121)
z0, z1 = np.meshgrid(grid, grid)
pairs = np.column_stack([z0.ravel(), z1.ravel()])      # every (z0, z1) on a 121 x 121 grid

p = softmax(pairs)
assert np.allclose(p[:, 1], logreg.sigmoid(pairs[:, 1] - pairs[:, 0]), rtol=1e-12, atol=0), "softmax_1 != sigmoid(z1 - z0)"
assert np.allclose(p[:, 0], logreg.sigmoid(pairs[:, 0] - pairs[:, 1]), rtol=1e-12, atol=0), "softmax_0 != sigmoid(z0 - z1)"
print(f"softmax([z0, z1])_1 == sigmoid(z1 - z0) on all {len(pairs)} grid points")

# %% [markdown]
# Plotted against $z_1 - z_0$, all 14,641 grid points fall on one curve — the sigmoid:

# %%
diff = pairs[:, 1] - pairs[:, 0]
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(diff, p[:, 1], ".", ms=3, alpha=0.3, color=CLASS_COLORS[0], label=r"softmax$([z_0, z_1])_1$ at grid points")
t = np.linspace(-12, 12, 400)
ax.plot(t, logreg.sigmoid(t), color="k", lw=1, label=r"$\sigma(z_1 - z_0)$")
ax.set_xlim(-12, 12)
ax.set_xlabel("$z_1 - z_0$")
ax.legend(loc="upper left")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### So softmax regression generalizes logistic regression
#
# A softmax-regression model with two classes has logits $z_k = \mathbf{w}_k^\top\mathbf{x} + b_k$. Its class-1
# probability is $\sigma\bigl((\mathbf{w}_1 - \mathbf{w}_0)^\top\mathbf{x} + (b_1 - b_0)\bigr)$: a logistic-regression
# model with $\mathbf{w} = \mathbf{w}_1 - \mathbf{w}_0$ and $b = b_1 - b_0$. (One of the two weight vectors is
# redundant; only their difference matters.)

# %%
X = rng.normal(size=(50, 4))
W, b = rng.normal(size=(4, 2)), rng.normal(size=2)          # a two-class softmax model
softmax_model = softmax(X @ W + b)[:, 1]
logistic_model = logreg.sigmoid(X @ (W[:, 1] - W[:, 0]) + (b[1] - b[0]))
assert np.allclose(softmax_model, logistic_model, rtol=1e-12, atol=0), "2-class softmax model != logistic model with w1 - w0"
print("2-class softmax regression == logistic regression with w = w1 - w0, b = b1 - b0 on", len(X), "examples")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. One-hot labels
#
# The cross-entropy compares a predicted distribution $\mathbf{a}^{[i]}$ with a target distribution.
# For a label $y^{[i]} = k$ the target puts all its mass on class $k$: the **one-hot** vector with a 1 in
# position $k$ and 0 elsewhere.

# %%
n, K = Z.shape
Y = np.zeros((n, K))
Y[np.arange(n), y] = 1.0          # row i: a 1 in column y[i]
print("labels", y, "-> one-hot:")
print(Y)

# %%
assert np.array_equal(Y, F.one_hot(torch.from_numpy(y), num_classes=K).numpy()), "differs from torch.nn.functional.one_hot"
assert np.array_equal(Y, one_hot(y, K)), "differs from logreg.losses.one_hot"
assert np.array_equal(Y.argmax(axis=1), y) and np.all(Y.sum(axis=1) == 1), "one-hot does not round-trip to the labels"
print("hand-made one-hot == F.one_hot == logreg.losses.one_hot")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The multi-category cross-entropy
#
# Per example, with one-hot $\mathbf{y}^{[i]}$ and $\mathbf{a}^{[i]} = \operatorname{softmax}(\mathbf{z}^{[i]})$:
#
# $$H^{[i]} = -\sum_{k=1}^{K} y_k^{[i]} \log a_k^{[i]}, \qquad
# \mathcal{L} = \frac{1}{n}\sum_{i=1}^{n} H^{[i]} = \frac{1}{n}\sum_{i=1}^{n}\sum_{k=1}^{K} -y_k^{[i]} \log a_k^{[i]}$$
#
# Only one $y_k^{[i]}$ is non-zero, so $H^{[i]} = -\log a^{[i]}_{y^{[i]}}$: the negative log-probability the model
# gives the *true* class — the negative log-likelihood of notebook 03, now for $K$ classes.

# %%
def cross_entropy_per_example(A, Y):
    return -np.sum(Y * np.log(A), axis=1)


A = softmax(Z)
H = cross_entropy_per_example(A, Y)
print("per-example cross-entropy:", H)
print(f"mean cross-entropy:        {H.mean():.4f}")
assert np.allclose(H, -np.log(A[np.arange(n), y]), rtol=1e-15, atol=0), "H is not -log(probability of the true class)"
assert abs(H.mean() - logreg.losses.cross_entropy(Z, y)) < 1e-12, "mean differs from logreg.losses.cross_entropy"

# %% [markdown]
# **With $K = 2$** this is exactly the binary cross-entropy of notebook 04 applied to the logit $z_1 - z_0$ —
# the loss side of claim C20.

# %%
Z2, y2 = rng.normal(scale=3.0, size=(200, 2)), rng.integers(0, 2, size=200)
multi = cross_entropy_per_example(softmax(Z2), one_hot(y2, 2)).mean()
binary = binary_cross_entropy_with_logits(Z2[:, 1] - Z2[:, 0], y2)
print(f"2-class cross-entropy {multi:.4f}  vs  binary cross-entropy of z1 - z0 {binary:.4f}")
assert abs(multi - binary) < 1e-12, "2-class cross-entropy != BCE of the logit difference"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. The original cross-entropy example, three ways (C21)
#
# The original notebook computed the cross-entropy of the running example by hand and with PyTorch's two
# loss functions, in float32. We do the same three computations in float32 (like the original) and in
# float64:
#
# 1. **by hand** (numpy): one-hot $\mathbf{Y}$, $-\sum_k Y \odot \log \operatorname{softmax}(Z)$;
# 2. **`F.nll_loss(torch.log_softmax(Z), y)`**;
# 3. **`F.cross_entropy(Z, y)`**.

# %%
published = {
    "softmax": np.array([[0.3792, 0.3104, 0.3104],
                         [0.3072, 0.4147, 0.2780],
                         [0.4263, 0.2248, 0.3490],
                         [0.2668, 0.2978, 0.4354]]),
    "predicted": np.array([0, 1, 0, 2]),
    "per_example": np.array([0.9698, 0.8801, 1.0527, 0.8314]),
    "mean": 0.9335,
}


def three_ways(dtype_np, dtype_torch):
    Z_np, Z_t, y_t = Z.astype(dtype_np), torch.tensor(Z, dtype=dtype_torch), torch.from_numpy(y)
    A_np = softmax(Z_np)
    return A_np, {
        "by hand": cross_entropy_per_example(A_np, one_hot(y, K).astype(dtype_np)),
        "nll_loss(log_softmax)": F.nll_loss(torch.log_softmax(Z_t, dim=1), y_t, reduction="none").numpy(),
        "cross_entropy": F.cross_entropy(Z_t, y_t, reduction="none").numpy(),
    }


results = {"float32": three_ways(np.float32, torch.float32), "float64": three_ways(np.float64, torch.float64)}

# %%
A32, _ = results["float32"]
print("softmax(Z), float32:  ours                     published")
for ours_row, pub_row in zip(A32, published["softmax"], strict=True):
    print("  " + " ".join(f"{v:.4f}" for v in ours_row) + "      " + " ".join(f"{v:.4f}" for v in pub_row))
print("predicted classes:", A32.argmax(axis=1), "  published:", published["predicted"], "  true:", y)

# %%
for dtype, (_, losses) in results.items():
    print(f"{dtype:8s} {'by hand':>9s} {'nll_loss':>9s} {'cross_ent':>9s} {'published':>10s}")
    for i in range(n):
        print(f"example {i}" + "".join(f"{v[i]:10.4f}" for v in losses.values()) + f"{published['per_example'][i]:11.4f}")
    print("mean     " + "".join(f"{v.mean():10.4f}" for v in losses.values()) + f"{published['mean']:11.4f}\n")

# %% [markdown]
# **Check.** In both precisions the softmax matrix, the predictions, the per-example losses and the mean
# round to the published numbers, and the three computations agree with each other (to float32 or
# float64 round-off).

# %%
for dtype, (A_d, losses) in results.items():
    tol = 1e-6 if dtype == "float32" else 1e-12
    assert np.array_equal(np.round(A_d.astype(np.float64), 4), published["softmax"]), f"{dtype}: softmax != published"
    assert np.array_equal(A_d.argmax(axis=1), published["predicted"]), f"{dtype}: predictions != published"
    for name, v in losses.items():
        assert np.array_equal(np.round(v.astype(np.float64), 4), published["per_example"]), f"{dtype} {name}: per-example != published"
        assert round(float(v.mean()), 4) == published["mean"], f"{dtype} {name}: mean != published"
        assert np.allclose(v, losses["by hand"], rtol=tol, atol=0), f"{dtype}: {name} != by hand"
print("float32 and float64: by hand == nll_loss(log_softmax) == cross_entropy == published, to 4 decimals")

# %%
mean_ce = F.cross_entropy(torch.tensor(Z), torch.from_numpy(y))          # default reduction="mean"
print(f"F.cross_entropy(Z, y) with its default reduction: {mean_ce.item():.4f}")
assert abs(mean_ce.item() - results["float64"][1]["by hand"].mean()) < 1e-12, "default reduction is not the mean"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What `nll_loss` and `cross_entropy` actually compute
#
# `F.nll_loss(input, y)` does **no** logarithm and no softmax: it *picks* entry $y^{[i]}$ of each row and
# *negates* it, $-\,\text{input}[i, y^{[i]}]$ (then averages). That is the cross-entropy only if the input is
# already $\log \mathbf{a}$ — hence `nll_loss(log_softmax(Z), y)`. Given raw logits it returns a number that
# is no loss at all:

# %%
Z_t, y_t = torch.tensor(Z), torch.from_numpy(y)
picked = -Z_t[torch.arange(n), y_t]
print("nll_loss(Z)  (logits!)  :", F.nll_loss(Z_t, y_t, reduction="none").numpy())
print("-Z[i, y_i]              :", picked.numpy())
assert torch.equal(F.nll_loss(Z_t, y_t, reduction="none"), picked), "nll_loss does more than pick and negate"
assert torch.equal(F.nll_loss(torch.log_softmax(Z_t, 1), y_t, reduction="none"), -torch.log_softmax(Z_t, 1)[torch.arange(n), y_t]), "nll_loss of log_softmax is not pick-and-negate"

# %% [markdown]
# `F.cross_entropy(Z, y)` takes **logits** and fuses the two steps: it computes
# $\log \operatorname{softmax}(\mathbf{z})_k = z_k - \log\sum_j e^{z_j}$ with the max shift (*log-sum-exp*)
# and never forms the probabilities:
#
# $$-\log \operatorname{softmax}(\mathbf{z})_y = \log\sum_j e^{z_j - m} + m - z_y, \qquad m = \max_j z_j .$$

# %%
def log_softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


assert np.allclose(log_softmax(Z), torch.log_softmax(Z_t, dim=1).numpy(), rtol=1e-14, atol=0), "differs from torch.log_softmax"
assert np.allclose(log_softmax(Z), logreg.log_softmax(Z), rtol=1e-15, atol=0), "differs from logreg.log_softmax"
assert np.allclose(-log_softmax(Z)[np.arange(n), y], F.cross_entropy(Z_t, y_t, reduction="none").numpy(), rtol=1e-14, atol=0), "cross_entropy != -log_softmax[y]"
print("cross_entropy(Z, y) == nll_loss(log_softmax(Z), y) == -log_softmax(Z)[i, y_i]")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why logits: the fused version stays finite
#
# Take one example with logits $[1000, 0, -1000]$. Even the max-shifted softmax rounds $e^{-1000}$ and
# $e^{-2000}$ to 0, and $\log 0 = -\infty$: the loss of a confidently wrong prediction becomes `inf` and its
# gradient NaN. The log-sum-exp form never takes the log of a rounded probability and gives the exact
# losses $[0, 1000, 2000]$ for the three possible labels.

# %%
extreme = np.array([[1000.0, 0.0, -1000.0]])
with np.errstate(divide="ignore"):
    naive_log = np.log(softmax(extreme))
print("log(softmax(z))         numpy:", naive_log[0])
for dtype in (torch.float32, torch.float64):
    z_t = torch.tensor(extreme, dtype=dtype)
    print(f"log(softmax(z))   torch {str(dtype)[6:]}:", torch.log(torch.softmax(z_t, dim=1)).numpy()[0])
    losses = [F.cross_entropy(z_t, torch.tensor([k])).item() for k in range(3)]
    via_log = [F.nll_loss(torch.log(torch.softmax(z_t, dim=1)), torch.tensor([k])).item() for k in range(3)]
    print(f"  labels 0, 1, 2:  nll_loss(log(softmax)) = {via_log},  cross_entropy = {losses}")
    assert losses == [0.0, 1000.0, 2000.0], f"{dtype}: cross_entropy is not exact on extreme logits"
    assert via_log[0] == 0.0 and np.isinf(via_log[1:]).all(), f"{dtype}: expected log(softmax) to give inf"
assert np.allclose(-log_softmax(extreme)[0], [0.0, 1000.0, 2000.0], rtol=1e-15, atol=0), "our log_softmax is not exact here"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. The gradient with respect to the logits: softmax − one-hot
#
# Write the loss of one example through its logits, using $\log a_k = z_k - \log\sum_j e^{z_j}$ and
# $\sum_k y_k = 1$:
#
# $$H = -\sum_k y_k \log a_k = -\sum_k y_k z_k + \log\sum_j e^{z_j}
# \quad\Longrightarrow\quad \frac{\partial H}{\partial z_j} = -y_j + \frac{e^{z_j}}{\sum_l e^{z_l}} = a_j - y_j .$$
#
# The same "prediction minus target" as logistic regression's $a - y$ (claim C11). Each example's loss
# depends only on its own row of logits, so for the mean $\mathcal{L} = \frac1n\sum_i H^{[i]}$:
#
# $$\frac{\partial \mathcal{L}}{\partial Z} = \frac{1}{n}\,(P - Y), \qquad P = \operatorname{softmax}(Z) \text{ row by row.}$$
#
# This is the gradient notebook 06 back-propagates into the weights (claim C22).

# %%
P = softmax(Z)
grad_per_example = P - Y
grad_mean = (P - Y) / n
print("dL/dZ for the mean loss, (P - Y) / n:")
print(grad_mean)

# %% [markdown]
# **Check** against torch autograd (float64): `reduction="sum"` gives the per-example gradients $P - Y$,
# the default mean gives $(P - Y)/n$; and against central differences of our own loss.

# %%
Z_auto = torch.tensor(Z, requires_grad=True)
F.cross_entropy(Z_auto, y_t, reduction="sum").backward()
assert np.allclose(Z_auto.grad.numpy(), grad_per_example, rtol=1e-12, atol=1e-15), "per-example gradient != softmax - one-hot"

Z_auto = torch.tensor(Z, requires_grad=True)
F.cross_entropy(Z_auto, y_t).backward()
assert np.allclose(Z_auto.grad.numpy(), grad_mean, rtol=1e-12, atol=1e-15), "mean-loss gradient != (P - Y) / n"


def mean_cross_entropy(Z_):
    return -np.sum(one_hot(y, K) * log_softmax(Z_)) / n


assert logreg.check_gradient(mean_cross_entropy, lambda Z_: (softmax(Z_) - Y) / n, Z) < 1e-7, "(P - Y)/n disagrees with finite differences"
assert relative_error(grad_mean, logreg.losses.cross_entropy_grad(Z, y)) < 1e-15, "differs from logreg.losses.cross_entropy_grad"
print("(P - Y) / n == torch autograd == central differences == logreg.losses.cross_entropy_grad")

# %% [markdown]
# The same on a larger random batch, including extreme logits where the naive $\log(\text{softmax})$ gave
# `inf` — the gradient $P - Y$ is bounded and always finite. Each row of $P - Y$ sums to 0 (both rows sum
# to 1): remember this in notebook 06, where it explains the original code's bias that never moved.

# %%
Z_big = rng.normal(scale=300.0, size=(64, 5))
y_big = rng.integers(0, 5, size=64)
Z_auto = torch.tensor(Z_big, requires_grad=True)
F.cross_entropy(Z_auto, torch.from_numpy(y_big)).backward()
ours = (softmax(Z_big) - one_hot(y_big, 5)) / len(Z_big)
assert np.all(np.isfinite(ours)) and np.abs(ours).max() <= 1 / len(Z_big), "gradient not finite / bounded"
assert np.allclose(Z_auto.grad.numpy(), ours, rtol=1e-12, atol=1e-15), "(P - Y)/n != autograd on extreme logits"
assert np.allclose(ours.sum(axis=1), 0.0, atol=1e-15), "rows of P - Y do not sum to 0"
print(f"{len(Z_big)} examples with logits up to |z| = {np.abs(Z_big).max():.0f}: (P - Y)/n == autograd, rows sum to 0")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercise: a stable softmax
#
# Complete `softmax_exercise(Z)`: for logits `Z` of shape `(n, K)` (one row per example),
# return the row-wise softmax, shape `(n, K)`, each row summing to 1:
#
# $$\operatorname{softmax}(\mathbf{z})_k = \frac{e^{z_k - \max_j z_j}}{\sum_{l=1}^{K} e^{z_l - \max_j z_j}} .$$
#
# Subtract each row's maximum first, so that nothing overflows (the check tries logits of $10^4$).

# %% nbgrader={"grade": false, "grade_id": "softmax_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_exercise(Z):
    """Row-wise softmax of Z (n, K), shifted by each row's maximum."""
    ### BEGIN SOLUTION
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_softmax", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_softmax

check_softmax(softmax_exercise)
### BEGIN HIDDEN TESTS
_Z = np.random.default_rng().normal(scale=3, size=(7, 4)) + np.array([[0], [800], [0], [-900], [0], [0], [0]])
assert np.allclose(softmax_exercise(_Z), torch.softmax(torch.tensor(_Z), dim=1).numpy(), atol=1e-12)
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise: the cross-entropy from logits
#
# Complete `cross_entropy_exercise(Z, y)`: the mean cross-entropy of logits `Z` (shape `(n, K)`)
# and integer labels `y` (shape `(n,)`, values in $0, \dots, K-1$),
#
# $$L = \frac{1}{n}\sum_{i=1}^{n} -\log\operatorname{softmax}(\mathbf{z}^{[i]})_{y^{[i]}},
# \qquad \log\operatorname{softmax}(\mathbf{z})_k = (z_k - m) - \log\sum_{l=1}^{K} e^{z_l - m},\quad m = \max_j z_j .$$
#
# Compute the log-softmax directly (not `np.log` of the softmax), so that large logits give a
# finite loss.

# %% nbgrader={"grade": false, "grade_id": "cross_entropy_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cross_entropy_exercise(Z, y):
    """Mean cross-entropy of logits Z (n, K) and integer labels y (n,)."""
    ### BEGIN SOLUTION
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_probas = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -np.mean(log_probas[np.arange(len(y)), y])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_cross_entropy", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_cross_entropy

check_cross_entropy(cross_entropy_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_Z, _y = _r.normal(scale=3, size=(8, 4)), _r.integers(0, 4, 8)
_expected = torch.nn.functional.cross_entropy(torch.tensor(_Z), torch.tensor(_y))
assert np.isclose(cross_entropy_exercise(_Z, _y), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise (transfer): label smoothing
#
# A one-hot target asks the model to push one probability all the way to 1, so the logits grow without
# end on separable data. *Label smoothing* trains against the softened target
# $\mathbf{t} = (1-\varepsilon)\,\mathbf{y}_{\text{one-hot}} + \varepsilon/K$ instead (every class gets
# $\varepsilon/K$ of the mass). Write `label_smoothing_cross_entropy_exercise(Z, y, eps)`: the mean over the
# examples of $-\sum_k t_k \log\operatorname{softmax}(\mathbf{z})_k$, for logits `Z` $(n, K)$ and integer labels `y`,
# equal to `torch.nn.functional.cross_entropy(Z, y, label_smoothing=eps)` and finite for any logits.

# %% nbgrader={"grade": false, "grade_id": "label_smoothing_cross_entropy_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def label_smoothing_cross_entropy_exercise(Z, y, eps):
    """Mean cross-entropy of logits Z (n, K) against targets (1 - eps) * one_hot(y) + eps / K."""
    ### BEGIN SOLUTION
    n, K = Z.shape
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    targets = (1 - eps) * np.eye(K)[y] + eps / K
    return -np.sum(targets * log_p) / n
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_label_smoothing_cross_entropy", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_label_smoothing_cross_entropy

check_label_smoothing_cross_entropy(label_smoothing_cross_entropy_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_Z, _y, _eps = _r.normal(scale=3, size=(8, 4)), _r.integers(0, 4, 8), _r.uniform(0.05, 0.3)
_expected = torch.nn.functional.cross_entropy(torch.tensor(_Z), torch.tensor(_y), label_smoothing=_eps)
assert np.isclose(label_smoothing_cross_entropy_exercise(_Z, _y, _eps), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Softmax $\sigma(\mathbf{z})_i = e^{z_i}/\sum_j e^{z_j}$ turns any scores into a probability distribution and
#   keeps their order; it is unchanged by adding a constant to every logit, so we compute it with the max
#   subtracted — no overflow, no $0/0$ (C19). The original notebook's unshifted softmax returns NaN for
#   float32 logits above ~88.7 (erratum).
# - With two classes, softmax is the sigmoid of the logit difference, and the 2-class cross-entropy is the
#   binary cross-entropy: softmax regression generalizes logistic regression (C20).
# - Cross-entropy with one-hot labels is $-\log$ (probability of the true class); by hand,
#   `nll_loss(log_softmax(Z))` and `cross_entropy(Z)` agree and reproduce the original example:
#   per-example $[0.9698, 0.8801, 1.0527, 0.8314]$, mean $0.9335$ (C21).
# - `nll_loss` only picks and negates, so it needs log-probabilities; `cross_entropy` takes logits and uses
#   log-sum-exp, which stays finite where $\log(\text{softmax})$ gives $-\infty$.
# - $\partial \mathcal{L}/\partial Z = (P - Y)/n$, checked against autograd and finite differences.
#
# **Next — 06 · Softmax regression:** put $Z = XW + \mathbf{b}$ in front of this loss, back-propagate
# $(P - Y)/n$ into $W$ and $\mathbf{b}$, and train on Iris and MNIST.
