"""The codebook as REFI-QDA codes: the ``.qdc`` file, and the ``<CodeBook>`` of a ``.qdpx``.

REFI codes have a name, a GUID, a colour, ``isCodable`` and a Description. Our tags carry more
(key, example, fields, retired), so the Description holds the definition for any QDA tool to
show, then, if there is more, a readable ``Example:`` paragraph and a last paragraph
``annotator: {json}`` with key, example, fields and retired. Reading a file we wrote gives the
tags back exactly; reading another tool's file keeps its Description as the definition. Retired
tags are written ``isCodable="false"``. Nested codes of other tools are flattened into one tag
per code named with its path (``Parent/Child``); a category that cannot be coded and has
children becomes part of its children's names, not a tag.

Characters XML 1.0 cannot hold (control characters other than tab and newline) are replaced by
U+FFFD in names and descriptions.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Iterator
from xml.etree import ElementTree as ET

from annotator.core.codebook import PALETTE, CodebookError, validate
from annotator.core.formats.safe_archive import parse_xml
from annotator.core.model import Tag, TagField

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
ORIGIN = "annotator"
GUID_NAMESPACE = uuid.UUID("6f1c43a4-3f35-4b4e-9a55-2f4f1e0c7d21")  # for GUIDs we derive by name
_TRAILER = "annotator: "
_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_RGB = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def to_qdc(tags: Iterable[Tag]) -> str:
    """The codebook as a REFI-QDA ``.qdc`` document (valid against ``Codebook.xsd``)."""
    root = codebook_element(tags)
    root.set("xmlns", CODEBOOK_NS)
    root.set("origin", ORIGIN)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def from_qdc(document: str) -> list[Tag]:
    """Parse a ``.qdc`` codebook; raise :class:`CodebookError` with a plain reason."""
    try:
        root = parse_xml(document.encode("utf-8"), "codebook")
    except ValueError as error:
        raise CodebookError(str(error)) from error
    if local_name(root.tag) != "CodeBook":
        raise CodebookError(f"not a REFI-QDA codebook (the root element is <{local_name(root.tag)}>)")
    codes = child(root, "Codes")
    if codes is None:
        raise CodebookError("not a REFI-QDA codebook (no <Codes> element)")
    try:
        tags = list(tags_from_codes(codes))
    except ValueError as error:
        raise CodebookError(str(error)) from error
    validate(tags)
    return tags


# -- writing -----------------------------------------------------------------------------------


def codebook_element(tags: Iterable[Tag]) -> ET.Element:
    """``<CodeBook><Codes>…`` with un-prefixed tags: the caller's default namespace applies."""
    root = ET.Element("CodeBook")
    codes = ET.SubElement(root, "Codes")
    for tag in sorted(tags, key=lambda t: t.position):
        code = ET.SubElement(
            codes, "Code", guid=code_guid(tag), name=xml_safe(tag.name),
            isCodable="false" if tag.retired else "true",
        )
        if _RGB.match(tag.colour or ""):
            code.set("color", tag.colour)
        description = describe(tag)
        if description:
            ET.SubElement(code, "Description").text = xml_safe(description)
    if not len(codes):
        # The schema wants at least one code; an empty codebook gets a harmless placeholder.
        ET.SubElement(codes, "Code", guid=str(uuid.uuid5(GUID_NAMESPACE, "empty")), name="(no codes)", isCodable="false")
    return root


def code_guid(tag: Tag) -> str:
    """The tag's id if it is a GUID (it is for every tag we create), else one derived from its name."""
    match = _GUID.match(tag.id or "")
    return match.group(1) if match else str(uuid.uuid5(GUID_NAMESPACE, "tag:" + tag.name))


def describe(tag: Tag) -> str:
    """The Description: definition, then an Example paragraph and our JSON trailer if needed."""
    extra = {}
    if tag.key:
        extra["key"] = tag.key
    if tag.example:
        extra["example"] = tag.example
    if tag.fields:
        extra["fields"] = [f.to_json() for f in tag.fields]
    if tag.retired:
        extra["retired"] = True
    if not extra:
        return tag.definition
    parts = [tag.definition] if tag.definition else []
    if tag.example:
        parts.append("Example: " + tag.example)
    parts.append(_TRAILER + json.dumps(extra, ensure_ascii=True, sort_keys=True))
    return "\n\n".join(parts)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _INVALID_XML.sub("\ufffd", text)


# -- reading -----------------------------------------------------------------------------------


def tags_from_codes(codes: ET.Element) -> Iterator[Tag]:
    """Every code under ``<Codes>`` as a tag, nested codes flattened into ``Parent/Child`` names."""
    position = 0
    for path, code in walk_codes(codes):
        has_children = any(local_name(c.tag) == "Code" for c in code)
        codable = (code.get("isCodable") or "true").strip().lower() in ("true", "1")
        if has_children and not codable:
            continue  # a category: only a prefix of its children's names
        yield tag_from_code(code, path, position)
        position += 1


def walk_codes(parent: ET.Element, prefix: str = "") -> Iterator[tuple[str, ET.Element]]:
    """(path, element) for each ``<Code>`` below ``parent``, depth first, in document order."""
    for code in parent:
        if local_name(code.tag) != "Code":
            continue
        name = (code.get("name") or "").strip()
        if not name:
            raise ValueError(f"a code (GUID {code.get('guid')}) has no name")
        path = f"{prefix}/{name}" if prefix else name
        yield path, code
        yield from walk_codes(code, path)


def tag_from_code(code: ET.Element, name: str, position: int) -> Tag:
    guid = normal_guid(code.get("guid") or "")
    if guid is None:
        raise ValueError(f"code {name!r} has no valid GUID ({code.get('guid')!r})")
    description_element = child(code, "Description")
    description = (description_element.text or "") if description_element is not None else ""
    definition, extra = split_description(description)
    colour = code.get("color") or ""
    if _RGB.match(colour) and len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    if not _RGB.match(colour):
        colour = PALETTE[position % len(PALETTE)]
    codable = (code.get("isCodable") or "true").strip().lower() in ("true", "1")
    try:
        fields = [TagField.from_json(f) for f in extra.get("fields", [])]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"code {name!r}: its fields are malformed ({error})") from error
    return Tag(
        id=guid, name=name, colour=colour, key=str(extra.get("key", "")),
        definition=definition, example=str(extra.get("example", "")), fields=fields,
        position=position, retired=bool(extra.get("retired", not codable)),
    )


def split_description(description: str) -> tuple[str, dict]:
    """(definition, our extra data) from a Description written by :func:`describe` or anyone."""
    head, marker, trailer = description.rpartition("\n\n" + _TRAILER)
    if not marker:
        if not description.startswith(_TRAILER):
            return description, {}
        head, trailer = "", description[len(_TRAILER):]
    try:
        extra = json.loads(trailer)
    except json.JSONDecodeError:
        return description, {}
    if not isinstance(extra, dict):
        return description, {}
    example = extra.get("example")
    if example:
        for ending in ("\n\nExample: " + example, "Example: " + example):
            if head.endswith(ending) and (ending.startswith("\n") or head == ending):
                head = head[: -len(ending)]
                break
    return head, extra


def normal_guid(value: str) -> str | None:
    """A GUID in our canonical form (lower case, no braces), or None if it is not one."""
    match = _GUID.match(value.strip())
    return match.group(1).lower() if match else None


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)


def children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if local_name(c.tag) == name]
