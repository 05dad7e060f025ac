"""Read a brat standoff folder, ours or one brat wrote, into a :class:`Bundle`.

Every ``*.ann`` with its ``.txt`` beside it (searched recursively) is a document. Every ``T``
line is checked against its text: the text field must equal the fragments' text joined by a
space (line breaks may be shown as spaces); a mismatch is reported in ``Bundle.problems`` and
left out, never shifted. Fragments separated only by whitespace (a passage brat split at line
breaks) become one span; fragments with words between them cannot be one annotation of ours and
are reported. Offsets count the ``.txt`` as shipped; if that has CRLF line endings or is not in
NFC, they are mapped onto the normalised text where provably right (:mod:`shipped_text`).

Without our ``ID.annotator.json`` (a folder brat made), the annotator is the folder's name,
UUIDs are derived from the document and T id (so reading twice gives the same ids), and the
article title is the file name.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from annotator.core.bundle import Bundle, Relation
from annotator.core.formats.brat_conf import LINK_RELATION, ParsedConf, value_from_token, value_token
from annotator.core.formats.brat_writer import LINE_BREAKS, SIDECAR_FORMAT, SIDECAR_SUFFIX, one_line
from annotator.core.formats.refi_codebook import GUID_NAMESPACE
from annotator.core.formats.safe_archive import check_inside, read_file_limited
from annotator.core.formats.shipped_text import ShippedText
from annotator.core.model import Annotation, Article, Status
from annotator.core.text import content_id, context_around

_METADATA = ("title", "outlet", "author", "url", "published", "language", "source_file", "imported_at")


def read_brat(folder: Path) -> Bundle:
    """The documents, labels and annotations of a brat folder; raise ValueError if it is not one."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder")
    conf = ParsedConf(_conf_text(folder, "annotation.conf"), _conf_text(folder, "visual.conf"))
    bundle = Bundle(source=str(folder))
    ann_files = sorted(p for p in folder.rglob("*.ann") if p.is_file() or p.is_symlink())
    for path in ann_files:
        check_inside(folder, path)  # refuses the whole folder before reading any document
        check_inside(folder, path.with_suffix(".txt"))
    seen: set[str] = set()
    for path in ann_files:
        _read_document(folder, path, conf, bundle, seen)
    conf.finish_fields()
    bundle.tags = list(conf.tags.values())
    return bundle


def _conf_text(folder: Path, name: str) -> str:
    path = folder / name
    if not path.is_file():
        return ""
    check_inside(folder, path)
    return read_file_limited(path).decode("utf-8", errors="replace")


