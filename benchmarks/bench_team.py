"""Team mode on a local PostgreSQL: reading a long article, tagging, and many coders at once.

    python benchmarks/bench_team.py [--coders 20] [--seconds 30]

Starts a throwaway server (tests/pg_server.py). Rows:
- open: the long article's text, its span rows and its annotation records, as the window reads
  them on opening (a 200k-word article with 20,000 annotations), from the server and, as the
  bare baseline in the same run, from a project file;
- tag: one ``add_annotation`` operation (one transaction) in that article, server and file;
- load: N coder processes editing at once (benchmarks/team_load.py), edits per second and the
  95th-percentile latency of one edit. On a shared 2-core machine N processes compete for the
  cores with the server, so latency there measures the machine as much as the server.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from synth import article_text, spans  # noqa: E402
from timing import median_seconds, print_table  # noqa: E402


def build_file(path: Path, words: int, annotations: int) -> str:
    from annotator.core.model import Annotation, NewArticle
    from annotator.storage import Project

    rng = random.Random(3)
    with Project.create(path) as project:
        text = article_text(rng, words)
        article_id = project.articles.add(NewArticle(text=text, title="Long article"))
        tags = [t.id for t in project.codebook.active()]
        project.annotations.add_many(
            (Annotation(article_id=article_id, tag_id=rng.choice(tags), start=s, end=e, text=text[s:e],
                        annotator="bench_coder") for s, e in spans(rng, len(text), annotations)),
            known_texts={article_id: text},
        )
    return article_id


def time_project(project, article_id: str) -> tuple[float, float]:
    from annotator.actions import editing

    def open_article():
        project.articles.text(article_id)
        project.annotations.spans_for_article(article_id)
        project.annotations.for_article(article_id)

    text = project.articles.text(article_id)
    tag = project.codebook.active()[0].id
    rng = random.Random(5)

    def tag_once():
        start = rng.randrange(0, len(text) - 10)
        editing.add_annotation(project, article_id, tag, start, start + 5, "bench_coder", text=text)

    return median_seconds(open_article, runs=7), median_seconds(tag_once, runs=21)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--annotations", type=int, default=20_000)
    parser.add_argument("--coders", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(argv)

    from pg_server import NoServer, start_server

    try:
        admin_url, server = start_server()
    except NoServer as reason:
        print(f"skipped: {reason}")
        return 0
    try:
        from team_load import prepare_study, run_load

        from annotator.storage import Project
        from annotator.storage.pg.connection import with_database
        from annotator.storage.pg.project import ServerProject
        from annotator.storage.pg.setup import set_up_study
        from annotator.storage.pg.transfer import push

        work = Path(tempfile.mkdtemp(prefix="bench-team-"))
        path = work / "long.annotator"
        article_id = build_file(path, args.words, args.annotations)
        study = with_database(admin_url, "bench_long")
        set_up_study(study, lead="bench_lead", coders=["bench_coder"], passwords={"bench_coder": "bench-pw"})
        started = time.perf_counter()
        push(path, study)
        push_s = time.perf_counter() - started
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        params = conninfo_to_dict(study)
        params.update(user="bench_coder", password="bench-pw")
        with ServerProject.open(make_conninfo(**params)) as on_server:
            server_open, server_tag = time_project(on_server, article_id)
        with Project.open(path) as on_file:
            file_open, file_tag = time_project(on_file, article_id)

        coders, reviewer = prepare_study(admin_url, "bench_load", args.coders, work)
        load = run_load(coders, reviewer, args.seconds, work)
        rows = [
            (f"push {args.words:,}-word article + {args.annotations:,} annotations", f"{push_s * 1000:.0f} ms", "", ""),
            ("open that article (text, spans, records)", f"{server_open * 1000:.1f} ms", f"{file_open * 1000:.1f} ms",
             f"{server_open / file_open:.1f}x"),
            ("apply one tag (one transaction)", f"{server_tag * 1000:.1f} ms", f"{file_tag * 1000:.1f} ms",
             f"{server_tag / file_tag:.1f}x"),
            (f"{load.coders} coders for {load.seconds:.0f} s: edits/s", f"{load.edits_per_second:.0f}", "", ""),
            ("  one edit, median / 95th percentile", f"{load.p50_ms:.1f} / {load.p95_ms:.1f} ms", "", ""),
            ("  lost / unexpected / errors", f"{load.lost} / {load.unexpected} / {len(load.errors)}", "", ""),
        ]
        print_table(rows, ("team mode", "server", "file (bare)", "ratio"))
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
