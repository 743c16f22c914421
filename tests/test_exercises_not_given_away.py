"""A handout never gives an exercise away: at the moment a student reaches an exercise, no
function the notebook has defined so far already passes the exercise's check (the lesson cells
that computed the answer were reworked, moved after the exercise or made part of it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools import make_student, manifest

CHECK_CALL = re.compile(r"^(check_\w+)\(\w+\)$", re.M)
PROBE = "exercise probe: "


def _probe(check: str) -> nbformat.NotebookNode:
    """A cell that tries every function the notebook defined so far against ``check`` and
    prints the names of those that pass."""
    return nbformat.v4.new_code_cell(f"""\
import contextlib as _contextlib, io as _io, json as _json, types as _types
import matplotlib.pyplot as _plt
from logreg import checks as _checks
_passing = []
for _name, _fn in list(globals().items()):
    if isinstance(_fn, _types.FunctionType) and _fn.__module__ == "__main__" \\
            and not _name.startswith("_"):
        try:
            with _contextlib.redirect_stdout(_io.StringIO()):
                _checks.{check}(_fn)
        except BaseException:
            continue
        finally:
            _plt.close("all")
        _passing.append(_name)
print({PROBE!r} + _json.dumps([{check!r}, _passing]))""")


def _exercises(nb) -> list[tuple[int, str]]:
    """``(index of the solution cell, check)`` for every exercise of ``nb``."""
    found = []
    for i, cell in enumerate(nb.cells):
        match = CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        if match and cell.metadata.get("nbgrader", {}).get("grade"):
            solution = max(j for j in range(i) if "BEGIN SOLUTION" in nb.cells[j].source)
            found.append((solution, match.group(1)))
    return found


@pytest.mark.parametrize("ipynb", [p for p in manifest.notebooks()
                                   if "BEGIN SOLUTION" in p.read_text()], ids=lambda p: p.stem)
def test_no_function_before_an_exercise_already_answers_it(ipynb: Path, tmp_path: Path):
    exercises = _exercises(nbformat.read(ipynb, as_version=4))
    assert exercises, f"{ipynb.name}: no graded check call found"
    (handout_path,) = make_student.build([ipynb], tmp_path)
    handout = nbformat.read(handout_path, as_version=4)
    for solution, check in sorted(exercises, reverse=True):  # later indices first: stable
        handout.cells.insert(solution, _probe(check))
    # The stubs raise NotImplementedError, as a student's unfinished exercises do; go on.
    NotebookClient(handout, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(manifest.NOTEBOOKS_DIR)}}).execute()
    probes = [json.loads(line[len(PROBE):])
              for cell in handout.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "stream"
              for line in out.text.splitlines() if line.startswith(PROBE)]
    assert [check for check, _ in probes] == [check for _, check in exercises], probes
    given_away = {check: names for check, names in probes if names}
    assert not given_away, f"{ipynb.name}: functions above the exercise already pass: {given_away}"
