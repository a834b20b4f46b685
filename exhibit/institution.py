"""The museum that holds the archive: its name, identifier and record licence.

Exports that name an institution (LIDO's repository and record source, IIIF's
provider, the catalogue's colophon) read it from the archive's settings, so
that each museum's export names that museum and no other. The keys live here,
in one place; the CLI (`main.py settings`) and the curator window's "Museum…"
dialog set them, and nothing else may invent a key.

A setting that is empty stays empty: exports then omit what it would fill,
never put another museum's name in its place.
"""
from __future__ import annotations

from dataclasses import dataclass

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError


@dataclass(frozen=True)
class Key:
    name: str
    label_zh: str
    label_en: str


# The order is the order the CLI lists them and the dialog shows them.
KEYS: tuple[Key, ...] = (
    Key("museum.name_zh", "馆名（中文）", "Museum name (Chinese)"),
    Key("museum.name_en", "馆名（英文）", "Museum name (English)"),
    Key("museum.isil", "ISIL 或其他机构标识", "ISIL or other identifier"),
    Key("museum.url", "网址", "Website"),
    Key("records.rights", "著录数据许可", "Rights for the records (e.g. CC0)"),
    # What the printed catalogue's cover and the panels' bands call the exhibition.
    Key("exhibition.title_zh", "展览名称（中文）", "Exhibition title (Chinese)"),
    Key("exhibition.title_en", "展览名称（英文）", "Exhibition title (English)"),
    Key("exhibition.cover_image", "图录封面图片（文件名或媒体编号）",
        "Catalogue cover image (file name or media number)"),
)
KEY_NAMES = tuple(k.name for k in KEYS)
MAX_LENGTH = 500  # a name or a licence line, never a document

# What the sample exhibition says about itself. The real hall in Hengyang is the
# 衡阳保卫战纪念馆 (陆家新屋); the sample is not theirs and says so.
SAMPLE_VALUES = {
    "museum.name_zh": "衡阳保卫战1944展览（示例）",
    "museum.name_en": "Defence of Hengyang 1944 exhibition (sample)",
    "museum.isil": "",
    "museum.url": "",
    "records.rights": "CC0 1.0",
    "exhibition.title_zh": "衡阳保卫战",
    "exhibition.title_en": "The Defence of Hengyang",
    "exhibition.cover_image": "map-hengyang.png",
}


@dataclass(frozen=True)
class Institution:
    name_zh: str = ""
    name_en: str = ""
    isil: str = ""
    url: str = ""
    rights: str = ""

    def name(self, lang: str) -> str:
        """The name in `lang` only: an English name is never given as the Chinese one."""
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def any_name(self) -> str:
        """A name for a language-neutral place (an attribute), English first."""
        return self.name_en or self.name_zh


class SettingError(ExhibitError):
    """A setting that this program does not know, or a value it cannot keep."""


def institution(archive: Archive) -> Institution:
    value = {k: (archive.setting(k) or "").strip() for k in KEY_NAMES}
    return Institution(value["museum.name_zh"], value["museum.name_en"], value["museum.isil"],
                       value["museum.url"], value["records.rights"])


def settings(archive: Archive) -> dict[str, str]:
    """Every known key with its value ("" when unset), in KEYS order."""
    return {k: archive.setting(k) or "" for k in KEY_NAMES}


def check_key(key: str) -> str:
    if key not in KEY_NAMES:
        raise SettingError(f"'{key}' is not a setting; the settings are {', '.join(KEY_NAMES)}")
    return key


def _clean(key: str, value: str) -> str:
    value = value.strip()
    if len(value) > MAX_LENGTH or any(ord(c) < 32 for c in value):
        raise SettingError(f"the value for '{key}' must be one line of at most {MAX_LENGTH} characters")
    return value


def set_values(archive: Archive, values: dict[str, str]) -> list[str]:
    """Set known keys in one transaction, a history row for each change; returns the keys changed."""
    cleaned = {check_key(k): _clean(k, v) for k, v in values.items()}
    changed: list[str] = []
    with archive.transaction():
        for key, value in cleaned.items():
            before = archive.setting(key)
            if (before or "") == value:
                continue
            archive.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
            services.add_history(archive, "update" if before is not None else "create", "setting", None,
                                 None if before is None else {"key": key, "value": before},
                                 {"key": key, "value": value})
            changed.append(key)
    return changed


def set_value(archive: Archive, key: str, value: str) -> bool:
    return bool(set_values(archive, {key: value}))
