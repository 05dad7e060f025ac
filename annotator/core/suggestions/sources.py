"""The source of an attribution: the words naming who a statement comes from, and its type."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.suggestions import cues as C
from annotator.core.suggestions.text_units import Token, TokenIndex

_MAX_WORDS = 14  # "A Facebook poll run by the fan group Town Till I Die"
# Capitalised only because they open a sentence or clause: never part of a source.
_NOT_SOURCE = frozenset("""
meanwhile however yesterday today tomorrow also but and then later earlier in on at last this
that there here now so yet still instead indeed moreover separately asked when while as if
although though because after before since thus also only just last next
""".split())
# "sources close to the minister", "people familiar with the talks", "spokesman for the army"
_LINKS = frozenset("of for to at from in close familiar with near".split())
_ADJUNCT = frozenset("also later then previously earlier repeatedly reportedly publicly recently".split())


class _once:
    """A property worked out on first use and then kept on the instance (``cached_property``
    without the lock it takes in Python 3.11: a tenth of the attribution finder in a profile)."""

    def __init__(self, compute):
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass
class Source:
    # Its words never change once found, so what is read from them is worked out once: the
    # finder asks a source its name, kind and type several times (400 asks per long article).
    start: int
    end: int
    words: list[Token]
    pronoun: bool = False
    described_as: list[Token] | None = None  # an apposition: "Name, spokesman for X, said"

    @_once
    def lower_words(self) -> list[str]:
        return [_base(t.lower) for t in self.words]

    @_once
    def name(self) -> str:
        """A person's name when the source has one ("Stefania Giannini" of "Minister of
        Education Stefania Giannini"), else the phrase without its determiner."""
        if self.pronoun:
            return ""
        run: list[Token] = []
        best: list[Token] = []
        for t in self.words:
            if (t.is_capitalised and _base(t.lower) not in C.SOURCE_NOUNS and t.lower not in C.DETERMINERS
                    and t.lower not in C.MODIFIERS):  # not "Former" of "Former bus driver Derek Nolan"
                run.append(t)
            else:
                if run:
                    best = run
                run = []
        best = run or best
        first = self.words.index(best[0]) if best else 0
        if len(best) >= 3 and first > 0 and self.words[first - 1].lower in ("of", "for"):
            best = best[1:]  # "Minister of Education Stefania Giannini": the field is the title's
        if best and any(_base(w) in C.OFFICIAL_WORDS for w in self.lower_words):
            return _joined(best)
        words = self.words[1:] if self.words and self.words[0].lower in C.DETERMINERS else self.words
        return _joined(words)

    @_once
    def has_proper_name(self) -> bool:
        return any(t.is_capitalised and t.lower not in C.DETERMINERS and _base(t.lower) not in C.SOURCE_NOUNS
                   and t.lower not in C.MODIFIERS for t in self.words)

    @property
    def kind(self) -> str:
        if self.pronoun:
            return "pronoun"
        titled = any(_base(w) in C.OFFICIAL_WORDS for w in self.lower_words)
        if self.has_proper_name:
            return "title + name" if titled else "name"
        return "anonymous" if self.source_type == "anonymous" else "noun phrase"

    @_once
    def source_type(self) -> str:
        """:func:`classify` of this source."""
        return classify(self)


