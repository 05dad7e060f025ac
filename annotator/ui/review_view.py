"""The review's article view: ONE text showing coders A and B at once, with a legend.

Why one view rather than two panes: the differences are usually a few characters of boundary
or a tag on the same words, which the eye catches best when both layers sit on the same line.
The background tint is always the tag's colour; the *line style* says whose it is:

* both alike — tint only;
* A only — tint and a solid underline;
* B only — tint and a dotted underline;
* boundaries differ — tint and a wavy underline where both spans lie, and the parts only one
  of them covers underlined as "A only" / "B only";
* tag differs — diagonal hatching in A's tag colour, underlined (dashes) in B's tag colour.

The current difference is framed in the selection colour. Styles are drawn as extra selections, so nothing of the
tagging view's highlighter is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPalette, QPen, QPixmap, QTextCharFormat, QTextCursor
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


def difference_format(kind: DifferenceKind, a_colour: QColor, b_colour: QColor, base: QColor,
                      ink: QColor) -> QTextCharFormat:
    """The character format a difference of ``kind`` is drawn with; ``ink`` is the text colour
    (lines in it read on any tint, in light and dark mode alike)."""
    fmt = QTextCharFormat()
    if kind is DifferenceKind.TAG:
        fmt.setBackground(QBrush(a_colour, Qt.BrushStyle.BDiagPattern))
        fmt.setUnderlineStyle(_UNDERLINE[kind])
        fmt.setUnderlineColor(b_colour.darker(120) if base.lightness() > 128 else b_colour)
        return fmt
    fmt.setBackground(tint(a_colour, base))
    if kind in _UNDERLINE:
        fmt.setUnderlineStyle(_UNDERLINE[kind])
        fmt.setUnderlineColor(ink)
    return fmt


def pieces(difference: Difference) -> list[tuple[DifferenceKind, int, int]]:
    """The stretches of text a difference is drawn as, each with the style it takes.

    Boundaries differ: the shared words wavy, and what only A (only B) covers underlined as
    A only (B only), so the reviewer sees exactly where each coder started and stopped.
    """
    if difference.kind is not DifferenceKind.BOUNDARIES:
        return [(difference.kind, difference.start, difference.end)]
    a, b = difference.a, difference.b
    shared = (max(a.start, b.start), min(a.end, b.end))
    out = [(DifferenceKind.BOUNDARIES, *shared)]
    for kind, span in ((DifferenceKind.A_ONLY, a), (DifferenceKind.B_ONLY, b)):
        if span.start < shared[0]:
            out.append((kind, span.start, shared[0]))
        if span.end > shared[1]:
            out.append((kind, shared[1], span.end))
    return out


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
        """Frame ``difference`` and scroll it into view."""
        self._current = difference
        self._repaint_selections()
        if difference is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_utf16(difference.start))
            self.setTextCursor(cursor)
            self.centerCursor()
        # The frame is painted over the text, not part of it: Qt repaints only what changed in
        # the document (here the cursor's few pixels), so the old frame stayed and the new one
        # showed as a sliver at its first character (issue 13). Repaint the whole viewport.
        self.viewport().update()

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
                found = QTextCharFormat(selection.format)  # a copy: the list is a temporary
        return found

    def _repaint_selections(self) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        ink = self.palette().color(QPalette.ColorRole.Text)
        selections = []
        # Agreements first, so a difference drawn over the same words wins.
        ordered = sorted(self._differences, key=lambda d: (d.kind is not DifferenceKind.AGREE, d.start))
        for difference in ordered:
            a_colour = self._colour_of((difference.a or difference.b).tag_id)
            b_colour = self._colour_of((difference.b or difference.a).tag_id)
            for kind, start, end in pieces(difference):
                selection = QTextEdit.ExtraSelection()
                selection.format = difference_format(kind, a_colour, b_colour, base, ink)
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._offsets.to_utf16(start))
                cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selections.append(selection)
        self.setExtraSelections(selections)

    def current_rects(self) -> list[QRectF]:
        """Viewport rectangles covering the current difference, one per visual line."""
        if self._current is None:
            return []
        start = self._offsets.to_utf16(self._current.start)
        end = self._offsets.to_utf16(self._current.end)
        rects = []
        block = self.document().findBlock(start)
        offset = self.contentOffset()
        while block.isValid() and block.position() <= end:
            top = self.blockBoundingGeometry(block).translated(offset).top()
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                a, b = max(start, line_start), min(end, line_end)
                if a >= b:
                    continue
                x1 = line.cursorToX(a - block.position())[0]
                x2 = line.cursorToX(b - block.position())[0]
                rects.append(QRectF(x1, top + line.y(), x2 - x1, line.height()).adjusted(-2, 0, 2, 0))
            block = block.next()
        return rects

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        rects = self.current_rects()
        if not rects:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(rect, 3, 3)
        painter.end()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._repaint_selections()


def paint_swatch(painter: QPainter, rect: QRectF, kind: DifferenceKind, palette: QPalette) -> None:
    """A patch drawn in the style of ``kind`` (with two sample tag colours), for legends."""
    base = palette.color(QPalette.ColorRole.Base)
    fmt = difference_format(kind, QColor("#56B4E9"), QColor("#E69F00"), base, palette.color(QPalette.ColorRole.Text))
    painter.fillRect(rect, base)
    painter.fillRect(rect.adjusted(1, 2, -1, -4), fmt.background())
    style = fmt.underlineStyle()
    if style == QTextCharFormat.UnderlineStyle.NoUnderline:
        return
    pen = QPen(fmt.underlineColor(), 1.6)
    pen.setStyle({
        QTextCharFormat.UnderlineStyle.DotLine: Qt.PenStyle.DotLine,
        QTextCharFormat.UnderlineStyle.DashUnderline: Qt.PenStyle.DashLine,
    }.get(style, Qt.PenStyle.SolidLine))
    painter.setPen(pen)
    y = rect.bottom() - 2.5
    if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
        x, up = rect.left() + 1, True
        while x < rect.right() - 3:
            painter.drawLine(int(x), int(y - (2 if up else 0)), int(x + 3), int(y - (0 if up else 2)))
            x, up = x + 3, not up
    else:
        painter.drawLine(int(rect.left()) + 1, int(y), int(rect.right()) - 1, int(y))


def swatch_icon(kind: DifferenceKind, palette: QPalette, width: int = 28, height: int = 16) -> QIcon:
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_swatch(painter, QRectF(0, 0, width, height), kind, palette)
    painter.end()
    return QIcon(pixmap)


class _Swatch(QWidget):
    """A patch drawn in one difference style, for the legend."""

    def __init__(self, kind: DifferenceKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setFixedSize(QSize(34, 18))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        paint_swatch(painter, QRectF(0, 0, self.width(), self.height()), self.kind, self.palette())
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
