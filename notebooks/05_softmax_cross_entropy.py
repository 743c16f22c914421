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
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — notebook 5.*
#
# Logistic regression (notebooks 03–04) separates two classes with one logit. For $K$ classes
# a model computes one logit per class, $z_k = \mathbf{w}_k^\top\mathbf{x} + b_k$; the
# **softmax** turns them into $K$ probabilities, and the multi-category **cross-entropy** scores
# them. Notebook 06 trains a model with both.
#
# **You will**
# 1. see softmax turn any logits into a probability distribution that ignores a constant added
#    to every logit, and use that to make it overflow-proof (claim **C19**);
# 2. see that with $K = 2$ softmax is the sigmoid of the logit difference (claim **C20**);
# 3. compute the cross-entropy by hand, with `F.nll_loss` and with `F.cross_entropy`, and
#    reproduce the original lecture notebook's example (claim **C21**).

# %% jupyter={"source_hidden": true}
# Set-up: this kernel needs the course's package and its data.
try:
    import logreg.data
except ModuleNotFoundError as err:
    raise ModuleNotFoundError(
        "the course package logreg is not installed in this kernel: run `make lab` from the "
        "repository, or `pip install .` in this kernel's environment") from err
_ = logreg.data.verify()  # every dataset present and intact, else an error saying what to do

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

import logreg
from logreg import relative_error, seed_everything
from logreg.losses import binary_cross_entropy_with_logits, one_hot
from logreg.style import PALETTE, show, use_style
from logreg.widgets import softmax_demo

rng = seed_everything(123)
use_style()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Softmax: from scores to a probability distribution (C19)
#
# For one example with logits $\mathbf{z} = (z_1, \dots, z_K)$:
#
# $$\operatorname{softmax}(\mathbf{z})_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}$$
#
# Every $e^{z_k} > 0$, and the division makes the $K$ outputs sum to 1; $e^z$ is increasing,
# so the largest logit gets the largest probability. The running example is the original
# cross-entropy notebook's: four examples (rows), three classes (columns).
#
# In the demo, a temperature $T$ in $\operatorname{softmax}(\mathbf{z}/T)$ sharpens ($T < 1$) or
# flattens ($T > 1$) the distribution but never changes the most probable class.

# %%
Z = np.array([[-0.30, -0.50, -0.50],
              [-0.40, -0.10, -0.50],
              [-0.30, -0.94, -0.50],
              [-0.99, -0.88, -0.50]])
y = np.array([0, 1, 2, 2])


def softmax_naive(Z):
    """The slide's formula as it stands, row by row."""
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


print(softmax_naive(Z))
logits = rng.normal(scale=5.0, size=(1000, 6))  # many random examples
P = softmax_naive(logits)
assert np.all(P > 0) and np.allclose(P.sum(axis=1), 1.0), "a softmax row is not a distribution"
assert np.array_equal(P.argmax(axis=1), logits.argmax(axis=1)), "softmax changed the arg-max"
softmax_demo()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Adding a constant changes nothing — so shift by the maximum (C19)
#
# Add the same $c$ to every logit, and $e^{c}$ cancels:
#
# $$\operatorname{softmax}(\mathbf{z} + c)_k = \frac{e^{c}\,e^{z_k}}{e^{c}\sum_j e^{z_j}}
#   = \operatorname{softmax}(\mathbf{z})_k$$
#
# Only the differences between logits matter. The slide's formula needs this: $e^{z}$
# overflows float64 above $z \approx 709.8$ (float32: $88.7$), and $\infty/\infty$ is NaN.

# %%
for c in (-30.0, 7.0, 30.0):
    assert np.allclose(softmax_naive(logits + c), softmax_naive(logits), rtol=1e-12, atol=0), \
        f"softmax(z + {c}) != softmax(z)"
print(f"softmax(z + c) == softmax(z) for c = -30, 7, 30 on all {len(logits)} rows")

