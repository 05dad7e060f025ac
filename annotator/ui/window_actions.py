"""The main window's menus and their actions, with the keys each one answers to.

Standard keys come from ``QKeySequence.StandardKey`` so every platform gets its own (Ctrl+O
here, Cmd+O on a Mac). Keys without a standard are chosen to avoid the article view's own keys
(tag keys 1-9 and letters, Delete, Shift/Ctrl+arrows). Help > Keyboard shortcuts lists these
actions, so the list cannot drift from the menus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None

# Keys for actions that have no platform standard; documented in the README.
NEXT_ARTICLE = "Ctrl+]"
PREVIOUS_ARTICLE = "Ctrl+["
NEXT_TODO = "Ctrl+Shift+N"
MARK_DONE_AND_NEXT = "Ctrl+Return"
SEARCH_CORPUS = "Ctrl+Shift+F"
FOCUS_LIST = "Ctrl+L"
FOCUS_TEXT = "Ctrl+Shift+T"
IMPORT = "Ctrl+Shift+I"
EXPORT = "Ctrl+E"
CODEBOOK = "Ctrl+Shift+K"
HIDE_OTHERS = "Ctrl+Shift+H"
PASSAGES = "Ctrl+Shift+P"
AUTOCODE = "Ctrl+Shift+A"
_FALLBACK = {QKeySequence.StandardKey.Quit: "Ctrl+Q", QKeySequence.StandardKey.HelpContents: "F1"}


def make_action(parent, text: str, shortcut: Shortcut, slot: Callable | None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
        if not action.shortcuts() and shortcut in _FALLBACK:
            # Some platforms bind no key to a standard action (Quit on Windows and offscreen).
            action.setShortcut(QKeySequence(_FALLBACK[shortcut]))
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


class StepAction(QAction):
    """Undo or Redo, named after the step it would take ("Undo Add Quote")."""

    def __init__(self, parent, prefix: str, slot: Callable, enabled: bool, label: str):
        super().__init__(prefix, parent)
        self.prefix = prefix
        self.triggered.connect(lambda _checked=False: slot())
        self.setEnabled(enabled)
        self.follow(label)

    def follow(self, label: str) -> None:
        self.setText(f"{self.prefix} {label}".strip())


class WindowActions:
    """Builds the menu bar of a :class:`MainWindow` and keeps its actions by name."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        w, nav = window, window.navigator
        self.new = make_action(w, "&New project…", QKeySequence.StandardKey.New, w.new_project)
        self.open = make_action(w, "&Open project…", QKeySequence.StandardKey.Open, w.open_project)
        self.import_files = make_action(
            w, "&Import files…", IMPORT, w.import_files, "Add articles from files (also: drop them on the window)"
        )
        self.import_folder = make_action(w, "Import &folder…", None, w.import_folder, "Add every article file in a folder")
        self.export = make_action(w, "&Export…", EXPORT, w.export, "Export the coded corpus")
        self.merge = make_action(w, "&Merge a colleague's project…", None, w.merge)
        from annotator.ui import hooks

        self.export.setEnabled(hooks.available("export"))
        self.merge.setEnabled(hooks.available("merge"))
        self.save_copy = make_action(
            w, "Save a &copy…", None, w.safekeeping.save_copy,
            "Write the whole project to one file (safe while you keep working)",
        )
        self.restore = make_action(
            w, "&Restore from backup…", None, w.safekeeping.restore,
            "Put one of the project's backups in place; the current file is kept aside",
        )
        for action in (self.save_copy, self.restore):
            action.setEnabled(w.safekeeping.enabled)
        self.close = make_action(w, "&Close project", QKeySequence.StandardKey.Close, w.close_project)
        self.quit = make_action(w, "&Quit", QKeySequence.StandardKey.Quit, w.quit_app)

        # Undo and redo go through the session: a typed note is saved first, and a step the
        # file refused stays on the stack. Labels and enabled state follow the stack.
        session, stack = window.session, window.session.undo_stack
        self.undo = StepAction(w, "&Undo", session.undo, stack.canUndo(), stack.undoText())
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.undoTextChanged.connect(self.undo.follow)
        self.redo = StepAction(w, "&Redo", session.redo, stack.canRedo(), stack.redoText())
        self.redo.setShortcuts(QKeySequence.StandardKey.Redo)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.redoTextChanged.connect(self.redo.follow)
        self.find = make_action(w, "&Find in article…", QKeySequence.StandardKey.Find, w.find_in_article)
        self.search_corpus = make_action(w, "&Search the corpus", SEARCH_CORPUS, w.corpus_panel.focus_search)
        self.codebook = make_action(w, "&Codebook…", CODEBOOK, w.edit_codebook, "Add, rename, recolour and retire tags")
        self.variables = make_action(w, "Article &variables…", None, w.edit_variables,
                                     "Add, rename, reorder and retire article-level variables and their values")
        self.annotator = make_action(w, "Change &your name…", None, w.change_annotator)
        self.autocode = make_action(
            w, "&Autocode…", AUTOCODE, w.autocode, "Tag every match of a word, phrase or pattern, after a preview"
        )
        from annotator.ui import article_details

        self.article_details = make_action(
            w, "Article &details…", None, lambda: article_details.edit_details(w),
            "Correct the title, outlet, author, date and other fields of this article",
        )
        self.remove_article = make_action(
            w, "Re&move article…", None, lambda: article_details.remove_current(w),
            "Remove this article and its annotations (undoable)",
        )

        self.next_article = make_action(w, "&Next article", NEXT_ARTICLE, nav.next_article)
        self.previous_article = make_action(w, "&Previous article", PREVIOUS_ARTICLE, nav.previous_article)
        self.next_todo = make_action(w, "Next article &to do", NEXT_TODO, nav.next_todo)
        self.mark_done = make_action(
            w, "Mark &done and go to next", MARK_DONE_AND_NEXT, nav.mark_done_and_next,
            "Mark this article done and open the next one still to do",
        )
        self.mark_done.setShortcuts([QKeySequence(MARK_DONE_AND_NEXT), QKeySequence("Ctrl+Enter")])
        self.focus_list = make_action(w, "Go to the article &list", FOCUS_LIST, w.focus_corpus_list)
        self.focus_text = make_action(w, "Go to the article te&xt", FOCUS_TEXT, w.focus_article_text)

        self.hide_others = make_action(
            w, "&Blind coding: hide other coders' annotations", HIDE_OTHERS, None,
            "Show only your own annotations (showing others in a blind project asks first)",
        )
        self.hide_others.setCheckable(True)
        self.hide_others.toggled.connect(w.set_hide_other_annotators)
        self.project_blind = make_action(
            w, "This &project is coded blind", None, None,
            "The project's owner can mark it not blind: then every coder sees everyone's annotations",
        )
        self.project_blind.setCheckable(True)
        self.project_blind.toggled.connect(w.set_project_blind)
        self.snapping = make_action(
            w, "&Snap selections to whole words", None, None,
            "Tagging extends a selection to whole words and drops surrounding spaces and punctuation "
            "(hold Alt while pressing a tag key to tag the exact selection)",
        )
        self.snapping.setCheckable(True)
        self.snapping.toggled.connect(self._set_snapping)
        self.snapping.setChecked(w.settings.snapping)
        self._set_snapping(w.settings.snapping)

        self.team_progress = make_action(
            w, "&Team progress…", None, w.show_team_progress,
            "How many assigned articles each coder has done, and the reliability sample",
        )

        self.passages = make_action(
            w, "Coded &passages, co-occurrence, figures", PASSAGES, w.show_passages,
            "Every coded passage of the corpus in context, filtered; tag co-occurrence; charts",
        )

        self.shortcuts = make_action(w, "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents, w.show_shortcuts)
        self.about = make_action(w, "&About annotator", None, w.show_about)

    def build_menus(self, bar: QMenuBar) -> None:
        self._menu(bar, "&File", [
            self.new, self.open, None, self.import_files, self.import_folder, self.export, self.merge,
            None, self.save_copy, self.restore, None, self.close, self.quit,
        ])
        self._menu(bar, "&Edit", [
            self.undo, self.redo, None, self.find, self.search_corpus, self.autocode, None,
            self.article_details, self.remove_article, None, self.codebook, self.variables, self.annotator,
        ])
        self._menu(bar, "&Go", [
            self.next_article, self.previous_article, self.next_todo, self.mark_done, None,
            self.focus_list, self.focus_text,
        ])
        self._menu(bar, "&View", [self.hide_others, self.project_blind, self.snapping, None, self.team_progress, self.passages])
        self.window.suggestions.build_menu(bar)
        self._menu(bar, "&Help", [self.shortcuts, self.about])

    def _set_snapping(self, on: bool) -> None:
        self.window.article_view.snap_enabled = on
        self.window.settings.snapping = on

    def all(self) -> list[QAction]:
        """Every action with a name in the menus, in menu order."""
        actions: list[QAction] = []
        for menu in self.window.menuBar().findChildren(QMenu):
            actions += [a for a in menu.actions() if not a.isSeparator() and a.text()]
        return actions

    @staticmethod
    def _menu(bar: QMenuBar, title: str, actions: list[QAction | None]) -> QMenu:
        menu = bar.addMenu(title)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu
