"""Article memos (issue 13): each coder's own, set as one undoable operation, stored by
migration 0014, kept when an article is removed and restored, in the articles CSV."""

from __future__ import annotations

import csv

import pytest

from annotator.actions import articles, editing, memos
from annotator.actions.history import History
from annotator.core.model import NewArticle
from annotator.storage import Project
from annotator.storage.errors import InvalidAnnotationError

MEMO = "Framing: economic.\nCheck the second quote against the radio interview."


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "memos.annotator") as project:
        for n in range(3):
            project.articles.add(NewArticle(text=f"The council said the plan was shocking ({n}).", title=f"Plan {n}"))
        yield project


def ids(project):
    return project.articles.ids()


def test_a_memo_is_the_coders_own_and_undo_takes_it_back(project):
    first = ids(project)[0]
    history = History(project)
    history.push(memos.set_memo(project, first, "ana", MEMO))
    history.push(memos.set_memo(project, first, "ben", "Ben's view."))
    assert memos.memo_text(project, first, "ana") == MEMO
    assert memos.memo_text(project, first, "ben") == "Ben's view."
    assert memos.memo_text(project, ids(project)[1], "ana") == ""
    history.push(memos.set_memo(project, first, "ana", MEMO + "\nMore."))
    history.undo()
    assert memos.memo_text(project, first, "ana") == MEMO
    history.undo()  # ben's memo goes, ana's stays
    assert memos.memo_text(project, first, "ben") == "" and memos.memo_text(project, first, "ana") == MEMO
    history.redo()
    assert memos.memo_text(project, first, "ben") == "Ben's view."


def test_emptying_a_memo_removes_it_and_the_same_text_changes_nothing(project):
    first = ids(project)[0]
    memos.set_memo(project, first, "ana", MEMO)
    assert memos.set_memo(project, first, "ana", MEMO).empty
    change = memos.set_memo(project, first, "ana", "  \n ")
    assert project.memos.get(first, "ana") is None and project.memos.count() == 0
    editing.revert(project, change)
    assert memos.memo_text(project, first, "ana") == MEMO


def test_bad_input_is_one_clear_line_and_nothing_is_written(project):
    with pytest.raises(editing.NotFoundError, match="no article nope"):
        memos.set_memo(project, "nope", "ana", MEMO)
    with pytest.raises(InvalidAnnotationError, match="annotator's name"):
        memos.set_memo(project, ids(project)[0], " ", MEMO)
    with pytest.raises(InvalidAnnotationError, match="at most 100,000 characters"):
        memos.set_memo(project, ids(project)[0], "ana", "x" * 100_001)
    assert project.memos.count() == 0


def test_removing_an_article_takes_its_memos_and_undo_brings_them_back(project):
    first = ids(project)[0]
    memos.set_memo(project, first, "ana", MEMO)
    memos.set_memo(project, first, "ben", "Ben's view.")
    change = articles.remove_article(project, first)
    assert project.memos.count() == 0
    editing.revert(project, change)
    assert [m.annotator for m in project.memos.for_article(first)] == ["ana", "ben"]
    assert memos.memo_text(project, first, "ana") == MEMO


def test_memos_survive_closing_and_reopening_the_file(project):
    memos.set_memo(project, ids(project)[1], "ana", MEMO)
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert memos.memo_text(again, again.articles.ids()[1], "ana") == MEMO


def read_articles_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_articles_csv_has_one_memo_column_per_coder_before_the_text(project, tmp_path):
    from annotator.actions.export import export

    first, second = ids(project)[:2]
    memos.set_memo(project, first, "ana", MEMO)
    memos.set_memo(project, second, "ben", "=1+1 looks like a formula")
    export(project, "csv", tmp_path / "a.csv", articles_csv=tmp_path / "arts.csv")
    with open(tmp_path / "arts.csv", newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[-3:] == ["memo_ana", "memo_ben", "text"]
    rows = {r["article_id"]: r for r in read_articles_csv(tmp_path / "arts.csv")}
    assert rows[first]["memo_ana"] == MEMO and rows[first]["memo_ben"] == ""
    assert rows[second]["memo_ben"] == "'=1+1 looks like a formula"  # the formula guard holds
    assert len(rows) == 3


def test_one_coders_export_has_a_plain_memo_column_and_no_memo_no_column(project, tmp_path):
    from annotator.actions.export import export

    export(project, "csv", tmp_path / "a.csv", articles_csv=tmp_path / "none.csv")
    assert "memo" not in read_articles_csv(tmp_path / "none.csv")[0]
    memos.set_memo(project, ids(project)[0], "ana", MEMO)
    memos.set_memo(project, ids(project)[0], "ben", "Ben's view.")
    export(project, "csv", tmp_path / "a.csv", annotators=["ana"], articles_csv=tmp_path / "ana.csv")
    rows = read_articles_csv(tmp_path / "ana.csv")
    assert rows[0]["memo"] == MEMO and "memo_ben" not in rows[0]


def test_a_memo_edit_waiting_for_a_team_server_is_kept_whole_in_the_journal(project):
    from annotator.core import change_codec

    change = memos.set_memo(project, ids(project)[0], "ana", MEMO)
    again = change_codec.decode(change_codec.encode(change))
    assert again == change and again.memos[0].new.text == MEMO
    # A journal line written before memos existed still reads.
    line = change_codec.encode(editing.set_status(project, ids(project)[1], "done")).replace(', "memos": []', "")
    assert "memos" not in line and change_codec.decode(line).memos == ()
