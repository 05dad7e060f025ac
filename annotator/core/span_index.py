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
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

# Characters that start a new block when Qt's QTextDocument.setPlainText reads a text
# (QTextCursor::insertText): line feed, carriage return and U+2029 PARAGRAPH SEPARATOR.
BLOCK_SEPARATORS = frozenset("\n\r\u2029")


def block_starts(text: str) -> list[int]:
    """Code-point offsets where each paragraph (Qt block) of ``text`` begins; ``[0]`` first."""
    if "\r" in text or "\u2029" in text:
        return [0] + [i + 1 for i, ch in enumerate(text) if ch in BLOCK_SEPARATORS]
    # Each line starts one past the end of the previous one: sums of (length + 1), at C speed.
    starts = [0]
    starts.extend(accumulate(map((1).__add__, map(len, text.split("\n")))))
    starts.pop()
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
    if len(text) <= longest or max(map(len, text.split("\n"))) <= longest:
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


def display_blocks(text: str, longest: int = LONG_PARAGRAPH) -> tuple[str, list[int]]:
    """:func:`display_text` of ``text`` and that text's :func:`block_starts`, together.

    The common case (no paragraph too long, no carriage return) reads the text once instead of
    twice: splitting a 1.4-million-character article costs a millisecond or two each time.
    """
    if "\r" not in text and "\u2029" not in text:
        lengths = list(map(len, text.split("\n")))
        if max(lengths) <= longest:
            starts = [0]
            starts.extend(accumulate(map((1).__add__, lengths)))
            starts.pop()
            return text, starts
    shown = display_text(text, longest)
    return shown, block_starts(shown)


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
    """Spans grouped by the blocks they touch, with a stable overlap layer each.

    Placing is lazy: spans given to :meth:`add_many` wait, sorted by start, until a block at
    or after them is asked for, so opening an article with 20,000 annotations costs one sort
    and the paragraphs on screen, not 20,000 placements. Layers come from a first-fit sweep
    in start order (optimal for intervals); spans added one at a time take the lowest layer
    free over their range. Either way a span's layer never changes once given.
    """

    def __init__(self, starts: list[int], text_length: int):
        if not starts or starts[0] != 0:
            raise ValueError("block starts must begin with 0")
        self._starts = starts
        self._length = text_length
        self._blocks: list[list[IndexedSpan]] = [[] for _ in starts]
        self._spans: dict[str, IndexedSpan] = {}  # placed spans
        self._pending: list = []  # spans waiting to be placed, sorted by start
        self._next = 0  # the first pending span not placed yet
        self._waiting: set[str] = set()  # keys still pending (removal just forgets them)
        self._layer_ends: list[int] = []  # per layer, the furthest end placed on it
        self._fields = (0, 1, 2)  # where key, start and end sit in each pending item

    @classmethod
    def for_text(cls, text: str, spans: Iterable = (), fields: tuple[int, int, int] = (0, 1, 2)) -> "SpanIndex":
        """An index over ``text``'s paragraphs holding ``spans`` (see :meth:`add_many`)."""
        index = cls(block_starts(text), len(text))
        index.add_many(spans, fields)
        return index

    # -- building --------------------------------------------------------------------------

    def add_many(self, spans: Iterable, fields: tuple[int, int, int] = (0, 1, 2)) -> None:
        """Add many spans: ``(key, start, end)`` tuples, or any sequences whose key, start and
        end sit at the positions ``fields`` (e.g. ``(0, 2, 3)`` for annotation references)."""
        key_of, start_of, end_of = map(itemgetter, fields)
        # The items themselves wait, sorted by start (no copies: 20,000 fewer objects to build
        # and for the garbage collector to visit; input already in text order sorts in O(n)).
        items = sorted(spans, key=start_of)
        if not items:
            return
        keys = set(map(key_of, items))
        if len(keys) < len(items) or keys & self._spans.keys() or keys & self._waiting:
            raise KeyError("a span key is given twice")
        # (An empty or reversed span covers nothing: placing skips it rather than checking all
        # 20,000 here.)
        if start_of(items[0]) < 0 or max(map(end_of, items)) > self._length:
            bad = next(i for i in items if not 0 <= start_of(i) <= end_of(i) <= self._length)
            raise ValueError(f"span {start_of(bad)}-{end_of(bad)} outside the text (length {self._length})")
        if self._next < len(self._pending) or self._spans:
            # Already holding spans: place the new ones one by one (rare: imports, merges).
            for item in items:
                self.add(key_of(item), start_of(item), end_of(item))
            return
        self._pending, self._next, self._waiting, self._fields = items, 0, keys, fields

    def _place_until(self, position: int) -> None:
        """Place every pending span that starts before ``position``."""
        pending, i = self._pending, self._next
        key_at, start_at, end_at = self._fields
        if i >= len(pending) or pending[i][start_at] >= position:
            return
        layer_ends, waiting, spans, blocks = self._layer_ends, self._waiting, self._spans, self._blocks
        starts, count, make = self._starts, len(self._starts), tuple.__new__
        while i < len(pending) and pending[i][start_at] < position:
            item = pending[i]
            key, start, end = item[key_at], item[start_at], item[end_at]
            i += 1
            waiting.discard(key)
            if start >= end:
                continue
            for layer, last_end in enumerate(layer_ends):
                if last_end <= start:
                    layer_ends[layer] = end
                    break
            else:
                layer = len(layer_ends)
                layer_ends.append(end)
            span = make(IndexedSpan, (key, start, end, layer))
            spans[key] = span
            block = bisect_right(starts, start) - 1
            blocks[block].append(span)
            if block + 1 < count and end > starts[block + 1]:
                for later in range(block + 1, bisect_right(starts, end - 1)):
                    blocks[later].append(span)
        self._next = i
        if i >= len(pending):
            self._pending, self._next = [], 0

    def _place_waiting(self, key: str) -> None:
        key_at, start_at, _ = self._fields
        start = next(item[start_at] for item in self._pending[self._next :] if item[key_at] == key)
        self._place_until(start + 1)

    def add(self, key: str, start: int, end: int) -> IndexedSpan:
        """Add one span on the lowest layer free over its range; return it."""
        if key in self._spans or key in self._waiting:
            raise KeyError(f"span {key} is already indexed")
        if not 0 <= start < end <= self._length:
            raise ValueError(f"span {start}-{end} outside the text (length {self._length})")
        self._place_until(end)  # so every span it could overlap has its layer
        used = {s.layer for s in self._overlapping(start, end)}
        layer = next(n for n in range(len(used) + 1) if n not in used)
        span = IndexedSpan(key, start, end, layer)
        self._spans[key] = span
        for b in self.blocks_of(start, end):
            self._blocks[b].append(span)
        # Pending spans start at or after ``end``; keep the sweep's view of layers complete.
        if layer < len(self._layer_ends):
            self._layer_ends[layer] = max(self._layer_ends[layer], end)
        else:
            self._layer_ends.extend([0] * (layer - len(self._layer_ends)) + [end])
        return span

    def remove(self, key: str) -> IndexedSpan | None:
        """Remove the span ``key`` (if present) and return it; other spans keep their layers."""
        if key in self._waiting:
            self._place_waiting(key)
        span = self._spans.pop(key, None)
        if span is not None:
            for b in self.blocks_of(span.start, span.end):
                self._blocks[b] = [s for s in self._blocks[b] if s.key != key]
        return span

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._spans) + len(self._waiting)

    def __contains__(self, key: str) -> bool:
        return key in self._spans or key in self._waiting

    def get(self, key: str) -> IndexedSpan | None:
        if key in self._waiting:
            self._place_waiting(key)
        return self._spans.get(key)

    @property
    def block_count(self) -> int:
        return len(self._starts)

    def block_start(self, block: int) -> int:
        """The code-point offset where ``block`` begins."""
        return self._starts[block]

    def block_end(self, block: int) -> int:
        """The code-point offset where ``block``'s text ends (before its separator)."""
        return self._starts[block + 1] - 1 if block + 1 < len(self._starts) else self._length

    def block_of(self, offset: int) -> int:
        """The block holding code point ``offset``."""
        return bisect_right(self._starts, offset) - 1

    def blocks_of(self, start: int, end: int) -> range:
        """The blocks that the span ``start``-``end`` touches."""
        return range(self.block_of(start), self.block_of(max(start, end - 1)) + 1)

    def in_block(self, block: int) -> list[IndexedSpan]:
        """The spans touching ``block`` (in placement order)."""
        if self._waiting:
            self._place_until(self._starts[block + 1] if block + 1 < len(self._starts) else self._length + 1)
        return self._blocks[block]

    def at(self, offset: int) -> list[IndexedSpan]:
        """Spans covering code point ``offset``, innermost (shortest) first."""
        if not 0 <= offset < self._length:
            return []
        hits = [s for s in self.in_block(self.block_of(offset)) if s.start <= offset < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.layer))

    def _overlapping(self, start: int, end: int) -> list[IndexedSpan]:
        seen: dict[str, IndexedSpan] = {}
        for b in self.blocks_of(start, end):
            for s in self._blocks[b]:
                if s.start < end and start < s.end:
                    seen[s.key] = s
        return list(seen.values())
