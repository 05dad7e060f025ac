"""``annotator codebook --add-variable``, ``annotator code`` and ``annotator agree`` on variables."""

import json

import pytest

from annotator.cli.main import main
from annotator.storage import Project
from tests.variable_fixtures import add_articles


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        ids = add_articles(project, 8)
    return path, ids


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_variables_of_every_type_and_list_them(study, capsys):
    path, _ = study
    assert run(capsys, "codebook", path, "--add-variable", "tone", "--type", "scale",
               "--values", "negative, neutral ,positive")[0] == 0
    assert run(capsys, "codebook", path, "--add-variable", "sources", "--type", "number", "--level", "ratio")[0] == 0
    assert run(capsys, "codebook", path, "--add-variable", "victim", "--type", "yes-no")[0] == 0
    code, out, _ = run(capsys, "codebook", path)
    assert "tone  scale, ordinal: negative, neutral, positive" in out
    assert "sources  number, ratio" in out


@pytest.mark.parametrize("args, message", [
    (["--add-variable", "n", "--type", "number"], "needs --level interval or --level ratio"),
    (["--add-variable", "t", "--type", "one-of"], 'needs --values "A,B,C"'),
    (["--add-variable", "t", "--type", "text", "--values", "a,b"], "has no list of values"),
    (["--add-variable", "t"], "needs --type"),
    (["--add-variable", "t", "--type", "one-of", "--values", "a,b", "--level", "ratio"], "measured at nominal"),
    (["--type", "text"], "go with --add-variable"),
])
def test_bad_variable_definitions_are_one_line_errors(study, capsys, args, message):
    path, _ = study
    code, _, err = run(capsys, "codebook", path, *args)
    assert code == 2 and message in err and "Traceback" not in err
    with Project.open(path) as project:
        assert project.variables.variables() == []


def test_code_sets_values_and_names_allowed_values_on_error(study, capsys):
    path, ids = study
    run(capsys, "codebook", path, "--add-variable", "tone", "--type", "scale", "--values", "negative,neutral,positive")
    run(capsys, "codebook", path, "--add-variable", "frames", "--type", "several-of", "--values", "conflict,economic")
    code, out, _ = run(capsys, "code", path, ids[0][:12], "tone=Negative", "frames=conflict;economic", "--annotator", "maria")
    assert code == 0 and "2 of 2 variables changed" in out
    code, _, err = run(capsys, "code", path, ids[0], "tone=awful", "--annotator", "maria")
    assert code == 2 and "tone: 'awful' is not one of: negative, neutral, positive" in err
    code, _, err = run(capsys, "code", path, ids[0], "mood=sad", "--annotator", "maria")
    assert code == 2 and "no variable called 'mood'; variables: tone, frames" in err
    code, _, err = run(capsys, "code", path, "ffff", "tone=neutral", "--annotator", "maria")
    assert code == 2 and "no article 'ffff'" in err
    code, _, err = run(capsys, "code", path, ids[0], "tone", "--annotator", "maria")
    assert code == 2 and "write NAME=VALUE" in err
    with Project.open(path) as project:
        assert len(list(project.article_values.all())) == 2


def test_codebook_json_export_import_carries_variables(study, tmp_path, capsys):
    path, _ = study
    run(capsys, "codebook", path, "--add-variable", "topic", "--type", "one-of", "--values", "a,b,c")
    out_file = tmp_path / "cb.json"
    code, out, _ = run(capsys, "codebook", path, "--export", out_file)
    assert code == 0 and "1 variables" in out
    assert json.loads(out_file.read_text())["variables"][0]["values"][2]["label"] == "c"
    other = tmp_path / "other.annotator"
    Project.create(other).close()
    code, out, _ = run(capsys, "codebook", other, "--import", out_file)
    assert code == 0
    with Project.open(other) as project:
        assert [o.label for o in project.variables.by_name("topic").options] == ["a", "b", "c"]
    code, _, err = run(capsys, "codebook", path, "--export", tmp_path / "cb.qdc")
    assert code == 0 and "cannot carry article-level variables" in err


