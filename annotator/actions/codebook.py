"""Codebook edits as operations, in the shape of :mod:`annotator.actions.editing`: add, rename,
recolour, re-key, edit definition/example/fields, reorder, retire. Each is one transaction,
checked against the codebook's rules first, and returns a :class:`~annotator.core.changes.Change`
whose ``tags`` hold whole tags before and after, so ``editing.revert`` undoes it and
``editing.apply`` redoes it (a :class:`~annotator.actions.history.History` or the window's
undo stack). A change the rules refuse raises :class:`~annotator.core.codebook.CodebookError`
with one line and writes nothing; an unknown tag id raises ``KeyError``.

Annotations refer to tags by id, so a rename or a new colour carries every annotation along;
retiring hides a tag from tagging and keeps its annotations. Only a tag added by the step being
undone is ever deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotator.actions import editing
from annotator.core import codebook as rules
from annotator.core.changes import Change, TagChange
from annotator.core.model import Tag

__all__ = ["add_tag", "describe_tag_edit", "recolour_tag", "rekey_tag", "rename_tag", "reorder_tags",
           "retire_tag", "update_tag"]


def add_tag(project, name: str = "", colour: str = "", **values) -> Change:
    """A new tag at the end of the codebook. Without a name it is "New tag" ("New tag 2", …);
    without a colour it takes the first free colour of the palette."""
    with editing.transaction(project):
        existing = project.codebook.tags()
        names = {t.name.casefold() for t in existing}
        if not name.strip():
            name = next(n for n in ("New tag", *(f"New tag {i}" for i in range(2, 10_000)))
                        if n.casefold() not in names)
        tag = Tag(name=name.strip(), colour=colour or rules.next_colour(existing),
                  position=max((t.position for t in existing), default=-1) + 1, **values)
        rules.validate(existing + [tag])
        change = Change(f"Add tag {tag.name}", tags=(TagChange(None, tag),))
        editing.apply(project, change)
    return change


def update_tag(project, tag: Tag) -> Change:
    """Save ``tag`` (matched by id) as given: name, colour, key, definition, example, fields,
    retired. Returns an empty change when nothing differs."""
    with editing.transaction(project):
        old = _require(project, tag.id)
        new = replace(tag, name=tag.name.strip(), position=old.position)
        if new == old:
            return Change(f"Edit {old.name}")
        rules.validate([t for t in project.codebook.tags() if t.id != tag.id] + [new])
        change = Change(describe_tag_edit(old, new), tags=(TagChange(old, new),))
        editing.apply(project, change)
    return change


def rename_tag(project, tag_id: str, name: str) -> Change:
    return update_tag(project, replace(_require(project, tag_id), name=name))


def recolour_tag(project, tag_id: str, colour: str) -> Change:
    return update_tag(project, replace(_require(project, tag_id), colour=colour))


def rekey_tag(project, tag_id: str, key: str) -> Change:
    """Give the tag the key ``key`` ("" for none)."""
    return update_tag(project, replace(_require(project, tag_id), key=key.strip()))


def retire_tag(project, tag_id: str, retired: bool = True) -> Change:
    """Stop offering a tag for tagging (``retired=False`` brings it back); its annotations stay."""
    return update_tag(project, replace(_require(project, tag_id), retired=retired))


def reorder_tags(project, tag_ids: Sequence[str]) -> Change:
    """Put the tags in this order (tags not named keep their order after them)."""
    with editing.transaction(project):
        current = project.codebook.tags()
        known = {t.id: t for t in current}
        unknown = [i for i in tag_ids if i not in known]
        if unknown:
            raise KeyError(f"no tag {unknown[0]}")
        order = list(dict.fromkeys(tag_ids)) + [t.id for t in current if t.id not in tag_ids]
        moved = tuple(
            TagChange(known[tag_id], replace(known[tag_id], position=position))
            for position, tag_id in enumerate(order)
            if known[tag_id].position != position
        )
        change = Change("Reorder tags", tags=moved)
        if moved:
            editing.apply(project, change)
    return change


def describe_tag_edit(old: Tag, new: Tag) -> str:
    """The Edit menu's name for a tag edit, e.g. "Rename Quote to Quotation"."""
    what = []
    if old.name != new.name:
        what.append(f"Rename {old.name} to {new.name}")
    if old.colour != new.colour:
        what.append(f"Recolour {new.name}")
    if old.key != new.key:
        what.append(f"Set key of {new.name}" if new.key else f"Clear key of {new.name}")
    if old.retired != new.retired:
        what.append(f"Retire {new.name}" if new.retired else f"Bring back {new.name}")
    if old.fields != new.fields:
        what.append(f"Edit fields of {new.name}")
    if (old.definition, old.example) != (new.definition, new.example):
        what.append(f"Edit definition of {new.name}")
    return what[0] if len(what) == 1 else f"Edit {new.name}"


def _require(project, tag_id: str) -> Tag:
    tag = project.codebook.get(tag_id)
    if tag is None:
        raise KeyError(f"no tag {tag_id}")
    return tag
