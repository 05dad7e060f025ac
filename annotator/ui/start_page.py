"""The start page a bare ``annotator`` shows: recent projects and ways to begin."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PathRole = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    """Emits what the user chose; the app controller does it."""

    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    recentChosen = Signal(str)

    def __init__(self, recent_projects: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("annotator")
        title = QLabel("<h2>annotator</h2>")
        subtitle = QLabel("Tag claims, quotes, source attributions and sensational language in news articles.")
        subtitle.setWordWrap(True)

        self.recent = QListWidget()
        self.recent.setObjectName("recentProjects")
        for path in recent_projects:
            item = QListWidgetItem(f"{Path(path).stem}\n{path}")
            item.setData(PathRole, path)
            if not Path(path).exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("This file is no longer there")
            self.recent.addItem(item)
        self.recent.setSpacing(2)
        self.recent.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.recent.itemActivated.connect(lambda item: self.recentChosen.emit(item.data(PathRole)))

        self.new_button = QPushButton("New project…")
        self.open_button = QPushButton("Open…")
        self.sample_button = QPushButton("Open sample project")
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.open_button.setShortcut(QKeySequence.StandardKey.Open)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.sample_button.clicked.connect(self.sampleRequested)

        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        body = QHBoxLayout()
        recent_box = QVBoxLayout()
        recent_box.addWidget(QLabel(
            "Recent projects (double-click or Enter to open)" if recent_projects else "No recent projects yet"
        ))
        recent_box.addWidget(self.recent, 1)
        body.addLayout(recent_box, 1)
        body.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 24)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(body, 1)
        self.resize(640, 400)
        if self.recent.count():
            self.recent.setCurrentRow(0)
