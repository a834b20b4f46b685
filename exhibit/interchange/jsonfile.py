"""Reading a JSON file a curator hands us (a column mapping, a whole-archive export).

Whatever the file holds, the answer is the parsed value or one ExhibitError
naming the file: not text, not JSON, nested past what the parser can follow
(Python's json raises RecursionError at ~1,000 levels, which nothing we write
comes near), larger than the kind of file can be, or too large for memory.
Checking the *shape* of the value is the caller's job, naming the key path
(`records.object[3].name_zh`) with `where`/`kind` below.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exhibit.errors import ExhibitError


def load(path: Path | str, *, what: str, limit: int | None = None,
         error: type[ExhibitError] = ExhibitError) -> Any:
    """The JSON value in `path` (a `what`, e.g. "column mapping"), at most `limit` bytes."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if limit is not None and size > limit:
            raise error(f"{path.name}: is {size / 1e6:,.1f} MB, far larger than a {what} can be "
                        f"(at most {limit / 1e6:,.0f} MB); it was not read")
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise error(f"{path.name}: is not UTF-8 text (byte {exc.start:,}), so not a {what}") from None
    except RecursionError:
        raise error(f"{path.name}: nests lists or objects too deeply to be a {what}") from None
    except ValueError as exc:
        raise error(f"{path.name}: is not valid JSON ({exc})") from None
    except MemoryError:
        raise error(f"{path.name}: is too large to read into memory") from None


def kind(value: Any) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def where(*parts: str | int) -> str:
    """A key path as jq writes it: records.object[3].name_zh."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
