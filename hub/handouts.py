"""Handouts reach every home through git, with nbgitpuller's rule for a student's own edits.

The instructor side *publishes* a folder of handouts (what ``make student`` writes) as a commit
on the ``main`` branch of a bare git repository; nothing is committed when nothing changed.
The student side *pulls* that repository into ``~/handouts`` with nbgitpuller on every server
start: new and changed handouts arrive, a file the student changed keeps the student's changes
(git merges with ``-Xours``), a deleted handout comes back.

    python -m hub.handouts SOURCE REPO     # publish SOURCE into the bare repository REPO
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BRANCH = "main"
#: Files a JupyterLab session leaves beside the handouts, never published.
IGNORED = (".ipynb_checkpoints/", "__pycache__/")
_AUTHOR = ("-c", "user.name=make hub", "-c", "user.email=hub@localhost")


def _git(repo: Path, *args: str, work_tree: Path | None = None) -> subprocess.CompletedProcess:
    where = [f"--git-dir={repo}"] + ([f"--work-tree={work_tree}"] if work_tree else [])
    return subprocess.run(["git", *_AUTHOR, *where, *args], capture_output=True, text=True)


def publish(source: Path, repo: Path) -> bool:
    """Commit the contents of ``source`` to ``repo`` (created when missing); True when a new
    commit was made. A missing or empty ``source`` raises ValueError."""
    if not source.is_dir() or not any(source.iterdir()):
        raise ValueError(f"handouts folder {source} is missing or empty; build it with `make student`")
    if not (repo / "HEAD").is_file():
        repo.mkdir(parents=True, exist_ok=True)
        _check(_git(repo, "init", "--quiet", "--bare", f"--initial-branch={BRANCH}"))
        (repo / "info").mkdir(exist_ok=True)
        (repo / "info" / "exclude").write_text("\n".join(IGNORED) + "\n")
    _check(_git(repo, "add", "--all", work_tree=source))
    if _git(repo, "rev-parse", "--verify", "--quiet", "HEAD").returncode == 0:
        if _git(repo, "diff", "--cached", "--quiet", work_tree=source).returncode == 0:
            return False
    _check(_git(repo, "commit", "--quiet", "--message", f"Handouts from {source}", work_tree=source))
    return True


def pull_command(repo: Path, destination: Path) -> list[str]:
    """The nbgitpuller command that merges the published handouts into ``destination``."""
    return [sys.executable, "-m", "nbgitpuller.pull", f"file://{repo}", BRANCH, str(destination)]


def _check(result: subprocess.CompletedProcess) -> None:
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(result.args)} failed:\n{result.stdout}{result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of handouts, e.g. build/student")
    parser.add_argument("repo", type=Path, help="bare git repository to publish to")
    args = parser.parse_args()
    changed = publish(args.source.absolute(), args.repo.absolute())
    print(f"handouts {'published' if changed else 'unchanged'}: {args.source} -> {args.repo}")


if __name__ == "__main__":
    main()
