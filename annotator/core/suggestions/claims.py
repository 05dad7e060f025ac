"""Claims (off by default, lower confidence): sentences asserting checkable facts."""

from __future__ import annotations

import re

from annotator.core.suggestions.model import CLAIM, Suggestion, SuggestionSettings

_SIGNALS = {
    "a number": re.compile(r"\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|half|twice|double[ds]?|tripled?)\b", re.I),
    "a quantity or share": re.compile(r"%|\bper ?cent\b|\bpercent\b|[$\u20ac\u00a3\u00a5]|\b(?:euros?|dollars?|pounds?|tonnes?|kilometres?|miles?)\b", re.I),
    "a date": re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last (?:year|month|week))\b"),
    "a comparison": re.compile(r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|than|increased?|decreased?|rose|risen|fell|fallen|grew|dropped|doubled|record|largest|highest|lowest|most|least)\b", re.I),
    "a named event": re.compile(r"\b(?:election|referendum|summit|war|attack|earthquake|flood|strike|trial|ruling|vote|crash|fire|olympics|conference)\b", re.I),
}


def find_claims(text: str, sentences: list[tuple[int, int]], settings: SuggestionSettings) -> list[Suggestion]:
    """Each sentence with at least two kinds of checkable detail; the sentence is the span
    (with its final stop). Headlines and datelines (no final stop) are left out."""
    tag = settings.tag_for(CLAIM)
    out = []
    for start, end in sentences:
        sentence = text[start:end]
        if sentence[-1] not in ".!?\u201d\"'\u2019" or len(sentence) < 25 or sentence.endswith("?"):
            continue
        kinds = [name for name, pattern in _SIGNALS.items() if pattern.search(sentence)]
        if len(kinds) < 2:
            continue
        confidence = min(0.6, 0.2 + 0.1 * len(kinds))
        out.append(Suggestion(tag, start, end, confidence, "checkable detail: " + ", ".join(kinds), "claim"))
    return out
