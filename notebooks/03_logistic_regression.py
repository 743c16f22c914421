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
# # 03 · Logistic regression
#
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — part 3 of 6.*
#
# Notebook 02 trained a sigmoid neuron with the MSE loss. Logistic regression keeps the neuron,
# $h(\mathbf{x}) = \sigma(\mathbf{w}^\top\mathbf{x} + b)$, and changes the loss: it reads the output as a
# probability and maximises the likelihood of the training labels.
#
# **You will**
# 1. write the label's probability as one Bernoulli formula $a^y(1-a)^{1-y}$ (claim **C9**);
# 2. see the likelihood *product* underflow to exactly 0 while the log-likelihood does not (**C10**);
# 3. derive $\partial L/\partial z = a - y$ by the chain rule and check it against autograd — and catch the slide's sign slip (**C11**);
# 4. turn it into the update rule $\mathbf{w} := \mathbf{w} + \eta(-\nabla L)$, and set it beside the perceptron rule (**C12**);
# 5. predict with $\sigma(z) > 0.5 \Leftrightarrow z > 0$, and see why that threshold is not used for training (**C13**);
# 6. train the same model four ways — numpy, torch with manual gradients, torch autograd, torch `nn.Module` —
#    and get the same weights (**C14**); then compare NLL training with MSE training.
#
# Every claim ends in an `assert` that fails if the claim is false.

# %%
import itertools

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

from logreg import numerical_gradient, relative_error, seed_everything, sigmoid
from logreg.data import load_toy, standardize, train_test_split
from logreg.metrics import accuracy
from logreg.models import HW2Neuron, LogisticRegression
from logreg.plots import plot_decision_regions, plot_loss_curves

rng = seed_everything(123)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The model and the probability of one label (claim C9)
#
# The model is the sigmoid neuron of notebooks 01–02:
#
# $$h(\mathbf{x}) = a = \sigma(z), \qquad z = \mathbf{w}^\top\mathbf{x} + b .$$
#
# We read $a$ as the probability of class 1: $P(y=1 \mid \mathbf{x}) = a$ and $P(y=0 \mid \mathbf{x}) = 1 - a$.
# The two cases fit into one Bernoulli formula,
#
# $$P(y \mid \mathbf{x}) = a^{y}\,(1-a)^{1-y}, \qquad y \in \{0, 1\},$$
#
# because the exponent that is 0 turns its factor into 1.

# %%
def bernoulli_probability(a, y):
    return a**y * (1 - a) ** (1 - y)


a = np.linspace(0.0, 1.0, 101)
for a0 in [0.1, 0.5, 0.8]:
    print(f"a = {a0:.1f}:  P(y=1|x) = {bernoulli_probability(a0, 1):.4f}   P(y=0|x) = {bernoulli_probability(a0, 0):.4f}")

assert np.array_equal(bernoulli_probability(a, 1), a), "a^1 (1-a)^0 should be exactly a"
assert np.array_equal(bernoulli_probability(a, 0), 1 - a), "a^0 (1-a)^1 should be exactly 1 - a"

# %% [markdown]
# **Independent check:** torch's own Bernoulli distribution gives the same probabilities.

# %%
a_inner = torch.from_numpy(a[1:-1])  # torch's log_prob needs 0 < a < 1
for label in (0, 1):
    torch_p = torch.distributions.Bernoulli(probs=a_inner).log_prob(torch.full_like(a_inner, label)).exp()
    assert np.allclose(bernoulli_probability(a[1:-1], label), torch_p.numpy(), rtol=1e-12), f"disagrees with torch for y={label}"
print("a^y (1-a)^(1-y) equals torch.distributions.Bernoulli for y = 0 and y = 1")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The likelihood of a data set: a product that underflows (claim C10)
#
# If the $n$ training examples are independent, the probability of all their labels — the
# **likelihood** of the weights — is the product
#
# $$\mathcal{L}(\mathbf{w}) = \prod_{i=1}^{n} P(y^{[i]} \mid \mathbf{x}^{[i]}) = \prod_{i=1}^{n} \bigl(a^{[i]}\bigr)^{y^{[i]}}\bigl(1-a^{[i]}\bigr)^{1-y^{[i]}} .$$
#
# Maximum likelihood picks the $\mathbf{w}$ that makes it largest. But every factor is below 1,
# so the product shrinks exponentially with $n$, and the smallest positive float64 is about
# $5\times10^{-324}$. Let us take 3,000 examples from a logistic model $P(y=1\mid x) = \sigma(2x)$ and
# evaluate the likelihood at the parameters that generated them — a model as good as it gets.

# %%
n_big = 3000
x_big = rng.normal(size=n_big)
a_big = sigmoid(2.0 * x_big)
y_big = (rng.random(n_big) < a_big).astype(np.float64)

per_example = bernoulli_probability(a_big, y_big)
likelihood = np.prod(per_example)
log_likelihood = np.sum(np.log(per_example))

print(f"likelihood (product of {n_big} probabilities) = {likelihood}")
print(f"log-likelihood (sum of their logs)           = {log_likelihood:.2f}")

# %% [markdown]
# The product is exactly 0.0, and so is the product for a worse $\mathbf{w}$: it can no longer tell
# good weights from bad ones. The sum of logs is an ordinary number. Since $\log$ is increasing, both have the same maximiser, so we maximise
# the **log-likelihood**
#
# $$\ell(\mathbf{w}) = \log \mathcal{L}(\mathbf{w}) = \sum_{i=1}^{n} \Bigl[y^{[i]}\log a^{[i]} + \bigl(1-y^{[i]}\bigr)\log\bigl(1-a^{[i]}\bigr)\Bigr] .$$
#
# **Check** against torch's binary cross-entropy (a sum of the same per-example terms), and that the
# product really is 0 and not merely small.

