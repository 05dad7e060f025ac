"""Read W3C Web Annotation JSON-LD (ours or another tool's) against texts we already have.

A Web Annotation names its document but does not carry it, so the reader takes ``text_of``:
article id -> text (or None), e.g. a project's ``articles.text``. Targets written by annotator
are ``urn:sha256:<content id>``. Each annotation is anchored by its ``TextPositionSelector`` when
the text there equals the ``TextQuoteSelector``'s ``exact``; otherwise by its quote, only when
prefix + exact + suffix occurs exactly once, and that move is reported. Anything else is a
problem in ``Bundle.problems``, never a silent shift.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from annotator.core import codebook as codebook_rules
from annotator.core.bundle import Bundle
from annotator.core.model import Annotation, Article, Tag
from annotator.core.text import context_around

_TAG_PURPOSES = ("classifying", "tagging", "identifying")
_ID_PREFIXES = ("urn:uuid:", "urn:annotator:annotation:")


def read_webanno(path: Path, text_of: Callable[[str], str | None]) -> Bundle:
    """The annotations of a Web Annotation file (a collection, a page, a list or one
    annotation) whose documents ``text_of`` knows, as a :class:`Bundle`."""
    bundle = Bundle(source=str(path), offsets="code points (TextPositionSelector), checked against the "
                    "TextQuoteSelector")
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        bundle.problems.append(f"{Path(path).name}: not a readable JSON file ({error})")
        return bundle
    tags: dict[str, Tag] = {}
    articles: dict[str, Article] = {}
    for number, item in enumerate(_annotations(data), 1):
        where = f"{Path(path).name} annotation {number}"
        annotation = _read_one(item, text_of, bundle, tags, articles, where)
        if annotation is not None:
            bundle.annotations.append(annotation)
    bundle.articles.extend(articles.values())
    return bundle


def _annotations(data: Any) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _annotations(item)
    elif isinstance(data, dict):
        if data.get("type") == "Annotation":
            yield data
        elif "items" in data:  # an AnnotationPage
            yield from _annotations(data["items"])
        elif isinstance(data.get("first"), (dict, list)):  # an AnnotationCollection
            yield from _annotations(data["first"])


def _local_id(iri: Any) -> str | None:
    if not isinstance(iri, str) or not iri:
        return None
    for prefix in _ID_PREFIXES:
        if iri.startswith(prefix):
            return unquote(iri[len(prefix):])
    return iri


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _read_one(item, text_of, bundle, tags, articles, where) -> Annotation | None:
    target = _as_list(item.get("target"))[0] if item.get("target") else None
    if not isinstance(target, dict):
        bundle.refuse("no target", f"{where}: no target; skipped")
        return None
    source = target.get("source")
    source_id = source.get("id") if isinstance(source, dict) else source
    article_id = source_id[len("urn:sha256:"):] if isinstance(source_id, str) and source_id.startswith("urn:sha256:") else source_id
    text = text_of(article_id) if isinstance(article_id, str) else None
    if text is None:
        bundle.refuse("article not in the project", f"{where}: its document {source_id!r} is not in the project; skipped")
        return None
    span = _anchor(target, text, bundle, where)
    if span is None:
        return None
    start, end = span
    body = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    tag_name = next((str(b.get("value")) for b in body if b.get("purpose") in _TAG_PURPOSES and b.get("value")), None)
    if not tag_name:
        bundle.refuse("no tag", f"{where}: no tag in its body; skipped")
        return None
    tag = tags.get(tag_name.casefold())
    if tag is None:
        tag = Tag(name=tag_name, colour=codebook_rules.next_colour(bundle.tags), position=len(bundle.tags))
        tags[tag_name.casefold()] = tag
        bundle.tags.append(tag)
    articles.setdefault(article_id, Article(id=article_id, text=text))
    creator = item.get("creator")
    creator = _as_list(creator)[0] if creator else {}
    annotator = creator.get("name") or creator.get("nickname") if isinstance(creator, dict) else creator
    before, after = context_around(text, start, end)
    annotation = Annotation(
        article_id=article_id, tag_id=tag.id, start=start, end=end, text=text[start:end],
        annotator=str(annotator or "unknown"), context_before=before, context_after=after,
        note="\n\n".join(str(b.get("value")) for b in body if b.get("purpose") == "commenting" and b.get("value")),
        fields=_fields(body, bundle, where),
        linked_id=next((_local_id(b.get("source")) for b in body if b.get("purpose") == "linking"), None),
    )
    if item.get("created"):
        annotation.created_at = str(item["created"])
    annotation.updated_at = str(item.get("modified") or annotation.created_at)
    if _local_id(item.get("id")):
        annotation.id = _local_id(item.get("id"))
    return annotation


def _fields(body: list[dict], bundle: Bundle, where: str) -> dict:
    for b in body:
        if b.get("purpose") == "describing" and b.get("format") == "application/json":
            try:
                value = json.loads(str(b.get("value")))
            except ValueError:
                bundle.problems.append(f"{where}: its field values are not JSON; left out")
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def _anchor(target: dict, text: str, bundle: Bundle, where: str) -> tuple[int, int] | None:
    selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    exact = quote.get("exact") if quote else None
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if type(start) is int and type(end) is int and 0 <= start < end <= len(text):
            if exact is None or text[start:end] == exact:
                return start, end
    if isinstance(exact, str) and exact:
        prefix, suffix = str(quote.get("prefix") or ""), str(quote.get("suffix") or "")
        found = _find_unique(text, prefix + exact + suffix)
        if found is not None:
            start = found + len(prefix)
            if position is not None:
                bundle.kept_as["re-anchored by their quote"] = bundle.kept_as.get("re-anchored by their quote", 0) + 1
                bundle.problems.append(
                    f"{where}: position {position.get('start')}-{position.get('end')} does not hold its quote; "
                    f"anchored by the quote at {start}-{start + len(exact)}"
                )
            return start, start + len(exact)
    bundle.refuse("passage does not match the text", f"{where}: its passage cannot be found in the text; skipped")
    return None


def _find_unique(text: str, needle: str) -> int | None:
    first = text.find(needle)
    if first < 0 or text.find(needle, first + 1) >= 0:
        return None
    return first
