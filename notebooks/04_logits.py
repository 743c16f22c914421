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
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — part 4 of 6.*
#
# Notebook 03 trained logistic regression by minimizing the negative log-likelihood (NLL). This
# notebook looks at the two ends of that model: the net input $z$, which deep learning calls the
# **logit**, and the loss, which deep learning calls the **binary cross-entropy**.
#
# **You will**
# 1. meet odds $\frac{p}{1-p}$ and log-odds, and check that the logit $\log\frac{p}{1-p}$ is the inverse of $\sigma$ (claim **C15**);
# 2. see the two meanings of "logits" — and that for logistic regression they are the same number (C15);
# 3. compute the NLL and the binary cross-entropy separately and get the same numbers, also from torch (C16),
#    and see the multi-category cross-entropy reduce to it for $K = 2$;
# 4. rewrite the loss for labels in $\{-1, +1\}$ and check it is the same loss (C17);
# 5. watch the loss computed from probabilities break — `inf`, `NaN`, or a finite but wrong number and a
#    vanished gradient — while the loss computed from logits stays exact (C18). This is why every framework's
#    loss takes logits.
#
# Every claim ends in an `assert` that fails if the claim is false.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

import logreg
from logreg import losses, seed_everything
from logreg.data import load_toy, standardize, train_test_split
from logreg.models import LogisticRegression

rng = seed_everything(123)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Odds and log-odds (claim C15)
#
# If an event has probability $p$, its **odds** are
#
# $$\text{odds}(p) = \frac{p}{1-p} \in [0, \infty),$$
#
# "how many times more likely it happens than not": $p = 0.8$ gives odds $4$ ("4 to 1").
# The **log-odds** take the logarithm:
#
# $$\operatorname{logit}(p) = \log\frac{p}{1-p} \in (-\infty, \infty).$$
#
# A probability lives in $[0, 1]$ and odds in $[0, \infty)$, but log-odds cover the whole real line —
# exactly the range of a linear function $z = \mathbf w^\top \mathbf x + b$.

# %%
def odds(p):
    return p / (1 - p)


def logit(p):
    return np.log(odds(p))


p = np.array([0.1, 0.2, 0.5, 0.8, 0.9])
print("p        ", p)
print("odds     ", odds(p))
print("log-odds ", logit(p))

# %% [markdown]
# **Check.** Swapping the event and its complement inverts the odds and flips the sign of the log-odds:
# $\text{odds}(1-p) = 1/\text{odds}(p)$ and $\operatorname{logit}(1-p) = -\operatorname{logit}(p)$.
# Even odds ($p = \tfrac12$) have log-odds $0$.

# %%
p_grid = np.linspace(0.01, 0.99, 981)
assert np.allclose(odds(1 - p_grid), 1 / odds(p_grid), rtol=1e-12, atol=0), "odds(1-p) != 1/odds(p)"
assert np.allclose(logit(1 - p_grid), -logit(p_grid), rtol=0, atol=1e-12), "logit(1-p) != -logit(p)"
assert logit(np.array(0.5)) == 0.0, "even odds should have log-odds 0"
assert np.all(np.diff(logit(p_grid)) > 0), "logit should be strictly increasing"
print("odds and log-odds symmetries hold on", p_grid.size, "probabilities")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The logit is the inverse of the sigmoid (claim C15)
#
# Solve $a = \sigma(z) = \dfrac{1}{1+e^{-z}}$ for $z$:
#
# $$1 + e^{-z} = \frac1a \;\Rightarrow\; e^{-z} = \frac{1-a}{a} \;\Rightarrow\; z = \log\frac{a}{1-a} = \operatorname{logit}(a).$$
#
# So $\operatorname{logit}(\sigma(z)) = z$ for every $z$ and $\sigma(\operatorname{logit}(p)) = p$ for every $p \in (0, 1)$.
# We check both on grids, using the stable `logreg.sigmoid` from notebook 01, and compare our `logit`
# with `torch.logit` and `logreg.logit`.

# %%
z_grid = np.linspace(-5, 5, 1001)
sigma = logreg.sigmoid

assert np.allclose(logit(sigma(z_grid)), z_grid, rtol=0, atol=1e-12), "logit(sigma(z)) != z"
assert np.allclose(sigma(logit(p_grid)), p_grid, rtol=1e-12, atol=0), "sigma(logit(p)) != p"
assert np.allclose(logit(p_grid), torch.logit(torch.from_numpy(p_grid)).numpy(), rtol=1e-12, atol=1e-14), "differs from torch.logit"
assert np.allclose(logit(p_grid), logreg.logit(p_grid), rtol=1e-12, atol=1e-14), "differs from logreg.logit"
assert np.allclose(torch.logit(torch.sigmoid(torch.from_numpy(z_grid))).numpy(), z_grid, atol=1e-12), "torch round trip"
print(f"round trips exact to 1e-12 on {z_grid.size} logits and {p_grid.size} probabilities")

# %% [markdown]
# Inverse functions are mirror images of each other about the line $y = x$: the point
# $(z, \sigma(z))$ on the sigmoid reflects to $(\sigma(z), z)$ on the logit.

# %%
z_plot = np.linspace(-6, 6, 601)
p_plot = sigma(z_plot)
z0 = 2.0

