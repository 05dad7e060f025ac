"""Moving a project between a file and a server, losslessly: ``push`` and ``pull``.

Every table the project file holds is copied whole — its rows, column for column, values
untouched — except SQLite's own bookkeeping (the migration record, the full-text index, which
each side builds itself). A table the other side does not know stops the move before anything
is written: a move that would drop data is refused, never done in part. Push runs as the
server's administrator (the owner of the study's tables, to whom row-level security does not
apply), in one transaction; pull writes a new file beside its final name and renames it into
place, so an interrupted pull leaves no half file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.storage.articles import rebuild_search_index
from annotator.storage.errors import ProjectError
from annotator.storage.migrations import FILE_ONLY_TABLES
from annotator.storage.pg.connection import connect, redact
from annotator.storage.project import Project, check_project_file, read_only_uri

# Parents before children, so foreign keys hold at every row.
ORDER = ("project", "articles", "tags", "annotations", "review_decisions", "assignments", "coder_status")
# SQLite bookkeeping each side keeps for itself, and the file's own derived tables.
SKIPPED_PREFIXES = ("sqlite_", "_sqlite_", "articles_fts", "annotations_fts", *FILE_ONLY_TABLES)
SERVER_ONLY_COLUMNS = {"seq", "search"}
# Settings that describe the server copy, not the study.
SERVER_ONLY_META = {"pg_schema_version"}


@dataclass
class TransferReport:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied

    def to_json(self) -> dict:
        return {"rows": dict(self.rows), "total": sum(self.rows.values())}


def _file_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {}
    for name in names:
        if name.startswith(SKIPPED_PREFIXES):
            continue
        out[name] = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
    return out


def _server_tables(pg) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, column in pg.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    ):
        if column not in SERVER_ONLY_COLUMNS:
            out.setdefault(table, []).append(column)
    return out


def _ordered(tables) -> list[str]:
    return [t for t in ORDER if t in tables] + sorted(t for t in tables if t not in ORDER)


def _check_same_shape(source: dict, target: dict, where: str) -> None:
    for table, columns in source.items():
        if table not in target:
            raise ProjectError(f"{where} has no table {table!r}: moving would lose data, nothing was copied "
                               "(run `annotator team setup` again to bring the server's schema up to date)")
        missing = [c for c in columns if c not in target[table]]
        if missing:
            raise ProjectError(f"{where} lacks column {table}.{missing[0]}: moving would lose data, nothing was copied")


def _quoted(columns) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def push(project_path: str | Path, admin_url: str) -> TransferReport:
    """Copy the project file to the (set up, still empty) study at ``admin_url``."""
    path = Path(project_path)
    check_project_file(path)
    report = TransferReport()
    source = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        tables = _file_tables(source)
        with connect(admin_url) as pg:
            target = _server_tables(pg)
            where = redact(admin_url)
            if "annotations" not in target:
                raise ProjectError(f"{where} is not an annotator study (run `annotator team setup` first)")
            _check_same_shape(tables, target, where)
            if pg.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]:
                raise ProjectError(f"{where} already holds articles: push goes to an empty study")
            _check_passages(source, path)
            with pg.transaction():
                pg.execute("SET CONSTRAINTS ALL DEFERRED")
                # Checked above in one pass over the file; row by row the server's check would
                # read each long article once per annotation (minutes for 20,000 of them).
                pg.execute("ALTER TABLE annotations DISABLE TRIGGER annotations_passage")
                for table in _ordered(tables):
                    columns = tables[table]
                    order = ' ORDER BY rowid' if table in ("articles", "annotations") else ""
                    rows = source.execute(f'SELECT {_quoted(columns)} FROM "{table}"{order}')
                    if table == "project":
                        rows = [r for r in rows if r[columns.index("key")] not in SERVER_ONLY_META]
                        pg.execute("DELETE FROM project WHERE key IN (SELECT unnest(%s::text[]))",
                                   [[r[columns.index("key")] for r in rows]])
                    count = 0
                    with pg.cursor().copy(f'COPY "{table}" ({_quoted(columns)}) FROM STDIN') as copy:
                        for row in rows:
                            copy.write_row(row)
                            count += 1
                    report.rows[table] = count
                pg.execute("SET CONSTRAINTS ALL IMMEDIATE")  # links checked now, then the check back on
                pg.execute("ALTER TABLE annotations ENABLE TRIGGER annotations_passage")
            # Statistics and the visibility map at once rather than when autovacuum comes by:
            # the planner then knows the study's size, and counting 100,000 articles reads the
            # primary key's index instead of every row (122 ms without; bench_team.py).
            pg.commit()  # the push (VACUUM runs outside a transaction)
            pg.autocommit = True
            for table in _ordered(tables):
                pg.execute(f'VACUUM (ANALYZE) "{table}"')
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{path} cannot be read ({error})") from error
    finally:
        source.close()
    return report


def _check_passages(source: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose passages are not their articles' text (SQLite counts code points)."""
    bad = source.execute(
        'SELECT a.id, a.start, a."end" FROM annotations a JOIN articles r ON r.id = a.article_id '
        'WHERE substr(r.text, a.start + 1, a."end" - a.start) IS NOT a.text LIMIT 1'
    ).fetchone()
    if bad:
        raise ProjectError(f"{path}: annotation {bad[0]} does not match its article's text at "
                           f"{bad[1]}-{bad[2]} (run `annotator check`); nothing was copied")


