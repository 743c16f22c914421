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
# # 01 · The logistic sigmoid and its derivative
#
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — notebook 1.*
#
# The lecture opens here: its models pass a net input $z = \mathbf{w}^\top\mathbf{x} + b$ through the
# **logistic sigmoid** $\sigma$, and its gradients all contain $\sigma'$.
#
# **You will**
# 1. evaluate $\sigma(z)$ without overflow for any $z$;
# 2. derive $\sigma'(z)$ with the chain and sum rules, check every step numerically, and write it
#    in terms of $\sigma$ itself (claim **C1**);
# 3. see $\sigma'$ peak at $z = 0$ and vanish for large $|z|$ (claim **C2**).

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

from logreg import relative_error, seed_everything
from logreg.plots import legend_outside
from logreg.style import show, use_style
from logreg.widgets import sigmoid_demo

rng = seed_everything(123)
use_style()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The sigmoid
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}} \in (0, 1)$$
#
# Written like this, $e^{-z}$ overflows for $z \ll 0$. Exponentiating only $-|z|$ cannot overflow:
#
# $$\sigma(z) = \frac{1}{1+e^{-|z|}} \;\text{ if } z \ge 0, \qquad
#   \sigma(z) = \frac{e^{-|z|}}{1+e^{-|z|}} \;\text{ if } z < 0 .$$
#
# A unit computes $\sigma(wz + b)$. Drag the sliders: $w$ sets the steepness (slope $w/4$ at the
# midpoint), $b$ moves the midpoint to $z = -b/w$.

# %%
def sigmoid(z):
    e = np.exp(-np.abs(z))  # in (0, 1]: no overflow
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


z = np.array([-1000.0, -20.0, -1.0, 0.0, 1.0, 20.0, 1000.0])
print(sigmoid(z))
assert np.allclose(sigmoid(z), torch.sigmoid(torch.from_numpy(z)).numpy(), rtol=1e-15, atol=0), \
    "our sigmoid differs from torch.sigmoid"
sigmoid_demo()

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Why the stable form.** The formula as written asks numpy for $e^{1000}$ at $z = -1000$, which
# overflows (numpy warns and returns `inf`; here we ask it to raise). The stable form also keeps
# the symmetry $\sigma(-z) = 1 - \sigma(z)$ and never leaves $[0, 1]$, on a grid of 8,001 points.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
def sigmoid_naive(z):
    return 1.0 / (1.0 + np.exp(-z))


with np.errstate(over="raise"):
    try:
        sigmoid_naive(np.array([-1000.0]))
    except FloatingPointError as err:
        print("naive sigmoid at z = -1000:", err)

grid = np.linspace(-40, 40, 8001)
with np.errstate(all="raise"):
    ours = sigmoid(grid)
assert np.allclose(ours, torch.sigmoid(torch.from_numpy(grid)).numpy(), rtol=1e-15, atol=0), \
    "differs from torch.sigmoid"
assert np.array_equal(ours, logreg.sigmoid(grid)), "differs from logreg.sigmoid"
assert np.allclose(sigmoid(-grid), 1 - ours, atol=1e-15), "sigma(-z) != 1 - sigma(z)"
assert np.all((ours >= 0) & (ours <= 1)), "sigmoid left [0, 1]"
print(f"stable sigmoid, {grid.size} points: no warning, equals torch.sigmoid, symmetric, in [0, 1]")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Deriving $\sigma'(z)$, one rule at a time (claim C1)
#
# Write $\sigma(z) = u^{-1}$ with the inner function $u(z) = 1 + e^{-z}$.
#
# | step | rule | result |
# |---|---|---|
# | (a) | power rule, outer function | $\dfrac{d}{du}\,u^{-1} = -u^{-2}$ |
# | (b) | sum rule, inner function | $\dfrac{du}{dz} = \dfrac{d}{dz}1 + \dfrac{d}{dz}e^{-z} = 0 + \dfrac{d}{dz}e^{-z}$ |
# | (c) | chain rule for $e^{-z}$ | $\dfrac{d}{dz}e^{-z} = e^{-z}\cdot(-1) = -e^{-z}$ |
# | (d) | chain rule, put together | $\sigma'(z) = -u^{-2}\cdot(-e^{-z}) = \dfrac{e^{-z}}{(1+e^{-z})^2}$ |
#
# Central differences $\frac{f(t+h) - f(t-h)}{2h}$ check steps (a)–(c) below, (d) in section 3.
#
# **(e) Your turn.** Simplify (d) into a function of $\sigma(z)$ alone, so that the backward pass
# reuses the forward pass's $\sigma(z)$; write it as `sigmoid_derivative(z)`.
# Hint: $e^{-z} = (1 + e^{-z}) - 1$.

