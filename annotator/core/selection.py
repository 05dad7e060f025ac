"""Turning a rough mouse or keyboard selection into the passage a researcher meant.

Rules of :func:`snap` (chosen for coding news text):

* surrounding white space is dropped;
* an edge inside a word moves outwards to the word's edge, so half-selected words become whole
  (letters, digits, combining marks, emoji sequences and in-word apostrophes count as a word);
* punctuation-only edges are dropped (``", the minister said."`` -> ``the minister said``)
  **except quotation marks**: a researcher who selects a direct quote with its quotation marks
  usually wants them kept, so a selected quotation mark at an edge stays (and so does the
  punctuation inside it: ``“We will not back down,”``) when it faces into the selection
  (an opening mark at the start, a closing one at the end, or a straight ``"``) or the selection
  holds its partner (German ``„…“``). A stray closing mark at the start is dropped. Snapping
  never adds a quotation mark the selection did not include;
* ``%`` and similar signs that belong to a number are kept (``4 per cent`` / ``40%``);
* a selection from the start of a sentence to its last word takes in the ``.``, ``!``, ``?``
  or ``…`` that ends it (a claim is its whole sentence; a quoted sentence keeps the stop
  inside its marks): ``Nobody was injured`` -> ``Nobody was injured.``;
* scripts written without spaces (Chinese, Japanese, Thai ...) are not expanded: there, every
  character is its own "word", since a whole run can be a sentence.

Offsets are code points, end exclusive.
"""

from __future__ import annotations

import unicodedata

OPENING_QUOTES = frozenset("“‘„‚«‹「『〝‟‛")
CLOSING_QUOTES = frozenset("”’»›」』〞")
STRAIGHT_QUOTES = frozenset("\"'＂")
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES
_KEEP_AT_EDGE = frozenset("%‰‱°")
_ZWJ = "\u200d"
_IN_WORD_JOINERS = frozenset("'’")
# Scripts without spaces between words: each character is a word of its own for snapping.
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B-G
)


def _unspaced(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _UNSPACED)


def is_word_char(ch: str) -> bool:
    """True for characters that belong inside a word (letters, digits, marks, emoji parts)."""
    if ch.isalnum() or ch == _ZWJ:
        return True
    # Mn/Mc/Me: combining accents and variation selectors; So/Sk: emoji, regional indicators
    # (flags), skin-tone modifiers; Pc: connectors such as "_".
    return unicodedata.category(ch) in ("Mn", "Mc", "Me", "So", "Sk", "Pc")


def _joined(text: str, i: int) -> bool:
    """True if the boundary before ``text[i]`` lies inside a word (so snapping crosses it)."""
    if i <= 0 or i >= len(text):
        return False
    left, right = text[i - 1], text[i]
    if _unspaced(left) and _unspaced(right):
        # Still keep combining marks with their base character.
        return unicodedata.category(right)[0] == "M"
    if is_word_char(left) and is_word_char(right):
        return True
    # don't, l’homme: an apostrophe between letters is part of the word.
    if right in _IN_WORD_JOINERS:
        return is_word_char(left) and i + 1 < len(text) and text[i + 1].isalpha()
    if left in _IN_WORD_JOINERS:
        return right.isalpha() and i >= 2 and text[i - 2].isalpha()
    return False


def _trimmable(ch: str) -> bool:
    if ch.isspace() or unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf") and ch != _ZWJ:
        return True
    return unicodedata.category(ch)[0] == "P" and ch not in _KEEP_AT_EDGE


