"""The Agreement dialog's Article variables tab: the action's numbers, resamples and seed shown."""

from __future__ import annotations

import pytest

from annotator.actions import variable_agreement
from annotator.actions import variables as ops
from annotator.ui.agreement_variables import parse_thresholds
from tests.ui_review_fixtures import session, two_coders  # noqa: F401 - fixtures
from tests.variable_fixtures import add_variables


@pytest.fixture
def dialog(qtbot, session):
    from annotator.ui.agreement_dialog import AgreementDialog

    project = session.project
    add_variables(project)
    points = ["negative", "neutral", "positive"]
    for i, article in enumerate(project.ids):
        ops.code_from_text(project, article, [f"tone={points[i % 3]}", f"victim={'yes' if i % 2 else 'no'}"], "alice")
        ops.code_from_text(project, article, [f"tone={points[(i + i // 2) % 3]}", "victim=yes"], "bob")
    widget = AgreementDialog(project, session, annotators=["alice", "bob"])
    qtbot.addWidget(widget)
    widget.variables_tab.resamples.setValue(300)
    widget.variables_tab.seed.setValue(9)
    widget.variables_tab.compute()
    qtbot.waitUntil(lambda: widget.variables_tab.report is not None and widget.variables_tab.report.resamples == 300, timeout=10000)
    return widget


def test_the_tab_shows_the_actions_figures(dialog, session):
    tab = dialog.variables_tab
    expected = variable_agreement.measure(session.project, ["alice", "bob"], resamples=300, seed=9)
    assert tab.model.rowCount() == len(expected.figures)
    tone = next(i for i, f in enumerate(expected.figures) if f.item == "tone")
    figure = expected.figures[tone]
    assert tab.cell(tone, "α") == f"{figure.alpha:.3f}"
    assert tab.cell(tone, "Interval") == f"[{figure.interval.low:.3f}, {figure.interval.high:.3f}]"
    assert tab.cell(tone, "P(α<0.8)") == f"{figure.interval.below[0.8]:.3f}"
    assert tab.cell(tone, "Articles") == str(figure.articles)
    assert tab.cell(tone, "κ quadratic") == f"{figure.kappa_quadratic:.3f}"
    assert "300 bootstrap resamples" in tab.summary.text() and "seed 9" in tab.summary.text()
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "Article variables"


def test_thresholds_are_read_plainly():
    assert parse_thresholds("0.667, 0.8") == (0.667, 0.8)
    with pytest.raises(ValueError, match="thresholds must be numbers"):
        parse_thresholds("high")
