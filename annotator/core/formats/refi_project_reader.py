"""Read a REFI-QDA project (``.qdpx``), ours or another tool's, into a :class:`Bundle`.

Tolerant of what tools really write: ``sources/`` or ``Sources/`` and any case in member names,
GUIDs in any case and in braces, BOMs, CRLF line endings, nested codes (flattened into
``Parent/Child`` tags), codes without colours, selections whose coder is named by
``creatingUser`` on the Coding or on the selection. Strict about what matters: the archive and
XML are checked by :mod:`safe_archive` first; every selection must lie inside its text; offsets
are converted from the file as shipped to our normalised text only where that is provably right
(see :mod:`shipped_text`); anything left out is said in ``Bundle.problems``.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from pathlib import Path
from xml.etree.ElementTree import Element

from annotator.core.bundle import Bundle
from annotator.core.formats.refi_codebook import (
    GUID_NAMESPACE, child, children, local_name, normal_guid, tags_from_codes,
)
from annotator.core.formats.refi_project_writer import EXTENSION_KEY
from annotator.core.formats.safe_archive import SafeZip, parse_xml
from annotator.core.formats.shipped_text import ShippedText, decode_shipped
from annotator.core.model import Annotation, Article, Status
from annotator.core.text import content_id, context_around, normalise_text

UNKNOWN_CODER = "unknown coder"
_METADATA = ("outlet", "author", "url", "published", "language", "source_file", "imported_at")


def read_qdpx(path: Path) -> Bundle:
    """The articles, codes and codings of a ``.qdpx``; raise ValueError if it cannot be read at all."""
    path = Path(path)
    with SafeZip(path) as archive:
        name = archive.find("project.qde") or next(
            (n for n in archive.names() if n.lower().endswith(".qde") and "/" not in n), None
        )
        if name is None:
            raise ValueError(f"{path.name} is not a REFI-QDA project (no project.qde inside)")
        root = parse_xml(archive.read(name), f"{path.name}/{name}")
        if local_name(root.tag) != "Project":
            raise ValueError(f"{path.name}: project.qde is not a REFI-QDA project (root <{local_name(root.tag)}>)")
        return _ProjectReader(path.name, root, archive).read()


class _ProjectReader:
    def __init__(self, name: str, root: Element, archive: SafeZip):
        self.name = name
        self.root = root
        self.archive = archive
        self.bundle = Bundle(source=name)
        self.users: dict[str, str] = {}
        self.notes: dict[str, Element] = {}
        self.links: dict[str, str] = {}
        self.variables: dict[str, str] = {}
        self.tag_ids: set[str] = set()
        # Elements are looked up in the root's namespace (C-speed find) whatever it is.
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""

    def read(self) -> Bundle:
        root = self.root
        for user in _all(root, "Users", "User"):
            guid = normal_guid(user.get("guid") or "")
            if guid:
                self.users[guid] = user.get("name") or user.get("id") or guid
        codebook = child(root, "CodeBook")
        codes = child(codebook, "Codes") if codebook is not None else None
        if codes is not None:
            self.bundle.tags = list(tags_from_codes(codes))
            self.tag_ids = {t.id for t in self.bundle.tags}
        for variable in _all(root, "Variables", "Variable"):
            guid = normal_guid(variable.get("guid") or "")
            if guid:
                self.variables[guid] = variable.get("name") or ""
        for note in _all(root, "Notes", "Note"):
            guid = normal_guid(note.get("guid") or "")
            if guid:
                self.notes[guid] = note
        for link in _all(root, "Links", "Link"):
            origin, target = normal_guid(link.get("originGUID") or ""), normal_guid(link.get("targetGUID") or "")
            if origin and target:
                self.links.setdefault(origin, target)
        self.default_user = normal_guid(root.get("creatingUserGUID") or "")
        skipped: Counter[str] = Counter()
        seen: set[str] = set()
        sources = child(root, "Sources")
        for source in sources if sources is not None else []:
            kind = local_name(source.tag)
            if kind != "TextSource":
                skipped[kind] += 1
                continue
            article = self._read_source(source)
            if article is not None and article.id not in seen:
                seen.add(article.id)
                self.bundle.articles.append(article)
        for kind, count in skipped.items():
            self.bundle.problems.append(f"{self.name}: {count} {kind}(s) skipped; only text sources are read")
        return self.bundle

    # -- one text source -------------------------------------------------------------------

    def _read_source(self, source: Element) -> Article | None:
        label = source.get("name") or source.get("guid") or "a text source"
        shipped = self._source_text(source, label)
        if shipped is None:
            return None
        text = shipped.text
        values = self._variable_values(source)
        article = Article(id=content_id(text), text=text, title=values.pop("title", source.get("name") or ""))
        for key in _METADATA:
            if key in values:
                setattr(article, key, values.pop(key))
        try:
            article.status = Status(values.pop("status", Status.TODO.value))
        except ValueError:
            pass
        values.pop("article_id", None)
        extra = values.pop("extra", "")
        article.extra = _json_object(extra) if extra else {}
        article.extra.update(values)  # another tool's variables are kept, not dropped
        unverified = 0
        for selection in source.findall(self.ns + "PlainTextSelection"):
            unverified += self._read_selection(selection, source, shipped, article, label)
        whole_source = source.findall(self.ns + "Coding")
        if whole_source:
            self.bundle.problems.append(
                f"{label}: {len(whole_source)} coding(s) of the whole source skipped "
                "(annotator codes passages)"
            )
        if unverified:
            self.bundle.problems.append(
                f"{label}: its text has CRLF line endings or is not in NFC; {unverified} selection(s) "
                "could not be checked against a quoted passage and were placed counting every "
                "character of the file as shipped (the REFI-QDA rule)"
            )
        return article

    def _source_text(self, source: Element, label: str) -> ShippedText | None:
        content = source.find(self.ns + "PlainTextContent")
        path = source.get("plainTextPath") or ""
        if not path and content is not None:
            return ShippedText(content.text or "")
        if not path.lower().startswith("internal://"):
            reason = f"refers to an external file ({path})" if path else "has no plain text"
            self.bundle.problems.append(f"{label}: skipped, it {reason}")
            return None
        file_name = path[len("internal://"):].lstrip("/")
        member = self.archive.find(f"sources/{file_name}") or self.archive.find(file_name)
        if member is None:
            self.bundle.problems.append(f"{label}: skipped, its text file {file_name} is missing from the archive")
            return None
        try:
            return decode_shipped(self.archive.read(member), f"{label} ({member})")
        except ValueError as error:
            self.bundle.problems.append(f"skipped: {error}")
            return None

    def _variable_values(self, source: Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in source.findall(self.ns + "VariableValue"):
            ref = value.find(self.ns + "VariableRef")
            name = self.variables.get(normal_guid(ref.get("targetGUID") or "") or "", "") if ref is not None else ""
            data = next((c for c in value if local_name(c.tag) != "VariableRef"), None)
            if name and data is not None:
                values[name] = data.text or ""
        return values

    def _read_selection(self, selection: Element, source: Element, shipped: ShippedText,
                        article: Article, label: str) -> int:
        """Add the selection's codings; return 1 if its offsets could not be verified."""
        guid = normal_guid(selection.get("guid") or "")
        try:
            start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
        except ValueError:
            self.bundle.problems.append(f"{label}: a selection ({selection.get('guid')}) has no valid positions; skipped")
            return 0
        span, unverified = _place(shipped, start, end, selection.get("name") or "")
        if guid is None or span is None:
            why = "has no valid GUID" if guid is None else (
                f"lies outside its text (length {len(shipped.raw)})"
                if not 0 <= start < end <= len(shipped.raw)
                else "starts or ends inside a character that normalisation changed"
            )
            self.bundle.problems.append(f"{label}: selection {start}-{end} {why}; skipped")
            return 0
        s, e = span
        extension, memo = self._notes_of(selection)
        note = _text_of(selection.find(self.ns + "Description"))
        if memo:
            note = "\n\n".join(p for p in (note, memo) if p)
        codings = selection.findall(self.ns + "Coding")
        if not codings:
            self.bundle.problems.append(f"{label}: selection {start}-{end} has no code; skipped")
            return 0
        before, after = context_around(article.text, s, e)
        for number, coding in enumerate(codings):
            ref = coding.find(self.ns + "CodeRef")
            code = normal_guid(ref.get("targetGUID") or "") if ref is not None else None
            if code not in self.tag_ids:
                self.bundle.problems.append(f"{label}: selection {start}-{end} refers to an unknown code; skipped")
                continue
            coder = self._coder(coding.get("creatingUser"), selection.get("creatingUser"), source.get("creatingUser"))
            created = coding.get("creationDateTime") or selection.get("creationDateTime") or ""
            annotation = Annotation(
                id=extension.get("id", guid) if number == 0 else str(uuid.uuid5(GUID_NAMESPACE, f"{guid}:{code}")),
                article_id=article.id, tag_id=code, start=s, end=e, text=article.text[s:e],
                annotator=coder, context_before=before, context_after=after,
                note=extension.get("note", note), fields=dict(extension.get("fields") or {}),
                linked_id=self.links.get(guid), reviewer=str(extension.get("reviewer", "")),
            )
            if extension.get("created_at") or created:
                annotation.created_at = extension.get("created_at") or created
            annotation.updated_at = (extension.get("updated_at") or selection.get("modifiedDateTime")
                                     or annotation.created_at)
            self.bundle.annotations.append(annotation)
        return unverified

    def _notes_of(self, selection: Element) -> tuple[dict, str]:
        """Our extension data (from a Note we wrote) and the text of any other notes."""
        extension: dict = {}
        memos = []
        for ref in selection.findall(self.ns + "NoteRef"):
            note = self.notes.get(normal_guid(ref.get("targetGUID") or "") or "")
            if note is None:
                continue
            data = _json_object(_text_of(note.find(self.ns + "Description")))
            if data.get(EXTENSION_KEY):
                extension = data
            else:
                memos.append(_text_of(note.find(self.ns + "PlainTextContent")))
        return extension, "\n\n".join(m for m in memos if m)

    def _coder(self, *guids: str | None) -> str:
        for value in (*guids, self.default_user):
            guid = normal_guid(value or "")
            if guid:
                return self.users.get(guid, guid)
        return UNKNOWN_CODER


