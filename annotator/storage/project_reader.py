"""Read ANOTHER project file (a colleague's) as a :class:`Bundle`, read-only.

The file is checked first with the same one-line errors as opening a project
(:func:`check_project_file`), then read through a read-only connection: nothing is ever
written to it, not even a schema upgrade. A file that is damaged beyond its header raises a
:class:`NotSQLiteError` saying so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.bundle import Bundle
from annotator.core.model import Article, Tag
from annotator.storage.errors import NotSQLiteError
from annotator.storage.project import check_project_file, read_only_uri
from annotator.storage.rows import (
    ANNOTATION_COLUMNS,
    ARTICLE_COLUMNS,
    TAG_COLUMNS,
    annotation_from_row,
    article_from_row,
    quoted,
    tag_from_row,
)


@dataclass
class ProjectRows:
    """A project's content with the annotations as raw rows (``ANNOTATION_COLUMNS`` order):
    reading 200,000 annotations this way costs a fraction of building dataclasses."""

    articles: list[Article]
    tags: list[Tag]
    annotation_rows: list[tuple]
    source: str
    assigned_coder: str = ""  # set in a coder's file written by `annotator assign`
    variables: list = field(default_factory=list)  # article-level variables (core.variables.Variable)
    values: list = field(default_factory=list)  # their values (core.variables.ArticleValue)
    memos: list = field(default_factory=list)  # every coder's article memos (core.memos.ArticleMemo)


def read_project_rows(path: str | Path, *, check_integrity: bool = False) -> ProjectRows:
    """The articles, tags and annotation rows of the project file at ``path``.

    Raises :class:`ProjectError` (one line) for a missing, foreign, damaged or newer file.
    Every page of the three tables is read, so damage there raises; ``check_integrity`` also
    runs SQLite's ``quick_check`` (indexes and the search index too), which costs a third more.
    """
    path = Path(path)
    check_project_file(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            if check_integrity:
                verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise NotSQLiteError(f"{path} is damaged ({verdict})")
            tags = [tag_from_row(r) for r in conn.execute(f"SELECT {quoted(TAG_COLUMNS)} FROM tags ORDER BY position, name")]
            articles = [
                article_from_row(r)
                for r in conn.execute(f"SELECT {quoted(ARTICLE_COLUMNS)} FROM articles ORDER BY rowid")
            ]
            rows = conn.execute(
                f"SELECT {quoted(ANNOTATION_COLUMNS)} FROM annotations ORDER BY article_id, start"
            ).fetchall()
            coder = conn.execute("SELECT value FROM project WHERE key = 'assigned_coder'").fetchone()
            variables, values = read_variables(conn)
            memos = read_memos(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotSQLiteError(f"{path} is damaged or not an SQLite database ({error})") from error
    except (ValueError, KeyError, TypeError) as error:  # rows our dataclasses refuse
        raise NotSQLiteError(f"{path} holds data this version cannot read ({error})") from error
    return ProjectRows(articles=articles, tags=tags, annotation_rows=rows, source=str(path),
                       assigned_coder=coder[0] if coder else "", variables=variables, values=values,
                       memos=memos)


def read_memos(conn: sqlite3.Connection) -> list:
    """Every coder's article memos; none in a file made before memos existed (migration 0014)."""
    from annotator.core.memos import ArticleMemo

    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_memos'").fetchone() is None:
        return []
    return [ArticleMemo(*r) for r in conn.execute(
        "SELECT article_id, annotator, memo, updated_at FROM article_memos ORDER BY rowid")]


def read_variables(conn: sqlite3.Connection) -> tuple[list, list]:
    """Article-level variables and their values; none in a file made before they existed."""
    from annotator.core.variables import ArticleValue
    from annotator.storage.variables import VARIABLE_COLUMNS, variable_from_row

    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "variables" not in tables:
        return [], []
    variables = [variable_from_row(r) for r in conn.execute(
        f"SELECT {quoted(VARIABLE_COLUMNS)} FROM variables ORDER BY position, name")]
    values = [ArticleValue(*r) for r in conn.execute(
        "SELECT article_id, variable_id, annotator, value, reviewer, updated_at FROM article_values")]
    return variables, values


def read_project(path: str | Path, *, check_integrity: bool = False) -> Bundle:
    """The project file at ``path`` as a :class:`Bundle` (errors as :func:`read_project_rows`)."""
    content = read_project_rows(path, check_integrity=check_integrity)
    try:
        annotations = [annotation_from_row(r) for r in content.annotation_rows]
    except (ValueError, KeyError, TypeError) as error:
        raise NotSQLiteError(f"{path} holds data this version cannot read ({error})") from error
    return Bundle(articles=content.articles, tags=content.tags, annotations=annotations, source=content.source)


