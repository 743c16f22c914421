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
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — part 1 of 6.*
#
# Every model in this lecture passes a net input $z = \mathbf{w}^\top\mathbf{x} + b$ through the
# **logistic sigmoid** $\sigma$, and every gradient we will derive contains its derivative. So we start here.
#
# **You will**
# 1. evaluate $\sigma(z) = \dfrac{1}{1+e^{-z}}$ without overflow for any $z$;
# 2. derive $\dfrac{d\sigma}{dz}$ step by step with the chain and sum rules, checking every step numerically (claim **C1**);
# 3. verify the result three ways: finite differences, torch autograd and the closed form $\sigma(z)(1-\sigma(z))$;
# 4. see that $\sigma'$ peaks at $0.25$ at $z=0$ and vanishes for large $|z|$ (claim **C2**) — the
#    saturation that notebooks 02 and 03 come back to.
#
# Every claim ends in an `assert` that fails if the claim is false.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch

import logreg
from logreg import relative_error, seed_everything

rng = seed_everything(123)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The sigmoid
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}}$$
#
# It squashes any real $z$ into $(0, 1)$, so its output can be read as a probability.
# Written exactly like the formula, it breaks for large negative $z$: $e^{-z}$ overflows.

# %%
def sigmoid_naive(z):
    return 1.0 / (1.0 + np.exp(-z))


with np.errstate(over="raise"):
    try:
        sigmoid_naive(np.array([-1000.0]))
    except FloatingPointError as err:
        print("naive sigmoid at z = -1000:", err)

# %% [markdown]
# The fix only ever exponentiates a non-positive number, $e^{-|z|} \in (0, 1]$:
#
# $$\sigma(z) = \begin{cases} \dfrac{1}{1+e^{-|z|}} & z \ge 0 \\[2ex] \dfrac{e^{-|z|}}{1+e^{-|z|}} & z < 0 \end{cases}$$
#
# (multiply numerator and denominator by $e^{z}$ to get the second line).

# %%
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


z = np.array([-1000.0, -20.0, -1.0, 0.0, 1.0, 20.0, 1000.0])
print(sigmoid(z))

# %% [markdown]
# **Check.** Our sigmoid equals torch's and the package's, everywhere, with no warnings; and
# $\sigma(-z) = 1 - \sigma(z)$.

# %%
grid = np.linspace(-40, 40, 8001)
with np.errstate(all="raise"):
    ours = sigmoid(grid)
assert np.allclose(ours, torch.sigmoid(torch.from_numpy(grid)).numpy(), rtol=1e-15, atol=0), "differs from torch.sigmoid"
assert np.array_equal(ours, logreg.sigmoid(grid)), "differs from logreg.sigmoid"
assert np.allclose(sigmoid(-grid), 1 - sigmoid(grid), atol=1e-15), "sigma(-z) != 1 - sigma(z)"
assert np.all((ours >= 0) & (ours <= 1)), "sigmoid left [0, 1]"
print("sigmoid matches torch.sigmoid on", grid.size, "points")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Try it: the weight and the bias of a sigmoid unit
#
# A model never applies $\sigma$ to its input directly: it computes $\sigma(w z + b)$. Drag the sliders.
# $w$ sets the steepness (the slope at the midpoint is $w\,\sigma'(0) = w/4$; section 4 shows why
# $\sigma'(0) = 1/4$), a negative $w$ flips the curve, and $b$ moves the midpoint $\sigma = 0.5$ to
# $z = -b/w$. Without a running kernel you see the figure at $w = 1$, $b = 0$.

# %%
from logreg.widgets import sigmoid_demo

sigmoid_demo()

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
# Each step is an equation between two functions, so each can be checked numerically with
# central differences $f'(t) \approx \dfrac{f(t+h) - f(t-h)}{2h}$.

# %%
def central_difference(f, t, h=1e-6):
    return (f(t + h) - f(t - h)) / (2 * h)


z = np.linspace(-6, 6, 121)
u = 1 + np.exp(-z)

