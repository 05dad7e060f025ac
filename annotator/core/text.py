"""Text normalisation, content ids and passage context.

Every offset in annotator is a Unicode code point index, 0-based, end exclusive: Python
``str`` slicing, as in REFI-QDA, brat and W3C Web Annotation.
"""

from __future__ import annotations

import hashlib
import unicodedata

CONTEXT_CHARS = 30


def normalise_text(text: str) -> str:
    """Return ``text`` with LF line endings and in Unicode NFC.

    This is applied once, on import; the stored text is never changed afterwards because
    annotations anchor to it.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def content_id(normalised_text: str) -> str:
    """The article's stable id: SHA-256 (hex) of its normalised text.

    The same article gets the same id in every project, which is how a colleague's
    annotations are matched to ours (never by file name or title).
    """
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The ``width`` characters before ``start`` and after ``end``."""
    return text[max(0, start - width) : start], text[end : end + width]


def check_span(text: str, start: int, end: int) -> None:
    """Raise ``ValueError`` unless ``0 <= start < end <= len(text)``."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError(f"offsets must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} lies outside the text (length {len(text)})")
