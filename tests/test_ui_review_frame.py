"""Review mode frames the current difference, all of it (issue 13): fresh demo, review mode
(Ctrl+Shift+R), F8. The frame used to stay on the previous difference while the current one,
over two lines, got a sliver at its first character, because only the cursor's pixels were
repainted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence, QRegion

from tests.ui_shell_fixtures import prompts, settings  # noqa: F401 - fixtures


class PaintedRegions(QObject):
    """Collects the regions a widget repaints."""

    def __init__(self, widget):
        super().__init__()
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


@pytest.fixture
def demo(qtbot, settings, prompts):  # noqa: F811
    from annotator.ui.app import launch

    controller = launch(None, demo=True, annotator="rita", settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    window.resize(1300, 850)
    qtbot.waitExposed(window)
    yield window
    window.close()
    controller.cleanup()


def covers(region: QRegion, rects) -> bool:
    return all(region.contains(r.toAlignedRect()) for r in rects)


def test_f8_moves_the_frame_to_the_whole_next_difference(qtbot, demo):
    review = demo.review_mode
    assert review.toggle.shortcut() == QKeySequence("Ctrl+Shift+R")
    assert review.next.shortcut() == QKeySequence("F8")
    review.toggle.trigger()
    view = review.panel.view
    qtbot.waitUntil(lambda: bool(view.current_rects()), timeout=5000)
    qtbot.wait(50)
    before = review.panel.current_difference()
    old_frame = view.current_rects()

    painted = PaintedRegions(view.viewport())
    review.next.trigger()
    qtbot.wait(100)
    current = review.panel.current_difference()
    assert current is not None and current.key != before.key
    new_frame = view.current_rects()
    # The current difference of the demo's first article runs over two lines: one rectangle
    # per line, together reaching from its first character to its last.
    assert len(new_frame) >= 2
    doc_start, doc_end = (view._offsets.to_utf16(x) for x in (current.start, current.end))
    first, last = view.textCursor(), view.textCursor()
    first.setPosition(doc_start)
    last.setPosition(doc_end - 1)
    assert any(r.contains(view.cursorRect(first).center()) for r in new_frame)
    assert any(r.contains(view.cursorRect(last).center()) for r in new_frame)
    # ... and the screen was repainted where the old frame was and where the new one is.
    assert covers(painted.region, old_frame), "the old frame stays on screen"
    assert covers(painted.region, new_frame), "the new frame is only partly drawn"
