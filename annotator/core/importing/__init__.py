"""Reading article files: plain text, Markdown, saved web pages, Word, RTF, PDF, e-mail, JSONL,
CSV and JSON, and the news-database exports among them (one article per story).

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
    FileNote,
    ImportProblem,
)
from annotator.core.importing.walk import SUFFIXES, walk
from annotator.core.model import NewArticle

__all__ = [
    "MAX_ARTICLE_FILE_BYTES",
    "MAX_BATCH_FILE_BYTES",
    "SUFFIXES",
    "Failure",
    "FileNote",
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


def read_file(path: Path, *, drop_boilerplate: bool = False) -> Iterator[NewArticle | Failure | FileNote]:
    """The articles in one file, then a :class:`Failure` for anything that could not be read,
    and a :class:`FileNote` when there is something to say about the file as a whole.

    The reader is chosen by the file's content (:mod:`sniff`), not its name. Never raises for
    bad input: every problem becomes a Failure with a plain reason. Each article records the
    file's full path. ``drop_boilerplate`` leaves the page furniture of scraped text dumps out
    (see :mod:`annotator.core.importing.boilerplate`).
    """
    path = Path(path)
    from annotator.core.importing.sniff import kind_of

    kind = kind_of(path)
    reader = _READERS[kind]
    source = str(path.absolute())
    try:
        items = _text(path, drop_boilerplate=True) if drop_boilerplate and kind == "text" else reader(path)
        for item in items:
            if isinstance(item, NewArticle):
                item.source_file = source
            yield item
    except ImportProblem as problem:
        yield Failure(path, str(problem))
    except PermissionError:
        yield Failure(path, "unreadable (permission denied)")
    except OSError as error:
        yield Failure(path, f"unreadable ({error.strerror or error})")
    except MemoryError:
        yield Failure(path, "too large to read in memory")
    except RecursionError:
        yield Failure(path, "nested too deeply to read (a damaged or hostile file)")


def read_file_list(path: Path) -> list[NewArticle | Failure | FileNote]:
    """:func:`read_file` as a list: the picklable form a worker process returns."""
    return list(read_file(path))


def is_html(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


# Readers import their libraries lazily: trafilatura alone costs ~0.3 s at start-up.
def _text(path: Path, drop_boilerplate: bool = False):
    from annotator.core.importing.plaintext import read_text_file

    yield from read_text_file(path, drop_boilerplate=drop_boilerplate)


def _html(path: Path):
    from annotator.core.importing.html_page import read_html_file

    yield from read_html_file(path)


def _docx(path: Path):
    from annotator.core.importing.docx_file import read_docx_file

    yield from read_docx_file(path)


def _rtf(path: Path):
    from annotator.core.importing.documents import read_rtf_file

    yield from read_rtf_file(path)


def _pdf(path: Path):
    from annotator.core.importing.documents import read_pdf_file

    yield from read_pdf_file(path)


def _eml(path: Path):
    from annotator.core.importing.documents import read_email_file

    yield from read_email_file(path)


def _xml(path: Path):
    from annotator.core.importing.documents import read_xml_file

    yield from read_xml_file(path)


def _records(path: Path):
    from annotator.core.importing.records import read_records

    yield from read_records(path)


_READERS = {
    "text": _text,
    "html": _html,
    "docx": _docx,
    "rtf": _rtf,
    "pdf": _pdf,
    "eml": _eml,
    "xml": _xml,
    "records": _records,
}
