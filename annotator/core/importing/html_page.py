"""Saved web pages (``.html``, ``.htm``): the article's main text and metadata.

trafilatura does the extraction: it is the reference tool for news-page boilerplate removal
(navigation, comments, footers, related links) and reads title, author, date, site name, url
and language from the page's metadata (Open Graph, JSON-LD, ``<meta>``). We favour precision:
a missing paragraph is visible to the coder, a stray cookie banner in the text is not.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from annotator.core.importing.decode import decode_bytes, decode_with_encoding
from annotator.core.importing.problems import MAX_PAGE_FILE_BYTES, Failure, FileNote, ImportProblem
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
    data = read_limited(path, MAX_PAGE_FILE_BYTES)
    # Decoding ourselves applies the same BOM / legacy-encoding rules as for text files.
    markup = decode_bytes(data)
    if not markup.strip():
        raise ImportProblem("empty file (no text)")
    return article_from_html(markup, source_file=path.name, raw=data)


def read_html_file(path: Path) -> Iterator[NewArticle | Failure | FileNote]:
    """A saved page: a database export's stories (Factiva, ProQuest, Europresse, LexisNexis),
    else the one article on it; a FileNote names the encoding when it was not UTF-8."""
    from annotator.core.importing.exports import articles_from_stories, stories_in_html

    data = read_limited(path, MAX_PAGE_FILE_BYTES)
    markup, encoding = decode_with_encoding(data)
    if not markup.strip():
        raise ImportProblem("empty file (no text)")
    try:
        found = stories_in_html(markup)
    except ValueError as error:
        raise ImportProblem(f"the page could not be read ({error})") from error
    if found:
        yield from articles_from_stories(path, *found, encoding=encoding)
        return
    yield article_from_html(markup, source_file=path.name, raw=data)
    if encoding:
        yield FileNote(path, encoding=encoding)


def article_from_html(markup: str, *, source_file: str = "", raw: bytes = b"") -> NewArticle:
    """Extract the article from a page's markup, or raise :class:`ImportProblem`.

    Paragraphs are kept (a blank line between them, headings as their own paragraphs);
    photo captions and credits go to ``extra["captions"]``, not into the text. When the
    precision-first extraction finds no article, the default extraction is tried.
    """
    import trafilatura  # imported here: it costs ~0.3 s and only HTML needs it

    doc = text = None
    for precise in (True, False):
        # trafilatura prunes the tree it is given: the fallback (rare) parses the page again.
        tree, captions = _page_tree(markup)
        try:
            doc = trafilatura.bare_extraction(
                tree,
                with_metadata=True,
                favor_precision=precise,
                include_comments=False,
                include_tables=True,
                include_images=False,
            )
        except Exception as error:  # trafilatura raises assorted errors on malformed pages
            raise ImportProblem(f"the page could not be read ({type(error).__name__})") from error
        paragraphs = body_paragraphs(doc)
        if not precise:
            # The default extraction keeps more of the page: not its menus and notices.
            paragraphs = [p for p in paragraphs if not is_page_furniture(p)]
        credits = [p for p in paragraphs if looks_like_caption(p)]
        text = normalise_text("\n\n".join(p for p in paragraphs if p not in credits))
        if long_enough(text):
            captions.extend(credits)
            break
    # On a page with no article trafilatura may still return a stray menu word.
    if doc is None or not long_enough(text):
        raise ImportProblem("no article text found in the page")
    sitename = (doc.sitename or "").strip()
    extra = {}
    for key in _EXTRA_KEYS:
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    if captions:
        extra["captions"] = list(dict.fromkeys(captions))
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


def _page_tree(markup: str):
    """The page parsed once, with figure captions taken out (and returned)."""
    import lxml.html

    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError) as error:
        raise ImportProblem("no article text found in the page") from error
    captions = []
    for caption in tree.xpath("//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')] | //*[contains(@class, 'credit')]"):
        text = " ".join(caption.text_content().split())
        if text:
            captions.append(text)
        caption.drop_tree()
    return tree, captions


def body_paragraphs(doc) -> list[str]:
    """The paragraphs of trafilatura's result: one per paragraph, heading, quote, list item
    or table row, in order."""
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None:
        text = getattr(doc, "text", None) or "" if doc is not None else ""
        return [line.strip() for line in text.split("\n") if line.strip()]
    out = []
    for element in body:
        if element.tag == "list":
            items = element.findall(".//item") or [element]
            out.extend(" ".join("".join(i.itertext()).split()) for i in items)
        elif element.tag == "table":
            for row in element.iter("row"):
                cells = [" ".join("".join(c.itertext()).split()) for c in row.iter("cell")]
                out.append(" | ".join(c for c in cells if c))
        else:
            # <lb/> is a line break inside a paragraph (a poem, an address).
            parts = []
            for piece in element.iter():
                if piece.tag == "lb":
                    parts.append("\n")
                if piece.text and piece.tag != "lb":
                    parts.append(piece.text)
                if piece.tail and piece is not element:
                    parts.append(piece.tail)
            lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
            out.append("\n".join(line for line in lines if line))
    return [p for p in out if p]


def is_page_furniture(paragraph: str) -> bool:
    """A menu entry (a word or three), a cookie or copyright notice."""
    from annotator.core.importing.plaintext import BOILERPLATE, _BOILERPLATE_WORDS

    simple = paragraph.lower().strip(" .:!|>»›·-–—\u00a0")
    if simple in BOILERPLATE or _BOILERPLATE_WORDS.search(simple) or simple.startswith("©"):
        return True
    return len(paragraph.split()) < 4 and len(_NO_SPACE_SCRIPTS.findall(paragraph)) < 10


_CAPTION = re.compile(
    r"^\(?\s*(photo|photos|image|picture|caption|credit|credits|foto|fotos|bild|illustration|source)\s*(\(s\))?\s*[:©/|]"
    r"|^©|^\(?(photo|foto|image)\s+(by|von|par|de)\s|(getty images|afp|reuters|ap photo|dpa|epa|anadolu)\s*\)?\s*$",
    re.IGNORECASE,
)
MAX_CAPTION_CHARS = 200


def looks_like_caption(paragraph: str) -> bool:
    """A photo caption or credit line ("Photo: AFP", "© Reuters", "(Getty Images)")."""
    return len(paragraph) <= MAX_CAPTION_CHARS and bool(_CAPTION.search(paragraph.strip()))


# Scripts written without spaces between words: their length counts in characters.
_NO_SPACE_SCRIPTS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
MIN_ARTICLE_CHARS_WITHOUT_SPACES = 25


def long_enough(text: str | None) -> bool:
    """At least :data:`MIN_ARTICLE_WORDS` words, or, for Chinese, Japanese, Korean, Thai and
    other scripts without spaces, :data:`MIN_ARTICLE_CHARS_WITHOUT_SPACES` of their characters."""
    if not text:
        return False
    if len(text.split()) >= MIN_ARTICLE_WORDS:
        return True
    return len(_NO_SPACE_SCRIPTS.findall(text)) >= MIN_ARTICLE_CHARS_WITHOUT_SPACES


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
