"""QR codes as vector paths: segno's module matrix drawn as one filled PDF path.

Each run of dark modules in a row becomes one rectangle in module units
(small integers), written straight into the page stream inside a scaled
coordinate system, so a code costs a few hundred short operators instead
of one reportlab shape per module (reportlab's own QrCodeWidget). The
bench measures both.

The mask pattern is fixed (pattern 2) rather than chosen by scoring all
eight: every mask is valid and any reader decodes it, while scoring took
~4 ms of the ~4.7 ms a code cost (segno 1.6).

Even so, encoding is ~1 ms of pure Python per code, about a third of a
1,000-label batch. `encoding_ahead(urls)` encodes a batch's codes in one
forked worker process while the caller fits and draws the labels, when the
machine has a core to spare (on two cores that takes ~1 s of CPU off the
main process for 1,000 labels; on a saturated machine a worker would only add
the fork's overhead). `path_ops` then takes each code the worker has made and
encodes any it has not (yet) in-process. Where no worker can be started, or
for a handful of codes, each code is simply encoded when it is drawn: the
output is the same either way.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from exhibit import cpu

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

QUIET = 4          # modules of white border the standard asks for
MASK = 2
ERROR = "m"        # 15 % recovery: survives a scuffed label


AHEAD_MIN = 64     # fewer codes than this are encoded in-process: a worker would cost more
CHUNK = 32         # codes per message from the worker


@lru_cache(maxsize=2048)
def path_ops(data: str) -> tuple[int, str]:
    """(symbol size in modules, PDF path operators in module units, y growing downwards)."""
    batch = _batch
    if batch is not None:
        found = batch.take(data)
        if found is not None:
            return found
    return encode(data)


def encode(data: str) -> tuple[int, str]:
    """`path_ops` without the cache or the worker: segno's matrix as path operators."""
    import segno

    code = segno.make_qr(data, error=ERROR, mask=MASK, boost_error=False)
    ops: list[str] = []
    for y, row in enumerate(code.matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                ops.append(f"{start} {y} {x - start} 1 re")
            else:
                x += 1
    ops.append("f")
    return len(code.matrix), "\n".join(ops)


def _encode_chunk(chunk: list[str]) -> list[tuple[int, str]]:
    return [encode(d) for d in chunk]


class _Batch:
    """Codes encoded by a worker process, in the order they will be drawn."""

    def __init__(self, data: list[str], method: str) -> None:
        ctx = multiprocessing.get_context(method)
        self._pool = ctx.Pool(1)
        self._chunks = [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)]
        self._results = self._pool.imap(_encode_chunk, self._chunks)
        self._next = 0                 # the chunk the worker answers next
        self._wanted = set(data)
        self._ready: dict[str, tuple[int, str]] = {}
        self._lock = threading.Lock()

    def take(self, data: str) -> tuple[int, str] | None:
        """The code for `data` if the worker has made it, else None and the caller encodes
        it itself. Never waits: a worker that is slow to start, starved of CPU or dead
        costs nothing but the work it would have saved."""
        if data not in self._wanted:
            return None
        with self._lock:
            while data not in self._ready and self._next < len(self._chunks):
                try:
                    codes = self._results.next(timeout=0)
                except multiprocessing.TimeoutError:
                    break                  # not made yet
                except Exception:          # the chunk failed in the worker: skip it
                    codes = []
                self._ready.update(zip(self._chunks[self._next], codes))
                self._next += 1
            return self._ready.pop(data, None)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def _start_method() -> str | None:
    """fork where it is safe (a single-threaded process: the bench, the command line);
    in a threaded process (the curator window prints on a QThread) a forkserver, whose
    clean single-threaded parent makes forking safe; otherwise none."""
    methods = multiprocessing.get_all_start_methods()
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:
        threads = threading.active_count()
    if "fork" in methods and threads == 1:
        return "fork"
    if "forkserver" in methods:
        return "forkserver"
    return None


_batch: _Batch | None = None


@contextmanager
def encoding_ahead(data: Iterable[str]) -> Iterator[None]:
    """While open, a worker process encodes the codes for `data` (in the order they
    will be drawn) and `path_ops` takes them from it."""
    global _batch
    todo = list(dict.fromkeys(d for d in data if d))
    method = _start_method() if len(todo) >= AHEAD_MIN and _batch is None and cpu.spare_core() else None
    batch = None
    if method is not None:
        try:
            batch = _Batch(todo, method)
        except (OSError, ValueError, RuntimeError):
            batch = None               # no worker: every code is encoded when drawn
    if batch is None:
        yield
        return
    _batch = batch
    try:
        yield
    finally:
        _batch = None
        batch.close()


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float, *, quiet: bool = True) -> None:
    """Draw a QR code for `data` with its lower-left corner at (x, y), `size` points square
    (the quiet zone included when `quiet`)."""
    n, ops = path_ops(data)
    total = n + (2 * QUIET if quiet else 0)
    unit = size / total
    offset = QUIET * unit if quiet else 0.0
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Top-left of the symbol, y axis flipped so matrix rows count downwards.
    canvas.transform(unit, 0, 0, -unit, x + offset, y + size - offset)
    canvas.addLiteral(ops)
    canvas.restoreState()


def draw_qr_reportlab(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """The same code drawn with reportlab's QrCodeWidget, for the bench's comparison."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(data, barLevel=ERROR.upper())
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