step_a = central_difference(lambda v: v**-1.0, u)              # d/du u^-1
step_b = central_difference(lambda t: 1 + np.exp(-t), z)       # d/dz (1 + e^-z)
step_c = central_difference(lambda t: np.exp(-t), z)           # d/dz e^-z
step_d = central_difference(sigmoid, z)                        # d/dz sigma

assert np.allclose(step_a, -(u**-2.0), rtol=1e-6), "(a) power rule"
assert np.allclose(step_b, step_c, rtol=1e-6), "(b) sum rule: the constant 1 contributes nothing"
assert np.allclose(step_c, -np.exp(-z), rtol=1e-6), "(c) chain rule for e^-z"
assert np.allclose(step_d, np.exp(-z) / (1 + np.exp(-z)) ** 2, rtol=1e-6), "(d) chain rule combined"
print("steps (a)-(d) agree with central differences at", z.size, "points")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The simplification
#
# Split the fraction and use $\dfrac{e^{-z}}{1+e^{-z}} = \dfrac{(1+e^{-z}) - 1}{1+e^{-z}} = 1 - \sigma(z)$:
#
# $$\sigma'(z) = \frac{1}{1+e^{-z}}\cdot\frac{e^{-z}}{1+e^{-z}} = \sigma(z)\,\bigl(1-\sigma(z)\bigr)$$
#
# The derivative is a function of $\sigma(z)$ alone: the forward pass already computed everything
# the backward pass needs.

# %%
def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


assert np.allclose(np.exp(-z) / (1 + np.exp(-z)), 1 - sigmoid(z), rtol=1e-12), "e^-z/(1+e^-z) != 1 - sigma"
assert np.allclose(sigmoid_derivative(z), np.exp(-z) / (1 + np.exp(-z)) ** 2, rtol=1e-12), "simplified form != step (d)"
print("sigma(z)(1 - sigma(z)) equals e^-z / (1 + e^-z)^2 at", z.size, "points")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Three independent checks of $\sigma'(z) = \sigma(z)(1-\sigma(z))$
#
# 1. **finite differences** of our `sigmoid` (no calculus at all);
# 2. **torch autograd**, which differentiates `torch.sigmoid` by its own rules;
# 3. the **closed form** we derived.

# %%
# NBVAL_IGNORE_OUTPUT
# (round-off in the last digits depends on the CPU; the asserts still run)
z = rng.uniform(-8, 8, size=200)

closed_form = sigmoid_derivative(z)
finite_diff = central_difference(sigmoid, z)

z_t = torch.tensor(z, requires_grad=True)
torch.sigmoid(z_t).sum().backward()
autograd = z_t.grad.numpy()

print(f"relative error vs finite differences: {relative_error(closed_form, finite_diff):.1e}")
print(f"relative error vs torch autograd:     {relative_error(closed_form, autograd):.1e}")
assert relative_error(closed_form, finite_diff) < 1e-7, "closed form disagrees with finite differences"
assert relative_error(closed_form, autograd) < 1e-12, "closed form disagrees with torch autograd"
assert relative_error(closed_form, logreg.sigmoid_derivative(z)) < 1e-12, "disagrees with logreg.sigmoid_derivative"

# %% [markdown]
# A check must be able to fail. Here is a plausible mistake — forgetting the inner derivative
# and writing $\sigma'(z) = \sigma(z)$ — caught by the same finite-difference test:

# %%
wrong = sigmoid(z)
print(f"relative error of the wrong derivative: {relative_error(wrong, finite_diff):.2f}")
assert relative_error(wrong, finite_diff) > 0.1, "the check failed to catch a wrong derivative"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. The shape of $\sigma'$: a peak of 0.25 and saturation (claim C2)
#
# Since $\sigma(0) = \tfrac12$, $\sigma'(0) = \tfrac12\cdot\tfrac12 = \tfrac14$. This is the maximum:
# $s(1-s)$ is a downward parabola in $s$ with its vertex at $s = \tfrac12$.

# %%
z = np.linspace(-10, 10, 2001)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(z, sigmoid(z), label=r"$\sigma(z)$")
ax.plot(z, sigmoid_derivative(z), label=r"$\sigma'(z) = \sigma(z)(1-\sigma(z))$")
ax.plot([0], [0.25], "ko")
ax.annotate(r"max $\sigma'(0) = 0.25$", xy=(0, 0.25), xytext=(1.5, 0.4), arrowprops={"arrowstyle": "->"})
ax.axhline(0, color="gray", lw=0.5)
ax.set_xlabel("$z$")
ax.legend(loc="upper left")
plt.show()

