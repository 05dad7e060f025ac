"""Editing the selected annotation: each edit one undo step, written to the project file."""

import pytest
from PySide6.QtCore import Qt

from tagging_fixtures import session, tag_id, tagging_project  # noqa: F401

from annotator.ui.annotation_editor import AnnotationEditor


@pytest.fixture
def editor(qtbot, session):
    editor = AnnotationEditor(session)
    qtbot.addWidget(editor)
    editor.show()
    return editor


@pytest.fixture
def quote(session):
    text = session.article.text
    start = text.index("the budget")
    annotation = session.add_annotation(tag_id(session, "Quote"), start, start + 10)
    session.select_annotation(annotation)
    return annotation


def stored(session, annotation):
    return session.project.annotations.get(annotation.id)


def test_editor_is_disabled_without_a_selection(editor, session):
    assert not editor.isEnabled()


def test_editor_shows_the_selected_annotation(editor, quote):
    assert editor.isEnabled()
    assert editor.tag_combo.currentText() == "Quote"
    assert set(editor.field_widgets) == {"speaker", "quote_type"}


def test_note_edit_is_saved_and_undoable(qtbot, editor, session, quote):
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "check this")
    qtbot.keyClick(editor.note, Qt.Key.Key_Escape)
    assert stored(session, quote).note == "check this"
    assert session.undo_stack.undoText() == "Edit Note"
    session.undo_stack.undo()
    assert stored(session, quote).note == ""
    assert editor.note.text() == ""


def test_text_field_is_saved(qtbot, editor, session, quote):
    speaker = editor.field_widgets["speaker"]
    qtbot.keyClicks(speaker, "the minister")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert stored(session, quote).fields == {"speaker": "the minister"}
    assert session.undo_stack.undoText() == "Edit speaker"


def test_choice_field_is_saved_and_can_be_unset(editor, session, quote):
    combo = editor.field_widgets["quote_type"]
    combo.setCurrentIndex(combo.findText("direct"))
    combo.activated.emit(combo.currentIndex())
    assert stored(session, quote).fields == {"quote_type": "direct"}
    combo = editor.field_widgets["quote_type"]  # rebuilt after the save
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert stored(session, quote).fields == {}


def test_yes_no_field_stores_a_boolean(editor, session):
    text = session.article.text
    claim = session.add_annotation(tag_id(session, "Claim"), 0, text.index(" said"))
    session.select_annotation(claim)
    combo = editor.field_widgets["checkable"]
    combo.setCurrentIndex(combo.findText("no"))
    combo.activated.emit(combo.currentIndex())
    assert stored(session, claim).fields == {"checkable": False}


def test_changing_the_tag_is_one_step_named_for_it(editor, session, quote):
    index = editor.tag_combo.findText("Claim")
    editor.tag_combo.setCurrentIndex(index)
    editor.tag_combo.activated.emit(index)
    assert stored(session, quote).tag_id == tag_id(session, "Claim")
    assert session.undo_stack.undoText() == "Retag Quote as Claim"
    session.undo_stack.undo()
    assert stored(session, quote).tag_id == tag_id(session, "Quote")


def test_link_to_another_annotation(editor, session, quote):
    text = session.article.text
    source = session.add_annotation(tag_id(session, "Source attribution"), 0, text.index(" said"))
    session.select_annotation(source)
    editor.link_combo.showPopup()  # the choices are listed when the list opens
    editor.link_combo.hidePopup()
    index = editor.link_combo.findData(quote.id)
    assert index > 0
    editor.link_combo.setCurrentIndex(index)
    editor.link_combo.activated.emit(index)
    assert stored(session, source).linked_id == quote.id
    assert session.undo_stack.undoText() == "Link"


def test_deleting_the_linked_annotation_clears_the_link_and_undo_restores_it(editor, session, quote):
    text = session.article.text
    source = session.add_annotation(tag_id(session, "Source attribution"), 0, text.index(" said"), linked_id=quote.id)
    session.remove_annotation(quote.id)
    assert stored(session, source).linked_id is None
    session.undo_stack.undo()
    assert stored(session, quote) is not None
    assert stored(session, source).linked_id == quote.id


def test_nudge_buttons_move_the_edges_by_words(editor, session, quote):
    editor.nudge_buttons["end", 1].click()
    assert stored(session, quote).text == "the budget would"
    assert session.undo_stack.undoText() == "Move End of Quote"
    editor.nudge_buttons["start", -1].click()
    assert stored(session, quote).text == "said the budget would"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert stored(session, quote).text == "the budget"


def test_nudge_shortcuts(qtbot, editor, session, quote):
    editor.activateWindow()
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(session, quote).text == "the budget would"
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
    assert stored(session, quote).text == "budget would"
