"""Paints annotated passages, one paragraph (text block) at a time, from the span index.

How overlaps stay distinguishable: each span has a stable layer (see
:mod:`annotator.core.span_index`). Layer 0 fills the background with a tint of its tag colour
(here); every higher layer gets a solid line of its own under the text, stacked one below the
other, and one thin bar per layer in the left margin — both painted by the text widget
(:mod:`annotator.ui.layer_lines`, :meth:`annotator.ui.reading_edit.ReadingEdit.paintEvent`),
so nested and stacked passages are all visible at once. A character covered only by higher
layers gets a paler tint of the lowest of them, so its extent reads at a glance too.

Highlighting is lazy: only blocks marked ready are formatted. The view readies the blocks on
screen first and the rest while idle, so opening a 200,000-word article does not format the
whole document before it is shown.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import attrgetter, itemgetter

from PySide6.QtCore import SIGNAL, SLOT, QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.offsets import OffsetMap
from annotator.core.span_index import SpanIndex

_LAYER = attrgetter("layer")
_EDGE_ORDER = itemgetter(0, 1)  # position, then closing edges before opening ones


def tint(colour: QColor, base: QColor, amount: float = 0.38) -> QColor:
    """``colour`` mixed into ``base`` (the text background): legible in light and dark mode."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * amount),
        round(base.green() + (colour.green() - base.green()) * amount),
        round(base.blue() + (colour.blue() - base.blue()) * amount),
    )


@contextmanager
def quiet_layout(document: QTextDocument) -> Iterator[None]:
    """Change a plain-text document without its layout asking to repaint the whole viewport.

    Qt marks a re-formatted block as removed and inserted again, which
    QPlainTextDocumentLayout's one-block fast path does not recognise, so it asks for a repaint
    of everything ("optimization potential", its source says): every tag repainted all the text
    on screen, and every idle slice highlighting blocks off screen did too (109 full repaints,
    a second of CPU, after opening a 200k-word article). The layout's signals wait instead; the
    caller repaints what changed on screen, and a changed document size (the scroll bar's
    range) is passed on afterwards.
    """
    layout = document.documentLayout()
    size = layout.documentSize()
    blocked = layout.blockSignals(True)
    try:
        yield
    finally:
        layout.blockSignals(blocked)
        if not blocked and layout.documentSize() != size:
            layout.documentSizeChanged.emit(layout.documentSize())


class AnnotationHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colours: dict[str, str], base: QColor):
        super().__init__(document)
        self._colours = colours  # annotation id -> its tag colour "#rrggbb" (the view keeps it)
        self._base = base
        self._index: SpanIndex | None = None
        self._offsets: OffsetMap | None = None
        self._ready = bytearray()
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._single_formats: dict[tuple, QTextCharFormat] = {}  # (colour, on layer 0) -> format
        # Told the numbers of the blocks :meth:`ready` formatted, to repaint those on screen.
        self.reformatted: Callable[[list[int]], None] = lambda _blocks: None

    def set_spans(self, index: SpanIndex | None, offsets: OffsetMap | None) -> None:
        """Use a new article's index; no block is ready (formatted) until :meth:`ready`."""
        self._index, self._offsets = index, offsets
        self._ready = bytearray(index.block_count if index is not None else 0)
        self._formats.clear()
        self._single_formats.clear()

    @contextmanager
    def detached(self) -> Iterator[None]:
        """Replace the document's text without a Python call per block.

        QSyntaxHighlighter re-formats every changed block when the text changes: 5,000 calls
        into Python for a long article, all of them no-ops here because nothing is ready yet.
        Unhooking its (private, but stable since Qt 4) slot for the duration avoids them; if
        Qt ever renames the slot, disconnecting fails and we only lose the speed.
        """
        document = self.document()
        signal, slot = SIGNAL("contentsChange(int,int,int)"), SLOT("_q_reformatBlocks(int,int,int)")
        unhooked = bool(QObject.disconnect(document, signal, self, slot))
        try:
            yield
        finally:
            if unhooked:
                QObject.connect(document, signal, self, slot)

    def set_base(self, base: QColor) -> None:
        self._base = base
        self._formats.clear()
        self._single_formats.clear()

    def is_ready(self, block_number: int) -> bool:
        return 0 <= block_number < len(self._ready) and bool(self._ready[block_number])

    def ready(self, first: int, last: int) -> int:
        """Format blocks ``first``..``last`` not formatted yet; return how many were. The
        blocks whose look changed are passed to :attr:`reformatted` (the view repaints them)."""
        document = self.document()
        done = 0
        last = min(last, len(self._ready) - 1)
        if first <= 0 and last == len(self._ready) - 1 and self._ready.count(0) * 2 > len(self._ready):
            # The whole document at once: one pass is cheaper than a call per block.
            self._ready = bytearray(b"\x01" * len(self._ready))
            self.rehighlight()
            return len(self._ready)
        changed = []
        with self._quietly():
            block = document.findBlockByNumber(max(0, first))
            while block.isValid() and block.blockNumber() <= last:
                number = block.blockNumber()
                if not self._ready[number]:
                    self._ready[number] = 1
                    if self._index.in_block(number):
                        self.rehighlightBlock(block)
                        changed.append(number)
                    done += 1
                block = block.next()
        if changed:
            self.reformatted(changed)
        return done

    def refresh_blocks(self, blocks) -> None:
        """Re-format ``blocks`` (numbers) after a span there changed; unready ones wait.
        Repainting them is the caller's (it knows what else changed there)."""
        document = self.document()
        with self._quietly():
            for number in blocks:
                if self.is_ready(number):
                    self.rehighlightBlock(document.findBlockByNumber(number))

    def _quietly(self):
        return quiet_layout(self.document())

    def first_unready(self, start: int = 0) -> int:
        """The first block number from ``start`` not formatted yet, or -1."""
        return self._ready.find(0, start)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        index = self._index
        if index is None:
            return
        block = self.currentBlock()
        number = block.blockNumber()
        if not self.is_ready(number):
            return
        spans = index.in_block(number)
        if not spans:
            return
        block_cp = index.block_start(number)
        block_end = index.block_end(number)
        astral = self._offsets.astral_before(block_end)
        # UTF-16 position in this block = code points from its start + astral characters passed.
        astral_before = bisect_left(astral, block_cp) if astral else 0
        # Sweep over the span edges in this block: each segment gets one merged format.
        events = []
        for span in spans:
            start = span.start if span.start > block_cp else block_cp
            end = span.end if span.end < block_end else block_end
            if start < end:  # (a span may touch this block only through its line break)
                events.append((start, 1, span))
                events.append((end, 0, span))
        events.sort(key=_EDGE_ORDER)
        active: dict[str, object] = {}
        set_format, format_for = self.setFormat, self._format_for
        single, colours = self._single_formats, self._colours  # the common case: one span
        previous = a = None
        for position, opening, span in events:
            if active and position > previous:
                if astral:
                    a = previous - block_cp + bisect_left(astral, previous) - astral_before
                    b = position - block_cp + bisect_left(astral, position) - astral_before
                else:
                    a, b = previous - block_cp, position - block_cp
                if len(active) == 1:
                    (only,) = active.values()
                    key = (colours[only.key], only.layer == 0)
                    fmt = single.get(key)
                    if fmt is None:
                        fmt = single[key] = format_for(active)
                else:
                    fmt = format_for(active)
                set_format(a, b - a, fmt)
            if opening:
                active[span.key] = span
            else:
                del active[span.key]
            previous = position

    def _format_for(self, active: dict) -> QTextCharFormat:
        # The lowest layer sets the tint; the layers above it are lines under the text.
        bottom = min(active.values(), key=_LAYER)
        colour = self._colours[bottom.key]
        key = (colour, None) if bottom.layer == 0 else (None, colour)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make_format(*key)
        return fmt

    def _make_format(self, background: str | None, pale: str | None) -> QTextCharFormat:
        """A full tint for a layer-0 passage, a paler one where only higher layers lie (their
        lines under the text are painted by the text widget, not by a format)."""
        fmt = QTextCharFormat()
        if background:
            fmt.setBackground(tint(QColor(background), self._base))
        elif pale:
            fmt.setBackground(tint(QColor(pale), self._base, 0.22))
        return fmt
