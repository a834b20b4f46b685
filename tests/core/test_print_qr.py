"""QR codes encoded ahead in a worker process are the codes segno makes, whatever happens to the worker."""
from __future__ import annotations

import segno

from exhibit import cpu
from exhibit.printing import qr

URLS = [f"https://museum.example/objects/HY1944.{i:04d}" for i in range(qr.AHEAD_MIN + 6)]


def _matrix(ops: tuple[int, str]) -> list[list[int]]:
    n, text = ops
    drawn = [[0] * n for _ in range(n)]
    for op in text.splitlines()[:-1]:
        x, y, w, _h, _ = op.split()
        for i in range(int(x), int(x) + int(w)):
            drawn[int(y)][i] = 1
    return drawn


def _segno(data: str) -> list[list[int]]:
    return [list(row) for row in segno.make_qr(data, error=qr.ERROR, mask=qr.MASK, boost_error=False).matrix]


def test_codes_from_the_worker_are_segnos(monkeypatch):
    monkeypatch.setattr(cpu, "spare_core", lambda: True)     # a worker even on a busy test machine
    qr.path_ops.cache_clear()
    with qr.encoding_ahead(URLS):
        assert qr._batch is not None
        got = [qr.path_ops(u) for u in URLS]
        other = qr.path_ops("https://museum.example/not-in-the-batch")   # encoded in-process
    assert all(_matrix(g) == _segno(u) for g, u in zip(got, URLS))
    assert _matrix(other) == _segno("https://museum.example/not-in-the-batch")
    assert qr._batch is None                       # the worker is gone afterwards


def test_a_dead_worker_or_none_at_all_still_gives_every_code(monkeypatch):
    monkeypatch.setattr(cpu, "spare_core", lambda: True)
    qr.path_ops.cache_clear()
    with qr.encoding_ahead(URLS):
        assert qr._batch is not None
        qr._batch._pool.terminate()                 # the worker dies mid-job
        got = [qr.path_ops(u) for u in URLS]
    assert got == [qr.encode(u) for u in URLS]

    qr.path_ops.cache_clear()
    monkeypatch.setattr(qr, "_start_method", lambda: None)   # no fork/forkserver on this system
    with qr.encoding_ahead(URLS):
        assert qr._batch is None
        assert [qr.path_ops(u) for u in URLS] == got
