"""The numbers behind the co-occurrence table and the figures, under a passage-browser filter:
overlapping passages by tag pair, passages by outlet or date and series, words of the coded
articles. On a project file or a study's server, as :mod:`annotator.storage.passage_queries`.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.storage._sqlite_utils import Database

from annotator.core.passages import PassageFilter
from annotator.storage.passage_filter_sql import (
    Params,
    article_terms,
    coder_terms,
    has_article_terms,
    is_server,
    passage_terms,
    run,
)
from annotator.storage import passage_tally_queries as tally


def cooccurrence_counts(db: Database, f: PassageFilter) -> tuple[dict, dict, dict]:
    """``(passages, articles, totals)`` for :class:`~annotator.core.cooccurrence.CooccurrenceTable`:
    rows are passages ``f`` lets through (its tags choose rows and columns), partners any
    overlapping passage by the coders ``f`` allows."""
    params = Params(server=is_server(db))
    rows = passage_terms(f, params, tags=False) + article_terms(f, params)
    partner = coder_terms(f, params, "b")
    if f.tag_ids:
        marks = params.bind(f.tag_ids)
        rows.append(f"a.tag_id IN ({marks})")
        partner.append(f"b.tag_id IN ({marks})")
    source = "annotations a" + (" JOIN articles ar ON ar.id = a.article_id" if has_article_terms(f) else "")
    row_where = " WHERE " + " AND ".join(rows) if rows else ""
    partner_where = " AND ".join(partner) if partner else "1 = 1"
    # The partner is found through the (article_id, start, ...) index: every passage of the
    # article starting before this one ends; the index holds end and tag, so no table visit.
    passages = {
        (r[0], r[1]): r[2] for r in run(
            db, f"SELECT a.tag_id, b.tag_id, count(DISTINCT a.rowid) FROM {source} "
            "JOIN annotations b ON b.article_id = a.article_id AND b.start < a.\"end\" "
            f"AND b.\"end\" > a.start AND b.rowid != a.rowid AND {partner_where}{row_where} "
            "GROUP BY a.tag_id, b.tag_id",
            params,
        )
    }
    articles = tally.article_pairs(db, f) if tally.serves(db, f) else {
        (r[0], r[1]): r[2] for r in run(
            db, f"WITH x AS (SELECT DISTINCT a.article_id, a.tag_id FROM {source}{row_where}), "
            f"y AS (SELECT DISTINCT b.article_id, b.tag_id FROM annotations b WHERE {partner_where}) "
            "SELECT x.tag_id, y.tag_id, count(*) FROM x JOIN y ON y.article_id = x.article_id "
            "GROUP BY x.tag_id, y.tag_id",
            params,
        )
    }
    totals = {r[0]: r[1] for r in run(
        db, f"SELECT a.tag_id, count(*) FROM {source}{row_where} GROUP BY a.tag_id", params
    )}
    return passages, articles, totals


def chart_counts(
    db: Database,
    f: PassageFilter,
    *,
    by_outlet: bool,
    field: str | None = None,
    field_tag_ids: Sequence[str] = (),
    yesno_tag_ids: Sequence[str] = (),
) -> list[tuple[str, str, int]]:
    """``(outlet or published, series, count)`` of the passages ``f`` lets through; the series is
    the tag id, or with ``field`` the field's value (yes/no fields as yes and no) on the tags
    holding it. Grouped by published value, so periods are cut in Python (a few thousand
    groups, not a million rows)."""
    if field is None and tally.serves(db, f):
        return tally.tag_counts(db, f, by_outlet=by_outlet)
    server = is_server(db)
    params = Params(server=server)
    terms = passage_terms(f, params)
    series = "a.tag_id"
    if field is not None:
        value = params.json_value("a.fields", field)
        cases = []
        if yesno_tag_ids:
            yes, no = ("'true'", "'false'") if server else ("1", "0")
            cases.append(f"WHEN a.tag_id IN ({params.bind(yesno_tag_ids)}) "
                         f"THEN CASE {value} WHEN {yes} THEN 'yes' WHEN {no} THEN 'no' END")
        if field_tag_ids:
            cases.append(f"WHEN a.tag_id IN ({params.bind(field_tag_ids)}) THEN CAST({value} AS TEXT)")
        series = f"(CASE {' '.join(cases)} END)" if cases else "NULL"
        terms.append(f"a.tag_id IN ({params.bind([*field_tag_ids, *yesno_tag_ids])})")
    article_params = Params(server=server)
    article_where = article_terms(f, article_params, rowid_of=None if server else "ar.rowid")
    group = "ar.outlet" if by_outlet else "ar.published"
    # Counted per article first; each article's outlet or date then comes from a dict read off
    # the small metadata index. Joining a million passages to their articles instead costs
    # seconds.
    key_of = dict(run(
        db, f"SELECT ar.id, {group} FROM articles ar INDEXED BY articles_metadata"
        + (" WHERE " + " AND ".join(article_where) if article_where else ""),
        article_params,
    ))
    totals: dict[tuple[str, str], int] = {}
    if field is None:
        # Tag series: one row per article with a count per tag, grouped along the span index's
        # own order (grouping by article and tag sorts a million rows first: 2-3 times slower).
        tag_ids = list(f.tag_ids) or [r[0] for r in db.execute("SELECT id FROM tags")]
        sums = ", ".join(f"sum(CASE WHEN a.tag_id = {params.one(t)} THEN 1 ELSE 0 END)" for t in tag_ids)
        sql = (f"SELECT a.article_id, {sums} FROM annotations a INDEXED BY annotations_spans"
               + (" WHERE " + " AND ".join(terms) if terms else "") + " GROUP BY a.article_id")
        tally.add_per_article(run(db, sql, params), tag_ids, key_of, totals)
        return [(key, value, n) for (key, value), n in totals.items()]
    # A field's values: the tags' passages read off the (tag_id, article_id, ..., fields, id)
    # index, which holds every column the terms read, and counted here (1.5-2 s -> 0.5 s for
    # a choice field on 250,000 passages: the span index walk visited each passage's row for
    # its fields, and grouping by article and value sorted them all).
    sql = (f"SELECT a.article_id, {series} FROM annotations a INDEXED BY annotations_by_tag_article"
           + (" WHERE " + " AND ".join(terms) if terms else ""))
    for article_id, value in run(db, sql, params):
        if value is None or value == "":
            continue
        key = key_of.get(article_id)
        if key is not None:
            totals[(key, value)] = totals.get((key, value), 0) + 1
    return [(key, value, n) for (key, value), n in totals.items()]


def coded_words(db: Database, f: PassageFilter, *, by_outlet: bool) -> list[tuple[str, int]]:
    """``(outlet or published, words)`` over the articles that pass ``f``'s article terms and hold
    a passage by the coders ``f`` allows (the articles that were coded)."""
    if tally.has_tally(db):
        return tally.coded_words(db, f, by_outlet=by_outlet)
    params = Params(server=is_server(db))
    terms = article_terms(f, params)
    coders = coder_terms(f, params, "a")
    terms.append("EXISTS (SELECT 1 FROM annotations a INDEXED BY annotations_spans WHERE a.article_id = ar.id"
                 + "".join(f" AND {t}" for t in coders) + ")")
    group = "ar.outlet" if by_outlet else "ar.published"
    if params.server:
        # A coder may not write the lead's word-count cache: the server counts as it goes
        # (runs of non-space characters, as count_words does).
        words, source = ("(SELECT count(*) FROM regexp_split_to_table(ar.text, '\\s+') w WHERE w <> '')",
                         "articles ar")
    else:
        words, source = ("w.words", "articles ar INDEXED BY articles_metadata "
                         "CROSS JOIN article_words w ON w.article_id = ar.id")
    sql = f"SELECT {group}, sum({words}) FROM {source} WHERE " + " AND ".join(terms) + " GROUP BY 1"
    return [(key, int(n)) for key, n in run(db, sql, params)]


def fill_word_counts(db: Database, count_words, batch: int = 2000) -> int:
    """Store the word count of every article that has none yet (texts never change, so a count
    stays true); return how many were counted. ``count_words(text) -> int`` does the counting.
    A server counts as it goes (:func:`coded_words`): nothing to store there."""
    if is_server(db):
        return 0
    # Every article counted already (each count's row belongs to an article: a foreign key),
    # told by two small counts instead of a look-up per article (0.2 s on 100,000).
    counted, articles = db.execute(
        "SELECT (SELECT count(*) FROM article_words), (SELECT count(*) FROM articles)").fetchone()
    if counted >= articles:
        return 0
    cursor = db.conn.execute(
        "SELECT ar.id, ar.text FROM articles ar WHERE NOT EXISTS "
        "(SELECT 1 FROM article_words w WHERE w.article_id = ar.id)"
    )
    rows = [(article_id, count_words(text)) for article_id, text in cursor]
    for i in range(0, len(rows), batch):
        with db.atomic():
            db.conn.executemany("INSERT OR REPLACE INTO article_words (article_id, words) VALUES (?, ?)",
                                rows[i:i + batch])
    return len(rows)
