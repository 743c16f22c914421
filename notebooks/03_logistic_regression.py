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
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — notebook 3.*
#
# Notebook 02 trained a sigmoid neuron with the MSE loss. Logistic regression keeps the neuron, reads
# $a = \sigma(z)$ as a probability, and maximizes the likelihood of the labels. You will
# 1. write a label's probability as $a^y(1-a)^{1-y}$ and watch the likelihood underflow;
# 2. derive $\partial L/\partial z = a - y$ and the update rule, catching the slide's sign slip;
# 3. predict with $z > 0$ and train one model four ways;
# 4. see when maximum likelihood has an answer, and why MSE stalls.

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

from logreg import numerical_gradient, relative_error, seed_everything, sigmoid
from logreg.checks import (
    check_l2_logistic_gradient,
    check_logistic_gradient,
    check_predict_labels,
)
from logreg.data import load_toy, standardize, train_test_split
from logreg.models import HW2Neuron, LogisticRegression
from logreg.plots import legend_outside, plot_decision_regions, plot_loss_curves
from logreg.style import show, use_style
from logreg.widgets import decision_boundary_demo

rng = seed_everything(123)
use_style()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The model and the probability of one label (claim C9)
#
# The neuron of notebooks 01–02, $a = \sigma(z)$ with $z = \mathbf w^\top\mathbf x + b$, now gives the
# probability of class 1: $P(y=1\mid\mathbf x) = a$ and $P(y=0\mid\mathbf x) = 1-a$. One formula covers both:
#
# $$P(y\mid\mathbf x) = a^{y}\,(1-a)^{1-y}, \qquad y\in\{0, 1\},$$
#
# since the factor whose exponent is 0 becomes 1.

# %%
def bernoulli_probability(a, y):
    return a**y * (1 - a) ** (1 - y)


a = np.linspace(0.01, 0.99, 99)
bernoulli = torch.distributions.Bernoulli(probs=torch.from_numpy(a))
for label in (0, 1):
    torch_p = bernoulli.log_prob(torch.full((a.size,), label, dtype=torch.float64)).exp().numpy()
    assert np.allclose(bernoulli_probability(a, label), torch_p, rtol=1e-12), f"y = {label}"
assert np.array_equal(bernoulli_probability(a, 1), a), "a^1 (1-a)^0 should be exactly a"
print("a^y (1-a)^(1-y) = torch's Bernoulli probability: a for y = 1, 1 - a for y = 0")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The likelihood of a data set: a product that underflows (claim C10)
#
# For $n$ independent examples, the probability of all their labels is the **likelihood** of the weights
# (we keep the letter $L$ for the loss):
#
# $$P(\mathbf y\mid\mathbf X;\mathbf w) = \prod_{i=1}^{n} \bigl(a^{[i]}\bigr)^{y^{[i]}}\bigl(1-a^{[i]}\bigr)^{1-y^{[i]}}.$$
#
# Maximum likelihood picks the $\mathbf w$ that makes it largest. Its logarithm, the **log-likelihood**, has
# the same maximizer:
#
# $$\ell(\mathbf w) = \sum_{i=1}^{n}\Bigl[y^{[i]}\log a^{[i]} + \bigl(1-y^{[i]}\bigr)\log\bigl(1-a^{[i]}\bigr)\Bigr].$$
#
# Below, 3,000 labels drawn from $P(y=1\mid x) = \sigma(2x)$, at their true weight $w = 2$.

# %%
def draw_examples(n, w_true=2.0):
    """n examples x ~ N(0, 1), labels drawn from P(y = 1 | x) = sigma(w_true x)."""
    x = rng.normal(size=n)
    y = (rng.random(n) < sigmoid(w_true * x)).astype(np.float64)
    return x.reshape(-1, 1), y


x_big, y_big = draw_examples(3000)
z_big = 2.0 * x_big[:, 0]
per_example = bernoulli_probability(sigmoid(z_big), y_big)
likelihood, log_likelihood = np.prod(per_example), np.sum(np.log(per_example))
print(f"product of the 3000 probabilities: {likelihood}")
print(f"sum of their logs: {log_likelihood:.2f} = log(10^{log_likelihood / np.log(10):.1f})")

torch_ll = -F.binary_cross_entropy_with_logits(
    torch.from_numpy(z_big), torch.from_numpy(y_big), reduction="sum").item()
assert likelihood == 0.0, "expected the product to underflow to exactly 0"
assert np.isclose(log_likelihood, torch_ll, rtol=1e-12), "the log-likelihood disagrees with torch"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Where the product dies
#
# The running product and the running sum of logs agree until the product leaves the float64 range
# (its smallest positive number is about $5\times10^{-324}$); from then on the product is exactly 0.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
with np.errstate(divide="ignore"):  # log10(0) = -inf once the product is 0
    log10_product = np.log10(np.cumprod(per_example))
