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
# # 06 · Softmax regression
#
# *Lecture 08 (STAT 479 Deep Learning, Raschka): logistic regression and multi-class classification — notebook 6.*
#
# Put one linear layer in front of notebook 05's softmax and cross-entropy and train it by
# gradient descent: **softmax regression** (multinomial logistic regression), the lecture's
# last model.
#
# **You will**
# 1. see the model as one layer with an $m \times K$ weight matrix and write its gradient
#    (claim **C22**);
# 2. train it on Iris from scratch and with torch, reproducing the original lecture notebook;
# 3. find the original's bias bug (its bias never moved) and two slips in its evaluation;
# 4. train it on 4,000 MNIST digits and look at what its weights learned.

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

from logreg import (
    check_gradient,
    data,
    diagrams,
    gradients,
    log_softmax,
    metrics,
    models,
    plots,
    relative_error,
    seed_everything,
    softmax,
)
from logreg.style import PALETTE, show, use_style

rng = seed_everything(123)
use_style()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The model, its loss and its gradient (claim C22)
#
# One linear layer computes the $K$ logits of all $n$ examples, softmax turns each row into
# probabilities, and the loss is the mean cross-entropy against the one-hot labels $Y$:
#
# $$Z = XW + \mathbf{b}, \qquad P = \operatorname{softmax}(Z)\ \text{row by row}, \qquad
#   \mathcal{L} = -\frac1n\sum_{i=1}^{n}\sum_{k=1}^{K} Y_{ik}\log P_{ik}$$
#
# with $X \in \mathbb{R}^{n\times m}$, $W \in \mathbb{R}^{m\times K}$ (column $k$: class
# $k$'s weights), $\mathbf{b} \in \mathbb{R}^{K}$ added to every row. Notebook 05 found
# $\partial\mathcal{L}/\partial Z = (P - Y)/n$.
#
# **Your turn** (the exercise of this section): carry it back through $Z = XW + \mathbf{b}$ and
# complete `softmax_regression_gradient_exercise(X, y, W, b)`, the gradients with respect to
# $W$ and $\mathbf{b}$, shaped like them. Training uses it.

# %%
show(diagrams.softmax_layer_diagram(n_inputs=3, n_classes=3),
     "Softmax regression drawn as one layer: each input x1 to xm connects to each net input z1 "
     "to zK through the m × K weight matrix W, plus one bias per class, and the softmax turns "
     "the K net inputs into K probabilities that sum to 1.")


# %% nbgrader={"grade": false, "grade_id": "softmax_regression_gradient_exercise", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_regression_gradient_exercise(X, y, W, b):
    """Gradients (dL/dW (m, K), dL/db (K,)) of the mean cross-entropy of softmax(X W + b)."""
    ### BEGIN SOLUTION
    P = softmax(X @ W + b)  # (n, K), row by row
    Y = np.eye(W.shape[1])[y]  # one-hot labels (n, K)
    dL_dZ = (P - Y) / len(y)
    return X.T @ dL_dZ, dL_dZ.sum(axis=0)  # the bias: a sum over the examples only
    ### END SOLUTION


# %% tags=["optional"] slideshow={"slide_type": "skip"} nbgrader={"grade": true, "grade_id": "check_softmax_regression_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
from logreg.checks import check_softmax_regression_gradient

check_softmax_regression_gradient(softmax_regression_gradient_exercise)
### BEGIN HIDDEN TESTS
_r = np.random.default_rng()
_X, _y = _r.normal(size=(9, 3)), _r.integers(0, 4, 9)
_W, _b = _r.normal(size=(3, 4)), _r.normal(size=4)
_Wt, _bt = torch.tensor(_W, requires_grad=True), torch.tensor(_b, requires_grad=True)
torch.nn.functional.cross_entropy(torch.tensor(_X) @ _Wt + _bt, torch.tensor(_y)).backward()
_gW, _gb = softmax_regression_gradient_exercise(_X, _y, _W, _b)
assert np.allclose(_gW, _Wt.grad.numpy(), atol=1e-10)
assert np.allclose(_gb, _bt.grad.numpy(), atol=1e-10)
### END HIDDEN TESTS

