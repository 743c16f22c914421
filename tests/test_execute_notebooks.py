"""tools/execute_notebooks.py (`make sync`, `make notebooks`): an edit in either twin of a pair is
carried over; edits in both stop the sync before anything is written; every overwritten file is
backed up under its own name, outside what `make clean` deletes; a failed execution writes
nothing. All on small notebooks in tmp_path: notebooks/ is never touched."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import jupytext
import nbformat
import pytest

from tools import execute_notebooks as ex

ROOT = ex.ROOT


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "jupytext": {"formats": ex.PAIRING}})
    nb.cells = [nbformat.v4.new_markdown_cell("# A tiny notebook")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    return nb


def _sync(*paths: Path, keep: str | None = None) -> int:
    return ex.main(["--sync-only", *(["--keep", keep] if keep else []), *map(str, paths)])


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """A synced pair tmp_path/notebooks/01_tiny.{ipynb,py}; returns the .py."""
    py = tmp_path / "notebooks" / "01_tiny.py"
    py.parent.mkdir()
    jupytext.write(_notebook("x = 1\nprint(x)"), py, fmt=ex.PY_FORMAT)
    assert _sync(py) == 0
    assert py.with_suffix(".ipynb").exists()
    return py


def _edit_py(py: Path, old: str, new: str) -> None:
    text = py.read_text()
    assert old in text
    py.write_text(text.replace(old, new))


def _edit_ipynb(ipynb: Path, old: str, new: str) -> None:
    """An edit as JupyterLab saves it, without jupytext writing the twin."""
    nb = nbformat.read(ipynb, as_version=4)
    cell = next(c for c in nb.cells if old in c.source)
    cell.source = cell.source.replace(old, new)
    nbformat.write(nb, ipynb)


def _sources(path: Path) -> list[str]:
    return [c.source for c in jupytext.read(path).cells]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _touch_newer(path: Path, than: Path) -> None:
    later = than.stat().st_mtime + 10
    os.utime(path, (later, later))


# --- one twin edited: it wins, whatever the timestamps say -------------------------------------


def test_an_edit_of_the_py_reaches_the_ipynb(pair: Path):
    ipynb = pair.with_suffix(".ipynb")
    _edit_py(pair, "x = 1", "x = 2")
    _touch_newer(ipynb, pair)  # a checkout or a copy can make the stale twin look newer
    assert _sync(pair) == 0
    assert "x = 2\nprint(x)" in _sources(ipynb)
    assert _sources(ipynb) == _sources(pair)


def test_an_edit_of_the_ipynb_reaches_the_py(pair: Path):
    ipynb = pair.with_suffix(".ipynb")
    _edit_ipynb(ipynb, "x = 1", "x = 3")
    _touch_newer(pair, ipynb)
    assert _sync(pair) == 0
    assert "x = 3\nprint(x)" in _sources(pair)


def test_twins_saved_together_are_no_conflict(pair: Path):
    """JupyterLab with jupytext writes both twins on save: both changed, but they agree."""
    ipynb = pair.with_suffix(".ipynb")
    nb = nbformat.read(ipynb, as_version=4)
    nb.cells[1].source = "x = 4\nprint(x)"
    nbformat.write(nb, ipynb)
    jupytext.write(nb, pair, fmt=ex.PY_FORMAT)
    assert _sync(pair) == 0
    assert "x = 4\nprint(x)" in _sources(ipynb)


# --- both twins edited: nothing written, both named, the way out given --------------------------


def test_edits_in_both_twins_stop_the_sync_and_write_nothing(pair: Path, capsys):
    ipynb = pair.with_suffix(".ipynb")
    _edit_py(pair, "x = 1", "x = 'from the editor'")
    _edit_ipynb(ipynb, "x = 1", "x = 'from JupyterLab'")
    before = _snapshot(pair.parents[1])
    assert _sync(pair) == 1
    assert _snapshot(pair.parents[1]) == before, "a refused sync wrote something"
    message = capsys.readouterr().err
    assert "both were edited since their last sync" in message and "Nothing was written" in message
    for name in ("01_tiny.ipynb", "01_tiny.py", "KEEP=py", "KEEP=ipynb", "--keep"):
        assert name in message


def test_a_conflict_in_one_pair_writes_no_other_pair(pair: Path):
    other = pair.with_name("02_other.py")
    jupytext.write(_notebook("y = 1"), other, fmt=ex.PY_FORMAT)
    assert _sync(other) == 0
    _edit_py(other, "y = 1", "y = 2")  # a clean edit, to be carried over ...
    _edit_py(pair, "x = 1", "x = 5")
    _edit_ipynb(pair.with_suffix(".ipynb"), "x = 1", "x = 6")
    before = _snapshot(pair.parents[1])
    assert _sync(other, pair) == 1  # ... but not while another pair is in conflict
    assert _snapshot(pair.parents[1]) == before


@pytest.mark.parametrize(("keep", "kept", "lost_to_backup"), [("py", "x = 5", "x = 6"),
                                                               ("ipynb", "x = 6", "x = 5")])
def test_keep_chooses_a_twin_and_backs_up_the_other(pair: Path, keep: str, kept: str, lost_to_backup: str):
    ipynb = pair.with_suffix(".ipynb")
    _edit_py(pair, "x = 1", "x = 5")
    _edit_ipynb(ipynb, "x = 1", "x = 6")
    assert _sync(pair, keep=keep) == 0
    assert f"{kept}\nprint(x)" in _sources(ipynb) and _sources(ipynb) == _sources(pair)
    backups = list((ex.state_dir(ipynb) / "backups").iterdir())
    assert any(lost_to_backup in b.read_text() for b in backups), "the other twin's edit is gone"
    assert _sync(pair) == 0, "after --keep the pair is in sync again"


def test_without_any_record_differing_twins_are_a_conflict(pair: Path, capsys):
    ex._record(pair.with_suffix(".ipynb")).unlink()
    _edit_py(pair, "x = 1", "x = 7")
    assert _sync(pair) == 1
    assert "no record of their last sync" in capsys.readouterr().err


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   check=True, capture_output=True)


def test_a_fresh_clone_takes_the_committed_twins_as_the_last_sync(pair: Path, capsys):
    """No record yet (a fresh clone): an edit of one twin is carried over, edits of both stop."""
    repo = pair.parents[1]
    _git(repo, "init", "-q")
    _git(repo, "add", "notebooks")
    _git(repo, "commit", "-q", "-m", "pair")
    ex._record(pair.with_suffix(".ipynb")).unlink()
    _edit_py(pair, "x = 1", "x = 8")
    assert _sync(pair) == 0
    assert "x = 8\nprint(x)" in _sources(pair.with_suffix(".ipynb"))

    _git(repo, "checkout", "-q", "--", "notebooks")
    ex._record(pair.with_suffix(".ipynb")).unlink()
    _edit_py(pair, "x = 1", "x = 9")
    _edit_ipynb(pair.with_suffix(".ipynb"), "x = 1", "x = 10")
    assert _sync(pair) == 1
    assert "both were edited" in capsys.readouterr().err


def test_a_twin_saved_while_the_run_works_is_not_overwritten(pair: Path):
    _edit_py(pair, "x = 1", "x = 11")
    planned = ex.plan(pair.with_suffix(".ipynb"))
    _edit_py(pair, "x = 11", "x = 12")  # saved in the editor during execution
    before = _snapshot(pair.parents[1])
    with pytest.raises(ex.ChangedMeanwhile, match="01_tiny.py changed"):
        ex.store(planned)
    assert _snapshot(pair.parents[1]) == before


# --- backups ---------------------------------------------------------------------------------


def test_every_overwritten_twin_is_backed_up(pair: Path):
    ipynb = pair.with_suffix(".ipynb")
    previous = ipynb.read_bytes()
    _edit_py(pair, "x = 1", "x = 13")
    assert _sync(pair) == 0
    (backup,) = (ex.state_dir(ipynb) / "backups").iterdir()
    assert backup.read_bytes() == previous and backup.suffix == ".ipynb"


def test_backups_in_the_same_instant_keep_their_own_names(pair: Path, monkeypatch):
    monkeypatch.setattr(ex.time, "time_ns", lambda: 1_800_000_000_123_456_789)  # a frozen clock
    contents = [f"version {i}\n" for i in range(5)]
    for text in contents:
        pair.write_text(text)
        ex.back_up(pair)
    backups = sorted((ex.state_dir(pair) / "backups").iterdir())
    assert sorted(b.read_text() for b in backups) == contents


def test_backups_and_sync_records_outlive_make_clean():
    state = ex.state_dir(ROOT / "notebooks" / "01_x.ipynb").relative_to(ROOT)
    clean = subprocess.run(["make", "-n", "-s", "clean"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    removed = [w for w in clean if not w.startswith("-") and w not in ("rm", "-rf")]
    assert removed and not any(state.parts[0] == Path(w).parts[0] for w in removed), clean
    ignored = subprocess.run(["git", "check-ignore", "-q", str(state / "backups" / "x.ipynb")], cwd=ROOT)
    assert ignored.returncode == 0, f"{state}/ is not git-ignored"


# --- execution ---------------------------------------------------------------------------------


def test_executing_stores_outputs_and_records_the_sync(pair: Path):
    assert ex.main([str(pair)]) == 0
    nb = nbformat.read(pair.with_suffix(".ipynb"), as_version=4)
    assert nb.cells[1].outputs[0].text == "1\n" and nb.cells[1].execution_count == 1
    assert ex.last_sync(pair.with_suffix(".ipynb")) == {
        "ipynb": ex.digest(pair.with_suffix(".ipynb").read_bytes()), "py": ex.digest(pair.read_bytes())}


def test_a_failed_execution_leaves_both_twins_as_they_were(pair: Path, capsys):
    _edit_py(pair, "x = 1", "x = 1 / 0")
    before = _snapshot(pair.parents[1])
    assert ex.main([str(pair)]) == 1
    assert _snapshot(pair.parents[1]) == before
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "not written" in err


def test_twins_that_differ_only_in_metadata_key_order_agree(tmp_path: Path):
    """A .py keeps its cells' metadata in the order it was written; an .ipynb sorts it."""
    nb = _notebook("x = 1")
    nb.cells[1].metadata = {"tags": ["optional"], "slideshow": {"slide_type": "skip"}}
    py = tmp_path / "notebooks" / "01_tiny.py"
    py.parent.mkdir()
    jupytext.write(nb, py, fmt=ex.PY_FORMAT)
    nbformat.write(nb, py.with_suffix(".ipynb"))
    assert 'tags=["optional"] slideshow=' in py.read_text()
    assert ex.render_py(nbformat.read(py.with_suffix(".ipynb"), 4), py) != py.read_text()
    before = _snapshot(tmp_path)
    assert _sync(py) == 0, "no record, yet the twins agree: nothing to choose"
    assert {k: v for k, v in _snapshot(tmp_path).items() if "synced" not in k} == before