# %%
peak = np.argmax(sigmoid_derivative(z))
print(f"argmax at z = {z[peak]:.4f}, sigma'(0) = {sigmoid_derivative(np.array(0.0)):.4f}")
assert z[peak] == 0.0 and sigmoid_derivative(np.array(0.0)) == 0.25, "the peak is not 0.25 at z = 0"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Saturation
#
# Far from 0 the sigmoid is flat: $\sigma'(z) \approx e^{-|z|}$. Any gradient with a $\sigma'(z)$ factor
# is then almost zero, whatever the error — a *vanishing gradient*. Notebook 02 shows the MSE loss
# suffering from exactly this; notebook 03 shows the log-likelihood loss cancelling the factor.

# %%
for z0 in [0.0, 2.0, 5.0, 10.0, 20.0]:
    print(f"z = ±{z0:4.1f}:  sigma'(z) = {logreg.sigmoid_derivative(np.array(z0)):.3e}")

far = np.array([-20.0, -10.0, 10.0, 20.0])
assert np.all(logreg.sigmoid_derivative(far) < 5e-5), "sigma' does not vanish for large |z|"
assert np.allclose(logreg.sigmoid_derivative(far), np.exp(-np.abs(far)), rtol=1e-4), "sigma' != e^-|z| far out"

# %% [markdown]
# One subtlety: for $z \gtrsim 37$ in float64, $\sigma(z)$ rounds to exactly 1, so the product form
# $\sigma(1-\sigma)$ returns 0. `logreg.sigmoid_derivative` uses the slide's first form
# $e^{-|z|}/(1+e^{-|z|})^2$ instead (σ′ is even), which stays accurate there.

# %%
print(f"product form at z = 40:   {sigmoid_derivative(np.array(40.0)):.3e}")
print(f"e^-|z|/(1+e^-|z|)^2 form: {logreg.sigmoid_derivative(np.array(40.0)):.3e}")
assert sigmoid_derivative(np.array(40.0)) == 0.0 < logreg.sigmoid_derivative(np.array(40.0)), "expected the product form to underflow"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Exercise: write $\sigma'(z)$ yourself
#
# Complete `sigmoid_derivative_exercise(z)`: for a numpy array `z` of any shape, return
#
# $$\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)$$
#
# elementwise, with the shape of `z`. It must work for every finite $z$, including $|z| = 10^4$,
# without a warning: build it on the stable `sigmoid` defined above.
#
# The check cell runs your function on small cases you can verify by hand ($\sigma'(0) = 0.25$),
# on random arrays and on huge $|z|$; if something is wrong it tells you what it thinks the
# mistake is and shows the input, the expected and your values.

# %% nbgrader={"grade": false, "grade_id": "sigmoid_derivative_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_derivative_exercise(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)), elementwise; same shape as z."""
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1 - s)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "check_sigmoid_derivative", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_sigmoid_derivative

check_sigmoid_derivative(sigmoid_derivative_exercise)
### BEGIN HIDDEN TESTS
_z = torch.tensor(np.random.default_rng().normal(scale=5, size=40), requires_grad=True)
torch.sigmoid(_z).sum().backward()
assert np.allclose(sigmoid_derivative_exercise(_z.detach().numpy()), _z.grad.numpy(), atol=1e-12)
### END HIDDEN TESTS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - $\sigma(z) = 1/(1+e^{-z})$ maps any real number into $(0, 1)$; evaluate it via $e^{-|z|}$ to avoid overflow.
# - $\sigma'(z) = \dfrac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)(1-\sigma(z))$, checked step by step, by finite differences and by autograd (C1).
# - $\sigma'$ peaks at $0.25$ at $z=0$ and vanishes as $|z|$ grows (C2).
#
# **Next — 02 · The HW2 neuron:** a sigmoid neuron trained with the MSE loss, where the $\sigma'$ factor
# enters every gradient.
