"""Why a file (or one record of it) could not be imported, in words a researcher reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
# Single-article files (.txt, .md, .docx, .rtf, .pdf) are read whole; a news article is far
# below this, so anything larger is a mistake (a video, a database dump) and is refused unread.
# Reading one costs up to ~14 times its size (a UTF-8 text with emoji decodes to 4 bytes a
# character, normalised once more): 32 MB keeps any single input under 500 MB (measured).
MAX_ARTICLE_FILE_BYTES = 32 * MB
# A saved web page is parsed into a DOM by trafilatura, ~60 times its size (16 MB took 951 MB):
# real pages are well under 3 MB.
MAX_PAGE_FILE_BYTES = 6 * MB
# JSONL and CSV batches are read one record at a time, so they may be much larger.
MAX_BATCH_FILE_BYTES = 2048 * MB


class ImportProblem(Exception):
    """Raised by a reader with a plain, one-line reason (no path: the caller adds it)."""


@dataclass(frozen=True)
class Failure:
    """A file, or a record inside one, that was not imported, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class FileNote:
    """What a reader says about a whole file for the import summary: which database export it
    was and how many stories it held (``kind`` "" for a plain article file), and the text
    encoding when it was not UTF-8 — so a wrong guess is visible."""

    path: Path
    kind: str = ""  # "Factiva export"
    stories: int = 0
    encoding: str = ""
