"""Binary logistic regression to the maximum-likelihood optimum, three ways.

Data: two overlapping Gaussian blobs (seeded; not separable, so the optimum is finite),
standardized. Contenders, all in float64 at one thread:

* ``logreg`` -- ``logreg.models.LogisticRegression``: full-batch gradient descent with
  ``lr = 1/L``, where ``L = lambda_max([X 1]^T [X 1]) / (4n)`` bounds the NLL's curvature
  (sigma' <= 1/4), the textbook step that needs no tuning;
* ``torch L-BFGS`` -- ``torch.optim.LBFGS`` with a strong-Wolfe line search on
  ``F.binary_cross_entropy_with_logits``;
* ``scikit-learn`` -- ``LogisticRegression(C=np.inf)`` (unpenalized; lbfgs solver).

Every loss is evaluated by one independent function (``logreg.losses.
binary_cross_entropy_with_logits``). The *best* loss is the smallest any of them reaches
when run to convergence; *time to target* is the time of the cheapest setting (fewest
epochs or iterations, loosest scikit-learn ``tol``) whose training NLL is within
``TARGET_GAP`` of the best; *final gap* is each one's converged loss minus the best.
"""

from __future__ import annotations

import warnings

import numpy as np

from .timing import round_robin, thread_limit

__all__ = ["blobs", "run", "TARGET_GAP"]

TARGET_GAP = 1e-6
SK_TOLS = tuple(10.0**-k for k in range(2, 13))


def blobs(
    n: int = 5000, d: int = 4, separation: float = 2.0, rho: float = 0.5, seed: int = 479
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points, half per class, from N(-mu, S) and N(+mu, S), where S has unit variances
    and correlation ``rho`` between features and ``mu`` points along the first feature with
    Mahalanobis distance ``separation`` between the means (Bayes error Phi(-separation/2),
    about 16% at 2: the classes overlap). Standardized. Returns X (n, d), y (n,) in {0, 1}."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(np.float64)
    S = np.full((d, d), rho) + (1 - rho) * np.eye(d)
    mu = np.zeros(d)
    mu[0] = separation / 2  # S[0, 0] = 1, so the Mahalanobis half-distance is mu[0]
    X = rng.normal(size=(n, d)) @ np.linalg.cholesky(S).T + np.where(y[:, None] == 1, mu, -mu)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, y


def _nll(X, y, w, b) -> float:
    from logreg.losses import binary_cross_entropy_with_logits

    return float(binary_cross_entropy_with_logits(X @ np.asarray(w) + float(b), y))


def _ours(X, y, lr, epochs):
    from logreg.models import LogisticRegression

    return LogisticRegression(lr=lr, epochs=epochs).fit(X, y)


def lbfgs_fit(Xt, yt, max_iter):
    """Weights and bias after ``max_iter`` iterations of torch's L-BFGS on the mean NLL."""
    import torch
    import torch.nn.functional as F

    w = torch.zeros(Xt.shape[1], dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=max_iter, tolerance_grad=1e-14,
                            tolerance_change=1e-16, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(Xt @ w + b, yt)
        loss.backward()
        return loss

    opt.step(closure)
    return w.detach().numpy(), b.item()


def _sklearn(X, y, tol):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a loose tol may stop early
        return LogisticRegression(C=np.inf, tol=tol, max_iter=10_000).fit(X, y)


def run(
    n: int = 5000, d: int = 4, rounds: int = 25, warmup: int = 2, max_epochs: int = 3000
) -> dict[str, object]:
    import torch

    X, y = blobs(n, d)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    X1 = np.hstack([X, np.ones((n, 1))])
    lr = float(f"{4 * n / np.linalg.eigvalsh(X1.T @ X1)[-1]:.2g}")  # 1/L, 2 significant digits

    with thread_limit(1):
        # converged runs: their losses define the best
        gd = _ours(X, y, lr, max_epochs)
        gd_curve = np.array(gd.history_ + [_nll(X, y, gd.w_, gd.b_)])  # loss after k updates
        lbfgs_curve = np.array([_nll(X, y, *lbfgs_fit(Xt, yt, k)) for k in range(1, 61)])
        sk_runs = [_sklearn(X, y, tol) for tol in SK_TOLS]
        sk_curve = np.array([_nll(X, y, m.coef_[0], m.intercept_[0]) for m in sk_runs])
        final = {"logreg": gd_curve[-1], "torch L-BFGS": lbfgs_curve[-1],
                 "scikit-learn": sk_curve[-1]}
        best = min(final.values())
        target = best + TARGET_GAP

        def first(curve):
            hits = np.flatnonzero(curve <= target)
            return int(hits[0]) if hits.size else None

        k_gd = first(gd_curve)  # epochs (updates) needed
        k_lbfgs = None if first(lbfgs_curve) is None else first(lbfgs_curve) + 1
        i_sk = first(sk_curve)
        settings = {
            "logreg": {"epochs": k_gd if k_gd is not None else f"> {max_epochs}", "lr": lr},
            "torch L-BFGS": {"max_iter": k_lbfgs},
            "scikit-learn": {"tol": None if i_sk is None else SK_TOLS[i_sk],
                             "n_iter": None if i_sk is None else int(sk_runs[i_sk].n_iter_[0])},
        }
        contenders = {}
        if k_gd is not None:
            contenders["logreg"] = lambda: _ours(X, y, lr, k_gd)
        if k_lbfgs is not None:
            contenders["torch L-BFGS"] = lambda: lbfgs_fit(Xt, yt, k_lbfgs)
        if i_sk is not None:
            contenders["scikit-learn"] = lambda: _sklearn(X, y, SK_TOLS[i_sk])
        reference = "logreg" if "logreg" in contenders else None
        timings = round_robin(contenders, rounds, warmup, reference=reference)

    at_target = {
        "logreg": None if k_gd is None else gd_curve[k_gd],
        "torch L-BFGS": None if k_lbfgs is None else lbfgs_curve[k_lbfgs - 1],
        "scikit-learn": None if i_sk is None else sk_curve[i_sk],
    }
    methods = {}
    for name in final:
        t = timings.get(name)
        methods[name] = {
            "setting": settings[name],
            "reached_target": t is not None,
            "time_to_target_s": t.median if t else None,
            "cpu_time_to_target_s": t.cpu_median if t else None,
            "ratio_to_logreg": t.ratio if t else None,
            "gap_at_target": None if at_target[name] is None else at_target[name] - best,
            "final_loss": final[name],
            "final_gap": final[name] - best,
        }
    return {
        "n": n, "d": d, "target_gap": TARGET_GAP, "best_loss": best, "threads": 1,
        "methods": methods,
        "curves": {  # gap after k iterations (for the plot); sklearn: one point per tol
            "logreg": (gd_curve[: 4 * (k_gd or 50)] - best).tolist(),
            "torch L-BFGS": (lbfgs_curve - best).tolist(),
            "scikit-learn": {"n_iter": [int(m.n_iter_[0]) for m in sk_runs],
                             "gap": (sk_curve - best).tolist()},
        },
    }
