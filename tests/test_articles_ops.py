"""Correcting article metadata and removing articles: one transaction each, undoable, the
text untouched; and ``annotator articles``."""

from __future__ import annotations

import json

import pytest

from annotator.actions import articles, editing
from annotator.actions.history import History
from annotator.cli.main import main
from annotator.core.model import NewArticle
from annotator.storage import Project
from annotator.storage.errors import InvalidAnnotationError

TEXT_A = "Council closes old bridge. The council voted on Tuesday, said Mara Lind."
TEXT_B = "Harbour welcomes quota. Fishermen were pleased."


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        project.articles.add_many([NewArticle(text=TEXT_A, title="Council closes old brige", outlet="Gazette",
                                              extra={"database": "Nexis Uni", "section": "LOCAL"}),
                                   NewArticle(text=TEXT_B, title="Harbour welcomes quota")])
        ids = project.articles.ids()
        tag = project.codebook.active()[0]
        for coder, (start, end) in (("ana", (0, 7)), ("ana", (8, 14)), ("ben", (27, 32))):
            editing.add_annotation(project, ids[0], tag.id, start, end, coder)
        editing.add_annotation(project, ids[1], tag.id, 0, 7, "ana")
    return path, ids


def test_metadata_is_corrected_and_undone(study):
    path, (a, _b) = study
    with Project.open(path) as project:
        history = History(project)
        history.push(articles.set_metadata(project, a, {"title": "Council closes old bridge", "page": "4", "section": ""}))
        article = project.articles.get(a)
        assert (article.title, article.text, article.extra) == ("Council closes old bridge", TEXT_A, {"database": "Nexis Uni", "page": "4"})
        assert project.articles.search("bridge") == [a]  # the full-text index follows the title
        history.undo()
        assert (project.articles.get(a).title, project.articles.get(a).extra) == ("Council closes old brige", {"database": "Nexis Uni", "section": "LOCAL"})


def test_the_text_cannot_be_set(study):
    path, (a, _b) = study
    with Project.open(path) as project:
        with pytest.raises(InvalidAnnotationError, match="text of an article cannot be changed"):
            articles.set_metadata(project, a, {"text": "Something else"})
        assert project.articles.get(a).text == TEXT_A


def test_removing_an_article_takes_every_coders_annotations_and_undo_brings_them_back(study):
    path, (a, b) = study
    with Project.open(path) as project:
        before = sorted((x.id, x.annotator, x.start) for x in project.annotations.for_article(a))
        preview = articles.preview_removal(project, a)
        assert preview.sentence() == "Remove “Council closes old brige” and its 3 annotations?"
        history = History(project)
        history.push(articles.remove_article(project, a))
        assert (project.articles.ids(), len(project.annotations.for_article(a))) == ([b], 0)
        assert project.articles.search("council") == []
        history.undo()
        article = project.articles.get(a)
        assert (article.text, article.title, article.extra["section"]) == (TEXT_A, "Council closes old brige", "LOCAL")
        assert sorted((x.id, x.annotator, x.start) for x in project.annotations.for_article(a)) == before
        assert project.articles.search("council") == [a]
        history.redo()
        assert project.articles.ids() == [b]


def run_cli(capsys, *words):
    code = main(list(words))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_lists_sets_and_removes(study, capsys):
    path, (a, b) = study
    code, out, _ = run_cli(capsys, "articles", str(path), "--json")
    rows = json.loads(out)
    assert code == 0 and [(r["id"], r["annotations"]) for r in rows] == [(a, 3), (b, 1)]
    code, out, _ = run_cli(capsys, "articles", str(path), "--set", a[:10], "title=Council closes old bridge", "outlet=The Gazette")
    assert code == 0 and out.strip() == f"{a[:12]}: title set, outlet set"
    code, out, err = run_cli(capsys, "articles", str(path), "--set", a[:10], "text=New text")
    assert code == 2 and "cannot be changed" in err
    code, out, _ = run_cli(capsys, "articles", str(path), "--remove", a)
    assert code == 0 and out.strip() == f"removed {a[:12]} “Council closes old bridge” and 3 annotations"
    code, out, _ = run_cli(capsys, "articles", str(path))
    assert out.strip().endswith("1 articles") and "Harbour welcomes quota" in out
    code, _, err = run_cli(capsys, "articles", str(path), "--remove", "ffff")
    assert code == 2 and err.strip() == "annotator: error: no article 'ffff' in this project"
