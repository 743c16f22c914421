"""Handouts reach a home through git and nbgitpuller: new and changed handouts arrive, a
student's own edit is kept, a deleted handout comes back, nothing is published twice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from _hub_async import run_coroutine

from hub.handouts import publish, pull_command


def _pull(repo, home):
    run = subprocess.run(pull_command(repo, home / "handouts"), capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_publish_commits_only_changes(tmp_path):
    source, repo = tmp_path / "student", tmp_path / "handouts.git"
    source.mkdir()
    (source / "01.ipynb").write_text("one\n")
    (source / ".ipynb_checkpoints").mkdir()
    (source / ".ipynb_checkpoints" / "01-checkpoint.ipynb").write_text("scratch\n")
    assert publish(source, repo) is True
    assert publish(source, repo) is False, "an unchanged folder made a new commit"
    (source / "01.ipynb").write_text("one, revised\n")
    assert publish(source, repo) is True
    files = subprocess.run(["git", f"--git-dir={repo}", "ls-tree", "-r", "--name-only", "main"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert files == ["01.ipynb"], "checkpoints were published"


@pytest.mark.parametrize("make_source", [lambda p: None, lambda p: p.mkdir()])
def test_publish_refuses_a_missing_or_empty_folder(tmp_path, make_source):
    make_source(tmp_path / "student")
    with pytest.raises(ValueError, match="missing or empty; build it with `make student`"):
        publish(tmp_path / "student", tmp_path / "handouts.git")


def test_pull_keeps_the_students_edit_and_brings_the_rest(tmp_path):
    source, repo, home = tmp_path / "student", tmp_path / "handouts.git", tmp_path / "home"
    source.mkdir()
    for name in ("01.ipynb", "02.ipynb", "03.ipynb"):
        (source / name).write_text(f"{name} version 1\n")
    publish(source, repo)
    _pull(repo, home)
    handouts = home / "handouts"
    assert sorted(p.name for p in handouts.glob("*.ipynb")) == ["01.ipynb", "02.ipynb", "03.ipynb"]

    (handouts / "01.ipynb").write_text("01.ipynb version 1\nmy answer\n")  # the student's work
    (handouts / "03.ipynb").unlink()  # deleted by mistake
    (source / "01.ipynb").write_text("01.ipynb version 2\n")  # the instructor revises both
    (source / "02.ipynb").write_text("02.ipynb version 2\n")
    (source / "04.ipynb").write_text("04.ipynb version 1\n")  # and adds one
    publish(source, repo)
    _pull(repo, home)

    assert "my answer" in (handouts / "01.ipynb").read_text(), "the student's edit was overwritten"
    assert (handouts / "02.ipynb").read_text() == "02.ipynb version 2\n", "a revised handout did not arrive"
    assert (handouts / "03.ipynb").read_text() == "03.ipynb version 1\n", "a deleted handout stayed away"
    assert (handouts / "04.ipynb").is_file(), "a new handout did not arrive"


def test_a_starting_server_gets_its_handouts_a_port_and_a_runtime_folder(tmp_path):
    from types import SimpleNamespace

    from hub.settings import from_env
    from hub.student_servers import StudentServers

    source = tmp_path / "student"
    source.mkdir()
    (source / "01.ipynb").write_text("one\n")
    settings = from_env({"HUB_PORT": "8000", "HUB_STATE": str(tmp_path / "state"), "HUB_ROSTER": "",
                         "HUB_ADMIN": "instructor", "HUB_CULL_S": "60", "HUB_HANDOUTS": str(source)})
    publish(source, settings.handouts_repo)
    servers = StudentServers(settings)
    spawners = [SimpleNamespace(user=SimpleNamespace(name=name, id=n), environment={}, port=0)
                for n, name in enumerate(["alice", "bob"])]
    for spawner in spawners:
        run_coroutine(servers.before_start(spawner))
    assert (settings.home("alice") / "handouts" / "01.ipynb").read_text() == "one\n"
    ports = [s.port for s in spawners]
    assert len(set(ports)) == 2 and not set(ports) & set(settings.ports.values())
    runtime = Path(spawners[0].environment["JUPYTER_RUNTIME_DIR"])
    assert runtime.is_dir() and len(str(runtime)) < 40, "kernel sockets need a short folder"
    servers.after_stop(spawners[0])
    assert not runtime.exists() and spawners[0].port not in servers.ports.in_use
