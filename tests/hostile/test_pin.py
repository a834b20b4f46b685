"""Attack 13 and kiosk.json: the staff PIN's hash is slow to test, short PINs are refused,
old hashes still open the kiosk but are flagged, and a hostile kiosk.json is one line.

No timed assertions: the cost per guess is checked from the parameters (scrypt's work is
n·r·p, its memory 128·r·n), scaled from the figure `python -m bench pin`
measured on the 2-core machine. Tests that hash pass cheap parameters explicitly.
"""
from __future__ import annotations

import json

import pytest

from exhibit.errors import ExhibitError
from exhibit.publish import pin
from tests.hostile.support import assert_refused, child_env, run_main

CHEAP = {"n": 2 ** 8, "r": 8, "p": 1}


def test_the_default_parameters_cost_at_least_the_target_per_guess():
    assert pin.nominal_seconds(pin.SCRYPT) >= pin.TARGET_SECONDS >= 0.3
    assert pin.memory(pin.SCRYPT) >= 64 * 2 ** 20        # memory-hard: a GPU runs few at once
    assert pin.memory(pin.SCRYPT) <= pin.MAX_MEMORY      # and the kiosk itself can afford it
    assert pin.PIN_DIGITS[0] >= 6
    # Every 6-digit PIN, at the nominal cost, on one core: days, not minutes.
    assert pin.nominal_seconds(pin.SCRYPT) * 10 ** pin.PIN_DIGITS[0] > 3 * 86400


@pytest.mark.parametrize("bad", ["1234", "12345", "12 34 56", "١٢٣٤٥٦", "123456789012345", "abcdef", ""])
def test_short_or_odd_pins_are_refused(bad):
    with pytest.raises(ExhibitError, match="6 to 12 digits"):
        pin.check_pin_format(bad)


def test_set_pin_refuses_four_digits_in_one_line(tmp_path):
    settings = tmp_path / "kiosk.json"
    run = run_main("kiosk", "--set-pin", stdin=b"2468\n",
                   env=child_env(EXHIBIT_KIOSK_SETTINGS=str(settings)))
    assert_refused(run, "6 to 12 digits")
    assert not settings.exists()


def test_set_pin_stores_todays_parameters_and_never_the_pin(tmp_path):
    settings = tmp_path / "kiosk.json"
    run = run_main("kiosk", "--set-pin", stdin=b"48151623\n",
                   env=child_env(EXHIBIT_KIOSK_SETTINGS=str(settings)))
    assert run.returncode == 0, run.output
    assert "keep that file on the kiosk" in run.stdout
    text = settings.read_text(encoding="utf-8")
    assert "48151623" not in text
    stored = json.loads(text)["pin"]
    assert {k: stored[k] for k in ("n", "r", "p")} == pin.SCRYPT
    assert not pin.is_weak(stored)
    assert oct(settings.stat().st_mode & 0o777) == "0o600"


def test_an_old_four_digit_hash_still_opens_the_kiosk_but_is_flagged():
    from ui.kiosk.lockdown import PinGate
    from ui.kiosk.settings import KioskSettings

    old = pin.hash_pin("2468", params=pin.REFERENCE)  # what kiosk.json held before
    assert pin.verify_pin("2468", old) and not pin.verify_pin("2469", old)
    assert pin.is_weak(old)
    gate = PinGate(KioskSettings(pin=old))
    assert gate.weak
    assert gate.check("2468")
    assert gate.weak and gate.settings.pin == old  # too short to be made strong: still flagged


def test_a_weak_hash_of_a_long_pin_is_rehashed_on_the_right_pin():
    from ui.kiosk.lockdown import PinGate
    from ui.kiosk.settings import KioskSettings

    saved = []
    settings = KioskSettings(pin=pin.hash_pin("97531864", params=CHEAP))
    stronger = {"n": 2 ** 12, "r": 8, "p": 1}
    gate = PinGate(settings, params=stronger, save=lambda: saved.append(dict(settings.pin)))
    assert not gate.check("97531865")
    assert settings.pin["n"] == CHEAP["n"] and not saved
    assert gate.check("97531864")
    assert settings.pin["n"] == stronger["n"] and saved and pin.verify_pin("97531864", settings.pin)


