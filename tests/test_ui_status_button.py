"""Issue 13: the article's status in the status bar is a button whose menu sets To do, In
progress or Done, through the status operation (one undo step each)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from annotator.core.model import NewArticle, Status
from annotator.storage import Project
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401


@pytest.fixture
def window(tmp_path, settings, prompts, qtbot):  # noqa: F811
    path = tmp_path / "status.annotator"
    with Project.create(path) as project:
        for n in range(2):
            project.articles.add(NewArticle(text=f"The council said the plan was shocking ({n}).", title=f"Plan {n}"))
    window = open_window(path, settings, prompts, qtbot, annotator="ana")
    window.session.open_article(window.session.project.articles.ids()[0])
    return window


def choose_from_status_menu(qtbot, window, label: str) -> None:
    """Click the status in the status bar and pick ``label`` from the menu it opens."""
    button = window.article_status
    picked = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == label)
        picked.append(action)
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(picked))


def stored_status(window) -> Status:
    return window.session.project.articles.status(window.session.article_id)


def test_clicking_the_status_sets_it_from_a_menu_and_undo_takes_it_back(qtbot, window):
    button = window.article_status
    assert button.isVisible() and button.text() == "Article: To do"
    assert button.status_actions[Status.TODO].isChecked()
    choose_from_status_menu(qtbot, window, "Done")
    assert stored_status(window) is Status.DONE and button.text() == "Article: Done"
    assert window.actions.undo.text() == "&Undo Mark Done"
    # Back from Done to To do without undo: the point of the issue.
    choose_from_status_menu(qtbot, window, "To do")
    assert stored_status(window) is Status.TODO and button.text() == "Article: To do"
    row = window.corpus_model.row_of(window.session.article_id)
    assert window.corpus_model.index(row, 3).data() == "To do"
    window.actions.undo.trigger()
    assert stored_status(window) is Status.DONE and button.status_actions[Status.DONE].isChecked()
    window.actions.undo.trigger()
    assert stored_status(window) is Status.TODO and button.text() == "Article: To do"


def test_in_progress_and_the_same_status_again_make_one_step_each(qtbot, window):
    session = window.session
    choose_from_status_menu(qtbot, window, "In progress")
    assert stored_status(window) is Status.IN_PROGRESS
    steps = session.undo_stack.count()
    choose_from_status_menu(qtbot, window, "In progress")  # already so: no empty undo step
    assert session.undo_stack.count() == steps
    session.open_article(session.project.articles.ids()[1])
    assert window.article_status.text() == "Article: To do"


def test_done_from_the_menu_asks_first_when_the_project_wants_variables_set(qtbot, window):
    window.navigator.before_done = lambda: False  # the coder answered "keep it open"
    choose_from_status_menu(qtbot, window, "Done")
    assert stored_status(window) is Status.TODO
    assert window.article_status.status_actions[Status.TODO].isChecked()