# %%
def central_difference(f, t, h=1e-6):
    return (f(t + h) - f(t - h)) / (2 * h)


z = np.linspace(-6, 6, 121)
u = 1 + np.exp(-z)
d_outer = central_difference(lambda v: 1 / v, u)               # (a) d/du u^-1
d_inner = central_difference(lambda t: 1 + np.exp(-t), z)      # (b) d/dz (1 + e^-z)
d_exp = central_difference(lambda t: np.exp(-t), z)            # (c) d/dz e^-z
assert np.allclose(d_outer, -(u**-2.0), rtol=1e-6), "(a) power rule"
assert np.allclose(d_inner, d_exp, rtol=1e-6), "(b) sum rule: the constant 1 contributes nothing"
assert np.allclose(d_exp, -np.exp(-z), rtol=1e-6), "(c) chain rule for e^-z"
print("steps (a)-(c) agree with central differences at", z.size, "points")

# %% nbgrader={"grade": false, "grade_id": "sigmoid_derivative_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_derivative(z):
    """sigma'(z) elementwise, computed from sigmoid(z) alone; same shape as z, finite for any z."""
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1 - s)
    ### END SOLUTION


# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **Exercise (homework): check your `sigmoid_derivative`.** The cell below runs it on cases you
# can verify by hand ($\sigma'(0) = 0.25$), on fresh random arrays of several shapes and on
# $|z|$ up to $10^4$, where it must stay finite without a warning (build it on the stable
# `sigmoid` above). If something is wrong, it names the likely mistake and shows the input, the
# expected and your values.

# %% nbgrader={"grade": true, "grade_id": "check_sigmoid_derivative", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["optional"] slideshow={"slide_type": "skip"}
from logreg.checks import check_sigmoid_derivative

check_sigmoid_derivative(sigmoid_derivative)
### BEGIN HIDDEN TESTS
_z = torch.tensor(np.random.default_rng().normal(scale=5, size=40), requires_grad=True)
torch.sigmoid(_z).sum().backward()
assert np.allclose(sigmoid_derivative(_z.detach().numpy()), _z.grad.numpy(), atol=1e-12)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Three independent checks of $\sigma'(z) = \sigma(z)(1-\sigma(z))$
#
# Since $\dfrac{e^{-z}}{1+e^{-z}} = \dfrac{(1+e^{-z}) - 1}{1+e^{-z}} = 1 - \sigma(z)$,
#
# $$\sigma'(z) = \frac{1}{1+e^{-z}}\cdot\frac{e^{-z}}{1+e^{-z}} = \sigma(z)\,\bigl(1-\sigma(z)\bigr).$$
#
# We compare it with step (d), with **finite differences** of `sigmoid` and with **torch
# autograd**, which differentiates `torch.sigmoid` by its own rules.

# %%
z = rng.uniform(-8, 8, size=200)
z_t = torch.tensor(z, requires_grad=True)
torch.sigmoid(z_t).sum().backward()
references = {
    "step (d)": (np.exp(-z) / (1 + np.exp(-z)) ** 2, 1e-12),
    "finite differences": (central_difference(sigmoid, z), 1e-7),
    "torch autograd": (z_t.grad.numpy(), 1e-12),
}
for name, (reference, tolerance) in references.items():
    error = relative_error(sigmoid_derivative(z), reference)
    assert error < tolerance, f"sigma' differs from {name}: relative error {error:.1e}"
    print(f"sigma(z)(1 - sigma(z)) agrees with {name} (relative error < {tolerance:.0e})")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# A check must be able to fail. A plausible mistake, forgetting the inner derivative and writing
