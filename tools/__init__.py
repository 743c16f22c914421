"""Maintenance scripts; importable so that benchmarks and tests share their pieces."""
