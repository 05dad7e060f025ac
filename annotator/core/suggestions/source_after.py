"""The source after its cue: "said KCNA", "according to Yonhap news agency", "said Tom Hale,
52, from Dunmore", "according to a source close to the talks"."""

from __future__ import annotations

from annotator.core.suggestions import cues as C
from annotator.core.suggestions.sources import (
    _MAKING, _MAX_LOOSE, _MAX_WORDS, Source, _base, _is_age_noun, _is_source_word, _loose_noun, _plural_possessive,
)
from annotator.core.suggestions.text_units import Token, TokenIndex


def source_after(text: str, index: TokenIndex, cue_end: int, phrase_cue: bool = False) -> Source | None:
    """The source just after a cue: "said KCNA", "according to Yonhap news agency".
    ``phrase_cue`` (after "according to"): what follows is a source whatever its head noun,
    so a noun phrase up to a comma or the sentence's end is taken whole ("according to the
    county fire service,") when no word of it is a known source noun."""
    toks = index.tokens
    i = index.at_or_after(cue_end)
    if i >= len(toks) or "\n" in text[cue_end:toks[i].start]:
        return None
    if toks[i].lower in C.PRONOUNS:
        return Source(toks[i].start, toks[i].end, [toks[i]], pronoun=True)
    words: list[Token] = []
    loose = 0
    while i < len(toks) and len(words) < _MAX_WORDS:
        t = toks[i]
        if words and "\n" in text[words[-1].end:t.start]:
            break
        if _plural_possessive(toks, i):  # "the Northvale Teachers’ Union": one name
            words.append(t)
            i += 1
            continue
        if not _is_source_word(t, False):
            if not (_loose_noun(t) and loose < _MAX_LOOSE):
                break
            loose += 1
        else:
            loose = 0
        if words and t.lower in C.DETERMINERS and words[-1].lower not in C.CONNECTORS:
            break
        words.append(t)
        i += 1
    collected = list(words)
    # Keep up to the last word that names a source ("the harbour authority", not "the
    # harbour authority data" cut short, nor "the minister yesterday") -- except what a
    # source is close to ("a source close to the show").
    while words and not (words[-1].is_capitalised or _base(words[-1].lower) in C.SOURCE_NOUNS
                         or _is_age_noun(words[-1].lower)):
        words.pop()
    if words:
        # "a source close to the show", "according to figures released under freedom of
        # information laws": what the source is close to, or how a document came out, up to
        # the end of the clause
        k = index.at_or_after(words[-1].end)
        closeness = k + 1 < len(toks) and toks[k].lower in ("close", "familiar", "near") and \
            toks[k + 1].lower in ("to", "with")
        if closeness or (phrase_cue and k < len(toks) and toks[k].lower in _MAKING):
            end = k
            while end < len(toks) and end - k < 10 and toks[end].is_word and \
                    "\n" not in text[toks[end - 1].end:toks[end].start]:
                end += 1
            if end - k < 10 and (end >= len(toks) or toks[end].text in ",.;:!?)"):
                words = words + toks[k:end]
    if phrase_cue and not words and i < len(toks) and toks[i].text in ",.;:!?)" and \
            sum(t.is_word and t.lower not in C.DETERMINERS for t in collected) >= 2:
        return Source(collected[0].start, collected[-1].end, collected)
    if not words or not any(t.is_capitalised and t.lower not in C.DETERMINERS or _base(t.lower) in C.SOURCE_NOUNS
                            or _is_age_noun(t.lower) for t in words):
        return None
    named = _name_after(text, toks, i) if not words[-1].is_capitalised else None
    if named is not None:  # "said Sarah's dad, Mike.": the name closes the sentence
        return Source(words[0].start, named[-1].end, named, described_as=words)
    source = _with_agent(text, index, Source(words[0].start, words[-1].end, words))
    if words[-1].is_capitalised:
        end = _age_and_home_end(text, index, source.end)  # "said Mrs Pengelly, 34, from Thornbury"
        if end != source.end:
            return Source(source.start, end, source.words, described_as=source.described_as)
    return source


def _age_and_home_end(text: str, index: TokenIndex, end: int) -> int:
    """After a name: ", 34" and/or ", from Thornbury", when the sentence ends there (in "said
    Hannah Pryce, 34, who travels daily" the apposition goes on: the name alone is marked)."""
    toks = index.tokens
    i = index.at_or_after(end)
    new_end = end
    if i + 1 < len(toks) and toks[i].text == "," and toks[i + 1].text.isdigit() and len(toks[i + 1].text) <= 3:
        new_end, i = toks[i + 1].end, i + 2
    if i + 2 < len(toks) and toks[i].text == "," and toks[i + 1].lower == "from" and toks[i + 2].is_capitalised:
        k = i + 2
        while k + 1 < len(toks) and toks[k + 1].is_capitalised and toks[k + 1].is_word:
            k += 1
        new_end, i = toks[k].end, k + 1
    if new_end != end and (i >= len(toks) or toks[i].text in ".!?" or "\n" in text[new_end:toks[i].start]):
        return new_end
    return end


def _name_after(text: str, toks: list[Token], i: int) -> list[Token] | None:
    """A name of one to three capitalised words between a comma at ``i`` and the end of the
    sentence, or None."""
    if i >= len(toks) or toks[i].text != ",":
        return None
    k = i + 1
    while k < len(toks) and k - i <= 3 and toks[k].is_word and toks[k].is_capitalised and \
            "\n" not in text[toks[k - 1].end:toks[k].start]:
        k += 1
    if k == i + 1 or k >= len(toks) or toks[k].text not in ".!?" or toks[k].start != toks[k - 1].end:
        return None
    return toks[i + 1:k]


# "documents seen by the Post", "a report commissioned by the council", "an official quoted by
# Reuters": who saw or made the source is part of it.
_AGENT_PARTICIPLES = frozenset("seen obtained published released leaked cited quoted commissioned compiled "
                               "prepared issued reviewed".split())


def _with_agent(text: str, index: TokenIndex, source: Source) -> Source:
    toks = index.tokens
    i = index.at_or_after(source.end)
    if i + 1 < len(toks) and toks[i].lower in _AGENT_PARTICIPLES and toks[i + 1].lower == "by":
        agent = source_after(text, index, toks[i + 1].end)
        if agent is not None and not agent.pronoun:
            return Source(source.start, agent.end, source.words, described_as=agent.words)
    return source
