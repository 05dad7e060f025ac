"""The agreement charts paint something visible, in light and dark palettes, and empty."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from annotator.ui.agreement_charts import BLUES, BarGroup, ConfusionHeatmap, TagBarChart, compact, ramp_colour


def distinct_colours(widget) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    step = 4
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp):
    from annotator.ui.theme import dark_palette

    original = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(original)


def test_bar_chart_paints_bars(qtbot, palette):
    chart = TagBarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.set_groups([BarGroup("Claim", [0.7, 0.69, 0.8]), BarGroup("Quote", [-0.2, None, 0.1])])
    assert distinct_colours(chart) > 10


def test_heatmap_paints_cells(qtbot, palette):
    heatmap = ConfusionHeatmap()
    qtbot.addWidget(heatmap)
    heatmap.resize(500, 300)
    heatmap.set_confusion(["Claim", "(none)"], [[120, 3], [7, 9000]], "alice", "bob")
    assert distinct_colours(heatmap) > 10


def test_empty_charts_paint_without_error(qtbot):
    for widget in (TagBarChart(), ConfusionHeatmap()):
        qtbot.addWidget(widget)
        widget.resize(400, 260)
        assert not widget.grab().isNull()


def test_heatmap_ramp_darkens_with_the_count(qtbot):
    heatmap = ConfusionHeatmap()
    qtbot.addWidget(heatmap)
    heatmap.set_confusion(["Claim", "(none)"], [[10, 100], [1000, 10000]])
    lightness = [heatmap.cell_colour(c).lightness() for c in (0, 10, 100, 1000, 10000)]
    assert lightness == sorted(lightness, reverse=True)
    assert heatmap.cell_colour(10000) == QColor(BLUES[-1])


def test_ramp_ends_are_the_palette_ends():
    assert ramp_colour(0.0) == QColor(BLUES[0])
    assert ramp_colour(1.0) == QColor(BLUES[-1])


def test_compact_counts_fit_a_cell():
    assert [compact(n) for n in (950, 12_345, 250_000, 4_100_000)] == ["950", "12.3k", "250k", "4.1M"]
