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
# # 04 · Logits, log-odds and binary cross-entropy
#
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — notebook 4.*
#
# Notebook 03 trained logistic regression. Deep learning renames its two ends: the net input $z$ is the
# **logit**, the NLL is the **binary cross-entropy**. You will
# 1. check that the logit inverts $\sigma$, and that $z$ is the log-odds;
# 2. see the NLL and the cross-entropy agree, and why it is *cross*-entropy;
# 3. write the loss for labels in $\{-1, +1\}$;
# 4. watch the loss from probabilities break, and write it from logits.

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
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, kl_divergence

import logreg
from logreg import losses, seed_everything, sigmoid
from logreg.checks import (
    check_bce_with_logits,
    check_pm1_logistic_gradient,
    check_weighted_bce_with_logits,
)
from logreg.data import load_toy, standardize, train_test_split
from logreg.models import LogisticRegression
from logreg.plots import legend_outside
from logreg.style import PALETTE, show, use_style
from logreg.widgets import odds_demo

rng = seed_everything(123)
use_style()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Odds and log-odds (claim C15)
#
# An event of probability $p$ has **odds** $\frac{p}{1-p} \in [0, \infty)$, "how many times more likely than
# not": $p = 0.8$ gives odds 4. Their logarithm, the **log-odds**,
#
# $$\operatorname{logit}(p) = \log\frac{p}{1-p} \in (-\infty, \infty),$$
#
# covers the whole real line, like a linear function $z = \mathbf w^\top\mathbf x + b$.

# %%
def odds(p):
    return p / (1 - p)


def logit(p):
    return np.log(odds(p))


p = np.array([0.1, 0.2, 0.5, 0.8, 0.9])
print("p        ", p)
print("odds     ", odds(p))
print("log-odds ", logit(p))
assert np.allclose(logit(1 - p), -logit(p), atol=1e-12), "the complement should flip the sign"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **More checks.** Swapping the event and its complement inverts the odds, $\text{odds}(1-p) = 1/\text{odds}(p)$;
# even odds have log-odds 0; and the logit increases strictly.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
p_grid = np.linspace(0.01, 0.99, 981)
assert np.allclose(odds(1 - p_grid), 1 / odds(p_grid), rtol=1e-12, atol=0), "odds(1-p) != 1/odds(p)"
assert logit(np.array(0.5)) == 0.0, "even odds should have log-odds 0"
assert np.all(np.diff(logit(p_grid)) > 0), "logit should be strictly increasing"
print("odds and log-odds symmetries hold on", p_grid.size, "probabilities")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The logit is the inverse of the sigmoid (claim C15)
#
# Solve $a = \sigma(z) = 1/(1+e^{-z})$ for $z$: $\;e^{-z} = \frac{1-a}{a}$, so $z = \log\frac{a}{1-a} = \operatorname{logit}(a)$.
# The two curves mirror each other about the line $y = x$.
#
# **Try it:** probability, odds and logit are one number in three units; move one slider, the others follow.

# %%
z_grid, p_grid = np.linspace(-5, 5, 1001), np.linspace(0.01, 0.99, 981)
assert np.allclose(logit(sigmoid(z_grid)), z_grid, rtol=0, atol=1e-12), "logit(sigma(z)) != z"
assert np.allclose(sigmoid(logit(p_grid)), p_grid, rtol=1e-12, atol=0), "sigma(logit(p)) != p"
assert np.allclose(logit(p_grid), torch.logit(torch.from_numpy(p_grid)), atol=1e-12), "torch.logit"

z_plot = np.linspace(-6, 6, 601)
fig, ax = plt.subplots(figsize=(8, 5.5))
ax.plot(z_plot, sigmoid(z_plot), label="σ(z), against z")
ax.plot(sigmoid(z_plot), z_plot, label="logit(p), against p")
ax.plot([-6, 6], [-6, 6], color="0.4", lw=1.5, label="the mirror line y = x")
ax.plot([2, sigmoid(2)], [sigmoid(2), 2], marker="o", color="k", ls=(0, (1, 2)),
        label="a point and its mirror")
ax.set(xlim=(-6, 6), ylim=(-6, 6), aspect="equal", xlabel="input: z for σ, p for logit",
       ylabel="output: σ(z), or logit(p)")
