"""logreg.models: gradients against autograd, the training loop's contract, the maximum-
likelihood optimum (scipy's BFGS and scikit-learn), softmax with K = 2 versus logistic
regression, and the lecture's Iris softmax-regression numbers (from the original notebook)."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from _helpers import binary_labels, class_labels, logits, tensor
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from logreg.data import load_iris, load_toy, standardize
from logreg.metrics import accuracy
from logreg.models import HW2Neuron, LogisticRegression, SoftmaxRegression

pytestmark = pytest.mark.filterwarnings("error")

N, M, K = 20, 3, 4


def _mse_of_sigmoid(z, y):
    return torch.mean((y - torch.sigmoid(z)) ** 2)


# model -> (torch loss of (logits, targets), targets, w shape, b shape)
SPECS = {
    HW2Neuron: (_mse_of_sigmoid, binary_labels((N,)), (M,), ()),
    LogisticRegression: (F.binary_cross_entropy_with_logits, binary_labels((N,)), (M,), ()),
    SoftmaxRegression: (F.cross_entropy, class_labels(N, K), (M, K), (K,)),
}
MODELS = list(SPECS)
ids = [cls.__name__ for cls in MODELS]


@pytest.fixture(scope="module")
def toy():
    X, y = load_toy()
    return standardize(X)[0], y


# -- gradients ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_loss_and_gradients_match_autograd(cls):
    loss_fn, y, w_shape, b_shape = SPECS[cls]
    X, w, b = logits((N, M)), logits(w_shape, offset=2), logits(b_shape, offset=3)
    loss, grad_w, grad_b = cls().loss_and_gradients(X, y, w, b)

    wt, bt = tensor(w).requires_grad_(True), tensor(b).requires_grad_(True)
    yt = torch.tensor(y) if y.dtype == np.int64 else tensor(y)
    expected = loss_fn(tensor(X) @ wt + bt, yt)
    expected_w, expected_b = torch.autograd.grad(expected, (wt, bt))
    np.testing.assert_allclose(loss, expected.item(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(grad_w, expected_w.numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(grad_b, expected_b.numpy(), rtol=1e-10, atol=1e-10)
    assert np.shape(grad_w) == w_shape and np.shape(grad_b) == b_shape


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_loss_and_gradients_stay_finite_for_logits_of_1e4(cls):
    _, y, w_shape, b_shape = SPECS[cls]
    X = 1e4 * np.sign(logits((N, M)))
    w = np.ones(w_shape) * (np.arange(K) - 1.5 if len(w_shape) == 2 else 1.0)
    loss, grad_w, grad_b = cls().loss_and_gradients(X, y, w, np.zeros(b_shape))
    assert np.isfinite(loss) and np.all(np.isfinite(grad_w)) and np.all(np.isfinite(grad_b))


def test_mse_gradient_vanishes_on_a_confidently_wrong_example_nll_does_not():
    """C8: the sigmoid's derivative multiplies the MSE gradient, not the NLL's."""
    X, y, w, b = np.array([[10.0]]), np.array([0.0]), np.array([1.0]), np.array(0.0)
    mse_grad = HW2Neuron().loss_and_gradients(X, y, w, b)[1]
    nll_grad = LogisticRegression().loss_and_gradients(X, y, w, b)[1]
    assert abs(mse_grad[0]) < 1e-3 and nll_grad[0] == pytest.approx(10.0, rel=1e-4)


# -- the training loop -------------------------------------------------------------------------


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_fit_returns_self_with_one_decreasing_history_entry_per_epoch(cls, toy):
    X, y = toy
    model = cls(lr=0.1, epochs=25)
    assert model.fit(X, y) is model
    assert len(model.history_) == 25
    assert np.all(np.diff(model.history_) < 0)


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_history_starts_at_the_zero_init_loss(cls, toy):
    X, y = toy
    expected = 0.25 if cls is HW2Neuron else np.log(2)  # sigma(0) = 1/2; softmax of K = 2 zeros
    assert cls(epochs=3).fit(X, y).history_[0] == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_zero_epochs_keeps_the_zero_init(cls, toy):
    X, y = toy
    model = cls(epochs=0).fit(X, y)
    assert model.history_ == [] and not np.any(model.w_) and not np.any(model.b_)


@pytest.mark.parametrize("cls", MODELS, ids=ids)
@pytest.mark.parametrize("batch_size", [100, 10**6])
def test_a_batch_of_all_examples_is_full_batch(cls, toy, batch_size):
    X, y = toy
    full = cls(lr=0.1, epochs=5).fit(X, y)
    batched = cls(lr=0.1, epochs=5, batch_size=batch_size).fit(X, y)
    assert np.array_equal(full.w_, batched.w_) and np.array_equal(full.b_, batched.b_)


@pytest.mark.parametrize("cls", MODELS, ids=ids)
@pytest.mark.parametrize("batch_size", [1, 10])
def test_minibatch_training_is_seeded_and_separates_toy(cls, toy, batch_size):
    X, y = toy
    fit = lambda seed: cls(lr=0.1, epochs=10, batch_size=batch_size, seed=seed).fit(X, y)  # noqa: E731
    model, same, other = fit(0), fit(0), fit(1)
    assert accuracy(y, model.predict(X)) == 1.0
    assert np.array_equal(model.w_, same.w_) and not np.array_equal(model.w_, other.w_)
    assert model.history_[-1] < model.history_[0]


@pytest.mark.parametrize("cls", MODELS, ids=ids)
@pytest.mark.parametrize("batch_size", [None, 7])
def test_k_calls_of_partial_fit_are_fit_with_k_epochs(cls, toy, batch_size):
    X, y = toy
    fitted = cls(lr=0.1, epochs=4, batch_size=batch_size).fit(X, y)
    stepwise = cls(lr=0.1, epochs=4, batch_size=batch_size)
    for _ in range(4):
        assert stepwise.partial_fit(X, y) is stepwise
    assert np.array_equal(fitted.w_, stepwise.w_) and np.array_equal(fitted.b_, stepwise.b_)
    assert fitted.history_ == stepwise.history_


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_fit_restarts_from_zero(cls, toy):
    X, y = toy
    model = cls(lr=0.1, epochs=3)
    first = model.fit(X, y).w_.copy()
    assert np.array_equal(model.fit(X, y).w_, first) and len(model.history_) == 3


@pytest.mark.parametrize("cls", [HW2Neuron, LogisticRegression], ids=["HW2Neuron", "Logistic"])
def test_binary_predictions(cls, toy):
    X, y = toy
    model = cls(lr=0.5, epochs=20).fit(X, y)
    proba, pred = model.predict_proba(X), model.predict(X)
    assert proba.shape == pred.shape == (100,) and np.all((proba > 0) & (proba < 1))
    assert set(np.unique(pred)) <= {0, 1}
    assert np.array_equal(pred, (proba > 0.5).astype(int))
    assert np.array_equal(model.decision_function(X), X @ model.w_ + model.b_)


def test_softmax_predictions():
    X, y = load_iris()
    X = standardize(X)[0]
    model = SoftmaxRegression(lr=0.5, epochs=50).fit(X, y)
    proba, pred = model.predict_proba(X), model.predict(X)
    assert proba.shape == (150, 3) and pred.shape == (150,)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-15)
    assert set(np.unique(pred)) <= {0, 1, 2} and np.array_equal(pred, proba.argmax(axis=1))
    assert accuracy(y, pred) > 0.9


def test_softmax_n_classes_can_exceed_the_labels_seen():
    model = SoftmaxRegression(epochs=2, n_classes=5).fit(logits((6, 2)), [0, 1, 2, 0, 1, 2])
    assert model.w_.shape == (2, 5) and model.b_.shape == (5,) and model.n_classes_ == 5
    assert SoftmaxRegression(epochs=2).fit(logits((6, 2)), [0, 1, 2, 0, 1, 2]).n_classes_ == 3


# -- divergence and misuse ---------------------------------------------------------------------

HUGE_X = 1e100 * np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, -2.0], [-2.0, 1.0]])
HUGE_Y = np.array([0, 1, 1, 0])


@pytest.mark.parametrize("cls", MODELS, ids=ids)
@pytest.mark.parametrize("lr, batch_size, epoch", [(1e150, None, 2), (1e300, None, 1), (1e150, 1, 1)])
def test_a_diverging_fit_names_lr_and_the_epoch_and_leaves_no_fit(cls, lr, batch_size, epoch):
    """Weights that overflow, or a net input z that overflows although the weights did not,
    end training with the advice to lower lr; no NaN weights are left to predict with."""
    model = cls(lr=lr, epochs=5, batch_size=batch_size)
    message = re.escape(f"training diverged at epoch {epoch}: the loss or the weights are no "
                        f"longer finite; lower lr (now {lr:g})")
    with pytest.raises(ValueError, match=f"^{message}$"):
        model.fit(HUGE_X, HUGE_Y)
    assert not hasattr(model, "w_") and not hasattr(model, "history_")


@pytest.mark.parametrize("cls", MODELS, ids=ids)
@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_using_a_model_before_fit_says_to_call_fit(cls, method):
    with pytest.raises(ValueError, match=rf"^this {cls.__name__} is not fitted yet: call fit\(X, y\) first$"):
        getattr(cls(), method)(np.ones((2, 2)))


def test_a_stray_huge_label_is_rejected_before_anything_is_allocated():
    message = (r"^y must contain every class from 0 to its largest label 1e\+06, but misses 999998 "
               r"of them \(2, 3, 4, 5, 6, \.\.\.\); pass n_classes if the model should have them "
               r"anyway$")
    with pytest.raises(ValueError, match=message):
        SoftmaxRegression().fit(np.ones((3, 1)), [0, 1, 10**6])


@pytest.mark.parametrize("cls", MODELS, ids=ids)
def test_a_net_input_that_overflows_names_X(cls):
    model = cls(epochs=1).fit(np.array([[1e300], [-1e300]]), [0, 1])
    with pytest.raises(ValueError, match=r"^X is too large for this model: X @ w_ \+ b_ overflows float64$"):
        model.decision_function([[1e300]])


def test_logistic_regression_separates_the_toy_data_in_30_epochs():
    """The shape of the course's result (75/25 split, standardized): separable in 30 epochs."""
    from logreg.data import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(*load_toy(), test_size=0.25)
    X_train, X_test = standardize(X_train, X_test)
    model = LogisticRegression(lr=0.1, epochs=30).fit(X_train, y_train)
    assert accuracy(y_train, model.predict(X_train)) == 1.0
    assert accuracy(y_test, model.predict(X_test)) >= 0.92


