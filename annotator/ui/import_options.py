"""Before importing scraped text dumps: offer to drop their boilerplate lines (off by
default), showing exactly which lines would go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

# Lines listed in the preview; the count covers them all.
PREVIEW_LINES = 300


class ImportOptionsDialog(QDialog):
    """A checkbox (unchecked) and the lines it would leave out, file by file."""

    def __init__(self, preview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import text dumps")
        files = len(preview.files)
        intro = QLabel(
            f"{preview.lines} line{'s' if preview.lines != 1 else ''} in {files} of the {preview.text_files} text "
            "file(s) look like page furniture: image counters, photo credits, share and subscribe prompts, "
            "cookie notices. Leave them out of the article text? The text cannot be changed after the import.",
            wordWrap=True,
        )
        self.drop = QCheckBox("Drop these boilerplate lines", objectName="dropBoilerplate")
        self.drop.setChecked(False)
        self.preview = QPlainTextEdit(objectName="boilerplatePreview")
        self.preview.setReadOnly(True)
        shown = []
        for path, lines in preview.files.items():
            shown.append(f"— {Path(path).name}")
            shown.extend(f"    {line}" for line in lines)
            if len(shown) >= PREVIEW_LINES:
                shown.append("    …")
                break
        self.preview.setPlainText("\n".join(shown))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.drop)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
