"""Quote suggestions: what each pair of marks holds, and the span a coder would mark."""

from __future__ import annotations

import re

from annotator.core.suggestions.cues import FRAMING_WORDS
from annotator.core.suggestions.model import DIRECT, NESTED, PARTIAL, QUOTE, SCARE, Suggestion, SuggestionSettings
from annotator.core.suggestions.quote_marks import DOUBLE, SINGLE, MarkedQuote, find_marked_quotes
from annotator.core.suggestions.text_units import SentenceIndex

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")
_FINAL_STOPS = ".?!\u2026"
_INNER_STOP = re.compile(r"[.!?](?:\s|$)")
# A cited title in a reference list: "Headline" — Outlet, date
_CITATION_TAIL = re.compile(r"\s*[\u2014\u2013]\s*\S[^\n\"\u201c\u201d]*$")
_SCARE_MAX_WORDS = 3


def find_quotes(text: str, settings: SuggestionSettings, sentences: SentenceIndex) -> list[tuple[Suggestion, MarkedQuote]]:
    """Quote suggestions with the marks each came from (the attribution finder needs them)."""
    tag = settings.tag_for(QUOTE)
    out: list[tuple[Suggestion, MarkedQuote]] = []
    for q in find_marked_quotes(text):
        if _is_cited_title(text, q):
            continue
        kind = _kind(text, q, sentences)
        if kind == SCARE and not settings.scare_quotes:
            continue
        if kind == SCARE and _is_quoted_name(text, q):
            continue
        span = quote_span(text, q, settings)
        if span is None:
            continue
        confidence, rule = _confidence(kind, q)
        fields = {"quote_type": "direct"} if kind in (DIRECT, PARTIAL, NESTED) else {}
        out.append((Suggestion(tag, span[0], span[1], confidence, rule, kind, fields), q))
    return out


# Anchored at a line start: unanchored, the engine retried ``[^\n]*`` from every offset of a
# line, quadratic in its length (a 100,000-character one-line page took 38 s; now 1 ms).
_INTRODUCED_BLOCK = re.compile(r"^([^\n]*):[ \t]*\n\s*\n([^\n]+)", re.M)
_CUE_NEAR_COLON = re.compile(r"\b(said|says|told|wrote|writes|added|stated|denied|responded|replied|"
                             r"statement|read|reads|declared|announced|explained|insisted|warned)\b[^.!?]*$", re.I)


def find_block_quotes(text: str, settings: SuggestionSettings, marked: list[MarkedQuote]) -> list[Suggestion]:
    """Block quotations that lost their marks (pages where the quote was set apart by layout):
    a paragraph without quotation marks after a paragraph ending in a colon whose last
    sentence has a speech cue ("the Church denied these allegations:"). Lower confidence."""
    tag = settings.tag_for(QUOTE)
    opened = {q.open for q in marked}
    out = []
    for m in _INTRODUCED_BLOCK.finditer(text):
        if not _CUE_NEAR_COLON.search(m.group(1)):
            continue
        start, end = m.start(2), m.end(2)
        while end > start and text[end - 1].isspace():
            end -= 1
        if text[start] in DOUBLE or text[start] in SINGLE or start in opened or end - start < 20:
            continue
        out.append(Suggestion(tag, start, end, 0.5, "block quotation: a paragraph after a colon and a speech cue, "
                              "no quotation marks", "block quote", {"quote_type": "direct"}))
    return out


def quote_span(text: str, q: MarkedQuote, settings: SuggestionSettings) -> tuple[int, int] | None:
    """The span of a quote under the boundary convention.

    Marks inside: from the opening mark to the closing mark, both included. Marks outside:
    the quoted words; white space inside the marks is dropped, and so is a comma, colon or
    semicolon closing the quote inside the marks; a final ``.``, ``?``, ``!`` or ``…`` stays
    when ``keep_final_stop``.
    """
    if settings.quote_marks_inside:
        return q.open, q.close + 1
    start, end = q.open + 1, q.close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"
                           or (not settings.keep_final_stop and text[end - 1] in _FINAL_STOPS)):
        end -= 1
    return (start, end) if end > start else None


