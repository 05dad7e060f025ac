"""Review mode, the Agreement dialog and the blind-coding indicator, added to the main window.

The main window creates one :class:`ReviewMode`; it adds its actions to the existing View menu
(so Help > Keyboard shortcuts lists them), the indicator to the status bar, and, while review
mode is on, puts the :class:`~annotator.ui.review_panel.ReviewPanel` in place of the article
view and tag panel and shows each article's review progress in the corpus list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.ui.blind_coding import BlindCodingIndicator
from annotator.ui.review_panel import NEXT_DISAGREEMENT, PREVIOUS_DISAGREEMENT, ReviewPanel

REVIEW_MODE = "Ctrl+Shift+R"
AGREEMENT = "Ctrl+Shift+G"


def _action(parent, text: str, key: str, slot, tip: str = "") -> QAction:
    action = QAction(text, parent)
    action.setShortcut(QKeySequence(key))
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class ReviewMode(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.panel: ReviewPanel | None = None
        self.agreement = None
        self._sizes: list[int] = []  # the tagging layout, restored when review mode ends

        self.toggle = QAction("&Review mode (compare two coders)", window)
        self.toggle.setCheckable(True)
        self.toggle.setShortcut(QKeySequence(REVIEW_MODE))
        self.toggle.setStatusTip("Compare two coders' annotations and settle each difference")
        self.toggle.toggled.connect(self.set_active)
        self.next = _action(window, "Next &disagreement", NEXT_DISAGREEMENT, lambda: self._step(1),
                            "Review: the next disagreement, across the corpus")
        self.previous = _action(window, "Pre&vious disagreement", PREVIOUS_DISAGREEMENT, lambda: self._step(-1),
                                "Review: the previous disagreement, across the corpus")
        self.open_agreement = _action(window, "&Agreement…", AGREEMENT, self.show_agreement,
                                      "Cohen's kappa, Krippendorff's alpha and span F1 between coders")
        for action in (self.next, self.previous):
            action.setEnabled(False)
        view = self._view_menu()
        if view is not None:
            view.addSeparator()
            for action in (self.toggle, self.next, self.previous, self.open_agreement):
                view.addAction(action)
        self.indicator = BlindCodingIndicator(window.blind, window.actions.hide_others)
        window.statusBar().addPermanentWidget(self.indicator)
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # Leave review mode before the window saves its layout on closing.
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.toggle.setChecked(False)
            if self.panel is not None:
                self.panel.shutdown()
        return False

    def _view_menu(self) -> QMenu | None:
        for action in self.window.menuBar().actions():
            if action.menu() is not None and action.text().replace("&", "") == "View":
                return action.menu()
        return None

    # -- review mode -----------------------------------------------------------------------

    def set_active(self, active: bool) -> None:
        window = self.window
        if active:
            if self.panel is None:
                self.panel = ReviewPanel(self.session, own_shortcuts=False, runner=self.window.runner)
                self.panel.progressChanged.connect(self._progress_changed)
            else:
                self.panel.reload_annotators()
                self.panel.reload_article()
            # In the splitter only while active, so the window saves its usual three sizes.
            self._sizes = window.splitter.sizes()
            window.splitter.insertWidget(1, self.panel)
            self.panel.show()
            corpus = min(self._sizes[0], window.splitter.width() // 3) if self._sizes else 300
            window.splitter.setSizes([corpus, max(1, window.splitter.width() - corpus), 0, 0])
        elif self.panel is not None:
            self.panel.hide()
            self.panel.setParent(None)
            if len(self._sizes) == 3 and all(self._sizes):
                window.splitter.setSizes(self._sizes)
        for widget in (window.article_view, window.tagging_pane):
            widget.setVisible(not active)
        for action in (self.next, self.previous):
            action.setEnabled(active)
        self._progress_changed("")

    def _step(self, step: int) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.step(step)

    def _progress_changed(self, article_id: str) -> None:
        """Show (or stop showing) review progress in the corpus list."""
        model = self.window.corpus_model
        active = self.panel is not None and self.toggle.isChecked() and self.panel.tracker is not None
        model.decorate = self.panel.tracker.decorate if active else None
        if article_id:
            model.refresh_article(article_id)
        elif model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, 0))

    # -- agreement -------------------------------------------------------------------------

    def show_agreement(self) -> None:
        from annotator.ui.agreement_dialog import AgreementDialog

        if self.agreement is None or not self.agreement.isVisible():
            # A fresh dialog each time it is opened: coders may have arrived by a merge meanwhile.
            if self.agreement is not None:
                self.agreement.deleteLater()
            pair = [n for n in self.panel.pair() if n] if self.panel is not None else []
            self.agreement = AgreementDialog(self.session.project, self.session, self.window, annotators=pair,
                                             runner=self.window.runner)
        self.agreement.show()
        self.agreement.raise_()
        self.agreement.activateWindow()
