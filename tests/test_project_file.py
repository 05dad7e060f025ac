"""Creating and opening project files, and refusing files that are not ours."""

import sqlite3

import pytest

from annotator.storage import (
    NewerProjectError,
    NotAProjectError,
    NotSQLiteError,
    Project,
    ProjectError,
)
from annotator.storage import migrations


def test_new_project_has_news_codebook(tmp_path):
    with Project.create(tmp_path / "p.annotator") as project:
        names = [t.name for t in project.codebook.tags()]
    assert names == ["Claim", "Quote", "Source attribution", "Sensational language"]


def test_new_project_records_schema_version(tmp_path):
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_on(project_file):
    assert project_file.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopen_keeps_data(tmp_path, project_factory_article):
    path = tmp_path / "p.annotator"
    with Project.create(path) as project:
        article_id = project.articles.add(project_factory_article)
    with Project.open(path) as project:
        assert project.articles.get(article_id).title == project_factory_article.title


def test_create_refuses_existing_file(tmp_path):
    path = tmp_path / "p.annotator"
    path.write_text("something precious")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)
    assert path.read_text() == "something precious"


def test_open_missing_file(tmp_path):
    with pytest.raises(ProjectError, match="no such file"):
        Project.open(tmp_path / "missing.annotator")


def test_open_text_file_says_not_sqlite_and_leaves_it(tmp_path):
    path = tmp_path / "notes.annotator"
    path.write_bytes(b"just some notes\n" * 10)
    with pytest.raises(NotSQLiteError, match="not an SQLite database"):
        Project.open(path)
    assert path.read_bytes() == b"just some notes\n" * 10


def test_open_empty_file_says_not_sqlite(tmp_path):
    path = tmp_path / "empty.annotator"
    path.write_bytes(b"")
    with pytest.raises(NotSQLiteError):
        Project.open(path)


def test_open_other_sqlite_database_says_not_a_project_and_leaves_it(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAProjectError, match="not an annotator project"):
        Project.open(path)
    assert path.read_bytes() == before


def test_open_newer_project_refuses_and_leaves_it(tmp_path):
    path = tmp_path / "future.annotator"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [migrations.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerProjectError, match="newer version"):
        Project.open(path)
    assert path.read_bytes() == before


def test_open_folder_is_refused(tmp_path):
    with pytest.raises(ProjectError, match="folder"):
        Project.open(tmp_path)


def test_migrations_from_empty_file(tmp_path):
    """An empty SQLite file gains the whole schema through the migrations alone."""
    from sqlite_utils import Database

    db = Database(tmp_path / "empty.db")
    migrations.apply(db)
    tables = set(db.table_names())
    assert {"articles", "annotations", "tags", "project", "articles_fts"} <= tables
    assert migrations.applied_names(db) == migrations.known_names()
    migrations.apply(db)  # applying again changes nothing
    assert migrations.applied_names(db) == migrations.known_names()


def test_meta_values_persist(tmp_path):
    path = tmp_path / "p.annotator"
    with Project.create(path) as project:
        project.set_meta("last_article", "abc")
    with Project.open(path) as project:
        assert project.meta("last_article") == "abc"
        assert project.meta("missing", "x") == "x"


def test_opening_a_current_project_writes_nothing(tmp_path):
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    before = path.read_bytes()
    Project.open(path).close()
    assert path.read_bytes() == before


def test_checking_a_file_leaves_no_wal_files_beside_it(tmp_path):
    from annotator.storage.project import check_project_file

    path = tmp_path / "colleague.annotator"
    Project.create(path).close()
    check_project_file(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["colleague.annotator"]
