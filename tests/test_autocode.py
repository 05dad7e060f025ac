"""Autocode: preview, one-step apply and undo, and ``annotator autocode``."""

from __future__ import annotations

import json

import pytest

from annotator.actions import autocode, editing
from annotator.actions.autocode import AutocodeError, Search
from annotator.actions.history import History
from annotator.cli.main import main
from annotator.core.model import NewArticle, Status

TEXTS = [
    "The plan, according to officials, will cost more. According\nto the mayor it is fine.",
    "Nothing here but accordingly, which is another word. 😀 according to 😀 emoji.",
    "ACCORDING TO THE REPORT, prices rose. Über-Preise according to Müller.",
]


@pytest.fixture
def corpus(project_file):
    ids = [project_file.articles.add(NewArticle(text=t, title=f"a{i}")) for i, t in enumerate(TEXTS)]
    tag = project_file.codebook.by_name("Source attribution")
    return project_file, ids, tag


def test_preview_finds_phrases_across_line_breaks_in_whole_words(corpus):
    project, ids, tag = corpus
    plan = autocode.preview(project, tag.id, "ana", Search(phrase="according to"))
    assert plan.count == 5 and plan.articles_matched == 3 and plan.articles_searched == 3
    assert {m.passage for m in plan.matches} == {"according to", "According\nto", "ACCORDING TO"}
    assert project.annotations.count() == 0  # a preview writes nothing


def test_matches_are_code_point_spans_with_the_passage_copied(corpus):
    project, ids, tag = corpus
    plan = autocode.preview(project, tag.id, "ana", Search(phrase="according to"), [ids[1]])
    (match,) = plan.matches
    assert TEXTS[1][match.start:match.end] == "according to" and TEXTS[1].index("😀") < match.start
    change = autocode.apply_plan(project, plan)
    (stored,) = project.annotations.for_article(ids[1])
    assert (stored.start, stored.end, stored.text) == (match.start, match.end, "according to")
    assert stored.context_before.endswith("😀 ") and change.added[0].id == stored.id


def test_case_and_whole_word_options(corpus):
    project, ids, tag = corpus
    assert autocode.preview(project, tag.id, "ana", Search(phrase="according to", case_sensitive=True)).count == 3
    assert autocode.preview(project, tag.id, "ana", Search(phrase="according")).count == 5
    assert autocode.preview(project, tag.id, "ana", Search(phrase="according", whole_words=False)).count == 6


def test_regex_search(corpus):
    project, ids, tag = corpus
    plan = autocode.preview(project, tag.id, "ana", Search(regex=r"according to \w+"), [ids[2]])
    assert [m.passage for m in plan.matches] == ["ACCORDING TO THE", "according to Müller"]


def test_apply_is_one_undoable_step_that_moves_todo_articles_on(corpus):
    project, ids, tag = corpus
    project.articles.set_status(ids[2], Status.DONE)
    history = History(project)
    plan = autocode.preview(project, tag.id, "ana", Search(phrase="according to"))
    change = history.push(autocode.apply_plan(project, plan))
    assert len(change.added) == 5 and history.undo_label == "Autocode 5 × Source attribution"
    assert [project.articles.status(i) for i in ids] == [Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE]
    history.undo()
    assert project.annotations.count() == 0
    assert [project.articles.status(i) for i in ids] == [Status.TODO, Status.TODO, Status.DONE]
    history.redo()
    assert project.annotations.count() == 5


def test_matches_already_tagged_by_the_coder_are_skipped_and_counted(corpus):
    project, ids, tag = corpus
    start = TEXTS[0].index("according to")
    editing.add_annotation(project, ids[0], tag.id, start, start + 12, "ana")
    editing.add_annotation(project, ids[0], tag.id, start, start + 12, "bo")  # another coder's
    plan = autocode.preview(project, tag.id, "ana", Search(phrase="according to"))
    assert plan.skipped == 1 and plan.count == 4
    assert "4 new matches" in plan.summary() and "1 already tagged" in plan.summary()


@pytest.mark.parametrize("search, message", [
    (Search(), "either a phrase or a regular expression"),
    (Search(phrase="   "), "either a phrase or a regular expression"),
    (Search(regex="(unclosed"), "is not valid"),
    (Search(phrase="x", regex="y"), "either a phrase or a regular expression"),
])
def test_bad_searches_are_one_clear_line(corpus, search, message):
    project, ids, tag = corpus
    with pytest.raises(AutocodeError, match=message):
        autocode.preview(project, tag.id, "ana", search)


def test_unknown_tag_article_and_coder(corpus):
    project, ids, tag = corpus
    with pytest.raises(AutocodeError, match="no tag"):
        autocode.preview(project, "Nope", "ana", Search(phrase="x"))
    with pytest.raises(AutocodeError, match="no article"):
        autocode.preview(project, tag.id, "ana", Search(phrase="x"), ["missing"])
    with pytest.raises(AutocodeError, match="coder"):
        autocode.preview(project, tag.id, " ", Search(phrase="x"))


# -- the command line --------------------------------------------------------------------------


def test_cli_dry_run_writes_nothing_and_prints_a_sample(corpus, capsys):
    project, ids, tag = corpus
    project.close()
    assert main(["autocode", str(project.path), "--tag", "Source attribution", "--phrase", "according to",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "5 new matches" in out and "Nothing written" in out and "[according to]" in out
    from annotator.storage import Project

    with Project.open(project.path) as again:
        assert again.annotations.count() == 0


def test_cli_writes_and_reports_json(corpus, capsys):
    project, ids, tag = corpus
    project.close()
    assert main(["autocode", str(project.path), "--tag", "source attribution", "--regex", r"accord\w*",
                 "--article", ids[1][:12], "--annotator", "ana", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matches"] == 2 and data["written"] == 2 and data["articles_searched"] == 1
    assert main(["autocode", str(project.path), "--tag", "Source attribution", "--regex", r"accord\w*",
                 "--article", ids[1], "--annotator", "ana", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["matches"] == 0 and again["already_tagged"] == 2


@pytest.mark.parametrize("argv, message", [
    (["--tag", "Nope", "--phrase", "x"], "no tag named 'Nope'"),
    (["--tag", "Claim", "--regex", "(x"], "is not valid"),
    (["--tag", "Claim", "--phrase", "x", "--article", "zzzzzz"], "no article"),
])
def test_cli_bad_input_is_one_line_and_exit_2(corpus, capsys, argv, message):
    project, ids, tag = corpus
    project.close()
    assert main(["autocode", str(project.path), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
