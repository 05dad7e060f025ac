"""Projects to export and the comparison a round trip must pass (brat and REFI-QDA tests)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from annotator.core.model import Annotation, Article, FieldType, NewArticle, Status, Tag, TagField
from annotator.core.text import normalise_text
from annotator.storage import Project

TEXT_ALPHABET = list("abc xyz,.;\"'\n\t") + ["😀", "é", "e\u0301", "—", "“", "”", "👩🏽‍🔬", "\u2028", "ß"]
NOTE_ALPHABET = TEXT_ALPHABET + ["\x0b", "|", "&", "<", ">", "\r"]
TITLE_ALPHABET = list("Ab c,/\\\"':?*<>|") + ["😀", "é", "—"]
TAG_NAME_ALPHABET = list("Ab _-/|:") + ["😀", "é"]
ANNOTATORS = ["Ann", "Bob Smith", "Zoë 😀", "o'neil, j."]


def documents(project: Project) -> list[tuple[Article, list[Annotation]]]:
    """The ``(article, annotations)`` pairs an export receives."""
    return [(a, project.annotations.for_article(a.id)) for a in project.articles.iter_all()]


def small_project() -> Project:
    """Two articles, three annotators' worth of tags: fields, notes, a link, emoji, a newline."""
    project = Project.in_memory()
    ids = project.articles.add_many([
        NewArticle(
            text="Officials said the flood was “the worst in a century” 😀.\nResidents called it a catastrophe.",
            title="Flood, rain / wind: \"worst\"", outlet="The Fictional Times", url="https://example.invalid/1",
            published="2026-01-02", author="A. Writer", language="en", extra={"section": "weather"},
        ),
        NewArticle(text="Second article.\n\nIt has two paragraphs.", title=""),
    ]).added
    tags = {t.name: t for t in project.codebook.tags()}
    quote = project.annotations.create(
        ids[0], tags["Quote"].id, 29, 53, "Ann", note="direct quote\nchecked \"twice\"",
        fields={"speaker": "Jane Doe, mayor", "quote_type": "direct"},
    )
    project.annotations.create(
        ids[0], tags["Source attribution"].id, 0, 14, "Bob Smith", linked_id=quote.id,
        fields={"source_name": "", "source_type": "named person"},
    )
    project.annotations.create(ids[0], tags["Sensational language"].id, 53, 68, "Ann")  # crosses the newline
    project.annotations.create(ids[1], tags["Claim"].id, 0, 21, "Zoë 😀", fields={"checkable": False})
    second = project.articles.text(ids[1])
    project.annotations.add(Annotation(  # reviewed, and edited a month after it was made
        article_id=ids[1], tag_id=tags["Quote"].id, start=17, end=39, text=second[17:39], annotator="Ann",
        reviewer="Rev Iewer", created_at="2025-12-01T09:00:00+00:00", updated_at="2026-01-05T10:30:00Z",
    ))
    project.articles.set_status(ids[0], Status.DONE)
    return project


def _text(alphabet: list[str], **size) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), **size).map("".join)


@st.composite
def projects(draw) -> Project:
    """A random project: emoji, overlaps, newlines and quotes in notes, odd titles, empty fields."""
    project = Project.in_memory()
    name = draw(_text(TAG_NAME_ALPHABET, min_size=1, max_size=12)).strip()
    if name and project.codebook.by_name(name) is None:
        # A tag brat must relabel (spaces, slashes, emoji) with a field whose name has a space.
        project.codebook.add(Tag(name=name, colour="", fields=[TagField("source name", FieldType.TEXT)]))
    tags = project.codebook.tags()
    texts = draw(st.lists(_text(TEXT_ALPHABET, min_size=1, max_size=60), min_size=1, max_size=3))
    seen, ids = set(), []
    for text in texts:
        text = normalise_text(text)
        if not text or text in seen:
            continue
        seen.add(text)
        title = draw(_text(TITLE_ALPHABET, max_size=20))
        ids += project.articles.add_many([NewArticle(text=text, title=title)]).added
    made: list[str] = []
    for article_id in ids:
        length = len(project.articles.text(article_id))
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, length - 1))
            end = draw(st.integers(start + 1, length))
            tag = draw(st.sampled_from(tags))
            fields = {f.name: draw(_field_value(f)) for f in tag.fields if draw(st.booleans())}
            linked = draw(st.sampled_from(made)) if made and draw(st.booleans()) else None
            annotation = project.annotations.create(
                article_id, tag.id, start, end, draw(st.sampled_from(ANNOTATORS)),
                note=draw(_text(NOTE_ALPHABET, max_size=30)), fields=fields, linked_id=linked,
            )
            made.append(annotation.id)
    return project


def _field_value(field):
    if field.type is FieldType.YESNO:
        return st.booleans()
    if field.type is FieldType.CHOICE:
        return st.sampled_from(field.choices)
    return _text(NOTE_ALPHABET, max_size=15)


@dataclass(frozen=True)
class Comparable:
    """What a round trip must give back for one annotation (tags compared by name)."""

    id: str
    article_id: str
    tag: str
    start: int
    end: int
    text: str
    annotator: str
    note: str
    fields: tuple
    linked_id: str | None
    reviewer: str
    created_at: str
    updated_at: str


def comparable(project: Project) -> dict[str, Comparable]:
    names = {t.id: t.name for t in project.codebook.tags()}
    return {
        a.id: Comparable(
            a.id, a.article_id, names[a.tag_id], a.start, a.end, a.text, a.annotator, a.note,
            tuple(sorted((k, repr(v)) for k, v in a.fields.items())), a.linked_id, a.reviewer,
            a.created_at, a.updated_at,
        )
        for a in project.annotations.iter_all()
    }


def article_records(project: Project) -> dict[str, tuple]:
    return {
        a.id: (a.title, a.outlet, a.author, a.url, a.published, a.language, a.status, a.extra, a.text)
        for a in project.articles.iter_all()
    }


def tag_records(project: Project) -> list[tuple]:
    return [(t.name, t.colour.upper(), t.key, t.definition, t.example, t.fields, t.retired)
            for t in project.codebook.tags()]
