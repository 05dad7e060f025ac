"""Streaming queries for exports: one SQL join, plain tuples, no dataclasses on the hot path.

An export of a million annotations must run in seconds with flat memory, so these return
cursors (rows arrive as they are written out) in the layouts the writers in
``annotator.core.formats`` declare.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database

from annotator.core.formats.csv_export import AnnotationCsvPlan, FieldColumn
from annotator.core.model import Status

# SQL for each fixed column of annotations.csv (csv_export.LEADING/TRAILING_COLUMNS).
_CSV_EXPRESSIONS = {
    "annotation_id": "a.id",
    "article_id": "a.article_id",
    "article_title": "ar.title",
    "outlet": "ar.outlet",
    "published": "ar.published",
    "url": "ar.url",
    "annotator": "a.annotator",
    "tag": "t.name",
    "start": "a.start",
    "end": 'a."end"',
    "text": "a.text",
    "context_before": "a.context_before",
    "context_after": "a.context_after",
    "note": "a.note",
    "linked_annotation_id": "a.linked_id",
    "created_at": "a.created_at",
    "updated_at": "a.updated_at",
}
CHUNK_ROWS = 2000  # rows per hand-over: progress and cancellation are checked between chunks
READ_AHEAD_CHUNKS = 4  # chunks the reading thread may be ahead of the writer
# Counting columns of an article (document x code matrix), before tag_id, annotator, count.
COUNT_ARTICLE_COLUMNS = ("id", "title", "outlet", "author", "url", "published", "status")


def _filters(
    annotators: Iterable[str] | None, tag_ids: Iterable[str] | None, status: Status | str | None
) -> tuple[list[str], dict]:
    """WHERE clauses and their named parameters (named, so an expression can repeat one)."""
    where: list[str] = []
    params: dict = {}
    for column, values in (("a.annotator", annotators), ("a.tag_id", tag_ids)):
        if values is not None:
            where.append(f"{column} IN ({_bind(params, values)})")
    if status is not None:
        where.append(f"ar.status = {_bind(params, [Status(status).value])}")
    return where, params


def _bind(params: dict, values: Iterable) -> str:
    """Add ``values`` to ``params`` under fresh names; return their placeholders."""
    marks = []
    for value in values:
        name = f"p{len(params)}"
        params[name] = value
        marks.append(f":{name}")
    return ", ".join(marks)


def annotation_csv_chunks(
    db: Database,
    plan: AnnotationCsvPlan,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
    chunk_size: int = CHUNK_ROWS,
) -> Iterator[list[tuple]]:
    """The rows of annotations.csv as ``plan`` lays them out, in lists of ``chunk_size``, in
    article import order, then by start offset (ties in the order they were stored). SQLite
    computes every cell (field values, formula guard), so rows go straight from the cursor to
    ``csv.writer``.

    For a project file the rows are read ahead by a second, read-only connection in a thread:
    SQLite releases the GIL while it steps, so the query runs on one core while the CSV is
    written on another.
    """
    sql, params = _annotation_csv_query(plan, annotators, tag_ids, status)
    path = _file_of(db)
    if path is None:
        return _chunks(db.conn.execute(sql, params), chunk_size)
    return _read_ahead(path, sql, params, chunk_size)


def _annotation_csv_query(plan, annotators, tag_ids, status) -> tuple[str, dict]:
    where, params = _filters(annotators, tag_ids, status)
    cells = []
    for column in plan.columns:
        if isinstance(column, FieldColumn):
            expression = _field_cell(column, params)
            name = column.column
        else:
            expression = _CSV_EXPRESSIONS[column]
            name = column
        if name in plan.guarded:
            expression = _guarded(expression, plan.guard_chars)
        cells.append(expression)
    # CROSS JOIN makes articles drive the join (SQLite keeps the order as written), so rows
    # come out in article order through the (article_id, start) index with no sort at all;
    # annotations starting at the same offset come in the order they were stored. (Sorting
    # those ties by end as well costs a fifth of the export time.)
    sql = (
        f"SELECT {', '.join(cells)} FROM articles ar "
        "CROSS JOIN annotations a ON a.article_id = ar.id "
        "JOIN tags t ON t.id = a.tag_id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY ar.rowid, a.start"
    return sql, params


def _chunks(cursor: sqlite3.Cursor, size: int) -> Iterator[list[tuple]]:
    while rows := cursor.fetchmany(size):
        yield rows


def _file_of(db: Database) -> str | None:
    """The database's file, or None for an in-memory database."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return file or None
    return None


