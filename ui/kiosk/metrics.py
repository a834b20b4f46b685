"""Physical sizes on the gallery's screen: the one place that turns millimetres into pixels.

The kiosk is laid out for a 24-inch 1920×1080 touchscreen: 2203 px across the
diagonal over 24 in is 91.8 px per inch, so 16 mm (above the 15 mm minimum
for a finger) is 57.8 px, rounded up to 58. Other screens scale the layout by
their height against 1080, so the physical size stays about the same on a
24-inch panel of another resolution.
"""
from __future__ import annotations

import math

DESIGN_SIZE = (1920, 1080)
DIAGONAL_INCHES = 24.0
MIN_TARGET_MM = 15.0   # the floor for anything a finger must hit
TARGET_MM = 16.0       # what we use, with a millimetre to spare
BUTTON_MM = 24.0       # the usual button: comfortable for children and older visitors

PPI = math.hypot(*DESIGN_SIZE) / DIAGONAL_INCHES


def mm_to_px(mm: float) -> int:
    return math.ceil(mm / 25.4 * PPI)


TOUCH_TARGET_PX = mm_to_px(TARGET_MM)   # 58
MIN_TARGET_PX = mm_to_px(MIN_TARGET_MM)  # 55
BUTTON_PX = mm_to_px(BUTTON_MM)         # 87


def as_dict() -> dict[str, float]:
    """What QML reads (kiosk.metrics): sizes at 1080 px high; QML multiplies by height / 1080."""
    return {"touch": TOUCH_TARGET_PX, "minTouch": MIN_TARGET_PX, "button": BUTTON_PX,
            "ppi": round(PPI, 2), "designHeight": DESIGN_SIZE[1]}
