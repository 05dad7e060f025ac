"""The core/ui boundary, and a guard against a known-bad PySide6 build."""

import subprocess
import sys
import textwrap
from pathlib import Path

import annotator

PACKAGE = Path(annotator.__file__).resolve().parent


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300)


def test_core_storage_actions_and_cli_do_not_import_qt():
    names = sorted(
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for folder in ("core", "storage", "actions", "cli")
        for p in (PACKAGE / folder).rglob("*.py")
    )
    assert len(names) > 10
    result = run_python(
        f"""
        import importlib, sys
        for name in {names!r}:
            importlib.import_module(name.removesuffix(".__init__"))
        assert "PySide6" not in sys.modules, [m for m in sys.modules if m.startswith("PySide6")]
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_no_sql_outside_storage():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "storage" in path.relative_to(PACKAGE).parts:
            continue
        source = path.read_text(encoding="utf-8")
        if ".execute(" in source or ".executemany(" in source:
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_many_qt_calls_returning_none_do_not_abort_the_process():
    """PySide6 6.12.0 on Python 3.11 aborted ("Fatal Python error: none_dealloc") after a few
    thousand calls that return None: a refcount bug. pyproject.toml pins below 6.12 there."""
    result = run_python(
        """
        from PySide6.QtCore import QObject, QPoint
        obj, point = QObject(), QPoint()
        for i in range(100_000):
            obj.setObjectName("x")
            point.setX(i)
        print("survived", point.x())
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived 99999"
