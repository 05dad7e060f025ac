"""doccano JSONL: read all three shapes doccano exports, and write the relation shape back.

doccano writes one object per line (its relation export pretty-printed, one after another):

- sequence labelling: ``"label": [[start, end, "LABEL"], ...]``;
- relation extraction: ``"entities": [{"id", "label", "start_offset", "end_offset"}]`` and
  ``"relations": [{"id", "from_id", "to_id", "type"}]``;
- text classification: ``"label": ["positive", ...]``, labels of the whole document.

Offsets are code points, end exclusive, over ``text`` as written (a text with CRLF is mapped
onto our normalised text where provably right). Span labels become annotations and their labels
tags; relations become typed relations (the first of an annotation also its link); document
labels become the article's ``labels`` metadata; ``meta`` and other keys become metadata too.
Every span is checked against its text; what is left out is counted in ``Bundle.refused``.

The writer adds to each entity what doccano does not have (annotator, note, field values, our
UUID and times) under keys doccano ignores, so our export read back is exact.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from annotator.core import codebook as codebook_rules
from annotator.core.bundle import Bundle
from annotator.core.formats.json_records import first_record, json_records
from annotator.core.formats.links import add_relation, links_of
from annotator.core.formats.offset_conventions import CODE_POINTS, CountedText
from annotator.core.formats.progress import Ticker
from annotator.core.formats.refi_codebook import GUID_NAMESPACE
from annotator.core.formats.shipped_text import ShippedText
from annotator.core.model import Annotation, Article, Tag
from annotator.core.text import content_id, context_around

DEFAULT_ANNOTATOR = "doccano"
DOCUMENT_LABELS = "labels"  # the metadata key document labels go to
_ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language", "source_file")
_SHAPE_KEYS = {"text", "data", "label", "entities", "relations", "id", "meta"}


def looks_like_doccano(path: Path) -> bool:
    """Whether the file's first record has doccano's labels (and is not our own export)."""
    record = first_record(path)
    if not isinstance(record, dict) or "annotator_export" in record:
        return False
    return isinstance(record.get("label"), list) or isinstance(record.get("entities"), list)


def read_doccano(path: Path) -> Bundle:
    """The texts, labels, spans and relations of a doccano export."""
    bundle = Bundle(source=str(path), offsets="code points over each text as written (doccano)")
    tags: dict[str, Tag] = {}
    seen: set[str] = set()
    for where, record in json_records(Path(path)):
        if isinstance(record, ValueError):
            bundle.problems.append(f"{where}: {record}; skipped")
            continue
        if not isinstance(record, dict):
            bundle.problems.append(f"{where}: not a JSON object; skipped")
            continue
        _read_record(record, where, bundle, tags, seen)
    return bundle


def _read_record(record: dict, where: str, bundle: Bundle, tags: dict[str, Tag], seen: set[str]) -> None:
    text = record.get("text", record.get("data"))
    spans, document_labels = _labels(record)
    entities = record.get("entities") if isinstance(record.get("entities"), list) else []
    if not isinstance(text, str) or not text:
        dropped = len(spans) + len(entities)
        bundle.refuse("record without text", f"{where}: no text; skipped"
                      + (f" with its {dropped} label(s)" if dropped else ""), dropped)
        return
    shipped = ShippedText(text)
    if not shipped.mappable:
        bundle.refuse("text cannot be normalised", f"{where}: its text changes under NFC in a way offsets "
                      "cannot follow; skipped", len(spans) + len(entities))
        return
    article = _article(record, shipped.text, document_labels)
    _count_kept(bundle, f"document labels as article metadata {DOCUMENT_LABELS!r}", len(document_labels))
    if article.id not in seen:
        seen.add(article.id)
        bundle.articles.append(article)
    counted = CountedText(shipped)
    default_coder = str(record.get("annotator") or record.get("user") or DEFAULT_ANNOTATOR)
    items = [{"label": s[2], "start_offset": s[0], "end_offset": s[1]} for s in spans] + [
        e for e in entities if isinstance(e, dict)]
    by_entity: dict[Any, str] = {}
    placed: set[tuple] = set()
    for number, item in enumerate(items):
        annotation = _annotation(item, number, article, counted, default_coder, where, bundle, tags)
        if annotation is None:
            continue
        # Ours carry a UUID each (two coders' or one coder's twin codings stay apart); doccano's
        # own twin labels are one coding.
        key = (annotation.start, annotation.end, annotation.tag_id, annotation.annotator, item.get("uuid"))
        if key in placed:
            bundle.refuse("exact duplicate", f"{where}: label {item.get('label')!r} at "
                          f"{item.get('start_offset')}-{item.get('end_offset')} appears twice; kept once")
            continue
        placed.add(key)
        bundle.annotations.append(annotation)
        if "id" in item:
            by_entity[item["id"]] = annotation.id
    _relations(record.get("relations"), by_entity, where, bundle)


def _labels(record: dict) -> tuple[list[list], list[str]]:
    """(span labels ``[start, end, LABEL]``, document labels) of a record's ``label``."""
    labels = record.get("label") if isinstance(record.get("label"), list) else []
    spans = [x for x in labels if isinstance(x, list) and len(x) >= 3]
    document = [str(x) for x in labels if isinstance(x, str)]
    return spans, document


