"""Twenty coders at once against one server: nothing lost, nothing duplicated, every coder's
last edit visible to the reviewer. Short here; CI runs it for ANNOTATOR_LOAD_SECONDS (120)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

pytest.importorskip("psycopg")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from team_load import prepare_study, run_load  # noqa: E402


def test_twenty_coders_lose_and_duplicate_nothing(pg_admin_url, tmp_path):
    seconds = float(os.environ.get("ANNOTATOR_LOAD_SECONDS", "8"))
    coders, reviewer = prepare_study(pg_admin_url, f"load_{uuid.uuid4().hex[:8]}", 20, tmp_path)
    result = run_load(coders, reviewer, seconds, tmp_path)
    print(f"\n{result.coders} coders, {result.seconds:.0f} s: {result.edits} edits "
          f"({result.edits_per_second:.0f}/s), p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms")
    assert result.errors == []
    assert result.edits > 20 * 5  # every coder really worked
    assert result.lost == 0 and result.unexpected == 0
    assert result.last_edits_seen == result.last_edits >= 15  # (a last passage may since be deleted)
