"""Sensational language: the weighted lexicon, intensifiers, and all-capital phrases."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

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
    extra = tuple(extra)
    if not extra:
        return _shipped_matcher(language)
    return _matcher(extra, language)


@lru_cache(maxsize=8)
def _shipped_matcher(language: str) -> PhraseMatcher[LexiconEntry]:
    # Built once: 800 terms take 19 ms to add, longer than finding them in a 5,000-word
    # article (the matcher is only read afterwards).
    return _matcher((), language)


def _matcher(extra: tuple[LexiconEntry, ...], language: str) -> PhraseMatcher[LexiconEntry]:
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
        if end > headline_end and _in_a_name(text, toks, i):
            continue
        confidence = entry.weight
        rule = f"{entry.origin}: \u201c{entry.term}\u201d ({entry.category or 'term'}, weight {entry.weight:g})"
        if i > 0 and toks[i - 1].lower in boosters and text[toks[i - 1].end:start].isspace():
            start = toks[i - 1].start
            confidence += _INTENSIFIER_BOOST
            rule += f" + intensifier \u201c{toks[i - 1].text}\u201d"
        if end <= headline_end:
            confidence += _HEADLINE_BOOST
        found.append(Suggestion(tag, start, end, min(confidence, 0.95), rule, "loaded language"))
    found = _joined_when_adjacent(text, _longest_first(found), settings.min_confidence)
    found.extend(_capital_phrases(text, tag, headline_end, matcher, lowers or [t.lower for t in toks], toks))
    return _longest_first(found)


def _in_a_name(text: str, toks: list[Token], i: int) -> bool:
    """A term capitalised in the middle of a sentence of the body is part of a name ("the
    International Crisis Group", "the Horror Channel"), not loaded language."""
    first = toks[i].text
    if not first[0].isupper() or first.isupper() or i == 0:
        return False
    before = toks[i - 1]
    if before.text in _OPENERS or "\n" in text[before.end:toks[i].start]:
        return False
    # A subheading in title case ("Terror On The Pier") is not a name.
    line_start = text.rfind("\n", 0, toks[i].start) + 1
    line_end = text.find("\n", toks[i].start)
    line = text[line_start:len(text) if line_end < 0 else line_end].rstrip()
    return len(line) > 100 or line[-1:] in ".!?\"\u201d\u2019'"


# After these a capital opens a sentence, a quotation or a clause.
_OPENERS = frozenset(".!?:;\"'()[]\u2013\u2014-\u2026\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e")


def _joined_when_adjacent(text: str, found: list[Suggestion], floor: float) -> list[Suggestion]:
    """Two loaded terms one space apart are one phrase ("shocking betrayal", "chaos
    nightmare"): a coder drags over both at once, so two suggestions would cost a key more
    than the one passage. Only terms shown on their own are joined (a weak "blaze" after
    "horror" does not stretch it)."""
    out: list[Suggestion] = []
    for s in found:
        last = out[-1] if out else None
        if (last is not None and text[last.end:s.start] == " " and last.confidence >= floor
                and s.confidence >= floor and last.kind == s.kind == "loaded language"):
            out[-1] = Suggestion(last.tag, last.start, s.end, min(0.95, max(last.confidence, s.confidence) + 0.05),
                                 f"{last.rule}; {s.rule}", last.kind)
        else:
            out.append(s)
    return out


# Words in capitals joined by spaces or hyphens ("A" and "I" inside a run, not at its ends);
# in the headline also across a colon or "!" ("PIER OF DOOM: TERROR AS ..."). Not in the body,
# where "SECTION: NEWS" and "LANGUAGE: ENGLISH" are a database's labels.
_CAPITAL_WORD = r"(?:[^\W\d_a-z]{2,}(?:['\u2019][^\W\d_a-z]+)?|[^\W\d_a-z]['\u2019][^\W\d_a-z]+)"  # WINNER'S, I'M
_CAPITAL_RUN = re.compile(rf"(?<!\w){_CAPITAL_WORD}(?:[ \-\u00a0](?:{_CAPITAL_WORD}|[AI](?= )))*"
                          rf"[ \-\u00a0]{_CAPITAL_WORD}(?!\w)")
_HEADLINE_RUN = re.compile(rf"(?<!\w){_CAPITAL_WORD}(?:[:!]?[ \-\u00a0](?:{_CAPITAL_WORD}|[AI](?= )))*"
                           rf"[:!]?[ \-\u00a0]{_CAPITAL_WORD}(?!\w)")


# A run in capitals with one of these words is a credit or a byline ("PHOTOGRAPH BY JANE DOE
# FOR THE NEW YORK TIMES", "GETTY IMAGES", "VIA ASSOCIATED PRESS"), not shouting.
_CREDIT_WORDS = frozenset("BY VIA PHOTO PHOTOS PHOTOGRAPH PHOTOGRAPHS PICTURE PICTURES IMAGES IMAGE CREDIT "
                          "PRESS PRESSE GETTY REUTERS AFP AP STAFF CORRESPONDENT REPORTER EDITOR TIMES JOURNAL "
                          "HERALD GAZETTE TRIBUNE SENTINEL".split())


def _capital_phrases(text: str, tag: str, headline_end: int, matcher: PhraseMatcher[LexiconEntry],
                     lowers: list[str], toks: list[Token]) -> list[Suggestion]:
    """Runs of two or more words in capitals (shouting), ignoring acronyms: a run needs a
    word of five letters or more and eight letters in all. Credits and bylines are not
    shouting; in the body, where two words in capitals are as often a name ("KENNETH
    PREWITT", a database's byline) as a shout, a two-word run needs a loaded term in it."""
    out = []
    whole = _headline_in_capitals(text, headline_end)
    if whole is not None:  # the whole line, quotation marks, figures and all
        out.append(Suggestion(tag, whole[0], whole[1], 0.6, "headline in capitals", "all capitals"))
        headline_matches = []
    else:
        headline_matches = list(_HEADLINE_RUN.finditer(text, 0, headline_end))
    matches = [*headline_matches, *_CAPITAL_RUN.finditer(text, headline_end)]
    for m in matches:
        words = [w.rstrip(":!").replace("'", "").replace("\u2019", "") for w in re.split(r"[ \-\u00a0]", m.group())]
        if not all(w.isupper() for w in words):
            continue
        if max(len(w) for w in words) < 5 or sum(len(w) for w in words) < _CAPS_MIN_LETTERS:
            continue
        if _CREDIT_WORDS.intersection(words):
            continue
        in_headline = m.end() <= headline_end
        if not in_headline and m.group().count(" ") < 2 and not _has_term(m.start(), m.end(), matcher, lowers, toks):
            continue
        out.append(Suggestion(tag, m.start(), m.end(), 0.6 if in_headline else 0.45,
                              "all-capital phrase" + (" in the headline" if in_headline else ""), "all capitals"))
    return out


def _headline_in_capitals(text: str, headline_end: int) -> tuple[int, int] | None:
    """The headline's span when every letter of it is a capital and it has two words or more
    ("‘I THOUGHT I WOULD DIE’: GRAN’S TERROR", "FURY AT COUNCIL’S £2M ‘VANITY’ PROJECT"): a
    coder marks such a headline whole, not in the pieces its marks and figures cut it into."""
    line = text[:headline_end]
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    letters = [c for c in line if c.isalpha()]
    if len(letters) < _CAPS_MIN_LETTERS or not all(c.isupper() for c in letters) or len(line[start:end].split()) < 2:
        return None
    if _CREDIT_WORDS.intersection(re.findall(r"[^\W\d_]+", line)):
        return None
    # A quotation opening or closing the headline is a quote, not the paper's shouting:
    # "'I'M NOT A MONSTER': LOTTERY WINNER'S FURY" is the quote and "LOTTERY WINNER'S FURY".
    lead = _LEADING_QUOTE.match(line, start, end)
    if lead is not None:
        start = lead.end()
    trail = _TRAILING_QUOTE.search(line, start, end)
    if trail is not None:
        end = trail.start()
    if len(line[start:end].split()) < 2:
        return None
    return start, end


_LEADING_QUOTE = re.compile(r"(?:[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]+[\"\u201d\u00bb]|"
                            r"['\u2018\u201a](?:[^'\u2018\u2019]|['\u2019]\w)+['\u2019])\s*[:\-\u2013\u2014|]\s*")
_TRAILING_QUOTE = re.compile(r"\s*[:\-\u2013\u2014|]\s*(?:[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]+"
                             r"[\"\u201d\u00bb]|['\u2018\u201a](?:[^'\u2018\u2019]|['\u2019]\w)+['\u2019])[.!?]?$")


def _has_term(start: int, end: int, matcher: PhraseMatcher[LexiconEntry], lowers: list[str],
              toks: list[Token]) -> bool:
    i = bisect.bisect_left(toks, start, key=lambda t: t.start)
    j = bisect.bisect_left(toks, end, key=lambda t: t.start)
    return any(True for _ in matcher.find(toks[i:j], lowers[i:j]))


def _longest_first(found: list[Suggestion]) -> list[Suggestion]:
    found.sort(key=lambda s: (s.start, -s.end, -s.confidence))
    out: list[Suggestion] = []
    for s in found:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out
