"""Two writers, read-only files and folders, immutable files, a full disk: the second writer
waits then proceeds; every failure is one line naming the cause and the file."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import pytest

from annotator.storage import Project, ProjectLockedError, ReadOnlyProjectError
from tests.safety_fixtures import NOBODY, fill, holding, is_root, run_cli


def _batch(folder, count: int):
    path = folder / "batch.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"title": f"T{n}", "text": f"Article {n} about the harbour. " * 20}) + "\n")
    return path


def test_an_import_waits_for_another_writer_then_finishes(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=2)
    batch = _batch(tmp_path, 1200)
    with holding(path, write=True) as holder:
        release = threading.Timer(2.0, lambda: (holder.stdin.write("\n"), holder.stdin.flush()))
        release.start()
        started = time.monotonic()
        result = run_cli("import", str(path), str(batch))
        waited = time.monotonic() - started
        release.join()
    assert result.returncode == 0, result.stderr
    assert waited >= 1.5
    with Project.open(path) as project:
        assert project.articles.count() == 1202  # whole: nothing partial, nothing lost


def test_a_writer_that_cannot_wait_longer_names_the_process(tmp_path, monkeypatch):
    path = tmp_path / "study.annotator"
    Project.create(path).close()
    with holding(path, write=True) as holder:
        with Project.open(path) as project:
            project.db.conn.execute("PRAGMA busy_timeout = 300")
            with pytest.raises(ProjectLockedError) as error:
                project.set_meta("key", "value")
    message = str(error.value)
    assert "\n" not in message and str(path) in message
    if os.path.exists("/proc/locks"):
        assert f"process {holder.pid}" in message


def test_cli_says_which_process_holds_the_project(tmp_path):
    path = tmp_path / "study.annotator"
    Project.create(path).close()
    batch = _batch(tmp_path, 3)
    with holding(path, write=True) as holder:
        # a 10 s busy timeout: shorten it through the codebook import's write instead of waiting
        result = run_cli("import", str(path), str(batch), env={"ANNOTATOR_BUSY_TIMEOUT": "0.3"})
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "is writing to it" in result.stderr and "Traceback" not in result.stderr
    if os.path.exists("/proc/locks"):
        assert f"process {holder.pid}" in result.stderr


@pytest.fixture
def immutable(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=2)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)])


def test_an_immutable_project_opens_to_read_and_says_why_it_cannot_save(immutable, tmp_path):
    with Project.open(immutable) as project:
        assert "immutable" in project.read_only
        assert project.annotations.count() == 30
        with pytest.raises(ReadOnlyProjectError, match="immutable") as error:
            project.set_meta("key", "value")
    assert str(immutable) in str(error.value) and "\n" not in str(error.value)
    result = run_cli("import", str(immutable), str(_batch(tmp_path, 2)))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "marked immutable" in result.stderr and str(immutable) in result.stderr
    assert run_cli("info", str(immutable)).returncode == 0  # reading still works


def _denied(monkeypatch, *denied):
    """Make ``os.access`` refuse writing ``denied`` paths, as permissions do for a non-root user
    (root writes any file whatever its mode bits)."""
    import annotator.storage.failures as failures

    real = os.access
    blocked = {str(p) for p in denied}
    monkeypatch.setattr(failures.os, "access", lambda p, mode: False if str(p) in blocked and mode & os.W_OK else real(p, mode))


@pytest.mark.skipif(is_root(), reason="root writes any file")
def test_a_read_only_file_says_so_on_the_command_line(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=1)
    os.chmod(path, 0o444)
    result = run_cli("import", str(path), str(_batch(tmp_path, 2)))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "the file is read-only" in result.stderr and str(path) in result.stderr


@pytest.mark.skipif(is_root(), reason="root writes any folder")
def test_a_read_only_folder_says_so_on_the_command_line(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=1)
    os.chmod(folder, 0o555)
    try:
        result = run_cli("import", str(path), str(_batch(tmp_path, 2)))
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "folder" in result.stderr and "read-only" in result.stderr
        assert run_cli("info", str(path)).returncode == 0
        assert "read-only" in run_cli("new", str(folder / "other.annotator")).stderr
    finally:
        os.chmod(folder, 0o755)


def test_a_read_only_file_opens_to_read_and_names_the_cause(tmp_path, monkeypatch):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=1)
    _denied(monkeypatch, path)
    with Project.open(path) as project:
        assert project.read_only and project.annotations.count() == 15
        with pytest.raises(ReadOnlyProjectError, match="the file is read-only") as error:
            project.set_meta("k", "v")
    assert str(path) in str(error.value) and error.value.cause == "read-only"


def test_a_read_only_folder_names_the_folder(tmp_path, monkeypatch):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=1)
    _denied(monkeypatch, tmp_path)
    with Project.open(path) as project:
        with pytest.raises(ReadOnlyProjectError, match=f"its folder {tmp_path} is read-only"):
            project.set_meta("k", "v")
    with pytest.raises(ReadOnlyProjectError, match="read-only"):
        Project.create(tmp_path / "other.annotator")
    assert not (tmp_path / "other.annotator").exists()


def test_a_read_only_disk_says_so(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if not is_root() or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a disk here")
    try:
        path = disk / "study.annotator"
        assert run_cli("new", str(path)).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = run_cli("import", str(path), str(_batch(tmp_path, 2)))
        assert result.returncode == 2 and "disk it is on is read-only" in result.stderr, result.stderr
        assert run_cli("info", str(path)).returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_full_disk_during_an_import_is_one_line_and_keeps_what_was_saved(tmp_path):
    from tests.test_project_whole_file import small_disk_free  # noqa: F401 (same helper)

    disk = tmp_path / "disk"
    disk.mkdir()
    if not is_root() or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small disk here")
    try:
        path = disk / "study.annotator"
        assert run_cli("new", str(path)).returncode == 0
        result = run_cli("import", str(path), str(_batch(tmp_path, 4000)))
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "disk is full" in result.stderr and str(path) in result.stderr
        (disk / "study.backups").exists() and None
        check = run_cli("check", str(path))
        assert check.returncode == 0, check.stdout
    finally:
        subprocess.run(["umount", str(disk)], check=False)
