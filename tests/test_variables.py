"""Article-level variables: the codebook's rules, storage, the set/clear operations, undo."""

import json

import pytest

from annotator.actions import variables as ops
from annotator.actions.history import History
from annotator.core import codebook, variable_values
from annotator.core.model import Status
from annotator.core.variables import Option, Variable, VariableError, VariableType
from tests.variable_fixtures import TONE, add_articles, add_variables


@pytest.fixture
def coded(project):
    return project, add_variables(project), add_articles(project)


def test_each_type_has_its_default_level_and_refuses_others():
    assert Variable("t", VariableType.SCALE, [Option("a"), Option("b")]).level.value == "ordinal"
    assert Variable("n", VariableType.NUMBER).level.value == "interval"
    from annotator.core.variables import validate_variable

    with pytest.raises(VariableError, match="measured at nominal"):
        validate_variable(Variable("x", VariableType.ONE_OF, [Option("a"), Option("b")], level="ratio"))
    with pytest.raises(VariableError, match="at least two values"):
        validate_variable(Variable("x", VariableType.ONE_OF, [Option("a")]))
    with pytest.raises(VariableError, match="appears twice"):
        validate_variable(Variable("x", VariableType.ONE_OF, [Option("a"), Option("A")]))


def test_names_are_unique_ignoring_case(coded):
    project, _, _ = coded
    with pytest.raises(VariableError, match="already a variable named 'Tone'"):
        project.variables.add(Variable("Tone", VariableType.TEXT))


def test_parse_reads_what_a_coder_types(coded):
    _, v, _ = coded
    tone = v["tone"]
    assert variable_values.parse(tone, "Negative") == tone.options[1].id
    assert variable_values.parse(tone, "5") == tone.options[4].id  # a scale point by its number
    assert variable_values.parse(v["frames"], "economic; conflict") == (v["frames"].options[0].id, v["frames"].options[2].id)
    assert variable_values.parse(v["sources"], "3") == 3.0
    assert variable_values.parse(v["sources"], "2,5") == 2.5
    assert variable_values.parse(v["victim"], "Y") is True
    with pytest.raises(VariableError, match="'awful' is not one of: very negative, negative, neutral"):
        variable_values.parse(tone, "awful")
    with pytest.raises(VariableError, match="not a number"):
        variable_values.parse(v["sources"], "many")
    with pytest.raises(VariableError, match="not a finite number"):
        variable_values.parse(v["sources"], "inf")


def test_set_is_saved_at_once_one_undo_step_per_coder(coded):
    project, v, ids = coded
    history = History(project)
    change = history.push(ops.set_value(project, ids[0], v["tone"], "maria", v["tone"].options[1].id))
    assert project.article_values.get(ids[0], v["tone"].id, "maria").value == v["tone"].options[1].id
    assert project.articles.status(ids[0]) is Status.IN_PROGRESS  # coding starts the article
    ops.set_value(project, ids[0], v["tone"], "li", v["tone"].options[3].id)
    assert ops.coder_values(project, ids[0], "maria") == {v["tone"].id: v["tone"].options[1].id}
    assert change.label == "Set tone to negative"
    history.undo()
    assert project.article_values.get(ids[0], v["tone"].id, "maria") is None
    assert project.articles.status(ids[0]) is Status.TODO
    assert project.article_values.get(ids[0], v["tone"].id, "li") is not None  # li's value untouched
    history.redo()
    assert project.article_values.get(ids[0], v["tone"].id, "maria").value == v["tone"].options[1].id


def test_replacing_then_undo_restores_the_earlier_value(coded):
    project, v, ids = coded
    history = History(project)
    history.push(ops.set_value(project, ids[1], v["sources"], "sam", 2))
    history.push(ops.set_value(project, ids[1], v["sources"], "sam", 5))
    assert ops.set_value(project, ids[1], v["sources"], "sam", 5).empty  # no change, no step
    history.undo()
    assert ops.coder_values(project, ids[1], "sam") == {v["sources"].id: 2.0}
    history.push(ops.clear_value(project, ids[1], v["sources"], "sam"))
    assert ops.coder_values(project, ids[1], "sam") == {}
    history.undo()
    assert ops.coder_values(project, ids[1], "sam") == {v["sources"].id: 2.0}


def test_bad_values_are_refused_and_nothing_is_written(coded):
    project, v, ids = coded
    with pytest.raises(VariableError, match="is not one of"):
        ops.set_value(project, ids[0], v["topic"], "maria", "not-an-id")
    with pytest.raises(VariableError, match="no article"):
        ops.set_value(project, "nope", v["topic"], "maria", v["topic"].options[0].id)
    with pytest.raises(VariableError, match="coder's name"):
        ops.set_value(project, ids[0], v["topic"], " ", v["topic"].options[0].id)
    with pytest.raises(VariableError, match="no variable called 'mood'; variables: tone, topic"):
        ops.code_from_text(project, ids[0], ["tone=negative", "mood=sad"], "maria")
    assert list(project.article_values.all()) == []  # all or none


def test_code_from_text_is_one_step_and_name_equals_nothing_clears(coded):
    project, v, ids = coded
    history = History(project)
    change = history.push(ops.code_from_text(
        project, ids[2], ["tone=positive", "frames=conflict;economic", "victim=no", "actor=the mayor", "sources=0"], "li"))
    assert len(change.values) == 5
    values = ops.coder_values(project, ids[2], "li")
    assert values[v["victim"].id] is False and values[v["actor"].id] == "the mayor"
    history.push(ops.code_from_text(project, ids[2], ["frames=none", "actor="], "li"))
    values = ops.coder_values(project, ids[2], "li")
    assert values[v["frames"].id] == () and v["actor"].id not in values
    history.undo()
    history.undo()
    assert ops.coder_values(project, ids[2], "li") == {}