log10_sum = np.cumsum(np.log10(per_example))
alive = np.isfinite(log10_product)
first_zero = int(np.argmin(alive)) + 1
print(f"the running product is exactly 0.0 from example {first_zero} on")
normal = log10_product > np.log10(np.finfo(np.float64).tiny)  # below it, digits are lost
assert np.allclose(log10_product[normal], log10_sum[normal], rtol=1e-9), "product != sum of logs"
assert not alive[first_zero - 1:].any(), "the product should stay 0 once it hits 0"

examples = np.arange(1, per_example.size + 1)
fig, ax = plt.subplots()
ax.plot(examples, log10_sum, label="sum of the logs")
ax.plot(examples[alive], log10_product[alive], label="log of the product")
ax.axhline(np.log10(np.nextafter(0, 1)), color="0.4", lw=1.5, ls=":")
ax.annotate("smallest float64 above 0", xy=(1500, -323.3), xytext=(1500, -290), fontsize=14)
ax.set(xlabel="number of examples n", ylabel="log10 of the likelihood")
legend_outside(ax)
show(fig, "The log10 of the likelihood of the first n examples, computed as a sum of logs and as "
     "a product: the two lines agree until the product reaches the smallest float64, near 10 to "
     f"the -323, at example {first_zero}; from there the product is exactly 0 and only the sum "
     "goes on.")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The loss: mean negative log-likelihood
#
# Gradient descent minimizes, so we flip the sign, and we divide by $n$ so that the loss (and the learning
# rate that suits it) does not grow with the data set:
#
# $$L(\mathbf w) = -\frac1n\,\ell(\mathbf w), \qquad
# \text{one example: } L(a, y) = -\bigl[\,y\log a + (1-y)\log(1-a)\,\bigr].$$
#
# > **Erratum.** The slide prints the single-example loss without the brackets,
# > $-y\log a + (1-y)\log(1-a)$. Then the minus sign covers only the first term, and for $y = 0$ the
# > "loss" $\log(1-a) < 0$ rewards a wrong answer.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def nll_single(a, y):
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def nll_single_unbracketed(a, y):  # the slide as printed: the minus covers the first term only
    return -y * np.log(a) + (1 - y) * np.log(1 - a)


a0, y0 = 0.8, 0.0  # the model says 80 % class 1, the truth is class 0
a0_t, y0_t = torch.tensor([a0], dtype=torch.float64), torch.tensor([y0], dtype=torch.float64)
torch_loss = F.binary_cross_entropy(a0_t, y0_t).item()
print(f"a = {a0}, y = {y0:.0f}: loss {nll_single(a0, y0):.4f} (torch {torch_loss:.4f}), "
      f"unbracketed {nll_single_unbracketed(a0, y0):.4f}")
assert abs(nll_single(a0, y0) - torch_loss) < 1e-12, "the bracketed loss should be torch's"
assert nll_single_unbracketed(a0, y0) < 0, "the unbracketed formula gives a negative 'loss' here"
assert nll_single_unbracketed(0.8, 1.0) == nll_single(0.8, 1.0), "for y = 1 the two coincide"

mean_nll = np.mean(nll_single(sigmoid(z_big), y_big))
assert abs(mean_nll - (-log_likelihood / y_big.size)) < 1e-12, "mean NLL != -log-likelihood / n"
print(f"mean NLL of the 3000 examples: {mean_nll:.4f} = -log-likelihood / n")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. The gradient of the loss, by the chain rule (claim C11)
#
# For one example, with $a = \sigma(z)$ and $da/dz = a(1-a)$ from notebook 01:
#
# $$\frac{\partial L}{\partial a} = -\left(\frac{y}{a} - \frac{1-y}{1-a}\right), \qquad
# \frac{\partial L}{\partial z} = \frac{\partial L}{\partial a}\,\frac{da}{dz}
# = -\bigl(y(1-a) - (1-y)a\bigr) = a - y .$$
#
# The factor $a(1-a)$, which slowed the MSE neuron, cancels.
#
# > **Erratum: the slide's sign slip.** The slide prints $\partial L/\partial z = y - a$. That is the
# > *negative* gradient, the direction of steepest descent (the original code calls it `neg_grad`).

# %%
z = rng.uniform(-4, 4, size=20)
y = rng.integers(0, 2, size=20).astype(np.float64)
a = sigmoid(z)
dL_dz = -(y / a - (1 - y) / (1 - a)) * a * (1 - a)  # dL/da times da/dz