fig, ax = plt.subplots(figsize=(5.5, 5.5))
ax.plot(z_plot, sigma(z_plot), label=r"$\sigma(z)$")
ax.plot(p_plot, logit(p_plot), label=r"$\operatorname{logit}(p) = \log\frac{p}{1-p}$")
ax.plot([-6, 6], [-6, 6], "k--", lw=0.8, label="$y = x$")
ax.plot([z0, sigma(z0)], [sigma(z0), z0], "o:", color="gray")
ax.annotate(r"$(z, \sigma(z))$", xy=(z0, sigma(z0)), xytext=(z0 + 0.3, sigma(z0) - 0.9))
ax.annotate(r"$(\sigma(z), z)$", xy=(sigma(z0), z0), xytext=(sigma(z0) - 2.6, z0 + 0.3))
ax.set_xlim(-6, 6)
ax.set_ylim(-6, 6)
ax.set_aspect("equal")
ax.axhline(0, color="gray", lw=0.5)
ax.axvline(0, color="gray", lw=0.5)
ax.legend(loc="lower right")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The round trip only works while $\sigma(z)$ can still tell $z$ apart
#
# In float64, the numbers just below $1$ are $2^{-53} \approx 1.1\cdot10^{-16}$ apart. Once
# $1 - \sigma(z) \approx e^{-z}$ drops below that, $\sigma(z)$ rounds to exactly $1.0$ and the logit is
# $\log(1/0) = \infty$: the value of $z$ is gone. Near $0$ there is no such problem, because floats are dense
# there. Section 7 runs into the same rounding, in the loss.

# %%
z_far = np.array([-700.0, -30.0, 20.0, 30.0, 36.0, 37.0])
with np.errstate(divide="ignore"):  # log(1/0) at z = 37 is expected here
    recovered = logit(sigma(z_far))
for z_value, back in zip(z_far, recovered, strict=True):
    print(f"z = {z_value:7.1f}   logit(sigma(z)) = {back:.4f}")

assert np.isinf(recovered[-1]) and sigma(37.0) == 1.0, "expected sigma(37) to round to exactly 1"
assert np.allclose(recovered[:2], z_far[:2], rtol=1e-12), "the round trip should be exact for negative z"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: probability, odds and logit are one number in three units
#
# Move any of the three sliders and the other two follow: $\text{odds} = \frac{p}{1-p}$,
# $\operatorname{logit} = \log(\text{odds})$, and back, $p = \sigma(\operatorname{logit})$. Even odds sit at
# $p = 0.5$, logit $0$; odds of $1{:}4$ and $4{:}1$ have logits $\mp 1.3863$. Without a running kernel you
# see the figure at $p = 0.8$.

# %%
from logreg.widgets import odds_demo

odds_demo()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Two meanings of "logits" (claim C15)
#
# - **Deep learning:** the *logits* are the net inputs of the last layer, $z = \mathbf w^\top\mathbf x + b$,
#   before the output activation (sigmoid or softmax) is applied.
# - **Statistics:** the *logit* of a probability is its log-odds, $\log\frac{p}{1-p}$.
#
# For logistic regression the two coincide. The model says $P(y = 1 \mid \mathbf x) = \sigma(z)$, so by section 2
#
# $$\log\frac{P(y=1\mid\mathbf x)}{P(y=0\mid\mathbf x)} = \operatorname{logit}(\sigma(z)) = z = \mathbf w^\top\mathbf x + b:$$
#
# the net input **is** the log-odds of class 1. That is the modelling assumption of logistic regression:
# the log-odds are linear in the features. We check it on the toy data with the reference model
# `logreg.models.LogisticRegression`: the logit of `predict_proba` equals `decision_function`.

# %%
X, y = load_toy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=123)
X_train, X_test = standardize(X_train, X_test)

model = LogisticRegression(lr=0.1, epochs=30).fit(X_train, y_train)
print("weights", model.w_, " bias", f"{float(model.b_):.4f}")

for name, X_part in [("train", X_train), ("test", X_test)]:
    net_input = model.decision_function(X_part)
    log_odds = logit(model.predict_proba(X_part))
    assert np.allclose(log_odds, net_input, rtol=0, atol=1e-12), f"log-odds != net input on {name}"
print("logit(predict_proba(X)) == decision_function(X) on train and test")

# %% [markdown]
# A consequence worth knowing: raising feature $j$ by one unit adds $w_j$ to the log-odds, so it
# **multiplies the odds by $e^{w_j}$** — the same factor for every example. That is how statisticians read a
# logistic-regression weight (an *odds ratio*).

# %%
for j in range(X_test.shape[1]):
    step = np.zeros(X_test.shape[1])
    step[j] = 1.0
    ratio = odds(model.predict_proba(X_test + step)) / odds(model.predict_proba(X_test))
    print(f"feature {j + 1}: odds ratio {ratio.min():.4f} ... {ratio.max():.4f},  exp(w_{j + 1}) = {np.exp(model.w_[j]):.4f}")
    assert np.allclose(ratio, np.exp(model.w_[j]), rtol=1e-10), f"odds ratio of feature {j + 1} != exp(w)"

