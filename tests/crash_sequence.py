"""A scripted coding session for the crash test: the actions, a starting project, and a view of
the project's state that ignores what legitimately differs between runs (ids, timestamps).

Each step is one user action through the operations layer and its history, as the window
runs them.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.actions import autocode, editing
from annotator.actions.history import History
from annotator.core.model import NewArticle, Status
from annotator.storage import Project

TEXTS = [
    "“We will not back down,” the mayor said on Tuesday. Police said the road was closed.",
    "SDF spokesman Mustafa Bali called the attack cowardly. According to police, nobody was hurt.",
    "A third article about prices. Bread costs more, according to the bakers.",
]


def build(path) -> None:
    """The starting project: a to-do article holding a quote and an attribution linked to it."""
    with Project.create(path) as project:
        ids = [project.articles.add(NewArticle(text=t, title=f"a{i}")) for i, t in enumerate(TEXTS)]
        tags = {t.name: t.id for t in project.codebook.tags()}
        quote = editing.add_annotation(project, ids[0], tags["Quote"], 0, 25, "bo").added[0]
        editing.add_annotation(project, ids[0], tags["Source attribution"], 26, 35, "bo", linked_id=quote.id)
        for article_id in ids:
            project.articles.set_status(article_id, Status.TODO)  # as a merge brings them


class Session:
    """The scripted actions over one open project; ``steps(full)`` lists them in order."""

    def __init__(self, project: Project):
        self.project = project
        self.history = History(project)
        self.ids = project.articles.ids()
        self.tags = {t.name: t.id for t in project.codebook.tags()}

    def _quote_id(self) -> str:
        return next(a.id for a in self.project.annotations.for_article(self.ids[0]) if a.text.startswith("“We"))

    def _find(self, article: int, passage: str) -> str:
        return next(a.id for a in self.project.annotations.for_article(self.ids[article]) if a.text == passage)

    def add_on_todo(self) -> None:
        text = TEXTS[1]
        start = text.index("cowardly")
        self.history.push(editing.add_annotation(self.project, self.ids[1], self.tags["Sensational language"],
                                                 start, start + 8, "ana"))

    def delete_with_incoming_link(self) -> None:
        self.history.push(editing.remove_annotation(self.project, self._quote_id()))

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    # -- the full setting adds these ----------------------------------------------------------

    def retag(self) -> None:
        self.history.push(editing.retag(self.project, self._find(1, "cowardly"), self.tags["Claim"]))

    def nudge_by_character(self) -> None:
        self.history.push(editing.move_boundary(self.project, self._find(1, "cowardly"), "end", 1, by="character"))

    def note(self) -> None:
        self.history.push(editing.edit_note(self.project, self._find(1, "cowardly."), "check"))

    def done(self) -> None:
        self.history.push(editing.set_status(self.project, self.ids[1], Status.DONE))

    def autocode(self) -> None:
        plan = autocode.preview(self.project, self.tags["Source attribution"], "ana",
                                autocode.Search(phrase="according to"))
        self.history.push(autocode.apply_plan(self.project, plan))

    def steps(self, full: bool) -> list[Callable[[], None]]:
        basic = [self.add_on_todo, self.delete_with_incoming_link, self.undo, self.redo]
        if not full:
            return basic
        more = [self.retag, self.nudge_by_character, self.note, self.done, self.autocode]
        return basic + more + [self.undo] * 6 + [self.redo] * 6


def state(path) -> tuple:
    """What the file holds, without ids and timestamps: annotations (a link as its target's
    tag and span) and article statuses."""
    with Project.open(path) as project:
        annotations = list(project.annotations.iter_all())
        by_id = {a.id: a for a in annotations}

        def key(a):
            return (a.article_id, a.tag_id, a.start, a.end, a.annotator)

        rows = sorted(
            (*key(a), a.text, a.note, tuple(sorted(a.fields.items())),
             key(by_id[a.linked_id]) if a.linked_id in by_id else a.linked_id)
            for a in annotations
        )
        statuses = tuple((a.id, a.status.value) for a in project.articles.iter_all())
        check = project.db.execute("PRAGMA integrity_check").fetchone()[0]
        fk = project.db.execute("PRAGMA foreign_key_check").fetchall()
    return tuple(rows), statuses, check, tuple(fk)
