"""The passage tally (migration 0018): how many passages each article holds by tag and coder,
kept by triggers. Every edit path must leave it equal to a count of the annotations, and the
counts and figures read from it must equal those the annotations give."""

from __future__ import annotations

import sqlite3

import pytest
from passage_fixtures import build, span
from review_fixtures import two_projects

from annotator.actions import charts, cooccurrence, editing, passages as ps
from annotator.actions.articles import remove_article
from annotator.actions.autocode import apply_plan, preview
from annotator.actions.history import History
from annotator.actions.merge import apply_merge, plan_merge
from annotator.actions.review import decide, differences, undo_decision
from annotator.core.autocode import Search
from annotator.core.passages import Layer, PassageFilter
from annotator.storage import Project, migrations
from annotator.storage import passage_tally_queries as tally
from annotator.storage.integrity import full_check
from annotator.storage.passage_queries import PassageQueries

TRUTH = ("SELECT ar.rowid, a.tag_id, a.annotator, count(*) FROM annotations a "
         "JOIN articles ar ON ar.id = a.article_id GROUP BY 1, 2, 3")


def stored(project) -> list[tuple]:
    return sorted(project.db.execute("SELECT article_key, tag_id, annotator, n FROM passage_tally").fetchall())


def assert_true(project) -> None:
    assert stored(project) == sorted(project.db.execute(TRUTH).fetchall())


@pytest.fixture
def coded():
    project = Project.in_memory()
    return project, build(project)


def test_every_edit_and_its_undo_keeps_the_tally_true(coded):
    project, data = coded
    article = data["articles"][1]
    history = History(project)
    assert_true(project)
    start, end = span(data["texts"][article], "growth fell by two percent")
    added = history.push(editing.add_annotation(project, article, data["tags"]["Claim"], start, end, "sam"))
    new_id = added.added[0].id
    assert_true(project)
    history.push(editing.retag(project, new_id, data["tags"]["Quote"]))
    assert_true(project)
    history.push(editing.move_boundary(project, new_id, "start", 1))
    history.push(editing.edit_note(project, new_id, "a note"))
    assert_true(project)
    maria_claim = next(a for a in project.annotations.for_article(article)
                       if a.annotator == "maria" and a.tag_id == data["tags"]["Claim"])
    history.push(editing.remove_annotation(project, maria_claim.id))
    assert_true(project)
    history.push(remove_article(project, data["articles"][0]))
    assert_true(project)
    while history.can_undo:
        history.undo()
        assert_true(project)
    while history.can_redo:
        history.redo()
        assert_true(project)


def test_a_direct_sql_change_of_coder_or_article_moves_the_count(coded):
    project, data = coded
    with project.db.atomic():
        project.db.execute("UPDATE annotations SET annotator = 'kim' WHERE annotator = 'li'")
        one = project.db.execute("SELECT id FROM annotations WHERE annotator = 'maria' LIMIT 1").fetchone()[0]
        project.db.execute("UPDATE annotations SET article_id = ? WHERE id = ?", [data["articles"][4], one])
    assert_true(project)
    project.articles.delete(data["articles"][2])  # its annotations go by the foreign key's cascade
    assert_true(project)


def test_autocode_review_decisions_and_their_undo(coded):
    project, data = coded
    history = History(project)
    plan = preview(project, data["tags"]["Sensational language"], "sam", Search("budget"))
    assert plan.count == 6  # "budget" in each text, and the first title
    history.push(apply_plan(project, plan))
    assert_true(project)
    article = data["articles"][0]
    from annotator.core.review import allowed_decisions

    results = [decide(project, d, allowed_decisions(d)[0], "rev") for d in differences(project, article, "maria", "li")]
    assert any(r.added for r in results)
    assert_true(project)
    for result in reversed(results):
        undo_decision(project, result)
    history.undo()
    assert_true(project)


def test_a_merge_keeps_it_true(tmp_path):
    ours, theirs = two_projects(tmp_path)
    with Project.open(ours) as project:
        apply_merge(project, plan_merge(project, theirs), add_missing_articles=True)
        assert project.annotations.count() == 4
        assert_true(project)
        assert full_check(project.db.conn, writable=True).ok


