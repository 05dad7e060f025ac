"""Factiva exports: HTML (with or without indexing codes), XML (PPS responses) and RTF/text.

With indexing, every field is a two-letter code — HD headline, BY byline, WC word count,
PD date, SN source name, SC source code, LA language, CY copyright, LP lead paragraphs, TD
text, AN accession number ("Document ..."), and the index codes (NS, RE, IN, CO, IPC...).
Without, the same fields come in a fixed order: headline, byline, word count, date, time,
source, code, language, copyright, then the text. Every story ends with its accession number.
"""

from __future__ import annotations

import re

from annotator.core.importing.exports.blocks import paragraphs, text_of
from annotator.core.importing.exports.fields import is_copyright, is_date, is_word_count
from annotator.core.importing.exports.languages import language_code
from annotator.core.importing.exports.story import Story, clean

DATABASE = "Factiva"
_ACCESSION = re.compile(r"^\s*(?:Document|Dokument|Documento)\s+([A-Za-z0-9]{12,})\s*$")
_TIME = re.compile(r"^\s*\d{1,2}[:.]\d{2}(\s*(GMT|UTC|[AP]M))?\s*$", re.IGNORECASE)
_CODE_LINE = re.compile(r"^\s*([A-Z]{2,3})(?:\s+(.*))?$", re.DOTALL)
# The codes Factiva prints, and what each becomes; the body is LP + TD.
_CODES = {
    "HD": "headline", "BY": "author", "WC": "word_count", "PD": "date", "SN": "outlet",
    "LA": "language", "CY": "copyright", "AN": "database_id", "SE": "section", "PG": "page",
}
_BODY_CODES = ("LP", "TD")
_KNOWN_CODES = set(_CODES) | set(_BODY_CODES) | set(
    "ET SC ED CLM CR RF NS RE IN CO IPC IPD PUB NGC GC ART VOL".split()
)


def html_articles(root) -> list:
    """The story elements of a Factiva HTML page (``div.article``)."""
    return root.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " article ")]')


def story_from_html(element) -> Story:
    """One ``div.article``: a table of coded rows, or (without indexing) plain divs and paragraphs."""
    story = Story(complete=False)
    rows = element.xpath('.//tr[td[contains(@class, "index")]]')
    if rows:
        for row in rows:
            cells = row.findall("td")
            if len(cells) < 2:
                continue
            code = text_of(cells[0])
            if code in _BODY_CODES:
                story.body.extend(paragraphs(cells[1]))
            else:
                _set_code(story, code, text_of(cells[1]))
        return story
    # Without indexing: the headline is marked, the text is in articleParagraph elements.
    lines = []
    for child in element.iter("div", "p", "span", "b"):
        cls = child.get("class") or ""
        if "articleParagraph" in cls:
            story.body.extend(paragraphs(child))
        elif "Headline" in cls and not story.headline:
            story.headline = text_of(child)
        elif child.tag == "div" and not child.xpath(".//div|.//p") and not story.body:
            lines.append(text_of(child))
        elif child.tag == "div" and not child.xpath(".//div|.//p") and story.body:
            match = _ACCESSION.match(text_of(child))
            if match:
                story.database_id = match.group(1)
                story.complete = True
    _positional_header([line for line in lines if line and line != story.headline], story)
    return story


def looks_like_factiva_text(lines: list[str]) -> bool:
    """An RTF/text export: stories end with "Document <accession number>"."""
    return sum(1 for line in lines if _ACCESSION.match(line)) >= 1 and any(is_word_count(l) for l in lines)


def stories_from_text(lines: list[str]) -> list[Story]:
    """The stories of an RTF or text export, given as its paragraphs."""
    stories, chunk = [], []
    for line in lines:
        match = _ACCESSION.match(line)
        if match:
            story = _text_story([c for c in chunk if c.strip()])
            story.database_id = match.group(1)
            stories.append(story)
            chunk = []
        else:
            chunk.append(line)
    rest = [c for c in chunk if c.strip()]
    if rest and any(is_word_count(c) for c in rest):
        story = _text_story(rest)
        story.complete = False  # no accession number: the file stops inside this story
        stories.append(story)
    return stories


