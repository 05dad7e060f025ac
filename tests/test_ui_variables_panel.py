"""The article variables panel in the real window: keys while the article has the focus, one
undo step per change, blind coding, the "all set before done" setting."""

import pytest
from PySide6.QtCore import Qt

from annotator.actions import variables as ops
from annotator.core import variable_values
from annotator.storage import Project
from tests.ui_shell_fixtures import FakePrompts, open_window, project_path, prompts, settings  # noqa: F401
from tests.variable_fixtures import add_variables


class AskingPrompts(FakePrompts):
    def __init__(self, answer):
        super().__init__()
        self.answer, self.asked = answer, []

    def confirm(self, parent, title, message):
        self.asked.append(message)
        return self.answer


@pytest.fixture
def coded_path(project_path):
    with Project.open(project_path) as project:
        add_variables(project)
    return project_path


def active(window, qtbot):
    with qtbot.waitActive(window):  # window shortcuts need an active window
        window.activateWindow()
    return window


def values(path, article_id, coder="Tester"):
    with Project.open(path) as project:
        got = ops.values_by_coder(project, article_id).get(coder, {})
        return {v.name: variable_values.display(v, got[v.id]) for v in project.variables.variables() if v.id in got}


def test_keys_set_values_while_the_article_keeps_the_focus(coded_path, settings, prompts, qtbot):
    window = active(open_window(coded_path, settings, prompts, qtbot), qtbot)
    edit = window.article_view.edit
    edit.setFocus()
    article = window.session.article_id
    qtbot.keyClick(edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # tone: negative
    qtbot.keyClick(edit, Qt.Key.Key_F6)
    qtbot.keyClick(edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # topic: crime
    qtbot.keyClick(edit, Qt.Key.Key_F6)
    qtbot.keyClick(edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # frames: + conflict
    qtbot.keyClick(edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # frames: + economic
    assert values(coded_path, article) == {"tone": "negative", "topic": "crime", "frames": "conflict; economic"}
    assert window.focusWidget() is edit
    panel = window.tagging_pane.variables_panel
    assert panel.rows[0].editor.combo.currentText() == "2  negative"
    window.session.undo()
    assert values(coded_path, article)["frames"] == "conflict"
    window.session.undo()
    window.session.undo()
    window.session.undo()
    assert values(coded_path, article) == {}
    assert panel.rows[0].editor.combo.currentText() == "—"


def test_f2_types_a_number_and_enter_returns_to_the_article(coded_path, settings, prompts, qtbot):
    window = active(open_window(coded_path, settings, prompts, qtbot), qtbot)
    edit = window.article_view.edit
    edit.setFocus()
    panel = window.tagging_pane.variables_panel
    for _ in range(3):
        qtbot.keyClick(edit, Qt.Key.Key_F6)
    assert panel.rows[panel.current].variable.name == "sources"
    qtbot.keyClick(edit, Qt.Key.Key_F2)
    line = panel.rows[3].editor.line
    assert line.hasFocus()
    qtbot.keyClicks(line, "4")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert values(coded_path, window.session.article_id) == {"sources": "4"}
    assert edit.hasFocus()
    qtbot.keyClick(edit, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # clears
    assert values(coded_path, window.session.article_id) == {}


def test_other_coders_values_show_only_when_coders_are_not_hidden(coded_path, settings, prompts, qtbot):
    with Project.open(coded_path) as project:
        first = project.articles.ids()[0]
        ops.code_from_text(project, first, ["tone=positive"], "li")
    window = open_window(coded_path, settings, prompts, qtbot)
    window.session.open_article(first)
    panel = window.tagging_pane.variables_panel
    window.session.set_hidden_annotators(["li"])
    assert panel.rows[0].others.isHidden()
    assert panel.rows[0].editor.combo.currentText() == "—"  # li's value is not the coder's
    window.session.set_hidden_annotators([])
    assert not panel.rows[0].others.isHidden() and "li: positive" in panel.rows[0].others.text()


def test_marking_done_with_variables_unset_asks_when_the_project_wants_all_set(coded_path, settings, qtbot):
    with Project.open(coded_path) as project:
        ops.set_requires_all_before_done(project, True)
    asking = AskingPrompts(answer=False)
    window = open_window(coded_path, settings, asking, qtbot)
    article = window.session.article_id
    assert window.navigator.mark_done_and_next() is False
    assert "6 article variables are not set: tone, topic" in asking.asked[0]
    assert window.session.article_id == article
    asking.answer = True
    window.navigator.mark_done_and_next()
    with Project.open(coded_path) as project:
        assert project.articles.status(article).value == "done"


def test_no_variables_no_panel(project_path, settings, prompts, qtbot):
    window = open_window(project_path, settings, prompts, qtbot)
    assert window.tagging_pane.variables_box.isHidden()


def test_the_panels_check_box_turns_the_setting_on(coded_path, settings, prompts, qtbot):
    window = open_window(coded_path, settings, prompts, qtbot)
    window.tagging_pane.variables_panel.ask_before_done.setChecked(True)
    with Project.open(coded_path) as project:
        assert ops.requires_all_before_done(project)