# %%
X_check, y_check = rng.normal(size=(50, 3)), rng.integers(0, 4, size=50)
W0, b0 = rng.normal(size=(3, 4)), rng.normal(size=4)
grad_W, grad_b = softmax_regression_gradient_exercise(X_check, y_check, W0, b0)

W_t, b_t = torch.tensor(W0, requires_grad=True), torch.tensor(b0, requires_grad=True)
F.cross_entropy(torch.from_numpy(X_check) @ W_t + b_t, torch.from_numpy(y_check)).backward()
assert np.allclose(grad_W, W_t.grad.numpy(), rtol=1e-10, atol=1e-14), "grad_W != torch autograd"
assert np.allclose(grad_b, b_t.grad.numpy(), rtol=1e-10, atol=1e-14), "grad_b != torch autograd"
_, package_W, package_b = gradients.softmax_loss_and_gradients(X_check, y_check, W0, b0)
assert np.allclose(grad_W, package_W, rtol=1e-12, atol=1e-15), "grad_W != logreg.gradients"
assert np.allclose(grad_b, package_b, rtol=1e-12, atol=1e-15), "grad_b != logreg.gradients"
print("grad_W, grad_b == torch autograd == logreg.gradients.softmax_loss_and_gradients")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Where $P - Y$ comes from, and where it goes
#
# For one example the softmax Jacobian is $\partial p_k/\partial z_j = p_k(\delta_{kj} - p_j)$,
# i.e. $\operatorname{diag}(\mathbf p) - \mathbf p\mathbf p^\top$. With
# $L = -\sum_k y_k\log p_k$ and the chain rule,
#
# $$\frac{\partial L}{\partial z_j} = -\sum_k \frac{y_k}{p_k}\,p_k(\delta_{kj} - p_j)
#   = -y_j + p_j\sum_k y_k = p_j - y_j ,$$
#
# because the one-hot $\mathbf y$ sums to 1; the mean over $n$ examples divides by $n$. Then
# $Z = XW + \mathbf 1\mathbf b^\top$ sends $\partial\mathcal L/\partial Z$ to $W$ through
# $X^\top$ and to $\mathbf b$ through $\mathbf 1^\top$, a sum over the rows (the examples):
#
# $$\nabla_W \mathcal{L} = X^\top\frac{P - Y}{n}, \qquad
#   \nabla_{\mathbf b} \mathcal{L} = \sum_{i=1}^{n}\frac{(P - Y)_{i}}{n} .$$
#
# Every row of $P - Y$ sums to 0 (both rows are distributions): section 3 needs that.
# **Check** the Jacobian against torch, and the gradients against central differences.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
z = rng.normal(size=4)
p = softmax(z)
jacobian = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, dim=0),
                                              torch.from_numpy(z)).numpy()
assert np.allclose(jacobian, np.diag(p) - np.outer(p, p), rtol=0, atol=1e-15), \
    "softmax Jacobian != diag(p) - p p^T"


def loss_at(W, b):
    return -np.mean(log_softmax(X_check @ W + b)[np.arange(50), y_check])


def gradient_at(W, b):
    return softmax_regression_gradient_exercise(X_check, y_check, W, b)


fd_W = check_gradient(lambda W: loss_at(W, b0), lambda W: gradient_at(W, b0)[0], W0)
fd_b = check_gradient(lambda b: loss_at(W0, b), lambda b: gradient_at(W0, b)[1], b0)
assert fd_W < 1e-7 and fd_b < 1e-7, "the gradient differs from central differences"
P_minus_Y = softmax(X_check @ W0 + b0) - np.eye(4)[y_check]
assert np.allclose(P_minus_Y.sum(axis=1), 0, rtol=0, atol=1e-15), "rows of P - Y should sum to 0"
print("softmax Jacobian == torch; gradients == central differences; rows of P - Y sum to 0")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Iris: reproducing the original notebook's run
#
# The original notebook trained on UCI Iris (setosa 0, versicolor 1, virginica 2) with two
# features, **sepal width and petal width**, standardized; zero initialization, full batch,
# learning rate 0.1, 50 epochs. Its split, paraphrased: after `torch.manual_seed(123)`,
# `sh = torch.randperm(150)`, `X, y = X[sh], y[sh]`, then `X_train = X[sh[:120]]`: one
# permutation applied twice, still a random 120/30 split, repeated here to get the same
# numbers. It printed the training cost after every epoch, then train accuracy 0.858, test
# accuracy 80.00 %, cost 0.479, and the weights below. We train from scratch, then as the
# original did in torch: float32, a zeroed `nn.Linear` (its weight is $(K, m)$, our $W^\top$),
# `F.cross_entropy` on the logits, plain SGD.

