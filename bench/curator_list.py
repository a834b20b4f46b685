"""Benchmark of the record list and thumbnail grid at 100,000 and 1,000,000 objects.

`run(objects, tmpdir)` builds (or reuses) a generated archive of that many
objects in `tmpdir`, opens the curator's list view (ui.curator.record_table.RecordTableView
over RecordTableModel) at 1366×768 offscreen and measures what a curator feels:

- first paint: from creating the model (the row count and first ids, or the
  whole id list of a short list) to the end of the view's first paint; then
  the time until a long list's full id list has loaded off the UI thread;
- frames: scrolling end to end by PageDown keys, scroll-bar page steps and
  scroll-bar jumps (every jump lands on rows not read yet), each frame timed
  from the input to the end of its paint, with worst, p95 and frames over 16 ms;
- sort and filter: the time to re-query and repaint;
- memory: resident set growth from before the model to after the scrolling;
- the same first paint and jumps for the thumbnail grid (QListView, IconMode).

`uv run python -m bench list --objects 100000 1000000 --dir DIR` prints one
JSON object. Targets: first paint ≤ 300 ms, no frame over 16 ms, bounded memory.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

from bench.corpus import generate_objects, percentile

TARGET_FIRST_PAINT_MS = 300.0
TARGET_FRAME_MS = 16.0
SIZE = (1366, 768)


def _rss_mb() -> float:
    """Resident set size now (not the peak), from /proc; 0 where there is no /proc."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def _app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0], "-platform", os.environ.get("QT_QPA_PLATFORM", "offscreen")])
    from ui.common.qtfonts import ensure_cjk_font
    ensure_cjk_font()
    return app


def _frames(times_ms: list[float]) -> dict[str, Any]:
    return {"count": len(times_ms), "p50_ms": round(statistics.median(times_ms), 2),
            "p95_ms": round(percentile(times_ms, 95), 2), "worst_ms": round(max(times_ms), 2),
            "over_16ms": sum(1 for t in times_ms if t > TARGET_FRAME_MS)}


def _timed_view(base):
    """A subclass of `base` whose paintEvent records when each paint ends."""
    class Timed(base):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            self.paint_ends: list[float] = []

        def paintEvent(self, event) -> None:
            super().paintEvent(event)
            self.paint_ends.append(time.perf_counter())
    return Timed


def _wait_painted(app, view, count: int, timeout: float = 60.0) -> float:
    deadline = time.perf_counter() + timeout
    while len(view.paint_ends) < count and time.perf_counter() < deadline:
        app.processEvents()
    return view.paint_ends[-1] if view.paint_ends else float("nan")


def _frame(app, view, action: Callable[[], None]) -> float:
    """One frame: the input, then the event loop until the view has painted; ms in all.

    The paint comes from the update the input scheduled, as on a screen; an
    input that changed nothing visible (the end of the list) paints nothing.
    """
    before = len(view.paint_ends)
    cpu = time.thread_time()
    start = time.perf_counter()
    action()
    for _ in range(50):
        app.processEvents()
        if len(view.paint_ends) > before:
            app.processEvents()  # anything the paint queued belongs to this frame
            break
    wall = (time.perf_counter() - start) * 1000
    _CPU_MS.append((time.thread_time() - cpu) * 1000)
    return wall


# The UI thread's CPU time of each frame, beside the wall time the targets are
# about: on a shared machine a frame can wait for a core, and the CPU time
# tells the app's own cost from that wait.
_CPU_MS: list[float] = []


# ---------------------------------------------------------------- the archive

def prepare(objects: int, tmpdir: Path | str) -> tuple[Any, float]:
    """Open (or build) a generated archive of `objects` objects; returns it and build seconds."""
    from exhibit import services
    from exhibit.archive import Archive

    root = Path(tmpdir) / f"ui-bench-{objects}"
    archive = Archive.open(root, user="bench")
    have = services.count(archive, "object")
    seconds = 0.0
    if have < objects:
        start = time.perf_counter()
        generate_objects(archive, objects - have, random.Random(1944 + have))
        seconds = time.perf_counter() - start
    return archive, seconds


# ---------------------------------------------------------------- the table