big = np.array([[1000.0, 1001.0, 1002.0]])
with np.errstate(over="ignore", invalid="ignore"):
    print("the slide's formula at z = [1000, 1001, 1002]:", softmax_naive(big))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Erratum: the original notebook's softmax has no max shift
#
# The original cross-entropy notebook uses the slide's formula as it stands: right for its
# small example logits, NaN once a float32 logit exceeds about 88.7.
#
# **The fix** is the invariance with $c = -\max_j z_j$: every exponent becomes $\le 0$, so
# nothing overflows, and the largest term is $e^0 = 1$, so the sum is never 0.
#
# **Your turn** (the exercise of this section): complete `softmax_exercise(Z)`, the softmax of
# each row of `Z` $(n \times K)$, finite for any finite logits. The rest of the notebook uses it.

# %% nbgrader={"grade": false, "grade_id": "softmax_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_exercise(Z):
    """Row-wise softmax of the logits Z (n, K), finite for any finite logits."""
    ### BEGIN SOLUTION
    E = np.exp(Z - Z.max(axis=1, keepdims=True))  # each row shifted by its own maximum
    return E / E.sum(axis=1, keepdims=True)
    ### END SOLUTION


softmax = softmax_exercise  # from here on, the notebook uses your softmax
print("softmax([1000, 1001, 1002]) =", softmax(big))

# %% tags=["optional"] slideshow={"slide_type": "skip"} nbgrader={"grade": true, "grade_id": "check_softmax", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_softmax

check_softmax(softmax_exercise)
### BEGIN HIDDEN TESTS
_Z = np.random.default_rng().normal(scale=3, size=(7, 4))
_Z += np.array([[0], [800], [0], [-900], [0], [0], [0]])
assert np.allclose(softmax_exercise(_Z), torch.softmax(torch.tensor(_Z), dim=1).numpy(), atol=1e-12)
### END HIDDEN TESTS

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Check.** The shifted softmax is exact where the slide's formula fails (at $\pm 1000$ it
# equals the softmax of the same differences), and equals the slide's formula, torch's and the
# package's softmax everywhere else. Far *negative* logits fail the slide's formula the other
# way: every $e^{z_k}$ underflows to 0, and $0/0$ is NaN as well.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
with np.errstate(over="ignore", invalid="ignore"):
    print("the slide's formula at z = [-1000, -1001, -1002]:", softmax_naive(-big))
with np.errstate(all="raise"):  # any overflow, underflow or 0/0 would raise here
    at_big, at_minus_big = softmax(big), softmax(-big)
assert np.allclose(at_big, softmax_naive(big - 1000), rtol=1e-15, atol=0), "wrong at +1000"
assert np.allclose(at_minus_big, softmax_naive(1000 - big), rtol=1e-15, atol=0), "wrong at -1000"
assert np.allclose(softmax(logits), softmax_naive(logits), rtol=1e-12, atol=0), \
    "shifted and slide's softmax differ on ordinary logits"
torch_softmax = torch.softmax(torch.from_numpy(logits), dim=1).numpy()
assert np.allclose(softmax(logits), torch_softmax, rtol=1e-12, atol=0), "differs from torch"
assert np.allclose(softmax(logits), logreg.softmax(logits), rtol=1e-15, atol=0), \
    "differs from logreg.softmax"
print("max-shifted softmax: exact at ±1000, equal to torch, logreg and the slide's formula")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# The original's function (paraphrased: the same formula, written for torch tensors) on float32
# logits returns NaN without a warning; `torch.softmax` shifts internally. On the small logits
# of the running example both agree, and the distribution check of section 1 would have
# caught the NaN.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def softmax_original(z):
    """The original notebook's softmax, paraphrased: exp over the row sum, no max shift."""
    return (torch.exp(z.t()) / torch.sum(torch.exp(z), dim=1)).t()


