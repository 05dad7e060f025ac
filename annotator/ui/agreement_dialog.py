"""The Agreement dialog: choose coders and tags, see the figures as tables and as pictures.

It computes as soon as it opens, for the coders it was given (or the first two). The codings
are read and the statistics (pure numpy in :func:`annotator.core.agreement.compare`) computed
by the window's :class:`~annotator.ui.background.BackgroundRunner`, through a read-only
connection of the worker's own, so a large corpus never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.actions import queries
from annotator.core.agreement import AgreementReport, PairAgreement
from annotator.ui.agreement_charts import BarGroup, ConfusionHeatmap, TagBarChart
from annotator.ui.agreement_variables import VariableAgreementTab
from annotator.ui.agreement_models import ArticleAgreementModel, ArticleIdRole, TagAgreementModel
from annotator.ui.background import Access, BackgroundRunner

NameRole = Qt.ItemDataRole.UserRole + 1


def _checkable_model(names: Sequence[str], checked: Sequence[str]) -> QStandardItemModel:
    model = QStandardItemModel()
    for name in names:
        item = QStandardItem(name)
        item.setData(name, NameRole)
        item.setCheckable(True)
        item.setEditable(False)
        item.setCheckState(Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked)
        model.appendRow(item)
    return model


def _checked(model: QStandardItemModel) -> list[str]:
    return [
        model.item(r).data(NameRole)
        for r in range(model.rowCount())
        if model.item(r).checkState() == Qt.CheckState.Checked
    ]


class AgreementDialog(QDialog):
    """Agreement between two or more annotators. ``articleRequested(id)`` on double-click."""

    articleRequested = Signal(str)
    reportReady = Signal(object)

    def __init__(self, project, session=None, parent: QWidget | None = None, *, annotators: Sequence[str] = (),
                 runner: BackgroundRunner | None = None):
        super().__init__(parent)
        from annotator.actions import agreement as agreement_actions

        self.project = project
        self.session = session
        self._actions = agreement_actions
        self.report: AgreementReport | None = None
        self._own_runner = runner is None
        self.runner = runner or BackgroundRunner(self)
        self._computing = 0  # which computation's result is awaited: an older one's is dropped
        self.setWindowTitle("Agreement")
        self.resize(1100, 760)

        names = queries.coders(project)
        chosen = list(annotators) or names[:2]
        self.annotator_model = _checkable_model(names, chosen)
        tag_names = [t.name for t in queries.tags(project, include_retired=True)]
        self.tag_model = _checkable_model(tag_names, tag_names)
        self.annotator_list = self._list(self.annotator_model)
        self.tag_list = self._list(self.tag_model)
        self.compute_button = QPushButton("Compute")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.pair_combo = QComboBox()
        self.pair_combo.currentIndexChanged.connect(lambda _i: self._show_pair())
        self.summary = QLabel("Choose two or more annotators and press Compute.")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tag_table_model = TagAgreementModel(self)
        self.article_model = ArticleAgreementModel(self._title_of, self)
        self.tag_table = self._table(self.tag_table_model)
        self.article_table = self._table(self.article_model)
        self.article_table.doubleClicked.connect(self._open_article)
        self.bar_chart = TagBarChart()
        self.heatmap = ConfusionHeatmap()

        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self._titled("κ, α and F1 (overlap) per tag", self.bar_chart))
        charts.addWidget(self._titled("Tag confusion (characters)", self.heatmap))
        charts.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(0, 6, 0, 0)
        overview_layout.addWidget(self.tag_table, 2)
        overview_layout.addWidget(charts, 3)
        self.tabs.addTab(overview, "By tag")
        self.tabs.addTab(self.article_table, "By article (most divergent first)")
        # Article-level variables: their own figures, when the codebook has any (issue 14).
        self.variables_tab = VariableAgreementTab(project, self.runner, self.chosen_annotators, self)
        if queries.has_variables(project):
            self.tabs.addTab(self.variables_tab, "Article variables")

        self.save_button = QPushButton("Save as CSV…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_save_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        choose = QGridLayout()
        choose.addWidget(QLabel("Annotators (two or more)"), 0, 0)
        choose.addWidget(QLabel("Tags"), 0, 1)
        choose.addWidget(self.annotator_list, 1, 0)
        choose.addWidget(self.tag_list, 1, 1)
        side = QVBoxLayout()
        side.addWidget(self.compute_button)
        side.addStretch(1)
        choose.addLayout(side, 1, 2)
        choose.setColumnStretch(0, 1)
        choose.setColumnStretch(1, 1)
        pair_row = QHBoxLayout()
        self.pair_label = QLabel("Pair:")
        self.pair_label.hide()
        self.pair_combo.hide()
        pair_row.addWidget(self.pair_label)
        pair_row.addWidget(self.pair_combo, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addLayout(pair_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        if len(self.chosen_annotators()) >= 2:
            self.compute()  # both coders are chosen: there is nothing to wait for

    # -- building blocks -------------------------------------------------------------------

    @staticmethod
    def _list(model: QStandardItemModel) -> QListView:
        view = QListView()
        view.setModel(model)
        # Room for four names; more scroll. The results below need the height.
        view.setMaximumHeight(view.sizeHintForRow(0) * 4 + 8 if model.rowCount() else 80)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return view

    @staticmethod
    def _table(model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Size columns from the first rows only: a corpus may have 10,000 article rows.
        header.setResizeContentsPrecision(50)
        return view

    @staticmethod
    def _fit_rows(view: QTableView) -> None:
        # A table of a few tags should not take the charts' room.
        rows = view.model().rowCount()
        height = view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize()
        view.setMaximumHeight(height + 2 * view.frameWidth() + 4)

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    def _title_of(self, article_id: str) -> str:
        title = queries.article_title(self.project, article_id)
        return title if title is not None else article_id[:12]

    # -- choosing and computing ------------------------------------------------------------

    def chosen_annotators(self) -> list[str]:
        return _checked(self.annotator_model)

    def chosen_tags(self) -> list[str]:
        return _checked(self.tag_model)

    def set_choice(self, annotators: Sequence[str], tags: Sequence[str] | None = None) -> None:
        """Tick exactly ``annotators`` (and ``tags``, when given)."""
        for model, names in ((self.annotator_model, annotators), (self.tag_model, tags)):
            if names is None:
                continue
            for r in range(model.rowCount()):
                item = model.item(r)
                item.setCheckState(Qt.CheckState.Checked if item.data(NameRole) in names else Qt.CheckState.Unchecked)

    def compute(self) -> None:
        """Read the chosen codings and start the computation on a worker thread."""
        annotators, tags = self.chosen_annotators(), self.chosen_tags()
        if queries.has_variables(self.project) and len(annotators) >= 2:
            self.variables_tab.compute()
        if len(annotators) < 2:
            self.summary.setText("Choose at least two annotators.")
            return
        if not tags:
            self.summary.setText("Choose at least one tag.")
            return
        self.compute_button.setEnabled(False)
        self.summary.setText("Computing…")
        self._computing += 1
        actions, number = self._actions, self._computing

        def work(project, _progress, _cancelled):
            # Reading 200,000 spans takes a second or two: on the worker, through a connection
            # of its own (SQLite connections belong to their thread).
            codings = actions.load_codings(project, annotators)
            return number, actions.compare_codings(codings, annotators, tags)

        self.runner.start(work, project=self.project, access=Access.READ,
                          succeeded=self._finished, failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.compute_button.setEnabled(True)
        message = " ".join(str(error).split()) or type(error).__name__
        self.summary.setText(f"Could not compute agreement: {message}")

    def _finished(self, result: tuple[int, AgreementReport]) -> None:
        number, report = result
        if number != self._computing:
            return  # the choice changed and a newer computation is on its way
        self.compute_button.setEnabled(True)
        self.report = report
        self.pair_combo.blockSignals(True)
        self.pair_combo.clear()
        for pair in report.pairs:
            self.pair_combo.addItem(f"{pair.a} (A)  vs  {pair.b} (B)")
        self.pair_combo.setEnabled(len(report.pairs) > 1)
        self.pair_label.setVisible(len(report.pairs) > 1)
        self.pair_combo.setVisible(len(report.pairs) > 1)
        self.pair_combo.blockSignals(False)
        self.save_button.setEnabled(True)
        self._show_pair()
        self.reportReady.emit(report)

    def done(self, result: int) -> None:
        if self._own_runner:
            self.runner.shutdown()
        super().done(result)

    def current_pair(self) -> PairAgreement | None:
        if self.report is None or not self.report.pairs:
            return None
        return self.report.pairs[max(0, self.pair_combo.currentIndex())]

    def _show_pair(self) -> None:
        pair = self.current_pair()
        self.tag_table_model.set_pair(pair)
        self._fit_rows(self.tag_table)
        self.article_model.set_pair(pair)
        if pair is None:
            return
        self.bar_chart.set_groups([
            BarGroup(t.tag, [t.kappa, t.alpha, t.overlap.f1]) for t in pair.per_tag
        ] + [BarGroup("All tags", [pair.overall.kappa, pair.overall.alpha, pair.overall.overlap.f1])])
        self.heatmap.set_confusion(pair.confusion.labels, pair.confusion.counts, pair.a, pair.b)
        self.summary.setText(self._summary(pair))

    def _summary(self, pair: PairAgreement) -> str:
        excluded = len(pair.excluded_articles)
        text = (
            f"{pair.articles:,} article{'s' if pair.articles != 1 else ''} coded by both "
            f"({pair.characters:,} characters) measured; <b>{excluded:,} excluded</b> "
            f"(coded by only one of {pair.a} and {pair.b})."
        )
        group = self.report.group if self.report else None
        if group is not None and len(group.annotators) > 2:
            alpha = "n/a" if group.overall is None else f"{group.overall:.3f}"
            text += (
                f"<br>Krippendorff's α across all {len(group.annotators)} annotators: <b>{alpha}</b> "
                f"over {group.articles:,} articles ({len(group.excluded_articles):,} excluded)."
            )
        return text

    def _open_article(self, index) -> None:
        article_id = index.data(ArticleIdRole) or self.article_model.article_id(index.row())
        if not article_id:
            return
        self.articleRequested.emit(article_id)
        if self.session is not None:
            self.session.open_article(article_id)

    # -- saving ----------------------------------------------------------------------------

    def _ask_save_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save agreement as CSV", "agreement.csv", "CSV files (*.csv)")
        if path:
            self.save_csv(path)

    def save_csv(self, path: str) -> None:
        """Write the report (every pair, per tag and overall) as CSV; errors go to the summary."""
        if self.report is None:
            return
        try:
            self._actions.write_csv(self.report, path)
        except OSError as error:
            self.summary.setText(f"Could not save {path}: {error.strerror or error}")
            return
        self.summary.setText(self.summary.text() + f"<br>Saved to {path}.")
