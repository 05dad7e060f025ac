"""A :class:`~annotator.core.passages.PassageFilter` as SQL: WHERE terms with named parameters.

The queries of the passage browser, the co-occurrence table and the charts all read passages
through these terms, so "the passages this filter lets through" means one thing everywhere.
``a`` is the annotation, ``ar`` its article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from annotator.core.passages import Layer, PassageFilter, date_bounds
from annotator.core.review import REVIEWED


class Params(dict):
    """Named parameters (named, so that a term can use a value twice), and the few words of SQL
    that differ on a study's PostgreSQL server (``server=True``): placeholders, case-insensitive
    comparison, JSON fields, false, and the status (on a server, each coder's own)."""

    def __init__(self, server: bool = False):
        super().__init__()
        self.server = server

    def bind(self, values: Iterable) -> str:
        """Add ``values`` under fresh names; return their placeholders, comma-separated."""
        marks = []
        for value in values:
            name = f"q{len(self)}"
            self[name] = value
            marks.append(f"%({name})s" if self.server else f":{name}")
        return ", ".join(marks)

    def one(self, value) -> str:
        return self.bind([value])

    def nocase(self, expression: str) -> str:
        """``expression`` for comparing and sorting ignoring case."""
        return f"lower({expression})" if self.server else f"{expression} COLLATE NOCASE"

    def json_value(self, column: str, key: str) -> str:
        """The value under ``key`` of the JSON object in ``column`` (text on a server; SQLite's
        json_extract gives numbers, and 1 or 0 for true and false)."""
        if self.server:
            return f"({column}::jsonb ->> {self.one(key)})"
        path = self.one('$."' + key.replace('"', "") + '"')
        return f"json_extract({column}, {path})"

    def truth(self, value: str, truth: bool) -> str:
        """``value`` (from :meth:`json_value`) is JSON true or false."""
        if self.server:
            return f"{value} = '{'true' if truth else 'false'}'"
        return f"{value} = {1 if truth else 0}"

    @property
    def false(self) -> str:
        return "FALSE" if self.server else "0"

    def status(self, ar: str = "ar") -> str:
        """The article's status: on a server each coder's own (``coder_status``)."""
        if self.server:
            return (f"coalesce((SELECT cs.status FROM coder_status cs WHERE cs.article_id = {ar}.id "
                    "AND cs.coder = current_user), 'todo')")
        return f"{ar}.status"


def coder_terms(f: PassageFilter, params: Params, a: str = "a") -> list[str]:
    """Whose passages: the coders chosen, the layer, and the visibility rule (blind coding)."""
    terms = []
    if f.annotators:
        terms.append(f"{a}.annotator IN ({params.bind(f.annotators)})")
    if f.only_annotators is not None:
        terms.append(f"{a}.annotator IN ({params.bind(f.only_annotators)})" if f.only_annotators else params.false)
    if f.layer is Layer.CODERS:
        terms.append(f"{a}.annotator != {params.one(REVIEWED)}")
    elif f.layer is Layer.REVIEWED:
        terms.append(f"{a}.annotator = {params.one(REVIEWED)}")
    return terms


def passage_terms(f: PassageFilter, params: Params, a: str = "a", *, tags: bool = True) -> list[str]:
    """Terms on the annotation itself (``tags=False`` leaves out the tag choice)."""
    terms = coder_terms(f, params, a)
    if tags and f.tag_ids:
        terms.append(f"{a}.tag_id IN ({params.bind(f.tag_ids)})")
    terms += _field_terms(f, params, a)
    terms += search_terms(f, params, a)
    if f.overlapping_tag_ids:
        # A partner passage of those tags by the same coders (the co-occurrence table's rule).
        partner = " AND ".join(coder_terms(f, params, "b") or ["1 = 1"])
        terms.append(
            f"EXISTS (SELECT 1 FROM annotations b WHERE b.article_id = {a}.article_id "
            f"AND b.start < {a}.\"end\" AND b.\"end\" > {a}.start AND b.id != {a}.id "
            f"AND b.tag_id IN ({params.bind(f.overlapping_tag_ids)}) AND {partner})"
        )
    return terms


def article_terms(f: PassageFilter, params: Params, ar: str = "ar", *, rowid_of: str | None = None) -> list[str]:
    """Terms on the passage's article: outlet, date, status, article-level codes. With
    ``rowid_of`` (an expression holding the article's rowid: ``ar.rowid``, the tally's
    ``t.article_key``) the codes' terms test that rowid (project files only)."""
    terms = []
    if f.outlets:
        if params.server:
            terms.append(f"lower({ar}.outlet) IN ({params.bind([o.lower() for o in f.outlets])})")
        else:
            terms.append(f"{ar}.outlet COLLATE NOCASE IN ({params.bind(f.outlets)})")
    low, high = date_bounds(f.date_from, f.date_to)
    if low is not None:
        terms.append(f"{ar}.published >= {params.one(low)}")
    if high is not None:
        terms.append(f"{ar}.published < {params.one(high)}")
    if low is not None and high is None:
        terms.append(f"{ar}.published != ''")
    if f.statuses:
        terms.append(f"{params.status(ar)} IN ({params.bind(f.statuses)})")
    terms += _article_code_terms(f, params, ar, rowid_of)
    return terms


def _article_code_terms(f: PassageFilter, params: Params, ar: str, rowid_of: str | None = None) -> list[str]:
    """One term per variable: the article is among those some coder (under blind coding, only
    the coder themselves) gave one of the values. A set of article ids read off the
    (variable_id, value, annotator) index, so each article costs one lookup; plain SQL, the
    same on the server. A several-of value is a JSON list of option ids: ``LIKE '%"id"%'``
    finds one of them (LIKE's wildcards escaped)."""
    by_variable: dict[str, list[str]] = {}
    for condition in f.article_codes:
        if condition.several:
            quoted = json.dumps(condition.value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            test = f"v.value LIKE {params.one('%' + quoted + '%')} ESCAPE '\\'"
        elif condition.any_case:
            test = f"lower(v.value) = lower({params.one(condition.value)})"
        else:
            test = f"v.value = {params.one(condition.value)}"
        by_variable.setdefault(condition.variable_id, []).append(test)
    terms = []
    for variable_id, tests in by_variable.items():
        coders = ""
        if f.only_annotators is not None:
            coders = (f" AND v.annotator IN ({params.bind(f.only_annotators)})" if f.only_annotators
                      else f" AND {params.false}")
        chosen = f"v.variable_id = {params.one(variable_id)} AND ({' OR '.join(tests)}){coders}"
        if rowid_of is not None:
            # The articles' rowids, each id turned into one through the id index: a set of
            # integers to seek the tally by or to test each article against (the tone of a
            # third of the corpus: 0.3-0.4 s as a set of ids, 0.1 s as rowids).
            terms.append(f"{rowid_of} IN (SELECT k.rowid FROM article_values v JOIN articles k ON k.id = v.article_id "
                         f"WHERE {chosen})")
        else:
            terms.append(f"{ar}.id IN (SELECT v.article_id FROM article_values v WHERE {chosen})")
    return terms


def has_article_terms(f: PassageFilter) -> bool:
    return bool(has_metadata_terms(f) or f.article_codes)


def has_metadata_terms(f: PassageFilter) -> bool:
    """Whether ``f`` filters on the article's own columns (outlet, date, status)."""
    return bool(f.outlets or f.date_from or f.date_to or f.statuses)


def _field_terms(f: PassageFilter, params: Params, a: str) -> list[str]:
    by_field: dict[str, list[str]] = {}
    for condition in f.fields:
        value = params.json_value(f"{a}.fields", condition.field)
        alternatives = []
        if condition.tag_ids:
            equal = (f"lower({value}) = lower({params.one(condition.value)})" if params.server
                     else f"{value} = {params.one(condition.value)} COLLATE NOCASE")
            alternatives.append(f"({a}.tag_id IN ({params.bind(condition.tag_ids)}) AND {equal})")
        if condition.yesno_tag_ids and condition.value.lower() in ("yes", "no"):
            truth = params.truth(value, condition.value.lower() == "yes")
            alternatives.append(f"({a}.tag_id IN ({params.bind(condition.yesno_tag_ids)}) AND {truth})")
        by_field.setdefault(condition.field, []).extend(alternatives or [params.false])
    return [f"({' OR '.join(alternatives)})" for alternatives in by_field.values()]


def search_terms(f: PassageFilter, params: Params, a: str = "a") -> list[str]:
    """The word search: SQLite's full-text index (``annotations_fts``); on a server, the
    ``simple`` text-search configuration over the accent-folded passage (and context), which
    the schema's expression indexes serve (``pg/schema.py``)."""
    if params.server:
        query = server_tsquery(f)
        if not query:
            return []
        return [f"to_tsvector('simple', annotator_fold({server_search_text(f, a)})) "
                f"@@ to_tsquery('simple', annotator_fold({params.one(query)}))"]
    match = search_match(f)
    if not match:
        return []
    return [f"{a}.rowid IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH {params.one(match)})"]


def server_search_text(f: PassageFilter, a: str = "a") -> str:
    """What a server search reads: the passage, or the passage and its context. The text of
    the schema's two expression indexes, character for character."""
    if f.search_context:
        return f"{a}.text || ' ' || {a}.context_before || ' ' || {a}.context_after"
    return f"{a}.text"


def server_tsquery(f: PassageFilter) -> str:
    """Every word of ``f.search`` required, each also as a prefix; "" when there is none."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in f.search_words()]
    return " & ".join(f"{w}:*" for w in words if w)


def search_match(f: PassageFilter) -> str:
    """The FTS5 query for ``f.search``: every word, each also as a prefix ("shock" finds
    "shocking"), in the passage only unless ``search_context``; "" when there is none. Words
    are quoted, so nothing typed is read as FTS5 syntax."""
    words = [w.replace('"', '""') for w in f.search_words() if w.strip('"')]
    if not words:
        return ""
    query = " ".join(f'"{w}"*' for w in words)
    return query if f.search_context else "{text} : (" + query + ")"


def is_server(db) -> bool:
    """Whether ``db`` is a study's PostgreSQL server (``pg/dialect.PgDatabase``)."""
    from annotator.storage.pg.dialect import PgDatabase

    return isinstance(db, PgDatabase)


_INDEXED_BY = re.compile(r"\s+INDEXED BY \w+")
_ROWID = re.compile(r"\browid\b")


def server_sql(sql: str) -> str:
    """These queries' SQLite SQL for PostgreSQL, whose planner needs no hints: no INDEXED BY,
    CROSS JOIN (SQLite's "keep this join order") as JOIN, and rowid as the ``seq`` column that
    keeps the import order. Everything else that differs is written by :class:`Params`."""
    return _ROWID.sub("seq", _INDEXED_BY.sub("", sql).replace(" CROSS JOIN ", " JOIN "))


def run(db, sql: str, params: Params):
    """Execute ``sql`` on a project file or (translated) on a server; the rows' cursor."""
    if params.server:
        return db.connection().execute(server_sql(sql), params)
    return db.execute(sql, params)
