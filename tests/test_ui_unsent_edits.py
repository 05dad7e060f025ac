"""The window on a server study while the server is away: the edit stays on screen, the
message bar says it is not yet sent, and it reaches the server once — also after quitting."""

from __future__ import annotations

import pytest

from annotator.core.model import NewArticle
from annotator.storage import Project
from pg_fixtures import study  # noqa: F401  (fixture)
from test_pg_unsent import _admin, _rows, server_away
from tests.ui_shell_fixtures import prompts, settings  # noqa: F401

pytest.importorskip("psycopg")

TEXT = "Fictional story: the mayor said the caf\u00e9 would reopen, and critics laughed at the plan."


@pytest.fixture
def pushed(study, tmp_path):  # noqa: F811
    from annotator.storage.pg.transfer import push

    with Project.create(tmp_path / "study.annotator") as project:
        project.articles.add_many(NewArticle(text=TEXT, title=f"Story {i}") for i in range(3))
    push(tmp_path / "study.annotator", study.admin_url)
    return study


def _open(study, settings, prompts, qtbot):  # noqa: F811
    from annotator.ui.app import launch

    controller = launch(study.postgres_url("ana"), settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_an_edit_while_the_server_is_away_shows_as_unsent_and_is_sent_once(pushed, settings, prompts, qtbot):  # noqa: F811
    window = _open(pushed, settings, prompts, qtbot)
    session = window.session
    quote = session.project.codebook.by_name("Quote")
    with server_away(session.project, pushed):
        first = session.add_annotation(quote.id, 17, 26)
        second = session.add_annotation(quote.id, 31, 44)
        assert first is not None and second is not None  # kept, not refused
        assert {a.id for a in session.annotations()} == {first.id, second.id}  # still on screen
        assert window.message_bar.text().startswith("2 edits not yet sent — retrying (Add Quote, Add Quote)")
        assert "Unsent edits (2)" in window.unsent_edits.action.text()
        listed = window.tagging_pane.annotation_list.list_model
        assert sorted(listed.index(r, 2).data() for r in range(listed.rowCount())) == ["ana · not yet sent"] * 2
        assert window.article_view.unsent_marks.passages() == [(17, 26), (31, 44)]  # dotted in the text
        window.unsent_edits.send_now()  # the timer's try, still away
        assert window.message_bar.text().startswith("2 edits not yet sent")
    window.unsent_edits.send_now()
    assert window.message_bar.text() == ""
    assert window.article_view.unsent_marks.passages() == []
    assert [listed.index(r, 2).data() for r in range(listed.rowCount())] == ["ana"] * 2
    assert sorted(_rows(pushed, "SELECT text FROM annotations")) == [(" the caf\u00e9 wou",), ("the mayor",)]
    window.unsent_edits.send_now()
    assert len(_rows(pushed, "SELECT id FROM annotations")) == 2
    session.undo()  # undo on the server again, as usual
    assert _rows(pushed, "SELECT text FROM annotations") == [("the mayor",)]
    window.close()


def test_the_timer_sends_by_itself(pushed, settings, prompts, qtbot):  # noqa: F811
    from annotator.ui import unsent_edits

    window = _open(pushed, settings, prompts, qtbot)
    window.unsent_edits.interval = 200
    session = window.session
    quote = session.project.codebook.by_name("Quote")
    with server_away(session.project, pushed):
        session.add_annotation(quote.id, 17, 26)
    qtbot.waitUntil(lambda: window.message_bar.text() == "", timeout=5000)
    assert _rows(pushed, "SELECT text FROM annotations") == [("the mayor",)]
    assert unsent_edits.FIRST_RETRY_MS >= 1000  # the real window waits a little between tries
    window.close()


def test_edits_kept_when_quitting_are_sent_when_the_study_opens_again(pushed, settings, prompts, qtbot):  # noqa: F811
    window = _open(pushed, settings, prompts, qtbot)
    session = window.session
    quote = session.project.codebook.by_name("Quote")
    with server_away(session.project, pushed):
        kept = session.add_annotation(quote.id, 17, 26)
        window.close()  # quit with the edit unsent
        window.close()  # (a second close event, as quitting the app may send): said once
    assert prompts.messages == [("Edits kept on this computer",
                                 "1 edit is not yet on the study's server. It is kept on this computer and "
                                 "sent the next time you open the study.")]
    assert _rows(pushed, "SELECT count(*) FROM annotations") == [(0,)]
    again = _open(pushed, settings, prompts, qtbot)
    assert _rows(pushed, "SELECT id FROM annotations") == [(kept.id,)]
    assert again.message_bar.text() == ""
    assert kept.id in {a.id for a in again.session.annotations()}
    again.close()
    assert len(prompts.messages) == 1  # everything sent: nothing to say this time


def test_quitting_with_several_edits_kept_says_how_many_once(pushed, settings, prompts, qtbot):  # noqa: F811
    window = _open(pushed, settings, prompts, qtbot)
    session = window.session
    quote = session.project.codebook.by_name("Quote")
    with server_away(session.project, pushed):
        session.add_annotation(quote.id, 17, 26)
        session.add_annotation(quote.id, 31, 44)
        window.close()
    (title, message), = prompts.messages
    assert message.startswith("2 edits are not yet on the study's server. They are kept on this computer")
    assert len(window.unsent_edits.edits.entries()) == 2  # nothing lost by quitting


def test_an_edit_refused_when_sent_is_told_and_kept_until_discarded(pushed, settings, prompts, qtbot):  # noqa: F811
    from annotator.ui.unsent_edits import UnsentEditsDialog

    window = _open(pushed, settings, prompts, qtbot)
    session = window.session
    quote = session.project.codebook.by_name("Quote")
    added = session.add_annotation(quote.id, 17, 26)
    with server_away(session.project, pushed):
        session.select_annotation(added.id)
        assert session.nudge("end", 1)
        with _admin(pushed) as admin:  # the lead deletes it meanwhile
            admin.execute("DELETE FROM annotations")
    window.unsent_edits.send_now()
    message = window.message_bar.text()
    assert "could not be sent" in message and "deleted meanwhile" in message and "Unsent edits" in message
    assert session.annotations() == []  # the article as the server holds it
    dialog = UnsentEditsDialog(window.unsent_edits, window)
    assert dialog.list.count() == 1 and "refused" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    dialog.discard()
    assert dialog.list.count() == 0 and window.unsent_edits.edits.entries() == []
    window.close()
