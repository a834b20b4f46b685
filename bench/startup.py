"""Start-up benchmark: `uv run python -m bench startup [--runs N] [--first-run]`.

How long a curator waits for a usable window, measured the way the program
starts: each run is a fresh Python process (imports are cached per process,
so an in-process loop would measure nothing after the first run), offscreen,
on a copy of the sample archive that already exists (a warm start: the
usual case). The child runs `main.py`'s own path, `ui.app`'s functions in
their order, and reports when each phase ended:

- import: the modules the entry point loads before anything runs
  (main, ui.app, PySide6.QtWidgets, the window's module);
- application: QApplication, the CJK font, the language;
- archive open: ui.app.open_archive (lock, health check, the sample check);
- window: building the CuratorWindow;
- first paint: show() until the record list has painted its rows;
- total: from the parent's spawn of the child to that first paint, so the
  interpreter's own start counts too.

It also lists which heavy libraries were loaded by the first paint (reportlab,
openpyxl, lxml, PIL …): none of them is needed to show the window.
`--first-run` adds one run on an empty folder, where the sample is built
before the window shows (the first start on a new machine).

Prints one JSON object: the median and each run's figures, in ms, and the
target (a usable window in ≤ 1.0 s warm) beside the median total.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 1000.0
PHASES = ("import", "application", "archive_open", "window", "first_paint")
HEAVY = ("reportlab", "openpyxl", "lxml", "PIL", "pypinyin", "qrcode", "numpy", "PySide6.QtQml",
         "PySide6.QtQuick", "PySide6.QtPdf", "PySide6.QtPrintSupport", "sqlite_utils")
ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the child: one start

def child(archive_dir: Path, load_sample: bool) -> dict:
    """Start the window as main.py does and return when each phase ended (ms from the child's start)."""
    start = time.perf_counter()
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks[name] = (time.perf_counter() - start) * 1000

    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication  # noqa: F401  (what run_curator imports first)

    import main  # noqa: F401  (the entry point's own imports)
    import ui.app as app_module
    import ui.curator.window  # noqa: F401
    mark("import")

    app = app_module.make_application()
    mark("application")

    archive = app_module.open_archive(str(archive_dir), load_sample)
    if archive is None:
        raise SystemExit("the archive could not be opened")
    mark("archive_open")

    from PySide6.QtCore import QEvent, QObject

    from ui.curator.window import CuratorWindow

    window = CuratorWindow(archive)
    mark("window")

    painted: list[float] = []
    loaded: list[set[str]] = []

    class PaintWatch(QObject):
        """Paints the list's rows itself the first time, to know when they are drawn."""

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not painted:
                window.table.viewportEvent(event)  # what the view does with it, run here
                painted.append(time.perf_counter())
                loaded.append(set(sys.modules))  # before anything deferred to after the frame starts
                return True
            return False

    watch = PaintWatch()
    window.table.viewport().installEventFilter(watch)
    app_module.present(window)
    while not painted:
        app.processEvents()
    marks["first_paint"] = (painted[0] - start) * 1000
    rows = window.model.rowCount()
    heavy = sorted(name for name in HEAVY if name in loaded[0])
    modules = len(loaded[0])
    window.close()
    archive.close()
    return {"marks_ms": marks, "rows": rows, "heavy_modules": heavy, "modules": modules,
            "paint_wall_time": time.time() - (time.perf_counter() - painted[0])}


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--sample", action="store_true")
    args = parser.parse_args(argv)
    result = child(args.archive, args.sample)
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # the window and archive are closed; skip Qt's slow teardown


# ---------------------------------------------------------------- the parent

def _environment(settings: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = str(settings / "config")  # QSettings: no developer's window layout
    env["XDG_CACHE_HOME"] = str(settings / "cache")    # translations compile once, then are cached
    env["EXHIBIT_USER"] = "bench"
    # The screen fonts are cut once per machine into the user's font cache, not this throwaway one
    # (imported here, not at the top: the child's own imports are what it measures).
    from exhibit.typefaces import CACHE_ENV, cache_dir
    env.setdefault(CACHE_ENV, str(cache_dir()))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _in_language(env: dict[str, str], lang: str) -> dict[str, str]:
    """The child's environment on a machine set to Chinese or English (the window takes the system's)."""
    locale = "zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8"
    return {**env, "LC_ALL": locale, "LANG": locale, "LANGUAGE": locale.split(".")[0]}


def run_once(archive_dir: Path, env: dict[str, str], load_sample: bool = True) -> dict:
    command = [sys.executable, "-m", "bench.startup", "--child", "--archive", str(archive_dir)]
    if load_sample:
        command.append("--sample")
    spawned = time.time()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the start-up child failed: {done.stderr.strip()[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    marks = result.pop("marks_ms")
    result["phases_ms"] = _phases(marks)
    result["total_ms"] = round((result.pop("paint_wall_time") - spawned) * 1000, 1)
    return result


def _phases(marks: dict[str, float]) -> dict[str, float]:
    out, before = {}, 0.0
    for name in PHASES:
        out[name] = round(marks[name] - before, 1)
        before = marks[name]
    return out


def _median(runs: list[dict]) -> dict:
    return {
        "total_ms": round(statistics.median(r["total_ms"] for r in runs), 1),
        "phases_ms": {p: round(statistics.median(r["phases_ms"][p] for r in runs), 1) for p in PHASES},
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return _child_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench startup", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm starts to run (default 5); the median is shown")
    parser.add_argument("--first-run", action="store_true",
                        help="also start once on an empty folder (the sample is built first)")
    parser.add_argument("--dir", type=Path, help="work here instead of a temporary folder")
    parser.add_argument("--lang", nargs="+", choices=("en", "zh"), default=["en", "zh"],
                        help="start in these languages (default both: Chinese loads its translations)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="exhibit-bench-startup-") as tmp:
        work = args.dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        env = _environment(work)
        from ui.common import typefaces
        typefaces.cut(typefaces.missing(typefaces.wanted() or []))  # a warm start has them (~30 s, once)
        archive_dir = work / "archive"
        report: dict = {"target_ms": TARGET_MS, "runs": args.runs}
        first = None
        if not (archive_dir / "archive.db").exists():
            # Building the sample is the first run: measured if asked for, else only made.
            first = run_once(archive_dir, env)
        elif args.first_run:
            scratch = work / "first-run"
            shutil.rmtree(scratch, ignore_errors=True)
            first = run_once(scratch, env)
        if args.first_run and first is not None:
            report["first_run"] = {"total_ms": first["total_ms"], **first["phases_ms"]}
        for lang in args.lang:
            lang_env = _in_language(env, lang)
            run_once(archive_dir, lang_env)  # once untimed: the compiled translations are cached now
            runs = [run_once(archive_dir, lang_env) for _ in range(args.runs)]
            median = _median(runs)
            report[lang] = {
                "median": {**median, "meets_target": median["total_ms"] <= TARGET_MS},
                "heavy_modules_at_first_paint": runs[-1]["heavy_modules"],
                "modules_at_first_paint": runs[-1]["modules"],
                "rows_shown": runs[-1]["rows"],
                "each_run": [{"total_ms": r["total_ms"], **r["phases_ms"]} for r in runs],
            }
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
