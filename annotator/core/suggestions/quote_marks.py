"""Pairing quotation marks: straight and typographic, in the styles of English, German,
French and Swiss/Nordic newspapers, over several paragraphs, with quotes inside quotes.

Produces :class:`MarkedQuote` records (where the marks are); ``quotes.py`` decides what each
one is (speech, a fragment, scare quotes) and where its span runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that may close it.
#   English “…” ‘…’ · German „…“ ‚…‘ (Polish/Romanian „…”) · French « … » ‹ … ›
#   Swiss/Danish »…« ›…‹ · Swedish/Finnish ”…” »…» · straight "…" '…'
DOUBLE = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb",
          "\u00bb": "\u00ab\u00bb", "\u201d": "\u201d"}
SINGLE = {"'": "'", "\u2018": "\u2019", "\u201a": "\u2018\u2019", "\u2039": "\u203a",
          "\u203a": "\u2039\u203a"}
ALL_MARKS = set(DOUBLE) | set(SINGLE) | set("\u201c\u2019\u2018")
_OPENER_BEFORE = set("([{\u2014\u2013-/:;") | ALL_MARKS
_CLOSER_AFTER = set(".,;:!?)]}\u2014\u2013-/\u2026") | ALL_MARKS
_SPACED = {"\u00ab", "\u00bb", "\u2039", "\u203a"}  # French puts a (thin) space inside
_MAX_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """Text between an opening mark at ``open`` and its closing mark at ``close``."""

    open: int
    close: int
    mark: str  # the opening mark
    single: bool  # single marks (‘…’, '…', ‹…›)
    paragraphs: int = 1
    depth: int = 0  # 0 top level, 1 inside another quote


def _is_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if not (before.isspace() or before in _OPENER_BEFORE):
        return False
    if after.isspace():
        return text[i] in _SPACED and after in "\u00a0\u202f " and i + 2 < len(text) and not text[i + 2].isspace()
    return True


def _is_closer(text: str, j: int, single: bool) -> bool:
    before = text[j - 1]
    after = text[j + 1] if j + 1 < len(text) else " "
    if before.isspace() and not (text[j] in _SPACED and before in "\u00a0\u202f "):
        return False
    if single and after.isalnum():  # an apostrophe: don't, Paris’s
        return False
    return after.isspace() or after in _CLOSER_AFTER or not after.isalnum()


def find_marked_quotes(text: str, start: int = 0, end: int | None = None, depth: int = 0) -> list[MarkedQuote]:
    """Every pair of quotation marks in ``text[start:end]``, outermost first, then the quotes
    nested one level inside each of them.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    the same mark (the convention for quotations over several paragraphs); otherwise the
    opening mark was not a quote and is skipped.
    """
    end = len(text) if end is None else end
    found: list[MarkedQuote] = []
    opener_pattern = _OPENERS_SINGLE if depth else _OPENERS
    i = start
    while True:
        m = opener_pattern.search(text, i, end)
        if m is None:
            break
        o = m.start()
        mark = text[o]
        if not _is_opener(text, o):
            i = o + 1
            continue
        single = mark in SINGLE and mark not in DOUBLE
        closers = SINGLE[mark] if single else DOUBLE[mark]
        close, paragraphs = _find_closer(text, o, mark, closers, single, end)
        if close is None:
            i = o + 1
            continue
        quote = MarkedQuote(o, close, mark, single, paragraphs, depth)
        found.append(quote)
        if depth == 0:
            found.extend(_nested(text, quote))
        i = close + 1
    return found


def _nested(text: str, outer: MarkedQuote) -> list[MarkedQuote]:
    inner = find_marked_quotes(text, outer.open + 1, outer.close, depth=1)
    return [q for q in inner if q.single != outer.single]


_OPENERS = re.compile("[" + re.escape("".join(sorted(set(DOUBLE) | set(SINGLE)))) + "]")
_OPENERS_SINGLE = re.compile("[" + re.escape("".join(sorted(set(DOUBLE) | set(SINGLE)))) + "]")
_CLOSER_PATTERNS: dict[str, re.Pattern] = {}


def _closer_pattern(closers: str) -> re.Pattern:
    pattern = _CLOSER_PATTERNS.get(closers)
    if pattern is None:
        pattern = _CLOSER_PATTERNS[closers] = re.compile("[" + re.escape(closers) + "\n]")
    return pattern


def _find_closer(text, o, mark, closers, single, end):
    pattern = _closer_pattern(closers)
    j = o + 1
    paragraphs = 1
    while True:
        m = pattern.search(text, j, end)
        if m is None:
            return None, paragraphs
        k = m.start()
        if text[k] == "\n":
            reopened = _reopening(text, k, mark, end)
            if reopened is None or paragraphs >= _MAX_PARAGRAPHS:
                return None, paragraphs
            paragraphs += 1
            j = reopened + 1
            continue
        if k > o + 1 and _is_closer(text, k, single):
            return k, paragraphs
        j = k + 1


def _reopening(text: str, newline: int, mark: str, end: int) -> int | None:
    """The offset of ``mark`` opening the next paragraph after ``newline``, if it does."""
    k = newline
    while k < end and text[k].isspace():
        k += 1
    if k < end and text[k] == mark and k > newline + 0:
        return k
    return None
