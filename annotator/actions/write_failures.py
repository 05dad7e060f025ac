"""A write the project file refused, told as the cause and what to do about it.

The window shows this sentence in its message bar; the command line prints it. Storage raises
``sqlite3`` errors (or a :class:`~annotator.storage.errors.ProjectError` naming the cause);
an edit that raised one was rolled back whole, so the sentence can say plainly that it was
not saved.
"""

from __future__ import annotations

import errno
import sqlite3

from annotator.storage.errors import ProjectError, ServerWriteError

_CAUSES = (
    # (words in SQLite's message, the cause, what to do)
    (("readonly", "read-only"), "the project file cannot be written (it or its folder is read-only)",
     "save a copy somewhere you can write (or fix the file's permissions) and open that"),
    (("locked", "busy"), "another program is holding the project file locked",
     "close the other annotator window or program using it, then try again"),
    (("disk is full", "database or disk is full", "no space"), "the disk is full",
     "free some space on the disk, then try again"),
    (("disk i/o", "i/o error"), "the disk reported an error while writing",
     "check the disk or network share, then reopen the project"),
)

WRITE_ERRORS = (sqlite3.OperationalError, sqlite3.DatabaseError, OSError, ProjectError)


def is_write_failure(error: BaseException) -> bool:
    """True for errors that mean the file refused a write (not bad input from the user)."""
    return isinstance(error, WRITE_ERRORS)


def cause_of(error: BaseException) -> tuple[str, str]:
    """``(cause, what to do)`` for a refused write."""
    if isinstance(error, ServerWriteError):
        return str(error), error.remedy
    if isinstance(error, ProjectError):
        return str(error), "check the project file, then try again"
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return _CAUSES[2][1], _CAUSES[2][2]
    message = str(error).lower()
    for words, cause, remedy in _CAUSES:
        if any(w in message for w in words):
            return cause, remedy
    return f"the project file refused the write ({error})", "try again; if it keeps failing, reopen the project"


def describe(error: BaseException, what: str = "Your last edit") -> str:
    """One sentence: what was not saved, why, and what to do, e.g.
    "Your last edit was not saved: the disk is full. Free some space on the disk, then try again."
    """
    cause, remedy = cause_of(error)
    return f"{what} was not saved: {cause}. {remedy[0].upper()}{remedy[1:]}."
