"""Merging a colleague's annotations: plan first (nothing written), then apply in one transaction
after a backup copy of our project.

OTHER is a colleague's project file or one of our exports (JSONL, REFI-QDA ``.qdpx``, brat).
Articles are matched by content id, tags by name ignoring case, annotations by UUID (so merging
the same file again adds nothing). Their annotations keep their annotator name unless renamed;
a name we already use for our own coding is a clash that needs a rename.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.actions.bundle_import import BundleReport, import_bundle
from annotator.core.bundle import Bundle
from annotator.core.review import REVIEWED
from annotator.core.text import content_id
from annotator.storage import Project, ProjectError
from annotator.storage.backup import backup_copy
from annotator.storage.project import SQLITE_HEADER
from annotator.storage.project_reader import read_project

# Project meta key: the annotator names that arrived by merging (theirs, not our own coders).
MERGED_ANNOTATORS = "merged_annotators"


class MergeError(Exception):
    """One line saying why a merge cannot go ahead; our project is untouched."""


@dataclass
class AnnotatorPlan:
    """What happens to one of their annotators' annotations."""

    name: str  # in their file
    arrives_as: str  # here
    to_add: int = 0  # new, on articles we have
    on_missing_articles: int = 0  # new, on articles we lack (added only if those articles are)
    already_present: int = 0  # same UUID already here
    clash: bool = False  # arrives_as is one of our own coders: needs a rename

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class MissingArticle:
    """An article they have and we lack."""

    id: str
    title: str
    annotations: int


@dataclass
class MergePlan:
    """What :func:`apply_merge` will do; computed without writing anything."""

    other: Path
    source: str  # "project", or the exchange format's reader
    bundle: Bundle = field(repr=False)
    renames: dict[str, str]
    articles_matched: int
    articles_missing: list[MissingArticle]
    tags_matched: list[str]  # our names of the tags matched
    tags_to_add: list[str]
    annotators: list[AnnotatorPlan]
    problems: list[str]

    @property
    def clashes(self) -> list[str]:
        """Their annotator names that need a rename before the merge can go ahead."""
        return [a.name for a in self.annotators if a.clash]

    @property
    def annotations_to_add(self) -> int:
        return sum(a.to_add for a in self.annotators)

    @property
    def annotations_on_missing_articles(self) -> int:
        return sum(a.on_missing_articles for a in self.annotators)

    @property
    def annotations_already_present(self) -> int:
        return sum(a.already_present for a in self.annotators)

    def changes_anything(self, add_missing_articles: bool = False) -> bool:
        """False when merging would write nothing (e.g. the same file merged again)."""
        return bool(
            self.annotations_to_add or self.tags_to_add
            or (add_missing_articles and self.articles_missing)
        )

    def clash_message(self) -> str:
        names = ", ".join(repr(a.arrives_as) for a in self.annotators if a.clash)
        return (
            f"annotator name {names} is already used in this project for its own coding; "
            "give their annotations another name"
        )

    def to_json(self) -> dict:
        return {
            "other": str(self.other), "source": self.source, "renames": self.renames,
            "articles_matched": self.articles_matched,
            "articles_missing": [m.__dict__ for m in self.articles_missing],
            "tags_matched": self.tags_matched, "tags_to_add": self.tags_to_add,
            "annotators": [a.to_json() for a in self.annotators],
            "annotations_to_add": self.annotations_to_add,
            "annotations_on_missing_articles": self.annotations_on_missing_articles,
            "annotations_already_present": self.annotations_already_present,
            "clashes": self.clashes, "problems": self.problems,
        }


@dataclass
class MergeReport:
    """What :func:`apply_merge` did."""

    backup: Path | None
    articles_added: int
    articles_missing: int  # they have, we lack, not added
    tags_added: list[str]
    annotations_added: int
    annotations_already_present: int
    problems: list[str]

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["backup"] = str(self.backup) if self.backup else None
        return data


def read_other(path: str | Path, ours: Path | None = None) -> tuple[Bundle, str]:
    """Read OTHER as a bundle and say what it was; :class:`MergeError` if it cannot be."""
    path = Path(path)
    if not path.exists():
        raise MergeError(f"{path}: no such file")
    if ours is not None and path.resolve() == Path(ours).resolve():
        raise MergeError(f"{path} is this project itself")
    if _looks_like_project(path):
        try:
            return read_project(path), "project"
        except ProjectError as error:
            raise MergeError(str(error)) from error
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
    return bundle, getattr(reader, "__name__", "export").removeprefix("_read_")


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


