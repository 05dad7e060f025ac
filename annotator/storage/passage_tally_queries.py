"""The passage browser's counts and the figures' tag numbers read off the passage tally.

``passage_tally`` (migration 0018, kept by triggers) holds how many passages each article
has by tag and coder: 721,000 narrow rows keyed by the article's integer rowid for a million
annotations, where the span index holds a million 150-byte entries keyed by the article's
64-character id. A filter that chooses passages only by tag and coder, whatever it asks of
their articles, is answered here; one on field values, words or overlaps reads the
annotations (``passage_queries``). A study's server has no tally: there every query reads
the annotations.
"""

from __future__ import annotations

from annotator.core.passages import PassageFilter
from annotator.storage.passage_filter_sql import Params, article_terms, coder_terms, has_metadata_terms, is_server

# The articles passing the metadata terms, each with its tally rows (an integer seek).
BY_ARTICLE = "articles ar INDEXED BY articles_metadata CROSS JOIN passage_tally t ON t.article_key = ar.rowid"


def has_tally(db) -> bool:
    """Whether ``db`` is a project file with the tally: a server has none (its rows would need
    row-level security per coder), nor has a file opened for reading before its upgrade."""
    if is_server(db):
        return False
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'passage_tally'").fetchone() is not None


def serves(db, f: PassageFilter) -> bool:
    """Whether the tally can answer ``f``: it counts passages by article, tag and coder only."""
    return not (f.fields or f.search_words() or f.overlapping_tag_ids) and has_tally(db)


def tally_terms(f: PassageFilter, params: Params, t: str = "t") -> list[str]:
    """``f``'s tag and coder terms on the tally's rows (``t``), which have the columns they read."""
    terms = coder_terms(f, params, t)
    if f.tag_ids:
        terms.append(f"{t}.tag_id IN ({params.bind(f.tag_ids)})")
    return terms


def passage_count(db, f: PassageFilter) -> int:
    """How many passages ``f`` lets through: each article passing its article terms adds up its
    few rows (an outlet's third of a million: 180 ms -> 60 ms), or with only article-level
    codes the tally is sought by the coded articles' rowids."""
    params = Params()
    if has_metadata_terms(f):
        terms = article_terms(f, params, rowid_of="ar.rowid") + tally_terms(f, params)
        source = BY_ARTICLE
    else:
        terms = article_terms(f, params, rowid_of="t.article_key") + tally_terms(f, params)
        source = "passage_tally t"
    sql = f"SELECT coalesce(sum(t.n), 0) FROM {source}" + (" WHERE " + " AND ".join(terms) if terms else "")
    return db.execute(sql, params).fetchone()[0]


def article_count(db, f: PassageFilter) -> int:
    """How many articles hold a passage ``f`` lets through (the articles of a tag: 270 ms on
    the span index -> 60 ms)."""
    params = Params()
    inner = tally_terms(f, params)
    if has_metadata_terms(f):
        terms = article_terms(f, params, rowid_of="ar.rowid")
        sql = ("SELECT count(*) FROM articles ar INDEXED BY articles_metadata WHERE " + " AND ".join(terms)
               + " AND EXISTS (SELECT 1 FROM passage_tally t WHERE "
               + " AND ".join(["t.article_key = ar.rowid", *inner]) + ")")
    else:
        terms = article_terms(f, params, rowid_of="t.article_key") + inner
        sql = ("SELECT count(*) FROM (SELECT 1 FROM passage_tally t"
               + (" WHERE " + " AND ".join(terms) if terms else "") + " GROUP BY t.article_key) x")
    return db.execute(sql, params).fetchone()[0]


