"""The kiosk's settings file: idle times, default language and the staff PIN's hash (JSON).

Kept outside the archive (it belongs to the machine, not the collection), in
$EXHIBIT_KIOSK_SETTINGS, else <config dir>/exhibit/kiosk.json.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from exhibit.errors import ExhibitError

ENV_SETTINGS = "EXHIBIT_KIOSK_SETTINGS"


def settings_path() -> Path:
    if os.environ.get(ENV_SETTINGS):
        return Path(os.environ[ENV_SETTINGS])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home())
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "exhibit" / "kiosk.json"


@dataclass
class KioskSettings:
    idle_seconds: float = 90.0        # no touch for this long: ask "still there?"
    countdown_seconds: int = 15       # then count down this many seconds to the attract loop
    default_language: str = "zh"      # the language the attract loop resets to
    attract_seconds: float = 7.0      # each slide of the attract loop
    staff_hold_seconds: float = 4.0   # long press in the top-left corner for the staff PIN
    pin: dict = field(default_factory=dict)  # {"algorithm", "salt", "hash", …}: never the PIN

    @classmethod
    def load(cls, path: Path | None = None) -> "KioskSettings":
        path = path or settings_path()
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ExhibitError(f"cannot read the kiosk settings {path}: {exc}") from exc
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.default_language not in ("zh", "en"):
            settings.default_language = "zh"
        return settings

    def save(self, path: Path | None = None) -> Path:
        path = path or settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            os.chmod(tmp, 0o600)  # the hash is salted and slow to test, but still nobody's business
        except OSError:
            pass
        tmp.replace(path)
        return path
