"""Drawing the figures with matplotlib: grouped bars by outlet, lines over time, and the
agreement charts (bars per tag, the confusion heatmap). No Qt here: the window puts the same
``Figure`` on a QtAgg canvas, the CLI saves it.

matplotlib is imported inside the functions (it costs ~0.3 s), never on the start-up path. A
``Figure`` is made directly rather than through pyplot, so no global state and no backend is
involved until something draws it.

Publication quality: 7 x 4 inches (a two-column page width), 9-point type, 300 dpi PNG and
vector SVG/PDF with the text kept as text; Okabe–Ito colours (the codebook's), each series also
with its own hatch or line style so it survives greyscale print; only the spines that carry
information.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from annotator.core.charts import ChartData
from annotator.core.codebook import PALETTE

SIZE = (7.0, 4.0)  # inches
DPI = 300
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
LINE_STYLES = ["-", "--", "-.", ":"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
MAX_TICKS = 14


def new_figure(size: tuple[float, float] = SIZE):
    """An empty matplotlib ``Figure`` with the house style (no pyplot)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    return figure


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.yaxis.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def series_colour(data: ChartData, index: int, name: str) -> str:
    return data.colours.get(name) or PALETTE[index % len(PALETTE)]


def draw(data: ChartData, figure=None, title: str = ""):
    """Draw ``data`` on ``figure`` (cleared first; a new one if None) and return it."""
    figure = figure if figure is not None else new_figure()
    figure.clear()
    ax = figure.add_subplot()
    _style(ax)
    if data.is_empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No coded passages match the filter", ha="center", va="center", fontsize=10,
                color="#555555", transform=ax.transAxes)
        return figure
    if data.by.is_time:
        _lines(ax, data)
    else:
        _bars(ax, data)
    ax.set_ylabel(data.y_label(), fontsize=9)
    ax.set_xlabel(data.by.value if data.by.is_time else "outlet", fontsize=9)
    ax.set_ylim(bottom=0)
    from matplotlib.ticker import StrMethodFormatter

    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.2f}" if data.per_1000_words else "{x:,.0f}"))
    legend_title = "tag" if data.series_kind == "tag" else data.series_kind.replace("_", " ")
    ax.legend(title=legend_title, fontsize=8, title_fontsize=8, frameon=False,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    if data.undated and data.by.is_time:
        figure.text(0.01, 0.005, f"{data.undated:,} passages in articles without a date are not shown",
                    fontsize=7, color="#555555", ha="left", va="bottom")
    return figure


def _bars(ax, data: ChartData) -> None:
    n = len(data.series)
    width = 0.8 / max(n, 1)
    xs = range(len(data.categories))
    for i, name in enumerate(data.series):
        values = [data.value(name, c) for c in data.categories]
        ax.bar([x - 0.4 + width * (i + 0.5) for x in xs], values, width, label=name,
               color=series_colour(data, i, name), edgecolor="#333333", linewidth=0.4,
               hatch=HATCHES[i % len(HATCHES)])
    ax.set_xticks(list(xs))
    long_labels = max((len(c) for c in data.categories), default=0) * len(data.categories) > 70
    ax.set_xticklabels([_shorten(c) for c in data.categories], rotation=30 if long_labels else 0,
                       ha="right" if long_labels else "center")
    ax.set_xlim(-0.6, len(data.categories) - 0.4)


def _lines(ax, data: ChartData) -> None:
    xs = list(range(len(data.categories)))
    marked = len(xs) <= 60
    for i, name in enumerate(data.series):
        ax.plot(xs, [data.value(name, c) for c in data.categories], label=name,
                color=series_colour(data, i, name), linewidth=1.4,
                linestyle=LINE_STYLES[i % len(LINE_STYLES)],
                marker=MARKERS[i % len(MARKERS)] if marked else None, markersize=3.5)
    step = max(1, -(-len(xs) // MAX_TICKS))
    ticks = xs[::step]
    ax.set_xticks(ticks)
    ax.set_xticklabels([data.categories[t] for t in ticks], rotation=45 if len(ticks) > 6 else 0,
                       ha="right" if len(ticks) > 6 else "center")
    ax.set_xlim(-0.5, max(len(xs) - 0.5, 0.5))


def _shorten(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def save(figure, destination: str | os.PathLike) -> None:
    """Write ``figure`` as PNG (300 dpi), SVG or PDF, by the suffix of ``destination``."""
    import matplotlib

    # Text stays text in SVG and fonts are embedded as TrueType in PDF, so journals can edit them.
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        figure.savefig(destination, dpi=DPI, metadata=None if str(destination).endswith(".png") else {})


# -- agreement ----------------------------------------------------------------------------------


def draw_agreement_bars(figure, labels: Sequence[str], measures: Sequence[tuple[str, str]],
                        values: Sequence[Sequence[float | None]]):
    """Bars per tag, one per measure (``measures`` is [(label, colour)]); undefined values get
    an "n/a" mark instead of a bar. Values run from -1 to 1 (kappa, alpha, F1)."""
    figure.clear()
    ax = figure.add_subplot()
    _style(ax)
    if not labels:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No agreement figures yet", ha="center", va="center", fontsize=10,
                color="#555555", transform=ax.transAxes)
        return figure
    n = len(measures)
    width = 0.8 / n
    labelled: set[str] = set()
    for i, (name, colour) in enumerate(measures):
        for x, group in enumerate(values):
            value = group[i] if i < len(group) else None
            left = x - 0.4 + width * (i + 0.5)
            if value is None:
                ax.text(left, 0.02, "n/a", ha="center", va="bottom", fontsize=7, color="#555555")
                continue
            first = name not in labelled
            labelled.add(name)
            ax.bar(left, value, width, color=colour, edgecolor="#333333", linewidth=0.4,
                   hatch=HATCHES[i % len(HATCHES)], label=name if first else None)
    ax.axhline(0, color="#333333", linewidth=0.6)
    lows = [v for g in values for v in g if v is not None]
    ax.set_ylim(min(-0.05, min(lows, default=0) - 0.05), 1.05)
    ax.set_xticks(range(len(labels)))
    rotate = sum(len(label) for label in labels) > 60
    ax.set_xticklabels([_shorten(label, 18) for label in labels], rotation=30 if rotate else 0,
                       ha="right" if rotate else "center")
    ax.set_ylabel("agreement", fontsize=9)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure


def draw_heatmap(figure, labels: Sequence[str], cells: Sequence[Sequence[str]], colours: Sequence[Sequence[str]],
                 text_colours: Sequence[Sequence[str]], a: str = "", b: str = ""):
    """A labelled grid of coloured cells with text in each (the tag confusion matrix): rows are
    ``a``'s tags, columns ``b``'s. The caller chooses the colours (the window's ramp)."""
    from matplotlib.colors import to_rgb

    figure.clear()
    ax = figure.add_subplot()
    if not labels:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No confusion to show", ha="center", va="center", fontsize=10,
                color="#777777", transform=ax.transAxes)
        return figure
    ax.imshow([[to_rgb(c) for c in row] for row in colours], aspect="auto")
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            ax.text(j, i, cell, ha="center", va="center", fontsize=8, color=text_colours[i][j])
    ax.set_xticks(range(len(labels)))
    ax.set_yticks(range(len(labels)))
    ax.set_xticklabels([_shorten(label, 16) for label in labels], rotation=30, ha="right", fontsize=8)
    ax.set_yticklabels([_shorten(label, 20) for label in labels], fontsize=8)
    ax.set_xlabel(b, fontsize=9)
    ax.set_ylabel(a, fontsize=9)
    return figure
