"""The kiosk's staff PIN: its format, a slow salted hash, and checking a PIN against it.

Why slow: the hash sits in kiosk.json on a machine in a public gallery. With
scrypt at n=2^14 (38 ms a guess) a 4-digit PIN was recovered from a copied
kiosk.json in 9 s, the whole space in 6.4 min. A PIN now has at least 6
digits and a guess costs n·r·p = 2^17·8 block mixes over 128 MiB: measured
≈ 0.4 s on the 2-core machine (`uv run python -m bench pin`),
so 10^6 PINs take about 4.6 days on one core and need 128 MiB per guess in
flight, which limits what a GPU can run in parallel.

The parameters are stored with the hash, so a hash made with older, cheaper
parameters still verifies (staff are never locked out of a running kiosk) but
is *weak*: the kiosk says so at start and in its PIN dialog, and a correct PIN
of 6 or more digits is re-hashed with today's parameters on the spot. A PIN of
fewer digits cannot be made strong: staff are asked to set a new one with
`main.py kiosk --set-pin`.

Parameters read from kiosk.json are bounded (`MAX_MEMORY`), so an edited file
cannot make one check exhaust the kiosk's memory. Digests are compared in
constant time (hmac.compare_digest).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time
from typing import Mapping

from exhibit.errors import ExhibitError

PIN_DIGITS = (6, 12)
SCRYPT = {"n": 2 ** 17, "r": 8, "p": 1}      # the default for every new hash
DKLEN = 32
# scrypt's work is linear in n·r·p (ROMix) and its memory is 128·r·n bytes. The reference
# point was measured with `python -m bench pin` on the 2-core machine class; the default
# must cost at least TARGET_SECONDS there (tests check the parameters, not the clock).
REFERENCE = {"n": 2 ** 14, "r": 8, "p": 1}
REFERENCE_SECONDS = 0.044                       # the lowest of 0.044–0.063 s measured (bench pin)
TARGET_SECONDS = 0.3
MAX_MEMORY = 256 * 1024 * 1024                  # stored parameters asking more are refused


def work(params: Mapping[str, int]) -> int:
    """Block mixes per guess: what a guess costs, in any unit of time."""
    return int(params["n"]) * int(params["r"]) * int(params["p"])


def memory(params: Mapping[str, int]) -> int:
    """Bytes scrypt needs for one guess (V: 128·r·n, B: 128·r·p)."""
    return 128 * int(params["r"]) * (int(params["n"]) + int(params["p"]))


def nominal_seconds(params: Mapping[str, int]) -> float:
    """Seconds per guess on the reference machine, scaled from the measured reference."""
    return REFERENCE_SECONDS * work(params) / work(REFERENCE)


def check_pin_format(pin: str) -> str:
    pin = pin.strip()
    if not pin.isascii() or not pin.isdigit() or not PIN_DIGITS[0] <= len(pin) <= PIN_DIGITS[1]:
        raise ExhibitError(f"the staff PIN must be {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits "
                           "(the kiosk's keypad has digits only)")
    return pin


def hash_pin(pin: str, salt: bytes | None = None, params: Mapping[str, int] | None = None) -> dict:
    """The record kept in kiosk.json: algorithm, parameters, salt and digest, never the PIN.
    `params` lets tests use cheap parameters; the kiosk always uses SCRYPT."""
    params = dict(params or SCRYPT)
    salt = salt or os.urandom(16)
    digest = _scrypt(pin, salt, params, DKLEN)
    return {"algorithm": "scrypt", **params, "salt": salt.hex(), "hash": digest.hex()}


def _scrypt(pin: str, salt: bytes, params: Mapping[str, int], dklen: int) -> bytes:
    # OpenSSL refuses more than 32 MiB unless told (maxmem); the bound is ours.
    return hashlib.scrypt(pin.encode(), salt=salt, dklen=dklen, n=int(params["n"]),
                          r=int(params["r"]), p=int(params["p"]), maxmem=MAX_MEMORY + 1024 * 1024)


def stored_params(stored: Mapping) -> dict[str, int] | None:
    """The scrypt parameters of a stored hash, or None if they are malformed or out of bounds."""
    if not isinstance(stored, Mapping) or stored.get("algorithm") != "scrypt":
        return None
    try:
        params = {k: stored[k] for k in ("n", "r", "p")}
    except KeyError:
        return None
    if not all(type(v) is int and v > 0 for v in params.values()):
        return None
    n = params["n"]
    if n < 2 or n & (n - 1) or params["r"] * params["p"] >= 2 ** 30 or memory(params) > MAX_MEMORY:
        return None
    return params


def verify_pin(pin: str, stored: Mapping) -> bool:
    """True if `pin` is the one hashed in `stored` (with the parameters stored there)."""
    params = stored_params(stored)
    if params is None:
        return False
    try:
        salt = bytes.fromhex(stored["salt"])
        expected = bytes.fromhex(stored["hash"])
        if not 16 <= len(expected) <= 64:
            return False
        digest = _scrypt(pin, salt, params, len(expected))
    except (KeyError, ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


def is_weak(stored: Mapping) -> bool:
    """A hash made with cheaper parameters than today's (or unreadable ones)."""
    params = stored_params(stored)
    return params is None or work(params) < work(SCRYPT) or memory(params) < memory(SCRYPT)


def measure(params: Mapping[str, int] | None = None, rounds: int = 3) -> float:
    """Median seconds per guess with `params` on this machine."""
    params = params or SCRYPT
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        _scrypt("000000", os.urandom(16), params, DKLEN)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]
