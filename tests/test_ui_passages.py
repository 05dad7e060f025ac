"""The passage browser, co-occurrence and figures in the real window: filters, counts, opening
a passage (the filter stays), copying, exporting, blind coding, cells, charts."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from annotator.storage import Project
from annotator.ui.passage_model import PassageIdRole, PassageModel
from annotator.ui.settings import Settings
from passage_fixtures import build
from tests.ui_shell_fixtures import FakePrompts, open_window


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        data = build(project)
    return path, data


@pytest.fixture
def window(study, tmp_path, qtbot):
    path, _ = study
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = open_window(path, settings, FakePrompts(), qtbot)
    window.actions.hide_others.setChecked(False)  # blind coding is the default: see every coder
    window.actions.passages.trigger()
    return window


def browser_of(window):
    return window.passages_dock.browser


def test_the_model_passes_qt_s_model_tester(qtmodeltester, project):
    build(project)
    qtmodeltester.check(PassageModel(project))


def test_the_menu_opens_every_passage_with_its_count(window):
    browser = browser_of(window)
    assert window.passages_dock.isVisible()
    assert browser.model.rowCount() == 33
    assert browser.count.text() == "33 passages in 5 articles"


def test_filters_combine_and_the_count_follows(window, qtbot):
    browser = browser_of(window)
    f = browser.filters
    next(a for a in f.tags.menu().actions() if a.text() == "Quote").setChecked(True)
    assert browser.model.rowCount() == 8
    f.field.setCurrentText("speaker")
    assert "the mayor" in [f.value.itemText(i) for i in range(f.value.count())]
    f.value.setEditText("the mayor")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 5, timeout=3000)
    f.date_from.setText("2026-02")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2, timeout=3000)
    assert browser.count.text().startswith("2 passages in 2 articles")
    f.clear_all()
    assert browser.model.rowCount() == 33


def test_a_bad_date_is_said_and_the_list_stays(window, qtbot):
    browser = browser_of(window)
    browser.filters.date_from.setText("March")
    qtbot.waitUntil(lambda: "give a date as YYYY" in browser.problem.text(), timeout=3000)
    assert browser.model.rowCount() == 33


def test_search_and_sorting(window, qtbot):
    browser = browser_of(window)
    browser.filters.search.setText("shocking")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 10, timeout=3000)
    browser.table.sortByColumn(1, browser.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    texts = [browser.model.passage(r).text for r in range(browser.model.rowCount())]
    assert texts == sorted(texts, key=str.casefold, reverse=True)


def test_opening_a_passage_selects_it_in_its_article_and_keeps_the_filter(window, study, qtbot):
    _, data = study
    browser = browser_of(window)
    browser.filters.search.setText("failure")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 10, timeout=3000)
    row = 7
    index = browser.model.index(row, 1)
    passage = browser.model.passage(row)
    browser.table.doubleClicked.emit(index)
    assert window.session.article_id == passage.article_id
    assert window.session.selected is not None and window.session.selected.id == passage.id
    cursor = window.article_view.edit.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) != (0, 0) or window.session.selected.id == passage.id
    assert browser.model.rowCount() == 10 and browser.filters.search.text() == "failure"
    assert browser.model.index(row, 0).data(PassageIdRole) == passage.id


def test_copy_gives_one_line_per_selected_passage(window):
    browser = browser_of(window)
    browser.table.selectRow(2)
    text = browser.copy()
    assert QGuiApplication.clipboard().text() == text
    assert len(text.splitlines()) == 1 and "[" in text and "\t" in text


def test_export_writes_the_filtered_list(window, tmp_path, qtbot):
    browser = browser_of(window)
    next(a for a in browser.filters.coders.menu().actions() if a.text() == "li").setChecked(True)
    target = tmp_path / "li.csv"
    browser.choose_file = lambda parent: str(target)
    browser.export()
    rows = list(csv.DictReader(open(target, encoding="utf-8", newline="")))
    assert len(rows) == 15 and {r["annotator"] for r in rows} == {"li"}
    assert "wrote 15" in browser.count.text()


def test_blind_coding_lists_only_the_coder_s_passages(window):
    browser = browser_of(window)
    window.session.set_annotator("li")
    window.actions.hide_others.setChecked(True)
    assert {browser.model.passage(r).annotator for r in range(browser.model.rowCount())} == {"li"}
    assert "blind coding" in browser.count.text()
    window.actions.hide_others.setChecked(False)
    assert browser.model.rowCount() == 33


def test_a_co_occurrence_cell_lists_its_passages(window, study, qtbot):
    _, data = study
    dock = window.passages_dock
    dock.tabs.setCurrentIndex(1)
    model = dock.cooccurrence.model
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=5000)
    names = [name for _, name in model.table.tags]
    row, column = names.index("Claim"), names.index("Sensational language") + 1
    assert model.index(row, column).data().startswith("5 (5)")
    dock.cooccurrence.table.clicked.emit(model.index(row, column))
    assert dock.tabs.currentIndex() == 0
    browser = dock.browser
    assert {browser.model.passage(r).text for r in range(browser.model.rowCount())} == {
        "the plan was a shocking failure"}
    assert "overlapping" in browser.count.text()


def test_the_figures_tab_draws_and_saves(window, tmp_path, qtbot):
    dock = window.passages_dock
    dock.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: dock.charts.data is not None, timeout=10000)
    assert dock.charts.canvas is not None and dock.charts.data.categories
    dock.charts.by.setCurrentIndex(3)  # by month
    qtbot.waitUntil(lambda: dock.charts.data.by.value == "month", timeout=10000)
    dock.charts.per_words.setChecked(True)
    qtbot.waitUntil(lambda: dock.charts.data.per_1000_words, timeout=10000)
    for suffix in ("png", "svg", "pdf", "csv"):
        dock.charts.choose_file = lambda parent, s=suffix: str(tmp_path / f"f.{s}")
        dock.charts.save()
        assert (tmp_path / f"f.{suffix}").stat().st_size > 0


def test_an_article_variable_filters_the_list_and_a_bad_value_is_said(window, qtbot):
    from annotator.actions import variables as ops
    from variable_fixtures import add_variables

    browser = browser_of(window)
    project = window.session.project
    v = add_variables(project)
    first, second = project.articles.ids()[:2]
    ops.set_value(project, first, v["topic"], "maria", v["topic"].option_labelled("crime").id)
    ops.set_value(project, second, v["topic"], "li", v["topic"].option_labelled("economy").id)
    window.session.reload_codebook()  # as the variables dialog does after a change
    f = browser.filters
    assert f.variable.isVisibleTo(browser)
    f.variable.setCurrentText("topic")
    assert [f.variable_value.itemText(i) for i in range(f.variable_value.count())] == ["politics", "economy", "crime"]
    f.variable_value.setCurrentText("crime")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 7, timeout=3000)
    assert {browser.model.passage(r).article_id for r in range(7)} == {first}
    assert browser.count.text().startswith("7 passages in 1 article")
    f.variable_value.setEditText("sports")
    qtbot.waitUntil(lambda: "'sports' is not one of" in browser.problem.text(), timeout=3000)
    assert browser.model.rowCount() == 7  # the last good filter stays
    f.clear_all()
    assert browser.model.rowCount() == 33 and browser.problem.text() == ""
