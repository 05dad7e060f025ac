"""Agreement and merge at corpus scale.

    python benchmarks/bench_agreement.py [articles] [annotations]

Targets (issue 5): agreement for two annotators over 10,000 articles with 200,000 annotations
in under 5 s; merging a colleague's project of that size in under 10 s.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import records, spans  # noqa: E402
from timing import median_seconds, peak_rss_mb, print_table  # noqa: E402

from annotator.actions.agreement import load_codings, measure  # noqa: E402
from annotator.actions.merge import apply_merge, plan_merge  # noqa: E402
from annotator.actions.review import review_progress  # noqa: E402
from annotator.core.agreement import compare  # noqa: E402
from annotator.core.model import Annotation, NewArticle  # noqa: E402
from annotator.storage import Project  # noqa: E402


def build_articles(path: Path, n_articles: int) -> None:
    with Project.create(path) as project:
        project.articles.add_many(NewArticle(text=r["text"], title=r["title"]) for r in records(n_articles, words=400))


def add_coders(path: Path, coders: list[str], per_coder: int, seed: int) -> None:
    """``per_coder`` annotations for each coder; the second coder follows the first on ~70% of
    its spans (shifted bounds, sometimes another tag) so the figures are realistic."""
    rng = random.Random(seed)
    with Project.open(path) as project:
        tags = [t.id for t in project.codebook.tags()]
        articles = [(a.id, a.text) for a in project.articles.iter_all()]
        per_article = max(1, per_coder // len(articles))
        batch = []
        for article_id, text in articles:
            for start, end in spans(rng, len(text), per_article):
                tag = rng.choice(tags)
                for i, coder in enumerate(coders):
                    s, e, t = start, end, tag
                    if i and rng.random() < 0.3:
                        s, e = spans(rng, len(text), 1)[0]
                    elif i and rng.random() < 0.3:
                        s = max(0, s - rng.randint(0, 3))
                    if i and rng.random() < 0.1:
                        t = rng.choice(tags)
                    batch.append(Annotation(article_id=article_id, tag_id=t, start=s, end=e,
                                            text=text[s:e], annotator=coder))
        project.annotations.add_many(batch)  # one executemany


def main(argv: list[str]) -> int:
    n_articles = int(argv[0]) if argv else 10_000
    n_annotations = int(argv[1]) if len(argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        started = time.perf_counter()
        articles_only = folder / "articles.annotator"
        build_articles(articles_only, n_articles)
        ours, theirs = folder / "ours.annotator", folder / "theirs.annotator"
        shutil.copy(articles_only, ours)
        shutil.copy(articles_only, theirs)
        add_coders(ours, ["alice", "bob"], n_annotations // 2, seed=1)
        add_coders(theirs, ["carol", "dan"], n_annotations // 2, seed=2)
        print(f"fixtures built in {time.perf_counter() - started:.1f} s "
              f"({n_articles:,} articles, {n_annotations:,} annotations per project)")

        rows = []
        with Project.open(ours) as project:
            codings = load_codings(project, ["alice", "bob"])
            rows.append(("agreement: load codings (SQL)", f"{median_seconds(lambda: load_codings(project, ['alice', 'bob'])):.2f}", ""))
            rows.append(("agreement: compute (pure, per article)",
                         f"{median_seconds(lambda: compare(codings, ['alice', 'bob'], per_article=True)):.2f}", ""))
            seconds = median_seconds(lambda: measure(project, ["alice", "bob"], per_article=True))
            rows.append(("agreement: total (annotator agree)", f"{seconds:.2f}", "< 5 s"))
            rows.append(("review progress, every article", f"{median_seconds(lambda: review_progress(project, 'alice', 'bob'), runs=3):.2f}", ""))
            report = measure(project, ["alice", "bob"])
            kappa = report.pair("alice", "bob").overall.kappa

        work = folder / "work.annotator"

        def fresh_copy():
            # A merge leaves a backups folder beside the project (work.backups/) and SQLite its
            # side files: all of them go, so each run starts from the same copy.
            for leftover in folder.glob("work.*"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
            shutil.copy(ours, work)

        def merge():
            with Project.open(work) as project:
                apply_merge(project, plan_merge(project, theirs))

        rows.append(("merge: plan + backup + apply", f"{median_seconds(merge, runs=3, setup=fresh_copy):.2f}", "< 10 s"))
        with Project.open(work) as project:
            rows.append(("merge: again (nothing to add)",
                         f"{median_seconds(lambda: apply_merge(project, plan_merge(project, theirs)), runs=3):.2f}", ""))
    print_table(rows, ("step", "median s", "target"))
    print(f"overall kappa alice/bob {kappa:.3f}; peak memory {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
