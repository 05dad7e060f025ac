"""The sensational-language lexicon: weighted terms in ``resources/lexicons``, per language,
plus the terms a project adds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import annotator


@dataclass(frozen=True)
class LexiconEntry:
    """A loaded word or expression: ``weight`` 0-1 is how charged it usually is."""

    term: str
    weight: float
    category: str = ""
    origin: str = "lexicon"  # "lexicon", "project term (by NAME)", "tagged by NAME"


class LexiconError(ValueError):
    """A lexicon file line that cannot be read."""


def lexicon_dir() -> Path:
    """``resources/lexicons`` beside the package in a checkout, inside it when installed."""
    checkout = Path(annotator.__file__).resolve().parents[1] / "resources" / "lexicons"
    if checkout.is_dir():
        return checkout
    return Path(annotator.__file__).resolve().parent / "lexicons"


def parse_lexicon(text: str, origin: str = "lexicon") -> list[LexiconEntry]:
    """Entries of a lexicon file: ``term<TAB>weight<TAB>category``; ``#`` starts a comment."""
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        try:
            weight = float(parts[1]) if len(parts) > 1 and parts[1].strip() else 0.6
        except ValueError as error:
            raise LexiconError(f"line {number}: weight {parts[1]!r} is not a number") from error
        if not 0 <= weight <= 1:
            raise LexiconError(f"line {number}: weight {weight} is not between 0 and 1")
        entries.append(LexiconEntry(parts[0].strip(), weight, parts[2].strip() if len(parts) > 2 else "", origin))
    return entries


@lru_cache(maxsize=8)
def shipped_lexicon(language: str = "en") -> tuple[LexiconEntry, ...]:
    """The lexicon shipped for ``language`` (English when there is none for it)."""
    path = lexicon_dir() / f"sensational_{language}.tsv"
    if not path.exists():
        path = lexicon_dir() / "sensational_en.tsv"
    return tuple(parse_lexicon(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def intensifiers(language: str = "en") -> frozenset[str]:
    """Words that strengthen the loaded word after them ("utterly")."""
    path = lexicon_dir() / f"intensifiers_{language}.txt"
    if not path.exists():
        path = lexicon_dir() / "intensifiers_en.txt"
    return frozenset(
        line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
