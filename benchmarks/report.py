"""Turn the benchmark results into build/bench/results.json, results.md and PNG plots."""

from __future__ import annotations

import json
import math
from pathlib import Path

from .softmax_epoch import FLOOR, NUMPY_FLOOR, OURS, OURS_FIT

__all__ = ["markdown", "goals", "plots", "write"]

OURS_GOAL = 1.30  # at one thread, our epoch at most 1.30 x the fastest floor


def _ms(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "–"
    ms = seconds * 1e3
    return f"{ms:.3f}" if ms < 1 else f"{ms:.2f}" if ms < 100 else f"{ms:.0f}"


def _x(ratio: float | None) -> str:
    if ratio is None or not math.isfinite(ratio):
        return "–"
    return f"{ratio:.2f}×" if ratio < 100 else f"{ratio:.0f}×"


def _gap(gap: float | None) -> str:
    return "–" if gap is None else "0" if gap == 0 else f"{gap:.1e}"


def _row(*cells: object) -> str:
    """One row of a markdown table."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _header(*columns: str) -> list[str]:
    """A markdown table's header row and rule."""
    return [_row(*columns), "|" + "---|" * len(columns)]


def goals(results: dict) -> list[dict[str, object]]:
    """The softmax epoch's goals. At one thread: the epoch as ``fit`` runs it within OURS_GOAL
    of the fastest floor, and ``partial_fit`` within OURS_GOAL of the floor plus the pass over
    X that its validation must make. In every (dtype, threads) row: both faster than torch's
    nn.Linear epoch."""
    out = []
    for row in (results.get("softmax_epoch") or {}).get("results", []):
        where = f"{row['dtype']}, {row['threads']} thread{'s' * (row['threads'] > 1)}"
        if row["threads"] == 1:
            fit = row["epochs"][OURS_FIT]
            checked = row["partial_fit_over_floor_and_check"]
            out += [
                {"goal": f"{OURS_FIT} ≤ {OURS_GOAL:.2f}× the fastest floor ({where})",
                 "value": fit["ratio_to_floor"], "met": fit["ratio_to_floor"] <= OURS_GOAL,
                 "cpu_value": fit["cpu_ratio_to_floor"]},
                {"goal": f"{OURS} ≤ {OURS_GOAL:.2f}× (the fastest floor + the np.isfinite pass "
                         f"over X it must make) ({where})",
                 "value": checked["wall"], "met": checked["wall"] <= OURS_GOAL,
                 "cpu_value": checked["cpu"]},
            ]
        for name in (OURS_FIT, OURS):
            out.append({
                "goal": f"{name} faster than torch nn.Linear's epoch ({where})",
                "value": row["ours_over_torch_nn"][name],
                "met": row["ours_over_torch_nn"][name] < 1.0,
            })
    return out


def _machine_lines(m: dict) -> list[str]:
    blas = "; ".join(
        f"{p['internal_api']} {p['version'] or ''} ({p['prefix']}"
        + (f", {p['architecture']} kernel" if p.get("architecture") else "")
        + f", {p['num_threads']} threads by default)"
        for p in m["threadpools"]
    )
    env = ", ".join(f"{k}={v}" for k, v in m["env"].items() if v is not None) or "none set"
    load = "/".join(f"{x:.1f}" for x in m["load_average"]) if m.get("load_average") else "?"
    return [
        f"- CPU: {m['cpu']}, {m['cores']} cores; load average at start {load} "
        "(the machine is shared: other processes were running)",
        f"- Python {m['python']}, numpy {m['numpy']}, torch {m['torch']} "
        f"({m['torch_threads']} intra-op threads by default); torch's BLAS: {m['torch_blas']}",
        f"- thread pools (threadpoolctl; numpy's BLAS is the OpenBLAS one): {blas}",
        f"- BLAS/OpenMP environment variables: {env}",
    ]


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"# Benchmarks — {m['date']}", "", *_machine_lines(m), ""]
    lines += [
        "Times are medians over rounds after a warm-up; in each round every contender runs "
        "once, in a shuffled order. A ratio (×) is the median over rounds of "
        "(contender / reference) in the same round; “CPU ×” is the same in process CPU "
        "time, which other processes on a shared machine disturb less.",
        "",
    ]

    se = results.get("softmax_epoch")
    if se:
        bw = se["bandwidth"]["read_bytes_per_s"] / 1e9
        lines += [
            f"## 1. One full-batch softmax-regression epoch (MNIST subset, n = {se['n']}, "
            f"m = 784, K = {se['n_classes']})",
            "",
            "The floor is the fastest way this machine computes the epoch's two products, "
            "`X @ W` and `X.T @ G`: every way below (numpy's BLAS and torch's through zero-copy "
            "`torch.from_numpy`, each in both orientations, on each layout of `W` and `G`) runs "
            "in the same rounds as the epochs, the fastest of each product (median) make the "
            "floor, and each × is the median over rounds of (time / floor) in the same round. "
            "numpy's BLAS and torch run at the same thread count (column *threads*). At 2 "
            "threads a contender that runs right after the other library's waits for that "
            "library's idle, spinning worker threads: the floor and torch, interleaved with "
            "numpy, pay for it, `fit` (eleven epochs in one library) far less, so trust the "
            "1-thread rows for ratios to the floor. "
            f"Memory bound = reads of `X` at {bw:.1f} GB/s (`np.sum` over 256 MB, best of 5): "
            "one per product, two per floor.",
            "",
            *_header("dtype", "threads", "epoch", "median ms", "× fastest floor", "CPU ×",
                     "× torch nn.Linear"),
        ]
        for row in se["results"]:
            pre = (row["dtype"], row["threads"])
            fl = row["floor"]
            ways = " + ".join(f"`{w}`" for w in fl["ways"].values())
            lines.append(_row(*pre, "memory bound (2 reads of X)", _ms(row["memory_bound_s"]),
                              _x(1 / fl["over_memory_bound"]), "", ""))
            lines.append(_row(*pre, f"{FLOOR}: {ways}", _ms(fl["median_s"]), "1.00×", "1.00×", ""))
            for name, c in row["epochs"].items():
                vs_torch = row["ours_over_torch_nn"].get(name)
                lines.append(_row(*pre, f"**{name}**" if name in (OURS, OURS_FIT) else name,
                                  _ms(c["median_s"]), _x(c["ratio_to_floor"]),
                                  _x(c["cpu_ratio_to_floor"]),
                                  _x(vs_torch) if vs_torch is not None else ""))
        lines += [
            "",
            "The products, each way (× one read of `X` from memory; × the fastest floor, "
            "which is two products):",
            "",
            *_header("dtype", "threads", "product: way, layout", "median ms", "× memory bound",
                     "× fastest floor"),
        ]
        for row in se["results"]:
            for name, c in row["products"].items():
                lines.append(_row(row["dtype"], row["threads"],
                                  f"**{name}**" if name in row["floor"]["ways"].values() else name,
                                  _ms(c["median_s"]), _x(c["over_memory_bound"]),
                                  _x(c["ratio_to_floor"])))
        lines.append("")
        for row in se["results"]:
            fl = row["floor"]
            lines.append(f"- {row['dtype']}, {row['threads']} thread(s): the fastest floor runs "
                         f"at {fl['gflops']:.1f} GFLOP/s, {fl['over_memory_bound']:.1f}× the "
                         "memory bound; numpy's own `X @ W + X.T @ G` is "
                         f"{_x(row['epochs'][NUMPY_FLOOR]['ratio_to_floor'])} of it; "
                         f"{OURS} is {_x(row['partial_fit_over_floor_and_check']['wall'])} "
                         "(the floor + the `np.isfinite` pass over X it must make); logreg "
                         "computes the products as "
                         + " and ".join(f"`{p}: {w}`" for p, w in row["logreg_ways"].items()) + ".")
        lines.append("")

    lo = results.get("logistic_optimum")
    if lo:
        lines += [
            f"## 2. Binary logistic regression to the optimum (overlapping Gaussian blobs, "
            f"n = {lo['n']}, {lo['d']} correlated features; float64, 1 thread)",
            "",
            f"Best training NLL {lo['best_loss']:.10f}. Time to target = the cheapest setting "
            f"that reaches within {lo['target_gap']:.0e} of it; final gap = converged loss − best.",
            "",
            *_header("method", "setting to reach the target", "time to target ms", "× logreg",
                     "gap there", "final gap"),
        ]
        for name, r in lo["methods"].items():
            setting = ", ".join(f"{k}={v}" for k, v in r["setting"].items() if v is not None)
            lines.append(_row(name, setting or "not reached", _ms(r["time_to_target_s"]),
                              _x(r["ratio_to_logreg"]), _gap(r["gap_at_target"]),
                              _gap(r["final_gap"])))
        lines.append("")

    lv = results.get("loop_vs_vectorized")
    if lv:
        lines += [
            "## 3. HW2 gradient: the slide's for-loop vs vectorized (2 features, 1 thread)",
            "",
            *_header("n", "rounds", "loop ms (Python floats)", "loop ms (numpy-indexed)",
                     "vectorized ms", "speed-up", "speed-up (numpy-indexed)"),
        ]
        for r in lv["rows"]:
            t, s = r["times_s"], r["speedup"]
            lines.append(_row(f"{r['n']:,}", r["rounds"], _ms(t["loop"]),
                              _ms(t["loop, numpy-indexed"]), _ms(t["vectorized"]),
                              _x(s["loop"]), _x(s["loop, numpy-indexed"])))
        lines.append("")

    su = results.get("suite")
    if su:
        lines += [
            "## 4. The suite (single runs)",
            "",
            *_header("notebook", "code cells", "seconds", "ran without error"),
        ]
        for r in su["notebooks"]:
            lines.append(_row(r["notebook"], r["cells"], f"{r['seconds']:.1f}",
                              "yes" if r["ok"] else f"NO: {r['error']}"))
        lines.append(f"| **all notebooks, one after another** | | "
                     f"**{su['notebooks_total_s']:.1f}** | |")
        nv = su.get("nbval")
        if nv:
            counts = ", ".join(f"{v} {k}" for k, v in nv["counts"].items()) or "no summary"
            lines.append(f"| strict nbval: `{nv['command']}` | | {nv['seconds']:.1f} | "
                         f"exit {nv['returncode']} ({counts}) |")
        lines.append("")

    g = goals(results)
    if g:
        lines += ["## Goals", ""]
        for item in g:
            lines.append(f"- {'met' if item['met'] else 'NOT met'}: {item['goal']}: "
                         f"{_x(item['value'])}" + (f" (CPU {_x(item['cpu_value'])})"
                                                   if "cpu_value" in item else ""))
        lines.append("")
    lines.append(f"Total benchmark time: {results.get('elapsed_s', float('nan')):.0f} s.")
    return "\n".join(lines) + "\n"