# $\sigma'(z) = \sigma(z)$, is caught by the same finite-difference comparison:

# %% tags=["optional"] slideshow={"slide_type": "skip"}
wrong_error = relative_error(sigmoid(z), references["finite differences"][0])
print(f"relative error of the wrong derivative: {wrong_error:.2f}")
assert wrong_error > 0.1, "the check missed a wrong derivative"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. The shape of $\sigma'$: a peak of 0.25 and saturation (claim C2)
#
# $\sigma(0) = \tfrac12$, so $\sigma'(0) = \tfrac14$: the maximum, since $s(1-s)$ is a downward
# parabola with its vertex at $s = \tfrac12$. Far from 0 the sigmoid is flat, $\sigma'(z) \approx
# e^{-|z|}$: a gradient with a $\sigma'$ factor then almost vanishes, whatever the error. Notebook 02
# shows the MSE loss suffering from this *vanishing gradient*; notebook 03, the log-likelihood
# cancelling it.

# %%
z = np.linspace(-10, 10, 2001)
fig, ax = plt.subplots()
ax.plot(z, sigmoid(z), label=r"$\sigma(z)$")
ax.plot(z, sigmoid_derivative(z), label=r"$\sigma'(z)$")
ax.plot([0], [0.25], "o", color="k")
ax.annotate(r"peak $\sigma'(0) = 0.25$", xy=(0, 0.25), xytext=(2.5, 0.3),
            arrowprops={"arrowstyle": "->"})
ax.set(xlabel="net input $z$", ylabel=r"$\sigma(z)$ and $\sigma'(z)$", xlim=(-10, 10))
legend_outside(ax)
show(fig, "The sigmoid rises from 0 to 1; its derivative is a bump that peaks at 0.25 where z = 0 "
          "and is almost zero once z is beyond about plus or minus 5.")

peak = np.argmax(sigmoid_derivative(z))
assert z[peak] == 0.0 and sigmoid_derivative(np.array(0.0)) == 0.25, "the peak is not 0.25 at z = 0"
far = np.array([-20.0, -10.0, 10.0, 20.0])
assert np.all(sigmoid_derivative(far) < 5e-5), "sigma' does not vanish for large |z|"
assert np.allclose(sigmoid_derivative(far), np.exp(-np.abs(far)), rtol=1e-4), \
    "sigma' != e^-|z| far out"
for z0 in [0.0, 2.0, 5.0, 10.0, 20.0]:
    print(f"z = ±{z0:4.1f}:  sigma'(z) = {sigmoid_derivative(np.array(z0)):.3e}")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# **A subtlety of floating point.** For $z \gtrsim 37$ in float64, $\sigma(z)$ rounds to exactly 1,
# so the product form $\sigma(1-\sigma)$ returns 0. `logreg.sigmoid_derivative` evaluates step (d)
# as $e^{-|z|}/(1+e^{-|z|})^2$ instead ($\sigma'$ is even), which stays accurate there.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
print(f"product form at z = 40:   {sigmoid_derivative(np.array(40.0)):.3e}")
print(f"e^-|z|/(1+e^-|z|)^2 form: {logreg.sigmoid_derivative(np.array(40.0)):.3e}")
assert sigmoid_derivative(np.array(40.0)) == 0.0 < logreg.sigmoid_derivative(np.array(40.0)), \
    "expected the product form to underflow"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - $\sigma(z) = 1/(1+e^{-z})$ maps any real number into $(0, 1)$; evaluate it via $e^{-|z|}$.
# - $\sigma'(z) = \dfrac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)(1-\sigma(z))$, checked step by step, by finite
#   differences and by autograd (C1).
# - $\sigma'$ peaks at $0.25$ at $z=0$ and vanishes as $|z|$ grows (C2).
#
# **Next — 02 · The HW2 neuron:** a sigmoid neuron trained with the MSE loss, where the $\sigma'$
# factor enters every gradient.
