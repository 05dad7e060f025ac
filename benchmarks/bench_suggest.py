"""Suggestion speed: one long article, a corpus of 10,000, and accepting in a huge article.

    python benchmarks/bench_suggest.py [--articles N]

Texts are news-like (paragraphs drawn from the fictional articles in tests/suggestion_gold, so
quotes, attributions and loaded words come at a realistic rate). Each figure is a median of
several runs in CPU time of this process (the machine is shared: wall time is shown too). The
baseline row is a bare ``re.findall(r"\\w+")`` over the same long text, measured in the same
run, so the ratio says what the rules cost beyond reading the text once.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import article_text, spans  # noqa: E402
from timing import print_table  # noqa: E402

from annotator.actions import editing  # noqa: E402
from annotator.actions import suggestions as sg  # noqa: E402
from annotator.core.model import Annotation, NewArticle  # noqa: E402
from annotator.core.suggestions.engine import ProjectKnowledge, suggest  # noqa: E402
from annotator.core.suggestions.model import Suggestion, SuggestionSettings  # noqa: E402
from annotator.storage import Project  # noqa: E402

PARAGRAPHS = [p for f in sorted((ROOT / "tests" / "suggestion_gold").glob("*.txt"))
              for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]


def news_text(rng: random.Random, words: int) -> str:
    out, count = [f"Headline number {rng.randrange(10**6)}"], 0
    while count < words:
        p = rng.choice(PARAGRAPHS)
        out.append(p)
        count += len(p.split())
    return "\n\n".join(out)


def medians(fn, runs=5, setup=None):
    walls, cpus = [], []
    for _ in range(runs):
        if setup:
            setup()
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    n_articles = int(sys.argv[sys.argv.index("--articles") + 1]) if "--articles" in sys.argv else 10_000
    rng = random.Random(12)
    rows = []

    def record(label, seconds, target, unit="ms", scale=1000):
        wall, cpu = seconds[0] * scale, seconds[1] * scale
        verdict = "ok" if cpu <= target else "SLOW"
        rows.append((label, f"{wall:.1f}", f"{cpu:.1f}", f"<= {target} {unit}", verdict))

    settings = SuggestionSettings()
    knowledge = ProjectKnowledge()
    long_text = news_text(rng, 5_000)
    suggest(long_text, settings, knowledge)  # warm: lexicon loaded once per process
    base = medians(lambda: re.findall(r"\w+", long_text), runs=9)
    engine = medians(lambda: suggest(long_text, settings, knowledge), runs=9)
    record(f"5,000-word article ({len(long_text.split()):,} words), all finders but claims", engine, 50)
    record("  with claims on", medians(lambda: suggest(long_text, SuggestionSettings(claims=True), knowledge), runs=9), 50)
    rows.append(("  baseline: re.findall(\\w+) over it", f"{base[0] * 1000:.2f}", f"{base[1] * 1000:.2f}",
                 f"ratio {engine[1] / max(base[1], 1e-9):.0f}x", ""))
    # A pasted web page or a database dump often has no line breaks: rules must stay linear
    # in the length of a line (one regex once took 38 s on a 100,000-character line).
    one_line = " ".join(long_text.split())
    record(f"  the same on one line ({len(one_line):,} characters, no breaks)",
           medians(lambda: suggest(one_line, settings, knowledge), runs=5), 50)

    corpus = [news_text(rng, 600) for _ in range(n_articles)]
    w, c = time.perf_counter(), time.process_time()
    found = sum(len(suggest(t, settings, knowledge)) for t in corpus)
    seconds = (time.perf_counter() - w, time.process_time() - c)
    record(f"{n_articles:,} articles of ~600 words, engine ({found:,} suggestions)", seconds, 60, "s", 1)

    folder = Path(tempfile.mkdtemp())
    with Project.create(folder / "bench.annotator") as project:
        project.articles.add_many(NewArticle(text=t, title=str(i)) for i, t in enumerate(corpus[:1000]))
        w, c = time.perf_counter(), time.process_time()
        sg.run_corpus(project)
        per = ((time.perf_counter() - w) / 1000 * 10_000, (time.process_time() - c) / 1000 * 10_000)
        record("  stored by run_corpus (1,000 run, x10)", per, 60, "s", 1)

        big_text = f"{rng.random()}\n\n" + article_text(rng, 200_000)
        big = project.articles.add(NewArticle(text=big_text, title="200k words"))
        tags = [t.id for t in project.codebook.active()]
        project.annotations.add_many(
            Annotation(article_id=big, tag_id=rng.choice(tags), start=s, end=e, text=big_text[s:e], annotator="bench")
            for s, e in spans(rng, len(big_text), 20_000))
        quote = project.codebook.by_name("Quote")
        positions = iter(rng.sample(range(1000, len(big_text) - 200), 40))
        others = [Suggestion("Source attribution", p, p + 12, 0.9, "bench", link=("Quote", p + 20, p + 60))
                  for p in rng.sample(range(1000, len(big_text) - 200), 300)]
        state = {}

        def prepare():
            if "change" in state:
                editing.revert(project, state.pop("change"), {big: big_text})
            start = next(positions)
            state["s"] = Suggestion(quote.name, start, start + 40, 0.9, "bench", "direct quote",
                                    {"quote_type": "direct", "speaker": "A. Person"})

        def accept():
            state["change"] = sg.accept(project, big, state["s"], "bench", text=big_text, others=others)

        record("accept in a 200k-word article with 20,000 annotations", medians(accept, runs=15, setup=prepare), 8)
    print_table(rows, ("what", "wall ms/s", "cpu ms/s", "target (cpu)", ""))


if __name__ == "__main__":
    main()
