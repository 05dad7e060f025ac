"""File > Merge a colleague's annotations…: pick their file, see what would happen, then merge.

The preview is :func:`annotator.actions.merge.plan_merge`, which writes nothing; only the Merge
button calls :func:`~annotator.actions.merge.apply_merge` (a backup first, then one
transaction). Every error is one line in the dialog; our project is untouched by a failure.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.actions.merge import MergeError, MergePlan, MergeReport, apply_merge, plan_merge
from annotator.actions.projects import ProjectError

FILE_FILTER = "Projects and exports (*.annotator *.jsonl *.qdpx);;All files (*)"
AnnotatorRole = Qt.ItemDataRole.UserRole + 1
_COLUMNS = ["Their annotator", "Arrives as", "New", "On articles we lack", "Already here"]


def open_merge_dialog(parent: QWidget, session) -> None:
    """The File menu's entry point (see :mod:`annotator.ui.hooks`)."""
    dialog = MergeDialog(session, parent)
    dialog.exec()


class MergeDialog(QDialog):
    merged = Signal(object)  # MergeReport

    def __init__(self, session, parent: QWidget | None = None, path: str | Path | None = None):
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.plan: MergePlan | None = None
        self.report: MergeReport | None = None
        self.setWindowTitle("Merge a colleague's annotations")
        self.resize(760, 520)

        self.path_edit = QLineEdit(placeholderText="Their project file (.annotator) or export (.jsonl, .qdpx)")
        self.path_edit.editingFinished.connect(self.preview)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.summary = QLabel("Choose their file to see what the merge would do. Nothing is written before you press Merge.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.add_missing = QCheckBox()
        self.add_missing.hide()
        self.missing_titles = QLabel(wordWrap=True)
        self.missing_titles.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.missing_titles.setContentsMargins(22, 0, 0, 0)
        self.missing_titles.hide()
        self.add_missing.toggled.connect(lambda _on: self._update_button())
        self.annotator_model = QStandardItemModel(0, len(_COLUMNS), self)
        self.annotator_model.setHorizontalHeaderLabels(_COLUMNS)
        self.annotators = QTableView()
        self.annotators.setModel(self.annotator_model)
        self.annotators.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.annotators.verticalHeader().hide()
        self.annotators.setShowGrid(False)
        header = self.annotators.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rename_box = QWidget()
        self.rename_form = QFormLayout(self.rename_box)
        self.rename_form.setContentsMargins(0, 0, 0, 0)
        self.rename_edits: dict[str, QLineEdit] = {}
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("mergeMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        chooser = QHBoxLayout()
        chooser.addWidget(self.path_edit, 1)
        chooser.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.summary)
        layout.addWidget(self.add_missing)
        layout.addWidget(self.missing_titles)
        layout.addWidget(QLabel("Their annotations, by annotator:"))
        layout.addWidget(self.annotators)
        layout.addWidget(self.rename_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if path is not None:
            self.path_edit.setText(str(path))
            self.preview()

    # -- preview (writes nothing) ----------------------------------------------------------

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Their project or export", "", FILE_FILTER)
        if path:
            self.path_edit.setText(path)
            self.preview()

    def renames(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.rename_edits.items() if edit.text().strip()}

    def preview(self) -> None:
        """Plan the merge of the chosen file and show it; nothing is written."""
        path = self.path_edit.text().strip()
        if not path or self.report is not None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = plan_merge(self.project, path, rename=self.renames())
            self.message.setText("")
        except (MergeError, ProjectError, OSError) as error:
            self.plan = None
            self.message.setText(f"<span style='color:#D55E00'>{_one_line(error)}</span>")
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.plan
        self.annotator_model.removeRows(0, self.annotator_model.rowCount())
        if plan is None:
            self.summary.setText("")
            self.add_missing.hide()
            self.missing_titles.hide()
            self._update_renames([])
            self._update_button()
            return
        lines = [
            "Preview — nothing has been written yet.",
            f"<b>{plan.articles_matched:,}</b> of their articles match ours (same text).",
            f"<b>{plan.annotations_to_add:,}</b> annotations to add; "
            f"<b>{plan.annotations_already_present:,}</b> already here (merged before).",
        ]
        if plan.tags_to_add:
            lines.append("Tags to add: <b>" + ", ".join(plan.tags_to_add) + "</b>.")
        if plan.problems:
            lines.append(f"{len(plan.problems):,} of their annotations cannot be used (first: {plan.problems[0]}).")
        self.summary.setText("<br>".join(lines))
        missing = plan.articles_missing
        if missing:
            titles = "; ".join(m.title for m in missing[:5]) + (f"; and {len(missing) - 5:,} more" if len(missing) > 5 else "")
            self.add_missing.setText(
                f"Add the {len(missing):,} article{'s' if len(missing) != 1 else ''} they have and we lack "
                f"(with {plan.annotations_on_missing_articles:,} annotations)"
            )
            self.missing_titles.setText(titles)
        self.add_missing.setVisible(bool(missing))
        self.missing_titles.setVisible(bool(missing))
        for a in plan.annotators:
            row = [QStandardItem(a.name), QStandardItem(a.arrives_as), QStandardItem(f"{a.to_add:,}"),
                   QStandardItem(f"{a.on_missing_articles:,}"), QStandardItem(f"{a.already_present:,}")]
            for column, item in enumerate(row):
                item.setData(a.name, AnnotatorRole)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if a.clash:
                row[1].setText(f"{a.arrives_as} — your name: rename below")
            self.annotator_model.appendRow(row)
        rows = self.annotator_model.rowCount()
        self.annotators.setMaximumHeight(
            self.annotators.horizontalHeader().height() + (max(rows, 1) + 1) * self.annotators.verticalHeader().defaultSectionSize()
        )
        self._update_renames([a.name for a in plan.annotators if a.clash or a.name in self.rename_edits])
        self._update_button()

    def _update_renames(self, names: list[str]) -> None:
        for name in list(self.rename_edits):
            if name not in names:
                edit = self.rename_edits.pop(name)
                self.rename_form.removeRow(edit)
        for name in names:
            if name not in self.rename_edits:
                edit = QLineEdit(placeholderText="another name for their annotations")
                edit.editingFinished.connect(self.preview)
                self.rename_edits[name] = edit
                self.rename_form.addRow(f"Their “{name}” arrives as:", edit)

    def _update_button(self) -> None:
        plan = self.plan
        ready = plan is not None and not plan.clashes and self.report is None
        self.merge_button.setEnabled(ready and plan.changes_anything(self.add_missing.isChecked()))
        if plan is not None and plan.clashes:
            self.message.setText(f"<span style='color:#D55E00'>{plan.clash_message()}.</span>")
        elif plan is not None and not plan.changes_anything(self.add_missing.isChecked()):
            self.message.setText("Nothing to merge: everything in this file is already here.")

    # -- applying --------------------------------------------------------------------------

    def apply(self) -> bool:
        """Merge (backup, then one transaction) and tell the window what changed."""
        if self.plan is None:
            return False
        try:
            self.report = apply_merge(self.project, self.plan, add_missing_articles=self.add_missing.isChecked())
        except (MergeError, ProjectError, OSError, ValueError) as error:
            self.message.setText(f"<span style='color:#D55E00'>Nothing was merged: {_one_line(error)}</span>")
            return False
        report = self.report
        self.message.setText(
            f"Merged: {report.annotations_added:,} annotations, {report.articles_added:,} articles, "
            f"{len(report.tags_added)} tags added."
            + (f" Backup: {report.backup}" if report.backup else "")
        )
        self.merge_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self._announce(report)
        self.merged.emit(report)
        return True

    def _announce(self, report: MergeReport) -> None:
        session = self.session
        if report.tags_added:
            session.reload_codebook()
        if report.articles_added:
            session.notify_articles_imported([])
        # Blind coding stays blind: newly arrived coders are hidden like the others.
        if session.hidden_annotators:
            arrived = {a.arrives_as for a in self.plan.annotators} - {session.annotator}
            session.set_hidden_annotators(session.hidden_annotators | arrived)
        elif session.article_id is not None:
            session.open_article(session.article_id)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
