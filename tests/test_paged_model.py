"""The keyset paging the corpus list and the passage browser share: a short page is the end,
so a list that ends on a short page costs no extra, empty query."""

from __future__ import annotations

import pytest

from annotator.storage.corpus_queries import CorpusQueries
from annotator.ui.corpus_model import CorpusModel
from annotator.ui.passage_model import PassageModel
from passage_fixtures import build
from tests.corpus_fixtures import add_articles


def count_pages(queries) -> list[int]:
    """Wrap ``queries.page``; the list it returns grows by each page's length as it is read."""
    sizes: list[int] = []
    page = queries.page

    def counted(*args, **kwargs):
        rows = page(*args, **kwargs)
        sizes.append(len(rows))
        return rows

    queries.page = counted
    return sizes


@pytest.mark.parametrize("articles, pages", [(25, [10, 10, 5]), (20, [10, 10, 0])])
def test_a_short_page_ends_the_corpus_list_and_a_full_one_costs_one_empty_query(project, monkeypatch,
                                                                                 articles, pages):
    monkeypatch.setattr(CorpusModel, "page_size", 10)
    add_articles(project, articles)
    queries = CorpusQueries(project.db)
    sizes = count_pages(queries)
    model = CorpusModel(queries)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == articles
    assert sizes == pages
    model.fetchMore()  # a view asking again reads nothing
    assert sizes == pages
    assert [model.row_of(model.article_id(r)) for r in range(articles)] == list(range(articles))


def test_reloading_the_corpus_list_forgets_the_old_rows_index(project, monkeypatch):
    monkeypatch.setattr(CorpusModel, "page_size", 4)
    ids = add_articles(project, 9)
    model = CorpusModel(CorpusQueries(project.db))
    assert model.row_of(ids[8], max_pages=5) == 8
    model.set_order(model._sort, descending=True)
    assert model.rowCount() == 4
    assert model.row_of(ids[8]) == 0
    assert model.row_of(ids[0]) is None  # not paged in yet: no stale row number


@pytest.mark.parametrize("page_size, pages", [(10, [10, 10, 10, 3]), (11, [11, 11, 11, 0]), (50, [33])])
def test_the_passage_browser_pages_by_the_same_rule(project, monkeypatch, page_size, pages):
    build(project)  # 33 passages
    monkeypatch.setattr(PassageModel, "page_size", page_size)
    model = PassageModel(project)
    sizes = count_pages(model.queries)
    model.reload()
    assert model.rowCount() == min(page_size, 33)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total() == 33
    assert sizes == pages
    assert len({model.passage(r).id for r in range(33)}) == 33
