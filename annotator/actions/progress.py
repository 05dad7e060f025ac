"""How far a team has come with its assignment: per coder and overall, and whether the
reliability sample is complete (every coder of every sampled article is done with it).

A coder's status of an article comes from, in this order: the status recorded when their file
was merged (``coder_status``); in a coder's own file, the article's status; otherwise to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.model import Status
from annotator.storage import Project
from annotator.storage.assignments import ASSIGNED_CODER, ASSIGNMENT_SEED


@dataclass
class CoderProgress:
    coder: str
    assigned: int = 0
    done: int = 0
    in_progress: int = 0
    overlap_assigned: int = 0
    overlap_done: int = 0

    @property
    def todo(self) -> int:
        return self.assigned - self.done - self.in_progress


@dataclass
class TeamProgress:
    seed: str
    coders: list[CoderProgress] = field(default_factory=list)
    articles: int = 0  # assigned articles
    articles_done: int = 0  # done by every coder assigned to them
    overlap: int = 0  # articles in the reliability sample
    overlap_done: int = 0  # of those, done by all their coders

    @property
    def overlap_complete(self) -> bool:
        return self.overlap > 0 and self.overlap_done == self.overlap

    def to_json(self) -> dict:
        return {
            "seed": self.seed,
            "articles": self.articles, "articles_done": self.articles_done,
            "overlap": self.overlap, "overlap_done": self.overlap_done,
            "overlap_complete": self.overlap_complete,
            "coders": [dict(c.__dict__, todo=c.todo) for c in self.coders],
        }


def team_progress(project: Project) -> TeamProgress:
    """The progress of ``project``'s assignment (empty when it has none)."""
    coders_of = project.assignments.coders_of()
    sample = project.assignments.overlap()
    recorded = project.assignments.statuses()
    own_coder = project.meta(ASSIGNED_CODER, "") or ""
    own_status = {a.id: a.status for a in project.articles.iter_all()} if own_coder else {}
    progress = TeamProgress(seed=project.meta(ASSIGNMENT_SEED, "") or "")
    per_coder: dict[str, CoderProgress] = {}

    def status_of(coder: str, article_id: str) -> Status:
        if (coder, article_id) in recorded:
            return recorded[(coder, article_id)]
        if coder == own_coder:
            return own_status.get(article_id, Status.TODO)
        return Status.TODO

    for article_id, coders in coders_of.items():
        in_sample = article_id in sample
        statuses = [status_of(c, article_id) for c in coders]
        for coder, status in zip(coders, statuses):
            row = per_coder.setdefault(coder, CoderProgress(coder))
            row.assigned += 1
            row.done += status is Status.DONE
            row.in_progress += status is Status.IN_PROGRESS
            if in_sample:
                row.overlap_assigned += 1
                row.overlap_done += status is Status.DONE
        all_done = all(s is Status.DONE for s in statuses)
        progress.articles += 1
        progress.articles_done += all_done
        if in_sample:
            progress.overlap += 1
            progress.overlap_done += all_done
    progress.coders = [per_coder[c] for c in sorted(per_coder)]
    return progress
