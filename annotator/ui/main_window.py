"""The project window: the corpus (left), the article (centre), the tag panel (right).

It composes widgets that each take the shared :class:`~annotator.ui.session.ProjectSession`,
wires the menus (:mod:`~annotator.ui.window_actions`) to short slots, and keeps the layout and
the last article read in the user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QToolButton, QVBoxLayout, QWidget

from annotator import __version__
from annotator.actions import queries
from annotator.ui import reading_position
from annotator.ui.article_view import ArticleView
from annotator.ui.background import BackgroundRunner
from annotator.ui.corpus_model import CorpusModel
from annotator.ui.corpus_panel import CorpusPanel
from annotator.ui.import_dialog import ImportController
from annotator.ui.message_bar import MessageBar
from annotator.ui.navigation import Navigator
from annotator.ui.prompts import PROJECT_SUFFIX, Prompts
from annotator.ui.settings import Settings
from annotator.ui.suggestion_controller import SuggestionController
from annotator.ui.tagging_pane import TaggingPane
from annotator.ui.window_actions import WindowActions

DEFAULT_SIZES = [460, 780, 360]  # the article gets the most room; shares scale with the window
# Pages of the corpus list read to show the last article selected; past that it opens unselected.
FIND_PAGES = 10


class MainWindow(QMainWindow):
    def __init__(self, session, settings: Settings, controller=None, prompts: Prompts | None = None):
        super().__init__()
        self.session, self.settings, self.controller = session, settings, controller
        self.prompts = prompts or (controller.prompts if controller is not None else Prompts())
        self._show_start_on_close = True
        self._sizes_restored = False
        project = session.project
        self.setWindowTitle(f"{project.name} — annotator")
        self.setAcceptDrops(True)

        from annotator.actions.blind import is_blind

        # Blind from the first page read (BlindCoding keeps it so): no second load of the list.
        own = session.annotator if is_blind(project) else None
        self.corpus_model = CorpusModel(queries.corpus_listing(project, only_annotator=own), session, self)
        self.corpus_panel = CorpusPanel(self.corpus_model)
        self.article_view = ArticleView(session)
        self.tagging_pane = TaggingPane(session, self.article_view)
        self._adopt_find_shortcut()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.corpus_panel, self.article_view, self.tagging_pane):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        # A write that failed, or a read-only project, is said above everything else.
        self.message_bar = MessageBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.message_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        session.writeFailed.connect(self.message_bar.show_error)
        if session.read_only:
            self.message_bar.show_notice(session.read_only_message())
            self.setWindowTitle(f"{project.name} (read-only) — annotator")

        self.navigator = Navigator(session, self.corpus_model)
        variables = self.tagging_pane.variables_panel
        self.navigator.before_done = lambda: variables.confirm_done(self.prompts, self)
        # The one runner of this window's background work (import, export, counts, agreement).
        self.runner = BackgroundRunner(self)
        self.importer = ImportController(session, self, self.prompts, self.runner)
        from annotator.ui.safekeeping import Safekeeping

        # Save a copy, restore a backup, the backup on opening, checkpoints when idle.
        self.safekeeping = Safekeeping(self)
        self.passages_dock = None  # View > Coded passages makes it when first asked for
        from annotator.ui.blind_coding import BlindCoding

        # Blind coding is the project's (on unless its owner marked it not blind), never a
        # preference carried from one project to the next.
        self.blind = BlindCoding(session, self.prompts, self, self.corpus_model)
        # Named actions by menu (window.actions.undo ...). It hides QWidget.actions(), which
        # nothing here uses: the menus' QActions are reached through menuBar().
        self.actions = WindowActions(self)
        # Pre-marked quotes, attributions and loaded language: their keys and their menu.
        self.suggestions = SuggestionController(self)
        self.actions.build_menus(self.menuBar())
        self.blind.changed.connect(self._show_blind_state)
        self._show_blind_state()
        self._build_status_bar()
        from annotator.ui.review_mode import ReviewMode

        # View > Review mode and Agreement…, and the blind-coding indicator in the status bar.
        self.review_mode = ReviewMode(self)
        self._restore_layout()

        self.corpus_panel.articleChosen.connect(session.open_article)
        session.articleOpened.connect(self._article_opened)
        session.articlesImported.connect(self._open_imported)  # after the corpus list reloads
        session.annotatorChanged.connect(self._show_annotator)
        if hasattr(self.article_view, "statusMessage"):
            self.article_view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 4000))

    # -- opening --------------------------------------------------------------------------

    def initial_article(self) -> str | None:
        """The article last read in this project, else the first still to do, else the first."""
        project, listing = self.session.project, self.corpus_model.queries
        last = self.settings.last_article(project.path) if project.path else ""
        if last and queries.article_exists(project, last):
            return last
        return listing.first_with_status("todo") or self.corpus_model.article_id(0)

    def open_initial_article(self) -> None:
        """Open :meth:`initial_article`; the last one read comes back scrolled where it was."""
        article_id = self.initial_article()
        if article_id is not None:
            self.session.open_article(article_id)
            path = self.session.project.path
            position = self.settings.last_position(path, article_id) if path else 0
            if position:
                # Once the window has its final size: the text is wrapped to it.
                QTimer.singleShot(0, lambda: self._restore_position(article_id, position))
        self.focus_article_text()

    def _restore_position(self, article_id: str, position: int) -> None:
        if self.session.article_id == article_id:
            view = self.article_view
            view.reach(position)  # a long article reaches the text widget in parts
            reading_position.scroll_to_top(view.edit, view.offsets, position)

    def _remember_position(self) -> None:
        path, article_id = self.session.project.path, self.session.article_id
        if path is not None and article_id is not None:
            view = self.article_view
            self.settings.set_last_position(path, article_id, reading_position.top_offset(view.edit, view.offsets))

    def _open_imported(self, article_ids: list[str]) -> None:
        """After an import, show what came in: the first imported article."""
        if article_ids and queries.article_exists(self.session.project, article_ids[0]):
            self.session.open_article(article_ids[0])
            self.focus_article_text()

    def _article_opened(self, article_id: str) -> None:
        if self.session.project.path is not None:
            self.settings.set_last_article(self.session.project.path, article_id)
        self.corpus_panel.select_article(article_id, max_pages=FIND_PAGES)

    # -- slots the menus call -------------------------------------------------------------

    def new_project(self) -> None:
        if self.controller is not None:
            self.controller.new_project(self)

    def open_project(self) -> None:
        if self.controller is not None:
            self.controller.open_dialog(self)

    def import_files(self) -> None:
        self.importer.start(self.prompts.import_paths(self))

    def import_folder(self) -> None:
        self.importer.start(self.prompts.import_folder(self))

    def export(self) -> None:
        from annotator.ui import hooks

        hooks.open_export_dialog(self, self.session, self.runner)

    def merge(self) -> None:
        from annotator.ui import hooks

        hooks.open_merge_dialog(self, self.session)

    def show_passages(self) -> None:
        if self.passages_dock is None:
            from annotator.ui import passages_dock

            self.passages_dock = passages_dock.add_to(self)
        self.passages_dock.show()
        self.passages_dock.raise_()
        self.passages_dock.browser.filters.search.setFocus()

    def close_project(self) -> None:
        self._show_start_on_close = True
        self.close()

    def quit_app(self) -> None:
        if self.controller is not None:
            for window in list(self.controller.windows):
                window._show_start_on_close = False
                window.close()
        else:
            self._show_start_on_close = False
            self.close()

    def find_in_article(self) -> None:
        self.article_view.show_find()

    def autocode(self) -> None:
        from annotator.ui.autocode_dialog import AutocodeDialog

        picked = self.article_view.selected_range()
        phrase = self.session.article.text[picked[0]:picked[1]].strip() if picked and self.session.article else ""
        self.prompts.show_dialog(AutocodeDialog(
            self.session, self.corpus_panel.selected_article_ids, phrase=" ".join(phrase.split()), parent=self,
        ))

    def edit_codebook(self) -> None:
        from annotator.ui.codebook_dialog import CodebookDialog

        self.prompts.show_dialog(CodebookDialog(self.session, self))

    def edit_variables(self) -> None:
        from annotator.ui.variables_dialog import VariablesDialog

        self.prompts.show_dialog(VariablesDialog(self.session, self))

    def change_annotator(self) -> None:
        login = self.session.project.signed_in_as
        if login:  # the server records every edit under the login, whatever a box says
            self.prompts.inform(self, "Your name on this server", (
                f"On a server study your name is your login, {login}: the server records every edit "
                "under it. To code under another name, open the study with that login."))
            return
        name = self.prompts.annotator_name(self, self.session.annotator)
        if name:
            self.settings.annotator_name = name
            self.session.set_annotator(name)

    def set_hide_other_annotators(self, hide: bool) -> None:
        """View > Blind coding (Ctrl+Shift+H): showing others in a blind project asks first."""
        self.blind.request(hide)

    def set_project_blind(self, blind: bool) -> None:
        self.blind.set_project_blind(blind)

    def _show_blind_state(self) -> None:
        for action, checked in ((self.actions.hide_others, self.blind.on),
                                (self.actions.project_blind, self.blind.project_blind)):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)

    def focus_corpus_list(self) -> None:
        self.corpus_panel.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_article_text(self) -> None:
        self.article_view.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_team_progress(self) -> None:
        from annotator.ui.team_progress_dialog import TeamProgressDialog

        TeamProgressDialog(self.session.project, self).exec()

    def show_shortcuts(self) -> None:
        from annotator.ui.shortcuts_dialog import ShortcutsDialog

        self.prompts.show_dialog(ShortcutsDialog(self.actions.all(), self.documented_keys(), self))

    def documented_keys(self) -> list[tuple[str, str]]:
        """Keys outside the menus (tag keys, the tagging widgets' own keys)."""
        from annotator.ui.shortcuts_dialog import widget_keys

        return widget_keys(self.session, [self.article_view, self.tagging_pane])

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About annotator",
            f"<b>annotator {__version__}</b><p>Tag claims, quotes, source attributions and sensational "
            "language in news articles; export, compare and settle codings.</p>",
        )

    # -- status bar -----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        from annotator.ui.status_button import ArticleStatusButton

        # Click it to set To do / In progress / Done (one undo step, as Go › Mark done).
        self.article_status = ArticleStatusButton(self.session, self._may_mark_done)
        self.annotator_button = QToolButton(autoRaise=True)
        self.annotator_button.setToolTip("The name recorded on your annotations; click to change it")
        self.annotator_button.clicked.connect(self.change_annotator)
        self.statusBar().addPermanentWidget(self.article_status)
        self.statusBar().addPermanentWidget(self.annotator_button)
        self._show_annotator(self.session.annotator)

    def _may_mark_done(self) -> bool:
        return self.navigator.before_done is None or self.navigator.before_done()

    def _show_annotator(self, name: str) -> None:
        self.annotator_button.setText(f"Coding as: {name}")
        if self.session.project.signed_in_as:
            self.annotator_button.setToolTip("Your login on this server: every edit is recorded under it")

    # -- layout, drops, closing -------------------------------------------------------------

    def _adopt_find_shortcut(self) -> None:
        # Edit > Find owns Ctrl+F; a second shortcut on the same key would make both ambiguous.
        for shortcut in self.article_view.findChildren(QShortcut):
            if shortcut.key().matches(QKeySequence(QKeySequence.StandardKey.Find)) == QKeySequence.SequenceMatch.ExactMatch:
                shortcut.setEnabled(False)

    def _restore_layout(self) -> None:
        if not self.settings.window_geometry.isEmpty():
            self.restoreGeometry(self.settings.window_geometry)
        else:
            self._fit_to_screen(1600, 960)
        if not self.settings.window_state.isEmpty():
            self.restoreState(self.settings.window_state)

    def _fit_to_screen(self, width: int, height: int) -> None:
        """First run: the preferred size, shrunk to fit the screen (laptops), and centred."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(width, height)
            return
        available = screen.availableGeometry()
        size = QSize(min(width, int(available.width() * 0.95)), min(height, int(available.height() * 0.95)))
        self.resize(size)
        self.move(available.center() - QPoint(size.width() // 2, size.height() // 2))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._sizes_restored:
            # Only once the window has its size: a splitter not yet laid out would squeeze them.
            self._sizes_restored = True
            sizes = self.settings.splitter()
            self.splitter.setSizes(sizes if len(sizes) == 3 and all(sizes) else DEFAULT_SIZES)

    def save_layout(self) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter_sizes = self.splitter.sizes()
        self.settings.sync()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        if self.controller is not None and len(paths) == 1 and paths[0].endswith(PROJECT_SUFFIX):
            self.controller.open_project(paths[0], self)  # a project file opens; articles import
        else:
            self.importer.start(paths)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.session.commit_pending()  # a note typed and not yet left is saved, not dropped
        if getattr(self, "unsent_edits", None) is not None:  # a server study (set by the app)
            self.unsent_edits.farewell()  # after the last note: it may be one more edit kept
        self._remember_position()  # reopening the project scrolls back to it
        self.runner.shutdown()  # cancels an import or export still running, and waits for it
        self.safekeeping.stop()
        self.corpus_panel.count_timer.stop()
        self.save_layout()
        super().closeEvent(event)
        if self.controller is not None:
            self.controller.close_window(self, show_start=self._show_start_on_close)
        self.session.project.close()
