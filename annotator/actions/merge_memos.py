"""Merging a colleague's article memos: matched by the article's content id and the coder (under
the name they arrive as). A memo we already hold is kept unless theirs is newer (the same coder
edited it later in their file); memos on articles we lack wait, like annotations, until those
articles are added."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from annotator.core.memos import ArticleMemo
from annotator.storage import Project


@dataclass
class MemoPlan:
    """What merging their memos will do; worked out without writing."""

    to_write: list[ArticleMemo] = field(default_factory=list)  # our article ids, arriving names
    on_missing_articles: list[ArticleMemo] = field(default_factory=list)  # their ids mapped to content ids
    already_present: int = 0  # the same memo, or ours is newer
    by_annotator: dict[str, int] = field(default_factory=dict)  # arriving name -> memos that differ

    def to_json(self) -> dict:
        return {"memos_to_add": len(self.to_write), "memos_already_present": self.already_present,
                "memos_on_missing_articles": len(self.on_missing_articles)}


def plan_memos(project: Project, memos: list[ArticleMemo], real_ids: dict[str, str], have: set[str],
               renames: dict[str, str]) -> MemoPlan:
    """Translate their memos (their article ids, their names) into ours."""
    plan = MemoPlan()
    for memo in memos:
        arriving = replace(memo, article_id=real_ids.get(memo.article_id, memo.article_id),
                           annotator=renames.get(memo.annotator, memo.annotator))
        if arriving.article_id not in have:
            plan.on_missing_articles.append(arriving)
            continue
        ours = project.memos.get(arriving.article_id, arriving.annotator)
        if ours is not None and ours.text == arriving.text:
            plan.already_present += 1
            continue
        plan.by_annotator[arriving.annotator] = plan.by_annotator.get(arriving.annotator, 0) + 1
        if ours is not None and ours.updated_at >= arriving.updated_at:
            plan.already_present += 1  # the same coder changed it here later: ours stands
            continue
        plan.to_write.append(arriving)
    return plan


def apply_memos(project: Project, plan: MemoPlan, added_articles: set[str]) -> int:
    """Write the plan inside the caller's transaction (also the memos of articles the merge has
    just added); returns the number of memos written."""
    waiting = [m for m in plan.on_missing_articles if m.article_id in added_articles]
    return project.memos.put_many([*plan.to_write, *waiting])
