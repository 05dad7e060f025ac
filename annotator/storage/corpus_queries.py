"""Pages of article rows for the corpus list: sorted, filtered, searched, never the whole corpus.

Paging is by key ("keyset"): each page starts after the sort key and rowid of the last row of
the page before, so page 200 costs what page 1 costs and rows inserted meanwhile never shift
a page. Import order (rowid) needs no index; the other orders scan the articles once per page
with a top-N sort, which stays well under a second on 100,000 articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from annotator.storage._sqlite_utils import Database


class SortKey(str, Enum):
    """The orders the corpus list offers (the column clicked)."""

    IMPORTED = "imported"
    TITLE = "title"
    OUTLET = "outlet"
    PUBLISHED = "published"
    STATUS = "status"
    ANNOTATIONS = "annotations"


# The SQL expression each order sorts by; rowid breaks ties so every row has a unique key.
_SORT_SQL = {
    SortKey.IMPORTED: "a.rowid",
    SortKey.TITLE: "a.title COLLATE NOCASE",
    SortKey.OUTLET: "a.outlet COLLATE NOCASE",
    SortKey.PUBLISHED: "a.published",
    SortKey.STATUS: "a.status",
    SortKey.ANNOTATIONS: "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND {coder})",
}
# Blind coding: a coder sees the counts and names of their own annotations only (None: everyone's).
_CODER = "(:coder IS NULL OR n.annotator = :coder)"


@dataclass(frozen=True)
class CorpusFilter:
    """Which articles the list shows: a status (None for all), search words (title and text)
    and, for a coder in a team, only the articles assigned to them (``assigned_to``: their name)."""

    status: str | None = None
    search: str = ""
    assigned_to: str | None = None


@dataclass(frozen=True)
class CorpusRow:
    """One line of the corpus list."""

    id: str
    rowid: int
    title: str
    outlet: str
    published: str
    status: str
    annotation_count: int
    annotators: tuple[str, ...] = field(default_factory=tuple)
    sort_value: object = None  # the value this row was sorted by: the next page starts after it


def fts_match(query: str) -> str:
    """An FTS5 MATCH expression requiring every word of ``query``; "" when it has none.

    Each word is quoted so user input is never parsed as FTS5 syntax; the last one also
    matches as a prefix, so results come while the word is still being typed.
    """
    terms = [t.replace('"', '""') for t in query.split() if t.strip('"')]
    if not terms:
        return ""
    quoted = [f'"{t}"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


class CorpusQueries:
    """Read-only queries behind the corpus list. ``only_annotator`` (blind coding) limits the
    annotation counts and names to that coder's own."""

    def __init__(self, db: Database, only_annotator: str | None = None):
        self.db = db
        self.only_annotator = only_annotator

    def page(
        self,
        corpus_filter: CorpusFilter = CorpusFilter(),
        sort: SortKey = SortKey.IMPORTED,
        descending: bool = False,
        after: CorpusRow | None = None,
        limit: int = 200,
    ) -> list[CorpusRow]:
        """Up to ``limit`` rows in the given order, starting after the row ``after``."""
        sort_sql = _sort_sql(sort)
        source, where, params = self._where(corpus_filter)
        if source != "articles a" and SortKey(sort) is SortKey.IMPORTED:
            sort_sql = "f.rowid"  # the same value, but the planner lets FTS5 deliver the order
        by_rowid = SortKey(sort) is SortKey.IMPORTED
        op = "<" if descending else ">"
        direction = "DESC" if descending else "ASC"
        # Rowid order needs no tie-breaker, and adding one would stop FTS5 delivering the order.
        order = f"{sort_sql} {direction}" if by_rowid else f"{sort_sql} {direction}, a.rowid {direction}"
        if after is not None and by_rowid:
            where.append(f"{sort_sql} {op} :after_rowid")
            params["after_rowid"] = after.rowid
        elif after is not None:
            where.append(f"({sort_sql}, a.rowid) {op} (:after_value, :after_rowid)")
            params.update(after_value=after.sort_value, after_rowid=after.rowid)
        # The inner query picks the page; the outer one fills in the costly columns for those
        # rows only.
        inner = (
            f"SELECT a.rowid AS rid, a.id, a.title, a.outlet, a.published, a.status, "
            f"{sort_sql} AS sort_value FROM {source}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order} LIMIT :limit"
        )
        sql = (
            f"SELECT p.rid, p.id, p.title, p.outlet, p.published, p.status, p.sort_value, {_COUNTS.format(id='p.id')} "
            f"FROM ({inner}) p ORDER BY p.sort_value {direction}, p.rid {direction}"
        )
        return [_row(r) for r in self.db.execute(sql, {**params, "limit": limit, "coder": self.only_annotator})]

    def row(self, article_id: str, sort: SortKey = SortKey.IMPORTED) -> CorpusRow | None:
        """The current row of one article (after its annotations or status changed)."""
        found = self.db.execute(
            f"SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.status, {_sort_sql(sort)}, "
            f"{_COUNTS.format(id='a.id')} FROM articles a WHERE a.id = :id",
            {"id": article_id, "coder": self.only_annotator},
        ).fetchone()
        return _row(found) if found else None

    def count(self, corpus_filter: CorpusFilter = CorpusFilter()) -> int:
        """How many articles the filter lets through."""
        source, where, params = self._where(corpus_filter)
        if not corpus_filter.status and not corpus_filter.assigned_to and fts_match(corpus_filter.search):
            source = "articles_fts"  # no need to visit the articles themselves
        sql = f"SELECT count(*) FROM {source}" + (" WHERE " + " AND ".join(where) if where else "")
        return self.db.execute(sql, params).fetchone()[0]

    def first_with_status(self, status: str = "todo") -> str | None:
        """The first article in import order with ``status`` (the next one still to do)."""
        found = self.db.execute(
            "SELECT id FROM articles WHERE status = :status ORDER BY rowid LIMIT 1", {"status": status}
        ).fetchone()
        return found[0] if found else None

    def _where(self, corpus_filter: CorpusFilter) -> tuple[str, list[str], dict]:
        """The FROM clause, WHERE terms and (named) parameters of a filter."""
        source, where, params = "articles a", [], {}
        match = fts_match(corpus_filter.search)
        if match:
            # Driving the join from the full-text index lets FTS5 hand rows over in rowid
            # order, so a page in import order stops after ``limit`` matches (an IN (...)
            # subquery would collect every match first).
            source = "articles_fts f JOIN articles a ON a.rowid = f.rowid"
            where.append("articles_fts MATCH :match")
            params["match"] = match
        if corpus_filter.status:
            where.append("a.status = :status")
            params["status"] = corpus_filter.status
        if corpus_filter.assigned_to:
            # The primary key (coder, article_id) answers this without visiting other coders' rows.
            where.append("a.id IN (SELECT article_id FROM assignments WHERE coder = :assigned_to)")
            params["assigned_to"] = corpus_filter.assigned_to
        return source, where, params


# The annotation count and the annotators' names of the article whose id is {id}.
_COUNTS = (
    f"(SELECT count(*) FROM annotations n WHERE n.article_id = {{id}} AND {_CODER}), "
    "(SELECT group_concat(annotator, char(31)) FROM "
    f"  (SELECT DISTINCT annotator FROM annotations n WHERE n.article_id = {{id}} AND {_CODER} ORDER BY annotator))"
)


def _sort_sql(sort: SortKey) -> str:
    return _SORT_SQL[SortKey(sort)].format(coder=_CODER)


def _row(r: tuple) -> CorpusRow:
    rowid, article_id, title, outlet, published, status, sort_value, count, annotators = r
    return CorpusRow(
        id=article_id,
        rowid=rowid,
        title=title,
        outlet=outlet,
        published=published,
        status=status,
        annotation_count=count,
        annotators=tuple(annotators.split("\x1f")) if annotators else (),
        sort_value=sort_value,
    )
