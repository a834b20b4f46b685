"""File → Open shared archive…: a curator window on a PostgreSQL server archive.

The address (postgresql://host/database) is all the window keeps: the password comes
from libpq's own places (~/.pgpass, a service file, PGPASSWORD), never from our settings,
and an address typed with a password in it is remembered with the password taken out.
The last archive opened is remembered (QSettings "archive/shared"), so the next start
opens the same shared archive; "Open the local archive" goes back and forgets it.

Opening is tried before the window changes: an address that does not answer, refuses the
login or holds no Exhibit archive is said in one line, and the window stays where it was.
Once it opens, the window asks to be replaced (`open_requested`, read by ui/app.py's loop,
as a restore from a backup is) so that nothing of the old archive stays in it.

`follow(window, archive)` makes a window on a server archive hear other curators' edits
(ui/common/server_changes.py).
"""
from __future__ import annotations

from typing import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from exhibit.archive import Archive
from exhibit.errors import ExhibitError

SETTING = "archive/shared"
LOCAL = "local"   # open_requested's value for "back to the local archive"

Ask = Callable[[QWidget, str, str, str], "str | None"]


def _ask(parent: QWidget, title: str, label: str, text: str) -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok else None


def without_password(url: str) -> str:
    """The address with any password taken out (of the user part and of the query)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() != "password"], safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def remembered() -> str | None:
    """The shared archive opened last, if the last archive opened was a shared one."""
    value = QSettings().value(SETTING, "")
    return str(value) if value else None


def remember(address: str | None) -> None:
    QSettings().setValue(SETTING, without_password(address) if address else "")


class SharedArchiveActions(QObject):
    """The File menu's "Open shared archive…" and "Open the local archive" of one window."""

    def __init__(self, window, archive: Archive, *, ask: Ask = _ask,
                 inform: Callable[[QWidget, str, str], object] | None = None) -> None:
        super().__init__(window)
        self.window, self.archive = window, archive
        self.ask = ask
        self.inform = inform or (lambda parent, title, text: QMessageBox.warning(parent, title, text))
        self.open_requested: str | None = None
        self.act_open_shared = QAction(self, triggered=self.open_shared)
        self.act_open_local = QAction(self, triggered=self.open_local)
        self.act_open_local.setVisible(archive.is_server)
        menu = window.menu_file
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.act_open_shared, self.act_open_local])
        menu.insertSeparator(first)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.act_open_shared.setText(self.tr("Open s&hared archive…"))
        self.act_open_local.setText(self.tr("Open the &local archive"))

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LanguageChange and watched is self.window:
            self.retranslate()
        return False

    def open_shared(self) -> bool:
        """Ask for a server archive's address, try it, and have the window reopen on it."""
        current = self.archive.url if self.archive.is_server else (remembered() or "")   # type: ignore[attr-defined]
        address = self.ask(self.window, self.tr("Open shared archive"),
                           self.tr("Address of the shared archive (postgresql://server/database). "
                                   "The password is read from your .pgpass file or the PGPASSWORD "
                                   "setting, not stored here."),
                           without_password(current) if current else "postgresql://")
        if not address or address == "postgresql://":
            return False
        try:
            trial = Archive.open(address, user=self.archive.user)
        except ExhibitError as exc:
            self.inform(self.window, self.tr("The shared archive cannot be opened"), str(exc))
            return False
        trial.close()
        return self._reopen(address)

    def open_local(self) -> bool:
        return self._reopen(LOCAL)

    def _reopen(self, target: str) -> bool:
        if not self.window.form.maybe_leave():
            return False
        self.open_requested = target
        remember(None if target == LOCAL else target)
        self.window.close()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None and self.window.isHidden():
            app.quit()   # ui/app.py's loop opens the window again on `target`
        return True


def follow(window, archive: Archive) -> None:
    """Let a window on a server archive hear the other curators' edits (no-op for SQLite)."""
    if not archive.is_server:
        return
    from ui.common.server_changes import ServerChanges

    conn = archive.conn   # type: ignore[attr-defined]
    changes = ServerChanges(archive.url, [conn.info.backend_pid], window)   # type: ignore[attr-defined]
    # A connection made again after the server was away is this window's too.
    archive.reconnected.append(lambda fresh: changes.own_pids.add(fresh.info.backend_pid))  # type: ignore[attr-defined]
    window.follow_server(changes)
    changes.start()
