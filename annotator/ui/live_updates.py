"""A server study's window follows colleagues' changes as they happen (NOTIFY, within a second).

A thin adapter: the listener's socket wakes a ``QSocketNotifier``; :func:`annotator.actions.live
.changes_for` says what changed; the session announces it like any edit, so the article view,
the lists and the tag counts update without reloading the article.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier

from annotator.actions import live


class LiveUpdates(QObject):
    def __init__(self, session, listener, parent: QObject | None = None):
        super().__init__(parent or session)
        self.session = session
        self.listener = listener
        self.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self.check)

    @classmethod
    def attach(cls, session) -> "LiveUpdates | None":
        """Follow the session's project if it is a server study (None for a file)."""
        listener = live.listen(session.project)
        return None if listener is None else cls(session, listener)

    def check(self, *_args) -> None:
        events = self.listener.poll()
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
        self.notifier.setEnabled(False)
        self.listener.close()
