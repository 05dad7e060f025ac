"""A small project for the export tests: hostile cells, fields, links, an unannotated article."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import NewArticle, Status
from annotator.core.text import content_id, normalise_text

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
