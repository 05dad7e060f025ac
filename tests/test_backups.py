"""Rotating backups beside the project, listing and restoring them, from the command line."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from annotator.cli.main import main
from annotator.storage import Project, ProjectLockedError
from annotator.storage.backups import KEEP_LATEST, backups_folder, list_backups, prune, take_backup
from annotator.storage.restore import restore_backup
from tests.safety_fixtures import fill, holding


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=3, per_article=5)
    return path


def test_the_rotation_keeps_the_last_ten_and_one_a_day_for_a_week(study):
    start = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    with Project.open(study) as project:
        for hour in range(24 * 12):  # a backup every 2 hours for 24 days
            take_backup(project.db.conn, study, "open", now=start + timedelta(hours=2 * hour))
    now = start + timedelta(hours=2 * (24 * 12 - 1))
    kept = list_backups(study)
    days = {b.taken_at.date() for b in kept}
    assert len(kept) <= KEEP_LATEST + 7
    assert kept[0].taken_at == now and len([b for b in kept if now - b.taken_at < timedelta(hours=20)]) == KEEP_LATEST
    assert all((now - datetime.combine(day, datetime.min.time(), timezone.utc)).days <= 7 for day in days)
    assert len(days) == 8  # today and each of the 7 days before
    assert all(b.articles == 3 and b.annotations == 15 for b in kept)


def test_partial_copies_of_interrupted_backups_are_cleaned(study):
    folder = backups_folder(study)
    folder.mkdir()
    dead = folder / ".study-20261201T000000Z-open.annotator.999999.partial"
    dead.write_bytes(b"half a copy")
    mine = folder / f".study-20261201T000000Z-open.annotator.{os.getpid()}.partial"
    mine.write_bytes(b"being written")
    prune(study)
    assert not dead.exists() and mine.exists()


def test_backups_are_taken_before_an_import_and_a_codebook_import(study, tmp_path):
    batch = tmp_path / "more.jsonl"
    batch.write_text('{"text": "One more article."}\n', encoding="utf-8")
    assert main(["import", str(study), str(batch)]) == 0
    assert main(["codebook", str(study), "--export", str(tmp_path / "c.json")]) == 0
    assert main(["codebook", str(study), "--import", str(tmp_path / "c.json")]) == 0
    reasons = sorted(b.reason for b in list_backups(study))
    assert reasons == ["before-codebook-import", "before-import"]


def test_a_schema_upgrade_is_backed_up_first(tmp_path):
    from sqlite_utils import Database

    from annotator.storage import migrations

    path = tmp_path / "old.annotator"
    db = Database(path)
    migrations.migrations.apply(db, stop_before=migrations.known_names()[-1])  # an older annotator's file
    db.close()
    with Project.open(path) as project:
        assert migrations.pending_names(project.db) == []
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["before-upgrade"]
    conn = __import__("sqlite3").connect(backups[0].path)
    applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    assert applied == len(migrations.known_names()) - 1  # the copy is the file as it was


def test_backups_lists_and_restore_by_number_keeps_the_current_file(study, capsys):
    assert main(["backup", str(study)]) == 0
    with Project.open(study) as project:
        project.set_meta("later", "work")
    assert main(["backups", str(study)]) == 0
    out = capsys.readouterr().out
    assert "study.backups" in out and "3 articles" in out and "15 annotations" in out and "manual" in out
    assert main(["restore", str(study), "1"]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "replaced.annotator" in out
    with Project.open(study) as project:
        assert project.meta("later") is None
    replaced = [b for b in list_backups(study) if b.reason == "replaced"]
    assert len(replaced) == 1
    with Project.open(replaced[0].path) as kept:
        assert kept.meta("later") == "work"
    assert main(["restore", str(study), "9"]) == 2
    assert "no backup number 9" in capsys.readouterr().err


def test_restore_is_refused_while_another_process_has_the_project_open(study):
    with Project.open(study) as project:
        backup = project.backup("manual")
    before = study.read_bytes()
    with holding(study, write=False) as holder:
        if not os.path.exists("/proc/locks"):
            pytest.skip("no /proc/locks here")
        with pytest.raises(ProjectLockedError, match=f"process {holder.pid}"):
            restore_backup(study, backup)
    assert study.read_bytes() == before


def test_a_damaged_backup_is_not_restored(study, capsys):
    folder = backups_folder(study)
    folder.mkdir()
    bad = folder / "study-20261201T000000Z-manual.annotator"
    bad.write_bytes(study.read_bytes()[:4096] + b"\x00" * 8192)
    before = study.read_bytes()
    assert main(["restore", str(study), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ("damaged" in err or "not" in err)
    assert study.read_bytes() == before
