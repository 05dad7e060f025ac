"""Open, create and identify project files: one SQLite file per project."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotator.core.model import now_iso
from annotator.storage import migrations
from annotator.storage.annotations import AnnotationStore
from annotator.storage.articles import ArticleStore
from annotator.storage.assignments import AssignmentStore
from annotator.storage.codebook import CodebookStore
from annotator.storage.reviews import ReviewStore
from annotator.storage.suggestions import SuggestionStore
from annotator.storage.article_values import ArticleValueStore
from annotator.storage.variables import VariableStore
from annotator.storage.errors import (
    NewerProjectError,
    NotAProjectError,
    NotSQLiteError,
    ProjectError,
)

# Marks the file as ours for tools that read the SQLite header ("ANNO").
APPLICATION_ID = 0x414E4E4F
SQLITE_HEADER = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".annotator"


class Project:
    """A project file: articles, codebook and annotations.

    Use :meth:`create`, :meth:`open` or :meth:`in_memory`. The sub-stores hold the queries:
    ``project.articles``, ``project.annotations``, ``project.codebook``,
    ``project.variables`` and ``project.article_values``.
    """

    def __init__(self, db: Database, path: Path | None):
        self.db = db
        self.path = path
        self.articles = ArticleStore(db)
        self.codebook = CodebookStore(db)
        self.annotations = AnnotationStore(db, self.articles, self.codebook)
        self.reviews = ReviewStore(db)
        self.suggestions = SuggestionStore(db, self)
        self.assignments = AssignmentStore(db)
        self.variables = VariableStore(db)  # article-level variables of the codebook
        self.article_values = ArticleValueStore(db)  # each coder's values of them

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, *, with_news_codebook: bool = True) -> "Project":
        """Create a new project file at ``path`` (which must not exist yet)."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path} already exists; choose another name or open it")
        if not path.parent.exists():
            raise ProjectError(f"folder {path.parent} does not exist")
        project = cls(_connect(path), path)
        project._initialise(with_news_codebook)
        return project

    @classmethod
    def open(cls, path: str | os.PathLike) -> "Project":
        """Open an existing project, upgrading its schema if it was made by an older version.

        A file that is not SQLite, an SQLite file that is not a project, or a project made by a
        newer annotator raises a :class:`ProjectError` and is left untouched.
        """
        path = Path(path)
        check_project_file(path)
        project = cls(_connect(path), path)
        migrations.apply(project.db)
        return project

    @classmethod
    def open_read_only(cls, path: str | os.PathLike) -> "Project":
        """Open a project for reading only: no schema upgrade and no write of any kind, so a
        worker thread's own connection never contends with the window's writes."""
        path = Path(path)
        check_project_file(path)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        return cls(Database(conn, execute_plugins=False), path)

    @classmethod
    def in_memory(cls, *, with_news_codebook: bool = True) -> "Project":
        """A throw-away project, for tests and scripts."""
        project = cls(Database(memory=True, execute_plugins=False), None)
        _configure(project.db)
        project._initialise(with_news_codebook)
        return project

    def _initialise(self, with_news_codebook: bool) -> None:
        from annotator.core.codebook import news_codebook

        migrations.apply(self.db)
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        with self.db.atomic():
            self.set_meta("created_at", now_iso())
            if with_news_codebook:
                for tag in news_codebook():
                    self.codebook.add(tag)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- small key/value settings that belong to the project ---------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM project WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO project(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    @property
    def name(self) -> str:
        return self.path.stem if self.path else "(in memory)"


def check_project_file(path: Path) -> None:
    """Raise a :class:`ProjectError` saying why ``path`` is not a project we can open.

    Reads only: nothing is written to a file that fails these checks.
    """
    if not path.exists():
        raise ProjectError(f"{path}: no such file")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ProjectError(f"{path}: cannot be read ({error.strerror})") from error
    if header != SQLITE_HEADER:
        raise NotSQLiteError(f"{path} is not a project file (not an SQLite database)")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"articles", "annotations", "tags", "_sqlite_migrations"} <= tables:
                raise NotAProjectError(
                    f"{path} is an SQLite database but not an annotator project"
                )
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [migrations.MIGRATION_SET],
                )
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotSQLiteError(f"{path} is damaged or not an SQLite database ({error})") from error
    unknown = applied - set(migrations.known_names())
    if unknown:
        raise NewerProjectError(
            f"{path} was made by a newer version of annotator "
            f"(schema {len(applied)}, this version knows {migrations.schema_version()}); "
            "please upgrade annotator"
        )


def read_only_uri(path: Path) -> str:
    """A URI that reads without writing. With no pending ``-wal`` file the database is all in the
    main file and ``immutable`` reads it without creating ``-wal``/``-shm`` files beside it (a
    colleague's file stays as it was); otherwise ``mode=ro`` is needed to see the pending writes."""
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return f"{uri}?mode=ro"
    return f"{uri}?immutable=1"


def _connect(path: Path) -> Database:
    db = Database(path, execute_plugins=False)
    _configure(db)
    return db


def _configure(db: Database) -> None:
    # WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
