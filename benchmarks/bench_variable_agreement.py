"""Agreement on article-level variables at corpus scale (issue 14).

    python benchmarks/bench_variable_agreement.py [--articles N] [--runs R]

Target: 10 variables over 10,000 articles and 3 coders in at most 2 s without the interval and
at most 10 s with 1,000 bootstrap resamples of every alpha, from the project file (read +
measure). The variables mix every type: 2 one-of, 2 five-point scales, 2 several-of (4 values
each, so 8 items), a count (ratio), a continuous score (interval: nearly every pair differs,
the bootstrap's slowest case), yes/no and a short text. Coders agree with a reference ~75% of
the time and leave ~5% unset. The baseline is the bare read of the values from SQLite (the
floor no measure can beat), printed beside each figure with the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import records  # noqa: E402
from timing import print_table  # noqa: E402

from annotator.actions import variable_agreement  # noqa: E402
from annotator.core.model import NewArticle  # noqa: E402
from annotator.core.variables import ArticleValue, Option, Variable, VariableType  # noqa: E402
from annotator.storage import Project  # noqa: E402

CODERS = ["maria", "li", "sam"]
TARGET_PLAIN, TARGET_BOOTSTRAP = 2.0, 10.0


def variables() -> list[Variable]:
    scale = [Option(x) for x in ("very negative", "negative", "neutral", "positive", "very positive")]
    return [
        Variable("topic", VariableType.ONE_OF, [Option(x) for x in ("politics", "economy", "crime", "health", "sport", "other")]),
        Variable("main actor", VariableType.ONE_OF, [Option(x) for x in ("government", "opposition", "citizen", "business")]),
        Variable("tone", VariableType.SCALE, scale),
        Variable("evaluation", VariableType.SCALE, [Option(o.label) for o in scale]),
        Variable("frames", VariableType.SEVERAL_OF, [Option(x) for x in ("conflict", "human interest", "economic", "morality")]),
        Variable("actors", VariableType.SEVERAL_OF, [Option(x) for x in ("police", "court", "victim", "expert")]),
        Variable("sources", VariableType.NUMBER, level="ratio"),
        Variable("sensationalism", VariableType.NUMBER, level="interval"),
        Variable("named victim", VariableType.YES_NO),
        Variable("place", VariableType.TEXT),
    ]


def reference_value(v: Variable, rng: random.Random):
    if v.type is VariableType.SEVERAL_OF:
        return json.dumps([o.id for o in v.options if rng.random() < 0.35])
    if v.type.has_options:
        return rng.choice(v.options).id
    if v.type is VariableType.NUMBER:
        return str(rng.randint(0, 8)) if v.level.value == "ratio" else repr(round(rng.uniform(0, 100), 1))
    if v.type is VariableType.YES_NO:
        return rng.choice(["yes", "no"])
    return rng.choice(["Berlin", "Paris", "Rome", "Madrid", "Vienna"])


def build(path: Path, n_articles: int) -> None:
    rng = random.Random(14)
    with Project.create(path) as project:
        project.articles.add_many(NewArticle(text=r["text"], title=r["title"]) for r in records(n_articles, words=40))
        made = [project.variables.add(v) for v in variables()]
        rows = []
        for article_id in project.articles.ids():
            for v in made:
                truth = reference_value(v, rng)
                for coder in CODERS:
                    if rng.random() < 0.05:
                        continue
                    value = truth if rng.random() < 0.75 else reference_value(v, rng)
                    if v.type is VariableType.NUMBER and v.level.value == "interval":
                        value = repr(round(float(truth) + rng.gauss(0, 8), 1))  # a score: never exactly alike
                    rows.append(ArticleValue(article_id, v.id, coder, value, "", "2026-12-01T00:00:00+00:00"))
        project.article_values.put_many(rows)


def wall_and_cpu(fn, runs: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``fn()``: on a loaded shared machine the CPU time
    is the better guide to what an idle laptop would see."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "variables.annotator"
        build(path, args.articles)
        with Project.open(path) as project:
            chosen = project.variables.variables()
            ids = [v.id for v in chosen]
            values = project.article_values.count()
            floor, floor_cpu = wall_and_cpu(lambda: project.article_values.triples(ids, CODERS), args.runs)
            plain, plain_cpu = wall_and_cpu(lambda: variable_agreement.measure(project, CODERS, resamples=0), args.runs)
            boot, boot_cpu = wall_and_cpu(lambda: variable_agreement.measure(project, CODERS, resamples=1000), args.runs)
            report = variable_agreement.measure(project, CODERS, resamples=1000)
    alphas = sum(f.alpha is not None for f in report.figures)
    print(f"{len(chosen)} variables, {args.articles:,} articles, {len(CODERS)} coders: {values:,} values, "
          f"{alphas} alphas (pairs and all coders; several-of per value); median of {args.runs} runs")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: CPU seconds are this process's own")
    print_table([
        ("read values (floor)", f"{floor:.2f} s", f"{floor_cpu:.2f} s", "1.0x", ""),
        ("agreement, no interval", f"{plain:.2f} s", f"{plain_cpu:.2f} s", f"{plain / floor:.1f}x",
         f"<= {TARGET_PLAIN:g} s: {'ok' if plain <= TARGET_PLAIN else 'MISSED'}"),
        ("agreement, 1,000 resamples", f"{boot:.2f} s", f"{boot_cpu:.2f} s", f"{boot / floor:.1f}x",
         f"<= {TARGET_BOOTSTRAP:g} s: {'ok' if boot <= TARGET_BOOTSTRAP else 'MISSED'}"),
    ], ("step", "median wall", "median CPU", "wall vs floor", "target (wall)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
