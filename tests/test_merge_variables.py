"""Merging a colleague's article-level values: matched by content id, coder and variable name."""

import pytest

from annotator.actions import variables as ops
from annotator.actions.merge import MergeError, apply_merge, plan_merge
from annotator.core import variable_values
from annotator.core.variables import Option, Variable, VariableType
from annotator.storage import Project
from tests.variable_fixtures import add_articles, add_variables


@pytest.fixture
def two(tmp_path):
    ours = Project.create(tmp_path / "ours.annotator")
    theirs = Project.create(tmp_path / "theirs.annotator")
    ov, tv = add_variables(ours), add_variables(theirs)  # same names, different ids
    ids = add_articles(ours, 4)
    assert add_articles(theirs, 4) == ids  # content ids: the same texts
    yield ours, theirs, ov, tv, ids
    ours.close()
    theirs.close()


def test_their_values_arrive_matched_by_content_id_and_name(two):
    ours, theirs, ov, tv, ids = two
    ops.code_from_text(theirs, ids[1], ["tone=positive", "frames=economic;conflict", "sources=4", "victim=no"], "li")
    theirs.variables.add_option(tv["topic"].id, "sport")
    ops.code_from_text(theirs, ids[2], ["topic=sport"], "li")
    ops.code_from_text(ours, ids[1], ["tone=negative"], "maria")
    theirs.close()
    plan = plan_merge(ours, theirs.path)
    assert plan.values.to_json()["values_to_add"] == 5
    assert [v.name for v in plan.values.variables_to_extend] == ["topic"]
    report = apply_merge(ours, plan)
    assert report.values_added == 5
    li = ops.coder_values(ours, ids[1], "li")
    assert variable_values.display(ov["tone"], li[ov["tone"].id]) == "positive"
    assert variable_values.display(ov["frames"], li[ov["frames"].id]) == "conflict; economic"
    topic = ours.variables.by_name("topic")
    assert variable_values.display(topic, ops.coder_values(ours, ids[2], "li")[topic.id]) == "sport"
    assert ops.coder_values(ours, ids[1], "maria") == {ov["tone"].id: ov["tone"].options[1].id}
    again = plan_merge(ours, theirs.path)  # merging again adds nothing
    assert again.values.to_write == [] and not again.changes_anything()


def test_a_variable_we_lack_is_added_and_a_type_clash_is_a_problem(two, tmp_path):
    ours, theirs, ov, tv, ids = two
    genre = theirs.variables.add(Variable("genre", VariableType.ONE_OF, [Option("news"), Option("opinion")]))
    theirs.variables.rename(tv["actor"].id, "actor2")
    clash = theirs.variables.add(Variable("Victim2", VariableType.TEXT))
    ours.variables.add(Variable("victim2", VariableType.YES_NO))
    ops.code_from_text(theirs, ids[0], ["genre=opinion", "victim2=a child"], "li")
    theirs.close()
    plan = plan_merge(ours, theirs.path)
    assert any("'Victim2' is text there and yes-no here" in p for p in plan.problems)
    apply_merge(ours, plan)
    genre_here = ours.variables.by_name("genre")
    assert genre_here is not None and genre.id == genre_here.id
    assert variable_values.display(genre_here, ops.coder_values(ours, ids[0], "li")[genre_here.id]) == "opinion"
    assert clash.id not in ops.coder_values(ours, ids[0], "li")


def test_a_coder_with_only_values_clashes_with_our_coder_of_that_name(two):
    ours, theirs, ov, tv, ids = two
    ops.code_from_text(ours, ids[0], ["tone=neutral"], "li")
    ops.code_from_text(theirs, ids[0], ["tone=positive"], "li")
    theirs.close()
    plan = plan_merge(ours, theirs.path)
    assert plan.clashes == ["li"]
    with pytest.raises(MergeError):
        apply_merge(ours, plan)
    plan = plan_merge(ours, theirs.path, rename={"li": "li2"})
    apply_merge(ours, plan)
    assert variable_values.display(ov["tone"], ops.coder_values(ours, ids[0], "li2")[ov["tone"].id]) == "positive"
    assert variable_values.display(ov["tone"], ops.coder_values(ours, ids[0], "li")[ov["tone"].id]) == "neutral"