# %%
def mean_cross_entropy(X, y, W, b):
    """Notebook 05's loss: the mean of -log softmax(X W + b) at the true classes."""
    return -np.mean(log_softmax(X @ W + b)[np.arange(len(y)), y])


def predict(X, W, b):
    return np.argmax(X @ W + b, axis=1)


def train(X, y, n_classes, lr, epochs, batch_size=None, seed=123,
          gradient=softmax_regression_gradient_exercise):
    """Gradient descent from zeros on minibatches reshuffled every epoch (one batch of all
    examples if batch_size is None); returns W, b and the training cost after each epoch."""
    n = len(y)
    size = batch_size or n
    W, b = np.zeros((X.shape[1], n_classes)), np.zeros(n_classes)
    shuffler = np.random.default_rng(seed)
    cost = []
    for _ in range(epochs):
        order = shuffler.permutation(n) if size < n else np.arange(n)
        for start in range(0, n, size):
            batch = order[start:start + size]
            grad_W, grad_b = gradient(X[batch], y[batch], W, b)
            W -= lr * grad_W
            b -= lr * grad_b
        cost.append(mean_cross_entropy(X, y, W, b))  # as the original: after the update
    return W, b, np.array(cost)


# %%
X_iris, y_iris = data.load_iris()
X_iris = X_iris[:, [1, 3]]  # sepal width, petal width
_ = torch.manual_seed(123)
sh = torch.randperm(150).numpy()
X_iris, y_iris = X_iris[sh], y_iris[sh]  # the first shuffle ...
X_train, X_test = X_iris[sh[:120]], X_iris[sh[120:]]  # ... and the same permutation again
y_train, y_test = y_iris[sh[:120]], y_iris[sh[120:]]
X_train, X_test = data.standardize(X_train, X_test)  # training mean and sample std

W_np, b_np, cost_np = train(X_train, y_train, 3, lr=0.1, epochs=50)
train_acc = metrics.accuracy(y_train, predict(X_train, W_np, b_np))
test_acc = metrics.accuracy(y_test, predict(X_test, W_np, b_np))
print(f"train accuracy {train_acc:.3f}, test accuracy {test_acc:.2%}, cost {cost_np[-1]:.3f}")
print("W (K × m, as torch stores it):\n", W_np.T, "\nb:", b_np)
ORIGINAL_W = np.array([[0.5585, -1.0257], [-0.5483, 0.0316], [-0.0102, 0.9941]])
ORIGINAL_B = np.array([-0.0553, 0.0340, 0.0213])
assert (round(train_acc, 3), test_acc, round(cost_np[-1], 3)) == (0.858, 0.8, 0.479), \
    "accuracy or cost differs from the original's 0.858 / 80.00 % / 0.479"
assert np.allclose(W_np.T, ORIGINAL_W, rtol=0, atol=1e-4), "W differs from the original's"
assert np.allclose(b_np, ORIGINAL_B, rtol=0, atol=1e-4), "b differs from the original's"

# %%
class SoftmaxRegression(torch.nn.Module):
    def __init__(self, num_features, num_classes):
        super().__init__()
        self.linear = torch.nn.Linear(num_features, num_classes)
        with torch.no_grad():
            self.linear.weight.zero_()
            self.linear.bias.zero_()

    def forward(self, x):
        return self.linear(x)  # logits: F.cross_entropy does the softmax


model = SoftmaxRegression(num_features=2, num_classes=3)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
X_train_t, y_train_t = torch.tensor(X_train, dtype=torch.float32), torch.from_numpy(y_train)
cost_torch = []
for _ in range(50):
    loss = F.cross_entropy(model(X_train_t), y_train_t)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    with torch.no_grad():  # the original's "Cost": the training loss after the update
        cost_torch.append(F.cross_entropy(model(X_train_t), y_train_t).item())
