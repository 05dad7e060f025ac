"""The tag x tag co-occurrence table for a passage filter (the window and ``annotator
cooccurrence``), and the filter that lists one cell's passages in the browser."""

from __future__ import annotations

import csv
import os

from annotator.core.cooccurrence import CooccurrenceTable
from annotator.core.passages import PassageFilter
from annotator.storage import Project
from annotator.storage.passage_tallies import cooccurrence_counts


def table(project: Project, f: PassageFilter = PassageFilter()) -> CooccurrenceTable:
    """Counts for every pair of tags (those ``f`` chooses, else all, in codebook order)."""
    tags = [t for t in sorted(project.codebook.tags(), key=lambda t: t.position)
            if not f.tag_ids or t.id in f.tag_ids]
    passages, articles, totals = cooccurrence_counts(project.db, f)
    return CooccurrenceTable(tags=[(t.id, t.name) for t in tags], passages=passages, articles=articles,
                             totals=totals)


def cell_filter(f: PassageFilter, row_tag_id: str, column_tag_id: str) -> PassageFilter:
    """The browser's filter for one cell: ``row`` passages overlapping a ``column`` passage."""
    return f.with_changes(tag_ids=(row_tag_id,), overlapping_tag_ids=(column_tag_id,))


def write_csv(result: CooccurrenceTable, destination: str | os.PathLike) -> None:
    with open(destination, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(result.csv_rows())
