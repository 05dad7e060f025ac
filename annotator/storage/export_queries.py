"""Streaming queries for exports: one SQL join, plain tuples, no dataclasses on the hot path.

An export of a million annotations must run in seconds with flat memory, so these return
cursors (rows arrive as they are written out) in the layouts the writers in
``annotator.core.formats`` declare.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from annotator.storage._sqlite_utils import Database

from annotator.core.formats.csv_export import AnnotationCsvPlan, FieldColumn
from annotator.core.model import Status
from annotator.core.review import REVIEWED

# The reviewer's comment on the decision that wrote a reviewed-layer annotation (its id is in
# the decision's result_ids). Only rows of the reviewed layer look, and only at decisions that
# carry a comment, so coders' rows (nearly all of a large export) cost one string comparison.
_REVIEW_COMMENT = (
    f"(CASE WHEN a.annotator = '{REVIEWED}' THEN (SELECT group_concat(d.comment, char(10)) "
    "FROM review_decisions d, json_each(d.result_ids) j WHERE d.comment <> '' AND j.value = a.id) END)"
)
# The same on a study's server (the passage browser's export reads a server study too).
_SERVER_REVIEW_COMMENT = (
    f"(CASE WHEN a.annotator = '{REVIEWED}' THEN (SELECT string_agg(d.comment, chr(10)) "
    "FROM review_decisions d, jsonb_array_elements_text(d.result_ids::jsonb) j "
    "WHERE d.comment <> '' AND j = a.id) END)"
)
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
    "review_comment": _REVIEW_COMMENT,
    "linked_annotation_id": "a.linked_id",
    "created_at": "a.created_at",
    "updated_at": "a.updated_at",
}
CHUNK_ROWS = 2000  # rows per hand-over: progress and cancellation are checked between chunks
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
    rowid_range: tuple[int | None, int | None] | None = None,
) -> Iterator[list[tuple]]:
    """The rows of annotations.csv as ``plan`` lays them out, in lists of ``chunk_size``, in
    article import order, then by start offset (ties in the order they were stored). SQLite
    computes every cell (field values, formula guard), so rows go straight from the cursor to
    ``csv.writer``. (Reading ahead in a second thread was measured: no faster, because
    turning rows into Python objects holds the GIL.)

    ``rowid_range`` ``(low, high)`` keeps the articles with ``low <= rowid < high`` (None: no
    bound), so that processes can each write a run of the same rows (see
    :func:`annotation_split_rowids`).
    """
    sql, params = _annotation_csv_query(plan, annotators, tag_ids, status, rowid_range)
    return _chunks(db.conn.execute(sql, params), chunk_size)


def _annotation_csv_query(plan, annotators, tag_ids, status, rowid_range=None) -> tuple[str, dict]:
    where, params = _filters(annotators, tag_ids, status)
    low, high = rowid_range or (None, None)
    if low is not None:
        where.append(f"ar.rowid >= {_bind(params, [low])}")
    if high is not None:
        where.append(f"ar.rowid < {_bind(params, [high])}")
    cells = csv_cells(plan, params)
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


def csv_cells(plan: AnnotationCsvPlan, params: dict) -> list[str]:
    """The SQL of each cell of ``plan`` over ``annotations a``, ``articles ar`` and ``tags t``
    (parameters added to ``params``): the passage browser exports its rows through this too."""
    cells = []
    for column in plan.columns:
        if isinstance(column, FieldColumn):
            expression = _field_cell(column, params)
            name = column.column
        else:
            server = getattr(params, "server", False)
            expression = _SERVER_REVIEW_COMMENT if server and column == "review_comment" else _CSV_EXPRESSIONS[column]
            name = column
        if name in plan.guarded:
            expression = _guarded(expression, plan.guard_chars, server=getattr(params, "server", False))
        cells.append(expression)
    return cells


def annotation_split_rowids(
    db: Database,
    parts: int,
    *,
    annotators: Iterable[str] | None = None,
    tag_ids: Iterable[str] | None = None,
    status: Status | str | None = None,
    sample: int = 2000,
) -> list[int]:
    """Article rowids that cut the rows of :func:`annotation_csv_chunks` into ``parts`` runs of
    about equal size: part ``k`` is ``rowid_range=(cuts[k-1], cuts[k])``, open at both ends.
    Fewer cuts (none at all) when the rows are too few to share.

    Counting the rows of every article costs as much as a tenth of the export, so this looks
    at an evenly spaced sample of at most ``sample`` annotations (a few milliseconds); the
    parts come out equal to within a few per cent, which is all a split for speed needs.
    """
    # Two subqueries: min and max in one SELECT would scan the table instead of two seeks.
    low, high = db.execute(
        "SELECT (SELECT min(rowid) FROM annotations), (SELECT max(rowid) FROM annotations)"
    ).fetchone()
    if low is None or parts < 2:
        return []
    where, params = _filters(annotators, tag_ids, status)
    params.update(low=low, high=high, step=max(1, (high - low + 1) // sample))
    # The recursive CTE walks the sampled rowids; CROSS JOIN keeps it driving the lookups.
    sql = (
        "WITH RECURSIVE s(r) AS (SELECT :low UNION ALL SELECT r + :step FROM s WHERE r + :step <= :high) "
        "SELECT ar.rowid FROM s CROSS JOIN annotations a ON a.rowid = s.r "
        "JOIN articles ar ON ar.id = a.article_id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY ar.rowid"
    rowids = [r[0] for r in db.execute(sql, params)]
    cuts = sorted({rowids[len(rowids) * k // parts] for k in range(1, parts)} - {rowids[0]}) if rowids else []
    return cuts


def _chunks(cursor: sqlite3.Cursor, size: int) -> Iterator[list[tuple]]:
    while rows := cursor.fetchmany(size):
        yield rows


def _guarded(expression: str, guard_chars: frozenset[str], server: bool = False) -> str:
    """``expression`` with an apostrophe prefixed when its first character is a guard character
    (``csv_guard.guard``, done in SQL: a Python call per cell would double the export time).
    ``server``: PostgreSQL's ``ascii`` (the first code point) for SQLite's ``unicode``, and no
    byte-order shortcut (a server's collation does not sort by code point)."""
    codes = ", ".join(str(ord(c)) for c in sorted(guard_chars))
    if server:
        return f"(CASE WHEN ascii({expression}) IN ({codes}) THEN '''' || {expression} ELSE {expression} END)"
    # Every guard character sorts before "A", so most cells (starting with a letter) are
    # settled by one byte comparison, without the function call.
    shortcut = f"{expression} < 'A' AND " if max(guard_chars) < "A" else ""
    return (
        f"(CASE WHEN {shortcut}unicode({expression}) IN ({codes}) "
        f"THEN '''' || {expression} ELSE {expression} END)"
    )


def _field_cell(column: FieldColumn, params: dict) -> str:
    """A field's value from the annotation's JSON ``fields``: yes/no fields as yes, no or NULL;
    others as they are (non-text values as JSON); NULL (a blank cell) where the tag has no
    such field. The codebook says which is which, so each cell parses the JSON once. On a
    study's server (``params.server``, the passage browser's Params) ``->>`` reads the value as
    text, true and false as 'true' and 'false'."""
    if getattr(params, "server", False):
        bind = params.bind
        value = f"(a.fields::jsonb ->> {bind([column.field])})"
        true, false = "'true'", "'false'"
    else:
        bind = lambda values: _bind(params, values)  # noqa: E731
        true, false = "1", "0"  # json_extract gives 1 and 0 for JSON true and false
        if '"' in column.field:
            # A JSON path label cannot hold a double quote: look such a key up with json_each.
            value = f"(SELECT value FROM json_each(a.fields) WHERE key = {bind([column.field])})"
        else:
            path = bind(['$."' + column.field + '"'])
            value = f"json_extract(a.fields, {path})"
    cases = []
    if column.yesno_tag_ids:
        cases.append(f"WHEN a.tag_id IN ({bind(column.yesno_tag_ids)}) "
                     f"THEN CASE {value} WHEN {true} THEN 'yes' WHEN {false} THEN 'no' END")
    if column.tag_ids:
        cases.append(f"WHEN a.tag_id IN ({bind(column.tag_ids)}) THEN {value}")
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
