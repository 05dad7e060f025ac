"""Agreement on article-level variables over a project: read the values (storage), measure
them (core), write a table.

``load_items`` touches SQLite (the thread that opened the project); ``measure_items`` is pure
and may run on a worker thread.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from annotator.core.agreement.variables import (
    ReliabilityItem,
    VariableAgreementReport,
    coded_items,
    measure_variables,
)
from annotator.core.formats.csv_guard import guard
from annotator.core.variables import Variable
from annotator.storage import Project

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 1
DEFAULT_THRESHOLDS = (0.667, 0.8)  # Krippendorff's (2004) lowest tentative and reliable levels


def chosen_variables(project: Project, names: Sequence[str] | None = None) -> list[Variable]:
    """The variables named (any case), or every variable of the codebook in codebook order.
    Raises ``ValueError`` naming the variables when one is unknown."""
    everything = project.variables.variables()
    if names is None:
        return everything
    chosen = []
    for name in names:
        variable = project.variables.by_name(name)
        if variable is None:
            raise ValueError(f"no variable called {name!r}; variables: {', '.join(v.name for v in everything) or 'none'}")
        chosen.append(variable)
    return chosen


def load_items(project: Project, annotators: Sequence[str], variables: Sequence[Variable]) -> list[ReliabilityItem]:
    """Reliability matrices of ``variables`` for ``annotators`` (rows in that order); articles
    are numbered once for all variables (columns)."""
    if not variables:
        return []
    column: dict[str, int] = {}
    parts = []
    for variable in variables:
        rows = project.article_values.coded_cells(variable.id, list(annotators))
        articles, coders, values = zip(*rows) if rows else ((), (), ())
        parts.append((variable, [column.setdefault(a, len(column)) for a in articles], coders, values))
    shape = (len(annotators), len(column))
    items: list[ReliabilityItem] = []
    for variable, columns, coders, values in parts:
        items += coded_items(variable, columns, coders, values, shape)
    return items


def measure_items(items: Sequence[ReliabilityItem], annotators: Sequence[str], resamples: int = DEFAULT_RESAMPLES,
                  seed: int = DEFAULT_SEED, thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
                  confidence: float = 0.95) -> VariableAgreementReport:
    """The pure half: :func:`annotator.core.agreement.variables.measure_variables`."""
    return measure_variables(items, annotators, resamples=resamples, seed=seed, confidence=confidence,
                             thresholds=tuple(thresholds))


def measure(project: Project, annotators: Sequence[str], names: Sequence[str] | None = None, *,
            resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
            thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> VariableAgreementReport:
    """Agreement on article-level variables between ``annotators``. Raises ``ValueError``
    naming an unknown variable, or a coder who set no value at all."""
    if len(set(annotators)) < 2:
        raise ValueError("agreement needs at least two different coders")
    if resamples < 0:
        raise ValueError("the number of resamples cannot be negative")
    unknown = [a for a in annotators if not project.article_values.has_coder(a)]
    if unknown:
        known = project.article_values.annotators()
        raise ValueError(f"no article-level values by {', '.join(unknown)}; coders with values: "
                         f"{', '.join(sorted(known)) or 'none'}")
    variables = chosen_variables(project, names)
    return measure_items(load_items(project, annotators, variables), annotators, resamples, seed, thresholds)


def csv_columns(report: VariableAgreementReport) -> list[str]:
    below = [f"p_alpha_below_{t:g}" for t in report.thresholds]
    return ["variable", "option", "level", "annotator_a", "annotator_b", "articles", "values", "alpha",
            "alpha_low", "alpha_high", "confidence", "resamples", "seed", *below, "percent_agreement",
            "kappa", "kappa_linear", "kappa_quadratic"]


def csv_rows(report: VariableAgreementReport) -> Iterator[dict]:
    """One tidy row per item and pair; rows across all coders have annotator_b = "(all)" and
    every coder's name in annotator_a."""
    for f in report.figures:
        row = {"variable": f.variable, "option": f.option, "level": f.level,
               "annotator_a": f.coders[0] if f.pair else " ".join(f.coders),
               "annotator_b": f.coders[1] if f.pair else "(all)", "articles": f.articles,
               "values": f.values, "alpha": f.alpha, "percent_agreement": f.percent, "kappa": f.kappa,
               "kappa_linear": f.kappa_linear, "kappa_quadratic": f.kappa_quadratic}
        if f.interval is not None:
            row.update(alpha_low=f.interval.low, alpha_high=f.interval.high, confidence=f.interval.confidence,
                       resamples=f.interval.resamples, seed=f.interval.seed,
                       **{f"p_alpha_below_{t:g}": p for t, p in f.interval.below.items()})
        yield row


def write_csv(report: VariableAgreementReport, path: str | Path) -> Path:
    """Write :func:`csv_rows` to ``path`` (UTF-8; undefined figures are empty cells)."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=csv_columns(report), restval="")
        writer.writeheader()
        for row in csv_rows(report):
            writer.writerow({k: "" if v is None else guard(v) if isinstance(v, str) else v for k, v in row.items()})
    return path
