"""ProQuest exports: saved HTML, results sent by e-mail (HTML part) and plain text.

Each record is a list of labelled fields — "Author:", "Publication info:", "Abstract:",
"Full text:", "Subject:", "Publication title:", "Publication date:", "Section:", "Pages:",
"Language of publication:", "ProQuest document ID:", "Document URL:", "Copyright:",
"Database:"... — after the title. The ProQuest document ID closes every record.
"""

from __future__ import annotations

import re

from annotator.core.importing.exports.blocks import paragraphs, text_of
from annotator.core.importing.exports.fields import snake
from annotator.core.importing.exports.story import Story, clean

DATABASE = "ProQuest"
ID_LABEL = "ProQuest document ID"
_MAPPED = {
    "title": "headline", "author": "author", "publication title": "outlet",
    "publication date": "date", "section": "section", "pages": "page",
    "language of publication": "language", "proquest document id": "database_id",
    "document url": "url", "copyright": "copyright", "word count": "word_count",
}
_SKIPPED = {"full text", "links", "abstract"}
_SEPARATOR = re.compile(r"^_{20,}\s*$")
_DOC_NUMBER = re.compile(r"^\s*Document\s+\d+\s+of\s+\d+\s*$", re.IGNORECASE)
_TEXT_LABEL = re.compile(r"^([A-Z][A-Za-z /]{1,40}):\s?(.*)$")
# Labels of a text export, to tell a field line from a body line that happens to hold a colon.
TEXT_LABELS = frozenset(
    """title author publication info abstract full text subject location company / organization
    people identifier / keyword publication title pages publication year publication date
    dateline section publisher place of publication country of publication publication subject
    issn source type language of publication document type proquest document id document url
    copyright last updated database links word count""".split("\n")
)
_LABELS = {label.strip() for line in TEXT_LABELS for label in re.split(r"\s{2,}", line)}
_LABELS |= {
    "title", "author", "publication info", "abstract", "full text", "subject", "location",
    "company / organization", "people", "identifier / keyword", "publication title", "pages",
    "publication year", "publication date", "dateline", "section", "publisher",
    "place of publication", "country of publication", "publication subject", "issn",
    "source type", "language of publication", "document type", "proquest document id",
    "document url", "copyright", "last updated", "database", "links", "word count",
}


def html_stories(root) -> list[Story]:
    """The records of a ProQuest HTML page (saved, or the HTML part of an e-mail)."""
    for junk in root.xpath('//*[contains(@class, "document_view_image") or contains(@class, "document_view_caption") or contains(@class, "sr-only")]'):
        junk.drop_tree()
    labels = [s for s in root.iter("strong", "b") if _label(text_of(s)) == ID_LABEL.lower()]
    starts = [a for a in root.iter("a") if text_of(a).lower() == "proquest document link"]
    stories = [_html_story(_container(label, labels)) for label in labels]
    # A record whose document link is there but whose document ID is not was cut off.
    if len(starts) > len(labels):
        stories.append(Story(headline=f"record {len(labels) + 1}", complete=False))
    return stories


def _label(text: str) -> str:
    return text.strip().rstrip(":").strip().lower() if text.strip().endswith(":") else ""


def _container(label, labels):
    node = label
    while node.getparent() is not None:
        parent = node.getparent()
        if sum(1 for other in labels if _contains(parent, other)) > 1 or parent.tag == "body":
            return node
        node = parent
    return node


def _contains(ancestor, element) -> bool:
    node = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _html_story(container) -> Story:
    story = Story()
    for p in container.iter("p"):
        strong = p.find(".//strong")
        if strong is None:
            strong = p.find(".//b")
        label = _label(text_of(strong)) if strong is not None else ""
        if label == "full text":
            body = p.find(".//text")
            story.body = paragraphs(body if body is not None else p)
            if body is None and story.body:
                story.body[0] = re.sub(r"^Full text:\s*", "", story.body[0])
        elif label and label not in _SKIPPED:
            value = text_of(p)[len(text_of(strong)):].strip()
            _set(story, label, value)
        elif not label and not story.headline and text_of(p) and p.find(".//text") is None and not p.xpath("ancestor::text"):
            story.headline = text_of(p)
    return story


def _set(story: Story, label: str, value: str) -> None:
    value = clean(value)
    if not value:
        return
    name = _MAPPED.get(label)
    if name == "outlet":
        story.outlet = value.split(";")[0].strip()
        story.extra["publication_title"] = value
    elif name == "copyright":
        story.copyright = value[1:-1] if value.startswith("(") and value.endswith(")") else value
    elif name == "author" and not story.author:
        story.author = value
    elif name == "headline":
        story.headline = value
    elif name:
        setattr(story, name, value)
    else:
        story.extra[snake(label)] = value


def looks_like_proquest_text(lines: list[str]) -> bool:
    return any(line.startswith(ID_LABEL + ":") for line in lines) and any(_SEPARATOR.match(l) for l in lines)


def text_stories(lines: list[str]) -> list[Story]:
    """The records of a text export: blocks between lines of underscores."""
    blocks, block = [], []
    for line in lines + ["_" * 30]:
        if _SEPARATOR.match(line):
            if any(_DOC_NUMBER.match(b) for b in block) or any(b.startswith(ID_LABEL) for b in block):
                blocks.append(block)
            block = []
        else:
            block.append(line.rstrip())
    return [_text_story(block) for block in blocks]


def _text_story(block: list[str]) -> Story:
    story = Story(complete=False)
    label, value_lines = "", []

    def finish() -> None:
        if label == "full text":
            story.body = [p for p in _paragraphs(value_lines)]
        elif label and label not in _SKIPPED:
            _set(story, label, " ".join(v.strip() for v in value_lines))
        if label == ID_LABEL.lower():
            story.complete = True

    seen_number = False
    for line in block:
        match = _TEXT_LABEL.match(line)
        if match and match.group(1).lower() in _LABELS:
            finish()
            label, value_lines = match.group(1).lower(), [match.group(2)]
        elif _DOC_NUMBER.match(line):
            seen_number = True
        elif label:
            value_lines.append(line)
        elif seen_number and line.strip() and not story.headline:
            story.headline = line.strip()
    finish()
    return story


def _paragraphs(lines: list[str]) -> list[str]:
    out, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(current))
            current = []
    return out
