"""Reading untrusted input in bounded memory: lines of at most a given length.

``for line in handle`` reads a whole line however long it is: a 1 GB single-line JSONL file
took 4.1 GB of memory before anything could refuse it. :func:`bounded_lines` reads at most
``limit`` characters (bytes in binary mode) of a line; the rest of a longer line is skipped
in small pieces, unread, and the line is given as None for the caller to report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, AnyStr

from annotator.core.importing.problems import MB

# One record (a JSONL line, a CSV row, the first line the format detector looks at): far above
# any news article (the longest in our corpora is ~0.3 MB), far below what hurts a laptop
# (parsing a record costs several times its size).
MAX_RECORD_BYTES = 16 * MB
_SKIP_CHUNK = 1 * MB


def bounded_lines(handle: IO[AnyStr], limit: int = MAX_RECORD_BYTES) -> Iterator[AnyStr | None]:
    """The lines of ``handle`` (line endings kept); None in place of each line longer than
    ``limit``, which is skipped without being held in memory."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line[-1:] in ("\n", "\r", b"\n", b"\r"):
            yield line
            continue
        while True:  # the rest of the long line, a piece at a time
            rest = handle.readline(_SKIP_CHUNK)
            if not rest or rest[-1:] in ("\n", "\r", b"\n", b"\r"):
                break
        yield None


def first_line(handle: IO[AnyStr], limit: int = MAX_RECORD_BYTES) -> AnyStr | None:
    """The first line of ``handle`` if it is at most ``limit`` long, else None (unread)."""
    return next(bounded_lines(handle, limit), None)
