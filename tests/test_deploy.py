"""The Zero to JupyterHub values carry the sizing `make hub-test` measured (deploy/measured.json),
and the README shows that sizing and its arithmetic as they are computed."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from hub.sizing import MEASURED, class_rows, markdown, median_report, pod

ROOT = Path(__file__).resolve().parents[1]
VALUES = ROOT / "deploy" / "z2jh-values.yaml"


def _values() -> dict:
    return yaml.safe_load(VALUES.read_text())


def _measured() -> dict:
    return json.loads(MEASURED.read_text())


def test_values_carry_the_measured_sizing():
    singleuser, sized = _values()["singleuser"], pod(_measured())
    assert singleuser["memory"] == sized["memory"], "singleuser.memory differs from deploy/measured.json"
    assert singleuser["cpu"] == sized["cpu"], "singleuser.cpu differs from deploy/measured.json"


def test_values_cull_idle_servers_and_pull_the_handouts():
    values = _values()
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == 3600
    command = values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and command[-1] == "/home/jovyan/handouts"
    assert values["singleuser"]["defaultUrl"] == "/lab/tree/handouts"


def test_values_mark_what_the_instructor_fills_in():
    marked = [line for line in VALUES.read_text().splitlines() if "FILL IN" in line]
    for key in ["name:", "tag:", "client_id:", "client_secret:", "authorize_url:", "admin_users",
                "allowed_users", "contactEmail:", "oauth_callback_url:"]:
        assert any(key in line for line in marked), f"{key} is not marked FILL IN"
    assert _values()["hub"]["config"]["JupyterHub"]["authenticator_class"] == "generic-oauth"


def test_readme_shows_the_sizing_of_the_measured_figures():
    assert markdown(_measured()) in (ROOT / "README.md").read_text(), \
        "README's sizing block is not `python -m hub.sizing` of deploy/measured.json"


def test_sizing_arithmetic():
    figures = {"students": 8, "server_peak_mib": {"median": 140, "max": 150},
               "handout_kernel_peak_mib": {"median": 320, "max": 460},
               "student_peak_mib": {"median": 460, "max": 610},
               "full_notebook": {"notebook": "06.ipynb", "kernel_peak_mib": 460, "kernel_cpu_s": 8.4},
               "hub_base_mib": 300}
    assert pod(figures) == {"memory": {"guarantee": "512Mi", "limit": "1280Mi"},  # 460; 150 + 920
                            "cpu": {"guarantee": 0.15, "limit": 1}}  # 8.4 / 60 = 0.14
    assert class_rows(figures)[0] == (10, round((300 + 10 * 512) / 1024, 1),
                                      round((300 + 10 * 1280) / 1024, 1), 3)
    runs = [{"a": 1.0, "b": {"c": 4}, "n": "x"}, {"a": 3.0, "b": {"c": 2}, "n": "y"},
            {"a": 2.0, "b": {"c": 9}, "n": "z"}]
    assert median_report(runs) == {"a": 2.0, "b": {"c": 4}, "n": "x"}
