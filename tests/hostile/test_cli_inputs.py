"""Attack 9 and the CLI's last line of defence: numbers out of range, dates that are no dates,
control characters, paths that cannot be written, a full disk, a snapshot that is missing
or damaged, and an exception no code expected. Each ends in one line, exit status 1, and
nothing lost or left half-written.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exhibit.crashlog import LOG_NAME
from tests.hostile.limits import run_main_disk_full
from tests.hostile.support import (
    ROOT,
    assert_archive_intact,
    assert_refused,
    child_env,
    counts,
    file_digest,
    run_main,
    tree,
)

PEAKS: list[tuple[float, str]] = []


def refused(run, *words: str) -> str:
    line = assert_refused(run, *words)
    PEAKS.append((run.peak_rss_mb, line[:70]))
    return line


@pytest.fixture
def sample(archive) -> Path:
    """The sample archive's folder, closed: the child is its only user."""
    archive.close()
    return archive.root


def _files(root: Path) -> dict[str, str]:
    """The archive folder's files but the database's own (checked by assert_archive_intact;
    its -wal and -shm come and go with connections)."""
    return {k: v for k, v in tree(root).items() if not k.startswith("archive.db")}


def _intact(root: Path):
    db = root / "archive.db"
    before = (file_digest(db), counts(db), _files(root))

    def check() -> None:
        assert_archive_intact(db, before[0], before[1])
        assert _files(root) == before[2], "something was written into the archive folder"
    return check


@pytest.mark.parametrize("args, words", [
    (["--limit", "99999999999999999999"], ["--limit", "out of range"]),
    (["--limit", "-1"], ["--limit", "out of range"]),
    (["--limit", "0"], ["--limit", "out of range"]),
    (["--limit", "ten"], ["--limit", "not a whole number"]),
    (["--from", "2026-13-45"], ["--from", "not a date"]),
    (["--to", "1944-02-30"], ["--to", "not a date"]),
    (["--from", "yesterday"], ["--from", "not a date"]),
])
def test_search_options_out_of_range_are_refused(sample, args, words):
    check = _intact(sample)
    refused(run_main("--archive", str(sample), "search", "衡阳", *args), *words)
    check()


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "^", "衡阳 AND NOT", '"" "', "衡" * 10_000,
                                   "ab " * 3_333, "<b>bold</b>"])
def test_search_takes_any_text_as_words(sample, query):
    run = run_main("--archive", str(sample), "search", query, "--limit", "3")
    PEAKS.append((run.peak_rss_mb, f"search {query[:20]!r}"))
    assert run.returncode == 0 and "Traceback" not in run.output, run.output
    assert "result(s) for" in run.stdout


def test_show_refuses_an_accession_of_control_characters(sample):
    run = run_main("--archive", str(sample), "show", "HY\x1b[2J\x07\u202e1944")
    line = refused(run, "control characters")
    assert "\x1b" not in run.output and "\u202e" not in line and "\\x1b" in line


def test_show_prints_archive_text_with_its_control_characters_escaped(sample):
    import sqlite3

    conn = sqlite3.connect(sample / "archive.db")
    with conn:
        conn.execute("UPDATE objects SET name_en = ? WHERE accession = 'HY1944.0001'",
                     ["Notice\x1b]0;pwned\x07\x1b[2J\u202eevil"])
    conn.close()
    run = run_main("--archive", str(sample), "show", "HY1944.0001")
    assert run.returncode == 0, run.output
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout and "\u202e" not in run.stdout
    assert "Notice\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil" in run.stdout


@pytest.mark.parametrize("out, words", [
    ("missing-folder/labels.pdf", ["does not exist"]),
    ("a-folder.pdf", ["is a folder"]),
])
def test_labels_refuse_an_output_they_cannot_write(sample, tmp_path, out, words):
    (tmp_path / "a-folder.pdf").mkdir()
    check = _intact(sample)
    refused(run_main("--archive", str(sample), "labels", "--all", "--out", str(tmp_path / out)), *words)
    check()
    assert not (tmp_path / "missing-folder").exists()


