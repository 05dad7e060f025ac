"""Saved web pages (``.html``, ``.htm``): the article's main text and metadata.

trafilatura does the extraction: it is the reference tool for news-page boilerplate removal
(navigation, comments, footers, related links) and reads title, author, date, site name, url
and language from the page's metadata (Open Graph, JSON-LD, ``<meta>``). We favour precision:
a missing paragraph is visible to the coder, a stray cookie banner in the text is not.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from annotator.core.importing.decode import decode_bytes
from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, ImportProblem
from annotator.core.importing.source import read_limited
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text

# trafilatura and its helpers log extraction trouble as warnings; we report problems ourselves.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_SEPARATORS = (" · ", " | ", " - ", " – ", " — ", " :: ", " » ")
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.IGNORECASE)
MIN_ARTICLE_WORDS = 5
# Metadata trafilatura finds that has no column of its own; kept in ``extra``.
_EXTRA_KEYS = ("description", "categories", "tags", "license", "image", "hostname", "pagetype")


def read_html(path: Path) -> NewArticle:
    """The article in a saved page, or raise :class:`ImportProblem`."""
    data = read_limited(path, MAX_ARTICLE_FILE_BYTES)
    # Decoding ourselves applies the same BOM / legacy-encoding rules as for text files.
    markup = decode_bytes(data)
    if not markup.strip():
        raise ImportProblem("empty file (no text)")
    return article_from_html(markup, source_file=path.name, raw=data)


def article_from_html(markup: str, *, source_file: str = "", raw: bytes = b"") -> NewArticle:
    """Extract the article from a page's markup, or raise :class:`ImportProblem`."""
    import trafilatura  # imported here: it costs ~0.3 s and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
        )
    except Exception as error:  # trafilatura raises assorted errors on malformed pages
        raise ImportProblem(f"the page could not be read ({type(error).__name__})") from error
    text = normalise_text(getattr(doc, "text", None) or "") if doc is not None else ""
    # On a page with no article trafilatura may still return a stray menu word.
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise ImportProblem("no article text found in the page")
    sitename = (doc.sitename or "").strip()
    extra = {}
    for key in _EXTRA_KEYS:
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    return NewArticle(
        text=text,
        title=strip_site_name(normalise_text(doc.title or "").strip(), sitename),
        outlet=sitename or (doc.hostname or ""),
        author=normalise_text(doc.author or "").strip(),
        url=doc.url or "",
        published=doc.date or "",
        language=doc.language or page_language(raw or markup.encode("utf-8", "replace")),
        source_file=source_file,
        extra=extra,
    )


def strip_site_name(title: str, sitename: str) -> str:
    """``"Headline · Site"`` → ``"Headline"`` when the tail is the site's name."""
    site = sitename.strip().casefold()
    if not site:
        return title
    for separator in _SEPARATORS:
        if separator not in title:
            continue
        head, tail = title.rsplit(separator, 1)
        if tail.strip().casefold() == site and head.strip():
            return head.strip()
        head, tail = title.split(separator, 1)
        if head.strip().casefold() == site and tail.strip():
            return tail.strip()
    return title


def page_language(raw: bytes) -> str:
    """The ``lang`` attribute of the ``<html>`` element, e.g. ``de`` or ``en-GB``."""
    match = _LANG.search(raw[:20000])
    return match.group(1).decode("ascii") if match else ""