z_t = torch.tensor(z, requires_grad=True)  # autograd of torch's loss, one example per entry
F.binary_cross_entropy(torch.sigmoid(z_t), torch.from_numpy(y), reduction="sum").backward()
print("chain rule:", dL_dz[:5])
print("autograd:  ", z_t.grad.numpy()[:5])
print("a - y:     ", (a - y)[:5])
assert np.allclose(dL_dz, a - y, rtol=1e-12), "the chain-rule product should simplify to a - y"
assert np.allclose(z_t.grad.numpy(), a - y, rtol=1e-12), "autograd should give a - y"
assert np.allclose(y - a, -z_t.grad.numpy(), rtol=1e-12), "the slide's y - a: the negative gradient"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Each factor, checked.** Central differences (`logreg.numerical_gradient`) of the loss and of $\sigma$
# confirm $\partial L/\partial a$ and $da/dz$; and a small step along $y - a$ lowers every example's loss,
# while a step along the gradient $a - y$ raises it.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
# NBVAL_IGNORE_OUTPUT
# (round-off in the last digits depends on the CPU; the asserts still run)
dL_da = -(y / a - (1 - y) / (1 - a))
fd_dL_da = numerical_gradient(lambda a_: nll_single(a_, y).sum(), a)
fd_da_dz = numerical_gradient(lambda z_: sigmoid(z_).sum(), z)
print(f"relative error of dL/da {relative_error(dL_da, fd_dL_da):.1e}, "
      f"of da/dz {relative_error(a * (1 - a), fd_da_dz):.1e}")
assert relative_error(dL_da, fd_dL_da) < 1e-7, "dL/da disagrees with finite differences"
assert relative_error(a * (1 - a), fd_da_dz) < 1e-7, "da/dz disagrees with finite differences"

loss_now = nll_single(a, y)
assert np.all(nll_single(sigmoid(z + 0.1 * (y - a)), y) < loss_now), "a step along y - a lowers"
assert np.all(nll_single(sigmoid(z + 0.1 * (a - y)), y) > loss_now), "a step along a - y raises"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. From $\partial L/\partial z$ to the weights, and the update rule (claim C12)
#
# With $\partial z/\partial w_j = x_j$ and $\partial z/\partial b = 1$, one example gives
# $\partial L/\partial w_j = (a - y)\,x_j$ and $\partial L/\partial b = a - y$. Gradient descent steps against the
# gradient of the mean loss (per batch or minibatch):
#
# $$\mathbf w := \mathbf w + \eta\,\Delta\mathbf w, \quad \Delta\mathbf w = -\nabla_{\mathbf w} L, \qquad
# b := b + \eta\,\Delta b, \quad \Delta b = -\frac{\partial L}{\partial b}.$$
#
# **Exercise.** Write `logistic_gradient_exercise(X, y, w, b)`: the gradient of the *mean* loss over the
# rows of `X`, as `(grad_w, grad_b)` shaped like `w` and `b`, with no loop over the examples. Later cells
# train with it: first on 400 new examples from $\sigma(2x)$, where maximum likelihood should find $w \approx 2$.

# %% nbgrader={"grade": false, "grade_id": "logistic_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def logistic_gradient_exercise(X, y, w, b):
    """Gradient of the mean NLL of logistic regression: (dL/dw of shape (m,), dL/db)."""
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    delta = (a - y) / len(y)  # dL/dz of the mean loss, one entry per example
    return X.T @ delta, delta.sum()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_logistic_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
check_logistic_gradient(logistic_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y, _w, _b = _r.normal(size=(9, 3)), _r.integers(0, 2, 9) * 1.0, _r.normal(size=3), _r.normal()
_wt = torch.tensor(_w, requires_grad=True)
_bt = torch.tensor(_b, dtype=torch.float64, requires_grad=True)
torch.nn.functional.binary_cross_entropy_with_logits(
    torch.tensor(_X) @ _wt + _bt, torch.tensor(_y)).backward()
_gw, _gb = logistic_gradient_exercise(_X, _y, _w, _b)
assert np.allclose(_gw, _wt.grad.numpy(), atol=1e-10)
assert np.isclose(_gb, _bt.grad.item(), atol=1e-10)
### END HIDDEN TESTS

# %%
def nll(X, y, w, b):  # the mean loss of section 3
    a = sigmoid(X @ w + b)
    return -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))


def gradient_descent(X, y, w, b, lr, epochs, gradient=logistic_gradient_exercise, track=nll):
    """Full-batch steps from (w, b): the last (w, b) and track(X, y, w, b) before every step."""
    history = []
    for _ in range(epochs):
        history.append(track(X, y, w, b))
        grad_w, grad_b = gradient(X, y, w, b)
        w, b = w + lr * (-grad_w), b + lr * (-grad_b)
    return w, b, np.array(history)


X_400, y_400 = draw_examples(400)
w_mle, b_mle, history = gradient_descent(X_400, y_400, np.zeros(1), 0.0, lr=1.0, epochs=300)
print(f"loss {history[0]:.4f} at w = 0, {history[-1]:.4f} after 300 steps")
print(f"maximum likelihood: w = {w_mle[0]:.4f} (true 2), b = {b_mle:.4f} (true 0)")
assert np.all(np.diff(history[:100]) < 0), "each step along -grad should lower the loss"
assert abs(w_mle[0] - 2.0) < 0.61, "expected w within three standard errors (0.61 for n = 400) of 2"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **How near is near?** The standard error of a maximum-likelihood estimate is the square root of the
# diagonal of the inverse Hessian of $-\ell$, $\bigl(\tilde{\mathbf X}^\top \operatorname{diag}(a(1-a))\,\tilde{\mathbf X}\bigr)^{-1}$
# with $\tilde{\mathbf X} = [\mathbf X\ \mathbf 1]$: about 0.2 here, so 0.61 is three standard errors. An independent fit,
# torch's L-BFGS on its own binary cross-entropy, finds the same maximum; and at the maximum the gradient
# is zero.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
a_mle = sigmoid(X_400 @ w_mle + b_mle)
X_tilde = np.column_stack([X_400, np.ones(len(y_400))])
hessian = X_tilde.T @ (X_tilde * (a_mle * (1 - a_mle))[:, None])  # of -log-likelihood
standard_error = np.sqrt(np.linalg.inv(hessian)[0, 0])
print(f"standard error of w: {standard_error:.4f}")
assert abs(3 * standard_error - 0.61) < 0.02, "0.61 should be three standard errors"

theta = torch.zeros(2, dtype=torch.float64, requires_grad=True)  # (w, b)
lbfgs = torch.optim.LBFGS([theta], max_iter=100, tolerance_grad=1e-12, tolerance_change=1e-15,
                          line_search_fn="strong_wolfe")


def lbfgs_loss():
    lbfgs.zero_grad()
    loss = F.binary_cross_entropy_with_logits(
        torch.from_numpy(X_400[:, 0]) * theta[0] + theta[1], torch.from_numpy(y_400))
    loss.backward()
    return loss


lbfgs.step(lbfgs_loss)
print(f"torch L-BFGS: w = {theta[0].item():.4f}, b = {theta[1].item():.4f}")
assert np.allclose([w_mle[0], b_mle], theta.detach().numpy(), atol=1e-6), "L-BFGS finds another w"
grad_w, grad_b = logistic_gradient_exercise(X_400, y_400, w_mle, b_mle)
assert np.abs(np.append(grad_w, grad_b)).max() < 1e-8, "the gradient should vanish at the maximum"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Predicting a label: $\sigma(z) > 0.5 \Leftrightarrow z > 0$ (claim C13)
#
# $$\hat y = \begin{cases} 1 & \text{if } \sigma(z) > 0.5 \\ 0 & \text{otherwise}\end{cases}
# \qquad\Longleftrightarrow\qquad \hat y = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{otherwise}\end{cases}$$
#
# because $\sigma$ increases and $\sigma(0) = 0.5$. The boundary $\mathbf w^\top\mathbf x + b = 0$ is a line:
# logistic regression is a *linear* classifier. Training never uses $\hat y$: a step has no useful derivative.
#
# **Exercise.** Write `predict_labels_exercise(X, w, b)`: the label of every row of `X`, as integers.
#
# **Try it** on the toy data (100 points, split 75/25, standardized): $w_1$, $w_2$ turn the line, $b$ shifts
# it. Once all points are on their side, scale all three up: the NLL keeps falling.

# %% nbgrader={"grade": false, "grade_id": "predict_labels_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict_labels_exercise(X, w, b):
    """Labels 1 where sigma(X @ w + b) > 0.5, else 0: integer array of shape (n,)."""
    ### BEGIN SOLUTION
    return (X @ w + b > 0).astype(int)
    ### END SOLUTION


z_grid = np.arange(-1000, 1001) / 100.0  # -10.00, -9.99, ..., 10.00, with 0.0 exactly
assert np.array_equal(sigmoid(z_grid) > 0.5, z_grid > 0), "sigma(z) > 0.5 and z > 0 disagree"
assert np.array_equal(torch.sigmoid(torch.from_numpy(z_grid)).numpy() > 0.5, z_grid > 0), "torch"

# %% nbgrader={"grade": true, "grade_id": "check_predict_labels", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
check_predict_labels(predict_labels_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _w = np.vstack([_r.normal(size=(20, 2)), np.zeros((1, 2))]), _r.normal(size=2)
_labels = np.asarray(predict_labels_exercise(_X, _w, 0.0))
assert _labels.dtype.kind in "iu" and np.array_equal(_labels, (torch.sigmoid(
    torch.tensor(_X @ _w)) > 0.5).numpy().astype(int))
### END HIDDEN TESTS

# %%
X, y = load_toy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=123)
X_train, X_test = standardize(X_train, X_test)
y_train, y_test = y_train.astype(np.float64), y_test.astype(np.float64)

decision_boundary_demo(X_train, y_train, w=(0.0, 1.0), b=0.0)

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Why the threshold is not used in training
#
# A loss built from $\hat y$, such as the training error rate, is a staircase in $\mathbf w$: flat almost
# everywhere, so its gradient says nothing. The NLL is smooth. Turn $\mathbf w = (\cos\theta, \sin\theta)$
# around the circle ($b = 0$) and compare; autograd agrees, since a comparison cuts the graph.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def error_rate(w):
    return np.mean(predict_labels_exercise(X_train, w, 0.0) != y_train)


def direction(theta):
    return np.array([np.cos(theta), np.sin(theta)])


thetas = np.linspace(-np.pi, np.pi, 721)
errors = np.array([error_rate(direction(t)) for t in thetas])
nlls = np.array([nll(X_train, y_train, direction(t), 0.0) for t in thetas])
probe = rng.uniform(-np.pi, np.pi, size=50)
slope_error = [numerical_gradient(lambda v: error_rate(direction(v[0])), [t])[0] for t in probe]
slope_nll = [numerical_gradient(lambda v: nll(X_train, y_train, direction(v[0]), 0.0), [t])[0]
             for t in probe]
assert np.all(np.array(slope_error) == 0), "the error rate should be flat almost everywhere"
assert np.all(np.array(slope_nll) != 0), "the NLL should have a usable slope"
w_t = torch.tensor([1.0, -1.0], dtype=torch.float64, requires_grad=True)
assert not torch.where(torch.from_numpy(X_train) @ w_t > 0, 1.0, 0.0).requires_grad, "autograd"

fig, ax = plt.subplots()
ax.plot(thetas, errors, label="training error rate (uses ŷ)")
ax.plot(thetas, nlls, label="mean NLL (uses a)")
ax.set(xlabel="angle θ of w = (cos θ, sin θ)", ylabel="loss", ylim=(-0.05, 1.95))
legend_outside(ax)
show(fig, "Two losses as the weight vector turns around the circle: the training error rate is a "
     "staircase, flat between jumps, so its gradient is zero; the mean negative log-likelihood is "
     "smooth, with a slope everywhere, and its lowest point lies where the error rate is lowest.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Beside the perceptron rule
#
# Both rules have the shape "error × input", $\Delta\mathbf w \propto \text{err}\cdot\mathbf x$: the perceptron's
# $\text{err} = y - \hat y \in \{-1, 0, 1\}$, logistic regression's $\text{err} = y - a \in (-1, 1)$. The perceptron
# ignores every correctly classified example; logistic regression still pushes a correct but unsure one
# towards certainty. At some imperfect weights:

# %% tags=["optional"] slideshow={"slide_type": "skip"}
w_demo = np.array([1.0, -1.0])
err_perceptron = y_train - predict_labels_exercise(X_train, w_demo, 0.0)
err_logistic = y_train - sigmoid(X_train @ w_demo)
print("perceptron err:", err_perceptron[:8])
print("logistic err:  ", err_logistic[:8])
wrong = err_perceptron != 0
print(f"misclassified: {wrong.sum()} of {y_train.size}")
assert np.all(np.sign(err_logistic[wrong]) == err_perceptron[wrong]), "same push on mistakes"
assert np.all(err_logistic[~wrong] != 0), "the logistic error is nonzero on correct examples too"
assert np.all(np.abs(err_logistic) < 1), "the logistic error lies in (-1, 1)"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **A floating-point caveat.** For $0 < z \lesssim 10^{-16}$, $1 + e^{-z}$ rounds to exactly 2, so $\sigma(z)$ is
# exactly $0.5$ and the two rules disagree. Thresholding $z$ is exact: code it as `z > 0`.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
for tiny in (1e-17, 1e-16, 1e-15):
    print(f"z = {tiny:.0e}: z > 0 is {tiny > 0}, sigma(z) > 0.5 is {sigmoid(tiny) > 0.5}")
assert sigmoid(1e-17) == 0.5, "expected sigma(1e-17) to round to exactly 0.5"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. One model, four implementations (claim C14)
#
# The toy data, zero start, full batch, $\eta = 0.1$, 50 epochs, float64: (a) numpy, `gradient_descent` of
# section 5; (b) torch with the gradient by hand; (c) torch autograd: we write the loss, torch finds the
# gradient; (d) `nn.Linear` and `optim.SGD`, with the loss computed from the logits $z$ (notebook 04 says why).

# %%
LR, EPOCHS = 0.1, 50
Xt_train, yt_train = torch.from_numpy(X_train), torch.from_numpy(y_train)  # float64


def train_torch(X, y, lr=LR, epochs=EPOCHS, autograd=False):
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=autograd)
    b = torch.zeros((), dtype=torch.float64, requires_grad=autograd)
    for _ in range(epochs):
        a = torch.sigmoid(X @ w + b)
        if autograd:  # (c) write the loss; autograd finds its gradient
            loss = -(y * torch.log(a) + (1 - y) * torch.log(1 - a)).mean()
            grad_w, grad_b = torch.autograd.grad(loss, (w, b))
        else:  # (b) the gradient by hand, as in numpy
            delta = (a - y) / len(y)
            grad_w, grad_b = X.T @ delta, delta.sum()
        with torch.no_grad():  # the update is not part of the model
            w -= lr * grad_w
            b -= lr * grad_b
    return w.detach().numpy(), b.item()

