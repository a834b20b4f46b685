"""The kiosk's state and navigation, exposed to QML as `kiosk`.

QML only binds to these properties and calls these slots; all data comes
from exhibit.publish.kiosk_data over the read-only snapshot. Screens:
attract, home, section, panel, object, timeline, map, search. Person, place
and event details open as a drawer over any screen (`detail`), photographs
full screen in the viewer (`viewerIndex` ≥ 0).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from exhibit.archive import Archive
from exhibit.publish import kiosk_data
from exhibit.publish.visits import VisitCounter
from ui.common import memory, typefaces
from ui.common.background import run_task
from ui.kiosk import metrics
from ui.kiosk.idle import IdleWatcher
from ui.kiosk.lockdown import PinGate
from ui.kiosk.models import KioskListModel, SearchModel, localize
from ui.kiosk.settings import KioskSettings


def short_name(name: str) -> str:
    """A place's name for the map: without the bracketed part ("衡阳（八甲岭）机场" → "衡阳机场")."""
    import re

    return re.sub(r"（[^）]*）| \([^)]*\)", "", name).strip()


SCREENS = ("attract", "home", "section", "panel", "object", "timeline", "map", "search")
# The sizes a visitor can choose (WCAG 1.4.4: text resizes to 200 % without loss of content).
TEXT_SCALES = (1.0, 1.25, 1.5, 2.0)


class PlacesModel(KioskListModel):
    def _render(self, item: Any) -> dict[str, Any]:
        row = localize(item, self._lang)
        row["shortName"] = short_name(row["name"])
        return row


