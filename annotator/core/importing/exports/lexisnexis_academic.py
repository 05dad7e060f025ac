"""LexisNexis Academic downloads (plain text and HTML, before Nexis Uni replaced it).

Each story opens with a centred "7 of 383 DOCUMENTS" line, then the publication, the date (and
edition lines), the headline, upper-case ``LABEL: value`` fields (BYLINE, SECTION, LENGTH,
DATELINE...), the body, trailing fields (LOAD-DATE, LANGUAGE, PUBLICATION-TYPE, GRAPHIC...) and
a centred copyright notice. What precedes the first story is the search request.
"""

from __future__ import annotations

import re

from annotator.core.importing.exports.fields import is_copyright, is_date, snake, split_page
from annotator.core.importing.exports.story import Story, clean

DATABASE = "LexisNexis Academic"
MARKER = re.compile(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*([A-Z][A-Z\-]+(?: [A-Z\-]+){0,2})\s*:\s*(.*)$", re.DOTALL)
_TRAILER = frozenset(
    """LOAD-DATE LANGUAGE PUBLICATION-TYPE JOURNAL-CODE GRAPHIC SUBJECT ORGANIZATION PERSON
    GEOGRAPHIC COMPANY TICKER INDUSTRY CITY STATE COUNTRY URL NOTES CORRECTION-DATE CORRECTION
    DOCUMENT-TYPE TYPE DISTRIBUTION ACC-NO SERIES""".split()
)


def looks_like_lexisnexis(lines: list[str]) -> bool:
    """At least one "N of M DOCUMENTS" line and a LENGTH or LOAD-DATE field."""
    return any(MARKER.match(line) for line in lines) and any(
        line.lstrip().startswith(("LENGTH:", "LOAD-DATE:")) for line in lines
    )


def text_paragraphs(text: str) -> list[tuple[str, bool]]:
    """Paragraphs of a text download (blank-line separated, wrapped lines joined), each with
    whether it was indented (centred header lines are; headline and body are not)."""
    out: list[tuple[str, bool]] = []
    block: list[str] = []
    for line in text.split("\n") + [""]:
        if line.strip() and not MARKER.match(line):
            block.append(line)
            continue
        if block:
            indented = block[0].startswith("   ")
            joined = "\n".join(b.strip() for b in block) if indented else " ".join(b.strip() for b in block)
            out.append((joined, indented))
            block = []
        if MARKER.match(line):
            out.append((line.strip(), True))
    return out


def parse_lexisnexis(paragraphs: list[tuple[str, bool]]) -> list[Story]:
    """The stories, from paragraphs with their indentation (HTML: all False)."""
    stories: list[Story] = []
    current: list[tuple[str, bool]] | None = None
    for paragraph in paragraphs:
        if MARKER.match(paragraph[0]):
            if current is not None:
                stories.append(_story(current))
            current = []
        elif current is not None:
            current.append(paragraph)
    if current is not None:
        stories.append(_story(current))
    # Every story ends with trailing fields or a copyright line; one without was cut off.
    return stories


def _story(paragraphs: list[tuple[str, bool]]) -> Story:
    story = Story()
    texts = [p for p, _ in paragraphs]
    first_field = next((i for i, t in enumerate(texts) if _header_field(t)), None)
    date_at = next((i for i, t in enumerate(texts[:6]) if is_date(t.split("\n")[0])), None)
    if texts:
        story.outlet = texts[0].split("\n")[0]
    if date_at is not None:
        story.date = texts[date_at].split("\n")[0]
        edition = [t for t in texts[date_at].split("\n")[1:] if t]
        if edition:
            story.extra["edition"] = " ".join(edition)
    start = (date_at if date_at is not None else 0) + 1
    if first_field is not None and first_field > start - 1 and first_field - start <= 4:
        headline_at = first_field - 1
    else:  # no header fields: the first paragraph that is not centred
        headline_at = next((i for i in range(start, len(paragraphs)) if not paragraphs[i][1]), start)
    for i in range(start, headline_at):
        story.extra.setdefault("edition", "")
        story.extra["edition"] = " ".join(x for x in (story.extra["edition"], texts[i].replace("\n", " ")) if x)
    if headline_at < len(texts):
        story.headline = texts[headline_at].replace("\n", " ")
    i = headline_at + 1
    while i < len(texts) and _header_field(texts[i]):
        label, value = _header_field(texts[i])
        _set(story, label, value)
        i += 1
    body: list[str] = []
    trailer = False
    for text in texts[i:]:
        match = _FIELD.match(text)
        if match and match.group(1) in _TRAILER:
            trailer = True
            label, value = match.group(1), clean(match.group(2))
            if label == "LANGUAGE":
                story.language = value
            elif value:
                story.extra[snake(label)] = value
            continue
        if is_copyright(text) and len(text) < 300:
            story.copyright = clean(text.replace("\n", " "))
            trailer = True
            continue
        if not trailer:
            body.append(text)
    story.body = body
    story.complete = trailer
    return story


def _header_field(text: str) -> tuple[str, str] | None:
    match = _FIELD.match(text)
    if not match or match.group(1) in _TRAILER:
        return None
    return match.group(1), match.group(2)


def _set(story: Story, label: str, value: str) -> None:
    value = clean(value.replace("\n", " "))
    if label == "BYLINE":
        story.author = re.sub(r"^by\s+", "", value, flags=re.IGNORECASE)
    elif label == "SECTION":
        story.section, story.page = split_page(value)
    elif label == "LENGTH":
        story.word_count = value
    else:
        story.extra[snake(label)] = value
