"""No key does two things: every shortcut in the main window belongs to one action or widget
shortcut. (Ctrl+Shift+G was once both Suggestions › Show and View › Agreement, so pressing it did
neither: Qt reports an ambiguous shortcut and triggers nothing.)"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def bindings(window) -> dict[str, list[str]]:
    """Each key in the window → what is bound to it: every QAction (menus, the article view's
    local suggestion keys) and every enabled QShortcut of its widgets."""
    bound: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for key in dict.fromkeys(s.toString() for s in action.shortcuts() if not s.isEmpty()):
            bound[key].append(f"action {action.text()!r}")
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and not shortcut.key().isEmpty():
            what = shortcut.whatsThis() or type(shortcut.parent()).__name__
            bound[shortcut.key().toString()].append(f"shortcut {what!r}")
    return bound


def shared(window) -> dict[str, list[str]]:
    return {key: owners for key, owners in bindings(window).items() if len(owners) > 1}


def test_no_two_actions_in_the_main_window_share_a_shortcut(project_path, settings, prompts, qtbot):
    window = open_window(project_path, settings, prompts, qtbot)
    assert len(bindings(window)) > 40  # the menus, the suggestion keys, the nudges, the variables
    assert shared(window) == {}


def test_none_share_one_in_review_mode_either(project_path, settings, prompts, qtbot):
    window = open_window(project_path, settings, prompts, qtbot)
    window.review_mode.toggle.setChecked(True)
    assert shared(window) == {}


def test_show_suggestions_and_agreement_have_keys_of_their_own(project_path, settings, prompts, qtbot):
    window = open_window(project_path, settings, prompts, qtbot)
    show = window.suggestions.show_action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
    agreement = window.review_mode.open_agreement.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
    assert agreement == "Ctrl+Shift+G" and show == "Ctrl+Shift+S"
    qtbot.waitUntil(lambda: window.article_view.edit.hasFocus(), timeout=2000)  # active: keys reach actions
    shown = window.suggestions.show_action.isChecked()
    qtbot.keyClick(window.article_view.edit, Qt.Key.Key_S, CTRL_SHIFT)
    assert window.suggestions.show_action.isChecked() is not shown  # the key reaches its one action
