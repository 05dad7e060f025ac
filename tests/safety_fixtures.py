"""Helpers for the reliability tests: realistic projects, other processes holding a project,
files and folders that cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

from annotator.core.model import NewArticle
from annotator.core.text import normalise_text

REPO = Path(__file__).resolve().parents[1]


def fill(project, articles: int = 20, per_article: int = 15, coders=("ann", "ben")) -> None:
    """Articles with overlapping and neighbouring annotations by several coders."""
    from annotator.core.model import Annotation

    tags = project.codebook.tags()
    for n in range(articles):
        text = normalise_text(
            f"Story {n} ({coders[0]}): \u201cWe will act,\u201d said Mayor R\u00f6\u00dfler {n} \U0001F600.\n\n"
            + " ".join(f"Sentence {i} of article {n} says the council met." for i in range(per_article))
        )
        article_id = project.articles.add(NewArticle(text=text, title=f"Story {n}", outlet="The Fictional Times"))
        for i in range(per_article):
            start = (i * 7) % (len(text) - 20)
            coder = coders[i % len(coders)]
            project.annotations.add(
                Annotation(
                    article_id=article_id, tag_id=tags[i % len(tags)].id, start=start, end=start + 12 + i % 5,
                    text=text[start : start + 12 + i % 5], annotator=coder,
                )
            )


def run_cli(*args: str, user: int | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m annotator ARGS`` in a fresh process (as ``user`` when given and we are root)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=timeout,
        env=full_env, preexec_fn=(lambda: os.setuid(user)) if user is not None else None, cwd="/",
    )


@contextmanager
def holding(path: Path, *, write: bool, seconds: float = 30):
    """Another process with the project open (and, with ``write``, in a write transaction)."""
    code = textwrap.dedent(
        f"""
        import sys, time
        from annotator.storage import Project
        p = Project.open({str(path)!r})
        if {write!r}:
            p.db.conn.execute("BEGIN IMMEDIATE")
            p.db.conn.execute("INSERT INTO project(key, value) VALUES ('held', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1")
        print("ready", flush=True)
        sys.stdin.readline()
        if {write!r}:
            p.db.conn.execute("COMMIT")
        p.close()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(timeout=seconds)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


NOBODY = 65534
