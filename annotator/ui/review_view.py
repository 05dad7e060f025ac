"""The review's article view: ONE text showing coders A and B at once, with a legend.

Why one view rather than two panes: the differences are usually a few characters of boundary
or a tag on the same words, which the eye catches best when both layers sit on the same line.
The background tint is always the tag's colour; the *line style* says whose it is:

* both alike — tint only;
* A only — tint and a solid underline;
* B only — tint and a dotted underline;
* boundaries differ — tint and a wavy underline across both spans;
* tag differs — diagonal hatching in A's tag colour, underlined (dashes) in B's tag colour.

The current difference is also bold. Styles are drawn as extra selections, so nothing of the
tagging view's highlighter is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QWidget

from annotator.core.offsets import OffsetMap
from annotator.core.review import Difference, DifferenceKind
from annotator.ui.reading_edit import reading_font

TINT = 0.38


def tint(colour: QColor, base: QColor, amount: float = TINT) -> QColor:
    """``colour`` mixed into ``base``: a highlight that reads on light and dark backgrounds."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * amount),
        round(base.green() + (colour.green() - base.green()) * amount),
        round(base.blue() + (colour.blue() - base.blue()) * amount),
    )


_UNDERLINE = {
    DifferenceKind.A_ONLY: QTextCharFormat.UnderlineStyle.SingleUnderline,
    DifferenceKind.B_ONLY: QTextCharFormat.UnderlineStyle.DotLine,
    DifferenceKind.BOUNDARIES: QTextCharFormat.UnderlineStyle.WaveUnderline,
    DifferenceKind.TAG: QTextCharFormat.UnderlineStyle.DashUnderline,
}

LEGEND = [
    (DifferenceKind.AGREE, "both alike"),
    (DifferenceKind.A_ONLY, "A only"),
    (DifferenceKind.B_ONLY, "B only"),
    (DifferenceKind.BOUNDARIES, "boundaries differ"),
    (DifferenceKind.TAG, "tag differs"),
]


def difference_format(kind: DifferenceKind, a_colour: QColor, b_colour: QColor, base: QColor) -> QTextCharFormat:
    """The character format a difference of ``kind`` is drawn with."""
    fmt = QTextCharFormat()
    if kind is DifferenceKind.TAG:
        fmt.setBackground(QBrush(a_colour, Qt.BrushStyle.BDiagPattern))
        fmt.setUnderlineStyle(_UNDERLINE[kind])
        fmt.setUnderlineColor(b_colour)
        return fmt
    fmt.setBackground(tint(a_colour, base))
    if kind in _UNDERLINE:
        fmt.setUnderlineStyle(_UNDERLINE[kind])
        # A darker line than the tint, so the style shows even where the tint is pale.
        fmt.setUnderlineColor(a_colour.darker(135) if base.lightness() > 128 else a_colour.lighter(120))
    return fmt


class ReviewTextView(QPlainTextEdit):
    """Read-only article text with every difference drawn in its style."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(reading_font())
        self.document().setDocumentMargin(18)
        self._offsets = OffsetMap("")
        self._differences: list[Difference] = []
        self._current: Difference | None = None
        self._colour_of: Callable[[str], QColor] = lambda _tag_id: QColor("#999999")

    def set_article(self, text: str, differences: Sequence[Difference], colour_of: Callable[[str], QColor]) -> None:
        """Show ``text`` with ``differences`` (code-point offsets); ``colour_of(tag_id)``."""
        if text != self.toPlainText():
            self.setPlainText(text)
            self._offsets = OffsetMap(text)
        self._differences = list(differences)
        self._colour_of = colour_of
        self._current = None
        self._repaint_selections()

    def set_current(self, difference: Difference | None) -> None:
        """Embolden ``difference`` and scroll it into view."""
        self._current = difference
        self._repaint_selections()
        if difference is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_utf16(difference.start))
            self.setTextCursor(cursor)
            self.centerCursor()

    def selected_span(self) -> tuple[int, int] | None:
        """The text selection as code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd())

    def extra_format_at(self, offset: int) -> QTextCharFormat | None:
        """The format drawn at code point ``offset`` (the last selection covering it), for tests."""
        position = self._offsets.to_utf16(offset)
        found = None
        for selection in self.extraSelections():
            if selection.cursor.selectionStart() <= position < selection.cursor.selectionEnd():
                found = selection.format
        return found

    def _repaint_selections(self) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        selections = []
        # Agreements first, so a difference drawn over the same words wins.
        ordered = sorted(self._differences, key=lambda d: (d.kind is not DifferenceKind.AGREE, d.start))
        for difference in ordered:
            a_colour = self._colour_of((difference.a or difference.b).tag_id)
            b_colour = self._colour_of((difference.b or difference.a).tag_id)
            fmt = difference_format(difference.kind, a_colour, b_colour, base)
            if self._current is not None and difference.key == self._current.key:
                fmt.setFontWeight(QFont.Weight.Bold)
            selection = QTextEdit.ExtraSelection()
            selection.format = fmt
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_utf16(difference.start))
            cursor.setPosition(self._offsets.to_utf16(difference.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._repaint_selections()


class _Swatch(QWidget):
    """A word drawn in one difference style, for the legend."""

    def __init__(self, kind: DifferenceKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setFixedSize(QSize(34, 18))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        a, b = QColor("#56B4E9"), QColor("#E69F00")
        fmt = difference_format(self.kind, a, b, base)
        rect = QRectF(0, 0, self.width(), self.height())
        painter.fillRect(rect, base)
        painter.fillRect(rect.adjusted(1, 2, -1, -4), fmt.background())
        style = fmt.underlineStyle()
        if style != QTextCharFormat.UnderlineStyle.NoUnderline:
            pen = painter.pen()
            pen.setColor(fmt.underlineColor())
            pen.setWidthF(1.6)
            pen.setStyle({
                QTextCharFormat.UnderlineStyle.DotLine: Qt.PenStyle.DotLine,
                QTextCharFormat.UnderlineStyle.DashUnderline: Qt.PenStyle.DashLine,
            }.get(style, Qt.PenStyle.SolidLine))
            painter.setPen(pen)
            y = self.height() - 2.5
            if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
                x, up = 1.0, True
                while x < self.width() - 3:
                    painter.drawLine(int(x), int(y - (2 if up else 0)), int(x + 3), int(y - (0 if up else 2)))
                    x, up = x + 3, not up
            else:
                painter.drawLine(1, int(y), self.width() - 1, int(y))
        painter.end()


class ReviewLegend(QWidget):
    """The key to the review view's styles, one swatch per kind of difference."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for kind, label in LEGEND:
            layout.addWidget(_Swatch(kind))
            text = QLabel(label)
            layout.addWidget(text)
            layout.addSpacing(10)
        layout.addStretch(1)
        self.setToolTip("Tint = the tag's colour; the line under it says whose annotation it is")
