"""The judging half of tools/nbgrader_round_trip.py, without nbgrader (CI runs the whole cycle):
the students' answers are what they claim to be, and every deviation from the expected scores,
every leak in a release and every missing-file or missing-module error is caught."""

from __future__ import annotations

import nbformat
import numpy as np
import pytest

import logreg.checks
from tools import make_student, manifest
from tools import nbgrader_round_trip as rt


@pytest.fixture
def restored_checks():
    """Put back whatever a gamed answer changes in logreg.checks."""
    modules = [m for name, m in list(__import__("sys").modules.items()) if name.startswith("logreg.checks")]
    saved = {m: dict(vars(m)) for m in modules}
    yield
    for module, attributes in saved.items():
        for name in set(vars(module)) - set(attributes):
            delattr(module, name)
        vars(module).update(attributes)


def _softmax_notebook() -> nbformat.NotebookNode:
    (path,) = [p for p in manifest.notebooks() if "softmax_cross_entropy" in p.stem]
    return nbformat.read(path, as_version=4)


EXERCISE = """def softmax_exercise(Z):
    ### BEGIN SOLUTION
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
    ### END SOLUTION"""


def _answered(student: str, source: nbformat.NotebookNode | None = None) -> dict[str, str]:
    if source is None:
        source = nbformat.v4.new_notebook()
        source.cells = [nbformat.v4.new_code_cell(EXERCISE, metadata={"nbgrader": {
            "grade_id": "softmax_exercise", "solution": True, "grade": False}})]
    handout, _ = make_student.student_notebook(source)
    rt.answer(handout, source, rt.STUDENTS[student], [0])
    return {grade_id: cell.source for grade_id, cell in rt.solution_cells(handout).items()}


def test_the_solutions_student_submits_the_solutions():
    source = _softmax_notebook()
    solutions = {k: c.source for k, c in rt.solution_cells(source).items()}
    assert _answered("solutions", source) == solutions


@pytest.mark.parametrize("student", ["wrong", "cheat"])
def test_a_gamed_answer_is_one_percent_off_and_the_check_still_rejects_it(student: str, restored_checks):
    namespace = {"np": np, "check_softmax": logreg.checks.check_softmax}
    exec(_answered(student)["softmax_exercise"], namespace)
    Z = np.array([[1.0, 2.0, 3.0]])
    right = np.exp(Z) / np.exp(Z).sum()
    assert np.allclose(namespace["softmax_exercise"](Z), 1.01 * right)
    if student == "cheat":
        assert logreg.checks.check_softmax(namespace["softmax_exercise"]) is None, "not disabled"
        assert namespace["check_softmax"](namespace["softmax_exercise"]) is None, "not disabled"
    else:
        with pytest.raises(AssertionError, match="check_softmax"):
            logreg.checks.check_softmax(namespace["softmax_exercise"])


def test_right_answers_get_full_marks_and_anything_else_none():
    graded = [f"check_{i}" for i in range(12)]
    expected = rt.expected_scores(graded)
    assert [sum(expected[s].values()) for s in ("solutions", "blank", "wrong", "mixed", "cheat")] == [
        12, 0, 0, 6, 0]
    assert [expected["mixed"][c] for c in graded[:4]] == [1.0, 0.0, 1.0, 0.0]


def test_any_score_off_by_one_cell_is_a_deviation():
    expected = rt.expected_scores(["a", "b"])
    scores = {student: dict(cells) for student, cells in expected.items()}
    assert rt.report(scores, expected) == []
    scores["wrong"]["b"] = 1.0
    del scores["blank"]["a"]
    assert rt.report(scores, expected) == ["blank: a scored None, expected 0.0",
                                           "wrong: b scored 1.0, expected 0.0"]


def test_missing_modules_and_files_in_graded_notebooks_are_found(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import logreg"), nbformat.v4.new_code_cell("1/0")]
    nb.cells[0].outputs = [nbformat.v4.new_output("error", ename="ModuleNotFoundError",
                                                  evalue="No module named 'logreg'", traceback=[])]
    nb.cells[1].outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="",
                                                  traceback=[])]
    (tmp_path / "alice" / "lecture08").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "alice" / "lecture08" / "01_x.ipynb")
    assert rt.forbidden_errors(tmp_path) == [
        "alice/lecture08/01_x.ipynb cell 1: ModuleNotFoundError: No module named 'logreg'"]


def test_a_release_that_leaks_or_keeps_the_pairing_is_a_deviation(tmp_path):
    source = _softmax_notebook()
    handout, _ = make_student.student_notebook(source)
    nbformat.write(handout, tmp_path / "05.ipynb")
    rt.check_release(tmp_path, {"05.ipynb": source})
    handout.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    nbformat.write(handout, tmp_path / "05.ipynb")
    with pytest.raises(rt.Deviation, match="jupytext"):
        rt.check_release(tmp_path, {"05.ipynb": source})
    nbformat.write(source, tmp_path / "05.ipynb")
    del source.metadata["jupytext"]
    nbformat.write(source, tmp_path / "05.ipynb")
    with pytest.raises(rt.Deviation, match="differs from the handout"):
        rt.check_release(tmp_path, {"05.ipynb": _softmax_notebook()})
