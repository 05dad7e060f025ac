"""Finding every occurrence of a word, phrase or regular expression to tag at once (autocode).

Offsets are code points, end exclusive (Python ``str`` indices), the same as every annotation;
a match's passage is exactly ``text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class AutocodeError(ValueError):
    """A search that cannot run (an empty phrase, a broken regular expression)."""


@dataclass(frozen=True)
class Search:
    """What to look for. A ``phrase`` matches its words in order with any white space between
    them (a phrase broken across lines still matches); a ``regex`` is a Python regular
    expression. ``whole_words`` refuses matches that start or end inside a word."""

    phrase: str = ""
    regex: str = ""
    whole_words: bool = True
    case_sensitive: bool = False

    def compile(self) -> re.Pattern:
        """The compiled pattern, or :class:`AutocodeError` saying what is wrong."""
        if bool(self.phrase.strip()) == bool(self.regex):
            raise AutocodeError("give either a phrase or a regular expression to search for")
        if self.regex:
            body = self.regex
            try:
                re.compile(body)
            except re.error as error:
                raise AutocodeError(f"the regular expression {self.regex!r} is not valid: {error}") from None
        else:
            body = r"\s+".join(re.escape(w) for w in self.phrase.split())
        if self.whole_words:
            # Not inside a word on either side (\w is Unicode-aware: letters, digits, marks).
            body = rf"(?<!\w)(?:{body})(?!\w)"
        return re.compile(body, 0 if self.case_sensitive else re.IGNORECASE)

    def describe(self) -> str:
        what = f"“{self.phrase.strip()}”" if self.phrase.strip() else f"/{self.regex}/"
        options = [o for o, on in (("whole words", self.whole_words), ("match case", self.case_sensitive)) if on]
        return what + (f" ({', '.join(options)})" if options else "")


def find_matches(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty match in ``text``, in text order. Matches that hold
    only white space, or white space at their edges, are trimmed to their visible part."""
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            found.append((start, end))
    return found
