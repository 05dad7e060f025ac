"""Reading article files: plain text, Markdown, saved web pages, Word, JSONL and CSV.

:func:`read_paths` is the one entry point: give it files and folders, and it yields, per
file, the :class:`~annotator.core.model.NewArticle` objects it holds and a
:class:`Failure` (path, plain reason) for every file or record that cannot be imported.
Nothing here touches a project; ``annotator.actions.import_files`` stores the results.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.importing.problems import (
    MAX_ARTICLE_FILE_BYTES,
    MAX_BATCH_FILE_BYTES,
    Failure,
    ImportProblem,
)
from annotator.core.importing.walk import SUFFIXES, walk
from annotator.core.model import NewArticle

__all__ = [
    "MAX_ARTICLE_FILE_BYTES",
    "MAX_BATCH_FILE_BYTES",
    "SUFFIXES",
    "Failure",
    "ImportProblem",
    "is_html",
    "read_file",
    "read_file_list",
    "read_paths",
    "walk",
]

HTML_SUFFIXES = (".html", ".htm")


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, Iterator[NewArticle | Failure]]]:
    """For each file under ``paths`` (folders searched recursively), ``(file, its results)``.

    The results stream: a batch file of any size is read one record at a time. Unsupported
    or missing paths come as ``(path, iter([Failure]))``.
    """
    for found in walk(paths):
        if isinstance(found, Failure):
            yield found.path, iter([found])
        else:
            yield found[0], read_file(found[0])


def read_file(path: Path) -> Iterator[NewArticle | Failure]:
    """The articles in one file, then a :class:`Failure` for anything that could not be read.

    Never raises for bad input: every problem becomes a Failure with a plain reason.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        yield Failure(path, f"unsupported file type {path.suffix.lower() or '(no extension)'}")
        return
    try:
        yield from reader(path)
    except ImportProblem as problem:
        yield Failure(path, str(problem))
    except PermissionError:
        yield Failure(path, "unreadable (permission denied)")
    except OSError as error:
        yield Failure(path, f"unreadable ({error.strerror or error})")
    except MemoryError:
        yield Failure(path, "too large to read in memory")


def read_file_list(path: Path) -> list[NewArticle | Failure]:
    """:func:`read_file` as a list: the picklable form a worker process returns."""
    return list(read_file(path))


def is_html(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


# Readers import their libraries lazily: trafilatura alone costs ~0.3 s at start-up.
def _plaintext(path: Path):
    from annotator.core.importing.plaintext import read_plaintext

    yield read_plaintext(path)


def _html(path: Path):
    from annotator.core.importing.html_page import read_html

    yield read_html(path)


def _docx(path: Path):
    from annotator.core.importing.docx_file import read_docx

    yield read_docx(path)


def _records(path: Path):
    from annotator.core.importing.records import read_records

    yield from read_records(path)


_READERS = {
    ".txt": _plaintext,
    ".md": _plaintext,
    ".html": _html,
    ".htm": _html,
    ".docx": _docx,
    ".jsonl": _records,
    ".csv": _records,
}
