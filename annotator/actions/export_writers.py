"""The writers of the built-in export formats, one function each, as the registry
(:mod:`annotator.actions.export_formats`) names them.

Each has the signature ``write(project, destination, filters, options, report)`` and fills in
``report`` (annotations, articles, files). Storage and the formats' own modules are imported
inside the functions: the registry, and so this module, is read when the command line starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.actions.export_job import (
    ExportError,
    ExportFilters,
    ExportOptions,
    ExportReport,
    Staged,
    replacing,
)
from annotator.core.formats.progress import Ticker

if TYPE_CHECKING:
    from annotator.core.model import Annotation, Article
    from annotator.storage import Project


class Documents:
    """``(Article, [Annotation])`` pairs in article import order, streamed; ``len()`` is the
    number of articles. Articles without (matching) annotations come with an empty list."""

    def __init__(self, project: "Project", filters: ExportFilters):
        from annotator.storage import export_queries

        self.project = project
        self.filters = filters
        self._len = export_queries.count_articles(project.db, filters.status)
        self.annotations_yielded = 0  # for the report: writers return what they count

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[tuple["Article", list["Annotation"]]]:
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


def write_csv(project, destination: Path, filters: ExportFilters, options: ExportOptions, report: ExportReport) -> None:
    from annotator.actions import parallel_csv
    from annotator.core.formats import csv_export
    from annotator.storage import export_queries

    where = filters.where()
    total = export_queries.count_annotations(project.db, **where)
    ticker = Ticker(options.progress, options.cancelled, total)
    tags = project.codebook.tags()
    articles_path = Path(options.articles_csv) if options.articles_csv else None
    if articles_path is not None and articles_path.resolve() == destination.resolve():
        raise ExportError("annotations and articles need two different files")
    plan = csv_export.annotation_plan(tags, formula_guard=options.formula_guard)
    with Staged() as staged:
        handle = staged.open(destination, options.csv_encoding())
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
            from annotator.actions.variable_exports import variable_columns

            from annotator.core.memos import memo_columns

            variables, values = variable_columns(project, filters)  # article-level variables
            memos = memo_columns(project.memos.all(filters.annotators))  # each coder's memo
            report.articles = csv_export.write_articles(
                project.articles.iter_all(status=filters.status),
                staged.open(articles_path, options.csv_encoding()),
                formula_guard=options.formula_guard, variables=variables, values=values, memos=memos,
            )
            report.files.append(str(articles_path))
        ticker.finish()


def write_article_counts(project, destination, filters, options, report) -> None:
    from annotator.core.formats import article_counts
    from annotator.storage import export_queries

    tags = project.codebook.tags()
    if filters.tag_ids is not None:
        tags = [t for t in tags if t.id in set(filters.tag_ids)]
    annotators = None
    if options.by_annotator:
        annotators = filters.annotators or project.annotations.annotators()
    ticker = Ticker(options.progress, options.cancelled, export_queries.count_articles(project.db, filters.status))
    with replacing(destination, options.csv_encoding()) as handle:
        rows = export_queries.tag_counts_by_article(project.db, **filters.where())
        report.articles, report.annotations = article_counts.write_counts(
            rows, tags, handle, annotators=annotators,
            formula_guard=options.formula_guard, ticker=ticker,
        )
        ticker.finish()
    report.files.append(str(destination))


def write_jsonl(project, destination, filters, options, report) -> None:
    from functools import partial

    from annotator.actions.variable_exports import jsonl_values
    from annotator.core.formats import jsonl

    values = jsonl_values(project, filters.annotators)  # article-level variables, per coder
    writer = partial(jsonl.write_jsonl, variables=project.variables.variables(), values=values,
                     memos=memos_by_article(project, filters))
    write_json_documents(writer, project, destination, filters, options, report)


def write_webanno(project, destination, filters, options, report) -> None:
    from annotator.core.formats import webanno

    write_json_documents(webanno.write_webanno, project, destination, filters, options, report)


def write_json_documents(writer, project, destination, filters, options, report) -> None:
    """One UTF-8 file written by ``writer(documents, tags, handle, ticker=...)``, which returns
    ``(articles, annotations)``: the shape most one-file formats can take."""
    documents = Documents(project, filters)
    ticker = Ticker(options.progress, options.cancelled, len(documents), every=50)
    with replacing(destination, "utf-8") as handle:
        report.articles, report.annotations = writer(documents, project.codebook.tags(), handle, ticker=ticker)
        ticker.finish()
    report.files.append(str(destination))


def write_brat(project, destination, filters, options, report) -> None:
    from annotator.core.formats.brat import write_brat as write

    if destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination} is a file; brat needs a folder")
    relations = project.relations.all()  # every typed relation, not only the one link
    write_documents(partial(write, relations=relations), project, destination, filters, options, report)


def write_qdpx(project, destination, filters, options, report) -> None:
    from annotator.core.formats.qdpx import write_qdpx as write

    if destination.is_dir():
        raise ExportError(f"{destination} is a folder; give a file name such as study.qdpx")
    if not destination.parent.is_dir():
        raise ExportError(f"folder {destination.parent} does not exist")
    from annotator.actions.variable_exports import refi_variables

    relations = project.relations.all()  # every typed relation, as REFI Links
    coded = refi_variables(project, filters)  # one coder's article-level variables, typed
    extra = {"coded": coded} if coded is not None else {}
    memos = memos_by_article(project, filters)  # each coder's memo (only the chosen coders')
    write_documents(partial(write, relations=relations, memos=memos, **extra), project, destination, filters,
                    options, report)


def memos_by_article(project, filters: ExportFilters) -> dict[str, list]:
    """Article id -> the memos of the coders the filters keep (under blind coding the Export
    dialog keeps only the coder's own), by coder. Held whole: a memo per coder and article is
    small beside the annotations, which stream."""
    memos: dict[str, list] = {}
    for memo in project.memos.all(filters.annotators):
        memos.setdefault(memo.article_id, []).append(memo)
    return memos


def write_documents(writer, project, destination, filters, options, report) -> None:
    """A writer that takes the (article, annotations) stream and a destination path itself:
    ``writer(documents, tags, destination, progress=..., cancelled=...)`` -> articles written."""
    documents = Documents(project, filters)
    report.articles = writer(
        documents, project.codebook.tags(), destination,
        progress=options.progress, cancelled=options.cancelled,
    )
    report.annotations = documents.annotations_yielded
    report.files.append(str(destination))
