"""A bundle: articles, tags and annotations read from somewhere else.

Every reader of an exchange format (our JSONL, brat, REFI-QDA) and of a colleague's project
returns a :class:`Bundle`; ``annotator.actions.bundle_import`` brings one into a project. That
keeps "what the file says" apart from "how it joins our project".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.memos import ArticleMemo
from annotator.core.model import Annotation, Article, Tag


@dataclass(frozen=True)
class Relation:
    """A typed link between two annotations of a bundle (brat ``R``, doccano and Label Studio
    relations). An annotation may have many; its first also becomes its ``linked_id``."""

    source_id: str
    target_id: str
    type: str = ""


@dataclass
class Bundle:
    """What a file holds. ``annotations[i].tag_id`` refers to ``tags[j].id`` of this bundle;
    ``annotations[i].article_id`` to ``articles[k].id``, which is the content id of its text."""

    articles: list[Article] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    memos: list[ArticleMemo] = field(default_factory=list)  # coders' article memos (``article_id`` as above)
    source: str = ""  # where it came from, for messages
    problems: list[str] = field(default_factory=list)  # what the reader could not take
    # Codings the reader refused, counted by reason (each also explained in ``problems``).
    refused: dict[str, int] = field(default_factory=dict)
    offsets: str = ""  # the offset convention the reader applied, and why, for the summary
    # What the file had that came in as something else, counted ("document labels as article
    # metadata 'labels'": 3), so the summary can say where it went.
    kept_as: dict[str, int] = field(default_factory=dict)

    def refuse(self, reason: str, detail: str = "", count: int = 1) -> None:
        """Record ``count`` codings left out for ``reason`` (a short phrase), ``detail`` saying
        which and why in full."""
        self.refused[reason] = self.refused.get(reason, 0) + count
        if detail:
            self.problems.append(detail)

    def annotators(self) -> list[str]:
        return sorted({a.annotator for a in self.annotations})
