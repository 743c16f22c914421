"""Classification metrics used to report results (not part of the lecture's math)."""

from __future__ import annotations

import numpy as np

from ._validation import as_class_labels, as_integer_labels, check_int, check_same_length

__all__ = ["accuracy", "confusion_matrix"]


def accuracy(y_true: object, y_pred: object) -> float:
    """Fraction of examples whose predicted label equals the true label (labels are whole
    numbers: probabilities are not labels until thresholded)."""
    t = as_integer_labels(y_true, "y_true")
    p = as_integer_labels(y_pred, "y_pred")
    check_same_length(t, p, "y_true", "y_pred")
    return float(np.mean(t == p))


def confusion_matrix(y_true: object, y_pred: object, n_classes: int) -> np.ndarray:
    """Counts ``C[i, j]`` of examples of true class ``i`` predicted as class ``j``."""
    n_classes = check_int(n_classes, "n_classes", minimum=1)
    t = as_class_labels(y_true, n_classes, "y_true")
    p = as_class_labels(y_pred, n_classes, "y_pred")
    check_same_length(t, p, "y_true", "y_pred")
    return np.bincount(t * n_classes + p, minlength=n_classes**2).reshape(n_classes, n_classes)