@pytest.mark.parametrize("stored", [
    {"algorithm": "scrypt", "n": 2 ** 40, "r": 8, "p": 1, "salt": "00" * 16, "hash": "00" * 32},
    {"algorithm": "scrypt", "n": 3, "r": 8, "p": 1, "salt": "00" * 16, "hash": "00" * 32},
    {"algorithm": "scrypt", "n": 16, "r": -8, "p": 1, "salt": "00" * 16, "hash": "00" * 32},
    {"algorithm": "scrypt", "n": "16", "r": 8, "p": 1, "salt": "00" * 16, "hash": "00" * 32},
    {"algorithm": "scrypt", "n": 16, "r": 8, "p": 2 ** 31, "salt": "00" * 16, "hash": "00" * 32},
    {"algorithm": "scrypt", "n": 16, "r": 8, "p": 1, "salt": "zz", "hash": "00" * 32},
    {"algorithm": "scrypt", "n": 16, "r": 8, "p": 1, "salt": "00" * 16, "hash": "00" * 5000},
    {"algorithm": "scrypt", "n": 16, "r": 8, "p": 1, "salt": 5, "hash": None},
    {"algorithm": "md5", "hash": "00" * 16},
    {},
])
def test_hostile_stored_hashes_never_open_the_kiosk_nor_exhaust_it(stored):
    assert not pin.verify_pin("123456", stored)
    assert pin.is_weak(stored)


def test_pin_entry_is_checked_off_the_ui_thread(qtbot, blank_archive, tmp_path):
    """The dialog says "checking" at once; the answer arrives later; a second OK meanwhile is
    ignored; the right PIN exits."""
    from exhibit.publish.snapshot import open_snapshot, publish
    from ui.kiosk.controller import Kiosk
    from ui.kiosk.settings import KioskSettings

    publish(blank_archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    try:
        kiosk = Kiosk(snapshot, KioskSettings(pin=pin.hash_pin("135790", params={"n": 2 ** 14, "r": 8, "p": 1})))
        kiosk.requestStaff()
        assert kiosk.staffMessage == "weak"          # cheaper than today's parameters
        assert kiosk.checkPin("000000")
        assert kiosk.staffMessage == "checking"      # returned before the hash was computed
        assert not kiosk.checkPin("135790")          # busy: ignored
        qtbot.waitUntil(lambda: kiosk.staffMessage == "wrong", timeout=5000)
        with qtbot.waitSignal(kiosk.exitRequested, timeout=5000):
            assert kiosk.checkPin("135790")
        kiosk.idle.stop()
        kiosk.deleteLater()
    finally:
        snapshot.close()


@pytest.mark.parametrize("content, words", [
    (b"{not json", "cannot read the kiosk settings"),
    (b"\xff\xfe\x00garbage", "cannot read the kiosk settings"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b'{"idle_seconds": "soon"}', "idle_seconds"),
    (b'{"idle_seconds": NaN}', "idle_seconds"),
    (b'{"idle_seconds": 1e308}', "idle_seconds"),
    (b'{"countdown_seconds": -5}', "countdown_seconds"),
    (b'{"attract_seconds": true}', "attract_seconds"),
    (b'{"pin": "2468"}', "set the PIN again"),
    (b"[" * 100_000 + b"]" * 100_000, "cannot read the kiosk settings"),
])
def test_a_hostile_kiosk_json_is_refused_in_one_line(tmp_path, content, words):
    settings = tmp_path / "kiosk.json"
    settings.write_bytes(content)
    run = run_main("kiosk", "--snapshot", str(tmp_path / "none"),
                   env=child_env(EXHIBIT_KIOSK_SETTINGS=str(settings), QT_QPA_PLATFORM="offscreen"))
    assert_refused(run, words)
    assert settings.read_bytes() == content


def test_unknown_keys_and_a_bad_language_fall_back_to_defaults(tmp_path):
    from ui.kiosk.settings import KioskSettings

    path = tmp_path / "kiosk.json"
    path.write_text(json.dumps({"default_language": "<b>fr</b>", "extra": {"x": 1}, "idle_seconds": 60}))
    settings = KioskSettings.load(path)
    assert settings.default_language == "zh" and settings.idle_seconds == 60.0
    assert settings.path == path