# %%
torch_sum = F.binary_cross_entropy_with_logits(torch.from_numpy(2.0 * x_big), torch.from_numpy(y_big), reduction="sum")
assert likelihood == 0.0, "expected the product of 3000 probabilities to underflow to exactly 0"
assert np.isfinite(log_likelihood), "the log-likelihood should be finite"
assert abs(log_likelihood - (-torch_sum.item())) < 1e-9 * abs(log_likelihood), "log-likelihood disagrees with torch"
print(f"the exact likelihood is 10^({log_likelihood / np.log(10):.1f}), far below the smallest float64 (10^-323.3)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Where the product dies
#
# The running product and the running sum of logs agree (as powers of 10) until the product leaves
# the float64 range; from then on the product is 0 and its log is $-\infty$.

# %%
with np.errstate(divide="ignore"):
    log10_running_product = np.log10(np.cumprod(per_example))  # -inf once the product is 0
log10_running_sum = np.cumsum(np.log10(per_example))
first_zero = int(np.argmax(np.cumprod(per_example) == 0.0)) + 1
print(f"the running product is exactly 0.0 from example {first_zero} on")

alive = np.isfinite(log10_running_product)
assert np.allclose(log10_running_product[alive][:1000], log10_running_sum[:1000], rtol=1e-9), "product and log-sum disagree early on"
assert not alive[first_zero - 1:].any() and alive[: first_zero - 1].all(), "the product should stay 0 once it hits 0"

examples = np.arange(1, n_big + 1)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(examples, log10_running_sum, label=r"$\sum_i \log_{10} P(y^{[i]}|x^{[i]})$ (log-likelihood)")
ax.plot(examples[alive], log10_running_product[alive], "--", lw=2.5, label=r"$\log_{10} \prod_i P(y^{[i]}|x^{[i]})$ (product first)")
ax.axhline(np.log10(np.nextafter(0, 1)), color="gray", lw=0.8)
ax.annotate("smallest float64 > 0", xy=(50, -323.3), xytext=(50, -290), color="gray")
ax.axvline(first_zero, color="k", ls=":", lw=1)
ax.annotate("product = 0.0 from here on", xy=(first_zero, -250), xytext=(first_zero + 40, -250))
ax.set_xlabel("number of examples $n$")
ax.set_ylabel(r"$\log_{10}$ of the likelihood")
ax.legend(loc="upper right")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The loss: mean negative log-likelihood
#
# Gradient *descent* minimises, so we flip the sign, and we divide by $n$ so that the loss (and the
# learning rate that suits it) does not grow with the size of the data set:
#
# $$L(\mathbf{w}) = -\frac{1}{n}\sum_{i=1}^{n} \Bigl[y^{[i]}\log a^{[i]} + \bigl(1-y^{[i]}\bigr)\log\bigl(1-a^{[i]}\bigr)\Bigr] .$$
#
# For a single example the loss is
#
# $$L(a, y) = -\Bigl[\,y\log a + (1-y)\log(1-a)\,\Bigr] .$$
#
# > **Erratum.** The slide prints the single-example loss without the brackets,
# > $-y\log\sigma(z) + (1-y)\log(1-\sigma(z))$. Then the minus sign only applies to the first term:
# > for $y = 0$ the "loss" is $+\log(1-a) < 0$, and it *rewards* being wrong. The brackets are needed.

# %%
def nll_single(a, y):
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def nll_single_unbracketed(a, y):  # the slide as printed: the minus sign covers only the first term
    return -y * np.log(a) + (1 - y) * np.log(1 - a)


def mean_nll(a, y):
    return np.mean(nll_single(a, y))


a0, y0 = 0.8, 0  # the model says 80 % class 1, the truth is class 0
torch_loss = F.binary_cross_entropy(torch.tensor([a0], dtype=torch.float64), torch.tensor([float(y0)], dtype=torch.float64)).item()
print(f"a = {a0}, y = {y0}:  correct loss = {nll_single(a0, y0):.4f}   unbracketed = {nll_single_unbracketed(a0, y0):.4f}   torch = {torch_loss:.4f}")

assert abs(nll_single(a0, y0) - torch_loss) < 1e-12, "bracketed loss disagrees with torch"
assert nll_single_unbracketed(a0, y0) < 0, "the unbracketed formula should give a negative 'loss' here"
assert abs(nll_single_unbracketed(a0, y0) - torch_loss) > 1.0, "the unbracketed formula should disagree with torch"
assert nll_single_unbracketed(0.8, 1) == nll_single(0.8, 1), "for y = 1 the two formulas coincide (the bug hides there)"

# %% [markdown]
# The mean loss is the log-likelihood divided by $-n$ — the same function up to a negative factor, so
# minimising one maximises the other:

# %%
assert abs(mean_nll(a_big, y_big) - (-log_likelihood / n_big)) < 1e-12, "mean NLL != -log-likelihood / n"
assert abs(mean_nll(a_big, y_big) - F.binary_cross_entropy(torch.from_numpy(a_big), torch.from_numpy(y_big)).item()) < 1e-12, "mean NLL disagrees with torch"
print(f"mean NLL of the 3000 examples = {mean_nll(a_big, y_big):.4f} = -log-likelihood / n")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. The gradient of the loss, by the chain rule (claim C11)
#
# One example, $L = -[y\log a + (1-y)\log(1-a)]$ with $a = \sigma(z)$:
#
# $$\frac{\partial L}{\partial a} = -\left(\frac{y}{a} - \frac{1-y}{1-a}\right), \qquad
# \frac{da}{dz} = a(1-a) \quad\text{(notebook 01)},$$
#
# $$\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a}\,\frac{da}{dz}
# = -\bigl(y(1-a) - (1-y)a\bigr) = a - y .$$
#
# The $a(1-a)$ of the sigmoid cancels against the denominators of $\partial L/\partial a$ — the
# $\sigma'$ factor that slowed the MSE neuron (notebook 02) is gone.

# %%
z = rng.uniform(-4, 4, size=20)
y = rng.integers(0, 2, size=20).astype(np.float64)
a = sigmoid(z)

dL_da = -(y / a - (1 - y) / (1 - a))
da_dz = a * (1 - a)
dL_dz = dL_da * da_dz

assert np.allclose(dL_dz, a - y, rtol=1e-12, atol=1e-15), "the chain-rule product does not simplify to a - y"
print("dL/da * da/dz = a - y at", z.size, "random (z, y) pairs")

# %% [markdown]
# **Check** each factor two independent ways: central differences (`logreg.numerical_gradient`) and
# torch autograd, which differentiates the loss by its own rules. The examples are independent, so
# differentiating the *sum* of the per-example losses gives every example's derivative at once.

# %%
# NBVAL_IGNORE_OUTPUT
# (round-off in the last digits depends on the CPU; the asserts still run)
fd_dL_da = numerical_gradient(lambda a_: nll_single(a_, y).sum(), a)
fd_da_dz = numerical_gradient(lambda z_: sigmoid(z_).sum(), z)
fd_dL_dz = numerical_gradient(lambda z_: nll_single(sigmoid(z_), y).sum(), z)

z_t = torch.tensor(z, requires_grad=True)
a_t = torch.sigmoid(z_t)
a_t.retain_grad()
loss_t = -(torch.from_numpy(y) * torch.log(a_t) + (1 - torch.from_numpy(y)) * torch.log(1 - a_t)).sum()
loss_t.backward()
autograd_dL_da, autograd_dL_dz = a_t.grad.numpy(), z_t.grad.numpy()

z_s = torch.tensor(z, requires_grad=True)
torch.sigmoid(z_s).sum().backward()
autograd_da_dz = z_s.grad.numpy()

for name, ours, fd, ag in [("dL/da", dL_da, fd_dL_da, autograd_dL_da), ("da/dz", da_dz, fd_da_dz, autograd_da_dz), ("dL/dz", a - y, fd_dL_dz, autograd_dL_dz)]:
    print(f"{name}: rel. error vs finite differences {relative_error(ours, fd):.1e}, vs autograd {relative_error(ours, ag):.1e}")

assert relative_error(dL_da, fd_dL_da) < 1e-7, "dL/da disagrees with finite differences"
assert relative_error(da_dz, fd_da_dz) < 1e-7, "da/dz disagrees with finite differences"
assert relative_error(a - y, fd_dL_dz) < 1e-7, "a - y disagrees with finite differences"
assert relative_error(dL_da, autograd_dL_da) < 1e-12, "dL/da disagrees with autograd"
assert relative_error(da_dz, autograd_da_dz) < 1e-12, "da/dz disagrees with autograd"
assert relative_error(a - y, autograd_dL_dz) < 1e-12, "a - y disagrees with autograd"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The slide's sign slip
#
# > **Erratum.** The slide prints $\dfrac{\partial L}{\partial z} = y - a$ (and the minus sign of
# > $\partial L/\partial a$ comes and goes between slides). The gradient is $a - y$; $y - a$ is the
# > **negative** gradient, $-\partial L/\partial z$, i.e. the direction of steepest *descent*.
# > The original code calls it `errors = y - probas` and uses it as `neg_grad`, which is consistent.
#
# Autograd decides which is which:

# %%
slide_dL_dz = y - a
print(f"relative error of y - a vs autograd: {relative_error(slide_dL_dz, autograd_dL_dz):.4f}  (1 = opposite vectors)")
assert relative_error(slide_dL_dz, autograd_dL_dz) > 0.99, "y - a should NOT pass as the gradient"
assert np.allclose(slide_dL_dz, -autograd_dL_dz, rtol=1e-12, atol=1e-15), "y - a should be exactly the negative gradient"

# %% [markdown]
# And $y - a$ is the right direction to *move*: a small step $z + \eta\,(y - a)$ lowers every example's
# loss, while a step along the gradient $a - y$ raises it.

# %%
step = 0.1
loss_now = nll_single(sigmoid(z), y)
loss_along_y_minus_a = nll_single(sigmoid(z + step * (y - a)), y)
loss_along_a_minus_y = nll_single(sigmoid(z + step * (a - y)), y)
assert np.all(loss_along_y_minus_a < loss_now), "a step along y - a should lower every loss"
assert np.all(loss_along_a_minus_y > loss_now), "a step along a - y should raise every loss"
print(f"mean loss: now {loss_now.mean():.4f}, after a step along y - a {loss_along_y_minus_a.mean():.4f}, along a - y {loss_along_a_minus_y.mean():.4f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. From $\partial L/\partial z$ to the weights, and the update rule (claim C12)
#
# With $z = \mathbf{w}^\top\mathbf{x} + b$, $\partial z/\partial w_j = x_j$ and $\partial z/\partial b = 1$, so for one example
#
# $$\frac{\partial L}{\partial w_j} = (a - y)\,x_j, \qquad \frac{\partial L}{\partial b} = a - y,$$
#
# and for the mean loss over $n$ examples, in vector form,
#
# $$\nabla_{\mathbf{w}} L = \frac1n\,\mathbf{X}^\top(\mathbf{a} - \mathbf{y}), \qquad \frac{\partial L}{\partial b} = \frac1n\sum_{i}\bigl(a^{[i]} - y^{[i]}\bigr).$$
#
# From here on we use the lecture's toy data (`logreg.data.load_toy`: 100 points, 2 features),
# split 75/25 with seed 123 and standardised with the training mean and standard deviation.

# %%
X, y = load_toy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=123)
X_train, X_test = standardize(X_train, X_test)
y_train, y_test = y_train.astype(np.float64), y_test.astype(np.float64)
print(f"train {X_train.shape}, test {X_test.shape}; class-1 share in train: {y_train.mean():.4f}")


def gradients(X, y, w, b):
    a = sigmoid(X @ w + b)
    delta = (a - y) / X.shape[0]  # dL/dz of the MEAN loss, one entry per example
    return X.T @ delta, delta.sum()


def loss(X, y, w, b):
    return mean_nll(sigmoid(X @ w + b), y)

# %% [markdown]
# **Check** at a random point $(\mathbf{w}, b)$ against finite differences of `loss` and against autograd
# of torch's binary cross-entropy.

# %%
# NBVAL_IGNORE_OUTPUT
# (round-off in the last digits depends on the CPU; the asserts still run)
w0, b0 = rng.normal(size=2), 0.3
grad_w, grad_b = gradients(X_train, y_train, w0, b0)
ours = np.append(grad_w, grad_b)

fd = numerical_gradient(lambda theta: loss(X_train, y_train, theta[:2], theta[2]), np.append(w0, b0))

theta_t = torch.tensor(np.append(w0, b0), requires_grad=True)
logits_t = torch.from_numpy(X_train) @ theta_t[:2] + theta_t[2]
F.binary_cross_entropy(torch.sigmoid(logits_t), torch.from_numpy(y_train)).backward()

print(f"rel. error vs finite differences: {relative_error(ours, fd):.1e}, vs autograd: {relative_error(ours, theta_t.grad.numpy()):.1e}")
assert relative_error(ours, fd) < 1e-7, "(1/n) X^T (a - y) disagrees with finite differences"
assert relative_error(ours, theta_t.grad.numpy()) < 1e-12, "(1/n) X^T (a - y) disagrees with autograd"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The update rule lowers the loss
#
# $$\mathbf{w} := \mathbf{w} + \eta\,\Delta\mathbf{w}, \quad \Delta\mathbf{w} = -\nabla_{\mathbf{w}} L, \qquad
# b := b + \eta\,\Delta b, \quad \Delta b = -\frac{\partial L}{\partial b}$$
#
# (per batch or minibatch). Ten full-batch steps with $\eta = 0.1$ from $\mathbf{w} = \mathbf{0}$, $b = 0$:

# %%
w, b = np.zeros(2), 0.0
losses = [loss(X_train, y_train, w, b)]
for _ in range(10):
    grad_w, grad_b = gradients(X_train, y_train, w, b)
    w, b = w + 0.1 * (-grad_w), b + 0.1 * (-grad_b)
    losses.append(loss(X_train, y_train, w, b))

print("loss after each step:", np.array(losses))
assert abs(losses[0] - np.log(2)) < 1e-15, "at w = 0 every a is 0.5, so the loss is log 2"
assert np.all(np.diff(losses) < 0), "each step along -grad should lower the loss"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Beside the perceptron rule
#
# Both rules have the shape "error × input", $\Delta\mathbf{w} \propto \text{err}\cdot\mathbf{x}$:
#
# | | error | output used |
# |---|---|---|
# | perceptron | $\text{err} = y - \hat y \in \{-1, 0, 1\}$ | hard threshold $\hat y = [z > 0]$ |
# | logistic regression | $\text{err} = y - a \in (-1, 1)$ | probability $a = \sigma(z)$ |
#
# So the perceptron ignores every correctly classified example, while logistic regression still
# pushes a correct-but-unsure example (say $a = 0.6$ for $y = 1$) towards certainty. Compare the two
# errors at some imperfect weights:

# %%
w_demo, b_demo = np.array([1.0, -1.0]), 0.0
z_demo = X_train @ w_demo + b_demo
y_hat = np.where(z_demo > 0, 1.0, 0.0)
err_perceptron = y_train - y_hat
err_logistic = y_train - sigmoid(z_demo)

print("  y   y_hat   perceptron err   a       logistic err")
for i in range(8):
    print(f"  {y_train[i]:.0f}   {y_hat[i]:.0f}       {err_perceptron[i]:+.0f}             {sigmoid(z_demo[i]):.4f}  {err_logistic[i]:+.4f}")

wrong = err_perceptron != 0
print(f"misclassified: {wrong.sum()} of {y_train.size}")
assert np.all(np.sign(err_logistic[wrong]) == err_perceptron[wrong]), "on mistakes both errors should push the same way"
assert np.all(err_logistic[~wrong] != 0), "logistic error is nonzero even on correctly classified examples"
assert np.all(np.abs(err_logistic) < 1), "logistic error lies in (-1, 1)"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Predicting a label: $\sigma(z) > 0.5 \Leftrightarrow z > 0$ (claim C13)
#
# $$\hat y = \begin{cases} 1 & \text{if } \sigma(z) > 0.5 \\ 0 & \text{otherwise}\end{cases}
# \qquad\Longleftrightarrow\qquad \hat y = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{otherwise}\end{cases}$$
#
# because $\sigma$ is increasing and $\sigma(0) = 0.5$. The decision boundary $\mathbf{w}^\top\mathbf{x} + b = 0$
# is a straight line: logistic regression is a *linear* classifier.

# %%
z_grid = np.arange(-1000, 1001) / 100.0  # -10.00, -9.99, ..., 10.00, with 0.0 exactly
assert 0.0 in z_grid, "the grid should contain z = 0 exactly"
assert sigmoid(0.0) == 0.5 and not sigmoid(0.0) > 0.5, "sigma(0) is 0.5, predicted as class 0 by both rules"
assert np.array_equal(sigmoid(z_grid) > 0.5, z_grid > 0), "sigma(z) > 0.5 and z > 0 disagree on the grid"
assert np.array_equal(torch.sigmoid(torch.from_numpy(z_grid)).numpy() > 0.5, z_grid > 0), "...also with torch.sigmoid"
print(f"sigma(z) > 0.5 <=> z > 0 at all {z_grid.size} grid points")

# %% [markdown]
# One floating-point caveat: for $0 < z \lesssim 10^{-16}$, $1 + e^{-z}$ rounds to exactly 2, so $\sigma(z)$ comes out as
# exactly $0.5$ and the two rules disagree. Thresholding $z$ is exact, so that is the one to code
# (`logreg.models` predicts with `z > 0`).

# %%
tiny = np.array([1e-17, 1e-16, 1e-15])
for t in tiny:
    print(f"z = {t:.0e}:  z > 0 is {t > 0},  sigma(z) > 0.5 is {sigmoid(t) > 0.5}")
assert sigmoid(1e-17) == 0.5 and 1e-17 > 0, "expected sigma(1e-17) to round to exactly 0.5"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Why the threshold is not used in training
#
# The perceptron trains on $\hat y$; logistic regression (like ADALINE and the HW2 neuron) does not.
# A threshold is a step function: its derivative is 0 everywhere except at the jump, where it does
# not exist. Any loss built from $\hat y$ — say the training error rate — is piecewise constant in
# $\mathbf{w}$, so its gradient carries no information. The NLL is smooth.
#
# Turn $\mathbf{w} = (\cos\theta, \sin\theta)$ around the circle ($b = 0$) and look at both losses:

# %%
def error_rate(w):
    return np.mean(np.where(X_train @ w > 0, 1.0, 0.0) != y_train)


def direction(theta):
    return np.array([np.cos(theta), np.sin(theta)])


thetas = np.linspace(-np.pi, np.pi, 721)
errors = np.array([error_rate(direction(t)) for t in thetas])
nlls = np.array([loss(X_train, y_train, direction(t), 0.0) for t in thetas])

probe = rng.uniform(-np.pi, np.pi, size=50)
slope_error = np.array([numerical_gradient(lambda v: error_rate(direction(v[0])), [t])[0] for t in probe])
slope_nll = np.array([numerical_gradient(lambda v: loss(X_train, y_train, direction(v[0]), 0.0), [t])[0] for t in probe])
print(f"finite-difference slope of the error rate is exactly 0 at {np.sum(slope_error == 0)} of {probe.size} random angles")
print(f"finite-difference slope of the NLL is nonzero at {np.sum(slope_nll != 0)} of {probe.size}")
assert np.all(slope_error == 0), "the error rate should be flat almost everywhere"
assert np.all(slope_nll != 0), "the NLL should have a usable slope"

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(thetas, errors, label=r"training error rate (uses $\hat y$): a staircase")
ax.plot(thetas, nlls, label="mean NLL (uses $a$): smooth")
ax.set_xlabel(r"angle $\theta$ of $\mathbf{w} = (\cos\theta, \sin\theta)$")
ax.set_ylabel("loss")
ax.set_ylim(-0.05, 1.95)
ax.legend(loc="upper center")
plt.show()

# %% [markdown]
# Autograd agrees: a comparison returns a boolean tensor that is cut off from the graph.

# %%
w_t = torch.tensor([1.0, -1.0], dtype=torch.float64, requires_grad=True)
y_hat_t = torch.where(torch.from_numpy(X_train) @ w_t > 0, 1.0, 0.0)
print("the thresholded prediction requires_grad:", y_hat_t.requires_grad)
assert not y_hat_t.requires_grad, "autograd should not be able to differentiate the threshold"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: move the decision boundary
#
# The standardized training data with the line $w_1x_1 + w_2x_2 + b = 0$; the background shades
# $\sigma(w_1x_1 + w_2x_2 + b)$. Drag the sliders: $w_1$ and $w_2$ turn the line ($\mathbf{w}$ points to the
# class-1 side), $b$ shifts it, and the mean NLL and the accuracy follow. Once every point is on its
# side, scale $w_1$, $w_2$ and $b$ up together: the line and the accuracy stay, the NLL keeps falling —
# why the weights keep growing on separable data (section 8). Without a running kernel you see the
# figure at $w = (0, 1)$, $b = 0$.

# %%
from logreg.widgets import decision_boundary_demo

decision_boundary_demo(X_train, y_train, w=(0.0, 1.0), b=0.0)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. One model, four implementations (claim C14)
#
# Same data, same settings everywhere: zero initialisation, full batch, learning rate 0.1, 50 epochs,
# the mean NLL, float64. Each records the training loss *before* each epoch's update.

# %%
LR, EPOCHS = 0.1, 50
results = {}  # name -> (weights, bias, loss per epoch)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### (a) numpy from scratch

# %%
def train_numpy(X, y, lr=LR, epochs=EPOCHS):
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    history = []
    for _ in range(epochs):
        a = sigmoid(X @ w + b)                                         # forward
        history.append(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)))
        delta = (a - y) / n                                            # dL/dz of the mean loss
        w = w - lr * (X.T @ delta)                                     # w := w + lr * (-grad)
        b = b - lr * delta.sum()
    return w, b, history


