"""Codebook edits as operations without Qt: each returns a Change whose inverse restores the
codebook exactly, History undoes and redoes them, refused edits write nothing."""

from __future__ import annotations

import pytest

from annotator.actions import codebook as ops
from annotator.actions import editing
from annotator.actions.history import History
from annotator.core.codebook import CodebookError
from annotator.core.model import FieldType, NewArticle, TagField


def snapshot(project):
    return [(t.id, t.name, t.colour, t.key, t.definition, t.example, t.fields, t.position, t.retired)
            for t in project.codebook.tags()]


@pytest.fixture
def coded(project):
    """Two coders' annotations under Quote and Claim, so edits have something to carry."""
    text = "The mayor said the river plan would cost less than the bridge."
    article = project.articles.add(NewArticle(text=text, title="Plan"))
    tags = {t.name: t for t in project.codebook.tags()}
    for annotator in ("ana", "ben"):
        project.annotations.create(article, tags["Quote"].id, 15, 40, annotator)
        project.annotations.create(article, tags["Claim"].id, 41, 62, annotator)
    return project, tags


def test_add_undo_redo(coded):
    project, _ = coded
    before = snapshot(project)
    history = History(project)
    change = history.push(ops.add_tag(project))
    assert change.label == "Add tag New tag" and project.codebook.by_name("New tag") is not None
    assert history.push(ops.add_tag(project)).label == "Add tag New tag 2"
    history.undo()
    history.undo()
    assert snapshot(project) == before
    history.redo()
    assert project.codebook.by_name("New tag").position == len(before)


def test_rename_carries_the_annotations_and_undoes(coded):
    project, tags = coded
    before = snapshot(project)
    change = ops.rename_tag(project, tags["Quote"].id, "Quotation")
    assert change.label == "Rename Quote to Quotation"
    quotes = [a for a in project.annotations.iter_all() if a.tag_id == tags["Quote"].id]
    assert len(quotes) == 2 and project.codebook.get(tags["Quote"].id).name == "Quotation"
    editing.revert(project, change)
    assert snapshot(project) == before


@pytest.mark.parametrize("edit, label", [
    (lambda p, t: ops.recolour_tag(p, t["Claim"].id, "#112233"), "Recolour Claim"),
    (lambda p, t: ops.rekey_tag(p, t["Claim"].id, "c"), "Set key of Claim"),
    (lambda p, t: ops.rekey_tag(p, t["Claim"].id, ""), "Clear key of Claim"),
    (lambda p, t: ops.retire_tag(p, t["Claim"].id), "Retire Claim"),
    (lambda p, t: ops.update_tag(p, type(t["Claim"])(**{**t["Claim"].__dict__, "fields": [
        TagField("checkable", FieldType.YESNO), TagField("topic", FieldType.CHOICE, ["economy", "health"])]})),
     "Edit fields of Claim"),
    (lambda p, t: ops.update_tag(p, type(t["Claim"])(**{**t["Claim"].__dict__, "definition": "Checkable."})),
     "Edit definition of Claim"),
])
def test_each_edit_is_named_and_its_inverse_restores_the_codebook(coded, edit, label):
    project, tags = coded
    before = snapshot(project)
    change = edit(project, tags)
    assert change.label == label and snapshot(project) != before
    editing.revert(project, change)
    assert snapshot(project) == before
    editing.apply(project, change)
    assert snapshot(project) != before


def test_retiring_keeps_the_annotations(coded):
    project, tags = coded
    ops.retire_tag(project, tags["Claim"].id)
    assert project.codebook.get(tags["Claim"].id).retired
    assert sum(a.tag_id == tags["Claim"].id for a in project.annotations.iter_all()) == 2


def test_reorder_moves_only_what_moved_and_undoes(coded):
    project, tags = coded
    before = snapshot(project)
    names = [t.name for t in project.codebook.tags()]
    change = ops.reorder_tags(project, [tags["Quote"].id, tags["Claim"].id])
    assert [t.name for t in project.codebook.tags()][:2] == ["Quote", "Claim"]
    assert len(change.tags) == 2 and change.label == "Reorder tags"
    editing.revert(project, change)
    assert snapshot(project) == before and [t.name for t in project.codebook.tags()] == names


@pytest.mark.parametrize("edit, message", [
    (lambda p, t: ops.rename_tag(p, t["Quote"].id, "claim"), "already a tag named"),
    (lambda p, t: ops.rename_tag(p, t["Quote"].id, "  "), "needs a name"),
    (lambda p, t: ops.rekey_tag(p, t["Quote"].id, "1"), "is used by both"),
    (lambda p, t: ops.recolour_tag(p, t["Quote"].id, "red"), "#rrggbb"),
    (lambda p, t: ops.add_tag(p, "Quote"), "already a tag named"),
])
def test_a_refused_edit_says_why_in_one_line_and_writes_nothing(coded, edit, message):
    project, tags = coded
    before = snapshot(project)
    with pytest.raises(CodebookError, match=message) as error:
        edit(project, tags)
    assert "\n" not in str(error.value) and snapshot(project) == before


def test_an_unchanged_tag_is_an_empty_change(coded):
    project, tags = coded
    assert ops.update_tag(project, project.codebook.get(tags["Quote"].id)).empty


def test_a_tag_in_use_is_never_deleted(coded):
    project, tags = coded
    with pytest.raises(CodebookError, match="retire it"):
        project.codebook.delete(tags["Quote"].id)
