"""Start the window: the QApplication, the user's settings, and which window to show first.

``run`` is what ``annotator [PROJECT] [--demo] [--annotator NAME]`` calls. ``launch`` does the
same without entering the event loop, so tests can start the app in-process.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from annotator import __version__
from annotator.ui.prompts import Prompts
from annotator.ui.settings import APPLICATION, ORGANIZATION, Settings
from annotator.ui.theme import apply_system_palette

EXIT_PROJECT_ERROR = 2


def run(project: str | None, demo: bool, annotator: str | None) -> int:
    """Open the window; return the process exit code (2 for a project that cannot be opened)."""
    if project and not demo:
        # Check before any window appears: a bad path is one line on stderr, not a traceback.
        from annotator.actions.projects import ProjectError, check_file

        try:
            check_file(project)
        except ProjectError as error:
            print(f"annotator: error: {error}", file=sys.stderr)
            return EXIT_PROJECT_ERROR
    if not has_display():
        # Qt would abort the process with a core dump; say what is wrong instead.
        print(
            "annotator: error: no display to open the window on (DISPLAY is not set); "
            "the commands work without one, e.g. 'annotator info PROJECT'",
            file=sys.stderr,
        )
        return EXIT_PROJECT_ERROR
    app = application()
    controller = launch(project, demo, annotator)
    if controller is None:
        return EXIT_PROJECT_ERROR
    return app.exec()


def has_display(environ=os.environ, platform: str = sys.platform) -> bool:
    """False on Linux/BSD with no X11 or Wayland display and no Qt platform chosen."""
    if not platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def application() -> QApplication:
    """The one QApplication, named so QSettings finds this user's preferences."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("annotator")
    app.setApplicationVersion(__version__)
    apply_system_palette(app)
    return app


def launch(
    project: str | None,
    demo: bool = False,
    annotator: str | None = None,
    *,
    settings: Settings | None = None,
    prompts: Prompts | None = None,
) -> "AppController | None":
    """Show the first window (a project, the sample project, or the start page)."""
    application()
    from annotator.actions.projects import is_server_study

    controller = AppController(settings or Settings(), prompts or Prompts())
    # On a server the login is the name (the server records every edit under it): asking for
    # another would only invite a mismatch. A file opened later asks then (_show_project).
    controller.ensure_annotator(annotator, ask=demo or not is_server_study(project))
    if demo:
        window = controller.open_sample()
    elif project:
        window = controller.open_project(project)
    else:
        window = controller.show_start_page()
    return controller if window is not None else None


class AppController(QObject):
    """Opens, creates and closes projects; owns the windows and the demo's temporary folder."""

    def __init__(self, settings: Settings, prompts: Prompts):
        super().__init__()
        self.settings = settings
        self.prompts = prompts
        self.annotator = ""
        self.windows: list[QWidget] = []
        self.start_page: QWidget | None = None
        self._temp_dirs: list[str] = []
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cleanup)

    def ensure_annotator(self, given: str | None, ask: bool = True) -> str:
        """The annotator's name: given on the command line, remembered, or asked once (unless
        ``ask`` is false: then "" until a project file needs it)."""
        from annotator.ui.name_dialog import default_name

        name = (given or "").strip() or self.settings.annotator_name
        if not name and not ask:
            return ""
        if not name:
            name = (self.prompts.annotator_name(None) or "").strip() or default_name() or "annotator"
        if name != self.settings.annotator_name:
            self.settings.annotator_name = name
        self.annotator = name
        return name

    # -- opening ----------------------------------------------------------------------------

    def open_project(self, path: str | Path, replacing: QWidget | None = None) -> QWidget | None:
        from annotator.actions.projects import ProjectError, open_project

        try:
            project = open_project(path)
        except ProjectError as error:
            self.prompts.error(replacing or self.start_page, "Cannot open project", str(error))
            return None
        from annotator.actions.projects import recent_entry

        self.settings.add_recent(recent_entry(path))
        return self._show_project(project, replacing)

    def new_project(self, parent: QWidget | None = None) -> QWidget | None:
        from annotator.actions.projects import ProjectError, create_project

        path = self.prompts.new_project_path(parent)
        if not path:
            return None
        try:
            project = create_project(path)
        except ProjectError as error:
            self.prompts.error(parent, "Cannot create project", str(error))
            return None
        self.settings.add_recent(path)
        return self._show_project(project, parent if parent is not self.start_page else None)

    def open_dialog(self, parent: QWidget | None = None) -> QWidget | None:
        path = self.prompts.open_project_path(parent)
        if not path:
            return None
        return self.open_project(path, parent if parent is not self.start_page else None)

    def open_sample(self, parent: QWidget | None = None) -> QWidget | None:
        """A fresh copy of the sample project in a temporary folder (removed on quit)."""
        from annotator.actions.sample_project import build_sample_project

        folder = tempfile.mkdtemp(prefix="annotator-demo-")
        self._temp_dirs.append(folder)
        project = build_sample_project(Path(folder) / "sample.annotator")
        return self._show_project(project, parent if parent is not self.start_page else None)

    def show_start_page(self) -> QWidget:
        from annotator.ui.start_page import StartPage

        page = StartPage(self.settings.recent_projects)
        page.newRequested.connect(lambda: self.new_project(page))
        page.openRequested.connect(lambda: self.open_dialog(page))
        page.sampleRequested.connect(lambda: self.open_sample(page))
        page.recentChosen.connect(lambda path: self.open_project(path))
        self.start_page = page
        page.show()
        return page

    def close_window(self, window: QWidget, show_start: bool = True) -> None:
        """A project window closed: forget it; with none left, offer the start page again."""
        if window in self.windows:
            self.windows.remove(window)
        if show_start and not self.windows and self.start_page is None:
            self.show_start_page()

    def _show_project(self, project, replacing: QWidget | None) -> QWidget:
        from annotator.ui.main_window import MainWindow
        from annotator.ui.session import ProjectSession

        # The settings hold the name last chosen (a window's status bar may have changed it);
        # on a server the name is the login, which the server holds every edit to.
        name = project.signed_in_as or self.settings.annotator_name or self.annotator or self.ensure_annotator(None)
        session = ProjectSession(project, name)
        window = MainWindow(session, self.settings, self)
        from annotator.ui.live_updates import LiveUpdates

        # A server study: colleagues' changes show as they happen (a file has no colleagues).
        window.live_updates = LiveUpdates.attach(session)
        from annotator.ui.unsent_edits import UnsentEditsController

        # A server study: an edit the server cannot take now is kept, shown, and sent later.
        window.unsent_edits = UnsentEditsController.attach(window)
        self.windows.append(window)
        if replacing is not None and replacing in self.windows:
            self.windows.remove(replacing)
            replacing.close()
        if self.start_page is not None:
            self.start_page.close()
            self.start_page = None
        window.show()
        window.activateWindow()
        window.open_initial_article()
        return window

    def cleanup(self) -> None:
        for folder in self._temp_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._temp_dirs.clear()
