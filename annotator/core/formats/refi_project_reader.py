"""Read a REFI-QDA project (``.qdpx``), ours or another tool's, into a :class:`Bundle`.

Tolerant of what tools really write: ``sources/`` or ``Sources/`` and any case in member names,
a bare ``plainTextPath`` naming a file in ``sources/``, GUIDs in any case and in braces, BOMs,
CRLF line endings, nested codes (flattened into ``Parent/Child`` tags; folders that cannot be
coded are only part of their children's names), codes without colours, selections whose coder
is named by ``creatingUser`` on the Coding or on the selection, Cases and Variables (article
metadata), Notes on selections (the annotation's note), Notes on sources (article memos, by
their creating user: :mod:`refi_memos`).

Strict about what matters: the archive and XML are checked by :mod:`safe_archive` first; the
way the project counts offsets is decided once for the whole project from evidence
(:mod:`offset_conventions`: NVivo for Windows counts UTF-16 units over CRLF text) and named in
``Bundle.offsets``; where it cannot be shown, the codings whose place depends on it are refused,
never placed at a guess. Every selection must lie inside its text and match the passage text it
carries; offsets are mapped onto our normalised text only where provably right
(:mod:`shipped_text`). Everything left out is counted in ``Bundle.refused`` and said in
``Bundle.problems``.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from annotator.core.bundle import Bundle, Relation
from annotator.core.formats.refi_codebook import (
    GUID_NAMESPACE, child, children, local_name, normal_guid, tags_from_codes,
)
from annotator.core.formats.refi_memos import EXTENSION_KEY, read_source_memos
from annotator.core.formats.refi_project_writer import LINK_NAME
from annotator.core.formats.safe_archive import SafeZip, parse_xml
from annotator.core.formats.offset_conventions import (
    CODE_POINTS, READINGS, Counted, CountedText, decide, quotes,
)
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
        self.placed: dict[str, str] = {}  # selection GUID -> its first annotation's id
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
        self.typed_links: list[tuple[str, str, str]] = []  # (origin, target selection, name)
        for link in _all(root, "Links", "Link"):
            origin, target = normal_guid(link.get("originGUID") or ""), normal_guid(link.get("targetGUID") or "")
            if origin and target:
                name = link.get("name") or ""
                first = origin not in self.links
                self.links.setdefault(origin, target)
                if not (first and name == LINK_NAME):  # our plain link is only the link
                    self.typed_links.append((origin, target, name))
        self.case_values = self._cases()
        self.default_user = normal_guid(root.get("creatingUserGUID") or "")
        skipped: Counter[str] = Counter()
        seen: set[str] = set()
        pending: list[_Pending] = []
        sources = child(root, "Sources")
        for source in sources if sources is not None else []:
            kind = local_name(source.tag)
            if kind != "TextSource":
                skipped[kind] += 1
                continue
            read = self._read_source(source)
            if read is None:
                continue
            article, selections = read
            pending.extend(selections)
            if article.id not in seen:
                seen.add(article.id)
                self.bundle.articles.append(article)
        for kind, count in skipped.items():
            self.bundle.problems.append(f"{self.name}: {count} {kind}(s) skipped; only text sources are read")
        self._place_all(pending)
        self._relations()
        return self.bundle

    def _relations(self) -> None:
        """Links between selections as typed relations, where both ends were placed."""
        placed = set(self.placed)
        for origin, target, name in self.typed_links:
            if origin in placed and target in placed:
                self.bundle.relations.append(Relation(self.placed[origin], self.placed[target], name))
            else:
                self.bundle.refuse("relation to an annotation not placed", f"{self.name}: a link "
                                   f"{name!r} joins a selection that was not placed; skipped")

    def _place_all(self, pending: list["_Pending"]) -> None:
        """Decide the project's offset convention from all its selections, then place each."""
        decision = decide([p.counted for p in pending], self.root.get("origin") or "")
        self.bundle.offsets = decision.summary()
        undecided: set[int] = set()
        if decision.reading is None:
            undecided = {id(p.text) for p in pending if p.text.differs(p.counted.start, p.counted.end)}
        for item in pending:
            codings = len(item.selection.findall(self.ns + "Coding"))
            if id(item.text) in undecided:
                self.bundle.refuse("offset convention unknown", count=codings)
                continue
            self._read_selection(item, decision.reading or CODE_POINTS)
        refused = self.bundle.refused.get("offset convention unknown", 0)
        if refused:
            labels = sorted({p.label for p in pending if id(p.text) in undecided})
            self.bundle.problems.append(
                f"{self.name}: {refused} coding(s) of {', '.join(labels)} refused: which way its offsets "
                f"are counted cannot be shown ({decision.why}); none was placed at a guessed position"
            )

    def _cases(self) -> dict[str, dict[str, str]]:
        """Source GUID -> the variable values (and case names) of the Cases that include it."""
        values: dict[str, dict[str, str]] = {}
        for case in _all(self.root, "Cases", "Case"):
            case_values = self._variable_values(case)
            name = case.get("name") or ""
            for ref in case.findall(self.ns + "SourceRef"):
                guid = normal_guid(ref.get("targetGUID") or "")
                if not guid:
                    continue
                into = values.setdefault(guid, {})
                if name:
                    into["case"] = f"{into['case']}; {name}" if into.get("case") else name
                for key, value in case_values.items():
                    into.setdefault(key, value)
        return values

    # -- one text source -------------------------------------------------------------------

    def _read_source(self, source: Element) -> tuple[Article, list["_Pending"]] | None:
        label = source.get("name") or source.get("guid") or "a text source"
        shipped = self._source_text(source, label)
        if shipped is None:
            return None
        text = shipped.text
        values = self._variable_values(source)
        for key, value in self.case_values.get(normal_guid(source.get("guid") or "") or "", {}).items():
            values.setdefault(key, value)
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
        article.extra.update(values)  # another tool's variables and cases are kept, not dropped
        memos, on_passages = read_source_memos(source, self.notes, article.id, self._coder, self._note_file)
        self.bundle.memos.extend(memos)
        if on_passages:
            self.bundle.problems.append(f"{label}: {on_passages} note(s) on passages without a code skipped "
                                        "(annotator keeps notes on codings and memos on whole articles)")
        counted = CountedText(shipped)
        pending = []
        for selection in source.findall(self.ns + "PlainTextSelection"):
            try:
                start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
            except ValueError:
                self.bundle.refuse("no valid positions", f"{label}: a selection ({selection.get('guid')}) "
                                   "has no valid positions; skipped", len(selection.findall(self.ns + "Coding")))
                continue
            pending.append(_Pending(selection, source, counted, article, label,
                                    Counted(counted, start, end, selection.get("name") or "")))
        whole_source = source.findall(self.ns + "Coding")
        if whole_source:
            self.bundle.refuse(
                "coding of a whole source",
                f"{label}: {len(whole_source)} coding(s) of the whole source skipped (annotator codes passages)",
                len(whole_source),
            )
        return article, pending

    def _source_text(self, source: Element, label: str) -> ShippedText | None:
        content = source.find(self.ns + "PlainTextContent")
        path = source.get("plainTextPath") or ""
        if not path and content is not None:
            return ShippedText(content.text or "")
        file_name = internal_name(path)
        if file_name is None:
            reason = f"refers to an external file ({path})" if path else "has no plain text"
            self.bundle.problems.append(f"{label}: skipped, it {reason}")
            return None
        member = self.archive.find(f"sources/{file_name}") or self.archive.find(file_name)
        if member is None:
            where = "is missing from the archive" if path.lower().startswith("internal://") else (
                f"is not in the archive's sources/ folder (and an external file ({path}) is not read)")
            self.bundle.problems.append(f"{label}: skipped, its text file {file_name} {where}")
            return None
        try:
            return decode_shipped(self.archive.read(member), f"{label} ({member})")
        except ValueError as error:
            self.bundle.problems.append(f"skipped: {error}")
            return None

    def _note_file(self, path: str) -> str | None:
        """The text of a note kept in ``sources/`` (``plainTextPath``), or None."""
        name = internal_name(path)
        member = (self.archive.find(f"sources/{name}") or self.archive.find(name)) if name else None
        try:
            return decode_shipped(self.archive.read(member), member).text if member else None
        except ValueError:
            return None

    def _variable_values(self, holder: Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in holder.findall(self.ns + "VariableValue"):
            ref = value.find(self.ns + "VariableRef")
            name = self.variables.get(normal_guid(ref.get("targetGUID") or "") or "", "") if ref is not None else ""
            data = next((c for c in value if local_name(c.tag) != "VariableRef"), None)
            if name and data is not None:
                values[name] = data.text or ""
        return values

    def _read_selection(self, item: "_Pending", reading) -> None:
        """Add the selection's codings at their place under ``reading``, or refuse them."""
        selection, source, article, label = item.selection, item.source, item.article, item.label
        start, end = item.counted.start, item.counted.end
        guid = normal_guid(selection.get("guid") or "")
        codings = selection.findall(self.ns + "Coding")
        if not codings:
            self.bundle.problems.append(f"{label}: selection {start}-{end} has no code; skipped")
            return
        span = item.text.place(reading, start, end)
        quote = normalise_text(item.counted.quote).strip()
        if guid is None or span is None:
            limit = item.text.length(reading)
            reason, why = ("no valid GUID", "has no valid GUID") if guid is None else (
                ("outside its text", f"lies outside its text (length {limit})") if not 0 <= start < end <= limit
                else ("not on a character boundary", f"starts or ends inside a character under {reading.key}"))
            self.bundle.refuse(reason, f"{label}: selection {start}-{end} {why}; skipped", len(codings))
            return
        s, e = span
        if quote and not quotes(article.text[s:e], quote) and any(
                (other := item.text.place(r, start, end)) and quotes(article.text[other[0]:other[1]], quote)
                for r in READINGS):
            self.bundle.refuse("passage text does not match", f"{label}: selection {start}-{end} quotes "
                               f"{quote[:40]!r}, which is not the passage there under {reading.key}; skipped",
                               len(codings))
            return
        extension, memo = self._notes_of(selection)
        note = _text_of(selection.find(self.ns + "Description"))
        if memo:
            note = "\n\n".join(p for p in (note, memo) if p)
        before, after = context_around(article.text, s, e)
        for number, coding in enumerate(codings):
            ref = coding.find(self.ns + "CodeRef")
            code = normal_guid(ref.get("targetGUID") or "") if ref is not None else None
            if code not in self.tag_ids:
                self.bundle.refuse("unknown code", f"{label}: selection {start}-{end} refers to an unknown code; skipped")
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
            if number == 0:
                self.placed[guid] = annotation.id

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


@dataclass
class _Pending:
    """A selection read, waiting for the project's offset convention to be decided."""

    selection: Element
    source: Element
    text: CountedText
    article: Article
    label: str
    counted: Counted


def internal_name(path: str) -> str | None:
    """The file in ``sources/`` that ``plainTextPath`` names: ``internal://NAME``, or a bare
    ``NAME`` (as small tools write); None for an external path."""
    if path.lower().startswith("internal://"):
        return path[len("internal://"):].lstrip("/")
    if not path or "://" in path or path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return None
    return path.replace("\\", "/").removeprefix("./").removeprefix("sources/").removeprefix("Sources/")


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
