"""Open, create and identify project files: one SQLite file per project."""

from __future__ import annotations

import os
import sqlite3
from functools import cached_property
from pathlib import Path



from annotator.core.model import now_iso
from annotator.storage import migrations
from annotator.storage.annotations import AnnotationStore
from annotator.storage.articles import ArticleStore
from annotator.storage.assignments import AssignmentStore
from annotator.storage.codebook import CodebookStore
from annotator.storage.relations import RelationStore
from annotator.storage.applied_operations import AppliedOperations
from annotator.storage.connection import ProjectDatabase, open_database
from annotator.storage.article_values import ArticleValueStore
from annotator.storage.memos import MemoStore
from annotator.storage.variables import VariableStore
from annotator.storage.errors import (
    DamagedProjectError,
    DiskFullError,
    NewerProjectError,
    NotAProjectError,
    NotSQLiteError,
    ProjectError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from annotator.storage.failures import explain, folder_blocker, is_disk_full, write_blocker
from annotator.storage.integrity import UNFINISHED, quick_check
from annotator.storage.side_files import check_leftover_wal

# Marks the file as ours for tools that read the SQLite header ("ANNO").
APPLICATION_ID = 0x414E4E4F
SQLITE_HEADER = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".annotator"
# Opening runs SQLite's quick check for at most this long: a small project is checked whole, a
# large one opens at once anyway (``annotator check`` reads everything).
QUICK_CHECK_BUDGET_SECONDS = 0.25
# Columns a file must have in these tables to be taken for a project (a file with our table
# names but another schema is refused, not "upgraded").
_REQUIRED_COLUMNS = {
    "articles": {"id", "title", "text", "imported_at", "status"},
    "annotations": {"id", "article_id", "tag_id", "start", "end", "text", "annotator"},
    "tags": {"id", "name", "colour"},
}


class Project:
    """A project file: articles, codebook and annotations.

    Use :meth:`create`, :meth:`open` or :meth:`in_memory`. The sub-stores hold the queries:
    ``project.articles``, ``project.annotations``, ``project.codebook``,
    ``project.variables`` and ``project.article_values``. ``read_only`` is None, or the reason
    the file cannot be written (then every write raises a :class:`ReadOnlyProjectError` saying
    so).
    """

    def __init__(self, db: ProjectDatabase, path: Path | None):
        self.db = db
        self.path = path
        self.articles = ArticleStore(db)
        self.codebook = CodebookStore(db)
        self.annotations = AnnotationStore(db, self.articles, self.codebook)
        self.assignments = AssignmentStore(db)
        self.relations = RelationStore(db)  # typed relations between annotations
        self.variables = VariableStore(db)  # article-level variables of the codebook
        self.article_values = ArticleValueStore(db)  # each coder's values of them
        self.memos = MemoStore(db)  # each coder's memo on each article
        self.operations = AppliedOperations(db)  # edits already stored (sent exactly once)

    # Made on first use: most commands never read reviews or suggestions, and their core
    # modules are a few milliseconds of every start (benchmarks/bench_startup.py).
    @cached_property
    def reviews(self):
        from annotator.storage.reviews import ReviewStore

        return ReviewStore(self.db)

    @cached_property
    def suggestions(self):
        from annotator.storage.suggestions import SuggestionStore

        return SuggestionStore(self.db, self)

    @property
    def read_only(self) -> str | None:
        return getattr(self.db, "read_only_reason", None)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, *, with_news_codebook: bool = True) -> "Project":
        """Create a new project file at ``path`` (which must not exist yet).

        The file is built under a temporary name beside it and renamed when whole, so a full
        disk or a killed process never leaves a partial project at ``path``.
        """
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path} already exists; choose another name or open it")
        if not path.parent.exists():
            raise ProjectError(f"folder {path.parent} does not exist")
        blocker = folder_blocker(path.parent)
        if blocker:
            raise ReadOnlyProjectError(f"cannot create {path}: {blocker}")
        partial = path.with_name(f".{path.name}.creating-{os.getpid()}")
        try:
            db = open_database(partial)
            try:
                _configure(db)
                cls(db, partial)._initialise(with_news_codebook)
                db.checkpoint()
            finally:
                db.close()
            if path.exists() and path.stat().st_size > 0:
                raise ProjectError(f"{path} already exists; choose another name or open it")
            os.replace(partial, path)
        except DiskFullError as error:
            _remove_partial(partial)
            raise DiskFullError(f"cannot create {path}: the disk is full; nothing was written") from error
        except ProjectWriteError as error:
            _remove_partial(partial)
            raise type(error)(str(error).replace(str(partial), str(path))) from error
        except ProjectError:
            _remove_partial(partial)
            raise
        except (sqlite3.Error, OSError) as error:
            _remove_partial(partial)
            if is_disk_full(error) or isinstance(error.__cause__, DiskFullError):
                raise DiskFullError(f"cannot create {path}: the disk is full; nothing was written") from error
            raise ProjectWriteError(f"cannot create {path}: {error}; nothing was written") from error
        except BaseException:
            _remove_partial(partial)
            raise
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike, *, check_budget: float = QUICK_CHECK_BUDGET_SECONDS) -> "Project":
        """Open an existing project, upgrading its schema if it was made by an older version
        (after a backup, see :mod:`annotator.storage.backups`).

        A file that is not SQLite, an SQLite file that is not a project, a project made by a
        newer annotator, a damaged project or one with a ``-wal`` side file that is not its own
        raises a :class:`ProjectError` and is left untouched. A file that cannot be written
        opens for reading, with the reason in ``read_only``. SQLite's quick check runs for at
        most ``check_budget`` seconds (``annotator check`` runs every check).
        """
        path = Path(path)
        check_project_file(path)
        check_leftover_wal(path)
        blocker = write_blocker(path)
        try:
            db = open_database(path, read_only_uri=read_only_uri(path) if blocker else None)
        except sqlite3.Error as error:
            raise explain(error, path) from error
        try:
            if blocker:
                db.read_only_reason = blocker
                db.execute("PRAGMA foreign_keys = ON")
                if migrations.pending_names(db):
                    raise ReadOnlyProjectError(
                        f"{path} was made by an older annotator and must be upgraded, but {blocker}"
                    )
            else:
                _configure(db)
                if migrations.pending_names(db):
                    from annotator.storage.backups import take_backup

                    take_backup(db.conn, path, "before-upgrade")
                    migrations.apply(db)
            verdict = quick_check(db.conn, check_budget)
            if verdict not in ("ok", UNFINISHED):
                raise DamagedProjectError(
                    f"{path} is damaged ({verdict}); list its backups with: annotator backups {path}"
                )
        except BaseException:
            db.close()
            raise
        return cls(db, path)

    @classmethod
    def open_read_only(cls, path: str | os.PathLike) -> "Project":
        """Open a project for reading only: no schema upgrade and no write of any kind, so a
        worker thread's own connection never contends with the window's writes."""
        path = Path(path)
        check_project_file(path)
        db = open_database(path, read_only_uri=f"{path.resolve().as_uri()}?mode=ro")
        db.read_only_reason = "it was opened for reading only"
        return cls(db, path)

    @classmethod
    def in_memory(cls, *, with_news_codebook: bool = True) -> "Project":
        """A throw-away project, for tests and scripts."""
        project = cls(ProjectDatabase(memory=True, execute_plugins=False), None)
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

    def backup(self, reason: str) -> Path | None:
        """A rotating backup in the backups folder (see :mod:`annotator.storage.backups`)."""
        from annotator.storage.backups import backup_before

        return backup_before(self.db, reason)

    def changes_made(self) -> int:
        """Rows this connection has written since it opened (tells an idle checkpoint whether
        there is anything to fold into the file)."""
        try:
            return self.db.conn.total_changes
        except Exception:  # a closed connection
            return 0

    def checkpoint(self) -> bool:
        """Make the project file whole on its own (see :meth:`ProjectDatabase.checkpoint`)."""
        return self.db.checkpoint() if isinstance(self.db, ProjectDatabase) else False

    def close(self) -> None:
        """Checkpoint, then close: the file is whole at rest and its ``-wal`` is removed."""
        try:
            self.checkpoint()
        finally:
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
    def signed_in_as(self) -> str | None:
        """The login every edit is recorded under, where the storage decides it (a server
        study: the PostgreSQL role); None for a file, where the coder says who they are."""
        return None

    @property
    def location(self) -> Path | None:
        """Where the project lives (its file; a server study gives its URL): what a background
        worker opens a connection of its own to."""
        return self.path

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
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if application_id not in (0, APPLICATION_ID):
                raise NotAProjectError(f"{path} is another program's SQLite file, not an annotator project")
            for table, required in _REQUIRED_COLUMNS.items():
                columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
                if not required <= columns:
                    missing = ", ".join(sorted(required - columns))
                    raise NotAProjectError(
                        f"{path} has tables named like a project's but another schema "
                        f"({table} has no {missing}); it was left untouched"
                    )
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [migrations.MIGRATION_SET],
                )
            }
            if "0001_initial" not in applied:
                raise NotAProjectError(
                    f"{path} has tables named like a project's but was not made by annotator; "
                    "it was left untouched"
                )
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


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _configure(db: ProjectDatabase) -> None:
    # WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")


def is_project_file(path: Path) -> bool:
    """Whether ``path`` is an existing annotator project (or looks like one): an SQLite file
    with our application id, or with our tables. Reads only; False for anything unreadable."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
            handle.seek(68)
            if int.from_bytes(handle.read(4), "big") == APPLICATION_ID:
                return True
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False
    return {"articles", "annotations"} <= tables