def test_renaming_a_value_or_adding_one_keeps_every_coding(coded):
    project, v, ids = coded
    ops.set_value(project, ids[0], v["topic"], "maria", v["topic"].options[2].id)
    project.variables.rename_option(v["topic"].id, v["topic"].options[2].id, "crime and justice")
    project.variables.add_option(v["topic"].id, "sport")
    project.variables.rename(v["topic"].id, "main topic")
    topic = project.variables.by_name("Main Topic")
    stored = project.article_values.get(ids[0], topic.id, "maria")
    assert variable_values.display(topic, stored.value) == "crime and justice"
    assert [o.label for o in topic.options] == ["politics", "economy", "crime and justice", "sport"]
    with pytest.raises(VariableError, match="values cannot be removed"):
        from dataclasses import replace

        project.variables.update(replace(topic, options=topic.options[:2]))


def test_reorder_and_retire(coded):
    project, v, ids = coded
    project.variables.reorder([v["actor"].id, v["tone"].id])
    assert [x.name for x in project.variables.variables()][:3] == ["actor", "tone", "topic"]
    ops.set_value(project, ids[0], v["actor"], "maria", "the mayor")
    project.variables.retire(v["actor"].id)
    assert "actor" not in [x.name for x in project.variables.active()]
    assert project.article_values.get(ids[0], v["actor"].id, "maria") is not None
    with pytest.raises(VariableError, match="no variable called 'actor'"):
        ops.code_from_text(project, ids[0], ["actor=x"], "maria")


def test_codebook_json_round_trip_keeps_ids_types_levels_and_values(coded):
    project, v, _ = coded
    document = codebook.to_json(project.codebook.tags(), project.variables.variables())
    data = json.loads(document)
    assert [x["name"] for x in data["variables"]] == ["tone", "topic", "frames", "sources", "victim", "actor"]
    assert data["variables"][3]["level"] == "ratio"
    tags, variables = codebook.parse_json(document)
    assert [(x.id, x.type, x.level, [o.label for o in x.options]) for x in variables] == [
        (x.id, x.type, x.level, [o.label for o in x.options]) for x in project.variables.variables()]
    assert codebook.parse_json(json.dumps({"tags": []})) == ([], [])


def test_importing_a_codebook_updates_by_name_and_keeps_value_ids(coded, tmp_path):
    project, v, ids = coded
    ops.set_value(project, ids[0], v["tone"], "maria", v["tone"].options[0].id)
    incoming = {"tags": [], "variables": [
        {"name": "TONE", "type": "scale", "values": ["very negative!", "negative", "neutral", "positive", "very positive"]},
        {"name": "genre", "type": "one-of", "values": ["news", "opinion"]},
    ]}
    _, variables = codebook.parse_json(json.dumps(incoming))
    project.variables.replace_all(variables)
    tone = project.variables.by_name("tone")
    assert tone.name == "TONE" and tone.id == v["tone"].id
    # the relabelled first point is a new option; the old one stays so the coding keeps its meaning
    assert variable_values.display(tone, project.article_values.get(ids[0], tone.id, "maria").value) == "very negative"
    assert project.variables.by_name("genre") is not None


def test_a_malformed_variable_in_a_codebook_is_one_plain_error():
    with pytest.raises(codebook.CodebookError, match="variable 1 is malformed"):
        codebook.parse_json(json.dumps({"tags": [], "variables": [{"name": "x", "type": "colour"}]}))
    with pytest.raises(codebook.CodebookError, match="needs at least two values"):
        codebook.parse_json(json.dumps({"tags": [], "variables": [{"name": "x", "type": "one-of", "values": ["a"]}]}))


def test_articles_where_variable_equals_value(coded):
    project, v, ids = coded
    ops.code_from_text(project, ids[0], ["topic=crime", "frames=conflict;economic"], "maria")
    ops.code_from_text(project, ids[1], ["topic=crime", "frames=economic"], "li")
    ops.code_from_text(project, ids[2], ["topic=politics"], "maria")
    assert ops.articles_where(project, "topic", "crime") == sorted(ids[:2])
    assert ops.articles_where(project, "topic", "crime", annotator="li") == [ids[1]]
    assert ops.articles_where(project, "frames", "economic") == sorted(ids[:2])
    assert ops.articles_where(project, "frames", "conflict") == [ids[0]]


def test_unset_variables_flag_before_done(coded):
    project, v, ids = coded
    assert not ops.requires_all_before_done(project)
    ops.set_requires_all_before_done(project, True)
    assert ops.requires_all_before_done(project)
    ops.code_from_text(project, ids[0], ["tone=neutral", "topic=crime"], "maria")
    assert [x.name for x in ops.unset_variables(project, ids[0], "maria")] == ["frames", "sources", "victim", "actor"]


def test_deleting_an_article_deletes_its_values(project_file):
    project = project_file
    v = add_variables(project)
    ids = add_articles(project, 2)
    ops.set_value(project, ids[0], v["victim"], "maria", True)
    project.db.execute("DELETE FROM articles WHERE id = ?", [ids[0]])
    assert list(project.article_values.all()) == []
    assert TONE[0] == "very negative"