legend_outside(ax)
show(fig, "The sigmoid, rising from 0 to 1 as z goes from -6 to 6, and the logit, rising steeply "
     "from -6 to 6 as p goes from 0 to 1, are mirror images about the diagonal y = x: the point "
     "(2, 0.88) on the sigmoid reflects to (0.88, 2) on the logit, because each undoes the other.")

# %%
odds_demo()

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### The round trip only works while $\sigma(z)$ can still tell $z$ apart
#
# The float64 numbers just below 1 are $2^{-53} \approx 1.1\cdot10^{-16}$ apart. Once $1 - \sigma(z) \approx e^{-z}$
# drops below that, $\sigma(z)$ rounds to exactly 1.0, and the logit is $\log(1/0) = \infty$: $z$ is lost.
# Near 0 floats are dense, so negative $z$ survive. Section 7 meets the same rounding in the loss. Our
# `logit` also agrees with the package's `logreg.logit`.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
z_far = np.array([-700.0, -30.0, 20.0, 30.0, 36.0, 37.0])
with np.errstate(divide="ignore"):  # log(1/0) at z = 37 is expected here
    recovered = logit(sigmoid(z_far))
for z_value, back in zip(z_far, recovered, strict=True):
    print(f"z = {z_value:7.1f}   logit(sigma(z)) = {back:.4f}")
assert np.isinf(recovered[-1]) and sigmoid(37.0) == 1.0, "expected sigma(37) to round to exactly 1"
assert np.allclose(recovered[:2], z_far[:2], rtol=1e-12), "exact for negative z"
assert np.allclose(logit(p_grid), logreg.logit(p_grid), rtol=1e-12, atol=1e-14), "logreg.logit"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Two meanings of "logits" (claim C15)
#
# - **Deep learning:** the *logits* are the net inputs of the last layer, before its activation.
# - **Statistics:** the *logit* of a probability is its log-odds.
#
# For logistic regression they are the same number: since $P(y=1\mid\mathbf x) = \sigma(z)$,
#
# $$\log\frac{P(y=1\mid\mathbf x)}{P(y=0\mid\mathbf x)} = \operatorname{logit}(\sigma(z)) = z = \mathbf w^\top\mathbf x + b .$$
#
# That is the model's assumption: the log-odds are linear in the features (toy data of notebook 03 below).

# %%
X, y = load_toy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=123)
X_train, X_test = standardize(X_train, X_test)
y_train = y_train.astype(np.float64)

model = LogisticRegression(lr=0.1, epochs=30).fit(X_train, y_train)
z_train, a_train = model.decision_function(X_train), model.predict_proba(X_train)
print("logits z:           ", z_train[:4])
print("logit(P(y = 1 | x)):", logit(a_train)[:4])
assert np.allclose(logit(a_train), z_train, atol=1e-12), "the log-odds should be the net input"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Odds ratios.** Raising feature $j$ by one unit adds $w_j$ to the log-odds, so it multiplies the odds by
# $e^{w_j}$, the same factor for every example: that is how statisticians read a logistic-regression weight.
# In a deep network with a sigmoid output the last layer's net input is likewise the log-odds; with a softmax
# output (notebook 05) the logits are log-probabilities up to a shared constant.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
for j in range(X_test.shape[1]):
    step = np.eye(X_test.shape[1])[j]
    ratio = odds(model.predict_proba(X_test + step)) / odds(model.predict_proba(X_test))
    print(f"feature {j + 1}: odds ratio {ratio.min():.4f} ... {ratio.max():.4f}, "
          f"exp(w_{j + 1}) = {np.exp(model.w_[j]):.4f}")
    assert np.allclose(ratio, np.exp(model.w_[j]), rtol=1e-10), f"odds ratio of feature {j + 1}"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Negative log-likelihood = binary cross-entropy (claim C16)
