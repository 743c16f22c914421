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
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — part 2 of 6.*
#
# The lecture opens with a recap of homework 2: take ADALINE, keep its mean-squared-error loss, and
# swap its linear activation for the sigmoid of notebook 01. This neuron is one step away from
# logistic regression. Looking at what it gets right and wrong tells us why logistic regression uses
# another loss.
#
# **You will**
# 1. put linear regression, ADALINE and the HW2 neuron side by side: same net input, different activation and loss;
# 2. apply the chain rule to one example and check it against torch autograd and finite differences (claim **C3**);
# 3. write the slide's per-example for-loop and the vectorized $X^\top(\dots)$ form, show that they agree (**C4**) and time them (**C5**);
# 4. work out the slide's "vector of 1's" aside: broadcasting in code, $b\,\mathbf 1$ in math (**C6**);
# 5. train the neuron on Iris (versicolor vs virginica), as in the homework, and see why $\sigma$ beats a linear activation (**C7**);
# 6. find the $\sigma'$ factor that makes the MSE gradient vanish on confidently wrong examples (**C8**), which is why notebook 03 uses another loss.
#
# Every claim ends in an `assert` that fails if the claim is false.

# %%
import math
import time

import matplotlib.pyplot as plt
import numpy as np
import torch

import logreg
from logreg import data, metrics, models, plots, relative_error, seed_everything, sigmoid

rng = seed_everything(123)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Three neurons, one net input
#
# All three models compute the same net input $z = \mathbf w^\top \mathbf x + b$. They differ in the
# activation $a = \phi(z)$, in the loss and in how they turn $a$ into a prediction:
#
# | model | net input | activation $a$ | training loss | prediction |
# |---|---|---|---|---|
# | linear regression | $z = \mathbf w^\top\mathbf x + b$ | $a = z$ | $\frac1n\sum_i (y^{[i]} - a^{[i]})^2$ (or closed form) | $\hat y = a \in \mathbb R$ |
# | ADALINE | $z = \mathbf w^\top\mathbf x + b$ | $a = z$ | $\frac1n\sum_i (y^{[i]} - a^{[i]})^2$, gradient descent | $\hat y = 1$ if $a > 0.5$ |
# | HW2 neuron | $z = \mathbf w^\top\mathbf x + b$ | $a = \sigma(z)$ | $\frac1n\sum_i (y^{[i]} - a^{[i]})^2$, gradient descent | $\hat y = 1$ if $a > 0.5$ |
#
# ADALINE is linear regression trained by gradient descent and used as a classifier (labels 0 and 1,
# threshold 0.5). The HW2 neuron changes one thing only, the activation.

# %%
def net_input(X, w, b):
    return X @ w + b


def identity(z):
    return z


def mse(a, y):
    return np.mean((y - a) ** 2)


activations = {"linear regression": identity, "ADALINE": identity, "HW2 neuron": sigmoid}

X_demo = np.array([[1.0, 2.0], [-1.5, 0.5], [3.0, -1.0], [0.0, 0.0]])
y_demo = np.array([1.0, 0.0, 1.0, 0.0])
w_demo, b_demo = np.array([0.8, -0.4]), 0.1

z_demo = net_input(X_demo, w_demo, b_demo)
print("net input z:", z_demo)
for name, phi in activations.items():
    a = phi(z_demo)
    print(f"{name:>17}: a = {a},  MSE = {mse(a, y_demo):.4f}")

# %% [markdown]
# **Check.** The linear models output $z$ itself, the HW2 neuron $\sigma(z) \in (0, 1)$; our `mse`
# equals torch's `mse_loss`.

# %%
a_linear, a_sigmoid = identity(z_demo), sigmoid(z_demo)
assert np.array_equal(a_linear, z_demo), "a linear activation must return the net input"
assert np.all((a_sigmoid > 0) & (a_sigmoid < 1)), "sigma left (0, 1)"
assert np.all((a_sigmoid > 0.5) == (z_demo > 0)), "the HW2 threshold a > 0.5 should mean z > 0"
for a in (a_linear, a_sigmoid):
    torch_mse = torch.nn.functional.mse_loss(torch.from_numpy(a), torch.from_numpy(y_demo)).item()
    assert abs(mse(a, y_demo) - torch_mse) < 1e-12, "our MSE differs from torch's mse_loss"
print("same net input, two activations; MSE matches torch.nn.functional.mse_loss")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The chain rule for one example (claim C3)
#
# For one example, $L = (y - a)^2$ with $a = \sigma(z)$ and $z = w_1x_1 + w_2x_2 + b$. The chain rule
# splits $\partial L/\partial w_j$ into three factors, each easy on its own:
#
# $$\frac{\partial L}{\partial w_j} = \underbrace{\frac{\partial L}{\partial a}}_{-2(y-a)}\cdot
#   \underbrace{\frac{\partial a}{\partial z}}_{\sigma(z)(1-\sigma(z))}\cdot
#   \underbrace{\frac{\partial z}{\partial w_j}}_{x_j},
# \qquad
# \frac{\partial L}{\partial b} = \frac{\partial L}{\partial a}\cdot\frac{\partial a}{\partial z}\cdot \underbrace{\frac{\partial z}{\partial b}}_{1}.$$
#
# The middle factor is notebook 01's result.

