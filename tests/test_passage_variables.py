"""The passage browser's article-level variable filter: passages of articles whose variable some
coder set to a value (every variable type), alternatives within a variable, AND across
variables and with the other filters, blind coding, the co-occurrence table and the chart, the
command line, and each bad value as one clear line."""

from __future__ import annotations

import pytest

from annotator.actions import charts, cooccurrence
from annotator.actions import passages as ps
from annotator.core import variable_values
from annotator.cli.main import main
from annotator.storage import Project
from passage_fixtures import build
from pg_fixtures import project_on_both_backends, storage_study  # noqa: F401  (`project` on file and server)
from variable_fixtures import add_variables


def put(project, article_id, variable, annotator, value) -> None:
    """A coder's value, written as one row (plain SQL both backends read alike: on a server the
    store's own INSERT OR REPLACE is not translated, and this test is about reading)."""
    project.db.execute(
        "INSERT INTO article_values (article_id, variable_id, annotator, value, reviewer, updated_at) "
        "VALUES (?, ?, ?, ?, '', '2026-01-01') ON CONFLICT (article_id, variable_id, annotator) "
        "DO UPDATE SET value = excluded.value",
        [article_id, variable.id, annotator, variable_values.encode(variable, variable_values.check(variable, value))],
    )


def code_articles(project) -> tuple[dict, list[str]]:
    """The passage corpus (5 articles, 33 passages) with article-level codes by two coders:
    maria codes tone, topic, frames, sources, victim and actor on articles 0-2; li disagrees on
    article 1's tone and codes article 3."""
    data = build(project)
    v = add_variables(project)
    ids = data["articles"]
    opt = lambda name, label: v[name].option_labelled(label).id  # noqa: E731
    for i, (tone, topic, frames, sources, victim, actor) in enumerate([
        ("negative", "politics", ("conflict", "economic"), 3.0, True, "The Mayor"),
        ("neutral", "economy", ("human interest",), 1.0, False, "ministry"),
        ("negative", "crime", (), 0.0, True, "police"),
    ]):
        put(project, ids[i], v["tone"], "maria", opt("tone", tone))
        put(project, ids[i], v["topic"], "maria", opt("topic", topic))
        put(project, ids[i], v["frames"], "maria", tuple(opt("frames", f) for f in frames))
        put(project, ids[i], v["sources"], "maria", sources)
        put(project, ids[i], v["victim"], "maria", victim)
        put(project, ids[i], v["actor"], "maria", actor)
    put(project, ids[1], v["tone"], "li", opt("tone", "negative"))
    put(project, ids[3], v["tone"], "li", opt("tone", "positive"))
    return data, ids


@pytest.fixture
def coded(project):
    data, ids = code_articles(project)
    return project, ids


def articles_of(project, **request) -> set[int]:
    """Which of the fixture's articles (by position) the filter's passages come from."""
    f = ps.resolve(project, ps.FilterRequest(**request))
    order = {a: i for i, a in enumerate(project.articles.ids())}
    q = ps.queries(project)
    rows = q.page(f, limit=1000)
    assert q.count(f) == len(rows)
    assert q.count_articles(f) == len({r.article_id for r in rows})
    return {order[r.article_id] for r in rows}


@pytest.mark.parametrize("pair, expected", [
    ("tone=negative", {0, 1, 2}),  # article 1: li said negative, maria neutral; anyone's value counts
    ("Tone=NEGATIVE", {0, 1, 2}),  # names and labels in any case
    ("tone=2", {0, 1, 2}),  # a scale point by its number
    ("tone=positive", {3}),
    ("tone=very positive", set()),
    ("topic=economy", {1}),
    ("frames=conflict", {0}),  # several-of: that option among those chosen
    ("frames=economic", {0}),
    ("frames=human interest", {1}),
    ("sources=3", {0}),
    ("sources=3.0", {0}),
    ("sources=0", {2}),
    ("victim=yes", {0, 2}),
    ("victim=no", {1}),
    ("actor=the mayor", {0}),  # text: any case
])
def test_each_variable_type_filters_by_its_value(coded, pair, expected):
    project, _ = coded
    assert articles_of(project, variables=(pair,)) == expected


