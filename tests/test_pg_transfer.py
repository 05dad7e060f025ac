"""push and pull move a project between a file and a server without changing a value."""

from __future__ import annotations

import sqlite3

import pytest

from pg_fixtures import study  # noqa: F401  (fixture)

pytest.importorskip("psycopg")

from annotator.actions.assign import assign_corpus, plan_for_project  # noqa: E402
from annotator.core.model import NewArticle, Status  # noqa: E402
from annotator.storage import Project, ProjectError  # noqa: E402
from annotator.storage.pg.transfer import pull, push  # noqa: E402

TEXTS = [
    "Fictional: the minister said \u201cwe will not back down\u201d \U0001F600 on Tuesday.",
    "Fictional: \u05e9\u05dc\u05d5\u05dd and caf\u00e9 crowds cheered, according to officials.",
    "Fictional: experts warned the plan was \u201cdead on arrival\u201d.\n\nA second paragraph.",
]


def rich_file(tmp_path) -> Project:
    project = Project.create(tmp_path / "study.annotator")
    project.articles.add_many(
        NewArticle(text=t, title=f"T{i}", outlet="Daily Ledger", published="2026-03-0%d" % (i + 1),
                   extra={"section": "Politics", "page": i})
        for i, t in enumerate(TEXTS)
    )
    ids = project.articles.ids()
    quote, source = project.codebook.by_name("Quote"), project.codebook.by_name("Source attribution")
    q = project.annotations.create(ids[0], quote.id, 29, 49, "ana", note="line one\nline two",
                                   fields={"speaker": "the minister"})
    project.annotations.create(ids[0], source.id, 11, 28, "ana", linked_id=q.id)
    project.annotations.create(ids[1], quote.id, 11, 15, "ben")
    project.articles.set_status(ids[0], Status.DONE)
    project.set_meta("custom_setting", "kept")
    plan = plan_for_project(project, ["ana", "ben"], overlap=1, seed=3, stratify=None)
    assign_corpus(project, plan, None)
    project.assignments.record_status("ana", [(ids[0], Status.DONE)])
    return project


def table_rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '_sqlite_%' AND name NOT LIKE 'articles_fts%'")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        conn.close()


def test_push_then_pull_gives_back_every_row(tmp_path, study):
    rich_file(tmp_path).close()
    pushed = push(tmp_path / "study.annotator", study.admin_url)
    assert pushed.rows["annotations"] == 3 and pushed.rows["articles"] == 3
    pull(study.admin_url, tmp_path / "back.annotator")
    before, after = table_rows(tmp_path / "study.annotator"), table_rows(tmp_path / "back.annotator")
    assert before.keys() == after.keys()
    for table in before:
        assert after[table] == before[table], table
    with Project.open(tmp_path / "back.annotator") as back:
        assert back.articles.search("crowds") == [back.articles.ids()[1]]  # full-text index rebuilt
        assert back.annotations.get(back.annotations.linking_to(
            back.annotations.for_article(back.articles.ids()[0])[1].id)[0].id).linked_id


def test_push_refuses_a_study_that_already_holds_articles(tmp_path, study):
    rich_file(tmp_path).close()
    push(tmp_path / "study.annotator", study.admin_url)
    with pytest.raises(ProjectError, match="already holds articles"):
        push(tmp_path / "study.annotator", study.admin_url)


def test_pull_never_writes_over_a_file(tmp_path, study):
    rich_file(tmp_path).close()
    push(tmp_path / "study.annotator", study.admin_url)
    (tmp_path / "taken.annotator").write_bytes(b"weeks of work")
    with pytest.raises(ProjectError, match="already exists"):
        pull(study.admin_url, tmp_path / "taken.annotator")
    assert (tmp_path / "taken.annotator").read_bytes() == b"weeks of work"


def test_push_to_a_server_that_is_not_a_study_says_so(tmp_path, pg_admin_url):
    rich_file(tmp_path).close()
    with pytest.raises(ProjectError, match="not an annotator study"):
        push(tmp_path / "study.annotator", pg_admin_url)


def test_an_unreachable_server_is_one_line(tmp_path):
    rich_file(tmp_path).close()
    with pytest.raises(ProjectError, match="cannot be reached"):
        push(tmp_path / "study.annotator", "postgresql://nobody@127.0.0.1:1/study")


def test_push_refuses_a_file_with_a_misplaced_passage(tmp_path, study):
    rich_file(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "study.annotator")
    conn.execute("DROP TRIGGER IF EXISTS annotations_passage_guard")  # if a later schema guards it
    conn.execute("UPDATE annotations SET text = 'xxxxx' WHERE annotator = 'ben'")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="does not match its article's text"):
        push(tmp_path / "study.annotator", study.admin_url)
    import psycopg

    with psycopg.connect(study.admin_url) as pg:
        assert pg.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        # The server's own check is back on for everyone after a push.
        assert pg.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'annotations_passage'").fetchone()[0] == "O"
