"""Problems in the window's language: exhibit.problem_text's sentences, translated by Qt.

The core reports what is wrong as `exhibit.problems.Problem` (a field, a
stable code, parameters), never as a sentence to be parsed. Every window that
shows a problem (the record form, the import wizard, the export dialog, the
print dialog) asks `problem_text` here. The templates (code → English, marked
for lupdate, context "Problems") and their rendering live in the core,
`exhibit.problem_text`, because the core writes the same sentences into files
(a partial import's rejects file under a Chinese header); this module only
gives that renderer the window's language and Qt's translator, so the window
reads the catalogue Qt loaded (ui/translations/exhibit_zh_CN.ts, compiled by
ui.common.i18n) and a language switch takes effect at once.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from exhibit import problem_text as sentences
from exhibit.problem_text import CONTEXT, LABEL_KINDS, TEMPLATES
from exhibit.problems import Problem
from ui.common import naming

__all__ = ["CONTEXT", "LABEL_KINDS", "TEMPLATES", "field_name", "problem_text", "problem_texts", "message_text",
           "error_text"]


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_name(name: str, record_type: str | None) -> str:
    """A field's name in the window's language; without a record type, the first type that has it."""
    return sentences.field_name(name, record_type, naming.lang())


def problem_text(problem: Problem, record_type: str | None = None) -> str:
    """`problem` as one sentence in the window's language.

    `record_type` names the fields (an object's 名称, a person's 姓名); without
    it the field takes the name the first record type gives it.
    """
    return sentences.render(problem, naming.lang(), _tr, record_type)


def problem_texts(problems: list[Problem], record_type: str | None = None) -> list[str]:
    return [problem_text(p, record_type) for p in problems]


def message_text(message: Problem | str, record_type: str | None = None) -> str:
    """A failure as a background task reports it (ui.common.background): a Problem, or the core's text."""
    return problem_text(message, record_type) if isinstance(message, Problem) else message


def error_text(error: BaseException, record_type: str | None = None) -> str:
    """An error's message in the window's language when it carries a problem, else as the core wrote it."""
    problem = getattr(error, "problem", None)
    return problem_text(problem, record_type) if isinstance(problem, Problem) else str(error)