#
# **Statistics** (notebook 03): the mean NLL of Bernoulli labels, $-\frac1n\sum_i \log\bigl((a^{[i]})^{y^{[i]}}(1-a^{[i]})^{1-y^{[i]}}\bigr)$.
#
# **Information theory:** the cross-entropy of a model distribution $q$ against a true one $p$,
# $H(p, q) = -\sum_k p_k\log q_k$. With $p = (1-y, y)$ and $q = (1-a, a)$ over the two classes, the mean is
#
# $$H = -\frac1n\sum_{i=1}^n\Bigl[y^{[i]}\log a^{[i]} + \bigl(1-y^{[i]}\bigr)\log\bigl(1-a^{[i]}\bigr)\Bigr]:$$
#
# the same expression, with the natural log (nats, not decision trees' bits). The slide swaps $a$ and $y$
# in it (erratum, below).
#
# **Why *cross*:** $H(p, q) = H(p) + \mathrm{KL}(p\,\|\,q)$, the entropy $H(p) = -\sum_k p_k\log p_k$ plus the
# KL divergence $\sum_k p_k\log\frac{p_k}{q_k} \ge 0$, which is 0 only at $q = p$. The model cannot change
# $H(p)$, so minimizing the cross-entropy fits $q$ to $p$.

# %%
nll = -np.mean(np.log(a_train**y_train * (1 - a_train) ** (1 - y_train)))  # statistics
p_true = np.column_stack([1 - y_train, y_train])  # the true distribution, per example
q_model = np.column_stack([1 - a_train, a_train])  # the model's
cross_entropy = np.mean(-np.sum(p_true * np.log(q_model), axis=1))  # information theory
torch_bce = F.binary_cross_entropy(torch.from_numpy(a_train), torch.from_numpy(y_train)).item()
print(f"NLL {nll:.4f}, cross-entropy {cross_entropy:.4f}, torch {torch_bce:.4f}")
assert abs(nll - cross_entropy) < 1e-12 and abs(nll - torch_bce) < 1e-12, "NLL != cross-entropy"

p, q = rng.uniform(0.05, 0.95, size=(2, 6))  # P(class 1) under a soft target p and a model q
entropy = -(p * np.log(p) + (1 - p) * np.log(1 - p))
kl = p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))
cross = -(p * np.log(q) + (1 - p) * np.log(1 - q))
P, Q = Bernoulli(probs=torch.from_numpy(p)), Bernoulli(probs=torch.from_numpy(q))
assert np.allclose(entropy, P.entropy(), rtol=1e-12), "entropy != torch's"
assert np.allclose(kl, kl_divergence(P, Q), rtol=1e-12), "KL divergence != torch's"
assert np.allclose(cross, entropy + kl, rtol=1e-12), "H(p, q) != H(p) + KL(p || q)"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Cross-entropy is lowest where the model matches the target
#
# For one soft target $p = 0.3$, the cross-entropy $H(p, q)$ as the model's $q$ varies: it never falls below
# the entropy $H(p)$, and touches it at $q = p$, where the KL divergence, the gap between the curves, is 0.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
p0, q_grid = 0.3, np.linspace(0.01, 0.99, 981)
target = Bernoulli(probs=torch.tensor(p0, dtype=torch.float64))
gap = kl_divergence(target, Bernoulli(probs=torch.from_numpy(q_grid))).numpy()
cross_grid = target.entropy().item() + gap
assert np.allclose(cross_grid, -(p0 * np.log(q_grid) + (1 - p0) * np.log(1 - q_grid)), rtol=1e-12)
assert abs(q_grid[np.argmin(cross_grid)] - p0) < 1e-9 and gap.min() < 1e-12, "minimum at q = p"

