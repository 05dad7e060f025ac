"""The codebook: the news codebook a project starts with, its rules, and its JSON form."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from annotator.core.model import FieldType, Tag, TagField
from annotator.core.variables import Variable, VariableError, variables_from_json, variables_to_json

CODEBOOK_FORMAT = "annotator-codebook"
CODEBOOK_VERSION = 1
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# Okabe & Ito's palette: told apart by readers with any common colour-vision deficiency, and
# mid-luminance, so legible as highlights on light and on dark backgrounds.
PALETTE = ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#999999"]


class CodebookError(ValueError):
    """A codebook change that would break its rules (names, keys, colours, fields)."""


def news_codebook() -> list[Tag]:
    """The four tags a new project starts with."""
    return [
        Tag(
            name="Claim",
            colour=PALETTE[0],
            key="1",
            position=0,
            definition=(
                "A statement presented as fact that could, in principle, be checked against "
                "evidence: a number, a cause, a comparison, an event said to have happened. Tag "
                "the claim itself, not the sentence around it; opinions and predictions are not "
                "claims unless they rest on a stated fact."
            ),
            example="Unemployment in the region fell by 4 per cent last year.",
            fields=[TagField("checkable", FieldType.YESNO)],
        ),
        Tag(
            name="Quote",
            colour=PALETTE[1],
            key="2",
            position=1,
            definition=(
                "Words the article attributes to a speaker, either verbatim inside quotation "
                "marks (direct) or paraphrased in reported speech (indirect). Tag the quoted "
                "words only; tag who said them as a Source attribution and link the two."
            ),
            example="\u201cWe will not back down,\u201d the mayor said.",
            fields=[
                TagField("speaker", FieldType.TEXT),
                TagField("quote_type", FieldType.CHOICE, ["direct", "indirect"]),
            ],
        ),
        Tag(
            name="Source attribution",
            colour=PALETTE[2],
            key="3",
            position=2,
            definition=(
                "The phrase that tells the reader where information comes from: a named person, "
                "an official body, an anonymous source, a document, or the outlet's own "
                "reporting. Tag the attribution (\u201caccording to the ministry\u201d, "
                "\u201ca senior official said\u201d), not the information."
            ),
            example="according to a report seen by this newspaper",
            fields=[
                TagField("source_name", FieldType.TEXT),
                TagField(
                    "source_type",
                    FieldType.CHOICE,
                    ["named person", "official", "anonymous", "document", "own reporting", "other"],
                ),
            ],
        ),
        Tag(
            name="Sensational language",
            colour=PALETTE[3],
            key="4",
            position=3,
            definition=(
                "Wording chosen to provoke emotion rather than to inform: loaded adjectives, "
                "hyperbole, alarmist metaphors, superlatives without support. Tag the shortest "
                "phrase that carries the charge."
            ),
            example="a shocking, unprecedented catastrophe",
        ),
    ]


def validate(tags: Iterable[Tag]) -> None:
    """Raise :class:`CodebookError` unless names are unique (ignoring case), colours are
    ``#rrggbb``, active tags' keys are single characters used once, and fields are well formed."""
    names: set[str] = set()
    keys: dict[str, str] = {}
    for tag in tags:
        name = tag.name.strip()
        if not name:
            raise CodebookError("a tag needs a name")
        if name.casefold() in names:
            raise CodebookError(f"there is already a tag named {name!r}")
        names.add(name.casefold())
        if not _COLOUR.match(tag.colour):
            raise CodebookError(f"tag {name!r}: colour {tag.colour!r} is not of the form #rrggbb")
        if tag.key:
            if len(tag.key) != 1 or tag.key.isspace():
                raise CodebookError(f"tag {name!r}: key {tag.key!r} must be one character")
            if not tag.retired:
                if tag.key in keys:
                    raise CodebookError(f"key {tag.key!r} is used by both {keys[tag.key]!r} and {name!r}")
                keys[tag.key] = name
        field_names: set[str] = set()
        for f in tag.fields:
            if not f.name.strip():
                raise CodebookError(f"tag {name!r}: a field needs a name")
            if f.name in field_names:
                raise CodebookError(f"tag {name!r}: field {f.name!r} appears twice")
            field_names.add(f.name)
            if f.type is FieldType.CHOICE and not f.choices:
                raise CodebookError(f"tag {name!r}: field {f.name!r} needs a list of choices")


def next_colour(tags: Iterable[Tag]) -> str:
    """The first palette colour no tag uses yet (cycling when all are taken)."""
    used = {t.colour.upper() for t in tags}
    return next((c for c in PALETTE if c not in used), PALETTE[len(used) % len(PALETTE)])


def field_names(tags: Iterable[Tag]) -> list[str]:
    """Every field name of the codebook, in tag order, each once (CSV columns)."""
    names: list[str] = []
    for tag in sorted(tags, key=lambda t: t.position):
        for f in tag.fields:
            if f.name not in names:
                names.append(f.name)
    return names


def to_json(tags: Iterable[Tag], variables: Iterable[Variable] = ()) -> str:
    """The codebook as a JSON document (``annotator codebook --export``): the passage tags and
    the article-level variables."""
    doc = {
        "format": CODEBOOK_FORMAT,
        "version": CODEBOOK_VERSION,
        "tags": [
            {
                "id": t.id,
                "name": t.name,
                "colour": t.colour,
                "key": t.key,
                "definition": t.definition,
                "example": t.example,
                "fields": [f.to_json() for f in t.fields],
                "retired": t.retired,
            }
            for t in sorted(tags, key=lambda t: t.position)
        ],
        "variables": variables_to_json(variables),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def from_json(document: str) -> list[Tag]:
    """Parse a codebook JSON document's tags; raise :class:`CodebookError` with a plain reason."""
    return parse_json(document)[0]


def parse_json(document: str) -> tuple[list[Tag], list[Variable]]:
    """Parse a codebook JSON document: its tags and its article-level variables (a document
    without ``variables`` has none). Raises :class:`CodebookError` with a plain reason."""
    try:
        doc: Any = json.loads(document)
    except json.JSONDecodeError as error:
        raise CodebookError(f"not valid JSON (line {error.lineno}: {error.msg})") from error
    if not isinstance(doc, dict) or not isinstance(doc.get("tags"), list):
        raise CodebookError("not an annotator codebook (no \"tags\" list)")
    tags = []
    for position, item in enumerate(doc["tags"]):
        try:
            tag = Tag(
                name=str(item["name"]).strip(),
                colour=str(item.get("colour") or PALETTE[position % len(PALETTE)]),
                key=str(item.get("key") or ""),
                definition=str(item.get("definition") or ""),
                example=str(item.get("example") or ""),
                fields=[TagField.from_json(f) for f in item.get("fields") or []],
                position=position,
                retired=bool(item.get("retired", False)),
            )
            if item.get("id"):
                tag.id = str(item["id"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise CodebookError(f"tag {position + 1} is malformed ({error})") from error
        tags.append(tag)
    validate(tags)
    try:
        variables = variables_from_json(doc.get("variables"))
    except VariableError as error:
        raise CodebookError(str(error)) from error
    return tags, variables
