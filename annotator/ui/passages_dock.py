"""View > Coded passages: a dock under the article with three tabs, the passage browser, the
co-occurrence table and the figures, all under the browser's filter.

The co-occurrence counts and the chart numbers are computed on the window's background runner
(seconds on a million passages) and only for the tab on show; a change of filter marks the
others stale, and they count again when shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QTabWidget

from annotator.actions import charts as chart_actions
from annotator.actions import cooccurrence as cooccurrence_actions
from annotator.actions import queries
from annotator.ui.background import Access
from annotator.ui.chart_view import ChartView
from annotator.ui.cooccurrence_view import CooccurrenceView
from annotator.ui.passage_browser import PassageBrowser

PASSAGES, COOCCURRENCE, FIGURES = range(3)


class PassagesDock(QDockWidget):
    def __init__(self, window, runner=None):
        super().__init__("Coded passages", window)
        self.setObjectName("passagesDock")
        self.window_, self.session, self.runner = window, window.session, runner
        self.browser = PassageBrowser(self.session, self)
        self.cooccurrence = CooccurrenceView(self)
        self.charts = ChartView(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.browser, "Passages")
        self.tabs.addTab(self.cooccurrence, "Co-occurrence")
        self.tabs.addTab(self.charts, "Figures")
        self.setWidget(self.tabs)
        self._stale = {COOCCURRENCE: True, FIGURES: True}
        self._set_fields()

        self.browser.passageChosen.connect(self.open_passage)
        self.browser.model.modelReset.connect(self._filter_changed)
        self.cooccurrence.cellChosen.connect(self.show_cell)
        self.cooccurrence.refreshRequested.connect(self.count_cooccurrence)
        self.charts.chartRequested.connect(self.draw_chart)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.session.codebookChanged.connect(self._set_fields)

    def _set_fields(self) -> None:
        tags = queries.tags(self.session.project, include_retired=True)
        self.charts.set_fields(sorted({f.name for t in tags for f in t.fields}, key=str.casefold))

    # -- the browser ----------------------------------------------------------------------------

    def open_passage(self, article_id: str, annotation_id: str) -> None:
        """Open the article scrolled to the passage and select it; the list stays as it is."""
        if self.session.article_id != article_id:
            self.session.open_article(article_id)
        self.session.select_annotation(annotation_id)

    def show_cell(self, row_tag_id: str, column_tag_id: str) -> None:
        f = self.browser.model.passage_filter
        self.browser.show_filter(cooccurrence_actions.cell_filter(f.with_changes(overlapping_tag_ids=()),
                                                                  row_tag_id, column_tag_id))
        self.tabs.setCurrentIndex(PASSAGES)

    def _filter_changed(self) -> None:
        for tab in self._stale:
            self._stale[tab] = True
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, tab: int) -> None:
        if tab == COOCCURRENCE and self._stale[COOCCURRENCE]:
            self.count_cooccurrence()
        elif tab == FIGURES and self._stale[FIGURES]:
            self.draw_chart()

    def _base_filter(self):
        # A co-occurrence cell lists passages overlapping a tag; the table and the figures
        # count under the filter without that.
        return self.browser.model.passage_filter.with_changes(overlapping_tag_ids=())

    # -- background counts -------------------------------------------------------------------------

    def _run(self, work, succeeded, failed, access=Access.READ) -> None:
        if self.runner is None:
            try:
                succeeded(work(self.session.project, None, None))
            except Exception as error:  # shown in the tab, never a crash
                failed(error)
            return
        self.runner.start(work, project=self.session.project, access=access, succeeded=succeeded, failed=failed)

    def count_cooccurrence(self) -> None:
        self._stale[COOCCURRENCE] = False
        f = self._base_filter()
        self.cooccurrence.status.setText("Counting…")
        self._run(lambda project, _p, _c: cooccurrence_actions.table(project, f),
                  self.cooccurrence.set_table,
                  lambda error: self.cooccurrence.status.setText(f"Could not count: {error}"))

    def draw_chart(self) -> None:
        self._stale[FIGURES] = False
        f = self._base_filter()
        by, field, per_words = self.charts.request()
        self.charts.status.setText("Counting…")
        # Per 1,000 words counts each article's words once and keeps them: that writes.
        self._run(lambda project, _p, _c: chart_actions.chart_data(project, f, by, field=field,
                                                                   per_1000_words=per_words),
                  self.charts.show_data, lambda error: self.charts.show_problem(str(error)),
                  Access.WRITE if per_words else Access.READ)


def add_to(window) -> PassagesDock:
    """Put the dock under the window's article (hidden until asked for)."""
    dock = PassagesDock(window, window.runner)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    return dock
