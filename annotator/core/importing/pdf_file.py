"""PDF files: the text layer, in reading order, as paragraphs; a Nexis Uni PDF is split.

pypdf reads it: pure Python (nothing to compile or ship), BSD-licensed, maintained by the
py-pdf project, and it reads encrypted files (so a password-protected PDF gets a clear
message). Its "plain" extraction follows the content stream, which is reading order for the
PDFs newspapers and databases generate. We then drop lines that repeat at the top or bottom
of most pages (running headers, footers) and page numbers, repair words hyphenated at line
ends, and join lines into paragraphs.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from pathlib import Path

from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, ImportProblem
from annotator.core.importing.source import check_size
from annotator.core.text import normalise_text

logging.getLogger("pypdf").setLevel(logging.CRITICAL)

# Below this many characters per page on average there is no text layer (a scan).
MIN_CHARS_PER_PAGE = 20
_PAGE_NUMBER = re.compile(r"^\s*(?:page|seite|p\.|pg\.?)?\s*\d{1,4}(?:\s*(?:of|/|von|sur|de)\s*\d{1,4})?\s*$", re.IGNORECASE)
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_LABEL = re.compile(r"^[A-Z][\w\-]*(?: [\w\-]+){0,2}:\s")
_OWN_PARAGRAPH = {"Body", "End of Document", "Classification"}


def pdf_pages(path: Path) -> tuple[list[list[str]], dict[str, str]]:
    """The lines of each page and the document's metadata, or raise ImportProblem."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    check_size(path, MAX_ARTICLE_FILE_BYTES)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            # Many PDFs are encrypted only to restrict printing: the empty password opens them.
            if not reader.decrypt(""):
                raise ImportProblem("password-protected PDF: open it with its password and save a copy without one")
        pages = [(page.extract_text(extraction_mode="plain") or "").split("\n") for page in reader.pages]
        info = reader.metadata or {}
        meta = {
            "title": str(info.get("/Title") or ""),
            "author": str(info.get("/Author") or ""),
            "created": str(info.get("/CreationDate") or ""),
        }
    except ImportProblem:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ImportProblem(f"not a readable PDF ({type(error).__name__}: damaged or cut off)") from error
    except Exception as error:  # pypdf raises assorted errors on damaged files
        if "password" in str(error).lower() or "decrypt" in str(error).lower():
            raise ImportProblem("password-protected PDF: open it with its password and save a copy without one") from error
        raise ImportProblem(f"not a readable PDF ({type(error).__name__})") from error
    if not pages:
        raise ImportProblem("the PDF has no pages")
    characters = sum(len(line.strip()) for page in pages for line in page)
    if characters / len(pages) < MIN_CHARS_PER_PAGE:
        raise ImportProblem("the PDF has no text layer (a scan?): run it through OCR first")
    return pages, meta


def pdf_lines(pages: list[list[str]]) -> list[str]:
    """The document's lines without running headers, footers and page numbers; a blank line
    where each page ends."""
    return [line for page in _without_furniture(pages) for line in page + [""]]


def pdf_paragraphs(pages: list[list[str]]) -> list[str]:
    """The paragraphs of the document: running headers, footers and page numbers left out,
    hyphenation at line ends repaired."""
    return join_lines(pdf_lines(pages))


def join_lines(lines: list[str]) -> list[str]:
    """Lines of a page joined into paragraphs: a blank line or a short line ending a sentence
    closes one; a word hyphenated at a line end is joined again."""
    paragraphs: list[str] = []
    current = ""
    lengths = [len(line.strip()) for line in lines if len(line.strip()) > 20]
    typical = statistics.median(lengths) if lengths else 60
    for raw in lines:
        line = raw.strip()
        own = line in _OWN_PARAGRAPH or bool(_LABEL.match(line))
        if not line or own:
            if current:
                paragraphs.append(current)
            current = ""
            if own:
                paragraphs.append(line)
            continue
        if not current:
            current = line
        elif _HYPHEN_END.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        # A short line ending a sentence closes its paragraph.
        if len(line) < 0.7 * typical and line[-1:] in ".!?:\"”»)":
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return [normalise_text(p) for p in paragraphs]


def _structural(line: str) -> bool:
    # An export's own markers ("End of Document", "Load-Date: ...") recur on every page too.
    return line.strip() in _OWN_PARAGRAPH or bool(_LABEL.match(line.strip()))


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without running headers and footers (lines at a page's top or bottom that recur,
    digits aside, on at least half the pages) and without bare page numbers."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    cleaned = [[line for line in page if line.strip()] for page in pages]
    edges: Counter[str] = Counter()
    for page in cleaned:
        edges.update({key(line) for line in page[:1] + page[-2:] if not _structural(line)})
    recurring = {k for k, n in edges.items() if len(pages) >= 3 and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for page in cleaned:
        kept = []
        for i, line in enumerate(page):
            at_edge = i < 1 or i >= len(page) - 2
            if at_edge and (key(line) in recurring or _PAGE_NUMBER.match(line)):
                continue
            kept.append(line)
        out.append(kept)
    return out
