"""Merging a colleague's article memos: matched by the article's content id and the coder (under
the name they arrive as). A memo we already hold is kept unless theirs is newer (the same coder
edited it later in their file: :mod:`annotator.actions.merge_newest`); memos on articles we
lack wait, like annotations, until those articles are added."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from annotator.actions.merge_newest import NewestWins
from annotator.core.memos import ArticleMemo
from annotator.storage import Project


@dataclass
class MemoPlan(NewestWins):
    """What merging their memos will do; worked out without writing. ``to_write`` holds
    :class:`ArticleMemo` in our article ids under the arriving names."""

    on_missing_articles: list[ArticleMemo] = field(default_factory=list)  # their ids mapped to content ids

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
        plan.offer(ours, arriving, same=ours is not None and ours.text == arriving.text)
    return plan


def apply_memos(project: Project, plan: MemoPlan, added_articles: set[str]) -> int:
    """Write the plan inside the caller's transaction (also the memos of articles the merge has
    just added); returns the number of memos written."""
    waiting = [m for m in plan.on_missing_articles if m.article_id in added_articles]
    return project.memos.put_many([*plan.to_write, *waiting])
