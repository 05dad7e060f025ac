"""Errors the storage layer raises; each message is one line a researcher can act on."""

import sqlite3


class ProjectError(Exception):
    """A project file cannot be created, opened or written."""


class NotSQLiteError(ProjectError):
    pass


class NotAProjectError(ProjectError):
    pass


class NewerProjectError(ProjectError):
    pass


class DamagedProjectError(ProjectError):
    """The file is a project but fails an integrity check, or a side file would damage it."""


class ProjectWriteError(ProjectError, sqlite3.OperationalError):
    """A write could not be made; the message names the cause and the file, and nothing of the
    failed transaction was kept. ``cause`` is one of the ``CAUSE_*`` words below, for callers
    (the window) that word their own hint. Also an ``sqlite3.OperationalError``, so code that
    caught SQLite's own error still catches this one."""

    def __init__(self, message: str, cause: str = "other"):
        super().__init__(message)
        self.cause = cause


class ServerWriteError(ProjectError):
    """A team study's server did not take a write (connection lost, or its rules refused it);
    nothing of the failed transaction was kept. ``remedy`` says what to do."""

    def __init__(self, message: str, remedy: str):
        super().__init__(message)
        self.remedy = remedy


class ConnectionLostError(ServerWriteError):
    """The study's server could not be reached (the connection dropped, or connecting again
    failed). The edit was not stored — or its COMMIT was stored and only the acknowledgement
    was lost; the window keeps it as unsent and the operation id settles which
    (:mod:`annotator.actions.unsent`)."""


CAUSE_LOCKED = "locked"
CAUSE_READ_ONLY = "read-only"
CAUSE_DISK_FULL = "disk-full"
CAUSE_OTHER = "other"


class ProjectLockedError(ProjectWriteError):
    """Another process held the project's write lock for longer than the busy timeout."""

    def __init__(self, message: str):
        super().__init__(message, CAUSE_LOCKED)


class ReadOnlyProjectError(ProjectWriteError):
    """The file, its folder or its side files cannot be written (permissions, immutable flag,
    read-only disk)."""

    def __init__(self, message: str):
        super().__init__(message, CAUSE_READ_ONLY)


class DiskFullError(ProjectWriteError):
    def __init__(self, message: str):
        super().__init__(message, CAUSE_DISK_FULL)


class InvalidAnnotationError(ValueError):
    """An annotation whose offsets or passage text do not match its article."""