W_torch = model.linear.weight.detach().double().numpy()  # (K, m)
b_torch = model.linear.bias.detach().double().numpy()
assert np.allclose(W_torch, W_np.T, rtol=0, atol=1e-5), "torch's W differs from numpy's"
assert np.allclose(b_torch, b_np, rtol=0, atol=1e-5), "torch's b differs from numpy's"
print("torch nn.Module (float32) == numpy from scratch (float64), to 1e-5")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Three versions beside the original
#
# The package's reference model, `logreg.models.SoftmaxRegression`, trained alike, ends at the
# same weights. Its `history_` holds the loss each epoch *saw*, before that epoch's update, so
# `history_[k]` is the original's cost after $k$ updates and the final cost is evaluated at the
# final weights. Weights in torch's $(K, m)$ layout, flattened row by row.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
reference = models.SoftmaxRegression(lr=0.1, epochs=50).fit(X_train, y_train)
assert np.allclose(reference.w_, W_np, rtol=0, atol=1e-12), "W != logreg.models"
assert np.allclose(reference.b_, b_np, rtol=0, atol=1e-12), "b != logreg.models"
assert np.allclose(reference.history_[1:], cost_np[:-1], rtol=0, atol=1e-12), \
    "history_[k] (before update k+1) should equal the cost after update k"
versions = {
    "numpy from scratch": (W_np.T, b_np, cost_np[-1]),
    "torch nn.Module": (W_torch, b_torch, cost_torch[-1]),
    "logreg reference": (reference.w_.T, reference.b_,
                         mean_cross_entropy(X_train, y_train, reference.w_, reference.b_)),
}
print(f"{'':20s}{'train':>7s}{'test':>8s}{'cost':>7s}   W (K, m), flattened        | b")
print(f"{'original (torch 1.0)':20s}{0.858:7.3f}{0.8:8.2%}{0.479:7.3f}   "
      f"{ORIGINAL_W.ravel()} | {ORIGINAL_B}")
for name, (W_km, b_k, cost) in versions.items():
    train_k = metrics.accuracy(y_train, predict(X_train, W_km.T, b_k))
    test_k = metrics.accuracy(y_test, predict(X_test, W_km.T, b_k))
    print(f"{name:20s}{train_k:7.3f}{test_k:8.2%}{cost:7.3f}   {W_km.ravel()} | {b_k}")
    assert (train_k, test_k, round(cost, 3)) == (103 / 120, 24 / 30, 0.479), f"{name}: numbers"
    assert np.allclose(W_km, ORIGINAL_W, rtol=0, atol=1e-4), f"{name}: W != the original's"
    assert np.allclose(b_k, ORIGINAL_B, rtol=0, atol=1e-4), f"{name}: b != the original's"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# The training cost, as the original plotted it. The float64 and float32 curves agree to
# about $10^{-7}$, so on one axis they lie on top of each other: the right panel shows their
# difference.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
fig, (ax_cost, ax_diff) = plt.subplots(1, 2, figsize=(10, 4.2))
plots.plot_loss_curves({"numpy, float64": cost_np, "torch, float32": cost_torch}, ax=ax_cost,
                       ylabel="training cross-entropy", markevery=6)
ax_cost.legend(loc="upper right")
epochs = np.arange(1, 51)
ax_diff.plot(epochs, (np.array(cost_torch) - cost_np) * 1e7, color=PALETTE[2], marker="D",
             markevery=6)
ax_diff.axhline(0, color="0.3", lw=1)
ax_diff.set(xlabel="epoch", ylabel="torch − numpy (× 10⁻⁷)")
show(fig, "Left: the training cross-entropy after each of the 50 epochs falls from 1.06 "
          "to 0.479, with the numpy float64 and torch float32 curves on top of each other. "
          "Right: their difference stays within about 10⁻⁷, float32 round-off.")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Erratum: the bias that never moved
