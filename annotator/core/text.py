"""Text normalisation, content ids and passage context.

Every offset in annotator is a Unicode code point index, 0-based, end exclusive: Python
``str`` slicing, as in REFI-QDA, brat and W3C Web Annotation.
"""

from __future__ import annotations

import hashlib
import re
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


# Removed from imported article text and metadata (the rule the README states): the C0
# controls except tab and line feed (NUL, bell, escape, form feed...), DEL and the C1 controls.
# They are invisible, break exports (NUL ends C strings, ESC recolours terminals) and no news
# text needs them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def remove_controls(text: str) -> str:
    """``text`` without control characters other than tab and line feed (see ``_CONTROLS``)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`remove_controls` would remove."""
    return _CONTROLS.search(text) is not None


def unpaired_surrogate_in(text: str) -> str:
    """The first unpaired surrogate in ``text`` written as ``\\udXXX`` ("" if none). Python lets
    JSON's ``"\\ud800"`` through; SQLite cannot store it (the text is not valid Unicode)."""
    match = _SURROGATE.search(text)
    return f"\\u{ord(match.group()):04x}" if match else ""


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
