"""What a merge brings in: OTHER read into :class:`Incoming`, or a :class:`MergeError` saying
in one line why it cannot be.

OTHER is a colleague's project file or one of our exports (JSONL, REFI-QDA ``.qdpx``, brat);
see :mod:`annotator.actions.merge` for what is done with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.bundle import Bundle
from annotator.core.model import Article, Tag
from annotator.storage import ProjectError
from annotator.storage.project import SQLITE_HEADER
from annotator.storage.project_reader import read_project_rows
from annotator.storage.rows import ANNOTATION_COLUMNS, annotation_to_row

_ANNOTATOR = ANNOTATION_COLUMNS.index("annotator")


@dataclass
class Incoming:
    """What OTHER holds, with annotations as rows (``ANNOTATION_COLUMNS`` order): a colleague's
    project of 200,000 annotations is merged without a dataclass per annotation."""

    articles: list[Article]
    tags: list[Tag]
    rows: list[tuple]
    source: str  # "project", or the exchange format's reader
    problems: list[str] = field(default_factory=list)
    assigned_coder: str = ""  # a coder's file from `annotator assign`: its statuses are theirs
    variables: list = field(default_factory=list)  # article-level variables (project files)
    values: list = field(default_factory=list)  # their values of them
    memos: list = field(default_factory=list)  # their article memos (project files)

    @classmethod
    def from_bundle(cls, bundle: Bundle, source: str) -> "Incoming":
        return cls(bundle.articles, bundle.tags, [annotation_to_row(a) for a in bundle.annotations],
                   source, list(bundle.problems))

    def annotators(self) -> list[str]:
        return sorted({r[_ANNOTATOR] for r in self.rows} | {v.annotator for v in self.values}
                      | {m.annotator for m in self.memos})


class MergeError(Exception):
    """One line saying why a merge cannot go ahead; our project is untouched."""


class MergeError(Exception):
    """One line saying why a merge cannot go ahead; our project is untouched."""


def read_other(path: str | Path, ours: Path | None = None) -> Incoming:
    """Read OTHER; :class:`MergeError` (one line) if it cannot be."""
    path = Path(path)
    if not path.exists():
        raise MergeError(f"{path}: no such file")
    if ours is not None and path.resolve() == Path(ours).resolve():
        raise MergeError(f"{path} is this project itself")
    if _looks_like_project(path):
        try:
            content = read_project_rows(path)
        except ProjectError as error:
            raise MergeError(str(error)) from error
        return Incoming(content.articles, content.tags, content.annotation_rows, "project",
                        assigned_coder=content.assigned_coder, variables=content.variables,
                        values=content.values, memos=content.memos)
    from annotator.core.formats.detect import exchange_reader

    reader = exchange_reader(path)
    if reader is None:
        raise MergeError(
            f"{path} is neither an annotator project nor an export annotator can merge "
            "(annotator JSONL, REFI-QDA .qdpx, brat folder)"
        )
    try:
        bundle = reader(path)
    except Exception as error:  # a foreign file may fail in any way: say why, change nothing
        raise MergeError(f"{path}: cannot be read ({error})") from error
    return Incoming.from_bundle(bundle, getattr(reader, "__name__", "export").removeprefix("_read_"))


def _looks_like_project(path: Path) -> bool:
    if path.is_dir():
        return False
    if path.suffix.lower() == ".annotator":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
