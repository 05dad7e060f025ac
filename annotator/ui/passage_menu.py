"""The right-click menu on a passage (in the text or the annotation list).

For each annotation under the click: Retag ▸ (the codebook), Link to ▸ (the annotations
around it, or no link), Edit note…, Delete. With text selected: Tag with ▸. Every entry is
an existing operation of :mod:`annotator.actions.editing` run through the session, so each is
one undo step and a refused write is reported like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from annotator.actions import editing
from annotator.core.model import Annotation
from annotator.actions.projects import InvalidAnnotationError
from annotator.ui.tag_panel import swatch

LINK_CHOICES = 30  # annotations around the passage offered in "Link to"
EXCERPT = 48


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ask_note(parent: QWidget | None, title: str, note: str) -> str | None:
    """The note typed in a multi-line box, or None when cancelled (tests replace this)."""
    text, ok = QInputDialog.getMultiLineText(parent, "Edit note", title, note)
    return text if ok else None


class PassageMenu:
    """Builds the menu; ``report`` shows a one-line message (bad input, nothing written)."""

    def __init__(self, session, parent: QWidget, report: Callable[[str], None]):
        self.session, self.parent, self.report = session, parent, report
        self.ask_note = ask_note

    @staticmethod
    def show_menu(menu: QMenu, global_pos) -> None:
        """Pop ``menu`` up and run the chosen entry (tests replace this: exec blocks)."""
        menu.exec(global_pos)

    def build(self, annotation_ids: list[str], tag_selection: Callable[[str], object] | None = None) -> QMenu:
        """The menu for these annotations (innermost first) and, if given, the selected text."""
        menu = QMenu(self.parent)
        if tag_selection is not None:
            tag_menu = menu.addMenu("Tag selection with")
            for tag in self.session.tags():
                action = tag_menu.addAction(swatch(tag.colour), f"{tag.name}\t{tag.key}" if tag.key else tag.name)
                action.triggered.connect(lambda _=False, t=tag.id: tag_selection(t))
        annotations = [a for a in map(self.session.annotation, annotation_ids) if a is not None]
        if annotations and tag_selection is not None:
            menu.addSeparator()
        if len(annotations) == 1:
            header = menu.addAction(self._title(annotations[0]))
            header.setEnabled(False)
            self._add_actions(menu, annotations[0])
        else:
            for annotation in annotations:
                sub = menu.addMenu(swatch(self._colour(annotation)), self._title(annotation))
                self._add_actions(sub, annotation)
        return menu

    # -- entries -------------------------------------------------------------------------------

    def _title(self, a: Annotation) -> str:
        return f"{self.session.tag_name(a.tag_id)}: “{excerpt(a.text)}” — {a.annotator}".replace("&", "&&")

    def _colour(self, a: Annotation) -> str:
        tag = self.session.tag(a.tag_id)
        return tag.colour if tag else "#999999"

    def _add_actions(self, menu: QMenu, a: Annotation) -> None:
        retag = menu.addMenu("Retag")
        for tag in self.session.tags():
            action = retag.addAction(swatch(tag.colour), tag.name)
            action.setCheckable(True)
            action.setChecked(tag.id == a.tag_id)
            action.triggered.connect(lambda _=False, t=tag.id: self.retag(a.id, t))
        link = menu.addMenu("Link to")
        self._add_link_choices(link, a)
        menu.addAction("Edit note…").triggered.connect(lambda: self.edit_note(a.id))
        menu.addSeparator()
        menu.addAction("Delete").triggered.connect(lambda: self.delete(a.id))

    def _add_link_choices(self, menu: QMenu, a: Annotation) -> None:
        none = menu.addAction("No link")
        none.setCheckable(True)
        none.setChecked(a.linked_id is None)
        none.triggered.connect(lambda: self.link(a.id, None))
        menu.addSeparator()
        text = self.session.article.text if self.session.article else ""
        refs = [r for r in self.session.model.around(a.start, LINK_CHOICES) if r.id != a.id]
        if a.linked_id and all(r.id != a.linked_id for r in refs):
            target = self.session.ref(a.linked_id)
            if target is not None:
                refs.append(target)
        for ref in refs:
            tag = self.session.tag(ref.tag_id)
            label = f"{self.session.tag_name(ref.tag_id)}: “{excerpt(text[ref.start:ref.end])}”".replace("&", "&&")
            action = QAction(swatch(tag.colour if tag else "#999999"), label, menu)
            action.setCheckable(True)
            action.setChecked(ref.id == a.linked_id)
            action.triggered.connect(lambda _=False, target=ref.id: self.link(a.id, target))
            menu.addAction(action)
        if not refs:
            menu.addAction("(no other passage in this article)").setEnabled(False)

    # -- what the entries do (each one operation, one undo step) ----------------------------

    def _run(self, operation, *args) -> None:
        try:
            self.session.run(operation, *args)
        except (InvalidAnnotationError, KeyError) as error:
            self.report(str(error).strip("'\""))

    def retag(self, annotation_id: str, tag_id: str) -> None:
        self._run(editing.retag, annotation_id, tag_id)

    def link(self, annotation_id: str, target: str | None) -> None:
        self._run(editing.set_link, annotation_id, target)

    def delete(self, annotation_id: str) -> None:
        self._run(editing.remove_annotation, annotation_id)

    def edit_note(self, annotation_id: str) -> None:
        self.session.commit_pending()  # a note typed in the editor is the one to edit here
        a = self.session.annotation(annotation_id)
        if a is None:
            return
        note = self.ask_note(self.parent, f"Note on {self.session.tag_name(a.tag_id)}: “{excerpt(a.text)}”", a.note)
        if note is not None and note != a.note:
            self._run(editing.edit_note, annotation_id, note)


class TextMenu(PassageMenu):
    """The menu on the article text: the annotations under the pointer, innermost first, and
    "Tag selection with" while text is selected."""

    def __init__(self, view):
        super().__init__(view.session, view, view.statusMessage.emit)
        self.view = view
        view.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.edit.customContextMenuRequested.connect(self._requested)

    def menu_at(self, position: int) -> QMenu:
        """The menu for UTF-16 ``position`` in the text."""
        edit, has_selection = self.view.edit, self.view.edit.textCursor().hasSelection()
        menu = self.build(self._ids_at(position), self.view.tag_selection if has_selection else None)
        if has_selection:
            menu.addSeparator()
            menu.addAction("Copy", edit.copy)
        return menu

    def _ids_at(self, position: int) -> list[str]:
        offsets = self.view.offsets
        return [span.key for span in self.view.index.at(offsets.from_utf16(min(position, offsets.utf16_length)))]

    def _requested(self, point) -> None:
        edit = self.view.edit
        position = edit.cursorForPosition(point).position()
        ids = self._ids_at(position)
        if ids and not edit.textCursor().hasSelection():
            self.session.select_annotation(ids[0])  # the editor shows what the menu edits
        self.show_menu(self.menu_at(position), edit.viewport().mapToGlobal(point))
