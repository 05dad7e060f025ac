"""Bring a :class:`Bundle` (an exchange file, a colleague's project) into a project.

Articles are matched by content id, never by file name or title; tags by name, ignoring
case (missing ones are added); annotations by UUID, so importing the same file twice changes
nothing. Every span is checked against its text: a mismatch is reported, never shifted.
A coder's memo on an article is added where the project has none of that coder on that
article; one the project has already is kept (a file from another tool is not a later edit by
the same coder, so its date cannot settle it as a merge's newest-wins does).
The whole import is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from annotator.core.bundle import Bundle
from annotator.core.model import NewArticle, Status, Tag
from annotator.core.text import content_id, has_controls, remove_controls, unpaired_surrogate_in
from annotator.storage import Project
from annotator.storage.bulk import existing_article_ids


@dataclass
class BundleReport:
    articles_added: int = 0
    articles_matched: int = 0
    articles_missing: list[str] = field(default_factory=list)  # titles of articles not added
    tags_added: list[str] = field(default_factory=list)
    annotations_added: int = 0
    annotations_already_present: int = 0
    problems: list[str] = field(default_factory=list)
    relations_added: int = 0
    refused: dict[str, int] = field(default_factory=dict)  # codings left out, by reason
    offsets: str = ""  # the offset convention the reader applied
    kept_as: dict[str, int] = field(default_factory=dict)  # what came in as something else
    memos_added: int = 0  # article memos the project had none of (per article and coder)
    memos_kept: int = 0  # memos that differ from the one the project has, which is kept

    def refuse(self, reason: str, detail: str) -> None:
        self.refused[reason] = self.refused.get(reason, 0) + 1
        self.problems.append(detail)

    def to_json(self) -> dict:
        return dict(self.__dict__)


def import_bundle(
    project: Project,
    bundle: Bundle,
    *,
    add_articles: bool = True,
    annotator_renames: dict[str, str] | None = None,
    dry_run: bool = False,
) -> BundleReport:
    """Add the bundle's articles, tags and annotations to ``project``; report what happened.

    ``add_articles=False`` keeps only annotations on articles the project already has (the
    others are listed in ``articles_missing``). ``annotator_renames`` maps a name in the
    bundle to the name it gets here. ``dry_run`` computes the report and writes nothing.
    """
    renames = annotator_renames or {}
    report = BundleReport(problems=list(bundle.problems), refused=dict(bundle.refused), offsets=bundle.offsets,
                          kept_as=dict(bundle.kept_as))
    with project.db.atomic():
        article_ids = _bring_articles(project, bundle, add_articles, report)
        tag_ids = _bring_tags(project, bundle, report)
        _bring_annotations(project, bundle, article_ids, tag_ids, renames, report, add_articles)
        _bring_memos(project, bundle, article_ids, renames, report)
        if dry_run:
            raise _DryRun(report)
    return report


def preview_bundle(project: Project, bundle: Bundle, **options) -> BundleReport:
    """What :func:`import_bundle` would do, with nothing written."""
    try:
        import_bundle(project, bundle, dry_run=True, **options)
    except _DryRun as done:
        return done.report
    raise AssertionError("unreachable")


def bring_articles_and_tags(project: Project, articles, tags, *, add_articles: bool):
    """The first half of :func:`import_bundle`, for callers that bring the annotations their own
    way (a merge brings raw rows, which is much faster at 200,000 annotations): map ``articles``
    to ours by content id (adding the missing ones if ``add_articles``) and ``tags`` by name
    (adding the missing ones). Returns (article id map, tag id map, report)."""
    bundle, report = Bundle(articles=list(articles), tags=list(tags)), BundleReport()
    article_ids = _bring_articles(project, bundle, add_articles, report)
    return article_ids, _bring_tags(project, bundle, report), report


class _DryRun(Exception):
    """Raised inside the transaction so that it rolls back."""

    def __init__(self, report: BundleReport):
        self.report = report


def _bring_articles(project, bundle, add_articles, report) -> dict[str, str]:
    """Map bundle article ids to project article ids (only for articles the project has)."""
    mapping: dict[str, str] = {}
    real_ids = [content_id(article.text) for article in bundle.articles]
    have = existing_article_ids(project.db, real_ids)  # one query per 900 articles, not one each
    for article, real_id in zip(bundle.articles, real_ids):
        if real_id in have:
            report.articles_matched += 1
        elif add_articles and (has_controls(article.text) or unpaired_surrogate_in(article.text)):
            # Removing the characters would move every annotation after them: refuse instead.
            report.problems.append(
                f"article {article.title or real_id[:12]!r}: its text holds control characters or an unpaired "
                "surrogate, which annotator does not store; skipped with its annotations"
            )
            continue
        elif add_articles:
            project.articles.add(
                NewArticle(
                    text=article.text, title=remove_controls(article.title), outlet=remove_controls(article.outlet),
                    author=remove_controls(article.author), url=article.url, published=article.published,
                    language=article.language, source_file=article.source_file,
                    extra=article.extra,
                )
            )
            if article.status is not Status.TODO:
                project.articles.set_status(real_id, article.status)
            report.articles_added += 1
            have.add(real_id)  # the same text twice in one bundle is one article
        else:
            report.articles_missing.append(article.title or real_id[:12])
            continue
        mapping[article.id] = real_id
    return mapping


def _bring_tags(project, bundle, report) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for tag in bundle.tags:
        ours = project.codebook.by_name(tag.name)
        if ours is None:
            ours = project.codebook.add(_fitting(project, tag))
            report.tags_added.append(ours.name)
        mapping[tag.id] = ours.id
    return mapping


def _fitting(project: Project, tag: Tag) -> Tag:
    """The bundle's tag, changed where it would clash with ours (id, key)."""
    existing = project.codebook.tags()
    keys = {t.key for t in existing if not t.retired}
    ids = {t.id for t in existing}
    fitted = replace(tag, key="" if tag.key in keys else tag.key, colour=tag.colour or "")
    if tag.id in ids:
        fitted = replace(fitted, id=Tag(name="", colour="").id)
    return fitted


