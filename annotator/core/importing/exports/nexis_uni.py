"""Nexis Uni downloads (Word .docx, .rtf, and the text layer of a .pdf).

A download opens with a cover page (date and time, job number, "Documents (N)", the list of
headlines, search terms), then each story: headline, publication, date, an optional copyright
line, ``Label: value`` fields (Section, Length, Byline, Highlight, Dateline...), the line
"Body", the paragraphs, optional trailing fields ("Classification", Language, Subject,
Load-Date...) and the line "End of Document", which closes every story.
"""

from __future__ import annotations

import re

from annotator.core.importing.exports.fields import is_copyright, is_date, snake, split_page
from annotator.core.importing.exports.story import Story, clean

DATABASE = "Nexis Uni"
END = re.compile(r"^\s*End of Document\s*$", re.IGNORECASE)
_DECLARED = re.compile(r"^\s*Documents\s*\((\d+)\)\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*([A-Z][A-Za-z\-]*(?: [A-Za-z\-]+){0,2})\s*:[\s\u00a0]*(.*)$", re.DOTALL)
# Trailing fields: where the body ends (a body paragraph may well start "Note: ...").
_TRAILER = frozenset(
    "classification language publication-type journal code subject industry geographic person "
    "organization company ticker load-date graphic notes correction-date document-type "
    "publication type".split(" ")
) | {"journal code", "publication-type", "load-date", "correction-date", "document-type"}
_HEADER_LABELS = {"section", "length", "byline", "highlight", "dateline", "edition", "source"}


def looks_like_nexis_uni(paragraphs: list[str]) -> bool:
    """A Nexis Uni download: "End of Document" closing stories that have a "Body" line."""
    ends = sum(1 for p in paragraphs if END.match(p))
    return ends >= 1 and any(p.strip() == "Body" for p in paragraphs)


def parse_nexis_uni(paragraphs: list[str]) -> list[Story]:
    """The stories of a Nexis Uni download given as its paragraphs, in order."""
    lines = [p.strip() for p in paragraphs]
    declared = next((int(m.group(1)) for m in map(_DECLARED.match, lines[:200]) if m), None)
    stories: list[Story] = []
    chunk: list[str] = []
    for line in lines:
        if END.match(line):
            stories.append(_story(chunk))
            chunk = []
        else:
            chunk.append(line)
    if any(chunk):  # text after the last "End of Document": a story cut off
        story = _story(chunk)
        story.complete = False
        stories.append(story)
    elif declared is not None and len(stories) < declared:
        stories.append(Story(headline=f"story {len(stories) + 1} of {declared} is missing", complete=False))
    return stories


def _story(chunk: list[str]) -> Story:
    body_at = next((i for i, line in enumerate(chunk) if line == "Body"), None)
    if body_at is None:
        body_at = _header_end(chunk)
        header, body = chunk[:body_at], chunk[body_at:]
    else:
        header, body = chunk[:body_at], chunk[body_at + 1:]
    story = Story()
    _read_header(header, story)
    _read_body(body, story)
    return story


def _header_end(chunk: list[str]) -> int:
    """Without a "Body" line: after the last header field following the date."""
    last = 0
    for i, line in enumerate(chunk[:60]):
        match = _FIELD.match(line)
        if match and match.group(1).lower() in _HEADER_LABELS:
            last = i + 1
    return last


def _read_header(header: list[str], story: Story) -> None:
    # Fields from the end up; then, above them, copyright, date, publication and headline.
    lines = [line for line in header if line]
    fields: list[tuple[str, str]] = []
    while lines:
        match = _FIELD.match(lines[-1])
        if match and match.group(1).lower() in _HEADER_LABELS | {"version", "load-date"}:
            fields.insert(0, (match.group(1), match.group(2)))
            lines.pop()
        elif is_copyright(lines[-1]) and not story.copyright:
            story.copyright = lines.pop()
        else:
            break
    date_at = next((i for i in range(len(lines) - 1, -1, -1) if is_date(lines[i])), None)
    if date_at is not None and date_at >= 1:
        story.date = lines[date_at]
        story.outlet = lines[date_at - 1]
        # The headline is the line above the publication (the cover page lies above it).
        story.headline = lines[date_at - 2] if date_at >= 2 else ""
        for extra_line in lines[date_at + 1:]:
            if is_copyright(extra_line) and not story.copyright:
                story.copyright = extra_line
    elif lines:
        story.headline = lines[-1]
    for label, value in fields:
        _set_field(story, label, value)


def _set_field(story: Story, label: str, value: str) -> None:
    key = label.lower()
    value = clean(value)
    if key == "section":
        parts = [p.strip() for p in value.split(";")]
        kept = [p for p in parts if not p.lower().startswith("version")]
        for part in parts:
            if part.lower().startswith("version"):
                story.extra["version"] = part.split(":", 1)[-1].strip()
        story.section, story.page = split_page("; ".join(kept))
    elif key == "length":
        story.word_count = value
    elif key == "byline":
        story.author = value
    else:
        story.extra[snake(label)] = value


def _read_body(body: list[str], story: Story) -> None:
    paragraphs: list[str] = []
    trailer = False
    for line in body:
        if not line:
            continue
        match = _FIELD.match(line)
        label = match.group(1).lower() if match else ""
        if line == "Classification" or (match and label in _TRAILER):
            trailer = True
        if not trailer:
            paragraphs.append(line)
            continue
        if match:
            if label == "language":
                story.language = match.group(2)
            elif label != "classification":
                story.extra[snake(match.group(1))] = clean(match.group(2))
    # A copyright notice closing the body belongs in the metadata.
    while paragraphs and is_copyright(paragraphs[-1]) and len(paragraphs[-1]) < 300:
        story.copyright = story.copyright or paragraphs.pop()
    story.body = paragraphs
