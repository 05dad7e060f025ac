"""What kind of file this is, from its first bytes rather than its name.

News databases name their downloads loosely (a Factiva page saved as ``.htm``, a ProQuest
e-mail saved as ``.txt``, Nexis Uni's ``.DOCX``); the content decides which reader runs.
"""

from __future__ import annotations

import re
from pathlib import Path

HEAD_BYTES = 4096
RECORD_SUFFIXES = (".jsonl", ".csv", ".json")
_MIME_HEADER = re.compile(rb"^(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}", re.MULTILINE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|table|meta|title|span|br)\b", re.IGNORECASE)


def kind_of(path: Path) -> str:
    """``pdf``, ``rtf``, ``docx``, ``eml``, ``xml``, ``html``, ``records`` or ``text``."""
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return "records"
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return _by_suffix(suffix)  # the reader reports why the file cannot be read
    return kind_of_bytes(head, suffix)


def kind_of_bytes(head: bytes, suffix: str = "") -> str:
    """The kind of a file that starts with ``head``."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"%PDF-"):
        return "pdf"
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    lowered = stripped[:2048].lower()
    if _MIME_HEADER.match(stripped) and (b"\nmime-version:" in lowered or lowered.startswith(b"mime-version:")
                                         or b"content-type: multipart" in lowered or suffix in (".eml", ".mht", ".mhtml")):
        return "eml"
    if stripped.startswith(b"<?xml") and not _HTML.search(stripped[:2048]):
        return "xml"
    if _HTML.search(stripped[:2048]) or suffix in (".html", ".htm"):
        return "html"
    return _by_suffix(suffix)


def _by_suffix(suffix: str) -> str:
    return {
        ".html": "html", ".htm": "html", ".docx": "docx", ".rtf": "rtf", ".pdf": "pdf",
        ".eml": "eml", ".xml": "xml",
    }.get(suffix, "text")
