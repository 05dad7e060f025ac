"""The window's editing bugs of issue 8, each reproduced with the real widgets and several
annotations present (each of these failed before the operations layer and the evented model)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import NewArticle, Status
from annotator.storage import Project
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401

ALT, SHIFT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
FIRST = (
    "Cowardly, said the statement issued on Sunday.\n\n"
    "SDF spokesman Mustafa Bali said the attack was “planned for weeks.” Officials agreed.\n\n"
    "Residents fled the town."
)
SECOND = "A second article about the river flood.\n\nResidents were told to leave."
THIRD = "A third article, about prices.\n\nBread costs more."


@pytest.fixture
def window(tmp_path, settings, prompts, qtbot):  # noqa: F811
    path = tmp_path / "bugs.annotator"
    with Project.create(path) as project:
        for text in (FIRST, SECOND, THIRD):
            project.articles.add(NewArticle(text=text, title=text.split(",")[0][:20]))
    window = open_window(path, settings, prompts, qtbot, annotator="ana")
    with qtbot.waitActive(window):  # window shortcuts need an active window
        window.activateWindow()
    window.session.open_article(window.session.project.articles.ids()[0])
    return window


def tag(window, name, phrase, occurrence=0):
    """Select ``phrase`` in the article and press the tag's key, as a coder does."""
    session, view = window.session, window.article_view
    text = session.article.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    view.select_range(start, start + len(phrase))
    key = next(t.key for t in session.tags() if t.name == name)
    view.edit.setFocus()
    view.tag_selection(next(t.id for t in session.tags() if t.name == name))
    assert key
    return session.selected


def stored(window, annotation):
    return window.session.project.annotations.get(annotation.id)


# -- nudging edits the wrong annotation --------------------------------------------------------


def test_nudging_twice_grows_the_nudged_annotation_not_its_neighbour(qtbot, window):
    cowardly = tag(window, "Sensational language", "Cowardly")
    officials = tag(window, "Claim", "Officials agreed")
    bali = tag(window, "Source attribution", "SDF spokesman")
    assert window.session.selected.id == bali.id
    view = window.article_view
    view.edit.setFocus()
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, ALT | SHIFT)
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, ALT | SHIFT)
    assert stored(window, bali).text == "SDF spokesman Mustafa Bali"
    assert window.session.selected.id == bali.id
    assert stored(window, cowardly).text == "Cowardly" and stored(window, officials).text == "Officials agreed"
    row = window.tagging_pane.annotation_list.currentIndex().row()
    assert window.tagging_pane.annotation_list.list_model.annotation_id(row) == bali.id


def test_end_and_start_buttons_keep_to_the_selected_annotation(window):
    tag(window, "Sensational language", "Cowardly")
    officials = tag(window, "Claim", "Officials agreed")
    bali = tag(window, "Source attribution", "spokesman Mustafa")
    buttons = window.tagging_pane.editor.nudge_buttons
    for _ in range(3):
        buttons["end", 1].click()
    buttons["start", -1].click()
    assert stored(window, bali).text == "SDF spokesman Mustafa Bali said the"
    assert stored(window, officials).text == "Officials agreed"
    assert window.session.selected.id == bali.id


def test_a_character_nudge_takes_in_the_closing_punctuation(qtbot, window):
    tag(window, "Claim", "Officials agreed")
    quote = tag(window, "Quote", "planned for weeks")
    view = window.article_view
    view.edit.setFocus()
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, ALT)  # the full stop
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, ALT)  # the closing quotation mark
    qtbot.keyClick(view.edit, Qt.Key.Key_Left, CTRL | ALT | SHIFT)  # the opening one
    assert stored(window, quote).text == "“planned for weeks.”"
    window.tagging_pane.editor.character_buttons["end", -1].click()
    assert stored(window, quote).text == "“planned for weeks."


# -- notes are lost ----------------------------------------------------------------------------


def type_note(qtbot, window, text):
    note = window.tagging_pane.editor.note
    note.setFocus()
    qtbot.keyClicks(note, text)
    return note


@pytest.mark.parametrize("leave", ["next", "previous", "done_and_next", "other_annotation", "other_article"])
def test_a_typed_note_is_saved_by_every_way_of_leaving_it(qtbot, window, leave):
    session = window.session
    if leave == "previous":
        session.open_article(session.project.articles.ids()[1])
    claim = tag(window, "Claim", "Residents")
    kept = tag(window, "Sensational language", "A" if leave == "previous" else "Cowardly")
    type_note(qtbot, window, "check with the desk")
    actions = window.actions
    if leave == "next":
        qtbot.keyClick(window.tagging_pane.editor.note, Qt.Key.Key_BracketRight, CTRL)
    elif leave == "previous":
        qtbot.keyClick(window.tagging_pane.editor.note, Qt.Key.Key_BracketLeft, CTRL)
    elif leave == "done_and_next":
        qtbot.keyClick(window.tagging_pane.editor.note, Qt.Key.Key_Return, CTRL)
    elif leave == "other_annotation":
        listing = window.tagging_pane.annotation_list
        listing.setCurrentIndex(listing.list_model.index(listing.list_model.row_of(claim.id), 0))
        assert session.selected.id == claim.id
    else:
        window.corpus_panel.articleChosen.emit(session.project.articles.ids()[2])
    assert stored(window, kept).note == "check with the desk"
    assert actions.undo.isEnabled()


