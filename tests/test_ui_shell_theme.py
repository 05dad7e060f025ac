"""The palette follows the system's colour scheme; ANNOTATOR_THEME forces one."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from annotator.ui import theme


def test_forced_dark_theme_uses_the_dark_palette(qapp, monkeypatch):
    before = qapp.palette()
    monkeypatch.setenv("ANNOTATOR_THEME", "dark")
    try:
        theme.apply_system_palette(qapp)
        palette = qapp.palette()
        assert palette.color(QPalette.ColorRole.Window).lightness() < 80
        assert palette.color(QPalette.ColorRole.WindowText).lightness() > 180
    finally:
        qapp.setPalette(before)


def test_forced_light_theme_is_not_dark(qapp):
    assert theme.is_dark(qapp, "light") is False
    assert theme.is_dark(qapp, "dark") is True
