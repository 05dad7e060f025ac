"""Agreement statistics: worked examples from the literature, and cross-checks against
scikit-learn's ``cohen_kappa_score`` and the ``krippendorff`` package on expanded characters."""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import ALL_TAGS, NONE_LABEL, ArticleCoding, compare

TOLERANCE = 1e-9


# -- a reference computation, one unit per character, for the cross-checks ---------------------

def character_labels(article: ArticleCoding, coder: str, tags: list[str]) -> list[str]:
    """Each character's label: the '+'-joined set of the coder's tags covering it."""
    cover = [set() for _ in range(article.length)]
    for annotator, tag, start, end in article.spans:
        if annotator == coder and tag in tags:
            for i in range(start, end):
                cover[i].add(tag)
    return ["+".join(sorted(c)) or NONE_LABEL for c in cover]


def reference_pair(articles, a, b, tags, tag=None):
    """(a labels, b labels) over every character of the articles both coded."""
    xs, ys = [], []
    for art in articles:
        if {a, b} <= art.coded_by():
            la, lb = character_labels(art, a, tags), character_labels(art, b, tags)
            if tag is not None:
                la = [tag in x.split("+") for x in la]
                lb = [tag in y.split("+") for y in lb]
            xs += la
            ys += lb
    return xs, ys


def sklearn_kappa(xs, ys):
    if len(set(xs) | set(ys)) < 2:
        return None
    value = cohen_kappa_score(xs, ys)
    return None if math.isnan(value) else value


def library_alpha(rows):
    """krippendorff.alpha over a coders × units table (None for missing), or None if undefined."""
    values = sorted({v for row in rows for v in row if v is not None}, key=str)
    if len(values) < 2:
        return None
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if v is None else code[v] for v in row] for row in rows], dtype=float)
    if not ((~np.isnan(data)).sum(axis=0) >= 2).any():
        return None
    with warnings.catch_warnings():  # it divides 0 by 0 when only one value is pairable
        warnings.simplefilter("ignore", RuntimeWarning)
        value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return None if math.isnan(value) else value


def close(ours, theirs):
    if theirs is None:
        return ours is None
    return ours is not None and abs(ours - theirs) < TOLERANCE


# -- worked examples ------------------------------------------------------------------------------

def test_kappa_of_a_textbook_two_by_two_table():
    # 50 units: both yes 20, A only 5, B only 10, both no 15 -> po 0.7, pe 0.5, kappa 0.4
    # (the 2x2 example of Cohen's kappa in most textbooks, laid out as 50 characters).
    article = ArticleCoding("a1", 50, [("A", "Claim", 0, 25), ("B", "Claim", 0, 20), ("B", "Claim", 25, 35)])
    result = compare([article], ["A", "B"]).pair("A", "B")
    assert result.tag("Claim").kappa == pytest.approx(0.4, abs=TOLERANCE)


def test_alpha_of_krippendorffs_own_nominal_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders x 12 units
    # with missing values; nominal alpha = 0.743. Each unit is a one-character article.
    table = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    articles = [
        ArticleCoding(f"u{u}", 1, [(c, f"v{vals[u]}", 0, 1) for c, vals in table.items() if vals[u] is not None])
        for u in range(12)
    ]
    group = compare(articles, list(table)).group
    assert group.overall == pytest.approx(0.743421052631579, abs=TOLERANCE)
    assert round(group.overall, 3) == 0.743
    assert group.excluded_articles == ["u11"]  # only coder B coded the last unit


def test_uncoded_characters_count_as_agreement_on_none():
    # Both leave 90 of 100 characters uncoded: those count, so kappa is not 0 for overlap 5/15.
    article = ArticleCoding("a1", 100, [("A", "Claim", 0, 10), ("B", "Claim", 5, 15)])
    result = compare([article], ["A", "B"]).pair("A", "B")
    xs, ys = reference_pair([article], "A", "B", ["Claim"])
    assert len(xs) == 100
    assert result.overall.kappa == pytest.approx(cohen_kappa_score(xs, ys), abs=TOLERANCE)


