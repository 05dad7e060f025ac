"""The cue for a linked passage: a small raised badge after it, and its partner framed.

Both ends of a link get the badge in their tag's colour: a pill with a two-headed arrow,
raised like a footnote mark just after the passage, its foot on the lower-case letters' top
line — so it sits over the space after the passage and at most the tops of the next word's
tall letters (its rim in the page colour keeps them legible). Drawn over the passage's own
last letters at the height they leave free it was too small to see. When the coder hovers
over or selects one end, every passage linked with it is framed in the selection colour, so
the partner is found at a glance. The frame uses the palette's highlight colour, not a tag
colour: dashed tag-coloured outlines are suggestions. (A curve joining the two ends was
tried: it struck through the text in between.)
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen


def mark_size(metrics: QFontMetricsF) -> tuple[float, float]:
    """(width, height) of the badge for text in this font."""
    height = max(7.0, round(metrics.height() * 0.42))
    return round(height * 1.7), height


def paint_link_mark(painter: QPainter, left: float, line_top: float, metrics: QFontMetricsF,
                    colour: QColor, page: QColor | None = None) -> QRectF:
    """Draw the badge from x ``left`` (a passage's end), raised on the text line starting at
    ``line_top`` (``page``: the text's background, for its rim); return where it went."""
    width, height = mark_size(metrics)
    top = line_top + metrics.ascent() - metrics.xHeight() - height  # its foot on the x-height
    rect = QRectF(left + 1, top, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # A rim in the page colour keeps it apart from any tall letter it touches.
    painter.setPen(QPen(page if page is not None else QColor("white"), 1.0))
    painter.setBrush(colour)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    ink = QColor("white") if colour.lightnessF() < 0.7 else QColor("black")
    painter.setPen(QPen(ink, max(1.1, height / 7), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    y, left, right_end, head = rect.center().y(), rect.left() + height * 0.4, rect.right() - height * 0.4, height * 0.24
    painter.drawLine(QPointF(left, y), QPointF(right_end, y))
    for tip, back in ((left, left + head), (right_end, right_end - head)):
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