fig, ax = plt.subplots()
ax.plot(q_grid, cross_grid, label="cross-entropy H(p, q)")
ax.axhline(target.entropy().item(), color=PALETTE[1], ls="--", label="entropy H(p)")
ax.axvline(p0, color="0.4", lw=1.5, ls=":", label="q = p = 0.3")
ax.set(xlabel="the model's probability q of class 1", ylabel="nats", ylim=(0, 3))
legend_outside(ax)
show(fig, "Cross-entropy of a model probability q against a target p = 0.3, for q from 0.01 to "
     "0.99: a U-shaped curve that touches the flat line of the entropy of p, about 0.61 nats, "
     "only at q = 0.3; the gap between the two is the KL divergence, so minimizing one minimizes "
     "the other.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Natural log: nats, not bits
#
# Decision-tree entropy uses $\log_2$ (bits): a 50/50 node has entropy 1 bit. The cross-entropy loss uses the
# natural log (nats). They differ by the constant factor $\ln 2$, which rescales the gradient and does not move
# the minimum. Always predicting $a = \tfrac12$ costs $\ln 2 \approx 0.6931$ nats $= 1$ bit, and torch reports
# 0.6931: torch uses the natural log. The package's losses and the model's own training loss agree too.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
half = torch.full((8,), 0.5, dtype=torch.float64)
loss_coin = F.binary_cross_entropy(half, torch.tensor([0.0, 1.0] * 4, dtype=torch.float64)).item()
print(f"loss of always predicting 0.5: {loss_coin:.4f} nats = {loss_coin / np.log(2):.4f} bits")
assert abs(loss_coin - np.log(2)) < 1e-15, "torch's BCE is not in nats (natural log)"
loss_bits = np.mean(-np.sum(p_true * np.log2(q_model), axis=1))
assert abs(loss_bits - cross_entropy / np.log(2)) < 1e-12, "bits should be nats / ln 2"

references = {
    "logreg.losses.binary_cross_entropy(a, y)": losses.binary_cross_entropy(a_train, y_train),
    "the model's training loss": model.loss_and_gradients(X_train, y_train, model.w_, model.b_)[0],
}
for name, value in references.items():
    assert abs(value - nll) < 1e-12, f"{name} differs from the NLL"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### The slide's swapped formula
#
# > **Erratum.** The binary cross-entropy slide writes
# > $H_a(y) = -\sum_i \big(a^{[i]}\log(y^{[i]}) + (1-a^{[i]})\log(1-y^{[i]})\big)$, with $a$ and $y$ swapped.
# > It must be $-\sum_i \big(y^{[i]}\log(a^{[i]}) + (1-y^{[i]})\log(1-a^{[i]})\big)$: the *labels* weight the
# > *log of the predictions*.
#
# Cross-entropy is not symmetric, and with 0/1 labels the swapped version is not even defined: every example
# has $\log 0$ in a term with a positive weight, so every term is $+\infty$. Even for soft targets, where both
# are finite, they differ.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def bce_per_example(a, y):  # the correct formula
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


with np.errstate(divide="ignore"):  # log(0) is the point of this cell
    swapped = bce_per_example(y_train, a_train)  # a and y exchanged, as on the slide
print("correct, first 5 examples:", bce_per_example(a_train, y_train)[:5])
print("swapped, first 5 examples:", swapped[:5])
assert np.all(np.isposinf(swapped)), "expected the swapped formula to be +inf for every 0/1 label"

right, wrong = bce_per_example(0.8, 0.3), bce_per_example(0.3, 0.8)  # target 0.3, prediction 0.8
print(f"soft target 0.3, prediction 0.8: H = {right:.4f}, swapped {wrong:.4f}")
assert abs(right - wrong) > 0.1, "cross-entropy should not be symmetric"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Multi-category cross-entropy
#
# For $K$ classes with one-hot labels $\mathbf y^{[i]}$ and predicted distributions $\mathbf a^{[i]}$, the slide's
# cross-entropy (a sum; divide by $n$ for the mean) is
#
# $$H = \sum_{i=1}^{n}\sum_{k=1}^{K} -y_k^{[i]} \log a_k^{[i]} .$$
#
# Only the true class's term survives. For $K = 2$, with $(1-y, y)$ and $(1-a, a)$, it is section 4's binary
# cross-entropy. Notebook 05 makes $\mathbf a$ with the softmax.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def multi_category_cross_entropy(Y_onehot, A):
    return np.sum(-Y_onehot * np.log(A))


H2 = multi_category_cross_entropy(losses.one_hot(y_train, 2), q_model)
print(f"K = 2: H / n = {H2 / len(y_train):.4f}   (binary cross-entropy {nll:.4f})")
assert abs(H2 / len(y_train) - nll) < 1e-12, "K = 2 cross-entropy should equal the binary one"

A3 = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [0.5, 0.3, 0.2]])
y3 = np.array([0, 1, 2, 1])
H3 = multi_category_cross_entropy(losses.one_hot(y3, 3), A3)
torch_H3 = F.nll_loss(torch.log(torch.from_numpy(A3)), torch.from_numpy(y3), reduction="sum").item()
print(f"K = 3: H = {H3:.4f}   (torch nll_loss of log a, summed: {torch_H3:.4f})")
assert abs(H3 - torch_H3) < 1e-12, "K = 3 cross-entropy disagrees with torch nll_loss"
assert abs(H3 + np.sum(np.log(A3[np.arange(4), y3]))) < 1e-12, "H should be -sum log a_true"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Labels in $\{-1, +1\}$ (claim C17)
#
# Some texts code the classes as $y \in \{-1, +1\}$ and write the logistic loss as
#
# $$E(\mathbf w) = \frac1n\sum_{i=1}^n \log\Bigl(1 + \exp\bigl(-y^{[i]} z^{[i]}\bigr)\Bigr).$$
#
# The same loss: with $1 - \sigma(z) = \sigma(-z)$ and $-\log\sigma(t) = \log(1 + e^{-t})$, class 1
# ($y = +1$) costs $-\log\sigma(z) = \log(1 + e^{-z})$ and class 0 ($y = -1$) costs $-\log\sigma(-z) = \log(1 + e^{z})$.
# torch has this form as `soft_margin_loss`:

