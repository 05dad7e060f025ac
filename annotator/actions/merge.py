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

from annotator.actions.bundle_import import bring_articles_and_tags
from annotator.actions.merge_incoming import Incoming, MergeError, read_other
from annotator.actions.merge_memos import MemoPlan, apply_memos, plan_memos
from annotator.actions.merge_values import ValuePlan, apply_values, plan_values
from annotator.core.model import Status
from annotator.core.review import REVIEWED
from annotator.core.text import content_id
from annotator.storage import Project
from annotator.storage.backups import backup_copy
from annotator.storage.bulk import add_annotation_rows, existing_article_ids
from annotator.storage.rows import ANNOTATION_COLUMNS

# Project meta key: the annotator names that arrived by merging (theirs, not our own coders).
MERGED_ANNOTATORS = "merged_annotators"
# Positions in an annotation row (storage.rows.ANNOTATION_COLUMNS).
_ID, _ARTICLE, _TAG, _START, _END, _TEXT, _ANNOTATOR, _FIELDS, _LINKED = (
    ANNOTATION_COLUMNS.index(c)
    for c in ("id", "article_id", "tag_id", "start", "end", "text", "annotator", "fields", "linked_id")
)


@dataclass
class AnnotatorPlan:
    """What happens to one of their annotators' annotations."""

    name: str  # in their file
    arrives_as: str  # here
    to_add: int = 0  # new, on articles we have
    on_missing_articles: int = 0  # new, on articles we lack (added only if those articles are)
    already_present: int = 0  # same UUID already here
    values_to_add: int = 0  # article-level values, on articles we have
    memos_to_add: int = 0  # article memos that differ from ours, on articles we have
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
    incoming: Incoming = field(repr=False)
    renames: dict[str, str]
    articles_matched: int
    articles_missing: list[MissingArticle]
    tags_matched: list[str]  # our names of the tags matched
    tags_to_add: list[str]
    annotators: list[AnnotatorPlan]
    problems: list[str]
    # Rows to add: (index into incoming.rows, on an article we lack).
    accepted: list[tuple[int, bool]] = field(default_factory=list, repr=False)
    # An assigned coder's article statuses that differ from what we recorded (our article ids).
    progress: list[tuple[str, Status]] = field(default_factory=list)
    values: ValuePlan = field(default_factory=ValuePlan)  # article-level variables
    memos: MemoPlan = field(default_factory=MemoPlan)  # article memos

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
            self.annotations_to_add or self.tags_to_add or self.progress or self.values.changes_anything
            or self.memos.to_write or (add_missing_articles and self.articles_missing)
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
            "assigned_coder": self.incoming.assigned_coder or None,
            "progress_to_record": len(self.progress),
            "article_variables": self.values.to_json(),
            "article_memos": self.memos.to_json(),
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
    values_added: int = 0  # article-level values
    memos_added: int = 0  # article memos
    variables_added: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["backup"] = str(self.backup) if self.backup else None
        return data


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
    incoming = read_other(other_path, project.path)
    renames = _renames(incoming.annotators(), rename, as_name, other_path)

    texts = {article.id: article.text for article in incoming.articles}
    real_ids = {article.id: content_id(article.text) for article in incoming.articles}
    have = existing_article_ids(project.db, real_ids.values())
    matched, missing = 0, {}
    for article in incoming.articles:
        real = real_ids[article.id]
        if real in have:
            matched += 1
        else:
            missing[article.id] = MissingArticle(real, article.title or real[:12], 0)

    tag_ids = {tag.id for tag in incoming.tags}
    tags_matched, tags_to_add = [], []
    for tag in incoming.tags:
        ours = project.codebook.by_name(tag.name)
        (tags_matched if ours else tags_to_add).append(ours.name if ours else tag.name)

    present = project.annotations.existing_ids(r[_ID] for r in incoming.rows)
    plans = {name: AnnotatorPlan(name, renames.get(name, name)) for name in incoming.annotators()}
    problems, accepted = list(incoming.problems), []
    where = Path(other_path).name
    for index, row in enumerate(incoming.rows):
        plan = plans[row[_ANNOTATOR]]
        if row[_ID] in present:
            plan.already_present += 1
            continue
        problem = _problem(row, texts, tag_ids, where)
        if problem:
            problems.append(f"annotation {row[_ID]}: {problem}; not merged")
            continue
        on_missing = row[_ARTICLE] in missing
        if on_missing:
            plan.on_missing_articles += 1
            missing[row[_ARTICLE]].annotations += 1
        else:
            plan.to_add += 1
        accepted.append((index, on_missing))

    values = plan_values(project, incoming.variables, incoming.values, real_ids, have, renames)
    problems += values.problems
    arriving_values = values.by_annotator()
    memos = plan_memos(project, incoming.memos, real_ids, have, renames)
    arriving_memos = memos.by_annotator()
    for plan in plans.values():
        plan.values_to_add = arriving_values.get(plan.arrives_as, 0)
        plan.memos_to_add = arriving_memos.get(plan.arrives_as, 0)
    ours = set(project.annotations.annotators()) | set(project.article_values.annotators())
    ours |= set(project.memos.annotators())
    merged_before = set(_merged_annotators(project))
    for plan in plans.values():
        confirmed = renames.get(plan.name) == plan.name
        new_work = plan.to_add + plan.on_missing_articles + plan.values_to_add + plan.memos_to_add > 0
        plan.clash = new_work and not confirmed and plan.arrives_as in ours and plan.arrives_as not in merged_before
    return MergePlan(
        other=Path(other_path), source=incoming.source, incoming=incoming, renames=renames,
        articles_matched=matched, articles_missing=list(missing.values()),
        tags_matched=tags_matched, tags_to_add=tags_to_add,
        annotators=list(plans.values()), problems=problems, accepted=accepted,
        progress=_progress_to_record(project, incoming, real_ids, have), values=values, memos=memos,
    )