#
# > **Erratum.** The original's manual-gradient version sums $Y - P$ over the examples *and*
# > the classes for the bias gradient (paraphrased: `grad_b = -torch.sum(y_onehot - probas)`)
# > and uses that one number for every class. Every row of $P - Y$ sums to 0, so it is 0 up
# > to round-off and the bias never moves. The original printed the weights
# > $[[0.5582, -1.0240], [-0.5462, 0.0258], [-0.0119, 0.9982]]$ and a bias of
# > $-1.3\cdot10^{-8}$ for every class. The right gradient sums over the examples only.

# %%
def buggy_gradient(X, y, W, b):
    grad_W, grad_b = softmax_regression_gradient_exercise(X, y, W, b)
    return grad_W, np.full_like(grad_b, grad_b.sum())  # summed over the classes as well


W_bug, b_bug, cost_bug = train(X_train, y_train, 3, lr=0.1, epochs=50, gradient=buggy_gradient)
ORIGINAL_BUGGY_W = np.array([[0.5582, -1.0240], [-0.5462, 0.0258], [-0.0119, 0.9982]])
print("buggy run, W (K × m):\n", W_bug.T, "\nb rounded to 4 decimals:", np.round(b_bug, 4) + 0.0)
assert np.allclose(W_bug.T, ORIGINAL_BUGGY_W, rtol=0, atol=1e-4), "buggy W != the original's"
assert np.all(np.abs(b_bug) < 1e-6), "the buggy bias moved"

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# The bias "value" is round-off: about $10^{-17}$ in float64, about $10^{-8}$ in float32 (the
# original's precision). Its exact $-1.3\cdot10^{-8}$ depends on the order of the original's
# float32 sums, so it is neither reproducible digit for digit nor meaningful. Compared with
# torch autograd at the buggy run's final weights, the right bias gradient agrees and the
# buggy one does not: the check of section 1 would have caught the bug.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
# NBVAL_IGNORE_OUTPUT
# (round-off-sized numbers; their digits depend on the CPU and BLAS; the asserts still run)
X32, Y32 = X_train.astype(np.float32), np.eye(3, dtype=np.float32)[y_train]
W32, b32 = np.zeros((2, 3), np.float32), np.zeros(3, np.float32)
for _ in range(50):
    P32 = softmax(X32 @ W32 + b32).astype(np.float32)
    W32 -= np.float32(0.1) * (X32.T @ (P32 - Y32)) / np.float32(120)
    b32 -= np.float32(0.1) * np.sum(P32 - Y32) / np.float32(120)  # the buggy bias gradient
print(f"buggy bias in float64: {b_bug[0]:.1e};  in float32: {b32[0]:.1e};  original: -1.3e-08")
assert np.all(np.abs(b32) < 1e-6), "the float32 buggy bias moved"
assert np.allclose(W32.T, ORIGINAL_BUGGY_W, rtol=0, atol=1e-4), "float32 buggy W differs"

W_t, b_t = torch.tensor(W_bug, requires_grad=True), torch.tensor(b_bug, requires_grad=True)
F.cross_entropy(torch.from_numpy(X_train) @ W_t + b_t, torch.from_numpy(y_train)).backward()
right_b = softmax_regression_gradient_exercise(X_train, y_train, W_bug, b_bug)[1]
buggy_b = buggy_gradient(X_train, y_train, W_bug, b_bug)[1]
assert relative_error(right_b, b_t.grad.numpy()) < 1e-12, "right bias gradient != autograd"
assert relative_error(buggy_b, b_t.grad.numpy()) > 0.5, "the check missed the buggy gradient"
print("dL/db: autograd", b_t.grad.numpy(), " right", right_b, " buggy", buggy_b.round(4) + 0.0)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Decision regions, evaluated with the right model and labelled with the right features
#
# > **Erratum.** The original's nn.Module section evaluates the manual model where it means
# > the nn.Module (paraphrased: `model1.evaluate(X_test, y_test)` for `model2`), and labels
# > its axes "sepal length [cm]" and "petal length [cm]" for sepal **width** and petal
# > **width**. The first slip changes no number: the buggy model also scores 80.00 %.
#
# We evaluate and draw the torch model; standardized features have no units.

# %%
def predict_torch(points):
    with torch.no_grad():
        return model(torch.tensor(points, dtype=torch.float32)).argmax(dim=1).numpy()


