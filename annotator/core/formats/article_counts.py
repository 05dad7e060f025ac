"""The document x code matrix: one row per article with its metadata and the count of each tag
(``--format article-counts``), optionally one column per tag and annotator (``Quote|maria``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TextIO

from annotator.core.formats.csv_export import csv_writer
from annotator.core.formats.csv_guard import cell_guard
from annotator.core.formats.progress import Ticker
from annotator.core.model import Tag

# What the storage layer yields: the article's columns, then tag_id, annotator, count.
ARTICLE_SOURCE = ("article_id", "title", "outlet", "author", "url", "published", "status")
SEPARATOR = "|"


def count_header(tags: Sequence[Tag], annotators: Sequence[str] | None = None) -> list[str]:
    """Metadata columns, then one column per tag (or per tag and annotator, ``Tag|name``)."""
    if annotators is None:
        counts = [t.name for t in tags]
    else:
        counts = [f"{t.name}{SEPARATOR}{name}" for t in tags for name in annotators]
    return [*ARTICLE_SOURCE, *counts]


def write_counts(
    rows: Iterable[Sequence],
    tags: Sequence[Tag],
    handle: TextIO,
    *,
    annotators: Sequence[str] | None = None,
    formula_guard: bool = True,
    ticker: Ticker | None = None,
) -> tuple[int, int]:
    """Write the matrix from ``rows`` = ``(*ARTICLE_SOURCE, tag_id, annotator, count)`` grouped
    by article (an article without annotations has one row with tag_id None). Returns
    ``(articles, annotations counted)``. Counts of tags or annotators not asked for are left out.
    """
    g = cell_guard(formula_guard)
    width = len(ARTICLE_SOURCE)
    if annotators is None:
        column = {t.id: i for i, t in enumerate(tags)}
    else:
        column = {
            (t.id, name): i * len(annotators) + j
            for i, t in enumerate(tags)
            for j, name in enumerate(annotators)
        }
    writer = csv_writer(handle)
    writer.writerow([g(c) for c in count_header(tags, annotators)])
    articles = counted = 0
    for _, group in groupby(rows, key=lambda r: r[0]):
        counts = [0] * len(column)
        metadata = None
        for row in group:
            metadata = row[:width]
            tag_id, annotator, n = row[width:]
            key = tag_id if annotators is None else (tag_id, annotator)
            if n and key in column:
                counts[column[key]] += n
                counted += n
        article_id, *rest, status = metadata
        writer.writerow([article_id, *(g(v or "") for v in rest), status, *counts])
        articles += 1
        if ticker is not None:
            ticker.tick()
    return articles, counted
