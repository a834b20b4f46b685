"""A live preview of a narrative panel as the gallery kiosk shows it.

The card is laid out on a fixed 1920 × 1080 design canvas (the kiosk's
screen) and scaled to the widget, so type sizes and proportions are the
kiosk's at any preview size. Text comes from the panel passed to
`set_panel` (the form passes its unsaved draft on every keystroke); images
come from the archive and are loaded only when the panel, its section or its
links change, so typing never touches the disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from exhibit import media_records, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Panel
from ui.common import typefaces
from ui.common.events import events

# The kiosk's canvas and palette: dark text on warm paper, one rust accent.
CANVAS_W, CANVAS_H = 1920, 1080
PAPER = QColor("#f3ead7")
INK = QColor("#241b13")
INK_SOFT = QColor("#5a4a3b")
ACCENT = QColor("#8c3a1e")
RULE = QColor("#d8c9ad")
MARGIN = 96
MAX_THUMBS = 8


@dataclass
class Thumb:
    pixmap: QPixmap | None
    ident: str
    name_zh: str
    name_en: str


@dataclass
class PanelAssets:
    """What the preview reads from the archive for one saved panel."""
    panel_id: int | None = None
    section_id: int | None = None
    section_zh: str = ""
    section_en: str = ""
    image: QPixmap | None = None
    caption_zh: str = ""
    caption_en: str = ""
    thumbs: list[Thumb] = field(default_factory=list)
    object_count: int = 0  # all the panel's objects; only the first MAX_THUMBS are loaded


def _pixmap(path: Path) -> QPixmap | None:
    pixmap = QPixmap(str(path))
    return None if pixmap.isNull() else pixmap


def load_assets(archive: Archive, panel: Panel) -> PanelAssets:
    assets = PanelAssets(panel_id=panel.id, section_id=panel.section_id)
    if panel.section_id is not None:
        try:
            section = services.get(archive, "section", panel.section_id)
            assets.section_zh, assets.section_en = section.title_pair()
        except ExhibitError:
            pass
    if panel.id is None:
        return assets  # a new panel has no images or objects yet
    try:
        media = media_records.primary_media(archive, "panel", panel.id)
        if media is not None:
            assets.image = _pixmap(media_records.derivative(archive, media, "screen"))
            assets.caption_zh, assets.caption_en = media.caption_zh, media.caption_en
        object_links = services.links(archive, "panel", panel.id, "object")
        assets.object_count = len(object_links)
        for link in object_links[:MAX_THUMBS]:
            obj = services.get(archive, "object", link.to_id)
            thumb_media = media_records.primary_media(archive, "object", obj.id)
            pixmap = _pixmap(media_records.derivative(archive, thumb_media, "thumb")) if thumb_media else None
            zh, en = obj.title_pair()
            assets.thumbs.append(Thumb(pixmap, obj.accession, zh, en))
    except (ExhibitError, OSError):
        pass  # a missing file shows as an empty frame, never as an error in the form
    return assets


def _font(pixels: float, bold: bool = False, lang: str | None = None) -> QFont:
    """The preview's font; a text in a known language takes that language's family order
    (ui.common.typefaces: Chinese with full-width “” and ——, as the kiosk sets it)."""
    font = typefaces.font_for(lang) if lang else QFont()
    font.setPixelSize(int(pixels))
    font.setBold(bold)
    return font


def _paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines (as in the sample data and the kiosk)."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


class PanelCard(QWidget):
    """The 16:9 card itself; it paints `preview`'s panel and assets."""

    def __init__(self, preview: "PanelPreview") -> None:
        super().__init__(preview)
        self.preview = preview
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(320, 180)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * CANVAS_H / CANVAS_W)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def canvas_rect(self) -> QRectF:
        """Where the 16:9 canvas sits in the widget (letterboxed)."""
        scale = min(self.width() / CANVAS_W, self.height() / CANVAS_H)
        w, h = CANVAS_W * scale, CANVAS_H * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        area = self.canvas_rect()
        painter.translate(area.topLeft())
        painter.scale(area.width() / CANVAS_W, area.height() / CANVAS_H)
        self.paint_canvas(painter)
        painter.end()

    # ------------------------------------------------------------ the kiosk's layout

    def paint_canvas(self, p: QPainter) -> None:
        preview = self.preview
        panel, assets, lang = preview.panel, preview.assets, preview.language()
        p.fillRect(QRectF(0, 0, CANVAS_W, CANVAS_H), PAPER)
        p.setPen(QPen(RULE, 6))
        p.drawRect(QRectF(3, 3, CANVAS_W - 6, CANVAS_H - 6))
        if panel is None:
            p.setPen(INK_SOFT)
            p.setFont(_font(44))
            p.drawText(QRectF(0, 0, CANVAS_W, CANVAS_H), Qt.AlignmentFlag.AlignCenter,
                       QCoreApplication.translate("PanelPreview", "No panel to preview"))
            return
        width = CANVAS_W - 2 * MARGIN
        y = 64.0

        # Section kicker and the kiosk's language switch, as on the touchscreen.
        kicker = " · ".join(t for t in (assets.section_zh, assets.section_en) if t)
        p.setFont(_font(30, bold=True))
        p.setPen(ACCENT)
        p.drawText(QRectF(MARGIN, y, width - 300, 44), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   kicker)
        self._paint_switch(p, QRectF(CANVAS_W - MARGIN - 260, y - 4, 260, 56), lang)
        y += 72

        title_zh, title_en = panel.title_zh.strip(), panel.title_en.strip()
        y = self._text_block(p, title_zh or QCoreApplication.translate("PanelPreview", "(untitled)"),
                             _font(88, bold=True, lang="zh"), INK if title_zh else INK_SOFT,
                             QRectF(MARGIN, y, width, 230), max_lines=2)
        y = self._text_block(p, title_en, _font(46, lang="en"), INK_SOFT, QRectF(MARGIN, y + 8, width, 130),
                             max_lines=2)
        y += 24
        p.fillRect(QRectF(MARGIN, y, 140, 6), ACCENT)
        y += 42

        strip_top = CANVAS_H - 230
        has_image = assets.image is not None
        body_width = 1000 if has_image else width
        body_rect = QRectF(MARGIN, y, body_width, strip_top - 40 - y)
        self._paint_body(p, panel.body_zh if lang == "zh" else panel.body_en, lang, body_rect)
        if has_image:
            image_rect = QRectF(MARGIN + body_width + 80, y, width - body_width - 80, strip_top - 40 - y)
            caption = assets.caption_zh if lang == "zh" else assets.caption_en
            self._paint_image(p, assets.image, caption or (assets.caption_en or assets.caption_zh), image_rect,
                              lang if caption else ("en" if assets.caption_en else "zh"))
        self._paint_strip(p, assets.thumbs, assets.object_count, lang, QRectF(MARGIN, strip_top, width, 200))

    def _text_block(self, p: QPainter, text: str, font: QFont, color: QColor, rect: QRectF,
                    max_lines: int) -> float:
        """Wrapped text at the top of `rect`; returns the y below it."""
        if not text:
            return rect.top()
        metrics = QFontMetricsF(font)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        bound = metrics.boundingRect(rect, int(flags), text)
        height = min(bound.height(), metrics.lineSpacing() * max_lines)
        p.setFont(font)
        p.setPen(color)
        p.save()
        p.setClipRect(QRectF(rect.left(), rect.top(), rect.width(), height + 4))
        p.drawText(QRectF(rect.left(), rect.top(), rect.width(), height + metrics.lineSpacing()),
                   int(flags), text)
        p.restore()
        return rect.top() + height

    def _paint_body(self, p: QPainter, text: str, lang: str, rect: QRectF) -> None:
        paragraphs = _paragraphs(text)
        if not paragraphs:
            p.setFont(_font(30))
            p.setPen(INK_SOFT)
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                       QCoreApplication.translate("PanelPreview", "(no text in this language yet)"))
            return
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(_font(34 if lang == "zh" else 32, lang=lang))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setTextWidth(rect.width())
        cursor = QTextCursor(doc)
        block = QTextBlockFormat()
        block.setLineHeight(165 if lang == "zh" else 150, 1)  # 1 = ProportionalHeight
        block.setBottomMargin(26)
        if lang == "zh":
            block.setTextIndent(68)  # two characters, as Chinese paragraphs are set
        for i, paragraph in enumerate(paragraphs):
            if i:
                cursor.insertBlock()
            cursor.setBlockFormat(block)
            cursor.insertText(paragraph)
        p.save()
        p.translate(rect.topLeft())
        clip = QRectF(0, 0, rect.width(), rect.height())
        p.setClipRect(clip)
        p.setPen(INK)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        context.palette.setColor(QPalette.ColorRole.Text, INK)
        doc.documentLayout().draw(p, context)
        if doc.size().height() > rect.height():
            # The kiosk scrolls long text: fade the last lines and mark "more".
            fade = QLinearGradient(0, rect.height() - 140, 0, rect.height() - 40)
            transparent = QColor(PAPER)
            transparent.setAlpha(0)
            fade.setColorAt(0, transparent)
            fade.setColorAt(1, PAPER)
            p.fillRect(QRectF(0, rect.height() - 140, rect.width(), 100), fade)
            p.fillRect(QRectF(0, rect.height() - 40, rect.width(), 40), PAPER)
            p.setPen(ACCENT)
            p.setFont(_font(26, bold=True))
            p.drawText(QRectF(0, rect.height() - 36, rect.width(), 36),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                       QCoreApplication.translate("PanelPreview", "scroll for more ▾"))
        p.restore()

    def _paint_image(self, p: QPainter, image: QPixmap, caption: str, rect: QRectF, lang: str) -> None:
        caption_font = _font(22, lang=lang)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        caption_h = (QFontMetricsF(caption_font).boundingRect(
            QRectF(0, 0, rect.width(), 400), flags, caption).height() + 14) if caption else 0
        box = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - caption_h)
        size = image.size().scaled(int(box.width()), int(box.height()), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(box.left(), box.top(), size.width(), size.height())
        p.drawPixmap(target, image, QRectF(image.rect()))
        p.setPen(QPen(RULE, 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(target)
        if caption:
            p.setPen(INK_SOFT)
            p.setFont(caption_font)
            p.drawText(QRectF(box.left(), target.bottom() + 10, box.width(), caption_h), flags, caption)

    def _paint_strip(self, p: QPainter, thumbs: list[Thumb], total: int, lang: str, rect: QRectF) -> None:
        p.setPen(QPen(RULE, 2))
        p.drawLine(rect.topLeft(), rect.topRight())
        if not thumbs:
            p.setPen(INK_SOFT)
            p.setFont(_font(26))
            p.drawText(rect.adjusted(0, 20, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                       QCoreApplication.translate("PanelPreview", "No objects on this panel yet"))
            return
        cell_w, gap, thumb_h = 190.0, 22.0, 128.0
        fits = int((rect.width() + gap) // (cell_w + gap))
        shown = thumbs[:fits] if total <= fits else thumbs[:fits - 1]
        x = rect.left()
        for thumb in shown:
            frame = QRectF(x, rect.top() + 20, cell_w, thumb_h)
            p.fillRect(frame, QColor("#e9dec7"))
            if thumb.pixmap is not None:
                size = thumb.pixmap.size().scaled(int(cell_w), int(thumb_h), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRectF(frame.center().x() - size.width() / 2, frame.center().y() - size.height() / 2,
                                size.width(), size.height())
                p.drawPixmap(target, thumb.pixmap, QRectF(thumb.pixmap.rect()))
            p.setPen(INK)
            name = thumb.name_zh if lang == "zh" else (thumb.name_en or thumb.name_zh)
            p.setFont(_font(20, lang="zh" if name == thumb.name_zh else "en"))
            metrics = QFontMetricsF(p.font())
            p.drawText(QRectF(x, frame.bottom() + 6, cell_w, 30), Qt.AlignmentFlag.AlignHCenter,
                       metrics.elidedText(name, Qt.TextElideMode.ElideRight, cell_w))
            x += cell_w + gap
        if len(shown) < total:
            p.setPen(ACCENT)
            p.setFont(_font(34, bold=True))
            p.drawText(QRectF(x, rect.top() + 20, cell_w, thumb_h), Qt.AlignmentFlag.AlignCenter,
                       f"+{total - len(shown)}")

    def _paint_switch(self, p: QPainter, rect: QRectF, lang: str) -> None:
        """The kiosk's own language switch (drawn, not a control: the toggle above drives it)."""
        p.save()
        p.setPen(QPen(ACCENT, 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        half = QRectF(rect.left(), rect.top(), rect.width() / 2, rect.height())
        active = half if lang == "zh" else half.translated(rect.width() / 2, 0)
        p.setBrush(ACCENT)
        p.drawRoundedRect(active, rect.height() / 2, rect.height() / 2)
        p.setFont(_font(26, bold=True))
        for label, box, on in (("中文", half, lang == "zh"),
                               ("EN", half.translated(rect.width() / 2, 0), lang == "en")):
            p.setPen(PAPER if on else ACCENT)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        p.restore()


class PanelPreview(QWidget):
    """Preview of a panel (saved record or the form's unsaved draft) on the kiosk."""

    language_changed = Signal(str)

    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.panel: Panel | None = None
        self.assets = PanelAssets()
        self._lang = "zh"
        self._stale = False

        self.caption = QLabel()
        self.zh_button = QToolButton()
        self.en_button = QToolButton()
        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(True)
        for button, lang in ((self.zh_button, "zh"), (self.en_button, "en")):
            button.setCheckable(True)
            button.setMinimumSize(72, 32)
            self._buttons.addButton(button)
            button.clicked.connect(lambda _checked=False, lang=lang: self.set_language(lang))
        self.zh_button.setChecked(True)
        self.card = PanelCard(self)

        top = QHBoxLayout()
        top.addWidget(self.caption)
        top.addStretch(1)
        top.addWidget(self.zh_button)
        top.addWidget(self.en_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.card, 1)

        events().records_changed.connect(self._records_changed)
        self.retranslate()

    # ------------------------------------------------------------ text

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Kiosk preview"))
        self.zh_button.setText(self.tr("Chinese"))
        self.zh_button.setAccessibleName(self.tr("Preview the Chinese text"))
        self.en_button.setText(self.tr("English"))
        self.en_button.setAccessibleName(self.tr("Preview the English text"))
        self.card.setAccessibleName(self.tr("Panel as shown on the kiosk"))
        self._describe()
        self.card.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ what to show

    def set_panel(self, panel: Panel | None) -> None:
        """Show `panel` now; images are re-read only if it is another panel or section."""
        self.panel = panel
        if panel is None:
            self.assets = PanelAssets()
        elif (panel.id, panel.section_id) != (self.assets.panel_id, self.assets.section_id) \
                or panel.id is None and self.assets.thumbs:
            self.assets = load_assets(self.archive, panel)
        self._describe()
        self.card.update()

    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        if lang not in ("zh", "en"):
            raise ValueError(f"language must be 'zh' or 'en', not {lang!r}")
        (self.zh_button if lang == "zh" else self.en_button).setChecked(True)
        if lang != self._lang:
            self._lang = lang
            self._describe()
            self.card.update()
            self.language_changed.emit(lang)

    def shown_text(self) -> dict[str, str]:
        """The texts the card shows now (titles, the body in the chosen language)."""
        if self.panel is None:
            return {"title_zh": "", "title_en": "", "body": "", "language": self._lang}
        body = self.panel.body_zh if self._lang == "zh" else self.panel.body_en
        return {"title_zh": self.panel.title_zh.strip(), "title_en": self.panel.title_en.strip(),
                "body": "\n\n".join(_paragraphs(body)), "language": self._lang}

    def _describe(self) -> None:
        # Screen readers get the card's text, since it is painted.
        shown = self.shown_text()
        self.card.setAccessibleDescription("\n".join(
            t for t in (shown["title_zh"], shown["title_en"], shown["body"]) if t))

    # ------------------------------------------------------------ hub

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload_assets()

    def reload_assets(self) -> None:
        if self.panel is not None:
            self.assets = load_assets(self.archive, self.panel)
            self.card.update()

    def _records_changed(self, record_type: str, ids: list) -> None:
        if self.panel is None:
            return
        relevant = (
            (record_type == "panel" and (not ids or self.panel.id in ids))
            or (record_type == "section" and (not ids or self.panel.section_id in ids))
            or record_type in ("object", "media"))
        if not relevant:
            return
        if not self.isVisible():
            self._stale = True
            return
        self.reload_assets()
