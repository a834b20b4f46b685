"""Every visible string of the UI has a Chinese translation, and switching works."""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.common import i18n


def untranslated(ts: Path) -> list[str]:
    missing = []
    for context in ET.parse(ts).getroot().findall("context"):
        for message in context.findall("message"):
            tr = message.find("translation")
            text = "".join(tr.itertext()).strip() if tr is not None else ""
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return missing


CATALOGUES = [name for name in i18n.CATALOGUES if i18n.catalogue_sources(name)]


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_committed_translations_are_complete(catalogue):
    assert untranslated(i18n.catalogue_file(catalogue)) == []


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_no_source_string_lacks_a_translation(tmp_path, catalogue):
    """lupdate over the current sources adds nothing untranslated to a copy of the .ts."""
    ts = tmp_path / i18n.catalogue_file(catalogue).name
    shutil.copy(i18n.catalogue_file(catalogue), ts)
    lupdate = Path(i18n._lrelease()[0]).with_name("lupdate")
    subprocess.run([str(lupdate), "-silent", "-no-obsolete", *i18n.catalogue_sources(catalogue),
                    "-ts", str(ts)], check=True, capture_output=True, timeout=120)
    assert untranslated(ts) == []


def test_qm_compiles_and_translates(qapp):
    from PySide6.QtCore import QCoreApplication

    i18n.set_language("zh", remember=False)
    try:
        assert QCoreApplication.translate("CuratorWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("LinksEditor", "Remove") == "移除"
    finally:
        i18n.set_language("en", remember=False)
    assert QCoreApplication.translate("LinksEditor", "Remove") == "Remove"
