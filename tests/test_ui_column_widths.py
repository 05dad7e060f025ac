"""Issue 13: the corpus list's Title column can be dragged, and the annotation list gives its
room to the passage (the tag column is as wide as the tags shown, not the longest in the codebook)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from annotator.core.model import NewArticle
from annotator.storage import Project
from tests.ui_shell_fixtures import open_window, prompts, settings  # noqa: F401

TEXT = ("The minister said the plan was shocking. Officials agreed on Sunday, "
        "and residents of the river town said they would wait and see what the council decides.")


@pytest.fixture
def window(tmp_path, settings, prompts, qtbot):  # noqa: F811
    path = tmp_path / "widths.annotator"
    with Project.create(path) as project:
        for n in range(3):
            project.articles.add(NewArticle(text=f"{TEXT} ({n})", title=f"A rather long headline about the river flood {n}"))
    window = open_window(path, settings, prompts, qtbot, annotator="ana")
    window.resize(1400, 850)
    window.session.open_article(window.session.project.articles.ids()[0])
    return window


def drag(qtbot, header, x_from: int, x_to: int) -> None:
    """Press on a section edge in the header and drag it, as the mouse does."""
    y = header.height() // 2
    viewport = header.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x_from, y))
    qtbot.mouseMove(viewport, QPoint((x_from + x_to) // 2, y))
    qtbot.mouseMove(viewport, QPoint(x_to, y))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x_to, y))


def test_the_corpus_title_column_is_resized_by_dragging_its_edge(qtbot, window):
    window.splitter.setSizes([640, 500, 260])
    qtbot.wait(10)
    table = window.corpus_panel.table
    header = table.horizontalHeader()
    before = header.sectionSize(0)
    # The title takes the room the other columns leave.
    assert before + sum(header.sectionSize(c) for c in range(1, 6)) == pytest.approx(table.viewport().width(), abs=2)
    edge = header.sectionViewportPosition(0) + before - 1
    drag(qtbot, header, edge, edge - 60)
    assert header.sectionSize(0) == pytest.approx(before - 60, abs=3)
    drag(qtbot, header, edge - 60, edge + 40)
    assert header.sectionSize(0) == pytest.approx(before + 40, abs=3)
    # The coder's width stays when the panel is resized.
    window.splitter.setSizes([500, 600, 300])
    qtbot.wait(10)
    assert header.sectionSize(0) == pytest.approx(before + 40, abs=3)


def test_the_passage_column_gets_the_room_and_the_tag_column_fits_the_tags_shown(qtbot, window):
    session = window.session
    claim = next(t for t in session.tags() if t.name == "Claim")
    text = session.article.text
    for phrase in ("The minister said", "Officials agreed", "residents of the river town"):
        start = text.index(phrase)
        session.add_annotation(claim.id, start, start + len(phrase))
    window.splitter.setSizes([400, 600, 420])
    qtbot.wait(10)
    listing = window.tagging_pane.annotation_list
    header = listing.horizontalHeader()
    tag, passage, annotator = (header.sectionSize(c) for c in range(3))
    metrics = listing.fontMetrics()
    assert tag < metrics.horizontalAdvance("Sensational language")  # only "Claim" is shown
    assert tag >= metrics.horizontalAdvance("Claim")
    assert passage > tag + annotator
    assert passage >= listing.viewport().width() // 2
    # A longer tag arriving widens the column to fit it.
    sensational = next(t for t in session.tags() if t.name == "Sensational language")
    start = text.index("shocking")
    session.add_annotation(sensational.id, start, start + len("shocking"))
    assert header.sectionSize(0) >= min(metrics.horizontalAdvance("Sensational language"), listing.viewport().width() // 3)
    assert header.sectionSize(1) >= listing.viewport().width() // 3
