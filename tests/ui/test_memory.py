"""Start-up objects are frozen out of the cycle collector once the search tables are loaded."""
from __future__ import annotations

import gc

from exhibit import search
from ui.common import memory


def test_warm_up_loads_the_pinyin_tables_then_freezes():
    gc.unfreeze()
    try:
        memory.warm_then_settle().join(timeout=60)
        assert gc.get_freeze_count() > 0
        assert search._pinyin_syllables.cache_info().currsize >= 1
        assert search.pinyin_for("衡阳").startswith("heng yang")
    finally:
        gc.unfreeze()


def test_release_heap_gives_memory_back_where_glibc_can():
    import sys

    released = memory.release_heap()
    assert released is sys.platform.startswith("linux") or released is False
    assert memory.release_heap() is released  # cheap to call again: the lookup is cached
