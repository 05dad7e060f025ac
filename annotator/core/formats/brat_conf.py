"""brat's ``annotation.conf`` and ``visual.conf``: the codebook as brat sees it, and back.

brat labels and attribute names cannot contain spaces, and attribute values are single tokens
from a declared list. So each tag gets a label (``Source attribution`` → ``Source_attribution``,
made unique), each field an attribute name, each value a token (whitespace and brat's separators
→ ``_``). ``annotation.conf`` declares them for brat, and also carries, in comment lines brat
ignores (``# annotator-tag`` / ``# annotator-attribute``), the exact tags (name, colour, key,
definition, example, fields) so that reading the folder back maps every label to its tag.
``visual.conf`` gives brat the display names and colours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from annotator.core.codebook import PALETTE
from annotator.core.model import FieldType, Tag, TagField

LINK_RELATION = "Linked"
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]")
_VALUE_UNSAFE = re.compile(r"[\s|,:=]+")
_TAG_COMMENT = "# annotator-tag\t"
_ATTRIBUTE_COMMENT = "# annotator-attribute\t"


def safe_name(name: str, taken: set[str]) -> str:
    """A brat type name for ``name``: ASCII letters, digits, ``_`` and ``-``, unique in ``taken``."""
    base = _UNSAFE.sub("_", name.strip()) or "Tag"
    if not base[0].isalpha():
        base = "T_" + base
    candidate, n = base, 2
    while candidate.casefold() in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate.casefold())
    return candidate


def value_token(field: TagField | None, value: Any) -> str | None:
    """The brat attribute value for a field value, or None if it has none (empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _VALUE_UNSAFE.sub("_", str(value)).strip("_") or "_"


def value_from_token(field: TagField | None, token: str | None) -> Any:
    """Our value for a brat attribute value (``None`` for a binary attribute: ``True``)."""
    if token is None:
        return True
    if field is not None and field.type is FieldType.YESNO and token in ("yes", "no"):
        return token == "yes"
    if field is not None and field.type is FieldType.CHOICE:
        return next((c for c in field.choices if value_token(field, c) == token), token)
    return token


class BratCodebook:
    """Labels for tags and attribute names for fields, both ways."""

    def __init__(self, tags: Iterable[Tag]):
        self.tags: list[Tag] = sorted(tags, key=lambda t: t.position)
        taken: set[str] = {LINK_RELATION.casefold()}
        self.labels = {t.id: safe_name(t.name, taken) for t in self.tags}
        self.by_label = {self.labels[t.id]: t for t in self.tags}
        self.attributes: dict[str, str] = {}  # field name -> attribute name
        self.values: dict[str, set[str]] = {}  # attribute name -> tokens used or offered
        self.arguments: dict[str, set[str]] = {}  # attribute name -> labels it applies to
        self._taken_attributes: set[str] = {LINK_RELATION.casefold()} | set(taken)
        self.relations: dict[str, str] = {}  # relation type -> its brat name, as used
        for tag in self.tags:
            for field in tag.fields:
                attribute = self.attribute(field.name, self.labels[tag.id])
                if field.type is FieldType.CHOICE:
                    self.values[attribute].update(value_token(field, c) or "_" for c in field.choices)
                elif field.type is FieldType.YESNO:
                    self.values[attribute].update(("yes", "no"))

    def attribute(self, field_name: str, label: str) -> str:
        """The attribute name of a field (registered on first use), applying to ``label``."""
        if field_name not in self.attributes:
            name = safe_name(field_name, self._taken_attributes)
            self.attributes[field_name] = name
            self.values[name] = set()
            self.arguments[name] = set()
        name = self.attributes[field_name]
        self.arguments[name].add(label)
        return name

    def relation(self, kind: str) -> str:
        """The brat relation type for ``kind`` (registered on first use; ``Linked`` for a link)."""
        if kind in (LINK_RELATION, ""):
            return LINK_RELATION
        if kind not in self.relations:
            taken = {LINK_RELATION.casefold()} | {r.casefold() for r in self.relations.values()}
            self.relations[kind] = safe_name(kind, taken) if _UNSAFE.search(kind) or not kind[0].isalpha() else kind
        return self.relations[kind]

    def annotation_conf(self) -> str:
        lines = [
            "# Written by annotator. brat ignores these comment lines; annotator reads them to",
            "# map labels and attributes back to its tags and fields exactly.",
        ]
        for tag in self.tags:
            lines.append(_TAG_COMMENT + self.labels[tag.id] + "\t" + json.dumps(_tag_json(tag), ensure_ascii=True))
        for field_name, attribute in self.attributes.items():
            lines.append(_ATTRIBUTE_COMMENT + attribute + "\t" + json.dumps(field_name, ensure_ascii=True))
        lines.append("[entities]")
        lines.extend(self.labels[t.id] for t in self.tags)
        lines += ["[relations]", f"{LINK_RELATION}\tArg1:<ENTITY>, Arg2:<ENTITY>"]
        lines += [f"{name}\tArg1:<ENTITY>, Arg2:<ENTITY>" for name in self.relations.values()]
        lines += ["[events]", "[attributes]"]
        for attribute in self.attributes.values():
            values, arguments = sorted(self.values[attribute]), sorted(self.arguments[attribute])
            if values and arguments:
                lines.append(f"{attribute}\tArg:{'|'.join(arguments)}, Value:{'|'.join(values)}")
        return "\n".join(lines) + "\n"

    def visual_conf(self) -> str:
        lines = ["[labels]"]
        lines += [f"{self.labels[t.id]} | {t.name.replace('|', '/')}" for t in self.tags]
        lines += [f"{LINK_RELATION} | linked", "[drawing]"]
        lines += [f"{self.labels[t.id]}\tbgColor:{t.colour}" for t in self.tags if t.colour]
        return "\n".join(lines) + "\n"


def _tag_json(tag: Tag) -> dict:
    return {
        "id": tag.id, "name": tag.name, "colour": tag.colour, "key": tag.key,
        "definition": tag.definition, "example": tag.example,
        "fields": [f.to_json() for f in tag.fields], "retired": tag.retired,
    }


class ParsedConf:
    """What a brat folder's configuration says: tags by label, field names by attribute."""

    def __init__(self, annotation_conf: str = "", visual_conf: str = ""):
        self.tags: dict[str, Tag] = {}  # label -> tag
        self.fields: dict[str, str] = {}  # attribute -> field name
        self.choices: dict[str, list[str]] = {}  # attribute -> declared values
        self.attribute_labels: dict[str, list[str]] = {}
        names, colours = _parse_visual(visual_conf)
        section = ""
        for raw in annotation_conf.splitlines():
            if raw.startswith(_TAG_COMMENT) or raw.startswith(_ATTRIBUTE_COMMENT):
                self._read_comment(raw)
                continue
            line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
            if not line.strip():
                continue
            if line.strip().startswith("[") and line.strip().endswith("]"):
                section = line.strip()[1:-1].strip().lower()
            elif section == "entities":
                label = line.strip().lstrip("!").strip()
                if label and label not in self.tags:
                    self.tags[label] = _foreign_tag(label, names, colours.get(label, ""))
            elif section == "attributes":
                self._read_attribute(line)
        for position, (label, tag) in enumerate(self.tags.items()):
            tag.position = position
            if not tag.colour:
                tag.colour = PALETTE[position % len(PALETTE)]
        self._visual_names, self._visual_colours = names, colours

    def _read_comment(self, raw: str) -> None:
        kind, name, payload = (raw.split("\t", 2) + ["", ""])[:3]
        try:
            data = json.loads(payload)
        except json.JSONDecodeError:
            return
        if kind.strip() == _TAG_COMMENT.strip() and isinstance(data, dict):
            try:
                tag = Tag(
                    name=str(data["name"]), colour=str(data.get("colour") or ""), key=str(data.get("key") or ""),
                    definition=str(data.get("definition") or ""), example=str(data.get("example") or ""),
                    fields=[TagField.from_json(f) for f in data.get("fields") or []],
                    retired=bool(data.get("retired", False)),
                )
            except (KeyError, TypeError, ValueError, AttributeError):
                return
            if data.get("id"):
                tag.id = str(data["id"])
            self.tags[name] = tag
        elif isinstance(data, str):
            self.fields[name] = data

    def _read_attribute(self, line: str) -> None:
        parts = line.strip().split(None, 1)
        if not parts:
            return
        name = parts[0]
        spec = parts[1] if len(parts) > 1 else ""
        for item in spec.split(","):
            key, _, value = item.strip().partition(":")
            if key == "Value":
                self.choices[name] = [v for v in value.split("|") if v]
            elif key == "Arg":
                self.attribute_labels[name] = [v for v in value.split("|") if v]

    def tag_for(self, label: str) -> Tag:
        """The tag of ``label``, created (with the next palette colour) if the conf lacks it."""
        if label not in self.tags:
            position = len(self.tags)
            self.tags[label] = _foreign_tag(
                label, self._visual_names, self._visual_colours.get(label, PALETTE[position % len(PALETTE)]))
            self.tags[label].position = position
        return self.tags[label]

    def field_name(self, attribute: str) -> str:
        return self.fields.get(attribute, attribute)

    def finish_fields(self) -> None:
        """Give tags read from a foreign conf the fields its attributes declare."""
        for attribute, labels in self.attribute_labels.items():
            name = self.field_name(attribute)
            for label in labels:
                tag = self.tags.get(label)
                if tag is None or tag.field_named(name) is not None:
                    continue
                choices = self.choices.get(attribute, [])
                field_type = FieldType.YESNO if not choices or set(choices) <= {"yes", "no"} else FieldType.CHOICE
                tag.fields.append(TagField(name, field_type, choices if field_type is FieldType.CHOICE else []))


def _foreign_tag(label: str, display_names: dict[str, str], colour: str) -> Tag:
    """A tag for a label another brat project uses: named by the type name its coders and
    scripts know (``GPE``), the ``visual.conf`` display label (``Geo-political entity``) as its
    definition."""
    display = display_names.get(label, "")
    return Tag(name=label, colour=colour, definition=display if display and display != label else "")


def _parse_visual(text: str) -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    colours: dict[str, str] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
        elif section == "labels":
            parts = [p.strip() for p in line.split("|")]
            if len(parts) > 1 and parts[1]:
                names[parts[0]] = parts[1]
        elif section == "drawing":
            label, _, spec = line.partition("\t") if "\t" in line else line.partition(" ")
            match = re.search(r"bgColor:(#[0-9A-Fa-f]{6})\b", spec)
            if match:
                colours[label.strip()] = match.group(1)
    return names, colours
