"""The curator window's last line of defence (ui/common/crash.py): a bug is logged and named
in one sentence; a shared archive's server that went away is said in its own words, with
no crash log, since it is not a bug and the next action connects again."""
from __future__ import annotations

from pathlib import Path

from exhibit.server.address import ServerError
from ui.common.crash import CrashHandler


def test_a_lost_server_is_said_and_not_logged_as_a_crash(qtbot, tmp_path: Path):
    reacted: list = []
    said: list[str] = []
    handler = CrashHandler(lambda: tmp_path, reacted.append, said.append)
    try:
        lost = ServerError("the connection to postgresql://db/museum was lost (server closed the "
                           "connection); it is made again at the next action")
        handler._hook(ServerError, lost, None)
        qtbot.waitUntil(lambda: bool(said), timeout=5000)
        assert said == [str(lost)] and handler.logged == [] and reacted == []
        # A bug is still a crash: logged, and the window says where the log is.
        try:
            raise ZeroDivisionError("a bug")
        except ZeroDivisionError as exc:
            handler._hook(ZeroDivisionError, exc, exc.__traceback__)
        qtbot.waitUntil(lambda: bool(reacted), timeout=5000)
        assert len(handler.logged) == 1 and handler.logged[0] is not None and handler.logged[0].is_file()
    finally:
        handler.uninstall()