def bench_table(app, archive, rng: random.Random, steps: int = 150) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractSlider

    from exhibit.listing import ListQuery
    from ui.curator.models import RecordTableModel, configure_table_view
    from ui.curator.record_table import RecordTableView

    gc.collect()
    rss_before = _rss_mb()
    start = time.perf_counter()
    model = RecordTableModel(archive, ListQuery("object"), listen=False)
    ids_done = time.perf_counter()
    view = _timed_view(RecordTableView)()
    configure_table_view(view, model)
    view.resize(*SIZE)
    view.show()
    painted = _wait_painted(app, view, 1)
    first_rows = [model.text(r, 0) for r in range(3)]
    # A long list's full id list loads on a pool thread after the first paint;
    # the scrolling below is measured once it is in (rows past it are empty).
    deadline = time.perf_counter() + 120
    while model.loading and time.perf_counter() < deadline:
        app.processEvents()
    ids_loaded = time.perf_counter()
    from ui.common import memory
    memory.settle()  # as the app does once its window shows (ui/common/memory.py)
    rss_open = _rss_mb()
    out: dict[str, Any] = {
        "rows": model.rowCount(),
        "first_paint_ms": round((painted - start) * 1000, 1),
        "first_rows": first_rows,
        "model_ready_ms": round((ids_done - start) * 1000, 1),  # count + first ids, or the whole list
        "id_list_ms": round((ids_loaded - start) * 1000, 1),     # until every id is known
        "id_list_mb": round(model.ids().itemsize * len(model.ids()) / 1e6, 1),
    }

    bar = view.verticalScrollBar()
    view.setFocus()
    view.selectRow(0)
    app.processEvents()
    _CPU_MS.clear()
    page_keys = [_frame(app, view, lambda: QTest.keyClick(view, Qt.Key.Key_PageDown)) for _ in range(steps)]
    page_steps = [_frame(app, view, lambda: bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd))
                  for _ in range(steps)]
    # End to end in jumps, as dragging the scroll-bar thumb does; then random jumps.
    sweep = [round(bar.maximum() * i / steps) for i in range(steps + 1)]
    jumps = [_frame(app, view, lambda v=v: bar.setValue(v)) for v in sweep]
    jumps += [_frame(app, view, lambda: bar.setValue(rng.randrange(bar.maximum() + 1))) for _ in range(steps)]
    ends = [_frame(app, view, lambda: QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)),
            _frame(app, view, lambda: QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier))]
    every = page_keys + page_steps + jumps + ends
    out["frames"] = _frames(every)
    out["frames_ui_thread_cpu"] = _frames(list(_CPU_MS))
    out["frames_by_kind"] = {"page_down_key": _frames(page_keys), "page_step": _frames(page_steps),
                             "scrollbar_jump": _frames(jumps), "ctrl_end_home": [round(t, 2) for t in ends]}
    out["pages_read"] = model.page_loads
    out["pages_cached"] = model.cached_pages()
    rss_scroll = _rss_mb()

    def requery(action: Callable[[], None]) -> float:
        return _frame(app, view, action)

    header_sort = requery(lambda: model.sort(1, Qt.SortOrder.AscendingOrder))
    header_sort_desc = requery(lambda: model.sort(1, Qt.SortOrder.DescendingOrder))
    by_category = requery(lambda: model.sort(3, Qt.SortOrder.AscendingOrder))
    filtered = requery(lambda: model.set_query(ListQuery("object", category="weapon")))
    rows_filtered = model.rowCount()
    back = requery(lambda: model.set_query(ListQuery("object")))
    out["requery_ms"] = {"sort_title_zh": round(header_sort, 1), "sort_title_zh_desc": round(header_sort_desc, 1),
                         "sort_category": round(by_category, 1),
                         "filter_category": round(filtered, 1), "filter_rows": rows_filtered,
                         "back_to_all": round(back, 1)}
    out["frames_while_loading"] = _frames_while_loading(app, view, model)
    rss_after = _rss_mb()
    out["rss_mb"] = {"before": round(rss_before, 1), "after_first_paint": round(rss_open, 1),
                     "after_scroll": round(rss_scroll, 1), "after_requeries": round(rss_after, 1),
                     "growth_open": round(rss_open - rss_before, 1),
                     "growth_open_and_scroll": round(rss_scroll - rss_before, 1)}
    view.close()
    view.deleteLater()
    model.close()
    app.processEvents()
    return out


