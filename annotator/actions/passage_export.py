"""The ``passages`` export format: the coded passages a passage-browser filter lets through, as
annotations.csv (the same columns, the same formula guard, staged and moved into place).

One writer behind every face: the browser's *Export…*, ``annotator passages --csv``, ``annotator
export --format passages`` and the Export dialog's list all reach it through
:func:`annotator.actions.export.export`. The filter rides in ``ExportFilters.passages``; the
export's own annotator, tag and status choices narrow it further. Light at import time (the
format registry is read when the command line starts): storage is imported inside.
"""

from __future__ import annotations

from pathlib import Path

from annotator.actions.export_job import ExportFilters, ExportOptions, ExportReport, Staged
from annotator.core.formats.progress import Ticker
from annotator.core.passages import PassageFilter


def passage_filter(filters: ExportFilters) -> PassageFilter | None:
    """The browser's filter (every passage when there is none) narrowed by the export's choices
    (both must let a passage through); None when no passage can pass both."""
    f = filters.passages or PassageFilter()
    if filters.annotators is not None:
        names = tuple(n for n in filters.annotators if not f.annotators or n in f.annotators)
        if not names:
            return None
        f = f.with_changes(annotators=names)
    if filters.tag_ids is not None:
        ids = tuple(t for t in filters.tag_ids if not f.tag_ids or t in f.tag_ids)
        if not ids:
            return None
        f = f.with_changes(tag_ids=ids)
    if filters.status is not None:
        if f.statuses and filters.status.value not in f.statuses:
            return None
        f = f.with_changes(statuses=(filters.status.value,))
    return f


def write_passages(project, destination: Path, filters: ExportFilters, options: ExportOptions,
                   report: ExportReport) -> None:
    from annotator.core.formats import csv_export
    from annotator.storage.passage_queries import PassageQueries

    f = passage_filter(filters)
    queries = PassageQueries(project.db)
    ticker = Ticker(options.progress, options.cancelled, queries.count(f) if f is not None else 0)
    plan = csv_export.annotation_plan(project.codebook.tags(), formula_guard=options.formula_guard)
    with Staged() as staged:
        handle = staged.open(destination, options.csv_encoding())
        chunks = queries.csv_chunks(f, plan) if f is not None else iter(())
        try:
            report.annotations = csv_export.write_annotations(chunks, plan, handle, ticker=ticker)
        finally:
            if f is not None:
                chunks.close()  # ends the query at once on a cancel or an error
        report.files.append(str(destination))
    report.articles = queries.count_articles(f) if report.annotations else 0
    ticker.finish()
