"""Which exchange-format reader (if any) understands a path given to ``annotator import``.

Returns a function ``path -> Bundle`` for files that carry annotations (our JSONL export, a brat
folder, a REFI-QDA ``.qdpx``), or None for plain article files, which the article importers take.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.bundle import Bundle


def exchange_reader(path: Path) -> Callable[[Path], Bundle] | None:
    """The reader for ``path`` if it is an annotated exchange file or folder, else None."""
    return None
