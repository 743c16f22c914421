"""The whole nbgrader cycle on the course that `make course` builds, as a class would run it.

    .venv/bin/python -m tools.nbgrader_round_trip           # 13 minutes on a busy 2-core machine
    .venv/bin/python -m tools.nbgrader_round_trip --keep    # and keep the work folder to look at

In a new temporary folder, outside the repository: a fresh venv gets a regular (not editable)
install of a copy of the project (the copy is deleted afterwards, so the data must come with
the package) and nbgrader; the course is built there; then ``nbgrader generate_assignment``,
``release_assignment``, ``fetch_assignment`` and ``submit`` for five students, ``collect``,
``autograde``, ``generate_feedback``, ``release_feedback``, ``fetch_feedback`` and ``export``.
The students:

- ``solutions`` fills every exercise with the solution: full marks on every graded cell;
- ``blank`` submits the handouts untouched: 0;
- ``wrong`` answers every exercise 1 % off, after setting every float attribute of every
  ``logreg.checks`` module (and the usual tolerance names) to 1e300: 0 on every cell;
- ``mixed`` answers every other exercise right and the rest as ``wrong`` does: marks exactly on
  the right ones;
- ``cheat`` answers as ``wrong`` does and also replaces every ``check_*`` function, in
  ``logreg.checks`` and in the notebook, by one that accepts anything: the hidden tests alone
  must give it 0.

No autograded notebook may hold a FileNotFoundError or a ModuleNotFoundError. Any deviation
fails the run (exit 1) with the table of scores; the time of each step is printed.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from tools import make_course, manifest
from tools.make_student import ROOT, student_notebook

NBGRADER = "nbgrader==0.9.6"
COURSE, ASSIGNMENT = make_course.COURSE, make_course.ASSIGNMENT
FORBIDDEN_ERRORS = ("FileNotFoundError", "ModuleNotFoundError")

# What a student who games the checks appends to an answer: loosen everything logreg.checks
# could compare with, then return the right answer 1 % off.
ONE_PERCENT_OFF = '''

import importlib as _importlib
import pkgutil as _pkgutil

import logreg.checks as _checks

_modules = [_checks] + [_importlib.import_module("logreg.checks." + _m.name)
                        for _m in _pkgutil.iter_modules(_checks.__path__)]
for _module in _modules:
    for _name, _value in list(vars(_module).items()):
        if isinstance(_value, float):
            setattr(_module, _name, 1e300)
    for _name in ("RTOL", "ATOL", "TOL", "TOLERANCE"):
        setattr(_module, _name, 1e300)


def _one_percent_off(value):
    if isinstance(value, (tuple, list)):
        return type(value)(_one_percent_off(v) for v in value)
    return value * 1.01


_right_{name} = {name}


def {name}(*args, **kwargs):
    return _one_percent_off(_right_{name}(*args, **kwargs))
'''

# ... and what one who disables the checks appends after that: every check passes anything.
NO_CHECKS = '''

for _namespace in [vars(_module) for _module in _modules] + [globals()]:
    for _name in [n for n in _namespace if n.startswith("check_")]:
        _namespace[_name] = lambda *args, **kwargs: None
'''


class Deviation(Exception):
    """The round trip did not give what it must."""


class Steps:
    """Runs and times the steps; keeps each command's output in ``logs``."""

    def __init__(self, logs: Path):
        self.logs, self.times = logs, {}
        logs.mkdir(parents=True)

    def time(self, name: str, action: Callable[[], object]) -> object:
        start = time.perf_counter()
        print(f"-- {name}", flush=True)
        result = action()
        self.times[name] = time.perf_counter() - start
        print(f"   {self.times[name]:.0f} s", flush=True)
        return result

    def run(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        log = self.logs / f"{len(list(self.logs.iterdir())):02d}-{Path(args[0]).name}-{args[1]}.log"
        with open(log, "w") as out:
            done = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        if done.returncode:
            tail = "\n".join(log.read_text().splitlines()[-30:])
            raise Deviation(f"`{' '.join(args)}` exited with {done.returncode} (in {cwd}):\n{tail}")


def project_copy(dest: Path) -> Path:
    """The project's files as a user has them (tracked, and new but not ignored) in ``dest``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def install(work: Path, steps: Steps, venv: Path | None = None) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the project installed from a copy (then deleted) and nbgrader, or the
    given ``venv`` with the project reinstalled; return its interpreter and the environment to
    run nbgrader in (the venv first on PATH, as nbgrader calls alembic through PATH; no
    LOGREG_DATA_DIR, no PYTHONPATH)."""
    fresh, venv = venv is None, (venv or work / "venv").absolute()
    source, python = project_copy(work / "project"), venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("LOGREG_DATA_DIR", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", VIRTUAL_ENV=str(venv))
    if fresh:
        steps.run([sys.executable, "-m", "venv", str(venv)], work, env)
        steps.run([str(python), "-m", "pip", "install", "--quiet", "--constraint",
                   str(source / "requirements.txt"), str(source), NBGRADER], work, env)
    else:
        steps.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall",
                   str(source)], work, env)
    shutil.rmtree(source)
    where = subprocess.run([str(python), "-c", (
        "import json, importlib.metadata as m, logreg, logreg.data; logreg.data.verify(); "
        "print(json.dumps([logreg.__file__, str(logreg.data.data_dir()), "
        "m.distribution('logreg').read_text('direct_url.json')]))")],
        cwd=work, env=env, capture_output=True, text=True)
    if where.returncode:
        raise Deviation(f"the regular install cannot find logreg or its data:\n{where.stderr}")
    package, data, direct_url = json.loads(where.stdout)
    if not (Path(package).is_relative_to(venv) and Path(data).is_relative_to(venv)):
        raise Deviation(f"logreg ({package}) or its data ({data}) is not the venv's regular install")
    if json.loads(direct_url).get("dir_info", {}).get("editable"):
        raise Deviation("logreg was installed editable")
    kernels = json.loads(subprocess.run([str(venv / "bin" / "jupyter"), "kernelspec", "list", "--json"],
                                        env=env, capture_output=True, text=True, check=True).stdout)
    argv0 = kernels["kernelspecs"]["python3"]["spec"]["argv"][0]
    if argv0 not in ("python", "python3", str(python)):  # nbgrader swaps "python" for its own
        raise Deviation(f"the python3 kernel runs {argv0}, not the venv's interpreter")
    print(f"   logreg {package}\n   data   {data}")
    return python, env


