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
from annotator.storage.project import PROJECT_SUFFIX, Project, check_project_file


def open_project(path: str | os.PathLike) -> Project:
    """Open an existing project for reading and writing (upgrading an older schema).
    Raises :class:`ProjectError` with one line saying why it cannot."""
    return Project.open(path)


def open_read_only(path: str | os.PathLike) -> Project:
    """Open a project for reading only: no upgrade and no write, so it never contends with the
    window's own connection."""
    return Project.open_read_only(path)


def create_project(path: str | os.PathLike) -> Project:
    """Create a new project file with the news codebook; :class:`ProjectError` if it exists."""
    return Project.create(path)


def check_file(path: str | os.PathLike) -> None:
    """Raise :class:`ProjectError` saying why ``path`` is not a project that can be opened."""
    check_project_file(Path(path))


__all__ = [
    "InvalidAnnotationError", "NewerProjectError", "NotAProjectError", "NotSQLiteError", "PROJECT_SUFFIX",
    "Project", "ProjectError", "check_file", "create_project", "open_project", "open_read_only",
]
