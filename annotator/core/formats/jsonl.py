"""Our JSONL export: one article per line with its text, metadata, status and annotations.

Every line carries ``"annotator_export": 1`` (so a reader tells it from a plain JSONL of
articles), and the first line also carries the whole ``"codebook"`` (tags with colours, keys,
definitions and fields). Each line has the coders' memos on the article, ``"memos": [{"annotator",
"text", "updated_at"}, ...]`` (by coder; empty when none), and doccano's
``"label": [[start, end, tag], ...]``, so
doccano and other tools that read its format take the file as it is. With no article at all, the
file is a single line with the marker and the codebook.

Offsets are Unicode code points, end exclusive, into ``text``. The reader checks every span
against its text; a mismatch is reported in ``Bundle.problems`` and the span left out, never
shifted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from annotator.core import codebook as codebook_rules
from annotator.core.bundle import Bundle
from annotator.core.formats.progress import Ticker
from annotator.core.memos import ArticleMemo
from annotator.core.model import Annotation, Article, Status, Tag
from annotator.core.text import content_id, context_around, normalise_text
from annotator.core.variables import Variable, variables_to_json

MARKER = "annotator_export"
VERSION = 1
_ARTICLE_FIELDS = (
    "title", "outlet", "author", "url", "published", "language", "source_file", "imported_at",
)


def tag_to_json(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.id, "name": tag.name, "colour": tag.colour, "key": tag.key,
        "definition": tag.definition, "example": tag.example,
        "fields": [f.to_json() for f in tag.fields], "retired": tag.retired,
    }


def annotation_to_json(a: Annotation, tag_name: str) -> dict[str, Any]:
    return {
        "id": a.id, "tag": tag_name, "tag_id": a.tag_id, "start": a.start, "end": a.end,
        "text": a.text, "annotator": a.annotator, "note": a.note, "fields": a.fields,
        "linked_id": a.linked_id, "reviewer": a.reviewer,
        "created_at": a.created_at, "updated_at": a.updated_at,
    }


def article_line(article: Article, annotations: list[Annotation], names: dict[str, str]) -> dict:
    """The JSON object of one article (``names`` maps tag ids to tag names)."""
    line: dict[str, Any] = {MARKER: VERSION, "id": article.id, "text": article.text}
    for key in _ARTICLE_FIELDS:
        line[key] = getattr(article, key)
    line["status"] = article.status.value
    line["extra"] = article.extra
    line["annotations"] = [annotation_to_json(a, names.get(a.tag_id, a.tag_id)) for a in annotations]
    line["label"] = [[a.start, a.end, names.get(a.tag_id, a.tag_id)] for a in annotations]
    return line


def write_jsonl(
    documents: Iterable[tuple[Article, list[Annotation]]],
    tags: list[Tag],
    handle: TextIO,
    *,
    ticker: Ticker | None = None,
    variables: Sequence[Variable] = (),
    values: dict[str, dict[str, dict]] | None = None,
    memos: Mapping[str, Sequence[ArticleMemo]] | None = None,
) -> tuple[int, int]:
    """Write ``(article, annotations)`` pairs as JSONL; return ``(articles, annotations)``.

    With article-level ``variables``, the first line carries them too (``"article_variables"``, as
    in the codebook JSON's ``"variables"``) and each line has ``"variables": {coder: {name: value}}`` from ``values``
    (article id -> that object). ``memos`` (article id -> its memos) fill each line's ``"memos"``."""
    names = {t.id: t.name for t in tags}
    codebook = [tag_to_json(t) for t in sorted(tags, key=lambda t: t.position)]
    head: dict[str, Any] = {MARKER: VERSION, "codebook": codebook}
    if variables:
        head["article_variables"] = variables_to_json(variables)
    values, memos = values or {}, memos or {}
    articles = annotations = 0
    for article, group in documents:
        line = article_line(article, group, names)
        line["memos"] = [{"annotator": m.annotator, "text": m.text, "updated_at": m.updated_at}
                         for m in memos.get(article.id, ())]
        if variables:
            line["variables"] = values.get(article.id, {})
        if articles == 0:
            line = {**head, **line}
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        articles += 1
        annotations += len(group)
        if ticker is not None:
            ticker.tick()
    if articles == 0:
        handle.write(json.dumps(head, ensure_ascii=False) + "\n")
    return articles, annotations


def is_export_line(line: str) -> bool:
    """True if ``line`` (a file's first line) is from our JSONL export."""
    try:
        data = json.loads(line)
    except ValueError:
        return False
    return isinstance(data, dict) and MARKER in data


def read_jsonl(path: Path) -> Bundle:
    """Read our JSONL export into a :class:`Bundle`, checking every span against its text."""
    bundle = Bundle(source=str(path), offsets="code points over each text, checked against each passage")
    tags_by_name: dict[str, Tag] = {}
    with open(path, encoding="utf-8-sig") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                data = json.loads(raw)
            except ValueError as error:
                bundle.problems.append(f"{where}: not valid JSON ({error}); skipped")
                continue
            if not isinstance(data, dict) or MARKER not in data:
                bundle.problems.append(f"{where}: not a line of an annotator export; skipped")
                continue
            if "codebook" in data:
                _read_codebook(data["codebook"], bundle, tags_by_name, where)
            if "text" in data:
                _read_article(data, bundle, tags_by_name, where)
    return bundle


def _read_codebook(items: Any, bundle: Bundle, tags_by_name: dict[str, Tag], where: str) -> None:
    try:
        tags = codebook_rules.from_json(json.dumps({"tags": items}))
    except codebook_rules.CodebookError as error:
        bundle.problems.append(f"{where}: codebook not read ({error})")
        return
    for tag in tags:
        if tag.name.casefold() not in tags_by_name:
            tags_by_name[tag.name.casefold()] = tag
            bundle.tags.append(tag)


def _tag_for(name: str, bundle: Bundle, tags_by_name: dict[str, Tag]) -> Tag:
    """The bundle's tag called ``name``; a tag the codebook lacks is added (colour by palette)."""
    tag = tags_by_name.get(name.casefold())
    if tag is None:
        colour = codebook_rules.next_colour(bundle.tags)
        tag = Tag(name=name, colour=colour, position=len(bundle.tags))
        tags_by_name[name.casefold()] = tag
        bundle.tags.append(tag)
    return tag


def _read_article(data: dict, bundle: Bundle, tags_by_name: dict[str, Tag], where: str) -> None:
    text = data.get("text")
    if not isinstance(text, str) or not text:
        bundle.refuse("record without text", f"{where}: no article text; skipped", _count(data))
        return
    if normalise_text(text) != text:
        # Normalising would move every offset; taking it raw would break content ids.
        bundle.refuse("text not normalised", f"{where}: text is not normalised (CR line endings or not NFC); "
                      "skipped", _count(data))
        return
    article_id = content_id(text)
    if data.get("id") not in (None, article_id):
        bundle.problems.append(f"{where}: id {str(data.get('id'))[:16]}... does not match its text; using the text's")
    try:
        status = Status(data.get("status") or "todo")
    except ValueError:
        bundle.problems.append(f"{where}: unknown status {data.get('status')!r}; set to todo")
        status = Status.TODO
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    article = Article(
        id=article_id, text=text, status=status, extra=extra,
        **{k: str(data.get(k) or "") for k in _ARTICLE_FIELDS},
    )
    bundle.articles.append(article)
    items = data.get("annotations")
    if items is None:  # a doccano line: labels only
        labels = data.get("label") if isinstance(data.get("label"), list) else []
        items = [
            {"start": x[0], "end": x[1], "tag": x[2]} if isinstance(x, list) and len(x) >= 3 else x
            for x in labels
        ]
    for item in _dicts(items, bundle, where):
        annotation = _read_annotation(item, text, article_id, bundle, tags_by_name, where)
        if annotation is not None:
            bundle.annotations.append(annotation)
    _read_memos(data.get("memos", []), article_id, bundle, where)


def _read_memos(items: Any, article_id: str, bundle: Bundle, where: str) -> None:
    if not isinstance(items, list):
        bundle.problems.append(f"{where}: \"memos\" is not a list; none read")
        return
    for item in items:
        coder, text = (item.get("annotator"), item.get("text")) if isinstance(item, dict) else (None, None)
        if not (isinstance(coder, str) and coder.strip() and isinstance(text, str)):
            bundle.problems.append(f"{where}: a memo without a coder's name or text; skipped")
        elif text.strip():
            bundle.memos.append(ArticleMemo(article_id, coder.strip(), text, str(item.get("updated_at") or "")))


def _count(data: dict) -> int:
    items = data.get("annotations", data.get("label"))
    return len(items) if isinstance(items, list) else 0


def _dicts(items: Any, bundle: Bundle, where: str) -> Iterator[dict]:
    if not isinstance(items, list):
        bundle.problems.append(f"{where}: \"annotations\" is not a list; none read")
        return
    for item in items:
        if isinstance(item, dict):
            yield item
        else:
            bundle.problems.append(f"{where}: an annotation is not an object; skipped")


def _read_annotation(item, text, article_id, bundle, tags_by_name, where) -> Annotation | None:
    label = item.get("id") or f"{item.get('start')}-{item.get('end')}"
    start, end = item.get("start"), item.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
        bundle.refuse("outside its text", f"{where}: annotation {label}: span {start}-{end} lies outside the text; skipped")
        return None
    passage = item.get("text", text[start:end])
    if passage != text[start:end]:
        bundle.refuse(
            "passage does not match the text",
            f"{where}: annotation {label}: passage {str(passage)[:40]!r} does not match the text at "
            f"{start}-{end} ({text[start:end][:40]!r}); skipped"
        )
        return None
    name = item.get("tag")
    if not isinstance(name, str) or not name.strip():
        bundle.refuse("no tag", f"{where}: annotation {label}: no tag; skipped")
        return None
    tag = _tag_for(name.strip(), bundle, tags_by_name)
    before, after = context_around(text, start, end)
    fields = item.get("fields") if isinstance(item.get("fields"), dict) else {}
    annotation = Annotation(
        article_id=article_id, tag_id=tag.id, start=start, end=end, text=passage,
        annotator=str(item.get("annotator") or "unknown"), context_before=before,
        context_after=after, note=str(item.get("note") or ""), fields=fields,
        linked_id=item.get("linked_id") or None, reviewer=str(item.get("reviewer") or ""),
    )
    if item.get("created_at"):
        annotation.created_at = str(item["created_at"])
    annotation.updated_at = str(item.get("updated_at") or annotation.created_at)
    if item.get("id"):
        annotation.id = str(item["id"])
    return annotation
