"""Opening, creating and checking project files, for the window (which never imports storage)
and for background work that needs a connection of its own (SQLite connections belong to the
thread that made them)."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.storage.errors import (
    InvalidAnnotationError,
    NewerProjectError,
    NotAProjectError,
    NotSQLiteError,
    ProjectError,
)
from annotator.storage.pg.connection import is_server_url
from annotator.storage.project import PROJECT_SUFFIX, Project, check_project_file


def open_project(path: str | os.PathLike) -> Project:
    """Open an existing project (a file, upgrading an older schema, or a ``postgresql://``
    study) for reading and writing. Raises :class:`ProjectError` with one line saying why it
    cannot."""
    from annotator.storage.location import open_location

    return open_location(str(path))


def open_read_only(path: str | os.PathLike) -> Project:
    """Open a project for reading only: no upgrade and no write, so it never contends with the
    window's own connection (a server study: a connection of its own)."""
    if is_server_url(str(path)):
        from annotator.storage.location import open_location

        return open_location(str(path))
    return Project.open_read_only(path)


def is_server_study(path: str | os.PathLike | None) -> bool:
    """True for a study on a PostgreSQL server (``postgresql://…``), where the login is the
    coder's name: the server records every edit under it."""
    return path is not None and is_server_url(str(path))


def create_project(path: str | os.PathLike) -> Project:
    """Create a new project file with the news codebook; :class:`ProjectError` if it exists."""
    return Project.create(path)


def recent_entry(path: str | os.PathLike) -> str:
    """What File > Recent keeps of a project: its path, or a server URL without its password
    (reopening then reads it from ~/.pgpass or PGPASSWORD, as any PostgreSQL client does)."""
    if is_server_url(str(path)):
        from annotator.storage.pg.connection import redact

        return redact(str(path))
    return str(path)


def check_file(path: str | os.PathLike) -> None:
    """Raise :class:`ProjectError` saying why ``path`` is not a project that can be opened."""
    if is_server_url(str(path)):
        open_read_only(path).close()  # reachable, logged in, a study: or one line saying why
        return
    check_project_file(Path(path))


__all__ = [
    "InvalidAnnotationError", "NewerProjectError", "NotAProjectError", "NotSQLiteError", "PROJECT_SUFFIX",
    "Project", "ProjectError", "check_file", "is_server_study", "recent_entry", "create_project", "open_project", "open_read_only",
]
