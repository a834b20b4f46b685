"""`uv run python -m bench SUITE [options]`: run one benchmark suite.

Each suite's module is imported only when it is asked for, so `search` never
loads Qt and `list` or `kiosk` load it only for themselves.
"""
from __future__ import annotations

import importlib
import sys

SUITES = {
    "search": ("bench.search", "archive inserts, search latency against a LIKE scan, thumbnails"),
    "list": ("bench.curator_list", "the curator's record list and thumbnail grid at 100 k and 1 M objects"),
    "interchange": ("bench.interchange", "spreadsheet import and export at 100,000 rows"),
    "print": ("bench.printing", "labels, a catalogue and QR codes"),
    "kiosk": ("bench.kiosk", "touch to frame in the kiosk, and a soak of simulated visitors"),
    "pin": ("bench.pin", "what one guess at the staff PIN costs"),
    "server": ("bench.server", "a PostgreSQL server archive beside SQLite: search, concurrent edits, refresh"),
    "startup": ("bench.startup", "the curator window's cold start: imports, archive open, first paint"),
}


def usage() -> str:
    lines = ["usage: python -m bench SUITE [options]   (SUITE --help for its options)", "", "suites:"]
    lines += [f"  {name:<12} {about}" for name, (_, about) in SUITES.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["-h"], ["--help"]):
        print(usage())
        return 0
    if not argv or argv[0] not in SUITES:
        print(usage(), file=sys.stderr)
        return 2
    module = importlib.import_module(SUITES[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
