"""Label Studio JSON: read the tasks a Label Studio export holds, and write ours the same way.

A file is a JSON array of tasks ``{"id", "data": {"text": ...}, "annotations": [{"id",
"completed_by", "result": [...]}], "predictions": [...]}``. Results of ``"type": "labels"`` are
spans: ``value.start``/``value.end`` are JavaScript string indices — UTF-16 code units over the
text as given — converted here to code points through :mod:`offset_conventions` (which also
checks them against ``value.text`` and, if those passage texts show a file counted otherwise,
says so). ``completed_by`` is the annotator; ``relation`` results become typed relations;
``textarea``/``choices`` results on a region become its field values, on the task the article's
metadata; a region's ``meta.text`` its note. Predictions are a model's, not a coder's: counted
and left out.

The writer groups each article's annotations by annotator (one Label Studio annotation each),
writes per-region fields as ``textarea``/``choices`` results Label Studio shows, and keeps the
exact values (field types, UUID, times, reviewer) in an ``"annotator"`` key Label Studio ignores,
so our export read back is exact.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from annotator.core import codebook as codebook_rules
from annotator.core.bundle import Bundle
from annotator.core.formats.links import add_relation, links_of
from annotator.core.formats.json_records import first_record, json_records
from annotator.core.formats.offset_conventions import UTF16_SHIPPED, Counted, CountedText, decide, quotes
from annotator.core.formats.progress import Ticker
from annotator.core.formats.refi_codebook import GUID_NAMESPACE
from annotator.core.formats.shipped_text import ShippedText
from annotator.core.model import Annotation, Article, Tag
from annotator.core.offsets import OffsetMap
from annotator.core.text import content_id, context_around

ORIGIN = "Label Studio"
_ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language", "source_file")


def looks_like_label_studio(path: Path) -> bool:
    """Whether the file's first record is a Label Studio task (``data`` and annotations)."""
    record = first_record(path)
    return isinstance(record, dict) and isinstance(record.get("data"), dict) and (
        "annotations" in record or "predictions" in record or "completions" in record)


def read_label_studio(path: Path) -> Bundle:
    """The tasks of a Label Studio JSON export as articles, tags, annotations and relations."""
    bundle = Bundle(source=str(path))
    reader = _Reader(bundle)
    for where, task in json_records(Path(path)):
        if isinstance(task, ValueError):
            bundle.problems.append(f"{where}: {task}; skipped")
        elif not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            bundle.problems.append(f"{where}: not a Label Studio task; skipped")
        else:
            reader.task(task, where)
    reader.place()
    return bundle


