"""A server study's window follows colleagues' changes as they happen (NOTIFY, within a second).

A thin adapter: the listener's socket wakes a ``QSocketNotifier``; :func:`annotator.actions.live
.changes_for` says what changed; the session announces it like any edit, so the article view,
the lists and the tag counts update without reloading the article.

When the listening connection drops, it listens again every few seconds; once it is back it
says so (``reconnected``): the window sends the edits it kept meanwhile and re-reads the open
article, since what colleagues did while it was away was not heard.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from annotator.actions import live

LISTEN_AGAIN_MS = 5000


class LiveUpdates(QObject):
    reconnected = Signal()

    def __init__(self, session, listener, parent: QObject | None = None):
        super().__init__(parent or session)
        self.session = session
        self.retry = QTimer(self, singleShot=True, interval=LISTEN_AGAIN_MS)
        self.retry.timeout.connect(self.listen_again)
        self._follow(listener)

    def _follow(self, listener) -> None:
        self.listener = listener
        self.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self.check)

    def listen_again(self) -> None:
        listener = live.listen_again(self.session.project)
        if listener is None:
            self.retry.start()
            return
        self._follow(listener)
        self.reconnected.emit()

    @classmethod
    def attach(cls, session) -> "LiveUpdates | None":
        """Follow the session's project if it is a server study (None for a file)."""
        listener = live.listen(session.project)
        return None if listener is None else cls(session, listener)

    def check(self, *_args) -> None:
        events = self.listener.poll()
        if self.listener.lost:
            self.notifier.setEnabled(False)
            self.listener.close()
            self.retry.start()
            return
        if not events:
            return
        session = self.session
        update = live.changes_for(session.project, events, session.model)
        if update.codebook:
            session.reload_codebook()
        if not update.change.empty:
            session.announce(update.change)
        others = update.other_articles - {session.article_id}
        if others:
            session.articlesChanged.emit(others)
        if update.settings and session.article_id:
            session.open_article(session.article_id)

    def close(self) -> None:
        self.retry.stop()
        self.notifier.setEnabled(False)
        self.listener.close()
