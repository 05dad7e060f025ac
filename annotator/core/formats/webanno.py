"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` of the project's annotations.

Each annotation targets its article (``urn:sha256:<article id>``, the SHA-256 of the normalised
text) with a ``TextPositionSelector`` (code points, end exclusive) and a ``TextQuoteSelector``
(``exact`` with 30 characters of ``prefix``/``suffix``): re-anchor by position, fall back to
searching for the quote. The body holds the tag (purpose ``classifying``), the note
(``commenting``), the field values as a JSON object (``describing``) and the linked annotation
(``linking``). ``creator`` is the annotator; ``created``/``modified`` the timestamps.
"""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote
from collections.abc import Iterable
from typing import Any, TextIO

from annotator.core.formats.progress import Ticker
from annotator.core.model import Annotation, Article, Tag

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ARTICLE_PREFIX = "urn:sha256:"


def annotation_iri(annotation_id: str) -> str:
    """``urn:uuid:...`` for a UUID; other ids (from other tools) percent-encoded under
    ``urn:annotator:annotation:``."""
    try:
        return f"urn:uuid:{uuid.UUID(annotation_id)}"
    except ValueError:
        return f"urn:annotator:annotation:{quote(annotation_id, safe='')}"


def annotation_to_json(article: Article, a: Annotation, tag_name: str) -> dict[str, Any]:
    """One Web Annotation for ``a`` on ``article``."""
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "classifying", "value": tag_name}]
    if a.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": a.note})
    if a.fields:
        body.append({
            "type": "TextualBody", "purpose": "describing", "format": "application/json",
            "value": json.dumps(a.fields, ensure_ascii=False, sort_keys=True),
        })
    if a.linked_id:
        body.append({"type": "SpecificResource", "purpose": "linking", "source": annotation_iri(a.linked_id)})
    source: dict[str, Any] = {"id": ARTICLE_PREFIX + article.id, "type": "Text", "format": "text/plain"}
    if article.language:
        source["language"] = article.language
    return {
        "id": annotation_iri(a.id),
        "type": "Annotation",
        "motivation": "classifying",
        "creator": {"type": "Person", "name": a.annotator},
        "created": a.created_at,
        "modified": a.updated_at,
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
                {"type": "TextQuoteSelector", "exact": a.text, "prefix": a.context_before, "suffix": a.context_after},
            ],
        },
    }


def write_webanno(
    documents: Iterable[tuple[Article, list[Annotation]]],
    tags: list[Tag],
    handle: TextIO,
    *,
    label: str = "annotator export",
    ticker: Ticker | None = None,
) -> tuple[int, int]:
    """Write one ``AnnotationCollection`` with a single page of every annotation, streamed one
    annotation per line; return ``(articles, annotations)``."""
    names = {t.id: t.name for t in tags}
    handle.write(
        '{"@context": "%s", "type": "AnnotationCollection", "label": %s,\n'
        ' "first": {"type": "AnnotationPage", "startIndex": 0, "items": [\n'
        % (CONTEXT, json.dumps(label, ensure_ascii=False))
    )
    articles = annotations = 0
    for article, group in documents:
        for a in group:
            if annotations:
                handle.write(",\n")
            item = annotation_to_json(article, a, names.get(a.tag_id, a.tag_id))
            handle.write(json.dumps(item, ensure_ascii=False))
            annotations += 1
        articles += 1
        if ticker is not None:
            ticker.tick()
    # "total" comes last: only now is it known, and JSON does not mind the order.
    handle.write('\n]}, "total": %d}\n' % annotations)
    return articles, annotations
