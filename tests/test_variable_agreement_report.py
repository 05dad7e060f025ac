"""The per-variable report: every pair and all coders, articles each figure rests on, several-of
per value, and its alphas equal the krippendorff package on the same matrices."""

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement.variables import measure_variables, reliability_items
from annotator.core.variables import Option, Variable, VariableType

CODERS = ["ana", "ben", "cem"]


def tone():
    return Variable("tone", VariableType.SCALE, [Option(x, f"t{i}") for i, x in enumerate("abcde")])


@st.composite
def codings(draw):
    articles = draw(st.integers(2, 25))
    rows = []
    for a in range(articles):
        for coder in CODERS:
            point = draw(st.one_of(st.none(), st.integers(0, 4)))
            if point is not None:
                rows.append((f"art{a}", coder, f"t{point}"))
    return rows


@settings(max_examples=120, deadline=None)
@given(codings())
def test_pairs_and_all_equal_the_references(rows):
    variable = tone()
    [item] = reliability_items(variable, rows, CODERS)
    report = measure_variables([item], CODERS)
    assert [f.coders for f in report.figures] == [("ana", "ben"), ("ana", "cem"), ("ben", "cem"), tuple(CODERS)]
    for figure in report.figures:
        rows_of = [CODERS.index(c) for c in figure.coders]
        data = item.data[rows_of]
        both = (~np.isnan(data)).sum(axis=0) >= 2
        assert figure.articles == int(both.sum())
        try:
            with np.errstate(all="ignore"):
                expected = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=range(5))
        except ValueError:
            expected = float("nan")
        if figure.alpha is None:
            assert math.isnan(expected) or figure.articles == 0
        else:
            assert figure.alpha == pytest.approx(expected, abs=1e-9)
        if figure.pair and figure.articles:
            a, b = data[0, both].astype(int), data[1, both].astype(int)
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reference = cohen_kappa_score(a, b, labels=list(range(5)), weights="quadratic")
            if math.isnan(reference):
                assert figure.kappa_quadratic is None
            else:
                assert figure.kappa_quadratic == pytest.approx(reference, abs=1e-9)
            assert figure.percent == pytest.approx(float(np.mean(a == b)))


def test_several_of_is_measured_per_value_and_none_counts_as_absent():
    frames = Variable("frames", VariableType.SEVERAL_OF, [Option("conflict", "c"), Option("economic", "e")])
    rows = [("a1", "ana", '["c"]'), ("a1", "ben", '["c", "e"]'), ("a2", "ana", "[]"), ("a2", "ben", '["e"]'),
            ("a3", "ana", '["c"]')]
    items = reliability_items(frames, rows, CODERS[:2])
    assert [i.name for i in items] == ["frames: conflict", "frames: economic"]
    report = measure_variables(items, CODERS[:2])
    conflict, economic = report.figures
    assert conflict.articles == 2 and conflict.percent == 1.0
    assert economic.percent == 0.0 and economic.kappa is not None
    assert len(report.figures) == 2  # two coders: no separate "all" row