for row in ([1000.0, 1001.0, 1002.0], [89.0, 0.0, 0.0]):
    z32 = torch.tensor([row])  # float32, like the original
    original, fixed = softmax_original(z32), torch.softmax(z32, dim=1)
    print(f"logits {row}: original {original.numpy()[0]}, max-shifted {fixed.numpy()[0]}")
    assert torch.isnan(original).any(), "expected the unshifted softmax to return NaN here"
    assert torch.isfinite(fixed).all(), "torch.softmax is not finite"
Z32 = torch.tensor(Z, dtype=torch.float32)
assert torch.allclose(softmax_original(Z32), torch.softmax(Z32, dim=1)), \
    "on the running example the original formula should be fine"
row_sums = softmax_original(torch.tensor(big, dtype=torch.float32)).sum(dim=1)
assert not torch.allclose(row_sums, torch.ones(1)), "the check of section 1 missed the NaN"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Two classes: softmax is the sigmoid of the logit difference (C20)
#
# With $K = 2$, divide numerator and denominator by $e^{z_1}$:
#
# $$\operatorname{softmax}([z_0, z_1])_1 = \frac{e^{z_1}}{e^{z_0} + e^{z_1}}
#   = \frac{1}{1 + e^{-(z_1 - z_0)}} = \sigma(z_1 - z_0)$$
#
# Only the difference counts (section 2), and two-class softmax is the logistic sigmoid $\sigma$
# of notebook 01: softmax regression generalizes logistic regression.

# %%
grid = np.linspace(-30, 30, 121)
z0, z1 = np.meshgrid(grid, grid)
pairs = np.column_stack([z0.ravel(), z1.ravel()])  # all 14,641 pairs (z0, z1) of the grid
diff = pairs[:, 1] - pairs[:, 0]
p1 = softmax(pairs)[:, 1]
assert np.allclose(p1, logreg.sigmoid(diff), rtol=1e-12, atol=0), "softmax(z)_1 != σ(z1 - z0)"

fig, ax = plt.subplots()
t = np.linspace(-12, 12, 400)
ax.plot(t, logreg.sigmoid(t), color=PALETTE[0], lw=10, alpha=0.35, solid_capstyle="butt",
        label=r"$\sigma(z_1 - z_0)$")
shown = np.abs(diff) <= 12
ax.plot(diff[shown], p1[shown], ls="none", marker="o", ms=6, mfc="white", mec="black", mew=1.5,
        label=r"softmax$([z_0, z_1])_1$, grid pairs")
ax.set(xlim=(-12.5, 12.5), xlabel=r"logit difference $z_1 - z_0$",
       ylabel="probability of class 1")
