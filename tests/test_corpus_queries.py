"""The storage queries behind the corpus list: pages, orders, filters, search — on both
backends (a project file, and a study on the throwaway PostgreSQL server)."""

from __future__ import annotations

from annotator.actions.queries import corpus_listing
from annotator.storage.corpus_queries import CorpusFilter, SortKey, fts_match
from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (fixtures)
from tests.corpus_fixtures import add_articles


def all_pages(queries, **kwargs):
    rows, after = [], None
    while True:
        page = queries.page(after=after, limit=7, **kwargs)
        if not page:
            return rows
        rows += page
        after = page[-1]


def test_pages_in_import_order_cover_every_article_once(project):
    ids = add_articles(project, 30)
    assert [r.id for r in all_pages(corpus_listing(project))] == ids


def test_descending_title_order_pages_without_gaps(project):
    add_articles(project, 30)
    titles = [r.title for r in all_pages(corpus_listing(project), sort=SortKey.TITLE, descending=True)]
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    assert len(set(titles)) == 30


def test_outlet_order_ties_broken_by_import_order(project):
    ids = add_articles(project, 9)
    rows = all_pages(corpus_listing(project), sort=SortKey.OUTLET)
    assert [r.outlet for r in rows] == ["Alpha Daily"] * 3 + ["Mid Times"] * 3 + ["Zeta Post"] * 3
    assert [r.id for r in rows[:3]] == [ids[1], ids[4], ids[7]]


def test_annotation_count_and_annotators_per_row(project):
    ids = add_articles(project, 3)
    tag = project.codebook.active()[0]
    project.annotations.create(ids[1], tag.id, 0, 4, "bea")
    project.annotations.create(ids[1], tag.id, 5, 7, "al")
    project.annotations.create(ids[1], tag.id, 8, 15, "bea")
    queries = corpus_listing(project)
    row = queries.row(ids[1])
    assert (row.annotation_count, row.annotators) == (3, ("al", "bea"))
    by_count = queries.page(sort=SortKey.ANNOTATIONS, descending=True)
    assert by_count[0].id == ids[1]


def test_status_filter_and_count(project):
    ids = add_articles(project, 5)
    project.articles.set_status(ids[2], "done")
    queries = corpus_listing(project)
    done = CorpusFilter(status="done")
    assert [r.id for r in queries.page(done)] == [ids[2]]
    assert queries.count(done) == 1
    assert queries.count(CorpusFilter(status="todo")) == 4


def test_search_matches_full_text_and_title(project):
    ids = add_articles(project, 12)
    queries = corpus_listing(project)
    assert [r.id for r in queries.page(CorpusFilter(search="number11"))] == [ids[11]]
    assert [r.id for r in queries.page(CorpusFilter(search="article 7"))] == [ids[7]]


def test_search_last_word_matches_as_prefix(project):
    ids = add_articles(project, 12)
    found = {r.id for r in corpus_listing(project).page(CorpusFilter(search="number1"))}
    assert found == {ids[1], ids[10], ids[11]}


def test_search_input_is_never_fts_syntax(project):
    add_articles(project, 3)
    queries = corpus_listing(project)
    for nasty in ['"', 'title:x', 'a OR', '(', 'NEAR(a b)', '*', '-x', '""" "']:
        queries.page(CorpusFilter(search=nasty))  # raises on an FTS5 syntax error
    assert fts_match('  "  ') == ""


def test_first_with_status(project):
    ids = add_articles(project, 3)
    project.articles.set_status(ids[0], "done")
    queries = corpus_listing(project)
    assert queries.first_with_status("todo") == ids[1]
    assert queries.first_with_status("in_progress") is None


def test_assigned_to_me_lists_only_my_articles_with_search_and_status(project):
    ids = add_articles(project, 12)
    coders_of = {a: ["ana"] for a in ids[:4] + [ids[10]]}
    for a in ids[3:8]:
        coders_of.setdefault(a, []).append("ben")
    project.assignments.replace(coders_of, overlap=[ids[3]])
    queries = corpus_listing(project)
    mine = CorpusFilter(assigned_to="ana")
    assert [r.id for r in all_pages(queries, corpus_filter=mine)] == ids[:4] + [ids[10]]
    assert queries.count(mine) == 5
    assert [r.id for r in queries.page(CorpusFilter(search="number1", assigned_to="ana"))] == [ids[1], ids[10]]
    assert queries.count(CorpusFilter(search="number1", assigned_to="ana")) == 2
    project.articles.set_status(ids[2], "done")
    assert [r.id for r in queries.page(CorpusFilter(status="done", assigned_to="ben"))] == []
    assert [r.id for r in queries.page(CorpusFilter(status="done", assigned_to="ana"))] == [ids[2]]
    assert queries.count(CorpusFilter(assigned_to="cem")) == 0
    assert queries.count() == 12  # without the filter: every article
