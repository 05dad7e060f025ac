"""Two coders' agreement on units both coded: percent agreement and Cohen's kappa, unweighted
(nominal) or weighted by linear or quadratic distance between scale points (ordinal).

Codes are category indices ``0..categories-1``; for weighted kappa their order is the scale's
and distance counts scale points, so a point nobody used still widens the gap across it (as
scikit-learn's ``cohen_kappa_score`` with ``labels`` set to the whole scale).
"""

from __future__ import annotations

import numpy as np

WEIGHTS = (None, "linear", "quadratic")


def percent_agreement(a: np.ndarray, b: np.ndarray) -> float | None:
    """The share of units on which the two coders' values are identical."""
    if len(a) == 0:
        return None
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def cohen_kappa(a: np.ndarray, b: np.ndarray, categories: int, weights: str | None = None) -> float | None:
    """Cohen's (1960) kappa of codes ``a`` and ``b`` (same units, in order); with ``weights``
    "linear" or "quadratic", Cohen's (1968) weighted kappa. ``None`` when undefined (both coders
    used a single, identical category throughout: no disagreement was possible by chance)."""
    if weights not in WEIGHTS:
        raise ValueError(f"weights must be one of {WEIGHTS}")
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    if len(a) == 0:
        return None
    observed = np.bincount(a * categories + b, minlength=categories * categories).reshape(categories, categories)
    observed = observed.astype(np.float64)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    points = np.arange(categories)
    gap = np.abs(points[:, None] - points[None, :]).astype(np.float64)
    if weights is None:
        w = (gap > 0).astype(np.float64)
    elif weights == "linear":
        w = gap
    else:
        w = gap ** 2
    chance = float(np.sum(w * expected))
    if chance == 0:
        return None
    return 1.0 - float(np.sum(w * observed)) / chance