def tag_counts(db, f: PassageFilter, *, by_outlet: bool) -> list[tuple[str, str, int]]:
    """``(outlet or published, tag id, count)``: the tally's rows summed per article in the
    order they are stored (a figure by tag on a million passages: 0.7 s -> 0.3 s), each
    article's outlet or date from the metadata index by rowid."""
    group = "ar.outlet" if by_outlet else "ar.published"
    article_params = Params()
    article_where = article_terms(f, article_params, rowid_of="ar.rowid")
    key_of = dict(db.execute(
        f"SELECT ar.rowid, {group} FROM articles ar INDEXED BY articles_metadata"
        + (" WHERE " + " AND ".join(article_where) if article_where else ""),
        article_params,
    ))
    params = Params()
    terms = tally_terms(f, params)
    tag_ids = list(f.tag_ids) or [r[0] for r in db.execute("SELECT id FROM tags")]
    sums = ", ".join(f"sum(CASE WHEN t.tag_id = {params.one(tag)} THEN t.n ELSE 0 END)" for tag in tag_ids)
    sql = (f"SELECT t.article_key, {sums} FROM passage_tally t"
           + (" WHERE " + " AND ".join(terms) if terms else "") + " GROUP BY t.article_key")
    totals: dict[tuple[str, str], int] = {}
    add_per_article(db.execute(sql, params), tag_ids, key_of, totals)
    return [(key, value, n) for (key, value), n in totals.items()]


def add_per_article(rows, tag_ids: list[str], key_of: dict, totals: dict) -> None:
    """Add rows of (article, count per tag in ``tag_ids``' order) to ``totals`` by the
    article's outlet or date; articles ``key_of`` lacks did not pass the article terms."""
    for article, *counts in rows:
        key = key_of.get(article)
        if key is not None:
            for tag_id, n in zip(tag_ids, counts):
                if n:
                    totals[(key, tag_id)] = totals.get((key, tag_id), 0) + n


def coded_words(db, f: PassageFilter, *, by_outlet: bool) -> list[tuple[str, int]]:
    """``(outlet or published, words)`` over the articles passing ``f``'s article terms that hold
    a passage by the coders ``f`` allows, read as three flat lists joined here: the coded
    articles off the tally, the articles' rowids and ids off the metadata index, the word
    counts (on a million passages: 460 ms as one query with a look-up per article, 250 ms so)."""
    group = "ar.outlet" if by_outlet else "ar.published"
    article_params = Params()
    article_where = article_terms(f, article_params, rowid_of="ar.rowid")
    key_of = {rowid: (article_id, key) for rowid, article_id, key in db.execute(
        f"SELECT ar.rowid, ar.id, {group} FROM articles ar INDEXED BY articles_metadata"
        + (" WHERE " + " AND ".join(article_where) if article_where else ""),
        article_params,
    )}
    params = Params()
    coders = coder_terms(f, params, "t")
    coded = db.execute("SELECT t.article_key FROM passage_tally t"
                       + (" WHERE " + " AND ".join(coders) if coders else "") + " GROUP BY t.article_key", params)
    words = dict(db.execute("SELECT article_id, words FROM article_words"))
    totals: dict[str, int] = {}
    for (article_key,) in coded:
        found = key_of.get(article_key)
        if found is not None and found[0] in words:
            totals[found[1]] = totals.get(found[1], 0) + words[found[0]]
    return list(totals.items())


def article_pairs(db, f: PassageFilter) -> dict[tuple[str, str], int]:
    """``{(row tag, column tag): articles}`` for the co-occurrence table: the articles holding a
    passage of the row tag that ``f`` lets through and one of the column tag by the coders it
    allows. Both lists come off the tally in its own order, one row per article and tag, and
    are paired here (on a million passages: 2.6 s as two distinct sets joined in SQL, 0.8 s
    so)."""
    row_params, partner_params = Params(), Params()
    rows = tally_terms(f, row_params)
    if has_metadata_terms(f):
        chosen = article_terms(f, row_params, rowid_of="ar.rowid")
        rows.append("t.article_key IN (SELECT ar.rowid FROM articles ar INDEXED BY articles_metadata WHERE "
                    + " AND ".join(chosen) + ")")
    else:
        rows += article_terms(f, row_params, rowid_of="t.article_key")
    partners: dict[int, list[str]] = {}
    for article_key, tag_id in _article_tags(db, tally_terms(f, partner_params), partner_params):
        partners.setdefault(article_key, []).append(tag_id)
    counts: dict[tuple[str, str], int] = {}
    for article_key, tag_id in _article_tags(db, rows, row_params):
        for other in partners.get(article_key, ()):
            counts[(tag_id, other)] = counts.get((tag_id, other), 0) + 1
    return counts


def _article_tags(db, terms: list[str], params: Params):
    return db.execute("SELECT t.article_key, t.tag_id FROM passage_tally t"
                      + (" WHERE " + " AND ".join(terms) if terms else "")
                      + " GROUP BY t.article_key, t.tag_id", params)
