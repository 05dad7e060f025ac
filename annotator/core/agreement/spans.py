"""Span-level matching of two coders' spans: exact boundaries, and overlap.

Exact: a span of A matches a span of B with the same tag, start and end, one to one (two
identical spans of A need two of B). Overlap: spans of the same tag that share at least one
character are candidates; pairs are taken one to one, greedily, largest overlap first (ties:
earlier A span, then earlier B span), so each span is matched at most once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.characters import CoderSpans


@dataclass
class Matches:
    """How many spans matched, by article and tag: ``count[i]`` for (``article[i]``, ``tag[i]``)."""

    article: np.ndarray
    tag: np.ndarray
    count: np.ndarray

    def by_tag(self, n_tags: int) -> np.ndarray:
        return np.bincount(self.tag, weights=self.count, minlength=n_tags).astype(np.int64)

    def by_article(self, n_articles: int) -> np.ndarray:
        return np.bincount(self.article, weights=self.count, minlength=n_articles).astype(np.int64)


def _line(spans: CoderSpans, offsets: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end on one line where every tag has its own stretch, so spans of different
    tags or articles can never overlap."""
    base = spans.tag * stride + offsets[spans.article]
    return base + spans.start, base + spans.end


def match_exact(a: CoderSpans, b: CoderSpans, offsets: np.ndarray, stride: int) -> Matches:
    """One-to-one matches of spans with the same tag and the same bounds."""
    if not len(a) or not len(b):
        return Matches(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64))
    a_start, a_end = _line(a, offsets, stride)
    b_start, b_end = _line(b, offsets, stride)
    starts = np.concatenate([a_start, b_start])
    lengths = np.concatenate([a_end - a_start, b_end - b_start])
    longest = int(lengths.max()) + 1
    if (int(starts.max()) + 1) * longest < 2**62:
        keys = starts * longest + lengths  # one int64 per span: much faster to sort than rows
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    else:
        keys = np.stack([starts, lengths], axis=1)
        unique, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    in_a = np.bincount(inverse[: len(a)], minlength=len(unique))
    in_b = np.bincount(inverse[len(a) :], minlength=len(unique))
    count = np.minimum(in_a, in_b)
    article = np.concatenate([a.article, b.article])[first]
    tag = np.concatenate([a.tag, b.tag])[first]
    keep = count > 0
    return Matches(article[keep], tag[keep], count[keep])


def overlap_pairs(a: CoderSpans, b: CoderSpans, offsets: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into ``a`` and ``b``) of the one-to-one overlap matches."""
    if not len(a) or not len(b):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a_start, a_end = _line(a, offsets, stride)
    b_start, b_end = _line(b, offsets, stride)
    order = np.argsort(b_start, kind="stable")
    sorted_start = b_start[order]
    longest = int((b_end - b_start).max())
    # A B span overlapping [s, e) starts in (s - longest, e): a window found by binary search.
    low = np.searchsorted(sorted_start, a_start - longest, side="right")
    high = np.searchsorted(sorted_start, a_end, side="left")
    sizes = np.maximum(high - low, 0)
    a_index = np.repeat(np.arange(len(a)), sizes)
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    b_index = order[np.repeat(low, sizes) + within]
    shared = np.minimum(a_end[a_index], b_end[b_index]) - np.maximum(a_start[a_index], b_start[b_index])
    keep = shared > 0
    a_index, b_index, shared = a_index[keep], b_index[keep], shared[keep]
    # np.lexsort: the last key is the primary one.
    ranked = np.lexsort((b_index, b_start[b_index], a_index, a_start[a_index], -shared))
    a_used = bytearray(len(a))
    b_used = bytearray(len(b))
    chosen_a, chosen_b = [], []
    for i, j in zip(a_index[ranked].tolist(), b_index[ranked].tolist()):
        if not a_used[i] and not b_used[j]:
            a_used[i] = b_used[j] = 1
            chosen_a.append(i)
            chosen_b.append(j)
    return np.array(chosen_a, dtype=np.int64), np.array(chosen_b, dtype=np.int64)


def match_overlap(a: CoderSpans, b: CoderSpans, offsets: np.ndarray, stride: int) -> Matches:
    """One-to-one matches of same-tag spans sharing at least one character."""
    chosen_a, _ = overlap_pairs(a, b, offsets, stride)
    return Matches(a.article[chosen_a], a.tag[chosen_a], np.ones(len(chosen_a), dtype=np.int64))
