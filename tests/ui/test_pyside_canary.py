"""Canary: PySide6 6.12.0 on CPython 3.11 leaks references to None and aborts the process.

Each call of a method that returns nothing lowers None's reference count; after
enough calls the interpreter dies with "Fatal Python error: none_dealloc".
pyproject.toml excludes 6.12.0; this test fails on any install that has the bug.
"""
from __future__ import annotations

import sys

from PySide6.QtGui import QImageReader


def test_void_methods_keep_none_refcount_stable():
    reader = QImageReader()
    before = sys.getrefcount(None)
    for _ in range(2000):
        reader.setAutoTransform(True)
    after = sys.getrefcount(None)
    # Immortal None (3.12+) reports a huge constant; a leak shows as a drop of ~2000.
    assert before - after < 100, f"None lost {before - after} references: affected PySide6 build"
