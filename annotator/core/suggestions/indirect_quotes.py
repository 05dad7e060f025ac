"""Indirect quotes: reported speech after a speech verb ("the club said it had not been
consulted", "..., witnesses said."). The codebook's Quote covers it ("paraphrased in reported
speech (indirect)"); the span is the reported clause, without "that" and without the
sentence's final stop, which belongs to the whole sentence.

Only where no quotation mark is in the clause: a quoted fragment in reported speech is a
direct quote of its own ("said he was “shaken but recovering”"), and the words around it are
not coded. Not after "according to", documents ("tests found") or cognition verbs ("believes").
"""

from __future__ import annotations

import re
from dataclasses import replace

from annotator.core.suggestions.model import QUOTE, Suggestion, SuggestionSettings
from annotator.core.suggestions.text_units import SentenceIndex, TokenIndex

INDIRECT = "indirect quote"
_CONFIDENCE = 0.5
# Verbs that report speech; their clause is what was said.
_SPEECH = frozenset("""
said says told tells added adds warned warns claimed claims insisted insists admitted admits revealed
reveals explained explains confirmed confirms denied denies stated states argued argues replied
announced announces declared declares alleged alleges stressed stresses maintained maintains
conceded concedes complained complains suggested suggests predicted predicts vowed promised pledged
""".split())
# A clause cannot start so: a time or place adverbial or an infinitive comes first.
_ADVERBIAL = frozenset("on in at to last this yesterday today tonight earlier later late during after before "
                       "from with".split())
_CUE = re.compile(r"cue \u201c([^\u201d]+)\u201d")
# A quotation mark: any double or opening single mark, and an apostrophe-like mark that is
# not inside a word ("don't", "club's" are words).
_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u201a]|(?<![^\\W\\d_])['\u2019]|['\u2019](?![^\\W\\d_])")
_MIN_WORDS = 3


def find_indirect_quotes(text: str, settings: SuggestionSettings, tokens: TokenIndex, sentences: SentenceIndex,
                         attributions: list[Suggestion]) -> tuple[list[Suggestion], list[Suggestion]]:
    """``(indirect quotes, the attributions with their links)``: each attribution without a
    direct quote whose cue reports speech, and the clause it reports."""
    tag = settings.tag_for(QUOTE)
    quotes: list[Suggestion] = []
    linked: list[Suggestion] = []
    for a in attributions:
        span = None
        cue = _CUE.match(a.rule)
        if a.link is None and cue is not None and cue.group(1) in _SPEECH:
            span = _clause_after(text, tokens, sentences, a) or _clause_before(text, sentences, a)
        if span is None:
            linked.append(a)
            continue
        q = Suggestion(tag, span[0], span[1], _CONFIDENCE, f"reported speech after \u201c{cue.group(1)}\u201d",
                       INDIRECT, {"quote_type": "indirect", **({"speaker": a.fields["source_name"]}
                                                                 if a.fields.get("source_name") else {})})
        quotes.append(q)
        linked.append(replace(a, link=q.key))
    return quotes, linked


def _clause_after(text: str, tokens: TokenIndex, sentences: SentenceIndex, a: Suggestion) -> tuple[int, int] | None:
    """"X said (that) CLAUSE." -- to the sentence's end, or to ", and" before a second
    speaker's cue ("..., and the town's MP said she would write")."""
    toks, lowers = tokens.tokens, tokens.lowers
    i = tokens.at_or_after(a.end)
    if i < len(toks) and lowers[i] in _ADVERBIAL:
        # "announced on Monday that", "said to LA Weekly that": the clause is after "that";
        # with no "that" ("told her to leave") there is no reported clause
        that = next((k for k in range(i + 1, min(len(toks), i + 8)) if lowers[k] == "that"), None)
        if that is None or any(not toks[k].is_word for k in range(i, that)):
            return None
        i = that
    if i < len(toks) and lowers[i] == "that":
        i += 1
    if i >= len(toks) or not toks[i].is_word or "\n" in text[a.end:toks[i].start]:
        return None
    s_start, s_end = sentences.containing(a.start)
    if not s_start <= toks[i].start < s_end:
        return None
    end = s_end
    while end > toks[i].start and text[end - 1] in ".!?\u2026":
        end -= 1
    cut = _second_report(text, toks[i].start, end)
    if cut is not None:
        end = cut
    return _checked(text, toks[i].start, end)


def _clause_before(text: str, sentences: SentenceIndex, a: Suggestion) -> tuple[int, int] | None:
    """"CLAUSE, witnesses said." -- the attribution closes the sentence after a comma."""
    s_start, s_end = sentences.containing(a.start)
    rest = text[a.end:s_end]
    if rest.strip() not in (".", "!"):
        return None
    before = text[s_start:a.start].rstrip()
    if not before.endswith(","):
        return None
    return _checked(text, s_start, s_start + len(before) - 1)


# ", and the town's MP, Rachel Osei, said": a second report in the same sentence ends the first.
_SECOND = re.compile(r",? and (?:[^,.;]{0,60}?,[^,.;]{0,60}?, |[^,.;]{0,40}? )?(?:" + "|".join(sorted(_SPEECH)) + r")\b")


def _second_report(text: str, start: int, end: int) -> int | None:
    m = _SECOND.search(text, start, end)
    return m.start() if m is not None else None


def _checked(text: str, start: int, end: int) -> tuple[int, int] | None:
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    clause = text[start:end]
    if _MARKS.search(clause) or len(clause.split()) < _MIN_WORDS or "\n" in clause:
        return None
    return start, end
