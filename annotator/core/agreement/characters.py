"""Character-level labels as run lengths, and Cohen's kappa and Krippendorff's alpha over them.

The measured articles are laid end to end on one line of characters. Every span start and end
cuts that line into *segments* within which no coder's labels change, so a segment of ``w``
characters stands for ``w`` identical units. Statistics weight each segment by ``w``: exact, and
proportional to the number of spans rather than to the number of characters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class CoderSpans:
    """One coder's spans as arrays: article index, tag index, start, end (code points)."""

    article: np.ndarray
    tag: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.article)

    def subset(self, keep: np.ndarray) -> "CoderSpans":
        return CoderSpans(self.article[keep], self.tag[keep], self.start[keep], self.end[keep])


@dataclass
class Segments:
    """The measured characters as runs: ``weight[i]`` characters of article ``article[i]``."""

    cuts: np.ndarray  # the start of every segment, then the end of the last
    weight: np.ndarray  # characters per segment (float64: bincount weights)
    article: np.ndarray  # index into the measured articles
    offsets: np.ndarray  # where each article (all of them, measured or not) starts on the line

    @property
    def count(self) -> int:
        return len(self.weight)


def lay_out(lengths: np.ndarray, measured: np.ndarray, coders: list[CoderSpans]) -> Segments:
    """Cut the measured articles (``measured``: sorted article indices) into segments."""
    offsets = np.zeros(len(lengths), dtype=np.int64)
    measured_lengths = lengths[measured]
    starts = np.concatenate(([0], np.cumsum(measured_lengths)[:-1])) if len(measured) else np.zeros(0, np.int64)
    offsets[measured] = starts
    total = int(measured_lengths.sum())
    points = [starts, np.array([total], dtype=np.int64)]
    for spans in coders:
        points += [offsets[spans.article] + spans.start, offsets[spans.article] + spans.end]
    cuts = np.unique(np.concatenate(points).astype(np.int64))
    weight = np.diff(cuts).astype(np.float64)
    # A zero-length article shares its offset with the next one; "right" picks the later.
    article = np.searchsorted(starts, cuts[:-1], side="right") - 1
    return Segments(cuts=cuts, weight=weight, article=article, offsets=offsets)


def coverage(segments: Segments, spans: CoderSpans, n_tags: int) -> np.ndarray:
    """A (segments × tags) boolean matrix: does the coder cover this segment with this tag?"""
    n = segments.count
    if n_tags == 0:
        return np.zeros((n, 0), dtype=bool)
    line_start = segments.offsets[spans.article] + spans.start
    line_end = segments.offsets[spans.article] + spans.end
    first = np.searchsorted(segments.cuts, line_start)
    after = np.searchsorted(segments.cuts, line_end)
    size = (n + 1) * n_tags
    # +1 where a span begins, -1 where it ends, per tag; a running sum counts open spans.
    delta = np.bincount(first * n_tags + spans.tag, minlength=size) - np.bincount(
        after * n_tags + spans.tag, minlength=size
    )
    return np.cumsum(delta.reshape(n + 1, n_tags), axis=0)[:n] > 0


def combined_labels(*matrices: np.ndarray) -> list[np.ndarray]:
    """Give each distinct set of tags (a row of a coverage matrix) one integer label, shared by
    all the matrices; the empty set is label 0 whenever it occurs."""
    if not matrices:
        return []
    n_tags = matrices[0].shape[1]
    stacked = np.concatenate(matrices)
    if n_tags <= 62:
        # A bit per tag: sorting int64 keys is far faster than sorting rows.
        keys = stacked.astype(np.int64) @ (np.int64(1) << np.arange(n_tags, dtype=np.int64))
        keys = np.concatenate([[0], keys])  # the empty set sorts first: label 0
        _, inverse = np.unique(keys, return_inverse=True)
    else:
        packed = np.packbits(stacked, axis=1)
        packed = np.concatenate([np.zeros((1, packed.shape[1]), dtype=np.uint8), packed])
        _, inverse = np.unique(packed, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)[1:].astype(np.int64)
    out, at = [], 0
    for m in matrices:
        out.append(inverse[at : at + m.shape[0]])
        at += m.shape[0]
    return out


def confusion(a: np.ndarray, b: np.ndarray, weight: np.ndarray, n_labels: int, groups: np.ndarray | None = None,
              n_groups: int = 1) -> np.ndarray:
    """Weighted confusion matrices of labels ``a`` × ``b``: shape (n_groups, L, L)."""
    cell = a * n_labels + b
    if groups is not None:
        cell = cell + groups * n_labels * n_labels
    counts = np.bincount(cell, weights=weight, minlength=n_groups * n_labels * n_labels)
    return counts.reshape(n_groups, n_labels, n_labels)


def kappa(matrices: np.ndarray) -> np.ndarray:
    """Cohen's kappa of each confusion matrix in a (G, L, L) stack; NaN where undefined.

    kappa = 1 − Σ_{i≠j} observed_ij / Σ_{i≠j} expected_ij, expected_ij = row_i · column_j / N
    (Cohen 1960; the form scikit-learn's ``cohen_kappa_score`` computes).
    """
    n = matrices.sum(axis=(1, 2))
    observed_off = n - np.trace(matrices, axis1=1, axis2=2)
    rows, cols = matrices.sum(axis=2), matrices.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected_off = n - (rows * cols).sum(axis=1) / n
        result = 1 - observed_off / expected_off
    return np.where((n > 0) & (expected_off > 0), result, np.nan)


def alpha_from_coincidences(o: np.ndarray) -> np.ndarray:
    """Krippendorff's nominal alpha of each coincidence matrix in a (G, V, V) stack; NaN where
    undefined (fewer than two pairable values, or only one value used).

    alpha = 1 − D_o / D_e with D_o = Σ_{c≠k} o_ck and D_e = Σ_{c≠k} n_c·n_k / (n − 1)
    (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", nominal metric).
    """
    n_v = o.sum(axis=1)
    n = n_v.sum(axis=1)
    disagree = o.sum(axis=(1, 2)) - np.trace(o, axis1=1, axis2=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = (n * n - (n_v * n_v).sum(axis=1)) / (n - 1)
        result = 1 - disagree / expected
    return np.where((n > 1) & (expected > 0), result, np.nan)


def pair_alpha(matrices: np.ndarray) -> np.ndarray:
    """Alpha for two coders who both labelled every unit: coincidences are C + Cᵀ."""
    return alpha_from_coincidences(matrices + matrices.transpose(0, 2, 1))


def group_coincidences(labels: list[np.ndarray], present: list[np.ndarray], weight: np.ndarray,
                       n_labels: int) -> np.ndarray:
    """Coincidences for any number of coders, some of whom may be missing from some units.

    ``present[i]`` says which segments coder ``i`` labelled. Each ordered pair of different
    coders present in a unit of m coders adds 1/(m − 1) per character to o[label_i, label_j].
    """
    m = np.sum(present, axis=0).astype(np.float64)
    share = np.divide(weight, m - 1, out=np.zeros_like(weight), where=m > 1)
    o = np.zeros(n_labels * n_labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if i == j:
                continue
            both = present[i] & present[j]
            o += np.bincount(labels[i][both] * n_labels + labels[j][both], weights=share[both],
                             minlength=n_labels * n_labels)
    return o.reshape(1, n_labels, n_labels)


def optional(value: float) -> float | None:
    """NaN (undefined) as None, for the report."""
    return None if np.isnan(value) else float(value)
