"""Arriving in the window (issue 13): an empty project says how to import; after an import
the first imported article is open; reopening a project comes back to the article *and* to
where its text was scrolled."""

from __future__ import annotations

from annotator.core.model import NewArticle
from annotator.core.span_index import block_starts
from annotator.storage import Project
from annotator.ui import reading_position
from tests.ui_shell_fixtures import open_window, project_path, prompts, settings  # noqa: F401


def article_files(folder):
    folder.mkdir()
    (folder / "a-council.txt").write_text("Council votes on the budget\n\nThe council voted on Tuesday, officials said.\n")
    (folder / "b-flood.txt").write_text("River floods three streets\n\nThe river flooded three streets, residents said.\n")
    return folder


def import_into(window, prompts, qtbot, paths):
    prompts.paths = [str(p) for p in paths]
    with qtbot.waitSignal(window.importer.done, timeout=20_000) as blocker:
        window.actions.import_files.trigger()
    return blocker.args[0]


def test_an_empty_project_says_how_to_import(settings, prompts, qtbot, tmp_path):
    path = tmp_path / "empty.annotator"
    Project.create(path).close()
    window = open_window(path, settings, prompts, qtbot)
    view = window.article_view
    assert window.session.article_id is None
    assert view.empty_hint.isVisible() and not view.edit.isVisible()
    hint = view.empty_hint.text()
    assert "Import files…" in hint and "Import folder…" in hint and "drag" in hint


def test_after_an_import_into_an_empty_project_its_first_article_opens(settings, prompts, qtbot, tmp_path):
    path = tmp_path / "empty.annotator"
    Project.create(path).close()
    window = open_window(path, settings, prompts, qtbot)
    folder = article_files(tmp_path / "incoming")
    report = import_into(window, prompts, qtbot, [folder / "a-council.txt", folder / "b-flood.txt"])
    assert report.articles_added == 2
    first = report.added_ids[0]
    assert window.session.article_id == first
    assert window.session.article.title == "Council votes on the budget"
    view = window.article_view
    assert view.edit.isVisible() and not view.empty_hint.isVisible()
    assert "The council voted" in view.edit.toPlainText()
    assert window.corpus_panel.current_article_id() == first


def test_an_import_into_a_project_being_coded_opens_what_came_in(project_path, settings, prompts, qtbot, tmp_path):
    window = open_window(project_path, settings, prompts, qtbot)
    before = window.session.article_id
    report = import_into(window, prompts, qtbot, [article_files(tmp_path / "incoming")])
    assert window.session.article_id == report.added_ids[0] != before
    assert window.corpus_panel.current_article_id() == report.added_ids[0]


def test_an_import_that_adds_nothing_leaves_the_article_open(project_path, settings, prompts, qtbot, tmp_path):
    folder = article_files(tmp_path / "incoming")
    window = open_window(project_path, settings, prompts, qtbot)
    import_into(window, prompts, qtbot, [folder])
    reading = window.session.article_id
    report = import_into(window, prompts, qtbot, [folder])  # the same files again: duplicates
    assert report.articles_added == 0
    assert window.session.article_id == reading


def long_project(tmp_path):
    path = tmp_path / "long.annotator"
    paragraphs = [f"Paragraph {i}: the council met again and the budget was discussed at length." for i in range(400)]
    with Project.create(path) as project:
        project.articles.add(NewArticle(text="A short one.", title="Short"))
        long_id = project.articles.add(NewArticle(text="\n\n".join(paragraphs), title="Long"))
    return path, long_id


def test_reopening_restores_the_article_and_its_scroll_position(settings, prompts, qtbot, tmp_path):
    path, long_id = long_project(tmp_path)
    window = open_window(path, settings, prompts, qtbot)
    window.session.open_article(long_id)
    view = window.article_view
    text = window.session.article.text
    target = text.index("Paragraph 250:")
    reading_position.scroll_to_top(view.edit, view.offsets, target)
    qtbot.waitUntil(lambda: view.edit.verticalScrollBar().value() > 0, timeout=2000)
    left_at = reading_position.top_offset(view.edit, view.offsets)
    assert abs(left_at - target) < 100
    window.close()

    again = open_window(path, settings, prompts, qtbot)
    assert again.session.article_id == long_id
    view = again.article_view
    qtbot.waitUntil(lambda: view.edit.verticalScrollBar().value() > 0, timeout=3000)
    starts = block_starts(again.session.article.text)
    top = reading_position.top_offset(view.edit, view.offsets)
    # The same paragraph is at the top again (the window may wrap it a little differently).
    assert max(s for s in starts if s <= top) == max(s for s in starts if s <= left_at)


def test_another_article_opened_last_starts_at_its_top(settings, prompts, qtbot, tmp_path):
    path, long_id = long_project(tmp_path)
    window = open_window(path, settings, prompts, qtbot)
    window.session.open_article(long_id)
    view = window.article_view
    reading_position.scroll_to_top(view.edit, view.offsets, window.session.article.text.index("Paragraph 250:"))
    window.close()
    settings.set_last_article(path, "no-such-article")  # e.g. removed since: the position is not reused
    again = open_window(path, settings, prompts, qtbot)
    qtbot.wait(50)
    assert again.article_view.edit.verticalScrollBar().value() == 0
