"""The kiosk's settings file: idle times, default language and the staff PIN's hash (JSON).

Kept outside the archive (it belongs to the machine, not the collection), in
$EXHIBIT_KIOSK_SETTINGS, else <config dir>/exhibit/kiosk.json. The file is
edited by hand, so what it holds is checked when read: a file that is not a
JSON object, a number of the wrong type, NaN or out of range, or a PIN that is
not a stored hash is refused in one line naming the setting, rather than
starting a kiosk whose timers fail later in front of visitors.
"""
from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from exhibit.errors import ExhibitError

ENV_SETTINGS = "EXHIBIT_KIOSK_SETTINGS"
MAX_BYTES = 64 * 1024  # a settings file is a few hundred bytes


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
            if path.stat().st_size > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES // 1024} KB; this is not a settings file")
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:  # RecursionError: [[[[… nested
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ExhibitError(f"cannot read the kiosk settings {path}: {reason}") from exc
        settings = cls(**_checked(data, path))
        settings.path = path  # where a re-hashed PIN is written back
        return settings

    path = None  # the file it was read from (not a setting: never saved)

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


# name -> (lowest, highest): a hand-edited file with a wrong type or a number out of range
# is refused in one line naming the setting, before any timer is made from it.
_BOUNDS: dict[str, tuple[float, float]] = {
    "idle_seconds": (5, 86400), "countdown_seconds": (0, 600),
    "attract_seconds": (1, 3600), "staff_hold_seconds": (0.2, 60),
}


def _checked(data: object, path: Path) -> dict:
    if not isinstance(data, dict):
        raise ExhibitError(f"the kiosk settings {path} are not a JSON object of settings")
    out: dict = {}
    for f in fields(KioskSettings):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in _BOUNDS:
            low, high = _BOUNDS[f.name]
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not math.isfinite(value) or not low <= value <= high:
                raise ExhibitError(f"the kiosk setting {f.name} in {path} must be a number "
                                   f"from {low:g} to {high:g}, not {json.dumps(value)[:40]}")
            value = int(value) if f.type in (int, "int") else float(value)
        elif f.name == "default_language":
            value = value if value in ("zh", "en") else "zh"
        elif f.name == "pin":
            if not isinstance(value, dict):
                raise ExhibitError(f"the kiosk setting pin in {path} is not a stored PIN hash; "
                                   "set the PIN again with `main.py kiosk --set-pin`")
        out[f.name] = value
    return out