# The sample archive is ~1.8 MB and its label sheets with photos and catalogue ~3.3 MB or more:
# a file-size limit between the two lets the archive be read and makes the PDF's write fail as on
# a full disk. (Object labels leave photos out unless asked: --photo makes the sheets that large.)
FULL_AT = 2_500_000


@pytest.mark.parametrize("command", [["labels", "--all", "--photo"], ["catalogue"]])
def test_printing_on_a_full_disk_is_one_line_and_keeps_the_earlier_file(sample, tmp_path, command):
    out = tmp_path / "print" / "out.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF-1.4 the earlier file\n")
    check = _intact(sample)
    run = run_main_disk_full("--archive", str(sample), *command, "--out", str(out), fsize=FULL_AT)
    refused(run, "could not be written", str(out))
    assert out.read_bytes() == b"%PDF-1.4 the earlier file\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.pdf"]  # no partial file
    check()


def test_publishing_on_a_full_disk_keeps_the_kiosks_snapshot(archive, tmp_path):
    from exhibit.publish.snapshot import publish

    publish(archive, tmp_path / "kiosk")
    archive.close()
    before = tree(tmp_path / "kiosk")
    run = run_main_disk_full("--archive", str(archive.root), "publish", str(tmp_path / "kiosk"),
                             fsize=300_000)
    refused(run, "kiosk snapshot")
    assert tree(tmp_path / "kiosk") == before  # the kiosk goes on with the snapshot it had


@pytest.mark.parametrize("where", ["current.json is a folder", "a file as the folder"])
def test_publish_refuses_a_destination_it_cannot_use(sample, tmp_path, where):
    dest = tmp_path / "kiosk"
    if where == "current.json is a folder":
        (dest / "current.json").mkdir(parents=True)
    else:
        dest.write_text("not a folder")
    refused(run_main("--archive", str(sample), "publish", str(dest)), str(dest))


def _visits(folder: Path) -> None:
    from exhibit.publish.visits import VisitCounter

    counter = VisitCounter(folder / "visits.db")
    for record_id in range(1, 5000):  # a CSV of ~100 KB
        counter.opened("object", record_id)
    counter.close()


def test_visits_export_onto_dev_full_is_one_line(tmp_path):
    _visits(tmp_path / "kiosk")
    refused(run_main("visits-export", "/dev/full", "--snapshot", str(tmp_path / "kiosk")), "disk is full")
    assert Path("/dev/full").is_char_device()


def test_visits_export_on_a_full_disk_keeps_the_earlier_file(tmp_path):
    _visits(tmp_path / "kiosk")
    out = tmp_path / "export" / "visits.csv"
    out.parent.mkdir()
    out.write_text("the earlier export\n")
    run = run_main_disk_full("visits-export", str(out), "--snapshot", str(tmp_path / "kiosk"), fsize=65536)
    refused(run, "could not be written")
    assert out.read_text() == "the earlier export\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["visits.csv"]


def test_visits_export_onto_a_folder_is_refused(tmp_path):
    _visits(tmp_path / "kiosk")
    refused(run_main("visits-export", str(tmp_path), "--snapshot", str(tmp_path / "kiosk")), "is a folder")


@pytest.mark.parametrize("damage", ["missing", "garbage", "empty", "truncated", "hollow"])
def test_a_missing_or_damaged_snapshot_at_kiosk_start_is_one_line(blank_archive, tmp_path, damage):
    from exhibit.publish.snapshot import publish

    folder = tmp_path / "kiosk"
    if damage != "missing":
        db = publish(blank_archive, folder).snapshot  # the generation current.json names
        db.chmod(0o644)
        if damage == "garbage":
            db.write_bytes(b"not a database at all" * 100)
        elif damage == "empty":
            db.write_bytes(b"")
        elif damage == "truncated":
            db.write_bytes(db.read_bytes()[:8192])  # the header and the first page only
        else:  # this program's version number, none of its tables
            import sqlite3

            from exhibit import schema
            db.unlink()
            conn = sqlite3.connect(db)
            conn.execute(f"PRAGMA user_version = {schema.LATEST}")
            conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.commit()
            conn.close()
    settings = tmp_path / "kiosk.json"
    run = run_main("kiosk", "--snapshot", str(folder),
                   env=child_env(EXHIBIT_KIOSK_SETTINGS=str(settings), QT_QPA_PLATFORM="offscreen"),
                   timeout=60)
    refused(run, "kiosk")


