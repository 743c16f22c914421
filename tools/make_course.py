"""Build an nbgrader course directory from the notebooks.

    python -m tools.make_course                        # notebooks/*.ipynb -> build/course/
    python -m tools.make_course --out DIR --assignment NAME [NB.ipynb ...]

It writes ``nbgrader_config.py`` and ``source/<assignment>/NN_topic.ipynb``: each notebook as
it is in notebooks/, with only its jupytext pairing metadata removed (released with it, a
notebook that a student saves in JupyterLab would write a stray .py twin into the submission).
``nbgrader generate_assignment`` does the rest: it removes the solutions and the hidden tests
and clears the outputs, as ``make student`` does.

One assignment, ``lecture08``, holds all the notebooks: the lecture is one unit, its exercises
one homework with one grade, and each nbgrader command names it once. Notebooks are checked
as ``make student`` checks them (a misspelled marker stops the build before anything is
written, naming the notebook and the cell) and written as it writes them (never into
notebooks/, never through a link).
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

import nbformat

from tools import manifest
from tools.make_student import (
    ROOT,
    notebook_bytes,
    output_folder,
    shown,
    student_notebook,
    write_files,
)

COURSE, ASSIGNMENT = "stat479", "lecture08"

CONFIG = '''\
# nbgrader's settings for this course (written by `make course`). Run every nbgrader command
# from this folder; see the README, "Exercises", for the cycle and the grading environment.
c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "{course}"  # students name it in fetch/submit: rename at will
# A cell may wait for torch to import on a busy grading machine: allow more than nbgrader's 30 s.
c.Execute.timeout = 300
'''


def course_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` without its jupytext pairing metadata, nothing else changed."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("jupytext", None)
    return nb


def build(paths: list[Path], out_dir: Path, assignment: str = ASSIGNMENT) -> list[Path]:
    """Write the course directory for ``paths`` into ``out_dir``; return the files written."""
    out_dir = output_folder(out_dir, paths)
    notebooks = {p: nbformat.read(p, as_version=4) for p in paths}
    for path, nb in notebooks.items():
        student_notebook(nb, shown(path))  # the markers' check; the handout itself is nbgrader's job
    files = {f"source/{assignment}/{path.name}": notebook_bytes(course_notebook(nb))
             for path, nb in notebooks.items()}
    files["nbgrader_config.py"] = CONFIG.format(course=COURSE).encode()
    return write_files(out_dir, files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "course",
                        help="course directory (default: build/course)")
    parser.add_argument("--assignment", default=ASSIGNMENT, help=f"assignment name (default: {ASSIGNMENT})")
    args = parser.parse_args()
    if not args.assignment.isidentifier():
        parser.error(f"--assignment must be a name of letters, digits and _, got {args.assignment!r}")
    try:
        written = build(args.paths or manifest.notebooks(), args.out, args.assignment)
    except ValueError as error:
        raise SystemExit(f"make_course: {error}\nNothing was written.") from None
    for path in written:
        print(shown(path))


if __name__ == "__main__":
    main()