class _Reader:
    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.tags: dict[str, Tag] = {}
        self.seen: set[str] = set()
        self.regions: list[tuple[Counted, dict, dict, Article, str, str, dict]] = []
        self.task_relations: list[tuple[list[dict], str]] = []

    def task(self, task: dict, where: str) -> None:
        data = task["data"]
        annotations = task.get("annotations") or task.get("completions") or []
        results = [(a, r) for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")
                   for r in (a.get("result") or []) if isinstance(r, dict)]
        cancelled = sum(1 for a in annotations if isinstance(a, dict) and a.get("was_cancelled"))
        predicted = sum(len(p.get("result") or []) for p in task.get("predictions") or [] if isinstance(p, dict))
        if predicted:
            self.bundle.refuse("prediction (a model's, not a coder's)", f"{where}: {predicted} prediction "
                               "result(s) left out: they are a model's, not a coder's", predicted)
        if cancelled:
            self.bundle.problems.append(f"{where}: {cancelled} cancelled annotation(s) left out")
        spans = [(a, r) for a, r in results if r.get("type") == "labels"]
        text = _text_of(data, spans)
        if not isinstance(text, str) or not text:
            self.bundle.refuse("task without text", f"{where}: no text; skipped with its {len(spans)} "
                               "labelled region(s)", len(spans))
            return
        shipped = ShippedText(text)
        if not shipped.mappable:
            self.bundle.refuse("text cannot be normalised", f"{where}: its text changes under NFC in a way "
                               "offsets cannot follow; skipped", len(spans))
            return
        article = self._article(task, data, shipped.text, text, results)
        counted = CountedText(shipped)
        regions = {r.get("id") for _, r in spans}
        per_region = {}
        for _, r in results:
            if r.get("type") in ("textarea", "choices") and r.get("id") in regions:
                per_region.setdefault(r["id"], []).append(r)
        for owner, r in spans:
            value = r.get("value") if isinstance(r.get("value"), dict) else {}
            start, end = value.get("start"), value.get("end")
            if type(start) is not int or type(end) is not int or start >= end:
                self.bundle.refuse("empty or invalid span", f"{where}: region {r.get('id')} has no valid "
                                   f"start and end ({start!r}, {end!r}); skipped", max(1, len(value.get("labels") or [])))
                continue
            quote = value.get("text") if isinstance(value.get("text"), str) else ""
            self.regions.append((Counted(counted, start, end, quote), r, owner, article, where,
                                 str(task.get("id", "")), {"extra": per_region.get(r.get("id"), [])}))
        self.task_relations.append(([r for _, r in results if r.get("type") == "relation"], where))

    def _article(self, task: dict, data: dict, text: str, raw_text: str, results) -> Article:
        article = Article(id=content_id(text), text=text)
        values = {k: v for k, v in data.items() if v != raw_text}
        for key in _ARTICLE_FIELDS:
            if isinstance(values.get(key), str):
                setattr(article, key, values.pop(key))
        extra = values.pop("extra", None)
        article.extra = dict(extra) if isinstance(extra, dict) else {}
        article.extra.update({k: v for k, v in values.items() if k != "article_id"})
        regions = {r.get("id") for _, r in results if r.get("type") == "labels"}
        for _, r in results:  # choices and text areas of the whole task: article metadata
            if r.get("type") in ("choices", "textarea") and r.get("id") not in regions:
                article.extra[str(r.get("from_name") or r.get("type"))] = _result_value(r)
        if task.get("id") is not None and "article_id" not in data:
            article.extra.setdefault("label_studio_id", task["id"])
        if article.id not in self.seen:
            self.seen.add(article.id)
            self.bundle.articles.append(article)
        return article

    def place(self) -> None:
        decision = decide([c for c, *_ in self.regions], ORIGIN)
        self.bundle.offsets = decision.summary()
        reading = decision.reading
        by_region: dict[tuple[str, str], str] = {}
        for counted, result, owner, article, where, task_id, extras in self.regions:
            labels = [str(x) for x in (result.get("value") or {}).get("labels") or [] if str(x).strip()]
            what = f"{where}: region {result.get('id')} at {counted.start}-{counted.end}"
            if not labels:
                self.bundle.refuse("no label", f"{what} has no label; skipped")
                continue
            span = counted.text.place(reading, counted.start, counted.end) if reading else None
            if span is None:
                reason = "offset convention unknown" if reading is None else "outside its text"
                self.bundle.refuse(reason, f"{what} cannot be placed ({decision.summary() if reading is None else 'outside its text or inside a character'}); skipped", len(labels))
                continue
            s, e = span
            if counted.quote and not quotes(article.text[s:e], counted.quote):
                self.bundle.refuse("passage does not match the text", f"{what}: its text {counted.quote[:40]!r} "
                                   f"is not the passage there ({article.text[s:e][:40]!r}); skipped", len(labels))
                continue
            for number, label in enumerate(labels):
                annotation = self._annotation(result, owner, article, s, e, label, number, task_id, extras["extra"])
                self.bundle.annotations.append(annotation)
                if number == 0 and result.get("id") is not None:
                    by_region[(where, str(result["id"]))] = annotation.id  # region ids are per task
        self._relations(by_region)

    def _annotation(self, result, owner, article, s, e, label, number, task_id, region_results) -> Annotation:
        tag = self.tags.get(label.casefold())
        if tag is None:
            tag = Tag(name=label, colour=codebook_rules.next_colour(self.bundle.tags), position=len(self.bundle.tags))
            self.tags[label.casefold()] = tag
            self.bundle.tags.append(tag)
        exact = result.get("annotator") if isinstance(result.get("annotator"), dict) else {}
        region = str(result.get("id") or "")
        ours = _uuid_or_none(exact.get("id") or region)
        annotation_id = ours if ours and number == 0 else str(uuid.uuid5(
            GUID_NAMESPACE, f"label-studio:{article.id}:{task_id}:{owner.get('id')}:{region}:{label}"))
        fields = exact.get("fields") if isinstance(exact.get("fields"), dict) else {
            str(r.get("from_name") or r.get("type")): _result_value(r) for r in region_results}
        meta = result.get("meta") if isinstance(result.get("meta"), dict) else {}
        note = exact.get("note", "\n".join(str(t) for t in meta.get("text") or []))
        before, after = context_around(article.text, s, e)
        annotation = Annotation(
            id=annotation_id, article_id=article.id, tag_id=tag.id, start=s, end=e, text=article.text[s:e],
            annotator=_coder(owner.get("completed_by")), context_before=before, context_after=after,
            note=str(note), fields=fields, reviewer=str(exact.get("reviewer") or ""),
            linked_id=str(exact["linked_id"]) if exact.get("linked_id") else None,  # may be in another task
        )
        created = exact.get("created_at") or owner.get("created_at")
        if created:
            annotation.created_at = str(created)
        annotation.updated_at = str(exact.get("updated_at") or owner.get("updated_at") or annotation.created_at)
        return annotation

    def _relations(self, by_region: dict[tuple[str, str], str]) -> None:
        linked = {a.id: a for a in self.bundle.annotations}
        for items, where in self.task_relations:
            for r in items:
                source = by_region.get((where, str(r.get("from_id"))))
                target = by_region.get((where, str(r.get("to_id"))))
                if source is None or target is None:
                    self.bundle.refuse("relation to an annotation not placed", f"{where}: a relation "
                                       f"{r.get('from_id')} -> {r.get('to_id')} joins a region that was not placed; skipped")
                    continue
                kinds = [str(x) for x in r.get("labels") or []] or [""]
                for kind in kinds:
                    add_relation(self.bundle, linked[source], target, kind)


