"""The curator window's safe-keeping actions: back up now, check, restore, and the idle backup.

    SafekeepingActions(window, archive)   # adds its actions to the window's File menu

The work itself is in exhibit.keeping; this only asks and tells.
"""
from ui.keeping.actions import SafekeepingActions

__all__ = ["SafekeepingActions"]