results["numpy"] = train_numpy(X_train, y_train)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### (b) torch, gradients by hand
#
# The same lines with tensors: `torch.sigmoid`, `@`, `.T`.

# %%
Xt_train, yt_train = torch.from_numpy(X_train), torch.from_numpy(y_train)  # float64


def train_torch_manual(X, y, lr=LR, epochs=EPOCHS):
    n, m = X.shape
    w, b = torch.zeros(m, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    history = []
    for _ in range(epochs):
        a = torch.sigmoid(X @ w + b)
        history.append(-(y * torch.log(a) + (1 - y) * torch.log(1 - a)).mean().item())
        delta = (a - y) / n
        w = w - lr * (X.T @ delta)
        b = b - lr * delta.sum()
    return w.numpy(), b.item(), history


results["torch manual"] = train_torch_manual(Xt_train, yt_train)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### (c) torch autograd
#
# We only write the loss; `backward()` fills `w.grad` and `b.grad`.

# %%
def train_torch_autograd(X, y, lr=LR, epochs=EPOCHS):
    m = X.shape[1]
    w = torch.zeros(m, dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    history = []
    for _ in range(epochs):
        a = torch.sigmoid(X @ w + b)
        loss = -(y * torch.log(a) + (1 - y) * torch.log(1 - a)).mean()
        history.append(loss.item())
        loss.backward()
        with torch.no_grad():          # the update itself is not part of the model
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()             # .grad accumulates: reset it every step
            b.grad.zero_()
    return w.detach().numpy(), b.item(), history


results["torch autograd"] = train_torch_autograd(Xt_train, yt_train)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### (d) torch `nn.Module` + `optim.SGD`
#
# `nn.Linear(2, 1)` holds $\mathbf{w}$ and $b$ (set to zero: its default initialisation is random);
# the module returns the logits $z$ and `F.binary_cross_entropy_with_logits` applies $\sigma$ inside the loss
# (the numerically safe form — notebook 04 explains why frameworks take logits).

# %%
class LogisticRegressionModule(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = torch.nn.Linear(n_features, 1, dtype=torch.float64)
        torch.nn.init.zeros_(self.linear.weight)
        torch.nn.init.zeros_(self.linear.bias)

    def forward(self, x):
        return self.linear(x).squeeze(1)  # logits z, shape (n,)


model = LogisticRegressionModule(n_features=2)
optimizer = torch.optim.SGD(model.parameters(), lr=LR)  # the first optimizer takes ~1 s: torch imports torch._dynamo

# %%
history = []
for _ in range(EPOCHS):
    batch_loss = F.binary_cross_entropy_with_logits(model(Xt_train), yt_train)
    history.append(batch_loss.item())
    optimizer.zero_grad()   # .grad accumulates: reset it every step
    batch_loss.backward()         # fills .grad of weight and bias
    optimizer.step()        # w := w - lr * w.grad, for every parameter

results["torch nn.Module"] = (model.linear.weight.detach().numpy()[0].copy(), model.linear.bias.item(), history)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Do they agree?
#
# Every pair, on the weights, the bias and the whole loss history, and also with the package's reference
# implementation `logreg.models.LogisticRegression`.

# %%
reference = LogisticRegression(lr=LR, epochs=EPOCHS).fit(X_train, y_train)
results["logreg.models"] = (reference.w_, float(reference.b_), reference.history_)

for name, (w, b, history) in results.items():
    print(f"{name:16s} w = {w}  b = {b:+.4f}  final loss {history[-1]:.4f}")

for (name1, (w1, b1, h1)), (name2, (w2, b2, h2)) in itertools.combinations(results.items(), 2):
    assert np.max(np.abs(w1 - w2)) < 1e-6 and abs(b1 - b2) < 1e-6, f"{name1} and {name2} learned different parameters"
    assert np.max(np.abs(np.subtract(h1, h2))) < 1e-6, f"{name1} and {name2} have different loss histories"
print(f"all {len(results) * (len(results) - 1) // 2} pairs agree to 1e-6")

# %% [markdown]
# In float64 they agree far more closely than the 1e-6 we ask for — only the order of additions differs:

# %%
# NBVAL_IGNORE_OUTPUT
# (round-off-sized numbers; the assert still runs)
all_w = np.array([np.append(w, b) for w, b, _ in results.values()])
spread = np.max(all_w.max(axis=0) - all_w.min(axis=0))
print(f"largest spread of any parameter across the five: {spread:.1e}")
assert spread < 1e-12, "float64 implementations should agree to round-off"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Predicting labels in torch
#
# > **Erratum.** The original notebook predicts with
# > `labels = custom_where(probas >= .5, 1, 0)`, where `custom_where(cond, x_1, x_2)` returns
# > `(cond * x_1) + ((1-cond) * x_2)`. On current torch, `probas >= .5` is a **bool** tensor and
# > `1 - cond` raises a `RuntimeError`. Use `torch.where(z > 0, 1, 0)` (or `(z > 0).long()`).

# %%
def custom_where(cond, x_1, x_2):  # the original helper, for the record
    return (cond * x_1) + ((1 - cond) * x_2)


with torch.no_grad():
    logits_train = model(Xt_train)
    try:
        custom_where(torch.sigmoid(logits_train) >= 0.5, 1, 0)
    except RuntimeError:
        print("custom_where on a bool tensor: RuntimeError (1 - bool tensor is not supported)")
    labels_train = torch.where(logits_train > 0, 1, 0)

assert np.array_equal(labels_train.numpy(), reference.predict(X_train)), "torch.where labels differ from the reference model"
print("torch.where(z > 0, 1, 0) gives the reference model's labels")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. The result on the toy data
#
# Loss curve, decision boundary and accuracy of the trained model (all five runs are the same model;
# we use the numpy one).

# %%
w_fit, b_fit, history_fit = results["numpy"]


def predict(X):
    return np.where(X @ w_fit + b_fit > 0, 1, 0)


train_acc = accuracy(y_train, predict(X_train))
test_acc = accuracy(y_test, predict(X_test))
print(f"train accuracy {train_acc:.4f}, test accuracy {test_acc:.4f} ({int(round(test_acc * y_test.size))}/{y_test.size})")
print(f"weights {w_fit}, bias {b_fit:.4f}")
assert train_acc == 1.0, "the toy training set is linearly separable: expected accuracy 1.0"
assert test_acc >= 0.9, "expected a test accuracy of at least 0.9"
assert all(np.diff(history_fit) < 0), "the training loss should fall every epoch"

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
plot_loss_curves({"mean NLL (training set)": history_fit}, ax=axes[0])
axes[0].set_title("loss curve")
names = ("$x_1$ (standardized)", "$x_2$ (standardized)")
plot_decision_regions(predict, X_train, y_train.astype(int), ax=axes[1], feature_names=names, resolution=150)
axes[1].set_title(f"training set, accuracy {train_acc:.2f}")
plot_decision_regions(predict, X_test, y_test.astype(int), ax=axes[2], feature_names=names, resolution=150)
axes[2].set_title(f"test set, accuracy {test_acc:.2f}")
fig.tight_layout()
plt.show()

# %% [markdown]
# **Beside the original.** The course notebook, on *its* toy data with the *summed* gradient and 30 epochs,
# printed train accuracy 1.000, test accuracy 96.00 %, weights [5.0453, 3.4349] and bias −0.7931.
# Our `toy.csv` is our own data set, and we use the mean gradient (lecture convention), so those weights
# are not ours to reproduce (the summed gradient is $n = 75$ times larger, hence the much larger weights).
# What carries over is the shape of the result: the classes are separable, the training accuracy is
# 1.0 (here from the first epoch on), and one test point (24/25 = 0.96) lies on the wrong side of the line. The
# weights keep growing as long as we train — on separable data the NLL has no finite minimiser.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. NLL versus MSE training, from the same start
#
# Notebook 02 trained the same neuron with the MSE loss. Only $\partial L/\partial z$ changes:
#
# $$\text{NLL: } \frac{\partial L}{\partial z} = \frac1n\,(a - y), \qquad
# \text{MSE: } \frac{\partial L}{\partial z} = -\frac2n\,(y - a)\,\underbrace{a(1-a)}_{\sigma'(z)\,\le\,1/4} .$$
#
# Since $2\,a(1-a) \le \tfrac12$, the MSE step is at most half as long as the NLL step for the same error
# (exactly half at $\mathbf{w} = \mathbf{0}$, where every $a = 0.5$). One loop, two $\partial L/\partial z$ rules:

# %%
def dz_nll(a, y):
    return (a - y) / y.size


def dz_mse(a, y):
    return -2.0 * (y - a) * a * (1 - a) / y.size


def train_recording(X, y, dz_rule, lr=LR, epochs=EPOCHS):
    """Gradient descent from zero; returns the (w, b) after every epoch."""
    w, b = np.zeros(X.shape[1]), 0.0
    trajectory = []
    for _ in range(epochs):
        delta = dz_rule(sigmoid(X @ w + b), y)
        w, b = w - lr * (X.T @ delta), b - lr * delta.sum()
        trajectory.append((w, b))
    return trajectory


runs = {"NLL": train_recording(X_train, y_train, dz_nll), "MSE": train_recording(X_train, y_train, dz_mse)}

mse_reference = HW2Neuron(lr=LR, epochs=EPOCHS).fit(X_train, y_train)
assert np.allclose(runs["MSE"][-1][0], mse_reference.w_, rtol=1e-12), "MSE run disagrees with logreg.models.HW2Neuron"
assert np.allclose(runs["NLL"][-1][0], reference.w_, rtol=1e-12), "NLL run disagrees with logreg.models.LogisticRegression"
first_step_ratio = np.linalg.norm(runs["MSE"][0][0]) / np.linalg.norm(runs["NLL"][0][0])
print(f"|w| after the first step, MSE / NLL = {first_step_ratio:.4f}")
assert abs(first_step_ratio - 0.5) < 1e-12, "at w = 0 the MSE step should be exactly half the NLL step"

# %% [markdown]
# To compare the two trained models fairly we measure both with the same yardsticks after every epoch:
# the NLL, the MSE, the mean probability given to the true class, $\lVert\mathbf{w}\rVert$, and the train and
# test accuracy.

# %%
def yardsticks(w, b):
    a = sigmoid(X_train @ w + b)
    return {
        "NLL": mean_nll(a, y_train),
        "MSE": np.mean((y_train - a) ** 2),
        "P(true class)": np.mean(np.where(y_train == 1, a, 1 - a)),
        "|w|": np.linalg.norm(w),
        "train acc": accuracy(y_train, np.where(X_train @ w + b > 0, 1, 0)),
        "test acc": accuracy(y_test, np.where(X_test @ w + b > 0, 1, 0)),
    }


curves = {run: {key: np.array([yardsticks(w, b)[key] for w, b in traj]) for key in yardsticks(*traj[0])} for run, traj in runs.items()}
for k in (1, 10, 25, 50):
    print(f"epoch {k:2d}: " + "  ".join(f"{run}: |w| {c['|w|'][k - 1]:.4f}, P(true) {c['P(true class)'][k - 1]:.4f}, acc {c['train acc'][k - 1]:.2f}" for run, c in curves.items()))

# %%
nll, mse = curves["NLL"], curves["MSE"]
assert np.all(nll["|w|"] > mse["|w|"]), "NLL-trained weights should be larger after every epoch"
assert np.all(nll["NLL"] < mse["NLL"]), "NLL training should have the lower NLL after every epoch"
assert np.all(nll["MSE"] < mse["MSE"]), "NLL training should even have the lower MSE after every epoch"
target = 0.75
reached = {run: np.flatnonzero(c["P(true class)"] >= target) for run, c in curves.items()}
print(f"epochs until the mean P(true class) reaches {target}: NLL {reached['NLL'][0] + 1}, MSE {'not within 50' if reached['MSE'].size == 0 else reached['MSE'][0] + 1}")
assert reached["NLL"].size > 0 and (reached["MSE"].size == 0 or reached["MSE"][0] > reached["NLL"][0]), "NLL should reach the target first"
assert np.all(nll["train acc"] == 1.0) and np.all(mse["train acc"] == 1.0), "both classify the training set perfectly from epoch 1"

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4))
plot_loss_curves({f"trained with {run}": c["NLL"] for run, c in curves.items()}, ax=axes[0], ylabel="mean NLL on the training set")
plot_loss_curves({f"trained with {run}": c["MSE"] for run, c in curves.items()}, ax=axes[1], ylabel="MSE on the training set")
plot_loss_curves({f"trained with {run}": c["P(true class)"] for run, c in curves.items()}, ax=axes[2], ylabel="mean probability of the true class")
axes[2].axhline(target, color="gray", lw=0.8, ls=":")
fig.tight_layout()
plt.show()

# %% [markdown]
# On this easy, separable data both models classify every training example correctly after the very
# first step, so **accuracy curves cannot tell them apart** (both: train 1.0 and test 0.96 at every epoch).
# The probabilities can: NLL training grows the weights faster and becomes confident faster — it is ahead
# even on the MSE, the loss the other model is minimising. The gap would be far larger from a start that is
# confidently wrong, where MSE's $\sigma'$ factor nearly stops learning (notebook 02, claim C8).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercise: the gradient of the mean negative log-likelihood
#
# Complete `logistic_gradient_exercise(X, y, w, b)` for logistic regression with the loss
# $L = -\frac{1}{n}\sum_i \bigl[y^{[i]}\log a^{[i]} + (1-y^{[i]})\log(1-a^{[i]})\bigr]$,
# $a = \sigma(X\mathbf{w} + b)$. Per example $\partial L/\partial z = a - y$ (not $y - a$), so
#
# $$\nabla_{\mathbf{w}} L = \frac{1}{n} X^\top(\mathbf{a} - \mathbf{y}), \qquad \frac{\partial L}{\partial b} = \frac{1}{n}\sum_{i=1}^{n}\bigl(a^{[i]} - y^{[i]}\bigr).$$
#
# Return `(grad_w, grad_b)` with the shapes of `w` `(m,)` and `b` (a number). Use the stable
# `sigmoid`: the check also tries $|z| = 10^4$.

# %% nbgrader={"grade": false, "grade_id": "logistic_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def logistic_gradient_exercise(X, y, w, b):
    """Gradient of the mean NLL of logistic regression: (dL/dw of shape (m,), dL/db)."""
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    delta = (a - y) / len(y)  # dL/dz for every example
    return X.T @ delta, delta.sum()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_logistic_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_logistic_gradient

check_logistic_gradient(logistic_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y, _w, _b = _r.normal(size=(9, 3)), _r.integers(0, 2, 9) * 1.0, _r.normal(size=3), _r.normal()
_wt = torch.tensor(_w, requires_grad=True)
_bt = torch.tensor(_b, dtype=torch.float64, requires_grad=True)
torch.nn.functional.binary_cross_entropy_with_logits(
    torch.tensor(_X) @ _wt + _bt, torch.tensor(_y)).backward()
_gw, _gb = logistic_gradient_exercise(_X, _y, _w, _b)
assert np.allclose(_gw, _wt.grad.numpy(), atol=1e-10) and np.isclose(_gb, _bt.grad.item(), atol=1e-10)
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise: predicted labels
#
# Complete `predict_labels_exercise(X, w, b)`: return the integer labels
#
# $$\hat y = \begin{cases} 1 & \text{if } \sigma(\mathbf{w}^\top\mathbf{x} + b) > 0.5 \\ 0 & \text{otherwise}\end{cases}$$
#
# for every row of `X`, as an integer array of shape `(n,)`. Remember that $\sigma(z) > 0.5$
# exactly when $z > 0$.

# %% nbgrader={"grade": false, "grade_id": "predict_labels_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict_labels_exercise(X, w, b):
    """Labels 1 where sigma(X @ w + b) > 0.5, else 0: integer array of shape (n,)."""
    ### BEGIN SOLUTION
    return (X @ w + b > 0).astype(int)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_predict_labels", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_predict_labels

check_predict_labels(predict_labels_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _w = np.vstack([_r.normal(size=(20, 2)), np.zeros((1, 2))]), _r.normal(size=2)
_labels = np.asarray(predict_labels_exercise(_X, _w, 0.0))
assert _labels.dtype.kind in "iu" and np.array_equal(_labels, (torch.sigmoid(
    torch.tensor(_X @ _w)) > 0.5).numpy().astype(int))
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise (transfer): logistic regression with an L2 penalty
#
# Large weights make a logistic model over-confident; a common remedy adds a penalty on their
# size to the loss. Take the mean NLL of this notebook and add $\frac{\lambda}{2}\lVert\mathbf{w}\rVert^2$
# (the bias is not penalised). Write `l2_logistic_gradient_exercise(X, y, w, b, lam)` returning
# `(grad_w, grad_b)` of that loss. Derive the penalty's gradient yourself, then reuse what you know.

# %% nbgrader={"grade": false, "grade_id": "l2_logistic_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l2_logistic_gradient_exercise(X, y, w, b, lam):
    """Gradient of mean NLL + (lam / 2) * ||w||^2 with respect to w (shape (m,)) and b."""
    ### BEGIN SOLUTION
    delta = (sigmoid(X @ w + b) - y) / len(y)
    return X.T @ delta + lam * w, delta.sum()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_l2_logistic_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_l2_logistic_gradient

check_l2_logistic_gradient(l2_logistic_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y, _w, _b = _r.normal(size=(9, 3)), _r.integers(0, 2, 9) * 1.0, _r.normal(size=3), _r.normal()
_lam = _r.uniform(0.1, 2.0)
_wt = torch.tensor(_w, requires_grad=True)
_bt = torch.tensor(_b, dtype=torch.float64, requires_grad=True)
(torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor(_X) @ _wt + _bt, torch.tensor(_y))
 + _lam / 2 * (_wt**2).sum()).backward()
_gw, _gb = l2_logistic_gradient_exercise(_X, _y, _w, _b, _lam)
assert np.allclose(_gw, _wt.grad.numpy(), atol=1e-10) and np.isclose(_gb, _bt.grad.item(), atol=1e-10)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - $P(y\mid\mathbf{x}) = a^y(1-a)^{1-y}$ covers both labels in one formula (C9).
# - The likelihood is a product that underflows to exactly 0.0 for a few thousand examples; the log-likelihood
#   is an ordinary number with the same maximiser (C10). The loss is the mean NLL,
#   $-\frac1n\sum[y\log a + (1-y)\log(1-a)]$ — with the brackets (erratum).
# - By the chain rule $\partial L/\partial z = a - y$, confirmed by finite differences and autograd; the slide's
#   $y - a$ is the negative gradient (C11).
# - $\partial L/\partial w_j = (a-y)x_j$; the step $\mathbf{w} := \mathbf{w} + \eta(-\nabla L)$ lowers the loss, and has
#   the perceptron's "err × x" shape with $y - a$ in place of $y - \hat y$ (C12).
# - $\sigma(z) > 0.5 \Leftrightarrow z > 0$ (code it as `z > 0`); the threshold is not used for training because its
#   derivative is 0 almost everywhere (C13).
# - numpy, torch by hand, torch autograd and `nn.Module` + SGD learn the same weights, and match
#   `logreg.models.LogisticRegression` (C14). On the toy data: train accuracy 1.0, test 0.96; NLL training
#   outpaces MSE training from the same start.
#
# **Next — 04 · Logits and binary cross-entropy:** the logit as the inverse of $\sigma$, why the NLL is also called
# binary cross-entropy, and why frameworks compute it from logits rather than probabilities.