# %%
x_one = np.array([1.2, -0.7])
y_one = 1.0
w_one, b_one = np.array([0.4, -0.3]), -0.1


def chain_rule_one_example(x, y, w, b):
    z = x @ w + b
    a = sigmoid(z)
    dL_da = -2 * (y - a)
    da_dz = a * (1 - a)
    dz_dw = x
    dz_db = 1.0
    return dL_da, da_dz, dL_da * da_dz * dz_dw, dL_da * da_dz * dz_db


dL_da, da_dz, grad_w_one, grad_b_one = chain_rule_one_example(x_one, y_one, w_one, b_one)
print(f"dL/da = {dL_da:.4f},  da/dz = {da_dz:.4f}")
print(f"dL/dw = {grad_w_one},  dL/db = {grad_b_one:.4f}")

# %% [markdown]
# **Check 1: torch autograd.** Torch builds the same graph $x, w, b \to z \to a \to L$ and
# differentiates it with its own rules. `retain_grad` keeps the intermediate gradients too, so we can
# check each factor of the chain separately: $\partial L/\partial a$ and $\partial L/\partial z =
# \partial L/\partial a \cdot \partial a/\partial z$.

# %%
w_t = torch.tensor(w_one, requires_grad=True)
b_t = torch.tensor(b_one, dtype=torch.float64, requires_grad=True)
z_t = torch.from_numpy(x_one) @ w_t + b_t
a_t = torch.sigmoid(z_t)
z_t.retain_grad()
a_t.retain_grad()
loss_t = (y_one - a_t) ** 2
loss_t.backward()

assert abs(a_t.grad.item() - dL_da) < 1e-12, "dL/da differs from autograd"
assert abs(z_t.grad.item() - dL_da * da_dz) < 1e-12, "dL/dz = dL/da * da/dz differs from autograd"
assert relative_error(grad_w_one, w_t.grad.numpy()) < 1e-12, "dL/dw differs from autograd"
assert abs(grad_b_one - b_t.grad.item()) < 1e-12, "dL/db differs from autograd"
print("each factor and the full gradient agree with torch autograd")

# %% [markdown]
# **Check 2: finite differences.** These need no calculus at all. We treat $\theta = (w_1, w_2, b)$
# as one vector and let `logreg.numerical_gradient` nudge each entry by $\pm 10^{-6}$.

# %%
# NBVAL_IGNORE_OUTPUT
# (the printed relative errors are round-off sized; the asserts still run)
def loss_one_example(theta):
    w, b = theta[:2], theta[2]
    return (y_one - sigmoid(x_one @ w + b)) ** 2


theta_one = np.array([*w_one, b_one])
finite_diff = logreg.numerical_gradient(loss_one_example, theta_one)
chain_rule = np.array([*grad_w_one, grad_b_one])
print(f"relative error vs finite differences: {relative_error(chain_rule, finite_diff):.1e}")
assert relative_error(chain_rule, finite_diff) < 1e-7, "chain rule disagrees with finite differences"

# A check must be able to fail: dropping the sigma' factor (the ADALINE gradient) is caught.
adaline_style = np.array([*(dL_da * x_one), dL_da])
print(f"relative error without the sigma' factor: {relative_error(adaline_style, finite_diff):.2f}")
assert relative_error(adaline_style, finite_diff) > 0.1, "the check missed a gradient without sigma'"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Many examples: the slide's for-loop and the vectorized form (claim C4)
#
# With $L = \frac1n\sum_i (y^{[i]} - a^{[i]})^2$ the gradient is the mean of the per-example gradients.
# The slide writes this as pseudo-code for two features:
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
# Here it is in plain Python, one scalar at a time:

# %%
def mse_gradients_loop(X, y, w, b):
    n = X.shape[0]
    loss, dL_dw1, dL_dw2, dL_db = 0.0, 0.0, 0.0, 0.0
    for i in range(n):
        z = w[0] * X[i, 0] + w[1] * X[i, 1] + b
        a = 1.0 / (1.0 + math.exp(-z))
        loss += (y[i] - a) ** 2
        dL_dz = -2.0 * (y[i] - a) * a * (1.0 - a)
        dL_dw1 += dL_dz * X[i, 0]
        dL_dw2 += dL_dz * X[i, 1]
        dL_db += dL_dz
    return loss / n, np.array([dL_dw1 / n, dL_dw2 / n]), dL_db / n


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The vectorized form
#
# Collect the examples as rows of $X \in \mathbb R^{n\times m}$. Then $\mathbf z = X\mathbf w + b$,
# $\mathbf a = \sigma(\mathbf z)$, and the sum over examples becomes a matrix product:
#
# $$\boldsymbol\delta = \frac{\partial L}{\partial \mathbf z} = -\frac2n(\mathbf y - \mathbf a)\odot\sigma(\mathbf z)\odot(1-\sigma(\mathbf z)),
# \qquad \nabla_{\mathbf w} L = X^\top\boldsymbol\delta,
# \qquad \frac{\partial L}{\partial b} = \sum_i \delta_i .$$
#
# Entry $j$ of $X^\top\boldsymbol\delta$ is $\sum_i x_j^{[i]}\,\delta_i$: exactly what the loop adds up
# for $\partial L/\partial w_j$.