# %%
y_pm = 2 * y_train - 1  # 0 -> -1, 1 -> +1
E = F.soft_margin_loss(torch.from_numpy(z_train), torch.from_numpy(y_pm)).item()
print(f"{{-1, +1}} form: {E:.4f}   NLL with {{0, 1}} labels: {nll:.4f}")
assert abs(E - nll) < 1e-12, "the {-1, +1} form should equal the NLL"

z_wide = torch.linspace(-700, 700, 2801, dtype=torch.float64)  # soft_margin_loss overflows past 709
for label in (0.0, 1.0):
    y01 = torch.full_like(z_wide, label)
    pm1 = F.soft_margin_loss(z_wide, 2 * y01 - 1, reduction="none")
    bce = F.binary_cross_entropy_with_logits(z_wide, y01, reduction="none")
    assert torch.allclose(pm1, bce, rtol=1e-12, atol=1e-12), f"per example, label {label:.0f}"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Exercise (transfer): the gradient of the $\{-1, +1\}$ form
#
# Write `pm1_logistic_gradient_exercise(z, y)`: for labels $y \in \{-1, +1\}$, the derivative of the mean loss
# $E$ above with respect to each logit, shape `(n,)`, derived with the chain rule. It must stay finite,
# without warnings, for $|z|$ up to $10^4$: express it with a function you can already evaluate stably.

# %% nbgrader={"grade": false, "grade_id": "pm1_logistic_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
def pm1_logistic_gradient_exercise(z, y):
    """dL/dz of the mean of log(1 + exp(-y z)) for labels y in {-1, +1}; shape of z."""
    ### BEGIN SOLUTION
    return -y * sigmoid(-y * z) / len(z)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_pm1_logistic_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
