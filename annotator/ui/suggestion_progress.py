"""The status bar's progress bar for a corpus-wide suggestion run, with its Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


class CorpusRunBar(QWidget):
    """Hidden until a run starts; Cancel asks the run's task to stop between articles."""

    def __init__(self, status_bar):
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("Suggesting")
        self.bar = QProgressBar(maximumWidth=180, textVisible=True)
        self.cancel_button = QToolButton(text="Cancel", autoRaise=True)
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.label, self.bar, self.cancel_button):
            row.addWidget(widget)
        self._task = None
        status_bar.addPermanentWidget(self)
        self.hide()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(self, task) -> None:
        if not task.running():  # finished at once (a project in memory)
            return
        self._task = task
        self.bar.setRange(0, 0)
        self.show()

    def progressed(self, done: int, total: int, _label: str = "") -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(f"{done:,} / {total:,}")

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.label.setText("Cancelling")

    def finish(self) -> None:
        self._task = None
        self.label.setText("Suggesting")
        self.hide()
