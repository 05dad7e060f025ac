"""HTML as paragraphs: what every HTML export reader needs before it looks for fields."""

from __future__ import annotations

import re

# Elements that start a new paragraph; everything else is inline text.
BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote table tr td th section article header footer "
    "aside pre dd dt dl figure figcaption form center address main nav body".split()
)
_DROP = frozenset(("script", "style", "noscript", "head", "title", "meta", "link", "button", "input", "select"))
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


def paragraphs(element, *, line_breaks: bool = True) -> list[str]:
    """The text of ``element`` as paragraphs, in document order, empty ones left out.

    ``<br>`` ends a line inside a paragraph when ``line_breaks``; else it ends the paragraph.
    """
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current)
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
        current.clear()

    def walk(node) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not isinstance(node.tag, str):  # comments, processing instructions
            if node.tail:
                current.append(node.tail)
            return
        if tag in _DROP:
            if node.tail:
                current.append(node.tail)
            return
        if tag == "br":
            if line_breaks:
                current.append("\n")
            else:
                flush()
        else:
            block = tag in BLOCK_TAGS
            if block:
                flush()
            if node.text:
                current.append(node.text)
            for child in node:
                walk(child)
            if block:
                flush()
        if node.tail:
            current.append(node.tail)

    walk(element)
    flush()
    return out


def text_of(element) -> str:
    """All the text of ``element`` on one line."""
    return _SPACES.sub(" ", element.text_content() if element is not None else "").strip()


def parse_html(markup: str):
    """An lxml tree of ``markup`` (which may carry an XML declaration), or raise ValueError."""
    import lxml.html

    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    if not markup.strip():
        raise ValueError("empty page")
    return lxml.html.document_fromstring(markup)
