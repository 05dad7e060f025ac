"""Rich Text Format (``.rtf``): a single article, or a Nexis Uni / Factiva export.

striprtf turns RTF into plain text: a small, maintained library made for exactly this (one
pure-Python function, no binaries to ship), which handles the code-page escapes (``\\'e9``)
and Unicode escapes (``\\u8220?``) news exports use. Before it runs, a quick scan refuses
"RTF bombs": groups nested thousands deep, which cost a parser its stack and memory.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, ImportProblem
from annotator.core.importing.source import read_limited
from annotator.core.text import normalise_text

# Word and Nexis Uni nest groups a few dozen deep; thousands mean a crafted file.
MAX_GROUP_DEPTH = 400
_BRACES = re.compile(rb"\\\\.|[{}]")  # an escaped character, or a brace
_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def rtf_text(path: Path) -> str:
    """The plain text of an RTF file (paragraphs on their own lines), or raise ImportProblem."""
    data = read_limited(path, MAX_ARTICLE_FILE_BYTES)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ImportProblem("not an RTF file (it does not start with {\\rtf)")
    check_nesting(data)
    match = _CODEPAGE.search(data[:4096])
    encoding = f"cp{match.group(1).decode()}" if match else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except Exception as error:  # striprtf raises assorted errors on damaged files
        raise ImportProblem(f"not a readable RTF file ({type(error).__name__})") from error
    return normalise_text(text)


def check_nesting(data: bytes) -> None:
    """Raise ImportProblem when braces nest deeper than :data:`MAX_GROUP_DEPTH` or do not close."""
    depth = 0
    for match in _BRACES.finditer(data):
        token = match.group()
        if token == b"{":
            depth += 1
            if depth > MAX_GROUP_DEPTH:
                raise ImportProblem(f"RTF groups nested more than {MAX_GROUP_DEPTH} deep (a damaged or hostile file); not read")
        elif token == b"}":
            depth -= 1
    if depth > 0:
        raise ImportProblem("the RTF file is cut off (its groups do not close)")