def snap(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Snap ``text[start:end]`` to whole words without white space or punctuation edges.

    Returns the new ``(start, end)``, or ``None`` when the selection holds only white space.
    A selection of punctuation alone is kept as it is (minus white space).
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    start, end = strip_whitespace(text, start, end)
    if start >= end:
        return None
    while _joined(text, start):
        start -= 1
    while _joined(text, end):
        end += 1
    s, e = start, end
    paired = sum(text.count(q, start, end) for q in QUOTE_MARKS) > 1
    while s < e and _trimmable(text[s]) and not _kept_quote(text[s], OPENING_QUOTES, paired):
        s += 1
    while e > s and _trimmable(text[e - 1]) and not _kept_quote(text[e - 1], CLOSING_QUOTES, paired):
        e -= 1
    if s >= e:
        return start, end
    return s, _with_final_stop(text, s, e)


_FINAL_STOPS = frozenset(".!?…")


def _with_final_stop(text: str, start: int, end: int) -> int:
    """``end`` moved over the stop that ends the sentence, when ``start``-``end`` runs from
    the sentence's start to its last word. (A careful coder marks a whole sentence with its
    stop; a drag ends on the last word, and the coder then needed a key to take it in.)"""
    if end >= len(text) or text[end] not in _FINAL_STOPS or not _starts_sentence(text, start):
        return end
    stop = end
    while stop < len(text) and text[stop] in _FINAL_STOPS:
        stop += 1
    if stop < len(text) and not (text[stop].isspace() or text[stop] in CLOSING_QUOTES or text[stop] in STRAIGHT_QUOTES):
        return end  # "3.5", "example.com": not the end of a sentence
    return stop


def _starts_sentence(text: str, i: int) -> bool:
    """True if ``text[i]`` opens a sentence: at a paragraph's start, after a stop, or after an
    opening quotation mark that follows a stop, a colon or a comma ("said: “People were …")."""
    quoted = False
    while i > 0 and (text[i - 1] in OPENING_QUOTES or text[i - 1] in STRAIGHT_QUOTES):
        i -= 1
        quoted = True
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    before = text[i - 1]
    if (before in CLOSING_QUOTES or before in STRAIGHT_QUOTES) and i > 1:
        before = text[i - 2]  # ‘… done.” The next’
    return before in _FINAL_STOPS or (quoted and before in ":,")


def _kept_quote(ch: str, facing_in: frozenset[str], paired: bool) -> bool:
    return ch in QUOTE_MARKS and (paired or ch in facing_in or ch in STRAIGHT_QUOTES)


def strip_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past white space (possibly meeting)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_end_after(text: str, i: int) -> int:
    """The end of the first word that ends after ``i``."""
    n = len(text)
    while i < n and not is_word_char(text[i]):
        i += 1
    i += 1 if i < n else 0
    while i < n and _joined(text, i):
        i += 1
    return i


def _word_start_before(text: str, i: int) -> int:
    """The start of the last word that starts before ``i``."""
    while i > 0 and not is_word_char(text[i - 1]):
        i -= 1
    i -= 1 if i > 0 else 0
    while i > 0 and _joined(text, i):
        i -= 1
    return i


def nudge_end(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """Move the end of a span by ``words`` words (+ later, - earlier); never past its start."""
    new_end = end
    for _ in range(abs(words)):
        if words > 0:
            new_end = _word_end_after(text, new_end)
        else:
            candidate = _word_start_before(text, new_end)
            # The end of the word before that one: back over the gap.
            while candidate > 0 and not is_word_char(text[candidate - 1]):
                candidate -= 1
            new_end = candidate
    return (start, new_end) if new_end > start else (start, end)


def nudge_start(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """Move the start of a span by ``words`` words (- earlier, + later); never past its end."""
    new_start = start
    for _ in range(abs(words)):
        if words < 0:
            new_start = _word_start_before(text, new_start)
        else:
            candidate = _word_end_after(text, new_start)
            while candidate < len(text) and not is_word_char(text[candidate]):
                candidate += 1
            new_start = candidate
    return (new_start, end) if new_start < end else (start, end)


def _cluster_continues(text: str, i: int) -> bool:
    """True if ``text[i]`` belongs to the character before it on screen (a combining accent,
    a variation selector or skin tone, either side of a zero-width joiner, a flag's second
    half): a character-wise nudge never splits what the reader sees as one character."""
    if i <= 0 or i >= len(text):
        return False
    ch, before = text[i], text[i - 1]
    if ch == _ZWJ or before == _ZWJ:
        return True
    category = unicodedata.category(ch)
    if category[0] == "M" or 0x1F3FB <= ord(ch) <= 0x1F3FF:  # marks, variation selectors, skin tones
        return True
    if _regional(ch) and _regional(before):
        # Regional indicators pair up from the start of their run: 🇩🇪🇫🇷 is two flags.
        run = 0
        while i - run - 1 >= 0 and _regional(text[i - run - 1]):
            run += 1
        return run % 2 == 1
    return False


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _character_step(text: str, i: int, forward: bool) -> int:
    """The offset one visible character after (or before) ``i``."""
    if forward:
        i = min(len(text), i + 1)
        while _cluster_continues(text, i):
            i += 1
    else:
        i = max(0, i - 1)
        while _cluster_continues(text, i):
            i -= 1
    return i


def nudge_end_chars(text: str, start: int, end: int, characters: int) -> tuple[int, int]:
    """Move the end of a span by ``characters`` visible characters (+ later, - earlier),
    punctuation and quotation marks included; never past its start or the text's end."""
    new_end = end
    for _ in range(abs(characters)):
        new_end = _character_step(text, new_end, characters > 0)
    return (start, new_end) if new_end > start else (start, end)


def nudge_start_chars(text: str, start: int, end: int, characters: int) -> tuple[int, int]:
    """Move the start of a span by ``characters`` visible characters (- earlier, + later);
    never past its end or the text's start."""
    new_start = start
    for _ in range(abs(characters)):
        new_start = _character_step(text, new_start, characters > 0)
    return (new_start, end) if new_start < end else (start, end)