# %% [markdown]
# In a deep network with a sigmoid output unit the same holds for the last layer: its net input is the
# log-odds of the network's predicted probability. With a softmax output (notebook 05) the logits are
# log-probabilities up to a shared constant. Either way, "logits" means *the numbers before the output activation*.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Negative log-likelihood = binary cross-entropy (claim C16)
#
# **Statistics view** (notebook 03). Each label is a Bernoulli draw, $P(y\mid\mathbf x) = a^{y}(1-a)^{1-y}$ with
# $a = \sigma(z)$, and we minimize the mean negative log-likelihood
#
# $$L = -\frac1n\sum_{i=1}^n \log\Big( (a^{[i]})^{y^{[i]}}\,(1-a^{[i]})^{1-y^{[i]}} \Big).$$
#
# **Information-theory view.** The cross-entropy between a true distribution $p$ and a predicted one $q$ over
# the same outcomes is $H(p, q) = -\sum_k p_k \log q_k$. For example $i$ the true distribution over the two
# classes $(0, 1)$ is $(1 - y^{[i]},\, y^{[i]})$ and the model's is $(1 - a^{[i]},\, a^{[i]})$:
#
# $$H = \frac1n\sum_{i=1}^n -\Big( y^{[i]} \log a^{[i]} + (1 - y^{[i]}) \log(1 - a^{[i]}) \Big).$$
#
# The two are the same expression (log of a product = sum of logs). We compute them separately, on the fitted
# model's training predictions, and compare with torch and `logreg.losses`.

# %%
z_train = model.decision_function(X_train)
a_train = model.predict_proba(X_train)
y_float = y_train.astype(float)

# statistics: log of the Bernoulli probability of each observed label
nll = -np.mean(np.log(a_train**y_float * (1 - a_train) ** (1 - y_float)))

# information theory: cross-entropy between label distribution and predicted distribution, per example
p_true = np.column_stack([1 - y_float, y_float])
q_model = np.column_stack([1 - a_train, a_train])
cross_entropy = np.mean(-np.sum(p_true * np.log(q_model), axis=1))

print(f"negative log-likelihood: {nll:.4f}")
print(f"binary cross-entropy:    {cross_entropy:.4f}")

# %%
a_t, z_t, y_t = (torch.from_numpy(v) for v in (a_train, z_train, y_float))
references = {
    "torch F.binary_cross_entropy(a, y)": F.binary_cross_entropy(a_t, y_t).item(),
    "torch F.binary_cross_entropy_with_logits(z, y)": F.binary_cross_entropy_with_logits(z_t, y_t).item(),
    "logreg.losses.binary_cross_entropy(a, y)": float(losses.binary_cross_entropy(a_train, y_train)),
    "logreg.losses.binary_cross_entropy_with_logits(z, y)": float(losses.binary_cross_entropy_with_logits(z_train, y_train)),
    "LogisticRegression's own training loss": model.loss_and_gradients(X_train, y_float, model.w_, model.b_)[0],
}
assert abs(nll - cross_entropy) < 1e-12, "NLL != binary cross-entropy"
for name, value in references.items():
    print(f"{name:54s} {value:.4f}")
    assert abs(value - nll) < 1e-12, f"{name} differs from the NLL"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Natural log: nats, not bits
#
# Decision-tree entropy is measured with $\log_2$, in **bits**: a 50/50 node has entropy 1 bit. The
# cross-entropy loss uses the **natural** log, in *nats*. The two differ by the constant factor $\ln 2$,
# which does not move the minimum (it only rescales the gradient). A model that always says $a = \tfrac12$
# has loss $\ln 2 \approx 0.6931$ nats $= 1$ bit — and torch reports $0.6931$, so torch uses the natural log.

# %%
half = torch.full((8,), 0.5, dtype=torch.float64)
labels = torch.tensor([0.0, 1.0] * 4, dtype=torch.float64)
loss_coin = F.binary_cross_entropy(half, labels).item()
print(f"loss of always predicting 0.5: {loss_coin:.4f} nats = {loss_coin / np.log(2):.4f} bits")
assert abs(loss_coin - np.log(2)) < 1e-15, "torch's BCE is not in nats (natural log)"

loss_bits = np.mean(-np.sum(p_true * np.log2(q_model), axis=1))
assert abs(loss_bits - cross_entropy / np.log(2)) < 1e-12, "log2 version should be the natural-log version / ln 2"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The slide's swapped formula
#
# > **Erratum.** The binary cross-entropy slide writes
# > $H_a(y) = -\sum_i \big(a^{[i]}\log(y^{[i]}) + (1-a^{[i]})\log(1-y^{[i]})\big)$ — with $a$ and $y$ swapped.
# > It must be $-\sum_i \big(y^{[i]}\log(a^{[i]}) + (1-y^{[i]})\log(1-a^{[i]})\big)$: the *labels* weight the
# > *log of the predictions*.
#
# Cross-entropy is not symmetric, and with 0/1 labels the swapped version is not even defined: every example has
# either $\log y = \log 0$ or $\log(1-y) = \log 0$, multiplied by a positive $a$ or $1 - a$, so every term is $+\infty$.

# %%
def bce_per_example(a, y):  # the correct formula
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


with np.errstate(divide="ignore"):  # log(0) is the point of this cell
    swapped = bce_per_example(y_float, a_train)  # a and y exchanged, as on the slide

print("correct, first 5 examples:", bce_per_example(a_train, y_float)[:5])
print("swapped, first 5 examples:", swapped[:5])
print("swapped is +inf for", np.sum(np.isposinf(swapped)), "of", swapped.size, "examples")
assert np.all(np.isposinf(swapped)), "expected the swapped formula to be +inf for every 0/1 label"
assert abs(np.mean(bce_per_example(a_train, y_float)) - nll) < 1e-12, "the correct formula should give the NLL"

# %% [markdown]
# Even for soft targets, where both versions are finite, they are different numbers:

