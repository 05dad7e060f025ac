"""Reviewing two coders' annotations of one article: their differences, and the decisions that
settle them into the *reviewed* layer. Pure functions over the core's records.

Pairing rules, applied in this order, each pair one to one:

1. *agree*: same tag, same start and end;
2. *boundaries differ*: same tag, overlapping by at least one character (largest overlap first);
3. *tag differs*: different tags on the same or overlapping passage (same bounds first, then
   largest overlap);
4. what is left is *A only* or *B only*.

The list is ordered by position (start, then end), so next/previous walks the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import NamedTuple

from annotator.core.model import Annotation, new_uuid, now_iso
from annotator.core.text import context_around

REVIEWED = "reviewed"  # the annotator name of the reviewed layer


class SpanRef(NamedTuple):
    """The least of an annotation :func:`diff` needs; counting differences over a whole corpus
    with these avoids building full annotations."""

    id: str
    article_id: str
    annotator: str
    tag_id: str
    start: int
    end: int


class DifferenceKind(str, Enum):
    AGREE = "agree"
    A_ONLY = "a_only"
    B_ONLY = "b_only"
    BOUNDARIES = "boundaries_differ"
    TAG = "tag_differs"


_KIND_ORDER = {k: i for i, k in enumerate(DifferenceKind)}


@dataclass(frozen=True)
class Difference:
    """One item of the review list: A's annotation, B's, or a pair of them (annotations, or
    :class:`SpanRef` when :func:`diff` was given those)."""

    kind: DifferenceKind
    a: Annotation | None
    b: Annotation | None
    annotator_a: str = ""  # the pair compared, so that a decision knows it even for "B only"
    annotator_b: str = ""

    @property
    def article_id(self) -> str:
        return (self.a or self.b).article_id

    @property
    def start(self) -> int:
        return min(x.start for x in (self.a, self.b) if x is not None)

    @property
    def end(self) -> int:
        return max(x.end for x in (self.a, self.b) if x is not None)

    @property
    def a_id(self) -> str:
        return self.a.id if self.a else ""

    @property
    def b_id(self) -> str:
        return self.b.id if self.b else ""

    @property
    def key(self) -> tuple[str, str]:
        """Identifies the difference across sessions: the ids of its two annotations."""
        return (self.a_id, self.b_id)

    @property
    def is_disagreement(self) -> bool:
        return self.kind is not DifferenceKind.AGREE


def _overlap(x: Annotation, y: Annotation) -> int:
    return min(x.end, y.end) - max(x.start, y.start)


def diff(
    a_annotations: Sequence[Annotation],
    b_annotations: Sequence[Annotation],
    *,
    annotator_a: str | None = None,
    annotator_b: str | None = None,
) -> list[Difference]:
    """Pair coder A's and coder B's annotations of one article and classify every pair (see the
    module docstring); agreements are included, ``Difference.is_disagreement`` filters them.
    The coders' names default to the annotator of their first annotation. Works on
    :class:`Annotation` or :class:`SpanRef` alike."""
    name_a = annotator_a if annotator_a is not None else (a_annotations[0].annotator if a_annotations else "")
    name_b = annotator_b if annotator_b is not None else (b_annotations[0].annotator if b_annotations else "")
    a_left = sorted(a_annotations, key=lambda x: (x.start, x.end, x.id))
    b_left = sorted(b_annotations, key=lambda x: (x.start, x.end, x.id))
    out: list[Difference] = []

    b_by_bounds: dict[tuple, list[Annotation]] = {}
    for b in b_left:
        b_by_bounds.setdefault((b.tag_id, b.start, b.end), []).append(b)
    unmatched_a = []
    for a in a_left:
        same = b_by_bounds.get((a.tag_id, a.start, a.end))
        if same:
            out.append(Difference(DifferenceKind.AGREE, a, same.pop(0)))
        else:
            unmatched_a.append(a)
    matched_b = {d.b.id for d in out}
    a_left, b_left = unmatched_a, [b for b in b_left if b.id not in matched_b]

    def pair_greedily(kind: DifferenceKind, eligible, rank) -> None:
        nonlocal a_left, b_left
        candidates = sorted(
            (rank(a, b), a.start, b.start, a.id, b.id, i, j)
            for i, a in enumerate(a_left) for j, b in enumerate(b_left)
            if _overlap(a, b) > 0 and eligible(a, b)
        )
        used_a, used_b = set(), set()
        for *_, i, j in candidates:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                out.append(Difference(kind, a_left[i], b_left[j]))
        a_left = [a for i, a in enumerate(a_left) if i not in used_a]
        b_left = [b for j, b in enumerate(b_left) if j not in used_b]

    pair_greedily(DifferenceKind.BOUNDARIES, lambda a, b: a.tag_id == b.tag_id, lambda a, b: -_overlap(a, b))
    pair_greedily(
        DifferenceKind.TAG,
        lambda a, b: a.tag_id != b.tag_id,
        lambda a, b: ((a.start, a.end) != (b.start, b.end), -_overlap(a, b)),
    )
    out += [Difference(DifferenceKind.A_ONLY, a, None) for a in a_left]
    out += [Difference(DifferenceKind.B_ONLY, None, b) for b in b_left]
    out = [replace(d, annotator_a=name_a, annotator_b=name_b) for d in out]
    return sorted(out, key=lambda d: (d.start, d.end, _KIND_ORDER[d.kind], d.a_id, d.b_id))


class Decision(str, Enum):
    ACCEPT_A = "accept_a"
    ACCEPT_B = "accept_b"
    ACCEPT_BOTH = "accept_both"
    REJECT = "reject"
    EDIT = "edit"


def allowed_decisions(difference: Difference) -> list[Decision]:
    """The decisions that make sense for ``difference`` (no "accept B" when B has nothing)."""
    allowed = []
    if difference.a is not None:
        allowed.append(Decision.ACCEPT_A)
    if difference.b is not None:
        allowed.append(Decision.ACCEPT_B)
    if difference.a is not None and difference.b is not None:
        allowed.append(Decision.ACCEPT_BOTH)
    return allowed + [Decision.REJECT, Decision.EDIT]


@dataclass
class ReviewDecision:
    """A reviewer's settlement of one difference, as stored."""

    article_id: str
    reviewer: str
    annotator_a: str
    annotator_b: str
    decision: Decision
    kind: DifferenceKind
    a_annotation_id: str = ""
    b_annotation_id: str = ""
    result_ids: list[str] = field(default_factory=list)  # the reviewed annotations it wrote
    comment: str = ""
    decided_at: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_uuid)

    @property
    def key(self) -> tuple[str, str]:
        return (self.a_annotation_id, self.b_annotation_id)


