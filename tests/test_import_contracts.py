"""The house rules of the layers, as import-linter contracts in pyproject.toml: core imports
nothing of the app, no Qt and no SQL; storage no actions/ui; actions no ui; the ui reaches
storage only through actions and never imports sqlite3."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports() -> subprocess.CompletedProcess:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if command is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_every_layer_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "4 kept, 0 broken" in result.stdout


def test_the_contracts_name_each_layer():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for source in ("annotator.core", "annotator.storage", "annotator.actions", "annotator.ui"):
        assert f'source_modules = ["{source}"]' in text


def test_no_import_is_exempted_from_the_contracts():
    """The editing core once imported storage's errors directly under two ``ignore_imports``;
    it now takes them from annotator.actions.projects like the rest of the ui, and no module
    may be let off again."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "ignore_imports" not in text


def test_the_ui_does_not_reach_into_a_projects_stores():
    """Importing storage is one breach; reaching through ``project.db`` or its stores is the
    same breach by attribute. Read through annotator.actions.queries, write through actions."""
    import re

    reach = re.compile(r"project\.(db|articles|annotations|codebook|reviews|article_values|variables|meta|set_meta)\b")
    offenders = []
    for path in sorted((ROOT / "annotator" / "ui").glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if reach.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []
