"""A team coding at once against one PostgreSQL study: N coder processes, each logged in as its
own role, tagging, editing notes, nudging, deleting and undoing for a while.

Each coder keeps a journal of what its edits should have left behind (annotation id -> bounds
and note) and of every edit's latency. Afterwards the reviewer reads the study and the check
compares: every journalled annotation present with its last values, none that no journal
expects (nothing lost, nothing duplicated), each coder's last edit visible.

Used by ``tests/test_pg_load.py`` (a short run; CI sets ``ANNOTATOR_LOAD_SECONDS=120``) and by
``benchmarks/bench_team.py``.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class LoadResult:
    coders: int
    seconds: float
    edits: int
    p50_ms: float
    p95_ms: float
    lost: int  # journalled annotations missing or with other values
    unexpected: int  # annotations no journal accounts for
    last_edits_seen: int  # coders whose last edit the reviewer sees
    last_edits: int  # coders whose last touched passage still exists
    errors: list[str]

    @property
    def edits_per_second(self) -> float:
        return self.edits / self.seconds if self.seconds else 0.0


def coder_process(url: str, coder: str, seconds: float, seed: int, out: str, ready=None, think_ms: float = 0) -> None:
    """One coder's session; writes its journal to ``out`` (JSON). ``ready`` (a barrier) starts
    every coder at once, after each has started Python and logged in. ``think_ms``: the mean
    pause between two edits (exponentially distributed; 0: edit back to back)."""
    from annotator.actions import editing
    from annotator.actions.history import History
    from annotator.storage.pg.project import ServerProject

    rng = random.Random(seed)
    expected: dict[str, dict] = {}
    latencies: list[float] = []
    errors: list[str] = []
    last_id = None
    with ServerProject.open(url) as project:
        articles = [(a.id, a.text) for a in project.articles.iter_all()]
        tags = [t.id for t in project.codebook.active()]
        history = History(project)
        mine: list[str] = []
        if ready is not None:
            ready.wait(timeout=300)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if think_ms:
                time.sleep(min(rng.expovariate(1000 / think_ms), 5 * think_ms / 1000))
            roll = rng.random()
            started = time.perf_counter()
            try:
                if roll < 0.5 or not mine:
                    article_id, text = rng.choice(articles)
                    start = rng.randrange(0, len(text) - 20)
                    change = editing.add_annotation(project, article_id, rng.choice(tags), start,
                                                    start + rng.randint(3, 15), coder, text=text)
                    mine.append(change.added[0].id)
                elif roll < 0.7:
                    change = editing.edit_note(project, rng.choice(mine), f"note {rng.random():.6f}")
                elif roll < 0.8:
                    change = editing.move_boundary(project, rng.choice(mine), "end", rng.choice((-1, 1)),
                                                   by="character")
                elif roll < 0.9:
                    victim = mine.pop(rng.randrange(len(mine)))
                    change = editing.remove_annotation(project, victim)
                else:
                    if history.can_undo:
                        change = history.undo()
                        latencies.append(time.perf_counter() - started)
                        _journal(change, expected, mine)
                        continue
                    continue
                history.push(change)
                latencies.append(time.perf_counter() - started)
                _journal(change, expected, mine)
                touched = change.added or tuple(after for _b, after in change.updated)
                if touched:
                    last_id = touched[-1].id
            except Exception as error:  # recorded, never hidden: the check fails on any
                errors.append(f"{coder}: {type(error).__name__}: {error}")
    Path(out).write_text(json.dumps({
        "coder": coder, "expected": expected, "latencies": latencies, "errors": errors,
        "last_id": last_id if last_id in expected else None,
    }))


def _journal(change, expected: dict, mine: list[str]) -> None:
    for annotation in change.added:
        expected[annotation.id] = {"start": annotation.start, "end": annotation.end, "note": annotation.note}
        if annotation.id not in mine:
            mine.append(annotation.id)
    for _before, after in change.updated:
        expected[after.id] = {"start": after.start, "end": after.end, "note": after.note}
    for annotation in change.removed:
        expected.pop(annotation.id, None)
        if annotation.id in mine:
            mine.remove(annotation.id)


def run_load(coder_urls: dict[str, str], reviewer_url: str, seconds: float, work_dir: Path,
             think_ms: float = 0) -> LoadResult:
    """Run one process per coder for ``seconds``; check the study against their journals.
    ``think_ms`` paces each coder (see :func:`coder_process`)."""
    from annotator.storage.pg.project import ServerProject

    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(coder_urls) + 1)
    processes, outs = [], []
    for i, (coder, url) in enumerate(sorted(coder_urls.items())):
        out = work_dir / f"journal-{coder}.json"
        outs.append(out)
        processes.append(context.Process(target=coder_process, args=(url, coder, seconds, 1000 + i, str(out), ready, think_ms)))
    for p in processes:
        p.start()
    ready.wait(timeout=300)  # everyone has started and logged in: the clock starts now
    began = time.monotonic()
    for p in processes:
        p.join(timeout=seconds + 300)
    elapsed = time.monotonic() - began
    errors = [f"coder process {p.pid} exited with {p.exitcode}" for p in processes if p.exitcode != 0]
    journals = [json.loads(o.read_text()) for o in outs if o.exists()]
    latencies = sorted(x for j in journals for x in j["latencies"])
    for journal in journals:
        errors.extend(journal["errors"])
    with ServerProject.open(reviewer_url) as reviewer:
        stored = {a.id: a for a in reviewer.annotations.iter_all()}
    expected = {k: v for j in journals for k, v in j["expected"].items()}
    lost = sum(
        1 for k, v in expected.items()
        if k not in stored or (stored[k].start, stored[k].end, stored[k].note) != (v["start"], v["end"], v["note"])
    )
    unexpected = len(set(stored) - set(expected))
    seen = sum(1 for j in journals if j["last_id"] and j["last_id"] in stored)
    return LoadResult(
        coders=len(coder_urls), seconds=elapsed, edits=len(latencies),
        p50_ms=1000 * statistics.median(latencies) if latencies else 0.0,
        p95_ms=1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0,
        lost=lost, unexpected=unexpected, last_edits_seen=seen,
        last_edits=sum(1 for j in journals if j["last_id"]), errors=errors,
    )


def prepare_study(admin_url: str, database: str, coders: int, work_dir: Path,
                  articles: int = 40) -> tuple[dict[str, str], str]:
    """A study with ``coders`` coder logins and a reviewer over fictional articles; returns
    the coders' URLs and the reviewer's."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from annotator.core.model import NewArticle
    from annotator.storage import Project
    from annotator.storage.pg.connection import with_database
    from annotator.storage.pg.setup import set_up_study
    from annotator.storage.pg.transfer import push

    names = [f"load_coder{i:02d}" for i in range(coders)]
    passwords = {n: f"{n}-pw" for n in [*names, "load_lead", "load_reviewer"]}
    study_url = with_database(admin_url, database)
    set_up_study(study_url, lead="load_lead", coders=names, reviewers=["load_reviewer"], passwords=passwords)
    path = work_dir / "load.annotator"
    with Project.create(path) as project:
        words = "the minister said officials would open the bridge in spring after critics warned".split()
        rng = random.Random(7)
        project.articles.add_many(
            NewArticle(text=f"Fictional story {i}. " + " ".join(rng.choice(words) for _ in range(300)),
                       title=f"Story {i}")
            for i in range(articles)
        )
    push(path, study_url)

    def url(user: str) -> str:
        params = conninfo_to_dict(study_url)
        params.update(user=user, password=passwords[user])
        return make_conninfo(**params)

    return {n: url(n) for n in names}, url("load_reviewer")
