"""Suggestions drawn over the article text: a dashed outline in the tag's colour (unlike an
annotation's filled highlight), the current one solid and lightly filled; and their hover
text (the rule that produced them, confidence, suggested fields)."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.offsets import OffsetMap
from annotator.core.suggestions.article_suggestions import ArticleSuggestions
from annotator.core.suggestions.model import Suggestion

_PAD = 1.0


class SuggestionPainter:
    """Paints a :class:`ArticleSuggestions` over a ``ReadingEdit`` (a QPlainTextEdit)."""

    def __init__(self, edit, model: ArticleSuggestions, colour_of):
        self.edit = edit
        self.model = model
        self.colour_of = colour_of  # tag name -> "#rrggbb"
        self.offsets = OffsetMap("")
        edit.overlay_painters.append(self.paint)
        self._previous_tooltip = edit.tooltip_at
        edit.tooltip_at = self.tooltip_at

    def set_text(self, text: str) -> None:
        self.offsets = OffsetMap(text)

    def update(self) -> None:
        self.edit.viewport().update()

    # -- painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        if not self.model.visible or not len(self.model):
            return
        edit = self.edit
        offset = edit.contentOffset()
        bottom = edit.viewport().height()
        block = edit.firstVisibleBlock()
        if not block.isValid():
            return
        first = block.position()
        last_block = edit.cursorForPosition(edit.viewport().rect().bottomRight()).block()
        last = last_block.position() + last_block.length()
        to_cp, to_u = self.offsets.from_utf16, self.offsets.to_utf16
        limit = self.offsets.utf16_length
        visible = self.model.between(to_cp(min(first, limit)), to_cp(min(last, limit)) + 1)
        current = self.model.current
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for s in visible:
            colour = QColor(self.colour_of(s.tag))
            is_current = current is not None and s.key == current.key
            pen = QPen(colour, 2.0 if is_current else 1.4)
            pen.setStyle(Qt.PenStyle.SolidLine if is_current else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(colour)
            fill.setAlpha(60 if is_current else 0)
            painter.setBrush(fill if is_current else Qt.BrushStyle.NoBrush)
            for rect in self._rects(to_u(s.start), to_u(s.end), offset, bottom):
                painter.drawRoundedRect(rect, 3, 3)

    def _rects(self, start: int, end: int, offset, bottom: float) -> list[QRectF]:
        """One rectangle per line the span covers, in viewport coordinates."""
        edit = self.edit
        document = edit.document()
        rects = []
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            top = edit.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            layout = block.layout()
            base = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = base + line.textStart()
                line_end = line_start + line.textLength()
                a, b = max(start, line_start), min(end, line_end)
                if a >= b:
                    continue
                x1 = line.cursorToX(a - base)
                x2 = line.cursorToX(b - base)
                x1 = x1[0] if isinstance(x1, tuple) else x1
                x2 = x2[0] if isinstance(x2, tuple) else x2
                y = top + line.y()
                rects.append(QRectF(x1 + offset.x() - _PAD, y, x2 - x1 + 2 * _PAD, line.height()))
            block = block.next()
        return rects

    # -- hover ---------------------------------------------------------------------------------

    def tooltip_at(self, position: int) -> str:
        found = []
        if self.model.visible and position <= self.offsets.utf16_length:
            found = self.model.at(self.offsets.from_utf16(position))
        own = self._previous_tooltip(position) if self._previous_tooltip else ""
        if not found:
            return own
        parts = [describe(s) for s in found[:3]]
        return "<br><br>".join(parts + ([own] if own else []))


def describe(s: Suggestion) -> str:
    """The hover text of a suggestion: what, how sure, why, which fields it brings."""
    lines = [f"<b>Suggested {html.escape(s.tag)}</b> ({html.escape(s.kind)}, confidence {s.confidence:.0%})",
             html.escape(s.rule)]
    fields = ", ".join(f"{html.escape(k)}: {html.escape(str(v))}" for k, v in s.fields.items() if v)
    if fields:
        lines.append(fields)
    if s.link:
        lines.append(f"linked to the {html.escape(s.link[0])} it introduces")
    lines.append("<i>Space: next · Enter: accept · Delete: reject</i>")
    return "<br>".join(lines)
