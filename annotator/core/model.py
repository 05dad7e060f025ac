"""The plain records the core and storage pass around."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any


class Status(str, Enum):
    """An article's review status in the coding workflow."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class FieldType(str, Enum):
    """The kinds of value a tag field can hold."""

    TEXT = "text"
    CHOICE = "choice"  # one of a list
    YESNO = "yesno"


def now_iso() -> str:
    """The current UTC time as ISO 8601 with seconds, e.g. ``2026-11-25T10:33:00+00:00``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_uuid() -> str:
    return str(uuid.uuid4())


@dataclass
class TagField:
    """A value a researcher fills in per annotation of a tag (e.g. a quote's speaker)."""

    name: str
    type: FieldType = FieldType.TEXT
    choices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "type": self.type.value}
        if self.type is FieldType.CHOICE:
            data["choices"] = list(self.choices)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "TagField":
        return cls(
            name=str(data["name"]),
            type=FieldType(data.get("type", "text")),
            choices=[str(c) for c in data.get("choices", [])],
        )


@dataclass
class Tag:
    """One code of the codebook."""

    name: str
    colour: str  # "#rrggbb"
    key: str = ""  # the keyboard key that applies it, "" for none
    definition: str = ""
    example: str = ""
    fields: list[TagField] = field(default_factory=list)
    position: int = 0
    retired: bool = False
    id: str = field(default_factory=new_uuid)

    def field_named(self, name: str) -> TagField | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass
class NewArticle:
    """An article as an importer found it, before it has a place in a project."""

    text: str  # already normalised
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    source_file: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Article:
    """A stored article. Its ``text`` never changes once stored."""

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    source_file: str = ""
    imported_at: str = ""
    status: Status = Status.TODO
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Annotation:
    """A tagged passage ``text[start:end]`` of one article, by one annotator."""

    article_id: str
    tag_id: str
    start: int
    end: int
    text: str
    annotator: str
    context_before: str = ""
    context_after: str = ""
    note: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    linked_id: str | None = None
    reviewer: str = ""
    created_at: str = field(default_factory=now_iso)
    updated_at: str = ""
    id: str = field(default_factory=new_uuid)

    def __post_init__(self) -> None:
        if not self.updated_at:
            self.updated_at = self.created_at
