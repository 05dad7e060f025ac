"""Which annotations touch which paragraph, and on which layer each is drawn.

The article view highlights one paragraph (a Qt text block) at a time, so it asks for the spans
of that paragraph only; one new annotation touches only the paragraphs it covers. Overlapping
spans get different *layers* (0, 1, 2 ...) so the view can draw them distinguishably: a span
takes the lowest layer no overlapping span uses. Layers are assigned when a span arrives and
never change afterwards, so adding or removing one span never repaints another.

Offsets are code points, end exclusive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

# Characters that start a new block when Qt's QTextDocument.setPlainText reads a text
# (QTextCursor::insertText): line feed, carriage return and U+2029 PARAGRAPH SEPARATOR.
BLOCK_SEPARATORS = frozenset("\n\r\u2029")


def block_starts(text: str) -> list[int]:
    """Code-point offsets where each paragraph (Qt block) of ``text`` begins; ``[0]`` first."""
    starts = [0]
    if "\r" in text or "\u2029" in text:
        starts.extend(i + 1 for i, ch in enumerate(text) if ch in BLOCK_SEPARATORS)
    else:
        find, i = text.find, text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
    return starts


# Past this many characters a paragraph is shown in several blocks (see display_text).
LONG_PARAGRAPH = 2000
_BREAK_AFTER_SENTENCE = re.compile(r"[.!?…][\"'”’»)]*( )")


def display_text(text: str, longest: int = LONG_PARAGRAPH) -> str:
    """``text`` with paragraphs longer than ``longest`` split into display blocks.

    Some scraped articles are one line of 50,000 words; Qt lays out and re-highlights a block
    as a whole, so one giant block makes every tag cost a full re-layout. A space after a
    sentence end (or, failing that, any space) past ``longest`` characters becomes a line
    break. A space and a line break are both one code point and one UTF-16 unit, so every
    offset stays valid; the stored text is untouched.
    """
    if len(text) <= longest:
        return text
    chars: list[str] | None = None
    paragraph_start, n = 0, len(text)
    while True:
        newline = text.find("\n", paragraph_start)
        paragraph_end = n if newline < 0 else newline
        block_start = paragraph_start
        while paragraph_end - block_start > longest:
            limit = block_start + longest
            cut = _sentence_space(text, limit, min(paragraph_end, limit + longest))
            if cut < 0:
                cut = text.find(" ", limit, paragraph_end)
            if cut < 0:
                break
            if chars is None:
                chars = list(text)
            chars[cut] = "\n"
            block_start = cut + 1
        if newline < 0:
            break
        paragraph_start = newline + 1
    return text if chars is None else "".join(chars)


def _sentence_space(text: str, start: int, stop: int) -> int:
    match = _BREAK_AFTER_SENTENCE.search(text, start, stop)
    return match.start(1) if match else -1


class SpanRef(NamedTuple):
    """The light form of an annotation that highlighting and lists need."""

    id: str
    tag_id: str
    start: int
    end: int
    annotator: str


class IndexedSpan(NamedTuple):
    """One span as the index keeps it; ``key`` is the caller's id (an annotation id)."""

    key: str
    start: int
    end: int
    layer: int


class SpanIndex:
    """Spans grouped by the blocks they touch, with a stable overlap layer each."""

    def __init__(self, starts: list[int], text_length: int):
        if not starts or starts[0] != 0:
            raise ValueError("block starts must begin with 0")
        self._starts = starts
        self._length = text_length
        self._blocks: list[list[IndexedSpan]] = [[] for _ in starts]
        self._spans: dict[str, IndexedSpan] = {}

    @classmethod
    def for_text(cls, text: str, spans: Iterable[tuple[str, int, int]] = ()) -> "SpanIndex":
        """An index over ``text``'s paragraphs holding ``(key, start, end)`` spans."""
        index = cls(block_starts(text), len(text))
        index.add_many(spans)
        return index

    # -- building --------------------------------------------------------------------------

    def add_many(self, spans: Iterable[tuple[str, int, int]]) -> None:
        """Add many spans at once: layers by one sweep (interval partitioning), O(n log n)."""
        ordered = sorted(spans, key=lambda s: (s[1], -s[2]))
        if not self._spans:
            self._bulk_place(ordered)
        else:
            for key, start, end in ordered:
                self.add(key, start, end)

    def _bulk_place(self, ordered: list[tuple[str, int, int]]) -> None:
        # First fit over spans sorted by start: a span takes the lowest layer whose last span
        # has ended (optimal for intervals). Inlined, since an article may carry 20,000 spans.
        layer_ends: list[int] = []
        starts, blocks, spans, length = self._starts, self._blocks, self._spans, self._length
        count = len(starts)
        block, next_start = 0, (starts[1] if count > 1 else length + 1)
        make = tuple.__new__
        for key, start, end in ordered:
            if not 0 <= start < end <= length or key in spans:
                self._check(key, start, end)
            for layer, last_end in enumerate(layer_ends):
                if last_end <= start:
                    layer_ends[layer] = end
                    break
            else:
                layer = len(layer_ends)
                layer_ends.append(end)
            span = make(IndexedSpan, (key, start, end, layer))
            spans[key] = span
            while next_start <= start:
                block += 1
                next_start = starts[block + 1] if block + 1 < count else length + 1
            blocks[block].append(span)
            if end > next_start:
                for later in range(block + 1, bisect_right(starts, end - 1)):
                    blocks[later].append(span)

    def add(self, key: str, start: int, end: int) -> IndexedSpan:
        """Add one span on the lowest layer free over its range; return it."""
        self._check(key, start, end)
        used = {s.layer for s in self._overlapping(start, end)}
        layer = next(n for n in range(len(used) + 1) if n not in used)
        span = IndexedSpan(key, start, end, layer)
        self._place(span)
        return span

    def remove(self, key: str) -> IndexedSpan | None:
        """Remove the span ``key`` (if present) and return it; other spans keep their layers."""
        span = self._spans.pop(key, None)
        if span is not None:
            for b in self.blocks_of(span.start, span.end):
                self._blocks[b] = [s for s in self._blocks[b] if s.key != key]
        return span

    def _place(self, span: IndexedSpan) -> None:
        self._check(span.key, span.start, span.end)
        self._spans[span.key] = span
        for b in self.blocks_of(span.start, span.end):
            self._blocks[b].append(span)

    def _check(self, key: str, start: int, end: int) -> None:
        if key in self._spans:
            raise KeyError(f"span {key} is already indexed")
        if not 0 <= start < end <= self._length:
            raise ValueError(f"span {start}-{end} outside the text (length {self._length})")

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, key: str) -> bool:
        return key in self._spans

    def get(self, key: str) -> IndexedSpan | None:
        return self._spans.get(key)

    @property
    def block_count(self) -> int:
        return len(self._starts)

    def block_start(self, block: int) -> int:
        """The code-point offset where ``block`` begins."""
        return self._starts[block]

    def block_of(self, offset: int) -> int:
        """The block holding code point ``offset``."""
        return bisect_right(self._starts, offset) - 1

    def blocks_of(self, start: int, end: int) -> range:
        """The blocks that the span ``start``-``end`` touches."""
        return range(self.block_of(start), self.block_of(max(start, end - 1)) + 1)

    def in_block(self, block: int) -> list[IndexedSpan]:
        """The spans touching ``block`` (in insertion order)."""
        return self._blocks[block]

    def at(self, offset: int) -> list[IndexedSpan]:
        """Spans covering code point ``offset``, innermost (shortest) first."""
        if not 0 <= offset < self._length:
            return []
        hits = [s for s in self._blocks[self.block_of(offset)] if s.start <= offset < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.layer))

    def _overlapping(self, start: int, end: int) -> list[IndexedSpan]:
        seen: dict[str, IndexedSpan] = {}
        for b in self.blocks_of(start, end):
            for s in self._blocks[b]:
                if s.start < end and start < s.end:
                    seen[s.key] = s
        return list(seen.values())
