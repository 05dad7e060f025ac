"""An annotation's links for an export: the one link it has (``linked_id``) and the typed
relations other tools gave it (kept in storage's ``annotation_relations``)."""

from __future__ import annotations

from annotator.core.bundle import Bundle, Relation
from annotator.core.model import Annotation

LINK_TYPE = "linked"  # the type an export gives the plain link


def links_of(annotation: Annotation, relations: dict[str, list[tuple[str, str]]],
             link_type: str = LINK_TYPE) -> list[tuple[str, str]]:
    """Every ``(target id, type)`` of an annotation: its typed relations, and its link unless a
    relation already joins the same two."""
    typed = list(relations.get(annotation.id, []))
    if annotation.linked_id and all(target != annotation.linked_id for target, _ in typed):
        typed.insert(0, (annotation.linked_id, link_type))
    return typed


def add_relation(bundle: Bundle, source: Annotation, target_id: str, kind: str) -> None:
    """Record a relation read from a file: its first becomes the source's link; our own plain
    link (type ``linked``) is only that, every other relation is also kept with its type."""
    is_link = source.linked_id in (None, target_id)
    if source.linked_id is None:
        source.linked_id = target_id
    if not (is_link and kind.casefold() == LINK_TYPE):
        bundle.relations.append(Relation(source.id, target_id, kind))