check_pm1_logistic_gradient(pm1_logistic_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_z = torch.tensor(np.append(_r.normal(scale=4, size=10), [1e4, -1e4]), requires_grad=True)
_y = _r.choice([-1.0, 1.0], 12)
torch.nn.functional.softplus(-torch.tensor(_y) * _z).mean().backward()
_grad = pm1_logistic_gradient_exercise(_z.detach().numpy(), _y)
assert np.allclose(_grad, _z.grad.numpy(), atol=1e-12)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Cross-entropy from probabilities breaks; from logits it does not (claim C18)
#
# The slide's formula takes $a = \sigma(z)$, a float. Floats near 1 are coarse: $\sigma(z)$ rounds to
# exactly 1.0 from $z \approx 17$ in float32 (37 in float64), so $\log(1 - a) = -\infty$. Below
# $z \approx -89$, $\sigma(z)$ underflows to 0 and $\log a = -\infty$. The result is `inf` or `NaN` (from $0\cdot\infty$);
# torch's `F.binary_cross_entropy` clamps each log at $-100$: finite, but wrong and flat.
#
# **Exercise.** Write `bce_with_logits_exercise(z, y)`: the mean binary cross-entropy of logits `z` and labels
# `y` in $\{0, 1\}$, finite and without warnings for every finite $z$. Hint: write
# $\log\sigma(z)$ and $\log(1-\sigma(z))$ with $z$ alone, then avoid overflowing $e^{t}$.

# %%
def float32_losses(z, label=1.0):
    """Per-example losses of logits z in float32: the slide's formula, torch's from
    probabilities, torch's from logits."""
    z, y = torch.tensor(z, dtype=torch.float32), torch.full((len(z),), label)
    a = torch.sigmoid(z)
    slide = -(y * torch.log(a) + (1 - y) * torch.log(1 - a))
    probas = F.binary_cross_entropy(a, y, reduction="none")
    logits = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    return slide.numpy(), probas.numpy(), logits.numpy()


z_wrong, z_right = np.linspace(-150, 0, 1501), np.linspace(0, 60, 601)
slide_w, probas_w, logits_w = float32_losses(z_wrong)  # wrong side: z < 0 for label 1
slide_r, probas_r, logits_r = float32_losses(z_right)  # right side
true_w, true_r = (F.softplus(-torch.from_numpy(z)).numpy() for z in (z_wrong, z_right))  # float64
rounds_to_1 = 24 * np.log(2)  # 16.6: e^-z is below half the float32 gap above 1
underflows = -np.log(np.finfo(np.float32).max)  # -88.7: e^-z overflows, sigma(z) = 1/inf = 0
assert np.isnan(slide_r[z_right > rounds_to_1]).all(), "NaN once sigma(z) rounds to 1"
assert np.isinf(slide_w[z_wrong < underflows]).all(), "inf once sigma(z) underflows to 0"
assert np.allclose(logits_w, true_w, rtol=1e-6), "from logits, the loss follows the true loss"
assert np.allclose(logits_r, true_r, rtol=1e-5), "... on the right side too"

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 5.8))
ax1.axvspan(-150, underflows, color=PALETTE[3], alpha=0.25, hatch="//")
ax1.plot(z_wrong, true_w, color="0.7", lw=7, ls="-")
ax1.plot(z_wrong, logits_w, color=PALETTE[0], ls="-")
ax1.plot(z_wrong, probas_w, color=PALETTE[1], ls="--")
ax1.set(xlabel="z (label y = 1: a wrong prediction)", ylabel="loss")
ax2.axvspan(rounds_to_1, 60, color=PALETTE[4], alpha=0.25, hatch="..")
ax2.semilogy(z_right, true_r, color="0.7", lw=7, ls="-")
ax2.semilogy(z_right, logits_r, color=PALETTE[0], ls="-")
shown = probas_r > 0  # a loss of exactly 0 has no place on a log scale
ax2.semilogy(z_right[shown], probas_r[shown], color=PALETTE[1], ls="--")
ax2.set(xlabel="z (label y = 1: a right prediction)", ylabel="loss (log scale)")
fig.legend(handles=[*ax2.get_lines(), *ax1.patches[:1], *ax2.patches[:1]], labels=[
    "true loss (float64)", "from logits (float32)", "from probabilities, torch's clamp (float32)",
    "slide's formula: inf (σ(z) = 0)", "slide's formula: NaN (σ(z) = 1)"],
    loc="outside lower center", ncols=2)
show(fig, "Binary cross-entropy of logits z for label 1, in float32. Left, a wrong prediction, z "
     "from -150 to 0: the true loss grows like -z, and so does the loss from logits; from "
     "probabilities torch's clamp caps it flat at 100, and below z = -89 the slide's formula "
     "gives inf. Right, a right prediction on a log scale: the true loss shrinks like e to the -z "
     "and the logits form follows it, while from probabilities the loss drops to exactly 0, or "
     "NaN, from z near 17.")

# %% tags=["optional"] slideshow={"slide_type": "skip"}
# The two boundaries are sharp, and torch's clamp is exactly 100.
assert np.isfinite(slide_r[z_right < rounds_to_1]).all(), "finite until sigma(z) rounds to 1"
assert np.isfinite(slide_w[z_wrong > underflows]).all(), "finite until sigma(z) underflows"
assert probas_w.max() == 100.0 and true_w.max() > 149, "torch clamps the loss at 100"
assert np.all(probas_r[z_right > rounds_to_1] == 0), "from probabilities the loss becomes 0"
print(f"float32: sigma(z) = 1 from z = {rounds_to_1:.1f}, sigma(z) = 0 below z = {underflows:.1f}")

# %% nbgrader={"grade": false, "grade_id": "bce_with_logits_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def bce_with_logits_exercise(z, y):
    """Mean binary cross-entropy from logits, finite for every finite z."""
    ### BEGIN SOLUTION
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))  # log(1 + e^z), no overflow
    return np.mean(softplus - y * z)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_bce_with_logits", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
