"""The one list of export formats. ``export()``, the Export dialog and ``annotator export`` all
read it: the names, what each format is called and is for, where it goes by default, which
options it takes, and the function that writes it.

Adding a format
---------------
1. Write ``write_x(project, destination, filters, options, report) -> None`` in a module of
   your own (see :mod:`annotator.actions.export_writers` for the built-in ones and the helpers
   ``Documents``, ``write_json_documents``, ``write_documents``). Stream rows from storage, tick
   ``Ticker(options.progress, options.cancelled, total)``, write through ``Staged``/``replacing``
   (:mod:`annotator.actions.export_job`) so a failed export leaves nothing half-written, and fill
   in ``report.annotations``, ``report.articles`` and ``report.files``. Raise ``ExportError`` with
   one line for what the user got wrong.
2. Keep that module light at import time: import storage and your format's code *inside* the
   function. This registry is read when the command line starts (``tests/test_startup.py``).
3. Append ``register(ExportFormat(...))`` for it at the end of this file. The dialog, the CLI's
   ``--format`` choices and its ``--help`` pick it up; ``options`` says which of
   :data:`OPTIONS` it accepts (``export()`` refuses the others with a one-line error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.actions import export_writers as writers
from annotator.actions.export_job import ExportFilters, ExportOptions, ExportReport

# The options a format may take: the ExportOptions field -> the command line's flag.
EXCEL, FORMULA_GUARD, ARTICLES, BY_ANNOTATOR = "excel", "formula_guard", "articles_csv", "by_annotator"
OPTIONS = {EXCEL: "--excel", FORMULA_GUARD: "--no-formula-guard", ARTICLES: "--articles",
           BY_ANNOTATOR: "--by-annotator"}
SPREADSHEET = frozenset({EXCEL, FORMULA_GUARD})  # what every CSV-like format takes

Writer = Callable[["object", Path, ExportFilters, ExportOptions, ExportReport], None]


@dataclass(frozen=True)
class ExportFormat:
    name: str  # --format NAME; export(project, NAME, ...)
    label: str  # the dialog's list of formats
    about: str  # under that list: what the format holds and which tools read it
    cli_help: str  # its lines in `annotator export --help` (wrapped there)
    suffix: str  # the default destination is <project name><suffix>
    write: Writer
    file_filter: str = ""  # for the file picker; "" means the destination is a folder
    options: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_folder(self) -> bool:
        return not self.file_filter

    def takes(self, option: str) -> bool:
        return option in self.options


_FORMATS: dict[str, ExportFormat] = {}


def register(format: ExportFormat) -> ExportFormat:
    """Add ``format`` to the list (in the order formats are offered). Names are unique."""
    if format.name in _FORMATS:
        raise ValueError(f"an export format named {format.name!r} is registered already")
    unknown = set(format.options) - set(OPTIONS)
    if unknown:
        raise ValueError(f"unknown export options {sorted(unknown)}; known: {sorted(OPTIONS)}")
    _FORMATS[format.name] = format
    return format


def formats() -> list[ExportFormat]:
    """Every registered format, in the order they are offered."""
    return list(_FORMATS.values())


def names() -> list[str]:
    return list(_FORMATS)


def get(name: str) -> ExportFormat | None:
    return _FORMATS.get(name)


def takers(option: str) -> list[str]:
    """The names of the formats that take ``option``."""
    return [f.name for f in _FORMATS.values() if f.takes(option)]


# -- the formats, in the order the dialog offers them ------------------------------------------

register(ExportFormat(
    "csv", "CSV: one row per annotation",
    "Offsets, passage, context, note and one column per codebook field; opens in pandas, R, "
    "SPSS or a spreadsheet.",
    "annotations.csv, one row per annotation (offsets, passage, context, note, one column per "
    "codebook field); with --articles also articles.csv, whose text column the offsets point "
    "into: text == article_text[start:end]",
    "-annotations.csv", writers.write_csv, "CSV files (*.csv)", SPREADSHEET | {ARTICLES},
))
register(ExportFormat(
    "article-counts", "CSV: tag counts per article",
    "One row per article with its metadata and the number of each tag (the document × code "
    "matrix).",
    "one row per article with its metadata and the count of each tag (the document x code "
    "matrix); --by-annotator: one column per tag and annotator",
    "-counts.csv", writers.write_article_counts, "CSV files (*.csv)", SPREADSHEET | {BY_ANNOTATOR},
))
register(ExportFormat(
    "jsonl", "JSON Lines (doccano-compatible)",
    "One article per line with its text, all its annotations and the coders' memos; annotator "
    "imports it back.",
    "one article per line: text, metadata, status, annotations (all fields), the coders' memos "
    "and a doccano-compatible \"label\" list; `annotator import` reads it back",
    ".jsonl", writers.write_jsonl, "JSON Lines (*.jsonl)",
))
register(ExportFormat(
    "webanno", "W3C Web Annotation (JSON-LD)",
    "Each annotation with a position and a quote selector.",
    "W3C Web Annotation (JSON-LD), position and quote selectors",
    "-webanno.jsonld", writers.write_webanno, "JSON-LD (*.jsonld *.json)",
))
register(ExportFormat(
    "brat", "brat standoff (a folder)",
    "A .txt and an .ann file per article, and annotation.conf for the codebook.",
    "a folder of ID.txt + ID.ann files and annotation.conf",
    "-brat", writers.write_brat,
))
register(ExportFormat(
    "qdpx", "REFI-QDA project (.qdpx)",
    "For QualCoder, ATLAS.ti, MAXQDA and NVivo: coders, codebook, texts, codings and memos.",
    "a REFI-QDA project for QualCoder, ATLAS.ti, MAXQDA, NVivo (article memos as notes on their sources)",
    ".qdpx", writers.write_qdpx, "REFI-QDA projects (*.qdpx)",
))

from annotator.actions import export_other_tools  # noqa: E402 (the registry above comes first)

register(ExportFormat(
    "label-studio", "Label Studio JSON",
    "Tasks with each coder's labelled regions, fields, notes and relations; Label Studio imports it.",
    "a Label Studio JSON array of tasks (UTF-16 offsets, one annotation per coder, relations); "
    "`annotator import` reads it back",
    "-label-studio.json", export_other_tools.write_label_studio, "Label Studio JSON (*.json)",
))
register(ExportFormat(
    "doccano", "doccano JSONL (entities and relations)",
    "One text per line with its entities and relations, as doccano's relation projects import.",
    "doccano JSONL: one text per line with \"entities\" and \"relations\"; `annotator import` "
    "reads it back",
    "-doccano.jsonl", export_other_tools.write_doccano, "JSON Lines (*.jsonl)",
))

from annotator.actions import passage_export, variable_exports  # noqa: E402 (light: imports inside)

register(ExportFormat(
    "article-codes", "CSV: article-level variables, one row per value",
    "Long format: article_id, annotator, variable, value, for every coder (several-of: one row "
    "per value chosen); opens in pandas or R for agreement or analysis.",
    "article_codes.csv, the article-level variables in long form: article_id, annotator, "
    "variable, value, one row per coder and variable (several-of: one row per value chosen)",
    "-article_codes.csv", variable_exports.write_article_codes, "CSV files (*.csv)", SPREADSHEET,
))
register(ExportFormat(
    "passages", "CSV: coded passages, as the passage browser filters them",
    "The passages a filter of View > Coded passages lets through (here: the annotators, tags and "
    "status chosen below), with the columns of the annotations CSV, in article order.",
    "annotations.csv's columns for the passages a passage-browser filter lets through; "
    "`annotator passages --csv FILE` takes every browser filter (--field, --outlet, --from, "
    "--variable, --search ...), the Export dialog and this command the annotator, tag and status",
    "-passages.csv", passage_export.write_passages, "CSV files (*.csv)", SPREADSHEET,
))