assert metrics.accuracy(y_test, predict_torch(X_test)) == 24 / 30, "model 2: test accuracy"
assert metrics.accuracy(y_test, predict(X_test, W_bug, b_bug)) == 24 / 30, "model 1: test acc."
names = [f"{data.IRIS_FEATURES[j].removesuffix(' [cm]')} (standardized)" for j in (1, 3)]
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
for ax, X_split, y_split, split in ((axes[0], X_train, y_train, "training set"),
                                    (axes[1], X_test, y_test, "test set")):
    plots.plot_decision_regions(predict_torch, X_split, y_split, ax=ax, feature_names=names,
                                class_names=data.IRIS_CLASSES, legend=split == "test set")
    ax.set_title(split)
show(fig, "Decision regions of the torch model on standardized sepal width and petal width, "
          "training set left, test set right; misclassified flowers are ringed. Three straight "
          "boundaries meet at one point; setosa lies apart (but for one training flower), and the "
          "errors are versicolor and virginica overlapping: all six test errors are "
          "versicolors called virginica.")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. MNIST: ten classes, 784 features
#
# The original's second notebook trained the same model on MNIST: 28 × 28 digits flattened to
# $m = 784$ pixel features in $[0, 1]$, $K = 10$, minibatches of 256, learning rate 0.1, 25
# epochs: **92.21 %** test accuracy with 60,000 training images. We ship 5,000 images (500 per
# digit) and split them 4,000 / 1,000: 15 times less training data, so expect less.
#
# Column $k$ of $W$ holds one weight per pixel: the logit $z_k$ is a template match, raised by
# ink on class $k$'s positive (red) pixels and lowered by ink on its negative (blue) ones.

# %%
images, digits = data.load_mnist_subset()
X_mnist = images.reshape(len(images), -1) / 255.0  # (5000, 784) in [0, 1]
Xm_train, Xm_test, ym_train, ym_test = data.train_test_split(X_mnist, digits, test_size=0.2,
                                                             seed=123)
W_mnist, b_mnist, _ = train(Xm_train, ym_train, 10, lr=0.1, epochs=25, batch_size=256)
predicted = predict(Xm_test, W_mnist, b_mnist)
test_acc_mnist = metrics.accuracy(ym_test, predicted)
print(f"test accuracy: {test_acc_mnist:.2%} (4,000 training images); the original: 92.21 % "
      "(60,000)")
assert 0.85 < test_acc_mnist < 0.9221, "expected above 85 % and below the full-MNIST 92.21 %"

# %% slideshow={"slide_type": "subslide"}
fig = plots.show_images(W_mnist.T.reshape(10, 28, 28), titles=[f"digit {k}" for k in range(10)],
                        symmetric=True, cmap="RdBu_r", colorbar="weight", size=1.6)
show(fig, "The ten columns of W as 28 × 28 images on one colour scale centred on 0, red "
          "positive and blue negative: several look like their digit, such as the ring of the "
          "0 around a blue centre and the upright stroke of the 1.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Loss and accuracy curves
#
# > **Erratum.** The original MNIST notebook's loss curve added up the *mean* loss of each
# > minibatch and divided the sum by the number of **examples**. A sum of batch means must be
# > divided by the number of *batches*; divided by $n$ it is the loss times
# > $n_{\text{batches}}/n$, about 1/256, so its y-axis was about 256 times too small.
#
# Our curves are the mean cross-entropy over all examples of each set after every epoch,
# from the package's reference model trained alike one epoch at a time (`partial_fit`); it
# ends at our weights.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
tracked = models.SoftmaxRegression(lr=0.1, batch_size=256, seed=123)
curves = {"train loss": [], "test loss": [], "train accuracy": [], "test accuracy": []}
for _ in range(25):
    tracked.partial_fit(Xm_train, ym_train)
    for split, X_s, y_s in (("train", Xm_train, ym_train), ("test", Xm_test, ym_test)):
        curves[f"{split} loss"].append(mean_cross_entropy(X_s, y_s, tracked.w_, tracked.b_))
        curves[f"{split} accuracy"].append(metrics.accuracy(y_s, tracked.predict(X_s)))
assert np.allclose(tracked.w_, W_mnist, rtol=0, atol=1e-10), "the reference's W differs from ours"
assert np.array_equal(tracked.predict(Xm_test), predicted), "the reference predicts differently"

batches = [np.arange(4000)[start:start + 256] for start in range(0, 4000, 256)]
batch_means = [mean_cross_entropy(Xm_train[i], ym_train[i], W_mnist, b_mnist) for i in batches]
mean_loss, original_formula = curves["train loss"][-1], sum(batch_means) / 4000
print(f"final training loss {mean_loss:.4f}; the original's formula gives {original_formula:.5f}"
      f" = loss × {len(batches)}/4000, about loss / {4000 / len(batches):.0f}")
assert 1 / 300 < original_formula / mean_loss < 1 / 200, "the original's formula: not ~loss/250"

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4.2))
plots.plot_loss_curves({"train": curves["train loss"], "test": curves["test loss"]}, ax=ax_loss,
                       ylabel="mean cross-entropy")