# %%
def mse_gradients(X, y, w, b):
    n = X.shape[0]
    a = sigmoid(X @ w + b)
    delta = -(2.0 / n) * (y - a) * a * (1.0 - a)  # dL/dz, one entry per example
    return mse(a, y), X.T @ delta, delta.sum()


X_rand = rng.normal(size=(1000, 2))
y_rand = (rng.random(1000) < 0.5).astype(float)
w_rand, b_rand = np.array([0.7, -1.3]), 0.2

loss_l, grad_w_l, grad_b_l = mse_gradients_loop(X_rand, y_rand, w_rand, b_rand)
loss_v, grad_w_v, grad_b_v = mse_gradients(X_rand, y_rand, w_rand, b_rand)
print(f"loop:       L = {loss_l:.4f}, dL/dw = {grad_w_l}, dL/db = {grad_b_l:.4f}")
print(f"vectorized: L = {loss_v:.4f}, dL/dw = {grad_w_v}, dL/db = {grad_b_v:.4f}")

# %% [markdown]
# **Check.** Loop and vectorized agree to $10^{-12}$. Both also agree with torch autograd of
# the mean squared error and with the reference `logreg.models.HW2Neuron`.

# %%
assert abs(loss_l - loss_v) < 1e-12, "loop and vectorized loss differ"
assert relative_error(grad_w_l, grad_w_v) < 1e-12, "loop and vectorized dL/dw differ"
assert abs(grad_b_l - grad_b_v) < 1e-12, "loop and vectorized dL/db differ"

w_t = torch.tensor(w_rand, requires_grad=True)
b_t = torch.tensor(b_rand, dtype=torch.float64, requires_grad=True)
y_rand_t = torch.from_numpy(y_rand)
torch.mean((y_rand_t - torch.sigmoid(torch.from_numpy(X_rand) @ w_t + b_t)) ** 2).backward()
assert relative_error(grad_w_v, w_t.grad.numpy()) < 1e-12, "vectorized dL/dw differs from autograd"
assert abs(grad_b_v - b_t.grad.item()) < 1e-12, "vectorized dL/db differs from autograd"

