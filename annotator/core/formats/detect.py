"""Which exchange-format reader (if any) understands a path given to ``annotator import``.

Returns a function ``path -> Bundle`` for files that carry annotations (our JSONL export, a brat
folder, a REFI-QDA ``.qdpx``, doccano JSONL, a Label Studio JSON export), or None for plain article files, which the article importers take.
The readers are imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.bundle import Bundle

MARKER_OPENING = b'"annotator_export"'
_JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json", ".jsonlines"}


def exchange_reader(
    path: Path, text_of: Callable[[str], str | None] | None = None
) -> Callable[[Path], Bundle] | None:
    """The reader for ``path`` if it is an annotated exchange file or folder, else None.

    ``text_of`` (article id -> text, e.g. a project's ``articles.text``) lets W3C Web Annotation
    files be read: they name their articles but do not carry the texts.
    """
    path = Path(path)
    if path.is_dir():
        if (path / "annotation.conf").is_file() or next(path.glob("*.ann"), None) is not None:
            return _read_brat
        return None
    suffix = path.suffix.lower()
    if suffix == ".qdpx":
        return _read_qdpx
    if suffix in _JSONL_SUFFIXES and path.is_file() and _first_line_is_export(path):
        return _read_jsonl
    if suffix in _JSONL_SUFFIXES and path.is_file():
        from annotator.core.formats.doccano import looks_like_doccano
        from annotator.core.formats.label_studio import looks_like_label_studio

        if looks_like_label_studio(path):
            return _read_label_studio
        if looks_like_doccano(path):
            return _read_doccano
    if text_of is not None and suffix in _WEBANNO_SUFFIXES and path.is_file() and _is_web_annotation(path):
        from annotator.core.formats.webanno_reader import read_webanno

        return lambda p: read_webanno(p, text_of)
    return None


_WEBANNO_SUFFIXES = {".json", ".jsonld"}
_WEBANNO_CONTEXT = "www.w3.org/ns/anno.jsonld"


def _is_web_annotation(path: Path) -> bool:
    """Whether the file's opening names the Web Annotation JSON-LD context."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return _WEBANNO_CONTEXT in handle.read(4096)
    except (OSError, UnicodeDecodeError):
        return False


def _first_line_is_export(path: Path) -> bool:
    from annotator.core.formats.jsonl import is_export_line

    from annotator.core.importing.bounded import first_line

    try:
        with open(path, "rb") as handle:
            # Our export writes its marker first; a first line over the record limit is no
            # export line and is never read whole (a 3 GB single line once took 6.2 GB here).
            if MARKER_OPENING not in handle.read(65536):
                return False
            handle.seek(0)
            first = first_line(handle)
    except OSError:
        return False  # the article importers report unreadable files
    if first is None:
        return False
    try:
        return is_export_line(first.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return False


def _read_jsonl(path: Path) -> Bundle:
    from annotator.core.formats.jsonl import read_jsonl

    return read_jsonl(path)


def _read_doccano(path: Path) -> Bundle:
    from annotator.core.formats.doccano import read_doccano

    return read_doccano(path)


def _read_label_studio(path: Path) -> Bundle:
    from annotator.core.formats.label_studio import read_label_studio

    return read_label_studio(path)


def _read_brat(path: Path) -> Bundle:
    from annotator.core.formats.brat import read_brat

    return read_brat(path)


def _read_qdpx(path: Path) -> Bundle:
    from annotator.core.formats.qdpx import read_qdpx

    return read_qdpx(path)
