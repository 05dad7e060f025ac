"""Pages of coded passages across the corpus for the passage browser: filtered, sorted, by key.

Paging is by key, as in ``corpus_queries``: each page starts after the sort key of the last
row of the page before, so the thousandth page costs what the first costs. Orders by an
article column (import order, date, outlet, title, status) let the articles drive the join
through their indexes and walk each article's passages through the ``annotations_spans``
index, so a page stops after ``limit`` matches with no sort at all; coder order walks
``annotations_by_annotator``. Passage text and note orders sort every match (no index could
serve a substring search anyway).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from annotator.storage._sqlite_utils import Database

from annotator.core.formats.csv_export import AnnotationCsvPlan
from annotator.core.passages import Passage, PassageFilter, PassageSort
from annotator.storage import export_queries
from annotator.storage.passage_filter_sql import (
    Params,
    article_terms,
    coder_terms,
    has_article_terms,
    is_server,
    passage_terms,
    run,
    search_match,
)
from annotator.storage import passage_tally_queries as tally

_ARTICLE_ORDERS = {
    PassageSort.ARTICLE, PassageSort.PUBLISHED, PassageSort.OUTLET, PassageSort.TITLE, PassageSort.STATUS,
}


def _sort_sql(sort: PassageSort, params: Params) -> str | None:
    """The sort expression of an order (None: article order, the key alone). Each key ends with
    the article position (ar.rowid, a.start) for article orders, then the annotation rowid that
    makes every key unique."""
    return {
        PassageSort.ARTICLE: None,
        PassageSort.PUBLISHED: "ar.published",
        PassageSort.OUTLET: params.nocase("ar.outlet"),
        PassageSort.TITLE: params.nocase("ar.title"),
        PassageSort.STATUS: params.status("ar"),
        PassageSort.ANNOTATOR: "a.annotator",
        PassageSort.TAG: params.nocase("(SELECT name FROM tags t WHERE t.id = a.tag_id)"),
        PassageSort.PASSAGE: params.nocase("a.text"),
        PassageSort.NOTE: params.nocase("a.note"),
    }[sort]


def _columns(params: Params) -> str:
    return (
        "a.rowid, a.id, a.article_id, ar.rowid, a.tag_id, a.start, a.\"end\", a.text, a.context_before, "
        f"a.context_after, a.annotator, a.note, a.fields, ar.title, ar.outlet, ar.published, {params.status('ar')}"
    )


# INDEXED BY: with a tag or coder term the planner would otherwise scan that term's index for
# every article (measured: minutes on a million passages) instead of seeking the article's own.
ARTICLES_FIRST = "articles ar CROSS JOIN annotations a INDEXED BY annotations_spans ON a.article_id = ar.id"
ARTICLES_BY_METADATA = (
    "articles ar INDEXED BY articles_metadata CROSS JOIN annotations a INDEXED BY annotations_spans "
    "ON a.article_id = ar.id"
)
# Below this many word-search matches, a page sorts the matches; above it they are dense
# enough that walking the corpus in order finds a page of them sooner.
SEARCH_SORT_LIMIT = 20_000
ANNOTATIONS_FIRST = "annotations a JOIN articles ar ON ar.id = a.article_id"


def _count_source(f: PassageFilter) -> str:
    """What a count reads: the annotations alone when no article term filters; else each
    article passing them, then its passages through the (article_id, ...) index (a third of
    the corpus by outlet: 0.5 s the other way round, 0.1 s this way). A co-occurrence cell
    (an overlap filter) walks the passages in article order too (:func:`_overlap_walk`): each
    passage's partner lookup then finds its article's index pages already read (2.4 times
    faster than taking the tag's passages in field order, measured on a million)."""
    if not has_article_terms(f):
        if f.overlapping_tag_ids and not search_match(f):
            return f"annotations a INDEXED BY {_overlap_walk(f)}"
        return "annotations a"
    return ANNOTATIONS_FIRST if search_match(f) else ARTICLES_BY_METADATA


def _overlap_walk(f: PassageFilter) -> str:
    """The index an overlap filter's passages are walked along, article by article: the chosen
    tags' own stretch of (tag_id, article_id, start, ...) when it names tags (a quarter of the
    corpus for one tag: 360 -> 210 ms for a co-occurrence cell on a million), else every
    passage along the span index."""
    return "annotations_by_tag_article" if f.tag_ids else "annotations_spans"


def _passage_level(f: PassageFilter) -> bool:
    """Whether ``f`` has terms on passages beyond whose they are (coders, layer, visibility)."""
    return bool(f.tag_ids or f.fields or f.search_words() or f.overlapping_tag_ids)


def where(f: PassageFilter, params: Params) -> list[str]:
    """Every term of ``f`` (passage and article). In a file an article-level code's articles
    are a set of rowids: a page in article order then walks just those articles, in order,
    instead of reading every passage of a third of the corpus and sorting them (a tone's first
    page: 150 -> 35 ms)."""
    return passage_terms(f, params) + article_terms(f, params, rowid_of=None if params.server else "ar.rowid")


class PassageQueries:
    """Read-only queries behind the passage browser and ``annotator passages``, on a project
    file or a study's server (the same filters; on a server the search is PostgreSQL's text
    search and an article's status the coder's own)."""

    def __init__(self, db: Database):
        self.db = db
        self.server = is_server(db)

    def _params(self) -> Params:
        return Params(server=self.server)

    def _run(self, sql: str, params: Params):
        return run(self.db, sql, params)

    def page(
        self,
        f: PassageFilter = PassageFilter(),
        sort: PassageSort = PassageSort.ARTICLE,
        descending: bool = False,
        after: Passage | None = None,
        limit: int = 200,
    ) -> list[Passage]:
        """Up to ``limit`` passages in the given order, starting after the passage ``after``."""
        sort = PassageSort(sort)
        if sort is PassageSort.TAG:
            return self._page_by_tag(f, descending, after, limit)
        params = self._params()
        terms = where(f, params)
        sort_sql = _sort_sql(sort, params)
        by_article = sort in _ARTICLE_ORDERS
        key = ["ar.rowid", "a.start", "a.rowid"] if by_article else ["a.rowid"]
        if sort_sql is not None:
            key = [sort_sql, *key]
        op, direction = ("<", "DESC") if descending else (">", "ASC")
        if after is not None:
            values = [after.article_rowid, after.start, after.rowid] if by_article else [after.rowid]
            if sort_sql is not None:
                values = [after.sort_value, *values]
            marks = params.bind(values)
            # The leading column's own bound lets SQLite seek to the page instead of scanning
            # from the start (a row-value comparison alone is not used to seek an index).
            terms.append(f"{key[0]} {op}= {marks.split(', ')[0]}")
            terms.append(f"({', '.join(key)}) {op} ({marks})")
        # Articles drive the join when the order is theirs (CROSS JOIN keeps the order as
        # written); a word search drives it from the full-text index and sorts its matches.
        source = ARTICLES_FIRST if by_article and not self._few_matches(f) else ANNOTATIONS_FIRST
        order = ", ".join(f"{k} {direction}" for k in key)
        return self._select(source, terms, params, sort_sql, order, limit)

    def _few_matches(self, f: PassageFilter) -> bool:
        match = search_match(f)
        if not match:
            return False
        if self.server:
            return True  # the server's planner chooses the order of the join itself
        found = self.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM annotations_fts WHERE annotations_fts MATCH ? LIMIT ?)",
            [match, SEARCH_SORT_LIMIT + 1],
        ).fetchone()[0]
        return found <= SEARCH_SORT_LIMIT

    def _page_by_tag(self, f: PassageFilter, descending: bool, after: Passage | None, limit: int) -> list[Passage]:
        # One walk of the (tag_id, rowid) index per tag, tags in name order: sorting a million
        # passages by tag name costs over a second; the walks cost milliseconds.
        by_name = self._params().nocase("name")
        order = [r[0] for r in self.db.execute(
            f"SELECT id FROM tags ORDER BY {by_name} " + ("DESC" if descending else "ASC"))]
        if f.tag_ids:
            order = [t for t in order if t in f.tag_ids]
        first = order.index(after.tag_id) if after is not None and after.tag_id in order else 0
        op, direction = ("<", "DESC") if descending else (">", "ASC")
        rows: list[Passage] = []
        for tag_id in order[first:]:
            params = self._params()
            terms = where(f, params) + [f"a.tag_id = {params.one(tag_id)}"]
            if after is not None and tag_id == after.tag_id:
                terms.append(f"a.rowid {op} {params.one(after.rowid)}")
            rows += self._select(ANNOTATIONS_FIRST, terms, params, _sort_sql(PassageSort.TAG, params),
                                 f"a.rowid {direction}", limit - len(rows))
            if len(rows) >= limit:
                break
        return rows

    def _select(self, source: str, terms: list[str], params: Params, sort_sql: str | None, order: str,
                limit: int) -> list[Passage]:
        sql = (
            f"SELECT {_columns(params)}, {sort_sql or 'NULL'} FROM {source}"
            + (" WHERE " + " AND ".join(terms) if terms else "")
            + f" ORDER BY {order} LIMIT {params.one(limit)}"
        )
        return [_passage(r) for r in self._run(sql, params)]

    def count(self, f: PassageFilter = PassageFilter()) -> int:
        """How many passages the filter lets through."""
        params = self._params()
        if has_article_terms(f) and tally.serves(self.db, f):
            # Without article terms the tag and coder indexes count faster than the tally.
            return tally.passage_count(self.db, f)
        terms = where(f, params)
        sql = f"SELECT count(*) FROM {_count_source(f)}" + (" WHERE " + " AND ".join(terms) if terms else "")
        return self._run(sql, params).fetchone()[0]

    def count_articles(self, f: PassageFilter = PassageFilter()) -> int:
        """How many articles hold at least one passage the filter lets through."""
        params = self._params()
        if tally.serves(self.db, f):
            return tally.article_count(self.db, f)
        if not _passage_level(f):
            # Each article passing the article terms, asked once whether it holds a passage: a
            # distinct count of the passages' 64-character article ids costs seconds. The ids
            # are asked in id order, so consecutive lookups read neighbouring index pages
            # (twice as fast on a million passages as in the metadata index's order).
            articles = article_terms(f, params)
            inner = " AND ".join(["a.article_id = ids.id", *coder_terms(f, params)])
            source = "articles ar INDEXED BY articles_metadata" if articles else "articles ar"
            sql = (
                f"WITH ids AS MATERIALIZED (SELECT ar.id FROM {source}"
                + (" WHERE " + " AND ".join(articles) if articles else "")
                + " ORDER BY ar.id) SELECT count(*) FROM ids WHERE EXISTS "
                f"(SELECT 1 FROM annotations a INDEXED BY annotations_spans WHERE {inner})"
            )
            return self._run(sql, params).fetchone()[0]
        terms = where(f, params)
        if not has_article_terms(f) and not f.fields and not search_match(f):
            # An overlap (or, in a file without the tally, tags and coders): the index walked
            # holds all they read, in article order (per tag), so the passages group by
            # article as they come (2-4 times faster than a distinct count, which sorts ids).
            sql = (f"SELECT count(*) FROM (SELECT a.article_id FROM annotations a INDEXED BY {_overlap_walk(f)}"
                   + (" WHERE " + " AND ".join(terms) if terms else "") + " GROUP BY a.article_id) x")
            return self._run(sql, params).fetchone()[0]
        # Grouped rather than count(DISTINCT ...): SQLite sorts the ids instead of inserting each
        # into a b-tree (a context search's 141,000 passages: 320 -> 200 ms).
        sql = (f"SELECT count(*) FROM (SELECT a.article_id FROM {_count_source(f)}"
               + (" WHERE " + " AND ".join(terms) if terms else "") + " GROUP BY a.article_id) x")
        return self._run(sql, params).fetchone()[0]

    def outlets(self) -> list[str]:
        """Every outlet the corpus names, in alphabetical order."""
        if self.server:
            sql = "SELECT outlet FROM articles WHERE outlet != '' GROUP BY outlet ORDER BY lower(outlet), outlet"
        else:
            sql = "SELECT DISTINCT outlet FROM articles WHERE outlet != '' ORDER BY outlet COLLATE NOCASE"
        return [r[0] for r in self.db.execute(sql)]

    def field_values(self, field: str, tag_ids: Sequence[str], limit: int = 200) -> list[str]:
        """The most frequent values of a text or choice field among the passages of ``tag_ids``."""
        if not tag_ids:
            return []
        params = self._params()
        value = params.json_value("fields", field)
        sql = (
            f"SELECT v, count(*) FROM (SELECT {value} AS v FROM annotations "
            f"WHERE tag_id IN ({params.bind(tag_ids)})) x WHERE v IS NOT NULL AND CAST(v AS TEXT) != '' "
            f"GROUP BY v ORDER BY count(*) DESC, v LIMIT {params.one(limit)}"
        )
        return [str(r[0]) for r in self._run(sql, params)]

    def csv_chunks(self, f: PassageFilter, plan: AnnotationCsvPlan, chunk_size: int = 2000) -> Iterator[list[tuple]]:
        """The filtered passages as rows of annotations.csv (``plan``'s layout), article order."""
        params = self._params()
        terms = where(f, params)
        cells = export_queries.csv_cells(plan, params)
        sql = (
            f"SELECT {', '.join(cells)} FROM articles ar CROSS JOIN annotations a ON a.article_id = ar.id "
            "JOIN tags t ON t.id = a.tag_id"
            + (" WHERE " + " AND ".join(terms) if terms else "")
            + " ORDER BY ar.rowid, a.start, a.rowid"
        )
        cursor = run(self.db, sql, params) if self.server else self.db.conn.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield rows


def _passage(r: tuple) -> Passage:
    return Passage(
        rowid=r[0], id=r[1], article_id=r[2], article_rowid=r[3], tag_id=r[4], start=r[5], end=r[6],
        text=r[7], context_before=r[8], context_after=r[9], annotator=r[10], note=r[11],
        fields=json.loads(r[12] or "{}"), title=r[13], outlet=r[14], published=r[15], status=r[16],
        sort_value=r[17],
    )