def pull(url: str, project_path: str | Path, *, statuses_of: str | None = None) -> TransferReport:
    """Copy the study at ``url`` into a new project file at ``project_path``, every table as
    of one moment (one REPEATABLE READ transaction: edits made meanwhile are all in or all
    out). ``statuses_of`` (a coder) gives each article that coder's own status."""
    path = Path(project_path)
    if path.exists():
        raise ProjectError(f"{path} already exists; choose another name")
    staging = path.with_name(f".{path.name}.part")
    for side in ("", "-wal", "-shm"):
        Path(f"{staging}{side}").unlink(missing_ok=True)
    report = TransferReport()
    try:
        with connect(url) as pg, Project.create(staging, with_news_codebook=False) as project:
            import psycopg

            pg.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            source = _server_tables(pg)
            _check_same_shape(source, _file_tables(project.db.conn), str(path))
            with project.db.atomic():
                _copy_from_server(pg, project.db.conn, source, report)
                rebuild_search_index(project.db)  # articles copied in are not indexed by a trigger
                if statuses_of is not None:
                    project.db.execute(
                        "UPDATE articles SET status = coalesce((SELECT status FROM coder_status c WHERE "
                        "c.coder = ? AND c.article_id = articles.id), 'todo')", [statuses_of])
        for side in ("-wal", "-shm"):
            Path(f"{staging}{side}").unlink(missing_ok=True)
        os.replace(staging, path)
    except BaseException:
        for side in ("", "-wal", "-shm"):
            Path(f"{staging}{side}").unlink(missing_ok=True)
        raise
    return report


def _copy_from_server(pg, conn: sqlite3.Connection, source: dict[str, list[str]], report: TransferReport) -> None:
    conn.execute("PRAGMA defer_foreign_keys = ON")
    conn.execute("DELETE FROM project")
    for table in _ordered(source):
        columns = source[table]
        order = " ORDER BY seq" if table in ("articles", "annotations") else ""
        marks = ", ".join("?" * len(columns))
        count = 0
        with pg.cursor(name=f"pull_{table}") as cursor:  # server-side: a big study streams
            cursor.execute(f'SELECT {_quoted(columns)} FROM "{table}"{order}')
            while batch := cursor.fetchmany(2000):
                if table == "project":
                    batch = [r for r in batch if r[columns.index("key")] not in SERVER_ONLY_META]
                conn.executemany(f'INSERT INTO "{table}" ({_quoted(columns)}) VALUES ({marks})', batch)
                count += len(batch)
        report.rows[table] = count


@contextmanager
def snapshot(project) -> Iterator[Project]:
    """A server study as its signed-in person may read it now, as a temporary project file
    (with their own status of each article), for work that reads the whole study at once:
    exports in every format run on the file's tested queries, on one consistent moment."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-snapshot-"))
    try:
        path = folder / "study.annotator"
        pull(project.url, path, statuses_of=project.coder)
        with Project.open(path) as local:
            yield local
    finally:
        shutil.rmtree(folder, ignore_errors=True)
