"""PIN benchmark: `uv run python -m bench pin`: what one guess at the staff PIN costs here.

Prints the seconds per guess with the default scrypt parameters and with the
reference ones (the parameters before issue #14), their ratio measured in the
same run, and what trying every 6-digit PIN would take on one core.
"""
from __future__ import annotations

import argparse

from exhibit.publish import pin


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m bench pin", description=__doc__.splitlines()[0]).parse_args(argv)
    default = pin.measure(pin.SCRYPT)
    reference = pin.measure(pin.REFERENCE)
    every = default * 10 ** pin.PIN_DIGITS[0]
    print(f"scrypt n={pin.SCRYPT['n']} r={pin.SCRYPT['r']} p={pin.SCRYPT['p']} "
          f"({pin.memory(pin.SCRYPT) / 2 ** 20:.0f} MiB): {default:.3f} s per guess (median of 3)")
    print(f"reference n={pin.REFERENCE['n']} ({pin.memory(pin.REFERENCE) / 2 ** 20:.0f} MiB): "
          f"{reference:.3f} s per guess; ratio {default / reference:.1f}× "
          f"(nominal {pin.work(pin.SCRYPT) / pin.work(pin.REFERENCE):.0f}×)")
    print(f"every {pin.PIN_DIGITS[0]}-digit PIN on one core: {every / 86400:.1f} days; "
          f"target ≥ {pin.TARGET_SECONDS} s per guess: {'met' if default >= pin.TARGET_SECONDS else 'NOT met'}")
    return 0
