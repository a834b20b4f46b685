"""Archive text in the curator's widgets is shown as plain text, never as markup.

A QLabel guesses rich text (Qt::AutoText) when a text looks like HTML, so a
credit line `<img src="file:///…">` showed a local file and `<b>` made bold.
No widget of the curator window means to show markup, so one rule for the
whole application sets every QLabel, message box and wizard label included,
to Qt::PlainText when it is polished (a style sheet's `qproperty-`): labels
made later are covered too, without a call at every site.

Tooltips are drawn by a label Qt makes privately, which that rule does not
reach, so a tooltip that carries archive text goes through `tip()`, which
escapes it and says it is rich text: it then shows literally.
"""
from __future__ import annotations

import html

from PySide6.QtWidgets import QApplication

RULE = "QLabel { qproperty-textFormat: PlainText; }"
MAX_TIP = 2000  # characters: a tooltip is a glance, not a document


def install(app: QApplication | None = None) -> None:
    """Make every QLabel of the application plain text (idempotent)."""
    app = app or QApplication.instance()
    if app is not None and RULE not in app.styleSheet():
        app.setStyleSheet((app.styleSheet() + "\n" + RULE).strip())


def tip(text: str | None) -> str:
    """A tooltip that shows `text` literally ("" stays "": no tooltip)."""
    if not text:
        return ""
    if len(text) > MAX_TIP:
        text = text[:MAX_TIP] + "…"
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
