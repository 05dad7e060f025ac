"""The export dialog's "Which annotations" box: annotators, tags and article status, each
annotator and tag with how many annotations it has.

Under blind coding (the window hides other coders, :mod:`annotator.ui.blind_coding`) the box
names only the coder, counts only their annotations and exports only theirs: other coders'
names, their numbers and their work stay out of sight, as in the article and the corpus list.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout

from annotator.actions import queries
from annotator.actions.export import ExportError
from annotator.ui.check_list import CheckList
from annotator.ui.corpus_model import STATUS_LABELS


class ExportFilters(QGroupBox):
    """Ticked annotators and tags, and the status an exported article must have."""

    def __init__(self, session, parent=None):
        super().__init__("Which annotations", parent)
        self.session, self.project = session, session.project
        self.annotators = CheckList("Annotators", "(no annotations yet)")
        self.tags = CheckList("Tags", "(the codebook is empty)")
        self.status_combo = QComboBox()
        self.status_combo.addItem("All articles", None)
        for value, label in STATUS_LABELS.items():
            self.status_combo.addItem(f"Only articles marked “{label}”", value)
        self.blind_note = QLabel(wordWrap=True)
        self.blind_note.setObjectName("exportBlindNote")
        self.fill()

        layout = QVBoxLayout(self)
        layout.addWidget(self.blind_note)
        lists = QHBoxLayout()
        lists.addWidget(self.annotators, 1)
        lists.addSpacing(12)
        lists.addWidget(self.tags, 1)
        layout.addLayout(lists, 1)
        status_row = QFormLayout()
        status_row.addRow("Articles:", self.status_combo)
        layout.addLayout(status_row)

    def own_only(self) -> str | None:
        """The coder's name while blind coding hides the others, else None."""
        return self.session.annotator if self.session.hidden_annotators else None

    def fill(self) -> None:
        own = self.own_only()
        by_annotator = queries.annotations_by_annotator(self.project)
        # Everyone with work: a coder who has written only memos or article values so far is
        # listed (with 0 annotations) so that their memos can be chosen, or left out.
        names = [own] if own is not None else queries.everyone(self.project)
        self.annotators.set_items([(name, f"{name}  ({by_annotator.get(name, 0):,})", None) for name in names])
        self.blind_note.setText(
            f"Blind coding is on: only your annotations ({own}) are counted and exported, and only your memos. "
            "To export everyone's, turn blind coding off (View menu)." if own is not None else "")
        self.blind_note.setVisible(own is not None)
        by_tag = queries.annotations_by_tag(self.project, own)
        self.tags.set_items([
            (tag.name, f"{tag.name}  ({by_tag.get(tag.id, 0):,})" + ("  retired" if tag.retired else ""), tag.colour)
            for tag in self.session.tags(include_retired=True)
        ])

    def options(self) -> dict:
        """The ``annotators``, ``tags`` and ``status`` arguments of the export; ExportError
        when a list has items but none is ticked (the export would be empty)."""
        annotators, tags = self.annotators.filter(), self.tags.filter()
        if self.own_only() is not None:
            annotators = self.annotators.checked()  # never None ("everyone"): only the coder
        if annotators == [] and self.annotators.keys():
            raise ExportError("tick at least one annotator")
        if tags == [] and self.tags.keys():
            raise ExportError("tick at least one tag")
        return dict(annotators=annotators, tags=tags, status=self.status_combo.currentData())