# -- the maximum-likelihood optimum on non-separable data --------------------------------------


@pytest.fixture(scope="module")
def versicolor_virginica():
    """Petal length and width of Iris versicolor (0) vs virginica (1): they overlap."""
    X, y = load_iris()
    keep = y > 0
    return standardize(X[keep][:, 2:4])[0], (y[keep] - 1).astype(np.float64)


def _bfgs_optimum(X, y):
    """The maximum-likelihood fit by scipy's BFGS (an independent optimizer) of torch's loss:
    w, b and the loss."""
    def loss_and_grad(theta):
        t = tensor(theta).requires_grad_(True)
        loss = F.binary_cross_entropy_with_logits(tensor(X) @ t[:-1] + t[-1], tensor(y))
        (grad,) = torch.autograd.grad(loss, t)
        return loss.item(), grad.numpy()

    result = minimize(loss_and_grad, np.zeros(X.shape[1] + 1), jac=True, method="BFGS",
                      options={"gtol": 1e-12, "maxiter": 1000})
    return result.x[:-1], result.x[-1], result.fun


def test_logistic_regression_converges_to_the_maximum_likelihood_estimate(versicolor_virginica):
    X, y = versicolor_virginica
    model = LogisticRegression(lr=2.0, epochs=3000).fit(X, y)
    loss, grad_w, grad_b = model.loss_and_gradients(X, y, model.w_, model.b_)
    assert max(np.abs(grad_w).max(), abs(grad_b)) < 1e-9, "not at a stationary point"

    w_torch, b_torch, loss_torch = _bfgs_optimum(X, y)
    sk = SkLogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    for w_ref, b_ref in [(w_torch, b_torch), (sk.coef_[0], sk.intercept_[0])]:
        np.testing.assert_allclose(model.w_, w_ref, atol=1e-5)
        np.testing.assert_allclose(model.b_, b_ref, atol=1e-5)
    assert loss == pytest.approx(loss_torch, abs=1e-10)
    assert 0.05 < loss < 0.2, "non-separable: the optimum keeps a positive loss"


