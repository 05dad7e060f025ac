"""Tagging from the keyboard in the real article view, checked against the project file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tagging_fixtures import session, stored_rows, tag_id, tagging_project, view  # noqa: F401

from annotator.core.model import NewArticle, Status
from annotator.storage import Project
from annotator.ui.article_view import ArticleView


def select_words(view, phrase, trim=0):
    text = view.session.article.text
    start = text.index(phrase)
    view.select_range(start + trim, start + len(phrase) - trim)
    return start


def test_key_tags_the_selection_and_writes_the_row(qtbot, view, session):
    start = select_words(view, "the budget would rise", trim=2)  # "e budget would ri"
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    path = session.project.path
    with Project.open(path) as reopened:  # what another connection sees: it is committed
        rows = stored_rows(reopened, session.article_id)
    assert rows == [("Claim", start, start + 21, "the budget would rise", "ana")]


def test_undo_removes_and_redo_restores_the_row(qtbot, view, session):
    select_words(view, "shocking plan")
    qtbot.keyClick(view.edit, Qt.Key.Key_4)
    assert session.undo_stack.undoText() == "Add Sensational language"
    session.undo_stack.undo()
    assert stored_rows(session.project, session.article_id) == []
    session.undo_stack.redo()
    assert [r[3] for r in stored_rows(session.project, session.article_id)] == ["shocking plan"]


def test_overlapping_tags_on_the_same_passage_are_both_kept(qtbot, view, session):
    select_words(view, "The minister said the budget would rise")
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    select_words(view, "The minister")
    qtbot.keyClick(view.edit, Qt.Key.Key_3)
    select_words(view, "The minister")
    qtbot.keyClick(view.edit, Qt.Key.Key_2)
    rows = stored_rows(session.project, session.article_id)
    assert sorted(r[0] for r in rows) == ["Claim", "Quote", "Source attribution"]
    layers = sorted(view._index.get(a.id).layer for a in session.annotations())
    assert layers == [0, 1, 2]


def test_emoji_and_flag_before_the_passage_keep_code_point_offsets(qtbot, view, session):
    session.open_article(session.ids["emoji"])
    text = session.article.text
    start = select_words(view, "We will not back down")
    # Qt counts the emoji and the flag's two regional indicators as two units each.
    assert view.edit.textCursor().selectionStart() == start + 3
    qtbot.keyClick(view.edit, Qt.Key.Key_2)
    (row,) = stored_rows(session.project, session.article_id)
    assert row[1:4] == (start, start + 21, "We will not back down")
    assert text[row[1] : row[2]] == "We will not back down"


def test_keyboard_word_selection_then_key(qtbot, view, session):
    cursor = view.edit.textCursor()
    cursor.setPosition(view.session.article.text.index("Critics"))
    view.edit.setTextCursor(cursor)
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.edit, Qt.Key.Key_2)
    assert [r[3] for r in stored_rows(session.project, session.article_id)] == ["Critics called"]


def test_alt_turns_snapping_off(qtbot, view, session):
    start = select_words(view, "the budget", trim=1)
    qtbot.keyClick(view.edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert [r[3] for r in stored_rows(session.project, session.article_id)] == ["he budge"]
    assert stored_rows(session.project, session.article_id)[0][1] == start + 1


def test_snapping_can_be_switched_off(qtbot, view, session):
    view.snap_enabled = False
    select_words(view, "budget", trim=1)
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    assert [r[3] for r in stored_rows(session.project, session.article_id)] == ["udge"]


def test_key_without_selection_tags_nothing_and_says_why(qtbot, view, session):
    with qtbot.waitSignal(view.statusMessage) as message:
        qtbot.keyClick(view.edit, Qt.Key.Key_1)
    assert "Select a passage" in message.args[0]
    assert stored_rows(session.project, session.article_id) == []


def test_whitespace_selection_tags_nothing(qtbot, view, session):
    text = session.article.text
    i = text.index("\n\n")
    view.select_range(i, i + 2)
    assert view.tag_selection(tag_id(session, "Claim")) is None
    assert stored_rows(session.project, session.article_id) == []


def test_unassigned_key_does_nothing(qtbot, view, session):
    select_words(view, "budget")
    qtbot.keyClick(view.edit, Qt.Key.Key_9)
    assert stored_rows(session.project, session.article_id) == []


def test_tagging_marks_a_todo_article_in_progress_and_undo_restores_it(qtbot, view, session):
    select_words(view, "budget")
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    assert session.project.articles.get(session.article_id).status is Status.IN_PROGRESS
    session.undo_stack.undo()
    assert session.project.articles.get(session.article_id).status is Status.TODO


def test_delete_key_removes_the_selected_annotation(qtbot, view, session):
    select_words(view, "budget")
    annotation = view.tag_selection(tag_id(session, "Claim"))
    assert session.selected.id == annotation.id
    qtbot.keyClick(view.edit, Qt.Key.Key_Delete)
    assert stored_rows(session.project, session.article_id) == []
    assert session.undo_stack.undoText() == "Delete Claim"


def test_switching_articles_shows_the_new_text_and_its_annotations(qtbot, view, session):
    select_words(view, "budget")
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    session.open_article(session.ids["other"])
    assert view.edit.toPlainText() == session.article.text
    assert len(view._index) == 0
    assert view.title.text() == "About other"
    session.open_article(session.ids["plain"])
    assert len(view._index) == 1


def test_undo_after_switching_article_reopens_the_changed_one(qtbot, view, session):
    select_words(view, "budget")
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    plain = session.article_id
    session.open_article(session.ids["other"])
    session.undo_stack.undo()
    assert session.article_id == plain
    assert stored_rows(session.project, plain) == []
    assert len(view._index) == 0


def test_click_on_a_passage_selects_its_annotation(qtbot, view, session):
    select_words(view, "shocking plan")
    annotation = view.tag_selection(tag_id(session, "Claim"))
    session.select_annotation(None)
    cursor = QTextCursor(view.edit.document())
    cursor.setPosition(session.article.text.index("shocking") + 2)
    point = view.edit.cursorRect(cursor).center()
    qtbot.mouseClick(view.edit.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert session.selected is not None and session.selected.id == annotation.id


def test_hidden_annotators_are_not_shown(qtbot, view, session):
    select_words(view, "budget")
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    session.set_hidden_annotators({"ana"})
    assert len(view._index) == 0
    session.set_hidden_annotators(set())
    assert len(view._index) == 1


def test_selecting_an_off_screen_annotation_scrolls_to_it(qtbot, view, session):
    text = "\n\n".join(f"Paragraph {i} of a long article." for i in range(400))
    session.open_article(session.project.articles.add(NewArticle(text=text, title="long")))
    start = text.index("Paragraph 350")
    annotation = session.add_annotation(tag_id(session, "Claim"), start, start + 13)
    assert not view._on_screen(start)
    session.select_annotation(annotation)
    assert view._on_screen(start)


def test_a_destroyed_tag_panel_stops_listening(qtbot, session):
    from annotator.ui.tag_panel import TagPanel

    panel = TagPanel(session)
    panel.deleteLater()
    qtbot.wait(10)
    session.add_annotation(tag_id(session, "Claim"), 0, 3)  # must not touch the dead panel
    assert len(session.refs()) == 1


def test_nudge_shortcut_works_with_the_focus_in_the_text(qtbot, session):
    from PySide6.QtWidgets import QSplitter

    from annotator.ui.tagging_pane import TaggingPane

    window = QSplitter()
    qtbot.addWidget(window)
    view = ArticleView(session)
    window.addWidget(view)
    window.addWidget(TaggingPane(session, view))
    with qtbot.waitActive(window):  # window shortcuts need an active window
        window.show()
        window.activateWindow()
    text = session.article.text
    start = text.index("budget")
    session.select_annotation(session.add_annotation(tag_id(session, "Claim"), start, start + 6))
    view.edit.setFocus()
    qtbot.keyClick(view.edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert session.project.annotations.get(session.selected.id).text == "budget would"


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("قال الوزير 🇪🇬 إن الميزانية سترتفع.", "الميزانية سترتفع"),
        ("部长😀说：预算将增加。𠀋 新闻", "预算"),
        ("Cafe\u0301 👩\u200d👩\u200d👧 family said “nai\u0308ve” things", "said “nai\u0308ve”"),
    ],
)
def test_tagging_after_rtl_cjk_and_combining_text_stores_code_points(qtbot, view, session, text, phrase):
    session.open_article(session.project.articles.add(NewArticle(text=text, title="t")))
    stored_text = session.article.text
    assert stored_text == text  # decomposed accents are kept: the store does not normalise
    start = stored_text.index(phrase)
    view.select_range(start, start + len(phrase))
    qtbot.keyClick(view.edit, Qt.Key.Key_1)
    (row,) = stored_rows(session.project, session.article_id)
    assert row[1:4] == (start, start + len(phrase), phrase)