# %%
soft_target, prediction = np.array([0.3]), np.array([0.8])
right, wrong = bce_per_example(prediction, soft_target)[0], bce_per_example(soft_target, prediction)[0]
print(f"H(target, prediction) = {right:.4f}   swapped: {wrong:.4f}")
assert abs(right - wrong) > 0.1, "cross-entropy should not be symmetric"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Multi-category cross-entropy
#
# For $K$ classes, encode each label as a one-hot vector $\mathbf y^{[i]} \in \{0,1\}^K$ and let the model output a
# distribution $\mathbf a^{[i]}$ over the $K$ classes. The slide's cross-entropy (a sum over examples; divide by
# $n$ for the mean) is
#
# $$H = \sum_{i=1}^{n}\sum_{k=1}^{K} -y_k^{[i]} \log a_k^{[i]}.$$
#
# Only the true class's term survives, $-\log a^{[i]}_{y^{[i]}}$. For $K = 2$ with one-hot $(1-y, y)$ and
# $\mathbf a = (1-a, a)$ this is exactly the information-theory form of section 4: binary cross-entropy.
# Notebook 05 produces $\mathbf a$ with the softmax; here we only check the formula.

# %%
def multi_category_cross_entropy(Y_onehot, A):
    return np.sum(-Y_onehot * np.log(A))


Y2 = losses.one_hot(y_train, 2)
A2 = np.column_stack([1 - a_train, a_train])
H2 = multi_category_cross_entropy(Y2, A2)
print(f"K = 2: H / n = {H2 / len(y_train):.4f}   (binary cross-entropy {nll:.4f})")
assert abs(H2 / len(y_train) - nll) < 1e-12, "K = 2 cross-entropy should equal the binary cross-entropy"

A3 = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [0.5, 0.3, 0.2]])
y3 = np.array([0, 1, 2, 1])
H3 = multi_category_cross_entropy(losses.one_hot(y3, 3), A3)
torch_H3 = F.nll_loss(torch.log(torch.from_numpy(A3)), torch.from_numpy(y3), reduction="sum").item()
print(f"K = 3: H = {H3:.4f}   (torch nll_loss of log a, summed: {torch_H3:.4f})")
assert abs(H3 - torch_H3) < 1e-12, "K = 3 cross-entropy disagrees with torch nll_loss"
assert abs(H3 + np.sum(np.log(A3[np.arange(4), y3]))) < 1e-12, "H should be the sum of -log a of the true classes"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Labels in $\{-1, +1\}$ (claim C17)
#
# Some texts (and SVM-style derivations) code the classes as $y \in \{-1, +1\}$ and write the logistic loss as
#
# $$E(\mathbf w) = \frac1n\sum_{i=1}^n \log\Big(1 + \exp\big(-y^{[i]} z^{[i]}\big)\Big), \qquad z^{[i]} = \mathbf w^\top\mathbf x^{[i]} + b.$$
#
# It is the same loss. Using $1 - \sigma(z) = \sigma(-z)$ and $-\log\sigma(t) = \log(1 + e^{-t})$:
#
# - class 1 ($y_{01} = 1$, $y_{\pm} = +1$): $\;-\log\sigma(z) = \log(1 + e^{-z})$;
# - class 0 ($y_{01} = 0$, $y_{\pm} = -1$): $\;-\log(1-\sigma(z)) = -\log\sigma(-z) = \log(1 + e^{z})$.
#
# Both are $\log(1 + e^{-y_\pm z})$. The function $t \mapsto \log(1 + e^{t})$ is called **softplus**. Written
# literally it overflows ($e^{1000} = \infty$); written as $\log(e^0 + e^t)$ it is a log-sum-exp, which
# `np.logaddexp(0, t)` evaluates without overflow.

# %%
def softplus(t):
    return np.logaddexp(0.0, t)  # log(e^0 + e^t) = log(1 + e^t), no overflow


def logistic_loss_pm1(z, y_pm):
    return np.mean(softplus(-y_pm * z))


t = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
with np.errstate(over="ignore"):  # the overflow is the point
    print("literal log(1 + exp(t)):", np.log(1 + np.exp(t)))
print("np.logaddexp(0, t):     ", softplus(t))
assert np.allclose(softplus(t), losses.softplus(t), rtol=1e-15), "softplus differs from logreg.losses.softplus"
assert np.allclose(softplus(t), F.softplus(torch.from_numpy(t)).numpy(), rtol=1e-15), "softplus differs from torch"

# %% [markdown]
# **Check** on the trained model (labels mapped by $y_\pm = 2y_{01} - 1$), and per example on a wide grid of logits:

# %%
y_pm = 2 * y_float - 1
E = logistic_loss_pm1(z_train, y_pm)
print(f"{{-1, +1}} form: {E:.4f}   BCE with {{0, 1}} labels: {nll:.4f}")
assert abs(E - nll) < 1e-12, "{-1,+1} logistic loss != BCE on the toy data"

z_wide = np.linspace(-1000, 1000, 4001)
for label in (0.0, 1.0):
    pm1_form = softplus(-(2 * label - 1) * z_wide)
    torch_bce = F.binary_cross_entropy_with_logits(
        torch.from_numpy(z_wide), torch.full_like(torch.from_numpy(z_wide), label), reduction="none"
    ).numpy()
    assert np.allclose(pm1_form, torch_bce, rtol=1e-12, atol=1e-12), f"per-example mismatch for label {label}"
