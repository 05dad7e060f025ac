"""Follow the system's light or dark mode.

Windows and macOS styles follow it themselves. Elsewhere Qt's Fusion style is used with a
palette chosen from the colour scheme the platform reports (GNOME, KDE), re-chosen when it
changes. ``ANNOTATOR_THEME=dark`` or ``light`` overrides it.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_NATIVE = sys.platform in ("darwin", "win32")


def apply_system_palette(app: QApplication) -> None:
    forced = os.environ.get("ANNOTATOR_THEME", "").lower()
    if _NATIVE and not forced:
        return
    app.setStyle("Fusion")
    _apply(app, forced)
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged") and not getattr(app, "_annotator_theme_hooked", False):
        hints.colorSchemeChanged.connect(lambda _scheme: _apply(app, forced))
        app._annotator_theme_hooked = True


def is_dark(app: QApplication, forced: str = "") -> bool:
    if forced in ("dark", "light"):
        return forced == "dark"
    hints = app.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def _apply(app: QApplication, forced: str) -> None:
    app.setPalette(dark_palette() if is_dark(app, forced) else app.style().standardPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2e",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f22",
        QPalette.ColorRole.AlternateBase: "#26262a",
        QPalette.ColorRole.ToolTipBase: "#3a3a3f",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#35353a",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb2ff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8f",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#77777c"))
    return palette