ax.legend(loc="upper left")
show(fig, "Every grid pair (z0, z1), drawn as a ring at its difference z1 − z0, sits on the "
          "sigmoid curve (the wide pale band): two-class softmax depends only on the logit "
          "difference and equals the sigmoid of it.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### So softmax regression generalizes logistic regression
#
# A two-class softmax model with logits $z_k = \mathbf{w}_k^\top\mathbf{x} + b_k$ gives class 1
# the probability $\sigma\bigl((\mathbf{w}_1 - \mathbf{w}_0)^\top\mathbf{x} + (b_1 - b_0)\bigr)$:
# logistic regression with $\mathbf{w} = \mathbf{w}_1 - \mathbf{w}_0$, $b = b_1 - b_0$ (only the
# difference of the two weight vectors matters). Its cross-entropy is the binary cross-entropy
# of notebook 04 at the logit $z_1 - z_0$: the loss side of claim C20.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
X = rng.normal(size=(50, 4))
W, b = rng.normal(size=(4, 2)), rng.normal(size=2)  # a two-class softmax model
softmax_model = softmax(X @ W + b)[:, 1]
logistic_model = logreg.sigmoid(X @ (W[:, 1] - W[:, 0]) + (b[1] - b[0]))
assert np.allclose(softmax_model, logistic_model, rtol=1e-12, atol=0), \
    "2-class softmax model != logistic model with w1 - w0"

Z2, y2 = rng.normal(scale=3.0, size=(200, 2)), rng.integers(0, 2, size=200)
two_class = -np.mean(np.log(softmax(Z2)[np.arange(200), y2]))
binary = binary_cross_entropy_with_logits(Z2[:, 1] - Z2[:, 0], y2)
print(f"2-class cross-entropy {two_class:.4f} = binary cross-entropy of z1 - z0 {binary:.4f}")
assert abs(two_class - binary) < 1e-12, "2-class cross-entropy != BCE of the logit difference"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. One-hot labels
#
# The cross-entropy compares each predicted distribution with a target distribution: for the
# label $y^{[i]} = k$, the **one-hot** vector with a 1 in position $k$. The labels
# $y = [0, 1, 2, 2]$ become
#
# $$Y = \begin{bmatrix} 1 & 0 & 0 \\ 0 & 1 & 0 \\ 0 & 0 & 1 \\ 0 & 0 & 1 \end{bmatrix}.$$

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The multi-category cross-entropy
#
# With $\mathbf{a}^{[i]} = \operatorname{softmax}(\mathbf{z}^{[i]})$:
#
# $$H^{[i]} = -\sum_{k=1}^{K} y_k^{[i]} \log a_k^{[i]}, \qquad
#   \mathcal{L} = \frac{1}{n}\sum_{i=1}^{n} H^{[i]}$$
#
# Only one $y_k^{[i]}$ is 1, so $H^{[i]} = -\log a^{[i]}_{y^{[i]}}$: minus the log-probability
# of the true class, the negative log-likelihood of notebook 03 for $K$ classes.

# %%
Y = np.eye(3)[y]  # one-hot: row i has its 1 in column y[i]
A = softmax(Z)
H = -np.sum(Y * np.log(A), axis=1)  # per-example cross-entropy
print("softmax(Z) =\n", A)
print("predicted:", A.argmax(axis=1), "  true:", y)
print("cross-entropy per example:", H, f"  mean: {H.mean():.4f}")
assert np.array_equal(Y, F.one_hot(torch.from_numpy(y), 3).numpy()), "one-hot != F.one_hot"
assert np.allclose(H, -np.log(A[np.arange(4), y]), rtol=1e-15, atol=0), \
    "H is not -log(probability of the true class)"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. The original cross-entropy example, three ways (C21)
#
# The original notebook computed it in float32 three ways:
#
# 1. **by hand**: $-\sum_k Y \odot \log\operatorname{softmax}(Z)$, as in section 5;
# 2. **`F.nll_loss(torch.log_softmax(Z), y)`**: `nll_loss` only picks and negates
#    $\text{input}[i, y^{[i]}]$, so it needs log-probabilities;
# 3. **`F.cross_entropy(Z, y)`**: takes the logits and does both steps.
#
# It printed the softmax matrix, the predictions $[0, 1, 0, 2]$, the per-example losses
# $[0.9698, 0.8801, 1.0527, 0.8314]$ and their mean $0.9335$.

# %%
ORIGINAL_SOFTMAX = np.array([[0.3792, 0.3104, 0.3104],
                             [0.3072, 0.4147, 0.2780],
                             [0.4263, 0.2248, 0.3490],
                             [0.2668, 0.2978, 0.4354]])
Z32, y_t = torch.tensor(Z, dtype=torch.float32), torch.from_numpy(y)  # float32, as the original
losses = {
    "by hand": H,
    "nll_loss(log_softmax)": F.nll_loss(torch.log_softmax(Z32, dim=1), y_t, reduction="none"),
    "cross_entropy": F.cross_entropy(Z32, y_t, reduction="none"),
    "original notebook": np.array([0.9698, 0.8801, 1.0527, 0.8314]),
}
for name, values in losses.items():
    values = np.asarray(values, dtype=np.float64).round(4)
    print(f"{name:22s} {values}  mean {values.mean():.4f}")
    assert np.array_equal(values, losses["original notebook"]), f"{name}: != the original"
    assert round(values.mean(), 4) == 0.9335, f"{name}: mean != the original's 0.9335"
assert np.array_equal(A.round(4), ORIGINAL_SOFTMAX), "softmax(Z) != the original's"
assert np.array_equal(A.argmax(axis=1), [0, 1, 0, 2]), "predictions != the original's"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Check, in both precisions.** In float32 (as the original) and in float64 the three
# computations agree with each other to round-off, and `F.cross_entropy`'s default reduction is
# the mean.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
for np_dtype, torch_dtype, tol in ((np.float32, torch.float32, 1e-6),
                                   (np.float64, torch.float64, 1e-12)):
    by_hand = -np.log(softmax(Z.astype(np_dtype)))[np.arange(4), y]
    Z_d = torch.tensor(Z, dtype=torch_dtype)
    via_nll = F.nll_loss(torch.log_softmax(Z_d, dim=1), y_t, reduction="none").numpy()
    via_ce = F.cross_entropy(Z_d, y_t, reduction="none").numpy()
    assert by_hand.dtype == via_ce.dtype == np_dtype, "a computation changed precision"
    assert np.allclose(via_nll, by_hand, rtol=tol, atol=0), f"{np_dtype.__name__}: nll != by hand"
    assert np.allclose(via_ce, by_hand, rtol=tol, atol=0), f"{np_dtype.__name__}: ce != by hand"
mean_ce = F.cross_entropy(torch.tensor(Z), y_t).item()  # default reduction="mean"
assert abs(mean_ce - H.mean()) < 1e-12, "the default reduction is not the mean"
print("float32 and float64: by hand == nll_loss(log_softmax) == cross_entropy; default: mean")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### What `nll_loss` computes
#
# `F.nll_loss(input, y)` takes no logarithm and no softmax: it picks entry $y^{[i]}$ of each row
# and negates it. That is the cross-entropy only if the input already holds log-probabilities.
# Given raw logits it returns a number that is no loss at all:

# %% tags=["optional"] slideshow={"slide_type": "skip"}
Z_t = torch.tensor(Z)
picked = -Z_t[torch.arange(4), y_t]
print("nll_loss(Z) on logits:", F.nll_loss(Z_t, y_t, reduction="none").numpy())
print("-Z[i, y_i]           :", picked.numpy())
assert torch.equal(F.nll_loss(Z_t, y_t, reduction="none"), picked), \
    "nll_loss does more than pick and negate"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Why `cross_entropy` takes logits
#
# One example with logits $[1000, 0, -1000]$: even the shifted softmax rounds $e^{-1000}$ and
# $e^{-2000}$ to 0, and $\log 0 = -\infty$, so the loss of a confidently wrong prediction
# becomes `inf` (and its gradient NaN). `F.cross_entropy` never takes the log of a rounded
# probability and gives the exact losses $[0, 1000, 2000]$ for the three labels.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
extreme = np.array([[1000.0, 0.0, -1000.0]])
for dtype in (torch.float32, torch.float64):
    z_t = torch.tensor(extreme, dtype=dtype)
    log_of_softmax = torch.log(torch.softmax(z_t, dim=1))
    via_log = [F.nll_loss(log_of_softmax, torch.tensor([k])).item() for k in range(3)]
    direct = [F.cross_entropy(z_t, torch.tensor([k])).item() for k in range(3)]
    print(f"{str(dtype)[6:]}, labels 0, 1, 2: via log(softmax) {via_log}, cross_entropy {direct}")
    assert direct == [0.0, 1000.0, 2000.0], f"{dtype}: cross_entropy is not exact"
    assert via_log[0] == 0.0 and np.isinf(via_log[1:]).all(), f"{dtype}: expected inf"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ## Exercise: the cross-entropy from logits
#
# Write `cross_entropy_exercise(Z, y)`: the mean cross-entropy of the logits `Z` $(n \times K)$
# and the integer labels `y` $(n,)$, computed from the logits so that it stays finite where
# $\log(\operatorname{softmax})$ gave `inf` above (the check tries logits of $10^4$). Take the
# log of the softmax on paper first, and simplify.

# %% tags=["optional"] slideshow={"slide_type": "skip"} nbgrader={"grade": false, "grade_id": "cross_entropy_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cross_entropy_exercise(Z, y):
    """Mean cross-entropy of the logits Z (n, K) and the integer labels y (n,)."""
    ### BEGIN SOLUTION
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_probas = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -np.mean(log_probas[np.arange(len(y)), y])
    ### END SOLUTION


# %% tags=["optional"] slideshow={"slide_type": "skip"} nbgrader={"grade": true, "grade_id": "check_cross_entropy", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_cross_entropy

check_cross_entropy(cross_entropy_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_Z, _y = _r.normal(scale=3, size=(8, 4)), _r.integers(0, 4, 8)
_expected = torch.nn.functional.cross_entropy(torch.tensor(_Z), torch.tensor(_y))
assert np.isclose(cross_entropy_exercise(_Z, _y), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **How `F.cross_entropy` does it.** $\log\operatorname{softmax}(\mathbf{z})_k = z_k - \log\sum_j
# e^{z_j}$, and the *log-sum-exp* is evaluated with the max shift,
# $\log\sum_j e^{z_j} = m + \log\sum_j e^{z_j - m}$ with $m = \max_j z_j$. So the loss of one
# example is $\operatorname{logsumexp}(\mathbf{z}) - z_y$, without a probability in sight:

# %% tags=["optional"] slideshow={"slide_type": "skip"}
from_logsumexp = torch.logsumexp(Z_t, dim=1) - Z_t[torch.arange(4), y_t]
assert torch.allclose(from_logsumexp, F.cross_entropy(Z_t, y_t, reduction="none"), rtol=1e-14), \
    "cross_entropy != logsumexp(z) - z_y"
assert abs(cross_entropy_exercise(Z, y) - from_logsumexp.mean().item()) < 1e-12, \
    "the exercise's answer != the mean of logsumexp(z) - z_y"
print("cross_entropy(Z, y) == logsumexp(Z) - Z[i, y_i], per example")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ## Exercise (transfer): label smoothing
#
# A one-hot target asks the model to push one probability all the way to 1, so on separable
# data its logits grow without end. *Label smoothing* trains against a softened target instead:
# mix the one-hot $\mathbf{y}$ with the uniform distribution,
# $\mathbf{t} = (1-\varepsilon)\,\mathbf{y} + \varepsilon/K$. Write
# `label_smoothing_cross_entropy_exercise(Z, y, eps)`: the mean over the examples of the
# cross-entropy between $\mathbf{t}$ and $\operatorname{softmax}(\mathbf{z})$, for logits `Z`
# $(n \times K)$ and integer labels `y`, finite for any logits. It must equal
# `torch.nn.functional.cross_entropy(Z, y, label_smoothing=eps)`.

# %% tags=["optional"] slideshow={"slide_type": "skip"} nbgrader={"grade": false, "grade_id": "label_smoothing_cross_entropy_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def label_smoothing_cross_entropy_exercise(Z, y, eps):
    """Mean cross-entropy of logits Z (n, K) against targets (1 - eps) * one_hot(y) + eps / K."""
    ### BEGIN SOLUTION
    n, K = Z.shape
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    targets = (1 - eps) * np.eye(K)[y] + eps / K
    return -np.sum(targets * log_p) / n
    ### END SOLUTION


# %% tags=["optional"] slideshow={"slide_type": "skip"} nbgrader={"grade": true, "grade_id": "check_label_smoothing_cross_entropy", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_label_smoothing_cross_entropy

check_label_smoothing_cross_entropy(label_smoothing_cross_entropy_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_Z, _y, _eps = _r.normal(scale=3, size=(8, 4)), _r.integers(0, 4, 8), _r.uniform(0.05, 0.3)
_expected = torch.nn.functional.cross_entropy(torch.tensor(_Z), torch.tensor(_y),
                                              label_smoothing=_eps)
assert np.isclose(label_smoothing_cross_entropy_exercise(_Z, _y, _eps), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ## 7. The gradient with respect to the logits: softmax − one-hot
#
# Write one example's loss through its logits, with $\log a_k = z_k - \log\sum_j e^{z_j}$ and
# $\sum_k y_k = 1$:
#
# $$H = -\sum_k y_k z_k + \log\sum_j e^{z_j}
#   \quad\Longrightarrow\quad \frac{\partial H}{\partial z_j} = \frac{e^{z_j}}{\sum_l e^{z_l}} - y_j
#   = a_j - y_j .$$
#
# The same "prediction minus target" as logistic regression's $a - y$ (claim C11). Each
# example's loss depends only on its own row of logits, so for the mean loss
#
# $$\frac{\partial \mathcal{L}}{\partial Z} = \frac{1}{n}\,(P - Y), \qquad
#   P = \operatorname{softmax}(Z) \text{ row by row.}$$
#
# Notebook 06 back-propagates it into the weights. **Check** against torch autograd (float64)
# and central differences, also on a batch of extreme logits where $\log(\operatorname{softmax})$
# gave `inf`: $P - Y$ stays bounded. Each row of $P - Y$ sums to 0 (both rows sum to 1);
# notebook 06 needs that to explain the original code's bias that never moved.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
Z_auto = torch.tensor(Z, requires_grad=True)
F.cross_entropy(Z_auto, y_t).backward()
grad = (softmax(Z) - Y) / 4
assert np.allclose(Z_auto.grad.numpy(), grad, rtol=1e-12, atol=1e-15), "(P - Y)/n != autograd"


def mean_cross_entropy(Z_):
    return -np.sum(Y * logreg.log_softmax(Z_)) / 4


assert logreg.check_gradient(mean_cross_entropy, lambda Z_: (softmax(Z_) - Y) / 4, Z) < 1e-7, \
    "(P - Y)/n disagrees with central differences"
assert relative_error(grad, logreg.losses.cross_entropy_grad(Z, y)) < 1e-15, \
    "differs from logreg.losses.cross_entropy_grad"

Z_big, y_big = rng.normal(scale=300.0, size=(64, 5)), rng.integers(0, 5, size=64)
Z_auto = torch.tensor(Z_big, requires_grad=True)
F.cross_entropy(Z_auto, torch.from_numpy(y_big)).backward()
ours = (softmax(Z_big) - one_hot(y_big, 5)) / 64
assert np.all(np.isfinite(ours)) and np.abs(ours).max() <= 1 / 64, "gradient not bounded"
assert np.allclose(Z_auto.grad.numpy(), ours, rtol=1e-12, atol=1e-15), "!= autograd, extreme Z"
assert np.allclose(ours.sum(axis=1), 0.0, atol=1e-15), "rows of P - Y do not sum to 0"
print(f"(P - Y)/n == autograd == central differences, also for |z| up to {np.abs(Z_big).max():.0f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Softmax turns any logits into a probability distribution and keeps their order; adding a
#   constant to every logit changes nothing, so we subtract each row's maximum (C19). The
#   original notebook's softmax has no shift: NaN for float32 logits above about 88.7.
# - With two classes, softmax is the sigmoid of the logit difference (C20).
# - Cross-entropy with one-hot labels is minus the log-probability of the true class; by hand,
#   `nll_loss(log_softmax(Z))` and `cross_entropy(Z)` reproduce the original example (C21).
#
# **Next — 06 · Softmax regression:** put $Z = XW + \mathbf{b}$ in front of this loss,
# back-propagate $\partial\mathcal{L}/\partial Z = (P - Y)/n$ into $W$ and $\mathbf{b}$, and
# train on Iris and MNIST.
