"""A server study's window keeps the edits it could not send, says so, and sends them itself.

A thin adapter over :class:`annotator.actions.unsent.UnsentEdits` (the journal, the exactly-once
sending, the conflicts): while edits wait, the message bar says "3 edits not yet sent —
retrying" and a timer sends them (every few seconds, backing off to half a minute while the
server stays away, so a dead network does not freeze the window at every tick). An edit the
server refuses when sent (the annotation was deleted by the lead meanwhile, a rule forbids it)
is told in the message bar, the article is shown again as the server holds it, and the edit
stays in *Edit > Unsent edits…* until the coder discards it or sends it again. Closing the
window with edits still waiting says once how many are kept and that they go at the next open
(a message that closes itself: quitting never waits, and nothing is lost).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QPushButton, QVBoxLayout)

from annotator.actions.unsent import OfflineView, UnsentEdits, offline_error

JOURNAL_NAME = "unsent-edits.sqlite"
FIRST_RETRY_MS = 3000
LONGEST_RETRY_MS = 30000
FAREWELL_SECONDS = 8  # the closing message goes by itself after this long


def journal_path(settings) -> Path:
    """Beside the user's settings file: the coder's own disk, whatever the study."""
    return Path(settings.qsettings.fileName()).parent / JOURNAL_NAME


class UnsentEditsController(QObject):
    def __init__(self, window, edits: UnsentEdits):
        super().__init__(window)
        self.window, self.session, self.edits = window, window.session, edits
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.send_now)
        self.interval = FIRST_RETRY_MS
        self._said_farewell = False
        self.action = QAction("Unsent edits…", window)
        self.action.triggered.connect(self.show_dialog)
        edit_menu = next((m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit"), None)
        if edit_menu is not None:
            edit_menu.addAction(self.action)
        self.session.unsent = edits
        self.session.unsentChanged.connect(self.refresh)

    @classmethod
    def attach(cls, window) -> "UnsentEditsController | None":
        """For a server study (None for a file: a file is never out of reach)."""
        session = window.session
        edits = UnsentEdits.for_study(session.project, journal_path(window.settings), lambda: offline_view(session))
        if edits is None:
            return None
        controller = cls(window, edits)
        live = getattr(window, "live_updates", None)
        if live is not None:  # back on the server: send what waits now, not at the next tick
            live.reconnected.connect(controller.back_online)
        if controller.edits.waiting():  # kept from an earlier session: send them before coding
            controller.send_now()
        controller.refresh()
        return controller

    def refresh(self) -> None:
        """Say how many edits wait, and make sure they are being retried."""
        waiting = self.edits.waiting_entries()
        refused = len(self.edits.conflicts())
        self.action.setText(f"Unsent edits ({len(waiting) + refused})…" if waiting or refused else "Unsent edits…")
        self.session.set_unsent_ids(self.edits.waiting_annotation_ids() if waiting else ())
        bar = self.window.message_bar
        if waiting:
            labels = ", ".join(e.label for e in waiting[:3]) + (", …" if len(waiting) > 3 else "")
            noun = "edit" if len(waiting) == 1 else "edits"
            bar.show_notice(f"{len(waiting)} {noun} not yet sent — retrying ({labels}). They are kept on "
                            "this computer and sent, once each, as soon as the study's server answers.")
            if not self.timer.isActive():
                self.timer.start(self.interval)
        else:
            bar.clear_notice()

    def farewell(self) -> str:
        """The window is closing: with edits still waiting (or refused), say once that they
        are kept on this computer and when they go. Returns what was said ("" if nothing).
        The journal already holds them; this only tells the coder."""
        self.timer.stop()
        waiting, refused = self.edits.waiting(), len(self.edits.conflicts())
        if self._said_farewell or not (waiting or refused):
            return ""
        self._said_farewell = True
        lines = []
        if waiting == 1:
            lines.append("1 edit is not yet on the study's server. It is kept on this computer and "
                         "sent the next time you open the study.")
        elif waiting:
            lines.append(f"{waiting} edits are not yet on the study's server. They are kept on this "
                         "computer and sent, once each, the next time you open the study.")
        if refused:
            noun = "edit the server refused is" if refused == 1 else "edits the server refused are"
            lines.append(f"{refused} {noun} kept too: see Edit > Unsent edits… next time.")
        message = " ".join(lines)
        self.window.prompts.inform(self.window, "Edits kept on this computer", message, seconds=FAREWELL_SECONDS)
        return message

    def back_online(self) -> None:
        self.interval = FIRST_RETRY_MS
        self.send_now()
        if self.session.article_id:  # colleagues' changes made while away were not heard
            self.session.open_article(self.session.article_id)

    def send_now(self) -> None:
        if not self.edits.waiting():
            self.refresh()
            return
        report = self.edits.send_all()
        if report.waiting:
            self.interval = min(self.interval * 2, LONGEST_RETRY_MS)
        else:
            self.interval = FIRST_RETRY_MS
        self.refresh()
        sent_to = set().union(*(change.article_ids() for change in report.sent))
        if sent_to:  # their corpus rows could not be read while the server was away
            self.session.articlesChanged.emit(sent_to)
        if report.conflicts:
            label, why = report.conflicts[0]
            more = f" (and {len(report.conflicts) - 1} more)" if len(report.conflicts) > 1 else ""
            self.window.message_bar.show_error(
                f"“{label}”{more} could not be sent: {why}. It is kept: see Edit > Unsent edits… "
                "to discard it or send it again.")
        if (report.conflicts or report.already) and self.session.article_id:
            # Show the article as the server holds it, not as the refused edit left it.
            self.session.open_article(self.session.article_id)

    def show_dialog(self) -> None:
        UnsentEditsDialog(self, self.window).exec()


def offline_view(session) -> OfflineView:
    """What the window holds of the open article, for working out an edit with no server."""
    if session.article is None:
        raise offline_error("an open article")
    return OfflineView(session.article, session.model.loaded(), {t.id: t for t in session.tags(include_retired=True)})


class UnsentEditsDialog(QDialog):
    """The edits waiting or refused, each with its reason; discard or send again."""

    def __init__(self, controller: UnsentEditsController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Unsent edits")
        self.list = QListWidget(self)
        self.note = QLabel(self, wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.discard_button = QPushButton("Discard", self)
        self.retry_button = QPushButton("Send again", self)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.discard_button.clicked.connect(self.discard)
        self.retry_button.clicked.connect(self.retry)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        entries = self.controller.edits.entries()
        for entry in entries:
            state = f"refused: {entry.problem}" if entry.state == "conflict" else "waiting to be sent"
            item = QListWidgetItem(f"{entry.label} — {state}", self.list)
            item.setData(0x0100, entry.operation_id)  # Qt.ItemDataRole.UserRole
        self.note.setText("Nothing waits to be sent." if not entries else
                          "Edits not yet on the study's server, oldest first.")

    def _chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0x0100) if item is not None else None

    def discard(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.controller.edits.discard(chosen)
            self.controller.refresh()
            self.fill()

    def retry(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.controller.edits.retry(chosen)
            self.controller.send_now()
            self.fill()
