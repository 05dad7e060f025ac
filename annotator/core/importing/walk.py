"""Which files a list of paths names: files as given, folders recursively, hidden ones skipped."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annotator.core.importing.problems import Failure
from annotator.core.importing.source import is_hidden

# The article formats, by suffix (lower case). Anything else is "unsupported".
SUFFIXES = (
    ".txt", ".md", ".html", ".htm", ".docx", ".rtf", ".pdf", ".eml", ".xml", ".jsonl", ".csv", ".json",
)


def walk(
    paths: Iterable[str | os.PathLike],
    claim: Callable[[Path], object | None] | None = None,
) -> Iterator[tuple[Path, object | None] | Failure]:
    """Yield ``(file, claimed)`` for every file to import, or a :class:`Failure`.

    Folders are searched recursively in name order; hidden files and folders are skipped
    unless named directly. ``claim(path)`` is asked first about every file and folder; when it
    returns something (an exchange-format reader), the path is yielded with it, whole, and a
    claimed folder is not searched further.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Failure(path, "no such file or folder")
            continue
        yield from _visit(path, claim, seen)


def _visit(path: Path, claim, seen: set[Path]) -> Iterator[tuple[Path, object | None] | Failure]:
    key = path.resolve()
    if key in seen:  # the same file named twice, or a symlink loop
        return
    seen.add(key)
    claimed = claim(path) if claim is not None else None
    if claimed is not None:
        yield path, claimed
        return
    if path.is_dir():
        try:
            children = sorted(path.iterdir(), key=lambda p: p.name.casefold())
        except PermissionError:
            yield Failure(path, "unreadable folder (permission denied)")
            return
        for child in children:
            if not is_hidden(child):
                yield from _visit(child, claim, seen)
        return
    if not path.is_file():
        yield Failure(path, "not a regular file")
        return
    if path.suffix.lower() not in SUFFIXES:
        kind = path.suffix.lower() or "(no extension)"
        yield Failure(path, f"unsupported file type {kind} (accepted: {' '.join(SUFFIXES)})")
        return
    yield path, None
