"""A coder's edit written to the unsent-edit journal comes back whole."""

from __future__ import annotations

import pytest

from annotator.core import change_codec
from annotator.core.changes import Change, StatusChange, TagChange, ValueChange
from annotator.core.model import Annotation, Status, Tag
from annotator.core.variables import ArticleValue


def _annotation(**values) -> Annotation:
    base = dict(article_id="a1", tag_id="t1", start=4, end=9, text="mayor", annotator="ana",
                note="two\nlines \u201cquoted\u201d \U0001F600", fields={"speaker": "=the mayor", "direct": True})
    return Annotation(**{**base, **values})


def test_an_edit_round_trips_through_json():
    added, old = _annotation(), _annotation(linked_id=None)
    new = _annotation(id=old.id, start=3, linked_id=added.id)
    change = Change(
        label="Add Quote", added=(added,), removed=(_annotation(),), updated=((old, new),),
        statuses=(StatusChange("a1", Status.TODO, Status.IN_PROGRESS),),
        values=(ValueChange(None, ArticleValue("a1", "v1", "ana", '"yes"')),),
        relations_removed=((added.id, old.id, "supports"),),
    )
    assert change_codec.decode(change_codec.encode(change)) == change


def test_a_codebook_edit_is_not_kept_offline():
    change = Change(label="Rename", tags=(TagChange(None, Tag(name="Quote", colour="#fff")),))
    assert not change_codec.can_encode(change)
    with pytest.raises(ValueError, match="only a coder's edits"):
        change_codec.encode(change)
