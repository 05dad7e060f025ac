"""The study's rules hold in PostgreSQL itself: each proved with raw SQL as each role."""

from __future__ import annotations

import json
import time

import pytest

from pg_fixtures import study  # noqa: F401  (fixture)

psycopg = pytest.importorskip("psycopg")

TEXT = "The mayor said the bridge would open in May. Critics called it a disaster."
ARTICLE = "art-1"
NOW = "2026-12-01T10:00:00+00:00"


def seed(study) -> None:
    """As the lead: one article and one tag."""
    with study.connect("lena") as lead:
        lead.execute("INSERT INTO articles(id, text, imported_at, title) VALUES (%s, %s, %s, 'Bridge')",
                     [ARTICLE, TEXT, NOW])
        lead.execute("INSERT INTO tags(id, name, colour) VALUES ('t-quote', 'Quote', '#aa0000')")


def annotate(conn, annotator: str, ann_id: str, start=4, end=9):
    conn.execute(
        'INSERT INTO annotations(id, article_id, tag_id, start, "end", text, annotator, created_at, updated_at) '
        "VALUES (%s, %s, 't-quote', %s, %s, %s, %s, %s, %s)",
        [ann_id, ARTICLE, start, end, TEXT[start:end], annotator, NOW, NOW],
    )


def visible(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM annotations")}


def test_a_coder_writes_only_their_own_annotations(study):
    seed(study)
    with study.connect("ana") as ana:
        annotate(ana, "ana", "a1")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            annotate(ana, "ben", "forged")
    with study.connect("ben") as ben:
        annotate(ben, "ben", "b1")
        # Ben can neither change nor delete Ana's annotation: the rows are not his to touch.
        assert ben.execute("UPDATE annotations SET note = 'mine now' WHERE id = 'a1'").rowcount == 0
        assert ben.execute("DELETE FROM annotations WHERE id = 'a1'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ben.execute("UPDATE annotations SET annotator = 'ana' WHERE id = 'b1'")
    with study.connect("lena") as lead:
        rows = dict(lead.execute("SELECT id, note FROM annotations").fetchall())
        assert rows == {"a1": "", "b1": ""}


def test_the_annotator_is_the_login_when_not_given(study):
    seed(study)
    with study.connect("ana") as ana:
        ana.execute(
            'INSERT INTO annotations(id, article_id, tag_id, start, "end", text, created_at, updated_at) '
            "VALUES ('a1', %s, 't-quote', 0, 3, 'The', %s, %s)", [ARTICLE, NOW, NOW])
        assert ana.execute("SELECT annotator FROM annotations").fetchone()[0] == "ana"


def test_blind_coding_hides_colleagues_until_the_lead_lifts_it(study):
    seed(study)
    with study.connect("ana") as ana, study.connect("ben") as ben:
        annotate(ana, "ana", "a1")
        annotate(ben, "ben", "b1", 18, 24)
        assert visible(ana) == {"a1"} and visible(ben) == {"b1"}
        with study.connect("lena") as lead:
            assert visible(lead) == {"a1", "b1"}
        with study.connect("rita") as reviewer:
            assert visible(reviewer) == {"a1", "b1"}
        lift = ("INSERT INTO project(key, value) VALUES ('blind_coding', '0') "
                "ON CONFLICT (key) DO UPDATE SET value = '0'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ana.execute(lift)
        with study.connect("lena") as lead:
            lead.execute(lift)
        assert visible(ana) == {"a1", "b1"}


def test_only_the_lead_changes_the_codebook_the_articles_and_the_assignment(study):
    seed(study)
    for person in ("ana", "rita"):
        with study.connect(person) as conn:
            for statement in (
                "INSERT INTO tags(id, name, colour) VALUES ('t-x', 'Mine', '#000000')",
                "UPDATE tags SET name = 'Renamed' WHERE id = 't-quote'",
                "DELETE FROM tags WHERE id = 't-quote'",
                f"INSERT INTO assignments(article_id, coder, assigned_at) VALUES ('{ARTICLE}', '{person}', '{NOW}')",
                "DELETE FROM articles",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
            assert conn.execute("SELECT name FROM tags").fetchall() == [("Quote",)]
    with study.connect("lena") as lead:
        lead.execute("UPDATE tags SET name = 'Direct quote' WHERE id = 't-quote'")
        lead.execute("INSERT INTO assignments(article_id, coder, assigned_at) VALUES (%s, 'ana', %s)", [ARTICLE, NOW])
        assert lead.execute("SELECT name FROM tags").fetchone()[0] == "Direct quote"


def test_the_reviewer_writes_the_reviewed_layer_and_coders_do_not(study):
    seed(study)
    with study.connect("rita") as reviewer:
        annotate(reviewer, "reviewed", "r1")
        reviewer.execute(
            "INSERT INTO review_decisions(id, article_id, reviewer, annotator_a, annotator_b, decision, kind, decided_at) "
            "VALUES ('d1', %s, 'rita', 'ana', 'ben', 'accept_a', 'a_only', %s)", [ARTICLE, NOW])
    with study.connect("ana") as ana:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            annotate(ana, "reviewed", "r2")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ana.execute("DELETE FROM review_decisions")
        assert "r1" not in visible(ana)  # blind: not even the reviewed layer


def test_a_coder_records_only_their_own_progress(study):
    seed(study)
    with study.connect("ana") as ana:
        ana.execute("INSERT INTO coder_status(article_id, status, updated_at) VALUES (%s, 'done', %s)", [ARTICLE, NOW])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ana.execute("INSERT INTO coder_status(article_id, coder, status, updated_at) VALUES (%s, 'ben', 'done', %s)",
                        [ARTICLE, NOW])
        assert ana.execute("SELECT coder, status FROM coder_status").fetchall() == [("ana", "done")]


def test_a_passage_that_is_not_the_article_text_is_refused_whoever_writes(study):
    seed(study)
    with study.connect("ana") as ana:
        with pytest.raises(psycopg.errors.CheckViolation, match="passage does not match"):
            ana.execute(
                'INSERT INTO annotations(id, article_id, tag_id, start, "end", text, created_at, updated_at) '
                "VALUES ('bad', %s, 't-quote', 4, 9, 'Mayor', %s, %s)", [ARTICLE, NOW, NOW])
        with pytest.raises(psycopg.errors.CheckViolation):
            ana.execute(
                'INSERT INTO annotations(id, article_id, tag_id, start, "end", text, created_at, updated_at) '
                "VALUES ('past', %s, 't-quote', 70, 90, 'x', %s, %s)", [ARTICLE, NOW, NOW])


def test_real_authentication(study):
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(study.url("ana", "not-her-password"))
    from annotator.storage.errors import ProjectError
    from annotator.storage.pg.connection import connect

    with pytest.raises(ProjectError, match="refused your name or password"):
        connect(study.url("ana", "wrong"))


def test_outsiders_cannot_connect_to_the_study(study, pg_admin_url):
    from psycopg import sql

    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS mallory")
        admin.execute(sql.SQL("CREATE ROLE mallory LOGIN PASSWORD 'mallory-pw'"))
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(study.url("mallory", "mallory-pw"))


def test_changes_are_announced_within_a_second(study):
    seed(study)
    with study.connect("ben") as listener, study.connect("ana") as ana:
        listener.execute("LISTEN annotator_changes")
        annotate(ana, "ana", "a1")
        started = time.monotonic()
        note = next(listener.notifies(timeout=1.0))
        assert time.monotonic() - started < 1.0
        body = json.loads(note.payload)
        assert body == {"table": "annotations", "op": "INSERT", "id": "a1", "article_id": ARTICLE}
