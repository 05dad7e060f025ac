"""The read-only text widget of the article view: reading measure, keys, tooltips, layer bars.

It knows nothing of annotations; the :class:`~annotator.ui.article_view.ArticleView` around it
answers its questions (``bars_for_block``, ``tooltip_at``) and reacts to its signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextBlock
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from annotator.ui.layer_lines import paint_under_lines

READING_COLUMNS = 75  # characters per line: the classic comfortable measure
BAR_WIDTH, BAR_GAP, MAX_BARS = 3, 2, 5
GUTTER = BAR_GAP + MAX_BARS * (BAR_WIDTH + BAR_GAP) + 6


def reading_font() -> QFont:
    font = QFont()
    font.setFamilies(["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "Liberation Serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(max(12.0, QApplication.font().pointSizeF() * 1.2))
    return font


class ReadingEdit(QPlainTextEdit):
    # Keys handled here, for the shortcuts list: (keys, what they do).
    KEYS = [
        ("Shift+arrows, Shift+Ctrl+arrows", "Select text by character, by word"),
        ("Alt+tag key", "Tag the selection exactly, without snapping to words"),
        ("Delete", "Delete the selected annotation"),
        ("Esc", "Clear the selection"),
    ]
    tagKeyPressed = Signal(str, bool)  # the key's text, True when snapping is suspended (Alt)
    deletePressed = Signal()
    escapePressed = Signal()
    clickedAt = Signal(int)  # UTF-16 position of a plain click (no selection made)
    columnMoved = Signal(int)  # x of the text column's left edge, to align a header with it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(reading_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursorWidth(2)  # a visible caret: keyboard selection starts from it
        self.setTabChangesFocus(True)  # read-only text: Tab moves on to the tag panel and list
        self.document().setDocumentMargin(GUTTER)
        # Set by the article view: (block) -> [(utf16 start, utf16 end, layer, QColor)], and
        # (utf16 position) -> tooltip text or "".
        self.bars_for_block: Callable[[QTextBlock], list] | None = None
        self.tooltip_at: Callable[[int], str] | None = None
        # Painted over the text after everything else (suggestions' dashed outlines).
        self.overlay_painters: list[Callable[[QPainter], None]] = []
        self._press_pos = None

    # -- reading measure: centre a column of ~75 characters ----------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802
        # Margins first: the base class re-wraps the text to the viewport's width. (This also
        # receives the viewport's own resize events, hence the widget's width, not the event's.)
        self._centre_column(self.width())
        super().resizeEvent(event)

    def _centre_column(self, width: int) -> None:
        column = QFontMetricsF(self.font()).averageCharWidth() * READING_COLUMNS + 2 * GUTTER
        scrollbar = self.verticalScrollBar().sizeHint().width()
        side = max(0, int((width - scrollbar - column) / 2))
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)
            self.columnMoved.emit(side + GUTTER)

    # -- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802
        modifiers = event.modifiers()
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            self.deletePressed.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        if not modifiers & control:
            text = event.text()
            if (not text or not text.isprintable()) and 0x20 < key < 0x7F:
                text = chr(key).lower()  # Alt+1 may carry no text on some platforms
            if text and text.isprintable() and not text.isspace():
                self.tagKeyPressed.emit(text, bool(modifiers & Qt.KeyboardModifier.AltModifier))
                return
        super().keyPressEvent(event)

    # -- mouse: a plain click on a passage selects its annotation ----------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and self._press_pos is not None
            and (event.position().toPoint() - self._press_pos).manhattanLength() < 4
        ):
            self.clickedAt.emit(self.cursorForPosition(event.position().toPoint()).position())

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.tooltip_at is not None:
            position = self.cursorForPosition(event.pos()).position()
            tip = self.tooltip_at(position)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- overlaps: a line under the text per layer above 0, a thin bar per layer in the margin -

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.overlay_painters:
            painter = QPainter(self.viewport())
            for paint in self.overlay_painters:
                paint(painter)
            painter.end()
        if self.bars_for_block is None:
            return
        painter = QPainter(self.viewport())
        offset = self.contentOffset()
        # Only the paragraphs in the area being repainted: a tag repaints its own (Qt clips the
        # rest anyway, but asking every paragraph on screen for its bars cost more than a tag).
        area = event.rect()
        bottom = min(self.viewport().height(), area.bottom() + 1)
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            top = geometry.top()
            if top > bottom:
                break
            if geometry.bottom() < area.top():
                block = block.next()
                continue
            layout = block.layout()
            for start, end, layer, colour in self.bars_for_block(block):
                paint_under_lines(painter, layout, top, offset.x(), start, end, layer, colour)
                first = layout.lineForTextPosition(start)
                last = layout.lineForTextPosition(max(start, end - 1))
                if not first.isValid() or not last.isValid():
                    continue
                y1, y2 = top + first.y(), top + last.y() + last.height()
                if y2 < 0 or y1 > bottom:
                    continue
                x = BAR_GAP + min(layer, MAX_BARS - 1) * (BAR_WIDTH + BAR_GAP)
                painter.fillRect(QRectF(x, y1, BAR_WIDTH, y2 - y1), QColor(colour))
            block = block.next()
        painter.end()
