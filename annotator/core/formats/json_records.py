"""The JSON objects of a file, whichever way a tool wrote them: one per line (JSONL), one after
another pretty-printed (doccano's relation export), or a JSON array (Label Studio).

Shared by the doccano and Label Studio readers and the detector, which looks at the first one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from annotator.core.formats.safe_archive import read_file_limited

_DECODER = json.JSONDecoder()


def json_records(path: Path) -> Iterator[tuple[str, object]]:
    """``(where, value)`` for each top-level JSON value (each item of a top-level array);
    ``value`` is a :class:`ValueError` for a part that is not JSON, after which reading stops
    (a JSON error leaves no safe place to resume) unless the file is line-delimited."""
    path = Path(path)
    text = read_file_limited(path).decode("utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except ValueError as error:
            yield f"{path.name}", ValueError(f"not valid JSON ({error})")
            return
        for number, item in enumerate(items, 1):
            yield f"{path.name} item {number}", item
        return
    lines = text.split("\n")
    if all(_is_json(line) for line in lines[:2] if line.strip()):
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield f"{path.name} line {number}", json.loads(line)
                except ValueError as error:
                    yield f"{path.name} line {number}", ValueError(f"not valid JSON ({error})")
        return
    yield from _concatenated(text, path.name)


def first_record(path: Path, limit: int = 1 << 20) -> object | None:
    """The first JSON value of the file (the first item of an array), or None; reads at most
    ``limit`` characters, enough for one record of any tool's export."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            head = handle.read(limit)
    except (OSError, UnicodeDecodeError):
        return None
    head = head.lstrip()
    if head.startswith("["):
        head = head[1:].lstrip()
    try:
        value, _ = _DECODER.raw_decode(head)
    except ValueError:
        return None
    return value


def _concatenated(text: str, name: str) -> Iterator[tuple[str, object]]:
    position, number = 0, 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        number += 1
        line = text.count("\n", 0, position) + 1
        try:
            value, position = _DECODER.raw_decode(text, position)
        except ValueError as error:
            yield f"{name} line {line}", ValueError(f"not valid JSON ({error})")
            return
        yield f"{name} line {line}", value


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True