def _base(word: str) -> str:
    for suffix in ("'s", "\u2019s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _joined(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def classify(source: Source) -> str:
    """One of the codebook's source types: named person, official, anonymous, document,
    own reporting, other (a pronoun's type is its antecedent's, decided by the caller)."""
    if source.pronoun:
        return "other"
    words = source.lower_words + [_base(t.lower) for t in source.described_as or ()]
    if words and words[0] in ("this", "our") and any(w in ("newspaper", "paper", "reporter", "correspondent") for w in words):
        return "own reporting"
    own = source.lower_words
    head = own[-1] if own else ""  # "documents seen by the Post": documents, whoever saw them
    if len(own) > 2 and own[0] in C.ANONYMOUS_WORDS and own[1] in ("close", "familiar"):
        return "anonymous"  # "sources close to Mr Nolan", "people familiar with the talks"
    if head in C.DOCUMENT_WORDS or _head_before_link(own) in C.DOCUMENT_WORDS:  # "figures from the agency"
        return "document"
    titled = any(w in C.OFFICIAL_WORDS for w in words)
    if not source.has_proper_name:
        indefinite = words[0] in ("a", "an", "one", "some", "several", "many", "two", "three") if words else False
        if indefinite or any(w in C.ANONYMOUS_MARKERS for w in words) or head in C.ANONYMOUS_WORDS - C.OFFICIAL_WORDS \
                or _is_age_noun(head):
            return "anonymous"
        if head in ("officials",) and "for" not in words:
            return "anonymous"
        return "official" if titled else "other"
    if titled:
        return "official"
    capitals = [t.text for t in source.words if t.is_capitalised]
    if len(capitals) == 1 and capitals[0].isupper() and len(capitals[0]) > 1:
        return "other"  # an acronym: an organisation
    if any(w in ("agency", "news", "company", "group", "network", "organisation", "organization") for w in words):
        return "other"
    return "named person"


def _head_before_link(words: list[str]) -> str:
    """The word before "from" or "by" ("figures" of "figures from the agency")."""
    for k, w in enumerate(words):
        if k and w in ("from", "by"):
            if k > 1 and words[k - 1] in _MAKING:  # "a poll run by the fan group"
                return words[k - 2]
            return words[k - 1]
    return ""


def _is_age_noun(low: str) -> bool:
    """"the 27-year-old", "a five-year-old": how the popular press names a person."""
    return low.endswith(("-year-old", "-year-olds")) and low[0].isalnum()


def _is_source_word(t: Token, sentence_initial: bool) -> bool:
    if not t.is_word:
        return False
    low = _base(t.lower)
    if _is_age_noun(low):
        return True
    if low in _NOT_SOURCE and (sentence_initial or not t.is_capitalised):
        return False
    return (t.is_capitalised or low in C.SOURCE_NOUNS or low in C.MODIFIERS
            or low in C.CONNECTORS or low in C.DETERMINERS or low in _LINKS)


# Words that never belong to a source phrase, though lower-case words otherwise may ("the
# harbour authority", "fire chief Amara Diallo", "the market's organisers").
_FUNCTION = frozenset("""
and or but nor that which who whom whose what when where while as if because than then so not no
is was were are be been being has have had do does did will would can could should may might
must this these those there here it its also very just only even still too about after before
into onto over under with without by on up down out off again all any each every both such
last next ago yesterday today tonight week weeks month months year years night morning evening weekend
""".split())
_MAX_LOOSE = 2


def _loose_noun(t: Token) -> bool:
    """A lower-case word that may name or qualify a source ("harbour", "organisers")."""
    low = t.lower
    return (t.is_word and not t.is_capitalised and _base(low).replace("-", "").isalpha()
            and low not in _FUNCTION and low not in C.CUE_WORDS and not low.endswith("ly"))


def _determined(toks: list[Token], j: int) -> bool:
    """A determiner, a possessive or a name within three words before ``j``: the lower-case
    word at ``j`` is then inside a noun phrase, not a verb or the end of a clause."""
    for k in range(j - 1, max(-1, j - 4), -1):
        t = toks[k]
        if not t.is_word:
            return _plural_possessive(toks, k)  # "Supporters' trust chairman"
        if t.lower in C.DETERMINERS or t.lower != _base(t.lower) or (t.is_capitalised and t.lower not in _NOT_SOURCE):
            return True
        if t.lower in _FUNCTION:
            return False
    return False


_WHEN = frozenset("yesterday today tonight".split())
# Verbs that only report speech: a manner adverb may stand before them ("Voss tearfully
# told"); before "added" or "found" it is the verb's ("the census wrongly added").
_SAYING = frozenset("said says told tells replied insisted admitted confessed wrote writes asked "
                    "declared announced explained".split())
_PERIODS = frozenset("night week month year weekend morning evening afternoon".split())


def _manner_adverb(t: Token) -> bool:
    """"tearfully", "angrily" between a source and its cue ("Voss tearfully told"); not a
    noun that ends so ("family", "ally")."""
    low = t.lower
    return (len(low) > 4 and low.endswith("ly") and low.isalpha() and not t.is_capitalised
            and low not in C.SOURCE_NOUNS and low not in _NOT_ADVERBS)


_NOT_ADVERBS = frozenset("assembly supply reply rally belly jelly bully monopoly italy july anomaly homily".split())


def _made_by(toks: list[Token], k: int) -> bool:
    """``toks[k]`` is "by" after a document ("a report by"), or a participle before that "by"
    ("tests commissioned by", "a poll run by")."""
    low = toks[k].lower
    if low == "by":
        return k > 0 and (_base(toks[k - 1].lower) in C.DOCUMENT_WORDS or toks[k - 1].lower in _MAKING)
    return low in _MAKING and k + 1 < len(toks) and toks[k + 1].lower == "by" and k > 0 and \
        _base(toks[k - 1].lower) in C.DOCUMENT_WORDS


_OWN_OUTLET = frozenset("newspaper paper website magazine programme program reporter correspondent".split())
# How a document came to be, before "by" ("commissioned by", "run by").
_MAKING = frozenset("seen obtained published released leaked cited commissioned compiled prepared issued reviewed "
                    "run conducted carried funded written produced led".split())


def _plural_possessive(toks: list[Token], k: int) -> bool:
    """An apostrophe closing a plural's possessive ("Teachers’ Union", "the workers' union"):
    right after a name or source noun ending in s, a word right after it (not the closing
    mark of 'a quote ending in buses' before a name)."""
    t = toks[k]
    if not (t.text in ("'", "\u2019") and 0 < k < len(toks) - 1):
        return False
    before, after = toks[k - 1], toks[k + 1]
    return (before.end == t.start and before.lower.endswith("s") and after.start == t.end + 1 and after.is_word
            and before.is_word and (before.is_capitalised or before.lower in C.SOURCE_NOUNS))


def _sentence_initial(tokens: list[Token], i: int, text: str) -> bool:
    if i == 0:
        return True
    prev = tokens[i - 1]
    return prev.text in ".!?:;\"\u201c\u201d" or "\n" in text[prev.end:tokens[i].start]


def source_before(text: str, index: TokenIndex, cue_start: int) -> Source | None:
    """The source ending just before a cue: "the minister said", "Mustafa Bali said",
    "Claudio De Vincenti, undersecretary to the prime minister, said", "she said"."""
    toks = index.tokens
    i = index.before(cue_start)
    speech = index.at_or_after(cue_start) < len(toks) and toks[index.at_or_after(cue_start)].lower in _SAYING
    while i >= 0:
        if toks[i].lower in C.AUXILIARIES or toks[i].lower in _WHEN or speech and _manner_adverb(toks[i]):
            i -= 1
        elif i > 0 and toks[i].lower in _PERIODS and toks[i - 1].lower in ("last", "this"):
            i -= 2  # "Experts last night warned"
        else:
            break
    if i < 0 or "\n" in text[toks[i].end:cue_start]:
        return None
    if toks[i].lower in C.PRONOUNS:
        return Source(toks[i].start, toks[i].end, [toks[i]], pronoun=True)
    if toks[i].text == ",":
        return _appositive(text, toks, i)
    if toks[i].lower == "who" and i > 1 and toks[i - 1].text == ",":
        # "fury among campaigners, who say": the relative pronoun's noun is the source (a
        # short noun phrase: not "He traveled to Florida to meet with Devocht, who had told")
        noun = _collect_backwards(text, toks, i - 2)
        if noun is None:
            return None
        words = list(noun.words)
        k = len(words)
        while k > 0 and len(words) - k < 4 and (words[k - 1].is_capitalised or words[k - 1].lower in C.DETERMINERS
                                                 or _base(words[k - 1].lower) in C.SOURCE_NOUNS | C.MODIFIERS):
            k -= 1
            if words[k].lower in C.DETERMINERS:
                break
        words = words[k:]
        if not words or words[0].lower in C.PRONOUNS or not any(
                _base(t.lower) in C.SOURCE_NOUNS or t.is_capitalised and t.lower not in C.DETERMINERS for t in words):
            return None
        return Source(words[0].start, toks[i].end, words)
    return _collect_backwards(text, toks, i)


def _collect_backwards(text: str, toks: list[Token], i: int) -> Source | None:
    words: list[Token] = []
    loose = 0
    j = i
    while j >= 0 and len(words) < _MAX_WORDS:
        t = toks[j]
        if words and _plural_possessive(toks, j):
            words.insert(0, t)
            j -= 1
            continue
        if words and _made_by(toks, j):
            # "an investigation by the Sunday Example", "tests commissioned by this newspaper":
            # who made a document belongs to it
            words.insert(0, t)
            j -= 1
            continue
        own = t.lower in ("this", "our") and bool(words) and words[0].lower in _OWN_OUTLET  # "this newspaper"
        if not own and not _is_source_word(t, _sentence_initial(toks, j, text)):
            # A lower-case head ("the operator said") or a title before a name ("ferry operator
            # BlueLine", "local councillor Tom Reyes").
            title = bool(words) and words[0].is_capitalised and t.lower not in C.DETERMINERS
            if not (_loose_noun(t) and loose < _MAX_LOOSE and (title or _determined(toks, j))):
                break
            loose += 1
        if j < i and "\n" in text[t.end:toks[j + 1].start]:
            break
        words.insert(0, t)
        if t.lower in C.DETERMINERS and not (j > 0 and (toks[j - 1].lower in _LINKS or _made_by(toks, j - 1))):
            break
        j -= 1
    while words and (words[0].lower in (C.CONNECTORS | _LINKS | _MAKING | {"by"}) - {"the"}):
        words.pop(0)
    while words and words[-1].lower in C.CONNECTORS | C.DETERMINERS | _LINKS:
        words.pop()
    if not words or not any(t.is_capitalised and t.lower not in C.DETERMINERS or _base(t.lower) in C.SOURCE_NOUNS
                            or _is_age_noun(t.lower) for t in words) and not (words[0].lower in C.DETERMINERS or words[0].lower != _base(words[0].lower)):
        return None
    if all(t.lower in (C.MODIFIERS - C.SOURCE_NOUNS) | C.DETERMINERS | C.CONNECTORS for t in words):
        return None
    return Source(words[0].start, words[-1].end, words)


# The longest apposition looked through ("undersecretary to the prime minister", "who has
# watched Town from the terraces for more than half a century").
_APPOSITION_TOKENS = 20


def _appositive(text: str, toks: list[Token], comma: int) -> Source | None:
    """"Name, apposition, cue": the source runs from the name to the cue. Two appositions
    may follow the name: an age and a relative clause ("Derek Nolan, 61, who scooped £7.5
    million in 2019, told this newspaper")."""
    segments = 0
    limit = comma - _APPOSITION_TOKENS
    j = comma - 1
    while j > max(-1, limit):
        t = toks[j]
        if "\n" in text[t.end:toks[j + 1].start] or t.text in "!?;:\"\u201c\u201d" or t.text == "." and not _decimal(text, t):
            return None
        if t.text == ",":
            segments += 1
            name = _collect_backwards(text, toks, j - 1)
            apposition = toks[j + 1:comma]
            if name is None:
                if segments < 2:  # an age between commas: look for the name before it
                    limit = j - _APPOSITION_TOKENS
                    j -= 1
                    continue
                return None
            if name.has_proper_name:
                return Source(name.start, toks[comma - 1].end, name.words, described_as=apposition)
            # "The minister, John Smith, said", "the owners, Coastline Leisure, insisted": the
            # name is in the apposition, the noun phrase before it describes the source.
            named = Source(apposition[0].start, apposition[-1].end, apposition) if apposition else None
            if named is not None and len(apposition) <= 5 and named.has_proper_name and all(
                    t.is_capitalised or t.lower in C.CONNECTORS for t in apposition):
                return Source(name.start, toks[comma - 1].end, apposition, described_as=name.words)
            # "A neighbour, who did not want to be named, said", "A confidential report, seen
            # by this newspaper, said": a relative or participle clause about an unnamed source.
            if apposition and (apposition[0].lower in ("who", "whose", "which") or apposition[0].lower in _MAKING) \
                    and segments == 1:
                return Source(name.start, toks[comma - 1].end, name.words, described_as=apposition)
            return None
        j -= 1
    return None


def _decimal(text: str, dot: Token) -> bool:
    """A point between digits ("7.5"), not a full stop."""
    return 0 < dot.start and dot.end < len(text) and text[dot.start - 1].isdigit() and text[dot.end].isdigit()
