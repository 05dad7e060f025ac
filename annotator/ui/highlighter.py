"""Paints annotated passages, one paragraph (text block) at a time, from the span index.

How overlaps stay distinguishable: each span has a stable layer (see
:mod:`annotator.core.span_index`). Layer 0 fills the background with a tint of its tag colour;
a character also covered by a higher layer gets a wavy underline in the colour of the highest
one; and the article view draws one thin bar per layer in the left margin
(:mod:`annotator.ui.layer_gutter`), so nested and stacked passages are all visible at once.

Highlighting is lazy: only blocks marked ready are formatted. The view readies the blocks on
screen first and the rest while idle, so opening a 200,000-word article does not format the
whole document before it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.offsets import OffsetMap
from annotator.core.span_index import SpanIndex


def tint(colour: QColor, base: QColor, amount: float = 0.38) -> QColor:
    """``colour`` mixed into ``base`` (the text background): legible in light and dark mode."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * amount),
        round(base.green() + (colour.green() - base.green()) * amount),
        round(base.blue() + (colour.blue() - base.blue()) * amount),
    )


class AnnotationHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colour_of: Callable[[str], QColor], base: QColor):
        super().__init__(document)
        self._colour_of = colour_of  # annotation id -> its tag colour
        self._base = base
        self._index: SpanIndex | None = None
        self._offsets: OffsetMap | None = None
        self._ready = bytearray()
        self._formats: dict[tuple, QTextCharFormat] = {}

    def set_spans(self, index: SpanIndex | None, offsets: OffsetMap | None) -> None:
        """Use a new article's index; no block is ready (formatted) until :meth:`ready`."""
        self._index, self._offsets = index, offsets
        self._ready = bytearray(index.block_count if index is not None else 0)
        self._formats.clear()

    def set_base(self, base: QColor) -> None:
        self._base = base
        self._formats.clear()

    def is_ready(self, block_number: int) -> bool:
        return 0 <= block_number < len(self._ready) and bool(self._ready[block_number])

    def ready(self, first: int, last: int) -> int:
        """Format blocks ``first``..``last`` not formatted yet; return how many were."""
        document = self.document()
        done = 0
        last = min(last, len(self._ready) - 1)
        block = document.findBlockByNumber(max(0, first))
        while block.isValid() and block.blockNumber() <= last:
            number = block.blockNumber()
            if not self._ready[number]:
                self._ready[number] = 1
                if self._index.in_block(number):
                    self.rehighlightBlock(block)
                done += 1
            block = block.next()
        return done

    def refresh_blocks(self, blocks) -> None:
        """Re-format ``blocks`` (numbers) after a span there changed; unready ones wait."""
        document = self.document()
        for number in blocks:
            if self.is_ready(number):
                self.rehighlightBlock(document.findBlockByNumber(number))

    def first_unready(self, start: int = 0) -> int:
        """The first block number from ``start`` not formatted yet, or -1."""
        return self._ready.find(0, start)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        index = self._index
        if index is None:
            return
        number = self.currentBlock().blockNumber()
        if not self.is_ready(number):
            return
        spans = index.in_block(number)
        if not spans:
            return
        block_cp = index.block_start(number)
        block_end = block_cp + len(text) if self._offsets.is_identity else None
        if block_end is None:
            block_end = self._offsets.from_utf16(self.currentBlock().position() + len(text))
        # Sweep over the span edges in this block: each segment gets one merged format.
        events: list[tuple[int, int, object]] = []
        for s in spans:
            events.append((max(s.start, block_cp), 1, s))
            events.append((min(s.end, block_end), 0, s))
        events.sort(key=lambda e: (e[0], e[1]))
        active: dict[str, object] = {}
        to_utf16 = self._offsets.to_utf16
        block_u = self.currentBlock().position()
        previous = None
        for position, opening, span in events:
            if previous is not None and position > previous and active:
                fmt = self._format_for(active.values())
                a, b = to_utf16(previous) - block_u, to_utf16(position) - block_u
                self.setFormat(a, b - a, fmt)
            if opening:
                active[span.key] = span
            else:
                active.pop(span.key, None)
            previous = position

    def _format_for(self, spans) -> QTextCharFormat:
        ordered = sorted(spans, key=lambda s: s.layer)
        bottom, top = ordered[0], ordered[-1]
        key = (bottom.key if bottom.layer == 0 else None, top.key if top.layer > 0 else None)
        colour_key = (
            self._colour_of(key[0]).name() if key[0] else None,
            self._colour_of(key[1]).name() if key[1] else None,
        )
        fmt = self._formats.get(colour_key)
        if fmt is None:
            fmt = QTextCharFormat()
            if colour_key[0]:
                fmt.setBackground(tint(QColor(colour_key[0]), self._base))
            if colour_key[1]:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor(colour_key[1]))
                if not colour_key[0]:
                    fmt.setBackground(tint(QColor(colour_key[1]), self._base, 0.22))
            self._formats[colour_key] = fmt
        return fmt