def _bring_annotations(project, bundle, article_ids, tag_ids, renames, report, add_articles=True) -> None:
    present = project.annotations.existing_ids(a.id for a in bundle.annotations)
    # Matched by content id (SHA-256 of the text), so the bundle's text is ours: no query each.
    texts = {article_ids[a.id]: a.text for a in bundle.articles if a.id in article_ids}
    incoming = []
    for a in bundle.annotations:
        if a.id in present:
            report.annotations_already_present += 1
            continue
        if a.article_id not in article_ids:
            if add_articles:
                report.refuse("article not in the file", f"annotation {a.id}: its article is not in the file")
            continue  # its article was not brought in (listed in articles_missing)
        if a.tag_id not in tag_ids:
            report.refuse("unknown tag", f"annotation {a.id}: unknown tag {a.tag_id}")
            continue
        article_id = article_ids[a.article_id]
        text = texts.get(article_id)
        if text is None:  # (setdefault would query the text for every annotation)
            text = texts[article_id] = project.articles.text(article_id)
        if not (0 <= a.start < a.end <= len(text)) or text[a.start : a.end] != a.text:
            report.refuse(
                "passage does not match the text",
                f"annotation {a.id}: passage {a.text[:40]!r} does not match the article text at "
                f"{a.start}-{a.end}; not imported"
            )
            continue
        incoming.append(
            replace(
                a, article_id=article_id, tag_id=tag_ids[a.tag_id],
                annotator=renames.get(a.annotator, a.annotator),
            )
        )
    known = {a.id for a in incoming} | present
    incoming = [a if a.linked_id in known or a.linked_id is None else replace(a, linked_id=None) for a in incoming]
    report.annotations_added = project.annotations.add_many(incoming)
    relations = [(r.source_id, r.target_id, r.type) for r in bundle.relations]
    kept = [r for r in relations if r[0] in known and r[1] in known]
    if len(kept) < len(relations):
        report.refused["relation to an annotation not imported"] = len(relations) - len(kept)
        report.problems.append(f"{len(relations) - len(kept)} relation(s) join an annotation that was not "
                               "imported; not kept")
    report.relations_added = project.relations.add_many(kept)


def _bring_memos(project, bundle, article_ids, renames, report) -> None:
    """Each memo of the bundle whose article came in, under its (renamed) coder, where the
    project has no memo of that coder on that article."""
    incoming: dict[tuple[str, str], object] = {}
    for memo in bundle.memos:
        if memo.article_id not in article_ids:
            continue  # its article was refused or not brought in
        memo = replace(memo, article_id=article_ids[memo.article_id],
                       annotator=renames.get(memo.annotator, memo.annotator))
        incoming.setdefault((memo.article_id, memo.annotator), memo)  # the same text twice in a file
    new = []
    for (article_id, coder), memo in incoming.items():
        ours = project.memos.get(article_id, coder)
        if ours is None:
            new.append(memo)
        elif ours.text != memo.text:
            report.memos_kept += 1
    report.memos_added = project.memos.put_many(new) if new else 0
