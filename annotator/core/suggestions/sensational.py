"""Sensational language: the weighted lexicon, intensifiers, and all-capital phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.core.suggestions.lexicon import LexiconEntry, intensifiers, shipped_lexicon
from annotator.core.suggestions.model import SENSATIONAL, Suggestion, SuggestionSettings
from annotator.core.suggestions.phrases import PhraseMatcher
from annotator.core.suggestions.text_units import Token

_INTENSIFIER_BOOST = 0.2
_HEADLINE_BOOST = 0.1
_CAPS_MIN_LETTERS = 8


def build_matcher(extra: Iterable[LexiconEntry] = (), language: str = "en") -> PhraseMatcher[LexiconEntry]:
    """The shipped lexicon for ``language`` plus a project's terms (a project's term replaces
    the shipped entry for the same words)."""
    matcher: PhraseMatcher[LexiconEntry] = PhraseMatcher()
    for entry in extra:
        matcher.add(entry.term, entry)
    for entry in shipped_lexicon(language):
        matcher.add(entry.term, entry)
    return matcher


def find_sensational(text: str, toks: list[Token], settings: SuggestionSettings,
                     matcher: PhraseMatcher[LexiconEntry], language: str = "en",
                     lowers: list[str] | None = None) -> list[Suggestion]:
    """Lexicon terms (the shortest phrase carrying the charge, with an intensifier before it
    joined to it), and all-capital phrases; overlapping matches keep the longest."""
    tag = settings.tag_for(SENSATIONAL)
    boosters = intensifiers(language)
    headline_end = text.find("\n")
    headline_end = len(text) if headline_end < 0 else headline_end
    found: list[Suggestion] = []
    for i, j, entry in matcher.find(toks, lowers):
        start, end = toks[i].start, toks[j - 1].end
        confidence = entry.weight
        rule = f"{entry.origin}: \u201c{entry.term}\u201d ({entry.category or 'term'}, weight {entry.weight:g})"
        if i > 0 and toks[i - 1].lower in boosters and text[toks[i - 1].end:start].isspace():
            start = toks[i - 1].start
            confidence += _INTENSIFIER_BOOST
            rule += f" + intensifier \u201c{toks[i - 1].text}\u201d"
        if end <= headline_end:
            confidence += _HEADLINE_BOOST
        found.append(Suggestion(tag, start, end, min(confidence, 0.95), rule, "loaded language"))
    found.extend(_capital_phrases(text, tag, headline_end))
    return _longest_first(found)


# Words in capitals joined by spaces or hyphens ("A" and "I" inside a run, not at its ends);
# in the headline also across a colon or "!" ("PIER OF DOOM: TERROR AS ..."). Not in the body,
# where "SECTION: NEWS" and "LANGUAGE: ENGLISH" are a database's labels.
_CAPITAL_WORD = r"(?:[^\W\d_a-z]{2,}(?:['\u2019][^\W\d_a-z]+)?|[^\W\d_a-z]['\u2019][^\W\d_a-z]+)"  # WINNER'S, I'M
_CAPITAL_RUN = re.compile(rf"(?<!\w){_CAPITAL_WORD}(?:[ \-\u00a0](?:{_CAPITAL_WORD}|[AI](?= )))*"
                          rf"[ \-\u00a0]{_CAPITAL_WORD}(?!\w)")
_HEADLINE_RUN = re.compile(rf"(?<!\w){_CAPITAL_WORD}(?:[:!]?[ \-\u00a0](?:{_CAPITAL_WORD}|[AI](?= )))*"
                           rf"[:!]?[ \-\u00a0]{_CAPITAL_WORD}(?!\w)")


def _capital_phrases(text: str, tag: str, headline_end: int) -> list[Suggestion]:
    """Runs of two or more words in capitals (shouting), ignoring acronyms: a run needs a
    word of five letters or more and eight letters in all."""
    out = []
    matches = [*_HEADLINE_RUN.finditer(text, 0, headline_end), *_CAPITAL_RUN.finditer(text, headline_end)]
    for m in matches:
        words = [w.rstrip(":!").replace("'", "").replace("\u2019", "") for w in re.split(r"[ \-\u00a0]", m.group())]
        if not all(w.isupper() for w in words):
            continue
        if max(len(w) for w in words) < 5 or sum(len(w) for w in words) < _CAPS_MIN_LETTERS:
            continue
        in_headline = m.end() <= headline_end
        out.append(Suggestion(tag, m.start(), m.end(), 0.6 if in_headline else 0.45,
                              "all-capital phrase" + (" in the headline" if in_headline else ""), "all capitals"))
    return out


def _longest_first(found: list[Suggestion]) -> list[Suggestion]:
    found.sort(key=lambda s: (s.start, -s.end, -s.confidence))
    out: list[Suggestion] = []
    for s in found:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out
