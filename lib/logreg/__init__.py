"""Helpers for the Lecture 08 notebooks: logistic regression and softmax regression.

Modules, one concept each:

* :mod:`logreg.activations` -- sigmoid, its derivative, logit, softmax, log-softmax
* :mod:`logreg.losses` -- MSE, binary cross-entropy (from probabilities and logits, optionally
  class-weighted), the {−1, +1} logistic loss, cross-entropy (optionally label-smoothed), each
  with its ``_grad``
* :mod:`logreg.gradients` -- the three models' losses and gradients w.r.t. their parameters
  (the one home of those formulas)
* :mod:`logreg.models` -- numpy models trained by gradient descent: HW2 neuron, logistic and
  softmax regression
* :mod:`logreg.blas` -- ``A @ B`` the way this machine computes it fastest (numpy's or
  torch's BLAS), for the models' products with ``X``
* :mod:`logreg.gradcheck` -- finite-difference gradient checking
* :mod:`logreg.data` -- the shipped datasets, train/test split, standardization
* :mod:`logreg.seeding` -- one call that makes a notebook's numbers reproducible
* :mod:`logreg.metrics` -- accuracy and confusion matrix
* :mod:`logreg.style` -- the classroom figure style and :func:`~logreg.style.show` (figure,
  caption, text alternative)
* :mod:`logreg.plots` -- the figures the notebooks share; :mod:`logreg.diagrams` -- pictures
  of the models
* :mod:`logreg.checks` -- the exercises' self-checks
* :mod:`logreg.widgets` -- the classroom's interactive demos

>>> import logreg
>>> float(logreg.sigmoid(0.0)), float(logreg.sigmoid_derivative(0.0))
(0.5, 0.25)
>>> logreg.softmax([[1000.0, 1000.0]])          # no overflow
array([[0.5, 0.5]])
"""

from . import checks  # imported with the package, before any code of a notebook runs
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
    "checks",
]

__version__ = "0.1.0"
