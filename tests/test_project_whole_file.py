"""One project file, truly: checkpoints, side files that do not belong, copies while open,
`annotator check`, foreign schemas, `annotator new` leaving nothing partial."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from annotator.cli.main import main
from annotator.storage import DamagedProjectError, NotAProjectError, Project, ProjectError
from tests.safety_fixtures import fill, holding, run_cli

WAL = "-wal"


def file_bytes(path):
    return path.read_bytes()


def test_closing_leaves_one_whole_file(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.annotator"]


def test_a_checkpoint_makes_a_plain_copy_of_an_open_project_whole(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        project.db.execute("PRAGMA wal_autocheckpoint = 0")  # as if the window had been busy
        fill(project, articles=10)
        shutil.copyfile(path, tmp_path / "before.annotator")
        assert project.checkpoint()
        shutil.copyfile(path, tmp_path / "after.annotator")
        saved = project.annotations.count()
    with Project.open(tmp_path / "after.annotator") as copy:
        assert copy.annotations.count() == saved == 150
    with Project.open(tmp_path / "before.annotator") as stale:  # what cp gave before
        assert stale.annotations.count() < saved


def test_backup_while_another_process_has_edits_in_the_wal(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=3)
    conn = sqlite3.connect(path)  # a second program with uncheckpointed edits, still open
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE annotations SET note = 'edited'")
    conn.commit()
    try:
        result = run_cli("backup", str(path), str(tmp_path / "copy.annotator"))
        assert result.returncode == 0, result.stderr
        assert "wrote" in result.stdout and "45 annotations" in result.stdout
    finally:
        conn.close()
    copy = sqlite3.connect(tmp_path / "copy.annotator")
    assert copy.execute("SELECT count(*) FROM annotations WHERE note = 'edited'").fetchone()[0] == 45
    copy.close()
    assert not (tmp_path / ("copy.annotator" + WAL)).exists()


def _stale_wal_beside_an_older_copy(tmp_path):
    """A backup taken with cp, more work checkpointed, then work still in the -wal when the window
    died; the user copies the old backup over the project, next to the stale -wal."""
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=10)
    shutil.copyfile(path, tmp_path / "old-copy.annotator")
    with Project.open(path) as project:
        fill(project, articles=10, coders=("cat",))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("DELETE FROM annotations WHERE annotator = 'ann'")
    conn.execute("UPDATE articles SET title = title || ' (revised)'")
    conn.commit()
    shutil.copyfile(path.with_name(path.name + WAL), tmp_path / "stale-wal")
    conn.close()
    shutil.copyfile(tmp_path / "old-copy.annotator", path)
    shutil.copyfile(tmp_path / "stale-wal", path.with_name(path.name + WAL))
    return path


def test_a_wal_that_belongs_to_another_version_is_refused_untouched(tmp_path):
    path = _stale_wal_beside_an_older_copy(tmp_path)
    wal = path.with_name(path.name + WAL)
    before, before_wal = file_bytes(path), file_bytes(wal)
    with pytest.raises(DamagedProjectError, match="does not belong to it") as error:
        Project.open(path)
    assert "\n" not in str(error.value) and "study.annotator-wal" in str(error.value)
    assert file_bytes(path) == before and file_bytes(wal) == before_wal
    result = run_cli("info", str(path))
    assert result.returncode == 2 and "does not belong" in result.stderr and "Traceback" not in result.stderr
    wal.unlink()
    with Project.open(path) as project:  # moved away: the copy opens as it was
        assert project.annotations.count() == 150


def test_a_wal_left_by_a_crash_is_replayed(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=3)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE annotations SET note = 'saved'")
    conn.commit()
    shutil.copyfile(path.with_name(path.name + WAL), tmp_path / "w")
    conn.close()  # (closing checkpoints; put the -wal back as a crash would have left it)
    shutil.copyfile(tmp_path / "w", path.with_name(path.name + WAL))
    with Project.open(path) as project:
        assert {a.note for a in project.annotations.for_article(project.articles.ids()[0])} == {"saved"}


def test_check_says_ok_in_one_line(tmp_path, capsys):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=4)
    before = file_bytes(path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and ": ok" in out and "60 passages of 4 articles" in out
    assert file_bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.annotator"]


@pytest.mark.parametrize(
    "damage, said",
    [
        ("UPDATE annotations SET text = 'not the passage' WHERE rowid = 3", "passage differs"),
        ("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', 1, 'x', 'y')", "search index"),
        ("PRAGMA foreign_keys = OFF; DELETE FROM tags WHERE rowid = 1", "point to rows that do not exist"),
    ],
)
def test_check_finds_damage(tmp_path, capsys, damage, said):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=4)
    conn = sqlite3.connect(path)
    conn.executescript(damage)
    conn.close()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "NOT OK" in out and said in out


def test_check_finds_a_malformed_file_and_a_stale_wal(tmp_path, capsys):
    path = _stale_wal_beside_an_older_copy(tmp_path)
    assert main(["check", str(path)]) == 1
    assert "does not belong" in capsys.readouterr().out
    junk = tmp_path / "junk.annotator"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\xff" * 5000)
    assert main(["check", str(junk)]) == 1
    assert "NOT OK" in capsys.readouterr().out


def test_a_file_with_our_table_names_but_another_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "other.annotator"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT);"
        "CREATE TABLE annotations (id INTEGER, note TEXT); CREATE TABLE tags (id, label);"
        "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT);"
    )
    conn.close()
    before = file_bytes(path)
    with pytest.raises(NotAProjectError, match="another schema"):
        Project.open(path)
    assert file_bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.annotator"]
    result = run_cli("import", str(path), str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "another schema" in result.stderr


def test_our_tables_and_columns_without_our_migrations_are_refused(tmp_path):
    source = tmp_path / "real.annotator"
    Project.create(source).close()
    path = tmp_path / "lookalike.annotator"
    shutil.copyfile(source, path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations")
    conn.commit()
    conn.close()
    with pytest.raises(NotAProjectError, match="not made by annotator"):
        Project.open(path)


def test_new_on_a_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    import annotator.storage.project as project_module

    real = project_module._configure

    def tiny_disk(db):  # SQLite's own "database or disk is full" after a few pages
        real(db)
        db.execute("PRAGMA max_page_count = 8")

    monkeypatch.setattr(project_module, "_configure", tiny_disk)
    path = tmp_path / "study.annotator"
    with pytest.raises(ProjectError, match="disk is full") as error:
        Project.create(path)
    assert "\n" not in str(error.value) and str(path) in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_new_is_whole_or_absent_on_a_real_small_disk(small_disk):
    path = small_disk / "study.annotator"
    (small_disk / "filler").write_bytes(b"x" * (small_disk_free(small_disk) - 40_000))
    result = run_cli("new", str(path))
    assert result.returncode == 2 and "disk is full" in result.stderr and result.stderr.count("\n") == 1
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def small_disk_free(folder) -> int:
    import os

    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs (needs root and mount; skipped elsewhere)."""
    import os
    import subprocess

    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot mount a small disk here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_open_project_held_by_another_process_is_not_a_leftover_wal(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=2)
    with holding(path, write=False):
        with Project.open(path) as project:
            assert project.annotations.count() == 30
