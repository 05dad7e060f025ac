"""Edit > Autocode…: preview first, then one undo step over the open article and others."""

from __future__ import annotations

import pytest

from annotator.core.model import NewArticle
from annotator.storage import Project
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401

TEXTS = [
    "Police said the road was closed. According to police, nobody was hurt.",
    "The police chief spoke. Policemen were not there.",
    "Nothing to see here.",
]


@pytest.fixture
def window(tmp_path, settings, prompts, qtbot):  # noqa: F811
    path = tmp_path / "auto.annotator"
    with Project.create(path) as project:
        for i, text in enumerate(TEXTS):
            project.articles.add(NewArticle(text=text, title=f"Article {i}"))
    window = open_window(path, settings, prompts, qtbot, annotator="ana")
    window.session.open_article(window.session.project.articles.ids()[0])
    return window


def dialog_for(window, phrase="police"):
    from annotator.ui.autocode_dialog import AutocodeDialog

    dialog = AutocodeDialog(window.session, window.corpus_panel.selected_article_ids, phrase=phrase, parent=window)
    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findText("Source attribution"))
    return dialog


def test_the_menu_opens_the_dialog_with_the_selected_words(window, prompts):  # noqa: F811
    window.article_view.select_range(0, 6)
    window.actions.autocode.trigger()
    (dialog,) = [d for d in prompts.dialogs if type(d).__name__ == "AutocodeDialog"]
    assert dialog.query.text() == "Police" and dialog.scope() == "article"


def test_preview_then_one_undo_step_across_the_corpus(window):
    session = window.session
    dialog = dialog_for(window)
    assert not dialog.apply_button.isEnabled()
    dialog.scopes["corpus"].setChecked(True)
    plan = dialog.preview()
    assert plan.count == 3 and "3 new matches" in dialog.summary.text() and dialog.sample.count() == 3
    assert session.project.annotations.count() == 0  # the preview wrote nothing
    dialog.apply_button.click()
    assert session.project.annotations.count() == 3
    assert len(session.refs()) == 2 and window.tagging_pane.annotation_list.list_model.rowCount() == 2
    tag_id = dialog.tag_combo.currentData()
    assert window.tagging_pane.tag_panel.count(tag_id) == 2
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Autocode 3 × Source attribution"
    window.actions.undo.trigger()
    assert session.project.annotations.count() == 0 and session.refs() == []


def test_changing_an_option_after_the_preview_asks_for_a_new_one(window):
    dialog = dialog_for(window)
    dialog.preview()
    assert dialog.apply_button.isEnabled()
    dialog.case_sensitive.setChecked(True)
    assert not dialog.apply_button.isEnabled() and "preview again" in dialog.summary.text()


def test_a_bad_regex_is_one_line_in_the_dialog(window):
    dialog = dialog_for(window, phrase="(police")
    dialog.as_regex.setChecked(True)
    assert dialog.preview() is None
    assert "not valid" in dialog.error.text() and not dialog.apply_button.isEnabled()


def test_selected_articles_scope(window, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    table = window.corpus_panel.table
    model = table.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(model.index(1, 0), flags)
    table.selectionModel().select(model.index(2, 0), flags)
    dialog = dialog_for(window)
    dialog.scopes["selected"].setChecked(True)
    ids = dialog.article_ids()
    assert set(ids) >= {window.session.project.articles.ids()[1], window.session.project.articles.ids()[2]}
    plan = dialog.preview()
    assert plan.articles_searched == len(ids)


def test_enter_previews_and_never_writes(window, qtbot):
    from PySide6.QtCore import Qt

    dialog = dialog_for(window)
    dialog.show()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.plan is not None and dialog.plan.count == 2 and dialog.isVisible()
    assert window.session.project.annotations.count() == 0
