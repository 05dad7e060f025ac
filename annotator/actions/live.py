"""Colleagues' changes on a server study, as the changes the window already understands.

:func:`listen` gives a listener for a server study (None for a file: nobody else writes it).
:func:`changes_for` turns what the server announced into a
:class:`~annotator.core.changes.Change` for the open article — re-reading each row through the
coder's own connection, so row-level security decides what they may see — plus which other
articles and whether the codebook changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from annotator.core.changes import Change
from annotator.core.article_annotations import ArticleAnnotations
from annotator.core.model import Annotation


@dataclass
class LiveUpdate:
    change: Change  # for the open article
    other_articles: set[str] = field(default_factory=set)  # their corpus rows need a refresh
    codebook: bool = False
    settings: bool = False  # blind coding, assignment: what a coder may see changed


def listen(project):
    """A :class:`~annotator.storage.pg.listen.ChangeListener` for a server study, else None."""
    from annotator.storage.pg.project import ServerProject

    if not isinstance(project, ServerProject):
        return None
    from annotator.storage.pg.listen import ChangeListener

    return ChangeListener(project.url)


def listen_again(project):
    """A new listener once the old one's connection dropped, or None while the server is away."""
    from annotator.storage.errors import ProjectError

    try:
        return listen(project)
    except ProjectError:
        return None


def changes_for(project, events: Iterable, model: ArticleAnnotations) -> LiveUpdate:
    """What ``events`` mean for a window whose open article is ``model``. Nothing, when the
    rows cannot be read (the connection dropped, the study was closed): the window reads the
    open article again once it is back on the server."""
    from annotator.storage.errors import ConnectionLostError

    try:
        return _changes_for(project, list(events), model)
    except ConnectionLostError:
        return LiveUpdate(Change(label=""))


def _changes_for(project, events: list, model: ArticleAnnotations) -> LiveUpdate:
    open_article = model.article_id
    update = LiveUpdate(Change(label=""))
    added, updated, removed = [], [], []
    for event in events:
        if event.table == "tags":
            update.codebook = True
        elif event.table in ("project", "assignments"):
            update.settings = True
        elif event.table == "annotations":
            if event.article_id != open_article:
                update.other_articles.add(event.article_id)
                continue
            after = None if event.op == "DELETE" else project.annotations.get(event.id)
            before = _as_shown(model, event.id, after)
            if before is None and after is not None:
                added.append(after)
            elif before is not None and after is None:
                removed.append(before)
            elif before is not None and after is not None and before != after:
                updated.append((before, after))
    if added or updated or removed:
        update.change = Change(label="", added=tuple(added), updated=tuple(updated), removed=tuple(removed))
        update.other_articles.add(open_article)
    return update


def _as_shown(model: ArticleAnnotations, annotation_id: str, after: Annotation | None) -> Annotation | None:
    """The annotation as the window shows it now. A passage the window knows only by its span
    (never loaded whole) stands as the stored record with the shown bounds and tag."""
    cached = model.cached(annotation_id)
    if cached is not None:
        return cached
    ref = model.ref(annotation_id)
    if ref is None:
        return None
    if after is None:
        return model.get(annotation_id)  # deleted there, still shown here: read it as it was
    return replace(after, start=ref.start, end=ref.end, tag_id=ref.tag_id)
