"""Source attributions: a speech or cognition cue with its source, before or after a quote
("X said:", "said X", "X told reporters that", "according to X"), linked to the quote.

The span runs from the source to the cue ("SDF spokesman Mustafa Bali said"), or from the
cue to the source when the source follows it ("said KCNA", "according to the ministry").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from annotator.core.suggestions import cues as C
from annotator.core.suggestions.model import ATTRIBUTION, PARTIAL, SCARE, Suggestion, SuggestionSettings
from annotator.core.suggestions.quote_marks import MarkedQuote
from annotator.core.suggestions.source_after import source_after
from annotator.core.suggestions.sources import Source, source_before
from annotator.core.suggestions.text_units import TokenIndex

_NEAR = 4
_PHRASE_CUES = ("according to", "in the words of")  # always followed by their source
# Cue forms that are also plural nouns ("the United States", "the reports"): a cue only
# next to a quote or before "that", a colon or a comma.
_AMBIGUOUS = frozenset("states notes reports claims comments fears hopes thoughts remarks".split())  # characters of punctuation and space allowed between a quote and its attribution


@dataclass
class _Cue:
    start: int
    end: int
    words: str


def find_attributions(text: str, settings: SuggestionSettings, tokens: TokenIndex,
                      quotes: list[tuple[Suggestion, MarkedQuote]]) -> tuple[list[Suggestion], dict]:
    """Attribution suggestions, and for each quote key the attribution that introduces it
    (so the quote can carry its speaker)."""
    tag = settings.tag_for(ATTRIBUTION)
    top = [(s, q) for s, q in quotes if q.depth == 0]
    closes = {q.close: s for s, q in top}
    opens = {q.open: s for s, q in top}
    open_offsets = sorted(opens)
    inside = sorted((q.open, q.close) for _, q in top)
    found: list[Suggestion] = []
    speakers: dict[tuple, Suggestion] = {}
    last_named: Source | None = None
    known: dict[str, Source] = {}  # surname -> the source that gave the full name
    for cue_start, cue_end, cue_words in C.find_cues(tokens.tokens, framing_before=opens, lowers=tokens.lowers):
        if _inside_quote(inside, cue_start):
            continue
        cue = _Cue(cue_start, cue_end, cue_words)
        quote = _quote_just_before(text, cue.start, closes)
        if cue.words in _AMBIGUOUS and quote is None and not _introduces(text, cue.end):
            continue
        source = None
        if quote is not None or cue.words in _PHRASE_CUES:
            source = source_after(text, tokens, cue.end, phrase_cue=cue.words in _PHRASE_CUES)
            after = source is not None
        if source is None and cue.words not in _PHRASE_CUES and not _passive(tokens, cue.start):
            # ("according to" has its source after it; "he was branded a “monster”": he is
            # who was named, not who named him)
            source = source_before(text, tokens, cue.start)
            after = False
        if source is None or (source.pronoun and not after and _embedded(tokens, source.start)):
            continue
        if quote is None:
            quote = _quote_just_after(text, cue.end, opens, open_offsets) if not after else None
            if quote is None and not after:
                quote = _quote_just_before(text, source.start, closes)
        if cue.words in C.QUOTE_ONLY and quote is None and not _introduces(text, cue.end):
            continue  # "the baby cried": no quote, no attribution
        if cue.words in C.DOCUMENT_CUES and (source.source_type != "document" or _found_passive(tokens, cue)):
            continue  # "the figures show", not "the tests show them", nor "a document found on a street"
        if not after and quote is None and _after_what(tokens, source.start):
            continue  # "did not contain what their labels claimed": no one is reported here
        if quote is None and _headline_passive(text, tokens, cue):
            continue  # "Parents warned over gummies": they were warned, nobody is quoted
        end = cue.end
        if not after and cue.words in C.TELLING:
            end = _hearer_end(text, tokens, cue.end)
        if not after:
            end = _where_said_end(tokens, end)  # "said in a statement", "wrote on Instagram"
        start, stop = (cue.start, source.end) if after else (source.start, end)
        if not settings.attribution_with_cue:
            start, stop = source.start, source.end
        source_type = source.source_type
        name = source.name
        if source.pronoun and last_named is not None:
            name, source_type = last_named.name, last_named.source_type
        elif source.has_proper_name:
            # "Baird said" after "Environment Minister John Baird said": the same person.
            earlier = known.get(name.split()[-1]) if name else None
            if earlier is not None and len(name.split()) <= 2 and earlier.name != name:
                name, source_type = earlier.name, earlier.source_type
                last_named = earlier
            else:
                last_named = source
                if name and len(name.split()) >= 2:
                    known[name.split()[-1]] = source
        confidence = (0.9 if quote is not None else 0.7) - (0.2 if source.pronoun else 0.0)
        rule = f"cue \u201c{cue.words}\u201d + {source.kind} source" + (" next to a quote" if quote else "")
        suggestion = Suggestion(
            tag, start, stop, confidence, rule, "attribution",
            {"source_name": name, "source_type": source_type},
            link=quote.key if quote is not None else None,
        )
        found.append(suggestion)
        if quote is not None and name:
            speakers[quote.key] = suggestion
    return _without_overlaps(found), speakers


def with_speakers(quotes: list[Suggestion], speakers: dict) -> list[Suggestion]:
    """Quotes with the ``speaker`` field their attribution suggests. Short quoted words with
    an attribution next to them are speech, not scare quotes ("'Under control', officials say")."""
    out = []
    for q in quotes:
        a = speakers.get(q.key)
        if a is None:
            out.append(q)
            continue
        if q.kind == SCARE:
            q = replace(q, kind=PARTIAL, confidence=0.75, rule=q.rule.replace("scare quotes", "short quote")
                        .replace(", no speech cue", ", attributed"), fields={"quote_type": "direct"})
        out.append(replace(q, fields={**q.fields, "speaker": a.fields["source_name"]}))
    return out


def _embedded(tokens: TokenIndex, pronoun_start: int) -> bool:
    """"said they hoped": the pronoun's cue reports speech inside another attribution."""
    i = tokens.before(pronoun_start)
    if i >= 0 and tokens.tokens[i].lower == "that":
        i -= 1
    return i >= 0 and tokens.tokens[i].lower in C.CUE_WORDS