print(f"per-example equality to torch on {z_wide.size} logits in [-1000, 1000], both labels")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Cross-entropy from probabilities breaks; from logits it does not (claim C18)
#
# The slide's formula takes probabilities, $-\big(y\log a + (1-y)\log(1-a)\big)$ with $a = \sigma(z)$. But
# $\sigma(z)$ is stored in a float, and the floats just below $1$ are coarse: $\sigma(z)$ rounds to **exactly**
# $1.0$ once $e^{-z}$ is below half the gap between $1$ and the next float above it, $2^{-24}$ in float32 and
# $2^{-53}$ in float64. So we predict the first integer $z$ with $\sigma(z) = 1$ to be
# $\lceil 24\ln 2\rceil = 17$ in float32 and $\lceil 53 \ln 2\rceil = 37$ in float64.

# %%
z_int = np.arange(0, 60)
first_one = {}
for dtype in (torch.float32, torch.float64):
    a = torch.sigmoid(torch.tensor(z_int, dtype=dtype))
    first_one[dtype] = int(z_int[(a == 1.0).numpy()][0])
    print(f"{str(dtype):14s} sigma(z) == 1.0 exactly from z = {first_one[dtype]}")

assert first_one[torch.float32] == int(np.ceil(24 * np.log(2))) == 17, "float32 saturation point"
assert first_one[torch.float64] == int(np.ceil(53 * np.log(2))) == 37, "float64 saturation point"
assert logreg.sigmoid(37.0) == 1.0 and logreg.sigmoid(-1000.0) == 0.0, "the stable sigmoid rounds the same way"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What the formula does with $a = 1.0$ or $a = 0.0$ (float64, numpy)
#
# - label $1$, $a = 1$: $(1-y)\log(1-a) = 0\cdot\log 0 = 0\cdot(-\infty) = $ **NaN** — for a *correct* prediction;
# - label $0$, $a = 1$: $-\log(1-a) = -\log 0 = $ **+inf**, where the true loss is about $z$;
# - and the same, mirrored, when $a$ underflows to $0$ for very negative $z$.
#
# The sigmoid here is notebook 01's stable one: the rounding is in the number format, not in a careless formula.
# We let numpy report the floating-point problems as warnings, catch them, and print them.

# %%
def bce_from_probabilities(a, y):  # the slide's formula, per example
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def bce_from_logits(z, y):  # derived below; per example
    return softplus(z) - y * z


z_demo = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
a_demo = logreg.sigmoid(z_demo)

with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
    warnings.simplefilter("always")
    naive = {label: bce_from_probabilities(a_demo, label) for label in (1.0, 0.0)}

print("numpy reported:", sorted({str(w.message) for w in caught}))
print(f"{'z':>8} {'a = sigma(z)':>13} | {'y=1 probas':>11} {'y=1 logits':>11} | {'y=0 probas':>11} {'y=0 logits':>11}")
for i, z_value in enumerate(z_demo):
    row = [naive[1.0][i], bce_from_logits(z_value, 1.0), naive[0.0][i], bce_from_logits(z_value, 0.0)]
    row = [value + 0.0 for value in row]  # + 0.0 turns -0.0 into 0.0 for printing
    print(f"{z_value:8.1f} {a_demo[i]:13.4e} | {row[0]:11.4f} {row[1]:11.4f} | {row[2]:11.4f} {row[3]:11.4f}")

# %%
assert np.isposinf(naive[1.0][0]) and np.all(np.isnan(naive[1.0][3:])), "y=1: expected inf at z=-1000, NaN for z >= 40"
assert np.isnan(naive[0.0][0]) and np.all(np.isposinf(naive[0.0][3:])), "y=0: expected NaN at z=-1000, inf for z >= 40"
assert np.all(np.isfinite(bce_from_logits(z_demo, 1.0))) and np.all(np.isfinite(bce_from_logits(z_demo, 0.0))), "logits form not finite"
assert bce_from_logits(-1000.0, 1.0) == 1000.0 and bce_from_logits(40.0, 0.0) == 40.0, "logits form should give |z| there"
print("numpy float64: the probability form gives inf and NaN, the logits form is finite")

# %% [markdown]
# In **float32** (the default in deep learning) the same happens much earlier, from $|z| \approx 17$. torch
# computes it silently — no warning at all, just `inf` and `nan` in the loss:

# %%
z32 = torch.tensor([-1000.0, -100.0, -20.0, 0.0, 20.0, 100.0], dtype=torch.float32)
a32 = torch.sigmoid(z32)
print("z          ", z32.numpy())
print("sigmoid(z) ", a32.numpy())
naive32 = {}
for label in (1.0, 0.0):
    naive32[label] = -(label * torch.log(a32) + (1 - label) * torch.log(1 - a32))
    print(f"loss, y = {label:.0f}", naive32[label].numpy())

assert torch.isposinf(naive32[1.0][:2]).all() and torch.isnan(naive32[1.0][4:]).all(), "y=1: expected inf, inf, ..., NaN, NaN"
assert torch.isnan(naive32[0.0][:2]).all() and torch.isposinf(naive32[0.0][4:]).all(), "y=0: expected NaN, NaN, ..., inf, inf"
assert torch.isfinite(naive32[1.0][2:4]).all() and torch.isfinite(naive32[0.0][2:4]).all(), "moderate z should still work"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### torch's `F.binary_cross_entropy`: finite, but wrong
#
# `F.binary_cross_entropy` takes probabilities and protects itself by clamping each $\log$ at $-100$. No more `inf`,
# but the number is wrong: for $z = -1000$ and $y = 1$ the true loss is $-\log\sigma(-1000) = \operatorname{softplus}(1000) = 1000$,
# and torch reports $100$. `F.binary_cross_entropy_with_logits` takes $z$ itself and gets it right.