def _read_ahead(path: str, sql: str, params: dict, size: int) -> Iterator[list[tuple]]:
    """Chunks of the query's rows, read by a thread with its own read-only connection and
    handed over through a short queue (memory stays flat). Closing the iterator early (an
    error, a cancel) stops the thread."""
    handover: queue.Queue = queue.Queue(maxsize=READ_AHEAD_CHUNKS)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                handover.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
            try:
                cursor = conn.execute(sql, params)
                while rows := cursor.fetchmany(size):
                    if not put(rows):
                        return
            finally:
                conn.close()
            put(done)
        except BaseException as error:  # handed to the consumer, raised there
            put(error)

    thread = threading.Thread(target=read, name="export-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            try:
                item = handover.get(timeout=0.5)
            except queue.Empty:
                if not thread.is_alive() and handover.empty():
                    raise RuntimeError("the export's reading thread stopped unexpectedly") from None
                continue
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def _guarded(expression: str, guard_chars: frozenset[str]) -> str:
    """``expression`` with an apostrophe prefixed when its first character is a guard character
    (``csv_guard.guard``, done in SQL: a Python call per cell would double the export time)."""
    codes = ", ".join(str(ord(c)) for c in sorted(guard_chars))
    return f"(CASE WHEN unicode({expression}) IN ({codes}) THEN '''' || {expression} ELSE {expression} END)"


def _field_cell(column: FieldColumn, params: dict) -> str:
    """A field's value from the annotation's JSON ``fields``: yes/no fields as yes, no or NULL;
    others as they are (non-text values as JSON); NULL (a blank cell) where the tag has no
    such field. The codebook says which is which, so each cell parses the JSON once."""
    if '"' in column.field:
        # A JSON path label cannot hold a double quote: look such a key up with json_each.
        key = _bind(params, [column.field])
        value = f"(SELECT value FROM json_each(a.fields) WHERE key = {key})"
    else:
        path = _bind(params, ['$."' + column.field + '"'])
        value = f"json_extract(a.fields, {path})"
    cases = []
    if column.yesno_tag_ids:
        # json_extract gives 1 and 0 for JSON true and false.
        cases.append(f"WHEN a.tag_id IN ({_bind(params, column.yesno_tag_ids)}) "
                     f"THEN CASE {value} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END")
    if column.tag_ids:
        cases.append(f"WHEN a.tag_id IN ({_bind(params, column.tag_ids)}) THEN {value}")
    return f"(CASE {' '.join(cases)} END)" if cases else "NULL"


def count_annotations(
    db: Database,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
) -> int:
    """How many rows :func:`annotation_csv_chunks` would yield."""
    where, params = _filters(annotators, tag_ids, status)
    sql = "SELECT count(*) FROM annotations a JOIN articles ar ON ar.id = a.article_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return db.execute(sql, params).fetchone()[0]


def count_articles(db: Database, status: Status | str | None = None) -> int:
    if status is None:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return db.execute("SELECT count(*) FROM articles WHERE status = ?", [Status(status).value]).fetchone()[0]


def tag_counts_by_article(
    db: Database,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
) -> Iterator[tuple]:
    """Rows ``(*COUNT_ARTICLE_COLUMNS, tag_id, annotator, count)`` in article import order; an
    article with no (matching) annotation comes once with ``tag_id`` None and count 0."""
    where, params = _filters(annotators, tag_ids, None)
    on = " AND ".join(["a.article_id = ar.id", *where])
    article_columns = ", ".join(f"ar.{c}" for c in COUNT_ARTICLE_COLUMNS)
    sql = (
        f"SELECT {article_columns}, a.tag_id, a.annotator, count(a.id) "
        f"FROM articles ar LEFT JOIN annotations a ON {on}"
    )
    if status is not None:
        sql += f" WHERE ar.status = {_bind(params, [Status(status).value])}"
    sql += " GROUP BY ar.rowid, a.tag_id, a.annotator ORDER BY ar.rowid"
    return db.execute(sql, params)
