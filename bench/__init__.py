"""Benchmarks: the figures the README quotes, measured outside the program's runtime path.

`uv run python -m bench SUITE [options]` (see `bench/__main__.py`). Each suite is
a module with `main(argv) -> int` that builds what it measures in a temporary
folder through the program's public functions and prints what it measured.
Nothing in exhibit/ or ui/ imports this package: the program never carries its
benchmarks, and the core never reaches the UI to run one.
"""
