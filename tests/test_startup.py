"""Heavy imports stay off the start-up path: sqlite_utils imports pandas and numpy whenever
they are installed (~0.36 s of every command's and the window's start), the command line
builds its parser from every command module, and the window needs neither. The timings
themselves are in benchmarks/bench_startup.py."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "matplotlib", "sklearn", "scipy")


def loaded_after(code: str) -> set[str]:
    """The heavy top-level packages in sys.modules after running ``code`` in a fresh process."""
    probe = textwrap.dedent(code) + textwrap.dedent(f"""
        import sys
        print(",".join(sorted(m for m in {HEAVY + ("sqlite_utils", "PySide6")!r} if m in sys.modules)))
    """)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr[-3000:]
    last = (result.stdout.strip().splitlines() or [""])[-1]
    return set(filter(None, last.split(",")))


def test_building_the_whole_parser_imports_no_storage_and_nothing_heavy():
    assert loaded_after("from annotator.cli.main import build_parser; build_parser()") == set()


def test_opening_a_project_does_not_import_pandas_or_numpy(tmp_path):
    pytest.importorskip("pandas")  # the case that matters: pandas installed
    loaded = loaded_after(f"""
        from annotator.storage import Project
        Project.create({str(tmp_path / "p.annotator")!r}).close()
        Project.open({str(tmp_path / "p.annotator")!r}).close()
    """)
    assert loaded == {"sqlite_utils"}


def test_every_storage_module_imported_first_still_hides_pandas():
    """Each storage module gets sqlite_utils through storage._sqlite_utils, whichever comes first."""
    pytest.importorskip("pandas")
    names = [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "annotator" / "storage").rglob("*.py")]
    for name in names:
        assert not (loaded_after(f"import {name.removesuffix('.__init__')}") & set(HEAVY)), name


def test_pandas_still_imports_after_storage():
    pytest.importorskip("pandas")
    assert "pandas" in loaded_after("import annotator.storage.project\nimport pandas\npandas.DataFrame({'a': [1]})")


def test_no_storage_module_imports_sqlite_utils_directly():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "annotator").rglob("*.py")
                 if p.name != "_sqlite_utils.py" and any(
                     line.strip().startswith(("import sqlite_utils", "from sqlite_utils"))
                     for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []


def test_the_window_starts_without_pandas_or_numpy(tmp_path):
    pytest.importorskip("pandas")
    loaded = loaded_after(f"""
        from PySide6.QtCore import QSettings
        from annotator.actions.sample_project import build_sample_project
        from annotator.ui.app import launch
        from annotator.ui.settings import Settings
        build_sample_project({str(tmp_path / "s.annotator")!r}).close()
        settings = Settings(QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
        controller = launch({str(tmp_path / "s.annotator")!r}, annotator="ana", settings=settings)
        assert controller.windows[0].session.article_id
        controller.windows[0].close()  # waits for the backup taken on opening
    """)
    assert not loaded & set(HEAVY), loaded


def test_a_command_builds_only_its_own_parser():
    """`annotator info` never imports the other commands' modules (nor what they import)."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom annotator.cli.main import main\ntry:\n    main(['info', '--help'])\n"
         "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('annotator.cli.cmd_')))"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.stdout.strip().splitlines()[-1] == "['annotator.cli.cmd_info']"


def modules_after(code: str, names: tuple[str, ...]) -> set[str]:
    """Which of ``names`` are in sys.modules after running ``code`` in a fresh process (a
    deferred module counts only once its code has run)."""
    probe = textwrap.dedent(code) + textwrap.dedent(f"""
        import sys, importlib.util
        def ran(name):
            module = sys.modules.get(name)
            return module is not None and not isinstance(module, importlib.util._LazyModule)
        print(",".join(sorted(n for n in {names!r} if ran(n))))
    """)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.returncode == 0, result.stderr[-3000:]
    return set(filter(None, (result.stdout.strip().splitlines() or [""])[-1].split(",")))


# What a command's start no longer pays (issue 13: `annotator info` was +152 ms over bare python).
DEFERRED = ("dateutil.parser", "dateutil.parser._parser", "subprocess", "_strptime",
            "annotator.core.review", "annotator.core.suggestions.model")


def test_opening_a_project_and_listing_backups_skip_what_they_do_not_use(tmp_path):
    path = str(tmp_path / "p.annotator")
    loaded = modules_after(f"""
        from annotator.storage import Project
        from annotator.storage.backups import list_backups, take_backup
        Project.create({path!r}).close()
        with Project.open({path!r}) as project:
            project.articles.count(), project.annotations.counts_by_tag()
            take_backup(project.db.conn, project.path, "open")
        assert len(list_backups(project.path)) == 1
    """, DEFERRED)
    assert loaded == set()


def test_what_is_deferred_still_works_when_used(tmp_path):
    path = str(tmp_path / "p.annotator")
    loaded = modules_after(f"""
        from annotator.storage import Project
        from sqlite_utils.recipes import parsedate
        assert parsedate("2 April 2026") == "2026-04-02"
        with Project.create({path!r}) as project:
            assert project.reviews.keys_by_article("a", "b") == {{}}
            assert project.suggestions is project.suggestions
            with project.db.atomic():
                with project.db.atomic():  # a nested savepoint
                    project.set_meta("k", "v")
    """, DEFERRED)
    assert {"dateutil.parser._parser", "annotator.core.review", "annotator.core.suggestions.model"} <= loaded
