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
# # 02 · The HW2 neuron: a sigmoid trained with the MSE loss
#
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — notebook 2.*
#
# The homework recap: ADALINE with the sigmoid of notebook 01 as activation, still trained with
# the mean squared error (MSE). What it gets wrong is why logistic regression uses another loss.
#
# **You will** apply the chain rule to one example (claim **C3**), vectorize the slide's for-loop
# (**C4**, **C5**), answer its "vector of 1's" aside (**C6**), train on Iris and see why $\sigma$
# beats a linear activation (**C7**), and find why the MSE gradient vanishes on confidently wrong
# examples (**C8**).

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
import math
import time

import matplotlib.pyplot as plt
import numpy as np
import torch

from logreg import data, models, relative_error, seed_everything, sigmoid
from logreg.diagrams import neuron_diagram
from logreg.plots import legend_outside, plot_decision_regions
from logreg.style import PALETTE, show, use_style

rng = seed_everything(123)
use_style()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. One neuron, five models
#
# Every model of the lecture computes $z = \mathbf w^\top \mathbf x + b$; they differ in
# activation, loss and output:
#
# | model | activation | loss | output | notebook |
# |---|---|---|---|---|
# | perceptron | threshold | none (perceptron rule) | label | 03 |
# | ADALINE | linear, $a = z$ | MSE | $a \in \mathbb R$ | 02 §7 |
# | HW2 neuron | $\sigma(z)$ | MSE | $a \in (0, 1)$ | 02 |
# | logistic regression | $\sigma(z)$ | NLL | $P(y{=}1 \mid \mathbf x)$ | 03, 04 |
# | softmax regression | softmax | cross-entropy | $P(y{=}k \mid \mathbf x)$ | 05, 06 |
#
# $\text{MSE} = \frac1n\sum_i (y^{[i]} - a^{[i]})^2$; NLL: negative log-likelihood.

# %%
show(neuron_diagram(activation=r"$a = \sigma(z)$", threshold=r"$\hat y = 1$ if $a > 0.5$"),
     "The HW2 neuron: inputs x1 to xm and a constant 1, weighted by w1 to wm and b, sum to the "
     "net input z; the sigmoid turns z into the activation a, and a threshold at 0.5 turns a into "
     "a label. ADALINE has a = z in the middle box, the perceptron only the threshold on z.")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The chain rule for one example (claim C3)
#
# $L = (y - a)^2$ with $a = \sigma(z)$ and $z = \mathbf w^\top\mathbf x + b$:
#
# $$\frac{\partial L}{\partial w_j} = \underbrace{\frac{\partial L}{\partial a}}_{-2(y-a)}\cdot
#   \underbrace{\frac{\partial a}{\partial z}}_{\sigma(z)(1-\sigma(z))}\cdot
#   \underbrace{\frac{\partial z}{\partial w_j}}_{x_j},
# \qquad
# \frac{\partial L}{\partial b} = \frac{\partial L}{\partial a}\cdot\frac{\partial a}{\partial z}\cdot
#   \underbrace{\frac{\partial z}{\partial b}}_{1}.$$
#
# The middle factor is notebook 01's $\sigma'$. Autograd checks the product.

# %%
def chain_rule_one_example(x, y, w, b):
    a = sigmoid(x @ w + b)
    dL_da = -2 * (y - a)
    da_dz = a * (1 - a)  # sigma'(z), from sigma(z) alone
    return dL_da * da_dz * x, dL_da * da_dz * 1  # dz/dw_j = x_j, dz/db = 1


x_one, y_one, w_one, b_one = np.array([1.2, -0.7]), 1.0, np.array([0.4, -0.3]), -0.1
grad_w_one, grad_b_one = chain_rule_one_example(x_one, y_one, w_one, b_one)
print(f"dL/dw = {grad_w_one},  dL/db = {grad_b_one:.4f}")

