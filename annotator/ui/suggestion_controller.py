"""Suggestions in the window: load them for the open article, step through them, accept
(an ordinary add operation on the session: one undo step) or reject them with one key.

Slots here are glue: the work is :mod:`annotator.actions.suggestions` (accept, reject,
corpus runs) and the plain model :class:`ArticleSuggestions`. Loading an article's
suggestions and corpus-wide runs go through the window's one :class:`BackgroundRunner`, so
the window stays responsive on a long article or a big corpus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from annotator.actions import suggestions as sg
from annotator.actions import write_failures
from annotator.actions.projects import InvalidAnnotationError
from annotator.core.suggestions.article_suggestions import ArticleSuggestions
from annotator.ui.background import Access
from annotator.ui.suggestion_painter import SuggestionPainter
from annotator.ui.suggestion_progress import CorpusRunBar

NEXT_KEYS = ("Space",)
PREVIOUS_KEYS = ("Shift+Space",)
ACCEPT_KEYS = ("Return", "Enter")
REJECT_KEYS = ("Delete", "Backspace")
SHOW_KEY = "Ctrl+Shift+S"  # S for suggestions; Ctrl+Shift+G is View › Agreement (it had it first)


class SuggestionController(QObject):
    """Owns the open article's suggestions and the Suggestions menu's actions."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = session = window.session
        self.view = window.article_view
        self.runner = window.runner
        self.model = ArticleSuggestions()
        self.painter = SuggestionPainter(self.view.edit, self.model, self._colour)
        self.run_bar = CorpusRunBar(window.statusBar())
        self._loading = None
        self._build_actions()
        self.model.on_changed(self._model_changed)
        self.model.on_current(self._current_moved)
        session.articleOpened.connect(self.reload)
        session.annotationAdded.connect(self._annotation_added)
        session.annotationRemoved.connect(self._annotation_removed)
        session.annotatorChanged.connect(lambda _name: self.reload())
        session.codebookChanged.connect(self.reload)
        session.selectedAnnotationChanged.connect(self._annotation_selected)
        session.hiddenAnnotatorsChanged.connect(self.reload)
        session.articlesImported.connect(self.run_for)
        if session.article_id:
            self.reload()

    # -- actions -------------------------------------------------------------------------------

    def _action(self, text: str, keys, slot, tip: str = "", local: bool = True) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if local:
            # Only while the article has the focus: Space and Enter keep their meaning elsewhere.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.show_action = self._action("&Show suggestions", (SHOW_KEY,), lambda: None,
                                        "Pre-marked quotes, attributions and loaded language (dashed outlines)",
                                        local=False)
        self.show_action.setCheckable(True)
        self.show_action.setChecked(True)
        self.show_action.toggled.connect(self.set_visible)
        self.next_action = self._action("&Next suggestion", NEXT_KEYS, lambda: self.step(True))
        self.previous_action = self._action("&Previous suggestion", PREVIOUS_KEYS, lambda: self.step(False))
        self.accept_action = self._action("&Accept suggestion", ACCEPT_KEYS, self.accept_current,
                                          "Tag it as suggested, with its fields and link (one undo step)")
        self.reject_action = self._action("&Reject suggestion", REJECT_KEYS, self.reject_current,
                                          "It will not be suggested to you in this article again")
        self.run_action = self._action("Suggest for the whole &corpus", (), self.run_corpus,
                                       "Find suggestions in every article, in the background", local=False)
        self.term_action = self._action("Add the selection as a &loaded term", (), self.add_term,
                                        "Suggest these words as sensational language everywhere", local=False)
        self.unreject_action = self._action("Suggest what I &rejected here again", (), self.unreject_all, local=False)
        self.marks_action = self._action("Quotation &marks inside quotes", (), lambda: None,
                                         "Codebook setting: a quote's span includes its quotation marks", local=False)
        self.marks_action.setCheckable(True)
        self.marks_action.setChecked(self._settings().quote_marks_inside)
        self.marks_action.toggled.connect(self.set_marks_inside)
        self._update_enabled()

    def build_menu(self, bar):
        """The Suggestions menu (the window adds it to its menu bar)."""
        menu = bar.addMenu("S&uggestions")
        for action in (self.show_action, None, self.next_action, self.previous_action, self.accept_action,
                       self.reject_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        self.accept_all_menu = menu.addMenu("Accept &all suggested")
        self.accept_all_menu.aboutToShow.connect(self._fill_accept_all)
        for action in (None, self.term_action, self.unreject_action, self.run_action, None, self.marks_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        return menu

    def _fill_accept_all(self) -> None:
        self.accept_all_menu.clear()
        tags = self.model.tags()
        if not tags:
            self.accept_all_menu.addAction("(no suggestions in this article)").setEnabled(False)
        for tag in tags:
            count = len(self.model.of_tag(tag))
            action = self.accept_all_menu.addAction(f"{tag} ({count})")
            action.triggered.connect(lambda _checked=False, tag=tag: self.accept_all(tag))

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Find the open article's suggestions for this coder (in the background)."""
        session = self.session
        article_id = session.article_id
        self.model.load(article_id, [])
        if article_id is None or session.article is None:
            return
        self.painter.set_text(session.article.text)
        annotator = session.annotator
        blind = bool(session.hidden_annotators)  # others' codings stay out of sight

        def work(project, _progress, _cancelled):
            return sg.for_article(project, article_id, annotator, blind=blind)

        def done(found, article_id=article_id, annotator=annotator):
            if self.session.article_id == article_id and self.session.annotator == annotator:
                self.model.load(article_id, found)

        self._loading = self.runner.start(work, project=session.project, access=Access.READ, succeeded=done,
                                          failed=self._failed)

    def _failed(self, error) -> None:
        self.window.statusBar().showMessage(f"Suggestions could not be found: {error}", 6000)

    # -- stepping, accepting, rejecting ---------------------------------------------------------

    def step(self, forward: bool = True) -> None:
        if not self.model.visible:
            return
        if self.model.current is None:
            self.session.select_annotation(None)
        caret = self.view.selected_range()
        found = self.model.step(forward, caret[0] if caret and self.model.current is None else None)
        if found is None:
            self.window.statusBar().showMessage("No suggestions in this article", 3000)

    def accept_current(self) -> None:
        current = self.model.current
        if current is None or self.session.article is None:
            return
        session = self.session
        try:
            session.run(sg.accept, session.article_id, current, session.annotator, text=session.article.text,
                        others=self.model.all())
        except InvalidAnnotationError as error:
            self.window.statusBar().showMessage(str(error), 5000)

    def accept_all(self, tag: str) -> None:
        chosen = self.model.of_tag(tag)
        if not chosen or self.session.article is None:
            return
        session = self.session
        try:
            session.run(sg.accept_all, session.article_id, chosen, session.annotator, text=session.article.text)
        except InvalidAnnotationError as error:
            self.window.statusBar().showMessage(str(error), 5000)

    def reject_current(self) -> None:
        current = self.model.current
        if current is None or self.session.article_id is None:
            return
        if self.session.read_only:
            self.session.writeFailed.emit(self.session.read_only_message())
            return
        try:
            sg.reject(self.session.project, self.session.article_id, current, self.session.annotator)
        except InvalidAnnotationError as error:
            self.window.statusBar().showMessage(str(error), 5000)
            return
        except write_failures.WRITE_ERRORS as error:
            self.session.writeFailed.emit(write_failures.describe(error))
            return
        self.model.remove([current.key])

    def unreject_all(self) -> None:
        if self.session.article_id is None or self.session.read_only:
            return
        sg.clear_rejections(self.session.project, self.session.article_id, self.session.annotator)
        self.reload()

    def add_term(self) -> None:
        chosen = self.view.selected_range()
        if chosen is None or self.session.article is None or self.session.read_only:
            self.window.statusBar().showMessage("Select the words to add as a loaded term first", 4000)
            return
        term = self.session.article.text[chosen[0]:chosen[1]]
        try:
            sg.add_term(self.session.project, term, self.session.annotator)
        except ValueError as error:
            self.window.statusBar().showMessage(str(error), 4000)
            return
        except write_failures.WRITE_ERRORS as error:  # a read-only file, or a coder on a team's server
            self.session.writeFailed.emit(write_failures.describe(error))
            return
        self.window.statusBar().showMessage(f"\u201c{' '.join(term.split())}\u201d will be suggested as loaded language", 4000)
        self.reload()

    def set_marks_inside(self, inside: bool) -> None:
        if self.session.read_only:
            return
        sg.set_setting(self.session.project, quote_marks_inside=inside)
        self.reload()

    def set_visible(self, visible: bool) -> None:
        self.model.set_visible(visible)
        if not visible:
            self.model.set_current(None)

    # -- corpus-wide runs --------------------------------------------------------------------------

    def run_corpus(self) -> None:
        self.run_for(None)

    def run_for(self, article_ids) -> None:
        """Store suggestions for ``article_ids`` (all articles when None) in the background,
        with a progress bar that can cancel it."""
        if self.session.read_only or self.run_bar.busy:
            return
        ids = None if article_ids is None else list(article_ids)

        def work(project, progress, cancelled):
            return sg.run_corpus(project, article_ids=ids, progress=progress, cancelled=cancelled)

        task = self.runner.start(work, project=self.session.project, access=Access.WRITE,
                                 progressed=self.run_bar.progressed, failed=self._failed,
                                 succeeded=lambda n: self.window.statusBar().showMessage(
                                     f"Suggestions found in {n:,} articles", 4000),
                                 ended=self.run_bar.finish)
        self.run_bar.start(task)

    # -- following the session ------------------------------------------------------------------

    def _annotation_added(self, annotation) -> None:
        if annotation.annotator == self.session.annotator and annotation.article_id == self.model.article_id:
            self.model.covered(self.session.tag_name(annotation.tag_id), annotation.start, annotation.end)

    def _annotation_removed(self, annotation) -> None:
        if annotation.annotator == self.session.annotator and annotation.article_id == self.model.article_id:
            self.reload()  # undo of an accept: the suggestion comes back

    def _annotation_selected(self, annotation) -> None:
        if annotation is not None:
            self.model.set_current(None)  # Delete now means the annotation, not a suggestion

    def _model_changed(self) -> None:
        self._update_enabled()
        self.painter.update()

    def _current_moved(self, current) -> None:
        self._update_enabled()
        if current is not None:
            self.view.scroll_to(current.start)
            self.window.statusBar().showMessage(
                f"Suggested {current.tag}: {current.rule} \u2014 Enter accepts, Delete rejects, Space goes on", 6000)
        self.painter.update()

    def _update_enabled(self) -> None:
        has = bool(len(self.model)) and self.model.visible
        self.next_action.setEnabled(has)
        self.previous_action.setEnabled(has)
        current = self.model.current is not None and self.model.visible
        self.accept_action.setEnabled(current)
        self.reject_action.setEnabled(current)

    def _settings(self):
        return sg.settings_of(self.session.project)

    def _colour(self, tag_name: str) -> str:
        for tag in self.session.tags():
            if tag.name == tag_name:
                return tag.colour
        return "#888888"