def test_a_typed_note_and_text_field_are_saved_when_the_window_closes(qtbot, window):
    quote = tag(window, "Quote", "planned for weeks")
    path = window.session.project.path
    type_note(qtbot, window, "verbatim?")
    speaker = window.tagging_pane.editor.field_widgets["speaker"]
    speaker.setFocus()
    qtbot.keyClicks(speaker, "Mustafa Bali")
    window.close()
    with Project.open(path) as again:
        saved = again.annotations.get(quote.id)
    assert saved.note == "verbatim?" and saved.fields == {"speaker": "Mustafa Bali"}


# -- write failures are silent -----------------------------------------------------------------


def test_a_refused_tag_is_named_in_the_message_bar_and_not_shown(window):
    tag(window, "Claim", "Residents")
    session = window.session
    session.project.db.execute("PRAGMA query_only = ON")  # the file stops taking writes
    before = len(session.refs())
    assert window.article_view.tag_selection is not None
    window.article_view.select_range(0, 8)
    assert window.article_view.tag_selection(next(t.id for t in session.tags() if t.name == "Claim")) is None
    assert window.message_bar.isVisible()
    assert "was not saved" in window.message_bar.text() and "read-only" in window.message_bar.text()
    assert len(session.refs()) == before
    assert window.tagging_pane.annotation_list.list_model.rowCount() == before
    assert window.tagging_pane.tag_panel.count(next(t.id for t in session.tags() if t.name == "Claim")) == 1


def test_a_locked_file_names_the_lock_and_the_note_is_never_shown_as_saved(qtbot, window):
    quote = tag(window, "Quote", "planned for weeks")
    session = window.session
    session.project.db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(session.project.path)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        note = type_note(qtbot, window, "unsaved words")
        qtbot.keyClick(note, Qt.Key.Key_Escape)  # Esc leaves the note (Enter is a new line)
        assert "locked" in window.message_bar.text()
        assert stored(window, quote).note == ""
        editor = window.tagging_pane.editor
        assert editor.unsaved.isVisible() and note.text() == "unsaved words"
        assert session.undo_stack.undoText() != "Edit Note"
    finally:
        holder.rollback()
        holder.close()
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_Escape)  # the lock is gone: leaving saves it now
    assert stored(window, quote).note == "unsaved words" and not editor.unsaved.isVisible()


def test_a_refused_undo_stays_on_the_stack(window):
    claim = tag(window, "Claim", "Residents")
    session = window.session
    session.project.db.execute("PRAGMA query_only = ON")
    window.actions.undo.trigger()
    assert "Undo was not saved" in window.message_bar.text()
    assert session.ref(claim.id) is not None and window.actions.undo.text() == "&Undo Add Claim"
    session.project.db.execute("PRAGMA query_only = OFF")
    window.actions.undo.trigger()
    assert session.ref(claim.id) is None and stored(window, claim) is None


def test_a_project_that_cannot_be_written_opens_read_only_with_a_notice(tmp_path, settings, prompts, qtbot):  # noqa: F811
    from annotator.ui.main_window import MainWindow
    from annotator.ui.session import ProjectSession

    path = tmp_path / "shared.annotator"
    with Project.create(path) as project:
        project.articles.add(NewArticle(text=SECOND, title="Flood"))
    project = Project.open(path)
    project.db.execute("PRAGMA query_only = ON")
    session = ProjectSession(project, "ana")
    window = MainWindow(session, settings, prompts=prompts)
    qtbot.addWidget(window)
    window.show()
    window.open_initial_article()
    assert "read-only" in window.message_bar.text() and "(read-only)" in window.windowTitle()
    window.article_view.select_range(2, 8)
    assert window.article_view.tag_selection(session.tags()[0].id) is None
    window.message_bar.close_button.click()  # cannot be dismissed while it holds
    assert "read-only" in window.message_bar.text()
    assert project.annotations.count() == 0


# -- half-applied edits ------------------------------------------------------------------------


def test_the_first_tag_and_the_move_to_in_progress_are_one_write(window):
    session = window.session
    third = session.project.articles.ids()[2]
    session.open_article(third)
    session.project.db.execute(
        "CREATE TEMP TRIGGER refuse_status BEFORE UPDATE OF status ON articles "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    window.article_view.select_range(2, 7)
    assert window.article_view.tag_selection(session.tags()[0].id) is None
    assert session.project.annotations.for_article(third) == []
    assert session.project.articles.status(third) is Status.TODO
    assert session.refs() == [] and "not saved" in window.message_bar.text()


def test_undoing_a_delete_restores_its_links_in_the_same_write(window):
    session = window.session
    quote = tag(window, "Quote", "planned for weeks")
    bali = tag(window, "Source attribution", "SDF spokesman Mustafa Bali")
    session.update_annotation(replace(stored(window, bali), linked_id=quote.id))
    session.select_annotation(stored(window, quote))
    window.article_view._delete_selected()
    assert stored(window, quote) is None and stored(window, bali).linked_id is None
    session.project.db.execute(
        "CREATE TEMP TRIGGER refuse_link BEFORE UPDATE OF linked_id ON annotations "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    window.actions.undo.trigger()
    assert stored(window, quote) is None, "the annotation came back without its link"
    session.project.db.execute("DROP TRIGGER refuse_link")
    window.actions.undo.trigger()
    assert stored(window, quote) is not None and stored(window, bali).linked_id == quote.id