w_t = torch.tensor(w_one, requires_grad=True)
b_t = torch.tensor(b_one, dtype=torch.float64, requires_grad=True)
((y_one - torch.sigmoid(torch.from_numpy(x_one) @ w_t + b_t)) ** 2).backward()
assert relative_error(grad_w_one, w_t.grad.numpy()) < 1e-12, "dL/dw differs from autograd"
assert abs(grad_b_one - b_t.grad.item()) < 1e-12, "dL/db differs from autograd"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **More checks.** Autograd also gives the intermediate gradients, $\partial L/\partial a$ and
# $\partial L/\partial z = \partial L/\partial a\cdot\partial a/\partial z$, so each factor of the
# chain can be checked alone. Finite differences need no calculus at all: treat
# $\theta = (w_1, w_2, b)$ as one vector and nudge each entry by $\pm 10^{-6}$. And a check must be
# able to fail: dropping the $\sigma'$ factor (ADALINE's gradient) is caught.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
z_t = torch.tensor(x_one @ w_one + b_one, requires_grad=True)
a_t = torch.sigmoid(z_t)
a_t.retain_grad()  # keep dL/da, an intermediate gradient
((y_one - a_t) ** 2).backward()
a_one = sigmoid(x_one @ w_one + b_one)
assert abs(a_t.grad.item() - (-2 * (y_one - a_one))) < 1e-12, "dL/da differs from autograd"
assert abs(z_t.grad.item() - grad_b_one) < 1e-12, "dL/dz = dL/da * da/dz differs from autograd"


def loss_one_example(theta):
    return (y_one - sigmoid(x_one @ theta[:2] + theta[2])) ** 2


