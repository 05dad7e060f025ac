"""Assigning a corpus to a team (file mode): record the plan in the lead's project and write one
project file per coder holding their articles and the codebook.

A coder's file is made whole in a temporary file beside its final name and renamed into place,
so an interrupted run leaves finished files or none. Existing files are never overwritten.
Merging a coder's file back into the lead's project (``annotator merge``) brings their
annotations and, because the file knows whose it is, their progress.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.assignment import ArticleToAssign, AssignmentPlan, plan_assignment
from annotator.core.model import NewArticle
from annotator.storage import Project, ProjectError
from annotator.storage.assignments import ASSIGNED_CODER, ASSIGNMENT_SEED, ASSIGNMENT_STRATIFY


@dataclass
class AssignResult:
    """What :func:`assign_corpus` did."""

    plan: AssignmentPlan
    files: dict[str, Path] = field(default_factory=dict)  # coder -> their project file

    def to_json(self) -> dict:
        load = self.plan.load()
        return {
            "seed": self.plan.seed,
            "stratify": self.plan.stratify,
            "articles": len(self.plan.coders_of),
            "overlap": len(self.plan.overlap),
            "coders": {
                c: {"articles": load[c], "file": str(self.files[c]) if c in self.files else None}
                for c in self.plan.coders
            },
        }


def coder_file_name(project_path: Path | None, coder: str) -> str:
    """``study-ana.annotator``: the lead's file name and a safe form of the coder's name."""
    stem = project_path.stem if project_path else "project"
    safe = re.sub(r"[^\w.-]+", "_", coder, flags=re.UNICODE).strip("._") or "coder"
    return f"{stem}-{safe}.annotator"


def plan_for_project(project: Project, coders: list[str], *, overlap: int, seed: int | None,
                     stratify: str | None, coders_per_overlap: int = 2,
                     fixed: dict[str, list[str]] | None = None) -> AssignmentPlan:
    """A plan over every article of ``project``; nothing is written."""
    articles = [ArticleToAssign(a.id, a.outlet, a.published) for a in project.articles.iter_all()]
    return plan_assignment(articles, coders, overlap=overlap, seed=seed, stratify=stratify,
                           coders_per_overlap=coders_per_overlap, fixed=fixed)


def assign_corpus(project: Project, plan: AssignmentPlan, out_folder: Path | None) -> AssignResult:
    """Record ``plan`` in ``project`` and, given ``out_folder``, write each coder's file there.

    Raises :class:`ProjectError` (nothing recorded) when a coder's file already exists or the
    folder cannot be written.
    """
    result = AssignResult(plan)
    targets: dict[str, Path] = {}
    if out_folder is not None:
        out_folder = Path(out_folder)
        if not out_folder.is_dir():
            raise ProjectError(f"folder {out_folder} does not exist")
        targets = {c: out_folder / coder_file_name(project.path, c) for c in plan.coders}
        taken = [p for p in targets.values() if p.exists()]
        if taken:
            raise ProjectError(f"{taken[0]} already exists; choose another folder or move it away")
    with project.db.atomic():
        project.assignments.replace(plan.coders_of)
        project.set_meta(ASSIGNMENT_SEED, str(plan.seed))
        project.set_meta(ASSIGNMENT_STRATIFY, plan.stratify or "")
    for coder, target in targets.items():
        _write_coder_file(project, plan, coder, target)
        result.files[coder] = target
    return result


def _write_coder_file(project: Project, plan: AssignmentPlan, coder: str, target: Path) -> None:
    staging = target.with_name(f".{target.name}.part")
    staging.unlink(missing_ok=True)
    mine = set(plan.articles_of(coder))
    try:
        with Project.create(staging, with_news_codebook=False) as theirs:
            for tag in project.codebook.tags():
                theirs.codebook.add(tag)
            theirs.articles.add_many(
                NewArticle(text=a.text, title=a.title, outlet=a.outlet, author=a.author, url=a.url,
                           published=a.published, language=a.language, source_file=a.source_file,
                           extra=a.extra)
                for a in project.articles.iter_all() if a.id in mine
            )
            # Only their own rows: a coder is not told who else codes a sampled article.
            theirs.assignments.replace({a: [coder] for a in sorted(mine)}, overlap=mine & set(plan.overlap))
            theirs.set_meta(ASSIGNED_CODER, coder)
            theirs.set_meta(ASSIGNMENT_SEED, str(plan.seed))
        for side in ("-wal", "-shm"):
            Path(f"{staging}{side}").unlink(missing_ok=True)
        os.replace(staging, target)
    except BaseException:
        for side in ("", "-wal", "-shm"):
            Path(f"{staging}{side}").unlink(missing_ok=True)
        raise