def _kind(text: str, q: MarkedQuote, sentences: SentenceIndex) -> str:
    inner = text[q.open + 1:q.close]
    words = _WORD.findall(inner)
    if len(words) <= _SCARE_MAX_WORDS and not _INNER_STOP.search(inner.strip() + " ") and q.paragraphs == 1:
        if _opens_utterance(text, q, inner):
            return DIRECT
        if _after_determiner(text, q):
            return SCARE
        return PARTIAL if _framed_by_cue(text, q, sentences) else SCARE
    if q.depth:
        return NESTED
    before = text[:q.open].rstrip(" \u00a0")
    if before and before[-1].isalnum() and not inner.lstrip()[:1].isupper():
        return PARTIAL
    return DIRECT


def _opens_utterance(text: str, q: MarkedQuote, inner: str) -> bool:
    """A short whole utterance ("It's daylight robbery"): capitalised, after a colon or a
    sentence start, and not a one-word name."""
    before = text[:q.open].rstrip(" \u00a0")
    starts = not before or before[-1] in ":.!?\n"
    return starts and inner.lstrip()[:1].isupper() and len(_WORD.findall(inner)) >= 2 and q.depth == 0


# A determiner outside the marks makes the quoted words a term in the reporter's own noun
# phrase ("prepare a “quasi-state of war”", "the so-called “reforms”"): quoted words, even
# with a speech cue in the sentence.
_DETERMINER_BEFORE = re.compile(r"(?:^|\W)(?:a|an|the|this|that|these|those|its|their|his|her|our|so-called)\s*$",
                                re.I)


def _after_determiner(text: str, q: MarkedQuote) -> bool:
    return bool(_DETERMINER_BEFORE.search(text, max(0, q.open - 12), q.open))


def _framed_by_cue(text: str, q: MarkedQuote, sentences: SentenceIndex) -> bool:
    """A speech or framing cue earlier in the sentence (she called it "dangerous")."""
    sentence_start, _ = sentences.containing(q.open)
    window = text[max(sentence_start, q.open - 160):q.open].lower()
    return any(w in FRAMING_WORDS for w in _WORD.findall(window))


def _is_quoted_name(text: str, q: MarkedQuote) -> bool:
    """A name in marks inside a sentence ("tests found ‘Sunny Bears’ sweets", "the ‘Ocean
    Star’ docked"): a product, ship or title, not words held at a distance. Every word is
    capitalised but not all in capitals (a shouted ‘VANITY’ is the paper's)."""
    inner = text[q.open + 1:q.close].strip()
    words = _WORD.findall(inner)
    before = text[:q.open].rstrip(" \u00a0")
    if not words or not before or before[-1] in ":.!?\n\u2013\u2014-":
        return False
    return all(w[0].isupper() for w in words) and not inner.isupper()


def _is_cited_title(text: str, q: MarkedQuote) -> bool:
    line_end = text.find("\n", q.close)
    tail = text[q.close + 1:line_end if line_end >= 0 else len(text)]
    return q.depth == 0 and bool(_CITATION_TAIL.match(tail)) and not re.search(r"\b(said|says|told)\b", tail)


def _confidence(kind: str, q: MarkedQuote) -> tuple[float, str]:
    style = "straight" if q.mark in "\"'" else "typographic"
    marks = f"{q.mark}\u2026 ({style}{', over %d paragraphs' % q.paragraphs if q.paragraphs > 1 else ''})"
    if kind == SCARE:
        return 0.4, f"scare quotes: 1-{_SCARE_MAX_WORDS} words in {marks}, no speech cue"
    if kind == NESTED:
        return 0.55, f"quote inside a quote, {marks}"
    if kind == PARTIAL:
        return 0.75, f"quoted fragment in the reporter's sentence, {marks}"
    return (0.9 if style == "typographic" else 0.85), f"direct quote in {marks}"
