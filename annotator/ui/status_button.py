"""The article's status in the status bar, as a button: click it to set To do, In progress or
Done. Each choice is the session's status operation (one undo step), the same one Ctrl+Enter
and Go › Mark done use, so Done still asks first when the project wants every article
variable set."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from annotator.core.model import Status
from annotator.ui.corpus_model import STATUS_LABELS


class ArticleStatusButton(QToolButton):
    """Shows "Article: To do"; its menu sets the open article's status."""

    def __init__(self, session, before_done: Callable[[], bool] | None = None, parent: QWidget | None = None):
        super().__init__(parent, autoRaise=True, objectName="articleStatus")
        self.session = session
        # Asked before Done is set; False leaves the status as it is (see Navigator.before_done).
        self.before_done = before_done
        self.setToolTip("This article's status; click to set it (undo with Ctrl+Z)")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        group = QActionGroup(self, exclusive=True)
        self.status_actions: dict[Status, QAction] = {}
        for status in (Status.TODO, Status.IN_PROGRESS, Status.DONE):
            action = QAction(STATUS_LABELS[status.value], self, checkable=True)
            action.triggered.connect(lambda _checked=False, s=status: self.choose(s))
            group.addAction(action)
            self.status_menu.addAction(action)
            self.status_actions[status] = action
        self.setMenu(self.status_menu)
        session.articleOpened.connect(lambda _id: self.refresh())
        session.articleStatusChanged.connect(lambda _id, _status: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Show the open article's status (and tick it in the menu)."""
        article = self.session.article
        self.setEnabled(article is not None)
        self.setText(f"Article: {STATUS_LABELS.get(article.status.value, '')}" if article else "")
        for status, action in self.status_actions.items():
            action.setChecked(article is not None and article.status is status)

    def choose(self, status: Status) -> None:
        """Set the open article's status (one undo step); nothing if it already has it."""
        article = self.session.article
        if article is None or article.status is status:
            self.refresh()
            return
        if status is Status.DONE and self.before_done is not None and not self.before_done():
            self.refresh()
            return
        self.session.set_status(article.id, status)
        self.refresh()  # a refused write leaves the old status ticked
