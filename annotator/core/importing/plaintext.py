"""``.txt`` and ``.md`` files: the whole file is the article; the title is found in it.

Scraped text dumps often open with the page's navigation ("Skip to content", "Menu"), a
cookie notice or a dateline before the headline, so the title is the first line that reads
like a headline, else the file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from collections.abc import Iterator

from annotator.core.importing.decode import decode_bytes, decode_with_encoding
from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, Failure, FileNote, ImportProblem
from annotator.core.importing.source import read_limited
from annotator.core.model import NewArticle

# Lines that are page furniture, compared after lower-casing and trimming punctuation.
BOILERPLATE = frozenset(
    """
    skip to content; skip to main content; skip to navigation; jump to content; menu; main menu;
    open menu; close menu; navigation; search; home; homepage; news; sections; subscribe;
    subscribe now; sign in; sign up; log in; login; register; my account; advertisement;
    advertising; sponsored; sponsored content; share; share this; share this article;
    share on facebook; share on twitter; share on x; tweet; email; print; comments;
    read more; related; related articles; most read; trending; newsletter; breaking news;
    live; latest; opinion; follow us; back to top; listen to this article; accept;
    accept all; accept cookies; reject all; manage cookies; cookie settings; close
    """.replace("\n", " ").split(";")
)
BOILERPLATE = frozenset(line.strip() for line in BOILERPLATE)

_BOILERPLATE_WORDS = re.compile(
    r"\b(cookies?|javascript|your browser|privacy policy|terms of (use|service)|all rights reserved)\b"
)
_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
_DAY = r"(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\.?"
_DATELIKE = re.compile(
    rf"^(published|updated|posted|last updated)?[:\s]*"
    rf"({_DAY}[,\s]+)?("
    rf"\d{{1,2}}\s+{_MONTH}(\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?(,?\s+\d{{4}})?|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf")([,\s]+(at\s+)?\d{{1,2}}[:.]\d{{2}}(\s*(am|pm|[a-z]{{2,4}}))?)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(by|von|par|por|door)\s+\S", re.IGNORECASE)
_CAPTION = re.compile(r"^(photo|image|picture|caption|credit|foto|video)\b\s*[:(|©-]", re.IGNORECASE)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)

# A headline is a handful of words: shorter is a menu entry, longer is a paragraph.
MIN_TITLE_CHARS = 12
MAX_TITLE_CHARS = 200
LINES_SEARCHED = 40


def read_plaintext(path: Path) -> NewArticle:
    """The article in a ``.txt`` or ``.md`` file, or raise :class:`ImportProblem`."""
    text = decode_bytes(read_limited(path, MAX_ARTICLE_FILE_BYTES))
    if not text.strip():
        raise ImportProblem("empty file (no text)")
    return NewArticle(text=text, title=find_title(text) or title_from_name(path), source_file=path.name)


def read_text_file(path: Path, *, drop_boilerplate: bool = False) -> Iterator[NewArticle | Failure | FileNote]:
    """A text file: a database export's stories (LexisNexis, ProQuest, Factiva, Nexis Uni),
    else one article; a FileNote names the encoding when it was not UTF-8. With
    ``drop_boilerplate`` the lines :mod:`boilerplate` recognises are left out of an article
    (never out of an export, whose stories are already clean)."""
    from annotator.core.importing.exports import articles_from_stories, stories_in_text

    text, encoding = decode_with_encoding(read_limited(path, MAX_ARTICLE_FILE_BYTES))
    if not text.strip():
        raise ImportProblem("empty file (no text)")
    found = stories_in_text(text)
    if found:
        yield from articles_from_stories(path, *found, encoding=encoding)
        return
    if drop_boilerplate:
        from annotator.core.importing.boilerplate import drop_boilerplate as clean

        text = clean(text).text
        if not text.strip():
            raise ImportProblem("nothing but boilerplate lines in the file")
    yield NewArticle(text=text, title=find_title(text) or title_from_name(path), source_file=path.name)
    if encoding:
        yield FileNote(path, encoding=encoding)


def find_title(text: str) -> str:
    """The first of the opening lines that reads like a headline, or ``""``.

    Passed over besides what :func:`looks_like_headline` refuses: a kicker — a short line in
    capitals ("EXCLUSIVE REPORT") or ending in a colon — right above a line that is a
    headline in ordinary case.
    """
    lines = [clean_line(raw) for raw in text.split("\n", LINES_SEARCHED)[:LINES_SEARCHED]]
    for i, line in enumerate(lines):
        if not looks_like_headline(line):
            continue
        # A kicker sits right above its headline, with no blank line between.
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if is_kicker(line) and looks_like_headline(following) and not is_kicker(following):
            continue
        return line
    return ""


def is_kicker(line: str) -> bool:
    """A label above a headline: a few words in capitals, or ending in a colon."""
    words = line.split()
    letters = [ch for ch in line if ch.isalpha()]
    shouting = bool(letters) and all(ch.isupper() for ch in letters)
    return len(words) <= 6 and (shouting or line.rstrip().endswith(":"))


# "Skip to content" in any wording: a verb of moving on, a part of the page, and little else.
_SKIP_VERBS = re.compile(
    r"\b(skip|jump|go|move|navigate|direct(ly)?|direkt|springen|springe|gehe|zum|zur|aller|passer|allez|ir|saltar|"
    r"salta|vai|vá|passa|ga|naar|przejdź|hoppa|gå)\b", re.IGNORECASE)
_SKIP_TARGETS = re.compile(
    r"\b(content|contents|main|navigation|nav|menu|footer|search|article|inhalt|hauptinhalt|navigation|"
    r"contenu|contenido|conteúdo|contenuto|inhoud|treści|innehåll|sisältöön|principal)\b", re.IGNORECASE)


def is_skip_link(line: str) -> bool:
    """"Skip to content", "Jump directly to the content", "Zum Inhalt springen", "Aller au contenu"."""
    return len(line.split()) <= 8 and bool(_SKIP_VERBS.search(line)) and bool(_SKIP_TARGETS.search(line))


def clean_line(line: str) -> str:
    """A line without Markdown heading marks, emphasis around it, or outer spaces."""
    line = line.strip()
    line = re.sub(r"^#{1,6}\s+", "", line)
    line = re.sub(r"^(\*\*|__)(.+)\1$", r"\2", line)
    return line.strip()


def looks_like_headline(line: str) -> bool:
    """True for a line of headline length that is not navigation, a date, a byline or a caption."""
    if not MIN_TITLE_CHARS <= len(line) <= MAX_TITLE_CHARS:
        return False
    if len(line.split()) < 3 or not any(ch.isalpha() for ch in line):
        return False
    simple = line.lower().strip(" .:!|>»›·-–—\u00a0")
    if simple in BOILERPLATE or _BOILERPLATE_WORDS.search(simple) or is_skip_link(simple):
        return False
    if _DATELIKE.match(line) or _BYLINE.match(line) or _CAPTION.match(line) or _URL.match(line):
        return False
    # Navigation bars: "Home | World | Politics | Sport".
    if line.count("|") >= 2 or line.count("•") >= 2 or line.count(" · ") >= 2:
        return False
    return True


def title_from_name(path: Path) -> str:
    """A readable title made from the file name: ``city_council-vote.txt`` → ``city council vote``."""
    return re.sub(r"[_\s]+", " ", path.stem).strip() or path.name