# --- the students ------------------------------------------------------------------------------


def exercise_name(source: str) -> str:
    """The function an exercise cell defines."""
    return next(node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef))


def solution_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata.nbgrader.grade_id: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def answer(handout: nbformat.NotebookNode, source: nbformat.NotebookNode, appendix: Callable[[int], str],
           counter: list[int]) -> None:
    """Fill every exercise of ``handout`` with its solution from ``source`` followed by
    ``appendix(i)`` (formatted with the exercise's function name), ``i`` counting the exercises
    over the whole assignment."""
    solutions = solution_cells(source)
    for grade_id, cell in solution_cells(handout).items():
        right = solutions[grade_id].source
        cell.source = right + appendix(counter[0]).format(name=exercise_name(right))
        counter[0] += 1


#: What each student appends to the solution of exercise i (None: the handout, untouched).
STUDENTS: dict[str, Callable[[int], str] | None] = {
    "solutions": lambda i: "",
    "blank": None,
    "wrong": lambda i: ONE_PERCENT_OFF,
    "mixed": lambda i: ONE_PERCENT_OFF if i % 2 else "",
    "cheat": lambda i: ONE_PERCENT_OFF + NO_CHECKS,
}


def expected_scores(graded: list[str]) -> dict[str, dict[str, float]]:
    """{student: {graded cell: score}}: full marks for a right answer, 0 for anything else;
    ``graded`` lists the graded cells in assignment order, one per exercise."""
    return {student: {cell: float(appendix is not None and appendix(i) == "")
                      for i, cell in enumerate(graded)}
            for student, appendix in STUDENTS.items()}


# --- reading the results -----------------------------------------------------------------------

READ_GRADEBOOK = '''
import json
from nbgrader.api import Gradebook
with Gradebook("sqlite:///gradebook.db") as gb:
    print(json.dumps({s.id: {g.name: g.score for nb in gb.find_submission("%s", s.id).notebooks
                             for g in nb.grades} for s in gb.students}))
'''