def test_the_migration_fills_the_tally_of_an_existing_project(tmp_path):
    path = tmp_path / "old.annotator"
    with Project.create(path) as project:
        build(project)
        expected = stored(project)
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE passage_tally; DROP TRIGGER IF EXISTS passage_tally_insert; "
        "DROP TRIGGER IF EXISTS passage_tally_delete; DROP TRIGGER IF EXISTS passage_tally_update; "
        "DROP TRIGGER IF EXISTS passage_tally_article_delete; "
        "DELETE FROM _sqlite_migrations WHERE name = '0018_passage_tally';"
        f"PRAGMA user_version = {len(migrations.known_names()) - 1};"
    )
    conn.close()
    with Project.open(path) as project:
        assert len(expected) == 33 and stored(project) == expected


def test_check_reports_a_tally_that_drifted(coded):
    project, _ = coded
    assert full_check(project.db.conn, writable=True).ok
    project.db.execute("UPDATE passage_tally SET n = n + 1 WHERE annotator = 'li'")
    report = full_check(project.db.conn, writable=True)
    assert not report.ok and "passage counts" in report.problems[0]


FILTERS = {
    "none": {},
    "tags": {"tags": ("Quote", "Claim")},
    "coder": {"annotators": ("li",)},
    "outlet": {"outlets": ("daily example",)},
    "month": {"date_from": "2026-01", "date_to": "2026-01"},
    "status": {"statuses": ("done",)},
    "tag+outlet+coder": {"tags": ("Quote",), "outlets": ("Daily Example",), "annotators": ("maria", "reviewed")},
    "tone": {"variables": ("tone=negative",)},
    "tone+outlet+tag": {"variables": ("tone=negative", "tone=neutral"), "outlets": ("Daily Example",), "tags": ("Claim",)},
    "reviewed": {"layer": "reviewed"},
    "coders layer": {"layer": "coders", "date_from": "2026-02"},
}


@pytest.fixture
def with_tone(coded):
    from annotator.core.variables import Option, Variable, VariableType

    project, data = coded
    tone = project.variables.add(Variable("tone", VariableType.ONE_OF, [Option(t) for t in ("negative", "neutral")]))
    negative, neutral = tone.options
    for article_id, coder, option in ((data["articles"][0], "maria", negative), (data["articles"][0], "li", negative),
                                      (data["articles"][1], "li", neutral), (data["articles"][3], "maria", negative)):
        project.db.execute("INSERT INTO article_values (article_id, variable_id, annotator, value, reviewer, updated_at) "
                           "VALUES (?, ?, ?, ?, '', '2026-01-01')", [article_id, tone.id, coder, option.id])
    return project, data


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("blind", [False, True])
def test_counts_and_figures_from_the_tally_equal_those_from_the_annotations(with_tone, monkeypatch, name, blind):
    project, _ = with_tone
    f = ps.visible(ps.resolve(project, ps.FilterRequest(**FILTERS[name])), "li", blind)
    q = PassageQueries(project.db)
    assert tally.serves(project.db, f)

    def everything():
        return (q.count(f), q.count_articles(f),
                sorted(charts.chart_data(project, f, "outlet").csv_rows()[1:]),
                sorted(charts.chart_data(project, f, "month", per_1000_words=True).csv_rows()[1:]),
                cooccurrence.table(project, f).articles)

    from_tally = everything()
    monkeypatch.setattr(tally, "has_tally", lambda db: False)
    assert not tally.serves(project.db, f)
    assert from_tally == everything()
    assert from_tally[0] > 0 or blind  # each filter finds something when coding is open


def test_filters_the_tally_cannot_answer_read_the_annotations(coded):
    project, _ = coded
    for request in ({"fields": ("speaker=the mayor",)}, {"search": "shocking"}):
        assert not tally.serves(project.db, ps.resolve(project, ps.FilterRequest(**request)))
    assert not tally.serves(project.db, PassageFilter(overlapping_tag_ids=("x",)))
    assert tally.serves(project.db, PassageFilter(layer=Layer.CODERS))
