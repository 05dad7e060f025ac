"""Import article files and folders into a project: the operation behind ``annotator import``
and the window's Import command.

Files are read by ``annotator.core.importing`` and stored in batches, each batch one
transaction, so an interruption leaves only whole articles. Saved web pages are extracted in a
pool of worker processes (extraction is CPU-bound and the machine has more than one core).
Exchange files that carry annotations (our JSONL export, brat, REFI-QDA) go to
``actions.bundle_import`` instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.formats import detect
from annotator.actions.import_workers import PagePool, read_ahead
from annotator.core.importing import Failure, FileNote, is_html, read_file, walk
from annotator.core.model import NewArticle
from annotator.core.text import content_id
from annotator.storage import Project

Progress = Callable[[int, int, Path], None]
Cancelled = Callable[[], bool]

# Articles per transaction: large enough to amortise the commit, small enough for flat memory.
BATCH_SIZE = 500
# Files of many articles, worth reading in a thread while the previous batch is stored.
BATCH_SUFFIXES = (".jsonl", ".csv")


@dataclass
class FileCount:
    """What became of one file."""

    added: int = 0
    duplicates: int = 0
    failed: int = 0
    annotations: int = 0  # codings placed
    refused: int = 0  # codings left out (never placed elsewhere)
    already_present: int = 0  # codings an earlier import brought
    relations: int = 0  # typed relations between annotations kept
    memos: int = 0  # article memos added (the project had none of that coder on that article)
    memos_kept: int = 0  # arriving memos that differ from the project's, which stays
    kept_as: dict[str, int] = field(default_factory=dict)  # e.g. document labels as metadata
    refused_why: dict[str, int] = field(default_factory=dict)
    offsets: str = ""  # the offset convention used for an exchange file
    kind: str = ""  # "Factiva export" for a database export, "" for an article file
    stories: int = 0  # stories with a body the export held
    encoding: str = ""  # the text encoding when it was not UTF-8

    @property
    def carries_codings(self) -> bool:
        """Whether this was an exchange file (its codings are summarised)."""
        return bool(self.offsets or self.refused or self.kept_as or self.memos or self.memos_kept)

    def codings_line(self, path: str) -> str:
        """One exchange file's codings: placed, refused by reason, and how its offsets were read."""
        line = f"{path}: {self.annotations} codings placed, {self.refused} refused"
        if self.refused_why:
            line += " (" + "; ".join(f"{n} {why}" for why, n in sorted(self.refused_why.items())) + ")"
        if self.already_present:
            line += f", {self.already_present} already in the project"
        if self.relations:
            line += f", {self.relations} relations kept"
        if self.memos:
            line += f", {self.memos} article memo{'s' if self.memos != 1 else ''} added"
        if self.memos_kept:
            line += f", {self.memos_kept} memo{'s' if self.memos_kept != 1 else ''} kept as the project has it"
        for what, n in self.kept_as.items():
            line += f", {n} {what}"
        if self.offsets:
            line += f"; offsets: {self.offsets}"
        return line

    def to_json(self) -> dict:
        data = {"added": self.added, "duplicates": self.duplicates, "failed": self.failed,
                "annotations": self.annotations}
        if self.carries_codings:
            data.update(placed=self.annotations, already_present=self.already_present, relations=self.relations,
                        memos=self.memos, memos_kept=self.memos_kept,
                        refused=self.refused, kept_as=dict(self.kept_as),
                        refused_why=dict(self.refused_why), offsets=self.offsets)
        if self.kind:
            data.update(kind=self.kind, stories=self.stories)
        if self.encoding:
            data["encoding"] = self.encoding
        return data

    def summary(self) -> str:
        """``"Factiva export: 22 stories (2 duplicates skipped)"``, or "" for a plain file
        read as UTF-8; the encoding is named whenever it was not UTF-8."""
        parts = []
        if self.kind:
            line = f"{self.kind}: {self.stories} stor{'y' if self.stories == 1 else 'ies'}"
            notes = []
            if self.duplicates:
                notes.append(f"{self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} skipped")
            if self.failed:
                notes.append(f"{self.failed} not imported")
            parts.append(line + (f" ({', '.join(notes)})" if notes else ""))
        if self.encoding:
            parts.append(f"read as {self.encoding}")
        return "; ".join(parts)


