"""Find phrases (word sequences) in an article's tokens: the lexicon's terms and the passages
the project's coders already tagged. One dictionary lookup per token and phrase length, so
thousands of phrases cost what a handful do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from annotator.core.suggestions.text_units import Token, tokens

T = TypeVar("T")
MAX_PHRASE_TOKENS = 16


def phrase_key(text: str) -> tuple[str, ...]:
    """How a phrase is matched: its words and marks, lower-cased, any white space between."""
    return tuple(t.text.lower().replace("\u2019", "'") for t in tokens(text))


class PhraseMatcher(Generic[T]):
    """Phrases to look for, each with a payload; a phrase ending in ``*`` matches any last
    word starting so ("horrif*")."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], T] = {}
        self._prefix: dict[tuple[str, ...], list[tuple[str, T]]] = {}
        # First word -> the lengths of the phrases starting with it, longest first ("" for a
        # one-word prefix phrase, which may start anywhere): a common first word ("the", "in")
        # is then tried at its own lengths only.
        self._lengths: dict[str, list[int]] = {}

    def add(self, phrase: str, payload: T) -> bool:
        """Add a phrase; False (and nothing added) when it has no words or is too long."""
        prefix = phrase.rstrip().endswith("*")
        key = phrase_key(phrase.rstrip().rstrip("*"))
        if not key or len(key) > MAX_PHRASE_TOKENS or not any(w[0].isalnum() for w in key):
            return False
        if prefix:
            self._prefix.setdefault(key[:-1], []).append((key[-1], payload))
        else:
            self._exact.setdefault(key, payload)
        first = key[0] if not prefix or len(key) > 1 else ""
        lengths = self._lengths.setdefault(first, [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)
        return True

    def __len__(self) -> int:
        return len(self._exact) + sum(len(v) for v in self._prefix.values())

    def find(self, toks: list[Token], lowers: list[str] | None = None) -> Iterator[tuple[int, int, T]]:
        """``(first token, last token + 1, payload)`` of every match, longest first at each
        token; matches may overlap. ``lowers`` are the tokens as :func:`phrase_key` spells
        them, when the caller has them already."""
        words = lowers if lowers is not None else [t.text.lower().replace("\u2019", "'") for t in toks]
        by_first = self._lengths
        anywhere = by_first.get("")
        n = len(words)
        for i in range(n):
            lengths = by_first.get(words[i])
            if anywhere is not None:
                lengths = sorted({*(lengths or ()), *anywhere}, reverse=True)
            elif lengths is None:
                continue
            for length in lengths:
                j = i + length
                if j > n:
                    continue
                key = tuple(words[i:j])
                payload = self._exact.get(key)
                if payload is not None:
                    yield i, j, payload
                    continue
                if self._prefix:
                    for stem, p in self._prefix.get(key[:-1], ()):
                        if key[-1].startswith(stem):
                            yield i, j, p
                            break