_, ref_grad_w, ref_grad_b = models.HW2Neuron().loss_and_gradients(X_rand, y_rand, w_rand, b_rand)
assert relative_error(grad_w_v, ref_grad_w) < 1e-12 and abs(grad_b_v - ref_grad_b) < 1e-12, "differs from HW2Neuron"
print("loop == vectorized == torch autograd == logreg.models.HW2Neuron (to 1e-12)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Erratum: the HW2 template divides the MSE by $n$ twice
#
# > **Erratum.** The homework template defines its loss as
# > `def loss(yhat, y): return torch.mean((yhat - y)**2) / y.size(0)`.
# > `torch.mean` has already divided by $n$, so this is $\frac{1}{n^2}\sum_i (\hat y^{[i]} - y^{[i]})^2$,
# > not the MSE $\frac1n\sum_i(\hat y^{[i]} - y^{[i]})^2$ of the problem statement.
#
# In the template this loss is only logged, so the printed "MSE" and the cost plot are $n$ times too small.
# If you differentiate it, with autograd or by hand, the gradient is also $n$ times too small. A
# gradient check against autograd of the correctly defined loss catches this.

# %%
def template_loss(yhat, y):  # the HW2 template, verbatim: divides by n twice
    return torch.mean((yhat - y) ** 2) / y.size(0)


def autograd_gradient(loss_fn, X, y, w, b):
    w_t = torch.tensor(w, requires_grad=True)
    b_t = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    loss_fn(torch.sigmoid(torch.from_numpy(X) @ w_t + b_t), torch.from_numpy(y)).backward()
    return np.array([*w_t.grad.numpy(), b_t.grad.item()])


n_rand = X_rand.shape[0]
ours = np.array([*grad_w_v, grad_b_v])
correct = autograd_gradient(lambda yhat, y: torch.mean((yhat - y) ** 2), X_rand, y_rand, w_rand, b_rand)
from_template = autograd_gradient(template_loss, X_rand, y_rand, w_rand, b_rand)

assert relative_error(ours, correct) < 1e-12, "our gradient should match autograd of the true MSE"
print("gradient check against autograd of the correctly defined MSE: passed (relative error < 1e-12)")
print(f"relative error against autograd of the template's loss: {relative_error(ours, from_template):.4f}  (fails)")
print(f"ratio of the two autograd gradients, correct / template: {np.mean(correct / from_template):.4f}  (n = {n_rand})")
assert relative_error(ours, from_template) > 0.9, "the check should flag the template's loss"
assert np.allclose(correct, n_rand * from_template, rtol=1e-12, atol=0), "template gradient is not 1/n of the true one"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. How much faster is the vectorized form? (claim C5)
#
# The loop runs the Python interpreter once per example. The vectorized form makes a few numpy calls,
# and each call loops over all examples in compiled code. We time both at growing $n$ and keep the
# fastest of a few repeats.
#
# *The timings depend on the machine and its load. That is why this cell's output is not compared
# when the notebook is tested. Its one check is robust: at the largest $n$ the vectorized form is faster.*

# %%
# NBVAL_IGNORE_OUTPUT
# (wall-clock timings vary between runs and machines; the assert still runs)
def best_time(fn, args, repeats):
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


sizes = [100, 300, 1_000, 3_000, 10_000]
loop_seconds, vectorized_seconds = [], []
for n in sizes:
    X_n = rng.normal(size=(n, 2))
    y_n = (rng.random(n) < 0.5).astype(float)
    args = (X_n, y_n, w_rand, b_rand)
    loop_seconds.append(best_time(mse_gradients_loop, args, repeats=5))
    vectorized_seconds.append(best_time(mse_gradients, args, repeats=20))

print(f"{'n':>8} | {'loop [ms]':>10} | {'vectorized [ms]':>15} | speed-up")
for n, t_loop, t_vec in zip(sizes, loop_seconds, vectorized_seconds, strict=True):
    print(f"{n:>8} | {1e3 * t_loop:>10.3f} | {1e3 * t_vec:>15.4f} | {t_loop / t_vec:>7.0f}x")
speed_ups = np.array(loop_seconds) / np.array(vectorized_seconds)
assert vectorized_seconds[-1] < loop_seconds[-1], "the vectorized form should beat the loop at the largest n"
assert speed_ups[-1] > speed_ups[0], "the speed-up should grow from the smallest to the largest n"

# %% [markdown]
# On a log-log plot a cost proportional to $n$ is a line of slope 1. The loop's line has slope 1 from
# the start. The vectorized line stays flat at small $n$, where the fixed cost of the numpy calls
# dominates, so the gap (the speed-up) grows with $n$.
#
# (If you try much larger $n$, expect a jump in the vectorized time somewhere above $n \approx 16{,}000$.
# The temporary arrays then pass 128 kB, and the memory allocator requests fresh pages from the
# operating system for each one. The loop is still far slower.)

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.loglog(sizes, 1e3 * np.array(loop_seconds), "o-", label="per-example Python loop")
ax.loglog(sizes, 1e3 * np.array(vectorized_seconds), "s-", label=r"vectorized $X^\top\delta$")
ax.set_xlabel("number of examples $n$")
ax.set_ylabel("time per gradient [ms]")
ax.set_title("Gradient of the MSE loss, 2 features")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. "In code this is ok, in proper math this is a vector of 1's" (claim C6)
#
# In code we write `z = X @ w + b` with a scalar `b`. Numpy *broadcasts* the scalar to every example.
# In proper math you cannot add a scalar to a vector in $\mathbb R^n$. The bias is multiplied by a
# vector of ones, $\mathbf 1 \in \mathbb R^n$:
#
# $$\mathbf z = X\mathbf w + b\,\mathbf 1, \qquad
# \frac{\partial L}{\partial b} = \sum_i \frac{\partial L}{\partial z_i}\frac{\partial z_i}{\partial b}
#   = \sum_i \delta_i = \mathbf 1^\top\boldsymbol\delta .$$
#
# So the `delta.sum()` in the code is $\mathbf 1^\top\boldsymbol\delta$, the bias's version of $X^\top\boldsymbol\delta$.

# %%
n, m = X_rand.shape
ones = np.ones(n)
a_rand = sigmoid(X_rand @ w_rand + b_rand)
delta = -(2.0 / n) * (y_rand - a_rand) * a_rand * (1.0 - a_rand)

print(f"X: {X_rand.shape}   w: {w_rand.shape}   b: scalar   1: {ones.shape}")
print(f"X @ w: {(X_rand @ w_rand).shape}   X @ w + b: {(X_rand @ w_rand + b_rand).shape}   delta: {delta.shape}")
print(f"X.T @ delta: {(X_rand.T @ delta).shape}   ones @ delta: {(ones @ delta).shape} (a scalar)")

assert (X_rand @ w_rand + b_rand).shape == (n,) == delta.shape, "z and delta must have one entry per example"
assert (X_rand.T @ delta).shape == (m,), "the weight gradient must have one entry per feature"
assert np.array_equal(X_rand @ w_rand + b_rand, X_rand @ w_rand + b_rand * ones), "broadcasting b != b * 1"
assert abs(ones @ delta - delta.sum()) < 1e-15, "1^T delta != sum of delta"
assert abs(ones @ delta - grad_b_v) < 1e-15, "1^T delta is not dL/db"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The ones column: bias as a weight
#
# We can also append the vector of ones to $X$ as a column, $\tilde X = [\mathbf 1 \; X] \in \mathbb R^{n\times(m+1)}$,
# and put the bias in front of the weights, $\tilde{\mathbf w} = (b, w_1, \dots, w_m)$. Then
# $\mathbf z = \tilde X\tilde{\mathbf w}$ with no special case, and $\tilde X^\top\boldsymbol\delta$
# holds $\partial L/\partial b$ in its first entry and $\nabla_{\mathbf w}L$ in the rest.

# %%
X_tilde = np.column_stack([ones, X_rand])
w_tilde = np.array([b_rand, *w_rand])
grad_tilde = X_tilde.T @ delta
print(f"X_tilde: {X_tilde.shape}   X_tilde.T @ delta: {grad_tilde.shape} = (dL/db, dL/dw1, dL/dw2)")
assert np.allclose(X_tilde @ w_tilde, X_rand @ w_rand + b_rand, rtol=0, atol=1e-14), "X_tilde w_tilde != Xw + b1"
assert abs(grad_tilde[0] - grad_b_v) < 1e-15, "first entry should be dL/db"
assert np.allclose(grad_tilde[1:], grad_w_v, rtol=0, atol=1e-15), "remaining entries should be dL/dw"
print("the ones column turns the bias into an ordinary weight")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### When broadcasting is *not* ok
#
# The homework template stores the weights as a column, shape $(m, 1)$, so its activations come out
# as $(n, 1)$. That is why its `forward` ends in `.view(-1)`. Without that reshape, `y - a` with
# `y` of shape $(n,)$ broadcasts silently to an $(n, n)$ matrix of every pair, and the "MSE"
# is a different number with no error raised. The fix is to print and assert shapes.

# %%
w_column = w_rand.reshape(-1, 1)  # (m, 1), as in the template
a_column = sigmoid(X_rand @ w_column + b_rand)  # (n, 1)
wrong_residuals = y_rand - a_column  # (n,) - (n, 1) -> (n, n)
print(f"a: {a_column.shape}   y: {y_rand.shape}   y - a: {wrong_residuals.shape}")
print(f"MSE with the (n, n) residuals: {np.mean(wrong_residuals**2):.4f}   correct MSE: {loss_v:.4f}")
assert wrong_residuals.shape == (n, n), "expected the silent (n, n) broadcast"
assert abs(np.mean(wrong_residuals**2) - loss_v) > 1e-3, "the broadcast bug should change the loss"
assert abs(mse(a_column.reshape(-1), y_rand) - loss_v) < 1e-15, "reshaping to (n,) should fix it"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Training on Iris: versicolor vs virginica, as in the homework
#
# The homework trains the neuron on the 100 versicolor and virginica flowers, with two features:
# **sepal width** and **petal length** (columns 1 and 2 of the Iris table). Labels: versicolor → 0,
# virginica → 1. As in the template, we split 70/30, standardize with the training mean and standard
# deviation ($\mathrm{ddof}=1$, like `torch.std`), start from zero weights, and use minibatches of 10,
# learning rate 0.5 and 150 epochs. The split comes from `logreg.data.train_test_split`, not the
# template's torch permutation, so exact numbers differ from the homework's.

# %%
X_iris, y_iris = data.load_iris()
two_classes = y_iris > 0  # drop setosa (label 0)
X_hw = X_iris[two_classes][:, [1, 2]]  # sepal width, petal length
y_hw = (y_iris[two_classes] - 1).astype(float)  # versicolor (1) -> 0, virginica (2) -> 1
feature_names = ("sepal width (standardized)", "petal length (standardized)")
class_names = ("versicolor", "virginica")

X_train, X_test, y_train, y_test = data.train_test_split(X_hw, y_hw, test_size=0.3, seed=123)
X_train, X_test = data.standardize(X_train, X_test, ddof=1)
print(f"train {X_train.shape}, test {X_test.shape}; virginica share: train {y_train.mean():.4f}, test {y_test.mean():.4f}")
assert sorted(np.unique(y_hw).tolist()) == [0.0, 1.0] and y_hw.sum() == 50, "expected 50 versicolor and 50 virginica"
assert np.allclose(X_train.mean(axis=0), 0, atol=1e-12) and np.allclose(X_train.std(axis=0, ddof=1), 1), "not standardized"

# %% [markdown]
# The training loop: shuffle once per epoch, then for each minibatch compute the gradient with
# `mse_gradients` (section 3) and step against it, $\mathbf w := \mathbf w - \eta\nabla_{\mathbf w}L$,
# $b := b - \eta\,\partial L/\partial b$. We shuffle with `numpy.random.default_rng(seed)`, the same
# convention as the reference `logreg.models.HW2Neuron`, so the two runs can be compared number for
# number. The loss of each epoch is the mean of its minibatch losses, weighted by batch size.

# %%
def train_hw2_neuron(X, y, lr, epochs, batch_size, seed):
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    shuffler = np.random.default_rng(seed)
    history = []
    for _ in range(epochs):
        order = shuffler.permutation(n)
        epoch_loss = 0.0
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            loss, grad_w, grad_b = mse_gradients(X[batch], y[batch], w, b)
            w = w - lr * grad_w
            b = b - lr * grad_b
            epoch_loss += loss * len(batch)
        history.append(epoch_loss / n)
    return w, b, np.array(history)


settings = {"lr": 0.5, "epochs": 150, "batch_size": 10, "seed": 123}
w_hw2, b_hw2, history_hw2 = train_hw2_neuron(X_train, y_train, **settings)
reference = models.HW2Neuron(**settings).fit(X_train, y_train)

print(f"ours:      w = {w_hw2}, b = {b_hw2:.4f}, final MSE = {history_hw2[-1]:.4f}")
print(f"reference: w = {reference.w_}, b = {float(reference.b_):.4f}, final MSE = {reference.history_[-1]:.4f}")
assert np.allclose(w_hw2, reference.w_, rtol=0, atol=1e-10), "weights differ from HW2Neuron"
assert abs(b_hw2 - reference.b_) < 1e-10, "bias differs from HW2Neuron"
assert np.allclose(history_hw2, reference.history_, rtol=0, atol=1e-10), "loss history differs from HW2Neuron"
assert history_hw2[-1] < 0.5 * history_hw2[0], "training should at least halve the loss"

# %% [markdown]
# Had we logged the template's loss, the curve would sit $n$ times lower (the erratum of section 3).
# Here $n = 70$:

# %%
a_train = sigmoid(X_train @ w_hw2 + b_hw2)
true_mse = mse(a_train, y_train)
template_value = template_loss(torch.from_numpy(a_train), torch.from_numpy(y_train)).item()
print(f"MSE on the training set: {true_mse:.4f};  the template would print {template_value:.5f}")
assert abs(true_mse - len(y_train) * template_value) < 1e-12, "template value should be MSE / n"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Loss curve, decision regions, accuracy
#
# Predict virginica when $\sigma(z) > 0.5$, i.e. when $z > 0$. The decision boundary is the line
# $w_1x_1 + w_2x_2 + b = 0$.

# %%
def predict_hw2(X):
    return (sigmoid(X @ w_hw2 + b_hw2) > 0.5).astype(np.int64)


fig, axes = plt.subplots(1, 3, figsize=(15, 4))
plots.plot_loss_curves({"HW2 neuron (MSE)": history_hw2}, ax=axes[0])
axes[0].set_title("training loss")
plots.plot_decision_regions(predict_hw2, X_train, y_train, ax=axes[1], feature_names=feature_names, class_names=class_names)
axes[1].set_title("training set")
plots.plot_decision_regions(predict_hw2, X_test, y_test, ax=axes[2], feature_names=feature_names, class_names=class_names)
axes[2].set_title("test set")
fig.tight_layout()
plt.show()

# %%
train_accuracy = metrics.accuracy(y_train, predict_hw2(X_train))
test_accuracy = metrics.accuracy(y_test, predict_hw2(X_test))
print(f"train accuracy: {train_accuracy:.4f}   test accuracy: {test_accuracy:.4f}")
assert np.array_equal(predict_hw2(X_test), reference.predict(X_test)), "predictions differ from HW2Neuron"
assert train_accuracy > 0.85 and test_accuracy > 0.85, "the neuron should separate the two species well"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Why could $\sigma$ be better than ADALINE's linear activation? (claim C7)
#
# The slide asks this question. Train ADALINE on the same data: activation $a = z$, the same MSE
# loss, so $\boldsymbol\delta = -\frac2n(\mathbf y - \mathbf z)$ with no $\sigma'$ factor. Full-batch
# gradient descent on this convex loss converges to the least-squares solution of linear regression,
# which gives us an independent check (`numpy.linalg.lstsq`).

# %%
def train_adaline(X, y, lr, epochs):
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    for _ in range(epochs):
        a = X @ w + b  # identity activation
        delta = -(2.0 / n) * (y - a)
        w = w - lr * (X.T @ delta)
        b = b - lr * delta.sum()
    return w, b


w_ada, b_ada = train_adaline(X_train, y_train, lr=0.1, epochs=300)
least_squares, *_ = np.linalg.lstsq(np.column_stack([np.ones(len(y_train)), X_train]), y_train, rcond=None)
print(f"ADALINE:       b = {b_ada:.4f}, w = {w_ada}")
print(f"least squares: b = {least_squares[0]:.4f}, w = {least_squares[1:]}")
assert np.allclose([b_ada, *w_ada], least_squares, rtol=0, atol=1e-10), "ADALINE did not reach the least-squares fit"

# %% [markdown]
# Now look at what each model outputs on the training flowers. The labels are 0 and 1, yet ADALINE's
# outputs are not confined to $[0, 1]$. The flowers that are most clearly virginica (longest petals)
# get values above 1, the most clearly versicolor ones values below 0. Such an output is not a
# probability. Worse, the MSE *penalizes* these correct, confident outputs, so they pull on the fit.
# The sigmoid keeps every output in $(0, 1)$, readable as $P(y = 1 \mid \mathbf x)$.

# %%
a_adaline = X_train @ w_ada + b_ada
a_hw2 = sigmoid(X_train @ w_hw2 + b_hw2)
print(f"ADALINE outputs:    min {a_adaline.min():.4f}, max {a_adaline.max():.4f}, outside [0, 1]: {np.sum((a_adaline < 0) | (a_adaline > 1))} of {len(a_adaline)}")
print(f"HW2 neuron outputs: min {a_hw2.min():.2e}, max 1 - {1 - a_hw2.max():.2e}, outside [0, 1]: {np.sum((a_hw2 < 0) | (a_hw2 > 1))} of {len(a_hw2)}")
assert a_adaline.min() < 0 and a_adaline.max() > 1, "ADALINE should leave [0, 1] on this data"
assert np.all((a_hw2 > 0) & (a_hw2 < 1)), "sigmoid outputs must lie in (0, 1)"

# %%
order = np.argsort(X_train[:, 1])
fig, ax = plt.subplots(figsize=(7, 4))
ax.axhspan(0, 1, color="gray", alpha=0.15, label="[0, 1]")
ax.plot(X_train[order, 1], a_adaline[order], "o", mfc="none", label="ADALINE output $z$")
ax.plot(X_train[order, 1], a_hw2[order], "s", mfc="none", label=r"HW2 neuron output $\sigma(z)$")
ax.plot(X_train[:, 1], y_train, "k.", label="label $y$")
ax.set_xlabel(feature_names[1])
ax.set_ylabel("output")
ax.legend(loc="upper left")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. The catch: the $\sigma'$ factor makes the MSE gradient vanish (claim C8)
#
# Take one example with $y = 1$. The chain rule of section 2 gives $\partial L/\partial z$ for
# MSE + $\sigma$. For comparison take the negative log-likelihood $L = -\log\sigma(z)$, the loss of
# notebook 03:
#
# $$\text{MSE: } \frac{\partial}{\partial z}(1-\sigma(z))^2 = -2(1-\sigma)\cdot\sigma(1-\sigma) = 2(\sigma-1)\,\sigma(1-\sigma),
# \qquad
# \text{NLL: } \frac{\partial}{\partial z}\bigl(-\log\sigma(z)\bigr) = -\frac{1}{\sigma}\cdot\sigma(1-\sigma) = \sigma - 1 .$$
#
# So $\partial L_{\text{MSE}}/\partial z = 2\,\sigma'(z)\cdot\partial L_{\text{NLL}}/\partial z$: the MSE
# keeps the extra factor $\sigma'(z)$. The log cancels it in the NLL. On a **confidently wrong** example
# ($y = 1$ but $z \ll 0$), $\sigma'(z) \approx e^{z}$ vanishes. The MSE gradient then goes to 0 and the
# example stops teaching the model, while the NLL gradient tends to $-1$.

# %%
def mse_dL_dz(z, y):
    s = sigmoid(z)
    return -2.0 * (y - s) * s * (1.0 - s)


def nll_dL_dz(z, y):
    return sigmoid(z) - y


z_grid = np.linspace(-12, 12, 2401)
z_grid_t = torch.tensor(z_grid, requires_grad=True)
torch.sum((1.0 - torch.sigmoid(z_grid_t)) ** 2).backward()
mse_autograd = z_grid_t.grad.numpy().copy()
z_grid_t.grad = None
torch.nn.functional.binary_cross_entropy_with_logits(z_grid_t, torch.ones_like(z_grid_t), reduction="sum").backward()
nll_autograd = z_grid_t.grad.numpy()

assert np.allclose(mse_dL_dz(z_grid, 1.0), mse_autograd, rtol=1e-12, atol=1e-15), "MSE dL/dz differs from autograd"
assert np.allclose(nll_dL_dz(z_grid, 1.0), nll_autograd, rtol=1e-12, atol=1e-15), "NLL dL/dz differs from autograd"
assert np.allclose(mse_dL_dz(z_grid, 1.0), 2 * logreg.sigmoid_derivative(z_grid) * nll_dL_dz(z_grid, 1.0), rtol=1e-12, atol=1e-15), "MSE gradient != 2 sigma' * NLL gradient"
print("both derivatives match torch autograd on", z_grid.size, "points; MSE's = 2 sigma'(z) * NLL's")

# %%
z_wrong = np.array([0.0, -2.0, -5.0, -10.0, -20.0, -30.0])
rows = [f"z = {z0:6.1f}:  |dL/dz| MSE = {g_mse:.3e}   NLL = {g_nll:.4f}"
        for z0, g_mse, g_nll in zip(z_wrong, np.abs(mse_dL_dz(z_wrong, 1.0)), np.abs(nll_dL_dz(z_wrong, 1.0)), strict=True)]
print("\n".join(rows))

very_wrong = np.array(-30.0)
assert abs(mse_dL_dz(very_wrong, 1.0)) < 1e-12, "MSE gradient should vanish as z -> -inf"
assert abs(nll_dL_dz(very_wrong, 1.0) - (-1.0)) < 1e-12, "NLL gradient should tend to -1 as z -> -inf"

# %% [markdown]
# Where is the MSE gradient largest? With $s = \sigma(z)$, $|\partial L/\partial z| = 2s(1-s)^2$. Its
# derivative $2(1-s)(1-3s)$ vanishes at $s = \tfrac13$, i.e. $z = -\ln 2$, where the magnitude is
# $\tfrac{8}{27} \approx 0.2963$. Past that point, *the more wrong the example, the weaker its pull*.
# That is backwards for learning.

# %%
magnitude_mse = np.abs(mse_dL_dz(z_grid, 1.0))
magnitude_nll = np.abs(nll_dL_dz(z_grid, 1.0))
peak = np.argmax(magnitude_mse)
print(f"MSE |dL/dz| peaks at z = {z_grid[peak]:.2f} (-ln 2 = {-np.log(2):.4f}) with value {magnitude_mse[peak]:.4f} (8/27 = {8 / 27:.4f})")
assert abs(z_grid[peak] - (-np.log(2))) < 0.01, "MSE gradient should peak at z = -ln 2"
assert abs(abs(mse_dL_dz(np.array(-np.log(2)), 1.0)) - 8 / 27) < 1e-12, "peak value should be 8/27"
assert np.all(np.diff(magnitude_nll) < 0), "NLL |dL/dz| should shrink monotonically as z grows (y = 1)"

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(z_grid, magnitude_mse, label=r"MSE + $\sigma$: $|2(\sigma-1)\sigma(1-\sigma)|$")
ax.plot(z_grid, magnitude_nll, label=r"NLL + $\sigma$: $|\sigma - 1|$")
ax.axvspan(z_grid[0], -4, color="C3", alpha=0.1, label="confidently wrong ($y=1$, $z \\ll 0$)")
ax.plot([-np.log(2)], [8 / 27], "ko")
ax.annotate(r"max $8/27$ at $z=-\ln 2$", xy=(-np.log(2), 8 / 27), xytext=(1.5, 0.45), arrowprops={"arrowstyle": "->"})
ax.set_xlabel("net input $z$ of an example with label $y = 1$")
ax.set_ylabel(r"$|\partial L / \partial z|$")
ax.legend(loc="upper right")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercise: the gradient of the HW2 neuron
#
# Complete `hw2_gradient_exercise(X, y, w, b)` for the sigmoid neuron trained with the MSE loss
#
# $$L = \frac{1}{n}\sum_{i=1}^{n}\bigl(y^{[i]} - a^{[i]}\bigr)^2, \qquad a = \sigma(z),\quad z = X\mathbf{w} + b .$$
#
# Return `(grad_w, grad_b)`: `grad_w` of shape `(m,)` like `w`, `grad_b` a number like `b`,
#
# $$\nabla_{\mathbf{w}} L = X^\top\Bigl(-\tfrac{2}{n}\,(\mathbf{y} - \mathbf{a}) \odot \sigma(\mathbf{z}) \odot \bigl(1 - \sigma(\mathbf{z})\bigr)\Bigr), \qquad
# \frac{\partial L}{\partial b} = \sum_{i=1}^{n} -\tfrac{2}{n}\,\bigl(y^{[i]} - a^{[i]}\bigr)\,\sigma'(z^{[i]}) .$$
#
# `X` has shape `(n, m)`, `y` holds labels 0/1 of shape `(n,)`. Divide by $n$ once (the HW2
# template divides twice). Use the stable `sigmoid`: the check also tries $|z| = 10^4$.

# %% nbgrader={"grade": false, "grade_id": "hw2_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def hw2_gradient_exercise(X, y, w, b):
    """Gradient of the mean squared error of a sigmoid neuron: (dL/dw of shape (m,), dL/db)."""
    ### BEGIN SOLUTION
    z = X @ w + b
    a = sigmoid(z)
    delta = -2.0 / len(y) * (y - a) * a * (1 - a)  # dL/dz for every example
    return X.T @ delta, delta.sum()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_hw2_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_hw2_gradient

check_hw2_gradient(hw2_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y, _w, _b = _r.normal(size=(9, 3)), _r.integers(0, 2, 9) * 1.0, _r.normal(size=3), _r.normal()
_wt = torch.tensor(_w, requires_grad=True)
_bt = torch.tensor(_b, dtype=torch.float64, requires_grad=True)
torch.mean((torch.tensor(_y) - torch.sigmoid(torch.tensor(_X) @ _wt + _bt)) ** 2).backward()
_gw, _gb = hw2_gradient_exercise(_X, _y, _w, _b)
assert np.allclose(_gw, _wt.grad.numpy(), atol=1e-10) and np.isclose(_gb, _bt.grad.item(), atol=1e-10)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Linear regression, ADALINE and the HW2 neuron share the net input $z = \mathbf w^\top\mathbf x + b$.
#   They differ in the activation (identity vs $\sigma$) and in what they do with it.
# - One example: $\partial L/\partial w_j = -2(y-a)\cdot\sigma(z)(1-\sigma(z))\cdot x_j$, checked factor by factor against autograd and finite differences (C3).
# - The slide's per-example loop and $\nabla_{\mathbf w}L = X^\top\bigl(-\tfrac2n(\mathbf y-\mathbf a)\odot\sigma(\mathbf z)\odot(1-\sigma(\mathbf z))\bigr)$ agree to $10^{-12}$ (C4).
#   The vectorized form is faster, and the speed-up grows with $n$ (C5).
# - Broadcasting the scalar $b$ is the code's shorthand for $b\,\mathbf 1$, and $\partial L/\partial b = \mathbf 1^\top\boldsymbol\delta$.
#   Shapes are worth asserting: $(n,1)$ against $(n,)$ broadcasts silently to $(n,n)$ (C6).
# - On Iris (versicolor vs virginica) the hand-written neuron matches `logreg.models.HW2Neuron` to $10^{-10}$.
#   ADALINE's outputs leave $[0,1]$; $\sigma$'s are probabilities (C7).
# - Erratum: the HW2 template's loss divides by $n$ twice, so its gradient is $n$ times too small. A check
#   against autograd of the correctly defined MSE catches it.
# - The MSE keeps a factor $\sigma'(z)$ in $\partial L/\partial z$. On confidently wrong examples the gradient vanishes,
#   while the NLL's tends to $-1$ (C8).
#
# **Next — 03 · Logistic regression:** keep the sigmoid, replace the MSE with the negative log-likelihood
# of a Bernoulli model. Its gradient $\partial L/\partial z = a - y$ has no $\sigma'$ factor.
