"""Export a project's coded corpus: CSV, the document x code matrix, JSONL, W3C Web Annotation,
brat and REFI-QDA.

Filters (annotators, tags by name, article status) are resolved here; rows stream from storage
to the writers in ``annotator.core.formats``. Single-file formats are written to a temporary file
beside the destination and moved into place at the end, so a failed or cancelled export leaves
no half-written file behind (and never damages an earlier export of the same name).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from annotator.core.formats.progress import Cancelled, Ticker
from annotator.core.model import Annotation, Article, Status
from annotator.storage import PROJECT_SUFFIX, Project
from annotator.storage import export_queries
from annotator.storage.project import is_project_file

FORMATS = ("csv", "article-counts", "jsonl", "webanno", "brat", "qdpx")


class ExportError(Exception):
    """An export that cannot be made; the message is one line a researcher can act on."""


@dataclass
class ExportReport:
    format: str
    destination: str
    annotations: int = 0
    articles: int = 0
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class _Filters:
    annotators: list[str] | None
    tag_ids: list[str] | None
    status: Status | None


@dataclass
class _Options:
    excel: bool
    formula_guard: bool
    articles_csv: str | os.PathLike | None
    by_annotator: bool
    progress: Callable[[int, int], None] | None
    cancelled: Callable[[], bool] | None
    parallel: bool = True


def export(
    project: Project,
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
) -> ExportReport:
    """Write ``project``'s annotations (those matching the filters) to ``destination``.

    ``tags`` are tag names (any case); ``annotators`` annotator names; ``status`` keeps articles
    with that status. ``excel`` writes CSV with a UTF-8 BOM; ``formula_guard`` neutralises
    spreadsheet formulas (see ``core.formats.csv_guard``); ``articles_csv`` (CSV only) also
    writes the articles with their text. Raises :class:`ExportError` for bad options and
    :class:`~annotator.core.formats.progress.Cancelled` when ``cancelled()`` turns true.

    A big CSV export writes half its rows in a second process (``actions.parallel_csv``). That
    process re-imports the calling script, so a script calling this at top level needs an
    ``if __name__ == "__main__":`` guard, or ``parallel=False``.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if articles_csv is not None and format != "csv":
        raise ExportError("--articles goes with --format csv only")
    if by_annotator and format != "article-counts":
        raise ExportError("--by-annotator goes with --format article-counts only")
    filters = _resolve_filters(project, annotators, tags, status)
    destination = Path(destination)
    for path in (destination, Path(articles_csv) if articles_csv else None):
        if path is not None and project.path is not None and path.resolve() == Path(project.path).resolve():
            raise ExportError(f"{path} is the project file itself; choose another name")
        if path is not None and (path.suffix.lower() == PROJECT_SUFFIX or is_project_file(path)):
            raise ExportError(f"{path} is an annotator project file; an export never writes over a project")
    started = time.perf_counter()
    report = ExportReport(format=format, destination=str(destination))
    options = _Options(excel, formula_guard, articles_csv, by_annotator, progress, cancelled, parallel)
    _WRITERS[format](project, destination, filters, report, options)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _resolve_filters(project, annotators, tags, status) -> _Filters:
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
        known_annotators = set(project.annotations.annotators())
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
    return _Filters(names, tag_ids, status)


# -- streaming ---------------------------------------------------------------------------------


class Documents:
    """``(Article, [Annotation])`` pairs in article import order, streamed; ``len()`` is the
    number of articles. Articles without (matching) annotations come with an empty list."""

    def __init__(self, project: Project, filters: _Filters):
        self.project = project
        self.filters = filters
        self._len = export_queries.count_articles(project.db, filters.status)
        self.annotations_yielded = 0  # for the report: writers return what they count

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[tuple[Article, list[Annotation]]]:
        f = self.filters
        # Both streams come in article import order, so one pass merges them.
        annotations = self.project.annotations.iter_all(annotators=f.annotators, tag_ids=f.tag_ids)
        pending = next(annotations, None)
        for article in self.project.articles.iter_all():
            group = []
            while pending is not None and pending.article_id == article.id:
                group.append(pending)
                pending = next(annotations, None)
            if f.status is None or article.status is f.status:
                self.annotations_yielded += len(group)
                yield article, group


class _Staged:
    """Files written under temporary names beside their destinations, which replace the
    destinations together when the block ends without error, and vanish otherwise."""

    def __init__(self) -> None:
        self._files: list[tuple[Path, Path, TextIO]] = []

    def open(self, destination: Path, encoding: str) -> TextIO:
        if destination.is_dir():
            raise ExportError(f"{destination} is a folder; give a file name")
        folder = destination.parent
        if not folder.is_dir():
            raise ExportError(f"folder {folder} does not exist")
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=folder)
        except OSError as error:
            raise ExportError(f"cannot write in {folder} ({error.strerror})") from error
        handle = open(fd, "w", encoding=encoding, newline="")
        self._files.append((Path(temp), destination, handle))
        return handle

    def __enter__(self) -> "_Staged":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            for _, _, handle in self._files:
                handle.close()
            if kind is None:
                for temp, destination, _ in self._files:
                    os.replace(temp, destination)
        finally:
            for temp, _, _ in self._files:
                temp.unlink(missing_ok=True)