# %%
cases = [(-1000.0, 1.0, torch.float32), (-1000.0, 1.0, torch.float64), (20.0, 0.0, torch.float32), (40.0, 0.0, torch.float64)]
for z_value, label, dtype in cases:
    z_c, y_c = torch.tensor([z_value], dtype=dtype), torch.tensor([label], dtype=dtype)
    from_probas = F.binary_cross_entropy(torch.sigmoid(z_c), y_c).item()
    from_logits = F.binary_cross_entropy_with_logits(z_c, y_c).item()
    true_loss = float(bce_from_logits(z_value, label))
    print(f"z = {z_value:7.1f}, y = {label:.0f}, {str(dtype):13s}: from probabilities {from_probas:8.4f}"
          f"   from logits {from_logits:9.4f}   true {true_loss:9.4f}")
    assert from_probas == 100.0, "expected torch's clamp at 100"
    assert abs(from_logits - true_loss) <= 1e-6 * true_loss, "logits form should be right"
assert bce_from_logits(-1000.0, 1.0) == 1000.0, "the true loss for z = -1000, y = 1 is 1000"

# %% [markdown]
# Worse than the wrong value is the **gradient**. Per example, $\partial L/\partial z = a - y$ (notebook 03, C11):
# for a confidently wrong example it is about $\pm 1$, the strongest learning signal there is. Through
# probabilities, torch's backward pass divides by $\max(a(1-a),\, 10^{-12})$ and then multiplies by
# $\sigma'(z) = a(1-a)$; once $a(1-a) < 10^{-12}$ (from $|z| \approx 28$) the two no longer cancel and the gradient
# shrinks towards $0$ — the vanishing gradient that the NLL was supposed to cure (notebook 02, C8).

# %%
z_grad = torch.tensor([-1000.0, -50.0, -30.0, -20.0, -5.0], requires_grad=True)
ones = torch.ones_like(z_grad)

(grad_probas,) = torch.autograd.grad(F.binary_cross_entropy(torch.sigmoid(z_grad), ones, reduction="sum"), z_grad)
(grad_logits,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(z_grad, ones, reduction="sum"), z_grad)
a_minus_y = torch.sigmoid(z_grad.detach()) - 1

print("z                      ", z_grad.detach().numpy())
print("dL/dz via probabilities", grad_probas.numpy())
print("dL/dz via logits       ", grad_logits.numpy())
print("a - y                  ", a_minus_y.numpy())

# %%
assert torch.allclose(grad_logits, a_minus_y, atol=1e-6), "logits gradient should be a - y"
assert grad_probas[0] == 0 and abs(grad_probas[1]) < 1e-6, "expected a vanished gradient through probabilities"
a_30 = torch.sigmoid(torch.tensor(-30.0))
predicted = (a_30 - 1) / 1e-12 * (a_30 * (1 - a_30))  # torch's eps-floored backward, times sigma'
assert torch.isclose(grad_probas[2], predicted, rtol=1e-4), "gradient at z=-30 not explained by the 1e-12 floor"
assert abs(grad_probas[3] - a_minus_y[3]) < 1e-6, "at z=-20 both forms should still agree"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The logits form
#
# Put $\log\sigma(z) = -\operatorname{softplus}(-z)$ and $\log(1 - \sigma(z)) = \log\sigma(-z) = -\operatorname{softplus}(z)$
# into the loss, and use $\operatorname{softplus}(z) - \operatorname{softplus}(-z) = z$:
#
# $$L = y\,\operatorname{softplus}(-z) + (1-y)\,\operatorname{softplus}(z) = \operatorname{softplus}(z) - y\,z.$$
#
# No $\sigma$, no $\log 0$: for every finite $z$ the result is finite and accurate (this is `bce_from_logits` above, and
# for $y \in \{0, 1\}$ it is the $\{-1, +1\}$ form of section 6). We check the identity, and the logits form against
# the probability form where the latter still works, and against torch everywhere.

# %%
z_check = np.linspace(-1000, 1000, 20001)
assert np.allclose(softplus(z_check) - softplus(-z_check), z_check, rtol=0, atol=1e-12), "softplus(z) - softplus(-z) != z"

moderate = np.linspace(-15, 15, 301)
for label in (0.0, 1.0):
    exact = bce_from_logits(z_check, label)
    torch64 = F.binary_cross_entropy_with_logits(
        torch.from_numpy(z_check), torch.full((z_check.size,), label, dtype=torch.float64), reduction="none"
    ).numpy()
    assert np.all(np.isfinite(exact)), "logits form should be finite everywhere"
    assert np.allclose(exact, torch64, rtol=1e-12, atol=1e-12), f"logits form != torch float64 (y={label})"
    assert np.allclose(bce_from_logits(moderate, label), bce_from_probabilities(sigma(moderate), label), rtol=1e-10, atol=1e-12), \
        f"logits and probability forms should agree for moderate z (y={label})"
print("logits form: finite and equal to torch on", z_check.size, "logits in [-1000, 1000]")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The picture (float32, label $y = 1$)
#
# Left: the loss of a *wrong* prediction ($z \ll 0$). The slide's formula returns `inf` once $\sigma(z)$ underflows
# to $0$ (below $z \approx -89$ in float32) and `NaN` once it rounds to $1$; torch's clamp turns `inf` into a flat,
# gradient-free $100$ — too high between $-89$ and $-100$, too low beyond. Right, on a log scale: a *correct*
# prediction ($z \gg 0$). The true loss $\approx e^{-z}$ keeps shrinking and the logits form follows it; from
# probabilities the loss drops to exactly $0$ at $z = 17$ (off the bottom of a log scale), or to `NaN` with the slide's formula.

