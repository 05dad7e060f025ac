"""The project's own codings as suggestions: a passage already tagged is suggested wherever
the same words occur again (INCEpTION's string-matching recommender)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.suggestions.phrases import PhraseMatcher
from annotator.core.suggestions.model import Suggestion
from annotator.core.suggestions.text_units import Token

MAX_PASSAGE_CHARS = 200  # long passages do not recur word for word; matching them costs time


@dataclass(frozen=True)
class CodedPassage:
    """A passage of the project tagged ``tag`` by ``annotator`` (with its field values)."""

    tag: str
    text: str
    annotator: str
    fields: tuple[tuple[str, object], ...] = ()


@dataclass
class _Seen:
    tag: str
    annotators: set[str]
    fields: dict
    times: int = 1


def build_codings_matcher(passages: Iterable[CodedPassage]) -> PhraseMatcher[list[_Seen]]:
    """One matcher over every distinct coded passage (same words, any case, any spacing)."""
    by_words: dict[tuple[str, str], _Seen] = {}
    for p in passages:
        words = " ".join(p.text.split())
        if len(words) < 3 or len(words) > MAX_PASSAGE_CHARS:
            continue
        seen = by_words.get((p.tag, words.lower()))
        if seen is None:
            by_words[(p.tag, words.lower())] = _Seen(p.tag, {p.annotator}, dict(p.fields))
        else:
            seen.times += 1
            seen.annotators.add(p.annotator)
    buckets: dict[str, list[_Seen]] = {}  # the same words tagged with several tags
    for (_, words), seen in by_words.items():
        buckets.setdefault(words, []).append(seen)
    matcher: PhraseMatcher[list[_Seen]] = PhraseMatcher()
    for words, seens in buckets.items():
        matcher.add(words, seens)
    return matcher


def find_coded_again(toks: list[Token], matcher: PhraseMatcher[list[_Seen]],
                     lowers: list[str] | None = None) -> list[Suggestion]:
    """Suggestions where coded passages occur; a passage tagged more often is more certain."""
    out = []
    for i, j, seens in matcher.find(toks, lowers):
        for seen in seens:
            who = ", ".join(sorted(seen.annotators))
            confidence = min(0.9, 0.6 + 0.1 * (seen.times - 1))
            out.append(Suggestion(
                seen.tag, toks[i].start, toks[j - 1].end, confidence,
                f"tagged {seen.tag} elsewhere in the project ({seen.times}\u00d7, by {who})",
                "coded elsewhere", dict(seen.fields),
            ))
    return out
