"""Settling the differences between two coders into the reviewed layer, undoably.

A decision writes annotations under annotator ``reviewed`` (with the reviewer's name) and a
record in ``review_decisions``, in one transaction. :func:`decide` returns a
:class:`ReviewResult` holding everything needed to take it back (:func:`undo_decision`) and to
put it back exactly (:func:`redo_decision`), which is what a ``QUndoCommand`` wraps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.model import Annotation
from annotator.core.review import (
    REVIEWED,
    Decision,
    Difference,
    DifferenceKind,
    ReviewDecision,
    SpanRef,
    diff,
    reviewed_annotations,
)
from annotator.storage import Project
from annotator.storage.agreement_queries import span_refs

__all__ = [
    "REVIEWED", "ArticleReview", "ReviewProgress", "ReviewResult", "article_review", "decide",
    "differences", "redo_decision", "review_progress", "settle_agreements", "undo_decision",
]


@dataclass
class ReviewResult:
    """What one decision changed."""

    decision: ReviewDecision
    added: list[Annotation]  # reviewed annotations written
    replaced: ReviewDecision | None = None  # an earlier decision on the same difference
    removed: list[Annotation] = field(default_factory=list)  # its reviewed annotations


@dataclass
class ArticleReview:
    """An article's differences between A and B, and the decisions already taken on them."""

    article_id: str
    differences: list[Difference]
    decisions: dict[tuple[str, str], ReviewDecision]  # by Difference.key

    def decision_for(self, difference: Difference) -> ReviewDecision | None:
        return self.decisions.get(difference.key)

    @property
    def disagreements(self) -> list[Difference]:
        return [d for d in self.differences if d.is_disagreement]

    def unsettled(self) -> list[Difference]:
        return [d for d in self.disagreements if d.key not in self.decisions]


@dataclass
class ReviewProgress:
    """How far the review of one article has come, for the corpus list."""

    article_id: str
    disagreements: int
    settled: int  # disagreements with a decision

    @property
    def done(self) -> bool:
        return self.settled >= self.disagreements


def differences(project: Project, article_id: str, annotator_a: str, annotator_b: str) -> list[Difference]:
    """The article's differences between A and B, in text order (agreements included)."""
    rows = project.annotations.for_article(article_id, [annotator_a, annotator_b])
    return diff(
        [a for a in rows if a.annotator == annotator_a],
        [b for b in rows if b.annotator == annotator_b],
        annotator_a=annotator_a, annotator_b=annotator_b,
    )


def article_review(project: Project, article_id: str, annotator_a: str, annotator_b: str) -> ArticleReview:
    decided = project.reviews.for_article(article_id, annotator_a, annotator_b)
    return ArticleReview(
        article_id=article_id,
        differences=differences(project, article_id, annotator_a, annotator_b),
        decisions={d.key: d for d in decided},
    )


def decide(
    project: Project,
    difference: Difference,
    decision: Decision | str,
    reviewer: str,
    comment: str = "",
    edited: Annotation | None = None,
) -> ReviewResult:
    """Settle ``difference``: write the reviewed annotations ``decision`` calls for and record
    the decision. A decision already taken on the same difference is replaced (and comes back
    on undo). ``edited`` (for ``edit``) carries the tag, bounds, note and fields chosen.
    Raises ``ValueError`` for a decision that does not fit or a missing reviewer name, and
    ``InvalidAnnotationError`` for edited bounds outside the text."""
    decision = Decision(decision)
    reviewer = reviewer.strip()
    if not reviewer:
        raise ValueError("a review decision needs the reviewer's name")
    if not difference.annotator_a or not difference.annotator_b:
        raise ValueError("the difference does not name the two annotators compared")
    text = project.articles.text(difference.article_id)
    if text is None:
        raise ValueError(f"no article {difference.article_id}")
    written = reviewed_annotations(difference, decision, reviewer, text, edited)
    record = ReviewDecision(
        article_id=difference.article_id, reviewer=reviewer, annotator_a=difference.annotator_a,
        annotator_b=difference.annotator_b, decision=decision, kind=difference.kind,
        a_annotation_id=difference.a_id, b_annotation_id=difference.b_id,
        result_ids=[a.id for a in written], comment=comment,
    )
    with project.db.atomic():
        previous = project.reviews.find(
            record.article_id, record.annotator_a, record.annotator_b, *record.key
        )
        removed: list[Annotation] = []
        if previous is not None:
            removed = [a for a in map(project.annotations.get, previous.result_ids) if a is not None]
            _take_back(project, previous, removed)
        project.annotations.add_many(written)
        project.reviews.add(record)
    return ReviewResult(decision=record, added=written, replaced=previous, removed=removed)


def undo_decision(project: Project, result: ReviewResult) -> None:
    """Take back what :func:`decide` did: its annotations and record go, a replaced decision
    and its annotations return."""
    with project.db.atomic():
        _take_back(project, result.decision, result.added)
        if result.replaced is not None:
            project.annotations.add_many(result.removed)
            project.reviews.add(result.replaced)


def redo_decision(project: Project, result: ReviewResult) -> None:
    """Apply an undone decision again, with the same ids (QUndoCommand.redo after an undo)."""
    with project.db.atomic():
        if result.replaced is not None:
            _take_back(project, result.replaced, result.removed)
        project.annotations.add_many(result.added)
        project.reviews.add(result.decision)


def _take_back(project: Project, decision: ReviewDecision, annotations: Iterable[Annotation]) -> None:
    for annotation in annotations:
        project.annotations.delete(annotation.id)
    project.reviews.delete(decision.id)


def settle_agreements(project: Project, article_id: str, annotator_a: str, annotator_b: str,
                      reviewer: str) -> list[ReviewResult]:
    """Accept every not yet settled agreement of the article into the reviewed layer (one
    decision each, so each can be undone; undo them in reverse order)."""
    review = article_review(project, article_id, annotator_a, annotator_b)
    return [
        decide(project, d, Decision.ACCEPT_A, reviewer)
        for d in review.differences
        if d.kind is DifferenceKind.AGREE and d.key not in review.decisions
    ]


def review_progress(
    project: Project, annotator_a: str, annotator_b: str, article_ids: Sequence[str] | None = None
) -> dict[str, ReviewProgress]:
    """Per article (import order) that either coder annotated: disagreements and how many are
    settled. Restricted to ``article_ids`` when given."""
    decided = project.reviews.keys_by_article(annotator_a, annotator_b)
    order = {article_id: i for i, article_id in enumerate(project.articles.ids())}
    by_article: dict[str, tuple[list[SpanRef], list[SpanRef]]] = {}
    for row in span_refs(project.db, [annotator_a, annotator_b], article_ids):
        ref = SpanRef(*row)
        pair = by_article.setdefault(ref.article_id, ([], []))
        pair[0 if ref.annotator == annotator_a else 1].append(ref)
    progress = {}
    for article_id in sorted(by_article, key=lambda i: order.get(i, len(order))):
        a_side, b_side = by_article[article_id]
        keys = decided.get(article_id, set())
        disagreements = [d for d in diff(a_side, b_side) if d.is_disagreement]
        progress[article_id] = ReviewProgress(
            article_id, len(disagreements), sum(d.key in keys for d in disagreements)
        )
    return progress
