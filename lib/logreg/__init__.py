"""Helpers for the Lecture 08 notebooks: logistic regression and softmax regression.

Modules, one concept each:

* :mod:`logreg.activations` -- sigmoid, its derivative, logit, softmax, log-softmax
* :mod:`logreg.losses` -- MSE, binary cross-entropy (from probabilities and logits),
  cross-entropy, each with its ``_grad``
* :mod:`logreg.gradcheck` -- finite-difference gradient checking
* :mod:`logreg.models` -- reference numpy models (HW2 neuron, logistic, softmax regression)
* :mod:`logreg.data` -- shipped datasets, train/test split, standardization, seeding
* :mod:`logreg.metrics` -- accuracy and confusion matrix
* :mod:`logreg.plots` -- the figures the notebooks share
"""

from .activations import log_softmax, logit, sigmoid, sigmoid_derivative, softmax
from .gradcheck import check_gradient, numerical_gradient, relative_error
from .seeding import seed_everything

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "logit",
    "softmax",
    "log_softmax",
    "check_gradient",
    "numerical_gradient",
    "relative_error",
    "seed_everything",
]

__version__ = "0.1.0"
