"""Write a REFI-QDA project (``.qdpx``): ``project.qde`` plus one ``sources/<GUID>.txt`` per article.

What goes where:

- Users: one per annotator, GUID ``uuid5(name)`` so the same coder has the same GUID in every
  export.
- CodeBook: the tags, through :mod:`refi_codebook` (definition, colour, our extras).
- Variables: article metadata (outlet, author, url, published, language, status, …) as Text
  variables, valued per TextSource; ``extra`` metadata as one JSON value.
- Sources: each article a TextSource named by its title, its text in ``sources/<GUID>.txt``
  (UTF-8, LF, no BOM), GUID ``uuid5(content id)``. Each annotation a PlainTextSelection whose
  GUID is the annotation's UUID, code-point offsets, creating/modifying user and date, the note
  as its Description, one Coding with a CodeRef.
- Notes: REFI has no per-coding values, so an annotation with field values (or a reviewer, or
  a note XML cannot hold) gets a Note, referenced by a NoteRef from its selection: readable
  ``field: value`` lines as PlainTextContent for other tools, the exact values as JSON in its
  Description for us.
- Links: each annotation's link to another as a OneWay Link between the two selections.
- Article memos: each coder's a Note referenced from its TextSource (:mod:`refi_memos`).

XML 1.0 cannot hold most control characters: in names, titles, metadata and annotator names they
are replaced by U+FFFD (notes and field values keep them, exactly, in the Note's JSON).

The texts go into the ZIP as they stream in; the XML of the sources and notes is spooled to
temporary files (Users must come first but the annotators are known only at the end), so memory
stays flat whatever the corpus size. The archive is written beside ``path`` and moved into place
at the end: a failed or cancelled export leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree as ET

from annotator.core.formats.links import links_of
from annotator.core.formats.progress import Ticker
from annotator.core.formats.refi_codebook import (
    GUID_NAMESPACE, PROJECT_NS, code_guid, codebook_element, normal_guid, xml_safe,
)
from annotator.core.formats.refi_memos import EXTENSION_KEY, memo_note, memo_note_guid, source_description
from annotator.core.formats.refi_variables import CodedVariables
from annotator.core.memos import ArticleMemo
from annotator.core.model import Annotation, Article, Tag, now_iso

VARIABLES = (
    "title", "outlet", "author", "url", "published", "language", "source_file", "imported_at",
    "status", "article_id", "extra",
)
LINK_NAME = "linked"
EXCERPT_CHARS = 60
_DATETIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def write_qdpx(
    documents: Iterable[tuple[Article, list[Annotation]]],
    tags: list[Tag],
    path: Path,
    *,
    progress=None,
    cancelled=None,
    relations: dict[str, list[tuple[str, str]]] | None = None,
    coded: CodedVariables | None = None,
    memos: Mapping[str, Sequence[ArticleMemo]] | None = None,
) -> int:
    """Write ``(article, annotations)`` pairs and the codebook as a REFI-QDA project at ``path``.

    ``relations`` (annotation id -> its typed relations ``(target id, type)``) become Links
    named by their type, beside each annotation's link (named ``linked``). ``coded``: one
    coder's article-level variables (:mod:`refi_variables`), as typed Variables. ``memos``
    (article id -> its coders' memos) become Notes on their sources (:mod:`refi_memos`).

    Returns the number of articles written. ``progress(done, total)`` is called as articles are
    written; when ``cancelled()`` turns true, :class:`~annotator.core.formats.progress.Cancelled`
    is raised and no file is left behind.
    """
    path = Path(path)
    total = len(documents) if hasattr(documents, "__len__") else 0
    ticker = Ticker(progress, cancelled, total, every=50)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
                tempfile.TemporaryFile("w+", encoding="utf-8") as sources, \
                tempfile.TemporaryFile("w+", encoding="utf-8") as notes:
            writer = _ProjectWriter(tags, archive, sources, notes, relations or {}, coded, memos or {})
            for article, group in documents:
                writer.add_article(article, group)
                ticker.tick()
            ticker.check()
            with archive.open("project.qde", "w", force_zip64=True) as raw:
                writer.write_project(raw)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    ticker.finish()
    return writer.articles


def user_guid(name: str) -> str:
    """The stable GUID of an annotator (the same name gives the same GUID in every export)."""
    return str(uuid.uuid5(GUID_NAMESPACE, "user:" + name))


def source_guid(article_id: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, "article:" + article_id))


def variable_guid(name: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, "variable:" + name))


def derived_guid(kind: str, guid: str) -> str:
    """A GUID derived from another (same input, same GUID), without the cost of uuid5 objects."""
    digest = hashlib.sha1((kind + guid).encode("ascii")).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{'89ab'[int(digest[16], 16) & 3]}{digest[17:20]}-{digest[20:32]}"


def selection_guid(annotation_id: str) -> str:
    """The annotation's UUID if it is a GUID (ours always are), else one derived from it."""
    return normal_guid(annotation_id) or str(uuid.uuid5(GUID_NAMESPACE, "annotation:" + annotation_id))


class _ProjectWriter:
    def __init__(self, tags: list[Tag], archive: zipfile.ZipFile, sources: TextIO, notes: TextIO,
                 relations: dict[str, list[tuple[str, str]]], coded: CodedVariables | None = None,
                 memos: Mapping[str, Sequence[ArticleMemo]] | None = None):
        self.coded = coded
        self.memos = memos or {}
        self.tags = tags
        self.code_guids = {t.id: code_guid(t) for t in tags}
        self.tag_names = {t.id: t.name for t in tags}
        self.archive = archive
        self.sources = sources
        self.notes = notes
        self.users: dict[str, str] = {}
        self.relations = relations
        self.links: list[tuple[str, str, str, str]] = []  # (origin id, target id, creating user, type)
        self.written: set[str] = set()
        self.articles = 0
        self.has_notes = False

    # -- sources ---------------------------------------------------------------------------

    def add_article(self, article: Article, annotations: list[Annotation]) -> None:
        guid = source_guid(article.id)
        self.archive.writestr(f"sources/{guid}.txt", article.text.encode("utf-8"))
        out = self.sources
        title = article.title or f"Article {article.id[:12]}"
        out.write(_open("TextSource", {
            "guid": guid, "name": title, "plainTextPath": f"internal://{guid}.txt",
            "creationDateTime": _datetime(article.imported_at),
        }))
        memos = self.memos.get(article.id, ())
        if memos:
            out.write(f"<Description>{_text(source_description(memos))}</Description>")
        for annotation in annotations:
            self._add_selection(annotation)
        for memo in memos:
            note_guid = memo_note_guid(guid, memo.annotator)
            out.write(f'<NoteRef targetGUID="{note_guid}"/>')
            self.notes.write(memo_note(memo, note_guid, self._user(memo.annotator), title) + "\n")
            self.has_notes = True
        for name, value in _variable_values(article):
            out.write(f"<VariableValue><VariableRef targetGUID=\"{variable_guid(name)}\"/>"
                      f"<TextValue>{_text(value)}</TextValue></VariableValue>")
        for guid, element, value in self.coded.values.get(article.id, ()) if self.coded else ():
            out.write(f"<VariableValue><VariableRef targetGUID=\"{guid}\"/>"
                      f"<{element}>{_text(value)}</{element}></VariableValue>")
        out.write("</TextSource>\n")
        self.articles += 1

    def _add_selection(self, a: Annotation) -> None:
        if a.tag_id not in self.code_guids:
            raise ValueError(f"annotation {a.id} refers to tag {a.tag_id}, which is not in the codebook")
        user = self._user(a.annotator)
        guid = selection_guid(a.id)
        created, modified = _datetime(a.created_at), _datetime(a.updated_at)
        created_attr = f' creationDateTime="{created}"' if created else ""
        modified_attr = f' modifiedDateTime="{modified}"' if modified else ""
        # The hot path of a large export: GUIDs, numbers and dates need no escaping.
        parts = [
            f'<PlainTextSelection guid="{guid}" name="{_attr(a.text[:EXCERPT_CHARS])}" '
            f'startPosition="{a.start}" endPosition="{a.end}" creatingUser="{user}"{created_attr} '
            f'modifyingUser="{user}"{modified_attr}>',
        ]
        if a.note:
            parts.append(f"<Description>{_text(a.note)}</Description>")
        parts.append(f'<Coding guid="{derived_guid("coding:", guid)}" creatingUser="{user}"{created_attr}>'
                     f'<CodeRef targetGUID="{self.code_guids[a.tag_id]}"/></Coding>')
        extension = _extension(a, guid)
        if extension:
            note_guid = derived_guid("note:", guid)
            parts.append(f'<NoteRef targetGUID="{note_guid}"/>')
            self._add_note(note_guid, user, a, extension)
        parts.append("</PlainTextSelection>")
        self.sources.write("".join(parts))
        self.written.add(a.id)
        for target, kind in links_of(a, self.relations, LINK_NAME):
            self.links.append((a.id, target, user, kind))

    def _user(self, name: str) -> str:
        user = self.users.get(name)
        if user is None:
            user = self.users[name] = user_guid(name)
        return user

    def _add_note(self, guid: str, user: str, a: Annotation, extension: dict) -> None:
        readable = [f"{name}: {value}" for name, value in a.fields.items()]
        if a.reviewer:
            readable.append(f"reviewer: {a.reviewer}")
        title = f"{self.tag_names[a.tag_id]}: {a.text[:EXCERPT_CHARS]}"
        self.notes.write(_open("Note", {"guid": guid, "name": title, "creatingUser": user}))
        self.notes.write(f"<Description>{_text(json.dumps(extension, ensure_ascii=True, sort_keys=True))}"
                         f"</Description><PlainTextContent>{_text(chr(10).join(readable))}"
                         "</PlainTextContent></Note>\n")
        self.has_notes = True

    # -- the project file ------------------------------------------------------------------

    def write_project(self, raw) -> None:
        out = _Utf8(raw)
        first_user = next(iter(self.users.values()), None)
        out.write('<?xml version="1.0" encoding="utf-8"?>\n')
        out.write(_open("Project", {
            "xmlns": PROJECT_NS, "name": "annotator export", "origin": "annotator",
            "creatingUserGUID": first_user, "creationDateTime": now_iso(),
        }) + "\n")
        if self.users:
            out.write("<Users>")
            for name, guid in sorted(self.users.items()):
                out.write(_open("User", {"guid": guid, "name": name}, close=True))
            out.write("</Users>\n")
        out.write(ET.tostring(codebook_element(self.tags), encoding="unicode") + "\n")
        out.write("<Variables>")
        for name in VARIABLES:
            out.write(_open("Variable", {"guid": variable_guid(name), "name": name, "typeOfVariable": "Text"}, close=True))
        for guid, name, kind, description in self.coded.definitions if self.coded else ():
            out.write(_open("Variable", {"guid": guid, "name": xml_safe(name), "typeOfVariable": kind})
                      + f"<Description>{_text(description)}</Description></Variable>")
        out.write("</Variables>\n")
        if self.articles:
            out.write("<Sources>\n")
            out.copy(self.sources)
            out.write("</Sources>\n")
        if self.has_notes:
            out.write("<Notes>\n")
            out.copy(self.notes)
            out.write("</Notes>\n")
        links = [(o, t, u, k) for o, t, u, k in self.links if t in self.written]
        if links:
            out.write("<Links>\n")
            seen: set[str] = set()
            for origin, target, user, kind in links:
                # The first link of a selection keeps the GUID earlier exports gave it.
                guid = "link:" + origin if origin not in seen else f"link:{origin}:{target}:{kind}"
                seen.add(origin)
                out.write(_open("Link", {
                    "guid": str(uuid.uuid5(GUID_NAMESPACE, guid)), "name": xml_safe(kind or LINK_NAME),
                    "direction": "OneWay", "originGUID": selection_guid(origin),
                    "targetGUID": selection_guid(target),
                }, close=True) + "\n")
            out.write("</Links>\n")
        out.write("</Project>\n")


class _Utf8:
    """Text onto the binary ZIP member stream, in large writes."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, text: str) -> None:
        self.raw.write(text.encode("utf-8"))

    def copy(self, spool: TextIO) -> None:
        spool.seek(0)
        shutil.copyfileobj(_Encoded(spool), self.raw, 1024 * 1024)


class _Encoded:
    def __init__(self, spool: TextIO):
        self.spool = spool

    def read(self, size: int = -1) -> bytes:
        return self.spool.read(size).encode("utf-8")


def _extension(a: Annotation, guid: str) -> dict:
    """What REFI cannot carry for this annotation (empty if nothing)."""
    data: dict = {}
    if a.fields:
        data["fields"] = a.fields
    if a.reviewer:
        data["reviewer"] = a.reviewer
    if xml_safe(a.note) != a.note:
        data["note"] = a.note
    if guid != a.id:
        data["id"] = a.id
    for key in ("created_at", "updated_at"):
        if not _datetime(getattr(a, key)) and getattr(a, key):
            data[key] = getattr(a, key)
    if data:
        data[EXTENSION_KEY] = 1
    return data


def _variable_values(article: Article) -> list[tuple[str, str]]:
    values = {
        "title": article.title, "outlet": article.outlet, "author": article.author,
        "url": article.url, "published": article.published, "language": article.language,
        "source_file": article.source_file, "imported_at": article.imported_at,
        "status": article.status.value, "article_id": article.id,
        "extra": json.dumps(article.extra, ensure_ascii=True, sort_keys=True) if article.extra else "",
    }
    # The title is the source's name; the variable only marks an empty title.
    return [(k, v) for k, v in values.items() if v and k != "title"] + ([("title", "")] if not article.title else [])


def _datetime(value: str) -> str | None:
    return value if value and _DATETIME.match(value) else None


_ATTR_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_INVALID = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# One pass: escape what XML needs escaped, replace what XML 1.0 cannot hold by U+FFFD.
_ATTR_RE = re.compile(f'[&<>"\n\r\t{_INVALID}]')
_TEXT_RE = re.compile(f"[&<>\r{_INVALID}]")


def _attr(value: str) -> str:
    return _ATTR_RE.sub(lambda m: _ATTR_ESCAPES.get(m.group(), "\ufffd"), value)


def _text(value: str) -> str:
    return _TEXT_RE.sub(lambda m: _TEXT_ESCAPES.get(m.group(), "\ufffd"), value)


def _open(element: str, attributes: dict[str, str | None], close: bool = False) -> str:
    parts = "".join(f' {k}="{_attr(v)}"' for k, v in attributes.items() if v is not None)
    return f"<{element}{parts}{'/' if close else ''}>"