check_bce_with_logits(bce_with_logits_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_z, _y = np.append(_r.normal(scale=4, size=12), [1e4, -1e4]), _r.integers(0, 2, 14) * 1.0
_expected = torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor(_z), torch.tensor(_y))
assert np.isclose(bce_with_logits_exercise(_z, _y), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### The logits form, derived
#
# Put $\log\sigma(z) = -\operatorname{softplus}(-z)$ and $\log(1 - \sigma(z)) = \log\sigma(-z) = -\operatorname{softplus}(z)$,
# with $\operatorname{softplus}(t) = \log(1 + e^{t})$, into the loss, and use $\operatorname{softplus}(z) - \operatorname{softplus}(-z) = z$:
#
# $$L = y\,\operatorname{softplus}(-z) + (1-y)\,\operatorname{softplus}(z) = \operatorname{softplus}(z) - y\,z .$$
#
# No $\sigma$, no $\log 0$. Literally, $\log(1 + e^{t})$ overflows for $t \gtrsim 710$; as
# $\max(t, 0) + \log(1 + e^{-|t|})$, or `np.logaddexp(0, t)` (a log-sum-exp), it never does. For labels in
# $\{0, 1\}$ this is section 6's $\{-1, +1\}$ form. The checks: the identity, the probability form where it still
# works, torch everywhere, and your function against `nn.BCEWithLogitsLoss`, which is what a model should use.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def softplus(t):
    return np.logaddexp(0.0, t)  # log(e^0 + e^t) = log(1 + e^t), no overflow


def bce_from_logits(z, y):  # per example
    return softplus(z) - y * z


z_check = np.linspace(-1000, 1000, 20001)
assert np.allclose(softplus(z_check) - softplus(-z_check), z_check, atol=1e-12), "the identity"
moderate = np.linspace(-15, 15, 301)
for label in (0.0, 1.0):
    labels = torch.full((z_check.size,), label, dtype=torch.float64)
    torch64 = F.binary_cross_entropy_with_logits(torch.from_numpy(z_check), labels,
                                                 reduction="none").numpy()
    assert np.allclose(bce_from_logits(z_check, label), torch64, rtol=1e-12, atol=1e-12), "torch"
    assert np.allclose(bce_from_logits(moderate, label), bce_per_example(sigmoid(moderate), label),
                       rtol=1e-10, atol=1e-12), f"probability form, label {label:.0f}"

z_batch, y_batch = torch.tensor([-1000.0, -3.0, 0.5, 40.0]), torch.tensor([1.0, 0.0, 1.0, 0.0])
module_loss = torch.nn.BCEWithLogitsLoss()(z_batch, y_batch).item()
yours = bce_with_logits_exercise(z_batch.double().numpy(), y_batch.double().numpy())
print(f"nn.BCEWithLogitsLoss: {module_loss:.4f}   yours: {yours:.4f}")
assert abs(module_loss - yours) < 1e-6 * yours, "torch's logits loss should equal yours"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Inside the failure: float64, torch's clamp, and the gradient
#
# In float64 (numpy) the same happens later: the slide's formula gives `inf` and `NaN` at $|z| = 1000$ and
# at $z = 40$; numpy at least warns. torch's `F.binary_cross_entropy` reports 100 where the true loss is 1000.
# Worse is the **gradient**: through probabilities torch divides by $\max(a(1-a), 10^{-12})$ and multiplies by
# $\sigma'(z) = a(1-a)$; once $a(1-a) < 10^{-12}$ (from $|z| \approx 28$) the two no longer cancel and
# $\partial L/\partial z$ shrinks towards 0 where it should be $a - y \approx -1$: the vanishing gradient the NLL
# was meant to cure (notebook 02, C8).

# %% tags=["optional"] slideshow={"slide_type": "skip"}
z_demo = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
    warnings.simplefilter("always")
    naive = {label: bce_per_example(sigmoid(z_demo), label) for label in (1.0, 0.0)}
print("numpy reported:", sorted({str(w.message) for w in caught}))
for label in (1.0, 0.0):
    print(f"y = {label:.0f}: probabilities {naive[label] + 0.0}, "  # + 0.0 prints -0.0 as 0.0
          f"logits {bce_from_logits(z_demo, label) + 0.0}")
assert np.isposinf(naive[1.0][0]) and np.all(np.isnan(naive[1.0][3:])), "y=1: inf, then NaN"
assert np.isnan(naive[0.0][0]) and np.all(np.isposinf(naive[0.0][3:])), "y=0: NaN, then inf"
clamped = F.binary_cross_entropy(torch.sigmoid(torch.tensor([-1000.0])), torch.ones(1)).item()
assert clamped == 100.0 and bce_from_logits(-1000.0, 1.0) == 1000.0, "torch's clamp at 100"

z_grad = torch.tensor([-1000.0, -50.0, -30.0, -20.0, -5.0], requires_grad=True)
ones = torch.ones_like(z_grad)
(grad_probas,) = torch.autograd.grad(F.binary_cross_entropy(torch.sigmoid(z_grad), ones,
                                                            reduction="sum"), z_grad)
(grad_logits,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(z_grad, ones,
                                                                        reduction="sum"), z_grad)
a_minus_y = torch.sigmoid(z_grad.detach()) - 1
print("z                      ", z_grad.detach().numpy())
print("dL/dz via probabilities", grad_probas.numpy())
print("dL/dz via logits       ", grad_logits.numpy())
assert torch.allclose(grad_logits, a_minus_y, atol=1e-6), "the logits gradient should be a - y"
assert grad_probas[0] == 0 and abs(grad_probas[1]) < 1e-6, "expected a vanished gradient"
a_30 = torch.sigmoid(torch.tensor(-30.0))
floored = (a_30 - 1) / 1e-12 * (a_30 * (1 - a_30))  # torch's floored backward, times sigma'
assert torch.isclose(grad_probas[2], floored, rtol=1e-4), "z = -30: the 1e-12 floor explains it"
assert abs(grad_probas[3] - a_minus_y[3]) < 1e-6, "at z = -20 both forms still agree"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Exercise (transfer): a class-weighted cross-entropy
#
# When positives are rare (one fraud in a thousand transactions), a model can score well by always
# answering 0. A common fix weights each positive example's term by a factor $p$ (`pos_weight`): the loss
# becomes $\frac{1}{n}\sum_i -\bigl[p\,y^{[i]}\log\sigma(z^{[i]}) + (1-y^{[i]})\log(1-\sigma(z^{[i]}))\bigr]$,
# which is what `torch.nn.functional.binary_cross_entropy_with_logits(z, y, pos_weight=p)` computes.
# Write `weighted_bce_with_logits_exercise(z, y, pos_weight)`, finite for $|z|$ up to $10^4$, without
# calling torch's loss.

# %% nbgrader={"grade": false, "grade_id": "weighted_bce_with_logits_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
def weighted_bce_with_logits_exercise(z, y, pos_weight):
    """Mean of -[pos_weight y log sigma(z) + (1 - y) log(1 - sigma(z))], from logits z."""
    ### BEGIN SOLUTION
    return np.mean(pos_weight * y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_weighted_bce_with_logits", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
check_weighted_bce_with_logits(weighted_bce_with_logits_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_z, _y = np.append(_r.normal(scale=4, size=12), [1e4, -1e4]), _r.integers(0, 2, 14) * 1.0
_p = _r.uniform(0.2, 5)
_expected = torch.nn.functional.binary_cross_entropy_with_logits(
    torch.tensor(_z), torch.tensor(_y), pos_weight=torch.tensor(_p, dtype=torch.float64))
assert np.isclose(weighted_bce_with_logits_exercise(_z, _y, _p), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The logit $\log\frac{p}{1-p}$ inverts $\sigma$; the net input $z$ *is* the log-odds of class 1 (C15).
# - NLL = binary cross-entropy (C16); $H(p,q) = H(p) + \mathrm{KL}(p\|q)$, so minimizing it fits the model to
#   the labels. Erratum: the slide's $H_a(y)$ swaps $a$ and $y$.
# - With labels in $\{-1, +1\}$: $\frac1n\sum\log(1 + e^{-yz})$ (C17).
# - From probabilities, float32 gives `inf` or `NaN` from $z \approx 17$ ($\sigma(z)$ rounds to 1), but for negative
#   $z$ only below $-89$ ($\sigma(z)$ underflows to 0); torch clamps it to a flat 100. From logits,
#   $\operatorname{softplus}(z) - yz$ is exact (C18): models output logits, losses take them.
#
# **Next, 05 · Softmax and cross-entropy:** $K$ classes; `F.cross_entropy` takes logits for the same reasons.
