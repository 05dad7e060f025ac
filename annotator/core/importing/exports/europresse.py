"""Europresse exports (HTML), in both the table layout and the newer ``<article>`` layout.

Each story: the publication (``DocPublicationName``), a header line of section, date and page
(``DocHeader``), the headline (``titreArticleVisu``), the author, the text, a © line, the
document number ("Numéro de document : news·20121004·PO·2040056000") and a certificate of
use — which is not part of the story.
"""

from __future__ import annotations

import re

from annotator.core.importing.exports.blocks import paragraphs, text_of
from annotator.core.importing.exports.fields import is_copyright, is_date
from annotator.core.importing.exports.story import Story, clean

DATABASE = "Europresse"
_DOC_NUMBER = re.compile(r"^\s*(?:Numéro de document|Document number|Document No\.?)\s*:\s*(\S+)", re.IGNORECASE)
_CERTIFICATE = re.compile(r"certificat|certificate|Date d'émission|protégé par les lois", re.IGNORECASE)


def looks_like_europresse(markup_head: str) -> bool:
    return "DocPublicationName" in markup_head and ("titreArticle" in markup_head or "TitreArticle" in markup_head)


def stories(root) -> list[Story]:
    """Every story of the page: the largest element around each publication name."""
    names = root.xpath('//*[contains(@class, "DocPublicationName")]')
    found = []
    for name in names:
        node = name
        while node.getparent() is not None and node.getparent().tag != "body":
            parent = node.getparent()
            if len(parent.xpath('.//*[contains(@class, "DocPublicationName")]')) > 1:
                break
            node = parent
        found.append(_story(node))
    return found


def _story(container) -> Story:
    story = Story(complete=False)
    for junk in container.xpath('.//*[@id="divPubliC" or @id="tbHeaderImages"] | .//table[.//*[contains(@class, "txtCertificat")]]'):
        junk.drop_tree()
    name = container.xpath('.//*[contains(@class, "DocPublicationName")]')[0]
    story.outlet = re.sub(r",\s*no\..*$", "", text_of(name))
    header = ", ".join(text_of(h).strip(" ,") for h in container.xpath('.//*[contains(@class, "DocHeader")]'))
    _header(story, header)
    titles = container.xpath('.//*[contains(@class, "titreArticleVisu") or contains(@class, "TitreArticleVisu")]')
    story.headline = text_of(titles[0]) if titles else ""
    authors = container.xpath('.//*[contains(@class, "docAuthors")]')
    text_blocks = container.xpath('.//*[contains(@class, "docOcurrContainer")]')
    if text_blocks or container.find(".//section") is not None:
        if authors:
            story.author = text_of(authors[0])
        elif titles:  # the layout puts the author in the div after the headline's
            holder = titles[0].getparent()
            following = holder.getnext() if holder is not None else None
            if following is not None and following.tag == "div" and len(text_of(following).split()) <= 8:
                story.author = text_of(following)
        blocks = text_blocks or [container.find(".//section")]
        for block in blocks:
            story.body.extend(paragraphs(block))
        footer = paragraphs(container.find(".//footer")) if container.find(".//footer") is not None else []
        _trailer(story, footer)
        return story
    # Table layout: everything after the headline, paragraph by paragraph, until the © line.
    lines = paragraphs(container, line_breaks=False)
    at = next((i for i, line in enumerate(lines) if line == story.headline), -1)
    body = lines[at + 1:]
    if body and _looks_like_name(body[0]) and len(body) > 1:
        story.author = body.pop(0)
    kept = []
    for line in body:
        if is_copyright(line) or _DOC_NUMBER.match(line) or _CERTIFICATE.search(line):
            _trailer(story, [line])
            continue
        if not story.copyright and not story.database_id:
            kept.append(line)
    story.body = kept
    return story


def _header(story: Story, header: str) -> None:
    parts = [p.strip() for p in header.split(",") if p.strip()]
    date_at = next((i for i, p in enumerate(parts) if is_date(p)), None)
    if date_at is None:  # "jeudi 4 octobre 2012" may be split over two spans
        story.extra["header"] = header
        return
    story.date = parts[date_at]
    if date_at >= 1:
        story.section = ", ".join(p for p in parts[:date_at] if not re.fullmatch(r"(?i)[a-zé]+di|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday", p))
    for part in parts[date_at + 1:]:
        match = re.match(r"^p\.\s*(\S+)", part)
        if match:
            story.page = match.group(1)


def _trailer(story: Story, lines: list[str]) -> None:
    for line in lines:
        match = _DOC_NUMBER.match(line)
        if match:
            story.database_id = match.group(1)
            story.complete = True
        elif is_copyright(line) and not story.copyright:
            story.copyright = line


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 6 and not re.search(r"[.!?:;,]$|\d", line) and all(w[:1].isupper() for w in words)
