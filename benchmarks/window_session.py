"""Actions per passage, counted in the real window: a coder codes every passage of the
held-out fictional tabloid articles (tests/suggestion_gold/heldout, 47 hand-coded passages each)
with suggestions on, through real X key presses, drags and wheel clicks sent by xdotool.

    python benchmarks/window_session.py [--display :17] [--claims] [--keep] [--gold-dir DIR]
                                        [--set NAME=true|false]...

``--gold-dir`` codes the articles of another folder of hand-coded gold in the same format
(``gold.json`` beside the articles), e.g. ``tests/suggestion_gold/independent``. ``--set``
changes a yes/no codebook setting of the suggestions for the run (the convention a gold was
coded under, e.g. ``--set sensational_in_quotes=true --set indirect_quotes=false``).

Needs Xvfb and xdotool. The window runs in its own process, exactly as ``annotator PROJECT``
starts it, plus a read-only probe (a timer answering requests in files) that tells the
driver what the coder would see: the current suggestion, the coder's annotations, and where
a character is on the screen. The coder's strategy:

1. Space once: the first suggestion becomes current.
2. For each suggestion in turn: Enter when it is right to the character (the next becomes
   current), else Delete (the next becomes current). One action each.
3. Each gold passage still uncoded: scroll the wheel until it is on screen, drag over it, press
   the tag's key. Two ways: *exact* (the drag starts and ends on the passage's first and last
   character, and Alt+key tags it as selected, no snapping) and *ordinary* (the drag starts
   and ends a few pixels off, somewhere inside the first and last word; the key snaps it to
   whole words; then Alt+Left/Right and Ctrl+Alt+Shift+Left/Right nudge each end one
   character, as many times as it takes).

An action is a key press (with its modifiers), a drag or a click; wheel clicks are counted
apart (the issue's figures do not count scrolling). At the end the coder's annotations are
compared with the gold: the run only counts if every passage is coded exactly, nothing more.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HELDOUT = ROOT / "tests" / "suggestion_gold" / "heldout"
CODER = "coder"
TIMEOUT = 20.0


# -- the window's side: the app as `annotator PROJECT` starts it, plus the probe ----------------

def run_app(project: str, probe_dir: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from annotator.ui import app as app_module

    qapp = app_module.application()
    controller = app_module.launch(project, False, CODER)
    if controller is None:
        return 2
    probe = Path(probe_dir)

    def window():
        return next(w for w in QApplication.topLevelWidgets() if hasattr(w, "suggestions") and w.isVisible())

    def answer(request: dict) -> dict:
        w = window()
        edit, session, model = w.article_view.edit, w.session, w.suggestions.model
        if request["what"] == "state":
            current = model.current
            tags = {t.id: t.name for t in session.tags(include_retired=True)}
            focus = QApplication.focusWidget()
            return {
                "loaded": session.article is not None and len(model) > 0,
                "current": None if current is None else [current.tag, current.start, current.end],
                "remaining": len(model),
                "annotations": sorted([tags[a.tag_id], a.start, a.end] for a in session.annotations()
                                      if a.annotator == CODER),
                "focus": type(focus).__name__ if focus is not None else None,
                "window": int(w.winId()),
            }
        if request["what"] == "points":
            viewport = edit.viewport()
            out = []
            for offset in request["offsets"]:
                cursor = QTextCursor(edit.document())
                cursor.setPosition(offset)
                rect = edit.cursorRect(cursor)
                local = rect.center()
                local.setX(rect.left())
                glob = viewport.mapToGlobal(local)
                out.append([glob.x(), glob.y(), viewport.rect().contains(local), rect.height()])
            centre = viewport.mapToGlobal(viewport.rect().center())
            return {"points": out, "viewport_centre": [centre.x(), centre.y()]}
        return {"error": "unknown request"}

    def poll() -> None:
        for path in sorted(probe.glob("req-*.json")):
            try:
                request = json.loads(path.read_text())
            except ValueError:
                continue  # half written: next tick
            path.unlink()
            try:
                reply = answer(request)
            except StopIteration:
                reply = {"error": "no window yet"}
            tmp = probe / f"tmp-{path.stem[4:]}"
            tmp.write_text(json.dumps(reply))
            tmp.rename(probe / f"resp-{path.stem[4:]}.json")

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    return qapp.exec()


# -- the coder's side -----------------------------------------------------------------------------

class Window:
    """The running window, seen through the probe and driven through xdotool."""

    def __init__(self, display: str, probe: Path):
        self.display, self.probe = display, probe
        self.env = {**os.environ, "DISPLAY": display}
        self.actions: list[str] = []
        self.wheel = 0
        self._n = 0

    def ask(self, what: str, **more) -> dict:
        self._n += 1
        name = f"{self._n:06d}"
        tmp = self.probe / f"tmp-q{name}"
        tmp.write_text(json.dumps({"what": what, **more}))
        tmp.rename(self.probe / f"req-{name}.json")
        reply = self.probe / f"resp-{name}.json"
        deadline = time.monotonic() + TIMEOUT
        while not reply.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the window did not answer {what!r}")
            time.sleep(0.01)
        data = json.loads(reply.read_text())
        reply.unlink()
        return data

    def xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True)

    def key(self, keys: str) -> None:
        self.actions.append(keys)
        self.xdo("key", "--clearmodifiers", keys)

    def drag(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        self.actions.append("drag")
        self.xdo("mousemove", str(start[0]), str(start[1]), "mousedown", "1",
                 "mousemove", str((start[0] + end[0]) // 2), str((start[1] + end[1]) // 2),
                 "mousemove", str(end[0]), str(end[1]), "mouseup", "1")

    def scroll(self, down: bool, at: tuple[int, int]) -> None:
        self.wheel += 1
        self.xdo("mousemove", str(at[0]), str(at[1]), "click", "5" if down else "4")

    def state(self) -> dict:
        return self.ask("state")

    def wait(self, condition, what: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            state = self.state()
            if condition(state):
                return state
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited in vain for {what}: {state}")
            time.sleep(0.03)


def gold_spans(folder: Path = HELDOUT) -> dict[str, tuple[str, list[tuple[str, int, int]]]]:
    """Each article of ``folder``: its text and its gold ``(tag, start, end)`` in reading order."""
    sys.path.insert(0, str(HELDOUT.parent))
    from load import load_gold  # tests/suggestion_gold/load.py

    gold, texts = load_gold(folder)
    return {doc: (text, sorted({(g.tag, g.start, g.end) for g in gold if g.doc == doc},
                               key=lambda g: (g[1], g[2], g[0])))
            for doc, text in sorted(texts.items())}


def make_project(folder: Path, text: str, claims: bool, settings: dict[str, bool] | None = None) -> Path:
    from annotator.actions import suggestions as sg
    from annotator.core.model import NewArticle
    from annotator.storage import Project

    path = folder / "session.annotator"
    with Project.create(path) as project:
        project.articles.add(NewArticle(text=text, title=text.split("\n", 1)[0].title() + " (fictional)"))
        if claims or settings:
            sg.set_setting(project, **{**(settings or {}), **({"claims": True} if claims else {})})
    return path


def code_session(display: str, text: str, gold: list, claims: bool, sloppy: bool, keep: bool,
                 settings: dict[str, bool] | None = None) -> dict:
    assert all(ord(c) < 0x10000 for c in text), "offsets below are UTF-16 = code points only in the BMP"
    folder = Path(tempfile.mkdtemp(prefix="window-session-"))
    project = make_project(folder, text, claims, settings)
    probe = folder / "probe"
    probe.mkdir()
    env = {**os.environ, "DISPLAY": display, "XDG_CONFIG_HOME": str(folder / "config"),
           "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)
    app = subprocess.Popen([sys.executable, __file__, "--app", str(project), str(probe)], env=env,
                           stdout=subprocess.DEVNULL, stderr=open(folder / "app.log", "w"))
    w = Window(display, probe)
    rng = random.Random(7)
    keys = {"Claim": "1", "Quote": "2", "Source attribution": "3", "Sensational language": "4"}
    started = time.monotonic()
    try:
        state = w.wait(lambda s: s["loaded"] and s["remaining"] > 0, "the window and its suggestions")
        w.xdo("windowfocus", "--sync", str(state["window"]))
        suggested = state["remaining"]
        wanted = set(map(tuple, gold))
        # 1-2: step through the suggestions, Enter or Delete each.
        w.key("space")
        state = w.wait(lambda s: s["current"] is not None, "a current suggestion")
        accepted = rejected = 0
        while state["current"] is not None:
            current = tuple(state["current"])
            left = state["remaining"]
            if current in wanted and list(current) not in state["annotations"]:
                w.key("Return")
                accepted += 1
                state = w.wait(lambda s: list(current) in s["annotations"] and s["remaining"] < left,
                               f"{current} accepted")
            else:
                w.key("Delete")
                rejected += 1
                state = w.wait(lambda s: s["remaining"] < left, f"{current} rejected")
        # 3: what is left, by hand.
        by_hand = nudges = 0
        for passage in gold:
            if list(passage) in w.state()["annotations"]:
                continue
            tag, start, end = passage
            by_hand += 1
            points = _on_screen(w, start, end)
            if sloppy:
                first = _word_end(text, start)
                last = _word_start(text, end)
                a = rng.randint(start, max(start, min(first, start + 2)))
                b = rng.randint(min(end, max(last, end - 2)), end)
                if b <= a:  # a short word: both ends fell on one character, which is a click, not a drag
                    b = end
                pa, pb = w.ask("points", offsets=[a, b])["points"]
                jitter = lambda p: (p[0] + rng.randint(-2, 2), p[1] + rng.randint(-3, 3))  # noqa: E731
                w.drag(jitter(pa), jitter(pb))
                w.key(keys[tag])
            else:
                w.drag(tuple(points[0][:2]), tuple(points[1][:2]))
                w.key(f"alt+{keys[tag]}")
            before = {tuple(a) for a in state["annotations"]}
            state = w.wait(lambda s: len(s["annotations"]) > len(before), f"{passage} tagged")
            made = next(tuple(a) for a in state["annotations"] if tuple(a) not in before)
            # Nudge the ends one character at a time until the passage is exact.
            for _ in range(12):
                if made == passage:
                    break
                if made[2] != end:
                    w.key("alt+Right" if made[2] < end else "alt+Left")
                else:
                    w.key("ctrl+alt+shift+Left" if made[1] > start else "ctrl+alt+shift+Right")
                nudges += 1
                old = made
                state = w.wait(lambda s: list(old) not in s["annotations"], f"{old} nudged")
                made = next(tuple(a) for a in state["annotations"] if tuple(a) not in before)
        final = {tuple(a) for a in w.state()["annotations"]}
        shot = folder / "end.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=w.env, check=False)
    except TimeoutError as error:  # what the screen showed, for whoever looks into it
        subprocess.run(["import", "-window", "root", str(folder / "timeout.png")], env=w.env, check=False)
        raise TimeoutError(f"{error} (screen: {folder / 'timeout.png'}, keys: {w.actions[-6:]})") from None
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
    result = {
        "passages": len(gold), "suggested": suggested, "accepted": accepted, "rejected": rejected,
        "by_hand": by_hand, "nudges": nudges, "actions": len(w.actions), "wheel": w.wheel,
        "exact": final == set(map(tuple, gold)), "missing": sorted(set(map(tuple, gold)) - final),
        "extra": sorted(final - set(map(tuple, gold))), "seconds": time.monotonic() - started,
        "screenshot": str(shot), "log": [a for a in w.actions],
    }
    if not keep and result["exact"]:
        shutil.rmtree(folder, ignore_errors=True)
        result["screenshot"] = ""
    return result


def _on_screen(w: Window, start: int, end: int) -> list:
    """Wheel until both ends of the passage are in the viewport; their points."""
    for _ in range(200):
        reply = w.ask("points", offsets=[start, end])
        points = reply["points"]
        if points[0][2] and points[1][2]:
            return points
        below = not points[1][2] and points[0][1] >= reply["viewport_centre"][1] or not points[0][2] and \
            points[0][1] > reply["viewport_centre"][1]
        w.scroll(down=below, at=tuple(reply["viewport_centre"]))
        time.sleep(0.05)
    raise TimeoutError("could not scroll the passage into view")


def _word_end(text: str, start: int) -> int:
    i = start
    while i < len(text) and text[i].isalnum():
        i += 1
    return max(start, i - 1)


def _word_start(text: str, end: int) -> int:
    i = end
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    return min(end, i + 1)


def ensure_display(display: str) -> subprocess.Popen | None:
    if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode == 0:
        return None
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    for _ in range(100):
        if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode == 0:
            return server
        time.sleep(0.1)
    raise RuntimeError(f"Xvfb {display} did not start")


def main() -> None:
    if sys.argv[1:2] == ["--app"]:
        sys.exit(run_app(sys.argv[2], sys.argv[3]))
    display = sys.argv[sys.argv.index("--display") + 1] if "--display" in sys.argv else ":17"
    claims, keep = "--claims" in sys.argv, "--keep" in sys.argv
    folder = Path(sys.argv[sys.argv.index("--gold-dir") + 1]).resolve() if "--gold-dir" in sys.argv else HELDOUT
    if not (folder / "gold.json").is_file():
        sys.exit(f"no gold.json in {folder}")
    articles = gold_spans(folder)
    settings = {}
    for k, arg in enumerate(sys.argv):
        if arg == "--set":
            name, _, value = sys.argv[k + 1].partition("=")
            if value not in ("true", "false"):
                sys.exit(f"--set {sys.argv[k + 1]}: expected NAME=true or NAME=false")
            settings[name] = value == "true"
    server = ensure_display(display)
    try:
        rows = []
        fields = ("passages", "suggested", "accepted", "rejected", "by_hand", "nudges", "actions", "wheel")
        for sloppy in (False, True):
            style = "ordinary drag" if sloppy else "exact drag, Alt+key"
            total = dict.fromkeys(fields, 0)
            for doc, (text, gold) in articles.items():
                r = code_session(display, text, gold, claims, sloppy, keep, settings)
                rows.append((doc, style, *(r[f] for f in fields[:-2]), r["actions"],
                             f"{r['actions'] / r['passages']:.2f}", r["wheel"],
                             "yes" if r["exact"] else f"NO {r['missing']} {r['extra']}", f"{r['seconds']:.0f}"))
                total = {f: total[f] + r[f] for f in fields}
                if keep:
                    print(json.dumps(r, ensure_ascii=False))
            rows.append((f"all {len(articles)} articles", style, *(total[f] for f in fields[:-2]), total["actions"],
                         f"{total['actions'] / total['passages']:.2f}", total["wheel"], "", ""))
        from timing import print_table

        print(f"Hand-coded articles of {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}, "
              f"real window on {display}, claims {'on' if claims else 'off'}"
              + "".join(f", {k} {'on' if v else 'off'}" for k, v in settings.items()) + ":")
        print_table(rows, ("article", "hand tagging", "passages", "suggested", "Enter", "Delete", "by hand", "nudges",
                           "actions", "per passage", "wheel", "all exact", "s"))
    finally:
        if server is not None:
            server.terminate()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
