"""The codebook dialog: each edit reaches the project file; refused edits explain themselves."""

from __future__ import annotations

import pytest

from annotator.core.model import FieldType, TagField
from annotator.ui.codebook_dialog import CodebookDialog
from annotator.ui.session import ProjectSession


@pytest.fixture
def session(project_file):
    return ProjectSession(project_file, "Tester")


@pytest.fixture
def dialog(session, qtbot):
    dialog = CodebookDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def tag_named(session, name):
    return session.project.codebook.by_name(name)


def test_rename_and_set_key_definition_example(dialog, session, qtbot):
    dialog.select_tag(tag_named(session, "Claim").id)
    dialog.name.setText("Factual claim")
    dialog.key.setText("c")
    dialog.definition.setPlainText("Something checkable.")
    dialog.example.setText("GDP rose 2%.")
    with qtbot.waitSignal(session.codebookChanged):
        assert dialog.apply()
    tag = tag_named(session, "Factual claim")
    assert (tag.key, tag.definition, tag.example) == ("c", "Something checkable.", "GDP rose 2%.")
    assert session.tag_for_key("c").id == tag.id


def test_recolour_through_the_colour_picker(dialog, session):
    claim = tag_named(session, "Claim")
    dialog.select_tag(claim.id)
    dialog.pick_colour = lambda current: "#123456"
    dialog.colour_button.click()
    assert dialog.apply()
    assert session.project.codebook.get(claim.id).colour == "#123456"


def test_duplicate_key_is_refused_inline_and_nothing_is_written(dialog, session):
    quote = tag_named(session, "Quote")
    dialog.select_tag(quote.id)
    dialog.key.setText("1")  # Claim's key
    assert not dialog.apply()
    assert "'1'" in dialog.error.text()
    assert session.project.codebook.get(quote.id).key == "2"


def test_choice_field_without_choices_is_refused_inline(dialog, session):
    dialog.select_tag(tag_named(session, "Sensational language").id)
    dialog.fields.setRowCount(0)
    dialog._add_field_row(TagField("tone"))
    dialog.fields.cellWidget(0, 1).setCurrentIndex(1)  # Choice
    assert not dialog.apply()
    assert "choices" in dialog.error.text()


def test_fields_are_saved_with_their_choices(dialog, session):
    tag = tag_named(session, "Sensational language")
    dialog.select_tag(tag.id)
    dialog._add_field_row(TagField("tone"))
    dialog.fields.cellWidget(0, 1).setCurrentIndex(1)
    dialog.fields.item(0, 2).setText("alarmist, mocking , ")
    assert dialog.apply()
    saved = session.project.codebook.get(tag.id).fields
    assert [(f.name, f.type, f.choices) for f in saved] == [("tone", FieldType.CHOICE, ["alarmist", "mocking"])]


def test_add_tag_appends_a_uniquely_named_tag(dialog, session):
    assert dialog.add_tag()
    assert dialog.add_tag()
    names = [t.name for t in session.project.codebook.tags()]
    assert names[-2:] == ["New tag", "New tag 2"]
    assert dialog.current_tag().name == "New tag 2"


def test_reorder_moves_the_selected_tag(dialog, session):
    quote = tag_named(session, "Quote")
    dialog.select_tag(quote.id)
    assert dialog.move(-1)
    assert [t.name for t in session.project.codebook.tags()][:2] == ["Quote", "Claim"]
    assert not dialog.move(-1)  # already first: nothing to do, no error shown
    assert dialog.error.text() == ""


def test_retire_hides_the_tag_from_tagging_and_can_bring_it_back(dialog, session):
    claim = tag_named(session, "Claim")
    dialog.select_tag(claim.id)
    dialog.toggle_retired()
    assert session.project.codebook.get(claim.id).retired
    assert claim.id not in [t.id for t in session.tags()]
    assert dialog.retire_button.text() == "Bring back"
    dialog.toggle_retired()
    assert not session.project.codebook.get(claim.id).retired


def test_moving_to_another_tag_saves_the_form(dialog, session):
    claim, quote = tag_named(session, "Claim"), tag_named(session, "Quote")
    dialog.select_tag(claim.id)
    dialog.definition.setPlainText("Edited before moving on.")
    dialog.select_tag(quote.id)
    assert session.project.codebook.get(claim.id).definition == "Edited before moving on."
    assert dialog.current_tag().id == quote.id
    assert dialog.name.text() == "Quote"


def test_closing_with_a_refused_change_keeps_the_dialog_open(dialog, session, qtbot):
    dialog.show()
    dialog.select_tag(tag_named(session, "Quote").id)
    dialog.name.setText("claim")  # the name of another tag, ignoring case
    dialog.reject()
    assert dialog.isVisible()
    assert "already a tag named" in dialog.error.text()
    dialog.name.setText("Quotation")
    dialog.reject()
    assert not dialog.isVisible()
    assert tag_named(session, "Quotation") is not None


def test_every_codebook_edit_is_one_undoable_step(dialog, session):
    """Codebook edits went straight to the file; now each is a step on the window's undo stack."""
    stack = session.undo_stack
    claim, quote = tag_named(session, "Claim"), tag_named(session, "Quote")
    dialog.select_tag(claim.id)
    dialog.name.setText("Factual claim")
    assert dialog.apply()
    assert dialog.undo_action.text() == "Undo Rename Claim to Factual claim"
    dialog.select_tag(quote.id)
    assert dialog.toggle_retired()
    assert dialog.move(1)
    assert dialog.add_tag()
    assert stack.count() == 4
    assert [stack.text(i) for i in range(4)] == [
        "Rename Claim to Factual claim", "Retire Quote", "Reorder tags", "Add tag New tag"]
    while stack.canUndo():
        dialog.undo_action.trigger()
    assert [t.name for t in session.tags(include_retired=True)][:4] == ["Claim", "Quote", "Source attribution",
                                                                        "Sensational language"]
    assert session.project.codebook.by_name("New tag") is None and not tag_named(session, "Quote").retired
    # The dialog shows what is stored, and the form is not mistaken for unsaved edits.
    assert dialog.tag_list.count() == 4 and not dialog.has_unsaved_changes()
    dialog.redo_action.trigger()
    assert tag_named(session, "Factual claim") is not None
    assert session.tag(claim.id).name == "Factual claim"  # views read the session's codebook


def test_a_refused_edit_is_not_a_step(dialog, session):
    dialog.select_tag(tag_named(session, "Claim").id)
    dialog.name.setText("quote")
    assert not dialog.apply()
    assert session.undo_stack.count() == 0
