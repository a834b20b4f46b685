"""Where the program's translation catalogues are: the core is told at start, it does not know.

The core writes a few sentences for people to read in Chinese (a partial
import's rejects file under a Chinese header: exhibit.problem_text). Their
Chinese is kept where translators edit the curator window's strings, a Qt .ts
catalogue in the UI's folder, so that one fix reaches the windows and the files
alike. The core may not name the UI (tests/core/test_layering.py), so the
program's entry point, main.py, says where each language's catalogue is before
any command runs, as the UI tells Qt which .qm to load. This module only keeps
that answer; it imports nothing heavy because main.py imports it before every
command (the kiosk and `main.py search` start no slower for it).
"""
from __future__ import annotations

from pathlib import Path

_PLACES: dict[str, Path] = {}   # language ('zh') → its .ts file


def use(lang: str, path: Path | str) -> None:
    """The catalogue of `lang` is `path` (read when a sentence in `lang` is first needed)."""
    _PLACES[lang] = Path(path)


def forget(lang: str) -> None:
    """No catalogue for `lang`: the core's sentences stay in the command line's English."""
    _PLACES.pop(lang, None)


def place(lang: str) -> Path | None:
    return _PLACES.get(lang)