def _text_of(data: dict, spans) -> Any:
    for _, r in spans:
        if isinstance(data.get(r.get("to_name")), str):
            return data[r["to_name"]]
    if isinstance(data.get("text"), str):
        return data["text"]
    return next((v for v in data.values() if isinstance(v, str) and v), None)


def _result_value(result: dict) -> Any:
    value = result.get("value") if isinstance(result.get("value"), dict) else {}
    if result.get("type") == "choices":
        choices = [str(c) for c in value.get("choices") or []]
        return choices[0] if len(choices) == 1 else "; ".join(choices)
    return "\n".join(str(t) for t in value.get("text") or [])


def _coder(completed_by: Any) -> str:
    if isinstance(completed_by, dict):
        name = " ".join(str(completed_by.get(k) or "") for k in ("first_name", "last_name")).strip()
        return str(completed_by.get("email") or name or completed_by.get("username")
                   or f"Label Studio user {completed_by.get('id')}")
    if isinstance(completed_by, str) and completed_by:
        return completed_by
    return f"Label Studio user {completed_by}" if completed_by is not None else "Label Studio"


def _uuid_or_none(value: Any) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


# -- writing ------------------------------------------------------------------------------------


def write_label_studio(documents: Iterable[tuple[Article, list[Annotation]]], tags: list[Tag], handle: TextIO,
                       *, relations: dict[str, list[tuple[str, str]]] | None = None,
                       ticker: Ticker | None = None) -> tuple[int, int]:
    """Write the documents as a Label Studio JSON array of tasks; return ``(articles, annotations)``."""
    names = {t.id: t for t in tags}
    relations = relations or {}
    coders: dict[str, int] = {}
    articles = count = 0
    handle.write("[")
    for article, group in documents:
        handle.write(",\n" if articles else "\n")
        handle.write(json.dumps(_task(article, group, names, relations, coders, articles + 1), ensure_ascii=False))
        articles += 1
        count += len(group)
        if ticker is not None:
            ticker.tick()
    handle.write("\n]\n")
    return articles, count


def _task(article: Article, group: list[Annotation], tags: dict[str, Tag],
          relations: dict[str, list[tuple[str, str]]], coders: dict[str, int], number: int) -> dict:
    offsets = OffsetMap(article.text)
    data: dict[str, Any] = {"text": article.text, "article_id": article.id}
    for key in _ARTICLE_FIELDS:
        if getattr(article, key):
            data[key] = getattr(article, key)
    if article.extra:
        data["extra"] = article.extra
    by_coder: dict[str, list[Annotation]] = {}
    for a in group:
        by_coder.setdefault(a.annotator, []).append(a)
    present = {a.id for a in group}
    annotations = []
    for coder, items in by_coder.items():
        coder_id = coders.setdefault(coder, len(coders) + 1)
        results: list[dict] = []
        for a in items:
            tag = tags.get(a.tag_id)
            start, end = offsets.span_to_utf16(a.start, a.end)
            results.append({
                "id": a.id, "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": start, "end": end, "text": a.text, "labels": [tag.name if tag else a.tag_id]},
                "meta": {"text": [a.note]} if a.note else {},
                "annotator": {"id": a.id, "note": a.note, "fields": a.fields, "reviewer": a.reviewer,
                              "created_at": a.created_at, "updated_at": a.updated_at,
                              "linked_id": a.linked_id},
            })
            for name, value in a.fields.items():
                results.append(_field_result(a.id, name, value))
            for target, kind in links_of(a, relations):
                if target in present:
                    results.append({"from_id": a.id, "to_id": target, "type": "relation", "direction": "right",
                                    "labels": [kind] if kind else []})
        completed_by = {"id": coder_id, "email": coder} if "@" in coder else {"id": coder_id, "first_name": coder}
        annotations.append({"id": len(annotations) + 1, "completed_by": completed_by, "result": results,
                            "created_at": min(a.created_at for a in items),
                            "updated_at": max(a.updated_at for a in items)})
    return {"id": number, "data": data, "annotations": annotations, "predictions": []}


def _field_result(region: str, name: str, value: Any) -> dict:
    base = {"id": region, "from_name": name, "to_name": "text"}
    if isinstance(value, bool):
        return {**base, "type": "choices", "value": {"choices": ["yes" if value else "no"]}}
    return {**base, "type": "textarea", "value": {"text": [str(value)]}}