def plan_merge(
    project: Project,
    other_path: str | Path,
    *,
    rename: Mapping[str, str] | None = None,
    as_name: str | None = None,
) -> MergePlan:
    """Read OTHER and work out what merging it would do; nothing is written.

    ``rename`` maps their annotator names to names here; ``as_name`` is the name for their only
    coder (their ``reviewed`` layer aside). Renaming a name to itself confirms that it is the
    same coder (no clash). Raises :class:`MergeError` for an unreadable OTHER or a bad rename.
    """
    bundle, source = read_other(other_path, project.path)
    theirs = bundle.annotators()
    renames = {k: v.strip() for k, v in (rename or {}).items()}
    if as_name is not None:
        coders = [n for n in theirs if n != REVIEWED]
        if len(coders) != 1:
            raise MergeError(
                f"--as needs exactly one annotator in {other_path}; it has {', '.join(theirs) or 'none'}: "
                "use --rename OLD=NEW for each"
            )
        renames[coders[0]] = as_name.strip()
    for old, new in renames.items():
        if old not in theirs:
            raise MergeError(f"{other_path} has no annotator {old!r}; it has {', '.join(theirs) or 'none'}")
        if not new:
            raise MergeError(f"the new name for {old!r} is empty")

    article_ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    matched, missing = 0, {}
    for article in bundle.articles:
        real = content_id(article.text)
        article_ids[article.id] = real
        texts[article.id] = article.text
        if project.articles.exists(real):
            matched += 1
        else:
            missing[article.id] = MissingArticle(real, article.title or real[:12], 0)

    tag_names: dict[str, str] = {}
    tags_matched, tags_to_add = [], []
    for tag in bundle.tags:
        ours = project.codebook.by_name(tag.name)
        tag_names[tag.id] = tag.name
        (tags_matched if ours else tags_to_add).append(ours.name if ours else tag.name)

    present = project.annotations.existing_ids(a.id for a in bundle.annotations)
    plans = {name: AnnotatorPlan(name, renames.get(name, name)) for name in theirs}
    problems = list(bundle.problems)
    for a in bundle.annotations:
        plan = plans[a.annotator]
        if a.id in present:
            plan.already_present += 1
            continue
        if a.article_id not in article_ids:
            problems.append(f"annotation {a.id}: its article is not in {Path(other_path).name}")
            continue
        if a.tag_id not in tag_names:
            problems.append(f"annotation {a.id}: unknown tag {a.tag_id}")
            continue
        text = texts[a.article_id]
        if not (0 <= a.start < a.end <= len(text)) or text[a.start : a.end] != a.text:
            problems.append(f"annotation {a.id}: passage does not match the article text at {a.start}-{a.end}")
            continue
        if a.article_id in missing:
            plan.on_missing_articles += 1
            missing[a.article_id].annotations += 1
        else:
            plan.to_add += 1

    ours = set(project.annotations.annotators())
    merged_before = set(_merged_annotators(project))
    for plan in plans.values():
        confirmed = renames.get(plan.name) == plan.name
        new_work = plan.to_add + plan.on_missing_articles > 0
        plan.clash = new_work and not confirmed and plan.arrives_as in ours and plan.arrives_as not in merged_before
    return MergePlan(
        other=Path(other_path), source=source, bundle=bundle, renames=renames,
        articles_matched=matched, articles_missing=list(missing.values()),
        tags_matched=tags_matched, tags_to_add=tags_to_add,
        annotators=list(plans.values()), problems=problems,
    )


def apply_merge(project: Project, plan: MergePlan, *, add_missing_articles: bool = False) -> MergeReport:
    """Carry out ``plan``: a backup copy of our project file first, then one transaction.

    Raises :class:`MergeError` on a name clash (nothing written) and :class:`ProjectError`
    when the backup cannot be made (nothing written).
    """
    if plan.clashes:
        raise MergeError(plan.clash_message())
    if not plan.changes_anything(add_missing_articles):
        return MergeReport(
            backup=None, articles_added=0,
            articles_missing=0 if add_missing_articles else len(plan.articles_missing),
            tags_added=[], annotations_added=0,
            annotations_already_present=plan.annotations_already_present, problems=plan.problems,
        )
    backup = backup_copy(project, "before-merge")
    with project.db.atomic():
        done: BundleReport = import_bundle(
            project, plan.bundle, add_articles=add_missing_articles, annotator_renames=plan.renames
        )
        arrived = {a.arrives_as for a in plan.annotators if a.to_add or (add_missing_articles and a.on_missing_articles)}
        if arrived - set(_merged_annotators(project)):
            names = sorted(set(_merged_annotators(project)) | arrived)
            project.set_meta(MERGED_ANNOTATORS, json.dumps(names, ensure_ascii=False))
    return MergeReport(
        backup=backup, articles_added=done.articles_added, articles_missing=len(done.articles_missing),
        tags_added=done.tags_added, annotations_added=done.annotations_added,
        annotations_already_present=done.annotations_already_present, problems=done.problems,
    )


def _merged_annotators(project: Project) -> list[str]:
    try:
        return list(json.loads(project.meta(MERGED_ANNOTATORS, "[]")))
    except ValueError:
        return []
