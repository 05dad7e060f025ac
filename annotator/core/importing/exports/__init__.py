"""News-database exports: which database wrote a file, and its stories.

Recognised by content, not by file name: each ``stories_in_*`` function returns
``(database name, stories)`` when the file is an export it knows, else None (then the file is
read as a single article). :func:`annotator.core.importing.exports.story.articles_from_stories`
turns the stories into articles.
"""

from __future__ import annotations

from annotator.core.importing.exports import europresse, factiva, lexisnexis_academic, nexis_uni, proquest
from annotator.core.importing.exports.story import Story, articles_from_stories

__all__ = [
    "Story",
    "articles_from_stories",
    "looks_like_html_export",
    "stories_in_html",
    "stories_in_paragraphs",
    "stories_in_text",
    "stories_in_xml",
]

Found = tuple[str, list[Story]]
# Text that marks each HTML export near its top; checked before parsing the page.
_HTML_MARKS = (
    ("LexisNexis", ("DOCUMENTS</", "<DOCFULL>", "LXNComment")),
    ("Factiva", ('class="article', "frHeadline", "enHeadline", 'class="index"', "Factiva")),
    ("ProQuest", ("ProQuest document ID", "ProQuest document link")),
    ("Europresse", ("DocPublicationName",)),
)


def looks_like_html_export(markup: str) -> bool:
    """Cheap check on the markup before any parsing."""
    return any(any(mark in markup for mark in marks) for _, marks in _HTML_MARKS)


def stories_in_html(markup: str) -> Found | None:
    """The stories of a LexisNexis Academic, Factiva, ProQuest or Europresse HTML page."""
    from annotator.core.importing.exports.blocks import paragraphs, parse_html

    if not looks_like_html_export(markup):
        return None
    root = parse_html(markup)
    if "ProQuest document" in markup:
        found = proquest.html_stories(root)
        if found:
            return proquest.DATABASE, found
    if europresse.looks_like_europresse(markup):
        return europresse.DATABASE, europresse.stories(root)
    articles = factiva.html_articles(root)
    if articles and ("Factiva" in markup or "Headline" in markup):
        return factiva.DATABASE, [factiva.story_from_html(a) for a in articles]
    body = root.find("body")
    lines = paragraphs(body if body is not None else root)
    if lexisnexis_academic.looks_like_lexisnexis(lines):
        return lexisnexis_academic.DATABASE, lexisnexis_academic.parse_lexisnexis([(p, False) for p in lines])
    return None


def stories_in_text(text: str) -> Found | None:
    """The stories of a plain-text export (LexisNexis Academic, ProQuest, Factiva, Nexis Uni)."""
    lines = text.split("\n")
    if lexisnexis_academic.looks_like_lexisnexis(lines):
        return lexisnexis_academic.DATABASE, lexisnexis_academic.parse_lexisnexis(
            lexisnexis_academic.text_paragraphs(text)
        )
    if proquest.looks_like_proquest_text(lines):
        return proquest.DATABASE, proquest.text_stories(lines)
    return stories_in_paragraphs(lines)


def stories_in_paragraphs(paragraphs: list[str]) -> Found | None:
    """The stories of a Word, RTF or PDF export given as its paragraphs (Nexis Uni, Factiva)."""
    if nexis_uni.looks_like_nexis_uni(paragraphs):
        return nexis_uni.DATABASE, nexis_uni.parse_nexis_uni(paragraphs)
    if factiva.looks_like_factiva_text(paragraphs):
        return factiva.DATABASE, factiva.stories_from_text(paragraphs)
    return None


def stories_in_xml(root) -> Found | None:
    """The stories of a Factiva XML (PPS) response, or None for other XML."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if "PPS" not in tag and "factiva" not in tag.lower() and root.find(".//{*}ppsarticle") is None:
        return None
    return factiva.DATABASE, factiva.stories_from_xml(root)
