"""Edits a coder made while the team study's server could not be reached: kept, sent later,
applied exactly once.

How an edit travels (the window calls :meth:`UnsentEdits.run` for every edit on a server)::

    edits = UnsentEdits(project, journal, offline=lambda: OfflineView(...))
    change = edits.run(editing.add_annotation, article_id, tag_id, 4, 12, "ana", annotation_id=...)
    edits.send_all()          # a timer calls this; returns what was sent, refused, still waiting

- Each edit gets an **operation id**, recorded on the server *in the edit's own transaction*
  (``applied_operations``). If the connection drops — before the COMMIT, or after it with only
  the acknowledgement lost — the edit is kept in the coder's journal
  (:class:`~annotator.storage.unsent_journal.UnsentJournal`) under that id. Sending it later
  first asks whether the id is stored: if so the edit was applied already and is not written
  again. So an edit is never lost and never applied twice.
- While the server is unreachable the edit's change is worked out from what the window holds
  (:class:`OfflineView`: the open article, its annotations, the codebook) by the very same
  operation, so it is the change the server would have made; the window shows it at once as
  unsent. Later edits wait behind earlier ones and are sent in the order they were made.
- Sending checks that the edit still fits the study: the annotation it changes or deletes
  still exists and is as the coder last saw it, the article and the tag are still there, and
  the server's rules accept it. An edit that does not fit is a **conflict**: kept in the
  journal with the reason, told to the coder, never dropped silently; they discard it (or ask
  for it to be sent again).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field

from annotator.actions import editing
from annotator.core import change_codec
from annotator.core.changes import Change
from annotator.core.model import Annotation, Article, Status, Tag, new_uuid
from annotator.storage.errors import ConnectionLostError, InvalidAnnotationError, ServerWriteError
from annotator.storage.unsent_journal import CONFLICT, UNSENT, JournalEntry, UnsentJournal

__all__ = ["OfflineView", "SendReport", "UnsentEdits", "conflict_in", "offline_error", "send"]


# -- sending one edit, exactly once ------------------------------------------------------------


def send(project, operation_id: str, change: Change, coder: str) -> bool:
    """Write ``change`` and record ``operation_id``, in one transaction. False (nothing written)
    when the id was already stored: the edit reached the server before. Raises
    :class:`ServerWriteError` naming the conflict when the edit no longer fits the study, and
    :class:`ConnectionLostError` when the server is still unreachable."""
    with editing.transaction(project):
        if project.operations.was_applied(operation_id):
            return False
        problem = conflict_in(project, change)
        if problem:
            raise ServerWriteError(problem, "discard it, or make the edit again on the study as it is now")
        editing.apply(project, change)
        project.operations.record(operation_id, coder, change.label)
    return True


def conflict_in(project, change: Change) -> str | None:
    """Why ``change`` no longer fits the study as stored (None: it fits)."""
    for annotation in change.added:
        if project.articles.status(annotation.article_id) is None:
            return f"the article of “{_short(annotation.text)}” was removed from the study"
        if project.codebook.get(annotation.tag_id) is None:
            return f"the tag of “{_short(annotation.text)}” was deleted from the codebook"
        if project.annotations.get(annotation.id) is not None:
            return f"“{_short(annotation.text)}” is already stored"
    for before, after in change.updated:
        current = project.annotations.get(before.id)
        if current is None:
            return f"“{_short(before.text)}” was deleted meanwhile (by the lead, or in another window)"
        if _coding(current) != _coding(before):
            return f"“{_short(before.text)}” was changed meanwhile (by the lead, or in another window)"
        if project.codebook.get(after.tag_id) is None:
            return f"the tag given to “{_short(before.text)}” was deleted from the codebook"
    for annotation in change.removed:
        if project.annotations.get(annotation.id) is None:
            return f"“{_short(annotation.text)}” was deleted meanwhile (by the lead, or in another window)"
    for status in change.statuses:
        if project.articles.status(status.article_id) is None:
            return "the article was removed from the study"
    return None


def _coding(a: Annotation) -> tuple:
    return (a.tag_id, a.start, a.end, a.note, a.fields, a.linked_id)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the edit worked out from what the window holds ---------------------------------------------


class OfflineView:
    """Enough of a project for an editing operation to work out its change with no server:
    the open article (text and status), its annotations the window has loaded, the codebook.
    Reads of anything else raise :class:`ConnectionLostError` (that edit cannot be made
    offline); writes do nothing — the change is written when it is sent."""

    def __init__(self, article: Article, annotations: Mapping[str, Annotation], tags: Mapping[str, Tag]):
        self.articles = _OfflineArticles(article)
        self.annotations = _OfflineAnnotations(dict(annotations))
        self.codebook = _OfflineCodebook(tags)
        self.db = _OfflineDb()
        self.relations = None  # typed relations are carried only by project files
        self.article_values = _Ignore()
        self.memos = _OfflineMemos()


def offline_error(what: str) -> ConnectionLostError:
    """The error for an edit that cannot be worked out without the server."""
    return ConnectionLostError(f"the study's server cannot be reached, and {what} is not in the window",
                               "wait until the server is back, then make the edit again")


class _OfflineDb:
    def atomic(self):
        return nullcontext()


# What editing.apply writes: offline, nothing (the change is written when it is sent).
_WRITES = {"add_many", "update", "delete_many", "delete", "restore", "update_metadata", "set_status", "put"}


class _Ignore:
    def __getattr__(self, name):
        if name in _WRITES:
            return lambda *args, **kwargs: None
        raise offline_error("what this edit needs to read")


class _OfflineMemos(_Ignore):
    def get(self, article_id: str, annotator: str):
        # The memo as the server holds it is what undo would restore: not guessed offline.
        raise offline_error("your memo as the server holds it")


class _OfflineArticles(_Ignore):
    def __init__(self, article: Article):
        self.article = article

    def status(self, article_id: str) -> Status:
        if article_id != self.article.id:
            raise offline_error("that article")
        return self.article.status

    def text(self, article_id: str) -> str:
        if article_id != self.article.id:
            raise offline_error("that article")
        return self.article.text


class _OfflineAnnotations(_Ignore):
    def __init__(self, annotations: dict[str, Annotation]):
        self.known = annotations

    def get(self, annotation_id: str) -> Annotation | None:
        found = self.known.get(annotation_id)
        if found is None:
            raise offline_error("that annotation")
        return found

    def linking_to(self, annotation_id: str) -> list[Annotation]:
        return [a for a in self.known.values() if a.linked_id == annotation_id]


class _OfflineCodebook(_Ignore):
    def __init__(self, tags: Mapping[str, Tag]):
        self.tags = tags

    def get(self, tag_id: str) -> Tag | None:
        return self.tags.get(tag_id)


# -- the queue ---------------------------------------------------------------------------------


@dataclass
class SendReport:
    """What one :meth:`UnsentEdits.send_all` did."""

    sent: list[Change] = field(default_factory=list)
    already: int = 0  # found stored already (the acknowledgement had been lost)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (label, why)
    waiting: int = 0  # still unsent (the server is still unreachable)
    lost: str = ""  # why the server could not be reached, if it could not


class UnsentEdits:
    """A coder's edits on one server study, sent at once when possible, kept when not."""

    def __init__(self, project, journal: UnsentJournal, offline: Callable[[], OfflineView]):
        self.project = project
        self.journal = journal
        self.offline = offline
        self.coder = getattr(project, "coder", journal.coder)

    @classmethod
    def for_study(cls, project, journal_path, offline: Callable[[], OfflineView]) -> "UnsentEdits | None":
        """The queue of a server study's coder, journalled in ``journal_path`` (None for a
        project file: a file on the coder's disk is never out of reach)."""
        if not hasattr(project, "url"):
            return None
        from annotator.storage.pg.connection import redact

        return cls(project, UnsentJournal(journal_path, redact(project.url), project.coder), offline)

    def waiting(self) -> int:
        """How many edits wait to be sent."""
        return self.journal.count(UNSENT)

    def waiting_entries(self) -> list[JournalEntry]:
        return self.journal.entries(UNSENT)

    def waiting_annotation_ids(self) -> set[str]:
        """The annotations an edit still waiting adds or changes (the window marks them)."""
        ids: set[str] = set()
        for entry in self.journal.entries(UNSENT):
            change = change_codec.decode(entry.change)
            ids.update(a.id for a in change.added)
            ids.update(new.id for _old, new in change.updated)
        return ids

    def entries(self) -> list[JournalEntry]:
        """Every kept edit, waiting or refused, oldest first."""
        return self.journal.entries()

    def conflicts(self) -> list[JournalEntry]:
        """Edits the server refused, kept for the coder with the reason."""
        return self.journal.entries(CONFLICT)

    def run(self, operation, *args, **kwargs) -> Change:
        """Run an editing operation on the server, or keep its change as unsent when the
        server cannot be reached (then the change returned is the one that will be sent).

        A connection found dropped is made again once at once (a server restarted, an idle
        connection cut by a firewall): only when that fails too does the edit wait."""
        operation_id = new_uuid()
        if self.waiting():  # earlier edits wait: this one goes behind them, in order
            return self._keep(operation_id, operation(self.offline(), *args, **kwargs))
        for attempt in (1, 2):
            try:
                with editing.transaction(self.project):
                    if attempt == 2 and self.project.operations.was_applied(operation_id):
                        # The first COMMIT was stored; only its acknowledgement was lost.
                        return operation(self.offline(), *args, **kwargs)
                    change = operation(self.project, *args, **kwargs)
                    if not change.empty:
                        self.project.operations.record(operation_id, self.coder, change.label)
                return change
            except ConnectionLostError:
                if attempt == 2:
                    break
        # Lost before the COMMIT, or only its acknowledgement: the id settles which, later.
        return self._keep(operation_id, operation(self.offline(), *args, **kwargs))

    def write(self, change: Change) -> bool:
        """Write a change worked out already (undo, redo): True when the server has it, False
        when it was kept to be sent later."""
        operation_id = new_uuid()
        if not self.waiting():
            for _attempt in (1, 2):  # a dropped connection is made again once (as in run)
                try:
                    send(self.project, operation_id, change, self.coder)
                    return True
                except ConnectionLostError:
                    continue
        self._keep(operation_id, change)
        return False

    def _keep(self, operation_id: str, change: Change) -> Change:
        if not change.empty:
            if not change_codec.can_encode(change):
                raise offline_error("a codebook or article edit")
            self.journal.add(operation_id, change.label, change_codec.encode(change))
        return change

    def send_all(self) -> SendReport:
        """Send the waiting edits in order; stop at the first the server cannot take for want of
        a connection. Conflicts are marked and kept; the rest go on."""
        report = SendReport()
        for entry in self.journal.entries(UNSENT):
            change = change_codec.decode(entry.change)
            try:
                if send(self.project, entry.operation_id, change, self.coder):
                    report.sent.append(change)
                else:
                    report.already += 1
            except ConnectionLostError as error:
                report.lost = str(error)
                break
            except (ServerWriteError, InvalidAnnotationError) as error:
                self.journal.mark_conflict(entry.operation_id, str(error))
                report.conflicts.append((entry.label, str(error)))
                continue
            self.journal.remove(entry.operation_id)
        report.waiting = self.waiting()
        return report

    def discard(self, operation_id: str) -> None:
        """The coder gives up an edit the server refused."""
        self.journal.remove(operation_id)

    def retry(self, operation_id: str) -> None:
        """Send a refused edit again with the others."""
        self.journal.mark_unsent(operation_id)
