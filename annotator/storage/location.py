"""Where a project lives: a file, or a study on a PostgreSQL server (``postgresql://…``)."""

from __future__ import annotations

from pathlib import Path

from annotator.storage.pg.connection import is_server_url
from annotator.storage.project import Project


def open_location(location: str):
    """Open a project file or a server study; both offer the same stores and operations.

    Raises :class:`~annotator.storage.errors.ProjectError` (one line) when neither can be opened.
    """
    if is_server_url(location):
        from annotator.storage.pg.project import ServerProject

        return ServerProject.open(str(location))
    return Project.open(Path(location))
