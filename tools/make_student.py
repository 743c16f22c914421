"""Build the student notebooks: every solution region replaced by a stub, every output cleared.

    python -m tools.make_student                       # notebooks/*.ipynb -> build/student/
    python -m tools.make_student --out DIR NB.ipynb    # chosen notebooks, another folder

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

A marker nbgrader would not recognise (``### Begin Solution``, ``END  SOLUTION``,
``BEGIN HIDDEN TEST``: another case or spacing) would let its region ship, so it is an error
naming the notebook and the cell, and nothing is written. Nor is anything written into
notebooks/: an output folder inside it is refused, and every file is replaced, never written
through, so a link in the output folder cannot lead there.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import tempfile
from pathlib import Path

import nbformat

from tools import manifest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = manifest.NOTEBOOKS_DIR
BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
#: Anything that reads as one of the four markers, in any case or spacing.
MARKER_LIKE = re.compile(r"\b(begin|end)[\s_-]*(solution|hidden[\s_-]*tests?)\b", re.IGNORECASE)
CODE_STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
TEXT_STUB = ["YOUR ANSWER HERE"]


def clear_solutions(source: str, cell_type: str = "code") -> tuple[str, int]:
    """Replace every solution region of a cell's ``source`` by the stub; return the new
    source and the number of regions replaced. Nested or unterminated regions raise ValueError."""
    return _replace_regions(source, BEGIN, END, CODE_STUB if cell_type == "code" else TEXT_STUB)


def clear_hidden_tests(source: str) -> str:
    """Remove every hidden-test region (markers included) from a cell's ``source``, as
    nbgrader's ``ClearHiddenTests`` does: graders keep them, students never see them."""
    return _replace_regions(source, BEGIN_HIDDEN, END_HIDDEN, [])[0]


def _replace_regions(source: str, begin: str, end: str, stub: list[str]) -> tuple[str, int]:
    """``source`` with each region, from a line containing ``begin`` to one containing ``end``,
    replaced by ``stub`` indented like its first line; and how many regions there were."""
    out: list[str] = []
    inside, regions = False, 0
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise ValueError(f"nested {begin!r} in cell:\n{source}")
            inside, regions = True, regions + 1
            indent = re.match(r"\s*", line).group(0)
            out += [indent + s for s in stub]
        elif end in line:
            if not inside:
                raise ValueError(f"{end!r} without {begin!r} in cell:\n{source}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{begin!r} without {end!r} in cell:\n{source}")
    return "\n".join(out), regions


def check_markers(source: str) -> None:
    """Raise ValueError for a line holding a marker that is not exactly nbgrader's."""
    for line in source.split("\n"):
        for found in MARKER_LIKE.finditer(line):
            if found.group(0) not in (BEGIN, END, BEGIN_HIDDEN, END_HIDDEN):
                exact = f"{found.group(1)} {found.group(2)}".upper()
                exact = re.sub(r"HIDDEN[\s_-]*TESTS?", "HIDDEN TESTS", exact)
                raise ValueError(
                    f"{line.strip()!r} is not an nbgrader marker (another case or spacing), so what "
                    f"it marks would reach the students; write {'### ' + exact!r} exactly")


def _where(name: str, index: int, nb: nbformat.NotebookNode) -> str:
    cell = nb.cells[index]
    first = next((line.strip() for line in cell.source.split("\n") if line.strip()), "")
    return f"{name}, cell {index + 1} of {len(nb.cells)} ({cell.cell_type}, starting {first[:60]!r})"


def student_notebook(nb: nbformat.NotebookNode, name: str = "notebook") -> tuple[nbformat.NotebookNode, int]:
    """A copy of ``nb`` with solutions replaced and outputs cleared; and the number of regions.
    A misspelled or malformed marker raises ValueError naming ``name`` and the cell."""
    nb = copy.deepcopy(nb)
    total = 0
    for index, cell in enumerate(nb.cells):
        try:
            check_markers(cell.source)
            cell.source, regions = clear_solutions(clear_hidden_tests(cell.source), cell.cell_type)
        except ValueError as error:
            raise ValueError(f"{_where(name, index, nb)}: {error}") from None
        total += regions
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    nb.metadata.pop("celltoolbar", None)
    nb.metadata.pop("jupytext", None)  # a handout, not a jupytext pair
    return nb, total


def shown(path: Path) -> str:
    """``path`` (links not followed) relative to the repository when inside it."""
    path = path.absolute()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def output_folder(out_dir: Path, sources: list[Path]) -> Path:
    """``out_dir`` resolved (links followed); ValueError if that lies in notebooks/ or in the
    folder of one of ``sources``: the sources are never written."""
    out_dir = out_dir.resolve()
    for folder in {NOTEBOOKS.resolve(), *(p.resolve().parent for p in sources)}:
        if out_dir.is_relative_to(folder):
            raise ValueError(f"refusing to write into {out_dir}: it is in {shown(folder)}, the "
                             f"source notebooks' folder; choose an output folder outside it "
                             f"(the default is under build/)")
    return out_dir


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` ({path relative to ``out_dir``: content}) under the resolved ``out_dir``;
    return their paths. A target that is a link, or lies in a linked folder, is refused before
    anything is written; each file is then replaced (written beside it, renamed over it), never
    written through, so not even a hard link leads elsewhere."""
    targets = {out_dir / name: data for name, data in files.items()}
    links = [f"{shown(t)} -> {t.resolve()}" for t in targets
             if t.is_symlink() or t.parent.resolve() != t.parent]
    if links:
        raise ValueError(f"refusing to write through links in the output folder: {'; '.join(links)}; "
                         f"delete them and run again")
    for target, data in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, target)
    return list(targets)


def notebook_bytes(nb: nbformat.NotebookNode) -> bytes:
    """``nb`` as nbformat.write stores it."""
    return (nbformat.writes(nb).rstrip("\n") + "\n").encode()


def build(paths: list[Path], out_dir: Path) -> dict[Path, int]:
    """Write the student version of every notebook in ``paths`` into ``out_dir``; return
    {written path: number of solution regions replaced}. Every notebook is checked before
    any is written."""
    out_dir = output_folder(out_dir, paths)
    handouts = {p.name: student_notebook(nbformat.read(p, as_version=4), shown(p)) for p in paths}
    written = write_files(out_dir, {name: notebook_bytes(nb) for name, (nb, _) in handouts.items()})
    return {target: handouts[target.name][1] for target in written}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student",
                        help="output folder (default: build/student)")
    args = parser.parse_args()
    paths = args.paths or manifest.notebooks()
    try:
        written = build(paths, args.out)
    except ValueError as error:
        raise SystemExit(f"make_student: {error}\nNothing was written.") from None
    for target, regions in written.items():
        print(f"{shown(target)}: {regions} solution region(s) replaced")


if __name__ == "__main__":
    main()