class Kiosk(QObject):
    screenChanged = Signal()
    langChanged = Signal()
    textScaleChanged = Signal()
    sectionChanged = Signal()
    panelIndexChanged = Signal()
    objectChanged = Signal()
    detailChanged = Signal()
    viewerChanged = Signal()
    searchChanged = Signal()
    staffChanged = Signal()
    mapChanged = Signal()
    exitRequested = Signal()
    resetDone = Signal()        # back on the attract loop after an idle reset: a newer snapshot may come in
    snapshotChanged = Signal()  # use_snapshot put another generation in
    # emitted after the language changed and translators are installed (app retranslates QML)
    retranslate = Signal()

    def __init__(self, snapshot: Archive, settings: KioskSettings | None = None,
                 visits: VisitCounter | None = None,
                 set_language: Callable[[str], None] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.snapshot = snapshot
        self.settings = settings or KioskSettings()
        self.visits = visits
        self._apply_language = set_language
        self.pins = PinGate(self.settings, save=self._save_settings)
        self._pin_busy = False
        self._screen = "attract"
        self._history: list[tuple[str, dict[str, Any]]] = []
        self._lang = self.settings.default_language
        self._text_scale = 1.0
        self._section: kiosk_data.SectionCard | None = None
        self._panel_index = 0
        self._object: kiosk_data.ObjectDetail | None = None
        self._detail: kiosk_data.RecordDetail | None = None
        self._viewer = -1
        self._query = ""
        self._staff_open = False
        self._staff_message = ""
        self._map: kiosk_data.MapData | None = None
        # The snapshot is read-only while the kiosk runs, so what is read from it can be kept:
        # a section's panels (a handful of sections) and recently opened objects (bounded).
        self._panels_of: dict[int, list[kiosk_data.PanelCard]] = {}
        self._panels_shown: int | None = None  # the section whose panels the model holds
        self._objects: OrderedDict[int, kiosk_data.ObjectDetail | None] = OrderedDict()
        self._recent: OrderedDict[tuple[int, str], tuple[Any, dict]] = OrderedDict()

        self.attract = KioskListModel(["image", "title", "caption"], self)
        self.sections = KioskListModel(["id", "code", "title", "intro", "lead", "image", "panel_count"], self)
        self.panels = KioskListModel(["id", "code", "section_id", "title", "body", "lead", "image", "objects",
                                      "sources", "disputes"], self)
        # The timeline's groups (a day of the siege, a month or a year), each with its events,
        # and the 47 days for its strip (kiosk_data.timeline_groups, siege_days).
        self.timeline = KioskListModel(["phase", "key", "kind", "day", "label", "events"], self)
        self.siege_days = KioskListModel(["day", "iso", "date", "event_count", "month_start"], self)
        self.places = PlacesModel(["id", "key", "name", "shortName", "lat", "lon", "estimated", "x", "y",
                                    "event_count", "shape"], self)
        self.results = SearchModel(["kind", "id", "title", "snippet", "snippetHtml", "thumb", "group_total"], self)
        self._models = (self.attract, self.sections, self.panels, self.timeline, self.siege_days, self.places,
                        self.results)
        # What each screen shows of the language-dependent data. A language switch updates the
        # current screen's at once and the rest when their screen is next shown (`_catch_up`):
        # hidden screens would otherwise re-lay out their texts before the switch is painted.
        self._needs: dict[str, tuple[str, ...]] = {
            "attract": ("attract",), "home": ("sections",), "section": ("panels", "sectionChanged"),
            "panel": ("panels",), "object": ("objectChanged",), "timeline": ("timeline", "siege_days"),
            "map": ("places", "mapChanged"), "search": ("results",)}
        self._behind: set[str] = set()  # models and signals not yet in the current language

        self.idle = IdleWatcher(self.settings.idle_seconds, self.settings.countdown_seconds, parent=self)
        self.idle.timedOut.connect(self.reset)
        self._flush = QTimer(self, interval=60_000)
        self._flush.timeout.connect(self.housekeeping)
        self._flush.start()
        self._load()

    # ---------------------------------------------------------------- data
    def _load(self) -> None:
        lang = self._lang
        self.attract.set_items(kiosk_data.attract_slides(self.snapshot), lang)
        self.sections.set_items(kiosk_data.sections(self.snapshot), lang)
        events = kiosk_data.timeline(self.snapshot)
        self.timeline.set_items(kiosk_data.timeline_groups(events), lang)
        self.siege_days.set_items(kiosk_data.siege_days(events), lang)
        self._map = kiosk_data.map_data(self.snapshot)
        self.places.set_items(self._map.places, lang)
        # The snapshot never changes while the kiosk runs: read once, shown on attract and home.
        self._sample = kiosk_data.has_sample_content(self.snapshot)

    OBJECTS_KEPT = 256
    QUERY_MAX = 100

    def _show_panels(self, section_id: int) -> None:
        """Put a section's panels in the panels model; no reset (delegates rebuilt) if already there."""
        if self._panels_shown == section_id:
            return
        if section_id not in self._panels_of:
            self._panels_of[section_id] = kiosk_data.panels(self.snapshot, section_id)
        self.panels.set_items(self._panels_of[section_id], self._lang)
        self._panels_shown = section_id

    def _object_detail(self, object_id: int) -> kiosk_data.ObjectDetail | None:
        if object_id in self._objects:
            self._objects.move_to_end(object_id)
            return self._objects[object_id]
        found = self._objects[object_id] = kiosk_data.object_detail(self.snapshot, object_id)
        while len(self._objects) > self.OBJECTS_KEPT:
            self._objects.popitem(last=False)
        return found

    # ---------------------------------------------------------------- properties
    screen = Property(str, lambda self: self._screen, notify=screenChanged)
    lang = Property(str, lambda self: self._lang, notify=langChanged)
    textScale = Property(float, lambda self: self._text_scale, notify=textScaleChanged)
    panelIndex = Property(int, lambda self: self._panel_index, notify=panelIndexChanged)
    viewerIndex = Property(int, lambda self: self._viewer, notify=viewerChanged)
    query = Property(str, lambda self: self._query, notify=searchChanged)
    staffOpen = Property(bool, lambda self: self._staff_open, notify=staffChanged)
    staffMessage = Property(str, lambda self: self._staff_message, notify=staffChanged)
    # True when the snapshot holds sample records: QML then says the objects are invented.
    sampleContent = Property(bool, lambda self: self._sample, notify=snapshotChanged)

    def _localized(self, item: Any) -> dict:
        """`item` in the current language; the last few are kept, as several bindings read each."""
        if item is None:
            return {}
        key = (id(item), self._lang)
        found = self._recent.get(key)
        if found is None or found[0] is not item:
            found = self._recent[key] = (item, localize(item, self._lang))
            while len(self._recent) > 8:
                self._recent.popitem(last=False)
        return found[1]

    def _get_section(self) -> dict:
        return self._localized(self._section)

    section = Property("QVariantMap", _get_section, notify=sectionChanged)

    def _get_object(self) -> dict:
        return self._localized(self._object)

    objectData = Property("QVariantMap", _get_object, notify=objectChanged)

    def _get_detail(self) -> dict:
        return self._localized(self._detail)

    detail = Property("QVariantMap", _get_detail, notify=detailChanged)

    def _get_map_lines(self) -> list:
        if not self._map:
            return []
        return [{"kind": line.kind, "width": line.width, "points": [[x, y] for x, y in line.points]}
                for line in self._map.lines]

    mapLines = Property("QVariantList", _get_map_lines, notify=snapshotChanged)

    def _get_map_areas(self) -> list:
        if not self._map:
            return []
        return [{"kind": a.kind, "points": [[x, y] for x, y in a.points]} for a in self._map.areas]

    mapAreas = Property("QVariantList", _get_map_areas, notify=snapshotChanged)

    def _get_map_info(self) -> dict:
        """The map's size in kilometres (zoom, pan and the scale bar), where it opens, and whether
        its drawing is approximate (the map then says it is a schematic)."""
        if not self._map or not self._map.width_km:
            return {"kmW": 0.0, "kmH": 0.0, "focus": [0.0, 0.0, 1.0, 1.0], "approximate": True}
        return {"kmW": self._map.width_km, "kmH": self._map.width_km / self._map.aspect,
                "focus": list(self._map.focus), "approximate": self._map.approximate}

    mapInfo = Property("QVariantMap", _get_map_info, notify=snapshotChanged)

    def _get_result_groups(self) -> dict:
        """Per kind of record in the results: {kind: [shown, found]} for the group headers."""
        groups: dict[str, list[int]] = {}
        for hit in self.results.items():
            groups.setdefault(hit.kind, [0, hit.group_total])[0] += 1
        return groups

    resultGroups = Property("QVariantMap", _get_result_groups, notify=searchChanged)

    def _get_timeline_info(self) -> dict:
        """Where each phase's groups start and end in the timeline model, which group tells each
        day of the siege (the strip's day → the group to scroll to), and the days a month begins."""
        starts: dict[str, int] = {}
        ends: dict[str, int] = {}
        day_group: dict[str, int] = {}
        for i, group in enumerate(self.timeline.items()):
            starts.setdefault(group.phase, i)
            ends[group.phase] = i + 1
            if group.day:
                day_group[str(group.day)] = i
        return {"phaseStart": starts, "phaseEnd": ends, "dayGroup": day_group,
                "monthStarts": [d.day for d in self.siege_days.items() if d.month_start]}

    timelineInfo = Property("QVariantMap", _get_timeline_info, notify=snapshotChanged)

    def _get_can_go_back(self) -> bool:
        return bool(self._history)

    canGoBack = Property(bool, _get_can_go_back, notify=screenChanged)

    def _get_metrics(self) -> dict:
        return metrics.as_dict()

    metrics = Property("QVariantMap", _get_metrics, constant=True)

    def _get_font_families(self) -> dict:
        # Each language's font family (Theme.qml binds every Text to the visitor's): the face
        # that comes first in that language, the other falling back behind it (ui.common.typefaces).
        return {lang: typefaces.family_for(lang) for lang in ("zh", "en")}

    fontFamilies = Property("QVariantMap", _get_font_families, constant=True)

    def _get_attract_seconds(self) -> float:
        return float(self.settings.attract_seconds)

    attractSeconds = Property(float, _get_attract_seconds, constant=True)

    def _get_staff_hold(self) -> float:
        return float(self.settings.staff_hold_seconds)

    staffHoldSeconds = Property(float, _get_staff_hold, constant=True)

    def _get_models(self) -> dict:
        return {"attract": self.attract, "sections": self.sections, "panels": self.panels,
                "timeline": self.timeline, "siegeDays": self.siege_days, "places": self.places,
                "results": self.results}

    models = Property("QVariantMap", _get_models, constant=True)

    def _get_idle(self) -> QObject:
        return self.idle

    idleWatcher = Property(QObject, _get_idle, constant=True)

    # ---------------------------------------------------------------- navigation
    def _state(self) -> dict[str, Any]:
        return {"section": self._section, "panel": self._panel_index, "object": self._object}

    def _go(self, screen: str, remember: bool = True) -> None:
        if remember and self._screen not in ("attract",) and screen != self._screen:
            self._history.append((self._screen, self._state()))
            del self._history[:-30]  # a long wander never grows without bound
        self._screen = screen
        self._catch_up()
        self._viewer = -1
        self.viewerChanged.emit()
        self.screenChanged.emit()

    @Slot()
    def start(self) -> None:
        """A visitor touched the attract loop."""
        self._history.clear()
        self._go("home", remember=False)
        self.idle.start()

    @Slot()
    def goHome(self) -> None:
        self.closeDetail()
        self._history.clear()
        self._go("home", remember=False)

    @Slot()
    def back(self) -> None:
        if self._viewer >= 0:
            self.closeViewer()
            return
        if self._detail is not None:
            self.closeDetail()
            return
        if not self._history:
            self.goHome()
            return
        screen, state = self._history.pop()
        self._section = state["section"]
        self._panel_index = state["panel"]
        self._object = state["object"]
        if screen in ("section", "panel") and self._section:  # another section's may be there now
            self._show_panels(self._section.id)
        self.sectionChanged.emit()
        self.panelIndexChanged.emit()
        self.objectChanged.emit()
        self._go(screen, remember=False)

    @Slot(int)
    def openSection(self, section_id: int) -> None:
        found = next((s for s in self.sections.items() if s.id == section_id), None)
        if found is None:
            return
        self._section = found
        self._show_panels(found.id)
        self.sectionChanged.emit()
        self._go("section")

    @Slot(int)
    def openPanel(self, index: int) -> None:
        self._panel_index = max(0, min(index, self.panels.rowCount() - 1))
        self.panelIndexChanged.emit()
        self._go("panel")
        self.panelShown(self._panel_index)

    @Slot(int)
    def panelShown(self, index: int) -> None:
        """The panel at `index` is on screen (opened or swiped to): count it."""
        if index != self._panel_index:
            self._panel_index = index
            self.panelIndexChanged.emit()
        row = self.panels.row(index)
        if row and self.visits is not None:
            self.visits.opened("panel", row["id"])

    @Slot(int)
    def openObject(self, object_id: int) -> None:
        found = self._object_detail(object_id)
        if found is None:
            return
        self.closeDetail()
        self._object = found
        self.objectChanged.emit()
        self._go("object")
        if self.visits is not None:
            self.visits.opened("object", object_id)

    @Slot(str, int)
    def openRecord(self, kind: str, record_id: int) -> None:
        """Open what a link, a timeline card, a map place or a search hit points to."""
        if kind == "object":
            self.openObject(record_id)
        elif kind == "section":
            self.closeDetail()
            self.openSection(record_id)
        elif kind == "panel":
            self.closeDetail()
            section_id, index = kiosk_data.panel_position(self.snapshot, record_id)
            if section_id is not None:
                self.openSection(section_id)
                self.openPanel(index)
        elif kind in ("person", "place", "event"):
            found = kiosk_data.record_detail(self.snapshot, kind, record_id)
            if found is not None:
                self._detail = found
                self.detailChanged.emit()

    @Slot()
    def closeDetail(self) -> None:
        if self._detail is not None:
            self._detail = None
            self.detailChanged.emit()

    @Slot(int)
    def openViewer(self, index: int) -> None:
        self._viewer = index
        self.viewerChanged.emit()

    @Slot()
    def closeViewer(self) -> None:
        self._viewer = -1
        self.viewerChanged.emit()

    @Slot()
    def openTimeline(self) -> None:
        self.closeDetail()
        self._go("timeline")

    @Slot()
    def openMap(self) -> None:
        self.closeDetail()
        self._go("map")

    @Slot()
    def openSearch(self) -> None:
        self.closeDetail()
        self._go("search")

    @Slot(str)
    def search(self, text: str) -> None:
        text = text[:self.QUERY_MAX]  # the field takes no more; a longer one only costs time
        self._query = text
        text = text.strip()
        self.results.set_items(kiosk_data.find(self.snapshot, text) if text else [], self._lang)
        self.searchChanged.emit()

    # ---------------------------------------------------------------- language and text
    @Slot(str)
    def setLanguage(self, lang: str) -> None:
        lang = "zh" if lang == "zh" else "en"
        if lang == self._lang:
            return
        self._lang = lang
        if self._apply_language:
            self._apply_language(lang)
        self._behind = {"attract", "sections", "panels", "timeline", "siege_days", "places", "results",
                        "sectionChanged", "objectChanged", "mapChanged"}
        self._catch_up()
        self.langChanged.emit()
        self.detailChanged.emit()  # the drawer lies over any screen
        self.retranslate.emit()

    def _catch_up(self) -> None:
        """Bring what the current screen shows into the current language (see `_needs`)."""
        for name in self._needs.get(self._screen, ()):
            if name in self._behind:
                self._behind.discard(name)
                thing = getattr(self, name)
                if isinstance(thing, KioskListModel):
                    thing.set_language(self._lang)
                else:
                    thing.emit()

    @Slot()
    def toggleLanguage(self) -> None:
        self.setLanguage("en" if self._lang == "zh" else "zh")

    @Slot()
    def cycleTextSize(self) -> None:
        i = TEXT_SCALES.index(self._text_scale) if self._text_scale in TEXT_SCALES else 0
        self.setTextScale(TEXT_SCALES[(i + 1) % len(TEXT_SCALES)])

    @Slot(float)
    def setTextScale(self, scale: float) -> None:
        """One of the sizes a visitor can choose (the nearest to `scale`): screenshots and tests."""
        scale = min(TEXT_SCALES, key=lambda s: abs(s - scale))
        if scale != self._text_scale:
            self._text_scale = scale
            self.textScaleChanged.emit()

    @Slot("QVariantMap", result="QVariantMap")
    def mapLayout(self, view: dict) -> dict:
        """What the map shows at `view` ({width, height, cx, cy, scale, labelPx, namePx, marker,
        obstacles: [[x0, y0, x1, y1]…]}): labels that do not overlap, names along the rivers,
        pointers to places out of view (ui/kiosk/maplayout.py)."""
        from ui.kiosk import maplayout

        if not self._map:
            return {"labels": [], "features": [], "pointers": []}
        rows = [self.places.row(i) for i in range(self.places.rowCount())]
        at = maplayout.View(float(view.get("width", 0)), float(view.get("height", 0)), float(view.get("cx", 0)),
                            float(view.get("cy", 0)), float(view.get("scale", 0)))
        obstacles = [tuple(float(v) for v in box) for box in view.get("obstacles") or [] if len(box) == 4]
        return maplayout.layout(self._map, rows, self._lang, at, label_px=float(view.get("labelPx", 21)),
                                name_px=float(view.get("namePx", 24)),
                                marker_radius=float(view.get("marker", 15)),
                                touch=float(view.get("touch", 58)), obstacles=obstacles)

    # ---------------------------------------------------------------- idle and staff
    @Slot()
    def reset(self) -> None:
        """Back to the attract loop in the default language, as if nobody had been here."""
        self.idle.stop()
        self._history.clear()
        self._detail = None
        self._object = None
        self._text_scale = 1.0
        self._query = ""
        self.results.set_items([], self._lang)
        self.searchChanged.emit()
        self.detailChanged.emit()
        self.objectChanged.emit()
        self.textScaleChanged.emit()
        self.setLanguage(self.settings.default_language)
        self._go("attract", remember=False)
        self.housekeeping()
        self.resetDone.emit()

    def use_snapshot(self, snapshot: Archive) -> Archive:
        """Show `snapshot` (a newer generation; ui/kiosk/snapshot_watch.py) from now on, and return
        the one it replaces for the caller to close. Called on the attract loop only, so no
        visitor sees content change under their finger; what was read from the old one goes."""
        old, self.snapshot = self.snapshot, snapshot
        self._panels_of.clear()
        self._panels_shown = None
        self._objects.clear()
        self._recent.clear()
        self._history.clear()
        self._section = self._object = self._detail = None
        self._load()  # raises if the kiosk cannot read it: the caller puts `old` back
        self.panels.set_items([], self._lang)
        self._behind -= {"attract", "sections", "timeline", "siege_days", "places", "panels"}  # just read in _lang
        for signal in (self.sectionChanged, self.objectChanged, self.detailChanged, self.mapChanged,
                       self.snapshotChanged):
            signal.emit()
        return old

    @Slot()
    def housekeeping(self) -> None:
        """Every minute and at every reset: write the visit counts, give freed memory back."""
        self.flush_visits()
        memory.release_heap()

    @Slot()
    def requestStaff(self) -> None:
        """The hidden long press: ask for the staff PIN."""
        self._staff_open = True
        self._staff_message = self._idle_staff_message()
        self.staffChanged.emit()

    def _idle_staff_message(self) -> str:
        return "no-pin" if not self.pins.has_pin else "weak" if self.pins.weak else ""

    @Slot()
    def cancelStaff(self) -> None:
        self._staff_open = False
        self._staff_message = ""
        self.staffChanged.emit()

    @Slot(str, result=bool)
    def checkPin(self, pin: str) -> bool:
        """Start checking `pin` off the UI thread (scrypt takes ~0.4 s): the dialog says
        "checking" meanwhile and the answer comes as staffMessage or exitRequested.
        Returns False if a check is already running (the extra press is ignored)."""
        if self._pin_busy:
            return False
        if not self.pins.has_pin:
            self._staff_message = "no-pin"
            self.staffChanged.emit()
            return False
        self._pin_busy = True
        self._staff_message = "checking"
        self.staffChanged.emit()
        paused = bool(self.pins.seconds_paused())
        # The answer arrives on the UI thread; a check that failed is a wrong PIN, so the
        # dialog is never left waiting.
        run_task(lambda: self.pins.check(pin), lambda right: self._pin_result(bool(right), paused),
                 lambda _exc: self._pin_result(False, paused), owner=self)
        return True

    def _pin_result(self, right: bool, paused: bool) -> None:
        self._pin_busy = False
        if right:
            self._staff_open = False
            self._staff_message = ""
            self.staffChanged.emit()
            self.flush_visits()
            self.exitRequested.emit()
            return
        self._staff_message = ("no-pin" if not self.pins.has_pin else
                               "paused" if paused or self.pins.seconds_paused() else "wrong")
        self.staffChanged.emit()

    def _save_settings(self) -> None:
        """A weak PIN hash was made strong: keep it in kiosk.json (the default path)."""
        if getattr(self.settings, "path", None) is not None:
            self.settings.save(self.settings.path)

    def flush_visits(self) -> None:
        if self.visits is not None:
            try:
                self.visits.flush()
            except Exception:  # a full disk must not stop the exhibition; counts stay pending
                pass
