"""Text made safe to print on a terminal.

Titles, names and file names come from colleagues' files and the web. Printed raw, an escape
sequence in a title can recolour, clear or retitle the terminal (a merge plan printed raw
escape sequences), and bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends) can make a
line read differently from what it holds. Right-to-left *letters* are untouched: only the
invisible controls go.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; the bidi embedding, override and
# isolate controls and the directional marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: object) -> str:
    """``text`` as a string without control or bidi control characters (tab and newline kept)."""
    return _UNSAFE.sub("", str(text))


def escape_bidi_in_json(text: str) -> str:
    """JSON text with bidi controls written as ``\\uXXXX`` escapes: the same data when parsed,
    harmless when the JSON itself is shown on a terminal (``json.dumps`` already escapes the
    other controls)."""
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class PlainWriter:
    """A text stream that passes everything written through :func:`plain`."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(plain(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)
