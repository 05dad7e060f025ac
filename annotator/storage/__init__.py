"""The storage layer: the only code that speaks SQL. Returns the core's dataclasses."""

from annotator.storage.errors import (
    InvalidAnnotationError,
    NewerProjectError,
    NotAProjectError,
    NotSQLiteError,
    ProjectError,
)
from annotator.storage.project import PROJECT_SUFFIX, Project

__all__ = [
    "InvalidAnnotationError",
    "NewerProjectError",
    "NotAProjectError",
    "NotSQLiteError",
    "PROJECT_SUFFIX",
    "Project",
    "ProjectError",
]
