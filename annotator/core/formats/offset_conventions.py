"""How another tool counted its offsets, decided once per project from evidence, never guessed.

REFI-QDA says code points over the text file as shipped. Tools differ: NVivo for Windows counts
UTF-16 code units over its CRLF text; some tools count after dropping the CRs. The readings
differ only where a text has CRLF line endings or characters outside the Basic Multilingual
Plane (emoji), so a project without either has one answer. Otherwise :func:`decide` weighs, in
this order:

1. passage texts the selections carry (``name`` of a REFI selection, ``value.text`` of Label
   Studio): the reading under which they match;
2. the producing software (``origin``), when the convention it writes is known — and not
   contradicted by the boundaries below;
3. the share of selection ends that fall on word or line boundaries under each reading: a
   coder selects words and lines, so the right reading puts nearly every end on one (on a real
   NVivo project 99% under UTF-16 over CRLF, 44% under code points).

When none of these shows one reading right, there is no decision (``reading`` is None) and the
caller refuses the codings whose place depends on it, saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.formats.shipped_text import ShippedText
from annotator.core.offsets import OffsetMap, utf16_length
from annotator.core.text import normalise_text


@dataclass(frozen=True)
class Reading:
    """One way of counting offsets: code points or UTF-16 units, over the file or its LF text."""

    key: str
    label: str
    utf16: bool
    over_lf: bool


CODE_POINTS = Reading("code-points", "code points over the text as shipped (the REFI-QDA rule)", False, False)
UTF16_SHIPPED = Reading("utf16-crlf", "UTF-16 code units over the text as shipped, CRs counted", True, False)
CODE_POINTS_LF = Reading("code-points-lf", "code points over the text with its CRs dropped", False, True)
UTF16_LF = Reading("utf16-lf", "UTF-16 code units over the text with its CRs dropped", True, True)
READINGS = (CODE_POINTS, UTF16_SHIPPED, CODE_POINTS_LF, UTF16_LF)

# What each tool is known to write (lower-case prefix of ``origin``), seen in its files.
KNOWN_ORIGINS = (
    ("nvivo for windows", UTF16_SHIPPED),
    ("annotator", CODE_POINTS),
    ("qualcoder", CODE_POINTS),
    ("label studio", UTF16_SHIPPED),  # JavaScript string indices
)
# Boundary evidence needs enough selections and a clear winner to decide anything.
MIN_SELECTIONS_FOR_BOUNDARIES = 5
MIN_BOUNDARY_SHARE = 0.75
MIN_BOUNDARY_MARGIN = 0.2
MIN_QUOTE_AGREEMENT = 0.8  # a few stray passages are refused one by one


class CountedText:
    """A text as shipped, and where an offset pair lands in our normalised text under each reading."""

    def __init__(self, shipped: ShippedText):
        self.shipped = shipped
        self.ambiguous = shipped.has_crlf or not OffsetMap(shipped.raw).is_identity
        self._maps: dict[bool, OffsetMap] = {}

    def place(self, reading: Reading, start: int, end: int) -> tuple[int, int] | None:
        """``(start, end)`` in our text under ``reading``, or None if it has no exact image
        (outside the text, inside a surrogate pair or a composed character, or empty)."""
        base = self.shipped.lf if reading.over_lf else self.shipped.raw
        if reading.utf16:
            counted = self._maps.get(reading.over_lf)
            if counted is None:
                counted = self._maps[reading.over_lf] = OffsetMap(base)
            try:
                cp_start, cp_end = counted.from_utf16(start), counted.from_utf16(end)
            except ValueError:
                return None
            if counted.to_utf16(cp_start) != start or counted.to_utf16(cp_end) != end:
                return None  # between the two halves of a surrogate pair
            start, end = cp_start, cp_end
        elif not 0 <= start <= end <= len(base):
            return None
        to_text = self.shipped.lf_to_text if reading.over_lf else self.shipped.to_text
        mapped = to_text(start), to_text(end)
        if mapped[0] is None or mapped[1] is None or mapped[0] >= mapped[1]:
            return None
        return mapped  # type: ignore[return-value]

    def length(self, reading: Reading) -> int:
        """The text's length as ``reading`` counts it."""
        base = self.shipped.lf if reading.over_lf else self.shipped.raw
        return utf16_length(base) if reading.utf16 else len(base)

    def differs(self, start: int, end: int) -> bool:
        """Whether the readings disagree about this offset pair."""
        if not self.ambiguous:
            return False
        return len({self.place(r, start, end) for r in READINGS}) > 1


@dataclass
class Counted:
    """One selection to place: its text, its offsets as written, and any passage it quotes."""

    text: CountedText
    start: int
    end: int
    quote: str = ""