_BE = frozenset("was were is are be been being".split())
# After "found", the passive ("found on a street", "found guilty", "found dead").
_FOUND_PASSIVE = frozenset("on in at near inside outside under by guilty dead alive innocent liable to with".split())
# Headline-ese for the passive ("Parents warned over", "Drivers told to", "Shoppers urged to").
_HEADLINE_PASSIVE = frozenset("warned told urged asked advised".split())
_HEADLINE_PASSIVE_NEXT = frozenset("over about to against of not".split())


def _found_passive(tokens: TokenIndex, cue: _Cue) -> bool:
    if cue.words not in ("found", "finds"):
        return False
    i, before = tokens.at_or_after(cue.end), tokens.before(cue.start)
    return i >= len(tokens.tokens) or tokens.lowers[i] in _FOUND_PASSIVE or before >= 0 and tokens.lowers[before] in _BE


def _after_what(tokens: TokenIndex, source_start: int) -> bool:
    i = tokens.before(source_start)
    return i >= 0 and tokens.lowers[i] == "what"


def _headline_passive(text: str, tokens: TokenIndex, cue: _Cue) -> bool:
    """A cue in a line without a final stop (a headline or standfirst) followed by "over",
    "to", "about": the headline's passive."""
    if cue.words not in _HEADLINE_PASSIVE:
        return False
    i = tokens.at_or_after(cue.end)
    if i >= len(tokens.tokens) or tokens.lowers[i] not in _HEADLINE_PASSIVE_NEXT:
        return False
    line_end = text.find("\n", cue.end)
    line = text[text.rfind("\n", 0, cue.start) + 1:len(text) if line_end < 0 else line_end].rstrip()
    return line[-1:] not in ".!?\"'\u201d\u2019"


# Where it was said belongs to the cue ("said in a statement", "wrote on Instagram",
# "told reporters at a press conference" stays "told reporters": a hearer is enough).
_WHERE_SAID = (("in", "a", "statement"), ("in", "a", "post"), ("in", "an", "interview"), ("in", "a", "letter"),
               ("in", "a", "tweet"), ("in", "a", "video"), ("in", "a", "blog", "post"), ("on", "social", "media"),
               ("on", "instagram"), ("on", "twitter"), ("on", "facebook"), ("on", "tiktok"), ("on", "x"),
               ("at", "a", "press", "conference"), ("at", "a", "news", "conference"), ("in", "court"))


_WHERE_FIRSTS = frozenset(p[0] for p in _WHERE_SAID)


