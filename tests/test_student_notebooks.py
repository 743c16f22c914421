"""Student notebooks (tools/make_student.py, `make student`): solutions replaced by the
nbgrader stub, outputs cleared; executed, a student notebook stops at its first exercise with
NotImplementedError and with no other error before it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import logreg.checks
from tools import make_student, manifest

NOTEBOOKS = manifest.NOTEBOOKS_DIR
BEGIN = "### BEGIN SOLUTION"
STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]


def _with_exercises() -> list[Path]:
    return [p for p in manifest.notebooks() if BEGIN in p.read_text()]


def _solution_cells(nb) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if "BEGIN SOLUTION" in c.source]


def _solution_lines(source: str) -> list[str]:
    """The non-blank lines inside the solution regions of a cell's source."""
    blocks = re.findall(r"BEGIN SOLUTION[^\n]*\n(.*?)\n[^\n]*END SOLUTION", source, flags=re.S)
    return [line.strip() for block in blocks for line in block.split("\n") if line.strip()]


def _execute_until_error(nb, cwd: Path) -> tuple[int, dict] | None:
    """Execute ``nb`` (kernel python3 = this interpreter) in ``cwd``; return the index and the
    error output of the cell that stopped it, or None if every cell ran."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}}, record_timing=False)
    try:
        client.execute()
    except CellExecutionError:
        pass
    errors = [(i, o) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert len(errors) <= 1, f"more than one error: {errors}"
    return errors[0] if errors else None


def _assert_stops_at_first_exercise(student, first: int, student_name: str, cwd: Path) -> None:
    """``first``: the index of the first solution cell (in the source notebook)."""
    stopped = _execute_until_error(student, cwd)
    assert stopped is not None, f"{student_name} ran to the end: no exercise stopped it"
    index, error = stopped
    check = next(i for i in range(first, len(student.cells))
                 if student.cells[i].cell_type == "code" and "check_" in student.cells[i].source)
    assert error.ename == "NotImplementedError", (
        f"{student_name}: cell {index} raised {error.ename}: {error.evalue}")
    assert first <= index <= check, (
        f"{student_name}: stopped at cell {index}, not at the first exercise (cells {first}-{check})")


# --- the build itself, on a small fixture ------------------------------------------------------

EXERCISE = '''def softmax_exercise(Z):
    """Row-wise softmax."""
    ### BEGIN SOLUTION
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
    ### END SOLUTION'''


@pytest.fixture
def fixture_notebook(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    nb.cells = [
        nbformat.v4.new_code_cell("import numpy as np\nfrom logreg.checks import check_softmax"),
        nbformat.v4.new_markdown_cell("## Exercise: softmax"),
        nbformat.v4.new_code_cell(EXERCISE),
        nbformat.v4.new_code_cell("check_softmax(softmax_exercise)"),
        nbformat.v4.new_code_cell("print('after the exercise')"),
    ]
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", text="check_softmax: all passed\n")]
    nb.cells[3].execution_count = 4
    path = tmp_path / "src" / "fixture.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    return path


def test_fixture_solution_passes_its_check(fixture_notebook: Path):
    nb = nbformat.read(fixture_notebook, as_version=4)
    assert _execute_until_error(nb, fixture_notebook.parent) is None
    assert "check_softmax: all 8 cases passed" in nb.cells[3].outputs[0].text


def test_fixture_student_version_replaces_the_solution(fixture_notebook: Path, tmp_path: Path):
    written = make_student.build([fixture_notebook], tmp_path / "student")
    assert list(written.values()) == [1]
    student = nbformat.read(tmp_path / "student" / "fixture.ipynb", as_version=4)
    source = student.cells[2].source
    assert source.split("\n") == ['def softmax_exercise(Z):', '    """Row-wise softmax."""'] + [
        "    " + s for s in STUB]
    for cell in student.cells:
        assert "SOLUTION" not in cell.source and "np.exp" not in cell.source
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert [c.source for i, c in enumerate(student.cells) if i != 2] == [
        c.source for i, c in enumerate(nbformat.read(fixture_notebook, 4).cells) if i != 2]


def test_fixture_student_version_stops_at_the_exercise(fixture_notebook: Path, tmp_path: Path):
    make_student.build([fixture_notebook], tmp_path / "student")
    student = nbformat.read(tmp_path / "student" / "fixture.ipynb", as_version=4)
    _assert_stops_at_first_exercise(student, 2, "fixture", fixture_notebook.parent)
    assert "check_softmax(softmax_exercise)" in student.cells[3].outputs[0].evalue
    assert student.cells[4].outputs == [], "a cell after the exercise ran"


def test_build_refuses_to_overwrite_the_sources(fixture_notebook: Path):
    with pytest.raises(ValueError, match="refusing"):
        make_student.build([fixture_notebook], fixture_notebook.parent)


@pytest.mark.parametrize(("source", "expected"), [
    ("x = 1\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION\nz = 3", "x = 1\n" + "\n".join(STUB)
     + "\nz = 3"),
    ("def f():\n        ### BEGIN SOLUTION\n        pass\n        ### END SOLUTION",
     "def f():\n" + "\n".join("        " + s for s in STUB)),
    ("a\n### BEGIN SOLUTION\nb\n### END SOLUTION\nc\n### BEGIN SOLUTION\nd\n### END SOLUTION",
     "a\n" + "\n".join(STUB) + "\nc\n" + "\n".join(STUB)),
    ("no markers", "no markers"),
])
def test_clear_solutions_code(source: str, expected: str):
    assert make_student.clear_solutions(source, "code")[0] == expected


def test_clear_solutions_markdown():
    text = "Why?\n\n=== BEGIN SOLUTION ===\nBecause.\n=== END SOLUTION ==="
    assert make_student.clear_solutions(text, "markdown") == ("Why?\n\nYOUR ANSWER HERE", 1)


def test_hidden_tests_are_removed_with_their_markers():
    source = "check(f)\n### BEGIN HIDDEN TESTS\nassert f(1) == 2\n### END HIDDEN TESTS\nprint(1)"
    assert make_student.clear_hidden_tests(source) == "check(f)\nprint(1)"


@pytest.mark.parametrize(("clear", "marker"), [(make_student.clear_solutions, "SOLUTION"),
                                               (make_student.clear_hidden_tests, "HIDDEN TESTS")])
@pytest.mark.parametrize(("source", "message"), [
    ("### BEGIN {m}\n### BEGIN {m}\n### END {m}", "nested 'BEGIN {m}' in cell"),
    ("### BEGIN {m}\nx = 1", "'BEGIN {m}' without 'END {m}' in cell"),
    ("x = 1\n### END {m}", "'END {m}' without 'BEGIN {m}' in cell"),
])
def test_malformed_regions_are_rejected(clear, marker: str, source: str, message: str):
    source = source.format(m=marker)
    with pytest.raises(ValueError, match=f"^{re.escape(message.format(m=marker))}:\n"):
        clear(source)


def _nbgrader_preprocessors():
    """nbgrader is not a project dependency (see make_student.py): skip without it, unless
    LOGREG_REQUIRE_NBGRADER is set (.ci/run installs it and sets it)."""
    if os.environ.get("LOGREG_REQUIRE_NBGRADER"):
        import nbgrader.preprocessors

        return nbgrader.preprocessors
    return pytest.importorskip("nbgrader.preprocessors")


def test_same_sources_as_nbgrader_clear_solutions(fixture_notebook: Path):
    preprocessors = _nbgrader_preprocessors()
    nb = nbformat.read(fixture_notebook, as_version=4)
    ours, _ = make_student.student_notebook(nb)
    theirs, _ = preprocessors.ClearSolutions(enforce_metadata=False).preprocess(
        nb, {"language": "python"})
    assert [c.source for c in ours.cells] == [c.source for c in theirs.cells]


@pytest.mark.parametrize("ipynb", _with_exercises(), ids=lambda p: p.stem)
def test_nbgrader_takes_the_real_notebooks_as_they_are(ipynb: Path):
    """With its metadata checks on, nbgrader's ClearSolutions and ClearHiddenTests accept every
    notebook and make the same handout cells as `make student`."""
    preprocessors = _nbgrader_preprocessors()
    nb = nbformat.read(ipynb, as_version=4)
    ours, _ = make_student.student_notebook(nb)
    theirs, _ = preprocessors.ClearSolutions().preprocess(nb, {"language": "python"})
    theirs, _ = preprocessors.ClearHiddenTests().preprocess(theirs, {})
    assert [c.source for c in ours.cells] == [c.source for c in theirs.cells]


# --- the real notebooks ----------------------------------------------------------------------


@pytest.mark.parametrize("ipynb", _with_exercises(), ids=lambda p: p.stem)
def test_student_notebook_has_no_solution_and_stops_at_first_exercise(ipynb: Path, tmp_path: Path):
    (target,) = make_student.build([ipynb], tmp_path)
    source = nbformat.read(ipynb, as_version=4)
    student = nbformat.read(target, as_version=4)
    assert len(student.cells) == len(source.cells)
    text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert "HIDDEN TESTS" not in text, "hidden tests reached the handout"
    for i in _solution_cells(source):
        for line in _solution_lines(source.cells[i].source):
            assert line not in student.cells[i].source, f"cell {i} still holds {line!r}"
        assert "\n".join(STUB) in re.sub(r"\n\s+", "\n", student.cells[i].source)
    for cell in student.cells:
        assert cell.cell_type != "code" or (cell.outputs == [] and cell.execution_count is None)
    _assert_stops_at_first_exercise(student, _solution_cells(source)[0], target.name, NOTEBOOKS)


def test_every_notebook_has_an_exercise():
    have = set(_with_exercises())
    missing = [p.stem for p in manifest.notebooks() if p not in have]
    assert not missing, f"notebooks without an exercise ({BEGIN} ... ### END SOLUTION): {missing}"


def test_every_check_is_called_in_a_notebook():
    text = "\n".join(p.read_text() for p in manifest.scripts())
    unused = [name for name in logreg.checks.EXERCISES if f"{name}(" not in text]
    assert not unused, f"checks no notebook calls: {unused}"


def _graded_cells(ipynb: Path) -> list:
    nb = nbformat.read(ipynb, as_version=4)
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


@pytest.mark.parametrize("ipynb", _with_exercises(), ids=lambda p: p.stem)
def test_every_autograded_cell_carries_hidden_tests(ipynb: Path):
    """What a student's code could loosen in logreg.checks, the hidden tests recompute with
    torch in the cell itself."""
    graded = _graded_cells(ipynb)
    assert graded, f"{ipynb.name}: no autograded cell"
    for cell in graded:
        assert "### BEGIN HIDDEN TESTS" in cell.source and "torch." in cell.source, cell.source


def test_the_course_has_at_least_twelve_autograded_exercises():
    graded = sum(len(_graded_cells(p)) for p in manifest.notebooks())
    assert graded >= 12 == len(logreg.checks.EXERCISES), graded


# --- refusals: a marker nbgrader would not see, an output folder that leads into the sources ------


@pytest.mark.parametrize(("begin", "end"), [
    ("### Begin Solution", "### End Solution"),
    ("### begin solution", "### END SOLUTION"),
    ("### BEGIN SOLUTION", "### END  SOLUTION"),
    ("### BEGINSOLUTION", "### ENDSOLUTION"),
    ("### BEGIN\tSOLUTION", "### END SOLUTION"),
    ("### BEGIN_SOLUTION", "### END_SOLUTION"),
])
def test_a_misspelled_solution_marker_is_an_error_and_nothing_is_written(
        fixture_notebook: Path, tmp_path: Path, begin: str, end: str):
    nb = nbformat.read(fixture_notebook, as_version=4)
    nb.cells[2].source = EXERCISE.replace("### BEGIN SOLUTION", begin).replace("### END SOLUTION", end)
    nbformat.write(nb, fixture_notebook)
    out = tmp_path / "student"
    where = r"fixture\.ipynb, cell 3 of 5 \(code, starting 'def softmax_exercise"
    with pytest.raises(ValueError, match=where) as error:
        make_student.build([fixture_notebook], out)
    assert "is not an nbgrader marker" in str(error.value)
    assert ("'### BEGIN SOLUTION'" in str(error.value)) != ("'### END SOLUTION'" in str(error.value))
    assert not out.exists(), "a refused build wrote something"


@pytest.mark.parametrize("marker", ["### Begin Hidden Tests", "### BEGIN HIDDEN TEST", "### end hidden tests",
                                    "### BEGIN  HIDDEN TESTS", "### BEGIN HIDDENTESTS"])
def test_a_misspelled_hidden_tests_marker_is_an_error(fixture_notebook: Path, tmp_path: Path, marker: str):
    nb = nbformat.read(fixture_notebook, as_version=4)
    nb.cells[3].source += f"\n{marker}\nassert softmax_exercise is not None"
    nbformat.write(nb, fixture_notebook)
    with pytest.raises(ValueError, match=r"cell 4 of 5 .* is not an nbgrader marker.*HIDDEN TESTS"):
        make_student.build([fixture_notebook], tmp_path / "student")
    assert not (tmp_path / "student").exists()


def test_markers_in_prose_and_nbgraders_own_pass(fixture_notebook: Path, tmp_path: Path):
    """Only marker-like phrases are errors: ordinary words around them are not."""
    nb = nbformat.read(fixture_notebook, as_version=4)
    nb.cells[1].source += "\n\nAt the end, solutions appear; weekend solutions and pending tests do not."
    nbformat.write(nb, fixture_notebook)
    assert list(make_student.build([fixture_notebook], tmp_path / "student").values()) == [1]


def test_a_misspelled_marker_in_one_notebook_stops_every_notebook(fixture_notebook: Path, tmp_path: Path):
    bad = fixture_notebook.with_name("z_bad.ipynb")
    nb = nbformat.read(fixture_notebook, as_version=4)
    nb.cells[2].source = EXERCISE.replace("BEGIN SOLUTION", "Begin Solution")
    nbformat.write(nb, bad)
    with pytest.raises(ValueError, match="z_bad.ipynb, cell 3"):
        make_student.build([fixture_notebook, bad], tmp_path / "student")
    assert not (tmp_path / "student").exists(), "the good notebook was written before the bad one"


def test_the_command_line_names_the_problem_and_writes_nothing(fixture_notebook: Path, tmp_path: Path,
                                                              monkeypatch):
    nb = nbformat.read(fixture_notebook, as_version=4)
    nb.cells[2].source = EXERCISE.replace("END SOLUTION", "End Solution")
    nbformat.write(nb, fixture_notebook)
    monkeypatch.setattr("sys.argv", ["make_student.py", "--out", str(tmp_path / "s"), str(fixture_notebook)])
    with pytest.raises(SystemExit, match=r"(?s)fixture\.ipynb, cell 3 .*End Solution.*Nothing was written"):
        make_student.main()


def test_no_output_folder_inside_notebooks(fixture_notebook: Path):
    target = NOTEBOOKS / "student-copies"
    with pytest.raises(ValueError, match="refusing to write into .*notebooks"):
        make_student.build([fixture_notebook], target)
    assert not target.exists()


def test_no_output_folder_inside_the_sources_folder_even_through_a_link(fixture_notebook: Path,
                                                                         tmp_path: Path):
    source_bytes = fixture_notebook.read_bytes()
    (tmp_path / "linked").symlink_to(fixture_notebook.parent, target_is_directory=True)
    for out in (fixture_notebook.parent / "student", tmp_path / "linked"):
        with pytest.raises(ValueError, match="refusing to write into"):
            make_student.build([fixture_notebook], out)
    assert fixture_notebook.read_bytes() == source_bytes
    assert sorted(p.name for p in fixture_notebook.parent.iterdir()) == ["fixture.ipynb"]


def test_a_link_in_the_output_folder_is_not_followed(fixture_notebook: Path, tmp_path: Path):
    source_bytes = fixture_notebook.read_bytes()
    out = tmp_path / "student"
    out.mkdir()
    (out / "fixture.ipynb").symlink_to(fixture_notebook)
    with pytest.raises(ValueError, match=r"output folder: .*fixture\.ipynb -> .*src/fixture\.ipynb"):
        make_student.build([fixture_notebook], out)
    assert fixture_notebook.read_bytes() == source_bytes


def test_a_hard_link_in_the_output_folder_does_not_lead_to_the_source(fixture_notebook: Path, tmp_path: Path):
    source_bytes = fixture_notebook.read_bytes()
    out = tmp_path / "student"
    out.mkdir()
    os.link(fixture_notebook, out / "fixture.ipynb")
    make_student.build([fixture_notebook], out)
    assert fixture_notebook.read_bytes() == source_bytes, "the handout was written into the source"
    assert "np.exp" not in (out / "fixture.ipynb").read_text()
