"""A small project for the export tests: hostile cells, fields, links, an unannotated article."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from annotator.core.model import NewArticle, Status
from annotator.core.text import content_id, normalise_text
from annotator.storage import Project

FIRST_TEXT = normalise_text(
    '=HYPERLINK("http://evil.invalid") opened the meeting.\n'
    'The mayor said "we will not back down, ever" 😀 and left.\n'
    "-5 per cent, said @officials, +2 elsewhere."
)
SECOND_TEXT = "Another article, quiet and plain.\nWith a second line."
THIRD_TEXT = "An article nobody has tagged yet."


@dataclass
class Sample:
    first: str  # article ids
    second: str
    third: str
    quote: object  # annotations
    claim: object
    attribution: object
    sensational: object


def fill(project) -> Sample:
    """Three articles (the third unannotated), four annotations by two annotators."""
    add = project.articles.add
    first = add(NewArticle(text=FIRST_TEXT, title='Mayor, "defiant"', outlet="-Daily", url="https://example.invalid/1",
                           published="2026-01-02", extra={"section": "politics"}))
    second = add(NewArticle(text=SECOND_TEXT, title="Plain", outlet="Example Post"))
    third = add(NewArticle(text=THIRD_TEXT, title="Untagged"))
    project.articles.set_status(first, Status.DONE)
    tags = {t.name: t for t in project.codebook.tags()}
    quote_start = FIRST_TEXT.index("we will")
    quote = project.annotations.create(
        first, tags["Quote"].id, quote_start, FIRST_TEXT.index("😀") + 1, "maria",
        note='Check, "verbatim"?\nSecond line of the note', fields={"speaker": "=the mayor", "quote_type": "direct"},
    )
    claim = project.annotations.create(
        first, tags["Claim"].id, 0, FIRST_TEXT.index(" opened"), "li", fields={"checkable": True},
    )
    attribution = project.annotations.create(
        first, tags["Source attribution"].id, FIRST_TEXT.index("The mayor"), FIRST_TEXT.index(" said") + 5, "maria",
        fields={"source_name": "mayor", "source_type": "named person"}, linked_id=quote.id,
    )
    sensational = project.annotations.create(second, tags["Sensational language"].id, 0, 7, "li", note="+1")
    assert content_id(FIRST_TEXT) == first
    return Sample(first, second, third, quote, claim, attribution, sensational)


# -- hypothesis: generated projects -------------------------------------------------------

# Letters, punctuation that CSV and JSON care about, newlines, accents and emoji.
ALPHABET = st.sampled_from(list("ab ,;\"'\n\t=-+@\\") + ["é", "ß", "😀", "👩", "\u200d", "🔬", "\u2028", "“", "”"])
TEXTS = st.text(ALPHABET, min_size=1, max_size=60).map(normalise_text).filter(bool)
NOTES = st.text(ALPHABET, max_size=30)
FIELD_VALUES = st.one_of(st.just(""), st.text(ALPHABET, max_size=10))


@st.composite
def projects(draw):
    """A recipe: articles (with metadata), and annotations on them (overlaps allowed)."""
    texts = draw(st.lists(TEXTS, min_size=1, max_size=4, unique=True))
    articles = [
        dict(text=t, title=draw(st.text(ALPHABET, max_size=15)), outlet=draw(st.sampled_from(["", "Daily, Post"])),
             status=draw(st.sampled_from(list(Status))))
        for t in texts
    ]
    annotations = []
    for _ in range(draw(st.integers(0, 8))):
        index = draw(st.integers(0, len(texts) - 1))
        start = draw(st.integers(0, len(texts[index]) - 1))
        end = draw(st.integers(start + 1, len(texts[index])))
        annotations.append(dict(
            article=index, start=start, end=end,
            tag=draw(st.sampled_from(["Claim", "Quote", "Source attribution", "Sensational language"])),
            annotator=draw(st.sampled_from(["maria", "li", "Zoë, R."])), note=draw(NOTES),
            speaker=draw(FIELD_VALUES), checkable=draw(st.sampled_from([None, True, False])),
            link=draw(st.booleans()),
        ))
    return articles, annotations


def build(recipe) -> Project:
    articles, annotations = recipe
    project = Project.in_memory()
    ids = []
    for a in articles:
        article_id = project.articles.add(NewArticle(text=a["text"], title=a["title"], outlet=a["outlet"]))
        project.articles.set_status(article_id, a["status"])
        ids.append(article_id)
    made = []
    for a in annotations:
        tag = project.codebook.by_name(a["tag"])
        fields = {}
        if a["tag"] == "Quote":
            fields["speaker"] = a["speaker"]
        if a["tag"] == "Claim" and a["checkable"] is not None:
            fields["checkable"] = a["checkable"]
        linked = made[-1].id if a["link"] and made else None
        made.append(project.annotations.create(ids[a["article"]], tag.id, a["start"], a["end"], a["annotator"],
                                               note=a["note"], fields=fields, linked_id=linked))
    return project
