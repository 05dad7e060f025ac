"""Krippendorff's alpha for coded units at any level of measurement, and its bootstrapped
distribution as Hayes & Krippendorff (2007) describe it (their KALPHA macro).

Data is a reliability matrix: one row per coder, one column per unit, ``nan`` where a coder
gave no value. Only units with two or more values are pairable; the rest are left out, as
Krippendorff defines (missing values need no imputation).

With ``n`` pairable values, ``m_u`` values in unit ``u`` and the level's squared distance
``δ²``, the observed disagreement is ``Σ_u 1/(m_u-1) Σ_{i≠j in u} δ²(x_i, x_j)`` and the
expected one ``Σ_{c,k} n_c n_k δ²(c, k) / (n-1)``; alpha = 1 - observed / expected.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LEVELS = ("nominal", "ordinal", "interval", "ratio")
_CHUNK = 512  # rows of the value-by-value distance matrix built at once (memory stays small)


@dataclass
class AlphaParts:
    """What alpha and its bootstrap are computed from."""

    level: str
    units: int  # pairable units (two or more values)
    values: int  # n, pairable values
    expected: float  # Σ_{c,k} n_c n_k δ²(c, k)
    pair_delta: np.ndarray  # δ² of every pair of values within a unit (i < j)
    pair_weight: np.ndarray  # 1 / (m_u - 1) of that pair's unit
    alpha: float | None = None  # Krippendorff's alpha; None when undefined (expected is 0)

    def __post_init__(self) -> None:
        if self.expected > 0:
            observed = 2.0 * float(np.dot(self.pair_weight, self.pair_delta))
            self.alpha = 1.0 - (self.values - 1) * observed / self.expected


def alpha(data: np.ndarray, level: str) -> float | None:
    """Krippendorff's alpha of reliability ``data`` (coders × units, ``nan`` missing) at
    ``level``: "nominal", "ordinal" (values are ranks: their order matters, not their spacing),
    "interval" or "ratio". ``None`` when undefined (fewer than two values vary)."""
    parts = alpha_parts(data, level)
    return parts.alpha if parts is not None else None


def alpha_parts(data: np.ndarray, level: str) -> AlphaParts | None:
    """The pieces of alpha (see :class:`AlphaParts`); ``None`` when no unit is pairable."""
    if level not in LEVELS:
        raise ValueError(f"unknown level of measurement {level!r}; one of {', '.join(LEVELS)}")
    data = np.asarray(data, dtype=np.float64)
    present = ~np.isnan(data)
    counts = present.sum(axis=0)
    pairable = counts >= 2
    if not pairable.any():
        return None
    data, present, counts = data[:, pairable], present[:, pairable], counts[pairable]
    uniq, inverse = np.unique(data[present], return_inverse=True)
    codes = np.full(data.shape, -1, dtype=np.int64)
    codes[present] = inverse
    n_v = np.bincount(inverse, minlength=len(uniq)).astype(np.float64)
    n = float(n_v.sum())
    cumulative = np.concatenate(([0.0], np.cumsum(n_v)))  # ordinal distances need Σ n_g

    deltas, weights = [], []
    unit_weight = 1.0 / (counts - 1)
    coders = data.shape[0]
    for a in range(coders):
        for b in range(a + 1, coders):
            both = present[a] & present[b]
            if both.any():
                deltas.append(_delta(level, codes[a, both], codes[b, both], uniq, n_v, cumulative))
                weights.append(unit_weight[both])
    pair_delta = np.concatenate(deltas)
    pair_weight = np.concatenate(weights)
    return AlphaParts(level, int(pairable.sum()), int(n), _expected(level, uniq, n_v, cumulative),
                      pair_delta, pair_weight)


def _delta(level: str, i: np.ndarray, k: np.ndarray, uniq: np.ndarray, n_v: np.ndarray,
           cumulative: np.ndarray) -> np.ndarray:
    """Squared distances between values with indices ``i`` and ``k`` into the sorted ``uniq``."""
    if level == "nominal":
        return (i != k).astype(np.float64)
    if level == "ordinal":
        low, high = np.minimum(i, k), np.maximum(i, k)
        between = cumulative[high + 1] - cumulative[low]  # Σ n_g for g from low to high
        return (between - (n_v[low] + n_v[high]) / 2.0) ** 2
    c, d = uniq[i], uniq[k]
    if level == "interval":
        return (c - d) ** 2
    total = c + d
    ratio = np.divide(c - d, total, out=np.zeros_like(total), where=total != 0)
    return ratio ** 2


def _expected(level: str, uniq: np.ndarray, n_v: np.ndarray, cumulative: np.ndarray) -> float:
    """Σ_{c,k} n_c n_k δ²(c, k): closed forms for nominal and interval, else by blocks."""
    n = n_v.sum()
    if level == "nominal":
        return float(n * n - np.dot(n_v, n_v))
    if level == "interval":
        # Σ n_c n_k (c-k)² = 2(n Σ n_c c² - (Σ n_c c)²), on values centred first: uncentred,
        # nearly equal values (99.25 and 99.2469) lose every digit to cancellation.
        centred = uniq - np.dot(n_v, uniq) / n
        first, second = np.dot(n_v, centred), np.dot(n_v, centred * centred)
        return float(2.0 * (n * second - first * first))
    total = 0.0
    indices = np.arange(len(uniq))
    for start in range(0, len(uniq), _CHUNK):
        rows = indices[start:start + _CHUNK]
        i = np.repeat(rows, len(uniq))
        k = np.tile(indices, len(rows))
        total += float(np.dot(n_v[i] * n_v[k], _delta(level, i, k, uniq, n_v, cumulative)))
    return total


def bootstrap(parts: AlphaParts, resamples: int, seed: int) -> np.ndarray:
    """``resamples`` alphas drawn as Hayes & Krippendorff (2007) bootstrap alpha.

    Each resample draws, for every pair of values within a unit, one pair at random from all
    the data's pairs (with replacement); the drawn pair's ``δ²`` counts with the weight
    ``1/(m_u-1)`` of the unit drawn *for*, and the expected disagreement stays the observed one.
    Drawing pairs one by one would take 10,000 units × 3 pairs × 1,000 resamples = 3·10⁷
    draws per variable; pairs that agree add nothing, so we draw how many draws land on a
    disagreeing pair (binomial) and which distance each has (multinomial): the same
    distribution in a few thousand draws. Empty when alpha is undefined.
    """
    if parts.expected <= 0 or resamples <= 0:
        return np.zeros(0)
    rng = np.random.default_rng(seed)
    total_pairs = len(parts.pair_delta)
    disagreeing = parts.pair_delta[parts.pair_delta > 0]
    sums = np.zeros(resamples)
    if len(disagreeing):
        distances, counts = np.unique(disagreeing, return_counts=True)
        share = len(disagreeing) / total_pairs
        for weight in np.unique(parts.pair_weight):
            draws = int(np.count_nonzero(parts.pair_weight == weight))
            hits = rng.binomial(draws, share, size=resamples)
            sums += weight * _sum_of_draws(rng, hits, distances, counts)
    return 1.0 - (parts.values - 1) * 2.0 * sums / parts.expected


def _sum_of_draws(rng: np.random.Generator, hits: np.ndarray, distances: np.ndarray,
                  counts: np.ndarray) -> np.ndarray:
    """Per resample, the sum of ``hits[r]`` distances drawn from ``distances`` in proportion to
    ``counts``."""
    if len(distances) == 1:
        return hits * distances[0]
    if len(distances) <= 256:
        return rng.multinomial(hits, counts / counts.sum()) @ distances
    # Many distinct distances (numbers): draw each hit, then add them up per resample.
    pool = np.repeat(distances, counts)
    picked = pool[rng.integers(0, len(pool), size=int(hits.sum()))]
    owner = np.repeat(np.arange(len(hits)), hits)
    return np.bincount(owner, weights=picked, minlength=len(hits))


@dataclass(frozen=True)
class AlphaInterval:
    """A bootstrapped confidence interval of alpha, and how likely alpha is below thresholds."""

    low: float
    high: float
    confidence: float  # e.g. 0.95
    resamples: int
    seed: int
    below: dict[float, float]  # threshold -> share of resampled alphas below it

    def to_json(self) -> dict:
        return {"low": self.low, "high": self.high, "confidence": self.confidence,
                "resamples": self.resamples, "seed": self.seed,
                "p_below": {f"{t:g}": p for t, p in self.below.items()}}


def interval(parts: AlphaParts, resamples: int, seed: int, confidence: float = 0.95,
             thresholds: tuple[float, ...] = (0.667, 0.8)) -> AlphaInterval | None:
    """The percentile interval of :func:`bootstrap` (KALPHA reports the same), and for each
    threshold the probability that alpha is below it (the share of resampled alphas below)."""
    alphas = bootstrap(parts, resamples, seed)
    if not len(alphas):
        return None
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(alphas, [tail, 1.0 - tail])
    below = {t: float(np.mean(alphas < t)) for t in thresholds}
    return AlphaInterval(float(low), float(high), confidence, resamples, seed, below)
