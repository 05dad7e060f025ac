"""Claims (off by default, lower confidence): sentences asserting checkable facts."""

from __future__ import annotations

import bisect
import re

from annotator.core.suggestions.model import CLAIM, Suggestion, SuggestionSettings
from annotator.core.suggestions.text_units import TokenIndex

NUMBER, QUANTITY, DATE, COMPARISON, EVENT = (
    "a number", "a quantity or share", "a date", "a comparison", "a named event")
_KINDS = (NUMBER, QUANTITY, DATE, COMPARISON, EVENT)  # the order the rule names them in


def _words(kinds: tuple[str, ...], words: str) -> dict[str, tuple[str, ...]]:
    return {w: kinds for w in words.split()}


# Word -> the signals it gives. A lookup per word: five case-blind regular expressions per
# sentence cost 12 ms on a 5,000-word article (and one combined one 8), this 1.
_SIGNAL_WORDS: dict[str, tuple[str, ...]] = {
    **_words((NUMBER,), "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens "
                        "twice double doubles triple tripled quadrupled"),
    # Numbers spelled out ("three", "twenty-five": each part of a hyphenated word is looked up).
    # Not "one" (no one, one of, one passenger) nor "first" and "second" (at first, a second).
    **_words((NUMBER,), "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                        "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                        "third fourth fifth sixth seventh eighth ninth tenth twentieth hundredth"),
    # Shares: "half", "a third", "two-thirds", "a quarter of", "the majority".
    **_words((QUANTITY,), "half halves halved thirds quarter quarters fifths majority minority"),
    **_words((QUANTITY,), "% percent $ \u20ac \u00a3 \u00a5 euro euros dollar dollars pound pounds pence cents "
                          "tonne tonnes ton tons kilogram kilograms kilo kilos kg kilometre kilometres kilometer "
                          "kilometers km mile miles metre metres meter meters feet foot ft inches acres hectares "
                          "litres liters gallons degrees mph gram grams milligrams micrograms mg ml "
                          "calories volts watts"),
    **_words((DATE,), "yesterday today tonight tomorrow overnight ago"),
    **_words((COMPARISON,), "more less fewer higher lower larger smaller bigger greater than increase increased "
                            "decrease decreased rose risen fell fallen grew dropped record largest highest lowest "
                            "most least"),
    "doubled": (NUMBER, COMPARISON),
    **_words((EVENT,), "election referendum summit war attack earthquake flood strike trial ruling vote crash fire "
                       "olympics conference"),
}
# Dates only when capitalised: "May" is a month, "may" is not.
_NAMED_DAYS = frozenset("january february march april may june july august september october november december "
                        "monday tuesday wednesday thursday friday saturday sunday".split())
# Two words with one space between: "per cent", "last year".
_PAIRS = {("per", "cent"): (QUANTITY,),
          **{(first, when): (DATE,) for first in ("last", "this", "next")
             for when in ("year", "month", "week", "night", "weekend", "morning", "evening", "summer", "winter",
                          "spring", "autumn", "season", "decade", "century")}}
_PAIR_FIRSTS = frozenset(first for first, _ in _PAIRS)
_DIGIT = re.compile(r"\d")
_PARTS = re.compile(r"[-']")  # the marks inside one token that a word boundary falls on
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_CLOCK = re.compile(r"\d{1,2}(?:am|pm)")  # "2am", "2.17am" (the token after the point)


def find_claims(text: str, sentences: list[tuple[int, int]], settings: SuggestionSettings,
                tokens: TokenIndex | None = None, quoted: list[tuple[int, int]] = (),
                reporting: list[tuple[int, int]] = ()) -> list[Suggestion]:
    """Each sentence with at least two kinds of checkable detail; the sentence is the span
    (with its final stop). Headlines and datelines (no final stop) are left out. Details
    inside ``quoted`` spans (direct quotations, reported speech) are the speaker's, coded as
    the quote, not the reporter's claim: they do not count. Nor do details in ``reporting``
    spans (attributions of speech: in "Striker Callum Dade, 22, said" the age is the
    speaker's), and a sentence holding one reports what someone said: not a claim ("according
    to" is not among them: "…, according to the figures." is the writer's claim with its
    source)."""
    tag = settings.tag_for(CLAIM)
    kinds = _signals_by_sentence(text, tokens or TokenIndex(text), sentences, _merged([*quoted, *reporting]))
    starts = [a for a, _ in sentences]
    reported_in = {bisect.bisect_right(starts, start) - 1 for start, _ in reporting}
    out = []
    for index, (start, end) in enumerate(sentences):
        found = kinds[index]
        if index in reported_in:
            continue
        if found is None or len(found) < 2 or end - start < 25 or text[end - 1] not in ".!\u201d\"'\u2019":
            continue
        names = [name for name in _KINDS if name in found]
        confidence = min(0.6, 0.2 + 0.1 * len(names))
        out.append(Suggestion(tag, start, end, confidence, "checkable detail: " + ", ".join(names), "claim"))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans``, sorted (nested and overlapping spans joined)."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _signals_by_sentence(text: str, index: TokenIndex, sentences: list[tuple[int, int]],
                         quoted: list[tuple[int, int]]) -> list[set[str] | None]:
    starts = [s for s, _ in sentences]
    kinds: list[set[str] | None] = [None] * len(sentences)
    quote_starts = [a for a, _ in quoted]

    def add(offset: int, signals: tuple[str, ...]) -> None:
        if quoted:
            q = bisect.bisect_right(quote_starts, offset) - 1
            if q >= 0 and offset < quoted[q][1]:
                return
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < sentences[i][1]:
            found = kinds[i]
            if found is None:
                found = kinds[i] = set()
            found.update(signals)

    toks, lowers = index.tokens, index.lowers
    words = _SIGNAL_WORDS
    for i, low in enumerate(lowers):
        signals = words.get(low)
        if signals is not None:
            add(toks[i].start, signals)
        elif low in _NAMED_DAYS:
            if toks[i].text[0].isupper():
                add(toks[i].start, (DATE,))
        elif low in _PAIR_FIRSTS:
            if i + 1 < len(lowers) and text[toks[i].end:toks[i + 1].start] == " ":
                pair = _PAIRS.get((low, _PARTS.split(lowers[i + 1], 1)[0]))  # "last year's"
                if pair is not None:
                    add(toks[i].start, pair)
        elif "-" in low or "'" in low:  # "record-breaking", "war's": each part is a word
            for part in _PARTS.split(low):
                signals = words.get(part)
                if signals is not None:
                    add(toks[i].start, signals)
        if not low.isalpha() and _DIGIT.search(low):
            add(toks[i].start, (NUMBER,))
            if any(_YEAR.fullmatch(part) for part in _PARTS.split(low)) or _CLOCK.fullmatch(low):
                add(toks[i].start, (DATE,))
    return kinds
