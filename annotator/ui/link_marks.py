"""The cue for a linked passage: a small raised badge after it, and its partner framed.

Both ends of a link get the mark in their tag's colour. When the coder hovers over or selects
one end, every passage linked with it is framed in the selection colour, so the partner is
found at a glance. (A curve joining the two was tried: it struck through the text between.) The frame uses the
palette's highlight colour, not a tag colour: dashed tag-coloured outlines are suggestions.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

def mark_size(line_height: float) -> tuple[float, float]:
    """(width, height) of the badge for a text line ``line_height`` pixels tall."""
    height = max(7.0, round(line_height * 0.42))
    return round(height * 1.7), height


def paint_link_mark(painter: QPainter, top_left: QPointF, line_height: float, colour: QColor,
                    page: QColor | None = None) -> QRectF:
    """Draw the badge — a small pill in the tag's colour holding a two-headed arrow — raised
    beside a passage's end, like a footnote mark (``page``: the text's background colour);
    return where it went."""
    width, height = mark_size(line_height)
    rect = QRectF(top_left.x(), top_left.y() + 1, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # A rim in the page colour keeps it apart from the letters it overlaps.
    painter.setPen(QPen(page if page is not None else QColor("white"), 1.0))
    painter.setBrush(colour)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    ink = QColor("white") if colour.lightnessF() < 0.7 else QColor("black")
    painter.setPen(QPen(ink, max(1.2, height / 7), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    y, left, right, head = rect.center().y(), rect.left() + height * 0.35, rect.right() - height * 0.35, height * 0.25
    painter.drawLine(QPointF(left, y), QPointF(right, y))
    for tip, back in ((left, left + head), (right, right - head)):
        painter.drawLine(QPointF(tip, y), QPointF(back, y - head))
        painter.drawLine(QPointF(tip, y), QPointF(back, y + head))
    painter.restore()
    return rect


def paint_partner(painter: QPainter, rects: list[QRectF], colour: QColor) -> None:
    """Frame a linked partner's lines (viewport rectangles) in ``colour``."""
    if not rects:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fill = QColor(colour)
    fill.setAlpha(40)
    painter.setPen(QPen(colour, 2.0))
    painter.setBrush(fill)
    for rect in rects:
        painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 4, 4)
    painter.restore()
