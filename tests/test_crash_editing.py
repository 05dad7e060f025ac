"""Kill a child process at every SQL statement of a scripted coding session and find each
action whole or absent.

The session (tests/crash_sequence.py): add the first annotation on a to-do article (which moves
it to "in progress"), delete an annotation that another one links to, undo, redo. A reference
run records the project's state after each action and how many statements each took. Then,
for every statement N, a forked child runs the same session on a fresh copy and SIGKILLs
itself just before statement N; the file must hold exactly the state after the actions
completed before N — never a tag without its status move, a deletion without its unlinking,
an undo that restored the annotation but not its link — and pass SQLite's integrity and
foreign-key checks.

Short setting (CI, every statement of the four actions): a few seconds. Full setting
(``ANNOTATOR_CRASH_FULL=1``): the four actions plus retag, character nudge, note, mark done,
autocode over the corpus, six undos and six redos — every statement of those too.
"""

from __future__ import annotations

import os
import shutil
import signal
from bisect import bisect_left

import pytest

from crash_sequence import Session, build, state

from annotator.storage import Project

FULL = os.environ.get("ANNOTATOR_CRASH_FULL") == "1"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash test forks")


def run(path, full: bool, kill_at: int | None = None, after_step=None) -> list[int]:
    """Run the session on ``path``; returns the statement count at each action's end.
    With ``kill_at``, the process kills itself just before that statement runs."""
    project = Project.open(path)
    executed = 0

    def trace(_sql: str) -> None:
        nonlocal executed
        executed += 1
        if executed == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    project.db.conn.set_trace_callback(trace)
    session = Session(project)
    boundaries = [executed]
    for step in session.steps(full):
        step()
        boundaries.append(executed)
        if after_step is not None:
            after_step()
    project.db.conn.set_trace_callback(None)
    project.close()
    return boundaries


@pytest.fixture
def pristine(tmp_path):
    path = tmp_path / "pristine.annotator"
    build(path)
    return path


def test_every_action_is_whole_or_absent_after_a_kill_at_any_statement(pristine, tmp_path):
    reference = tmp_path / "reference.annotator"
    shutil.copy(pristine, reference)
    states = [state(reference)]
    boundaries = run(reference, FULL, after_step=lambda: states.append(state(reference)))
    assert all(a != b for a, b in zip(states, states[1:])), "every action must change the file"
    total = boundaries[-1]
    assert total > len(states)  # several statements per action: there is something to cut

    checked: list[int] = []
    for n in range(boundaries[0] + 1, total + 1):
        copy = tmp_path / f"kill-{n}.annotator"
        shutil.copy(pristine, copy)
        pid = os.fork()
        if pid == 0:  # the child: run until statement n kills it
            try:
                run(copy, FULL, kill_at=n)
            finally:
                os._exit(0)
        _pid, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"statement {n} was not reached"
        completed = bisect_left(boundaries[1:], n)  # actions whose every statement ran before n
        found = state(copy)
        assert found[2] == "ok" and found[3] == (), f"damaged file after a kill at statement {n}"
        assert found == states[completed], (
            f"kill before statement {n}: expected the state after {completed} actions; "
            f"{'it matches an earlier or later one' if found in states else 'it matches none: half an action'}"
        )
        checked.append(n)
        for leftover in copy.parent.glob(copy.name + "*"):
            leftover.unlink()
    assert len(checked) == total - boundaries[0]
    print(f"{len(checked)} kill points over {len(states) - 1} actions, each whole or absent")
