"""The formats the Export dialog offers: what each is called, what it is for, and where it
goes by default (a file with a suffix, or a folder)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatChoice:
    format: str  # as export() names it
    label: str
    about: str
    suffix: str  # appended to the project's name for the default destination
    file_filter: str = ""  # for the file picker; "" means the destination is a folder


FORMATS = [
    FormatChoice("csv", "CSV: one row per annotation",
                 "Offsets, passage, context, note and one column per codebook field; opens in "
                 "pandas, R, SPSS or a spreadsheet.", "-annotations.csv", "CSV files (*.csv)"),
    FormatChoice("article-counts", "CSV: tag counts per article",
                 "One row per article with its metadata and the number of each tag (the "
                 "document × code matrix).", "-counts.csv", "CSV files (*.csv)"),
    FormatChoice("jsonl", "JSON Lines (doccano-compatible)",
                 "One article per line with its text and all its annotations; annotator imports "
                 "it back.", ".jsonl", "JSON Lines (*.jsonl)"),
    FormatChoice("webanno", "W3C Web Annotation (JSON-LD)",
                 "Each annotation with a position and a quote selector.", "-webanno.jsonld",
                 "JSON-LD (*.jsonld *.json)"),
    FormatChoice("brat", "brat standoff (a folder)",
                 "A .txt and an .ann file per article, and annotation.conf for the codebook.",
                 "-brat"),
    FormatChoice("qdpx", "REFI-QDA project (.qdpx)",
                 "For QualCoder, ATLAS.ti, MAXQDA and NVivo: coders, codebook, texts and codings.",
                 ".qdpx", "REFI-QDA projects (*.qdpx)"),
]
# The formats that are spreadsheets, and so take the Excel and formula options.
SPREADSHEET = {"csv", "article-counts"}
