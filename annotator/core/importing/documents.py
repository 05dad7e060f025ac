"""Readers for RTF, PDF, e-mail and XML files: each a single article, or an export's stories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.importing.exports import articles_from_stories, stories_in_html, stories_in_paragraphs, stories_in_xml
from annotator.core.importing.plaintext import find_title, title_from_name
from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, Failure, FileNote, ImportProblem
from annotator.core.importing.source import read_limited
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text

Items = Iterator[NewArticle | Failure | FileNote]


def read_rtf_file(path: Path) -> Items:
    """An RTF file: a Nexis Uni or Factiva export, else one article."""
    from annotator.core.importing.rtf_file import rtf_text

    text = rtf_text(path)
    paragraphs = [p.strip() for p in text.split("\n")]
    found = stories_in_paragraphs(paragraphs)
    if found:
        yield from articles_from_stories(path, *found)
        return
    yield single_article(path, [p for p in paragraphs if p])


def read_pdf_file(path: Path) -> Items:
    """A PDF: a Nexis Uni export, else one article from its text layer."""
    from annotator.core.importing.pdf_file import join_lines, pdf_lines, pdf_pages

    pages, meta = pdf_pages(path)
    lines = [line.strip() for line in pdf_lines(pages)]
    # An export's header fields are a line each: find its stories line by line, then join
    # each story's body lines into paragraphs.
    found = stories_in_paragraphs(lines)
    if found:
        for story in found[1]:
            story.body = join_lines(story.body)
        yield from articles_from_stories(path, *found)
        return
    paragraphs = join_lines(lines)
    article = single_article(path, paragraphs, title=meta["title"])
    article.author = normalise_text(meta["author"].strip())
    created = meta["created"]  # D:20260105093000+01'00'
    if created.startswith("D:") and len(created) >= 10 and created[2:10].isdigit():
        article.published = f"{created[2:6]}-{created[6:8]}-{created[8:10]}"
    article.extra["pages"] = len(pages)
    yield article


def read_email_file(path: Path) -> Items:
    """An e-mail: the export in its HTML part (ProQuest), else that part as one page."""
    from annotator.core.importing.email_file import email_html
    from annotator.core.importing.html_page import article_from_html

    html, subject = email_html(path)
    found = stories_in_html(html)
    if found:
        yield from articles_from_stories(path, *found)
        return
    article = article_from_html(html)
    article.title = article.title or subject
    yield article


def read_xml_file(path: Path) -> Items:
    """A Factiva XML export; other XML is not an article format."""
    from lxml import etree

    data = read_limited(path, MAX_ARTICLE_FILE_BYTES)
    # Untrusted XML: no entities expanded, nothing fetched, no huge trees.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ImportProblem(f"not well-formed XML (cut off or damaged: {error.msg})") from error
    found = stories_in_xml(root)
    if not found:
        raise ImportProblem("XML that is not a Factiva export: not an article format (accepted XML: Factiva)")
    yield from articles_from_stories(path, *found)


def single_article(path: Path, paragraphs: list[str], *, title: str = "") -> NewArticle:
    """One article from a document's paragraphs, or raise ImportProblem when it has no text."""
    text = normalise_text("\n\n".join(p for p in paragraphs if p.strip()))
    if not text.strip():
        raise ImportProblem("no article text found in the document")
    title = normalise_text(title.strip()) or find_title(text) or title_from_name(path)
    return NewArticle(text=text, title=title)
