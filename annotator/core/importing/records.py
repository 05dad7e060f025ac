"""Batches of articles: ``.jsonl`` (one JSON object per line), ``.csv`` (one row each) and
``.json`` (one article, as news-please writes them, or a list of articles).

The text is required, under any of the names scrapers and APIs use (``text``, ``maintext``,
``story_text``, ``content``, ``body``...); known fields become metadata and every other field
is kept in ``extra``. Files are read one record at a time, so a batch of any size imports in flat memory.
A bad record is reported (with its line number) and the others still import.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.importing.bounded import MAX_RECORD_BYTES, bounded_lines, first_line
from annotator.core.importing.decode import SNIFF_BYTES, detect_encoding
from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, MAX_BATCH_FILE_BYTES, MB, Failure, ImportProblem
from annotator.core.importing.source import check_size
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text, unpaired_surrogate_in

# Field names (any case) that map to the article's metadata; first match wins.
KNOWN_FIELDS = {
    "title": ("title", "headline", "title_page", "title_rss"),
    "outlet": (
        "outlet", "source", "site", "sitename", "site_name", "publication", "publisher", "media_name",
        "media", "source_domain", "domain",
    ),
    "author": ("author", "byline", "authors", "creator", "creators"),
    "url": ("url", "link", "canonical_url", "article_url", "source_url"),
    "published": (
        "published", "date", "date_publish", "publish_date", "published_at", "published_date",
        "publication_date", "date_published", "pubdate", "pub_date", "publishdate", "datetime",
        "created_at",
    ),
    "language": ("language", "lang"),
}
# Where the article text is, in the order tried: our own name, news-please (maintext), Media
# Cloud (story_text), then the names other scrapers and APIs use.
TEXT_FIELDS = (
    "text", "maintext", "story_text", "full_text", "fulltext", "article_text", "body", "content",
    "article", "article_body", "articlebody", "body_text",
)
# A .json file holds one article (or a list of them), read whole: no bigger than this.
MAX_JSON_FILE_BYTES = MAX_ARTICLE_FILE_BYTES
# Reported one by one up to this many per file, then counted.
MAX_LISTED_PROBLEMS = 20


def read_records(path: Path) -> Iterator[NewArticle | Failure]:
    """The articles of a ``.jsonl`` or ``.csv`` file, and a :class:`Failure` per bad record.

    A problem with the file as a whole (empty, binary, no ``text`` column) is raised as
    :class:`ImportProblem` before any article is yielded.
    """
    suffix = path.suffix.lower()
    check_size(path, MAX_JSON_FILE_BYTES if suffix == ".json" else MAX_BATCH_FILE_BYTES)
    encoding = _encoding_of(path)
    parse = {".jsonl": _jsonl_records, ".json": _json_records}.get(suffix, _csv_records)
    problems = _Problems(path)
    seen_any = False
    for item in _decoded(parse(path, encoding), encoding):
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
    present = [by_key[name] for name in TEXT_FIELDS if name in by_key]
    if not present:
        raise ImportProblem('no "text" field')
    # The first alias that holds text: a record may carry an empty "text" beside its "maintext".
    text_key = next((k for k in present if isinstance(record[k], str) and record[k].strip()), present[0])
    text = record[text_key]
    if not isinstance(text, str):
        raise ImportProblem(f'"{text_key}" is not a string')
    text = normalise_text(text)
    surrogate = unpaired_surrogate_in(text) or _surrogate_anywhere(record)
    if surrogate:
        raise ImportProblem(f"holds an unpaired surrogate ({surrogate}), which is not valid Unicode text")
    if not text.strip():
        raise ImportProblem(f'empty "{text_key}"')
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


def _surrogate_anywhere(value) -> str:
    """The first unpaired surrogate in a record's keys or values, nested ones too ("" if none):
    any of them is stored as JSON text, which cannot hold one."""
    if isinstance(value, str):
        return unpaired_surrogate_in(value)
    if isinstance(value, dict):
        return next((f for k, v in value.items() if (f := _surrogate_anywhere(k) or _surrogate_anywhere(v))), "")
    if isinstance(value, list):
        return next((f for v in value if (f := _surrogate_anywhere(v))), "")
    return ""


def _decoded(items: Iterator[tuple], encoding: str) -> Iterator[tuple]:
    """``items`` (``(line, record or reason)``), with a text decoding error turned into a clear
    problem with the file: the one place that words it, for every reader.

    A file read as text in a detected encoding (UTF-16 by its byte-order mark, or UTF-8 judged
    from its first 64 KB) can still break off mid-character further on; the reader's own
    ``UnicodeDecodeError`` names no file, no place and no fix. The place is the last line read
    whole (the decoder reads ahead, so the break is after it, not necessarily on the next).
    """
    line = 0
    try:
        for item in items:
            line = item[0]
            yield item
    except UnicodeDecodeError as error:
        where = f"after line {line}" if line else "before the first record"
        raise ImportProblem(
            f"not readable as {encoding} text (a broken character {where}); "
            "save it again as UTF-8 and import it again"
        ) from error


def _jsonl_records(path: Path, encoding: str) -> Iterator[tuple]:
    """``(line, dict)`` per record, or ``(line, reason)`` for a line that is not one."""
    utf8 = encoding in ("utf-8", "utf-8-sig")
    # json.loads takes UTF-8 bytes directly, which saves decoding every line twice.
    handle = open(path, "rb") if utf8 else open(path, encoding=encoding, newline="")
    with handle:
        for number, line in enumerate(bounded_lines(handle, MAX_RECORD_BYTES), start=1):
            if line is None:
                yield number, f"line {number} is longer than the limit for one record ({MAX_RECORD_BYTES // MB} MB); skipped unread"
                continue
            if number == 1:  # a byte-order mark the decoder kept (UTF-16 read as -le/-be)
                line = line.removeprefix(b"\xef\xbb\xbf" if utf8 else "\ufeff")
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


def _json_records(path: Path, encoding: str) -> Iterator[tuple]:
    """A ``.json`` file: one object (an article), a list of objects, or JSON Lines misnamed."""
    with open(path, encoding=encoding) as handle:  # a broken character: see _decoded
        content = handle.read().removeprefix("\ufeff")  # a BOM the -le/-be decoder kept
    try:
        document = json.loads(content)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects, one a line: JSON Lines
            yield from _jsonl_records(path, encoding)
            return
        raise ImportProblem(f"not valid JSON ({error.msg}, line {error.lineno} column {error.colno})") from error
    items = document if isinstance(document, list) else [document]
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield number, item
        else:
            yield number, f"item {number} is not a JSON object"


def _csv_records(path: Path, encoding: str) -> Iterator[tuple]:
    # A field may hold a long article but not more than one record's worth: a 100 MB field is
    # reported as its record and the rows after it are still imported.
    csv.field_size_limit(MAX_RECORD_BYTES)
    with open(path, encoding=encoding, newline="", errors="strict") as handle:  # broken text: _decoded
        header_line = first_line(handle)
        if header_line is None:
            raise ImportProblem(f"the header row is longer than {MAX_RECORD_BYTES // MB} MB")
        if not header_line.strip():
            raise ImportProblem("empty file (no header row)")
        handle.seek(0)
        too_long: set[int] = set()
        reader = csv.reader(_marking_long_lines(handle, too_long), delimiter=_delimiter(header_line))
        try:
            header = [h.strip() for h in next(reader)]
            if header and header[0].startswith("\ufeff"):
                header[0] = header[0][1:]
            if not {h.lower() for h in header} & set(TEXT_FIELDS):
                raise ImportProblem(f'no "text" column (columns: {", ".join(header) or "none"})')
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    if "field limit" not in str(error):
                        raise
                    yield reader.line_num, (
                        f"line {reader.line_num} has a field longer than the limit for one record "
                        f"({MAX_RECORD_BYTES // MB} MB); skipped"
                    )
                    continue
                if reader.line_num in too_long:
                    yield reader.line_num, (
                        f"line {reader.line_num} is longer than the limit for one record "
                        f"({MAX_RECORD_BYTES // MB} MB); skipped unread"
                    )
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    yield reader.line_num, f"line {reader.line_num} has {len(row)} cells, the header {len(header)}"
                    continue
                yield reader.line_num, dict(zip(header, row))
        except csv.Error as error:
            raise ImportProblem(f"not valid CSV on line {reader.line_num} ({error})") from error


def _marking_long_lines(handle, too_long: set[int]) -> Iterator[str]:
    """The lines for ``csv.reader``; a line over the record limit becomes an empty line (the
    reader sees an empty row there) and its number goes into ``too_long``."""
    for number, line in enumerate(bounded_lines(handle), start=1):
        if line is None:
            too_long.add(number)
            yield "\n"
        else:
            yield line


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
        if not reason.startswith(("line ", "not valid JSON", "item ")):
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
