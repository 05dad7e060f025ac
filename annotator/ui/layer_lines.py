"""How overlapping tags stay visible: the first layer is a tint, every further layer a line.

A passage on layer 0 (see :mod:`annotator.core.span_index`) gets a background tint in its tag
colour (the highlighter's job). Each passage on a higher layer gets a solid line in its full
tag colour *under* the text, one line per layer, stacked downwards: layer 1 just under the
baseline, layer 2 below it, and so on. So "rat tunnels" (a Quote) inside a Claim shows the
Claim's tint and the Quote's line at once, and a third tag inside both adds a second line.
The left margin keeps one thin bar per layer as well, for passages that span many lines.

The lines live in the descent area (under the baseline, where only the tails of g, p and y
go); Qt's plain-text layout cannot add line spacing, so past :data:`MAX_LINES` layers the
deepest line is shared rather than running into the next line of text.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QTextLayout, QTextLine

MAX_LINES = 3  # under-text lines stacked before they would reach the next line of text


def line_metrics(line_height: float) -> tuple[float, float]:
    """(thickness, pitch) of the lines for a text line ``line_height`` pixels tall."""
    thickness = float(max(2, int(line_height * 0.13 + 0.5)))  # 3 px for 20 px text lines
    return thickness, thickness + 1.0


def under_line_y(baseline: float, layer: int, line_height: float) -> float:
    """Top of layer ``layer``'s line (layer >= 1) under a text line with this ``baseline``."""
    thickness, pitch = line_metrics(line_height)
    return baseline + 1.0 + (min(layer, MAX_LINES) - 1) * pitch


def line_pieces(layout: QTextLayout, start: int, end: int) -> Iterator[tuple[QTextLine, float, float]]:
    """``(line, left x, right x)`` for each text line of a block that positions
    ``start``-``end`` (UTF-16, in the block) cover; x is relative to the block's left."""
    if end <= start:
        return
    first = layout.lineForTextPosition(start)
    last = layout.lineForTextPosition(max(start, end - 1))
    if not first.isValid() or not last.isValid():
        return
    for number in range(first.lineNumber(), last.lineNumber() + 1):
        line = layout.lineAt(number)
        line_start = line.textStart()
        a, b = max(start, line_start), min(end, line_start + line.textLength())
        if a >= b:
            continue
        left, right = _x(line.cursorToX(a)), _x(line.cursorToX(b))
        if right > left:
            yield line, left, right


def paint_under_lines(painter: QPainter, layout: QTextLayout, top: float, x0: float,
                      start: int, end: int, layer: int, colour: str) -> None:
    """Draw layer ``layer``'s line under block positions ``start``-``end`` (UTF-16, in the
    block) on every text line they cover; ``top``/``x0`` place the block in the viewport."""
    if layer < 1:
        return
    pen_colour = QColor(colour)
    for line, left, right in line_pieces(layout, start, end):
        thickness, _pitch = line_metrics(line.height())
        y = top + under_line_y(line.y() + line.ascent(), layer, line.height())
        painter.fillRect(QRectF(x0 + left, y, right - left, thickness), pen_colour)


def _x(found) -> float:
    # PySide returns (x, cursor position) from cursorToX; older bindings the x alone.
    return found[0] if isinstance(found, tuple) else found