def test_agree_reports_each_variable_with_interval_seed_and_articles(study, capsys):
    path, ids = study
    run(capsys, "codebook", path, "--add-variable", "tone", "--type", "scale", "--values", "negative,neutral,positive")
    run(capsys, "codebook", path, "--add-variable", "victim", "--type", "yes-no")
    points = ["negative", "neutral", "positive"]
    for i, article in enumerate(ids):
        run(capsys, "code", path, article, f"tone={points[i % 3]}", f"victim={'yes' if i % 2 else 'no'}", "--annotator", "maria")
        run(capsys, "code", path, article, f"tone={points[(i + (i == 3)) % 3]}", "victim=yes", "--annotator", "li")
        if i < 5:
            run(capsys, "code", path, article, f"tone={points[i % 3]}", "--annotator", "sam")
    code, out, _ = run(capsys, "agree", path, "--between", "maria", "li", "sam", "--resamples", "500", "--seed", "4")
    assert code == 0
    assert "500 resamples, seed 4" in out
    assert "maria vs li" in out and "all 3 coders" in out
    code, out, _ = run(capsys, "agree", path, "--between", "maria", "li", "--json", "--threshold", "0.5")
    figures = json.loads(out)["article_variables"]["figures"]
    tone = next(f for f in figures if f["item"] == "tone")
    assert tone["articles"] == 8 and tone["level"] == "ordinal"
    assert tone["alpha_interval"]["resamples"] == 1000 and set(tone["alpha_interval"]["p_below"]) == {"0.5"}
    assert tone["kappa_linear"] is not None and tone["kappa"] is None
    victim = next(f for f in figures if f["item"] == "victim")
    assert victim["kappa"] is not None and victim["percent_agreement"] == 0.5
    code, _, err = run(capsys, "agree", path, "--between", "maria", "nobody", "--only-variables")
    assert code == 2 and "no article-level values by nobody" in err


def test_variables_are_edited_from_the_command_line_without_losing_codings(study, capsys):
    path, ids = study
    run(capsys, "codebook", path, "--add-variable", "topic", "--type", "one-of", "--values", "politics,crime")
    run(capsys, "codebook", path, "--add-variable", "victim", "--type", "yes-no")
    run(capsys, "code", path, ids[0], "topic=crime", "--annotator", "maria")
    assert run(capsys, "codebook", path, "--rename-value", "topic:crime=crime and justice")[0] == 0
    assert run(capsys, "codebook", path, "--add-value", "topic=sport")[1].strip() == "topic: politics, crime and justice, sport"
    assert run(capsys, "codebook", path, "--rename-variable", "topic=main topic")[0] == 0
    assert run(capsys, "codebook", path, "--order-variables", "victim,main topic")[0] == 0
    assert run(capsys, "codebook", path, "--retire-variable", "victim")[0] == 0
    code, _, err = run(capsys, "codebook", path, "--rename-value", "main topic:nope=x")
    assert code == 2 and "has no value 'nope'; values: politics, crime and justice, sport" in err
    code, _, err = run(capsys, "codebook", path, "--rename-variable", "topic")
    assert code == 2 and "write --rename-variable OLD=NEW" in err
    assert run(capsys, "codebook", path, "--require-all-before-done", "on")[0] == 0
    with Project.open(path) as project:
        from annotator.actions import variables as ops
        from annotator.core import variable_values

        assert [v.name for v in project.variables.variables()] == ["victim", "main topic"]
        topic = project.variables.by_name("main topic")
        stored = project.article_values.get(ids[0], topic.id, "maria")
        assert variable_values.display(topic, stored.value) == "crime and justice"
        assert [v.name for v in project.variables.active()] == ["main topic"]
        assert ops.requires_all_before_done(project)
