"""Splitting a corpus among coders, with a reliability sample that several coders code blind.

Plain Python and deterministic: the same articles, coders, options and seed always give the same
plan, so a lead can publish the seed and anyone can redraw the sample. The seed is drawn when the
lead gives none, and is always part of the plan.

How a plan is made:
1. the reliability sample: ``overlap`` articles (a share or a number) drawn at random, within
   strata when asked (proportional allocation, largest remainders), each coded by
   ``coders_per_overlap`` coders, those with the fewest sampled articles so far;
2. every other article goes to exactly one coder: stratum by stratum, shuffled, each to the coder
   with the fewest articles so far, so loads differ by at most one article and every coder gets a
   fair share of every stratum;
3. articles the lead assigned by hand (``fixed``) keep their coders and are left out of both.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

STRATA = ("outlet", "year", "month")


class AssignmentError(ValueError):
    """One line saying why no plan can be made from these options."""


@dataclass(frozen=True)
class ArticleToAssign:
    """What the planner needs to know of an article."""

    id: str
    outlet: str = ""
    published: str = ""  # ISO date or empty


@dataclass
class AssignmentPlan:
    """Who codes what. ``coders_of[article_id]`` lists one coder, or several for the sample."""

    coders: list[str]
    seed: int
    stratify: str | None
    coders_of: dict[str, list[str]] = field(default_factory=dict)

    @property
    def overlap(self) -> list[str]:
        """The reliability sample: articles coded by more than one coder."""
        return [a for a, cs in self.coders_of.items() if len(cs) > 1]

    def articles_of(self, coder: str) -> list[str]:
        return [a for a, cs in self.coders_of.items() if coder in cs]

    def load(self) -> dict[str, int]:
        """Articles per coder, sample included."""
        counts = Counter(c for cs in self.coders_of.values() for c in cs)
        return {c: counts.get(c, 0) for c in self.coders}


def parse_overlap(text: str, total: int) -> int:
    """``"15%"`` or ``"0.15"`` (a share) or ``"40"`` (a number) as a number of articles."""
    raw = text.strip()
    try:
        if raw.endswith("%"):
            share = float(raw[:-1]) / 100
        elif "." in raw:
            share = float(raw)
        else:
            count = int(raw)
            if count < 0:
                raise AssignmentError(f"overlap {text!r}: must not be negative")
            if count > total:
                raise AssignmentError(f"overlap {text!r}: the project has only {total} articles")
            return count
    except ValueError as error:
        raise AssignmentError(f"overlap {text!r}: give a share such as 15% or a number of articles") from error
    if not 0 <= share <= 1:
        raise AssignmentError(f"overlap {text!r}: a share must be between 0% and 100%")
    return round(share * total)


def stratum_of(article: ArticleToAssign, stratify: str | None) -> str:
    """The stratum an article falls in: its outlet, year (``2026``) or month (``2026-03``)."""
    if stratify is None:
        return ""
    if stratify == "outlet":
        return article.outlet.strip().casefold()
    if stratify == "year":
        return article.published[:4]
    if stratify == "month":
        return article.published[:7]
    raise AssignmentError(f"cannot stratify by {stratify!r}; choose one of {', '.join(STRATA)}")


def plan_assignment(
    articles: Sequence[ArticleToAssign],
    coders: Sequence[str],
    *,
    overlap: int = 0,
    coders_per_overlap: int = 2,
    seed: int | None = None,
    stratify: str | None = None,
    fixed: Mapping[str, Sequence[str]] | None = None,
) -> AssignmentPlan:
    """Split ``articles`` among ``coders`` with a reliability sample of ``overlap`` articles.

    ``fixed`` maps article ids to the coders the lead chose by hand for them.
    """
    coders = _clean_coders(coders)
    fixed = dict(fixed or {})
    known = {a.id for a in articles}
    for article_id, names in fixed.items():
        if article_id not in known:
            raise AssignmentError(f"article {article_id} assigned by hand is not in the project")
        strangers = [n for n in names if n not in coders]
        if strangers:
            raise AssignmentError(f"article {article_id} is assigned to {strangers[0]!r}, who is not a coder")
    if not articles:
        raise AssignmentError("the project has no articles to assign")
    if not 0 <= overlap <= len(articles):
        raise AssignmentError(f"an overlap of {overlap} articles is more than the {len(articles)} there are")
    if overlap and not 2 <= coders_per_overlap <= len(coders):
        raise AssignmentError(
            f"the reliability sample needs {coders_per_overlap} coders per article; "
            f"{len(coders)} coder(s) given"
        )
    if seed is None:
        seed = random.SystemRandom().randrange(1, 10**6)
    rng = random.Random(seed)
    # Sorted, so the input order never changes the plan.
    ordered = sorted((a for a in articles if a.id not in fixed), key=lambda a: a.id)
    strata = _group(ordered, stratify)
    plan = AssignmentPlan(list(coders), seed, stratify)
    plan.coders_of.update({a: list(cs) for a, cs in sorted(fixed.items())})
    if overlap > len(ordered):
        raise AssignmentError(f"an overlap of {overlap} articles is more than the {len(ordered)} left to draw from")

    sample = _draw_sample(strata, overlap, rng)
    sample_ids = {a.id for a in sample}
    _deal_sample(plan, sample, coders, coders_per_overlap)
    rest = {key: [a for a in group if a.id not in sample_ids] for key, group in strata.items()}
    _deal_rest(plan, rest, rng)
    return plan


def _clean_coders(coders: Iterable[str]) -> list[str]:
    names = [c.strip() for c in coders if c.strip()]
    if not names:
        raise AssignmentError("name at least one coder")
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise AssignmentError(f"coder {name!r} is named twice")
        seen.add(name.casefold())
    return names


def _group(articles: Sequence[ArticleToAssign], stratify: str | None) -> dict[str, list[ArticleToAssign]]:
    groups: dict[str, list[ArticleToAssign]] = defaultdict(list)
    for article in articles:
        groups[stratum_of(article, stratify)].append(article)
    return dict(sorted(groups.items()))


def _draw_sample(strata: dict[str, list[ArticleToAssign]], size: int, rng: random.Random) -> list[ArticleToAssign]:
    """Proportional allocation by largest remainders, then a simple random sample per stratum."""
    total = sum(len(g) for g in strata.values())
    if size == 0:
        return []
    quotas = {k: size * len(g) / total for k, g in strata.items()}
    take = {k: int(q) for k, q in quotas.items()}
    by_remainder = sorted(strata, key=lambda k: (-(quotas[k] - take[k]), k))
    for key in by_remainder[: size - sum(take.values())]:
        take[key] += 1
    sample: list[ArticleToAssign] = []
    for key, group in strata.items():
        sample.extend(rng.sample(group, take[key]))
    return sample


def _deal_sample(plan: AssignmentPlan, sample: list[ArticleToAssign], coders: list[str], k: int) -> None:
    """Each sampled article to the ``k`` coders with the fewest sampled articles so far (ties
    in turn), so loads stay within one article and every pair of coders meets about alike."""
    n = len(coders)
    load = {c: 0 for c in coders}
    met: Counter = Counter()
    for i, article in enumerate(sample):
        chosen: list[str] = []
        for _ in range(k):
            coder = min(
                (c for c in coders if c not in chosen),
                key=lambda c: (load[c], sum(met[frozenset((c, o))] for o in chosen), (coders.index(c) - i) % n),
            )
            chosen.append(coder)
        for coder in chosen:
            load[coder] += 1
        for a in chosen:
            for b in chosen:
                if a < b:
                    met[frozenset((a, b))] += 1
        plan.coders_of[article.id] = chosen


def _deal_rest(plan: AssignmentPlan, strata: dict[str, list[ArticleToAssign]], rng: random.Random) -> None:
    load = plan.load()
    for group in strata.values():
        group = list(group)
        rng.shuffle(group)
        for article in group:
            # The least-loaded coder next (ties in the coders' order): loads stay within one.
            coder = min(plan.coders, key=lambda c: (load[c], plan.coders.index(c)))
            plan.coders_of[article.id] = [coder]
            load[coder] += 1