# -- softmax regression with K = 2 is logistic regression --------------------------------------


@pytest.mark.parametrize("batch_size", [None, 10])
def test_softmax_with_two_classes_is_logistic_regression_at_half_the_lr(toy, batch_size):
    """With zero init the two softmax columns stay opposite (w1 = -w0), so z1 - z0 = 2 z1
    follows logistic regression's gradient descent at twice the softmax learning rate."""
    X, y = toy
    binary = LogisticRegression(lr=0.2, epochs=30, batch_size=batch_size).fit(X, y)
    softmax = SoftmaxRegression(lr=0.1, epochs=30, batch_size=batch_size).fit(X, y)
    np.testing.assert_allclose(softmax.w_[:, 0], -softmax.w_[:, 1], atol=1e-14)
    z = softmax.decision_function(X)
    np.testing.assert_allclose(z[:, 1] - z[:, 0], binary.decision_function(X), atol=1e-12)
    np.testing.assert_allclose(softmax.history_, binary.history_, atol=1e-14)
    np.testing.assert_allclose(softmax.predict_proba(X)[:, 1], binary.predict_proba(X), atol=1e-14)
    assert np.array_equal(softmax.predict(X), binary.predict(X))


def test_softmax_and_logistic_regression_predict_alike_at_the_same_lr(toy):
    X, y = toy
    binary = LogisticRegression(lr=0.1, epochs=30).fit(X, y)
    softmax = SoftmaxRegression(lr=0.1, epochs=30).fit(X, y)
    assert np.array_equal(softmax.predict(X), binary.predict(X))


