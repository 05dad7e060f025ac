"""Issue 13: the annotation note is several lines. Enter starts a new line; the note is saved
by the same rule as the one-line note was (leaving it with Esc, Ctrl+] / Ctrl+[ / Ctrl+Enter,
another annotation or article, closing the window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.storage import Project
from tests.test_ui_editing_bugs import CTRL, stored, tag, window  # noqa: F401
from tests.ui_shell_fixtures import prompts, settings  # noqa: F401

LINES = ("Check the quote with the desk.", "Bali said it twice;", "the second time on radio.")


def type_lines(qtbot, window, lines=LINES):
    note = window.tagging_pane.editor.note
    note.setFocus()
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(note, Qt.Key.Key_Return)
        qtbot.keyClicks(note, line)
    return note


def test_enter_starts_a_new_line_and_saves_nothing_yet(qtbot, window):
    quote = tag(window, "Quote", "planned for weeks")
    steps = window.session.undo_stack.count()
    note = type_lines(qtbot, window)
    assert note.text() == "\n".join(LINES)
    assert note.hasFocus()  # Enter did not leave the note
    assert stored(window, quote).note == "" and window.session.undo_stack.count() == steps


def test_esc_saves_the_note_and_gives_the_keyboard_back_to_the_text(qtbot, window):
    quote = tag(window, "Quote", "planned for weeks")
    note = type_lines(qtbot, window)
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert stored(window, quote).note == "\n".join(LINES)
    assert window.article_view.edit.hasFocus()
    assert window.session.undo_stack.undoText() == "Edit Note"
    window.actions.undo.trigger()
    assert stored(window, quote).note == "" and note.text() == ""
    window.actions.redo.trigger()
    assert note.text() == "\n".join(LINES)


@pytest.mark.parametrize("leave", ["next", "previous", "done_and_next", "other_annotation", "other_article", "tab"])
def test_a_multi_line_note_is_saved_by_every_way_of_leaving_it(qtbot, window, leave):
    session = window.session
    if leave == "previous":
        session.open_article(session.project.articles.ids()[1])
    claim = tag(window, "Claim", "Residents")
    kept = tag(window, "Sensational language", "A" if leave == "previous" else "Cowardly")
    note = type_lines(qtbot, window)
    if leave == "next":
        qtbot.keyClick(note, Qt.Key.Key_BracketRight, CTRL)
    elif leave == "previous":
        qtbot.keyClick(note, Qt.Key.Key_BracketLeft, CTRL)
    elif leave == "done_and_next":
        qtbot.keyClick(note, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter is still "done, next"
    elif leave == "other_annotation":
        listing = window.tagging_pane.annotation_list
        listing.setCurrentIndex(listing.list_model.index(listing.list_model.row_of(claim.id), 0))
    elif leave == "tab":
        qtbot.keyClick(note, Qt.Key.Key_Tab)
        assert not note.hasFocus()
    else:
        window.corpus_panel.articleChosen.emit(session.project.articles.ids()[2])
    assert stored(window, kept).note == "\n".join(LINES)
    if leave in ("next", "previous", "done_and_next", "other_article"):
        assert session.article_id != kept.article_id


def test_a_multi_line_note_typed_and_not_left_survives_closing_and_reopening(qtbot, window):
    quote = tag(window, "Quote", "planned for weeks")
    path = window.session.project.path
    type_lines(qtbot, window)
    window.close()
    with Project.open(path) as again:
        assert again.annotations.get(quote.id).note == "\n".join(LINES)


def test_selecting_the_annotation_again_shows_every_line(qtbot, window):
    quote = tag(window, "Quote", "planned for weeks")
    claim = tag(window, "Claim", "Residents")
    window.session.select_annotation(quote.id)
    note = type_lines(qtbot, window)
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    window.session.select_annotation(claim.id)
    assert note.text() == ""
    window.session.select_annotation(quote.id)
    assert note.text() == "\n".join(LINES)
    assert note.height() >= 3 * note.fontMetrics().lineSpacing()  # three lines show at once