def test_overlapping_tags_of_one_coder_form_a_combined_category():
    article = ArticleCoding("a1", 20, [("A", "Claim", 0, 10), ("A", "Quote", 0, 10), ("B", "Claim", 0, 10)])
    result = compare([article], ["A", "B"]).pair("A", "B")
    assert result.tag("Claim").kappa == 1.0
    assert result.overall.kappa < 1.0  # {Claim, Quote} is not {Claim}


def test_perfect_agreement_gives_one_everywhere():
    spans = [("Claim", 2, 9), ("Quote", 12, 30)]
    article = ArticleCoding("a1", 40, [(c, t, s, e) for c in "AB" for t, s, e in spans])
    result = compare([article], ["A", "B"]).pair("A", "B")
    for measure in (result.overall, *result.per_tag):
        assert (measure.kappa, measure.alpha, measure.exact.f1, measure.overlap.f1) == (1.0, 1.0, 1.0, 1.0)


def test_no_annotations_leaves_every_measure_undefined():
    report = compare([ArticleCoding("a1", 10, [])], ["A", "B"], tags=["Claim"])
    pair = report.pair("A", "B")
    assert pair.articles == 0 and pair.excluded_articles == []
    assert pair.overall.kappa is None and pair.overall.alpha is None
    assert pair.tag("Claim").exact.f1 is None and pair.tag("Claim").overlap.precision is None
    assert report.group.overall is None


def test_articles_only_one_coder_touched_are_excluded_and_counted():
    articles = [
        ArticleCoding("both", 10, [("A", "Claim", 0, 5), ("B", "Claim", 0, 5)]),
        ArticleCoding("only-a", 10, [("A", "Claim", 0, 5)]),
        ArticleCoding("only-b", 10, [("B", "Quote", 0, 5)]),
        ArticleCoding("neither", 10, []),
    ]
    pair = compare(articles, ["A", "B"]).pair("A", "B")
    assert pair.articles == 1 and pair.characters == 10
    assert sorted(pair.excluded_articles) == ["only-a", "only-b"]
    assert pair.tag("Claim").exact.a_spans == 1  # the span in only-a is not mixed in


def test_one_coder_only_measures_nothing():
    pair = compare([ArticleCoding("a1", 10, [("A", "Claim", 0, 5)])], ["A", "B"]).pair("A", "B")
    assert pair.articles == 0 and pair.excluded_articles == ["a1"]
    assert pair.overall.kappa is None


def test_explicit_coders_count_an_article_without_spans():
    article = ArticleCoding("a1", 10, [("A", "Claim", 0, 5)], coders=frozenset({"A", "B"}))
    pair = compare([article], ["A", "B"]).pair("A", "B")
    assert pair.articles == 1
    assert pair.tag("Claim").overlap.recall == 0.0 and pair.tag("Claim").overlap.precision is None


def test_a_single_annotator_is_refused():
    with pytest.raises(ValueError, match="two different annotators"):
        compare([], ["A", "A"])


def test_a_span_outside_its_article_is_refused():
    with pytest.raises(ValueError, match="outside the text"):
        compare([ArticleCoding("a1", 5, [("A", "Claim", 3, 9)])], ["A", "B"])


def test_tag_filter_ignores_other_tags_but_they_still_mark_the_article_coded():
    article = ArticleCoding("a1", 20, [("A", "Claim", 0, 5), ("B", "Quote", 0, 5)])
    pair = compare([article], ["A", "B"], tags=["Claim"]).pair("A", "B")
    assert [t.tag for t in pair.per_tag] == ["Claim"]
    assert pair.articles == 1
    assert pair.tag("Claim").exact.b_spans == 0


# -- span matching --------------------------------------------------------------------------------

def test_exact_matching_needs_identical_bounds_and_tag():
    article = ArticleCoding("a1", 50, [
        ("A", "Claim", 0, 10), ("B", "Claim", 0, 10),
        ("A", "Claim", 20, 30), ("B", "Claim", 20, 31),
        ("A", "Quote", 40, 45), ("B", "Claim", 40, 45),
    ])
    pair = compare([article], ["A", "B"]).pair("A", "B")
    assert pair.tag("Claim").exact.matched == 1
    assert pair.tag("Claim").overlap.matched == 2
    assert pair.tag("Quote").overlap.matched == 0  # a different tag never matches
    assert pair.overall.exact.precision == pytest.approx(1 / 3)


