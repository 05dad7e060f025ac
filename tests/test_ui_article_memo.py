"""Issue 13: every article has a memo in the window — the coder's own, several lines, saved by
the note's rule (leaving it, another article, Ctrl+] / Ctrl+[ / Ctrl+Enter, closing) as one
undo step, and never showing another coder's."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.actions import memos
from annotator.storage import Project
from tests.test_ui_editing_bugs import CTRL, SHIFT, tag, window  # noqa: F401
from tests.ui_shell_fixtures import prompts, settings  # noqa: F401

LINES = ("Framing: conflict.", "Two sources, both officials.")
MEMO = "\n".join(LINES)


def type_memo(qtbot, window, lines=LINES):
    box = window.tagging_pane.memo.memo
    qtbot.keyClick(window.article_view.edit, Qt.Key.Key_M, CTRL | SHIFT)  # Ctrl+Shift+M: into the memo
    assert box.hasFocus()
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)
    return box


def stored_memo(window, article_id=None, coder="ana"):
    return memos.memo_text(window.session.project, article_id or window.session.article_id, coder)


def test_the_memo_is_beside_the_article_and_esc_saves_it_as_one_undo_step(qtbot, window):
    assert window.tagging_pane.memo_box.isVisible()
    box = type_memo(qtbot, window)
    assert stored_memo(window) == ""  # Enter made a new line; nothing saved yet
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert stored_memo(window) == MEMO and window.article_view.edit.hasFocus()
    assert window.actions.undo.text() == "&Undo Edit Memo"
    window.actions.undo.trigger()
    assert stored_memo(window) == "" and box.text() == ""
    window.actions.redo.trigger()
    assert box.text() == MEMO


@pytest.mark.parametrize("leave", ["next", "previous", "done_and_next", "other_article"])
def test_a_typed_memo_is_saved_by_every_way_of_leaving_the_article(qtbot, window, leave):
    session = window.session
    ids = session.project.articles.ids()
    if leave == "previous":
        session.open_article(ids[1])
    here = session.article_id
    box = type_memo(qtbot, window)
    if leave == "next":
        qtbot.keyClick(box, Qt.Key.Key_BracketRight, CTRL)
    elif leave == "previous":
        qtbot.keyClick(box, Qt.Key.Key_BracketLeft, CTRL)
    elif leave == "done_and_next":
        qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    else:
        window.corpus_panel.articleChosen.emit(ids[2])
    assert session.article_id != here
    assert stored_memo(window, here) == MEMO
    assert box.text() == ""  # the next article has no memo yet
    session.open_article(here)
    assert box.text() == MEMO


@pytest.mark.parametrize("leave", ["next", "previous", "done_and_next"])
def test_leaving_the_article_from_the_memo_puts_the_keyboard_back_in_the_text(qtbot, window, leave):
    session = window.session
    if leave == "previous":
        session.open_article(session.project.articles.ids()[1])
    here = session.article_id
    box = type_memo(qtbot, window)
    key = {"next": Qt.Key.Key_BracketRight, "previous": Qt.Key.Key_BracketLeft, "done_and_next": Qt.Key.Key_Return}[leave]
    qtbot.keyClick(box, key, CTRL)
    assert session.article_id != here and stored_memo(window, here) == MEMO
    assert window.article_view.edit.hasFocus() and not box.hasFocus()  # ready to tag, not to type
    qtbot.keyClick(window.article_view.edit, Qt.Key.Key_Right, SHIFT)
    assert window.article_view.selected_range() is not None  # the keys reach the text


def test_the_same_article_shown_again_leaves_the_keyboard_in_the_memo(qtbot, window):
    # Regression: showing other coders reopens the article; a coder typing must stay typing
    # (the hand-back first took the focus, and the field saved half a word).
    box = type_memo(qtbot, window, ("Half a",))
    window.session.set_hidden_annotators({"someone else"})
    assert box.hasFocus() and stored_memo(window) == ""


def test_moving_on_from_the_article_list_leaves_the_keyboard_in_the_list(qtbot, window):
    table = window.corpus_panel.table
    table.setFocus()
    window.actions.next_article.trigger()
    assert table.hasFocus()  # only typing in the pane hands the keyboard back to the text


def test_a_typed_memo_survives_closing_and_reopening(qtbot, window):
    here, path = window.session.article_id, window.session.project.path
    type_memo(qtbot, window)
    window.close()
    with Project.open(path) as again:
        assert memos.memo_text(again, here, "ana") == MEMO


def test_another_coders_memo_is_never_shown(qtbot, window):
    session = window.session
    tag(window, "Claim", "Residents")
    memos.set_memo(session.project, session.article_id, "ben", "Ben's private view.")
    session.open_article(session.article_id)
    box = window.tagging_pane.memo.memo
    assert box.text() == ""
    type_memo(qtbot, window)
    session.set_annotator("ben")  # ana's memo is saved under her name first
    assert stored_memo(window, coder="ana") == MEMO
    assert box.text() == "Ben's private view."
    assert stored_memo(window, coder="ben") == "Ben's private view."


def test_a_refused_memo_is_kept_and_marked_not_saved(qtbot, window):
    session = window.session
    session.project.db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(session.project.path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        box = type_memo(qtbot, window)
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert "was not saved" in window.message_bar.text() and "writing to it" in window.message_bar.text()
        assert window.tagging_pane.memo.unsaved.isVisible() and box.text() == MEMO
    finally:
        holder.rollback()
        holder.close()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert stored_memo(window) == MEMO and not window.tagging_pane.memo.unsaved.isVisible()
