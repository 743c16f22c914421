"""Print the real-browser test's timings (per notebook and in total) in pytest's summary."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = getattr(config, "browser_test_times", None)
    if lines:
        terminalreporter.write_sep("-", "JupyterLab in Chromium: time per notebook")
        for line in lines:
            terminalreporter.write_line(line)
