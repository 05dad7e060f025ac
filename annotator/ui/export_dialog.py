"""File > Export…: choose a format, filter by annotator, tag and status, pick where to write.

The export itself is :func:`annotator.actions.export.export`, run by the window's
:class:`~annotator.ui.background.BackgroundRunner` on a worker thread with its own connection to
the project, so the window stays responsive and the progress bar can be cancelled. The action
writes under a temporary name and moves the result into place at the end, so a cancelled or
failed export leaves nothing behind. Errors are one line in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.actions import export_formats
from annotator.actions.export import ExportError, ExportReport, export
from annotator.actions.export_formats import ExportFormat
from annotator.ui.background import Access, BackgroundRunner, Task
from annotator.ui.export_destination import TEMPORARY_NOTE, ExportFolders, choose_with_file_dialog, open_folder
from annotator.ui.export_filters import ExportFilters
from annotator.ui.export_progress import ExportProgress, one_line

# (dialog, the chosen format, the current destination) -> the new destination, or None if
# the user gave up. Tests pass their own so no file dialog ever blocks them.
ChooseDestination = Callable[[QWidget, ExportFormat, str], "str | None"]


def open_export_dialog(parent: QWidget, session, runner: BackgroundRunner | None = None) -> None:
    """The File menu's entry point (see :mod:`annotator.ui.hooks`)."""
    dialog = ExportDialog(session, parent, runner=runner, folders=ExportFolders(getattr(parent, "settings", None)))
    prompts = getattr(parent, "prompts", None)
    if prompts is not None:
        prompts.show_dialog(dialog)
    else:
        dialog.exec()


class ExportDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None, *,
                 choose_destination: ChooseDestination = choose_with_file_dialog,
                 open_folder: Callable[[str], "bool | None"] = open_folder,
                 runner: BackgroundRunner | None = None, folders: ExportFolders | None = None):
        super().__init__(parent)
        self.session, self.project = session, session.project
        self.folders = folders or ExportFolders()
        self._choose_destination, self._open_folder = choose_destination, open_folder
        # The window's runner outlives this dialog; one of its own is shut down when it closes.
        self._own_runner = runner is None
        self.runner = runner or BackgroundRunner(self)
        self.task: Task | None = None
        self.report: ExportReport | None = None
        self.setWindowTitle("Export annotations")

        self.format_combo = QComboBox()
        for choice in export_formats.formats():
            self.format_combo.addItem(choice.label, choice.name)
        self.format_about = QLabel(wordWrap=True)
        self.format_about.setObjectName("formatAbout")
        self.format_about.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.format_about.setMinimumHeight(2 * self.format_about.fontMetrics().lineSpacing())

        self.filters = ExportFilters(session)
        self.annotators, self.tags, self.status_combo = self.filters.annotators, self.filters.tags, self.filters.status_combo

        self.excel = QCheckBox("Excel-friendly (UTF-8 with a byte-order mark, opens by double-click)")
        self.formula_guard = QCheckBox("Neutralise spreadsheet formulas (cells starting with = + - @ get an apostrophe)")
        self.formula_guard.setChecked(True)
        self.formula_guard.setToolTip("Scraped text is untrusted: a cell such as =HYPERLINK(…) would run in a spreadsheet. "
                                      "Untick for pipelines that want raw values; start/end still recover the passage.")
        self.with_articles = QCheckBox()
        self.with_articles.setChecked(True)
        self.with_articles.setToolTip("The article texts the start/end offsets point into: text == article_text[start:end]")
        self.by_annotator = QCheckBox("One column per tag and annotator (Quote|maria)")
        self.no_options = QLabel("Nothing to set for this format.")
        self.no_options.setEnabled(False)
        # Always shown, so the dialog keeps its layout when the format changes.
        self.options = QGroupBox("Options")
        options_layout = QVBoxLayout(self.options)
        for box in (self.excel, self.formula_guard, self.with_articles, self.by_annotator, self.no_options):
            options_layout.addWidget(box)

        self.destination = QLineEdit()
        self.destination.textChanged.connect(self._destination_changed)
        self.destination_label = QLabel()
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        self.destination_note = QLabel(wordWrap=True)
        self.destination_note.setObjectName("destinationNote")

        self.outcome = ExportProgress()
        self.progress, self.message = self.outcome.progress, self.outcome.message

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = self.buttons.addButton("Open folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.hide()
        self.open_folder_button.clicked.connect(self.open_destination_folder)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.ApplyRole)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        top.addRow("Format:", self.format_combo)
        top.addRow("", self.format_about)
        form.addLayout(top)
        form.addWidget(self.filters, 1)
        form.addWidget(self.options)
        where = QHBoxLayout()
        where.addWidget(self.destination_label)
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        form.addLayout(where)
        form.addWidget(self.destination_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        # Only now, inside the dialog: a button made default before it has its dialog is not
        # registered, and QDialog then makes the first auto-default button (Close) the one
        # Enter presses (issue 13).
        self.export_button.setDefault(True)

        self._default_destination = ""
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        # Room for the most options any format has (CSV's three), so the lists do not jump.
        self.options.setMinimumHeight(self.options.sizeHint().height())
        self.resize(720, 600)

    # -- choices ---------------------------------------------------------------------------

    def choice(self) -> ExportFormat:
        return export_formats.get(self.format_combo.currentData())

    def set_format(self, format: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(format))

    def default_destination(self, choice: ExportFormat) -> str:
        """In the folder last exported to, else the documents folder (never the demo's
        temporary one), named after the project."""
        name = self.project.name if self.project.path is not None else "export"
        return str(self.folders.default() / f"{name}{choice.suffix}")

    def destination_path(self) -> Path | None:
        text = self.destination.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folders.default() / path  # a bare name lands in the default folder
        return path

    def articles_path(self) -> Path | None:
        """Where "also write the articles" writes: beside the annotations, named to match."""
        destination = self.destination_path()
        if destination is None:
            return None
        stem = destination.stem
        name = stem[: -len("annotations")] + "articles" if stem.endswith("annotations") else f"{stem}-articles"
        return destination.with_name(name + ".csv")

    def _format_changed(self) -> None:
        choice = self.choice()
        self.format_about.setText(choice.about)
        for option, box in self._option_boxes().items():
            box.setVisible(choice.takes(option))
        self.no_options.setVisible(not choice.options)
        self.destination_label.setText("Folder:" if choice.is_folder else "File:")
        # Follow the format only while the user has not typed a destination of their own.
        current = self.destination.text().strip()
        if not current or current == self._default_destination:
            self._default_destination = self.default_destination(choice)
            self.destination.setText(self._default_destination)
        self._destination_changed()

    def _destination_changed(self) -> None:
        articles = self.articles_path()
        self.with_articles.setText(
            f"Also write the articles with their text to {articles.name if articles else 'a second file'}"
        )
        path = self.destination_path()
        note = ""
        if path is not None and path.exists():
            note = ("Files of the same names in this folder will be replaced." if path.is_dir()
                    else "This file exists; it is replaced only when the export finishes.")
        if path is not None and self.folders.is_temporary(path):
            note = f"{note} {TEMPORARY_NOTE}".strip()
        self.destination_note.setText(note)
        self.destination_note.setVisible(bool(note))

    def browse(self) -> None:
        current = str(self.destination_path() or self.default_destination(self.choice()))
        chosen = self._choose_destination(self, self.choice(), current)
        if chosen:
            self.destination.setText(chosen)

    # -- running ---------------------------------------------------------------------------

    def request(self) -> tuple[Path, dict]:
        """The destination and the keyword arguments of :func:`export`; ExportError if the
        choices cannot make an export."""
        destination = self.destination_path()
        if destination is None:
            raise ExportError("choose where to write the export")
        choice = self.choice()
        options = self.filters.options()
        for option, box in self._option_boxes().items():
            if choice.takes(option):
                options[option] = box.isChecked()
        if options.pop(export_formats.ARTICLES, False):
            options[export_formats.ARTICLES] = self.articles_path()
        return destination, options

    def _option_boxes(self) -> dict[str, QCheckBox]:
        """The check box of each option a format may take (see ``export_formats.OPTIONS``)."""
        return {export_formats.EXCEL: self.excel, export_formats.FORMULA_GUARD: self.formula_guard,
                export_formats.ARTICLES: self.with_articles, export_formats.BY_ANNOTATOR: self.by_annotator}

    def start_export(self) -> bool:
        """Start the export on a worker thread; False (with a message) if it cannot start."""
        if self.running():
            return False
        try:
            destination, options = self.request()
        except ExportError as error:
            self.outcome.show_error(one_line(error))
            return False
        format = self.choice().name
        self.report = None
        self.open_folder_button.hide()
        self.outcome.started()
        self.form.setEnabled(False)
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")

        def work(project, progress, cancelled):
            return export(project, format, destination, progress=progress, cancelled=cancelled, **options)

        task = self.runner.start(
            work, project=self.project, access=Access.READ, progressed=self._progressed,
            succeeded=self._succeeded, failed=self._failed, ended=self._ended,
        )
        self.task = task if task.running() else None  # an in-memory project has finished already
        return True

    def running(self) -> bool:
        return self.task is not None and self.task.running()

    def cancel(self) -> None:
        if self.running():
            self.task.cancel()
            self.outcome.cancelling()

    def _progressed(self, done: int, total: int, _label: str = "") -> None:
        if self.task is None or self.task.cancelled():
            return
        self.outcome.progressed(done, total)

    def _succeeded(self, report: ExportReport) -> None:
        self.report = report
        self.outcome.succeeded(report)
        self.open_folder_button.show()
        # The next export starts where this one went (for a folder format, beside its folder).
        self.folders.remember(Path(report.destination).parent)

    def _failed(self, error: BaseException) -> None:
        self.outcome.failed(error)

    def _ended(self) -> None:
        self.task = None
        self.form.setEnabled(True)
        self.export_button.setEnabled(True)
        self.close_button.setText("Close")

    def folder(self) -> Path | None:
        """The folder that holds what the last export wrote."""
        if self.report is None:
            return None
        destination = Path(self.report.destination)
        chosen = export_formats.get(self.report.format)
        return destination if chosen is not None and chosen.is_folder else destination.parent

    def open_destination_folder(self) -> bool:
        """Show the export's folder in the file manager; where none answers, say so and where
        the files are (it used to fail without a word)."""
        folder = self.folder()
        if folder is None:
            return False
        if self._open_folder(str(folder)) is False:
            self.outcome.show_error(f"Could not open the folder: no file manager answered. The export is in {folder}")
            return False
        return True

    def reject(self) -> None:
        # Esc, the window's close box and the Cancel button stop a running export first.
        if self.running():
            self.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.wait()
        if self._own_runner:
            self.runner.shutdown()
        super().done(result)