plots.plot_loss_curves({"train": curves["train accuracy"], "test": curves["test accuracy"]},
                       ax=ax_acc, ylabel="accuracy")
ax_loss.get_legend().remove()
show(fig, "Mean cross-entropy (left) and accuracy (right) on the 4,000 training and 1,000 test "
          "images of the MNIST subset after each of 25 epochs: both still improve slowly at the "
          "end, and the test curves stay a little worse than the training curves.")

# %% [markdown] tags=["optional"] slideshow={"slide_type": "skip"}
# ### Confusion matrix and a few mistakes
#
# Row $i$, column $j$: test digits of class $i$ predicted as $j$; the diagonal holds the correct
# predictions, so the accuracy is $\operatorname{trace}(C)/n$. Then the first six
# misclassified test digits: many are ambiguous even to a person, others need more than one
# linear template per class, which is what the hidden layers of the next lecture add.

# %% tags=["optional"] slideshow={"slide_type": "skip"}
cm = metrics.confusion_matrix(ym_test, predicted, n_classes=10)
assert cm.trace() / cm.sum() == test_acc_mnist, "accuracy != trace(C) / n"
assert np.array_equal(cm.sum(axis=1), np.bincount(ym_test, minlength=10)), "row sums != counts"
off_diagonal = cm - np.diag(np.diag(cm))
worst = np.unravel_index(np.argmax(off_diagonal), cm.shape)
fig, ax = plt.subplots(figsize=(7, 6.5))
plots.plot_confusion_matrix(cm, ax=ax)
show(fig, f"Confusion matrix of the MNIST subset's 1,000 test digits: most counts sit on the "
          f"diagonal; the most frequent confusion is a true {worst[0]} predicted as {worst[1]} "
          f"({off_diagonal[worst]} times).")

# %% tags=["optional"] slideshow={"slide_type": "skip"}
wrong = np.flatnonzero(predicted != ym_test)
assert len(wrong) == cm.sum() - cm.trace(), "misclassified count != off-diagonal sum"
fig = plots.show_images(Xm_test[wrong[:6]].reshape(-1, 28, 28), ncols=6, size=1.5,
                        titles=[f"{ym_test[i]} → {predicted[i]}" for i in wrong[:6]])
show(fig, "The first six misclassified test digits, each titled with its true label, an arrow "
          "and the predicted label: unusual handwriting, such as an 8 with a long tail and a 9 "
          "with an open loop, that one linear template per class does not cover.")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Softmax regression: $Z = XW + \mathbf b$, softmax, mean cross-entropy;
#   $\nabla_W \mathcal L = X^\top(P - Y)/n$, $\nabla_{\mathbf b}\mathcal L = \sum_i (P - Y)_i/n$ (C22).
# - On Iris, numpy and torch reproduce the original: 0.858, 80.00 %, 0.479, weights and bias.
# - Errata: a bias gradient summed over the classes (the bias never moved), model 1 evaluated
#   for model 2, length for width on the axes, an MNIST loss curve at 1/256 of the loss.
# - 4,000 MNIST digits give about 90 % test accuracy (original: 92.21 % with 15 times the
#   data); the weights are digit templates.
#
# **Next:** Lecture 08 ends here. The next lecture stacks layers (multilayer perceptrons) and
# trains them with the same cross-entropy and the same back-propagated $P - Y$.