@dataclass
class _TextBound:
    t_id: str
    label: str
    pieces: list[tuple[int, int]]
    line: int
    text_field: str = ""
    attributes: list[tuple[str, str | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  # (target T id, type)


def _read_document(folder: Path, path: Path, conf: ParsedConf, bundle: Bundle, seen: set[str]) -> None:
    name = str(path.relative_to(folder))
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        bundle.problems.append(f"{name}: no {txt.name} beside it; skipped")
        return
    try:
        shipped = ShippedText(read_file_limited(txt).decode("utf-8"))
        ann_text = read_file_limited(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bundle.problems.append(f"{name}: not UTF-8 text (byte {error.start}); skipped")
        return
    if not shipped.mappable:
        bundle.problems.append(f"{name}: its text changes under NFC normalisation in a way offsets cannot follow; skipped")
        return
    sidecar = _sidecar(path.with_name(path.name[: -len(".ann")] + SIDECAR_SUFFIX), folder, bundle)
    article = _article(shipped.text, txt, sidecar.get("article") or {})
    bounds = _parse_ann(ann_text, name, bundle)
    side_annotations = sidecar.get("annotations") if isinstance(sidecar.get("annotations"), dict) else {}
    ids: dict[str, str] = {}
    placed: dict[str, tuple[int, int]] = {}
    for t_id, bound in bounds.items():
        side = side_annotations.get(t_id) if isinstance(side_annotations.get(t_id), dict) else {}
        span = _place(bound, shipped, side, name, bundle)
        if span is not None:
            placed[t_id] = span
            ids[t_id] = str(side.get("id") or uuid.uuid5(
                GUID_NAMESPACE, f"brat:{article.id}:{t_id}:{bound.label}:{bound.pieces}"))
    document_ids = set(ids.values())
    fallback_time = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    for t_id, (start, end) in placed.items():
        bound = bounds[t_id]
        side = side_annotations.get(t_id) if isinstance(side_annotations.get(t_id), dict) else {}
        tag = conf.tag_for(bound.label)
        before, after = context_around(article.text, start, end)
        brat_note = "\n".join(bound.notes)
        side_note = str(side.get("note") or "")
        typed = [(ids[t], kind) for t, kind in bound.relations if t in ids]
        side_link = side.get("linked_id")
        if side_link and (side_link not in document_ids or any(t == side_link for t, _ in typed)):
            linked = str(side_link)  # our side-car's link (perhaps to another article), which brat kept
        else:
            linked = typed[0][0] if typed else None  # the first relation is the link the window shows
        for target, kind in typed:
            # Our own "Linked" relation is the link itself; every other relation is kept typed.
            if not (kind == LINK_RELATION and target == linked):
                bundle.relations.append(Relation(ids[t_id], target, kind))
        dropped = len(bound.relations) - len(typed)
        if dropped:
            bundle.refuse("relation to an annotation not placed", f"{name} {t_id}: {dropped} relation(s) join "
                          "an annotation that was not placed; skipped", dropped)
        created = str(side.get("created_at") or fallback_time)
        bundle.annotations.append(Annotation(
            id=ids[t_id], article_id=article.id, tag_id=tag.id, start=start, end=end,
            text=article.text[start:end], annotator=str(side.get("annotator") or folder.resolve().name),
            context_before=before, context_after=after,
            note=side_note if one_line(side_note) == brat_note else brat_note,
            fields=_fields(bound, side.get("fields"), tag, conf),
            linked_id=linked, reviewer=str(side.get("reviewer") or ""),
            created_at=created, updated_at=str(side.get("updated_at") or created),
        ))
    if article.id not in seen:
        seen.add(article.id)
        bundle.articles.append(article)


def _parse_ann(text: str, name: str, bundle: Bundle) -> dict[str, _TextBound]:
    bounds: dict[str, _TextBound] = {}
    later: list[tuple[int, str]] = []
    unsupported: Counter[str] = Counter()
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            parts = line.split("\t", 2)
            try:
                label, spans = parts[1].split(" ", 1)
                pieces = [tuple(int(x) for x in piece.split()) for piece in spans.split(";")]
                if any(len(p) != 2 for p in pieces):
                    raise ValueError
            except (IndexError, ValueError):
                bundle.refuse("malformed line", f"{name} line {number}: not a valid T line; skipped")
                continue
            text_field = parts[2] if len(parts) > 2 else ""
            bounds[parts[0]] = _TextBound(parts[0], label, sorted(pieces), number, text_field)  # type: ignore[arg-type]
        elif kind in "AMR#":
            later.append((number, line))
        else:
            unsupported[kind] += 1
    for number, line in later:
        _attach(line, number, bounds, name, bundle)
    for kind, count in unsupported.items():
        bundle.refuse(f"brat {kind} line", f"{name}: {count} '{kind}' line(s) skipped (annotator reads T, A, R and # lines)", count)
    return bounds


def _attach(line: str, number: int, bounds: dict[str, _TextBound], name: str, bundle: Bundle) -> None:
    parts = line.split("\t", 2)
    words = parts[1].split() if len(parts) > 1 else []
    kind = line[0]
    if kind in "AM" and len(words) in (2, 3) and words[1] in bounds:
        bounds[words[1]].attributes.append((words[0], words[2] if len(words) == 3 else None))
    elif kind == "R" and len(words) == 3:
        args = dict(w.split(":", 1) for w in words[1:] if ":" in w)
        origin, target = args.get("Arg1"), args.get("Arg2")
        if origin in bounds and target in bounds:
            bounds[origin].relations.append((target, words[0]))
        else:
            bundle.refuse("relation to an unknown annotation", f"{name} line {number}: a {words[0]} relation to an unknown annotation; skipped")
    elif kind == "#" and len(words) == 2 and words[1] in bounds:
        bounds[words[1]].notes.append(parts[2] if len(parts) > 2 else "")
    elif kind == "#" and words and words[0] != "AnnotatorNotes":
        pass  # other comment kinds are not ours to keep
    else:
        bundle.problems.append(f"{name} line {number}: refers to an unknown annotation or is malformed; skipped")


def _place(bound: _TextBound, shipped: ShippedText, side: dict, name: str, bundle: Bundle) -> tuple[int, int] | None:
    """The annotation's (start, end) in the normalised text, or None (reported)."""
    raw = shipped.raw
    where = f"{name} {bound.t_id} (line {bound.line})"
    if any(not 0 <= s < e <= len(raw) for s, e in bound.pieces):
        bundle.refuse("outside its text", f"{where}: span {bound.pieces} lies outside the text (length {len(raw)}); skipped")
        return None
    expected = " ".join(raw[s:e] for s, e in bound.pieces)
    field_text = bound.text_field
    if field_text not in (expected, one_line(expected)):
        bundle.refuse(
            "passage does not match the text",
            f"{where}: its text {field_text[:40]!r} does not match the article at {bound.pieces} "
            f"({expected[:40]!r}); skipped"
        )
        return None
    for (_, end), (start, _) in zip(bound.pieces, bound.pieces[1:]):
        if raw[end:start].strip():
            bundle.refuse("discontinuous span", f"{where}: a discontinuous annotation with words between its parts; skipped")
            return None
    start, end = bound.pieces[0][0], bound.pieces[-1][1]
    exact_start, exact_end = side.get("start"), side.get("end")
    # Our side-car keeps line breaks at the ends of a passage, which brat fragments cannot.
    if isinstance(exact_start, int) and isinstance(exact_end, int) and 0 <= exact_start <= start \
            and end <= exact_end <= len(raw) and all(c in LINE_BREAKS for c in raw[exact_start:start] + raw[end:exact_end]):
        start, end = exact_start, exact_end
    mapped = shipped.to_text(start), shipped.to_text(end)
    if mapped[0] is None or mapped[1] is None or mapped[0] >= mapped[1]:
        bundle.refuse("not on a character boundary", f"{where}: its offsets cannot be mapped onto the normalised text; skipped")
        return None
    return mapped  # type: ignore[return-value]


def _fields(bound: _TextBound, side_fields: Any, tag, conf: ParsedConf) -> dict[str, Any]:
    side_fields = side_fields if isinstance(side_fields, dict) else {}
    fields: dict[str, Any] = {}
    for attribute, token in bound.attributes:
        name = conf.field_name(attribute)
        definition = tag.field_named(name)
        if name in side_fields and value_token(definition, side_fields[name]) == token:
            fields[name] = side_fields[name]  # exact value and type, which brat could not hold
        else:
            fields[name] = value_from_token(definition, token)
    for name, value in side_fields.items():
        if name not in fields and value_token(tag.field_named(name), value) is None:
            fields[name] = value  # empty values have no A line
    return fields


def _sidecar(path: Path, folder: Path, bundle: Bundle) -> dict:
    if not path.is_file():
        return {}
    check_inside(folder, path)
    try:
        data = json.loads(read_file_limited(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        bundle.problems.append(f"{path.name}: not valid JSON; its UUIDs, annotators and metadata were not read")
        return {}
    return data if isinstance(data, dict) and data.get("format") == SIDECAR_FORMAT else {}


def _article(text: str, txt: Path, meta: dict) -> Article:
    article = Article(id=content_id(text), text=text, title=txt.stem)
    for key in _METADATA:
        if isinstance(meta.get(key), str):
            setattr(article, key, meta[key])
    try:
        article.status = Status(meta.get("status", Status.TODO.value))
    except ValueError:
        pass
    if isinstance(meta.get("extra"), dict):
        article.extra = meta["extra"]
    return article