def _article(record: dict, text: str, document_labels: list[str]) -> Article:
    article = Article(id=content_id(text), text=text)
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    values = {**{k: v for k, v in record.items() if k not in _SHAPE_KEYS and k != "extra"}, **meta}
    for key in _ARTICLE_FIELDS:
        if isinstance(values.get(key), str):
            setattr(article, key, values.pop(key))
    extra = record.get("extra") if isinstance(record.get("extra"), dict) else {}
    article.extra = {**extra, **{k: v for k, v in values.items() if k not in ("annotator", "user")}}
    if record.get("id") not in (None, article.id) and not isinstance(record.get("id"), (dict, list)):
        article.extra.setdefault("doccano_id", record["id"])
    if document_labels:
        article.extra[DOCUMENT_LABELS] = "; ".join(dict.fromkeys(document_labels))
    return article


def _count_kept(bundle: Bundle, what: str, count: int) -> None:
    if count:
        bundle.kept_as[what] = bundle.kept_as.get(what, 0) + count


def _annotation(item: dict, number: int, article: Article, counted: CountedText, coder: str,
                where: str, bundle: Bundle, tags: dict[str, Tag]) -> Annotation | None:
    start, end, label = item.get("start_offset"), item.get("end_offset"), item.get("label")
    what = f"{where}: label {label!r} at {start}-{end}"
    if not isinstance(label, str) or not label.strip():
        bundle.refuse("no label", f"{what} has no label; skipped")
        return None
    if type(start) is not int or type(end) is not int or start >= end:
        bundle.refuse("empty or invalid span", f"{what}: not a span (start must be before end); skipped")
        return None
    span = counted.place(CODE_POINTS, start, end)
    if span is None:
        bundle.refuse("outside its text", f"{what} lies outside its text or cuts a character; skipped")
        return None
    s, e = span
    passage = article.text[s:e]
    if isinstance(item.get("text"), str) and item["text"] != passage:
        bundle.refuse("passage does not match the text", f"{what}: its text {item['text'][:40]!r} is not "
                      f"the passage there ({passage[:40]!r}); skipped")
        return None
    tag = tags.get(label.strip().casefold())
    if tag is None:
        tag = Tag(name=label.strip(), colour=codebook_rules.next_colour(bundle.tags), position=len(bundle.tags))
        tags[label.strip().casefold()] = tag
        bundle.tags.append(tag)
    before, after = context_around(article.text, s, e)
    fields = item.get("fields") if isinstance(item.get("fields"), dict) else {}
    annotation = Annotation(
        id=str(item.get("uuid") or uuid.uuid5(GUID_NAMESPACE, f"doccano:{article.id}:{s}:{e}:{label}:{number}")),
        article_id=article.id, tag_id=tag.id, start=s, end=e, text=passage,
        annotator=str(item.get("annotator") or coder), context_before=before, context_after=after,
        note=str(item.get("note") or ""), fields=fields, reviewer=str(item.get("reviewer") or ""),
        linked_id=str(item["linked_id"]) if item.get("linked_id") else None,  # ours: may be in another text
    )
    if item.get("created_at"):
        annotation.created_at = str(item["created_at"])
    annotation.updated_at = str(item.get("updated_at") or annotation.created_at)
    return annotation


def _relations(items: Any, by_entity: dict[Any, str], where: str, bundle: Bundle) -> None:
    if not isinstance(items, list):
        return
    linked = {a.id: a for a in bundle.annotations}
    for item in items:
        if not isinstance(item, dict):
            continue
        source, target = by_entity.get(item.get("from_id")), by_entity.get(item.get("to_id"))
        if source is None or target is None:
            bundle.refuse("relation to an annotation not placed",
                          f"{where}: relation {item.get('id')} ({item.get('type')}) joins an entity that was not "
                          "placed; skipped")
            continue
        add_relation(bundle, linked[source], target, str(item.get("type") or ""))


# -- writing ------------------------------------------------------------------------------------


def write_doccano(documents: Iterable[tuple[Article, list[Annotation]]], tags: list[Tag], handle: TextIO,
                  *, relations: dict[str, list[tuple[str, str]]] | None = None,
                  ticker: Ticker | None = None) -> tuple[int, int]:
    """Write doccano's relation shape, one article per line; return ``(articles, annotations)``.
    ``relations`` maps an annotation id to its typed relations ``(target id, type)``."""
    names = {t.id: t.name for t in tags}
    relations = relations or {}
    articles = count = 0
    for article, group in documents:
        numbers = {a.id: n for n, a in enumerate(group)}
        entities, links = [], []
        for n, a in enumerate(group):
            entities.append({
                "id": n, "label": names.get(a.tag_id, a.tag_id), "start_offset": a.start, "end_offset": a.end,
                "uuid": a.id, "annotator": a.annotator, "note": a.note, "fields": a.fields,
                "reviewer": a.reviewer, "created_at": a.created_at, "updated_at": a.updated_at,
                "linked_id": a.linked_id,
            })
            for target, kind in links_of(a, relations):
                if target in numbers:
                    links.append({"id": len(links), "from_id": n, "to_id": numbers[target], "type": kind})
        line: dict[str, Any] = {"id": article.id, "text": article.text, "entities": entities, "relations": links}
        for key in _ARTICLE_FIELDS:
            if getattr(article, key):
                line[key] = getattr(article, key)
        if article.extra:
            line["extra"] = article.extra
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        articles += 1
        count += len(group)
        if ticker is not None:
            ticker.tick()
    return articles, count
