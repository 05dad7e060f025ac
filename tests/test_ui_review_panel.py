"""Review mode in the window: the differences listed, decisions written and undone, moving
from one disagreement to the next across the corpus."""

from __future__ import annotations

import pytest

from annotator.core.review import REVIEWED, Decision, DifferenceKind
from annotator.ui.review_model import KindRole
from tests.ui_review_fixtures import session, two_coders  # noqa: F401 - fixtures


@pytest.fixture
def panel(qtbot, session):
    from annotator.ui.review_panel import ReviewPanel

    widget = ReviewPanel(session)
    qtbot.addWidget(widget)
    widget.set_pair("alice", "bob")
    session.open_article(session.project.ids[0])
    return widget


def kinds(panel) -> list[str]:
    return [panel.model.index(r).data(KindRole) for r in range(panel.model.rowCount())]


def reviewed(project, article_id):
    return project.annotations.for_article(article_id, [REVIEWED])


def test_lists_every_kind_of_disagreement_in_text_order(panel):
    assert kinds(panel) == [
        DifferenceKind.A_ONLY.value, DifferenceKind.B_ONLY.value,
        DifferenceKind.BOUNDARIES.value, DifferenceKind.TAG.value,
    ]


def test_agreements_are_drawn_but_not_listed(panel):
    assert DifferenceKind.AGREE.value not in kinds(panel)
    assert panel.view.extra_format_at(3) is not None  # "The minister said", tagged alike


def test_accept_a_writes_a_reviewed_annotation_with_the_reviewer(panel, session):
    panel.select_row(0)
    assert panel.decide(Decision.ACCEPT_A)
    [written] = reviewed(session.project, session.article_id)
    assert (written.start, written.end, written.reviewer) == (18, 53, "rita")


def test_undo_removes_the_reviewed_annotation_and_the_decision(panel, session):
    panel.select_row(0)
    panel.decide(Decision.ACCEPT_A)
    session.undo_stack.undo()
    assert reviewed(session.project, session.article_id) == []
    assert session.project.reviews.count() == 0
    assert panel.model.settled_count() == 0


def test_redo_puts_the_decision_back(panel, session):
    panel.select_row(0)
    panel.decide(Decision.ACCEPT_A)
    session.undo_stack.undo()
    session.undo_stack.redo()
    assert len(reviewed(session.project, session.article_id)) == 1
    assert panel.model.settled_count() == 1


def test_comment_is_recorded_with_the_decision(panel, session):
    panel.select_row(3)
    panel.comment.setText("the claim is the number, not the quote")
    panel.decide(Decision.ACCEPT_B)
    [decision] = session.project.reviews.for_article(session.article_id, "alice", "bob")
    assert decision.comment == "the claim is the number, not the quote"


def test_reject_settles_without_writing(panel, session):
    panel.select_row(1)
    panel.decide(Decision.REJECT)
    assert reviewed(session.project, session.article_id) == []
    assert panel.model.settled_count() == 1


def test_accept_b_is_refused_where_b_has_nothing(panel):
    panel.select_row(0)  # A only
    assert not panel.buttons[Decision.ACCEPT_B].isEnabled()


def test_decision_moves_on_to_the_next_unsettled(panel):
    panel.select_row(0)
    panel.decide(Decision.REJECT)
    assert panel.list.currentIndex().row() == 1


def test_decision_without_a_reviewer_name_is_refused_with_a_message(panel, session):
    session.annotator = ""
    panel.select_row(0)
    assert not panel.decide(Decision.ACCEPT_A)
    assert "reviewer" in panel.message.text()
    assert session.undo_stack.count() == 0


def show_active(qtbot, widget) -> None:
    # Shortcuts answer only in the active window.
    widget.show()
    widget.activateWindow()
    widget.list.setFocus()
    qtbot.waitUntil(widget.list.hasFocus, timeout=2000)


def test_next_key_moves_to_the_next_article_after_the_last_disagreement(panel, session, qtbot):
    from PySide6.QtCore import Qt

    show_active(qtbot, panel)
    panel.select_row(3)
    qtbot.keyClick(panel.list, Qt.Key.Key_F8)
    assert session.article_id == session.project.ids[1]
    assert panel.list.currentIndex().row() == 0


