"""Article memos in a REFI-QDA project: each coder's memo a Note attached to its source.

The standard attaches a note to what it is about by a ``NoteRef`` inside that element (a
project, a source, a selection, a case, a code). A ``NoteRef`` in a ``TextSource`` names a note
on the whole source, which is what an article memo is. Each memo is one ``Note`` in the
project's ``Notes``: the memo as its ``PlainTextContent``, the coder as ``creatingUser`` and
``modifyingUser``, its last save as ``creationDateTime`` and ``modifiedDateTime`` (a memo keeps
only that one date), named ``memo by <coder>: <title>``. A memo XML 1.0 cannot hold exactly
(control characters, carriage returns) also carries its exact text as JSON in the Note's
``Description``, as an annotation's note does.

QualCoder (its ``refi.py``, read in December 2026) takes a source's memo from the TextSource's
``Description`` and skips a note referenced from a source unless the note holds a selection;
so the memos are also written, each headed by its coder and date, into the source's
``Description``. Reading, only the Notes count: they carry the coder and the exact text.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from xml.etree import ElementTree as ET
from xml.etree.ElementTree import Element

from annotator.core.formats.refi_codebook import GUID_NAMESPACE, local_name, normal_guid, xml_safe
from annotator.core.memos import ArticleMemo

EXTENSION_KEY = "annotator-data"  # marks our Notes' JSON (annotations' notes and memos alike)
_DATETIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def memo_note_guid(source_guid: str, coder: str) -> str:
    """The Note's GUID: the same article and coder give the same GUID in every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"memo:{source_guid}:{coder}"))


def memo_note(memo: ArticleMemo, guid: str, user: str, title: str) -> str:
    """The ``<Note>`` element of one memo, as XML text (``user``: the coder's User GUID)."""
    attributes = {"guid": guid, "name": xml_safe(f"memo by {memo.annotator}: {title}"),
                  "creatingUser": user, "modifyingUser": user}
    if _DATETIME.match(memo.updated_at or ""):
        attributes["creationDateTime"] = attributes["modifiedDateTime"] = memo.updated_at
    note = ET.Element("Note", attributes)
    if xml_safe(memo.text) != memo.text or "\r" in memo.text:
        exact = {EXTENSION_KEY: 1, "memo": memo.text}
        ET.SubElement(note, "Description").text = json.dumps(exact, ensure_ascii=True)
    ET.SubElement(note, "PlainTextContent").text = xml_safe(memo.text)
    return ET.tostring(note, encoding="unicode")


def source_description(memos: Sequence[ArticleMemo]) -> str:
    """The memos as one readable text, for tools that show a source's Description as its memo."""
    heads = (f"{m.annotator} ({m.updated_at})" if m.updated_at else m.annotator for m in memos)
    return xml_safe("\n\n".join(f"{head}:\n{m.text}" for head, m in zip(heads, memos)))


def read_source_memos(source: Element, notes: dict[str, Element], article_id: str,
                      coder_of: Callable[..., str], file_text: Callable[[str], str | None]) -> tuple[list[ArticleMemo], int]:
    """The memos of one ``TextSource``: the Notes its ``NoteRef`` children name, one memo per
    coder (several notes by one coder are joined, newest date kept). ``notes`` maps normalised
    GUIDs to Note elements; ``coder_of(*user GUIDs)`` names a coder; ``file_text(path)`` reads a
    note kept in a file (``plainTextPath``). Returns ``(memos, notes on passages skipped)``:
    a note holding a selection is about a passage (QualCoder writes its annotations so), not
    the article."""
    texts: dict[str, list[str]] = {}
    dates: dict[str, str] = {}
    on_passages = 0
    for ref in (c for c in source if local_name(c.tag) == "NoteRef"):
        note = notes.get(normal_guid(ref.get("targetGUID") or "") or "")
        if note is None:
            continue
        if any(local_name(c.tag) == "PlainTextSelection" for c in note):
            on_passages += 1
            continue
        text = _note_text(note, file_text)
        if not text.strip():
            continue  # an empty memo is no memo
        coder = coder_of(note.get("creatingUser"), note.get("modifyingUser"))
        texts.setdefault(coder, []).append(text)
        dates[coder] = max(dates.get(coder, ""), note.get("modifiedDateTime") or note.get("creationDateTime") or "")
    memos = [ArticleMemo(article_id, coder, "\n\n".join(parts), dates[coder]) for coder, parts in texts.items()]
    return memos, on_passages


def _note_text(note: Element, file_text: Callable[[str], str | None]) -> str:
    found = {local_name(c.tag): c.text or "" for c in note if local_name(c.tag) in ("Description", "PlainTextContent")}
    try:
        exact = json.loads(found.get("Description", ""))
    except ValueError:
        exact = None
    if isinstance(exact, dict) and exact.get(EXTENSION_KEY) and isinstance(exact.get("memo"), str):
        return exact["memo"]
    if "PlainTextContent" in found:
        return found["PlainTextContent"]
    if note.get("plainTextPath"):
        shipped = file_text(note.get("plainTextPath") or "")
        if shipped is not None:
            return shipped
    return found.get("Description", "")
