"""Compare suggestions with gold spans: precision, recall and F1 per tag, for exact and for
overlapping boundaries, and the share of gold passages a coder accepts with one key."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.core.suggestions.model import SCARE, Suggestion

SCARE_LABEL_SUFFIX = " (scare quotes)"


@dataclass(frozen=True)
class GoldSpan:
    """A passage a careful coder marked: ``doc`` is an article id (or any document key)."""

    doc: str
    tag: str
    start: int
    end: int


def label_of(s: Suggestion) -> str:
    """The tag a suggestion is scored under: scare quotes are not speech, so they are scored
    apart from the tag's quotes (``Quote (scare quotes)``)."""
    return s.tag + SCARE_LABEL_SUFFIX if s.kind == SCARE else s.tag


@dataclass
class Match:
    """Precision, recall and F1 for one way of matching."""

    suggested_hits: int = 0
    suggested: int = 0
    gold_hits: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.suggested_hits / self.suggested if self.suggested else None

    @property
    def recall(self) -> float | None:
        return self.gold_hits / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def add(self, other: "Match") -> None:
        self.suggested_hits += other.suggested_hits
        self.suggested += other.suggested
        self.gold_hits += other.gold_hits
        self.gold += other.gold

    def to_json(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "suggested": self.suggested, "gold": self.gold}


@dataclass
class TagScores:
    tag: str
    exact: Match = field(default_factory=Match)
    overlap: Match = field(default_factory=Match)
    missed: list[GoldSpan] = field(default_factory=list)  # gold with no overlapping suggestion
    wrong: list[tuple[str, Suggestion]] = field(default_factory=list)  # suggestions overlapping no gold

    @property
    def one_key_share(self) -> float | None:
        """Gold passages with a suggestion of their tag right to the character."""
        return self.exact.recall

    def to_json(self) -> dict:
        return {"tag": self.tag, "exact": self.exact.to_json(), "overlap": self.overlap.to_json(),
                "one_key_share": self.one_key_share}


def evaluate(gold: Iterable[GoldSpan], suggested: dict[str, list[Suggestion]],
             tags: Iterable[str] | None = None) -> list[TagScores]:
    """Score ``suggested`` (per document key) against ``gold``, per tag, then over all tags
    (the last row, tag ``"(all tags)"``). Only documents that have gold are scored.
    ``tags`` limits the rows; by default every tag seen in gold or suggestions."""
    gold_by: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    docs = set()
    for g in gold:
        gold_by[(g.tag, g.doc)].append((g.start, g.end))
        docs.add(g.doc)
    sugg_by: dict[tuple[str, str], list[Suggestion]] = defaultdict(list)
    for doc, items in suggested.items():
        if doc in docs:
            for s in items:
                sugg_by[(label_of(s), doc)].append(s)
    labels = sorted({t for t, _ in gold_by} | {t for t, _ in sugg_by}) if tags is None else list(tags)
    rows = []
    total = TagScores("(all tags)")
    for label in labels:
        row = TagScores(label)
        for doc in sorted(docs):
            _score_doc(row, doc, gold_by.get((label, doc), []), sugg_by.get((label, doc), []))
        total.exact.add(row.exact)
        total.overlap.add(row.overlap)
        rows.append(row)
    rows.append(total)
    return rows


def _score_doc(row: TagScores, doc: str, gold: list[tuple[int, int]], suggestions: list[Suggestion]) -> None:
    gold_set = set(gold)
    spans = sorted({(s.start, s.end) for s in suggestions})
    ends_sorted = sorted(gold)
    row.exact.gold += len(gold)
    row.overlap.gold += len(gold)
    row.exact.suggested += len(spans)
    row.overlap.suggested += len(spans)
    row.exact.gold_hits += sum(1 for g in gold if g in set(spans))
    row.exact.suggested_hits += sum(1 for s in spans if s in gold_set)
    for g in gold:
        if any(_overlaps(g, s) for s in _near(spans, g)):
            row.overlap.gold_hits += 1
        else:
            row.missed.append(GoldSpan(doc, row.tag, *g))
    by_span = {(s.start, s.end): s for s in suggestions}
    for s in spans:
        if any(_overlaps(s, g) for g in _near(ends_sorted, s)):
            row.overlap.suggested_hits += 1
        else:
            row.wrong.append((doc, by_span[s]))


def _near(sorted_spans: list[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    # Spans are short next to an article: look at those starting before this one ends.
    i = bisect.bisect_left(sorted_spans, (span[1], span[1]))
    return sorted_spans[:i]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
