"""SIGKILL at random moments: edits, backups, checkpoints, imports and restores are whole or
absent, and no acknowledged edit is ever lost.

Each round forks a child that works on the project and reports every commit on a pipe the
moment it returns; the parent kills it at a random time, then checks the file with every check
`annotator check` runs, that every reported edit is in it, and that the backups folder holds
only whole backups (the next backup's pruning removes partial copies of killed ones).

CI setting: ~100 kills in well under 3 minutes. Full setting (RELIABILITY.md): ANNOTATOR_KILLS=1000.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from annotator.storage import Project
from annotator.storage.backups import KEEP_DAYS, KEEP_LATEST, list_backups
from annotator.storage.integrity import check_file
from tests.safety_fixtures import fill

KILLS = int(os.environ.get("ANNOTATOR_KILLS", "60"))
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill tests fork")


def _fork(work) -> tuple[int, int]:
    """Run ``work(write)`` in a child; ``write(text)`` sends one line to the parent."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            work(lambda text: os.write(write_end, (text + "\n").encode()))
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _kill_after(pid: int, read_end: int, seconds: float) -> list[str]:
    time.sleep(seconds)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while True:
        data = os.read(read_end, 65536)
        if not data:
            break
        chunks.append(data)
    os.close(read_end)
    return b"".join(chunks).decode().split()


def _whole(path) -> None:
    report = check_file(path)
    assert report.ok, report.problems


def test_random_kills_while_editing_backing_up_and_checkpointing(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=6, per_article=4)
    rng = random.Random(10)
    acknowledged: set[str] = set()
    rounds = max(KILLS * 2 // 3, 1)
    for round_number in range(rounds):
        def work(write, round_number=round_number):
            project = Project.open(path)
            n = 0
            while True:
                key = f"r{round_number}-{n}"
                project.set_meta(key, "saved")
                write(key)  # acknowledged only after the commit returned
                n += 1
                if n % 7 == 0:
                    project.backup("before-import")
                if n % 5 == 0:
                    project.checkpoint()

        pid, read_end = _fork(work)
        acknowledged.update(_kill_after(pid, read_end, rng.uniform(0.02, 0.4)))
    _whole(path)
    with Project.open(path) as project:
        missing = [key for key in acknowledged if project.meta(key) != "saved"]
    assert missing == [] and len(acknowledged) > rounds
    backups = list_backups(path)
    assert len(backups) <= KEEP_LATEST + KEEP_DAYS
    for backup in backups:
        assert backup.articles == 6, backup
    with Project.open(path) as project:
        project.backup("manual")  # its pruning clears what killed backups left
    folder = tmp_path / "study.backups"
    assert not [p for p in folder.iterdir() if p.name.endswith((".partial", "-journal"))]
    print(f"\nFIGURES editing/backup/checkpoint: {rounds} kills, {len(acknowledged)} acknowledged edits verified, 0 lost")


def test_random_kills_during_imports_leave_whole_batches(tmp_path):
    import json

    from annotator.actions.import_files import import_paths

    path = tmp_path / "study.annotator"
    Project.create(path).close()
    rng = random.Random(11)
    rounds = max(KILLS // 4, 1)
    whole_files = 0
    for round_number in range(rounds):
        batch = tmp_path / f"batch{round_number}.jsonl"
        with batch.open("w", encoding="utf-8") as handle:
            for n in range(2000):
                handle.write(json.dumps({"title": f"R{round_number} {n}", "text": f"Round {round_number} article {n}. " * 8}) + "\n")
        with Project.open(path) as project:
            before = project.articles.count()

        def work(write, batch=batch):
            with Project.open(path) as project:
                import_paths(project, [batch])
            write("done")

        pid, read_end = _fork(work)
        said = _kill_after(pid, read_end, rng.uniform(0.05, 1.5))
        _whole(path)
        with Project.open(path) as project:
            added = project.articles.count() - before
        # Articles are stored in transactions of 500: whole batches, or the whole file.
        assert added % 500 == 0 or added == 2000, added
        assert said != ["done"] or added == 2000
        whole_files += added == 2000
    print(f"\nFIGURES import: {rounds} kills ({whole_files} after the import finished), every batch whole")


def test_random_kills_during_restore_leave_one_of_the_two_versions(tmp_path):
    from annotator.storage.restore import restore_backup

    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        fill(project, articles=30, per_article=10)
        old = project.backup("manual")
        fill(project, articles=30, per_article=10, coders=("cat",))
    rng = random.Random(12)
    rounds = max(KILLS // 6, 1)
    outcomes = {"old": 0, "restored": 0}
    for _ in range(rounds):
        with Project.open(path) as project:
            before = project.articles.count()

        def work(write):
            restore_backup(path, old)
            write("restored")

        pid, read_end = _fork(work)
        _kill_after(pid, read_end, rng.uniform(0.0, 0.15))
        _whole(path)
        with Project.open(path) as project:
            assert project.articles.count() in (before, 30)
            outcomes["restored" if project.articles.count() == 30 else "old"] += 1
        with Project.open(path) as project:  # back to the bigger version for the next round
            if project.articles.count() == 30:
                fill(project, articles=30, per_article=10, coders=("cat",))
    print(f"\nFIGURES restore: {rounds} kills, {outcomes['old']} left the old file, {outcomes['restored']} the backup")


def test_random_kills_during_merges_are_whole_or_absent_and_backups_stay_bounded(tmp_path):
    from annotator.actions.merge import apply_merge, plan_merge

    ours, theirs = tmp_path / "ours.annotator", tmp_path / "theirs.annotator"
    with Project.create(ours) as project:
        fill(project, articles=40, per_article=12)
    import shutil

    shutil.copyfile(ours, theirs)
    with Project.open(theirs) as project:
        project.db.execute("UPDATE annotations SET annotator = 'zed', id = id || '-z'")
    with Project.open(ours) as project:
        before = project.annotations.count()
    rng = random.Random(13)
    rounds = max(KILLS // 6, 1)
    merged_whole = 0
    for _ in range(rounds):
        def work(write):
            with Project.open(ours) as project:
                apply_merge(project, plan_merge(project, theirs))
            write("merged")

        pid, read_end = _fork(work)
        said = _kill_after(pid, read_end, rng.uniform(0.05, 1.5))
        _whole(ours)
        with Project.open(ours) as project:
            count = project.annotations.count()
            assert count in (before, 2 * before), count
            if count == 2 * before:
                merged_whole += 1
                project.db.execute("DELETE FROM annotations WHERE annotator = 'zed'")
        assert said != ["merged"] or count == 2 * before
    assert len(list_backups(ours)) <= KEEP_LATEST + KEEP_DAYS
    print(f"\nFIGURES merge: {rounds} kills, {merged_whole} merged whole, the rest absent; "
          f"{len(list_backups(ours))} backups kept")