def _progress_to_record(project: Project, incoming: Incoming, real_ids: dict, have: set) -> list:
    """An assigned coder's statuses of the articles we have, where they differ from ours."""
    coder = incoming.assigned_coder
    if not coder:
        return []
    recorded = project.assignments.statuses()
    return [
        (real_ids[a.id], a.status) for a in incoming.articles
        if real_ids[a.id] in have and recorded.get((coder, real_ids[a.id]), Status.TODO) is not a.status
    ]


def _renames(theirs: list[str], rename, as_name, other_path) -> dict[str, str]:
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
    return renames


def _problem(row: tuple, texts: dict[str, str], tag_ids: set[str], where: str) -> str:
    """Why an incoming row cannot be merged, or ""."""
    text = texts.get(row[_ARTICLE])
    if text is None:
        return f"its article is not in {where}"
    if row[_TAG] not in tag_ids:
        return f"unknown tag {row[_TAG]}"
    start, end = row[_START], row[_END]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return f"span {start}-{end} lies outside the article text"
    if text[start:end] != row[_TEXT]:
        return f"passage does not match the article text at {start}-{end}"
    if row[_FIELDS] not in ("", "{}"):
        try:
            if not isinstance(json.loads(row[_FIELDS]), dict):
                return "its field values are not a JSON object"
        except (TypeError, ValueError):
            return "its field values are not valid JSON"
    return ""


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
    incoming = plan.incoming
    with project.db.atomic():
        article_ids, tag_ids, brought = bring_articles_and_tags(
            project, incoming.articles, incoming.tags, add_articles=add_missing_articles
        )
        rows = [
            incoming.rows[index] for index, on_missing in plan.accepted
            if not on_missing or add_missing_articles
        ]
        known = {r[_ID] for r in rows} | project.annotations.existing_ids(
            {r[_LINKED] for r in rows if r[_LINKED]}
        )
        added = add_annotation_rows(project.db, [_arriving(r, article_ids, tag_ids, plan.renames, known) for r in rows])
        if plan.progress:
            project.assignments.record_status(incoming.assigned_coder, plan.progress)
        values_added = apply_values(project, plan.values)
        memos_added = apply_memos(project, plan.memos, set(article_ids.values()))
        arrived = {plan.renames.get(r[_ANNOTATOR], r[_ANNOTATOR]) for r in rows}
        arrived |= {v.annotator for v in plan.values.to_write}
        arrived |= {m.annotator for m in plan.memos.to_write}
        merged = set(_merged_annotators(project))
        if arrived - merged:
            project.set_meta(MERGED_ANNOTATORS, json.dumps(sorted(merged | arrived), ensure_ascii=False))
    return MergeReport(
        backup=backup, articles_added=brought.articles_added, articles_missing=len(brought.articles_missing),
        tags_added=brought.tags_added, annotations_added=added,
        annotations_already_present=plan.annotations_already_present, problems=plan.problems,
        values_added=values_added, variables_added=[v.name for v in plan.values.variables_to_add],
        memos_added=memos_added,
    )


def _arriving(row: tuple, article_ids: dict, tag_ids: dict, renames: dict, known: set) -> tuple:
    """An incoming row as it is stored here: our article and tag ids, the name it arrives
    under, and no link to an annotation that is not here."""
    out = list(row)
    out[_ARTICLE] = article_ids[row[_ARTICLE]]
    out[_TAG] = tag_ids[row[_TAG]]
    out[_ANNOTATOR] = renames.get(row[_ANNOTATOR], row[_ANNOTATOR])
    if out[_LINKED] not in known:
        out[_LINKED] = None
    return tuple(out)


def _merged_annotators(project: Project) -> list[str]:
    try:
        return list(json.loads(project.meta(MERGED_ANNOTATORS, "[]")))
    except ValueError:
        return []
