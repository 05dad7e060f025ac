"""``annotator suggest --evaluate``: suggestions against gold spans from a JSONL file or
from another annotator of the project."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.suggestions.engine import ProjectKnowledge
from annotator.core.suggestions.evaluate import GoldSpan, TagScores, evaluate
from annotator.core.text import content_id, normalise_text
from annotator.actions.suggestions import rule_suggestions
from annotator.storage import Project

MAX_GOLD_LINE = 50_000_000


class GoldError(ValueError):
    """A gold file or annotator that cannot be used; the message names the line."""


def gold_from_annotator(project: Project, annotator: str) -> list[GoldSpan]:
    """Every annotation of ``annotator`` as gold, keyed by article id."""
    if annotator not in project.annotations.annotators():
        raise GoldError(f"no annotator {annotator!r} in this project and no such file")
    names = {t.id: t.name for t in project.codebook.tags()}
    return [GoldSpan(a.article_id, names.get(a.tag_id, "?"), a.start, a.end)
            for a in project.annotations.iter_all(annotators=[annotator])]


def gold_from_jsonl(path: Path) -> tuple[list[GoldSpan], dict[str, str]]:
    """Gold spans from JSONL lines ``{"article_id" or "text", "tag", "start", "end"}``; returns
    them with the texts given inline (keyed by the id their text would have)."""
    gold: list[GoldSpan] = []
    texts: dict[str, str] = {}
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise GoldError(f"{path}: cannot be read ({error.strerror})") from error
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as error:
                raise GoldError(f"{path}, line {number}: not JSON ({error.msg})") from error
            if not isinstance(record, dict):
                raise GoldError(f"{path}, line {number}: expected an object")
            gold.append(_gold_record(record, f"{path}, line {number}", texts))
    if not gold:
        raise GoldError(f"{path}: no gold spans")
    return gold, texts


def _gold_record(record: dict, where: str, texts: dict[str, str]) -> GoldSpan:
    tag, start, end = record.get("tag"), record.get("start"), record.get("end")
    if not isinstance(tag, str) or not tag.strip():
        raise GoldError(f"{where}: needs a \"tag\"")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or not 0 <= start < end:
        raise GoldError(f"{where}: \"start\" and \"end\" must be whole numbers with 0 <= start < end")
    if isinstance(record.get("text"), str):
        text = normalise_text(record["text"])
        doc = content_id(text)
        texts[doc] = text
    elif isinstance(record.get("article_id"), str):
        doc = record["article_id"]
    else:
        raise GoldError(f"{where}: needs \"article_id\" or \"text\"")
    return GoldSpan(doc, tag.strip(), start, end)


def evaluate_project(project: Project, gold: list[GoldSpan], inline_texts: dict[str, str] | None = None,
                     tags: list[str] | None = None) -> list[TagScores]:
    """Score the rule suggestions (the project's settings and terms; its codings are left out,
    or gold coded in the project would be suggested back to itself) on every gold document."""
    settings = project.suggestions.settings()
    knowledge = ProjectKnowledge(terms=project.suggestions.terms())
    inline_texts = inline_texts or {}
    canonical = {t.name.casefold(): t.name for t in project.codebook.tags()}
    gold = [GoldSpan(g.doc, canonical.get(g.tag.casefold(), g.tag), g.start, g.end) for g in gold]
    suggested = {}
    for doc in sorted({g.doc for g in gold}):
        text = inline_texts.get(doc) or project.articles.text(doc)
        if text is None:
            raise GoldError(f"gold names article {doc}, which this project does not have")
        for g in gold:
            if g.doc == doc and g.end > len(text):
                raise GoldError(f"gold span {g.start}-{g.end} ({g.tag}) lies outside article {doc[:12]} "
                                f"(length {len(text)})")
        suggested[doc] = [s for s in rule_suggestions(text, settings, knowledge)
                          if s.confidence >= settings.min_confidence]
    return evaluate(gold, suggested, tags)


__all__ = ["GoldError", "evaluate_project", "gold_from_annotator", "gold_from_jsonl"]