@dataclass
class Decision:
    """The reading chosen for a project (None: none could be shown right) and why."""

    reading: Reading | None
    why: str

    def summary(self) -> str:
        if self.reading is None:
            return f"none ({self.why})"
        return f"{self.reading.label}: {self.why}"


def decide(selections: Sequence[Counted], origin: str = "") -> Decision:
    """The one reading of offsets for a whole project, from its selections and its origin."""
    differing = [s for s in selections if s.text.differs(s.start, s.end)]
    known = origin_reading(origin)
    if not differing:
        return Decision(known or CODE_POINTS, "every reading gives the same places (no CRLF or emoji "
                        "before the selections)" if selections else "no selections")
    candidates = list(READINGS)
    quoted = [s for s in differing if normalise_text(s.quote).strip()]
    if quoted:
        matches = {r: sum(1 for s in quoted if _quotes_under(s, r)) for r in READINGS}
        evidence = sum(1 for s in quoted if any(_quotes_under(s, r) for r in READINGS))
        if evidence:
            best = max(matches.values())
            if best < MIN_QUOTE_AGREEMENT * evidence:
                return Decision(None, f"the passage texts of its selections fit no one reading "
                                f"(at most {best} of {evidence})")
            candidates = [r for r in READINGS if matches[r] == best]
            if len(candidates) == 1 or _same_places(differing, candidates):
                # Readings that place every selection alike are one answer: the first, in
                # READINGS order, names it (code points before UTF-16, the file before LF).
                return Decision(candidates[0], f"{best} of {evidence} passage texts carried by the "
                                "selections match under it")
    shares = {r: _boundary_share(differing, r) for r in candidates}
    ranked = sorted(candidates, key=lambda r: shares[r], reverse=True)
    enough = len(differing) >= MIN_SELECTIONS_FOR_BOUNDARIES
    if known in candidates:
        rival = next((r for r in ranked if r is not known), None)
        if enough and rival is not None and shares[rival] - shares[known] >= MIN_BOUNDARY_MARGIN:
            return Decision(None, f"its origin ({origin}) writes {known.key}, but under that reading "
                            f"only {shares[known]:.0%} of selection ends fall on word boundaries "
                            f"against {shares[rival]:.0%} under {rival.key}")
        tail = f"; {shares[known]:.0%} of selection ends fall on word boundaries" if enough else ""
        return Decision(known, f"the project was written by {origin}{tail}")
    if enough and len(ranked) > 1:
        first, second = ranked[0], ranked[1]
        if shares[first] >= MIN_BOUNDARY_SHARE and shares[first] - shares[second] >= MIN_BOUNDARY_MARGIN:
            return Decision(first, f"{shares[first]:.0%} of selection ends fall on word boundaries "
                            f"under it, {shares[second]:.0%} under the next best")
    if not enough:
        return Decision(None, f"only {len(differing)} selection(s) depend on the reading, its origin "
                        f"({origin or 'not given'}) is not one whose convention is known, and no "
                        "passage text shows which reading is right")
    return Decision(None, "neither its origin, passage texts nor word boundaries show which reading is right")


def origin_reading(origin: str) -> Reading | None:
    """The reading the software named by ``origin`` is known to write, if any."""
    lowered = (origin or "").strip().lower()
    return next((r for prefix, r in KNOWN_ORIGINS if lowered.startswith(prefix)), None)


def quotes(passage: str, quote: str) -> bool:
    """Whether ``quote`` (a selection's passage text, perhaps cut short) is ``passage``."""
    # Whitespace is compared loosely: XML attributes turn line breaks into spaces, and tools
    # trim the ends of names.
    passage, quote = " ".join(passage.split()), " ".join(normalise_text(quote).split())
    if passage == quote:
        return True
    # Tools cut long passages in names (ours at 60 characters) and may trim a trailing "…".
    trimmed = quote.rstrip(".…")
    return len(trimmed) >= 10 and passage.startswith(trimmed)


def _quotes_under(selection: Counted, reading: Reading) -> bool:
    span = selection.text.place(reading, selection.start, selection.end)
    if span is None:
        return False
    return quotes(selection.text.shipped.text[span[0]:span[1]], selection.quote)


def _same_places(selections: Sequence[Counted], readings: Sequence[Reading]) -> bool:
    return all(len({s.text.place(r, s.start, s.end) for r in readings}) == 1 for s in selections)


def _boundary_share(selections: Sequence[Counted], reading: Reading) -> float:
    hits = 0
    for s in selections:
        span = s.text.place(reading, s.start, s.end)
        if span is not None:
            text = s.text.shipped.text
            hits += on_boundary(text, span[0]) + on_boundary(text, span[1])
    return hits / (2 * len(selections)) if selections else 0.0


def on_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between a word and what is not one, or at either end."""
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    return before.isspace() or after.isspace() or before.isalnum() != after.isalnum()
