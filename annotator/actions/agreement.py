"""Agreement over a project: read the codings (storage), measure them (core), write a table.

``load_codings`` touches SQLite and belongs on the thread that opened the project;
``compare_codings`` is pure and may run on a worker thread.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from annotator.core.agreement import AgreementReport, ArticleCoding, compare
from annotator.core.formats.csv_guard import guard
from annotator.core.review import REVIEWED
from annotator.storage import Project
from annotator.storage.agreement_queries import article_lengths, coded_spans

__all__ = ["CSV_COLUMNS", "REVIEWED", "compare_codings", "csv_rows", "load_codings", "measure", "write_csv"]


def load_codings(project: Project, annotators: Sequence[str]) -> list[ArticleCoding]:
    """One :class:`ArticleCoding` per article (import order) with the spans of ``annotators``,
    tags by name. An article counts as coded by whoever has an annotation in it."""
    spans: dict[str, list[tuple[str, str, int, int]]] = {}
    for article_id, annotator, tag, start, end in coded_spans(project.db, annotators):
        spans.setdefault(article_id, []).append((annotator, tag, start, end))
    return [ArticleCoding(article_id, length, spans.get(article_id, ())) for article_id, length in article_lengths(project.db)]


def compare_codings(
    codings: Sequence[ArticleCoding],
    annotators: Sequence[str],
    tags: Sequence[str] | None = None,
    per_article: bool = True,
) -> AgreementReport:
    """The pure half: :func:`annotator.core.agreement.compare` with per-article figures."""
    return compare(codings, annotators, tags=tags, per_article=per_article)


def measure(
    project: Project,
    annotators: Sequence[str],
    tags: Sequence[str] | None = None,
    per_article: bool = False,
) -> AgreementReport:
    """Agreement between ``annotators`` over the project. ``tags`` are names (any case); by
    default every tag of the codebook, in codebook order. Raises ``ValueError`` naming an
    unknown annotator or tag."""
    known = set(project.annotations.annotators())
    unknown = [a for a in annotators if a not in known]
    if unknown:
        raise ValueError(
            f"no annotations by {', '.join(unknown)}; annotators in this project: "
            f"{', '.join(sorted(known)) or 'none'}"
        )
    if tags is None:
        names = [t.name for t in project.codebook.tags()]
    else:
        names = []
        for name in tags:
            tag = project.codebook.by_name(name)
            if tag is None:
                raise ValueError(f"no tag called {name!r}; tags: {', '.join(t.name for t in project.codebook.tags())}")
            names.append(tag.name)
    return compare_codings(load_codings(project, annotators), annotators, names, per_article)


CSV_COLUMNS = (
    "annotator_a", "annotator_b", "tag", "article_id", "articles", "excluded_articles", "characters",
    "kappa", "alpha", "exact_precision", "exact_recall", "exact_f1", "overlap_precision",
    "overlap_recall", "overlap_f1", "a_spans", "b_spans",
)


def csv_rows(report: AgreementReport) -> Iterator[dict]:
    """One tidy row per pair and tag (``tag`` = "(all tags)" for the pooled row), then per
    article when the report has them; the group alpha as rows with annotator_b = "(all)"."""
    for pair in report.pairs:
        common = {"annotator_a": pair.a, "annotator_b": pair.b, "articles": pair.articles,
                  "excluded_articles": len(pair.excluded_articles), "characters": pair.characters}
        for measures in (*pair.per_tag, pair.overall):
            yield {**common, "tag": measures.tag, "article_id": "", "kappa": measures.kappa,
                   "alpha": measures.alpha, **_spans(measures.exact, measures.overlap)}
        for article in pair.per_article:
            yield {"annotator_a": pair.a, "annotator_b": pair.b, "tag": "(all tags)",
                   "article_id": article.article_id, "articles": 1, "excluded_articles": 0,
                   "characters": article.characters, "kappa": article.kappa, "alpha": article.alpha,
                   **_spans(article.exact, article.overlap)}
    group = report.group
    common = {"annotator_a": " ".join(group.annotators), "annotator_b": "(all)", "article_id": "",
              "articles": group.articles, "excluded_articles": len(group.excluded_articles)}
    for tag, value in group.per_tag.items():
        yield {**common, "tag": tag, "alpha": value}
    yield {**common, "tag": "(all tags)", "alpha": group.overall}


def _spans(exact, overlap) -> dict:
    return {
        "exact_precision": exact.precision, "exact_recall": exact.recall, "exact_f1": exact.f1,
        "overlap_precision": overlap.precision, "overlap_recall": overlap.recall,
        "overlap_f1": overlap.f1, "a_spans": exact.a_spans, "b_spans": exact.b_spans,
    }


def _cell(value):
    """Undefined measures stay empty; names (tags, annotators) are guarded against formulas."""
    if value is None:
        return ""
    return guard(value) if isinstance(value, str) else value


def write_csv(report: AgreementReport, path: str | Path) -> Path:
    """Write :func:`csv_rows` to ``path`` (UTF-8, empty cells for undefined measures)."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        for row in csv_rows(report):
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return path