def plots(results: dict, out: Path) -> list[Path]:
    """One PNG per benchmark that has results; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []

    se = results.get("softmax_epoch")
    if se:
        fig, ax = plt.subplots(figsize=(8, 4))
        configs = [f"{r['dtype']}\n{r['threads']} thr" for r in se["results"]]
        names = list(se["results"][0]["epochs"])
        width = 0.8 / len(names)
        for i, name in enumerate(names):
            values = [r["epochs"][name]["ratio_to_floor"] for r in se["results"]]
            ax.bar([j + i * width for j in range(len(configs))], values, width, label=name)
        ax.axhline(1.0, color="k", lw=1, label="fastest floor (X@W + X.T@G)")
        ax.axhline(OURS_GOAL, color="k", lw=1, ls=":", label=f"goal {OURS_GOAL}× floor (1 thread)")
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(configs))], configs)
        ax.set_ylabel("time / fastest floor (median per round)")
        ax.set_title("One full-batch softmax-regression epoch, MNIST subset")
        ax.legend(fontsize=7)
        written.append(_save(fig, out / "softmax_epoch.png"))

    lo = results.get("logistic_optimum")
    if lo:
        fig, ax = plt.subplots(figsize=(6, 4))
        floor = 1e-17  # a gap of 0 (the best run) is drawn at this floor on the log axis

        def label(name):
            t = lo["methods"][name]["time_to_target_s"]
            return name if t is None else f"{name}: target in {_ms(t)} ms"

        gd = lo["curves"]["logreg"]  # entry k: after k epochs
        ax.loglog(range(1, len(gd)), [max(g, floor) for g in gd[1:]], label=label("logreg"))
        lb = lo["curves"]["torch L-BFGS"]  # entry i: after max_iter = i + 1
        ax.loglog(range(1, len(lb) + 1), [max(g, floor) for g in lb], label=label("torch L-BFGS"))
        sk = lo["curves"]["scikit-learn"]
        ax.loglog(sk["n_iter"], [max(g, floor) for g in sk["gap"]], "o",
                  label=label("scikit-learn"))
        ax.axhline(lo["target_gap"], color="k", ls=":", lw=1, label="target")
        ax.set_xlabel("epochs (gradient descent) / iterations (L-BFGS, scikit-learn)")
        ax.set_ylabel("training NLL − best")
        ax.set_title("Logistic regression to the optimum")
        ax.legend(loc="lower center", fontsize=8)
        written.append(_save(fig, out / "logistic_optimum.png"))

    lv = results.get("loop_vs_vectorized")
    if lv:
        fig, ax = plt.subplots(figsize=(6, 4))
        ns = [r["n"] for r in lv["rows"]]
        for name in ("loop", "loop, numpy-indexed", "vectorized"):
            ax.loglog(ns, [r["times_s"][name] for r in lv["rows"]], "o-", label=name)
        ax.set_xlabel("examples n")
        ax.set_ylabel("seconds per gradient (median)")
        ax.set_title("HW2 gradient: the slide's for-loop vs vectorized")
        ax.legend()
        written.append(_save(fig, out / "loop_vs_vectorized.png"))
    return written


def _save(fig, path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _plain(value):
    """JSON-ready copy: numpy scalars to Python numbers, NaN and inf to None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write(results: dict, out: Path) -> dict[str, Path]:
    """Write results.json, results.md and the plots into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    results = dict(results, goals=goals(results))
    paths = {"json": out / "results.json", "md": out / "results.md"}
    paths["json"].write_text(json.dumps(_plain(results), indent=2, allow_nan=False) + "\n")
    paths["md"].write_text(markdown(results))
    for png in plots(results, out):
        paths[png.stem] = png
    return paths
