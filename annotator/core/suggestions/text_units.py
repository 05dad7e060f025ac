"""Words and sentences of an article, with code-point offsets, for the finders.

Deliberately simple: rules over words and punctuation, no parser, no model download.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

# A word keeps its inner apostrophes and hyphens ("don't", "Jong-un"); initials and
# abbreviations with stops ("U.S.", "J.") are one word so they do not end a sentence.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['\u2019\-]\w+)*|[^\w\s]")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig".split()
)
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb\u201c)\]]*(?=\s)|\n\s*")


class Token(NamedTuple):
    # A tuple, not a dataclass: an article of 5,000 words has 6,000 of them, and a frozen
    # dataclass took 30 ms to build them where a tuple takes 3.
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def tokens(text: str) -> list[Token]:
    """Every word and punctuation mark of ``text``, in order."""
    make = Token._make
    return [make((m.start(), m.end(), m.group())) for m in _TOKEN.finditer(text)]


def lower_text(text: str) -> str:
    """``text`` in lower case with typographic apostrophes straightened, each character where
    it was (the few letters that lengthen in lower case, such as "İ", are kept as they are),
    so an offset in it is an offset in ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("\u2019", "'")


class TokenIndex:
    """Tokens with a lookup from a character offset to the token at or after it."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokens(text)
        self._starts = [t.start for t in self.tokens]
        self._lower_text: str | None = None
        self._lowers: list[str] | None = None

    @property
    def lower_text(self) -> str:
        """The article as :func:`lower_text` gives it, computed once."""
        if self._lower_text is None:
            self._lower_text = lower_text(self.text)
        return self._lower_text

    @property
    def lowers(self) -> list[str]:
        """Each token in lower case with typographic apostrophes straightened (how phrases
        are matched), computed once per article."""
        if self._lowers is None:
            if len(self.text.lower()) == len(self.text):
                low = self.lower_text
                self._lowers = [low[t.start:t.end] for t in self.tokens]
            else:  # a few letters lengthen in lower case ("İ"): do it token by token
                self._lowers = [t.text.lower().replace("\u2019", "'") for t in self.tokens]
        return self._lowers

    def at_or_after(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._starts, offset)

    def before(self, offset: int) -> int:
        """Index of the last token starting before ``offset`` (-1 if none)."""
        return bisect.bisect_left(self._starts, offset) - 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, trimmed of surrounding white space.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing marks after it) followed
    by white space, unless the stop belongs to a known abbreviation or an initial; a line
    break always ends one (headlines and datelines have no stop).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        end = m.end() if not m.group()[0].isspace() else m.start()
        _append_trimmed(text, spans, start, end)
        start = m.end()
    _append_trimmed(text, spans, start, len(text))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:dot]
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    if word_start > 0 and text[word_start - 1] == ".":  # "U.S." inside
        return True
    return word.lower() in _ABBREVIATIONS


def _append_trimmed(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence holding an offset."""

    def __init__(self, text: str):
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def containing(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.spans[i]