def test_overlap_matching_is_one_to_one_by_largest_overlap():
    # A's one span overlaps both of B's; it is matched to the larger overlap (7 characters).
    article = ArticleCoding("a1", 30, [("A", "Claim", 0, 10), ("B", "Claim", 0, 3), ("B", "Claim", 2, 9)])
    pair = compare([article], ["A", "B"], per_article=True).pair("A", "B")
    scores = pair.tag("Claim").overlap
    assert (scores.matched, scores.a_spans, scores.b_spans) == (1, 1, 2)
    assert scores.precision == 0.5 and scores.recall == 1.0
    assert scores.f1 == pytest.approx(2 / 3)


def test_one_character_of_overlap_is_enough():
    article = ArticleCoding("a1", 30, [("A", "Claim", 0, 10), ("B", "Claim", 9, 20)])
    assert compare([article], ["A", "B"]).pair("A", "B").tag("Claim").overlap.matched == 1


def test_touching_spans_do_not_overlap():
    article = ArticleCoding("a1", 30, [("A", "Claim", 0, 10), ("B", "Claim", 10, 20)])
    assert compare([article], ["A", "B"]).pair("A", "B").tag("Claim").overlap.matched == 0


def test_duplicate_spans_match_one_to_one():
    article = ArticleCoding("a1", 30, [("A", "Claim", 0, 10), ("A", "Claim", 0, 10), ("B", "Claim", 0, 10)])
    scores = compare([article], ["A", "B"]).pair("A", "B").tag("Claim").exact
    assert (scores.matched, scores.a_spans, scores.b_spans) == (1, 2, 1)


# -- per article, confusion, more coders -----------------------------------------------------------

def test_per_article_finds_where_coders_diverge():
    articles = [
        ArticleCoding("same", 20, [("A", "Claim", 0, 10), ("B", "Claim", 0, 10)]),
        ArticleCoding("apart", 20, [("A", "Claim", 0, 10), ("B", "Claim", 8, 18)]),
    ]
    pair = compare(articles, ["A", "B"], per_article=True).pair("A", "B")
    worst = min(pair.per_article, key=lambda a: a.kappa)
    assert worst.article_id == "apart"
    assert worst.differing_characters == 16
    assert [a.article_id for a in pair.per_article] == ["same", "apart"]


def test_per_article_kappa_matches_sklearn_on_that_article():
    articles = [
        ArticleCoding("x", 40, [("A", "Claim", 0, 10), ("B", "Claim", 3, 12), ("A", "Quote", 20, 30)]),
        ArticleCoding("y", 25, [("A", "Claim", 1, 4), ("B", "Quote", 2, 9)]),
    ]
    pair = compare(articles, ["A", "B"], per_article=True).pair("A", "B")
    for art, measured in zip(articles, pair.per_article):
        xs, ys = reference_pair([art], "A", "B", ["Claim", "Quote"])
        assert close(measured.kappa, sklearn_kappa(xs, ys))
        assert close(measured.alpha, library_alpha([xs, ys]))


def test_confusion_counts_characters_by_tag_pair():
    article = ArticleCoding("a1", 20, [("A", "Claim", 0, 10), ("B", "Quote", 5, 10)])
    confusion = compare([article], ["A", "B"], tags=["Claim", "Quote"]).pair("A", "B").confusion
    assert confusion.labels == ["Claim", "Quote", NONE_LABEL]
    assert confusion.counts == [[0, 5, 5], [0, 0, 0], [0, 0, 10]]


def test_three_coders_give_three_pairs_and_one_group_alpha():
    article = ArticleCoding("a1", 30, [("A", "Claim", 0, 10), ("B", "Claim", 0, 10), ("C", "Claim", 5, 15)])
    report = compare([article], ["A", "B", "C"])
    assert [(p.a, p.b) for p in report.pairs] == [("A", "B"), ("A", "C"), ("B", "C")]
    rows = [character_labels(article, c, ["Claim"]) for c in "ABC"]
    assert close(report.group.overall, library_alpha(rows))


# -- cross-checks on generated data ---------------------------------------------------------------

