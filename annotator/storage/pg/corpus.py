"""The corpus list's pages for a study on a server: the same rows and keyset paging as
:class:`annotator.storage.corpus_queries.CorpusQueries`, in PostgreSQL's dialect.

Differences in meaning, as in :mod:`annotator.storage.pg.project`: an article's status is the
coder's own (``coder_status``), and row-level security already hides colleagues' annotations
from a blind coder, so ``only_annotator`` narrows further only for the lead and reviewers.
"""

from __future__ import annotations

from annotator.storage.corpus_queries import CorpusFilter, CorpusRow, SortKey

_STATUS = "coalesce(cs.status, 'todo')"
_SOURCE = "articles a LEFT JOIN coder_status cs ON cs.article_id = a.id AND cs.coder = current_user"
_CODER = "(%(coder)s::text IS NULL OR n.annotator = %(coder)s::text)"
_SORT_SQL = {
    SortKey.IMPORTED: "a.seq",
    SortKey.TITLE: "lower(a.title)",
    SortKey.OUTLET: "lower(a.outlet)",
    SortKey.PUBLISHED: "a.published",
    SortKey.STATUS: _STATUS,
    SortKey.ANNOTATIONS: f"(SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND {_CODER})",
}
_COUNTS = (
    f"(SELECT count(*) FROM annotations n WHERE n.article_id = {{id}} AND {_CODER}), "
    f"(SELECT string_agg(DISTINCT n.annotator, chr(31) ORDER BY n.annotator) FROM annotations n "
    f"WHERE n.article_id = {{id}} AND {_CODER})"
)


def _tsquery(search: str) -> str:
    """Every word required, the last one as a prefix (results while it is being typed)."""
    terms = ["".join(ch for ch in t if ch.isalnum()) for t in search.split()]
    terms = [t for t in terms if t]
    if not terms:
        return ""
    terms[-1] += ":*"
    return " & ".join(terms)


class ServerCorpusQueries:
    """Read-only queries behind the corpus list, on a server study."""

    def __init__(self, db, only_annotator: str | None = None):
        self.db = db  # the study's PgDatabase: its connection may be made again after a loss
        self.only_annotator = only_annotator

    def _execute(self, sql: str, params: dict):
        from annotator.storage.pg.dialect import server_errors

        with server_errors():
            return self.db.connection().execute(sql, params)

    def page(self, corpus_filter: CorpusFilter = CorpusFilter(), sort: SortKey = SortKey.IMPORTED,
             descending: bool = False, after: CorpusRow | None = None, limit: int = 200) -> list[CorpusRow]:
        sort_sql = _SORT_SQL[SortKey(sort)]
        where, params = self._where(corpus_filter)
        op, direction = ("<", "DESC") if descending else (">", "ASC")
        if after is not None:
            where.append(f"({sort_sql}, a.seq) {op} (%(after_value)s, %(after_rowid)s)")
            params.update(after_value=after.sort_value, after_rowid=after.rowid)
        sql = (
            f"SELECT a.seq, a.id, a.title, a.outlet, a.published, {_STATUS}, {sort_sql} AS sort_value, "
            f"{_COUNTS.format(id='a.id')} FROM {_SOURCE}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {sort_sql} {direction}, a.seq {direction} LIMIT %(limit)s"
        )
        rows = self._execute(sql, {**params, "limit": limit, "coder": self.only_annotator})
        return [_row(r) for r in rows]

    def row(self, article_id: str, sort: SortKey = SortKey.IMPORTED) -> CorpusRow | None:
        """One article's row afresh; None when it is gone — or while the server is away (the
        list keeps the row it shows; it is read again once the edits waiting are sent)."""
        from annotator.storage.errors import ConnectionLostError

        try:
            found = self._execute(
                f"SELECT a.seq, a.id, a.title, a.outlet, a.published, {_STATUS}, {_SORT_SQL[SortKey(sort)]}, "
                f"{_COUNTS.format(id='a.id')} FROM {_SOURCE} WHERE a.id = %(id)s",
                {"id": article_id, "coder": self.only_annotator},
            ).fetchone()
        except ConnectionLostError:
            return None
        return _row(found) if found else None

    def count(self, corpus_filter: CorpusFilter = CorpusFilter()) -> int:
        where, params = self._where(corpus_filter)
        # Only a status filter needs the coder's own statuses: without it the join to
        # coder_status cost 136 ms of a 100,000-article count (benchmarks/bench_team.py).
        source = _SOURCE if corpus_filter.status else "articles a"
        sql = f"SELECT count(*) FROM {source}" + (" WHERE " + " AND ".join(where) if where else "")
        return self._execute(sql, params).fetchone()[0]

    def first_with_status(self, status: str = "todo") -> str | None:
        found = self._execute(
            f"SELECT a.id FROM {_SOURCE} WHERE {_STATUS} = %(status)s ORDER BY a.seq LIMIT 1", {"status": status}
        ).fetchone()
        return found[0] if found else None

    def _where(self, corpus_filter: CorpusFilter) -> tuple[list[str], dict]:
        where, params = [], {}
        query = _tsquery(corpus_filter.search)
        if query:
            where.append("a.search @@ to_tsquery('simple', annotator_fold(%(query)s))")
            params["query"] = query
        if corpus_filter.status:
            where.append(f"{_STATUS} = %(status)s")
            params["status"] = corpus_filter.status
        if corpus_filter.assigned_to:
            where.append("EXISTS (SELECT 1 FROM assignments s WHERE s.article_id = a.id AND s.coder = %(assigned_to)s)")
            params["assigned_to"] = corpus_filter.assigned_to
        return where, params


def _row(r: tuple) -> CorpusRow:
    seq, article_id, title, outlet, published, status, sort_value, count, annotators = r
    return CorpusRow(id=article_id, rowid=seq, title=title, outlet=outlet, published=published,
                     status=status, annotation_count=count,
                     annotators=tuple(annotators.split("\x1f")) if annotators else (), sort_value=sort_value)