@dataclass
class ImportReport:
    """What an import did, for the summary line, ``--json`` and the window."""

    files_seen: int = 0
    articles_added: int = 0
    duplicates_skipped: int = 0
    annotations_added: int = 0
    annotations_refused: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, plain reason)
    per_file: dict[str, FileCount] = field(default_factory=dict)
    added_ids: list[str] = field(default_factory=list)
    cancelled: bool = False

    def fail(self, path: Path | str, reason: str) -> None:
        self.failures.append((str(path), reason))
        self._count(path).failed += 1

    def file_summaries(self) -> list[str]:
        """One line per file worth a word: each export, each file not read as UTF-8."""
        return [f"{path}: {count.summary()}" for path, count in self.per_file.items() if count.summary()]

    def _count(self, path: Path | str) -> FileCount:
        return self.per_file.setdefault(str(path), FileCount())

    def to_json(self) -> dict:
        return {
            "files_seen": self.files_seen,
            "articles_added": self.articles_added,
            "duplicates_skipped": self.duplicates_skipped,
            "annotations_added": self.annotations_added,
            "annotations_refused": self.annotations_refused,
            "failed": len(self.failures),
            "failures": [{"path": p, "reason": r} for p, r in self.failures],
            "files": {p: c.to_json() for p, c in self.per_file.items()},
            "notes": self.file_summaries(),
            "cancelled": self.cancelled,
        }


def import_paths(
    project: Project,
    paths: Iterable[str | os.PathLike],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    workers: int | None = None,
    drop_boilerplate: bool = False,
) -> ImportReport:
    """Import every article file under ``paths`` (folders recursively) into ``project``.

    Duplicates (same normalised text as an article already there, or earlier in this import)
    are counted, not added. Each file that cannot be imported is listed in ``failures`` with a
    plain reason, and the others are still imported. ``progress(done, total, path)`` is called
    after each file; when ``cancelled()`` returns True the import stops between files or
    batches, keeping what was stored. ``workers`` caps the processes used for web pages.
    ``drop_boilerplate`` leaves obvious page furniture out of scraped text dumps (off by
    default; :func:`boilerplate_preview` shows what it would drop).
    """
    report = ImportReport()
    found = list(walk(paths, claim=lambda path: _claim(path, project.articles.text)))
    report.files_seen = len(found)
    if found and project.articles.count():
        project.backup("before-import")  # raises (nothing imported) when it cannot be written
    batch = _Batch(project, report)
    stop = cancelled or (lambda: False)
    done = 0
    with PagePool(found, workers) as pages:
        for entry in found:
            if stop():
                report.cancelled = True
                break
            if isinstance(entry, Failure):
                path = entry.path
                report.fail(path, entry.reason)
            else:
                path, reader = entry
                if reader is not None:
                    batch.flush()  # keep the order of articles as the files came
                    _import_exchange_file(project, path, reader, report)
                elif not batch.take(path, _articles_in(path, pages, drop_boilerplate), stop):
                    report.cancelled = True
                    break
            done += 1
            if progress is not None:
                progress(done, len(found), path)
        batch.flush()
    return report


def _articles_in(path: Path, pages: PagePool, drop_boilerplate: bool = False) -> Iterable[NewArticle | Failure]:
    if is_html(path):
        return pages.results(path)
    if path.suffix.lower() in BATCH_SUFFIXES:
        return read_ahead(read_file(path))
    return read_file(path, drop_boilerplate=drop_boilerplate)


@dataclass
class BoilerplatePreview:
    """What the drop-boilerplate option would leave out: per text dump, its dropped lines."""

    files: dict[str, list[str]] = field(default_factory=dict)  # path -> dropped lines
    text_files: int = 0  # text dumps looked at

    @property
    def lines(self) -> int:
        return sum(len(v) for v in self.files.values())


def boilerplate_preview(paths: Iterable[str | os.PathLike], limit: int = 200) -> BoilerplatePreview:
    """The lines :func:`import_paths` would drop with ``drop_boilerplate``, from the first
    ``limit`` plain-text files under ``paths`` (exports are never touched). Reads, stores nothing."""
    from annotator.core.importing.boilerplate import drop_boilerplate
    from annotator.core.importing.decode import decode_bytes
    from annotator.core.importing.exports import stories_in_text
    from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, ImportProblem
    from annotator.core.importing.sniff import kind_of
    from annotator.core.importing.source import read_limited

    preview = BoilerplatePreview()
    for entry in walk(paths):
        if isinstance(entry, Failure) or kind_of(entry[0]) != "text" or preview.text_files >= limit:
            continue
        try:
            text = decode_bytes(read_limited(entry[0], MAX_ARTICLE_FILE_BYTES))
        except (ImportProblem, OSError):
            continue
        if stories_in_text(text):
            continue
        preview.text_files += 1
        dropped = drop_boilerplate(text).dropped
        if dropped:
            preview.files[str(entry[0])] = dropped
    return preview


