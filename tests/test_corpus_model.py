"""The lazy corpus table model."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from annotator.storage.corpus_queries import CorpusFilter, CorpusQueries
from annotator.ui.corpus_model import ArticleIdRole, CorpusModel
from tests.corpus_fixtures import add_articles


class FakeSession(QObject):
    """The session signals the model listens to."""

    articlesChanged = Signal(object)  # the article ids an edit touched
    articlesImported = Signal(list)
    articlesRemovedOrRestored = Signal()


def test_model_passes_qtmodeltester(qtmodeltester, project):
    add_articles(project, 25)
    model = CorpusModel(CorpusQueries(project.db))
    qtmodeltester.check(model, force_py=True)


def test_model_loads_only_the_first_page_until_asked(project, monkeypatch):
    monkeypatch.setattr(CorpusModel, "page_size", 10)
    add_articles(project, 35)
    model = CorpusModel(CorpusQueries(project.db))
    assert model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 35
    assert not model.canFetchMore()
    assert model.total() == 35


def test_ids_live_in_a_role(project):
    ids = add_articles(project, 3)
    model = CorpusModel(CorpusQueries(project.db))
    assert [model.index(r, 0).data(ArticleIdRole) for r in range(3)] == ids
    assert model.index(0, 0).data() == "Article 0"


def test_sort_by_title_descending(project):
    add_articles(project, 12)
    model = CorpusModel(CorpusQueries(project.db))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, reverse=True)


def test_status_filter_and_search(project):
    ids = add_articles(project, 12)
    project.articles.set_status(ids[3], "done")
    model = CorpusModel(CorpusQueries(project.db))
    model.set_filter(CorpusFilter(status="done"))
    assert [model.article_id(r) for r in range(model.rowCount())] == [ids[3]]
    model.set_filter(CorpusFilter(search="number7"))
    assert [model.article_id(r) for r in range(model.rowCount())] == [ids[7]]


def test_annotation_added_updates_only_its_row(project, qtbot):
    ids = add_articles(project, 3)
    session = FakeSession()
    model = CorpusModel(CorpusQueries(project.db), session)
    tag = project.codebook.active()[0]
    annotation = project.annotations.create(ids[1], tag.id, 0, 4, "bea")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        session.articlesChanged.emit({annotation.article_id})
    assert blocker.args[0].row() == 1 and blocker.args[1].row() == 1
    assert model.index(1, 4).data() == 1
    assert model.index(1, 5).data() == "bea"


def test_status_change_updates_its_row(project):
    ids = add_articles(project, 3)
    session = FakeSession()
    model = CorpusModel(CorpusQueries(project.db), session)
    project.articles.set_status(ids[2], "done")
    session.articlesChanged.emit({ids[2]})
    assert model.index(2, 3).data() == "Done"


def test_import_reloads_the_list(project):
    add_articles(project, 2)
    session = FakeSession()
    model = CorpusModel(CorpusQueries(project.db), session)
    new_ids = add_articles(project, 2, words="fresh")
    session.articlesImported.emit(new_ids)
    assert model.rowCount() == 4


def test_row_of_fetches_pages_to_find_a_deep_article(project, monkeypatch):
    monkeypatch.setattr(CorpusModel, "page_size", 5)
    ids = add_articles(project, 23)
    model = CorpusModel(CorpusQueries(project.db))
    assert model.row_of(ids[21], max_pages=0) is None
    assert model.row_of(ids[21], max_pages=5) == 21


class HundredThousandRows:
    """Stands in for the queries of a 100,000-article corpus and counts what is read."""

    TOTAL = 100_000

    def __init__(self):
        self.rows_read = 0

    def page(self, corpus_filter, sort, descending, after=None, limit=200):
        from annotator.storage.corpus_queries import CorpusRow

        start = after.rowid + 1 if after is not None else 0
        rows = [
            CorpusRow(id=f"id{i}", rowid=i, title=f"Article {i}", outlet="", published="", status="todo",
                      annotation_count=0, sort_value=i)
            for i in range(start, min(start + limit, self.TOTAL))
        ]
        self.rows_read += len(rows)
        return rows

    def count(self, corpus_filter):
        return self.TOTAL


def test_a_corpus_of_100000_articles_reads_one_page_until_scrolled():
    queries = HundredThousandRows()
    model = CorpusModel(queries)
    assert model.rowCount() == CorpusModel.page_size
    assert queries.rows_read == CorpusModel.page_size
    assert model.total() == 100_000
    model.fetchMore()
    assert model.rowCount() == queries.rows_read == 2 * CorpusModel.page_size