# -- Iris softmax regression: the lecture notebook's numbers -----------------------------------

LECTURE_W = np.array([[0.5585, -1.0257], [-0.5483, 0.0316], [-0.0102, 0.9941]])  # (K, m), torch
LECTURE_B = np.array([-0.0553, 0.0340, 0.0213])


@pytest.fixture(scope="module")
def iris_split():
    """Sepal width and petal width; the original notebook's split, permutation applied twice."""
    X, y = load_iris()
    X = X[:, [1, 3]]
    torch.manual_seed(123)
    sh = torch.randperm(150).numpy()
    X, y = X[sh], y[sh]
    train, test = sh[:120], sh[120:]
    return X[train], X[test], y[train], y[test]


@pytest.fixture(scope="module")
def iris_model(iris_split):
    X_train, X_test, y_train, y_test = iris_split
    X_train, X_test = standardize(X_train, X_test, ddof=1)
    model = SoftmaxRegression(lr=0.1, epochs=50).fit(X_train, y_train)
    return model, X_train, X_test, y_train, y_test


@pytest.fixture(scope="module")
def iris_torch(iris_split):
    """The original nn.Module run: float32, zero init, F.cross_entropy, SGD lr 0.1, 50 epochs."""
    X_train, X_test, y_train, y_test = (torch.tensor(a) for a in iris_split)
    X_train, X_test = X_train.float(), X_test.float()
    mean, std = X_train.mean(dim=0), X_train.std(dim=0)  # unbiased, i.e. ddof = 1
    X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
    linear = torch.nn.Linear(2, 3)
    torch.nn.init.zeros_(linear.weight)
    torch.nn.init.zeros_(linear.bias)
    optimizer = torch.optim.SGD(linear.parameters(), lr=0.1)
    for _ in range(50):
        loss = F.cross_entropy(linear(X_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        return {
            "w": linear.weight.numpy().copy(),
            "b": linear.bias.numpy().copy(),
            "train": (linear(X_train).argmax(1) == y_train).double().mean().item(),
            "test": (linear(X_test).argmax(1) == y_test).double().mean().item(),
            "cost": F.cross_entropy(linear(X_train), y_train).item(),
        }


def test_iris_softmax_regression_reproduces_the_lecture(iris_model):
    model, X_train, X_test, y_train, y_test = iris_model
    assert round(accuracy(y_train, model.predict(X_train)), 3) == 0.858
    assert accuracy(y_test, model.predict(X_test)) == pytest.approx(0.80)
    np.testing.assert_allclose(model.w_.T, LECTURE_W, atol=1e-4)  # w_ is (m, K)
    np.testing.assert_allclose(model.b_, LECTURE_B, atol=1e-4)
    final_cost = model.loss_and_gradients(X_train, y_train, model.w_, model.b_)[0]
    assert round(final_cost, 3) == 0.479


def test_iris_torch_run_gives_the_lecture_numbers(iris_torch):
    assert round(iris_torch["train"], 3) == 0.858 and iris_torch["test"] == pytest.approx(0.80)
    np.testing.assert_allclose(iris_torch["w"], LECTURE_W, atol=1e-4)
    np.testing.assert_allclose(iris_torch["b"], LECTURE_B, atol=1e-4)
    assert round(iris_torch["cost"], 3) == 0.479


def test_iris_weights_match_torch(iris_model, iris_torch):
    model = iris_model[0]
    np.testing.assert_allclose(model.w_.T, iris_torch["w"], atol=1e-5)
    np.testing.assert_allclose(model.b_, iris_torch["b"], atol=1e-5)