def forbidden_errors(folder: Path) -> list[str]:
    """Every FileNotFoundError or ModuleNotFoundError stored in the notebooks under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and output.ename in FORBIDDEN_ERRORS:
                    where = f"{path.relative_to(folder)} cell {index + 1}"
                    found.append(f"{where}: {output.ename}: {output.evalue}")
    return found


def check_release(release: Path, sources: dict[str, nbformat.NotebookNode]) -> None:
    """The handouts nbgrader released: no jupytext pairing metadata, and the same cells as the
    handouts of `make student` (no solution, no hidden test)."""
    for name, source in sources.items():
        released = nbformat.read(release / name, as_version=4)
        ours, _ = student_notebook(source, name)
        if "jupytext" in released.metadata:
            raise Deviation(f"released {name} keeps the jupytext pairing metadata")
        if [c.source for c in released.cells] != [c.source for c in ours.cells]:
            raise Deviation(f"released {name} differs from the handout of `make student`")


def report(scores: dict, expected: dict) -> list[str]:
    """Print the scores per student; return the deviations."""
    deviations = []
    for student, cells in expected.items():
        got = scores.get(student, {})
        total, most = sum(got.values()), float(len(cells))
        print(f"   {student:10s} {total:4.1f} / {most:.0f}")
        deviations += [f"{student}: {cell} scored {got.get(cell)}, expected {score}"
                       for cell, score in cells.items() if got.get(cell) != score]
    return deviations


def round_trip(work: Path, venv: Path | None = None) -> dict[str, float]:
    """Run the cycle in ``work``; return the time of each step. Raises Deviation."""
    steps = Steps(work / "logs")
    python, env = steps.time("venv with a regular install of the project, and nbgrader",
                             lambda: install(work, steps, venv))
    course, exchange, homes = work / "course", work / "exchange", work / "students"
    exchange.mkdir()

    def nbgrader(command: str, cwd: Path = course, *options: str) -> None:
        steps.run([str(python.parent / "nbgrader"), command, ASSIGNMENT, *options], cwd, env)

    def as_student(command: str, student: str) -> None:
        nbgrader(command, homes / student, f"--course={COURSE}", f"--student={student}",
                 f"--Exchange.root={exchange}")

    sources = manifest.notebooks()
    steps.time("make course", lambda: make_course.build(sources, course))
    source_nbs = {p.name: nbformat.read(course / "source" / ASSIGNMENT / p.name, as_version=4)
                  for p in sources}
    graded = [c.metadata.nbgrader.grade_id for nb in source_nbs.values() for c in nb.cells
              if c.metadata.get("nbgrader", {}).get("grade")]
    if len(graded) < 12 or len(graded) != sum(len(solution_cells(nb)) for nb in source_nbs.values()):
        raise Deviation(f"expected at least 12 exercises, each with one graded cell: {graded}")

    steps.time("nbgrader generate_assignment", lambda: nbgrader("generate_assignment"))
    check_release(course / "release" / ASSIGNMENT, source_nbs)
    steps.time("nbgrader release_assignment",
               lambda: nbgrader("release_assignment", course, f"--Exchange.root={exchange}"))

    def students() -> None:
        for student, appendix in STUDENTS.items():
            (homes / student).mkdir(parents=True)
            as_student("fetch_assignment", student)
            counter = [0]
            for name, source in source_nbs.items():
                handout = nbformat.read(homes / student / ASSIGNMENT / name, as_version=4)
                if appendix is not None:
                    answer(handout, source, appendix, counter)
                nbformat.write(handout, homes / student / ASSIGNMENT / name)
            as_student("submit", student)

    steps.time(f"{len(STUDENTS)} students fetch, answer, submit", students)
    steps.time("nbgrader collect", lambda: nbgrader("collect", course, f"--Exchange.root={exchange}"))
    steps.time("nbgrader autograde", lambda: nbgrader("autograde"))

    def feedback() -> None:
        nbgrader("generate_feedback")
        nbgrader("release_feedback", course, f"--Exchange.root={exchange}")
        for student in STUDENTS:
            as_student("fetch_feedback", student)
            if not list((homes / student / ASSIGNMENT / "feedback").rglob("*.html")):
                raise Deviation(f"{student} fetched no feedback")

    steps.time("nbgrader generate_feedback, release_feedback, fetch_feedback", feedback)

    steps.time("nbgrader export", lambda: steps.run([str(python.parent / "nbgrader"), "export"], course, env))

    read = subprocess.run([str(python), "-c", READ_GRADEBOOK % ASSIGNMENT], cwd=course, env=env,
                          capture_output=True, text=True, check=True)
    scores = json.loads(read.stdout)
    print("-- scores")
    deviations = report(scores, expected_scores(graded))
    with open(course / "grades.csv", newline="") as grades:
        exported = {row["student_id"]: float(row["score"]) for row in csv.DictReader(grades)}
    deviations += [f"grades.csv gives {student} {exported.get(student)}, the gradebook {sum(cells.values())}"
                   for student, cells in scores.items() if exported.get(student) != sum(cells.values())]
    deviations += forbidden_errors(course / "autograded")
    print(f"-- total {sum(steps.times.values()):.0f} s (autograde {steps.times['nbgrader autograde']:.0f} s)")
    if deviations:
        raise Deviation("\n".join(deviations))
    return steps.times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the work folder (its path is printed)")
    parser.add_argument("--venv", type=Path, help="reuse this venv, made by an earlier run (kept with "
                        "--keep): the project is reinstalled in it, nbgrader is not")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lecture08-nbgrader-"))
    print(f"work folder: {work}")
    try:
        round_trip(work, args.venv)
    except Deviation as deviation:
        print(f"nbgrader round trip FAILED:\n{deviation}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("nbgrader round trip: every score as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
