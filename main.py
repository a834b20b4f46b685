"""Exhibit: `uv run main.py` opens the curator window; `uv run main.py --help` lists the headless commands."""
from __future__ import annotations

import sys
from pathlib import Path

GUI_COMMANDS = {None, "gui", "curator"}
# The curator window's catalogue: its "Problems" context is also how the core says a problem in
# Chinese in a file it writes (a rejects file under a Chinese header); the core may not know the
# UI's files, so the program tells it (exhibit/catalogues.py).
PROBLEM_CATALOGUES = {"zh": Path(__file__).resolve().parent / "ui" / "translations" / "exhibit_zh_CN.ts"}


def _command(argv: list[str]) -> str | None:
    """The first word that is not an option or an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--archive":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: list[str]) -> int:
    """Run one command. What no command expected (a bug) ends as one line naming a crash
    log that holds the traceback (exhibit/crashlog.py), with exit status 1."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence
        from exhibit import crashlog

        return crashlog.report(exc, argv)


def _run(argv: list[str]) -> int:
    from exhibit import catalogues

    for lang, catalogue in PROBLEM_CATALOGUES.items():
        catalogues.use(lang, catalogue)
    command = _command(argv)
    if command == "screenshots":
        from ui.screenshots import main as screenshots

        rest = list(argv)
        rest.remove("screenshots")
        return screenshots(rest)
    if command == "kiosk":  # its own options and --help
        from ui.kiosk.app import main as kiosk

        rest = list(argv)
        rest.remove("kiosk")
        return kiosk(rest)
    if command in GUI_COMMANDS and not {"-h", "--help"} & set(argv):
        from ui.app import run_curator

        return run_curator([a for a in argv if a not in ("gui", "curator")])
    from exhibit.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
