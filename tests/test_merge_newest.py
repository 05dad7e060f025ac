"""The newest-wins rule memos and article values are merged by (actions.merge_newest)."""

from __future__ import annotations

from annotator.actions.merge_newest import NewestWins
from annotator.core.memos import ArticleMemo


def memo(text: str, updated_at: str, annotator: str = "ana") -> ArticleMemo:
    return ArticleMemo("a1", annotator, text, updated_at)


def test_theirs_is_written_where_it_differs_and_is_newer():
    plan = NewestWins()
    ours, theirs = memo("old", "2026-11-01T10:00:00"), memo("new", "2026-11-02T10:00:00")
    plan.offer(ours, theirs, same=False)
    assert (plan.to_write, plan.already_present, plan.by_annotator()) == ([theirs], 0, {"ana": 1})


def test_ours_changed_later_stands_but_still_counts_as_differing():
    plan = NewestWins()
    plan.offer(memo("mine", "2026-11-03T10:00:00"), memo("theirs", "2026-11-02T10:00:00"), same=False)
    assert (plan.to_write, plan.already_present, plan.by_annotator()) == ([], 1, {"ana": 1})


def test_the_same_item_is_already_present_and_not_differing():
    plan = NewestWins()
    plan.offer(memo("same", "2026-11-01T10:00:00"), memo("same", "2026-11-05T10:00:00"), same=True)
    assert (plan.to_write, plan.already_present, plan.by_annotator()) == ([], 1, {})


def test_an_item_we_lack_is_written_and_counted_under_its_arriving_name():
    plan = NewestWins()
    theirs = memo("first", "2026-11-01T10:00:00", annotator="bob (laptop)")
    plan.offer(None, theirs, same=False)
    assert (plan.to_write, plan.by_annotator()) == ([theirs], {"bob (laptop)": 1})
