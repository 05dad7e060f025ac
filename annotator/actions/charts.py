"""Figures of what was coded: counts of tags, or of a field's values, by outlet or over time,
optionally per 1,000 words; shown in the window and saved as PNG, SVG, PDF or CSV.

The numbers come from ``storage.passage_tallies`` under the browser's filter; the drawing is
``core.figures`` (matplotlib, imported only when a figure is drawn).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from annotator.core.charts import ChartBy, ChartData, build_chart
from annotator.core.passages import PassageFilter
from annotator.storage import Project
from annotator.storage import passage_tallies

FILE_TYPES = ("png", "svg", "pdf", "csv")


class ChartError(ValueError):
    """A figure that cannot be made; the message is one line a researcher can act on."""


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(text.split())


def chart_data(
    project: Project,
    f: PassageFilter = PassageFilter(),
    by: ChartBy | str = ChartBy.OUTLET,
    *,
    field: str | None = None,
    per_1000_words: bool = False,
) -> ChartData:
    """The numbers of a figure: one series per tag (those ``f`` chooses, else all that occur),
    or with ``field`` one series per value of that field."""
    try:
        by = ChartBy(by)
    except ValueError:
        raise ChartError(f"unknown axis {by!r}; choose one of {', '.join(b.value for b in ChartBy)}") from None
    tags = sorted(project.codebook.tags(), key=lambda t: t.position)
    by_outlet = by is ChartBy.OUTLET
    if field is None:
        rows = passage_tallies.chart_counts(project.db, f, by_outlet=by_outlet)
        names = {t.id: t.name for t in tags}
        rows = [(key, names.get(tag_id, tag_id), n) for key, tag_id, n in rows]
        order, kind = [t.name for t in tags], "tag"
        colours = {t.name: t.colour for t in tags}
    else:
        holders = [t for t in tags if (not f.tag_ids or t.id in f.tag_ids)
                   and any(x.name.casefold() == field.casefold() for x in t.fields)]
        if not holders:
            known = sorted({x.name for t in tags for x in t.fields}) or ["none"]
            raise ChartError(f"no tag has a field {field!r} (fields: {', '.join(known)})")
        spec = {t.id: next(x for x in t.fields if x.name.casefold() == field.casefold()) for t in holders}
        field = next(iter(spec.values())).name
        rows = passage_tallies.chart_counts(
            project.db, f, by_outlet=by_outlet, field=field,
            field_tag_ids=[t for t, x in spec.items() if x.type.value != "yesno"],
            yesno_tag_ids=[t for t, x in spec.items() if x.type.value == "yesno"],
        )
        choices = [c for x in spec.values() for c in x.choices]
        order = list(dict.fromkeys(choices)) or None
        if order is not None:
            order += sorted({s for _, s, _ in rows} - set(order), key=str.casefold)
        kind, colours = field, {}
    words = []
    if per_1000_words:
        passage_tallies.fill_word_counts(project.db, count_words)
        words = passage_tallies.coded_words(project.db, f, by_outlet=by_outlet)
    return build_chart(by, rows, words, series_order=order, series_kind=kind,
                       per_1000_words=per_1000_words, colours=colours)


def save(data: ChartData, destination: str | os.PathLike, title: str = "") -> Path:
    """Write the figure (PNG at 300 dpi, SVG, PDF) or its numbers (CSV), by the file's suffix."""
    destination = Path(destination)
    kind = destination.suffix.lower().lstrip(".")
    if kind not in FILE_TYPES:
        raise ChartError(f"{destination.name}: give a file ending in {', '.join('.' + t for t in FILE_TYPES)}")
    if not destination.parent.is_dir():
        raise ChartError(f"folder {destination.parent} does not exist")
    if kind == "csv":
        with open(destination, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(data.csv_rows())
        return destination
    from annotator.core import figures

    figure = figures.draw(data, title=title)
    figures.save(figure, destination)
    return destination
