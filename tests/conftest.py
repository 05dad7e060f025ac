"""Shared fixtures. GUI tests run offscreen and share pytest-qt's one QApplication."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE_DATA = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture
def project():
    """A fresh in-memory project with the news codebook."""
    from annotator.storage import Project

    with Project.in_memory() as p:
        yield p


@pytest.fixture
def project_file(tmp_path):
    """A fresh project on a temporary file; yields the open project."""
    from annotator.storage import Project

    with Project.create(tmp_path / "study.annotator") as p:
        yield p


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def project_factory_article():
    """One small article with curly quotes and an emoji, ready for ``articles.add``."""
    from annotator.core.model import NewArticle
    from annotator.core.text import normalise_text

    text = normalise_text(
        "Council backs river plan\n\n"
        "\u201cWe will not back down,\u201d Mayor Ana Ruiz said on Tuesday \U0001F600.\n"
        "Officials said costs rose by 12 per cent."
    )
    return NewArticle(text=text, title="Council backs river plan", outlet="The Fictional Times")


@pytest.fixture(scope="session")
def pg_admin_url():
    """An administrator's URL on a throwaway PostgreSQL server (skips without PostgreSQL)."""
    from pg_server import NoServer, start_server

    try:
        url, server = start_server()
    except NoServer as reason:
        if os.environ.get("ANNOTATOR_REQUIRE_PG"):  # CI: a skipped team-mode test is a failure
            pytest.fail(f"ANNOTATOR_REQUIRE_PG is set but {reason}")
        pytest.skip(str(reason))
    yield url
    if server is not None:
        server.stop()
