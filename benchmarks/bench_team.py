"""Team mode on a local PostgreSQL: opening a long article, tagging, the corpus list, many coders.

    python benchmarks/bench_team.py [--coders 20] [--seconds 30] [--corpus 100000] [--think-ms 250]

Starts a throwaway server (tests/pg_server.py). Each row is measured on the server and, as the
bare baseline in the same run, on a project file; the load average is printed with the table
(the machine is 2 shared cores: wall times there measure the neighbours as much as the code).
- open: what the window reads to show an article (``reading.article_for_coding``: the article
  and its annotations' light span rows; whole records are read later, one by one), for a
  200k-word article with 20,000 annotations; "all whole records" reads every one at once;
- tag: one ``add_annotation`` operation (one transaction) in that article;
- corpus list: a study of N short articles (one in 20 assigned to the coder): the first page in
  import order and by title, the count, a full-text search, "assigned to me";
- load: N coder processes editing at once (benchmarks/team_load.py), edits per second and the
  95th-percentile latency of one edit: back to back (every coder editing without a pause:
  20 processes and 20 server backends queue for 2 cores), and paced (a mean pause of
  ``--think-ms`` between a coder's edits, still far quicker than a person codes).
"""

from __future__ import annotations

import argparse
import os
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


def time_project(project, article_id: str) -> tuple[float, float, float]:
    from annotator.actions import editing, reading

    def open_article():
        reading.article_for_coding(project, article_id)

    def all_records():
        project.annotations.for_article(article_id)

    text = project.articles.text(article_id)
    tag = project.codebook.active()[0].id
    rng = random.Random(5)

    def tag_once():
        start = rng.randrange(0, len(text) - 10)
        editing.add_annotation(project, article_id, tag, start, start + 5, "bench_coder", text=text)

    return (median_seconds(open_article, runs=9), median_seconds(all_records, runs=5),
            median_seconds(tag_once, runs=21))


def build_corpus(path: Path, n: int, coder: str) -> None:
    """``n`` short fictional articles; one in 20 assigned to ``coder``."""
    from synth import records

    from annotator.core.model import NewArticle
    from annotator.storage import Project

    with Project.create(path) as project:
        ids = project.articles.add_many(
            NewArticle(text=r["text"], title=r["title"], outlet=r["outlet"], published=r["published"])
            for r in records(n, words=60)
        ).added
        project.assignments.replace({a: [coder] for a in ids[::20]})


def time_corpus(project, coder: str) -> list[float]:
    from annotator.actions.queries import CorpusFilter, SortKey, corpus_listing

    listing = corpus_listing(project)
    search = CorpusFilter(search="flood emergency")
    mine = CorpusFilter(assigned_to=coder)
    cases = [
        lambda: listing.page(limit=200),
        lambda: listing.page(sort=SortKey.TITLE, limit=200),
        lambda: listing.count(),
        lambda: (listing.page(search, limit=200), listing.count(search)),
        lambda: (listing.page(mine, limit=200), listing.count(mine)),
    ]
    return [median_seconds(case, runs=5) for case in cases]


CORPUS_CASES = ("first page, import order", "first page, by title", "count", "search: page + count",
                "assigned to me: page + count")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--annotations", type=int, default=20_000)
    parser.add_argument("--coders", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--corpus", type=int, default=100_000)
    parser.add_argument("--think-ms", type=float, default=250)
    parser.add_argument("--parts", default="long,corpus,load", help="which rows, of long,corpus,load")
    args = parser.parse_args(argv)

    from pg_server import NoServer, start_server

    try:
        admin_url, server = start_server()
    except NoServer as reason:
        print(f"skipped: {reason}")
        return 0
    try:
        parts = set(args.parts.split(","))
        work = Path(tempfile.mkdtemp(prefix="bench-team-"))
        rows = []
        if "long" in parts:
            rows += long_article_rows(args, admin_url, work)
        if "corpus" in parts and args.corpus:
            rows += corpus_rows(args, admin_url, work)
        if "load" in parts:
            rows += load_rows(args, admin_url, work)
        print_table(rows, ("team mode", "server", "file (bare)", "ratio"))
        print(f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if server is not None:
            server.stop()
    return 0


def _coder_study(admin_url: str, database: str) -> tuple[str, str]:
    """A new study with the login ``bench_coder``: (administrator's URL, coder's URL)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from annotator.storage.pg.connection import with_database
    from annotator.storage.pg.setup import set_up_study

    study = with_database(admin_url, database)
    set_up_study(study, lead="bench_lead", coders=["bench_coder"], passwords={"bench_coder": "bench-pw"})
    params = conninfo_to_dict(study)
    params.update(user="bench_coder", password="bench-pw")
    return study, make_conninfo(**params)


def _ratio_row(label: str, on_server: float, on_file: float) -> tuple:
    return (label, _ms(on_server), _ms(on_file), f"{on_server / on_file:.1f}x")


def long_article_rows(args, admin_url: str, work: Path) -> list[tuple]:
    from annotator.storage import Project
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    path = work / "long.annotator"
    article_id = build_file(path, args.words, args.annotations)
    study, coder = _coder_study(admin_url, "bench_long")
    started = time.perf_counter()
    push(path, study)
    push_s = time.perf_counter() - started
    with ServerProject.open(coder) as on_server:
        server_open, server_records, server_tag = time_project(on_server, article_id)
    with Project.open(path) as on_file:
        file_open, file_records, file_tag = time_project(on_file, article_id)
    return [
        (f"push {args.words:,}-word article + {args.annotations:,} annotations", f"{push_s * 1000:.0f} ms", "", ""),
        _ratio_row("open that article (text + span rows)", server_open, file_open),
        _ratio_row(f"  all {args.annotations:,} whole records (not on opening)", server_records, file_records),
        _ratio_row("apply one tag (one transaction)", server_tag, file_tag),
    ]


def corpus_rows(args, admin_url: str, work: Path) -> list[tuple]:
    from annotator.storage import Project
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    path = work / "corpus.annotator"
    build_corpus(path, args.corpus, "bench_coder")
    study, coder = _coder_study(admin_url, "bench_corpus")
    push(path, study)
    with ServerProject.open(coder) as on_server:
        server_times = time_corpus(on_server, "bench_coder")
    with Project.open(path) as on_file:
        file_times = time_corpus(on_file, "bench_coder")
    rows = [(f"corpus list of {args.corpus:,} articles:", "", "", "")]
    for label, on_server_s, on_file_s in zip(CORPUS_CASES, server_times, file_times):
        rows.append(_ratio_row(f"  {label}", on_server_s, max(on_file_s, 1e-6)))
    return rows


def load_rows(args, admin_url: str, work: Path) -> list[tuple]:
    from team_load import prepare_study, run_load

    rows = []
    for think, database in ((0, "bench_load"), (args.think_ms, "bench_paced")):
        folder = work / database
        folder.mkdir()
        coders, reviewer = prepare_study(admin_url, database, args.coders, folder)
        load = run_load(coders, reviewer, args.seconds, folder, think_ms=think)
        pace = "back to back" if not think else f"a mean pause of {think:.0f} ms"
        rows += [
            (f"{load.coders} coders, {pace}, {load.seconds:.0f} s: edits/s", f"{load.edits_per_second:.0f}", "", ""),
            ("  one edit, median / 95th percentile", f"{load.p50_ms:.1f} / {load.p95_ms:.1f} ms", "", ""),
            ("  lost / unexpected / errors", f"{load.lost} / {load.unexpected} / {len(load.errors)}", "", ""),
        ]
    return rows


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
