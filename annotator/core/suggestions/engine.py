"""Run every finder over one article and return what to show the coder."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.core.suggestions.attributions import find_attributions, with_speakers
from annotator.core.suggestions.claims import find_claims
from annotator.core.suggestions.codings import CodedPassage, build_codings_matcher, find_coded_again
from annotator.core.suggestions.indirect_quotes import find_indirect_quotes
from annotator.core.suggestions.lexicon import LexiconEntry
from annotator.core.suggestions.model import NESTED, ROLES, SCARE, Suggestion, SuggestionSettings
from annotator.core.suggestions.quotes import find_block_quotes, find_quotes
from annotator.core.suggestions.sensational import build_matcher, find_sensational
from annotator.core.suggestions.text_units import SentenceIndex, TokenIndex



@dataclass
class ProjectKnowledge:
    """What the project adds to the rules: its own lexicon terms, and its codings (each coded
    passage is suggested where its words recur, a passage tagged Sensational language among
    them). Build it once per run and share it between articles (matchers are built on first
    use)."""

    terms: list[LexiconEntry] = field(default_factory=list)
    codings: list[CodedPassage] = field(default_factory=list)
    language: str = "en"
    _lexicon: object = None
    _codings: object = None

    def lexicon_matcher(self):
        if self._lexicon is None:
            self._lexicon = build_matcher(self.terms, self.language)
        return self._lexicon

    def codings_matcher(self):
        if self._codings is None:
            self._codings = build_codings_matcher(self.codings)
        return self._codings


def suggest(text: str, settings: SuggestionSettings | None = None, knowledge: ProjectKnowledge | None = None,
            *, roles: Iterable[str] = ROLES, existing: Iterable[tuple[str, int, int]] = (),
            rejected: Iterable[tuple[str, int, int]] = ()) -> list[Suggestion]:
    """Suggestions for ``text``, sorted by position.

    ``existing`` holds ``(tag, start, end)`` of the coder's own annotations: a suggestion
    overlapping one of the same tag is dropped (the coder has dealt with that passage);
    ``rejected`` holds keys the coder rejected, which never come back. Suggestions under
    ``settings.min_confidence`` are left out; so are roles not in ``roles`` and claims unless
    ``settings.claims``.
    """
    settings = settings or SuggestionSettings()
    knowledge = knowledge or ProjectKnowledge()
    roles = set(roles)
    tokens = TokenIndex(text)
    sentences = SentenceIndex(text)
    out: list[Suggestion] = []
    reported: list[tuple[int, int]] = []  # indirect quotes: what someone is reported to have said
    quotes = find_quotes(text, settings, sentences) if ("quote" in roles or "attribution" in roles) else []
    attributions, speakers = find_attributions(text, settings, tokens, quotes)
    if "quote" in roles:
        out.extend(with_speakers([s for s, _ in quotes], speakers))
        out.extend(find_block_quotes(text, settings, [q for _, q in quotes]))
        if settings.indirect_quotes:
            indirect, attributions = find_indirect_quotes(text, settings, tokens, sentences, attributions)
            out.extend(indirect)
            reported = [(s.start, s.end) for s in indirect]
    if "attribution" in roles:
        out.extend(attributions)
    if "sensational" in roles and settings.sensational:
        loaded = find_sensational(text, tokens.tokens, settings, knowledge.lexicon_matcher(), knowledge.language,
                                  tokens.lowers)
        if not settings.sensational_in_quotes:
            loaded = outside(loaded, [(q.open, q.close) for _, q in quotes])
        out.extend(loaded)
    if "claim" in roles and settings.claims:
        speech = [(s.start, s.end) for s, _ in quotes if s.kind != SCARE]
        reporting = []
        if not settings.claims_in_reported_speech:
            speech += reported
            reporting = [(a.start, a.end) for a in attributions if _reports_speech(a)]
        out.extend(find_claims(text, sentences.spans, settings, tokens, speech, reporting))
    if settings.codings_from != "none" and knowledge.codings:
        out.extend(find_coded_again(tokens.tokens, knowledge.codings_matcher(), tokens.lowers))
    return select(out, settings, existing, rejected)


def _reports_speech(a: Suggestion) -> bool:
    """An attribution of what someone said ("X said", "told reporters"), not of where a fact
    comes from ("according to the figures", "the data show", "tests found")."""
    return not any(cue in a.rule for cue in _SOURCE_OF_FACTS)


_SOURCE_OF_FACTS = ("\u201caccording to\u201d", "\u201cin the words of\u201d", "\u201cshow", "\u201cfound\u201d",
                    "\u201cfinds\u201d", "\u201ccan reveal\u201d", "\u201ccan exclusively reveal\u201d",
                    "\u201ccan today reveal\u201d")


def outside(found: list[Suggestion], spans: list[tuple[int, int]]) -> list[Suggestion]:
    """The suggestions of ``found`` inside none of ``spans`` (a headline holding a quoted word
    is not inside it)."""
    if not spans:
        return found
    merged: list[list[int]] = []  # the spans' union: nested quotes inside their outer one
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    out = []
    for s in found:
        i = bisect.bisect_right(starts, s.start) - 1  # the last span starting at or before s
        if i < 0 or merged[i][1] < s.end:
            out.append(s)
    return out


def find_coded(text: str, knowledge: ProjectKnowledge, tokens: TokenIndex | None = None) -> list[Suggestion]:
    """Only the project's codings found again in ``text`` (the part of a run that changes as
    coders code; the rest depends on the text and settings alone and can be stored)."""
    if not knowledge.codings:
        return []
    tokens = tokens or TokenIndex(text)
    return find_coded_again(tokens.tokens, knowledge.codings_matcher(), tokens.lowers)


def select(found: Iterable[Suggestion], settings: SuggestionSettings, existing: Iterable[tuple[str, int, int]] = (),
           rejected: Iterable[tuple[str, int, int]] = ()) -> list[Suggestion]:
    """What the coder sees of ``found``: confident enough, not rejected, not where the coder
    already tagged the same tag, one suggestion per tag and span (the surer, fields merged)."""
    rejected = set(rejected)
    taken: dict[str, list[tuple[int, int]]] = {}
    for tag, start, end in existing:
        taken.setdefault(tag.casefold(), []).append((start, end))
    best: dict[tuple[str, int, int], Suggestion] = {}
    for s in found:
        if s.confidence < settings.min_confidence or s.key in rejected:
            continue
        overlapping = [(a, b) for a, b in taken.get(s.tag.casefold(), ()) if a < s.end and s.start < b]
        if overlapping and not (s.kind == NESTED and all(a <= s.start and s.end <= b and (a, b) != (s.start, s.end)
                                                        for a, b in overlapping)):
            continue  # (a quote inside a quote already tagged is still to be coded)
        kept = best.get(s.key)
        if kept is None:
            best[s.key] = s
        elif s.confidence > kept.confidence:
            # The same span found twice (a rule and the project's codings): keep the surer
            # one, with the fields either suggests.
            best[s.key] = Suggestion(s.tag, s.start, s.end, s.confidence, s.rule, s.kind,
                                     {**kept.fields, **s.fields}, s.link)
    return sorted(best.values(), key=lambda s: (s.start, s.end, s.tag))
