"""Checks that a project file is whole: SQLite's own checks, the foreign keys, the full-text
index, every annotation's stored passage equal to the slice of its article's text, and the
passage tally (migration 0018) equal to the annotations it counts.

The quick form runs when a project is opened, within a time budget so a large project still
opens at once; the full form is ``annotator check``.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field

UNFINISHED = "unfinished"


def quick_check(conn: sqlite3.Connection, budget_seconds: float) -> str:
    """SQLite's ``quick_check`` (every page and index entry readable, no cross-links), stopped
    after ``budget_seconds``: ``"ok"``, the first problem found, or :data:`UNFINISHED`."""
    deadline = time.monotonic() + budget_seconds
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return UNFINISHED
        raise
    finally:
        conn.set_progress_handler(None, 0)
    return one_line(rows[0][0]) if rows else "ok"


def one_line(text: str) -> str:
    """SQLite's reports span lines ("*** in database main ***\nPage 64: ..."); ours do not."""
    return " ".join(str(text).replace("*** in database main ***", "").split())


@dataclass
class CheckReport:
    """What :func:`full_check` found; ``problems`` is empty for a whole project."""

    problems: list[str] = field(default_factory=list)
    articles: int = 0
    annotations: int = 0
    search_index_checked: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def full_check(conn: sqlite3.Connection, *, writable: bool) -> CheckReport:
    """Every check, reading the whole file. ``writable``: the connection may run FTS5's own
    integrity check, a special INSERT that writes nothing and is rolled back here anyway."""
    report = CheckReport()
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    if rows != ["ok"]:
        report.problems.append("SQLite integrity check: " + "; ".join(one_line(r) for r in rows[:3]))
        return report  # the other checks would read damaged pages
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({r[0] for r in broken})
        report.problems.append(f"{len(broken)} rows point to rows that do not exist (in {', '.join(tables)})")
    report.articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    report.annotations = conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    _check_search_index(conn, report, writable)
    _check_passages(conn, report)
    _check_passage_tally(conn, report)
    return report


def _check_search_index(conn: sqlite3.Connection, report: CheckReport, writable: bool) -> None:
    indexed = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    if indexed != report.articles:
        report.problems.append(
            f"the search index lists {indexed} articles, the project has {report.articles}"
        )
        return
    if not writable:
        return
    try:
        conn.execute("SAVEPOINT annotator_check")
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        finally:
            conn.execute("ROLLBACK TO annotator_check")
            conn.execute("RELEASE annotator_check")
        report.search_index_checked = True
    except sqlite3.DatabaseError as error:
        report.problems.append(f"the search index does not match the articles ({error})")


def _check_passages(conn: sqlite3.Connection, report: CheckReport) -> None:
    # substr() counts code points in text, as our offsets do (1-based, hence the +1).
    rows = conn.execute(
        """
        SELECT a.id, a.start, a."end" FROM annotations a JOIN articles t ON t.id = a.article_id
        WHERE substr(t.text, a.start + 1, a."end" - a.start) IS NOT a.text
           OR a."end" > length(t.text)
        LIMIT 1000
        """
    ).fetchall()
    if rows:
        first = rows[0]
        more = "1000 or more" if len(rows) == 1000 else str(len(rows))
        report.problems.append(
            f"{more} annotations whose passage differs from their article's text "
            f"(first: {first[0]} at {first[1]}-{first[2]})"
        )


_TRUE_TALLY = (
    "SELECT ar.rowid, a.tag_id, a.annotator, count(*) FROM annotations a JOIN articles ar ON ar.id = a.article_id "
    "GROUP BY ar.rowid, a.tag_id, a.annotator"
)
_STORED_TALLY = "SELECT article_key, tag_id, annotator, n FROM passage_tally"


def _check_passage_tally(conn: sqlite3.Connection, report: CheckReport) -> None:
    """The counts the passage browser and figures read (kept by triggers) against a count of
    the annotations themselves: any difference is a wrong number on screen."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'passage_tally'").fetchone() is None:
        return  # a file made before migration 0018
    differ = conn.execute(
        f"SELECT (SELECT count(*) FROM ({_TRUE_TALLY} EXCEPT {_STORED_TALLY})) + "
        f"(SELECT count(*) FROM ({_STORED_TALLY} EXCEPT {_TRUE_TALLY}))"
    ).fetchone()[0]
    if differ:
        report.problems.append(
            f"the passage counts kept for the browser and figures differ from the annotations in {differ} rows"
        )


def check_file(path) -> CheckReport:
    """:func:`full_check` of the project file at ``path``, after the checks made on opening (a
    file that is not a project, or a ``-wal`` beside it that is not its own, is a problem too).
    Writes nothing to the project."""
    from pathlib import Path

    from annotator.storage.errors import ProjectError
    from annotator.storage.failures import write_blocker
    from annotator.storage.project import check_project_file, read_only_uri
    from annotator.storage.side_files import check_leftover_wal

    path = Path(path)
    try:
        check_project_file(path)
        check_leftover_wal(path)
    except ProjectError as error:
        return CheckReport(problems=[str(error)])
    writable = write_blocker(path) is None
    try:
        conn = sqlite3.connect(str(path) if writable else read_only_uri(path), uri=not writable)
        try:
            return full_check(conn, writable=writable)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return CheckReport(problems=[f"{path} cannot be read whole ({error})"])
