"""Article-level variables in exports: the long ``article_codes`` CSV (registered in
:mod:`annotator.actions.export_formats`), the columns the articles CSV gains, and the
``variables`` object of each JSONL line.

Light at import time (the registry imports this at CLI start-up): storage and formats are
imported inside the functions.
"""

from __future__ import annotations

from pathlib import Path

from annotator.actions.export_job import ExportFilters, ExportOptions, ExportReport, replacing
from annotator.core.formats.progress import Ticker

ARTICLE_CODES_COLUMNS = ("article_id", "annotator", "variable", "value")
REVIEWED = "reviewed"  # the reviewed layer's name (core.review.REVIEWED, not imported: start-up)


def write_article_codes(project, destination: Path, filters: ExportFilters, options: ExportOptions,
                        report: ExportReport) -> None:
    """One row per article, coder and variable (several-of: one row per value chosen, one row
    with an empty value when the coder chose none); every coder, or those filtered."""
    from annotator.core import variable_values
    from annotator.core.formats.csv_export import csv_writer
    from annotator.core.formats.csv_guard import cell_guard
    from annotator.core.variables import VariableType

    variables = {v.id: v for v in project.variables.variables()}
    status = filters.status.value if filters.status is not None else None
    total = project.article_values.count(filters.annotators)
    ticker = Ticker(options.progress, options.cancelled, total, every=500)
    g = cell_guard(options.formula_guard)
    articles: set[str] = set()
    with replacing(destination, options.csv_encoding()) as handle:
        writer = csv_writer(handle)
        writer.writerow(ARTICLE_CODES_COLUMNS)
        for article_id, annotator, variable_id, stored in project.article_values.export_rows(filters.annotators, status):
            variable = variables[variable_id]
            value = variable_values.decode(variable, stored)
            if variable.type is VariableType.SEVERAL_OF:
                cells = [variable.label(option) for option in value] or [""]
            else:
                cells = [variable_values.display(variable, value)]
            for cell in cells:
                writer.writerow((article_id, g(annotator), g(variable.name), g(cell)))
                report.annotations += 1
            articles.add(article_id)
            ticker.tick()
        ticker.finish()
    report.articles = len(articles)
    report.files.append(str(destination))


def columns_coder(project, filters: ExportFilters) -> str | None:
    """Whose values fill the articles CSV's variable columns: the one annotator filtered on;
    else the reviewed layer if it has values; else the only coder with values; else nobody
    (several coders and no choice: the columns are left out rather than mixed)."""
    coders = project.article_values.annotators()
    if filters.annotators is not None and len(filters.annotators) == 1:
        return filters.annotators[0]
    if REVIEWED in coders:
        return REVIEWED
    return coders[0] if len(coders) == 1 else None


def variable_columns(project, filters: ExportFilters):
    """``(variables, values)`` for the articles CSV: the codebook's variables and, per article
    id, the chosen coder's values as text; ``([], {})`` when there is nothing to add."""
    from annotator.core import variable_values

    variables = project.variables.variables()
    coder = columns_coder(project, filters) if variables else None
    if coder is None:
        return [], {}
    by_id = {v.id: v for v in variables}
    shown = {
        article_id: {vid: variable_values.display(by_id[vid], variable_values.decode(by_id[vid], stored))
                     for vid, stored in values.items() if vid in by_id}
        for article_id, values in project.article_values.by_article(coder).items()
    }
    return variables, shown


def jsonl_values(project, annotators=None):
    """Per article id, ``{coder: {variable name: value}}`` for JSONL lines: labels for lists
    and scales (a list of labels for several-of), numbers as numbers, yes/no as booleans."""
    from annotator.core import variable_values
    from annotator.core.variables import VariableType

    variables = {v.id: v for v in project.variables.variables()}
    out: dict[str, dict[str, dict]] = {}
    for stored in project.article_values.all(annotators):
        variable = variables.get(stored.variable_id)
        if variable is None:
            continue
        value = variable_values.decode(variable, stored.value)
        if variable.type is VariableType.SEVERAL_OF:
            value = [variable.label(o) for o in value]
        elif variable.type in (VariableType.ONE_OF, VariableType.SCALE):
            value = variable.label(value)
        out.setdefault(stored.article_id, {}).setdefault(stored.annotator, {})[variable.name] = value
    return out


def refi_variables(project, filters: ExportFilters):
    """The chosen coder's article-level variables for a ``.qdpx`` (same choice as the articles
    CSV: :func:`columns_coder`), or None when there are none to write."""
    from annotator.core.formats.refi_project_writer import VARIABLES
    from annotator.core.formats.refi_variables import coded_variables

    variables = project.variables.variables()
    coder = columns_coder(project, filters) if variables else None
    if coder is None:
        return None
    return coded_variables(variables, project.article_values.by_article(coder), coder, VARIABLES)
