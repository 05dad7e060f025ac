"""The records agreement statistics take and give: plain data, no project, no Qt.

Input is one :class:`ArticleCoding` per article (its length in code points and every coder's
spans); output is an :class:`AgreementReport`. A measure that is undefined for the data (for
example kappa when both coders used one category only) is ``None``, never a made-up number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

NONE_LABEL = "(none)"  # the category of a character no tag covers
ALL_TAGS = "(all tags)"  # the row of a table that pools every tag


class CodedSpan(NamedTuple):
    """One coder's tag on ``text[start:end]`` (code points, end exclusive)."""

    annotator: str
    tag: str
    start: int
    end: int


@dataclass
class ArticleCoding:
    """What the coders did in one article.

    ``coders`` names who coded the article; when ``None`` it is everyone with at least one span
    here (an article with no spans by a coder cannot be told apart from one the coder never read).
    """

    article_id: str
    length: int
    spans: Sequence[tuple[str, str, int, int]] = ()  # CodedSpan or plain tuples
    coders: frozenset[str] | None = None

    def coded_by(self) -> frozenset[str]:
        if self.coders is not None:
            return self.coders
        return frozenset(s[0] for s in self.spans)


@dataclass
class SpanScores:
    """Span-level matching of B's spans against A's (A is the reference)."""

    matched: int = 0
    a_spans: int = 0
    b_spans: int = 0

    @property
    def precision(self) -> float | None:
        """Matched / B's spans; ``None`` when B has none."""
        return self.matched / self.b_spans if self.b_spans else None

    @property
    def recall(self) -> float | None:
        """Matched / A's spans; ``None`` when A has none."""
        return self.matched / self.a_spans if self.a_spans else None

    @property
    def f1(self) -> float | None:
        """2·matched / (A's + B's spans): the harmonic mean of precision and recall, and 0 (not
        undefined) when one coder has spans and the other none."""
        total = self.a_spans + self.b_spans
        return 2 * self.matched / total if total else None

    def to_json(self) -> dict:
        return {
            "matched": self.matched, "a_spans": self.a_spans, "b_spans": self.b_spans,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }


@dataclass
class TagAgreement:
    """Agreement of two coders on one tag (or on all tags, ``tag == ALL_TAGS``)."""

    tag: str
    kappa: float | None
    alpha: float | None
    exact: SpanScores
    overlap: SpanScores
    a_characters: int = 0  # characters A covered with the tag (any tag for ALL_TAGS)
    b_characters: int = 0
    both_characters: int = 0  # covered by both

    def to_json(self) -> dict:
        return {
            "tag": self.tag, "kappa": self.kappa, "alpha": self.alpha,
            "exact": self.exact.to_json(), "overlap": self.overlap.to_json(),
            "a_characters": self.a_characters, "b_characters": self.b_characters,
            "both_characters": self.both_characters,
        }


@dataclass
class ArticleAgreement:
    """Two coders on one article, to find where they diverge most (lowest kappa first)."""

    article_id: str
    characters: int
    differing_characters: int  # characters whose combined label differs between A and B
    kappa: float | None
    alpha: float | None
    exact: SpanScores
    overlap: SpanScores

    def to_json(self) -> dict:
        return {
            "article_id": self.article_id, "characters": self.characters,
            "differing_characters": self.differing_characters, "kappa": self.kappa,
            "alpha": self.alpha, "exact": self.exact.to_json(), "overlap": self.overlap.to_json(),
        }


@dataclass
class Confusion:
    """Characters A labelled ``labels[i]`` and B labelled ``labels[j]``: ``counts[i][j]``.

    Labels are the tags plus :data:`NONE_LABEL`. A character under two tags of one coder counts
    in each of their rows (or columns), so rows need not add up to the character total.
    """

    labels: list[str]
    counts: list[list[int]]

    def to_json(self) -> dict:
        return {"labels": self.labels, "counts": self.counts}


@dataclass
class PairAgreement:
    """Everything measured for one pair of coders."""

    a: str
    b: str
    articles: int  # articles both coded: the ones measured
    excluded_articles: list[str]  # ids of articles only one of the two coded
    characters: int  # characters of the measured articles
    overall: TagAgreement  # tag == ALL_TAGS
    per_tag: list[TagAgreement]
    confusion: Confusion
    per_article: list[ArticleAgreement] = field(default_factory=list)

    def tag(self, name: str) -> TagAgreement:
        return next(t for t in self.per_tag if t.tag == name)

    def to_json(self) -> dict:
        return {
            "a": self.a, "b": self.b, "articles": self.articles,
            "excluded_articles": len(self.excluded_articles),
            "excluded_article_ids": self.excluded_articles, "characters": self.characters,
            "overall": self.overall.to_json(), "per_tag": [t.to_json() for t in self.per_tag],
            "confusion": self.confusion.to_json(),
            "per_article": [a.to_json() for a in self.per_article],
        }


@dataclass
class GroupAlpha:
    """Krippendorff's alpha across all the chosen coders (useful with three or more)."""

    annotators: list[str]
    articles: int  # articles at least two of them coded
    excluded_articles: list[str]  # articles only one of them coded
    overall: float | None
    per_tag: dict[str, float | None]

    def to_json(self) -> dict:
        return {
            "annotators": self.annotators, "articles": self.articles,
            "excluded_articles": len(self.excluded_articles),
            "excluded_article_ids": self.excluded_articles,
            "overall": self.overall, "per_tag": self.per_tag,
        }


@dataclass
class AgreementReport:
    annotators: list[str]
    tags: list[str]
    pairs: list[PairAgreement]
    group: GroupAlpha

    def pair(self, a: str, b: str) -> PairAgreement:
        return next(p for p in self.pairs if {p.a, p.b} == {a, b})

    def to_json(self) -> dict:
        return {
            "annotators": self.annotators, "tags": self.tags,
            "pairs": [p.to_json() for p in self.pairs], "all_annotators": self.group.to_json(),
        }
