"""Issue 13: speaker and source-name fields offer the values used before in the project
(case-insensitive, most used first), so coders spell a source the same way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.actions import editing, field_values
from annotator.core.completion import ranked_spellings
from annotator.storage import Project
from tests.test_ui_editing_bugs import FIRST, stored, tag, window  # noqa: F401
from tests.ui_shell_fixtures import prompts, settings  # noqa: F401


def test_spellings_merge_ignoring_case_and_spaces_most_used_first():
    counts = [("Mustafa Bali", 3), ("mustafa bali ", 1), ("SDF", 2), ("Officials", 2), ("", 5), ("  ", 1),
              ("the  council", 1), ("The council", 2)]
    assert ranked_spellings(counts) == ["Mustafa Bali", "The council", "Officials", "SDF"]


def add_coded(project, annotator, tag_name, phrase, **fields):
    article = project.articles.ids()[0]
    text = project.articles.text(article)
    start = text.index(phrase)
    tag_id = project.codebook.by_name(tag_name).id
    return editing.add_annotation(project, article, tag_id, start, start + len(phrase), annotator, fields=fields)


@pytest.fixture
def project(tmp_path):
    from annotator.core.model import NewArticle

    with Project.create(tmp_path / "c.annotator") as project:
        project.articles.add(NewArticle(text=FIRST, title="Statement"))
        add_coded(project, "ana", "Quote", "planned for weeks", speaker="Mustafa Bali")
        add_coded(project, "ana", "Quote", "Cowardly", speaker="mustafa bali")
        add_coded(project, "ben", "Quote", "Officials agreed", speaker="Officials")
        add_coded(project, "ben", "Quote", "Residents fled", speaker="Officials")
        add_coded(project, "ben", "Quote", "the town", speaker="Officials", quote_type="paraphrase")
        add_coded(project, "ana", "Source attribution", "SDF spokesman", source_name="SDF")
        yield project


def test_used_values_of_a_field_come_from_every_tag_with_it_and_every_coder(project):
    assert field_values.used_values(project, "speaker") == ["Officials", "Mustafa Bali"]
    assert field_values.used_values(project, "source_name") == ["SDF"]
    assert field_values.used_values(project, "speaker", only_annotator="ana") == ["Mustafa Bali"]
    assert field_values.used_values(project, "no_such_field") == []


def popup_entries(completer) -> list[str]:
    popup = completer.popup()
    model = popup.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_speaker_field_completes_from_earlier_values_most_used_first(qtbot, window):
    session = window.session
    first = tag(window, "Quote", "planned for weeks")
    session.update_annotation(type(first)(**{**first.__dict__, "fields": {"speaker": "Mustafa Bali"}}))
    second = tag(window, "Quote", "Officials agreed")
    session.update_annotation(type(second)(**{**second.__dict__, "fields": {"speaker": "mustafa bali"}}))
    third = tag(window, "Quote", "Residents fled")
    session.update_annotation(type(third)(**{**third.__dict__, "fields": {"speaker": "Residents"}}))
    fourth = tag(window, "Quote", "Cowardly")
    speaker = window.tagging_pane.editor.field_widgets["speaker"]
    qtbot.waitUntil(speaker.isVisible)  # a new field row is shown from the event loop
    speaker.setFocus()
    qtbot.keyClicks(speaker, "BAL")  # any case, anywhere in the value
    completer = speaker.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert popup_entries(completer) == ["Mustafa Bali"]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert speaker.text() == "Mustafa Bali"
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert stored(window, fourth).fields == {"speaker": "Mustafa Bali"}
    # Most used first: "Mustafa Bali" now three times, "Residents" once.
    speaker.clear()
    qtbot.keyClicks(speaker, "s")
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert popup_entries(completer) == ["Mustafa Bali", "Residents"]


def test_the_source_name_field_completes_and_blind_coding_hides_other_coders_values(qtbot, window):
    session = window.session
    add_coded(session.project, "ben", "Source attribution", "Officials", source_name="Officials of the SDF")
    attribution = tag(window, "Source attribution", "SDF spokesman")
    session.update_annotation(type(attribution)(**{**attribution.__dict__, "fields": {"source_name": "SDF press office"}}))
    tag(window, "Source attribution", "Residents")
    source = window.tagging_pane.editor.field_widgets["source_name"]
    qtbot.waitUntil(source.isVisible)
    session.set_hidden_annotators({"ben"})  # blind coding: only ana's own values
    source.setFocus()
    qtbot.keyClicks(source, "sdf")
    completer = source.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert popup_entries(completer) == ["SDF press office"]
    completer.popup().hide()
    session.set_hidden_annotators(set())  # every coder shown: ben's value is offered too
    window.article_view.edit.setFocus()
    source.setFocus()
    source.clear()
    qtbot.keyClicks(source, "sdf")
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert sorted(popup_entries(completer)) == ["Officials of the SDF", "SDF press office"]
    assert QApplication.activePopupWidget() is completer.popup()


def test_the_window_reads_a_fields_values_once_and_then_follows_its_own_edits(qtbot, window, monkeypatch):
    from annotator.ui import field_completion

    reads = []
    real = field_completion.field_values.value_counts
    monkeypatch.setattr(field_completion.field_values, "value_counts",
                        lambda *args: reads.append(args[1]) or real(*args))
    session = window.session
    cache = window.tagging_pane.editor._field_values
    first = tag(window, "Quote", "planned for weeks")
    assert cache.values("speaker") == [] and reads == ["speaker"]
    session.update_annotation(type(first)(**{**first.__dict__, "fields": {"speaker": "Mustafa Bali"}}))
    second = tag(window, "Quote", "Officials agreed")
    session.update_annotation(type(second)(**{**second.__dict__, "fields": {"speaker": "Officials"}}))
    session.update_annotation(type(second)(**{**session.annotation(second.id).__dict__, "fields": {"speaker": "Mustafa Bali"}}))
    assert cache.values("speaker") == ["Mustafa Bali"] and reads == ["speaker"]
    window.actions.undo.trigger()  # back to "Officials": undo is followed too
    assert cache.values("speaker") == ["Mustafa Bali", "Officials"]
    session.remove_annotation(first.id)
    assert cache.values("speaker") == ["Officials"] and reads == ["speaker"]
