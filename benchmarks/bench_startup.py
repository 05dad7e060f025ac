"""Start-up time of the command line and of the window, against a bare interpreter.

    python benchmarks/bench_startup.py [--runs 9]

Every command starts in a fresh process: `annotator --help`, each `annotator COMMAND --help`
(which builds the whole parser), and `annotator info` on a small project (storage imported,
the file opened). Runs of each are interleaved with runs of a bare `python -c pass`, so load
on the (shared) machine hits both alike; the table shows medians of wall time and of CPU time
(user + system, steadier under load) and the difference to the bare interpreter, which is what
the target counts: each command's start <= 150 ms over bare python.

The window: from process start to the main window shown on a project, its event loop
running and the first article laid out ("usable"), with pandas installed (it is in the
project's test extra). Target <= 0.6 s. Whether pandas or numpy were imported on the way is
reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

WINDOW_CHILD = r"""
import sys, time, json
start = time.perf_counter()
from annotator.ui.app import application, launch
from annotator.ui.settings import Settings
from PySide6.QtCore import QSettings, QTimer
app = application()
controller = launch(sys.argv[1], annotator="bench", settings=Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window = controller.windows[0]
def usable():
    print(json.dumps({"usable": time.perf_counter() - start, "title": window.windowTitle(),
                      "article": window.session.article_id,
                      "pandas": "pandas" in sys.modules, "numpy": "numpy" in sys.modules}))
    app.quit()
QTimer.singleShot(0, usable)  # the first turn of the event loop: the window is painted and answers
app.exec()
"""


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from timing import print_table

    from annotator.cli.main import COMMANDS
    from annotator.storage import Project

    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    python = sys.executable
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    project = folder / "study.annotator"
    from annotator.actions.sample_project import build_sample_project

    build_sample_project(project).close()
    commands = {"bare python -c pass": [python, "-c", "pass"],
                "annotator --help": [python, "-m", "annotator", "--help"],
                "annotator info PROJECT": [python, "-m", "annotator", "info", str(project)]}
    for name in COMMANDS:
        commands[f"annotator {name} --help"] = [python, "-m", "annotator", name, "--help"]
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():  # interleaved: load on the machine hits all alike
            samples[name].append(timed(command, env))
    bare_wall = statistics.median(w for w, _ in samples["bare python -c pass"])
    bare_cpu = statistics.median(c for _, c in samples["bare python -c pass"])
    rows = []
    for name, runs in samples.items():
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        over = cpu - bare_cpu
        rows.append((name, f"{wall * 1000:.0f}", f"{(wall - bare_wall) * 1000:+.0f}", f"{cpu * 1000:.0f}",
                     f"{over * 1000:+.0f}", "" if name.startswith("bare") else ("ok" if over <= 0.150 else "OVER")))
    print(f"Command-line start, medians of {args.runs} interleaved runs (ms)")
    print_table(rows, ("command", "wall", "wall - bare", "cpu", "cpu - bare", "<= 150 ms over bare"))

    ini = str(folder / "settings.ini")
    window = [json.loads(subprocess.run([python, "-c", WINDOW_CHILD, str(project), ini], env=env, capture_output=True,
                                        text=True, check=True).stdout.strip().splitlines()[-1])
              for _ in range(max(3, args.runs // 2))]
    usable = statistics.median(w["usable"] for w in window)
    print()
    print(f"Window: process start to usable window on the sample project, median of {len(window)} runs")
    print_table([(f"{usable:.2f} s", f"{usable - bare_wall:.2f} s", "ok" if usable <= 0.6 else "OVER",
                  str(window[0]["pandas"]), str(window[0]["numpy"]))],
                ("usable", "over bare", "<= 0.6 s", "pandas imported", "numpy imported"))


if __name__ == "__main__":
    main()