def test_values_of_one_variable_are_alternatives_and_variables_combine(coded):
    project, _ = coded
    assert articles_of(project, variables=("topic=politics", "topic=crime")) == {0, 2}
    assert articles_of(project, variables=("tone=negative", "victim=yes")) == {0, 2}
    assert articles_of(project, variables=("tone=negative", "victim=yes", "topic=crime")) == {2}
    assert articles_of(project, variables=("frames=conflict", "frames=human interest")) == {0, 1}


def test_the_variable_filter_combines_with_passage_and_article_filters(coded):
    project, ids = coded
    f = ps.resolve(project, ps.FilterRequest(variables=("tone=negative",), tags=("Quote",),
                                             annotators=("maria",), outlets=("Daily Example",)))
    rows = ps.queries(project).page(f)
    assert [r.article_id for r in rows] == [ids[0]]
    assert rows[0].annotator == "maria" and rows[0].text == "We will not back down"
    assert articles_of(project, variables=("tone=negative",), search="shocking") == {0, 1, 2}
    assert articles_of(project, variables=("tone=negative",), date_from="2026-02") == {2}


def test_under_blind_coding_only_the_coders_own_values_count(coded):
    project, ids = coded
    f = ps.resolve(project, ps.FilterRequest(variables=("tone=negative",)))
    q = ps.queries(project)
    maria = {r.article_id for r in q.page(ps.visible(f, "maria", blind=True))}
    li = {r.article_id for r in q.page(ps.visible(f, "li", blind=True))}
    assert maria == {ids[0], ids[2]}  # maria said neutral for article 1
    assert li == {ids[1]}
    assert q.count(ps.visible(f, "nobody", blind=True)) == 0


def test_variable_filter_narrows_cooccurrence_and_charts(coded):
    project, ids = coded
    f = ps.resolve(project, ps.FilterRequest(variables=("topic=economy",)))
    table = cooccurrence.table(project, f)
    everything = cooccurrence.table(project, ps.resolve(project, ps.FilterRequest()))
    assert 0 < sum(table.totals.values()) < sum(everything.totals.values())
    assert sum(table.totals.values()) == ps.queries(project).count(f)
    data = charts.chart_data(project, f, "outlet")
    assert data.categories == ["The Fictional Times"]  # article 1 is the only economy article


@pytest.mark.parametrize("pair, message", [
    ("tone", "give it as NAME=VALUE"),
    ("tone=", "give it as NAME=VALUE"),
    ("mood=negative", "no variable called 'mood'; variables: tone, topic"),
    ("tone=furious", "'furious' is not one of: very negative, negative"),
    ("tone=9", "'9' is not one of"),
    ("sources=many", "'many' is not a number"),
    ("victim=perhaps", "'perhaps' is not one of: yes, no"),
    ("frames=conflict;economic", "give one value of frames"),
])
def test_bad_variable_values_are_one_clear_error(coded, pair, message):
    project, _ = coded
    with pytest.raises(ps.PassageError, match=message) as error:
        ps.resolve(project, ps.FilterRequest(variables=(pair,)))
    assert "\n" not in str(error.value)


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        code_articles(project)
    return path


def test_cli_variable_filter_and_its_errors(study, capsys):
    assert main(["passages", str(study), "--tag", "Quote", "--annotator", "maria", "--variable", "victim=yes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("[We will not back down]" in line for line in lines)
    assert main(["cooccurrence", str(study), "--variable", "topic=crime", "--json"]) == 0
    assert capsys.readouterr().out.strip().startswith("{")
    assert main(["passages", str(study), "--variable", "tone=furious"]) == 2
    err = capsys.readouterr().err.strip()
    assert "'furious' is not one of" in err and "\n" not in err and "Traceback" not in err