def reviewed_annotations(
    difference: Difference,
    decision: Decision,
    reviewer: str,
    text: str,
    edited: Annotation | None = None,
) -> list[Annotation]:
    """The annotations ``decision`` writes to the reviewed layer (new ids, annotator
    :data:`REVIEWED`, ``reviewer`` recorded). ``text`` is the article's; ``edited`` carries the
    tag, bounds, note and fields an *edit* decision settles on. Raises ``ValueError`` for a
    decision that does not fit the difference."""
    if decision not in allowed_decisions(difference):
        raise ValueError(f"{decision.value} does not apply to a difference of kind {difference.kind.value}")
    if decision is Decision.EDIT and edited is None:
        raise ValueError("an edit decision needs the edited annotation")
    sources = {
        Decision.ACCEPT_A: [difference.a],
        Decision.ACCEPT_B: [difference.b],
        Decision.ACCEPT_BOTH: [difference.a, difference.b],
        Decision.REJECT: [],
        Decision.EDIT: [edited],
    }[decision]
    now = now_iso()
    copies = []
    for source in sources:
        before, after = context_around(text, source.start, source.end)
        copies.append(replace(
            source, id=new_uuid(), article_id=difference.article_id, annotator=REVIEWED,
            reviewer=reviewer, text=text[source.start : source.end], context_before=before,
            context_after=after, linked_id=None, created_at=now, updated_at=now,
        ))
    return copies
