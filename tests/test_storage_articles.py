"""Articles: content ids, duplicates, status, search."""

from annotator.core.model import NewArticle, Status
from annotator.core.text import content_id, normalise_text

from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)


def test_id_is_sha256_of_normalised_text(project):
    text = normalise_text("Line one\r\nLine two")
    article_id = project.articles.add(NewArticle(text=text))
    assert article_id == content_id("Line one\nLine two")
    assert len(article_id) == 64


def test_same_text_is_not_stored_twice(project):
    first = project.articles.add_many([NewArticle(text="Same"), NewArticle(text="Same")])
    second = project.articles.add_many([NewArticle(text="Same"), NewArticle(text="Other")])
    assert len(first.added) == 1 and first.duplicates == 1
    assert len(second.added) == 1 and second.duplicates == 1
    assert project.articles.count() == 2


def test_unknown_metadata_is_kept(project):
    article_id = project.articles.add(NewArticle(text="T", extra={"section": "Politik", "wordcount": 3}))
    assert project.articles.get(article_id).extra == {"section": "Politik", "wordcount": 3}


def test_status_counts(project):
    ids = project.articles.add_many([NewArticle(text=str(i)) for i in range(3)]).added
    project.articles.set_status(ids[0], Status.DONE)
    project.articles.set_status(ids[1], Status.IN_PROGRESS)
    assert project.articles.status_counts() == {"todo": 1, "in_progress": 1, "done": 1}


def test_full_text_search_finds_words_in_text_and_title(project):
    a = project.articles.add(NewArticle(text="The river flooded the café.", title="Flood"))
    b = project.articles.add(NewArticle(text="Budget talks resume.", title="Council budget"))
    assert project.articles.search("cafe") == [a]  # diacritics folded
    assert project.articles.search("budget") == [b]
    assert project.articles.search('"unbalanced') == []  # user input never breaks the query


def test_iter_all_streams_in_import_order(project):
    ids = project.articles.add_many([NewArticle(text=f"article {i}") for i in range(5)]).added
    assert [a.id for a in project.articles.iter_all()] == ids
