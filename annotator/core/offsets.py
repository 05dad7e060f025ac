"""Code points <-> UTF-16 code units: the one place annotator converts offsets for Qt.

annotator stores offsets as Unicode code points (Python ``str`` indices). Qt's text classes
(``QTextCursor``, ``QTextBlock.position()``, ``QTextLayout``) count UTF-16 code units, in which
every character outside the Basic Multilingual Plane (most emoji, flags' regional indicators,
rare CJK) takes two units. Every later position shifts by one per such character, so converting
anywhere else than here is how highlights drift.

:class:`OffsetMap` keeps only the sorted code-point indices of the astral characters of one
text, found lazily as far as the positions asked for, so each conversion is a bisection: fast
for articles of any length, and free for ASCII text.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_SCAN_CHUNK = 1 << 16  # code points searched at a time


def _surrogate_pair(match: re.Match) -> str:
    unit = ord(match.group()) - 0x10000
    return chr(0xD800 + (unit >> 10)) + chr(0xDC00 + (unit & 0x3FF))


def as_utf16_units(text: str) -> str:
    """``text`` with each astral character written as its two surrogate code points.

    The result holds the same UTF-16 code units as ``text``, so Qt reads the same text from
    it; it is for handing a long text to Qt, never for offsets (each astral character counts
    two here). Why: one astral character makes CPython store a whole string four bytes a
    character, and the bindings then transcode it character by character (11 ms for a
    1.3-million-character article), while a string of surrogates is stored two bytes a
    character and copied as it is (0.2 ms, plus 4 ms to build it here).
    """
    # Only a four-byte string can hold an astral character; its size tells it without a scan
    # (a hint: a short two-byte string takes the search below and comes back unchanged).
    if text.isascii() or sys.getsizeof(text) < 3 * len(text):
        return text
    return _ASTRAL.sub(_surrogate_pair, text)


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (what Qt reports as its length)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class OffsetMap:
    """Converts between code-point offsets and UTF-16 positions within one text.

    The text is scanned for astral characters lazily, a chunk at a time, only as far as the
    positions asked for: opening a long article converts offsets near its top first.
    """

    __slots__ = ("_text", "_astral", "_astral_utf16", "_scanned", "_utf16_length", "length")

    def __init__(self, text: str):
        self._text = text
        self.length = len(text)
        self._astral: list[int] = []  # code-point offsets of the astral characters found so far
        self._astral_utf16: list[int] = []  # UTF-16 position of each one's high surrogate
        # Everything before ``_scanned`` has been searched. ASCII needs no search at all.
        self._scanned = len(text) if text.isascii() else 0
        self._utf16_length: int | None = None

    def _scan_to(self, offset: int) -> None:
        """Make sure every astral character before code point ``offset`` is known."""
        while self._scanned < offset:
            stop = min(self.length, max(offset, self._scanned + _SCAN_CHUNK))
            found = [m.start() for m in _ASTRAL.finditer(self._text, self._scanned, stop)]
            known = len(self._astral)
            self._astral.extend(found)
            self._astral_utf16.extend(cp + known + n for n, cp in enumerate(found))
            self._scanned = stop

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 code units."""
        if self._utf16_length is None:
            if self._scanned >= self.length:
                self._utf16_length = self.length + len(self._astral)
            else:
                self._utf16_length = utf16_length(self._text)
        return self._utf16_length

    def astral_before(self, offset: int) -> list[int]:
        """The sorted code-point offsets of the astral characters, complete at least up to
        ``offset`` (read-only; for hot loops that bisect it themselves)."""
        self._scan_to(offset)
        return self._astral

    @property
    def is_identity(self) -> bool:
        """True when the text has no astral character, so both counts agree."""
        self._scan_to(self.length)
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code-point ``offset`` (``0 <= offset <= len(text)``)."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside the text (length {self.length})")
        self._scan_to(offset)
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, position: int, *, round_up: bool = False) -> int:
        """The code-point offset of UTF-16 ``position``.

        A position between the two halves of a surrogate pair (which a Qt cursor can report
        after some key moves) lands before that character, or after it with ``round_up``.
        """
        if not 0 <= position <= self.utf16_length:
            raise ValueError(f"position {position} outside the text (UTF-16 length {self.utf16_length})")
        # Scan until the scanned part reaches ``position`` in UTF-16 terms.
        while self._scanned < self.length and self._scanned + len(self._astral) < position:
            self._scan_to(min(self.length, self._scanned + _SCAN_CHUNK))
        if not self._astral:
            return position
        pairs_before = bisect_left(self._astral_utf16, position)
        if pairs_before and self._astral_utf16[pairs_before - 1] + 1 == position:
            cp = self._astral[pairs_before - 1]
            return cp + 1 if round_up else cp
        return position - pairs_before

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` code points as UTF-16 positions."""
        return self.to_utf16(start), self.to_utf16(end)

    def span_from_utf16(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 selection as code points, widened to whole characters."""
        return self.from_utf16(start), self.from_utf16(end, round_up=True)
