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


def __getattr__(name: str):
    # Project (and with it sqlite_utils) is imported when first used, so `annotator --help`
    # and code that only catches a ProjectError never pay for opening a database.
    if name in ("Project", "PROJECT_SUFFIX"):
        from annotator.storage import project

        return getattr(project, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
