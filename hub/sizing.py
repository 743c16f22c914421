"""From what ``make hub-test`` measured to what a class needs: one student's pod on
Kubernetes, and memory and CPUs for a whole class. The README's sizing section is
:func:`markdown` of the figures kept in deploy/measured.json (a test keeps them equal).

    python -m hub.sizing build/hub/report.json ...           # print the sizing of these runs
    python -m hub.sizing RUN1.json RUN2.json RUN3.json --write deploy/measured.json

With several reports, every figure is the median over the runs.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURED = ROOT / "deploy" / "measured.json"
CLASS_SIZES = (10, 30, 60, 100, 200)
#: A class runs its heaviest notebook within one minute (this many seconds) of each other.
BURST_S = 60


def median_report(reports: list[dict]) -> dict:
    """The median of every number over ``reports`` (same structure); other values from the first."""
    first = reports[0]
    if isinstance(first, dict):
        return {key: median_report([r[key] for r in reports]) for key in first}
    if isinstance(first, (int, float)) and not isinstance(first, bool):
        return round(statistics.median(reports), 2)
    return first


def _up(value: float, step: float) -> float:
    return math.ceil(round(value / step, 6)) * step


def pod(m: dict) -> dict:
    """``singleuser.memory`` and ``singleuser.cpu`` for Zero to JupyterHub, from figures ``m``."""
    guarantee = _up(m["student_peak_mib"]["median"], 128)
    limit = _up(m["server_peak_mib"]["max"] + 2 * m["full_notebook"]["kernel_peak_mib"], 256)
    cpu = _up(m["full_notebook"]["kernel_cpu_s"] / BURST_S, 0.05)
    return {"memory": {"guarantee": f"{guarantee:.0f}Mi", "limit": f"{limit:.0f}Mi"},
            "cpu": {"guarantee": round(cpu, 2), "limit": 1}}


def class_rows(m: dict) -> list[tuple[int, float, float, int]]:
    """(students, GiB for everyone on one notebook, GiB for everyone at the limit, CPUs)."""
    resources = pod(m)
    guarantee = float(resources["memory"]["guarantee"][:-2])
    limit = float(resources["memory"]["limit"][:-2])
    base = m["hub_base_mib"]
    return [(n, round((base + n * guarantee) / 1024, 1), round((base + n * limit) / 1024, 1),
             math.ceil(1 + n * resources["cpu"]["guarantee"])) for n in CLASS_SIZES]


def markdown(m: dict) -> str:
    """The README's sizing block: the arithmetic, then the table."""
    p = pod(m)
    full = m["full_notebook"]
    lines = [
        f"- **memory guarantee {p['memory']['guarantee']}**: a student's server "
        f"({m['server_peak_mib']['median']:.0f} MiB) plus a kernel running a handout "
        f"({m['handout_kernel_peak_mib']['median']:.0f} MiB) peaked at "
        f"{m['student_peak_mib']['median']:.0f} MiB (median of {m['students']} students), "
        f"rounded up to 128 MiB;",
        f"- **memory limit {p['memory']['limit']}**: the largest server "
        f"({m['server_peak_mib']['max']:.0f} MiB) plus two kernels each running all of "
        f"{full['notebook'].removesuffix('.ipynb')} ({full['kernel_peak_mib']:.0f} MiB each), "
        f"rounded up to 256 MiB: room for two notebooks open at once;",
        f"- **CPU guarantee {p['cpu']['guarantee']}**: that notebook costs "
        f"{full['kernel_cpu_s']:.1f} CPU-seconds; a class running it within the same minute "
        f"needs {full['kernel_cpu_s']:.1f} / {BURST_S} of a core each, rounded up to 0.05; "
        f"**limit 1**: a kernel computes on one thread;",
        f"- the hub, its proxy and the culler take {m['hub_base_mib']:.0f} MiB (the table gives them a "
        f"core of their own);",
        f"- {m['students']} servers started at once were all ready within {m['spawn_s']['max']:.0f} s "
        f"(median {m['spawn_s']['median']:.0f} s) on {m['machine']['cpus']} cores (load average "
        f"{m['machine']['load_average_5min']:.1f} over the test's last 5 minutes); the whole hub "
        f"with them held {m['hub_peak_pss_mib']:.0f} MiB (PSS: shared pages counted once).",
    ]
    table = [
        "| students | memory, each on one notebook | memory, each at the limit | CPUs |",
        "|---:|---:|---:|---:|",
        *(f"| {n} | {typical} GiB | {worst} GiB | {cpus} |" for n, typical, worst, cpus in class_rows(m)),
    ]
    bullets = [textwrap.fill(line, width=100, subsequent_indent="  ") for line in lines]
    return "\n".join([*bullets, "", *table])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path, help="report.json files from make hub-test")
    parser.add_argument("--write", type=Path, help="keep the median figures in this file")
    args = parser.parse_args()
    figures = median_report([json.loads(path.read_text()) for path in args.reports])
    if args.write:
        args.write.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(pod(figures), indent=2))
    print(markdown(figures))


if __name__ == "__main__":
    main()
