"""Scripts that write the shipped data (see data/README.md)."""