def _text_story(lines: list[str]) -> Story:
    story = Story()
    coded = [_CODE_LINE.match(line) for line in lines]
    if sum(1 for m in coded if m and m.group(1) in _CODES) >= 3:
        code = ""
        for line, match in zip(lines, coded):
            if match and match.group(1) in _KNOWN_CODES:
                code, value = match.group(1), (match.group(2) or "").strip()
                if value and code not in _BODY_CODES:
                    _set_code(story, code, value)
                elif value:
                    story.body.append(value)
            elif code in _BODY_CODES:
                story.body.append(line.strip())
            elif code and code not in _BODY_CODES:
                _set_code(story, code, line.strip())
        return story
    # Text before the word count is the headline (and byline); the cover page lies above it.
    at = next((i for i, line in enumerate(lines) if is_word_count(line)), None)
    if at is None:
        story.body = [line.strip() for line in lines]
        return story
    above = [line.strip() for line in lines[max(0, at - 3):at]]
    if len(above) >= 2 and re.match(r"^(by|von|par|por)\s", above[-1], re.IGNORECASE):
        story.author = above[-1]
        above = above[:-1]
    story.headline = above[-1] if above else ""
    body_at = _positional_header([line.strip() for line in lines[at:]], story)
    story.body = [line.strip() for line in lines[at + body_at:]]
    return story


def _positional_header(lines: list[str], story: Story) -> int:
    """Word count, date, time, source, code, language, copyright: the fields Factiva prints
    without their codes. Returns how many lines they took."""
    taken = 0
    for i, line in enumerate(lines[:10]):
        if is_word_count(line):
            story.word_count = line
        elif is_date(line) and not story.date:
            story.date = line
        elif _TIME.match(line):
            story.extra["time"] = line.strip()
        elif is_copyright(line):
            story.copyright = line
            return i + 1
        elif language_code(line) != line.lower() and len(line) < 25 and story.outlet:
            story.language = line
            taken = i + 1
            continue
        elif not story.outlet and story.date:
            story.outlet = line
        elif story.outlet and re.fullmatch(r"[A-Z0-9]{2,10}", line.strip()):
            story.extra["source_code"] = line.strip()
        else:
            return taken or i
        taken = i + 1
    return taken


def _set_code(story: Story, code: str, value: str) -> None:
    value = clean(value)
    if not value:
        return
    name = _CODES.get(code)
    if name == "database_id":
        story.database_id = re.sub(r"^(Document|Dokument|Documento)\s+", "", value)
        story.complete = True
    elif name:
        setattr(story, name, value)
    else:
        story.extra[code.lower()] = value


def stories_from_xml(root) -> list[Story]:
    """The ``article`` elements of a Factiva PPS XML response."""
    stories = []
    for article in root.iter("{*}article"):
        def text(tag: str) -> str:
            found = article.find(f"{{*}}{tag}")
            return clean("".join(found.itertext())) if found is not None else ""

        story = Story(
            headline=text("headline"), outlet=text("sourceName"), author=text("byline"),
            section=text("sectionName"), page=text("pages"), word_count=text("wordCount"),
            language=text("baseLanguage"), database_id=text("accessionNo"), copyright=text("copyright"),
        )
        date = article.find("{*}publicationDate")
        story.date = clean("".join(date.itertext())) if date is not None else ""
        for tag in ("leadParagraph", "tailParagraphs"):
            block = article.find(f"{{*}}{tag}")
            if block is not None:
                found = [clean("".join(p.itertext())) for p in block.iter("{*}paragraph")]
                story.body.extend(found or [clean("".join(block.itertext()))])
        for tag, key in (("sourceCode", "source_code"), ("publisherName", "publisher"), ("edition", "edition"), ("notes", "notes")):
            if text(tag):
                story.extra[key] = text(tag)
        for tag, key in (("newsSubject", "subjects"), ("region", "regions"), ("company", "companies"), ("industry", "industries")):
            names = [clean("".join(n.itertext())) for n in article.iter(f"{{*}}{tag}")]
            if names:
                story.extra[key] = "; ".join(n for n in names if n)
        story.complete = bool(story.database_id)
        stories.append(story)
    return stories
