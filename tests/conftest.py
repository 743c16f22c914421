"""Shared pytest configuration: draw figures off-screen."""

import matplotlib

matplotlib.use("Agg")
