"""ProjectSession: changes are written before they are announced, and undo works everywhere."""

import pytest

from tagging_fixtures import session, stored_rows, tag_id, tagging_project  # noqa: F401

from annotator.core.model import Status
from annotator.storage.errors import InvalidAnnotationError


def test_row_is_committed_before_the_added_signal(qtbot, session):
    seen = []
    session.annotationAdded.connect(lambda a: seen.append(session.project.annotations.get(a.id)))
    session.add_annotation(tag_id(session, "Claim"), 4, 12)
    assert seen[0] is not None and seen[0].text == "minister"


def test_bad_span_raises_and_leaves_no_undo_step(session):
    with pytest.raises(InvalidAnnotationError):
        session.add_annotation(tag_id(session, "Claim"), 5, 5000)
    assert session.undo_stack.count() == 0


def test_no_annotator_name_refuses_to_tag(session):
    session.annotator = ""
    with pytest.raises(InvalidAnnotationError):
        session.add_annotation(tag_id(session, "Claim"), 0, 3)


def test_annotator_name_is_recorded(qtbot, session):
    with qtbot.waitSignal(session.annotatorChanged) as changed:
        session.set_annotator("  bo ")
    assert changed.args == ["bo"]
    annotation = session.add_annotation(tag_id(session, "Claim"), 0, 3)
    assert annotation.annotator == "bo"


def test_set_status_is_undoable(qtbot, session):
    with qtbot.waitSignal(session.articleStatusChanged) as changed:
        session.set_status(session.article_id, Status.DONE)
    assert changed.args == [session.article_id, "done"]
    assert session.undo_stack.undoText() == "Mark Done"
    session.undo_stack.undo()
    assert session.project.articles.get(session.article_id).status is Status.TODO


def test_remove_undo_redo_round_trip(session):
    annotation = session.add_annotation(tag_id(session, "Claim"), 4, 12)
    session.remove_annotation(annotation.id)
    assert stored_rows(session.project, session.article_id) == []
    session.undo_stack.undo()
    assert session.project.annotations.get(annotation.id) == annotation
    session.undo_stack.redo()
    assert session.project.annotations.get(annotation.id) is None


def test_update_of_bounds_recopies_the_passage(session):
    annotation = session.add_annotation(tag_id(session, "Claim"), 4, 12)
    updated = session.update_annotation(annotation.__class__(**{**annotation.__dict__, "end": 17}))
    assert updated.text == "minister said"
    assert session.project.annotations.get(annotation.id).text == "minister said"


def test_redo_on_another_article_reopens_it(qtbot, session):
    session.add_annotation(tag_id(session, "Claim"), 4, 12)
    plain = session.article_id
    session.undo_stack.undo()
    session.open_article(session.ids["other"])
    with qtbot.waitSignal(session.articleOpened):
        session.undo_stack.redo()
    assert session.article_id == plain
    assert [a.text for a in session.annotations()] == ["minister"]


def test_selection_is_cleared_when_its_annotation_is_removed(session):
    annotation = session.add_annotation(tag_id(session, "Claim"), 4, 12)
    session.select_annotation(annotation)
    session.remove_annotation(annotation.id)
    assert session.selected is None


def test_refs_are_light_and_in_text_order(session):
    session.add_annotation(tag_id(session, "Claim"), 20, 30)
    session.add_annotation(tag_id(session, "Quote"), 4, 12)
    assert [(r.start, r.end, r.annotator) for r in session.refs()] == [(4, 12, "ana"), (20, 30, "ana")]


def test_opening_an_unknown_article_raises(session):
    with pytest.raises(KeyError):
        session.open_article("nope")


def test_undo_action_names_the_step(qtbot, session):
    action = session.undo_stack.createUndoAction(session, "Undo")
    session.add_annotation(tag_id(session, "Quote"), 4, 12)
    assert action.text() == "Undo Add Quote"


def test_refs_stay_sorted_through_adds_moves_and_removals(session):
    claim = tag_id(session, "Claim")
    late = session.add_annotation(claim, 40, 50)
    assert [r.start for r in session.refs()] == [40]
    early = session.add_annotation(claim, 4, 12)
    session.add_annotation(claim, 20, 30)
    session.update_annotation(late.__class__(**{**late.__dict__, "start": 0, "end": 3}))
    session.remove_annotation(early.id)
    assert [(r.start, r.end) for r in session.refs()] == [(0, 3), (20, 30)]
    session.set_hidden_annotators({"ana"})
    assert session.refs() == []
