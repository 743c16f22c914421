"""Benchmarks of the Lecture 08 implementations; ``make bench`` runs them all.

* :mod:`benchmarks.softmax_epoch` -- one full-batch softmax-regression epoch on the MNIST
  subset: ``logreg.models.SoftmaxRegression`` (``partial_fit`` and ``fit``), torch with manual
  gradients, torch ``nn.Linear`` + ``F.cross_entropy`` + SGD, against the floor: the fastest
  way this machine computes ``X @ W`` and ``X.T @ G`` (numpy's or torch's BLAS).
* :mod:`benchmarks.logistic_optimum` -- binary logistic regression to the optimum:
  our gradient descent, ``torch.optim.LBFGS``, scikit-learn.
* :mod:`benchmarks.loop_vs_vectorized` -- the HW2 gradient as the slide's for-loop and vectorized.
* :mod:`benchmarks.suite` -- execution time of each notebook and of the strict nbval run.

Timing rules (:mod:`benchmarks.timing`): contenders are run round-robin in a shuffled
order each round, after a warm-up, so that the load of a shared machine hits them alike;
times are medians over rounds and ratios are medians of the per-round ratios.
"""
