"""The sample project: the fictional articles in ``sample_data/`` with two coders' tags.

``annotator --demo`` opens one of these, and tests build it to check import end to end. The
coders' files (``sample_data/coders/<name>.json``) locate each passage by its text, so they
stay valid however an importer splits lines; see ``sample_data/README.md`` for the format.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import annotator
from annotator.actions.import_files import import_paths
from annotator.storage import Project

CODING_FORMAT = "annotator-sample-coding"


class SampleDataError(ValueError):
    """The sample data is inconsistent (a passage, article or tag that cannot be found)."""


@dataclass
class CodedPassage:
    """One line of a coder's file: a passage of an article, found by its text."""

    article: str  # the article's title
    tag: str
    passage: str
    occurrence: int = 1  # which occurrence of ``passage`` in the text, counting from 1
    note: str = ""
    fields: dict | None = None


def sample_data_dir() -> Path:
    """``sample_data/``: beside the package in a checkout, inside it (``annotator.sample_data``,
    see pyproject.toml) in a plain install."""
    checkout = Path(annotator.__file__).resolve().parents[1] / "sample_data"
    if checkout.is_dir():
        return checkout
    return Path(annotator.__file__).resolve().parent / "sample_data"


def build_sample_project(path: str | os.PathLike, data_dir: Path | None = None) -> Project:
    """Create a project at ``path`` holding the sample articles and both coders' annotations.

    Raises :class:`SampleDataError` if an article fails to import or a coded passage is not
    found: the sample data must stay whole.
    """
    data_dir = data_dir or sample_data_dir()
    project = Project.create(path)
    try:
        report = import_paths(project, [data_dir / "articles"])
        if report.failures:
            raise SampleDataError(f"sample articles failed to import: {report.failures}")
        for coder_file in sorted((data_dir / "coders").glob("*.json")):
            name, passages = load_coding(coder_file)
            apply_coding(project, name, passages)
    except BaseException:
        project.close()
        raise
    return project


def load_coding(path: Path) -> tuple[str, list[CodedPassage]]:
    """The coder's name and passages in a ``sample_data/coders/*.json`` file."""
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("format") != CODING_FORMAT:
        raise SampleDataError(f"{path}: not an {CODING_FORMAT} file")
    passages = [
        CodedPassage(
            article=item["article"], tag=item["tag"], passage=item["passage"],
            occurrence=int(item.get("occurrence", 1)), note=item.get("note", ""),
            fields=item.get("fields") or {},
        )
        for item in document["annotations"]
    ]
    return document["annotator"], passages


def find_passage(text: str, passage: str, occurrence: int = 1) -> int:
    """The start offset of the ``occurrence``-th (from 1) ``passage`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(passage, start + 1)
        if start < 0:
            raise SampleDataError(f"passage {passage!r} (occurrence {occurrence}) not found")
    return start


def apply_coding(project: Project, annotator_name: str, passages: list[CodedPassage]) -> int:
    """Create an annotation per passage, as ``annotator_name``; returns how many."""
    by_title = {a.title: a for a in project.articles.iter_all()}
    created = 0
    for item in passages:
        article = by_title.get(item.article)
        if article is None:
            raise SampleDataError(f"{annotator_name}: no article titled {item.article!r}")
        tag = project.codebook.by_name(item.tag)
        if tag is None:
            raise SampleDataError(f"{annotator_name}: no tag named {item.tag!r}")
        try:
            start = find_passage(article.text, item.passage, item.occurrence)
        except SampleDataError as error:
            raise SampleDataError(f"{annotator_name}, {item.article!r}: {error}") from None
        project.annotations.create(
            article.id, tag.id, start, start + len(item.passage), annotator_name,
            note=item.note, fields=item.fields,
        )
        created += 1
    return created
