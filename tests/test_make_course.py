"""The nbgrader course directory (tools/make_course.py, `make course`): nbgrader_config.py and
source/lecture08/*.ipynb, each notebook as it is with only the jupytext pairing metadata removed;
checked and written as `make student` checks and writes. (tools/nbgrader_round_trip.py runs
nbgrader on it in CI.)"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from traitlets.config import Config

from tools import make_course, manifest


def _as_json(path: Path) -> dict:
    return json.loads(path.read_text())


def test_the_course_holds_the_notebooks_without_their_pairing_metadata_only(tmp_path: Path):
    written = make_course.build(manifest.notebooks(), tmp_path / "course")
    source = tmp_path / "course" / "source" / "lecture08"
    assert sorted(written) == sorted([tmp_path / "course" / "nbgrader_config.py"] +
                                     [source / p.name for p in manifest.notebooks()])
    for original in manifest.notebooks():
        expected = _as_json(original)
        assert "jupytext" in expected["metadata"], f"{original.name} is no longer paired?"
        del expected["metadata"]["jupytext"]
        assert _as_json(source / original.name) == expected, f"{original.name} changed beyond its metadata"


def test_the_config_names_the_course_and_allows_slow_cells(tmp_path: Path):
    make_course.build(manifest.notebooks()[:1], tmp_path / "course")
    config = Config()
    exec((tmp_path / "course" / "nbgrader_config.py").read_text(), {"get_config": lambda: config})
    assert config.CourseDirectory.course_id == make_course.COURSE
    assert config.Execute.timeout >= 120


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook(metadata={"jupytext": {"formats": "ipynb,py:percent"}})
    nb.cells = [nbformat.v4.new_code_cell(
        "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION")]
    path = tmp_path / "src" / "01_x.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    return path


def test_a_misspelled_marker_stops_the_course_before_anything_is_written(notebook: Path, tmp_path: Path):
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("END SOLUTION", "end solution")
    nbformat.write(nb, notebook)
    with pytest.raises(ValueError, match=r"01_x\.ipynb, cell 1 of 1 .*'### end solution' is not an nbgrader"):
        make_course.build([notebook], tmp_path / "course")
    assert not (tmp_path / "course").exists()


def test_a_linked_folder_in_the_course_does_not_lead_into_the_sources(notebook: Path, tmp_path: Path):
    before = notebook.read_bytes()
    (tmp_path / "course" / "source").mkdir(parents=True)
    (tmp_path / "course" / "source" / "lecture08").symlink_to(notebook.parent, target_is_directory=True)
    with pytest.raises(ValueError, match=r"output folder: \S*course/source/lecture08/01_x\.ipynb "
                                         r"-> \S*src/01_x\.ipynb"):
        make_course.build([notebook], tmp_path / "course")
    assert notebook.read_bytes() == before
    assert sorted(p.name for p in notebook.parent.iterdir()) == ["01_x.ipynb"]
    assert not (tmp_path / "course" / "nbgrader_config.py").exists()


def test_no_course_inside_notebooks(notebook: Path):
    with pytest.raises(ValueError, match="refusing to write into"):
        make_course.build([notebook], manifest.NOTEBOOKS_DIR / "course")
    assert not (manifest.NOTEBOOKS_DIR / "course").exists()