@contextmanager
def _replacing(destination: Path, encoding: str):
    """A text file that becomes ``destination`` only if the block finishes without error."""
    with _Staged() as staged:
        yield staged.open(destination, encoding)


def _csv_encoding(options) -> str:
    # Excel reads a BOM-less CSV in the machine's legacy code page; the BOM makes it read UTF-8.
    return "utf-8-sig" if options.excel else "utf-8"


def _write_csv(project, destination, filters, report, options) -> None:
    from annotator.actions import parallel_csv
    from annotator.core.formats import csv_export

    where = dict(annotators=filters.annotators, tag_ids=filters.tag_ids, status=filters.status)
    total = export_queries.count_annotations(project.db, **where)
    ticker = Ticker(options.progress, options.cancelled, total)
    tags = project.codebook.tags()
    articles_path = Path(options.articles_csv) if options.articles_csv else None
    if articles_path is not None and articles_path.resolve() == destination.resolve():
        raise ExportError("annotations and articles need two different files")
    plan = csv_export.annotation_plan(tags, formula_guard=options.formula_guard)
    with _Staged() as staged:
        handle = staged.open(destination, _csv_encoding(options))
        if options.parallel and parallel_csv.wanted(project, total):  # a big export: a second process writes half
            report.annotations = parallel_csv.write_annotations(project, plan, where, handle, destination, ticker)
        else:
            chunks = export_queries.annotation_csv_chunks(project.db, plan, **where)
            try:
                report.annotations = csv_export.write_annotations(chunks, plan, handle, ticker=ticker)
            finally:
                chunks.close()  # ends the query at once on a cancel or an error
        report.files.append(str(destination))
        if articles_path is not None:
            report.articles = csv_export.write_articles(
                project.articles.iter_all(status=filters.status),
                staged.open(articles_path, _csv_encoding(options)),
                formula_guard=options.formula_guard,
            )
            report.files.append(str(articles_path))
        ticker.finish()


def _write_article_counts(project, destination, filters, report, options) -> None:
    from annotator.core.formats import article_counts

    where = dict(annotators=filters.annotators, tag_ids=filters.tag_ids, status=filters.status)
    tags = project.codebook.tags()
    if filters.tag_ids is not None:
        tags = [t for t in tags if t.id in set(filters.tag_ids)]
    annotators = None
    if options.by_annotator:
        annotators = filters.annotators or project.annotations.annotators()
    ticker = Ticker(options.progress, options.cancelled, export_queries.count_articles(project.db, filters.status))
    with _replacing(destination, _csv_encoding(options)) as handle:
        rows = export_queries.tag_counts_by_article(project.db, **where)
        report.articles, report.annotations = article_counts.write_counts(
            rows, tags, handle, annotators=annotators,
            formula_guard=options.formula_guard, ticker=ticker,
        )
        ticker.finish()
    report.files.append(str(destination))


def _write_jsonl(project, destination, filters, report, options) -> None:
    from annotator.core.formats import jsonl

    _write_json_documents(jsonl.write_jsonl, project, destination, filters, report, options)


def _write_webanno(project, destination, filters, report, options) -> None:
    from annotator.core.formats import webanno

    _write_json_documents(webanno.write_webanno, project, destination, filters, report, options)


def _write_json_documents(writer, project, destination, filters, report, options) -> None:
    """One UTF-8 file written by ``writer(documents, tags, handle, ticker=...)``."""
    documents = Documents(project, filters)
    ticker = Ticker(options.progress, options.cancelled, len(documents), every=50)
    with _replacing(destination, "utf-8") as handle:
        report.articles, report.annotations = writer(documents, project.codebook.tags(), handle, ticker=ticker)
        ticker.finish()
    report.files.append(str(destination))


def _write_brat(project, destination, filters, report, options) -> None:
    from annotator.core.formats.brat import write_brat

    if destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination} is a file; brat needs a folder")
    _write_documents(write_brat, project, destination, filters, report, options)


def _write_qdpx(project, destination, filters, report, options) -> None:
    from annotator.core.formats.qdpx import write_qdpx

    if destination.is_dir():
        raise ExportError(f"{destination} is a folder; give a file name such as study.qdpx")
    if not destination.parent.is_dir():
        raise ExportError(f"folder {destination.parent} does not exist")
    _write_documents(write_qdpx, project, destination, filters, report, options)


def _write_documents(writer, project, destination, filters, report, options) -> None:
    """A writer that takes the (article, annotations) stream and a destination path itself."""
    documents = Documents(project, filters)
    report.articles = writer(
        documents, project.codebook.tags(), destination,
        progress=options.progress, cancelled=options.cancelled,
    )
    report.annotations = documents.annotations_yielded
    report.files.append(str(destination))


_WRITERS = {
    "csv": _write_csv,
    "article-counts": _write_article_counts,
    "jsonl": _write_jsonl,
    "webanno": _write_webanno,
    "brat": _write_brat,
    "qdpx": _write_qdpx,
}

__all__ = ["Cancelled", "Documents", "ExportError", "ExportReport", "FORMATS", "export"]
