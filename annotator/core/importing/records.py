"""Batches of articles: ``.jsonl`` (one JSON object per line) and ``.csv`` (one row each).

A ``text`` field is required; known fields become metadata and every other field is kept in
``extra``. Files are read one record at a time, so a batch of any size imports in flat memory.
A bad record is reported (with its line number) and the others still import.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.importing.decode import SNIFF_BYTES, detect_encoding
from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, MAX_BATCH_FILE_BYTES, Failure, ImportProblem
from annotator.core.importing.source import check_size
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text

# Field names (any case) that map to the article's metadata; first match wins.
KNOWN_FIELDS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename", "publication", "publisher"),
    "author": ("author", "byline", "authors"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
    "language": ("language", "lang"),
}
# Reported one by one up to this many per file, then counted.
MAX_LISTED_PROBLEMS = 20


def read_records(path: Path) -> Iterator[NewArticle | Failure]:
    """The articles of a ``.jsonl`` or ``.csv`` file, and a :class:`Failure` per bad record.

    A problem with the file as a whole (empty, binary, no ``text`` column) is raised as
    :class:`ImportProblem` before any article is yielded.
    """
    check_size(path, MAX_BATCH_FILE_BYTES)
    encoding = _encoding_of(path)
    parse = _jsonl_records if path.suffix.lower() == ".jsonl" else _csv_records
    problems = _Problems(path)
    seen_any = False
    for item in parse(path, encoding):
        seen_any = True
        line, record = item
        if isinstance(record, str):  # the reason this line is not a record
            problems.add(line, record)
            continue
        try:
            yield article_from_record(record, path.name)
            problems.articles += 1
        except ImportProblem as problem:
            problems.add(line, str(problem))
    if not seen_any:
        raise ImportProblem("empty file (no records)")
    yield from problems.summary()


def article_from_record(record: dict[str, Any], source_file: str = "") -> NewArticle:
    """One record as an article: ``text`` required, known fields mapped, the rest in ``extra``."""
    by_key = {}
    for key in record:
        by_key.setdefault(str(key).strip().lower(), key)
    text_key = by_key.get("text")
    if text_key is None:
        raise ImportProblem('no "text" field')
    text = record[text_key]
    if not isinstance(text, str):
        raise ImportProblem('"text" is not a string')
    text = normalise_text(text)
    if not text.strip():
        raise ImportProblem('empty "text"')
    if len(text) > MAX_ARTICLE_FILE_BYTES:
        raise ImportProblem("text larger than the limit for one article")
    used = {text_key}
    metadata: dict[str, str] = {}
    for name, aliases in KNOWN_FIELDS.items():
        for alias in aliases:
            key = by_key.get(alias)
            if key is not None and key not in used and _present(record[key]):
                metadata[name] = _as_text(record[key])
                used.add(key)
                break
    extra = {str(k): v for k, v in record.items() if k not in used and _present(v)}
    return NewArticle(text=text, source_file=source_file, extra=extra, **metadata)


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value)
    value = str(value)
    # Most metadata is plain ASCII, which normalisation would return unchanged.
    if value.isascii() and "\r" not in value:
        return value.strip()
    return normalise_text(value).strip()


def _encoding_of(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            sample = handle.read(SNIFF_BYTES)
    except PermissionError as error:
        raise ImportProblem("unreadable (permission denied)") from error
    except OSError as error:
        raise ImportProblem(f"unreadable ({error.strerror or error})") from error
    return detect_encoding(sample)


def _jsonl_records(path: Path, encoding: str) -> Iterator[tuple]:
    """``(line, dict)`` per record, or ``(line, reason)`` for a line that is not one."""
    utf8 = encoding in ("utf-8", "utf-8-sig")
    # json.loads takes UTF-8 bytes directly, which saves decoding every line twice.
    handle = open(path, "rb") if utf8 else open(path, encoding=encoding, newline="")
    with handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and utf8 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except UnicodeDecodeError:
                yield number, f"line {number} is not UTF-8 text"
                continue
            except json.JSONDecodeError as error:
                what = error.msg.removesuffix(" at").removesuffix(" starting")
                yield number, f"not valid JSON on line {number} ({what}, column {error.colno})"
                continue
            if not isinstance(record, dict):
                yield number, f"line {number} is not a JSON object"
                continue
            yield number, record


def _csv_records(path: Path, encoding: str) -> Iterator[tuple]:
    csv.field_size_limit(MAX_ARTICLE_FILE_BYTES)  # the default (128 KB) is below a long article
    with open(path, encoding=encoding, newline="", errors="strict") as handle:
        try:
            header_line = handle.readline()
        except UnicodeDecodeError as error:
            raise ImportProblem(f"not valid {encoding} text") from error
        if not header_line.strip():
            raise ImportProblem("empty file (no header row)")
        handle.seek(0)
        reader = csv.reader(handle, delimiter=_delimiter(header_line))
        try:
            header = [h.strip() for h in next(reader)]
            if header and header[0].startswith("\ufeff"):
                header[0] = header[0][1:]
            if "text" not in {h.lower() for h in header}:
                raise ImportProblem(f'no "text" column (columns: {", ".join(header) or "none"})')
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    yield reader.line_num, f"line {reader.line_num} has {len(row)} cells, the header {len(header)}"
                    continue
                yield reader.line_num, dict(zip(header, row))
        except csv.Error as error:
            raise ImportProblem(f"not valid CSV on line {reader.line_num} ({error})") from error
        except UnicodeDecodeError as error:
            raise ImportProblem(f"not valid {encoding} text after line {reader.line_num}") from error


def _delimiter(header_line: str) -> str:
    # Spreadsheets in many European locales save CSV with semicolons; some tools use tabs.
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class _Problems:
    """The record-level failures of one file: listed up to a limit, then counted."""

    def __init__(self, path: Path):
        self.path = path
        self.listed: list[Failure] = []
        self.unlisted = 0
        self.missing_text = 0
        self.articles = 0

    def add(self, line: int, reason: str) -> None:
        if reason == 'no "text" field':
            self.missing_text += 1
        if not reason.startswith(("line ", "not valid JSON")):
            reason = f"line {line}: {reason}"
        if len(self.listed) < MAX_LISTED_PROBLEMS:
            self.listed.append(Failure(self.path, reason))
        else:
            self.unlisted += 1

    def summary(self) -> Iterator[Failure]:
        total = len(self.listed) + self.unlisted
        if self.articles == 0 and total and self.missing_text == total:
            yield Failure(self.path, 'no "text" field in any record')
            return
        yield from self.listed
        if self.unlisted:
            yield Failure(self.path, f"and {self.unlisted} more records with problems")