TAGS = ["Claim", "Quote", "Source"]


@st.composite
def corpora(draw, coders=("A", "B")):
    articles = []
    for index in range(draw(st.integers(1, 4))):
        length = draw(st.integers(1, 40))
        spans = []
        for coder in coders:
            for _ in range(draw(st.integers(0, 4))):
                start = draw(st.integers(0, length - 1))
                end = draw(st.integers(start + 1, length))
                spans.append((coder, draw(st.sampled_from(TAGS)), start, end))
        articles.append(ArticleCoding(f"art{index}", length, spans))
    return articles


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_pair_figures_equal_sklearn_and_krippendorff(articles):
    pair = compare(articles, ["A", "B"], tags=TAGS).pair("A", "B")
    xs, ys = reference_pair(articles, "A", "B", TAGS)
    assert close(pair.overall.kappa, sklearn_kappa(xs, ys))
    assert close(pair.overall.alpha, library_alpha([xs, ys]))
    for tag in TAGS:
        xt, yt = reference_pair(articles, "A", "B", TAGS, tag=tag)
        assert close(pair.tag(tag).kappa, sklearn_kappa(xt, yt))
        assert close(pair.tag(tag).alpha, library_alpha([xt, yt]))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(coders=("A", "B", "C")))
def test_group_alpha_equals_krippendorff_with_missing_coders(articles):
    report = compare(articles, ["A", "B", "C"], tags=TAGS)
    rows = [[], [], []]
    for art in articles:
        for row, coder in zip(rows, "ABC"):
            coded = coder in art.coded_by()
            row += character_labels(art, coder, TAGS) if coded else [None] * art.length
    assert close(report.group.overall, library_alpha(rows))
    for tag in TAGS:
        binary = [[None if v is None else tag in v.split("+") for v in row] for row in rows]
        assert close(report.group.per_tag[tag], library_alpha(binary))


@settings(max_examples=100, deadline=None)
@given(corpora())
def test_span_scores_are_consistent(articles):
    pair = compare(articles, ["A", "B"], tags=TAGS, per_article=True).pair("A", "B")
    for scores in (pair.overall.exact, pair.overall.overlap):
        assert 0 <= scores.matched <= min(scores.a_spans, scores.b_spans)
    assert pair.overall.exact.matched <= pair.overall.overlap.matched
    assert sum(a.overlap.matched for a in pair.per_article) == pair.overall.overlap.matched
    assert pair.overall.tag == ALL_TAGS


def brute_force_overlap(articles, a, b):
    """Greedy one-to-one overlap matching written the slow, obvious way."""
    matched = 0
    for art in articles:
        if not {a, b} <= art.coded_by():
            continue
        xs = [(s, e, t) for c, t, s, e in art.spans if c == a]
        ys = [(s, e, t) for c, t, s, e in art.spans if c == b]
        pairs = sorted(
            (-(min(x[1], y[1]) - max(x[0], y[0])), x[0], i, y[0], j)
            for i, x in enumerate(xs) for j, y in enumerate(ys)
            if x[2] == y[2] and min(x[1], y[1]) > max(x[0], y[0])
        )
        used_x, used_y = set(), set()
        for _, _, i, _, j in pairs:
            if i not in used_x and j not in used_y:
                used_x.add(i)
                used_y.add(j)
                matched += 1
    return matched


@settings(max_examples=100, deadline=None)
@given(corpora())
def test_overlap_matching_equals_a_brute_force_greedy(articles):
    pair = compare(articles, ["A", "B"], tags=TAGS).pair("A", "B")
    assert pair.overall.overlap.matched == brute_force_overlap(articles, "A", "B")


def test_a_codebook_of_more_than_62_tags_uses_the_row_path():
    tags = [f"t{i}" for i in range(70)]
    article = ArticleCoding("a1", 80, [("A", t, i, i + 5) for i, t in enumerate(tags)]
                            + [("B", t, i, i + 4) for i, t in enumerate(tags[::2])])
    pair = compare([article], ["A", "B"], tags=tags).pair("A", "B")
    xs, ys = reference_pair([article], "A", "B", tags)
    assert close(pair.overall.kappa, sklearn_kappa(xs, ys))
