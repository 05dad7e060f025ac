"""The review diff between two coders, and decisions written to the reviewed layer (undoable)."""

from __future__ import annotations

import pytest

from annotator.actions import review
from annotator.core.model import Annotation
from annotator.core.review import REVIEWED, Decision, DifferenceKind, diff
from annotator.storage import InvalidAnnotationError
from review_fixtures import add_article, annotate, tag_id


def make(annotator, tag, start, end, article="a1"):
    return Annotation(article_id=article, tag_id=tag, start=start, end=end, text="x" * (end - start),
                      annotator=annotator)


# -- the diff (pure) ------------------------------------------------------------------------------

def kinds(differences):
    return [d.kind for d in differences]


def test_same_tag_and_bounds_agree():
    assert kinds(diff([make("A", "claim", 0, 10)], [make("B", "claim", 0, 10)])) == [DifferenceKind.AGREE]


def test_same_tag_overlapping_is_a_boundary_difference():
    result = diff([make("A", "claim", 0, 10)], [make("B", "claim", 5, 12)])
    assert kinds(result) == [DifferenceKind.BOUNDARIES]
    assert (result[0].start, result[0].end) == (0, 12)


def test_different_tag_on_the_same_passage_is_a_tag_difference():
    assert kinds(diff([make("A", "claim", 0, 10)], [make("B", "quote", 0, 10)])) == [DifferenceKind.TAG]


def test_different_tag_on_an_overlapping_passage_is_a_tag_difference():
    assert kinds(diff([make("A", "claim", 0, 10)], [make("B", "quote", 8, 20)])) == [DifferenceKind.TAG]


def test_unpaired_annotations_are_a_only_and_b_only():
    result = diff([make("A", "claim", 0, 10)], [make("B", "claim", 20, 30)])
    assert kinds(result) == [DifferenceKind.A_ONLY, DifferenceKind.B_ONLY]
    assert result[0].b is None and result[1].a is None


def test_a_boundary_pairing_takes_the_larger_overlap_and_leaves_the_rest():
    a = make("A", "claim", 0, 10)
    small, large = make("B", "claim", 0, 2), make("B", "claim", 3, 12)
    result = diff([a], [small, large])
    assert [(d.kind, d.b.id) for d in result] == [(DifferenceKind.B_ONLY, small.id), (DifferenceKind.BOUNDARIES, large.id)]


def test_exact_agreement_is_paired_before_overlaps():
    a1, a2 = make("A", "claim", 0, 10), make("A", "claim", 5, 15)
    b = make("B", "claim", 5, 15)
    result = diff([a1, a2], [b])
    assert [(d.kind, d.a.id) for d in result] == [(DifferenceKind.A_ONLY, a1.id), (DifferenceKind.AGREE, a2.id)]


def test_the_order_is_by_position_and_stable():
    a = [make("A", "claim", 40, 50), make("A", "quote", 0, 5), make("A", "claim", 20, 25)]
    b = [make("B", "claim", 20, 25), make("B", "source", 60, 70)]
    first = diff(a, b)
    assert [d.start for d in first] == [0, 20, 40, 60]
    assert [d.key for d in diff(list(reversed(a)), list(reversed(b)))] == [d.key for d in first]


def test_the_pair_names_default_to_the_annotators():
    result = diff([make("ann", "claim", 0, 3)], [make("ben", "claim", 5, 9)])
    assert {(d.annotator_a, d.annotator_b) for d in result} == {("ann", "ben")}


# -- decisions on a project -----------------------------------------------------------------------

@pytest.fixture
def coded(project):
    """An article where ann and ben disagree on a boundary and each has one of their own."""
    article = add_article(project)
    annotate(project, article, "ann", "Claim", 0, 53)
    annotate(project, article, "ben", "Claim", 4, 53)
    annotate(project, article, "ann", "Sensational language", 72, 89)
    annotate(project, article, "ben", "Source attribution", 91, 115)
    annotate(project, article, "ann", "Quote", 120, 130)
    annotate(project, article, "ben", "Quote", 120, 130)
    return project, article


def reviewed_layer(project, article):
    return project.annotations.for_article(article, [REVIEWED])


def test_differences_of_an_article(coded):
    project, article = coded
    result = review.differences(project, article, "ann", "ben")
    assert kinds(result) == [DifferenceKind.BOUNDARIES, DifferenceKind.A_ONLY, DifferenceKind.B_ONLY, DifferenceKind.AGREE]


def test_accept_a_writes_a_copy_to_the_reviewed_layer_with_the_reviewer(coded):
    project, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    result = review.decide(project, difference, Decision.ACCEPT_A, "rita", comment="A has the subject")
    [written] = reviewed_layer(project, article)
    assert (written.annotator, written.reviewer) == (REVIEWED, "rita")
    assert (written.start, written.end, written.tag_id) == (0, 53, difference.a.tag_id)
    assert written.id not in (difference.a.id, difference.b.id)
    stored = project.reviews.get(result.decision.id)
    assert (stored.decision, stored.comment, stored.result_ids) == (Decision.ACCEPT_A, "A has the subject", [written.id])