def _place(shipped: ShippedText, start: int, end: int, name: str) -> tuple[tuple[int, int] | None, int]:
    """Where ``start``-``end`` (counted on the file as shipped) lies in our text, and whether
    that could not be verified (1) though the text was changed by normalisation."""
    if not 0 <= start < end <= len(shipped.raw):
        return None, 0
    if not shipped.changed:
        return (start, end), 0
    shipped_span = (shipped.to_text(start), shipped.to_text(end))
    as_shipped = shipped_span if None not in shipped_span and shipped_span[0] < shipped_span[1] else None
    quoted = normalise_text(name)
    if quoted:
        if as_shipped and _quotes(shipped.text[as_shipped[0]:as_shipped[1]], quoted):
            return as_shipped, 0
        # Some tools count offsets on the text after dropping the CRs: accept that only when
        # the selection's name proves it.
        if end <= len(shipped.text) and _quotes(shipped.text[start:end], quoted):
            return (start, end), 0
    return as_shipped, 1 if as_shipped else 0


def _quotes(passage: str, name: str) -> bool:
    return passage == name or (len(name) >= 10 and passage.startswith(name.rstrip(".…")))


def _all(root: Element, group: str, item: str) -> list[Element]:
    parent = child(root, group)
    return children(parent, item) if parent is not None else []


def _text_of(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _json_object(text: str) -> dict:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}