def _frames_while_loading(app, view, model) -> dict[str, Any] | None:
    """A curator sorts a long list and scrolls on at once: page steps while the
    sorted id list loads on its pool thread (which must not stall the paints)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSlider

    bar = view.verticalScrollBar()
    times: list[float] = []
    for column, order in ((1, Qt.SortOrder.AscendingOrder), (3, Qt.SortOrder.DescendingOrder),
                          (2, Qt.SortOrder.AscendingOrder)):
        model.sort(column, order)
        app.processEvents()
        deadline = time.perf_counter() + 60
        while model.loading and time.perf_counter() < deadline:
            times.append(_frame(app, view, lambda: bar.triggerAction(
                QAbstractSlider.SliderAction.SliderPageStepAdd)))
    return _frames(times) if times else None  # a short list loads at once: nothing to measure


# ---------------------------------------------------------------- the grid

def bench_grid(app, archive, rng: random.Random, steps: int = 60) -> dict[str, Any]:
    from PySide6.QtWidgets import QAbstractSlider, QListView

    from exhibit.listing import ListQuery
    from ui.common.thumbnails import ThumbnailLoader
    from ui.curator.models import RecordTableModel, ThumbnailGridModel, configure_grid_view

    gc.collect()
    rss_before = _rss_mb()
    start = time.perf_counter()
    source = RecordTableModel(archive, ListQuery("object"), listen=False)
    loader = ThumbnailLoader(archive.media_root, box=128)
    grid = ThumbnailGridModel(source, loader)
    view = _timed_view(QListView)()
    configure_grid_view(view, grid)
    view.resize(*SIZE)
    view.show()
    painted = _wait_painted(app, view, 1)
    out: dict[str, Any] = {"first_paint_ms": round((painted - start) * 1000, 1)}
    while source.loading and time.perf_counter() - start < 120:
        app.processEvents()  # the layout below needs every row's id
    # Batched layout: QListView lays out the rest in event-loop turns of
    # batchSize items; the UI stays responsive meanwhile. The last item has a
    # rectangle once the layout is complete.
    last = grid.index(grid.rowCount() - 1)
    slices: list[float] = []
    deadline = time.perf_counter() + 300
    while not view.visualRect(last).isValid() and time.perf_counter() < deadline:
        t = time.perf_counter()
        app.processEvents()
        slices.append((time.perf_counter() - t) * 1000)
    out["layout_all_ms"] = round((time.perf_counter() - start) * 1000, 1)
    out["layout_slices"] = _frames(slices) if slices else None
    bar = view.verticalScrollBar()
    _CPU_MS.clear()
    steps_ = [_frame(app, view, lambda: bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd))
              for _ in range(steps)]
    jumps = [_frame(app, view, lambda: bar.setValue(rng.randrange(bar.maximum() + 1))) for _ in range(steps)]
    out["frames"] = _frames(steps_ + jumps)
    out["frames_ui_thread_cpu"] = _frames(list(_CPU_MS))
    out["rss_growth_mb"] = round(_rss_mb() - rss_before, 1)
    loader.shutdown()
    view.close()
    view.deleteLater()
    source.close()
    app.processEvents()
    return out


# ---------------------------------------------------------------- entry points

def run(objects: int, tmpdir: Path | str) -> dict[str, Any]:
    """Measure the list and grid over a generated archive of `objects` objects (kept in tmpdir)."""
    app = _app()
    archive, built = prepare(objects, tmpdir)
    rng = random.Random(objects)
    try:
        from exhibit import services
        result: dict[str, Any] = {
            "objects": services.count(archive, "object"),
            "generated_s": round(built, 1),
            "db_mb": round(archive.db_path.stat().st_size / 1e6, 1),
            "platform": app.platformName(),
            "table": bench_table(app, archive, rng),
            "grid": bench_grid(app, archive, rng),
        }
    finally:
        archive.close()
    table = result["table"]
    result["targets"] = {
        "first_paint_le_300ms": table["first_paint_ms"] <= TARGET_FIRST_PAINT_MS,
        "no_frame_over_16ms": table["frames"]["over_16ms"] == 0,
    }
    return result


def run_all(tmpdir: Path | str, sizes: tuple[int, ...] = (100_000, 1_000_000)) -> dict[str, Any]:
    return {str(n): run(n, tmpdir) for n in sizes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench list", description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", default=None, help="keep the generated archives here (reused next time)")
    args = parser.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="exhibit-ui-bench-") as tmp:
        result = run_all(Path(args.dir) if args.dir else Path(tmp), tuple(args.objects))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
