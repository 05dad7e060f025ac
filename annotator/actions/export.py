"""Export a project's coded corpus in any format of the registry
(:mod:`annotator.actions.export_formats`): CSV, the document x code matrix, JSONL, W3C Web
Annotation, brat, REFI-QDA, and whatever else is registered there.

Filters (annotators, tags by name, article status) and options are checked here, once for every
format; rows stream from storage to the writers. Single-file formats are written to a temporary
file beside the destination and moved into place at the end, so a failed or cancelled export
leaves no half-written file behind (and never damages an earlier export of the same name).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.actions import export_formats, passage_export
from annotator.actions.export_job import ExportError, ExportFilters, ExportOptions, ExportReport
from annotator.actions.export_writers import Documents
from annotator.core.formats.progress import Cancelled
from annotator.core.model import Status

if TYPE_CHECKING:
    from annotator.core.passages import PassageFilter
    from annotator.storage import Project


def export(
    project: "Project",
    format: str,
    destination: str | os.PathLike,
    *,
    annotators: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    status: Status | str | None = None,
    excel: bool = False,
    formula_guard: bool = True,
    articles_csv: str | os.PathLike | None = None,
    by_annotator: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    parallel: bool = True,
    passages: "PassageFilter | None" = None,
) -> ExportReport:
    """Write ``project``'s annotations (those matching the filters) to ``destination``.

    ``tags`` are tag names (any case); ``annotators`` annotator names; ``status`` keeps articles
    with that status. ``excel`` writes CSV with a UTF-8 BOM; ``formula_guard`` neutralises
    spreadsheet formulas (see ``core.formats.csv_guard``); ``articles_csv`` (CSV only) also
    writes the articles with their text. ``passages`` (the ``passages`` format only) is a
    passage-browser filter the other filters narrow further. Raises :class:`ExportError` for bad options and
    :class:`~annotator.core.formats.progress.Cancelled` when ``cancelled()`` turns true.

    A big CSV export writes half its rows in a second process (``actions.parallel_csv``). That
    process re-imports the calling script, so a script calling this at top level needs an
    ``if __name__ == "__main__":`` guard, or ``parallel=False``.
    """
    chosen = export_formats.get(format)
    if chosen is None:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(export_formats.names())}")
    if project.path is None and hasattr(project, "url"):
        # A server study: exported from a snapshot of it (what this login may read, as of now),
        # so every format runs on the file's queries, consistent across tables.
        from annotator.storage.pg.transfer import snapshot

        with snapshot(project) as local:
            return export(local, format, destination, annotators=annotators, tags=tags, status=status, excel=excel,
                          formula_guard=formula_guard, articles_csv=articles_csv, by_annotator=by_annotator,
                          progress=progress, cancelled=cancelled, parallel=parallel, passages=passages)
    options = ExportOptions(excel, formula_guard, articles_csv, by_annotator, progress, cancelled, parallel)
    _refuse_options_not_taken(chosen, options)
    if passages is not None and chosen.write is not passage_export.write_passages:
        raise ExportError(f"a passage filter goes with the passages format only, not {format}")
    filters = _resolve_filters(project, annotators, tags, status)
    filters.passages = passages
    destination = Path(destination)
    for path in (destination, Path(articles_csv) if articles_csv else None):
        if path is not None and project.path is not None and path.resolve() == Path(project.path).resolve():
            raise ExportError(f"{path} is the project file itself; choose another name")
        if path is not None and _is_a_project(path):
            raise ExportError(f"{path} is an annotator project file; an export never writes over a project")
    started = time.perf_counter()
    report = ExportReport(format=format, destination=str(destination))
    chosen.write(project, destination, filters, options, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _refuse_options_not_taken(chosen: export_formats.ExportFormat, options: ExportOptions) -> None:
    defaults = ExportOptions()
    for option, flag in export_formats.OPTIONS.items():
        if getattr(options, option) != getattr(defaults, option) and not chosen.takes(option):
            takers = ", ".join(export_formats.takers(option))
            raise ExportError(f"{flag} goes with --format {takers} only")


def _resolve_filters(project, annotators, tags, status) -> ExportFilters:
    tag_ids = None
    if tags is not None:
        tag_ids = []
        for name in tags:
            tag = project.codebook.by_name(name)
            if tag is None:
                known = ", ".join(t.name for t in project.codebook.tags()) or "none"
                raise ExportError(f"no tag named {name!r} (the codebook has: {known})")
            tag_ids.append(tag.id)
    names = None
    if annotators is not None:
        names = list(annotators)
        # A coder may have set article-level values or written memos and tagged no passage yet.
        known_annotators = set(project.annotations.annotators()) | set(project.article_values.annotators())
        known_annotators |= set(project.memos.annotators())
        unknown = [n for n in names if n not in known_annotators]
        if unknown:
            listed = ", ".join(sorted(known_annotators)) or "nobody yet"
            raise ExportError(f"no annotations by {unknown[0]!r} (annotators: {listed})")
    if status is not None:
        try:
            status = Status(status)
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise ExportError(f"unknown status {status!r}; choose one of {choices}") from None
    return ExportFilters(names, tag_ids, status)


__all__ = ["Cancelled", "Documents", "ExportError", "ExportReport", "export"]


def _is_a_project(path: Path) -> bool:
    """Never write over an annotator project (``export -o other.annotator`` once replaced a
    colleague's project with CSV), nor name an export like one."""
    from annotator.storage.project import PROJECT_SUFFIX, is_project_file

    return path.suffix.lower() == PROJECT_SUFFIX or is_project_file(path)