finite_diff = logreg.numerical_gradient(loss_one_example, np.array([*w_one, b_one]))
chain_rule = np.array([*grad_w_one, grad_b_one])
assert relative_error(chain_rule, finite_diff) < 1e-7, "chain rule differs from finite differences"
without_sigma_prime = -2 * (y_one - a_one) * np.array([*x_one, 1.0])
error_without = relative_error(without_sigma_prime, finite_diff)
assert error_without > 0.1, "the check missed a missing sigma'"
print("each factor agrees with autograd; the gradient agrees with finite differences;")
print(f"without the sigma' factor the relative error is {error_without:.2f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Many examples: the slide's for-loop and the vectorized form (claim C4)
#
# For the mean over $n$ examples the slide accumulates per-example gradients:
#
# ```
# initialize L, ∂L/∂w1, ∂L/∂w2, ∂L/∂b to 0
# for i in 1..n:
#     compute z[i], a[i]
#     L      += (y[i] - a[i])²
#     ∂L/∂w1 += −2(y[i] − a[i]) · σ(z[i])(1 − σ(z[i])) · x1[i]
#     ∂L/∂w2 += −2(y[i] − a[i]) · σ(z[i])(1 − σ(z[i])) · x2[i]
#     ∂L/∂b  += −2(y[i] − a[i]) · σ(z[i])(1 − σ(z[i]))
# divide L, ∂L/∂w1, ∂L/∂w2, ∂L/∂b by n
# ```
#
# **Your turn: vectorize it.** With examples as rows of $X \in \mathbb R^{n\times m}$, write
# `hw2_gradient(X, y, w, b)` without a Python loop: $\partial L/\partial z$ for all examples at
# once, then the one matrix product that does the loop's sums.

# %% nbgrader={"grade": false, "grade_id": "hw2_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def hw2_gradient(X, y, w, b):
    """(dL/dw of shape (m,), dL/db) of the MSE of a sigmoid neuron; X (n, m), y (n,) in {0, 1}."""
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    delta = -2 / len(y) * (y - a) * a * (1 - a)  # dL/dz, one entry per example
    return X.T @ delta, delta.sum()
    ### END SOLUTION


# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Exercise (homework): check your `hw2_gradient`.** The cell below runs it on a case you can
# check by hand, on fresh random data of several sizes and on logits of $\pm 10^4$ (use the
# stable `sigmoid`). It recognises the usual slips (sign, sum instead of mean, dividing by $n$
# twice, a missing $\sigma'$ or factor 2) and says which one it sees.

# %% nbgrader={"grade": true, "grade_id": "check_hw2_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
from logreg.checks import check_hw2_gradient

check_hw2_gradient(hw2_gradient)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y, _w, _b = _r.normal(size=(9, 3)), _r.integers(0, 2, 9) * 1.0, _r.normal(size=3), _r.normal()
_wt = torch.tensor(_w, requires_grad=True)
_bt = torch.tensor(_b, dtype=torch.float64, requires_grad=True)
torch.mean((torch.tensor(_y) - torch.sigmoid(torch.tensor(_X) @ _wt + _bt)) ** 2).backward()
_gw, _gb = hw2_gradient(_X, _y, _w, _b)
assert np.allclose(_gw, _wt.grad.numpy(), atol=1e-10)
assert np.isclose(_gb, _bt.grad.item(), atol=1e-10)
### END HIDDEN TESTS

# %%
def hw2_gradient_loop(X, y, w, b):  # the slide's loop, one number at a time (without L)
    n = X.shape[0]
    dL_dw1, dL_dw2, dL_db = 0.0, 0.0, 0.0
    for i in range(n):
        a = 1 / (1 + math.exp(-(w[0] * X[i, 0] + w[1] * X[i, 1] + b)))
        dL_dz = -2 * (y[i] - a) * a * (1 - a)
        dL_dw1 += dL_dz * X[i, 0]
        dL_dw2 += dL_dz * X[i, 1]
        dL_db += dL_dz
    return np.array([dL_dw1, dL_dw2]) / n, dL_db / n


X_rand, y_rand = rng.normal(size=(1000, 2)), rng.integers(0, 2, 1000).astype(float)
w_rand, b_rand = np.array([0.7, -1.3]), 0.2
grad_w_loop, grad_b_loop = hw2_gradient_loop(X_rand, y_rand, w_rand, b_rand)
grad_w, grad_b = hw2_gradient(X_rand, y_rand, w_rand, b_rand)
print(f"loop:       dL/dw = {grad_w_loop}, dL/db = {grad_b_loop:.4f}")
print(f"vectorized: dL/dw = {grad_w}, dL/db = {grad_b:.4f}")
assert relative_error(grad_w_loop, grad_w) < 1e-12 and abs(grad_b_loop - grad_b) < 1e-12, \
    "the loop and the vectorized gradient differ"

# %% tags=["optional"] slideshow={"slide_type": "skip"} jupyter={"source_hidden": true}
# Both also agree with torch autograd of the MSE and with the package's HW2Neuron.
w_t = torch.tensor(w_rand, requires_grad=True)
b_t = torch.tensor(b_rand, dtype=torch.float64, requires_grad=True)
a_t = torch.sigmoid(torch.from_numpy(X_rand) @ w_t + b_t)
torch.mean((torch.from_numpy(y_rand) - a_t) ** 2).backward()
assert relative_error(grad_w, w_t.grad.numpy()) < 1e-12, "vectorized dL/dw differs from autograd"
assert abs(grad_b - b_t.grad.item()) < 1e-12, "vectorized dL/db differs from autograd"
_, ref_grad_w, ref_grad_b = models.HW2Neuron().loss_and_gradients(X_rand, y_rand, w_rand, b_rand)
assert relative_error(grad_w, ref_grad_w) < 1e-12 and abs(grad_b - ref_grad_b) < 1e-12, \
    "differs from HW2Neuron"
print("loop == vectorized == torch autograd == logreg.models.HW2Neuron (to 1e-12)")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Erratum: the HW2 template divides the MSE by $n$ twice
#
# > **Erratum.** The homework template defines its loss as
# > `def loss(yhat, y): return torch.mean((yhat - y)**2) / y.size(0)`.
# > `torch.mean` has already divided by $n$, so this is $\frac{1}{n^2}\sum_i (\hat y^{[i]} - y^{[i]})^2$,
# > not the MSE $\frac1n\sum_i(\hat y^{[i]} - y^{[i]})^2$ of the problem statement.
#
# In the template this loss is only logged, so the printed "MSE" and the cost plot are $n$ times
# too small. Differentiated (by autograd or by hand), its gradient is $n$ times too small too. A
# gradient check against autograd of the correctly defined loss catches it.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def template_loss(yhat, y):  # the HW2 template, verbatim: divides by n twice
    return torch.mean((yhat - y) ** 2) / y.size(0)


def autograd_gradient(loss_fn, X, y, w, b):
    w_t = torch.tensor(w, requires_grad=True)
    b_t = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    loss_fn(torch.sigmoid(torch.from_numpy(X) @ w_t + b_t), torch.from_numpy(y)).backward()
    return np.array([*w_t.grad.numpy(), b_t.grad.item()])


def true_mse_loss(yhat, y):
    return torch.mean((yhat - y) ** 2)


ours = np.array([*grad_w, grad_b])
correct = autograd_gradient(true_mse_loss, X_rand, y_rand, w_rand, b_rand)
from_template = autograd_gradient(template_loss, X_rand, y_rand, w_rand, b_rand)
print(f"relative error against autograd of the true MSE: {relative_error(ours, correct):.0e}")
print(f"relative error against autograd of the template's loss: "
      f"{relative_error(ours, from_template):.4f}")
print(f"correct / template gradient: {np.mean(correct / from_template):.4f}  (n = {len(y_rand)})")
assert relative_error(ours, correct) < 1e-12, "our gradient should match autograd of the true MSE"
assert relative_error(ours, from_template) > 0.9, "the check should flag the template's loss"
assert np.allclose(correct, len(y_rand) * from_template, rtol=1e-12, atol=0), \
    "the template's gradient is not 1/n of the true one"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. How much faster is the vectorized form? (claim C5)
#
# The loop runs the interpreter once per example; the vectorized form makes a few numpy calls that
# loop in compiled code.

# %%
# NBVAL_IGNORE_OUTPUT
# (timings depend on the machine and its load: testing does not compare this output)
def best_time(fn, args, repeats):
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


sizes = [100, 300, 1_000, 3_000, 10_000]
loop_ms, vectorized_ms = [], []
for n in sizes:
    args = (rng.normal(size=(n, 2)), rng.integers(0, 2, n).astype(float), w_rand, b_rand)
    loop_ms.append(1e3 * best_time(hw2_gradient_loop, args, repeats=3))
    vectorized_ms.append(1e3 * best_time(hw2_gradient, args, repeats=20))
    print(f"n = {n:>6}: loop {loop_ms[-1]:8.3f} ms, vectorized {vectorized_ms[-1]:6.3f} ms")
assert 5 * vectorized_ms[-1] < loop_ms[-1], "at the largest n vectorized should be much faster"

fig, ax = plt.subplots()
ax.loglog(sizes, loop_ms, "o-", label="per-example Python loop")
ax.loglog(sizes, vectorized_ms, "s--", label=r"vectorized $X^\top\delta$")
ax.set(xlabel="number of examples $n$", ylabel="time per gradient [ms]")
legend_outside(ax)
show(fig, "Time per gradient against the number of examples, both axes logarithmic: the loop's "
          "time grows in proportion to n from the start, the vectorized time stays nearly flat at "
          "first, so the gap between them widens as n grows.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# On a log-log plot a cost proportional to $n$ is a line of slope 1. The loop's line has slope 1
# from the start; the vectorized line stays flat at small $n$, where the fixed cost of the numpy
# calls dominates. (For much larger $n$, expect a jump in the vectorized time somewhere above
# $n \approx 16{,}000$: the temporary arrays then pass 128 kB and the memory allocator asks the
# operating system for fresh pages for each. The loop is still far slower.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. "In code this is ok, in proper math this is a vector of 1's" (claim C6)
#
# The slide writes
# $\frac{\partial L}{\partial w_j} = \bigl(-\frac2n(\mathbf y-\mathbf a)\odot\sigma(\mathbf z)\odot(1-\sigma(\mathbf z))\bigr)\,\mathbf x_j^\top$
# and asks: *can you spot the problem?*
#
# 1. $1 - \sigma(\mathbf z)$: code broadcasts the 1; in proper math it is the vector of ones,
#    and $\sigma(\mathbf z)\odot(\mathbf 1 - \sigma(\mathbf z))$ is $\sigma'(\mathbf z)$
#    written with $\sigma$ (notebook 01).
# 2. The order: with $\boldsymbol\delta = \partial L/\partial\mathbf z$ and column $\mathbf x_j$
#    both $n \times 1$, $\boldsymbol\delta\,\mathbf x_j^\top$ is $n \times n$. The number is
#    $\mathbf x_j^\top\boldsymbol\delta$; all weights at once, $X^\top\boldsymbol\delta$. Numpy's
#    1-D arrays have no orientation, so code does not notice.

# %%
n, m = X_rand.shape
a = sigmoid(X_rand @ w_rand + b_rand)
assert np.array_equal(1 - a, np.ones(n) - a), "the scalar 1 broadcasts to the vector of ones"
delta = -2 / n * (y_rand - a) * a * (1 - a)  # dL/dz, shape (n,)
x_1 = X_rand[:, 0]
print(f"1-D arrays: delta @ x_1 = {delta @ x_1:.4f} = x_1 @ delta = {x_1 @ delta:.4f} = dL/dw1")
delta_col, x_1_col = delta.reshape(n, 1), x_1.reshape(n, 1)  # columns, as in the math
print(f"columns: delta x_1^T is {(delta_col @ x_1_col.T).shape}, x_1^T delta is "
      f"{(x_1_col.T @ delta_col).shape}, X^T delta is {(X_rand.T @ delta).shape}")
assert (delta_col @ x_1_col.T).shape == (n, n), "delta x_j^T is an n x n outer product"
assert abs((x_1_col.T @ delta_col).item() - grad_w[0]) < 1e-15, "x_j^T delta is dL/dw_j"
assert (X_rand.T @ delta).shape == (m,), "X^T delta has one entry per weight"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### When broadcasting is *not* ok
#
# The homework template stores the weights as a column, shape $(m, 1)$, so its activations come
# out as $(n, 1)$; that is why its `forward` ends in `.view(-1)`. Without that reshape, `y - a` with
# `y` of shape $(n,)$ broadcasts silently to an $(n, n)$ matrix of every pair, and the "MSE" is a
# different number with no error raised. Print and assert shapes.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
a_column = sigmoid(X_rand @ w_rand.reshape(m, 1) + b_rand)  # (n, 1), as in the template
wrong_residuals = y_rand - a_column  # (n,) - (n, 1) -> (n, n)
true_mse = np.mean((y_rand - a) ** 2)
print(f"a: {a_column.shape}   y: {y_rand.shape}   y - a: {wrong_residuals.shape}")
wrong_mse = np.mean(wrong_residuals**2)
print(f"MSE with the (n, n) residuals: {wrong_mse:.4f}   correct MSE: {true_mse:.4f}")
assert wrong_residuals.shape == (n, n), "expected the silent (n, n) broadcast"
assert abs(wrong_mse - true_mse) > 1e-3, "the broadcast bug should change the loss"
assert abs(np.mean((y_rand - a_column.ravel()) ** 2) - true_mse) < 1e-15, "reshape should fix it"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Extension: the bias times a vector of ones
#
# The same holds for the bias. In code `X @ w + b` broadcasts the scalar `b`; in proper math
# $\mathbf z = X\mathbf w + b\,\mathbf 1$, so
# $\partial L/\partial b = \sum_i \delta_i = \mathbf 1^\top\boldsymbol\delta$: the `delta.sum()` of
# the code is the bias's $X^\top\boldsymbol\delta$. Appending the ones as a column,
# $\tilde X = [\mathbf 1 \; X] \in \mathbb R^{n\times(m+1)}$ and
# $\tilde{\mathbf w} = (b, w_1, \dots, w_m)$, makes the bias an ordinary weight:
# $\mathbf z = \tilde X\tilde{\mathbf w}$, and $\tilde X^\top\boldsymbol\delta$ holds
# $\partial L/\partial b$ first and $\nabla_{\mathbf w}L$ after it.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
ones = np.ones(n)
X_tilde, w_tilde = np.column_stack([ones, X_rand]), np.array([b_rand, *w_rand])
grad_tilde = X_tilde.T @ delta
print(f"X_tilde: {X_tilde.shape}   X_tilde.T @ delta: {grad_tilde.shape} = (dL/db, dL/dw1, dL/dw2)")
assert np.array_equal(X_rand @ w_rand + b_rand, X_rand @ w_rand + b_rand * ones), "b != b * 1"
assert abs(ones @ delta - grad_b) < 1e-15, "1^T delta is not dL/db"
assert np.allclose(X_tilde @ w_tilde, X_rand @ w_rand + b_rand, rtol=0, atol=1e-14), "X~w~ != Xw+b1"
assert abs(grad_tilde[0] - grad_b) < 1e-15, "the first entry should be dL/db"
assert np.allclose(grad_tilde[1:], grad_w, rtol=0, atol=1e-15), "the other entries should be dL/dw"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Training on Iris: versicolor vs virginica, as in the homework
#
# Versicolor (0) vs virginica (1) by sepal width and petal length. As in the template: 70/30 split,
# standardized, zero initial weights, minibatches of 10, learning rate 0.5, 150 epochs.

# %%
X_iris, y_iris = data.load_iris()
keep = y_iris > 0  # drop setosa (label 0)
X_hw, y_hw = X_iris[keep][:, [1, 2]], (y_iris[keep] == 2).astype(float)  # virginica -> 1
# our split, not the template's: exact numbers differ from the homework's
X_train, X_test, y_train, y_test = data.train_test_split(X_hw, y_hw, test_size=0.3, seed=123)
X_train, X_test = data.standardize(X_train, X_test)


def train_hw2_neuron(X, y, lr=0.5, epochs=150, batch_size=10, seed=123):
    w, b, shuffler = np.zeros(X.shape[1]), 0.0, np.random.default_rng(seed)
    for _ in range(epochs):
        order = shuffler.permutation(len(y))
        for start in range(0, len(y), batch_size):
            batch = order[start : start + batch_size]
            grad_w, grad_b = hw2_gradient(X[batch], y[batch], w, b)
            w, b = w - lr * grad_w, b - lr * grad_b
    return w, b


def predict_hw2(X):
    return (sigmoid(X @ w_hw2 + b_hw2) > 0.5).astype(np.int64)  # sigma(z) > 0.5, i.e. z > 0


w_hw2, b_hw2 = train_hw2_neuron(X_train, y_train)
train_accuracy, test_accuracy = (np.mean(predict_hw2(X) == y) for X, y in
                                 [(X_train, y_train), (X_test, y_test)])
print(f"w = {w_hw2}, b = {b_hw2:.4f}")
print(f"accuracy: train {train_accuracy:.4f}, test {test_accuracy:.4f}")
assert train_accuracy > 0.85 and test_accuracy > 0.85, "the neuron should separate the two species"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Checks and pictures.** The package's `logreg.models.HW2Neuron` shuffles with the same
# convention, so its weights must equal ours to round-off; its loss history shows the training
# MSE falling. Had we logged the template's loss (the erratum of section 3), every value would be
# $n$ times lower. The decision boundary is the line $w_1x_1 + w_2x_2 + b = 0$.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
reference = models.HW2Neuron(lr=0.5, epochs=150, batch_size=10, seed=123).fit(X_train, y_train)
assert np.allclose(w_hw2, reference.w_, rtol=0, atol=1e-10), "weights differ from HW2Neuron"
assert abs(b_hw2 - reference.b_) < 1e-10, "bias differs from HW2Neuron"
assert np.array_equal(predict_hw2(X_test), reference.predict(X_test)), "predictions differ"
assert reference.history_[-1] < 0.5 * reference.history_[0], "training should halve the loss"

a_train = sigmoid(X_train @ w_hw2 + b_hw2)
template_value = template_loss(torch.from_numpy(a_train), torch.from_numpy(y_train)).item()
print(f"training MSE: epoch 1 {reference.history_[0]:.4f}, epoch 150 {reference.history_[-1]:.4f}")
print(f"after training: MSE {np.mean((y_train - a_train) ** 2):.4f}; "
      f"the template would print {template_value:.5f} (n = {len(y_train)})")
assert abs(np.mean((y_train - a_train) ** 2) - len(y_train) * template_value) < 1e-12, \
    "the template's value should be MSE / n"

ax = plot_decision_regions(predict_hw2, X_test, y_test, class_names=("versicolor", "virginica"),
                           feature_names=("sepal width", "petal length"))
ax.set_title("test set, standardized features")
show(ax.figure, "The 30 test flowers, sepal width against petal length, and the learned "
                "boundary line: every versicolor lies below it and every virginica above it.")


# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Why could $\sigma$ be better than ADALINE's linear activation? (claim C7)
#
# Train ADALINE on the same data: $a = z$, same MSE, so $\boldsymbol\delta = -\frac2n(\mathbf y - \mathbf z)$.
# The labels are 0 and 1, yet its outputs leave $[0, 1]$: no probability, and the MSE even
# *penalizes* the clearest, correct flowers for overshooting. $\sigma$ keeps outputs in $(0, 1)$,
# readable as $P(y = 1 \mid \mathbf x)$.

# %%
def train_adaline(X, y, lr=0.1, epochs=300):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        delta = -2 / len(y) * (y - (X @ w + b))  # linear activation: a = z
        w, b = w - lr * X.T @ delta, b - lr * delta.sum()
    return w, b


w_ada, b_ada = train_adaline(X_train, y_train)
a_adaline, a_hw2 = X_train @ w_ada + b_ada, sigmoid(X_train @ w_hw2 + b_hw2)
print(f"ADALINE outputs in [{a_adaline.min():.4f}, {a_adaline.max():.4f}], "
      f"{np.sum((a_adaline < 0) | (a_adaline > 1))} of {len(a_adaline)} outside [0, 1]")
assert a_adaline.min() < 0 and a_adaline.max() > 1, "ADALINE should leave [0, 1] on this data"
assert np.all((a_hw2 > 0) & (a_hw2 < 1)), "sigmoid outputs must lie in (0, 1)"

fig, ax = plt.subplots()
ax.axhspan(0, 1, color="0.92")
ax.plot(X_train[:, 1], a_adaline, "o", mfc="none", label="ADALINE: $z$")
ax.plot(X_train[:, 1], a_hw2, "s", mfc="none", label=r"HW2 neuron: $\sigma(z)$")
ax.plot(X_train[:, 1], y_train, "^", color="k", ms=6, label="label $y$")
ax.set(xlabel="petal length (standardized)", ylabel="model output")
legend_outside(ax)
show(fig, "Outputs of both models for each training flower against its petal length, with the "
          "band from 0 to 1 shaded: ADALINE's outputs run below 0 and above 1, the sigmoid "
          "neuron's stay inside the band, close to the labels 0 and 1.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **An independent check of ADALINE.** Full-batch gradient descent on this convex loss converges to
# the least-squares fit of linear regression, which `numpy.linalg.lstsq` computes directly.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
with_ones = np.column_stack([np.ones(len(y_train)), X_train])
least_squares, *_ = np.linalg.lstsq(with_ones, y_train, rcond=None)
print(f"ADALINE:       b = {b_ada:.4f}, w = {w_ada}")
print(f"least squares: b = {least_squares[0]:.4f}, w = {least_squares[1:]}")
assert np.allclose([b_ada, *w_ada], least_squares, rtol=0, atol=1e-10), "not least squares"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. The catch: the $\sigma'$ factor makes the MSE gradient vanish (claim C8)
#
# One example with $y = 1$: the MSE against the NLL $-\log\sigma(z)$ of notebook 03:
#
# $$\text{MSE: } \frac{\partial L}{\partial z} = -2(1-\sigma)\cdot\sigma(1-\sigma),
# \qquad
# \text{NLL: } \frac{\partial L}{\partial z} = -\frac{1}{\sigma}\cdot\sigma(1-\sigma) = \sigma - 1 .$$
#
# The log cancels $\sigma'$; the MSE keeps it. On a **confidently wrong** example ($z \ll 0$),
# $\sigma'(z) \approx e^{z}$: the MSE gradient vanishes and the example stops teaching; the NLL's
# tends to $-1$.

# %%
def mse_dL_dz(z, y):
    a = sigmoid(z)
    return -2 * (y - a) * a * (1 - a)


def nll_dL_dz(z, y):
    return sigmoid(z) - y


for z in [0.0, -2.0, -5.0, -10.0, -20.0, -30.0]:  # label y = 1: ever more confidently wrong
    print(f"z = {z:6.1f}:  dL/dz  MSE {mse_dL_dz(z, 1.0):10.3e}   NLL {nll_dL_dz(z, 1.0):7.4f}")
assert abs(mse_dL_dz(-30.0, 1.0)) < 1e-12, "the MSE gradient should vanish as z -> -inf"
assert abs(nll_dL_dz(-30.0, 1.0) + 1) < 1e-12, "the NLL gradient should tend to -1 as z -> -inf"

z_grid = np.linspace(-12, 12, 2401)
fig, ax = plt.subplots()
ax.axvspan(-12, -4, color=PALETTE[4], alpha=0.15)
ax.text(-8, 0.6, "confidently\nwrong", ha="center")
ax.plot(z_grid, np.abs(mse_dL_dz(z_grid, 1.0)), label=r"MSE + $\sigma$")
ax.plot(z_grid, np.abs(nll_dL_dz(z_grid, 1.0)), label=r"NLL + $\sigma$")
ax.set(xlabel="net input $z$ of an example with label $y = 1$", ylabel=r"$|\partial L/\partial z|$",
       xlim=(-12, 12))
legend_outside(ax)
show(fig, "Size of the gradient with respect to z for one example of label 1: the NLL's grows "
          "towards 1 the more wrong the prediction, the MSE's peaks near z = -0.7 and falls back "
          "to 0 in the shaded, confidently wrong region.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **More checks.** Both derivatives agree with torch autograd (the NLL through torch's
# `binary_cross_entropy_with_logits`), and the MSE's is exactly $2\sigma'(z)$ times the NLL's.
# Where is the MSE gradient largest? With $s = \sigma(z)$, $|\partial L/\partial z| = 2s(1-s)^2$,
# whose derivative $2(1-s)(1-3s)$ vanishes at $s = \tfrac13$, i.e. $z = -\ln 2$, with magnitude
# $\tfrac{8}{27} \approx 0.2963$. Past that point, *the more wrong the example, the weaker its
# pull*: backwards for learning.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
z_grid_t = torch.tensor(z_grid, requires_grad=True)
torch.sum((1.0 - torch.sigmoid(z_grid_t)) ** 2).backward()
mse_autograd = z_grid_t.grad.numpy().copy()
z_grid_t.grad = None
ones_t = torch.ones_like(z_grid_t)
torch.nn.functional.binary_cross_entropy_with_logits(z_grid_t, ones_t, reduction="sum").backward()
nll_autograd = z_grid_t.grad.numpy()
mse_grid, nll_grid = mse_dL_dz(z_grid, 1.0), nll_dL_dz(z_grid, 1.0)
assert np.allclose(mse_grid, mse_autograd, rtol=1e-12, atol=1e-15), "MSE dL/dz != autograd"
assert np.allclose(nll_grid, nll_autograd, rtol=1e-12, atol=1e-15), "NLL dL/dz != autograd"
two_sigma_prime = 2 * logreg.sigmoid_derivative(z_grid)
assert np.allclose(mse_grid, two_sigma_prime * nll_grid, rtol=1e-12, atol=1e-15), \
    "the MSE gradient is not 2 sigma' times the NLL gradient"

peak = np.argmax(np.abs(mse_grid))
print(f"MSE |dL/dz| peaks at z = {z_grid[peak]:.2f} (-ln 2 = {-np.log(2):.4f}) "
      f"with value {abs(mse_grid[peak]):.4f} (8/27 = {8 / 27:.4f})")
assert abs(z_grid[peak] + np.log(2)) < 0.01, "the MSE gradient should peak at z = -ln 2"
assert abs(abs(mse_dL_dz(-np.log(2), 1.0)) - 8 / 27) < 1e-12, "the peak value should be 8/27"
assert np.all(np.diff(np.abs(nll_grid)) < 0), "NLL |dL/dz| should shrink as z grows (y = 1)"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - HW2 neuron: ADALINE with $\sigma$; $\partial L/\partial w_j = -2(y-a)\,\sigma'(z)\,x_j$ (C3).
# - The slide's loop equals $X^\top\boldsymbol\delta$,
#   $\boldsymbol\delta = -\tfrac2n(\mathbf y-\mathbf a)\odot\sigma(\mathbf z)\odot(\mathbf 1-\sigma(\mathbf z))$
#   (C4), and is far slower (C5); in proper math, $\mathbf 1$ and $\mathbf x_j^\top\boldsymbol\delta$ (C6).
# - ADALINE's outputs leave $[0, 1]$; $\sigma$'s are probabilities (C7).
# - The MSE keeps $\sigma'(z)$: its gradient vanishes on confidently wrong examples (C8).
#
# **Next — 03 · Logistic regression:** the NLL, whose $\partial L/\partial z = a - y$ has no $\sigma'$.
