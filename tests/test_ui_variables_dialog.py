"""Edit > Article variables…: add, relabel, add values, reorder, retire; refusals explained."""

import pytest

from annotator.actions import variables as ops
from annotator.core import variable_values
from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401


@pytest.fixture
def dialog(project_path, settings, prompts, qtbot):
    from annotator.ui.variables_dialog import VariablesDialog

    window = open_window(project_path, settings, prompts, qtbot)
    widget = VariablesDialog(window.session, window)
    qtbot.addWidget(widget)
    widget.window_for_test = window
    return widget


def add(dialog, name, kind, values=(), level=None):
    dialog.new()
    dialog.name.setText(name)
    dialog.type.setCurrentIndex(dialog.type.findText(kind))
    if level:
        dialog.level.setCurrentIndex(dialog.level.findText(level))
    dialog.values.setPlainText("\n".join(values))
    return dialog.save()


def test_add_then_relabel_and_extend_without_losing_codings(dialog):
    project = dialog.project
    assert add(dialog, "topic", "one-of", ["politics", "crime"])
    assert add(dialog, "sources", "number", level="ratio")
    topic = project.variables.by_name("topic")
    article = project.articles.ids()[0]
    ops.set_value(project, article, topic, "Tester", topic.options[1].id)
    dialog.list.setCurrentRow(0)
    dialog.values.setPlainText("politics\ncrime and justice\nsport")
    assert dialog.save()
    topic = project.variables.by_name("topic")
    assert [o.label for o in topic.options] == ["politics", "crime and justice", "sport"]
    stored = project.article_values.get(article, topic.id, "Tester")
    assert variable_values.display(topic, stored.value) == "crime and justice"
    assert project.variables.by_name("sources").level.value == "ratio"
    panel = dialog.window_for_test.tagging_pane.variables_panel
    assert [r.variable.name for r in panel.rows] == ["topic", "sources"]


def test_refusals_are_explained_and_nothing_is_written(dialog):
    assert add(dialog, "topic", "one-of", ["politics", "crime"])
    assert not add(dialog, "Topic", "text")
    assert "already a variable named 'Topic'" in dialog.message.text()
    dialog.list.setCurrentRow(0)
    dialog.values.setPlainText("politics")
    assert not dialog.save()
    assert "values cannot be removed" in dialog.message.text()
    assert not add(dialog, "tone", "scale", ["only one"])
    assert "at least two values" in dialog.message.text()
    assert [v.name for v in dialog.project.variables.variables()] == ["topic"]


def test_reorder_and_retire(dialog):
    add(dialog, "topic", "one-of", ["a", "b"])
    add(dialog, "victim", "yes-no")
    dialog.list.setCurrentRow(1)
    dialog.move(-1)
    assert [v.name for v in dialog.project.variables.variables()] == ["victim", "topic"]
    dialog.toggle_retired()
    assert [v.name for v in dialog.project.variables.active()] == ["topic"]
    assert dialog.retire_button.text() == "Bring back"  # the codebook dialog's word too


def test_the_list_buttons_follow_the_selection_as_the_codebook_s_do(dialog):
    add(dialog, "topic", "one-of", ["a", "b"])
    dialog.list.setCurrentRow(0)
    assert dialog.retire_button.isEnabled() and dialog.retire_button.text() == "Retire"
    dialog.new()  # an empty form for a new variable: nothing selected to move or retire
    assert not any(b.isEnabled() for b in (dialog.up_button, dialog.down_button, dialog.retire_button))
    assert dialog.new_button.isEnabled() and dialog.save_button.isEnabled()
