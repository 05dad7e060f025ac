"""What the article's text widget asks of the open article, and repainting paragraphs.

The text widget (:class:`~annotator.ui.reading_edit.ReadingEdit`) knows nothing of
annotations: for each paragraph it paints it asks for the layer bars and lines, and on hover
for a tooltip. These answers come from the view's :class:`~annotator.core.span_index.SpanIndex`
and :class:`~annotator.core.offsets.OffsetMap`, read here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRect, QRectF

from annotator.ui.layer_lines import line_pieces

UNKNOWN_TAG_COLOUR = "#999999"


class ColourCache(dict):
    """Annotation id -> tag colour, filled as the highlighter asks (a dict hit stays in C)."""

    def __init__(self, session):
        super().__init__()
        self._session = session

    def __missing__(self, annotation_id: str) -> str:
        ref = self._session.ref(annotation_id)
        tag = self._session.tag(ref.tag_id) if ref is not None else None
        colour = self[annotation_id] = tag.colour if tag else UNKNOWN_TAG_COLOUR
        return colour


def bars_for_block(block, index, offsets, colours) -> list:
    """The spans of paragraph ``block`` as ``(utf16 start, utf16 end, layer, colour)`` within it."""
    number = block.blockNumber()
    if number >= index.block_count:
        return []
    block_u = block.position()
    to_u = offsets.to_utf16
    bars = []
    for span in index.in_block(number):
        start = max(to_u(span.start) - block_u, 0)
        end = min(to_u(span.end) - block_u, block.length() - 1)
        bars.append((start, max(end, start + 1), span.layer, colours[span.key]))
    return bars


def tooltip_at(session, index, offsets, position: int) -> str:
    """Tag, coder (and whether it is sent yet) and note of every annotation at UTF-16
    ``position`` (rich text), or ""."""
    offset = offsets.from_utf16(min(position, offsets.utf16_length))
    lines = []
    for span in index.at(offset):
        a = session.annotation(span.key)
        if a is None:
            continue
        line = f"<b>{html.escape(session.tag_name(a.tag_id))}</b> — {html.escape(a.annotator)}"
        if a.id in session.unsent_ids:  # a team server's edit kept on this computer
            line += " · <i>not yet sent</i>"
        if a.note:
            line += f"<br><i>{html.escape(a.note)}</i>"
        lines.append(line)
    return "<hr>".join(lines)


def repaint_blocks(edit, blocks) -> None:
    """Repaint the paragraphs ``blocks`` (numbers, ascending) where they are on screen,
    margin bars included; the rest of the text keeps its pixels. A tag repaints its
    paragraph, not the screen (the whole viewport took 3-5 ms a tag)."""
    top = edit.firstVisibleBlock()
    if not blocks or not top.isValid() or blocks[-1] < top.blockNumber():
        return
    viewport = edit.viewport()
    first, last = top.blockNumber(), edit.cursorForPosition(QPoint(0, viewport.height())).blockNumber()
    document, offset, width = edit.document(), edit.contentOffset(), viewport.width()
    for number in blocks:
        if first <= number <= last:
            geometry = edit.blockBoundingGeometry(document.findBlockByNumber(number)).translated(offset)
            # A few pixels more: lines under the text may sit on the paragraph's edge.
            viewport.update(QRect(0, int(geometry.top()) - 3, width, int(geometry.height()) + 7))


def line_rects(edit, start: int, end: int) -> list[QRectF]:
    """Viewport rectangles of UTF-16 range ``start``-``end`` in ``edit``, one per visible
    text line (none past the part of a long article the widget holds yet)."""
    offset, bottom = edit.contentOffset(), edit.viewport().height()
    rects: list[QRectF] = []
    if start >= edit.document().characterCount():
        return rects
    block = edit.document().findBlock(start)
    while block.isValid() and block.position() < end:
        top = edit.blockBoundingGeometry(block).translated(offset).top()
        if top > bottom:
            break
        base = block.position()
        for line, left, right in line_pieces(block.layout(), start - base, end - base):
            rects.append(QRectF(offset.x() + left, top + line.y(), right - left, line.height()))
        block = block.next()
    return rects
