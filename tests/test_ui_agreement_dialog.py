"""The Agreement dialog: its numbers are the core's, its tables are sound models, its charts
paint, its CSV saves, and double-clicking an article opens it."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from annotator.actions.agreement import measure
from annotator.core.agreement import ALL_TAGS
from annotator.ui.agreement_models import ArticleIdRole, SortValueRole
from tests.ui_review_fixtures import session, two_coders  # noqa: F401 - fixtures


@pytest.fixture
def dialog(qtbot, session):
    from annotator.ui.agreement_dialog import AgreementDialog

    widget = AgreementDialog(session.project, session, annotators=["alice", "bob"])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.reportReady, timeout=10000):
        widget.compute()
    return widget


def column(model, name: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == name)


def test_table_numbers_equal_the_core(dialog, session):
    expected = measure(session.project, ["alice", "bob"], per_article=True).pair("alice", "bob")
    model = dialog.tag_table_model
    rows = {model.row(r).tag: r for r in range(model.rowCount())}
    for tag in (*expected.per_tag, expected.overall):
        row = rows[tag.tag]
        assert model.index(row, column(model, "κ")).data(SortValueRole) == tag.kappa
        assert model.index(row, column(model, "α")).data(SortValueRole) == tag.alpha
        assert model.index(row, column(model, "Overlap F1")).data(SortValueRole) == tag.overlap.f1
        assert model.index(row, column(model, "Exact P")).data(SortValueRole) == tag.exact.precision


def test_overall_row_comes_last(dialog):
    model = dialog.tag_table_model
    assert model.row(model.rowCount() - 1).tag == ALL_TAGS


def test_excluded_articles_are_counted_in_the_summary(dialog, session):
    # The second article only alice coded: excluded, and said so.
    expected = measure(session.project, ["alice", "bob"]).pair("alice", "bob")
    assert len(expected.excluded_articles) == 1
    assert "<b>1 excluded</b>" in dialog.summary.text()


def test_another_article_only_one_coder_touched_raises_the_count(qtbot, session):
    from annotator.ui.agreement_dialog import AgreementDialog
    from tests.review_fixtures import add_article, annotate

    only_bob = add_article(session.project, "An article only bob has read so far.", "Alone")
    annotate(session.project, only_bob, "bob", "Claim", 0, 10)
    widget = AgreementDialog(session.project, session, annotators=["alice", "bob"])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.reportReady, timeout=10000):
        widget.compute()
    assert "<b>2 excluded</b>" in widget.summary.text()


def test_articles_are_sorted_most_divergent_first(dialog):
    model = dialog.article_model
    kappas = [model.index(r, column(model, "κ")).data(SortValueRole) for r in range(model.rowCount())]
    defined = [k for k in kappas if k is not None]
    assert defined == sorted(defined)
    assert model.index(0, 0).data() == "Budget"


def test_double_click_opens_the_article(dialog, session, qtbot):
    index = dialog.article_model.index(0, 0)
    with qtbot.waitSignal(dialog.articleRequested):
        dialog.article_table.doubleClicked.emit(index)
    assert session.article_id == index.data(ArticleIdRole)


def test_fewer_than_two_annotators_asks_for_more(dialog):
    dialog.set_choice(["alice"])
    dialog.compute()
    assert "at least two" in dialog.summary.text()


def test_three_annotators_show_every_pair_and_the_group_alpha(qtbot, session):
    from annotator.ui.agreement_dialog import AgreementDialog
    from tests.review_fixtures import annotate

    annotate(session.project, session.project.ids[0], "carol", "Claim", 18, 53)
    widget = AgreementDialog(session.project, session, annotators=["alice", "bob", "carol"])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.reportReady, timeout=10000):
        widget.compute()
    assert widget.pair_combo.count() == 3
    assert "across all 3 annotators" in widget.summary.text()


def test_tag_choice_limits_the_rows(dialog, qtbot):
    dialog.set_choice(["alice", "bob"], ["Claim"])
    with qtbot.waitSignal(dialog.reportReady, timeout=10000):
        dialog.compute()
    assert [dialog.tag_table_model.row(r).tag for r in range(dialog.tag_table_model.rowCount())] == ["Claim", ALL_TAGS]


def test_save_as_csv_writes_one_row_per_tag(dialog, tmp_path):
    path = tmp_path / "agreement.csv"
    dialog.save_csv(str(path))
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["tag"] for r in rows if r["annotator_b"] == "bob" and not r["article_id"]} >= {"Claim", "(all tags)"}


def test_save_to_an_unwritable_place_says_why(dialog, tmp_path):
    dialog.save_csv(str(tmp_path / "missing-folder" / "agreement.csv"))
    assert "Could not save" in dialog.summary.text()


def test_tag_table_passes_the_model_tester(dialog, qtmodeltester):
    qtmodeltester.check(dialog.tag_table_model)


def test_article_table_passes_the_model_tester(dialog, qtmodeltester):
    qtmodeltester.check(dialog.article_model)


def test_an_unreadable_project_file_fails_with_one_line(qtbot, session, tmp_path):
    from annotator.ui.agreement_dialog import AgreementDialog

    widget = AgreementDialog(session.project, session, annotators=["alice", "bob"])
    qtbot.addWidget(widget)
    session.project.path = tmp_path / "gone.annotator"  # the worker reads the file itself
    widget.compute()
    qtbot.waitUntil(lambda: "Could not compute" in widget.summary.text(), timeout=10000)
    assert "\n" not in widget.summary.text()
    assert widget.compute_button.isEnabled()
