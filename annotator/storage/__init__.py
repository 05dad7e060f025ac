"""The storage layer: the only code that speaks SQL. Returns the core's dataclasses."""

from annotator.storage.errors import (
    DamagedProjectError,
    DiskFullError,
    InvalidAnnotationError,
    NewerProjectError,
    NotAProjectError,
    NotSQLiteError,
    ProjectError,
    ProjectLockedError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from annotator.storage.project import PROJECT_SUFFIX, Project

__all__ = [
    "DamagedProjectError",
    "DiskFullError",
    "ProjectLockedError",
    "ProjectWriteError",
    "ReadOnlyProjectError",
    "InvalidAnnotationError",
    "NewerProjectError",
    "NotAProjectError",
    "NotSQLiteError",
    "PROJECT_SUFFIX",
    "Project",
    "ProjectError",
]
