"""Build the student notebooks: every solution region replaced by a stub, every output cleared.

    python tools/make_student.py                       # notebooks/*.ipynb -> build/student/
    python tools/make_student.py --out DIR NB.ipynb    # chosen notebooks, another folder

A solution region is what nbgrader calls one: the lines from one containing ``BEGIN SOLUTION``
(written ``### BEGIN SOLUTION``) to one containing ``END SOLUTION``. In a code cell it becomes
``# YOUR CODE HERE`` and ``raise NotImplementedError()``, indented like the BEGIN line; in a
markdown cell, ``YOUR ANSWER HERE``. Everything else (imports, signatures, docstrings, the
check cells) stays. Outputs and execution counts are cleared in every notebook.

This is what nbgrader's ``ClearSolutions`` and ``ClearOutput`` preprocessors do (``nbgrader
generate_assignment``), line for line (stricter only in rejecting an END without a BEGIN), without
installing nbgrader into the project: nbgrader 0.9.6 adds six packages (about 81 MB) and
JupyterLab server extensions and menus that the classroom does not need.
``tests/test_student_notebooks.py`` compares the two when nbgrader is installed.
The sources in notebooks/ are never written.
"""

from __future__ import annotations

import argparse
import copy
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
CODE_STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
TEXT_STUB = ["YOUR ANSWER HERE"]


def clear_solutions(source: str, cell_type: str = "code") -> tuple[str, int]:
    """Replace every solution region of a cell's ``source`` by the stub; return the new
    source and the number of regions replaced. Nested or unterminated regions raise ValueError."""
    stub = CODE_STUB if cell_type == "code" else TEXT_STUB
    out: list[str] = []
    inside, regions = False, 0
    for line in source.split("\n"):
        if BEGIN in line:
            if inside:
                raise ValueError(f"nested {BEGIN!r} in cell:\n{source}")
            inside, regions = True, regions + 1
            indent = re.match(r"\s*", line).group(0)
            out += [indent + s for s in stub]
        elif END in line:
            if not inside:
                raise ValueError(f"{END!r} without {BEGIN!r} in cell:\n{source}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{BEGIN!r} without {END!r} in cell:\n{source}")
    return "\n".join(out), regions


def clear_hidden_tests(source: str) -> str:
    """Remove every hidden-test region (markers included) from a cell's ``source``, as
    nbgrader's ``ClearHiddenTests`` does: graders keep them, students never see them."""
    out: list[str] = []
    inside = False
    for line in source.split("\n"):
        if BEGIN_HIDDEN in line:
            if inside:
                raise ValueError(f"nested {BEGIN_HIDDEN!r} in cell:\n{source}")
            inside = True
        elif END_HIDDEN in line:
            if not inside:
                raise ValueError(f"{END_HIDDEN!r} without {BEGIN_HIDDEN!r} in cell:\n{source}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{BEGIN_HIDDEN!r} without {END_HIDDEN!r} in cell:\n{source}")
    return "\n".join(out)


def student_notebook(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """A copy of ``nb`` with solutions replaced and outputs cleared; and the number of regions."""
    nb = copy.deepcopy(nb)
    total = 0
    for cell in nb.cells:
        cell.source, regions = clear_solutions(clear_hidden_tests(cell.source), cell.cell_type)
        total += regions
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    nb.metadata.pop("celltoolbar", None)
    nb.metadata.pop("jupytext", None)  # a handout, not a jupytext pair
    return nb, total


def build(paths: list[Path], out_dir: Path) -> dict[Path, int]:
    """Write the student version of every notebook in ``paths`` into ``out_dir``; return
    {written path: number of solution regions replaced}."""
    out_dir = out_dir.resolve()
    if any(out_dir == p.resolve().parent for p in paths):
        raise ValueError(f"refusing to write student notebooks over their sources in {out_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for path in paths:
        nb, regions = student_notebook(nbformat.read(path, as_version=4))
        target = out_dir / path.name
        nbformat.write(nb, target)
        written[target] = regions
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student",
                        help="output folder (default: build/student)")
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for target, regions in build(paths, args.out).items():
        print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
              f"{regions} solution region(s) replaced")


if __name__ == "__main__":
    main()