def test_accept_both_writes_two_and_reject_writes_none(coded):
    project, article = coded
    first, second = review.differences(project, article, "ann", "ben")[:2]
    review.decide(project, first, "accept_both", "rita")
    review.decide(project, second, "reject", "rita")
    assert len(reviewed_layer(project, article)) == 2
    assert project.reviews.count() == 2


def test_edit_writes_the_reviewers_version(coded, project):
    _, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    edited = Annotation(article_id=article, tag_id=tag_id(project, "Claim"), start=4, end=30, text="",
                        annotator="x", note="trimmed")
    review.decide(project, difference, Decision.EDIT, "rita", edited=edited)
    [written] = reviewed_layer(project, article)
    assert (written.start, written.end, written.note) == (4, 30, "trimmed")
    assert written.text == project.articles.text(article)[4:30]


def test_an_edit_outside_the_text_is_refused_and_writes_nothing(coded, project):
    _, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    edited = Annotation(article_id=article, tag_id=tag_id(project, "Claim"), start=4, end=10_000, text="", annotator="x")
    with pytest.raises((InvalidAnnotationError, ValueError)):
        review.decide(project, difference, Decision.EDIT, "rita", edited=edited)
    assert reviewed_layer(project, article) == [] and project.reviews.count() == 0


def test_a_decision_that_does_not_fit_is_refused(coded):
    project, article = coded
    a_only = review.differences(project, article, "ann", "ben")[1]
    with pytest.raises(ValueError, match="accept_b does not apply"):
        review.decide(project, a_only, Decision.ACCEPT_B, "rita")
    with pytest.raises(ValueError, match="reviewer"):
        review.decide(project, a_only, Decision.ACCEPT_A, "  ")


def test_undo_restores_the_layer_and_the_record(coded):
    project, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    result = review.decide(project, difference, Decision.ACCEPT_BOTH, "rita")
    review.undo_decision(project, result)
    assert reviewed_layer(project, article) == [] and project.reviews.count() == 0


def test_redo_after_undo_puts_back_the_same_annotations(coded):
    project, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    result = review.decide(project, difference, Decision.ACCEPT_B, "rita")
    review.undo_decision(project, result)
    review.redo_decision(project, result)
    assert [a.id for a in reviewed_layer(project, article)] == [a.id for a in result.added]
    assert project.reviews.get(result.decision.id) is not None


def test_a_new_decision_replaces_the_old_and_undo_brings_the_old_back(coded):
    project, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    first = review.decide(project, difference, Decision.ACCEPT_A, "rita")
    second = review.decide(project, difference, Decision.ACCEPT_B, "rita")
    assert second.replaced.id == first.decision.id
    assert [a.start for a in reviewed_layer(project, article)] == [4]
    review.undo_decision(project, second)
    assert [a.id for a in reviewed_layer(project, article)] == [first.added[0].id]
    assert project.reviews.get(first.decision.id) is not None


def test_progress_counts_settled_disagreements(coded):
    project, article = coded
    assert review.review_progress(project, "ann", "ben")[article].disagreements == 3
    difference = review.article_review(project, article, "ann", "ben").unsettled()[0]
    review.decide(project, difference, Decision.REJECT, "rita")
    progress = review.review_progress(project, "ann", "ben")[article]
    assert (progress.disagreements, progress.settled, progress.done) == (3, 1, False)


def test_settling_agreements_copies_them_once(coded):
    project, article = coded
    assert len(review.settle_agreements(project, article, "ann", "ben", "rita")) == 1
    assert review.settle_agreements(project, article, "ann", "ben", "rita") == []
    assert [(a.start, a.end) for a in reviewed_layer(project, article)] == [(120, 130)]


def test_article_review_reports_decisions_by_difference(coded):
    project, article = coded
    difference = review.differences(project, article, "ann", "ben")[0]
    review.decide(project, difference, Decision.REJECT, "rita")
    state = review.article_review(project, article, "ann", "ben")
    assert state.decision_for(state.differences[0]).decision is Decision.REJECT
    assert len(state.unsettled()) == 2


def test_diff_takes_light_span_refs_too():
    from annotator.core.review import SpanRef

    a = [SpanRef("a1", "art", "A", "claim", 0, 10)]
    b = [SpanRef("b1", "art", "B", "claim", 2, 10), SpanRef("b2", "art", "B", "quote", 20, 25)]
    assert kinds(diff(a, b)) == [DifferenceKind.BOUNDARIES, DifferenceKind.B_ONLY]
