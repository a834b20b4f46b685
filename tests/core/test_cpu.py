"""How the workers decide whether a core is free (exhibit/cpu.py)."""
from __future__ import annotations

import os

import pytest

from exhibit import cpu


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="Linux only")
def test_idle_cores_are_measured_between_none_and_every_core():
    idle = cpu.idle_cores(0.05)
    assert idle is not None and 0.0 <= idle <= cpu.cores()


def test_one_core_never_has_one_to_spare(monkeypatch):
    monkeypatch.setattr(cpu, "cores", lambda: 1)
    monkeypatch.setattr(cpu, "idle_cores", lambda: 1.0)
    assert not cpu.spare_core()


def test_a_busy_second_core_is_not_spare(monkeypatch):
    monkeypatch.setattr(cpu, "cores", lambda: 2)
    monkeypatch.setattr(cpu, "idle_cores", lambda: 1.0)  # another program uses one core
    assert not cpu.spare_core()
    monkeypatch.setattr(cpu, "idle_cores", lambda: 1.9)
    assert cpu.spare_core()


def test_the_load_average_decides_where_proc_stat_is_missing(monkeypatch):
    monkeypatch.setattr(cpu, "cores", lambda: 2)
    monkeypatch.setattr(cpu, "_cpu_ticks", lambda: None)
    assert cpu.idle_cores() is None
    if not hasattr(os, "getloadavg"):
        assert cpu.spare_core()
        return
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 1.0, 1.0))
    assert not cpu.spare_core()
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 1.0, 1.0))
    assert cpu.spare_core()


def test_proc_stat_lines_are_read_as_ticks(monkeypatch, tmp_path):
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\n", encoding="ascii")
    real_open = open

    def fake_open(path, *args, **kwargs):
        return real_open(stat if path == "/proc/stat" else path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    assert cpu._cpu_ticks() == (1000, 840)