# %%
z_left = np.linspace(-150, 30, 1801)
z_right = np.linspace(0, 60, 601)


def float32_curves(z_np, label=1.0):
    z_f32 = torch.tensor(z_np, dtype=torch.float32)
    y_f32 = torch.full_like(z_f32, label)
    a_f32 = torch.sigmoid(z_f32)
    naive_f32 = -(y_f32 * torch.log(a_f32) + (1 - y_f32) * torch.log(1 - a_f32))
    clamped_f32 = F.binary_cross_entropy(a_f32, y_f32, reduction="none")
    logits_f32 = F.binary_cross_entropy_with_logits(z_f32, y_f32, reduction="none")
    return naive_f32.numpy(), clamped_f32.numpy(), logits_f32.numpy()


naive_left, clamped_left, logits_left = float32_curves(z_left)
naive_right, clamped_right, logits_right = float32_curves(z_right)
exact_left, exact_right = bce_from_logits(z_left, 1.0), softplus(-z_right)  # float64 references

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
inf_zone, nan_zone = z_left[np.isinf(naive_left)], z_left[np.isnan(naive_left)]
ax1.axvspan(inf_zone.min(), inf_zone.max(), color="tab:red", alpha=0.12, label="slide's formula: inf")
ax1.axvspan(nan_zone.min(), nan_zone.max(), color="gray", alpha=0.25, label="slide's formula: NaN")
ax1.plot(z_left, exact_left, "k", lw=3, alpha=0.3, label="true loss (float64)")
ax1.plot(z_left, logits_left, "tab:blue", label="F.binary_cross_entropy_with_logits(z)")
ax1.plot(z_left, clamped_left, "tab:orange", ls="--", label="F.binary_cross_entropy(sigmoid(z))")
ax1.set(xlabel="$z$", ylabel="loss", title="label $y = 1$, wrong side: linear scale")
ax1.legend(loc="upper right", fontsize=8)

ax2.semilogy(z_right, exact_right, "k", lw=3, alpha=0.3, label="true loss (float64)")
ax2.semilogy(z_right, logits_right, "tab:blue", label="from logits (float32)")
shown = clamped_right > 0
ax2.semilogy(z_right[shown], clamped_right[shown], "tab:orange", ls="--", label="from probabilities (float32)")
ax2.axvline(17, color="gray", ls=":", label=r"$\sigma(z) = 1.0$ in float32: loss $0$ (or NaN)")
ax2.set(xlabel="$z$", ylabel="loss (log scale)", title="label $y = 1$, right side: log scale")
ax2.legend(loc="lower left", fontsize=8)
fig.tight_layout()
plt.show()

# %%
assert np.isinf(naive_left).any() and np.isnan(naive_left).any(), "float32 probability form should break"
assert clamped_left.max() == 100.0 and exact_left.max() > 149, "torch's clamp should cap the loss at 100"
assert np.allclose(logits_left, exact_left, rtol=1e-6, atol=1e-7), "float32 logits form should track the true loss"
assert np.allclose(logits_right, exact_right, rtol=1e-5, atol=0), "float32 logits form should track e^-z on the right"
assert np.all(clamped_right[z_right >= 17] == 0), "float32 probability form should be exactly 0 from z = 17"
print("float32: probability form breaks or saturates; logits form follows the true loss on both sides")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why frameworks take logits
#
# A model should output its logits and hand them to a loss that applies the sigmoid **inside** the log, in the
# softplus form: `F.binary_cross_entropy_with_logits` or `nn.BCEWithLogitsLoss` in torch. Apply `torch.sigmoid`
# only when you want the probabilities themselves (for predictions or reporting). The same holds for softmax:
# `F.cross_entropy` takes logits (notebook 05).

# %%
z_batch = torch.tensor([-1000.0, -3.0, 0.5, 40.0])
y_batch = torch.tensor([1.0, 0.0, 1.0, 0.0])
module_loss = torch.nn.BCEWithLogitsLoss()(z_batch, y_batch).item()
functional_loss = F.binary_cross_entropy_with_logits(z_batch, y_batch).item()
ours = float(np.mean(bce_from_logits(z_batch.double().numpy(), y_batch.double().numpy())))
print(f"nn.BCEWithLogitsLoss: {module_loss:.4f}   F.binary_cross_entropy_with_logits: {functional_loss:.4f}   ours: {ours:.4f}")
assert module_loss == functional_loss, "nn.BCEWithLogitsLoss should equal the functional form"
assert abs(module_loss - ours) < 1e-6 * ours, "torch's logits loss should equal softplus(z) - y z"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercise: binary cross-entropy from logits, for any logit
#
# Complete `bce_with_logits_exercise(z, y)`: the mean binary cross-entropy of logits `z` and
# labels `y` in $\{0, 1\}$ (both of shape `(n,)`),
#
# $$L = \frac{1}{n}\sum_{i=1}^{n} -\bigl[y^{[i]}\log\sigma(z^{[i]}) + (1-y^{[i]})\log\bigl(1-\sigma(z^{[i]})\bigr)\bigr]
#     = \frac{1}{n}\sum_{i=1}^{n} \bigl[\operatorname{softplus}(z^{[i]}) - y^{[i]} z^{[i]}\bigr],$$
#
# with $\operatorname{softplus}(z) = \log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-|z|})$.
# It must return a finite number for every finite $z$ (the check tries $z = \pm 10^4$), with no warning.

