"""The evented model of the open article's annotations, with no Qt; and the list adapter over it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from annotator.core.article_annotations import ArticleAnnotations
from annotator.core.changes import Change
from annotator.core.model import Annotation, Article, Status

TEXT = "One two three four five six seven eight nine ten."


def ann(start, end, annotator="ana", tag="t1", article="a1", **kw):
    return Annotation(article_id=article, tag_id=tag, start=start, end=end, text=TEXT[start:end],
                      annotator=annotator, **kw)


@pytest.fixture
def model():
    rows = [ann(0, 3), ann(4, 7, "bo"), ann(4, 13), ann(8, 13, tag="t2")]
    by_id = {a.id: a for a in rows}
    m = ArticleAnnotations(load=lambda _aid: list(by_id.values()), fetch=by_id.get)
    m.by_id = by_id
    events = []
    m.added.connect(lambda a: events.append(("added", a.id)))
    m.removed.connect(lambda a: events.append(("removed", a.id)))
    m.updated.connect(lambda old, new: events.append(("updated", new.id, old.start, new.start)))
    m.reset.connect(lambda: events.append(("reset",)))
    m.selection.connect(lambda a: events.append(("selection", a.id if a else None)))
    m.events = events
    m.rows = rows
    m.open(Article(id="a1", text=TEXT, status=Status.TODO),
           [(a.id, a.tag_id, a.start, a.end, a.annotator) for a in rows])
    events.clear()
    return m


def test_refs_are_in_text_order_and_hidden_coders_are_filtered_in_one_place(model):
    assert [(r.start, r.end) for r in model.refs()] == [(0, 3), (4, 7), (4, 13), (8, 13)]
    model.set_hidden({"bo"})
    assert [r.annotator for r in model.refs()] == ["ana"] * 3
    assert model.events[0] == ("reset",)
    bo = model.rows[1]
    assert model.ref(bo.id) is None and model.get(bo.id) is None
    model.select(bo.id)
    assert model.selected_id is None  # a hidden annotation cannot be selected


def test_events_fire_only_for_visible_annotations_of_the_open_article(model):
    model.set_hidden({"bo"})
    model.events.clear()
    model.apply(Change("x", added=(ann(20, 23, "bo"), ann(24, 28), ann(0, 3, article="other"))))
    assert [e[0] for e in model.events] == ["added"]
    assert len(model.refs()) == 4  # the hidden one is kept, just not shown


def test_selection_is_by_id_and_survives_a_move(model):
    target = model.rows[0]
    model.select(target.id)
    moved = replace(target, end=7, text=TEXT[0:7])
    model.apply(Change("nudge", updated=((target, moved),)))
    assert model.selected_id == target.id and model.selected.end == 7
    assert ("updated", target.id, 0, 0) in model.events


def test_removing_the_selected_annotation_clears_the_selection_first(model):
    target = model.rows[2]
    model.select(target.id)
    model.events.clear()
    model.apply(Change("delete", removed=(target,)))
    assert model.events == [("selection", None), ("removed", target.id)]
    assert model.selected is None and model.ref(target.id) is None


def test_status_changes_follow_the_open_article(model):
    from annotator.core.changes import StatusChange

    model.apply(Change("add", statuses=(StatusChange("a1", Status.TODO, Status.IN_PROGRESS),)))
    assert model.article.status is Status.IN_PROGRESS


def test_around_gives_the_neighbours_for_link_choices(model):
    assert [r.start for r in model.around(8, 2)] == [4, 8]


def test_the_model_imports_no_qt():
    code = "import sys, annotator.core.article_annotations; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the list adapter over it ----------------------------------------------------------------


def test_list_model_passes_qtmodeltester_through_adds_moves_and_removes(qtmodeltester, qtbot):
    from annotator.core.model import NewArticle
    from annotator.storage import Project
    from annotator.ui.annotation_list import AnnotationListModel
    from annotator.ui.session import ProjectSession

    with Project.in_memory() as project:
        article_id = project.articles.add(NewArticle(text=TEXT, title="t"))
        session = ProjectSession(project, "ana")
        session.open_article(article_id)
        model = AnnotationListModel(session)
        tags = [t.id for t in session.tags()]
        made = [session.add_annotation(tags[i % 4], s, e) for i, (s, e) in enumerate([(0, 3), (4, 7), (8, 13), (14, 18)])]
        qtmodeltester.check(model)
        session.select_annotation(made[0].id)
        moves = []
        model.rowsMoved.connect(lambda *args: moves.append(args))
        session.nudge("end", 3)  # (0, 3) -> (0, 18)
        session.nudge("start", 1)
        session.nudge("start", 1)  # -> (8, 18): its row moves below (4, 7)
        assert moves and session.selected.id == made[0].id
        assert [model.annotation_id(r) for r in range(model.rowCount())] == [r.id for r in session.refs()]
        session.remove_annotation(made[2].id)
        session.undo()
        qtmodeltester.check(model)
        assert [model.annotation_id(r) for r in range(model.rowCount())] == [r.id for r in session.refs()]


def test_rows_given_in_order_are_kept_as_the_order_and_blind_coding_still_filters(model):
    rows = [(a.id, a.tag_id, a.start, a.end, a.annotator) for a in model.rows]
    model.open(Article(id="a1", text=TEXT, status=Status.TODO), rows, in_order=True)
    assert [(r.start, r.end) for r in model.refs()] == [(0, 3), (4, 7), (4, 13), (8, 13)]
    added = ann(4, 5)
    model.apply(Change("Add", added=(added,)))
    assert [(r.start, r.end) for r in model.refs()] == [(0, 3), (4, 5), (4, 7), (4, 13), (8, 13)]
    model.set_hidden({"bo"})
    assert [r.annotator for r in model.refs()] == ["ana"] * 4