def test_an_unexpected_exception_is_one_line_naming_a_crash_log(sample):
    """A bug (here: a command made to fail as no code expects) gives one line and exit 1; the
    traceback is in the crash log in the archive folder, which the line names."""
    code = ("import sys, main, exhibit.cli\n"
            "def broken(args):\n"
            "    raise KeyError('a bug nobody expected')\n"
            "exhibit.cli.cmd_stats = broken\n"
            f"sys.exit(main.main(['--archive', {str(sample)!r}, 'stats']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1 and len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    log = sample / LOG_NAME
    assert str(log) in lines[0] and "KeyError" in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "a bug nobody expected" in text
    assert "=====" in text and "stats" in text  # a timestamped entry naming the command


def test_without_an_archive_the_crash_log_goes_to_the_cache_folder(tmp_path):
    cache = tmp_path / "cache"
    code = ("import sys, main, exhibit.cli\n"
            "def broken(*args):\n"
            "    raise RuntimeError('boom')\n"
            "exhibit.cli.build_parser = broken\n"
            "sys.exit(main.main(['stats']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                          env=child_env(XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert (cache / "exhibit" / LOG_NAME).read_text().count("RuntimeError: boom") == 1
    assert not (tmp_path / LOG_NAME).exists()


def test_worst_peak(request):
    """Last in the file: the worst memory seen, for the report (always under the cap)."""
    if PEAKS:
        peak, what = max(PEAKS)
        print(f"\nworst peak RSS in test_cli_inputs: {peak:.0f} MB ({what})")


# ---------------------------------------------------------------- the windows' last line of defence

@pytest.mark.qt_no_exception_capture
def test_an_unexpected_exception_in_the_curator_window_is_one_sentence_naming_the_log(qtbot, tmp_path):
    """A slot raising an exception nobody expected: one translated sentence in a dialog that
    names the crash log; the traceback is in the log; a second error while the dialog is
    open adds to the log without a second dialog."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from ui.common import crash, i18n

    parent = QWidget()
    shown: list[str] = []

    def read_dialog() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.objectName() == "crashReport" and w.isVisible())
        shown.append(box.text())
        threading.Thread(target=lambda: 1 / 0, name="worker").start()  # logged, no new dialog
        QTimer.singleShot(200, box.accept)

    def broken_slot() -> None:
        raise ValueError("a slot that fails")

    i18n.set_language("zh", remember=False)
    handler = crash.install_for_curator(lambda: tmp_path, parent)
    try:
        QTimer.singleShot(300, read_dialog)
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(handler.logged) >= 2, timeout=10_000)
        qtbot.wait(300)
    finally:
        handler.uninstall()
        i18n.set_language("en", remember=False)
    log = tmp_path / LOG_NAME
    assert len(shown) == 1 and str(log) in shown[0] and "故障日志" not in shown[0]
    assert "详细信息已写入" in shown[0]  # Qt's translation, as every string of the window
    text = log.read_text(encoding="utf-8")
    assert "ValueError: a slot that fails" in text and "ZeroDivisionError" in text
    assert "thread worker" in text


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_exception_in_the_kiosk_shows_visitors_nothing_and_starts_over(
        qtbot, blank_archive, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from exhibit.publish.snapshot import open_snapshot, publish
    from ui.common import crash
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless

    use_software_renderer_if_headless()
    publish(blank_archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    view = KioskView(snapshot, size=(800, 600))
    handler = crash.install_for_kiosk(lambda: tmp_path / "kiosk", view.kiosk.reset)
    try:
        view.show(fullscreen=False)
        view.kiosk.start()
        view.kiosk.openSearch()
        assert view.kiosk.screen == "search"

        def broken() -> None:
            raise RuntimeError("a kiosk bug")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: view.kiosk.screen == "attract", timeout=5000)
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        assert "RuntimeError: a kiosk bug" in (tmp_path / "kiosk" / LOG_NAME).read_text()
    finally:
        handler.uninstall()
        view.dispose()
        snapshot.close()