# %% nbgrader={"grade": false, "grade_id": "bce_with_logits_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def bce_with_logits_exercise(z, y):
    """Mean binary cross-entropy from logits, finite for every finite z."""
    ### BEGIN SOLUTION
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))
    return np.mean(softplus - y * z)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_bce_with_logits", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_bce_with_logits

check_bce_with_logits(bce_with_logits_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_z, _y = np.append(_r.normal(scale=4, size=12), [1e4, -1e4]), _r.integers(0, 2, 14) * 1.0
_expected = torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor(_z), torch.tensor(_y))
assert np.isclose(bce_with_logits_exercise(_z, _y), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise (transfer): the gradient of the $\{-1, +1\}$ form
#
# Section 6 wrote the same loss for labels $y \in \{-1, +1\}$ as
# $L = \frac{1}{n}\sum_i \log\bigl(1 + e^{-y^{[i]} z^{[i]}}\bigr)$. Write
# `pm1_logistic_gradient_exercise(z, y)` returning $\partial L/\partial z$ (shape `(n,)`), derived with the
# chain rule. It must stay finite, without warnings, for $|z|$ up to $10^4$: express it with a function
# you already know how to evaluate stably.

# %% nbgrader={"grade": false, "grade_id": "pm1_logistic_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def pm1_logistic_gradient_exercise(z, y):
    """dL/dz of the mean of log(1 + exp(-y z)) for labels y in {-1, +1}; shape of z."""
    ### BEGIN SOLUTION
    return -y * sigma(-y * z) / len(z)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_pm1_logistic_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_pm1_logistic_gradient

check_pm1_logistic_gradient(pm1_logistic_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_z = torch.tensor(np.append(_r.normal(scale=4, size=10), [1e4, -1e4]), requires_grad=True)
_y = _r.choice([-1.0, 1.0], 12)
torch.nn.functional.softplus(-torch.tensor(_y) * _z).mean().backward()
_grad = pm1_logistic_gradient_exercise(_z.detach().numpy(), _y)
assert np.allclose(_grad, _z.grad.numpy(), atol=1e-12)
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise (transfer): a class-weighted cross-entropy
#
# When positives are rare (one fraud in a thousand transactions), a model can score well by always
# answering 0. A common fix weights each positive example's term by a factor $p$ (`pos_weight`): the loss
# becomes $\frac{1}{n}\sum_i -\bigl[p\,y^{[i]}\log\sigma(z^{[i]}) + (1-y^{[i]})\log(1-\sigma(z^{[i]}))\bigr]$,
# which is what `torch.nn.functional.binary_cross_entropy_with_logits(z, y, pos_weight=p)` computes.
# Write `weighted_bce_with_logits_exercise(z, y, pos_weight)`, finite for $|z|$ up to $10^4$, without
# calling torch's loss.

# %% nbgrader={"grade": false, "grade_id": "weighted_bce_with_logits_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def weighted_bce_with_logits_exercise(z, y, pos_weight):
    """Mean of -[pos_weight y log sigma(z) + (1 - y) log(1 - sigma(z))], from logits z."""
    ### BEGIN SOLUTION
    softplus = lambda t: np.maximum(t, 0) + np.log1p(np.exp(-np.abs(t)))  # noqa: E731
    return np.mean(pos_weight * y * softplus(-z) + (1 - y) * softplus(z))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_weighted_bce_with_logits", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_weighted_bce_with_logits

check_weighted_bce_with_logits(weighted_bce_with_logits_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_z, _y, _p = np.append(_r.normal(scale=4, size=12), [1e4, -1e4]), _r.integers(0, 2, 14) * 1.0, _r.uniform(0.2, 5)
_expected = torch.nn.functional.binary_cross_entropy_with_logits(
    torch.tensor(_z), torch.tensor(_y), pos_weight=torch.tensor(_p, dtype=torch.float64))
assert np.isclose(weighted_bce_with_logits_exercise(_z, _y, _p), _expected.item(), rtol=1e-8)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Odds $\frac{p}{1-p}$ and log-odds $\operatorname{logit}(p) = \log\frac{p}{1-p}$; the logit is the inverse of $\sigma$ —
#   checked both ways and against `torch.logit` — and the two curves mirror each other about $y = x$ (C15).
# - "Logits" are the last layer's net inputs (deep learning) and log-odds (statistics); for logistic regression the
#   net input $z$ *is* the log-odds of class 1, and $e^{w_j}$ is an odds ratio (C15).
# - The negative log-likelihood and the binary cross-entropy are the same numbers (natural log), equal to torch's and
#   `logreg`'s losses (C16); the multi-category cross-entropy $\sum_i\sum_k -y_k\log a_k$ reduces to it for $K = 2$.
# - With labels in $\{-1, +1\}$ the same loss reads $\frac1n\sum\log(1 + e^{-yz})$ (C17).
# - From probabilities, the loss breaks for large $|z|$ — `inf`, `NaN`, or torch's clamped $100$ with a vanished
#   gradient — already at $|z| \approx 17$ in float32; from logits, $\operatorname{softplus}(z) - yz$ is exact (C18).
# - Erratum: the slide's $H_a(y)$ swaps $a$ and $y$; the correct loss is $-\sum\big(y\log a + (1-y)\log(1-a)\big)$.
#
# **Next — 05 · Softmax and cross-entropy:** more than two classes. The softmax turns $K$ logits into a
# distribution, and `F.cross_entropy` takes the logits for the same reasons as here.
