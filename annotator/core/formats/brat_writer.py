"""Write a brat standoff folder: per article ``ID.txt``, ``ID.ann`` and ``ID.annotator.json``.

``ID`` is the article's content id, so file names are safe whatever the titles contain.

- ``T`` lines: one per annotation. brat's text field must stay on one line, so a passage that
  crosses a line break is written as fragments around the breaks (``10 13;14 17``), the text
  field being the fragments joined by a space, as brat itself does.
- ``A`` lines: field values as brat attributes (value tokens declared in ``annotation.conf``).
- ``R`` lines: an annotation's link to another of the same article (``Linked Arg1:T1 Arg2:T2``),
  and every typed relation another tool made (``foundedBy Arg1:T1 Arg2:T3``).
- ``#`` lines: the note as ``AnnotatorNotes``, its line breaks shown as spaces.
- ``ID.annotator.json`` (brat ignores it): what brat has no place for and what its lines cannot
  hold exactly — the article's title and metadata, each annotation's UUID, annotator, reviewer,
  timestamps, exact start/end (a passage may begin or end with a line break), exact note and
  field values, and a link to an annotation of another article. The reader trusts it only where
  it agrees with the ``.ann`` lines, so an edit made in brat wins.

The folder is built in a hidden sibling folder and its files moved in at the end: a failed or
cancelled export leaves no partial files (and does not damage an earlier export).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from annotator.core.formats.brat_conf import LINK_RELATION, BratCodebook, value_token
from annotator.core.formats.links import links_of
from annotator.core.formats.progress import Ticker
from annotator.core.model import Annotation, Article, Tag

SIDECAR_SUFFIX = ".annotator.json"
SIDECAR_FORMAT = "annotator-brat"
# What str.splitlines() breaks on: none of these may appear inside a T line's text field.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def write_brat(
    documents: Iterable[tuple[Article, list[Annotation]]],
    tags: list[Tag],
    folder: Path,
    *,
    progress=None,
    cancelled=None,
    relations: dict[str, list[tuple[str, str]]] | None = None,
) -> int:
    """Write ``(article, annotations)`` pairs and ``annotation.conf``/``visual.conf`` into ``folder``.

    ``relations`` maps an annotation id to its typed relations ``(target id, type)``; each is an
    ``R`` line of its type (the link an annotation has is one of type ``Linked``).

    Returns the number of articles written. When ``cancelled()`` turns true,
    :class:`~annotator.core.formats.progress.Cancelled` is raised and nothing is left behind.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    total = len(documents) if hasattr(documents, "__len__") else 0
    ticker = Ticker(progress, cancelled, total, every=50)
    codebook = BratCodebook(tags)
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    articles = 0
    try:
        for article, group in documents:
            _write_document(staging, article, group, codebook, relations or {})
            articles += 1
            ticker.tick()
        ticker.check()
        (staging / "annotation.conf").write_text(codebook.annotation_conf(), encoding="utf-8", newline="\n")
        (staging / "visual.conf").write_text(codebook.visual_conf(), encoding="utf-8", newline="\n")
        folder.mkdir(exist_ok=True)
        for item in staging.iterdir():
            os.replace(item, folder / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    ticker.finish()
    return articles


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks (the whole span if it is all breaks)."""
    pieces: list[tuple[int, int]] = []
    piece_start = None
    for i in range(start, end):
        if text[i] in LINE_BREAKS:
            if piece_start is not None:
                pieces.append((piece_start, i))
                piece_start = None
        elif piece_start is None:
            piece_start = i
    if piece_start is not None:
        pieces.append((piece_start, end))
    return pieces or [(start, end)]


def one_line(text: str) -> str:
    """``text`` with every line break shown as a space (brat lines cannot hold them)."""
    return "".join(" " if ch in LINE_BREAKS else ch for ch in text)


def _write_document(folder: Path, article: Article, annotations: list[Annotation], codebook: BratCodebook,
                    typed: dict[str, list[tuple[str, str]]]) -> None:
    text = article.text
    (folder / f"{article.id}.txt").write_bytes(text.encode("utf-8"))
    t_ids = {a.id: f"T{n}" for n, a in enumerate(annotations, 1)}
    lines: list[str] = []
    attributes: list[str] = []
    relations: list[str] = []
    notes: list[str] = []
    sidecar: dict[str, dict] = {}
    for a in annotations:
        t_id = t_ids[a.id]
        tag = codebook.by_label.get(codebook.labels.get(a.tag_id, ""))
        if tag is None:
            raise ValueError(f"annotation {a.id} refers to tag {a.tag_id}, which is not in the codebook")
        label = codebook.labels[a.tag_id]
        pieces = fragments(text, a.start, a.end)
        span = ";".join(f"{s} {e}" for s, e in pieces)
        lines.append(f"{t_id}\t{label} {span}\t{one_line(' '.join(text[s:e] for s, e in pieces))}")
        for name, value in a.fields.items():
            token = value_token(tag.field_named(name), value)
            if token is None:
                continue
            attribute = codebook.attribute(name, label)
            codebook.values[attribute].add(token)
            attributes.append(f"A{len(attributes) + 1}\t{attribute} {t_id} {token}")
        for target, kind in links_of(a, typed, LINK_RELATION):
            if target in t_ids:
                relation = codebook.relation(kind)
                relations.append(f"R{len(relations) + 1}\t{relation} Arg1:{t_id} Arg2:{t_ids[target]}")
        if a.note:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes {t_id}\t{one_line(a.note)}")
        sidecar[t_id] = {
            "id": a.id, "annotator": a.annotator, "reviewer": a.reviewer,
            "created_at": a.created_at, "updated_at": a.updated_at, "start": a.start, "end": a.end,
            "note": a.note, "fields": a.fields, "linked_id": a.linked_id,
        }
    ann = "".join(line + "\n" for line in lines + attributes + relations + notes)
    (folder / f"{article.id}.ann").write_bytes(ann.encode("utf-8"))
    meta = {
        "format": SIDECAR_FORMAT, "version": 1,
        "article": {
            "id": article.id, "title": article.title, "outlet": article.outlet, "author": article.author,
            "url": article.url, "published": article.published, "language": article.language,
            "source_file": article.source_file, "imported_at": article.imported_at,
            "status": article.status.value, "extra": article.extra,
        },
        "annotations": sidecar,
    }
    (folder / f"{article.id}{SIDECAR_SUFFIX}").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8", newline="\n"
    )
