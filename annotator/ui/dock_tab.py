"""The layout the coded-passages dock's tabs share: what sits above (the filter bar, a note),
a row with a status line and buttons, then the table taking the height left."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


def lay_out_tab(owner: QWidget, above: Sequence[QWidget], bar: Sequence[QWidget], table: QWidget, *,
                stretch: QWidget) -> QVBoxLayout:
    """Give ``owner`` its layout: ``above`` top to bottom, the ``bar`` row (its ``stretch``
    widget, a count or a status line, takes the width the buttons leave), then ``table``.
    Thin margins: a dock under the article is short."""
    row = QHBoxLayout()
    for widget in bar:
        row.addWidget(widget, 1 if widget is stretch else 0)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(4, 4, 4, 4)
    for widget in above:
        layout.addWidget(widget)
    layout.addLayout(row)
    layout.addWidget(table, 1)
    return layout
