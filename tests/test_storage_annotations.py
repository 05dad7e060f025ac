"""Annotations: the offset invariant, refusal of bad spans, overlaps, updates."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Annotation, NewArticle
from annotator.core.text import normalise_text
from annotator.storage import InvalidAnnotationError, Project

from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)


@pytest.fixture
def article(project, project_factory_article):
    return project.articles.get(project.articles.add(project_factory_article))


def quote_tag(project):
    return project.codebook.by_name("Quote")


def test_create_copies_passage_and_context(project, article):
    start = article.text.index("We will")
    a = project.annotations.create(article.id, quote_tag(project).id, start, start + 21, "maria")
    stored = project.annotations.get(a.id)
    assert stored.text == "We will not back down"
    assert stored.context_before.endswith("\u201c")
    assert stored.context_after.startswith(",\u201d Mayor")
    assert stored.annotator == "maria"


def test_offsets_after_emoji_are_code_points(project, article):
    start = article.text.index("Officials")
    a = project.annotations.create(article.id, quote_tag(project).id, start, start + 9, "maria")
    assert a.text == "Officials"
    assert article.text[a.start : a.end] == "Officials"


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (7, 3), (0, 10_000)])
def test_refuses_offsets_outside_text(project, article, start, end):
    with pytest.raises(InvalidAnnotationError):
        project.annotations.create(article.id, quote_tag(project).id, start, end, "maria")
    assert project.annotations.count() == 0


def test_refuses_passage_that_does_not_match_text(project, article):
    bad = Annotation(article_id=article.id, tag_id=quote_tag(project).id, start=0, end=7,
                     text="Not the text", annotator="maria")
    with pytest.raises(InvalidAnnotationError, match="does not match"):
        project.annotations.add(bad)
    assert project.annotations.count() == 0


def test_refuses_annotation_on_unknown_article(project):
    with pytest.raises(InvalidAnnotationError, match="no article"):
        project.annotations.create("nope", quote_tag(project).id, 0, 1, "maria")


def test_add_many_is_all_or_nothing(project, article):
    tag = quote_tag(project).id
    good = Annotation(article_id=article.id, tag_id=tag, start=0, end=7, text=article.text[:7], annotator="a")
    bad = Annotation(article_id=article.id, tag_id=tag, start=0, end=7, text="wrong!!", annotator="a")
    with pytest.raises(InvalidAnnotationError):
        project.annotations.add_many([good, bad])
    assert project.annotations.count() == 0


def test_overlapping_and_nested_annotations_are_allowed(project, article):
    tag_ids = [t.id for t in project.codebook.tags()]
    project.annotations.create(article.id, tag_ids[0], 0, 20, "a")
    project.annotations.create(article.id, tag_ids[1], 5, 10, "a")
    project.annotations.create(article.id, tag_ids[1], 5, 10, "a")  # same passage, same tag
    project.annotations.create(article.id, tag_ids[2], 15, 30, "b")
    assert len(project.annotations.for_article(article.id)) == 4
    assert len(project.annotations.for_article(article.id, annotators=["b"])) == 1


def test_update_changes_bounds_and_recomputes_passage(project, article):
    a = project.annotations.create(article.id, quote_tag(project).id, 0, 7, "maria", note="first")
    a.start, a.end, a.note = 8, 14, "second"
    updated = project.annotations.update(a)
    stored = project.annotations.get(a.id)
    assert stored.text == article.text[8:14] == updated.text
    assert stored.note == "second"


def test_rename_tag_carries_annotations(project, article):
    tag = quote_tag(project)
    a = project.annotations.create(article.id, tag.id, 0, 7, "maria")
    project.codebook.rename(tag.id, "Quotation")
    assert project.codebook.get(project.annotations.get(a.id).tag_id).name == "Quotation"


def test_deleting_linked_annotation_clears_link(project, article):
    tags = project.codebook.tags()
    quote = project.annotations.create(article.id, tags[1].id, 0, 7, "a")
    source = project.annotations.create(article.id, tags[2].id, 8, 14, "a", linked_id=quote.id)
    project.annotations.delete(quote.id)
    assert project.annotations.get(source.id).linked_id is None


def test_article_text_is_immutable_in_the_database(project, article):
    with pytest.raises(Exception, match="immutable"):  # sqlite3 or psycopg IntegrityError
        project.db.execute("UPDATE articles SET text = 'changed' WHERE id = ?", [article.id])


def test_fields_round_trip(project, article):
    a = project.annotations.create(
        article.id, quote_tag(project).id, 0, 7, "maria",
        fields={"speaker": "Ana Ruiz", "quote_type": "direct"},
    )
    assert project.annotations.get(a.id).fields == {"speaker": "Ana Ruiz", "quote_type": "direct"}


# Text of the kind scraped news brings: emoji (astral), flags, combining marks, CRLF, RTL, NBSP.
PIECES = list("ab \n\r\u00a0\u201c\u201d\u2019.,") + [
    "\U0001F600", "\U0001F1E9\U0001F1EA", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u6f22", "\r\n",
]
messy_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(raw=messy_text, data=st.data())
def test_stored_passage_always_equals_text_slice(raw, data):
    text = normalise_text(raw)
    if not text:
        return
    with Project.in_memory() as project:
        article_id = project.articles.add(NewArticle(text=text))
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        tag = project.codebook.tags()[0]
        project.annotations.create(article_id, tag.id, start, end, "h")
        (stored,) = project.annotations.for_article(article_id)
        stored_text = project.articles.text(article_id)
        assert stored_text == text
        assert stored.text == stored_text[stored.start : stored.end]
        assert (stored.start, stored.end) == (start, end)
