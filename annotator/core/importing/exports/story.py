"""One story of a news-database export, and how it becomes an article.

Every export reader (Nexis Uni, LexisNexis Academic, Factiva, ProQuest, Europresse) fills
:class:`Story` objects; :func:`articles_from_stories` checks them as a whole and turns them into
articles, so the rules (an empty body is reported, a cut-off story refuses the file, the same
metadata keys whatever the database) live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.importing.exports.dates import iso_date
from annotator.core.importing.exports.languages import language_code
from annotator.core.importing.problems import Failure, FileNote, ImportProblem
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text

# Keys in ``extra`` that every database fills the same way, so exports and filters can rely on them.
EXTRA_KEYS = ("database", "database_id", "section", "page", "word_count", "copyright", "date_text")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_WORDS = re.compile(r"([\d][\d.,\u00a0 ]*)\s*(words?|mots|wörter|palabras|parole|woorden)?", re.IGNORECASE)


@dataclass
class Story:
    """What an export says about one story; ``body`` is its paragraphs, nothing else."""

    headline: str = ""
    outlet: str = ""
    date: str = ""  # as the export writes it; normalised to ISO 8601 when it can be read
    author: str = ""
    section: str = ""
    page: str = ""
    word_count: str = ""
    language: str = ""
    database_id: str = ""
    copyright: str = ""
    url: str = ""
    body: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    # False when the story stops before the marker that closes every story of its format
    # ("End of Document", an accession number...): the file was cut off.
    complete: bool = True


def clean(value: str) -> str:
    """One line of metadata: spaces collapsed, trimmed."""
    return _SPACES.sub(" ", value or "").strip()


def words(value: str) -> str:
    """``"1,163 words"`` / ``"295 mots"`` → ``"1163"``; anything else unchanged."""
    match = _WORDS.fullmatch(clean(value))
    if not match:
        return clean(value)
    return re.sub(r"[^\d]", "", match.group(1))


def articles_from_stories(
    path: Path, database: str, stories: list[Story], *, encoding: str = ""
) -> Iterator[NewArticle | Failure | FileNote]:
    """The articles of an export, a Failure per story with an empty body, then a FileNote.

    Raises :class:`ImportProblem` before yielding anything when the export holds no story or a
    story is cut off, so a damaged file is never imported in part.
    """
    kind = f"{database} export"
    # An element in a story's place with nothing in it (no headline, text or id) is no story.
    stories = [s for s in stories if s.headline.strip() or s.database_id.strip() or any(p.strip() for p in s.body)]
    if not stories:
        raise ImportProblem(f"looks like a {kind} but no story was found in it")
    for number, story in enumerate(stories, start=1):
        if not story.complete:
            raise ImportProblem(
                f"{kind} is cut off: story {number} of {len(stories)} ({_name(story)}) is incomplete; "
                "nothing imported from this file (download it again)"
            )
    found = 0
    for number, story in enumerate(stories, start=1):
        text = normalise_text("\n\n".join(p.strip() for p in story.body if p.strip()))
        if not text.strip():
            yield Failure(path, f"story {number} of {len(stories)} ({_name(story)}) has an empty body; not imported")
            continue
        found += 1
        yield _article(story, database, text)
    yield FileNote(path, kind, found, encoding)


def _name(story: Story) -> str:
    headline = clean(story.headline)
    if not headline:
        return "no headline"
    return f"“{headline[:60]}…”" if len(headline) > 60 else f"“{headline}”"


def _article(story: Story, database: str, text: str) -> NewArticle:
    extra: dict[str, str] = {"database": database}
    published = iso_date(story.date)
    if story.date and published != clean(story.date):
        extra["date_text"] = clean(story.date)
    for key in ("database_id", "section", "page", "copyright"):
        value = clean(getattr(story, key))
        if value:
            extra[key] = value
    if story.word_count:
        extra["word_count"] = words(story.word_count)
    for key, value in story.extra.items():
        value = clean(value) if isinstance(value, str) else value
        if value and key not in extra:
            extra[key] = value
    return NewArticle(
        text=text,
        title=normalise_text(clean(story.headline)),
        outlet=normalise_text(clean(story.outlet)),
        author=normalise_text(clean(story.author)),
        url=clean(story.url),
        published=published,
        language=language_code(story.language),
        extra=extra,
    )
