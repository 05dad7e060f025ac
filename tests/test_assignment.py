"""The assignment planner: an even split, a reliability sample, strata, seeds, by hand."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.assignment import (
    ArticleToAssign,
    AssignmentError,
    parse_overlap,
    plan_assignment,
)


def corpus(n: int, outlets=("Daily Ledger", "The Courier", "Metro Herald")) -> list[ArticleToAssign]:
    return [
        ArticleToAssign(f"a{i:04d}", outlets[i % len(outlets)], f"2026-{1 + i % 12:02d}-10")
        for i in range(n)
    ]


def test_every_article_is_assigned_and_loads_differ_by_at_most_one():
    plan = plan_assignment(corpus(100), ["ana", "ben", "cem"], overlap=15, seed=3)
    assert set(plan.coders_of) == {a.id for a in corpus(100)}
    assert len(plan.overlap) == 15
    loads = plan.load()
    assert sum(loads.values()) == 100 + 15
    assert max(loads.values()) - min(loads.values()) <= 1


def test_sampled_articles_have_two_distinct_coders_and_the_rest_one():
    plan = plan_assignment(corpus(60), ["ana", "ben", "cem"], overlap=12, seed=9)
    for article_id, coders in plan.coders_of.items():
        assert len(coders) == len(set(coders))
        assert len(coders) == (2 if article_id in plan.overlap else 1)
    pairs = Counter(frozenset(cs) for cs in plan.coders_of.values() if len(cs) > 1)
    assert len(pairs) == 3 and max(pairs.values()) - min(pairs.values()) <= 1  # every pair meets alike


def test_the_same_seed_gives_the_same_plan_whatever_the_input_order():
    articles = corpus(50)
    one = plan_assignment(articles, ["ana", "ben"], overlap=10, seed=42)
    two = plan_assignment(list(reversed(articles)), ["ana", "ben"], overlap=10, seed=42)
    assert one.coders_of == two.coders_of
    other = plan_assignment(articles, ["ana", "ben"], overlap=10, seed=43)
    assert other.overlap != one.overlap


def test_a_seed_is_drawn_and_reported_when_none_is_given():
    plan = plan_assignment(corpus(10), ["ana", "ben"], overlap=2)
    assert plan.seed > 0
    again = plan_assignment(corpus(10), ["ana", "ben"], overlap=2, seed=plan.seed)
    assert again.coders_of == plan.coders_of


def test_a_stratified_sample_takes_each_outlet_in_proportion():
    articles = [ArticleToAssign(f"x{i}", "Big" if i < 80 else "Small") for i in range(100)]
    plan = plan_assignment(articles, ["ana", "ben"], overlap=10, seed=1, stratify="outlet")
    by_outlet = Counter("Big" if int(a[1:]) < 80 else "Small" for a in plan.overlap)
    assert by_outlet == {"Big": 8, "Small": 2}


def test_a_stratified_split_gives_each_coder_a_share_of_every_stratum():
    articles = [ArticleToAssign(f"x{i:03d}", "Big" if i < 90 else "Small") for i in range(120)]
    plan = plan_assignment(articles, ["ana", "ben", "cem"], seed=5, stratify="outlet")
    small = [a.id for a in articles if a.outlet == "Small"]
    per_coder = Counter(plan.coders_of[a][0] for a in small)
    assert set(per_coder.values()) == {10}


def test_articles_assigned_by_hand_keep_their_coders():
    articles = corpus(20)
    plan = plan_assignment(articles, ["ana", "ben"], overlap=4, seed=2,
                           fixed={"a0000": ["ben"], "a0001": ["ana", "ben"]})
    assert plan.coders_of["a0000"] == ["ben"]
    assert plan.coders_of["a0001"] == ["ana", "ben"]
    assert len(plan.coders_of) == 20


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(coders=[]), "at least one coder"),
        (dict(coders=["ana", "Ana"]), "named twice"),
        (dict(coders=["ana"], overlap=3), "needs 2 coders"),
        (dict(coders=["ana", "ben"], overlap=11), "more than"),
        (dict(coders=["ana", "ben"], stratify="colour"), "cannot stratify"),
        (dict(coders=["ana", "ben"], fixed={"nope": ["ana"]}), "not in the project"),
        (dict(coders=["ana", "ben"], fixed={"a0000": ["zoe"]}), "not a coder"),
    ],
)
def test_impossible_plans_are_refused_with_a_reason(kwargs, message):
    with pytest.raises(AssignmentError, match=message):
        plan_assignment(corpus(10), **kwargs)


def test_no_articles_is_refused():
    with pytest.raises(AssignmentError, match="no articles"):
        plan_assignment([], ["ana"])


@pytest.mark.parametrize("text, total, expected", [("15%", 200, 30), ("0.1", 50, 5), ("7", 50, 7), ("0", 9, 0)])
def test_overlap_is_a_share_or_a_number(text, total, expected):
    assert parse_overlap(text, total) == expected


@pytest.mark.parametrize("text", ["abc", "150%", "-3", "60"])
def test_bad_overlaps_are_refused(text):
    with pytest.raises(AssignmentError):
        parse_overlap(text, 50)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 80), coders=st.integers(2, 5), share=st.floats(0, 1), seed=st.integers(1, 10**6),
       stratify=st.sampled_from([None, "outlet", "month"]))
def test_any_plan_covers_every_article_once_or_k_times(n, coders, share, seed, stratify):
    names = [f"c{i}" for i in range(coders)]
    overlap = round(share * n)
    plan = plan_assignment(corpus(n), names, overlap=overlap, seed=seed, stratify=stratify)
    assert len(plan.coders_of) == n and len(plan.overlap) == overlap
    assert all(len(cs) in (1, 2) for cs in plan.coders_of.values())
    loads = plan.load()  # the sample and the rest each go to the least loaded
    assert max(loads.values()) - min(loads.values()) <= 1
