"""The real export samples in ../shared/corpus/databases (skipped when absent): story counts
as the shipping packages count them, and the metadata they carry."""

from __future__ import annotations

import pytest

from annotator.actions.import_files import import_paths
from annotator.core.importing import Failure, FileNote, read_file
from annotator.core.model import NewArticle

# file, database, stories (the README's counts)
SAMPLES = [
    ("nexis-uni-sample.DOCX", "Nexis Uni export", 10),
    ("lexisnexis-academic-sample.TXT", "LexisNexis Academic export", 10),
    ("lexisnexis-test-en.html", "LexisNexis Academic export", 2),
    ("factiva-test.html", "Factiva export", 2),
    ("factiva-test.xml", "Factiva export", 3),
    ("proquest-sample-1.html", "ProQuest export", 1),
    ("proquest-format-v2.eml", "ProQuest export", 20),
    ("europresse-test1.html", "Europresse export", 3),
]


@pytest.fixture
def databases(shared_dir):
    return shared_dir / "corpus" / "databases"


@pytest.mark.parametrize("name, kind, stories", SAMPLES)
def test_every_story_of_each_sample_is_an_article(databases, name, kind, stories):
    items = list(read_file(databases / name))
    found = [i for i in items if isinstance(i, NewArticle)]
    [note] = [i for i in items if isinstance(i, FileNote)]
    assert (note.kind, note.stories, len(found), [i for i in items if isinstance(i, Failure)]) == (kind, stories, stories, [])
    for article in found:
        assert article.title and article.text.strip() and article.extra["database"] == kind.removesuffix(" export")
        for furniture in ("End of Document", "LOAD-DATE:", "Load-Date:", "Ce certificat", "ProQuest document ID", "Document URL"):
            assert furniture not in article.text


def test_nexis_uni_sample_metadata(databases):
    first = next(i for i in read_file(databases / "nexis-uni-sample.DOCX") if isinstance(i, NewArticle))
    assert (first.outlet, first.published, first.author, first.extra["section"], first.extra["word_count"]) == (
        "The Guardian(London)", "2019-07-01", "Mattha Busby (now), Andrew Sparrow (earlier)", "POLITICS", "355")


def test_factiva_sample_ids_and_languages(databases):
    html = [i for i in read_file(databases / "factiva-test.html") if isinstance(i, NewArticle)]
    xml = [i for i in read_file(databases / "factiva-test.xml") if isinstance(i, NewArticle)]
    assert [a.language for a in html] == ["fr", "fr"]
    assert all(a.extra["database_id"] for a in html + xml)
    assert [a.published for a in xml] == ["2012-01-09", "2012-01-06", xml[2].published]


def test_proquest_email_ids_are_document_ids(databases):
    found = [i for i in read_file(databases / "proquest-format-v2.eml") if isinstance(i, NewArticle)]
    assert all(a.extra["database_id"].isdigit() for a in found)
    assert all(a.outlet.startswith("New York Times") for a in found)


def test_news_please_sample_imports(project, databases):
    report = import_paths(project, [databases / "news-please-sample.json"])
    assert (report.articles_added, report.failures) == (1, [])
    article = next(project.articles.iter_all())
    assert (article.published, article.language, article.url) == (
        "2017-07-17 17:03:00", "en", "https://www.rt.com/news/203203-ukraine-russia-troops-border/")
