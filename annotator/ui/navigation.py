"""Moving between articles in the order the corpus list shows them."""

from __future__ import annotations

from collections.abc import Callable

from annotator.core.model import Status
from annotator.ui.corpus_model import CorpusModel


class Navigator:
    """Next / previous / next to do / mark done and go on, over the corpus list's rows."""

    def __init__(self, session, model: CorpusModel):
        self.session = session
        self.model = model
        # Asked before an article is marked done; False keeps it open (the variables panel
        # asks when the project wants every variable set first).
        self.before_done: Callable[[], bool] | None = None

    def current_row(self) -> int:
        article_id = self.session.article_id
        if article_id is None:
            return -1
        row = self.model.row_of(article_id)
        return -1 if row is None else row

    def next_article(self) -> bool:
        return self._open(self.model.find_row(self.current_row() + 1, 1, lambda _r: True))

    def previous_article(self) -> bool:
        row = self.current_row()
        return self._open(self.model.find_row(row - 1, -1, lambda _r: True) if row > 0 else None)

    def next_todo(self) -> bool:
        """The next article still to do after this one, wrapping round to the top of the list."""
        current = self.current_row()

        def still_to_do(row) -> bool:
            return row.status == Status.TODO.value and row.id != self.session.article_id

        found = self.model.find_row(current + 1, 1, still_to_do)
        if found is None and current > 0:
            found = self.model.find_row(0, 1, still_to_do)
            found = found if found is not None and found < current else None
        return self._open(found)

    def mark_done_and_next(self) -> bool:
        if self.session.article_id is None:
            return False
        if self.before_done is not None and not self.before_done():
            return False
        self.session.set_status(self.session.article_id, Status.DONE)
        return self.next_todo()

    def _open(self, row: int | None) -> bool:
        article_id = self.model.article_id(row) if row is not None else None
        if article_id is None:
            return False
        self.session.open_article(article_id)
        return True