def test_previous_key_goes_back_to_the_last_disagreement_of_the_article_before(panel, session, qtbot):
    from PySide6.QtCore import Qt

    show_active(qtbot, panel)
    session.open_article(session.project.ids[1])
    qtbot.keyClick(panel.list, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert session.article_id == session.project.ids[0]
    assert panel.list.currentIndex().row() == 3


def test_next_skips_articles_where_the_coders_agree(panel, session):
    session.open_article(session.project.ids[1])
    panel.step(1)
    assert session.article_id == session.project.ids[1]
    assert "No more disagreements" in panel.message.text()


def test_accept_all_agreements_is_one_undo_step(panel, session):
    panel.accept_agreements()
    assert len(reviewed(session.project, session.article_id)) == 1
    session.undo_stack.undo()
    assert reviewed(session.project, session.article_id) == []


def test_edit_writes_the_reviewers_version(panel, session):
    from annotator.ui.review_edit_dialog import ReviewEditDialog

    panel.select_row(2)  # boundaries differ
    difference = panel.current_difference()
    dialog = ReviewEditDialog(session, difference, session.article.text)
    dialog.select(93, 115)
    assert panel.apply_decision(difference, Decision.EDIT, dialog.edited())
    [written] = reviewed(session.project, session.article_id)
    assert (written.start, written.end, written.text) == (93, 115, session.article.text[93:115])


def test_edit_dialog_takes_its_bounds_from_a_selection_in_the_text(panel, session, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QSpinBox

    from annotator.ui.review_edit_dialog import ReviewEditDialog

    panel.select_row(2)  # boundaries differ: alice 93-118, bob 93-111
    difference = panel.current_difference()
    text = session.article.text
    dialog = ReviewEditDialog(session, difference, text)
    qtbot.addWidget(dialog)
    assert dialog.findChildren(QSpinBox) == []  # no character-number boxes
    assert dialog.bounds() == (93, 118)  # starts from A's
    assert dialog.text_view.textCursor().selectedText() == text[93:118]
    view = dialog.text_view
    dialog.show()
    view.setFocus()
    caret = QTextCursor(view.document())
    caret.setPosition(94)  # a click inside the passage: the bounds stay
    view.setTextCursor(caret)
    assert dialog.bounds() == (93, 118)
    for _ in range(12):  # Shift+Right over "ccording to "
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.bounds() == (93, 105)  # snapped to the whole words "According to"
    assert dialog.passage.text() == "“According to”"
    dialog.whole_words.setChecked(False)
    assert dialog.bounds() == (94, 106)  # exactly what was selected
    edited = dialog.edited()
    assert (edited.start, edited.end, edited.text) == (94, 106, text[94:106])


def test_review_list_model_passes_the_model_tester(panel, qtmodeltester):
    qtmodeltester.check(panel.model)


def test_corpus_progress_counts_settled_articles(panel, session, qtbot):
    qtbot.waitUntil(lambda: panel.tracker.totals() is not None, timeout=10000)
    assert panel.tracker.totals() == (2, 0)
    session.open_article(session.project.ids[1])
    panel.select_row(0)
    panel.decide(Decision.ACCEPT_A)
    assert panel.tracker.totals() == (2, 1)


def test_undo_of_a_decision_on_another_article_brings_it_back(panel, session):
    panel.select_row(0)
    panel.decide(Decision.ACCEPT_A)
    session.open_article(session.project.ids[2])
    session.undo_stack.undo()
    assert session.article_id == session.project.ids[0]
    assert panel.model.settled_count() == 0


def test_the_session_hears_of_reviewed_annotations(panel, session):
    from annotator.ui.session import ProjectSession  # noqa: F401 - the hook under test

    panel.select_row(0)
    panel.decide(Decision.ACCEPT_A)
    assert REVIEWED in {a.annotator for a in session.annotations()}
    session.undo_stack.undo()
    assert REVIEWED not in {a.annotator for a in session.annotations()}


def test_corpus_count_appears_once_counted(panel, qtbot):
    qtbot.waitUntil(lambda: "counting" not in panel.corpus_progress.text(), timeout=10000)
    assert panel.corpus_progress.text() == "Corpus: 0 of 2 articles with disagreements settled"