def _where_said_end(tokens: TokenIndex, end: int) -> int:
    i = tokens.at_or_after(end)
    lowers = tokens.lowers
    if i >= len(lowers) or lowers[i] not in _WHERE_FIRSTS:
        return end
    for phrase in _WHERE_SAID:
        j = i + len(phrase)
        if tuple(lowers[i:j]) == phrase:
            return tokens.tokens[j - 1].end
    return end


def _passive(tokens: TokenIndex, cue_start: int) -> bool:
    """A framing cue in the passive ("was branded", "were described as", "is being called")."""
    i = tokens.before(cue_start)
    return i >= 0 and tokens.lowers[i] in _BE and tokens.lowers[i + 1] in C.QUOTE_FRAMING


def _introduces(text: str, offset: int) -> bool:
    rest = text[offset:offset + 8].lstrip(" \u00a0")
    return rest[:1] in (":", ",") or rest[:1] in "\"\u201c\u201e\u00ab\u00bb" or rest.startswith("that ")


def _inside_quote(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


def _quote_just_before(text: str, offset: int, closes: dict[int, Suggestion]) -> Suggestion | None:
    k = offset - 1
    while k >= 0 and offset - k <= _NEAR and (text[k] in " ,;\u00a0" or text[k] in "\u2014\u2013"):
        k -= 1
    return closes.get(k)


# What ends the search for a quote after a cue: a sentence's stop, or a line break that does
# not open a blank line.
_QUOTE_SEARCH_STOP = re.compile(r"[.?!]|\n(?=[^\n])")
_QUOTE_AFTER_CHARS = 40


def _quote_just_after(text: str, offset: int, opens: dict[int, Suggestion], open_offsets: list[int]) -> Suggestion | None:
    """The quote opening within 40 characters after a cue, before any stop (``open_offsets``
    are the keys of ``opens``, sorted)."""
    i = bisect.bisect_left(open_offsets, offset)
    if i == len(open_offsets) or open_offsets[i] >= offset + _QUOTE_AFTER_CHARS:
        return None
    stop = _QUOTE_SEARCH_STOP.search(text, offset, open_offsets[i] + 1)
    return None if stop is not None and stop.start() < open_offsets[i] else opens[open_offsets[i]]


# Words that end a hearer ("told the BBC that", "told reporters outside the court").
_HEARER_STOP = frozenset("""
that he she they it we i you on in at after before when while as about of over during yesterday today tonight
last outside inside earlier later how why what whether if to from with by for and but or
""".split())


_HEARER_NOUNS = frozenset("""
followers fans viewers readers listeners supporters audience members staff employees colleagues workers
programme show podcast channel newspaper paper magazine website
""".split())


def _hearer_end(text: str, tokens: TokenIndex, offset: int) -> int:
    """End of "told reporters" / "told the BBC" / "told his 1.2 million Instagram followers":
    the hearer is part of the attribution."""
    toks = tokens.tokens
    i = tokens.at_or_after(offset)
    end = offset
    if i >= len(toks):
        return end
    first = toks[i]
    if not first.is_word or first.lower in _HEARER_STOP:
        return end
    if first.lower not in C.DETERMINERS and not first.is_capitalised:
        if first.lower in ("reporters", "journalists", "media", "police", "parliament", "investigators", "us", "him",
                           "her", "them", "me"):
            return first.end
        return end
    # A determiner or a name, then the words of the noun phrase up to a function word.
    count = 0
    while i < len(toks) and count < 7:
        t = toks[i]
        decimal = t.text == "." and 0 < i < len(toks) - 1 and toks[i - 1].end == t.start == toks[i + 1].start - 1 \
            and toks[i - 1].text.isdigit() and toks[i + 1].text[:1].isdigit()
        if not (t.is_word or decimal) or t.lower in _HEARER_STOP or (count and t.lower in C.DETERMINERS):
            break
        if count and t.is_word and not t.is_capitalised and toks[i - 1].is_capitalised and \
                toks[i - 1].lower not in C.DETERMINERS and t.lower not in _HEARER_NOUNS:
            break  # "told the BBC yesterday": the name is the hearer, not "told his Instagram followers"
        end = t.end
        count += 1
        i += 1
    return end


def _without_overlaps(found: list[Suggestion]) -> list[Suggestion]:
    found.sort(key=lambda s: (s.start, -s.end))
    out: list[Suggestion] = []
    for s in found:
        if out and s.start < out[-1].end:
            if s.confidence > out[-1].confidence:
                out[-1] = s
            continue
        out.append(s)
    return out