# %%
class LogisticRegressionModule(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = torch.nn.Linear(n_features, 1, dtype=torch.float64)
        torch.nn.init.zeros_(self.linear.weight)  # the default start is random
        torch.nn.init.zeros_(self.linear.bias)

    def forward(self, x):
        return self.linear(x).squeeze(1)  # the logits z, shape (n,)


module = LogisticRegressionModule(n_features=2)
optimizer = torch.optim.SGD(module.parameters(), lr=LR)
for _ in range(EPOCHS):
    loss = F.binary_cross_entropy_with_logits(module(Xt_train), yt_train)
    optimizer.zero_grad()  # .grad accumulates: clear it every step
    loss.backward()  # fills .grad of the weight and the bias
    optimizer.step()  # w := w - lr * w.grad, for every parameter

# %%
results = {
    "(a) numpy": gradient_descent(X_train, y_train, np.zeros(2), 0.0, LR, EPOCHS)[:2],
    "(b) torch by hand": train_torch(Xt_train, yt_train),
    "(c) torch autograd": train_torch(Xt_train, yt_train, autograd=True),
    "(d) nn.Module": (module.linear.weight.detach().numpy()[0], module.linear.bias.item()),
}
w_fit, b_fit = results["(a) numpy"]
for name, (w, b) in results.items():
    print(f"{name:18s} w = {w}, b = {b:.4f}")
    assert np.allclose(w, w_fit, atol=1e-9) and np.isclose(b, b_fit, atol=1e-9), f"{name} differs"

test_labels = predict_labels_exercise(X_test, w_fit, b_fit)
names = ("x₁ (standardized)", "x₂ (standardized)")
ax = plot_decision_regions(lambda X: predict_labels_exercise(X, w_fit, b_fit), X_test,
                           y_test.astype(int), feature_names=names)
ax.set_title(f"test set: {np.sum(test_labels == y_test)} of {y_test.size} right")
show(ax.figure, "The 25 test points of the toy data, class 0 as circles and class 1 as squares, "
     "over the regions the trained model assigns to each class; the boundary is a straight line, "
     "and the one test point on the wrong side of it is ringed.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Against the package.** `logreg.models.LogisticRegression` (the same settings) learns the same weights and
# the same loss per epoch as `gradient_descent`; in float64 the four agree far below $10^{-9}$.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
# NBVAL_IGNORE_OUTPUT
# (round-off-sized numbers; the asserts still run)
reference = LogisticRegression(lr=LR, epochs=EPOCHS).fit(X_train, y_train)
history_fit = gradient_descent(X_train, y_train, np.zeros(2), 0.0, LR, EPOCHS)[2]
assert np.allclose(reference.w_, w_fit, atol=1e-12), "differs from logreg.models.LogisticRegression"
assert np.allclose(reference.history_, history_fit, atol=1e-12), "loss per epoch differs"
params = np.array([np.append(w, b) for w, b in results.values()])
spread = np.max(params.max(axis=0) - params.min(axis=0))
print(f"largest spread of any parameter across the four: {spread:.1e}")
assert spread < 1e-12, "float64 implementations should agree to round-off"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Predicting labels in torch
#
# > **Erratum.** The original notebook predicts with `labels = custom_where(probas >= .5, 1, 0)`, where
# > `custom_where(cond, x_1, x_2)` returns `(cond * x_1) + ((1-cond) * x_2)`. On current torch,
# > `probas >= .5` is a **bool** tensor and `1 - cond` raises a `RuntimeError`. Use
# > `torch.where(z > 0, 1, 0)` (or `(z > 0).long()`).

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def custom_where(cond, x_1, x_2):  # the original helper, for the record
    return (cond * x_1) + ((1 - cond) * x_2)


with torch.no_grad():
    logits_train = module(Xt_train)
try:
    custom_where(torch.sigmoid(logits_train) >= 0.5, 1, 0)
except RuntimeError:
    print("custom_where on a bool tensor: RuntimeError (1 - bool tensor is not supported)")
labels_train = torch.where(logits_train > 0, 1, 0)
numpy_labels = predict_labels_exercise(X_train, w_fit, b_fit)
assert np.array_equal(labels_train.numpy(), numpy_labels), "torch and numpy labels differ"
print("torch.where(z > 0, 1, 0) gives the numpy model's labels")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. Separable data, and a bad start
#
# **No finite maximum.** A line separates the toy training set, so scaling up $\mathbf w$ and $b$ pushes every
# $a$ towards its label and the NLL towards 0 without end: unlike for the $\sigma(2x)$ data, the likelihood
# has no maximum, and gradient descent grows the weights without end.
#
# **MSE stalls** (C8, in training). Only $\partial L/\partial z$ differs between the two neurons,
#
# $$\text{NLL: } \frac1n(a - y), \qquad \text{MSE: } -\frac2n(y - a)\,\underbrace{a(1-a)}_{\sigma'(z)},$$
#
# and $\sigma'(z) \approx 0$ where $|z|$ is large. Both start from $\mathbf w = (-5, -5)$, $b = 0$: every example
# far on the wrong side.

# %%
def norm_and_nll(X, y, w, b):
    return np.linalg.norm(w), nll(X, y, w, b)


data_sets = {"labels drawn from σ(2x)": (X_400, y_400), "toy data (separable)": (X_train, y_train)}
tracks = {name: gradient_descent(X, y, np.zeros(X.shape[1]), 0.0, 1.0, 1000, track=norm_and_nll)[2]
          for name, (X, y) in data_sets.items()}
norm_toy, nll_toy = tracks["toy data (separable)"].T
norm_sigma = tracks["labels drawn from σ(2x)"][:, 0]
print(f"|w| after 10, 100, 1000 epochs: toy data {norm_toy[[9, 99, 999]]}, "
      f"σ(2x) data {norm_sigma[[9, 99, 999]]}")
assert np.all(np.diff(norm_toy) > 0) and np.all(np.diff(nll_toy) < 0), "toy: |w| grows, NLL falls"
assert abs(norm_sigma[-1] - norm_sigma[499]) < 1e-6, "σ(2x) data: |w| settles"

fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
plot_loss_curves({k: v[:, 0] for k, v in tracks.items()}, ax=axes[0], ylabel="|w|")
plot_loss_curves({k: v[:, 1] for k, v in tracks.items()}, ax=axes[1], ylabel="mean NLL", logy=True)
for ax in axes:
    ax.set_xscale("log")
    ax.get_legend().remove()
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
show(fig, "Gradient descent for 1,000 epochs on two data sets, epochs on a log scale. On labels "
     "drawn from sigma(2x) the weight settles near 2 and the loss levels off: a maximum exists. "
     "On the separable toy data the weights keep growing and the loss keeps falling towards 0.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Exercise (transfer): logistic regression with an L2 penalty
#
# Growing weights make a logistic model over-confident; a common remedy adds a penalty on their size,
# $\frac{\lambda}{2}\lVert\mathbf w\rVert^2$, to the mean NLL (the bias is not penalized). Write
# `l2_logistic_gradient_exercise(X, y, w, b, lam)` returning `(grad_w, grad_b)` of the penalized loss.
# Derive the penalty's gradient yourself, then reuse what you know. The cell after the check trains with it.

# %% nbgrader={"grade": false, "grade_id": "l2_logistic_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
def l2_logistic_gradient_exercise(X, y, w, b, lam):
    """Gradient of mean NLL + (lam / 2) * ||w||^2 with respect to w (shape (m,)) and b."""
    ### BEGIN SOLUTION
    delta = (sigmoid(X @ w + b) - y) / len(y)
    return X.T @ delta + lam * w, delta.sum()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_l2_logistic_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
check_l2_logistic_gradient(l2_logistic_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y, _w, _b = _r.normal(size=(9, 3)), _r.integers(0, 2, 9) * 1.0, _r.normal(size=3), _r.normal()
_lam = _r.uniform(0.1, 2.0)
_wt = torch.tensor(_w, requires_grad=True)
_bt = torch.tensor(_b, dtype=torch.float64, requires_grad=True)
_logits = torch.tensor(_X) @ _wt + _bt
(torch.nn.functional.binary_cross_entropy_with_logits(_logits, torch.tensor(_y))
 + _lam / 2 * (_wt**2).sum()).backward()
_gw, _gb = l2_logistic_gradient_exercise(_X, _y, _w, _b, _lam)
assert np.allclose(_gw, _wt.grad.numpy(), atol=1e-10)
assert np.isclose(_gb, _bt.grad.item(), atol=1e-10)
### END HIDDEN TESTS

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# With the penalty the separable toy data have a finite minimum again: with $\lambda = 0.01$ the weights
# settle instead of growing.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def l2_gradient(X, y, w, b):
    return l2_logistic_gradient_exercise(X, y, w, b, lam=0.01)


norm_l2 = gradient_descent(X_train, y_train, np.zeros(2), 0.0, 1.0, 1000, gradient=l2_gradient,
                           track=lambda X, y, w, b: np.linalg.norm(w))[2]
print(f"|w| after 100, 500, 1000 epochs with lambda = 0.01: {norm_l2[[99, 499, 999]]}")
assert abs(norm_l2[-1] - norm_l2[499]) < 1e-3, "with the penalty |w| should settle"

# %%
def mse_gradient(X, y, w, b):  # the HW2 neuron: dL/dz carries sigma'(z) = a (1 - a)
    a = sigmoid(X @ w + b)
    delta = -2 * (y - a) * a * (1 - a) / len(y)
    return X.T @ delta, delta.sum()


def mse(X, y, w, b):
    return np.mean((y - sigmoid(X @ w + b)) ** 2)


w_wrong = np.array([-5.0, -5.0])
runs = {"HW2 neuron (MSE)": (mse_gradient, mse),
        "logistic regression (NLL)": (logistic_gradient_exercise, nll)}
curves, accuracy = {}, {}
for name, (gradient, loss) in runs.items():
    w, b, curves[name] = gradient_descent(X_train, y_train, w_wrong, 0.0, 0.1, 200, gradient, loss)
    accuracy[name] = np.mean(predict_labels_exercise(X_train, w, b) == y_train)
    print(f"{name:26s} loss {curves[name][0]:.4f} -> {curves[name][-1]:.4f}, "
          f"train accuracy {accuracy[name]:.2f}")
assert accuracy["logistic regression (NLL)"] == 1.0, "the NLL run should recover"
assert accuracy["HW2 neuron (MSE)"] < 0.1, "the MSE run should still be wrong on most examples"

ax = plot_loss_curves(curves, ylabel="training loss (each its own)", logy=True)
show(ax.figure, "Training loss per epoch, log scale, from weights that put every toy example on "
     "the wrong side: the MSE of the sigmoid neuron stays flat near 1 for 200 epochs, while the "
     "NLL of logistic regression falls by two orders of magnitude as the examples cross over.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **The loops against the package.** From zero, the same loops reproduce `logreg.models.HW2Neuron` and
# `LogisticRegression`. And from zero, where every $a = 0.5$, the MSE step is exactly half the NLL step,
# since $2a(1-a) = \tfrac12$ there.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
zero = np.zeros(2)
for (gradient, loss), model in zip(runs.values(), (HW2Neuron, LogisticRegression), strict=True):
    w, b, history = gradient_descent(X_train, y_train, zero, 0.0, LR, EPOCHS, gradient, loss)
    reference = model(lr=LR, epochs=EPOCHS).fit(X_train, y_train)
    assert np.allclose(w, reference.w_, rtol=1e-12), f"{model.__name__}: weights differ"
    assert np.allclose(history, reference.history_, rtol=1e-12), f"{model.__name__}: losses differ"
mse_step, nll_step = (np.linalg.norm(gradient(X_train, y_train, zero, 0.0)[0])
                      for gradient, _ in runs.values())
print(f"first step, MSE / NLL: {mse_step / nll_step:.4f}")
assert abs(mse_step / nll_step - 0.5) < 1e-12, "at w = 0 the MSE step is half the NLL step"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - $P(y\mid\mathbf x) = a^y(1-a)^{1-y}$ (C9); the likelihood underflows, the log-likelihood does not (C10);
#   the loss is the mean NLL, with brackets (erratum).
# - $\partial L/\partial z = a - y$; the slide's $y - a$ is the negative gradient (C11). Steps along
#   $-\nabla L$ lower the loss (C12) and estimate the true weight, when a maximum exists.
# - $\hat y = [z > 0]$ (C13); four implementations, one model (C14): train accuracy 1.0, test 0.96.
# - On separable data the weights grow without end; from a confidently wrong start MSE stalls, NLL recovers (C8).
#
# **Next, 04 · Logits and binary cross-entropy:** $z$ as log-odds, the NLL as cross-entropy, and why
# frameworks compute it from logits.