def _claim(path: Path, text_of):
    """The exchange-format reader for ``path``, or a Failure if the detector itself fails.
    ``text_of`` gives Web Annotation files the texts of the articles they name."""
    try:
        return detect.exchange_reader(path, text_of)
    except Exception as error:  # a broken detector must not stop the other files
        return Failure(path, f"could not tell its format ({error})")


def _import_exchange_file(project: Project, path: Path, reader, report: ImportReport) -> None:
    from annotator.actions.bundle_import import import_bundle

    if isinstance(reader, Failure):
        report.fail(path, reader.reason)
        return
    try:
        bundle = reader(path)
    except Exception as error:  # readers raise their own errors for damaged files
        report.fail(path, f"could not be read ({error})")
        return
    outcome = import_bundle(project, bundle)
    counts = report._count(path)
    counts.added += outcome.articles_added
    counts.duplicates += outcome.articles_matched
    counts.annotations += outcome.annotations_added
    counts.refused += sum(outcome.refused.values())
    for reason, count in outcome.refused.items():
        counts.refused_why[reason] = counts.refused_why.get(reason, 0) + count
    counts.offsets = outcome.offsets
    counts.already_present += outcome.annotations_already_present
    counts.relations += outcome.relations_added
    counts.memos += outcome.memos_added
    counts.memos_kept += outcome.memos_kept
    for what, count in outcome.kept_as.items():
        counts.kept_as[what] = counts.kept_as.get(what, 0) + count
    report.annotations_refused += sum(outcome.refused.values())
    report.articles_added += outcome.articles_added
    report.duplicates_skipped += outcome.articles_matched
    report.annotations_added += outcome.annotations_added
    for problem in outcome.problems:
        report.fail(path, problem)


class _Batch:
    """Articles waiting to be stored, with the file each came from."""

    def __init__(self, project: Project, report: ImportReport):
        self.project = project
        self.report = report
        self.articles: list[NewArticle] = []
        self.sources: list[str] = []

    def take(self, path: Path, items: Iterable[NewArticle | Failure], stop: Cancelled) -> bool:
        """Queue a file's articles (storing full batches); False if cancelled meanwhile."""
        self.report._count(path)
        for item in items:
            if isinstance(item, Failure):
                self.report.fail(item.path, item.reason)
                continue
            if isinstance(item, FileNote):
                counts = self.report._count(path)
                counts.kind, counts.stories, counts.encoding = item.kind, item.stories, item.encoding
                continue
            item, problem = clean_article(item)
            if problem:
                self.report.fail(path, problem)
                continue
            self.articles.append(item)
            self.sources.append(str(path))
            if len(self.articles) >= BATCH_SIZE:
                self.flush()
                if stop():
                    return False
        return True

    def flush(self) -> None:
        if not self.articles:
            return
        articles, sources = self.articles, self.sources
        self.articles, self.sources = [], []
        result = self.project.articles.add_many(articles, batch_size=len(articles))
        self.report.added_ids.extend(result.added)
        self.report.articles_added += len(result.added)
        self.report.duplicates_skipped += result.duplicates
        if sources[0] == sources[-1]:  # one file (the usual big batch): no need to hash again
            counts = self.report._count(sources[0])
            counts.added += len(result.added)
            counts.duplicates += result.duplicates
            return
        added = set(result.added)
        for article, source in zip(articles, sources):
            counts = self.report._count(source)
            article_id = content_id(article.text)
            if article_id in added:
                added.discard(article_id)  # a second copy in the same batch is a duplicate
                counts.added += 1
            else:
                counts.duplicates += 1


def clean_article(article: NewArticle) -> tuple[NewArticle, str]:
    """The article with control characters removed from its text and metadata (the README's
    rule), or a reason it cannot be stored: one bad record is reported, never the end of a
    batch (an unpaired surrogate once aborted a whole import after 500 articles)."""
    import dataclasses

    from annotator.core.text import has_controls, remove_controls, unpaired_surrogate_in

    fields = {"text": article.text, "title": article.title, "outlet": article.outlet, "author": article.author,
              "url": article.url, "published": article.published, "language": article.language}
    for name, value in fields.items():
        surrogate = unpaired_surrogate_in(value)
        if surrogate:
            where = "text" if name == "text" else f"{name}"
            return article, f"{article.title or 'an article'}: its {where} holds an unpaired surrogate ({surrogate}), not valid Unicode; skipped"
    changed = {name: remove_controls(value) for name, value in fields.items() if has_controls(value)}
    if not changed:
        return article, ""
    if "text" in changed and not changed["text"].strip():
        return article, f"{article.title or 'an article'}: nothing but control characters; skipped"
    return dataclasses.replace(article, **changed), ""
