"""Article-level agreement equals references we did not write, to 1e-9: the ``krippendorff``
package for alpha at every level, scikit-learn's ``cohen_kappa_score`` for kappa."""

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement.alpha import alpha, alpha_parts, bootstrap, interval
from annotator.core.agreement.kappa import cohen_kappa, percent_agreement

LEVELS = ["nominal", "ordinal", "interval", "ratio"]

# Krippendorff (2011, "Computing Krippendorff's alpha-reliability") worked example: 4 coders,
# 12 units, missing values; his published alphas are 0.743 (nominal), 0.815 (ordinal),
# 0.849 (interval), 0.797 (ratio).
KRIPPENDORFF_2011 = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
    [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan],
])


def reference(data, level, domain=None):
    try:
        with np.errstate(all="ignore"):
            value = krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=domain)
    except ValueError:  # "more than one value in the domain" / no pairable unit
        return None
    return None if math.isnan(value) else float(value)


@pytest.mark.parametrize("level, published", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorffs_worked_example(level, published):
    assert alpha(KRIPPENDORFF_2011, level) == pytest.approx(reference(KRIPPENDORFF_2011, level), abs=1e-9)
    assert round(alpha(KRIPPENDORFF_2011, level), 3) == published


@st.composite
def reliability_data(draw):
    coders = draw(st.integers(2, 5))
    units = draw(st.integers(1, 30))
    points = draw(st.integers(2, 7))
    offset = draw(st.sampled_from([0.0, 1.0, 2.5]))  # ratio needs non-negative values
    cells = draw(st.lists(st.one_of(st.none(), st.integers(0, points - 1)), min_size=coders * units, max_size=coders * units))
    data = np.array([np.nan if c is None else c + offset for c in cells], dtype=float).reshape(coders, units)
    return data


@settings(max_examples=300, deadline=None)
@given(reliability_data(), st.sampled_from(LEVELS))
def test_alpha_equals_the_krippendorff_package(data, level):
    expected = reference(data, level)
    mine = alpha(data, level)
    if expected is None:
        assert mine is None
    else:
        assert mine == pytest.approx(expected, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 1000, allow_nan=False), min_size=6, max_size=60), st.sampled_from(["interval", "ratio"]))
def test_alpha_on_real_numbers(values, level):
    data = np.array(values[: len(values) // 3 * 3]).reshape(3, -1)
    data[0, ::4] = np.nan
    expected = reference(data, level)
    mine = alpha(data, level)
    if expected is None:
        assert mine is None
    else:
        assert mine == pytest.approx(expected, abs=1e-9, rel=1e-9)


def test_ordinal_with_unused_scale_points_equals_the_package_given_the_whole_domain():
    data = np.array([[0, 1, 4, 4, 1], [0, 1, 4, 1, np.nan], [1, 1, 4, 4, 0]], dtype=float)
    assert alpha(data, "ordinal") == pytest.approx(reference(data, "ordinal", domain=[0, 1, 2, 3, 4]), abs=1e-9)


def test_no_variation_and_no_pairable_unit_are_undefined():
    assert alpha(np.array([[1.0, 1.0], [1.0, 1.0]]), "nominal") is None
    assert alpha(np.array([[1.0, np.nan], [np.nan, 2.0]]), "nominal") is None


@st.composite
def two_coders(draw):
    categories = draw(st.integers(2, 6))
    n = draw(st.integers(1, 60))
    a = draw(st.lists(st.integers(0, categories - 1), min_size=n, max_size=n))
    b = draw(st.lists(st.integers(0, categories - 1), min_size=n, max_size=n))
    return categories, np.array(a), np.array(b)


@settings(max_examples=300, deadline=None)
@given(two_coders(), st.sampled_from([None, "linear", "quadratic"]))
def test_kappa_equals_scikit_learn(case, weights):
    categories, a, b = case
    labels = list(range(categories))
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = cohen_kappa_score(a, b, labels=labels, weights=weights)
    mine = cohen_kappa(a, b, categories, weights)
    if math.isnan(expected):
        assert mine is None
    else:
        assert mine == pytest.approx(expected, abs=1e-9)


def test_percent_agreement():
    assert percent_agreement(np.array([1, 2, 3, 4]), np.array([1, 2, 0, 4])) == 0.75
    assert percent_agreement(np.array([]), np.array([])) is None


def test_bootstrap_is_reproducible_and_centred_on_alpha():
    parts = alpha_parts(KRIPPENDORFF_2011, "interval")
    first, again = bootstrap(parts, 2000, seed=7), bootstrap(parts, 2000, seed=7)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, bootstrap(parts, 2000, seed=8))
    assert abs(np.median(first) - parts.alpha) < 0.05
    assert (first <= 1.0).all()


def test_bootstrap_has_the_distribution_of_drawing_pairs_one_by_one():
    """The binomial/multinomial shortcut against the algorithm as Hayes & Krippendorff write
    it: for every pair of values, draw one of all pairs, weight by 1/(m_u - 1)."""
    rng = np.random.default_rng(3)
    data = rng.integers(0, 5, size=(3, 150)).astype(float)
    data[1] = np.where(rng.random(150) < 0.7, data[0], data[1])
    data[rng.random((3, 150)) < 0.2] = np.nan
    for level in ("nominal", "ordinal", "interval"):
        parts = alpha_parts(data, level)
        fast = bootstrap(parts, 4000, seed=5)
        draws = np.random.default_rng(9)
        total = len(parts.pair_delta)
        slow = np.array([
            1 - (parts.values - 1) * 2 * np.dot(parts.pair_weight, parts.pair_delta[draws.integers(0, total, total)]) / parts.expected
            for _ in range(4000)
        ])
        assert abs(fast.mean() - slow.mean()) < 0.01
        assert abs(fast.std() - slow.std()) < 0.01
        assert np.quantile(fast, 0.025) == pytest.approx(np.quantile(slow, 0.025), abs=0.02)


def test_interval_reports_resamples_seed_and_probability_below_thresholds():
    parts = alpha_parts(KRIPPENDORFF_2011, "nominal")
    ci = interval(parts, 1000, seed=3, thresholds=(0.667, 0.8))
    assert ci.resamples == 1000 and ci.seed == 3 and ci.confidence == 0.95
    assert ci.low < parts.alpha < ci.high
    assert 0 < ci.below[0.667] < ci.below[0.8] < 1
    assert interval(alpha_parts(np.array([[1.0, 1.0], [1.0, 1.0]]), "nominal"), 100, 1) is None
