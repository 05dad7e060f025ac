"""A bundle: articles, tags and annotations read from somewhere else.

Every reader of an exchange format (our JSONL, brat, REFI-QDA) and of a colleague's project
returns a :class:`Bundle`; ``annotator.actions.bundle_import`` brings one into a project. That
keeps "what the file says" apart from "how it joins our project".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.model import Annotation, Article, Tag


@dataclass
class Bundle:
    """What a file holds. ``annotations[i].tag_id`` refers to ``tags[j].id`` of this bundle;
    ``annotations[i].article_id`` to ``articles[k].id``, which is the content id of its text."""

    articles: list[Article] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    source: str = ""  # where it came from, for messages
    problems: list[str] = field(default_factory=list)  # what the reader could not take

    def annotators(self) -> list[str]:
        return sorted({a.annotator for a in self.annotations})
